// Waiting-room display (/display/{location}): the latest call very large, earlier calls below,
// live over Server-Sent Events, with a short chime for every new call.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../lib/api';
import { audioReady, beep, enableAudio } from '../../lib/beep';
import { formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { displayEventsUrl, getDisplay } from '../../lib/queue';
import { useEventSource } from '../../lib/sse';
import type { Call } from '../../lib/types';
import './display.css';
import { displayTexts } from './texts';

const keyOf = (c: Call) => `${c.ticket_id}@${c.at}`;

export default function DisplayPage({ path }: { path: string }) {
  const { t, lang } = useTexts(displayTexts);
  const location = decodeURIComponent(path.split('/')[2] ?? '');
  const [name, setName] = useState('');
  const [calls, setCalls] = useState<Call[]>([]);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sound, setSound] = useState(audioReady());
  const [now, setNow] = useState(new Date());
  const [flash, setFlash] = useState(0);

  useEffect(() => {
    getDisplay(location)
      .then((d) => {
        setName(d.name);
        setCalls(d.calls);
        setReady(true);
        document.title = `${t('title')} – ${d.name}`;
      })
      .catch((e: unknown) => setError(e instanceof ApiError && e.status === 404 ? t('notFound') : String(e)));
    const timer = window.setInterval(() => setNow(new Date()), 15000);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location]);

  // The stream starts after the first answer, so its replay of recent calls is recognised and
  // only really new calls chime.
  const live = useEventSource(ready ? displayEventsUrl(location) : null, {
    call: (data) => {
      const c = data as Call;
      setCalls((old) => {
        if (old.some((o) => keyOf(o) === keyOf(c))) return old;
        beep();
        setFlash((f) => f + 1);
        return [c, ...old.filter((o) => o.ticket_id !== c.ticket_id)].slice(0, 12);
      });
    },
    reset: () => {
      getDisplay(location).then((d) => setCalls(d.calls)).catch(() => undefined);
    },
  });

  const [latest, ...earlier] = calls;
  return (
    <main id="main" class="display">
      <div class="display__head">
        <h1 class="display__title">{name || t('title')}</h1>
        <span class="display__clock">{formatTime(now, lang)}</span>
      </div>
      {error ? <p class="display__offline">{error}</p> : null}
      {ready && !live ? <p class="display__offline">{t('offline')}</p> : null}
      <section class="display__latest" aria-labelledby="d-latest-label" aria-live="assertive" aria-atomic="true">
        <h2 class="display__label" id="d-latest-label">
          {t('latest')}
        </h2>
        {latest ? (
          <div key={flash} class={flash ? 'display__flash' : undefined}>
            <p class="display__number" id="d-latest-number">
              {latest.number}
            </p>
            <p class="display__counter" id="d-latest-counter">
              {t('goTo')} {latest.counter}
            </p>
          </div>
        ) : (
          <p class="display__label">{t('none')}</p>
        )}
      </section>
      {earlier.length > 0 ? (
        <section aria-labelledby="d-earlier">
          <h2 class="display__label" id="d-earlier">
            {t('earlier')}
          </h2>
          <ul class="display__list" id="d-calls">
            {earlier.map((c) => (
              <li key={keyOf(c)}>
                <span>{c.number}</span>
                <span class="display__to">
                  {t('counter')} {c.counter}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <button
        type="button"
        class="display__sound"
        aria-pressed={sound ? 'true' : 'false'}
        onClick={() => {
          void enableAudio().then((ok) => {
            setSound(ok);
            if (ok) beep();
          });
        }}
      >
        <span>{sound ? t('soundOn') : t('sound')}</span>
      </button>
    </main>
  );
}
