// The back office's online requests (/backoffice): the queue oldest first, a request with its
// answers and documents, and status changes with a note the citizen sees. Staff only (signed in);
// the history names the signed-in worker.
import { useEffect, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Select } from '../../components/Field';
import { Layout } from '../../components/Layout';
import { ApiError, call } from '../../lib/api';
import { useStaffUser } from '../../lib/session';
import {
  changeCaseStatus,
  getOnlineServices,
  getQueue,
  getStaffCase,
  label,
  staffDocumentPath,
  type CaseStatus,
  type OnlineCase,
  type OnlineForm,
  type QueueItem,
} from '../../lib/cases';
import { formatDateTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { backOfficeTexts } from './texts';

interface Workload {
  open_cases: number;
  open_minutes: number;
}

export default function BackOfficePage() {
  const { t, lang } = useTexts(backOfficeTexts);
  const actor = useStaffUser()?.name ?? '';
  const [filter, setFilter] = useState('open');
  const [forms, setForms] = useState<OnlineForm[]>([]);
  const [queue, setQueue] = useState<QueueItem[] | null>(null);
  const [workload, setWorkload] = useState<Workload | null>(null);
  const [selected, setSelected] = useState<OnlineCase | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) =>
    setError(e instanceof ApiError && e.status !== 0 ? e.message : t('networkError'));

  const reload = () => {
    getQueue(filter, '').then(setQueue).catch(fail);
    call<Workload>('/api/v1/backoffice/workload').then(setWorkload).catch(fail);
  };

  useEffect(() => {
    getOnlineServices().then(setForms).catch(fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(reload, [filter]); // eslint-disable-line react-hooks/exhaustive-deps

  const serviceName = (id: string) => {
    const f = forms.find((x) => x.service_id === id);
    return f ? (lang === 'en' ? f.name_en : f.name_de) : id;
  };
  const fieldLabel = (service: string, field: string) => {
    const f = forms.find((x) => x.service_id === service)?.fields.find((x) => x.id === field);
    return f ? label(f, lang) : field;
  };
  const statusText = (s: string) => t(`st_${s}` as 'st_done');
  // In the order of the form, then anything the form no longer has.
  const orderedAnswers = (c: OnlineCase): [string, string][] => {
    const answers = c.answers ?? {};
    const fields = forms.find((x) => x.service_id === c.service)?.fields ?? [];
    const known = fields.filter((f) => f.id in answers).map((f): [string, string] => [f.id, answers[f.id]]);
    const rest = Object.entries(answers).filter(([k]) => !fields.some((f) => f.id === k));
    return [...known, ...rest];
  };

  const open = (code: string) => {
    setNotice(null);
    setError(null);
    getStaffCase(code)
      .then((c) => {
        setSelected(c);
        setNote('');
      })
      .catch(fail);
  };

  const move = (to: CaseStatus) => {
    if (!selected) return;
    setBusy(true);
    setError(null);
    changeCaseStatus(selected.code, to, actor.trim(), note.trim())
      .then((c) => {
        setSelected(c);
        setNote('');
        setNotice(t('changed', { status: statusText(c.status) }));
        reload();
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };

  const actions: { to: CaseStatus; text: string; from: CaseStatus[] }[] = [
    { to: 'in_progress', text: t('take'), from: ['received'] },
    { to: 'in_progress', text: t('resume'), from: ['waiting_for_citizen'] },
    { to: 'waiting_for_citizen', text: t('ask'), from: ['in_progress'] },
    { to: 'done', text: t('done'), from: ['in_progress'] },
    { to: 'rejected', text: t('reject'), from: ['received', 'in_progress', 'waiting_for_citizen'] },
  ];

  return (
    <Layout title={t('title')} app={t('app')} wide>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{t('title')}</h1>
        <div class="actions">
          <Select
            id="filter"
            label={t('filter')}
            value={filter}
            options={[
              { value: 'open', label: t('open') },
              { value: 'all', label: t('all') },
            ]}
            onChange={setFilter}
          />
        </div>
        <ErrorAlert error={error} title={t('errorTitle')} />
        {notice ? <Alert kind="success" title={notice} /> : null}
        {workload ? (
          <p class="kern-body" id="workload">
            <strong>{t('workload')}:</strong>{' '}
            {t('workloadText', { cases: workload.open_cases, minutes: workload.open_minutes })}
          </p>
        ) : null}
        <section class="stack" aria-labelledby="queue-title">
          <h2 id="queue-title" class="kern-heading-medium">
            {t('queue')}
          </h2>
          <Button kind="tertiary" icon="autorenew" onClick={reload}>
            {t('refresh')}
          </Button>
          {queue && queue.length === 0 ? <p class="kern-body">{t('empty')}</p> : null}
          {queue && queue.length > 0 ? (
            <table class="kern-table" id="case-queue">
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th class="kern-table__header" scope="col">{t('received')}</th>
                  <th class="kern-table__header" scope="col">{t('service')}</th>
                  <th class="kern-table__header" scope="col">{t('status')}</th>
                  <th class="kern-table__header" scope="col">{t('assignee')}</th>
                  <th class="kern-table__header" scope="col">
                    <span class="visually-hidden">{t('open_case')}</span>
                  </th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {queue.map((item) => (
                  <tr class="kern-table__row" key={item.code} data-code={item.code}>
                    <td class="kern-table__cell">{formatDateTime(item.created_at, lang)}</td>
                    <td class="kern-table__cell">{serviceName(item.service)}</td>
                    <td class="kern-table__cell">{statusText(item.status)}</td>
                    <td class="kern-table__cell">{item.assignee}</td>
                    <td class="kern-table__cell">
                      <Button kind="secondary" small onClick={() => open(item.code)}>
                        {`${t('open_case')} ${item.code}`}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
        {selected ? (
          <section class="stack" aria-labelledby="case-title" id="case-detail">
            <h2 id="case-title" class="kern-heading-medium">
              {t('caseTitle', { code: selected.code })}
            </h2>
            <p class="kern-body">
              {serviceName(selected.service)} – {t('status')}:{' '}
              <strong id="detail-status">{statusText(selected.status)}</strong>
              {selected.assignee ? ` (${selected.assignee})` : ''}
            </p>
            {selected.answers && Object.keys(selected.answers).length > 0 ? (
              <>
                <h3 class="kern-heading-small">{t('answers')}</h3>
                <dl class="facts">
                  {orderedAnswers(selected).map(([k, v]) => (
                    <div key={k}>
                      <dt class="kern-body kern-body--bold">{fieldLabel(selected.service, k)}</dt>
                      <dd class="kern-body">{v}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : (
              <p class="kern-body">{t('cleared')}</p>
            )}
            {selected.documents.length > 0 ? (
              <>
                <h3 class="kern-heading-small">{t('documents')}</h3>
                <ul class="stack">
                  {selected.documents.map((d) => (
                    <li key={d.number}>
                      <a class="kern-link" href={staffDocumentPath(selected.code, d.number)}>
                        {d.file_name}
                      </a>{' '}
                      ({d.content_type}, {Math.ceil(d.size / 1024)} KB)
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3 class="kern-heading-small">{t('history')}</h3>
            <ol class="stack">
              {selected.history.map((e, i) => (
                <li key={i} class="kern-body">
                  {formatDateTime(e.at, lang)}: {statusText(e.to)}
                  {e.actor ? ` (${e.actor === 'citizen' ? t('citizen') : e.actor})` : ''}
                  {e.note ? <> – {e.note}</> : null}
                </li>
              ))}
            </ol>
            {selected.status !== 'done' && selected.status !== 'rejected' ? (
              <>
                <div class="kern-form-input">
                  <label class="kern-label" for="note">
                    {t('note')}
                  </label>
                  <textarea
                    class="kern-form-input__input"
                    id="note"
                    rows={3}
                    maxLength={2000}
                    value={note}
                    onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
                  />
                </div>
                <div class="actions">
                  {actions
                    .filter((a) => a.from.includes(selected.status))
                    .map((a) => (
                      <Button
                        key={a.text}
                        kind={a.to === 'rejected' ? 'tertiary' : 'primary'}
                        busy={busy}
                        onClick={() => move(a.to)}
                      >
                        {a.text}
                      </Button>
                    ))}
                </div>
              </>
            ) : null}
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
