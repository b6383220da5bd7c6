// Page frame: skip link, the federal "Kopfzeile", a header with the page title and the language
// switch, the main landmark and a footer. Every page uses it so landmarks stay consistent.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { setLang, useTexts, type Texts } from '../lib/i18n';
import { signOut, useStaffUser } from '../lib/session';

const roleNames: Record<string, { de: string; en: string }> = {
  phone_agent: { de: 'Telefonservice', en: 'Phone agent' },
  counter_staff: { de: 'Schalter', en: 'Counter staff' },
  centre_manager: { de: 'Standortleitung', en: 'Centre manager' },
  district_lead: { de: 'Bezirksleitung', en: 'District lead' },
  central_control: { de: 'Leitstelle', en: 'Central control' },
  administrator: { de: 'Administration', en: 'Administrator' },
};

const texts: Texts<
  'skip' | 'official' | 'city' | 'switchTo' | 'switchLabel' | 'footer' | 'signedIn' | 'signOut'
> = {
  de: {
    skip: 'Zum Inhalt springen',
    official: 'Offizielle Website der Freien und Hansestadt Hamburg',
    city: 'Freie und Hansestadt Hamburg',
    switchTo: 'English',
    switchLabel: 'Switch to English',
    footer: 'Hamburg Service vor Ort – Termine und Wartezeiten der Kundenzentren',
    signedIn: 'Angemeldet:',
    signOut: 'Abmelden',
  },
  en: {
    skip: 'Skip to content',
    official: 'Official website of the Free and Hanseatic City of Hamburg',
    city: 'Free and Hanseatic City of Hamburg',
    switchTo: 'Deutsch',
    switchLabel: 'Auf Deutsch umschalten',
    footer: 'Hamburg Service vor Ort – appointments and waiting times of the customer centres',
    signedIn: 'Signed in:',
    signOut: 'Sign out',
  },
};

interface Props {
  title: string;
  /** Shown in the header beside the city's name. */
  app: string;
  wide?: boolean;
  children: ComponentChildren;
}

export function Layout({ title, app, wide, children }: Props) {
  const { t, lang } = useTexts(texts);
  const user = useStaffUser();
  useEffect(() => {
    document.title = `${title} – ${app}`;
  }, [title, app]);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('skip')}
      </a>
      <div class="kern-kopfzeile">
        <div class="kern-container">
          <div class="kern-kopfzeile__content">
            <span class="kern-kopfzeile__flagge" aria-hidden="true">
              <svg viewBox="0 0 5 3" width="24" height="16" focusable="false">
                <rect width="5" height="1" y="0" fill="#000000" />
                <rect width="5" height="1" y="1" fill="#DD0000" />
                <rect width="5" height="1" y="2" fill="#FFCC00" />
              </svg>
            </span>
            <span class="kern-kopfzeile__label">{t('official')}</span>
          </div>
        </div>
      </div>
      <header class="site-header">
        <div class="kern-container site-header__bar">
          <div class="site-header__brand">
            <span class="site-header__city">{t('city')}</span>
            <span class="site-header__title">{app}</span>
          </div>
          {user ? (
            <div class="site-header__user">
              <span class="kern-body kern-body--small" id="staff-user">
                {t('signedIn')} {user.name} ({roleNames[user.role]?.[lang] ?? user.role}
                {user.location_id ? `, ${user.location_id}` : user.district_id ? `, ${user.district_id}` : ''})
              </span>
              <button
                type="button"
                class="kern-btn kern-btn--tertiary kern-btn--x-small"
                onClick={() => {
                  void signOut().finally(() => window.location.assign('/anmelden'));
                }}
              >
                <span class="kern-label">{t('signOut')}</span>
              </button>
            </div>
          ) : null}
          <button
            type="button"
            class="kern-btn kern-btn--tertiary"
            lang={lang === 'de' ? 'en' : 'de'}
            title={t('switchLabel')}
            onClick={() => setLang(lang === 'de' ? 'en' : 'de')}
          >
            <span class="kern-icon kern-icon--language" aria-hidden="true" />
            <span class="kern-label">{t('switchTo')}</span>
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} class={`kern-container site-main${wide ? ' site-main--wide' : ''}`}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="kern-container">
          <p class="kern-body kern-body--small">{t('footer')}</p>
        </div>
      </footer>
    </>
  );
}
