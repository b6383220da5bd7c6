import type { Texts } from '../../lib/i18n';

export const ticketTexts: Texts<
  | 'app' | 'title' | 'number' | 'position' | 'positionWait' | 'noEstimate' | 'goTo' | 'serving' | 'done'
  | 'noShow' | 'transferred' | 'cancelled' | 'giveUp' | 'giveUpAsk' | 'yes' | 'no' | 'notFound' | 'live'
  | 'offline' | 'due'
> = {
  de: {
    app: 'Hamburg Service vor Ort',
    title: 'Ihre Wartemarke',
    number: 'Ihre Nummer',
    position: 'Sie sind an Position {n}.',
    positionWait: 'Sie sind an Position {n}, ca. {min} Minuten.',
    noEstimate: 'Eine Wartezeit können wir gerade nicht schätzen.',
    goTo: 'Bitte gehen Sie zu Schalter {counter}',
    serving: 'Sie werden gerade an Schalter {counter} bedient.',
    done: 'Ihr Anliegen ist erledigt. Vielen Dank für Ihren Besuch.',
    noShow: 'Sie wurden aufgerufen, waren aber nicht da. Bitte melden Sie sich am Empfang.',
    transferred: 'Sie wurden an ein anderes Anliegen weitergeleitet. Bitte achten Sie auf die Anzeige.',
    cancelled: 'Diese Wartemarke ist zurückgegeben.',
    giveUp: 'Wartemarke zurückgeben',
    giveUpAsk: 'Möchten Sie Ihre Wartemarke wirklich zurückgeben?',
    yes: 'Ja, zurückgeben',
    no: 'Nein, weiter warten',
    notFound: 'Diese Wartemarke finden wir nicht.',
    live: 'Diese Seite aktualisiert sich von selbst.',
    offline: 'Keine Verbindung – wird neu aufgebaut.',
    due: 'Ihr Termin: {time}',
  },
  en: {
    app: 'Hamburg Service vor Ort',
    title: 'Your ticket',
    number: 'Your number',
    position: 'You are number {n} in line.',
    positionWait: 'You are number {n} in line, about {min} minutes.',
    noEstimate: 'We cannot estimate the wait right now.',
    goTo: 'Please go to counter {counter}',
    serving: 'You are being served at counter {counter}.',
    done: 'Your matter is done. Thank you for your visit.',
    noShow: 'You were called but were not there. Please ask at the reception.',
    transferred: 'You were passed on to another service. Please watch the display.',
    cancelled: 'This ticket has been given up.',
    giveUp: 'Give up ticket',
    giveUpAsk: 'Do you really want to give up your ticket?',
    yes: 'Yes, give it up',
    no: 'No, keep waiting',
    notFound: 'We cannot find this ticket.',
    live: 'This page updates by itself.',
    offline: 'No connection – reconnecting.',
    due: 'Your appointment: {time}',
  },
};
