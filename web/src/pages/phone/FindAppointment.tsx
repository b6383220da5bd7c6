// Find a caller's appointments by booking number, phone number or e-mail address with the call
// centre's key (no citizen token needed), then cancel or move one of them.
import { useEffect, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { SlotList } from '../../components/booking/SlotList';
import { bookingTexts } from '../../components/booking/texts';
import {
  ApiError,
  agentCancelAppointment,
  agentGetAppointment,
  agentRescheduleAppointment,
  createHold,
  findAppointmentsByContact,
} from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import type { Appointment, Slot } from '../../lib/types';
import { manageTexts } from '../manage/texts';
import { phoneTexts } from './texts';

interface Props {
  apiKey: string;
  serviceLabel: (id: string) => string;
  onKeyRejected: () => void;
  /** Set from outside (e.g. a click on a recent booking) to look up that code; n makes repeats count. */
  request?: { code: string; n: number } | null;
}

/** A booking number (AB12-CD34, dash optional) in canonical form, or null. */
function asCode(text: string): string | null {
  const compact = text.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^([A-Z0-9]{4})-?([A-Z0-9]{4})$/.exec(compact);
  return m ? `${m[1]}-${m[2]}` : null;
}

export function FindAppointment({ apiKey, serviceLabel, onKeyRejected, request }: Props) {
  const { t, lang } = useTexts(phoneTexts);
  const mt = useTexts(manageTexts).t;
  const bt = useTexts(bookingTexts).t;
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [results, setResults] = useState<Appointment[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      onKeyRejected();
      return;
    }
    setError(e instanceof ApiError && e.status !== 0 ? e.message : bt('networkError'));
  };

  const show = (list: Appointment[], query: string, hint = '') => {
    setResults(list);
    setStatus(
      list.length === 0
        ? `${t('foundNone', { q: query })}${hint ? ` ${hint}` : ''}`
        : list.length === 1
          ? t('foundOne')
          : t('foundMany', { n: list.length }),
    );
  };

  const lookup = (raw: string) => {
    const query = raw.trim();
    setNotice(null);
    setError(null);
    setMoving(null);
    setAsking(null);
    if (!query) {
      setFieldError(t('findMissing'));
      document.getElementById('p-find')?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    setStatus('');
    const code = query.includes('@') ? null : asCode(query);
    const byContact = () =>
      findAppointmentsByContact(query, apiKey).then((list) =>
        show(list, query, query.includes('@') ? '' : t('emailFirst')),
      );
    const run = code
      ? agentGetAppointment(code, apiKey)
          .then((a) => show([a], query))
          .catch((e: unknown) => {
            if (!(e instanceof ApiError && e.status === 404)) throw e;
            // Only digits could also be a phone number; otherwise the code is simply unknown.
            if (/^[\d\s+()/-]+$/.test(query)) return byContact().catch(() => show([], query));
            setResults([]);
            setStatus(t('noCode', { code }));
            return undefined;
          })
      : byContact();
    run
      .catch((e: unknown) => {
        setResults(null);
        fail(e);
      })
      .finally(() => setBusy(false));
  };

  useEffect(() => {
    if (!request) return;
    setText(request.code);
    lookup(request.code);
  }, [request?.n]);

  // Keyboard focus follows the cancel question: onto "Ja, absagen" when it opens.
  useEffect(() => {
    if (asking) document.getElementById(`p-r-${asking}-yes`)?.focus();
  }, [asking]);
  const focusItem = (code: string) =>
    window.requestAnimationFrame(() => document.getElementById(`p-r-${code}-title`)?.focus());

  const replace = (a: Appointment) =>
    setResults((old) => (old ?? []).map((x) => (x.code === a.code ? a : x)));

  const cancel = (a: Appointment) => {
    setBusy(true);
    setError(null);
    agentCancelAppointment(a.code, apiKey)
      .then((updated) => {
        replace(updated);
        setAsking(null);
        setNotice(t('cancelledFor', { code: a.code }));
        focusItem(a.code);
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };

  const move = (a: Appointment, slot: Slot) => {
    setBusy(true);
    setError(null);
    createHold(
      {
        services: a.services,
        location: slot.location,
        start: slot.start,
        moveInDate: a.move_in_date ?? null,
        channel: 'phone',
      },
      apiKey,
    )
      .then((hold) => agentRescheduleAppointment(a.code, apiKey, hold.appointment.code, hold.token))
      .then((updated) => {
        replace(updated);
        setMoving(null);
        setNotice(t('movedFor', { code: a.code, when: formatDateTime(updated.start, lang) }));
        focusItem(a.code);
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };

  const item = (a: Appointment) => {
    const active = a.status === 'confirmed' || a.status === 'checked_in';
    const id = `p-r-${a.code}`;
    const contact = [a.contact?.name, a.contact?.phone, a.contact?.email].filter(Boolean).join(', ');
    return (
      <li key={a.code}>
        <article class="stack" id={id} aria-labelledby={`${id}-title`}>
          <h4 id={`${id}-title`} class="kern-heading-small" tabIndex={-1}>
            {t('appointment', { code: a.code })}
          </h4>
          <dl class="kern-description-list">
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{mt('status')}</dt>
              <dd class="kern-description-list-item__value" id={`${id}-status`}>
                {mt(`st_${a.status}` as 'st_confirmed') ?? a.status}
              </dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{bt('when')}</dt>
              <dd class="kern-description-list-item__value">{formatDateTime(a.start, lang)}</dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{bt('where')}</dt>
              <dd class="kern-description-list-item__value">{a.location_name ?? a.location}</dd>
            </div>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{bt('what')}</dt>
              <dd class="kern-description-list-item__value">{a.services.map(serviceLabel).join(', ')}</dd>
            </div>
            {contact ? (
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('caller')}</dt>
                <dd class="kern-description-list-item__value">{contact}</dd>
              </div>
            ) : null}
          </dl>
          {active && asking === a.code ? (
            <div class="stack" role="group" aria-labelledby={`${id}-ask`}>
              <p class="kern-body" id={`${id}-ask`}>
                {t('cancelAsk', { code: a.code })}
              </p>
              <div class="actions">
                <Button id={`${id}-yes`} kind="primary" icon="delete" busy={busy} onClick={() => cancel(a)}>
                  {t('cancelYes')}
                </Button>
                <Button
                  kind="secondary"
                  onClick={() => {
                    setAsking(null);
                    focusItem(a.code);
                  }}
                >
                  {t('cancelNo')}
                </Button>
              </div>
            </div>
          ) : active ? (
            <div class="actions">
              <Button kind="secondary" icon="calendar-today" onClick={() => setMoving(moving === a.code ? null : a.code)}>
                {moving === a.code ? mt('stopMove') : mt('move')}
              </Button>
              <Button
                kind="secondary"
                icon="delete"
                busy={busy}
                onClick={() => {
                  setMoving(null);
                  setAsking(a.code);
                }}
              >
                {mt('cancel')}
              </Button>
            </div>
          ) : null}
          {active && moving === a.code ? (
            <SlotList
              idPrefix="pm"
              headingLevel={3}
              apiKey={apiKey}
              busy={busy}
              query={{ services: a.services, moveInDate: a.move_in_date ?? null, channel: 'phone', limit: 10 }}
              onChoose={(slot) => move(a, slot)}
            />
          ) : null}
        </article>
      </li>
    );
  };

  return (
    <section class="stack" aria-labelledby="p-find-title">
      <h2 id="p-find-title" class="kern-heading-medium">
        {t('findTitle')}
      </h2>
      <form
        class="stack"
        noValidate
        role="search"
        aria-labelledby="p-find-title"
        onSubmit={(e) => {
          e.preventDefault();
          lookup(text);
        }}
      >
        <TextField
          id="p-find"
          type="search"
          label={t('findLabel')}
          hint={t('findHint')}
          value={text}
          onInput={setText}
          autoComplete="off"
          error={fieldError}
        />
        <Button type="submit" kind="secondary" icon="search" busy={busy}>
          {t('find')}
        </Button>
      </form>
      <ErrorAlert error={error} title={bt('errorTitle')} />
      {notice ? <Alert kind="success" title={notice} /> : null}
      <p class="kern-body" role="status" id="p-results-status">
        {status}
      </p>
      {results && results.length > 0 ? (
        <section class="stack" aria-labelledby="p-results-title">
          <h3 id="p-results-title" class="kern-heading-small">
            {t('resultsTitle')}
          </h3>
          <ul class="plain-list" id="p-results">
            {results.map(item)}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
