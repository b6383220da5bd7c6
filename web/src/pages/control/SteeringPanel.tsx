// Central steering from the control room: record sickness, open extra capacity (also beyond the
// regular hours), move a staff member to another centre. Each change names who and why (audited);
// the answer says which appointments went to a colleague and which wait to be rebooked.
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox, Select, TextField } from '../../components/Field';
import { ApiError } from '../../lib/api';
import type { Lang } from '../../lib/i18n';
import {
  addShift,
  getRosterStaff,
  moveStaff,
  recordAbsence,
  type Outcome,
  type StaffMember,
} from '../../lib/monitor';
import type { Location } from '../../lib/types';

const TEXT = {
  de: {
    title: 'Steuerung',
    reason: 'Grund (wird protokolliert)',
    sick: 'Krankmeldung erfassen',
    extra: 'Kapazität öffnen',
    move: 'Mitarbeitende umsetzen',
    staffFrom: 'Mitarbeitende aus',
    staff: 'Mitarbeitende',
    centre: 'Kundenzentrum',
    target: 'Einsatz in',
    first: 'Von (Tag)',
    last: 'Bis (Tag)',
    day: 'Tag',
    from: 'Beginn',
    to: 'Ende',
    extraOpening: 'Sonderöffnung außerhalb der regulären Öffnungszeiten',
    save: 'Speichern',
    done: 'Gespeichert. {moved} Termine an Kolleginnen/Kollegen übergeben, {rebook} zur Umbuchung gelistet.',
    choose: 'Bitte wählen',
  },
  en: {
    title: 'Steering',
    reason: 'Reason (audited)',
    sick: 'Record sickness',
    extra: 'Open capacity',
    move: 'Move a staff member',
    staffFrom: 'Staff of',
    staff: 'Staff member',
    centre: 'Centre',
    target: 'Work at',
    first: 'From (day)',
    last: 'To (day)',
    day: 'Day',
    from: 'Start',
    to: 'End',
    extraOpening: 'Extra opening beyond the regular hours',
    save: 'Save',
    done: 'Saved. {moved} appointments handed to colleagues, {rebook} listed for rebooking.',
    choose: 'Please choose',
  },
};

const isoDay = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function useStaff(location: string) {
  const [staff, setStaff] = useState<StaffMember[]>([]);
  useEffect(() => {
    if (!location) return setStaff([]);
    getRosterStaff(location)
      .then((r) => setStaff(r.staff.filter((s) => s.home_location_id === location)))
      .catch(() => setStaff([]));
  }, [location]);
  return staff;
}

interface Props {
  lang: Lang;
  locations: Location[];
  // Who acts: shared with the measures panel, so it is typed once per visit.
  actor: string;
  onChanged: () => void;
}

export function SteeringPanel({ lang, locations, actor, onChanged }: Props) {
  const t = TEXT[lang];
  const [reason, setReason] = useState('');
  const [home, setHome] = useState('');
  const [staffId, setStaffId] = useState('');
  const [target, setTarget] = useState('');
  const [first, setFirst] = useState(isoDay(0));
  const [last, setLast] = useState(isoDay(0));
  const [from, setFrom] = useState('08:00');
  const [to, setTo] = useState('12:00');
  const [extraOpening, setExtraOpening] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const staff = useStaff(home);

  const centreOptions = [
    { value: '', label: t.choose },
    ...locations.map((l) => ({ value: l.id, label: l.name.replace('Hamburg Service vor Ort ', '') })),
  ];
  const staffOptions = [
    { value: '', label: t.choose },
    ...staff.map((s) => ({ value: s.id, label: s.display_name })),
  ];

  const run = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const out = await action();
      const moved = out.affected.filter((a) => a.reassigned).length;
      setMessage(t.done.replace('{moved}', String(moved)).replace('{rebook}', String(out.to_rebook)));
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const who = { actor, reason };

  return (
    <section class="stack" aria-labelledby="steering-title">
      <h2 class="kern-heading-medium" id="steering-title">
        {t.title}
      </h2>
      <div class="steering-forms">
        <div class="stack">
          <TextField id="steer-reason" label={t.reason} value={reason} onInput={setReason} required />
          <Select id="steer-home" label={t.staffFrom} value={home} options={centreOptions} onChange={setHome} />
          <Select id="steer-staff" label={t.staff} value={staffId} options={staffOptions} onChange={setStaffId} />
          <TextField id="steer-first" type="date" label={t.first} value={first} onInput={setFirst} />
          <TextField id="steer-last" type="date" label={t.last} value={last} onInput={setLast} />
        </div>
        <div class="stack">
          <h3 class="kern-heading-small">{t.sick}</h3>
          <Button
            id="steer-sick"
            kind="secondary"
            busy={busy}
            onClick={() => void run(() => recordAbsence({ staff_id: staffId, first, last, kind: 'sick', ...who }))}
          >
            {t.sick}
          </Button>
          <h3 class="kern-heading-small">{t.move}</h3>
          <Select id="steer-target" label={t.target} value={target} options={centreOptions} onChange={setTarget} />
          <Button
            id="steer-move"
            kind="secondary"
            busy={busy}
            onClick={() =>
              void run(() => moveStaff({ staff_id: staffId, to_location_id: target, first, last, ...who }))
            }
          >
            {t.move}
          </Button>
        </div>
        <div class="stack">
          <h3 class="kern-heading-small">{t.extra}</h3>
          <p class="kern-body">
            {t.centre}: {t.target} · {t.day}: {t.first}
          </p>
          <TextField id="steer-from" type="time" label={t.from} value={from} onInput={setFrom} />
          <TextField id="steer-to" type="time" label={t.to} value={to} onInput={setTo} />
          <Checkbox id="steer-extra-opening" label={t.extraOpening} checked={extraOpening} onChange={setExtraOpening} />
          <Button
            id="steer-extra"
            busy={busy}
            onClick={() =>
              void run(() =>
                addShift({
                  staff_id: staffId,
                  location_id: target,
                  day: first,
                  time: { from, to },
                  extra_opening: extraOpening,
                  ...who,
                }),
              )
            }
          >
            {t.extra}
          </Button>
        </div>
      </div>
      {message ? <Alert kind="success" title={message} /> : null}
      {error ? <Alert kind="danger" title={error} /> : null}
    </section>
  );
}
