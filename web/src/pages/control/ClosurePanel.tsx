// Interim solutions from the control room: close a centre for a period (a move, a burst pipe, no
// staff). A preview first shows where each appointment would go; closing then rebooks them into
// the nearest equivalent slot elsewhere or lists them for the call centre. Closures can be lifted.
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Select, TextField } from '../../components/Field';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime, todayInBerlin } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { closeCentre, getClosures, reopenCentre, type Closure, type ClosureOutcome } from '../../lib/monitor';
import type { Location } from '../../lib/types';

const TEXT = {
  de: {
    title: 'Kundenzentrum vorübergehend schließen',
    intro:
      'Alle Termine im Zeitraum werden in den nächstgelegenen gleichwertigen Termin umgebucht (gleiche Leistungen, Fristen gewahrt) oder zur telefonischen Umbuchung gelistet. Vorgangsnummer und Link der Bürgerinnen und Bürger bleiben gültig.',
    centre: 'Kundenzentrum',
    first: 'Geschlossen ab',
    last: 'Geschlossen bis',
    reason: 'Grund (z. B. Umzug, Wasserschaden)',
    preview: 'Vorschau',
    close: 'Schließen und umbuchen',
    previewSummary: 'Vorschau: {rebooked} Termine würden umgebucht, {listed} zur telefonischen Umbuchung gelistet.',
    doneSummary: 'Geschlossen. {rebooked} Termine umgebucht, {listed} zur telefonischen Umbuchung gelistet.',
    previewNote: 'Die Vorschau reserviert nichts; bei knappen Terminen kann das Ergebnis leicht abweichen.',
    code: 'Vorgang',
    was: 'Bisher',
    now: 'Neu',
    phone: 'telefonisch umbuchen',
    choose: 'Bitte wählen',
    current: 'Aktuelle Schließungen',
    none: 'Keine Schließungen geplant.',
    reopen: 'Wieder öffnen',
    reopened: 'Schließung aufgehoben.',
    needActor: 'Bitte oben unter „Steuerung“ Ihren Namen angeben.',
    more: 'Die ersten {shown} von {n} Terminen.',
  },
  en: {
    title: 'Close a centre for a period',
    intro:
      'Every appointment in the period is rebooked into the nearest equivalent slot (same services, deadlines kept) or listed for rebooking by phone. Codes and citizens’ links stay valid.',
    centre: 'Centre',
    first: 'Closed from',
    last: 'Closed until',
    reason: 'Reason (e.g. move, water damage)',
    preview: 'Preview',
    close: 'Close and rebook',
    previewSummary: 'Preview: {rebooked} appointments would be rebooked, {listed} listed for rebooking by phone.',
    doneSummary: 'Closed. {rebooked} appointments rebooked, {listed} listed for rebooking by phone.',
    previewNote: 'The preview reserves nothing; when slots are scarce the result may differ slightly.',
    code: 'Code',
    was: 'Was',
    now: 'New',
    phone: 'rebook by phone',
    choose: 'Please choose',
    current: 'Current closures',
    none: 'No closures planned.',
    reopen: 'Reopen',
    reopened: 'Closure lifted.',
    needActor: 'Please enter your name under “Steering” above.',
    more: 'The first {shown} of {n} appointments.',
  },
};

const SHOWN = 100;

interface Props {
  lang: Lang;
  locations: Location[];
  actor: string;
  onChanged: () => void;
}

