// Queue API client (tickets, counters, display, queue of a centre).
import { call } from './api';
import type { CounterMode, CounterResult, DisplayAnswer, Queue, Ticket } from './types';

const loc = (id: string) => `/api/v1/locations/${encodeURIComponent(id)}`;
const counterPath = (location: string, name: string) =>
  `${loc(location)}/counters/${encodeURIComponent(name)}`;

export const getQueue = (location: string) => call<Queue>(`${loc(location)}/queue`);
export const getDisplay = (location: string) => call<DisplayAnswer>(`${loc(location)}/display`);
export const displayEventsUrl = (location: string) => `${loc(location)}/display/events`;
export const counterEventsUrl = (location: string, name: string) => `${counterPath(location, name)}/events`;

export function openCounter(location: string, name: string, mode: CounterMode, staff: string) {
  return call<CounterResult>(counterPath(location, name), {
    method: 'PUT',
    body: { mode, staff, services: [] },
  });
}

export type CounterAction =
  | 'call-next'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no-show'
  | 'pause'
  | 'resume'
  | 'close';

export function counterAction(location: string, name: string, action: CounterAction) {
  return call<CounterResult>(`${counterPath(location, name)}/${action}`, { method: 'POST' });
}

export function transfer(location: string, name: string, services: string[]) {
  return call<CounterResult>(`${counterPath(location, name)}/transfer`, {
    method: 'POST',
    body: { services },
  });
}

const ticketPath = (id: string | number, token: string) =>
  `/api/v1/tickets/${encodeURIComponent(String(id))}?token=${encodeURIComponent(token)}`;

export const getTicket = (id: string, token: string) => call<Ticket>(ticketPath(id, token));
export const cancelTicket = (id: string, token: string) =>
  call<Ticket>(ticketPath(id, token), { method: 'DELETE' });
export const ticketEventsUrl = (id: string, token: string) =>
  `/api/v1/tickets/${encodeURIComponent(id)}/events?token=${encodeURIComponent(token)}`;
