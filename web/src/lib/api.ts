// Small client for the amtszeit HTTP API (docs/openapi.yaml). Every failure becomes an ApiError
// carrying the problem's `detail`, which pages show to the user as is.
import { getLang, type Lang } from './i18n';
import { takeProof } from './proof';
import type {
  Appointment,
  DaysAnswer,
  District,
  Location,
  NowAnswer,
  Receipt,
  Service,
  SlotPage,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

// The signed-in staff session's CSRF token (from POST/GET /api/v1/session); sent as X-CSRF-Token
// on every state-changing request. The session itself is an HttpOnly cookie scripts never see.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Passed as `apiKey` when the signed-in session (a phone agent) authorises the phone channel. */
export const SIGNED_IN = 'signed-in-session';

// Staff pages send the user to the sign-in page when the API says nobody is signed in.
const STAFF_PAGES = /^\/(control|counter|backoffice|planning)\/?$/;
function toSignIn() {
  const here = window.location.pathname + window.location.search;
  if (STAFF_PAGES.test(window.location.pathname)) {
    window.location.assign(`/anmelden?next=${encodeURIComponent(here)}`);
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Call-centre API key, sent as `Authorization: Bearer KEY`. */
  apiKey?: string | null;
  idempotencyKey?: string;
  /** A solved proof-of-work challenge, sent as `X-Proof` (citizens' holds). */
  proof?: string | null;
  /** A 401 is an answer here (e.g. "nobody signed in"), not a reason to go to the sign-in page. */
  quiet401?: boolean;
}

export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.apiKey && options.apiKey !== SIGNED_IN) headers.Authorization = `Bearer ${options.apiKey}`;
  const method = options.method ?? 'GET';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.proof) headers['X-Proof'] = options.proof;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (response.status === 401 && !options.apiKey && !options.quiet401) toSignIn();
  if (!response.ok) {
    const problem = (data ?? {}) as { detail?: string; title?: string };
    throw new ApiError(
      response.status,
      problem.detail || problem.title || `HTTP ${response.status}`,
      data,
    );
  }
  return data as T;
}

/** Builds `path?a=b&…`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// --- catalogue ---------------------------------------------------------------------------------
export const getServices = () =>
  call<{ services: Service[] }>('/api/v1/services').then((r) => r.services);
export const getLocations = () =>
  call<{ locations: Location[] }>('/api/v1/locations').then((r) => r.locations);
export const getDistricts = () =>
  call<{ districts: District[] }>('/api/v1/districts').then((r) => r.districts);

// --- booking -----------------------------------------------------------------------------------
export interface SlotQuery {
  services: string[];
  window?: string[];
  districts?: string[];
  locations?: string[];
  near?: string | null;
  from?: string | null;
  to?: string | null;
  limit?: number;
  cursor?: string | null;
  moveInDate?: string | null;
  channel?: 'online' | 'phone';
}

export function searchSlots(q: SlotQuery, apiKey?: string | null): Promise<SlotPage> {
  const path = withQuery('/api/v1/slots', {
    services: q.services.join(','),
    window: q.window?.join(','),
    districts: q.districts?.join(','),
    locations: q.locations?.join(','),
    near: q.near,
    from: q.from,
    to: q.to,
    limit: q.limit ?? 20,
    cursor: q.cursor,
    move_in_date: q.moveInDate,
    channel: q.channel === 'phone' ? 'phone' : undefined,
  });
  return call<SlotPage>(path, { apiKey });
}

export function getDays(location: string, services: string[], moveInDate?: string | null) {
  return call<DaysAnswer>(
    withQuery(`/api/v1/locations/${encodeURIComponent(location)}/days`, {
      services: services.join(','),
      move_in_date: moveInDate,
    }),
  );
}

export interface HoldInput {
  services: string[];
  location: string;
  start: string;
  moveInDate?: string | null;
  channel?: 'online' | 'phone';
}

export async function createHold(input: HoldInput, apiKey?: string | null): Promise<Receipt> {
  const body: Record<string, unknown> = {
    services: input.services,
    location: input.location,
    start: input.start,
  };
  if (input.moveInDate) body.move_in_date = input.moveInDate;
  if (input.channel === 'phone') body.channel = 'phone';
  const idempotencyKey = newIdempotencyKey();
  const hold = async () =>
    call<Receipt>('/api/v1/holds', {
      method: 'POST',
      body,
      apiKey,
      idempotencyKey,
      proof: apiKey ? null : await takeProof(),
    });
  try {
    return await hold();
  } catch (e) {
    // A proof that became stale (or too easy after another hold): once more with a fresh one.
    const stale = e instanceof ApiError && (e.status === 403 || e.status === 428) && !apiKey;
    if (!stale || !(e.body as { challenge_url?: string } | null)?.challenge_url) throw e;
    return hold();
  }
}

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
  /** The language of the confirmation and reminders; the page's language unless given. */
  language?: Lang;
}

export function confirmHold(hold: string, token: string, contact: Contact, apiKey?: string | null) {
  return call<Receipt>('/api/v1/appointments', {
    method: 'POST',
    body: { hold, token, contact: { ...contact, language: contact.language ?? getLang() } },
    apiKey,
    idempotencyKey: newIdempotencyKey(),
  });
}

const appointmentPath = (code: string, token: string) =>
  withQuery(`/api/v1/appointments/${encodeURIComponent(code)}`, { token });

export const getAppointment = (code: string, token: string) =>
  call<Appointment>(appointmentPath(code, token));
export const cancelAppointment = (code: string, token: string) =>
  call<Appointment>(appointmentPath(code, token), { method: 'DELETE' });
export const rescheduleAppointment = (
  code: string,
  token: string,
  hold: string,
  holdToken: string,
) =>
  call<Appointment>(appointmentPath(code, token), {
    method: 'PATCH',
    body: { hold, hold_token: holdToken },
  });

// The call centre uses its key instead of the citizen's token (Authorization: Bearer KEY).
const agentPath = (code: string) => `/api/v1/appointments/${encodeURIComponent(code)}`;

/** Upcoming appointments of one caller by e-mail or phone number (call centre only). */
export const findAppointmentsByContact = (contact: string, apiKey: string) =>
  call<{ appointments: Appointment[] }>(withQuery('/api/v1/appointments', { contact }), {
    apiKey,
  }).then((r) => r.appointments);
export const agentGetAppointment = (code: string, apiKey: string) =>
  call<Appointment>(agentPath(code), { apiKey });
export const agentCancelAppointment = (code: string, apiKey: string) =>
  call<Appointment>(agentPath(code), { method: 'DELETE', apiKey });
export const agentRescheduleAppointment = (
  code: string,
  apiKey: string,
  hold: string,
  holdToken: string,
) =>
  call<Appointment>(agentPath(code), {
    method: 'PATCH',
    body: { hold, hold_token: holdToken },
    apiKey,
  });

export const icsPath = (code: string, token: string) =>
  withQuery(`/api/v1/appointments/${encodeURIComponent(code)}.ics`, { token });

// --- live state --------------------------------------------------------------------------------
/** The "now" overview; answers null when the server does not have it yet (404). */
export async function getNow(services?: string[]): Promise<NowAnswer | null> {
  try {
    return await call<NowAnswer>(
      withQuery('/api/v1/now', { services: services?.length ? services.join(',') : undefined }),
    );
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

/** Turns an absolute link from the API into a path on this site (keeps the query). */
export function localPath(url: string): string {
  try {
    const u = new URL(url, window.location.origin);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}
