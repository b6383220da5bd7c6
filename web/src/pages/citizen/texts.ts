import type { Texts } from '../../lib/i18n';

export const citizenTexts: Texts<
  'app' | 'title' | 'intro' | 'step1' | 'step2' | 'step3' | 'confirmTitle' | 'doneTitle' | 'moveInFirst' | 'loadError' | 'preparing'
> = {
  de: {
    app: 'Hamburg Service vor Ort',
    title: 'Termin im Kundenzentrum buchen',
    intro:
      'Wählen Sie Ihr Anliegen. Wir zeigen Ihnen sofort die frühesten freien Termine in allen Hamburger Kundenzentren.',
    step1: 'Schritt 1 von 3: Anliegen und Termin wählen',
    step2: 'Schritt 2 von 3: Kontaktdaten angeben',
    step3: 'Schritt 3 von 3: Fertig',
    confirmTitle: 'Termin bestätigen',
    doneTitle: 'Termin gebucht',
    moveInFirst: 'Bitte geben Sie zuerst Ihr Einzugsdatum an. Dann zeigen wir passende Termine.',
    loadError: 'Die Dienstleistungen konnten nicht geladen werden.',
    preparing: 'Buchung wird vorbereitet …',
  },
  en: {
    app: 'Hamburg Service vor Ort',
    title: 'Book an appointment at a customer centre',
    intro:
      'Choose what you need to do. We show you the earliest free appointments in all of Hamburg’s customer centres at once.',
    step1: 'Step 1 of 3: choose service and time',
    step2: 'Step 2 of 3: your contact details',
    step3: 'Step 3 of 3: done',
    confirmTitle: 'Confirm appointment',
    doneTitle: 'Appointment booked',
    moveInFirst: 'Please enter your move-in date first. Then we show matching appointments.',
    loadError: 'The services could not be loaded.',
    preparing: 'Preparing booking…',
  },
};
