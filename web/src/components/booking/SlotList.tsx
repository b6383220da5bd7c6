// The earliest free times across all centres, by time, with each centre's "walk in now" wait.
// Searches again (debounced) whenever the services or filters change.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, getNow, searchSlots, type SlotQuery } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import type { NowLocation, Slot, SlotPage } from '../../lib/types';
import { Alert, ErrorAlert } from '../Alert';
import { bookingTexts } from './texts';

interface Props {
  idPrefix: string;
  query: SlotQuery | null;
  apiKey?: string | null;
  onChoose: (slot: Slot) => void;
  busy?: boolean;
  headingLevel?: 2 | 3;
  nearLabel?: string | null;
}

export function SlotList({ idPrefix, query, apiKey, onChoose, busy, headingLevel = 2, nearLabel }: Props) {
  const { t, lang } = useTexts(bookingTexts);
  const [page, setPage] = useState<SlotPage | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState<Map<string, NowLocation>>(new Map());
  const generation = useRef(0);
  const key = useMemo(() => JSON.stringify(query), [query]);

  useEffect(() => {
    if (!query) {
      setPage(null);
      setSlots([]);
      return undefined;
    }
    const mine = ++generation.current;
    setLoading(true);
    const timer = window.setTimeout(() => {
      searchSlots(query, apiKey)
        .then((p) => {
          if (mine !== generation.current) return;
          setPage(p);
          setSlots(p.slots);
          setError(null);
        })
        .catch((e: unknown) => {
          if (mine !== generation.current) return;
          setPage(null);
          setSlots([]);
          setError(e instanceof ApiError && e.status !== 0 ? e.message : t('networkError'));
        })
        .finally(() => {
          if (mine === generation.current) setLoading(false);
        });
      getNow(query.services)
        .then((n) => {
          if (mine === generation.current && n) {
            setNow(new Map(n.locations.map((l) => [l.location_id, l])));
          }
        })
        .catch(() => undefined);
    }, 250);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, apiKey]);

  const more = () => {
    if (!query || !page?.next_cursor) return;
    setLoading(true);
    searchSlots({ ...query, cursor: page.next_cursor }, apiKey)
      .then((p) => {
        setPage(p);
        setSlots((old) => [...old, ...p.slots]);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : t('networkError')))
      .finally(() => setLoading(false));
  };

  if (!query) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="stack" aria-labelledby={`${idPrefix}-results`} aria-busy={loading ? 'true' : 'false'}>
      <Heading id={`${idPrefix}-results`} class="kern-heading-medium">
        {t('results')}
      </Heading>
      {page?.online && page.online.length > 0 ? (
        <Alert kind="info" title={t('online')}>
          <p class="kern-body">{t('onlineIntro')}</p>
          <ul>
            {page.online.map((o) => (
              <li key={o.service}>
                <a class="kern-link" href={o.url} rel="noopener noreferrer">
                  {t('onlineLink', { name: o.name })}
                </a>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {page?.deadline ? (
        <Alert kind="warning" title={t('deadline', { date: formatDate(page.deadline, lang, true) })} live={false} />
      ) : null}
      <ErrorAlert error={error} title={t('errorTitle')} />
      <p class="kern-body" aria-live="polite">
        {loading
          ? t('loading')
          : page && page.duration_minutes !== 0
            ? slots.length > 0
              ? `${t('resultsCount', { n: slots.length })}${nearLabel ? ` ${nearLabel}` : ''}`
              : t('noSlots')
            : ''}
      </p>
      {slots.length > 0 ? (
        <ol class="plain-list" id={`${idPrefix}-slot-list`}>
          {slots.map((slot) => {
            const when = formatDateTime(slot.start, lang);
            const place = slot.location_name ?? slot.location;
            const live = now.get(slot.location);
            return (
              <li key={`${slot.location}-${slot.start}`} class="slot">
                <div class="slot__info">
                  <div class="slot__when">{when}</div>
                  <div class="kern-body">{place}</div>
                  <div class="slot__meta">
                    {slot.distance_km !== undefined ? `${t('km', { km: slot.distance_km.toFixed(1) })} · ` : ''}
                    {slot.within_deadline === true ? `${t('withinDeadline')} · ` : ''}
                    {slot.within_deadline === false ? `${t('afterDeadline')} · ` : ''}
                    {live
                      ? live.open_now && live.walk_in_wait_minutes !== null
                        ? live.walk_in_wait_minutes === 0
                          ? t('walkInNone')
                          : t('walkIn', { min: live.walk_in_wait_minutes })
                        : t('walkInClosed')
                      : ''}
                  </div>
                </div>
                <button
                  type="button"
                  class="kern-btn kern-btn--secondary"
                  disabled={busy}
                  onClick={() => onChoose(slot)}
                  aria-label={t('chooseSlot', { when, place })}
                >
                  <span class="kern-label">{t('choose')}</span>
                </button>
              </li>
            );
          })}
        </ol>
      ) : null}
      {page?.next_cursor && !loading ? (
        <button type="button" class="kern-btn kern-btn--tertiary" onClick={more}>
          <span class="kern-icon kern-icon--arrow-down" aria-hidden="true" />
          <span class="kern-label">{t('more')}</span>
        </button>
      ) : null}
    </section>
  );
}