export function ClosurePanel({ lang, locations, actor, onChanged }: Props) {
  const t = TEXT[lang];
  const [location, setLocation] = useState('');
  const [first, setFirst] = useState(todayInBerlin());
  const [last, setLast] = useState(todayInBerlin());
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<ClosureOutcome | null>(null);
  const [closures, setClosures] = useState<Closure[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    getClosures()
      .then((c) => setClosures(c.closures))
      .catch(() => setClosures([]));
  useEffect(() => void load(), []);

  const centreName = (id: string) =>
    (locations.find((l) => l.id === id)?.name ?? id).replace('Hamburg Service vor Ort ', '');
  const options = [{ value: '', label: t.choose }, ...locations.map((l) => ({ value: l.id, label: centreName(l.id) }))];

  const guarded = async (action: () => Promise<void>) => {
    if (!actor.trim()) return setError(t.needActor);
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const run = (dryRun: boolean) =>
    guarded(async () => {
      const out = await closeCentre({ location_id: location, first, last, dry_run: dryRun, actor, reason });
      setOutcome(out);
      if (!dryRun) {
        void load();
        onChanged();
      }
    });
  const summary = (o: ClosureOutcome) =>
    (o.dry_run ? t.previewSummary : t.doneSummary)
      .replace('{rebooked}', String(o.rebooked))
      .replace('{listed}', String(o.listed));

  return (
    <section class="stack" aria-labelledby="closure-title">
      <h2 class="kern-heading-medium" id="closure-title">
        {t.title}
      </h2>
      <p class="kern-body">{t.intro}</p>
      <div class="steering-forms">
        <div class="stack">
          <Select id="closure-centre" label={t.centre} value={location} options={options} onChange={setLocation} />
          <TextField id="closure-reason" label={t.reason} value={reason} onInput={setReason} required />
        </div>
        <div class="stack">
          <TextField id="closure-first" type="date" label={t.first} value={first} onInput={setFirst} />
          <TextField id="closure-last" type="date" label={t.last} value={last} onInput={setLast} />
        </div>
        <div class="stack">
          <Button id="closure-preview" kind="secondary" busy={busy} onClick={() => void run(true)}>
            {t.preview}
          </Button>
          <Button id="closure-close" busy={busy} onClick={() => void run(false)}>
            {t.close}
          </Button>
        </div>
      </div>
      {error ? <Alert kind="danger" title={error} /> : null}
      {message ? <Alert kind="success" title={message} /> : null}
      {outcome ? (
        <div class="stack" id="closure-outcome">
          <Alert kind={outcome.dry_run ? 'info' : 'success'} title={summary(outcome)} />
          {outcome.dry_run ? <p class="kern-body">{t.previewNote}</p> : null}
          {outcome.appointments.length > SHOWN ? (
            <p class="kern-body">
              {t.more.replace('{shown}', String(SHOWN)).replace('{n}', String(outcome.appointments.length))}
            </p>
          ) : null}
          {outcome.appointments.length > 0 ? (
            <div class="table-wrap">
              <table class="data-table" id="closure-table" aria-labelledby="closure-title">
                <thead>
                  <tr>
                    <th scope="col">{t.code}</th>
                    <th scope="col">{t.was}</th>
                    <th scope="col">{t.now}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.appointments.slice(0, SHOWN).map((r) => (
                    <tr key={r.code}>
                      <th scope="row">{r.code}</th>
                      <td>{formatDateTime(r.before.start, lang)}</td>
                      <td>
                        {r.after
                          ? `${formatDateTime(r.after.start, lang)} · ${centreName(r.after.location)}`
                          : t.phone}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
      <h3 class="kern-heading-small">{t.current}</h3>
      {closures.length === 0 ? (
        <p class="kern-body">{t.none}</p>
      ) : (
        <ul class="kern-list" id="closure-list">
          {closures.map((c) => (
            <li key={c.id} class="row-wrap">
              <span>
                {centreName(c.location_id)}: {formatDate(c.first, lang)} – {formatDate(c.last, lang)} ({c.reason})
              </span>
              <Button
                kind="tertiary"
                busy={busy}
                onClick={() =>
                  void guarded(async () => {
                    await reopenCentre(c.id, { actor, reason: `${t.reopen}: ${centreName(c.location_id)}` });
                    setMessage(t.reopened);
                    setOutcome(null);
                    void load();
                    onChanged();
                  })
                }
              >
                {t.reopen}
                <span class="visually-hidden">: {centreName(c.location_id)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
