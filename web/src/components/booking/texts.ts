// Words of the booking pieces shared by the citizen page, the manage page and the phone console.
import type { Texts } from '../../lib/i18n';

export type BookingKey =
  | 'whatTitle'
  | 'searchLabel'
  | 'searchHint'
  | 'noServiceFound'
  | 'chosen'
  | 'noneChosen'
  | 'remove'
  | 'online'
  | 'onlineIntro'
  | 'onlineLink'
  | 'minutes'
  | 'moveIn'
  | 'moveInHint'
  | 'deadline'
  | 'filters'
  | 'whenLegend'
  | 'early'
  | 'late'
  | 'lunch'
  | 'saturday'
  | 'district'
  | 'allDistricts'
  | 'near'
  | 'nearHint'
  | 'nearUnknown'
  | 'nearUsing'
  | 'results'
  | 'resultsCount'
  | 'loading'
  | 'noSlots'
  | 'more'
  | 'choose'
  | 'chooseSlot'
  | 'walkIn'
  | 'walkInClosed'
  | 'walkInNone'
  | 'km'
  | 'withinDeadline'
  | 'afterDeadline'
  | 'errorTitle'
  | 'networkError'
  | 'held'
  | 'heldUntil'
  | 'contactTitle'
  | 'name'
  | 'email'
  | 'phone'
  | 'contactHint'
  | 'optional'
  | 'nameMissing'
  | 'contactMissing'
  | 'emailInvalid'
  | 'confirm'
  | 'back'
  | 'confirmed'
  | 'yourCode'
  | 'calendarFile'
  | 'manageLink'
  | 'manageHint'
  | 'where'
  | 'when'
  | 'what'
  | 'bookAnother'
  | 'modeTime'
  | 'modeCentre'
  | 'modeLegend'
  | 'centre'
  | 'pickCentre'
  | 'daysTitle'
  | 'starts'
  | 'noStarts'
  | 'timesTitle'
  | 'closedDay';

