// The control room's planning page: two scenarios side by side, simulated on the server (with a
// progress bar while the replications run), their figures per centre with 95 % intervals and
// charts of the lead time and walk-in waits over the days, the back office's online cases against
// its own staff pool, and which demand model the figures rest on; for scenario A the staff optimizer's
// proposal, which can be applied as staff moves in one step (audited).
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Select, TextField } from '../../components/Field';
import { Layout } from '../../components/Layout';
import { TrendChart } from '../../components/TrendChart';
import { ApiError, getLocations, getServices } from '../../lib/api';
import {
  applyProposal,
  getProposal,
  getSimulation,
  poll,
  startProposal,
  startSimulation,
  type BackOffice,
  type Estimate,
  type Proposal,
  type SimulationResult,
} from '../../lib/planning';
import { EMPTY, ScenarioForm, toScenario, type ScenarioFields } from './ScenarioForm';

const PRESET_A: ScenarioFields = {
  ...EMPTY,
  name: 'Juli, 10 % krank, Reisepässe x2',
  from: '2026-07-01',
  to: '2026-07-31',
  sickPercent: '10',
  demandService: 'reisepass',
  demandMonths: '7',
  demandFactor: '2',
};
const PRESET_B: ScenarioFields = { ...EMPTY, name: 'Juli wie geplant', from: '2026-07-01', to: '2026-07-31' };

function cell(e: Estimate | undefined, scale = 1, digits = 1, unit = '') {
  if (!e || e.mean === null) return '–';
  const ci = e.ci95 === null ? '?' : (e.ci95 * scale).toFixed(digits);
  return `${(e.mean * scale).toFixed(digits)}${unit} ± ${ci}`;
}

// The demand model a result was computed from, in the page's language.
function sourceText(r: SimulationResult) {
  return r.demand_source.kind === 'history'
    ? `Nachfrage aus der Historie (${r.demand_source.history_days} Tage)`
    : 'Nachfrage aus dem Profil (Schätzung)';
}

const hours = (minutes: number | undefined) => (minutes === undefined ? '–' : (minutes / 60).toFixed(1));
const backlog = (b: BackOffice | undefined) => b?.daily.backlog_minutes.map((m) => Math.round(m / 6) / 10) ?? [];
const percent = (share: number | undefined) => (share === undefined ? '–' : `${(share * 100).toFixed(0)} %`);

interface Run {
  busy: boolean;
  progress: number;
  result: SimulationResult | null;
  error: string | null;
}
const IDLE: Run = { busy: false, progress: 0, result: null, error: null };

function message(e: unknown) {
  return e instanceof ApiError ? e.message : String(e);
}

