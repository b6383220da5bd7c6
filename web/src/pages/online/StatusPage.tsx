// A citizen follows an online request (/online/status?code=…&token=…): status, the history with
// the back office's notes, the uploaded documents. Without a link, code and key can be typed in.
import { useEffect, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Layout } from '../../components/Layout';
import { ApiError } from '../../lib/api';
import { caseDocumentPath, getCase, getOnlineServices, type OnlineCase } from '../../lib/cases';
import { formatDateTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { navigate, queryParam } from '../../lib/router';
import { onlineTexts } from './texts';

export default function StatusPage() {
  const { t, lang } = useTexts(onlineTexts);
  const code = queryParam('code') ?? '';
  const token = queryParam('token') ?? '';
  const [found, setFound] = useState<OnlineCase | null>(null);
  const [serviceName, setServiceName] = useState('');
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
