// Interim solutions from the control room: open an interim location for a period (e.g. a room in
// a town hall while a centre moves). It is bookable once staff are moved there (the steering form
// above); closing the centre it stands in for rebooks that centre's appointments into it first.
import { useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox, Select, TextField } from '../../components/Field';
import { ApiError } from '../../lib/api';
import { todayInBerlin } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { openInterim } from '../../lib/monitor';
import type { District, Location } from '../../lib/types';

const TEXT = {
  de: {
    title: 'Interimsstandort eröffnen',
    intro:
      'Ein Ersatzstandort für einen Zeitraum, etwa während ein Kundenzentrum umzieht. Er erscheint sofort in der Terminsuche, der Standortliste und den Anzeigen, sobald Mitarbeitende dorthin umgesetzt sind. Wird das vertretene Kundenzentrum geschlossen, werden dessen Termine zuerst hierhin umgebucht.',
    id: 'Kennung (z. B. kz-wilhelmsburg-interim)',
    name: 'Name',
    district: 'Bezirk',
    standsInFor: 'Vertritt das Kundenzentrum',
    nobody: 'keines',
    street: 'Straße und Hausnummer',
    postcode: 'PLZ',
    lat: 'Breitengrad (z. B. 53,4968)',
    lon: 'Längengrad (z. B. 10,0107)',
    counters: 'Arbeitsplätze',
    from: 'Geöffnet ab',
    to: 'Geöffnet bis',
    opens: 'Öffnet (Mo–Fr)',
    closes: 'Schließt (Mo–Fr)',
    saturday: 'Auch samstags 09:00–13:00',
    reason: 'Grund (z. B. Umzug des Kundenzentrums)',
    open: 'Interimsstandort eröffnen',
    choose: 'Bitte wählen',
    done: '{name} ist eröffnet. Setzen Sie jetzt Mitarbeitende mit „Personal umsetzen“ dorthin.',
    badNumber: 'Bitte Breiten- und Längengrad als Zahl angeben.',
    needActor: 'Bitte melden Sie sich an.',
  },
  en: {
    title: 'Open an interim location',
    intro:
      'A stand-in location for a period, e.g. while a centre moves. It appears in search, the centre list and the displays as soon as staff are moved there. When the centre it stands in for closes, that centre’s appointments are rebooked here first.',
    id: 'Id (e.g. kz-wilhelmsburg-interim)',
    name: 'Name',
    district: 'District',
    standsInFor: 'Stands in for the centre',
    nobody: 'none',
    street: 'Street and number',
    postcode: 'Postcode',
    lat: 'Latitude (e.g. 53.4968)',
    lon: 'Longitude (e.g. 10.0107)',
    counters: 'Counters',
    from: 'Open from',
    to: 'Open until',
    opens: 'Opens (Mon–Fri)',
    closes: 'Closes (Mon–Fri)',
    saturday: 'Also Saturdays 09:00–13:00',
    reason: 'Reason (e.g. the centre moves)',
    open: 'Open interim location',
    choose: 'Please choose',
    done: '{name} is open. Now move staff there with “Move staff”.',
    badNumber: 'Please give latitude and longitude as numbers.',
    needActor: 'Please sign in.',
  },
};

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

interface Props {
  lang: Lang;
  districts: District[];
  locations: Location[];
  actor: string;
  onOpened: (location: Location) => void;
}

export function InterimPanel({ lang, districts, locations, actor, onOpened }: Props) {
  const t = TEXT[lang];
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [district, setDistrict] = useState('');
  const [standsInFor, setStandsInFor] = useState('');
  const [street, setStreet] = useState('');
  const [postcode, setPostcode] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [counters, setCounters] = useState('4');
  const [from, setFrom] = useState(todayInBerlin());
  const [to, setTo] = useState(todayInBerlin());
  const [opens, setOpens] = useState('08:00');
  const [closes, setCloses] = useState('16:00');
  const [saturday, setSaturday] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const centreName = (l: Location) => l.name.replace('Hamburg Service vor Ort ', '');
  const number = (text: string) => Number(text.trim().replace(',', '.'));

  const submit = async () => {
    setMessage(null);
    setError(null);
    if (!actor.trim()) return setError(t.needActor);
    const geo = { lat: number(lat), lon: number(lon) };
    if (!lat.trim() || !lon.trim() || Number.isNaN(geo.lat) || Number.isNaN(geo.lon)) return setError(t.badNumber);
    const weekly: Record<string, { from: string; to: string }[]> = {};
    for (const d of WEEKDAYS) weekly[d] = [{ from: opens, to: closes }];
    weekly.sat = saturday ? [{ from: '09:00', to: '13:00' }] : [];
    weekly.sun = [];
    setBusy(true);
    try {
      const out = await openInterim({
        id: id.trim(),
        name: name.trim(),
        district_id: district,
        address: { street: street.trim(), postcode: postcode.trim(), city: 'Hamburg' },
        geo,
        counters: Math.max(0, Math.round(number(counters) || 0)),
        hours: { weekly },
        valid_from: from,
        valid_to: to,
        ...(standsInFor ? { interim_for: standsInFor } : {}),
        actor,
        reason,
      });
      setMessage(t.done.replace('{name}', out.location.name));
      onOpened(out.location);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const districtOptions = [{ value: '', label: t.choose }, ...districts.map((d) => ({ value: d.id, label: d.name }))];
  const centreOptions = [
    { value: '', label: t.nobody },
    ...locations.filter((l) => l.status !== 'interim').map((l) => ({ value: l.id, label: centreName(l) })),
  ];

  return (
    <section class="stack" aria-labelledby="interim-title">
      <h2 class="kern-heading-medium" id="interim-title">
        {t.title}
      </h2>
      <p class="kern-body">{t.intro}</p>
      <div class="steering-forms">
        <div class="stack">
          <TextField id="interim-id" label={t.id} value={id} onInput={setId} required />
          <TextField id="interim-name" label={t.name} value={name} onInput={setName} required />
          <Select id="interim-district" label={t.district} value={district} options={districtOptions} onChange={setDistrict} />
          <Select id="interim-for" label={t.standsInFor} value={standsInFor} options={centreOptions} onChange={setStandsInFor} />
        </div>
        <div class="stack">
          <TextField id="interim-street" label={t.street} value={street} onInput={setStreet} />
          <TextField id="interim-postcode" label={t.postcode} value={postcode} onInput={setPostcode} inputMode="numeric" />
          <TextField id="interim-lat" label={t.lat} value={lat} onInput={setLat} required />
          <TextField id="interim-lon" label={t.lon} value={lon} onInput={setLon} required />
          <TextField id="interim-counters" label={t.counters} value={counters} onInput={setCounters} inputMode="numeric" />
        </div>
        <div class="stack">
          <TextField id="interim-from" type="date" label={t.from} value={from} onInput={setFrom} />
          <TextField id="interim-to" type="date" label={t.to} value={to} onInput={setTo} />
          <TextField id="interim-opens" type="time" label={t.opens} value={opens} onInput={setOpens} />
          <TextField id="interim-closes" type="time" label={t.closes} value={closes} onInput={setCloses} />
          <Checkbox id="interim-saturday" label={t.saturday} checked={saturday} onChange={setSaturday} />
          <TextField id="interim-reason" label={t.reason} value={reason} onInput={setReason} required />
          <Button id="interim-open" busy={busy} onClick={() => void submit()}>
            {t.open}
          </Button>
        </div>
      </div>
      {error ? <Alert kind="danger" title={error} /> : null}
      {message ? <Alert kind="success" title={message} /> : null}
    </section>
  );
}
