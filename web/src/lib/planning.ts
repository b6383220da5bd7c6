// The planning API: scenarios simulated and staff proposals computed on the server's planning
// worker, polled by id.
import { call } from './api';

export interface Scenario {
  name?: string;
  from: string;
  to: string;
  sickness_rate?: number;
  demand?: { service: string; months: number[]; factor: number }[];
  extra_saturdays?: { centre: string; dates: string[] }[];
  closings?: { centre: string; from: string; to: string }[];
  sick_staff?: { centre: string; from: string; to: string; share: number }[];
  replications?: number;
  seed?: number;
}

export interface Estimate {
  mean: number | null;
  ci95: number | null;
}

export interface CentreResult {
  centre: string;
  lead_time_days: Estimate;
  lead_time_max_days: Estimate;
  within_14_share: Estimate;
  walk_in_p90_minutes: Estimate;
  express_p95_minutes: Estimate;
  utilisation: Estimate;
}

export interface BackOffice {
  backlog_start_minutes: number;
  backlog_end_minutes: number;
  capacity_minutes: number;
  inflow_minutes: number;
  worked_minutes: number;
  utilisation: number;
  daily: { backlog_minutes: number[]; capacity_minutes: number[]; inflow_minutes: number[] };
}

export interface SimulationResult {
  demand_source: { kind: 'history' | 'profile'; history_days: number; label: string };
  back_office?: BackOffice;
  centres: CentreResult[];
  daily: {
    days: string[];
    centres: { centre: string; lead_time: (number | null)[]; walk_in_p90: (number | null)[] }[];
  };
}

export interface Job<T> {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  result?: T;
  proposal?: T;
  error?: string;
}

export interface StaffMove {
  staff_id: string;
  from_location_id: string;
  to_location_id: string;
  first: string;
  last: string;
  km: number;
  hours: number;
}

export interface Proposal {
  moves: StaffMove[];
  short_before: { centre: string; worst_window_hours: number }[];
  short_after: { centre: string; worst_window_hours: number }[];
  optimal: boolean;
  demand_source?: string;
}

export const startSimulation = (s: Scenario) =>
  call<Job<SimulationResult>>('/api/v1/planning/simulations', { method: 'POST', body: s });
export const getSimulation = (id: string) =>
  call<Job<SimulationResult>>(`/api/v1/planning/simulations/${encodeURIComponent(id)}`);
export const startProposal = (s: Scenario) =>
  call<Job<Proposal>>('/api/v1/planning/proposals', { method: 'POST', body: s });
export const getProposal = (id: string) =>
  call<Job<Proposal>>(`/api/v1/planning/proposals/${encodeURIComponent(id)}`);
export const applyProposal = (id: string, actor: string, reason: string) =>
  call<{ applied: StaffMove[] }>(`/api/v1/planning/proposals/${encodeURIComponent(id)}/apply`, {
    method: 'POST',
    body: { actor, reason },
  });

/** Polls a job every `ms` until it is done or failed, reporting progress. */
export async function poll<T>(
  get: () => Promise<Job<T>>,
  onProgress: (share: number) => void,
  ms = 700,
): Promise<Job<T>> {
  for (;;) {
    const job = await get();
    onProgress(job.progress);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, ms));
  }
}
