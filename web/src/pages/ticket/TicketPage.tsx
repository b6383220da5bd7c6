// A virtual ticket (/ticket/{id}?token=…): place in line and wait, or "please go to counter 5",
// live over the ticket's event stream.
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Layout } from '../../components/Layout';
import { ApiError } from '../../lib/api';
import { beep } from '../../lib/beep';
import { formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { cancelTicket, getTicket, ticketEventsUrl } from '../../lib/queue';
import { queryParam } from '../../lib/router';
import { useEventSource } from '../../lib/sse';
import type { Ticket } from '../../lib/types';
import { ticketTexts } from './texts';

export default function TicketPage({ path }: { path: string }) {
  const { t, lang } = useTexts(ticketTexts);
  const id = path.split('/')[2] ?? '';
  const token = queryParam('token') ?? '';
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    getTicket(id, token)
      .then(setTicket)
      .catch((e: unknown) => setError(e instanceof ApiError && e.status === 404 ? t('notFound') : String(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, token]);

  const live = useEventSource(ticket ? ticketEventsUrl(id, token) : null, {
    ticket: (data) => {
      const next = data as Ticket;
      setTicket((old) => {
        if (old && old.status === 'waiting' && next.status === 'called') beep();
        return next;
      });
    },
  });

  let message = '';
  if (ticket) {
    switch (ticket.status) {
      case 'waiting':
        message =
          ticket.position === null
            ? t('noEstimate')
            : ticket.estimated_wait_minutes === null
              ? `${t('position', { n: ticket.position })} ${t('noEstimate')}`
              : t('positionWait', { n: ticket.position, min: ticket.estimated_wait_minutes });
        break;
      case 'called':
        message = t('goTo', { counter: ticket.counter ?? '' });
        break;
      case 'serving':
        message = t('serving', { counter: ticket.counter ?? '' });
        break;
      case 'served':
        message = t('done');
        break;
      case 'no_show':
        message = t('noShow');
        break;
      case 'transferred':
        message = t('transferred');
        break;
      default:
        message = t('cancelled');
    }
  }

  return (
    <Layout title={t('title')} app={t('app')}>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{t('title')}</h1>
        {error ? <Alert kind="danger" title={error} /> : null}
        {ticket ? (
          <div class="stack">
            <p class="kern-body">{t('number')}</p>
            <p class="big-number" id="t-number">
              {ticket.number}
            </p>
            {ticket.due_at ? <p class="kern-body">{t('due', { time: formatTime(ticket.due_at, lang) })}</p> : null}
            <div aria-live="assertive" aria-atomic="true">
              <p class={ticket.status === 'called' ? 'kern-heading-large' : 'kern-body kern-body--large'} id="t-message">
                {message}
              </p>
            </div>
            <p class="kern-body kern-body--small">{live ? t('live') : t('offline')}</p>
            {ticket.status === 'waiting' && !asking ? (
              <Button kind="secondary" onClick={() => setAsking(true)}>
                {t('giveUp')}
              </Button>
            ) : null}
            {asking ? (
              <div class="stack" role="group" aria-labelledby="t-ask">
                <p class="kern-body kern-body--bold" id="t-ask">
                  {t('giveUpAsk')}
                </p>
                <div class="actions">
                  <Button
                    onClick={() =>
                      cancelTicket(id, token)
                        .then((tk) => {
                          setTicket(tk);
                          setAsking(false);
                        })
                        .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)))
                    }
                  >
                    {t('yes')}
                  </Button>
                  <Button kind="tertiary" onClick={() => setAsking(false)}>
                    {t('no')}
                  </Button>
                </div>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </Layout>
  );
}
