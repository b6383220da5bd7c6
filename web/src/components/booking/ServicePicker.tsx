// "Was möchten Sie erledigen?": a search box over the catalogue and a checkbox list of matches.
// Enter in the search box picks the first match (fast for call-centre agents).
import { useMemo, useState } from 'preact/hooks';
import { serviceName, useTexts } from '../../lib/i18n';
import type { Service } from '../../lib/types';
import { Checkbox, TextField } from '../Field';
import { bookingTexts } from './texts';

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

// A few everyday words people type that the official names do not contain.
const SYNONYMS: Record<string, string[]> = {
  umzug: ['ummeldung', 'anmeldung', 'nebenwohnsitz'],
  moving: ['ummeldung', 'anmeldung'],
  ausweis: ['personalausweis', 'vorlaeufiger-personalausweis', 'abholung-ausweis-pass'],
  pass: ['reisepass', 'kinderreisepass', 'express-reisepass'],
};

export function matches(service: Service, query: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  const haystack = fold(`${service.name_de} ${service.name_en ?? ''} ${service.id}`);
  if (q.split(/\s+/).every((word) => haystack.includes(word))) return true;
  return Object.entries(SYNONYMS).some(
    ([word, ids]) => word.startsWith(q) && q.length >= 3 && ids.includes(service.id),
  );
}

/** Names starting with the query come first, then names containing it, then the rest. */
function rank(service: Service, query: string, lang: 'de' | 'en'): number {
  const q = fold(query.trim());
  if (!q) return 0;
  const name = fold(serviceName(service, lang));
  if (name.startsWith(q)) return 0;
  if (name.includes(q)) return 1;
  return 2;
}

interface Props {
  idPrefix: string;
  services: Service[];
  selected: string[];
  onChange: (selected: string[]) => void;
  headingLevel?: 2 | 3;
}

export function ServicePicker({ idPrefix, services, selected, onChange, headingLevel = 2 }: Props) {
  const { t, lang } = useTexts(bookingTexts);
  const [query, setQuery] = useState('');
  const shown = useMemo(
    () =>
      services
        .filter((s) => matches(s, query))
        .sort(
          (a, b) =>
            rank(a, query, lang) - rank(b, query, lang) ||
            serviceName(a, lang).localeCompare(serviceName(b, lang), lang),
        ),
    [services, query, lang],
  );
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== id), id] : selected.filter((s) => s !== id));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const byId = new Map(services.map((s) => [s.id, s]));
  return (
    <section class="stack" aria-labelledby={`${idPrefix}-what`}>
      <Heading id={`${idPrefix}-what`} class="kern-heading-medium">
        {t('whatTitle')}
      </Heading>
      <TextField
        id={`${idPrefix}-search`}
        type="search"
        label={t('searchLabel')}
        hint={t('searchHint')}
        value={query}
        onInput={setQuery}
        autoComplete="off"
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            const first = shown.find((s) => !selected.includes(s.id));
            if (first) {
              toggle(first.id, true);
              setQuery('');
            }
          }
        }}
      />
      <div class="service-list" role="group" aria-label={t('whatTitle')}>
        {shown.length === 0 ? <p class="kern-body">{t('noServiceFound')}</p> : null}
        {shown.map((s) => (
          <Checkbox
            key={s.id}
            id={`${idPrefix}-svc-${s.id}`}
            checked={selected.includes(s.id)}
            onChange={(on) => toggle(s.id, on)}
            label={serviceName(s, lang)}
          />
        ))}
      </div>
      <div aria-live="polite">
        <p class="kern-body kern-body--bold">{t('chosen')}</p>
        {selected.length === 0 ? (
          <p class="kern-body">{t('noneChosen')}</p>
        ) : (
          <ul class="plain-list">
            {selected.map((id) => {
              const s = byId.get(id);
              const name = s ? serviceName(s, lang) : id;
              return (
                <li key={id} class="row-wrap">
                  <span class="kern-body">
                    {name}
                    {s?.needs_presence ? ` (${t('minutes', { n: s.duration_minutes })})` : ''}
                  </span>
                  <button
                    type="button"
                    class="kern-btn kern-btn--tertiary kern-btn--x-small"
                    onClick={() => toggle(id, false)}
                  >
                    <span class="kern-icon kern-icon--close" aria-hidden="true" />
                    <span class="kern-label">
                      <span class="visually-hidden">{t('remove', { name })}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
