import type { Texts } from '../../lib/i18n';

export const displayTexts: Texts<
  'title' | 'latest' | 'goTo' | 'counter' | 'earlier' | 'none' | 'sound' | 'soundOn' | 'offline' | 'notFound'
> = {
  de: {
    title: 'Aufrufe',
    latest: 'Aktueller Aufruf',
    goTo: 'Bitte zu Schalter',
    counter: 'Schalter',
    earlier: 'Vorherige Aufrufe',
    none: 'Noch keine Aufrufe. Bitte achten Sie auf diese Anzeige.',
    sound: 'Ton einschalten',
    soundOn: 'Ton ist an',
    offline: 'Verbindung unterbrochen – die Anzeige wird neu verbunden.',
    notFound: 'Diesen Standort gibt es nicht.',
  },
  en: {
    title: 'Calls',
    latest: 'Now calling',
    goTo: 'Please go to counter',
    counter: 'Counter',
    earlier: 'Earlier calls',
    none: 'No calls yet. Please watch this screen.',
    sound: 'Turn sound on',
    soundOn: 'Sound is on',
    offline: 'Connection lost – reconnecting.',
    notFound: 'This centre does not exist.',
  },
};
