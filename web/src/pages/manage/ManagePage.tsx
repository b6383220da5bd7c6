// Manage an appointment from the confirmation's link (/termin/{code}?token=…): view, cancel,
// or move it to another time (a new hold first, then PATCH; the old slot is kept until then).
// The mails' cancel link adds `&action=cancel`: it opens the question with its one-click button
// in focus, but never cancels by itself — mail scanners open links too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Layout } from '../../components/Layout';
import { AppointmentFacts, Fact } from '../../components/booking/AppointmentFacts';
import { SlotList } from '../../components/booking/SlotList';
import { bookingTexts } from '../../components/booking/texts';
import {
  ApiError,
  cancelAppointment,
  createHold,
  getAppointment,
  icsPath,
  rescheduleAppointment,
} from '../../lib/api';
import { serviceName, useTexts } from '../../lib/i18n';
import { queryParam } from '../../lib/router';
import type { Appointment, Slot } from '../../lib/types';
import { useCatalogue } from '../../lib/useCatalogue';
import { manageTexts } from './texts';

type Notice = 'cancelled' | 'moved' | null;

export default function ManagePage({ path }: { path: string }) {
  const { t, lang } = useTexts(manageTexts);
  const bt = useTexts(bookingTexts).t;
  const code = decodeURIComponent(path.split('/')[2] ?? '');
  const token = queryParam('token') ?? '';
  const wantsCancel = queryParam('action') === 'cancel';
  const cancelButton = useRef<HTMLDivElement>(null);
  const catalogue = useCatalogue();
  const [appointment, setAppointment] = useState<Appointment | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [moving, setMoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const message = (e: unknown) => (e instanceof ApiError && e.status !== 0 ? e.message : bt('networkError'));

  useEffect(() => {
    getAppointment(code, token)
      .then((a) => {
        setAppointment(a);
        if (wantsCancel && (a.status === 'confirmed' || a.status === 'held')) setAsking(true);
      })
      .catch((e: unknown) => setLoadError(e instanceof ApiError && e.status === 404 ? t('notFound') : message(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, token]);

  const cancel = () => {
    setBusy(true);
    cancelAppointment(code, token)
      .then((a) => {
        setAppointment(a);
        setAsking(false);
        setNotice('cancelled');
        setError(null);
      })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  const move = (slot: Slot) => {
    if (!appointment) return;
    setBusy(true);
    setError(null);
    createHold({
      services: appointment.services,
      location: slot.location,
      start: slot.start,
      moveInDate: appointment.move_in_date ?? null,
    })
      .then((hold) => rescheduleAppointment(code, token, hold.appointment.code, hold.token))
      .then((a) => {
        setAppointment(a);
        setMoving(false);
        setNotice('moved');
      })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  useEffect(() => {
    if (asking && wantsCancel) cancelButton.current?.querySelector('button')?.focus();
  }, [asking, wantsCancel]);

  const names = (appointment?.services ?? []).map((id) => {
    const s = catalogue.services.find((x) => x.id === id);
    return s ? serviceName(s, lang) : id;
  });
  const active = appointment && (appointment.status === 'confirmed' || appointment.status === 'held');
  const statusText = appointment
    ? (t(`st_${appointment.status}` as 'st_confirmed') ?? appointment.status)
    : '';

  return (
    <Layout title={t('title')} app={t('app')}>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{t('title')}</h1>
        {!appointment && !loadError ? <p class="kern-body">{t('loading')}</p> : null}
        {loadError ? (
          <Alert kind="danger" title={bt('errorTitle')}>
            <p class="kern-body">{loadError}</p>
          </Alert>
        ) : null}
        {notice === 'cancelled' ? <Alert kind="success" title={t('cancelled')} /> : null}
        {notice === 'moved' ? <Alert kind="success" title={t('moved')} /> : null}
        {appointment ? (
          <AppointmentFacts
            id="appointment-details"
            start={appointment.start}
            locationName={appointment.location_name}
            address={appointment.address}
            serviceNames={names}
          >
            <Fact label={t('code')}>{appointment.code}</Fact>
            <Fact label={t('status')} id="appointment-status">
              {statusText}
            </Fact>
          </AppointmentFacts>
        ) : null}
        <ErrorAlert error={error} title={bt('errorTitle')} />
        {appointment && active && !asking && !moving ? (
          <div class="actions">
            <a class="kern-btn kern-btn--tertiary" href={icsPath(code, token)} download={`termin-${code}.ics`}>
              <span class="kern-icon kern-icon--calendar-today" aria-hidden="true" />
              <span class="kern-label">{bt('calendarFile')}</span>
            </a>
            <Button kind="secondary" icon="calendar-today" onClick={() => setMoving(true)}>
              {t('move')}
            </Button>
            <Button kind="secondary" icon="delete" onClick={() => setAsking(true)}>
              {t('cancel')}
            </Button>
          </div>
        ) : null}
        {asking ? (
          <div class="stack" role="group" aria-labelledby="cancel-ask">
            <p class="kern-body kern-body--bold" id="cancel-ask">
              {t('cancelAsk')}
            </p>
            <div class="actions" ref={cancelButton}>
              <Button kind="primary" busy={busy} onClick={cancel}>
                {t('cancelYes')}
              </Button>
              <Button kind="tertiary" onClick={() => setAsking(false)}>
                {t('cancelNo')}
              </Button>
            </div>
          </div>
        ) : null}
        {moving && appointment ? (
          <section class="stack" aria-labelledby="move-title">
            <h2 id="move-title" class="kern-heading-medium">
              {t('moveTitle')}
            </h2>
            <Button kind="tertiary" icon="close" onClick={() => setMoving(false)}>
              {t('stopMove')}
            </Button>
            <SlotList
              idPrefix="m"
              headingLevel={3}
              busy={busy}
              query={{
                services: appointment.services,
                moveInDate: appointment.move_in_date ?? null,
                limit: 10,
              }}
              onChoose={move}
            />
          </section>
        ) : null}
        {notice === 'cancelled' || loadError ? (
          <p class="kern-body">
            <a class="kern-link" href="/">
              {t('toBooking')}
            </a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
