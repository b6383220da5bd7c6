// The staff member signed in (if any): sign-in, sign-out, and a hook that follows them. The
// session is an HttpOnly cookie; what the page keeps is who it is and the CSRF token.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, setCsrfToken } from './api';

export type Role =
  | 'phone_agent'
  | 'counter_staff'
  | 'centre_manager'
  | 'district_lead'
  | 'central_control'
  | 'administrator';

export interface StaffUser {
  name: string;
  role: Role;
  location_id: string | null;
  district_id: string | null;
}

interface SessionAnswer {
  user: StaffUser;
  csrf_token: string;
}

let current: StaffUser | null = null;
const listeners = new Set<() => void>();

function set(answer: SessionAnswer | null) {
  current = answer?.user ?? null;
  setCsrfToken(answer?.csrf_token ?? null);
  listeners.forEach((l) => l());
}

/** Who is signed in: null when nobody (the API answered 401). */
export async function loadSession(): Promise<StaffUser | null> {
  try {
    set(await call<SessionAnswer>('/api/v1/session', { quiet401: true }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) set(null);
    else throw e;
  }
  return current;
}

export async function signIn(name: string, password: string): Promise<StaffUser> {
  const answer = await call<SessionAnswer>('/api/v1/session', {
    method: 'POST',
    body: { name, password },
    quiet401: true,
  });
  set(answer);
  return answer.user;
}

export async function signOut() {
  try {
    await call<null>('/api/v1/session', { method: 'DELETE' });
  } finally {
    set(null);
  }
}

export function useStaffUser(): StaffUser | null {
  const [user, setUser] = useState(current);
  useEffect(() => {
    const update = () => setUser(current);
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return user;
}

/** Roles that may book through the phone channel. */
export const PHONE_ROLES: Role[] = ['phone_agent', 'central_control', 'administrator'];
