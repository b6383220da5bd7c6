// Centre first: choose a centre, see its days with free times, then the times of one day.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getDays, searchSlots } from '../../lib/api';
import { formatDate, formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import type { DaysAnswer, Location, Slot } from '../../lib/types';
import { ErrorAlert } from '../Alert';
import { Select } from '../Field';
import { bookingTexts } from './texts';

interface Props {
  idPrefix: string;
  services: string[];
  moveInDate: string | null;
  locations: Location[];
  onChoose: (slot: Slot) => void;
  busy?: boolean;
}

export function CentreCalendar({ idPrefix, services, moveInDate, locations, onChoose, busy }: Props) {
  const { t, lang } = useTexts(bookingTexts);
  const [centre, setCentre] = useState('');
  const [days, setDays] = useState<DaysAnswer | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [times, setTimes] = useState<Slot[]>([]);
  const [error, setError] = useState<string | null>(null);
  const bookable = locations.filter((l) => l.status === 'active' || l.status === 'interim');
  const key = services.join(',');

  useEffect(() => {
    setDays(null);
    setDay(null);
    setTimes([]);
    if (!centre || services.length === 0) return;
    getDays(centre, services, moveInDate)
      .then((d) => {
        setDays(d);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : t('networkError')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [centre, key, moveInDate]);

  useEffect(() => {
    setTimes([]);
    if (!day || !centre) return;
    searchSlots({ services, locations: [centre], from: day, to: day, limit: 200, moveInDate })
      .then((p) => setTimes(p.slots.filter((s) => s.location === centre)))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : t('networkError')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [day]);

  return (
    <div class="stack">
      <Select
        id={`${idPrefix}-centre`}
        label={t('centre')}
        value={centre}
        onChange={setCentre}
        options={[
          { value: '', label: t('pickCentre') },
          ...bookable
            .slice()
            .sort((a, b) => a.name.localeCompare(b.name, 'de'))
            .map((l) => ({ value: l.id, label: l.name })),
        ]}
      />
      <ErrorAlert error={error} title={t('errorTitle')} />
      {days ? (
        <section class="stack" aria-labelledby={`${idPrefix}-days`}>
          <h3 id={`${idPrefix}-days`} class="kern-heading-small">
            {t('daysTitle')}
          </h3>
          <ul class="days plain-list">
            {days.days
              .filter((d) => d.starts > 0)
              .slice(0, 30)
              .map((d) => (
                <li key={d.date}>
                  <button
                    type="button"
                    class={`kern-btn day-btn ${day === d.date ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
                    aria-pressed={day === d.date ? 'true' : 'false'}
                    onClick={() => setDay(d.date)}
                  >
                    <span class="kern-label">
                      {formatDate(d.date, lang)}
                      <span class="visually-hidden">, {t('starts', { n: d.starts })}</span>
                    </span>
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {day && times.length > 0 ? (
        <section class="stack" aria-labelledby={`${idPrefix}-times`}>
          <h3 id={`${idPrefix}-times`} class="kern-heading-small">
            {t('timesTitle', { date: formatDate(day, lang, true) })}
          </h3>
          <ul class="times plain-list">
            {times.map((s) => (
              <li key={s.start}>
                <button
                  type="button"
                  class="kern-btn kern-btn--secondary time-btn"
                  disabled={busy}
                  onClick={() => onChoose(s)}
                >
                  <span class="kern-label">{formatTime(s.start, lang)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
