// A citizen follows an online request (/online/status?code=…&token=…): status, the history with
// the back office's notes, the uploaded documents, and, while the back office waits for them, the
// question with a form to answer it (text and the form's documents). Without a link, code and key
// can be typed in.
import { useEffect, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Fieldset, TextArea, TextField } from '../../components/Field';
import { Layout } from '../../components/Layout';
import { ApiError } from '../../lib/api';
import {
  answerCase,
  caseDocumentPath,
  getCase,
  getOnlineServices,
  uploadsOf,
  type DocumentRequirement,
  type OnlineCase,
} from '../../lib/cases';
import { formatDateTime } from '../../lib/format';
import { type Lang, useTexts } from '../../lib/i18n';
import { navigate, queryParam } from '../../lib/router';
import { FileControl, type T } from './OnlinePage';
import { onlineTexts } from './texts';

function AnswerForm(props: {
  found: OnlineCase;
  token: string;
  documents: DocumentRequirement[];
  lang: Lang;
  t: T;
  onAnswered: (c: OnlineCase) => void;
}) {
  const { found, token, documents, lang, t, onAnswered } = props;
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = [...found.history].reverse().find((e) => e.to === 'waiting_for_citizen');

  const send = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('answerRequired'));
      document.getElementById('answer-text')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const uploads = await uploadsOf(documents, files);
      onAnswered(await answerCase(found.code, token, text, uploads));
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? e.message : t('networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="stack" aria-labelledby="answer-title" id="case-answer">
      <h2 id="answer-title" class="kern-heading-medium">
        {t('answerTitle')}
      </h2>
      {asked?.note ? (
        <div class="stack">
          <p class="kern-body kern-body--bold">{t('question')}</p>
          <blockquote class="kern-body" id="case-question">
            {asked.note}
          </blockquote>
        </div>
      ) : null}
      <form class="stack" onSubmit={send} noValidate>
        <ErrorAlert error={error} title={t('errorTitle')} />
        <TextArea id="answer-text" label={t('answerLabel')} value={text} onInput={setText} rows={5} required />
        {documents.length > 0 ? (
          <Fieldset legend={t('answerFiles')}>
            {documents.map((d) => (
              <FileControl
                key={d.id}
                doc={{ ...d, required: false }}
                error={null}
                lang={lang}
                t={t}
                onFile={(file) => setFiles((before) => ({ ...before, [d.id]: file }))}
              />
            ))}
          </Fieldset>
        ) : null}
        <div class="actions">
          <Button type="submit" busy={busy}>
            {t('answerSend')}
          </Button>
        </div>
      </form>
    </section>
  );
}

export default function StatusPage() {
  const { t, lang } = useTexts(onlineTexts);
  const code = queryParam('code') ?? '';
  const token = queryParam('token') ?? '';
  const [found, setFound] = useState<OnlineCase | null>(null);
  const [serviceName, setServiceName] = useState('');
  const [documents, setDocuments] = useState<DocumentRequirement[]>([]);
  const [answered, setAnswered] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typedCode, setTypedCode] = useState(code);
  const [typedToken, setTypedToken] = useState(token);

  useEffect(() => {
    if (!code || !token) return;
    setError(null);
    getCase(code, token)
      .then((c) => {
        setFound(c);
        return getOnlineServices().then((forms) => {
          const f = forms.find((x) => x.service_id === c.service);
          setServiceName(f ? (lang === 'en' ? f.name_en : f.name_de) : c.service);
          setDocuments(f ? f.documents : []);
        });
      })
      .catch((e: unknown) =>
        setError(e instanceof ApiError && e.status === 404 ? t('notFound') : t('networkError')),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, token, lang]);

  const statusText = (s: string) => t(`st_${s}` as 'st_done');

  return (
    <Layout title={t('statusTitle')} app={t('app')}>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{t('statusTitle')}</h1>
        <ErrorAlert error={error} title={t('errorTitle')} />
        {!code || !token || error ? (
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault();
              navigate(
                `/online/status?code=${encodeURIComponent(typedCode.trim())}&token=${encodeURIComponent(typedToken.trim())}`,
              );
            }}
          >
            <TextField id="code" label={t('codeLabel')} value={typedCode} onInput={setTypedCode} required />
            <TextField id="token" label={t('tokenLabel')} value={typedToken} onInput={setTypedToken} required />
            <div class="actions">
              <Button type="submit">{t('show')}</Button>
            </div>
          </form>
        ) : null}
        {found ? (
          <>
            <dl class="facts" id="case-details">
              <div>
                <dt class="kern-body kern-body--bold">{t('code')}</dt>
                <dd class="kern-body">{found.code}</dd>
              </div>
              <div>
                <dt class="kern-body kern-body--bold">{t('service')}</dt>
                <dd class="kern-body">{serviceName}</dd>
              </div>
              <div>
                <dt class="kern-body kern-body--bold">{t('received')}</dt>
                <dd class="kern-body">{formatDateTime(found.created_at, lang)}</dd>
              </div>
            </dl>
            <div id="case-status" data-status={found.status}>
              <Alert
                kind={found.status === 'rejected' ? 'warning' : found.status === 'done' ? 'success' : 'info'}
                title={`${t('status')}: ${statusText(found.status)}`}
              />
            </div>
            {answered ? (
              <div id="answer-sent">
                <Alert kind="success" title={t('answerThanks')} />
              </div>
            ) : null}
            {found.status === 'waiting_for_citizen' ? (
              <AnswerForm
                found={found}
                token={token}
                documents={documents}
                lang={lang}
                t={t}
                onAnswered={(c) => {
                  setFound(c);
                  setAnswered(true);
                }}
              />
            ) : null}
            <section class="stack" aria-labelledby="history-title">
              <h2 id="history-title" class="kern-heading-medium">
                {t('history')}
              </h2>
              <ol class="stack">
                {found.history.map((e, i) => (
                  <li key={i} class="kern-body">
                    {formatDateTime(e.at, lang)}: {statusText(e.to)}
                    {e.note ? <> – {e.note}</> : null}
                  </li>
                ))}
              </ol>
            </section>
            {found.documents.length > 0 ? (
              <section class="stack" aria-labelledby="documents-title">
                <h2 id="documents-title" class="kern-heading-medium">
                  {t('documents')}
                </h2>
                <ul class="stack">
                  {found.documents.map((d) => (
                    <li key={d.number}>
                      <a class="kern-link" href={caseDocumentPath(found.code, d.number, token)}>
                        {d.file_name}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        ) : null}
      </div>
    </Layout>
  );
}
