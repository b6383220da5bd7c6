// Shapes of the API's JSON answers (see docs/openapi.yaml).

export interface Service {
  id: string;
  name_de: string;
  name_en?: string;
  duration_minutes: number;
  needs_presence: boolean;
  online_url?: string;
  express?: boolean;
  legal_deadline_days?: number;
  category?: string;
}

export interface District {
  id: string;
  name: string;
}

export interface Location {
  id: string;
  name: string;
  district_id: string;
  status: 'active' | 'closed' | 'interim' | 'planned';
  address?: { street?: string; postcode?: string; city?: string };
  geo?: { lat: number; lon: number };
  interim_for?: string; // an interim location: the centre it stands in for
}

export interface Slot {
  location: string;
  location_name?: string;
  start: string;
  end: string;
  duration_minutes: number;
  distance_km?: number;
  within_deadline?: boolean;
}

export interface SlotPage {
  slots: Slot[];
  next_cursor: string | null;
  duration_minutes?: number;
  deadline?: string | null;
  bookable_from?: string;
  bookable_to?: string;
  online?: { service: string; name: string; url: string }[];
}

export interface DaysAnswer {
  location: string;
  days: { date: string; starts: number; first: string | null }[];
}

export interface Appointment {
  code: string;
  status: string;
  location: string;
  location_name?: string;
  address?: string;
  start: string;
  end: string;
  services: string[];
  channel?: string;
  hold_expires_at?: string;
  move_in_date?: string;
  contact?: { name?: string; email?: string; phone?: string };
}

export interface Receipt {
  appointment: Appointment;
  token: string;
  manage_url?: string;
  ics_url?: string;
}

export interface NowLocation {
  location_id: string;
  name: string;
  district_id: string;
  open_now: boolean;
  walk_in_wait_minutes: number | null;
  express_wait_minutes: number | null;
  waiting: number;
  open_counters: number;
  next_free_slot: { start: string; end: string } | null;
}

export interface NowAnswer {
  at: string;
  locations: NowLocation[];
}

export type TicketStatus =
  | 'waiting'
  | 'called'
  | 'serving'
  | 'served'
  | 'no_show'
  | 'transferred'
  | 'cancelled';

export interface Ticket {
  id: number;
  number: string;
  queue: 'walk_in' | 'express' | 'appointment';
  status: TicketStatus;
  location_id: string;
  services: string[];
  priority: string;
  issued_at: string;
  due_at: string | null;
  called_at: string | null;
  counter: string | null;
  position: number | null;
  estimated_wait_minutes: number | null;
  token?: string;
  follow_url?: string;
}

export type CounterMode = 'walk_in' | 'express' | 'appointments';

export interface Counter {
  location_id?: string;
  name: string;
  mode: CounterMode;
  state: 'closed' | 'open' | 'paused';
  staff: string;
  services: string[];
  ticket: Ticket | null;
}

export interface CounterResult {
  counter: Counter;
  ticket: Ticket | null;
}

export interface Queue {
  location_id: string;
  waiting: Ticket[];
  called: Ticket[];
  serving: Ticket[];
  counters: Counter[];
  walk_in_wait_minutes: number | null;
  express_wait_minutes: number | null;
}

export interface Call {
  number: string;
  counter: string;
  at: string;
  ticket_id: number;
}

export interface DisplayAnswer {
  location_id: string;
  name: string;
  calls: Call[];
}
