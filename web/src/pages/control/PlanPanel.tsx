// The control room's follow-up: appointments the call centre must rebook (nobody could take them
// over), the implementation plan the district committees read (measures taken and planned, kept
// in the store), and the committee's monthly report as PDF with its KPI table as CSV.
import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Select, TextArea, TextField } from '../../components/Field';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime, todayInBerlin } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import {
  committeeReportUrl,
  getMeasures,
  getToRebook,
  kpiCsvUrl,
  saveMeasure,
  type Measure,
} from '../../lib/monitor';
import type { Appointment, District, Location } from '../../lib/types';

const TEXT = {
  de: {
    rebookTitle: 'Zur Umbuchung (telefonisch)',
    rebookNone: 'Keine Termine warten auf Umbuchung.',
    rebookMore: 'Die ersten {shown} von {n} Terminen, nach Zeit.',
    code: 'Vorgang',
    start: 'Termin',
    centre: 'Kundenzentrum',
    name: 'Name',
    contact: 'Kontakt',
    planTitle: 'Maßnahmenplan',
    planNone: 'Noch keine Maßnahmen erfasst.',
    day: 'Datum',
    district: 'Bezirk',
    cityWide: 'Stadtweit',
    measure: 'Maßnahme',
    text: 'Beschreibung',
    status: 'Stand',
    planned: 'geplant',
    done: 'umgesetzt',
    markDone: 'Als umgesetzt markieren',
    add: 'Maßnahme erfassen',
    saved: 'Maßnahme gespeichert.',
    reason: 'Maßnahmenplan',
    reportTitle: 'Bericht an den Bezirksausschuss',
    month: 'Monat',
    pdf: 'Bericht als PDF',
    csv: 'Kennzahlen als CSV',
    needActor: 'Bitte oben unter „Steuerung“ Ihren Namen angeben.',
  },
  en: {
    rebookTitle: 'To rebook (by phone)',
    rebookNone: 'No appointments wait to be rebooked.',
    rebookMore: 'The first {shown} of {n} appointments, by time.',
    code: 'Code',
    start: 'Appointment',
    centre: 'Centre',
    name: 'Name',
    contact: 'Contact',
    planTitle: 'Implementation plan',
    planNone: 'No measures recorded yet.',
    day: 'Date',
    district: 'District',
    cityWide: 'City-wide',
    measure: 'Measure',
    text: 'Description',
    status: 'Status',
    planned: 'planned',
    done: 'done',
    markDone: 'Mark as done',
    add: 'Record measure',
    saved: 'Measure saved.',
    reason: 'Implementation plan',
    reportTitle: 'Report to the district committee',
    month: 'Month',
    pdf: 'Report as PDF',
    csv: 'KPIs as CSV',
    needActor: 'Please enter your name under “Steering” above.',
  },
};

// The call centre works the list from the top; the whole list is in the API.
const REBOOK_SHOWN = 50;

function lastMonth() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

interface Props {
  lang: Lang;
  districts: District[];
  locations: Location[];
  actor: string;
  version: number;
}

