// Public transparency page (/transparenz): how well the city keeps its service promises, now and
// month by month, for the city and each district. Aggregates only; no personal data.
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Layout } from '../../components/Layout';
import { PromiseTable } from '../../components/PromiseTable';
import { TrendChart } from '../../components/TrendChart';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { getTransparency } from '../../lib/monitor';

const texts = {
  de: {
    app: 'Transparenz',
    title: 'Unsere Leistungsversprechen',
    intro:
      'Die Kundenzentren haben sich verpflichtet: Termine binnen 14 Tagen, Ummeldung fristgerecht, Termine vor 9, nach 17 Uhr und mittags, kurze Wartezeiten ohne Termin. Hier sehen Sie, wie gut das gelingt – ohne personenbezogene Daten.',
    now: 'Stand jetzt',
    months: 'Monatsverlauf Stadt Hamburg',
    scope: 'Stadt und Bezirke',
    updated: 'Stand: {time}',
    lead: 'Terminvorlauf (Tage)',
    wait: 'Wartezeit ohne Termin, 90 % (min)',
  },
  en: {
    app: 'Transparency',
    title: 'Our service promises',
    intro:
      'The customer centres promise appointments within 14 days, registration within its deadline, slots before 9, after 5 pm and at lunchtime, and short walk-in waits. This page shows how well that works – without personal data.',
    now: 'Now',
    months: 'Month by month, city of Hamburg',
    scope: 'City and districts',
    updated: 'As of {time}',
    lead: 'Lead time (days)',
    wait: 'Walk-in wait, 90 % (min)',
  },
};

export default function TransparencyPage() {
  const { t, lang } = useTexts(texts);
  const [data, setData] = useState<Awaited<ReturnType<typeof getTransparency>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getTransparency()
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  const rows = data ? data.now.filter((r) => !r.scope.startsWith('location:')) : [];
  const months = data ? [...new Set(data.months.map((m) => m.month))] : [];
  const threshold = (id: string) => data?.promises.find((p) => p.id === id)?.threshold ?? null;
  const cityValue = (promise: string) =>
    months.map((m) => data?.months.find((r) => r.month === m && r.scope === 'city' && r.promise === promise)?.value ?? null);
  return (
    <Layout title={t('title')} app={t('app')} wide>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{t('title')}</h1>
        <p class="kern-body">{t('intro')}</p>
        {error ? <Alert kind="danger" title={error} /> : null}
        {data ? (
          <>
            <h2 class="kern-heading-medium">{t('now')}</h2>
            <p class="kern-body">{t('updated', { time: formatDateTime(data.at, lang) })}</p>
            <PromiseTable
              id="transparency-table"
              caption={t('now')}
              lang={lang}
              promises={data.promises}
              rows={rows}
              scopeLabel={t('scope')}
            />
            <h2 class="kern-heading-medium">{t('months')}</h2>
            <div class="steering-forms">
              <TrendChart
                title={t('lead')}
                labels={months}
                unit="Tage"
                threshold={threshold('lead_time_days')}
                series={[{ label: t('lead'), values: cityValue('lead_time_days'), colour: '#1565c0' }]}
              />
              <TrendChart
                title={t('wait')}
                labels={months}
                unit="min"
                threshold={threshold('walk_in_wait_p90')}
                series={[{ label: t('wait'), values: cityValue('walk_in_wait_p90'), colour: '#ef6c00' }]}
              />
            </div>
          </>
        ) : null}
      </div>
    </Layout>
  );
}
