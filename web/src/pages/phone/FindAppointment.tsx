// Find an appointment by its booking number (the token comes from this session's bookings or
// from the caller's confirmation link), then cancel or move it.
import { useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { SlotList } from '../../components/booking/SlotList';
import { bookingTexts } from '../../components/booking/texts';
import {
  ApiError,
  cancelAppointment,
  createHold,
  getAppointment,
  rescheduleAppointment,
} from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import type { Appointment, Slot } from '../../lib/types';
import { manageTexts } from '../manage/texts';
import { phoneTexts } from './texts';

interface Props {
  apiKey: string;
  tokens: Record<string, string>;
  serviceLabel: (id: string) => string;
}

function tokenFrom(text: string): string {
  const trimmed = text.trim();
  const match = /[?&]token=([^&#\s]+)/.exec(trimmed);
  return match ? decodeURIComponent(match[1]) : trimmed;
}

export function FindAppointment({ apiKey, tokens, serviceLabel }: Props) {
  const { t, lang } = useTexts(phoneTexts);
  const mt = useTexts(manageTexts).t;
  const bt = useTexts(bookingTexts).t;
  const [code, setCode] = useState('');
  const [tokenText, setTokenText] = useState('');
  const [found, setFound] = useState<{ a: Appointment; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const message = (e: unknown) => (e instanceof ApiError && e.status !== 0 ? e.message : bt('networkError'));

  const find = (event?: Event) => {
    event?.preventDefault();
    const normal = code.trim().toUpperCase();
    const token = tokenText.trim() ? tokenFrom(tokenText) : tokens[normal];
    setNotice(null);
    setFound(null);
    if (!token) {
      setError(t('needToken'));
      return;
    }
    setBusy(true);
    getAppointment(normal, token)
      .then((a) => {
        setFound({ a, token });
        setError(null);
      })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  const cancel = () => {
    if (!found) return;
    setBusy(true);
    cancelAppointment(found.a.code, found.token)
      .then((a) => {
        setFound({ a, token: found.token });
        setNotice(mt('cancelled'));
      })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  const move = (slot: Slot) => {
    if (!found) return;
    setBusy(true);
    createHold(
      {
        services: found.a.services,
        location: slot.location,
        start: slot.start,
        moveInDate: found.a.move_in_date ?? null,
        channel: 'phone',
      },
      apiKey,
    )
      .then((hold) => rescheduleAppointment(found.a.code, found.token, hold.appointment.code, hold.token))
      .then((a) => {
        setFound({ a, token: found.token });
        setMoving(false);
        setNotice(mt('moved'));
      })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  const active = found && (found.a.status === 'confirmed' || found.a.status === 'held');
  return (
    <section class="stack" aria-labelledby="p-find-title">
      <h2 id="p-find-title" class="kern-heading-medium">
        {t('findTitle')}
      </h2>
      <form class="stack" noValidate onSubmit={find}>
        <TextField id="p-code" label={t('codeLabel')} value={code} onInput={setCode} autoComplete="off" />
        <TextField
          id="p-token"
          label={t('tokenLabel')}
          hint={t('tokenHint')}
          value={tokenText}
          onInput={setTokenText}
          autoComplete="off"
          optionalText={bt('optional')}
        />
        <Button type="submit" kind="secondary" icon="search" busy={busy}>
          {t('find')}
        </Button>
      </form>
      <ErrorAlert error={error} title={bt('errorTitle')} />
      {notice ? <Alert kind="success" title={notice} /> : null}
      {found ? (
        <div class="stack" id="p-found">
          <dl class="kern-description-list">
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{mt('code')}</dt>
              <dd class="kern-description-list-item__value">{found.a.code}</dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{mt('status')}</dt>
              <dd class="kern-description-list-item__value" id="p-found-status">
                {mt(`st_${found.a.status}` as 'st_confirmed') ?? found.a.status}
              </dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{bt('when')}</dt>
              <dd class="kern-description-list-item__value">{formatDateTime(found.a.start, lang)}</dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{bt('where')}</dt>
              <dd class="kern-description-list-item__value">{found.a.location_name}</dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{bt('what')}</dt>
              <dd class="kern-description-list-item__value">{found.a.services.map(serviceLabel).join(', ')}</dd>
            </div>
          </dl>
          {active ? (
            <div class="actions">
              <Button kind="secondary" icon="calendar-today" onClick={() => setMoving(!moving)}>
                {moving ? mt('stopMove') : mt('move')}
              </Button>
              <Button kind="secondary" icon="delete" busy={busy} onClick={cancel}>
                {mt('cancel')}
              </Button>
            </div>
          ) : null}
          {moving ? (
            <SlotList
              idPrefix="pm"
              headingLevel={3}
              apiKey={apiKey}
              busy={busy}
              query={{ services: found.a.services, moveInDate: found.a.move_in_date ?? null, channel: 'phone', limit: 10 }}
              onChoose={move}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
