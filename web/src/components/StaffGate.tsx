// Staff pages render only for a signed-in user: the session is asked for first, and without one
// the browser goes to the sign-in page, which brings it back here afterwards.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadSession } from '../lib/session';

export function StaffGate({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<'checking' | 'in' | 'failed'>('checking');
  useEffect(() => {
    loadSession()
      .then((user) => {
        if (user) {
          setState('in');
          return;
        }
        const here = window.location.pathname + window.location.search;
        window.location.replace(`/anmelden?next=${encodeURIComponent(here)}`);
      })
      .catch(() => setState('failed'));
  }, []);
  if (state === 'failed') {
    return (
      <main id="main" class="kern-container site-main">
        <p class="kern-body" role="alert">
          Keine Verbindung zum Server / No connection to the server.
        </p>
      </main>
    );
  }
  return state === 'in' ? <>{children}</> : null;
}