export const bookingTexts: Texts<BookingKey> = {
  de: {
    whatTitle: 'Was möchten Sie erledigen?',
    searchLabel: 'Anliegen suchen',
    searchHint: 'Zum Beispiel „Ausweis“, „Umzug“ oder „Führerschein“. Sie können mehrere Anliegen wählen.',
    noServiceFound: 'Kein Anliegen gefunden. Versuchen Sie ein anderes Wort.',
    chosen: 'Ihre Auswahl',
    noneChosen: 'Noch nichts gewählt.',
    remove: '{name} entfernen',
    online: 'Das geht auch ohne Besuch',
    onlineIntro: 'Für dieses Anliegen brauchen Sie keinen Termin:',
    onlineLink: '{name} online erledigen',
    minutes: '{n} Min.',
    moveIn: 'Wann sind Sie eingezogen?',
    moveInHint: 'Sie müssen sich innerhalb von 14 Tagen nach dem Einzug anmelden.',
    deadline: 'Bitte melden Sie sich bis {date} an.',
    filters: 'Termine eingrenzen',
    whenLegend: 'Wann passt es Ihnen?',
    early: 'früh (vor 9 Uhr)',
    late: 'spät (ab 17 Uhr)',
    lunch: 'mittags (12 bis 14 Uhr)',
    saturday: 'samstags',
    district: 'Bezirk',
    allDistricts: 'Alle Bezirke',
    near: 'In meiner Nähe (Postleitzahl oder Adresse)',
    nearHint: 'Zum Beispiel 22765. Wir nutzen keine Kartendienste.',
    nearUnknown: 'Diese Postleitzahl kennen wir nicht. Bitte geben Sie eine Hamburger Postleitzahl ein.',
    nearUsing: 'Sortiert nach Entfernung zu {postcode}.',
    results: 'Die nächsten freien Termine',
    resultsCount: '{n} Termine gefunden, nach Uhrzeit sortiert.',
    loading: 'Termine werden gesucht …',
    noSlots: 'Für diese Auswahl gibt es keine freien Termine. Lassen Sie Filter weg oder wählen Sie einen anderen Bezirk.',
    more: 'Weitere Termine anzeigen',
    choose: 'Termin wählen',
    chooseSlot: 'Termin wählen: {when}, {place}',
    walkIn: 'Ohne Termin jetzt: ca. {min} Min. Wartezeit',
    walkInClosed: 'Ohne Termin: gerade geschlossen',
    walkInNone: 'Ohne Termin jetzt: kaum Wartezeit',
    km: '{km} km entfernt',
    withinDeadline: 'innerhalb der Frist',
    afterDeadline: 'nach der Frist',
    errorTitle: 'Das hat nicht geklappt',
    networkError: 'Keine Verbindung zum Server. Bitte versuchen Sie es noch einmal.',
    held: 'Dieser Termin ist für Sie reserviert',
    heldUntil: 'Bitte bestätigen Sie bis {time}.',
    contactTitle: 'Ihre Kontaktdaten',
    name: 'Vor- und Nachname',
    email: 'E-Mail-Adresse',
    phone: 'Telefonnummer',
    contactHint: 'Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.',
    optional: 'optional',
    nameMissing: 'Bitte geben Sie Ihren Namen ein.',
    contactMissing: 'Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer ein.',
    emailInvalid: 'Bitte prüfen Sie die E-Mail-Adresse, zum Beispiel name@beispiel.de.',
    confirm: 'Termin verbindlich buchen',
    back: 'Zurück zur Terminauswahl',
    confirmed: 'Ihr Termin ist gebucht',
    yourCode: 'Ihre Buchungsnummer',
    calendarFile: 'Termin in den Kalender übernehmen (.ics)',
    manageLink: 'Termin ansehen, verschieben oder absagen',
    manageHint: 'Speichern Sie diesen Link. Mit ihm können Sie den Termin ändern oder absagen.',
    where: 'Wo',
    when: 'Wann',
    what: 'Anliegen',
    bookAnother: 'Weiteren Termin buchen',
    modeTime: 'Früheste Termine in ganz Hamburg',
    modeCentre: 'Erst Standort wählen, dann Tag',
    modeLegend: 'Wie möchten Sie suchen?',
    centre: 'Kundenzentrum',
    pickCentre: 'Bitte wählen',
    daysTitle: 'Freie Tage',
    starts: '{n} freie Zeiten',
    noStarts: 'ausgebucht',
    timesTitle: 'Freie Zeiten am {date}',
    closedDay: 'geschlossen',
  },
  en: {
    whatTitle: 'What do you need to do?',
    searchLabel: 'Search for a service',
    searchHint: 'For example “identity card”, “moving” or “driving licence”. You can choose more than one.',
    noServiceFound: 'No service found. Try another word.',
    chosen: 'Your choice',
    noneChosen: 'Nothing chosen yet.',
    remove: 'Remove {name}',
    online: 'You can do this without a visit',
    onlineIntro: 'You do not need an appointment for this:',
    onlineLink: 'Do “{name}” online',
    minutes: '{n} min',
    moveIn: 'When did you move in?',
    moveInHint: 'You must register within 14 days of moving in.',
    deadline: 'Please register by {date}.',
    filters: 'Narrow down',
    whenLegend: 'When suits you?',
    early: 'early (before 9 am)',
    late: 'late (from 5 pm)',
    lunch: 'lunchtime (12 to 2 pm)',
    saturday: 'Saturdays',
    district: 'District',
    allDistricts: 'All districts',
    near: 'Near me (postcode or address)',
    nearHint: 'For example 22765. We do not use any map service.',
    nearUnknown: 'We do not know this postcode. Please enter a Hamburg postcode.',
    nearUsing: 'Sorted by distance from {postcode}.',
    results: 'The next free appointments',
    resultsCount: '{n} appointments found, sorted by time.',
    loading: 'Looking for appointments …',
    noSlots: 'There are no free appointments for this choice. Remove filters or choose another district.',
    more: 'Show more appointments',
    choose: 'Choose',
    chooseSlot: 'Choose: {when}, {place}',
    walkIn: 'Without appointment now: about {min} min wait',
    walkInClosed: 'Without appointment: closed right now',
    walkInNone: 'Without appointment now: hardly any wait',
    km: '{km} km away',
    withinDeadline: 'within the deadline',
    afterDeadline: 'after the deadline',
    errorTitle: 'That did not work',
    networkError: 'No connection to the server. Please try again.',
    held: 'This appointment is reserved for you',
    heldUntil: 'Please confirm by {time}.',
    contactTitle: 'Your contact details',
    name: 'First and last name',
    email: 'E-mail address',
    phone: 'Phone number',
    contactHint: 'Please give an e-mail address or a phone number.',
    optional: 'optional',
    nameMissing: 'Please enter your name.',
    contactMissing: 'Please enter an e-mail address or a phone number.',
    emailInvalid: 'Please check the e-mail address, for example name@example.org.',
    confirm: 'Book this appointment',
    back: 'Back to the appointments',
    confirmed: 'Your appointment is booked',
    yourCode: 'Your booking number',
    calendarFile: 'Add to your calendar (.ics)',
    manageLink: 'View, move or cancel the appointment',
    manageHint: 'Keep this link. You need it to change or cancel the appointment.',
    where: 'Where',
    when: 'When',
    what: 'Services',
    bookAnother: 'Book another appointment',
    modeTime: 'Earliest appointments in all of Hamburg',
    modeCentre: 'Choose a centre first, then a day',
    modeLegend: 'How do you want to search?',
    centre: 'Customer centre',
    pickCentre: 'Please choose',
    daysTitle: 'Free days',
    starts: '{n} free times',
    noStarts: 'fully booked',
    timesTitle: 'Free times on {date}',
    closedDay: 'closed',
  },
};
