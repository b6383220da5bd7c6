// The promises as a table of traffic lights: one row per scope (city, district, centre), one
// column per promise. Colour is never the only signal: each cell says kept / close / missed.
import type { Lang } from '../lib/i18n';
import type { Cell, Light, ScopeRow, ServicePromise } from '../lib/monitor';

const LIGHT_TEXT: Record<Lang, Record<Light, string>> = {
  de: { green: 'erfüllt', amber: 'knapp verfehlt', red: 'verfehlt', none: 'keine Daten' },
  en: { green: 'kept', amber: 'narrowly missed', red: 'missed', none: 'no data' },
};

export function formatValue(cell: Cell | undefined, unit: string, lang: Lang): string {
  if (!cell || cell.value === null) return '–';
  const digits = unit === '%' || cell.value >= 100 ? 0 : 1;
  const n = cell.value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', {
    maximumFractionDigits: digits,
  });
  return `${n} ${unit}`;
}

export function LightBadge({ cell, unit, lang }: { cell: Cell | undefined; unit: string; lang: Lang }) {
  const light = cell?.light ?? 'none';
  return (
    <span class={`light light--${light}`}>
      <span class="light__dot" aria-hidden="true" />
      <span>{formatValue(cell, unit, lang)}</span>
      <span class="visually-hidden"> ({LIGHT_TEXT[lang][light]})</span>
    </span>
  );
}

interface Props {
  caption: string;
  lang: Lang;
  promises: ServicePromise[];
  rows: ScopeRow[];
  scopeLabel: string;
  show?: string[]; // promise ids, in order; all when absent
  onSelect?: (scope: string) => void;
  id?: string;
}

export function PromiseTable({ caption, lang, promises, rows, scopeLabel, show, onSelect, id }: Props) {
  const columns = show
    ? show.map((p) => promises.find((x) => x.id === p)).filter((p): p is ServicePromise => !!p)
    : promises;
  return (
    <div class="table-wrap">
      <table class="data-table promise-table" id={id}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{scopeLabel}</th>
            {columns.map((p) => (
              <th scope="col" key={p.id}>
                {lang === 'de' ? p.name_de : p.name_en}
                {p.threshold !== null ? (
                  <span class="promise-threshold">
                    {p.direction === 'at_most' ? ' ≤ ' : ' ≥ '}
                    {p.threshold} {p.unit}
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.scope} class={r.scope.startsWith('location:') ? '' : 'promise-table__group'}>
              <th scope="row">
                {onSelect && r.scope.startsWith('location:') ? (
                  <a
                    class="kern-link"
                    href={`/control?location=${encodeURIComponent(r.scope.slice(9))}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onSelect(r.scope);
                    }}
                  >
                    {r.name.replace('Hamburg Service vor Ort ', '')}
                  </a>
                ) : (
                  r.name.replace('Hamburg Service vor Ort ', '')
                )}
              </th>
              {columns.map((p) => (
                <td key={p.id} data-testid={`promise-${r.scope}-${p.id}`} data-light={r.values[p.id]?.light ?? 'none'}>
                  <LightBadge cell={r.values[p.id]} unit={p.unit} lang={lang} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
