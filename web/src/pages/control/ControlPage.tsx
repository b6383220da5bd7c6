// Control room (/control): every centre at a glance from GET /api/v1/now, refreshed every 15 s;
// drill into one centre for its counters and queue (/control?location=ID).
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Layout } from '../../components/Layout';
import { ApiError, getNow } from '../../lib/api';
import { formatDateTime, formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { navigate, queryParam } from '../../lib/router';
import type { Location, NowAnswer } from '../../lib/types';
import { useCatalogue } from '../../lib/useCatalogue';
import { CentreDetail } from './CentreDetail';
import { ClosurePanel } from './ClosurePanel';
import { InterimPanel } from './InterimPanel';
import { PlanPanel } from './PlanPanel';
import { PromisesSection } from './PromisesSection';
import { SteeringPanel } from './SteeringPanel';
import { controlTexts } from './texts';
import { useStaffUser } from '../../lib/session';

export default function ControlPage() {
  const { t, lang } = useTexts(controlTexts);
  const catalogue = useCatalogue();
  const [now, setNow] = useState<NowAnswer | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(queryParam('location'));
  const [version, setVersion] = useState(0);
  // Interim locations opened on this page: the forms offer them at once (the catalogue loads once).
  const [opened, setOpened] = useState<Location[]>([]);
  const locations = [...catalogue.locations, ...opened.filter((o) => !catalogue.locations.some((l) => l.id === o.id))];
  // Steering is recorded under the signed-in user (the server takes it from the session).
  const actor = useStaffUser()?.name ?? '';

  const load = () =>
    getNow()
      .then((n) => {
        setNow(n);
        setMissing(n === null);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));

  useEffect(() => {
    void load();
    const timer = window.setInterval(load, 15000);
    const onPop = () => setSelected(queryParam('location'));
    window.addEventListener('popstate', onPop);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('popstate', onPop);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const select = (id: string | null) => {
    navigate(id ? `/control?location=${encodeURIComponent(id)}` : '/control');
    setSelected(id);
  };
  const district = (id: string) => catalogue.districts.find((d) => d.id === id)?.name ?? id;
  const mins = (n: number | null) => (n === null ? t('none') : t('min', { n }));
  const rows = now?.locations ?? [];
  const openRows = rows.filter((r) => r.open_now);
  const selectedRow = rows.find((r) => r.location_id === selected);

  return (
    <Layout title={t('title')} app={t('app')} wide>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{selected && selectedRow ? t('detailsOf', { name: selectedRow.name }) : t('title')}</h1>
        {missing ? <Alert kind="warning" title={t('unavailable')} /> : null}
        {error ? <Alert kind="danger" title={error} /> : null}
        {selected ? (
          <CentreDetail location={selected} label={(id) => catalogue.services.find((s) => s.id === id)?.name_de ?? id} onBack={() => select(null)} />
        ) : now ? (
          <div class="stack-lg">
            <PromisesSection lang={lang} version={version} onSelect={(scope) => select(scope.slice(9))} />
            <SteeringPanel
              lang={lang}
              locations={locations}
              actor={actor}
              onChanged={() => {
                setVersion((v) => v + 1);
                void load();
              }}
            />
            <ClosurePanel
              lang={lang}
              locations={locations}
              actor={actor}
              onChanged={() => {
                setVersion((v) => v + 1);
                void load();
              }}
            />
            <InterimPanel
              lang={lang}
              districts={catalogue.districts}
              locations={locations}
              actor={actor}
              onOpened={(l) => {
                setOpened((o) => [...o, l]);
                void load();
              }}
            />
            <PlanPanel
              lang={lang}
              districts={catalogue.districts}
              locations={catalogue.locations}
              actor={actor}
              version={version}
            />
          <div class="stack">
            <div class="row-wrap">
              <p class="kern-body" aria-live="polite">
                {t('updated', { time: formatTime(now.at, lang) })} ·{' '}
                {t('summary', {
                  waiting: rows.reduce((a, r) => a + r.waiting, 0),
                  centres: openRows.length,
                  counters: rows.reduce((a, r) => a + r.open_counters, 0),
                })}
              </p>
              <Button kind="tertiary" icon="autorenew" onClick={() => void load()}>
                {t('refresh')}
              </Button>
            </div>
            <div class="table-wrap">
              <table class="data-table" id="control-table">
                <caption class="visually-hidden">{t('title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('centre')}</th>
                    <th scope="col">{t('district')}</th>
                    <th scope="col">{t('open')}</th>
                    <th scope="col" class="num">{t('walkIn')}</th>
                    <th scope="col" class="num">{t('express')}</th>
                    <th scope="col" class="num">{t('waiting')}</th>
                    <th scope="col" class="num">{t('counters')}</th>
                    <th scope="col">{t('nextSlot')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.location_id}>
                      <th scope="row">
                        <a
                          class="kern-link"
                          href={`/control?location=${encodeURIComponent(r.location_id)}`}
                          onClick={(e) => {
                            e.preventDefault();
                            select(r.location_id);
                          }}
                        >
                          {r.name.replace('Hamburg Service vor Ort ', '')}
                        </a>
                      </th>
                      <td>{district(r.district_id)}</td>
                      <td>{r.open_now ? t('yes') : t('no')}</td>
                      <td class="num">{r.open_now ? mins(r.walk_in_wait_minutes) : t('closed')}</td>
                      <td class="num">{r.open_now ? mins(r.express_wait_minutes) : t('none')}</td>
                      <td class="num">{r.waiting}</td>
                      <td class="num">{r.open_counters}</td>
                      <td>{r.next_free_slot ? formatDateTime(r.next_free_slot.start, lang) : t('none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          </div>
        ) : null}
      </div>
    </Layout>
  );
}
