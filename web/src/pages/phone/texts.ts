import type { Texts } from '../../lib/i18n';

export const phoneTexts: Texts<
  | 'app' | 'title' | 'keyTitle' | 'keyLabel' | 'keyHint' | 'keySave' | 'keyMissing' | 'signOut'
  | 'bookTitle' | 'shortcuts' | 'findTitle' | 'codeLabel' | 'tokenLabel' | 'tokenHint' | 'find'
  | 'recent' | 'noRecent' | 'newCall' | 'needToken' | 'keyRejected'
> = {
  de: {
    app: 'Telefonischer HamburgService',
    title: 'Terminbuchung am Telefon',
    keyTitle: 'Anmelden',
    keyLabel: 'API-Schlüssel des Servicecenters',
    keyHint: 'Der Schlüssel bleibt nur in diesem Browser-Tab gespeichert.',
    keySave: 'Anmelden',
    keyMissing: 'Bitte geben Sie den Schlüssel ein.',
    signOut: 'Abmelden',
    bookTitle: 'Termin für Anrufende buchen',
    shortcuts: 'Tastatur: Alt+1 Anliegen suchen, Alt+2 Termin finden. Eingabetaste im Suchfeld wählt den ersten Treffer.',
    findTitle: 'Termin finden',
    codeLabel: 'Buchungsnummer',
    tokenLabel: 'Link oder Schlüssel aus der Bestätigung',
    tokenHint: 'Nur nötig für Termine, die nicht in dieser Sitzung gebucht wurden.',
    find: 'Termin suchen',
    recent: 'In dieser Sitzung gebucht',
    noRecent: 'Noch keine Buchungen.',
    newCall: 'Nächster Anruf',
    needToken: 'Für diesen Termin brauchen wir den Link aus der Bestätigung.',
    keyRejected: 'Der Schlüssel wurde abgelehnt. Bitte melden Sie sich neu an.',
  },
  en: {
    app: 'Hamburg phone service',
    title: 'Booking by phone',
    keyTitle: 'Sign in',
    keyLabel: 'Call centre API key',
    keyHint: 'The key is kept only in this browser tab.',
    keySave: 'Sign in',
    keyMissing: 'Please enter the key.',
    signOut: 'Sign out',
    bookTitle: 'Book for a caller',
    shortcuts: 'Keyboard: Alt+1 search services, Alt+2 find appointment. Enter in the search box picks the first match.',
    findTitle: 'Find an appointment',
    codeLabel: 'Booking number',
    tokenLabel: 'Link or key from the confirmation',
    tokenHint: 'Only needed for appointments not booked in this session.',
    find: 'Find',
    recent: 'Booked in this session',
    noRecent: 'No bookings yet.',
    newCall: 'Next call',
    needToken: 'For this appointment we need the link from the confirmation.',
    keyRejected: 'The key was refused. Please sign in again.',
  },
};
