// One scenario's fields: horizon, extra sickness, a demand multiplier, extra Saturday openings and
// a centre closing (one of each here; the API takes lists), replications and seed.
import { Select, TextField } from '../../components/Field';
import type { Scenario } from '../../lib/planning';

export interface ScenarioFields {
  name: string;
  from: string;
  to: string;
  sickPercent: string;
  demandService: string;
  demandMonths: string;
  demandFactor: string;
  saturdayCentre: string;
  saturdayDates: string;
  closingCentre: string;
  closingFrom: string;
  closingTo: string;
  replications: string;
  seed: string;
}

export const EMPTY: ScenarioFields = {
  name: '',
  from: '',
  to: '',
  sickPercent: '0',
  demandService: '',
  demandMonths: '',
  demandFactor: '1',
  saturdayCentre: '',
  saturdayDates: '',
  closingCentre: '',
  closingFrom: '',
  closingTo: '',
  replications: '4',
  seed: '1',
};

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function toScenario(f: ScenarioFields): Scenario {
  const s: Scenario = {
    name: f.name || undefined,
    from: f.from,
    to: f.to,
    sickness_rate: Number(f.sickPercent) / 100,
    replications: Number(f.replications),
    seed: Number(f.seed),
  };
  if (f.demandService) {
    s.demand = [{ service: f.demandService, months: list(f.demandMonths).map(Number), factor: Number(f.demandFactor) }];
  }
  if (f.saturdayCentre) s.extra_saturdays = [{ centre: f.saturdayCentre, dates: list(f.saturdayDates) }];
  if (f.closingCentre) s.closings = [{ centre: f.closingCentre, from: f.closingFrom, to: f.closingTo }];
  return s;
}

interface Props {
  id: string;
  fields: ScenarioFields;
  onChange: (f: ScenarioFields) => void;
  centres: { value: string; label: string }[];
  services: { value: string; label: string }[];
}

export function ScenarioForm({ id, fields, onChange, centres, services }: Props) {
  const set = (key: keyof ScenarioFields) => (value: string) => onChange({ ...fields, [key]: value });
  const none = { value: '', label: '–' };
  return (
    <div class="planning-form">
      <TextField id={`${id}-name`} label="Name" value={fields.name} onInput={set('name')} />
      <TextField id={`${id}-from`} label="Von" type="date" value={fields.from} onInput={set('from')} required />
      <TextField id={`${id}-to`} label="Bis" type="date" value={fields.to} onInput={set('to')} required />
      <TextField id={`${id}-sick`} label="Zusätzlich krank (%)" inputMode="numeric" value={fields.sickPercent} onInput={set('sickPercent')} />
      <Select id={`${id}-demand-service`} label="Nachfrage: Leistung" value={fields.demandService} options={[none, { value: '*', label: 'alle' }, ...services]} onChange={set('demandService')} />
      <TextField id={`${id}-demand-months`} label="Nachfrage: Monate (z. B. 7,8; leer = alle)" value={fields.demandMonths} onInput={set('demandMonths')} />
      <TextField id={`${id}-demand-factor`} label="Nachfrage: Faktor" value={fields.demandFactor} onInput={set('demandFactor')} />
      <Select id={`${id}-sat-centre`} label="Zusätzliche Samstage: Kundenzentrum" value={fields.saturdayCentre} options={[none, ...centres]} onChange={set('saturdayCentre')} />
      <TextField id={`${id}-sat-dates`} label="Samstage (JJJJ-MM-TT, durch Komma getrennt)" value={fields.saturdayDates} onInput={set('saturdayDates')} />
      <Select id={`${id}-close-centre`} label="Schließung: Kundenzentrum" value={fields.closingCentre} options={[none, ...centres]} onChange={set('closingCentre')} />
      <TextField id={`${id}-close-from`} label="Geschlossen ab" type="date" value={fields.closingFrom} onInput={set('closingFrom')} />
      <TextField id={`${id}-close-to`} label="Geschlossen bis" type="date" value={fields.closingTo} onInput={set('closingTo')} />
      <TextField id={`${id}-reps`} label="Replikationen" inputMode="numeric" value={fields.replications} onInput={set('replications')} />
      <TextField id={`${id}-seed`} label="Startwert (Seed)" inputMode="numeric" value={fields.seed} onInput={set('seed')} />
    </div>
  );
}
