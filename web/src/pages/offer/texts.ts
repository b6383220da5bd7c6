import type { Texts } from '../../lib/i18n';

export const offerTexts: Texts<
  | 'app' | 'title' | 'entryTitle' | 'loading' | 'notFound' | 'held' | 'when' | 'where' | 'until'
  | 'accept' | 'decline' | 'accepted' | 'manage' | 'declined' | 'over' | 'waiting' | 'leave'
  | 'left' | 'errorTitle' | 'networkError'
> = {
  de: {
    app: 'Terminvergabe',
    title: 'Ein früherer Termin für Sie',
    entryTitle: 'Ihr Eintrag auf der Warteliste',
    loading: 'Wird geladen …',
    notFound: 'Zu diesem Link gibt es kein Angebot. Bitte prüfen Sie den Link aus Ihrer Nachricht.',
    held: 'Dieser Termin ist frei geworden und für Sie reserviert.',
    when: 'Wann',
    where: 'Wo',
    until: 'Reserviert bis',
    accept: 'Termin annehmen',
    decline: 'Ablehnen',
    accepted: 'Der Termin ist für Sie gebucht. Eine Bestätigung ist unterwegs.',
    manage: 'Termin ansehen, verschieben oder absagen',
    declined: 'Sie haben abgelehnt; der Termin geht an die nächste Person. Sie bleiben auf der Warteliste.',
    over: 'Dieses Angebot ist nicht mehr offen.',
    waiting: 'Sie stehen auf der Warteliste. Wird ein früherer Termin frei, bekommen Sie eine Nachricht.',
    leave: 'Von der Warteliste nehmen',
    left: 'Ihr Eintrag ist gelöscht.',
    errorTitle: 'Das hat nicht geklappt',
    networkError: 'Keine Verbindung. Bitte versuchen Sie es noch einmal.',
  },
  en: {
    app: 'Appointments',
    title: 'An earlier appointment for you',
    entryTitle: 'Your waitlist entry',
    loading: 'Loading …',
    notFound: 'There is no offer for this link. Please check the link in your message.',
    held: 'This appointment has become free and is reserved for you.',
    when: 'When',
    where: 'Where',
    until: 'Reserved until',
    accept: 'Accept the appointment',
    decline: 'Decline',
    accepted: 'The appointment is booked for you. A confirmation is on its way.',
    manage: 'View, move or cancel the appointment',
    declined: 'You declined; the appointment goes to the next person. You stay on the waitlist.',
    over: 'This offer is no longer open.',
    waiting: 'You are on the waitlist. When an earlier appointment becomes free, you will get a message.',
    leave: 'Leave the waitlist',
    left: 'Your entry has been removed.',
    errorTitle: 'That did not work',
    networkError: 'No connection. Please try again.',
  },
};
