// Steering and monitoring API (docs/openapi.yaml tags steering, monitor).
import { call, withQuery } from './api';
import type { Appointment, Location } from './types';

export type Light = 'green' | 'amber' | 'red' | 'none';

/** A service promise (named so it does not shadow the global Promise). */
export interface ServicePromise {
  id: string;
  name_de: string;
  name_en: string;
  unit: string;
  direction: 'at_most' | 'at_least' | 'informative';
  threshold: number | null;
  target?: number;
}

export interface Cell {
  value: number | null;
  samples: number;
  light: Light;
}

export interface ScopeRow {
  scope: string; // city | district:ID | location:ID
  name: string;
  district_id?: string;
  values: Record<string, Cell>;
}

export interface StatusAnswer {
  at: string;
  promises: ServicePromise[];
  scopes: ScopeRow[];
  to_rebook: number;
}

export interface KpiRow extends Cell {
  period: string;
  scope: string;
  promise: string;
}

export interface StaffMember {
  id: string;
  display_name: string;
  home_location_id: string;
  skills: string[];
}

export interface Affected {
  code: string;
  start: string;
  location_id: string;
  staff_id: string;
  previous_staff_id: string;
  reassigned: boolean;
}

export interface Outcome {
  action_id: number;
  ids: number[];
  affected: Affected[];
  to_rebook: number;
}

export interface Action {
  id: number;
  at: string;
  actor: string;
  kind: string;
  location_id: string;
  staff_id: string;
  reason: string;
}

export interface Who {
  actor: string;
  reason: string;
}

export const getStatus = () => call<StatusAnswer>('/api/v1/status');

export const getKpis = (period: 'day' | 'week' | 'month', from: string, scopes: string[]) => {
  const params = new URLSearchParams({ period, from });
  scopes.forEach((s) => params.append('scope', s));
  return call<{ rows: KpiRow[] }>(`/api/v1/kpis?${params.toString()}`);
};

export const getRosterStaff = (location: string) =>
  call<{ staff: StaffMember[] }>(withQuery('/api/v1/roster', { location }));

export const recordAbsence = (
  input: { staff_id: string; first: string; last: string; kind: string } & Who,
) => call<Outcome>('/api/v1/absences', { method: 'POST', body: input });

export const addShift = (
  input: {
    staff_id: string;
    location_id: string;
    day: string;
    time: { from: string; to: string };
    extra_opening: boolean;
  } & Who,
) => call<Outcome>('/api/v1/shifts', { method: 'POST', body: input });

export const moveStaff = (
  input: { staff_id: string; to_location_id: string; first: string; last: string } & Who,
) => call<Outcome>('/api/v1/moves', { method: 'POST', body: input });

export const getActions = () => call<{ actions: Action[] }>('/api/v1/steering/actions');

export const getTransparency = () =>
  call<{ at: string; promises: ServicePromise[]; now: ScopeRow[]; months: (KpiRow & { month: string })[] }>(
    '/api/v1/transparency',
  );

export interface Measure {
  id: number;
  district_id: string;
  day: string;
  title: string;
  text: string;
  status: 'planned' | 'done';
  actor: string;
  updated_at: string;
}

export const getMeasures = () => call<{ measures: Measure[] }>('/api/v1/measures');

export const saveMeasure = (
  input: { id?: number; district_id: string; day: string; title: string; text: string; status: string } & Who,
) => {
  const { id, ...body } = input;
  return id
    ? call<Measure>(`/api/v1/measures/${id}`, { method: 'PUT', body })
    : call<Measure>('/api/v1/measures', { method: 'POST', body });
};

export const getToRebook = () => call<{ appointments: (Appointment & { staff_id: string })[] }>('/api/v1/steering/rebook');

// The committee's monthly report (PDF) and the KPI table behind it (CSV), for one district.
export const committeeReportUrl = (district: string, month: string) =>
  `/api/v1/reports/committee?${new URLSearchParams({ district, month }).toString()}`;

export const kpiCsvUrl = (district: string, month: string) => {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `/api/v1/kpis?${new URLSearchParams({
    format: 'csv',
    period: 'day',
    from: `${month}-01`,
    to: `${month}-${String(last).padStart(2, '0')}`,
    scope: `district:${district}`,
  }).toString()}`;
};

export interface Closure {
  id: number;
  location_id: string;
  first: string;
  last: string;
  reason: string;
}

export interface RelocationRow {
  code: string;
  services: string[];
  before: { location: string; start: string };
  after: { location: string; location_name?: string; start: string; distance_km?: number } | null;
  move_in_date?: string;
}

export interface ClosureOutcome {
  closure: Closure;
  dry_run: boolean;
  action_id: number;
  rebooked: number;
  listed: number;
  appointments: RelocationRow[];
}

export const getClosures = () => call<{ closures: Closure[] }>('/api/v1/closures');

export const closeCentre = (
  input: { location_id: string; first: string; last: string; dry_run: boolean } & Who,
) => call<ClosureOutcome>('/api/v1/closures', { method: 'POST', body: input });

export const reopenCentre = (id: number, who: Who) =>
  call<{ action_id: number }>(withQuery(`/api/v1/closures/${id}`, { ...who }), { method: 'DELETE' });

// An interim location: a centre opened for a period, e.g. while another one moves.
export interface InterimInput {
  id: string;
  name: string;
  district_id: string;
  address: { street: string; postcode: string; city: string };
  geo: { lat: number; lon: number };
  counters: number;
  hours: { weekly: Record<string, { from: string; to: string }[]> };
  valid_from: string;
  valid_to: string;
  interim_for?: string;
}

export const openInterim = (input: InterimInput & Who) =>
  call<{ location: Location & { interim_for?: string }; action_id: number }>('/api/v1/interim-locations', {
    method: 'POST',
    body: input,
  });
