// One centre in the control room: its counters and its queue, refreshed every 5 s.
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ApiError } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { getQueue } from '../../lib/queue';
import type { Queue } from '../../lib/types';
import { controlTexts } from './texts';

interface Props {
  location: string;
  label: (id: string) => string;
  onBack: () => void;
}

export function CentreDetail({ location, label, onBack }: Props) {
  const { t, lang } = useTexts(controlTexts);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      getQueue(location)
        .then((q) => {
          setQueue(q);
          setError(null);
        })
        .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
    void load();
    const timer = window.setInterval(load, 5000);
    return () => window.clearInterval(timer);
  }, [location]);
  const mins = (n: number | null) => (n === null ? t('none') : t('min', { n }));
  return (
    <div class="stack-lg">
      <Button kind="tertiary" icon="arrow-back" onClick={onBack}>
        {t('back')}
      </Button>
      {error ? <Alert kind="danger" title={error} /> : null}
      {queue ? (
        <>
          <p class="kern-body">
            {t('walkIn')}: {mins(queue.walk_in_wait_minutes)} · {t('express')}: {mins(queue.express_wait_minutes)} ·{' '}
            {t('waiting')}: {queue.waiting.length}
          </p>
          <section class="stack" aria-labelledby="cd-counters">
            <h2 id="cd-counters" class="kern-heading-medium">
              {t('countersTitle')}
            </h2>
            {queue.counters.length === 0 ? (
              <p class="kern-body">{t('noCounters')}</p>
            ) : (
              <div class="table-wrap">
                <table class="data-table" id="cd-counter-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('counter')}</th>
                      <th scope="col">{t('mode')}</th>
                      <th scope="col">{t('state')}</th>
                      <th scope="col">{t('staff')}</th>
                      <th scope="col">{t('ticket')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {queue.counters.map((c) => (
                      <tr key={c.name}>
                        <th scope="row">{c.name}</th>
                        <td>{c.mode === 'express' ? t('express') : t(c.mode)}</td>
                        <td>{t(`st_${c.state}` as 'st_open')}</td>
                        <td>{c.staff}</td>
                        <td>{c.ticket?.number ?? t('none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section class="stack" aria-labelledby="cd-queue">
            <h2 id="cd-queue" class="kern-heading-medium">
              {t('waitingTitle')}
            </h2>
            <div class="table-wrap">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('number')}</th>
                    <th scope="col">{t('services')}</th>
                    <th scope="col">{t('wait')}</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.waiting.map((w) => (
                    <tr key={w.id}>
                      <th scope="row">{w.number}</th>
                      <td>{w.services.map(label).join(', ')}</td>
                      <td>
                        {mins(w.estimated_wait_minutes)} ({formatTime(w.issued_at, lang)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </div>
  );
}
