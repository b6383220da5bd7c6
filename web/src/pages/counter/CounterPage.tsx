// Counter workstation (/counter): sign in, see the queue, call / recall / start / finish /
// no-show / transfer / pause; the counter's event stream keeps counts and state live.
import { useEffect, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Layout } from '../../components/Layout';
import { ApiError } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { serviceName, useTexts } from '../../lib/i18n';
import {
  counterAction,
  counterEventsUrl,
  getQueue,
  openCounter,
  transfer,
  type CounterAction,
} from '../../lib/queue';
import { useEventSource } from '../../lib/sse';
import type { Counter, Queue } from '../../lib/types';
import { useCatalogue } from '../../lib/useCatalogue';
import { SignIn, type Seat } from './SignIn';
import { counterTexts } from './texts';
import { TransferForm } from './TransferForm';
import { WaitingList } from './WaitingList';

const SEAT = 'amtszeit.counterSeat';

function storedSeat(): Seat | null {
  try {
    return JSON.parse(sessionStorage.getItem(SEAT) ?? 'null') as Seat | null;
  } catch {
    return null;
  }
}

export default function CounterPage() {
  const { t, lang } = useTexts(counterTexts);
  const catalogue = useCatalogue();
  const [seat, setSeat] = useState<Seat | null>(null);
  const [counter, setCounter] = useState<Counter | null>(null);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);
  const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

  const refresh = (s: Seat | null = seat) => {
    if (!s) return;
    getQueue(s.location)
      .then((q) => {
        setQueue(q);
        const mine = q.counters.find((c) => c.name === s.name);
        if (mine) setCounter(mine);
      })
      .catch(() => undefined);
  };

  const signIn = (s: Seat) => {
    setBusy(true);
    setError(null);
    openCounter(s.location, s.name, s.mode, s.staff)
      .then((r) => {
        sessionStorage.setItem(SEAT, JSON.stringify(s));
        setSeat(s);
        setCounter(r.counter);
        refresh(s);
      })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  useEffect(() => {
    const s = storedSeat();
    if (s) signIn(s);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const live = useEventSource(seat ? counterEventsUrl(seat.location, seat.name) : null, {
    counter: (data) => {
      setCounter(data as Counter);
      refresh();
    },
    queue: () => refresh(),
  });

  // Without the live stream, poll every 5 s so the list never goes stale.
  useEffect(() => {
    if (!seat || live) return undefined;
    const timer = window.setInterval(() => refresh(), 5000);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seat, live]);

  const act = (action: CounterAction) => {
    if (!seat) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    counterAction(seat.location, seat.name, action)
      .then((r) => {
        setCounter(r.counter);
        if (action === 'close') {
          sessionStorage.removeItem(SEAT);
          setSeat(null);
          setCounter(null);
          setQueue(null);
        } else refresh();
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404 && action === 'call-next') setNotice(e.message);
        else setError(message(e));
      })
      .finally(() => setBusy(false));
  };

  const doTransfer = (services: string[]) => {
    if (!seat) return;
    setBusy(true);
    transfer(seat.location, seat.name, services)
      .then((r) => {
        setCounter(r.counter);
        setTransferring(false);
        if (r.ticket) setNotice(t('transferred', { number: r.ticket.number }));
        refresh();
      })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  const centreName = catalogue.locations.find((l) => l.id === seat?.location)?.name ?? seat?.location ?? '';
  const ticket = counter?.ticket ?? null;
  const label = (id: string) => {
    const s = catalogue.services.find((x) => x.id === id);
    return s ? serviceName(s, lang) : id;
  };
  const title = seat ? t('heading', { name: seat.name, centre: centreName }) : t('signInTitle');

  return (
    <Layout title={title} app={t('app')} wide>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{title}</h1>
        {!seat ? (
          <SignIn locations={catalogue.locations} initial={storedSeat()} busy={busy} error={error} onSignIn={signIn} />
        ) : (
          <div class="grid-2">
            <section class="stack" aria-labelledby="k-current">
              <h2 id="k-current" class="kern-heading-medium">
                {t('current')}
              </h2>
              <p class="kern-body" aria-live="polite">
                <span class={`kern-badge ${live ? 'kern-badge--success' : 'kern-badge--warning'}`}>
                  <span class="kern-label kern-label--small">{live ? t('live') : t('offline')}</span>
                </span>{' '}
                {counter ? `${counter.staff} · ${t(counter.mode)} · ${t(counter.state)}` : ''}
              </p>
              <ErrorAlert error={error} title={t('errorTitle')} />
              {notice ? <Alert kind="info" title={notice} /> : null}
              <div aria-live="polite" id="k-ticket">
                {ticket ? (
                  <div class="stack">
                    <p class="big-number" id="k-ticket-number">
                      {ticket.number}
                    </p>
                    <p class="kern-body kern-body--bold">
                      {ticket.status === 'called' ? t('called') : t('serving')}
                      {ticket.called_at ? ` ${t('since')} ${formatTime(ticket.called_at, lang)}` : ''}
                    </p>
                    <p class="kern-body">{ticket.services.map(label).join(', ')}</p>
                  </div>
                ) : (
                  <p class="kern-body">{t('nobody')}</p>
                )}
              </div>
              <div class="actions">
                {counter?.state === 'paused' ? (
                  <Button busy={busy} onClick={() => act('resume')} icon="autorenew">
                    {t('resume')}
                  </Button>
                ) : !ticket ? (
                  <>
                    <Button busy={busy} onClick={() => act('call-next')} icon="arrow-forward" id="k-call-next">
                      {t('callNext')}
                    </Button>
                    <Button kind="secondary" busy={busy} onClick={() => act('pause')}>
                      {t('pause')}
                    </Button>
                  </>
                ) : ticket.status === 'called' ? (
                  <>
                    <Button busy={busy} onClick={() => act('start')} icon="check">
                      {t('start')}
                    </Button>
                    <Button kind="secondary" busy={busy} onClick={() => act('recall')} icon="autorenew">
                      {t('recall')}
                    </Button>
                    <Button kind="secondary" busy={busy} onClick={() => act('no-show')} icon="close">
                      {t('noShow')}
                    </Button>
                  </>
                ) : (
                  <>
                    <Button busy={busy} onClick={() => act('finish')} icon="check">
                      {t('finish')}
                    </Button>
                    <Button kind="secondary" busy={busy} onClick={() => setTransferring(true)} icon="arrow-forward">
                      {t('transfer')}
                    </Button>
                  </>
                )}
                <Button kind="tertiary" busy={busy} onClick={() => act('close')} icon="logout">
                  {t('signOut')}
                </Button>
              </div>
              {transferring ? (
                <TransferForm services={catalogue.services} busy={busy} onTransfer={doTransfer} onCancel={() => setTransferring(false)} />
              ) : null}
            </section>
            <WaitingList queue={queue} label={label} />
          </div>
        )}
      </div>
    </Layout>
  );
}