export function PlanPanel({ lang, districts, locations, actor, version }: Props) {
  const t = TEXT[lang];
  const [rebook, setRebook] = useState<Appointment[]>([]);
  const [measures, setMeasures] = useState<Measure[]>([]);
  const [district, setDistrict] = useState('');
  const [day, setDay] = useState(todayInBerlin());
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState('planned');
  const [reportDistrict, setReportDistrict] = useState('');
  const [month, setMonth] = useState(lastMonth());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    getToRebook()
      .then((r) => setRebook([...r.appointments].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))))
      .catch(() => setRebook([]));
    getMeasures()
      .then((m) => setMeasures(m.measures))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  };
  useEffect(load, [version]);
  useEffect(() => {
    if (!reportDistrict && districts.length > 0) setReportDistrict(districts[0].id);
  }, [districts, reportDistrict]);

  const districtName = (id: string) => (id ? (districts.find((d) => d.id === id)?.name ?? id) : t.cityWide);
  const centreName = (id: string) =>
    (locations.find((l) => l.id === id)?.name ?? id).replace('Hamburg Service vor Ort ', '');
  const districtOptions = [{ value: '', label: t.cityWide }, ...districts.map((d) => ({ value: d.id, label: d.name }))];

  const save = async (input: Parameters<typeof saveMeasure>[0], after?: () => void) => {
    if (!actor.trim()) return setError(t.needActor);
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      await saveMeasure(input);
      setMessage(t.saved);
      after?.();
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="stack" aria-labelledby="plan-title">
      <h2 class="kern-heading-medium" id="rebook-title">
        {t.rebookTitle}
      </h2>
      {rebook.length === 0 ? (
        <p class="kern-body">{t.rebookNone}</p>
      ) : (
        <div class="table-wrap stack">
          {rebook.length > REBOOK_SHOWN ? (
            <p class="kern-body">
              {t.rebookMore.replace('{shown}', String(REBOOK_SHOWN)).replace('{n}', String(rebook.length))}
            </p>
          ) : null}
          <table class="data-table" id="rebook-table" aria-labelledby="rebook-title">
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.start}</th>
                <th scope="col">{t.centre}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.contact}</th>
              </tr>
            </thead>
            <tbody>
              {rebook.slice(0, REBOOK_SHOWN).map((a) => (
                <tr key={a.code}>
                  <th scope="row">{a.code}</th>
                  <td>{formatDateTime(a.start, lang)}</td>
                  <td>{centreName(a.location)}</td>
                  <td>{a.contact?.name ?? ''}</td>
                  <td>{[a.contact?.phone, a.contact?.email].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 class="kern-heading-medium" id="plan-title">
        {t.planTitle}
      </h2>
      {measures.length === 0 ? (
        <p class="kern-body">{t.planNone}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table" id="measure-table" aria-labelledby="plan-title">
            <thead>
              <tr>
                <th scope="col">{t.day}</th>
                <th scope="col">{t.district}</th>
                <th scope="col">{t.measure}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((m) => (
                <tr key={m.id}>
                  <td>{formatDate(m.day, lang)}</td>
                  <td>{districtName(m.district_id)}</td>
                  <th scope="row">
                    <strong>{m.title}</strong>
                    {m.text ? <p class="kern-body">{m.text}</p> : null}
                  </th>
                  <td>
                    {m.status === 'done' ? (
                      t.done
                    ) : (
                      <div class="stack">
                        <span>{t.planned}</span>
                        <Button
                          kind="tertiary"
                          busy={busy}
                          onClick={() =>
                            void save({
                              id: m.id,
                              district_id: m.district_id,
                              day: m.day,
                              title: m.title,
                              text: m.text,
                              status: 'done',
                              actor,
                              reason: `${t.reason}: ${t.done}`,
                            })
                          }
                        >
                          {t.markDone}
                          <span class="visually-hidden">: {m.title}</span>
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        class="steering-forms"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ district_id: district, day, title, text, status, actor, reason: t.reason }, () => {
            setTitle('');
            setText('');
          });
        }}
      >
        <div class="stack">
          <Select id="measure-district" label={t.district} value={district} options={districtOptions} onChange={setDistrict} />
          <TextField id="measure-day" type="date" label={t.day} value={day} onInput={setDay} />
          <Select
            id="measure-status"
            label={t.status}
            value={status}
            options={[
              { value: 'planned', label: t.planned },
              { value: 'done', label: t.done },
            ]}
            onChange={setStatus}
          />
        </div>
        <div class="stack">
          <TextField id="measure-title" label={t.measure} value={title} onInput={setTitle} required />
          <TextArea id="measure-text" label={t.text} value={text} onInput={setText} />
          <Button id="measure-save" type="submit" busy={busy}>
            {t.add}
          </Button>
        </div>
      </form>
      {message ? <Alert kind="success" title={message} /> : null}
      {error ? <Alert kind="danger" title={error} /> : null}

      <h2 class="kern-heading-medium" id="report-title">
        {t.reportTitle}
      </h2>
      <div class="steering-forms">
        <Select
          id="report-district"
          label={t.district}
          value={reportDistrict}
          options={districts.map((d) => ({ value: d.id, label: d.name }))}
          onChange={setReportDistrict}
        />
        <TextField id="report-month" type="month" label={t.month} value={month} onInput={setMonth} />
        <p class="kern-body row-wrap">
          <a class="kern-link" id="report-pdf" href={committeeReportUrl(reportDistrict, month)} target="_blank" rel="noopener">
            {t.pdf}
          </a>
          <a class="kern-link" id="report-csv" href={kpiCsvUrl(reportDistrict, month)} download>
            {t.csv}
          </a>
        </p>
      </div>
    </section>
  );
}
