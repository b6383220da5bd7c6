// The control room's promise view: live traffic lights per centre, district and city (refreshed
// every 30 s and after each steering change), the trend of lead time and waits by week, and the
// audit of the latest steering changes.
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { PromiseTable } from '../../components/PromiseTable';
import { TrendChart } from '../../components/TrendChart';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { getActions, getKpis, getStatus, type Action, type KpiRow, type StatusAnswer } from '../../lib/monitor';

const TEXT = {
  de: {
    title: 'Leistungsversprechen jetzt',
    scope: 'Stadt, Bezirk, Kundenzentrum',
    rebook: '{n} Termine warten auf Umbuchung (Mitarbeitende fehlt, niemand frei).',
    trend: 'Verlauf nach Wochen (Stadt)',
    lead: 'Terminvorlauf',
    free: 'Nächster freier Termin',
    wait: 'Wartezeit ohne Termin (90 %)',
    actions: 'Letzte Steuerungsmaßnahmen',
    none: 'Keine Maßnahmen in den letzten 7 Tagen.',
    note: 'Terminvorlauf: gebuchte Termine der letzten 60 Tage; Wartezeiten: heute; freie Termine und Randzeiten: jetzt.',
  },
  en: {
    title: 'Service promises now',
    scope: 'City, district, centre',
    rebook: '{n} appointments wait to be rebooked (staff member missing, nobody free).',
    trend: 'Trend by week (city)',
    lead: 'Lead time',
    free: 'First free slot',
    wait: 'Walk-in wait (90 %)',
    actions: 'Latest steering changes',
    none: 'No changes in the last 7 days.',
    note: 'Lead time: bookings of the last 60 days; waits: today; free slots and early/late offer: now.',
  },
};

const SHOWN = [
  'first_free_days',
  'registration_days',
  'extended_hours_pct',
  'walk_in_wait_p90',
  'express_wait_p95',
  'lead_time_days',
  'no_show_pct',
  'online_share_pct',
];

function weeksAgo(n: number) {
  const d = new Date();
  d.setDate(d.getDate() - 7 * n);
  return d.toISOString().slice(0, 10);
}

export function PromisesSection({ lang, version, onSelect }: { lang: Lang; version: number; onSelect: (scope: string) => void }) {
  const t = TEXT[lang];
  const [status, setStatus] = useState<StatusAnswer | null>(null);
  const [trend, setTrend] = useState<KpiRow[]>([]);
  const [actions, setActions] = useState<Action[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    getStatus()
      .then((s) => {
        setStatus(s);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
    getActions()
      .then((a) => setActions(a.actions.slice(0, 10)))
      .catch(() => undefined);
  };
  useEffect(() => {
    load();
    const timer = window.setInterval(load, 30000);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  useEffect(() => {
    getKpis('week', weeksAgo(15), ['city'])
      .then((k) => setTrend(k.rows))
      .catch(() => setTrend([]));
  }, []);

  const weeks = [...new Set(trend.map((r) => r.period))];
  const threshold = (id: string) => status?.promises.find((p) => p.id === id)?.threshold ?? null;
  const series = (promise: string) => weeks.map((w) => trend.find((r) => r.period === w && r.promise === promise)?.value ?? null);

  return (
    <section class="stack" aria-labelledby="promises-title">
      <h2 class="kern-heading-medium" id="promises-title">
        {t.title}
      </h2>
      {error ? <Alert kind="danger" title={error} /> : null}
      {status && status.to_rebook > 0 ? <Alert kind="warning" title={t.rebook.replace('{n}', String(status.to_rebook))} /> : null}
      {status ? (
        <>
          <p class="kern-body">{t.note}</p>
          <PromiseTable
            id="promise-table"
            caption={t.title}
            lang={lang}
            promises={status.promises}
            rows={status.scopes}
            scopeLabel={t.scope}
            show={SHOWN}
            onSelect={onSelect}
          />
        </>
      ) : null}
      {weeks.length > 1 ? (
        <div class="steering-forms">
          <TrendChart
            title={`${t.trend}: ${t.lead} / ${t.free}`}
            labels={weeks.map((w) => w.slice(5))}
            unit="Tage"
            threshold={threshold('lead_time_days')}
            series={[
              { label: t.lead, values: series('lead_time_days'), colour: '#1565c0' },
              { label: t.free, values: series('first_free_days'), colour: '#6a1b9a' },
            ]}
          />
          <TrendChart
            title={`${t.trend}: ${t.wait}`}
            labels={weeks.map((w) => w.slice(5))}
            unit="min"
            threshold={threshold('walk_in_wait_p90')}
            series={[{ label: t.wait, values: series('walk_in_wait_p90'), colour: '#ef6c00' }]}
          />
        </div>
      ) : null}
      <h3 class="kern-heading-small">{t.actions}</h3>
      {actions.length === 0 ? (
        <p class="kern-body">{t.none}</p>
      ) : (
        <ul class="kern-list" id="steering-actions">
          {actions.map((a) => (
            <li key={a.id}>
              {formatDateTime(a.at, lang)} · {a.actor}: {a.kind}
              {a.location_id ? ` (${a.location_id})` : ''} – {a.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
