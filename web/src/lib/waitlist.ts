// The waitlist API: join, and the offer a freed slot makes (view, accept, decline).
import { call, withQuery } from './api';

export interface WaitlistOffer {
  code: string;
  location_id: string;
  location_name?: string;
  address?: string;
  start: string;
  end: string;
  services: string[];
  status: string;
  expires_at: string;
}

export interface WaitlistEntry {
  code: string;
  status: 'waiting' | 'offered' | 'booked' | 'cancelled' | 'lapsed' | 'expired';
  services: string[];
  latest: string;
  offer: WaitlistOffer | null;
  token?: string;
  manage_url?: string;
}

export interface JoinWaitlist {
  services: string[];
  districts?: string[];
  windows?: string[];
  latest?: string;
  move_in_date?: string;
  contact: { name: string; email?: string; phone?: string; language: string };
}

export const joinWaitlist = (body: JoinWaitlist) =>
  call<WaitlistEntry>('/api/v1/waitlist', { method: 'POST', body });

const offerPath = (code: string, token: string, action = '') =>
  withQuery(`/api/v1/waitlist/offers/${encodeURIComponent(code)}${action}`, { token });

export const getOffer = (code: string, token: string) => call<WaitlistEntry>(offerPath(code, token));
export const acceptOffer = (code: string, token: string) =>
  call<{ appointment: { code: string; start: string }; manage_url: string }>(
    offerPath(code, token, '/accept'),
    { method: 'POST' },
  );
export const declineOffer = (code: string, token: string) =>
  call<WaitlistEntry>(offerPath(code, token, '/decline'), { method: 'POST' });
