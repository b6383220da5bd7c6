import type { Texts } from '../../lib/i18n';

export const waitlistTexts: Texts<
  | 'title' | 'intro' | 'open' | 'how' | 'name' | 'email' | 'phone' | 'emailOrPhone' | 'optional'
  | 'latest' | 'latestHint' | 'submit' | 'contactNeeded' | 'errorTitle' | 'networkError'
  | 'joinedTitle' | 'joined' | 'keepLink'
> = {
  de: {
    title: 'Nichts Passendes dabei?',
    intro: 'Wir benachrichtigen Sie, sobald ein früherer Termin frei wird.',
    open: 'Über einen früheren Termin benachrichtigen',
    how: 'Wird ein passender Termin frei, halten wir ihn 30 Minuten für Sie und schicken Ihnen einen Link zum Annehmen oder Ablehnen. Es gilt die Reihenfolge der Anmeldung.',
    name: 'Name',
    email: 'E-Mail-Adresse',
    phone: 'Mobilnummer für SMS',
    emailOrPhone: 'E-Mail-Adresse oder Mobilnummer angeben',
    optional: 'optional',
    latest: 'Spätestens am',
    latestHint: 'Termine nach diesem Tag bieten wir Ihnen nicht an.',
    submit: 'Auf die Warteliste setzen',
    contactNeeded: 'Bitte geben Sie Ihren Namen und eine E-Mail-Adresse oder Mobilnummer an.',
    errorTitle: 'Das hat nicht geklappt',
    networkError: 'Keine Verbindung. Bitte versuchen Sie es noch einmal.',
    joinedTitle: 'Sie stehen auf der Warteliste',
    joined: 'Ihre Wartenummer ist {code}. Wird ein früherer Termin frei, bekommen Sie eine Nachricht.',
    keepLink: 'Eintrag ansehen oder zurückziehen',
  },
  en: {
    title: 'Nothing suitable?',
    intro: 'We will tell you as soon as an earlier appointment becomes free.',
    open: 'Notify me of an earlier appointment',
    how: 'When a suitable appointment becomes free, we hold it for you for 30 minutes and send you a link to accept or decline it. First come, first served.',
    name: 'Name',
    email: 'E-mail address',
    phone: 'Mobile number for text messages',
    emailOrPhone: 'Give an e-mail address or a mobile number',
    optional: 'optional',
    latest: 'At the latest on',
    latestHint: 'We will not offer appointments after this day.',
    submit: 'Put me on the waitlist',
    contactNeeded: 'Please give your name and an e-mail address or mobile number.',
    errorTitle: 'That did not work',
    networkError: 'No connection. Please try again.',
    joinedTitle: 'You are on the waitlist',
    joined: 'Your waitlist number is {code}. When an earlier appointment becomes free, you will get a message.',
    keepLink: 'View or withdraw your entry',
  },
};
