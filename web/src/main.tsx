// Entry: picks the page by path and loads its code on demand, so the citizen page does not carry
// the staff pages' code.
import { render, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles/app.css';
import { StaffGate } from './components/StaffGate';
import { usePath } from './lib/router';

type Loader = () => Promise<{ default: ComponentType<{ path: string }> }>;

// Staff-only pages: shown after sign-in (StaffGate). The phone console asks for the call centre's
// key or a signed-in agent itself; displays, tickets and transparency stay public by design.
const STAFF = /^\/(control|counter|backoffice|planning)\/?$/;

const routes: [RegExp, Loader][] = [
  [/^\/anmelden\/?$/, () => import('./pages/login/LoginPage')],
  [/^\/(termin|manage)\/[^/]+\/?$/, () => import('./pages/manage/ManagePage')],
  [/^\/(angebot|warteliste)\/[^/]+\/?$/, () => import('./pages/offer/OfferPage')],
  [/^\/phone\/?$/, () => import('./pages/phone/PhonePage')],
  [/^\/counter\/?$/, () => import('./pages/counter/CounterPage')],
  [/^\/display\/[^/]+\/?$/, () => import('./pages/display/DisplayPage')],
  [/^\/control\/?$/, () => import('./pages/control/ControlPage')],
  [/^\/planning\/?$/, () => import('./pages/planning/PlanningPage')],
  [/^\/ticket\/\d+\/?$/, () => import('./pages/ticket/TicketPage')],
  [/^\/transparenz\/?$/, () => import('./pages/transparency/TransparencyPage')],
  [/^\/online\/status\/?$/, () => import('./pages/online/StatusPage')],
  [/^\/online(\/[^/]+)?\/?$/, () => import('./pages/online/OnlinePage')],
  [/^\/backoffice\/?$/, () => import('./pages/backoffice/BackOfficePage')],
  [/^\/?$/, () => import('./pages/citizen/CitizenPage')],
];

function App() {
  const path = usePath();
  const [Page, setPage] = useState<ComponentType<{ path: string }> | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const route = routes.find(([pattern]) => pattern.test(path));
    if (!route) {
      setMissing(true);
      return;
    }
    setMissing(false);
    let live = true;
    route[1]().then((m) => {
      if (live) setPage(() => m.default);
    });
    return () => {
      live = false;
    };
  }, [path]);
  if (missing) {
    return (
      <main id="main" class="kern-container site-main">
        <h1 class="kern-heading-large">Seite nicht gefunden / Page not found</h1>
        <p class="kern-body">
          <a class="kern-link" href="/">
            Zur Terminbuchung / To booking
          </a>
        </p>
      </main>
    );
  }
  if (!Page) return null;
  return STAFF.test(path) ? (
    <StaffGate>
      <Page path={path} />
    </StaffGate>
  ) : (
    <Page path={path} />
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