export default function PlanningPage() {
  const [a, setA] = useState<ScenarioFields>(PRESET_A);
  const [b, setB] = useState<ScenarioFields>(PRESET_B);
  const [runA, setRunA] = useState<Run>(IDLE);
  const [runB, setRunB] = useState<Run>(IDLE);
  const [centres, setCentres] = useState<{ value: string; label: string }[]>([]);
  const [services, setServices] = useState<{ value: string; label: string }[]>([]);
  const [chartCentre, setChartCentre] = useState('');
  const [proposal, setProposal] = useState<{ id: string; p: Proposal } | null>(null);
  const [proposalBusy, setProposalBusy] = useState(false);
  const [proposalError, setProposalError] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [applied, setApplied] = useState<string | null>(null);

  useEffect(() => {
    void getLocations().then((ls) => {
      setCentres(ls.map((l) => ({ value: l.id, label: l.name })));
      if (ls.length) setChartCentre(ls[0].id);
    });
    void getServices().then((ss) => setServices(ss.map((s) => ({ value: s.id, label: s.name_de }))));
  }, []);

  async function simulate(fields: ScenarioFields, set: (r: Run) => void) {
    set({ ...IDLE, busy: true });
    try {
      const job = await startSimulation(toScenario(fields));
      const done = await poll(() => getSimulation(job.id), (p) => set({ ...IDLE, busy: true, progress: p }));
      if (done.status === 'failed') set({ ...IDLE, error: done.error ?? 'failed' });
      else set({ ...IDLE, progress: 1, result: done.result ?? null });
    } catch (e) {
      set({ ...IDLE, error: message(e) });
    }
  }

  async function propose() {
    setProposalBusy(true);
    setProposalError(null);
    setApplied(null);
    try {
      const job = await startProposal(toScenario(a));
      const done = await poll(() => getProposal(job.id), () => undefined);
      if (done.status === 'failed' || !done.proposal) setProposalError(done.error ?? 'failed');
      else setProposal({ id: done.id, p: done.proposal });
    } catch (e) {
      setProposalError(message(e));
    } finally {
      setProposalBusy(false);
    }
  }

  async function apply() {
    if (!proposal) return;
    try {
      const out = await applyProposal(proposal.id, actor, 'Vorschlag der Personalplanung');
      setApplied(`${out.applied.length} Umsetzungen übernommen.`);
    } catch (e) {
      setProposalError(message(e));
    }
  }

  const series = (r: Run, key: 'lead_time' | 'walk_in_p90') =>
    r.result?.daily.centres.find((c) => c.centre === chartCentre)?.[key] ?? [];
  const days = runA.result?.daily.days ?? runB.result?.daily.days ?? [];
  const rowsA = runA.result?.centres ?? [];
  const rowsB = runB.result?.centres ?? [];
  const ids = Array.from(new Set([...rowsA.map((c) => c.centre), ...rowsB.map((c) => c.centre)]));
  const backA = runA.result?.back_office;
  const backB = runB.result?.back_office;
  const backRows: [string, (b: BackOffice | undefined) => string][] = [
    ['Offen zu Beginn (Stunden)', (b) => hours(b?.backlog_start_minutes)],
    ['Zugang im Zeitraum (Stunden)', (b) => hours(b?.inflow_minutes)],
    ['Kapazität im Zeitraum (Stunden)', (b) => hours(b?.capacity_minutes)],
    ['Offen am Ende (Stunden)', (b) => hours(b?.backlog_end_minutes)],
    ['Auslastung', (b) => percent(b?.utilisation)],
  ];

  return (
    <Layout title="Kapazitätsplanung" app="Leitstelle" wide>
      <h1 class="kern-heading-large">Kapazitätsplanung: Szenarien</h1>
      <div class="planning-columns">
        {[
          { key: 'a', title: 'Szenario A', fields: a, set: setA, run: runA, setRun: setRunA },
          { key: 'b', title: 'Szenario B', fields: b, set: setB, run: runB, setRun: setRunB },
        ].map((s) => (
          <section key={s.key} aria-labelledby={`${s.key}-title`}>
            <h2 id={`${s.key}-title`} class="kern-heading-medium">{s.title}</h2>
            <ScenarioForm id={s.key} fields={s.fields} onChange={s.set} centres={centres} services={services} />
            <Button id={`${s.key}-run`} busy={s.run.busy} onClick={() => void simulate(s.fields, s.setRun)}>
              Simulieren
            </Button>
            {s.run.busy ? (
              <progress id={`${s.key}-progress`} max={1} value={s.run.progress} aria-label={`${s.title}: Fortschritt`} />
            ) : null}
            {s.run.error ? <Alert kind="danger" title="Fehler">{s.run.error}</Alert> : null}
            {s.run.result ? (
              <p class="kern-body" id={`${s.key}-source`}>
                {sourceText(s.run.result)}
              </p>
            ) : null}
          </section>
        ))}
      </div>

      {ids.length ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" class="kern-heading-medium">Ergebnis je Kundenzentrum (A | B, Mittel ± 95 %-Intervall)</h2>
          <div class="table-wrap">
          <table class="kern-table" id="planning-results">
            <thead>
              <tr>
                <th scope="col">Kundenzentrum</th>
                <th scope="col">Vorlauf (Tage)</th>
                <th scope="col">gebucht ≤ 14 Tage</th>
                <th scope="col">Wartezeit Spontan p90 (min)</th>
                <th scope="col">Express p95 (min)</th>
                <th scope="col">Auslastung</th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => {
                const x = rowsA.find((c) => c.centre === id);
                const y = rowsB.find((c) => c.centre === id);
                return (
                  <tr key={id} data-centre={id}>
                    <th scope="row">{centres.find((c) => c.value === id)?.label ?? id}</th>
                    <td>{cell(x?.lead_time_days)} | {cell(y?.lead_time_days)}</td>
                    <td>{cell(x?.within_14_share, 100, 0, ' %')} | {cell(y?.within_14_share, 100, 0, ' %')}</td>
                    <td>{cell(x?.walk_in_p90_minutes, 1, 0)} | {cell(y?.walk_in_p90_minutes, 1, 0)}</td>
                    <td>{cell(x?.express_p95_minutes, 1, 0)} | {cell(y?.express_p95_minutes, 1, 0)}</td>
                    <td>{cell(x?.utilisation, 100, 0, ' %')} | {cell(y?.utilisation, 100, 0, ' %')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
          {backA || backB ? (
            <>
              <h3 class="kern-heading-small" id="backoffice-title">Backoffice: Online-Anträge (A | B)</h3>
              <p class="kern-body">
                Eigener Personalpool: die Dienste im Modus Backoffice bearbeiten die offenen Anträge und den täglichen
                Zugang (Mittel der letzten 28 Tage, mit den Nachfragefaktoren des Szenarios); am Schalter fehlen sie
                nicht zusätzlich.
              </p>
              <div class="table-wrap">
              <table class="kern-table" id="planning-backoffice" aria-labelledby="backoffice-title">
                <thead>
                  <tr>
                    <th scope="col">Kennzahl</th>
                    <th scope="col">A</th>
                    <th scope="col">B</th>
                  </tr>
                </thead>
                <tbody>
                  {backRows.map(([label, value]) => (
                    <tr key={label}>
                      <th scope="row">{label}</th>
                      <td>{value(backA)}</td>
                      <td>{value(backB)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
              <TrendChart
                title="Backoffice: offene Arbeit am Abend"
                labels={days}
                unit="Stunden"
                series={[
                  { label: 'A', values: backlog(backA), colour: '#005ca9' },
                  { label: 'B', values: backlog(backB), colour: '#e37222' },
                ]}
              />
            </>
          ) : null}
          <Select id="chart-centre" label="Verlauf für" value={chartCentre} options={centres} onChange={setChartCentre} />
          <TrendChart
            title="Vorlauf bis zum ersten freien Termin"
            labels={days}
            unit="Tage"
            threshold={14}
            series={[
              { label: 'A', values: series(runA, 'lead_time'), colour: '#005ca9' },
              { label: 'B', values: series(runB, 'lead_time'), colour: '#e37222' },
            ]}
          />
          <TrendChart
            title="Wartezeit Spontankundschaft (90. Perzentil)"
            labels={days}
            unit="Minuten"
            series={[
              { label: 'A', values: series(runA, 'walk_in_p90'), colour: '#005ca9' },
              { label: 'B', values: series(runB, 'walk_in_p90'), colour: '#e37222' },
            ]}
          />
        </section>
      ) : null}

      <section aria-labelledby="proposal-title">
        <h2 id="proposal-title" class="kern-heading-medium">Personaleinsatz-Vorschlag für Szenario A</h2>
        <Button id="propose" kind="secondary" busy={proposalBusy} onClick={() => void propose()}>
          Vorschlag berechnen
        </Button>
        {proposalError ? <Alert kind="danger" title="Fehler">{proposalError}</Alert> : null}
        {proposal ? (
          <div id="proposal">
            <p class="kern-body">
              {proposal.p.short_before.length} Kundenzentren ohne Maßnahme zu knapp besetzt; mit {proposal.p.moves.length}{' '}
              Umsetzungen noch {proposal.p.short_after.length}.
            </p>
            <div class="table-wrap">
            <table class="kern-table">
              <thead>
                <tr>
                  <th scope="col">Mitarbeiter/in</th>
                  <th scope="col">von</th>
                  <th scope="col">nach</th>
                  <th scope="col">Tage</th>
                  <th scope="col">km</th>
                  <th scope="col">Stunden</th>
                </tr>
              </thead>
              <tbody>
                {proposal.p.moves.map((m) => (
                  <tr key={`${m.staff_id}-${m.first}`}>
                    <td>{m.staff_id}</td>
                    <td>{m.from_location_id}</td>
                    <td>{m.to_location_id}</td>
                    <td>{m.first} – {m.last}</td>
                    <td>{m.km}</td>
                    <td>{m.hours}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
            <TextField id="actor" label="Ihr Name (für das Protokoll)" value={actor} onInput={setActor} />
            <Button id="apply" disabled={!actor || !proposal.p.moves.length} onClick={() => void apply()}>
              Vorschlag übernehmen
            </Button>
            {applied ? <Alert kind="success" title="Übernommen">{applied}</Alert> : null}
          </div>
        ) : null}
      </section>
    </Layout>
  );
}
