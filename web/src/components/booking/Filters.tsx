// Time wishes, district, "near me" and the move-in date for registrations.
import { useTexts } from '../../lib/i18n';
import type { District } from '../../lib/types';
import { Checkbox, Fieldset, Select, TextField } from '../Field';
import { bookingTexts } from './texts';

export interface SearchFilters {
  window: string[];
  district: string;
  near: string;
  moveInDate: string;
}

export const emptyFilters: SearchFilters = { window: [], district: '', near: '', moveInDate: '' };

interface Props {
  idPrefix: string;
  filters: SearchFilters;
  onChange: (f: SearchFilters) => void;
  districts: District[];
  needsMoveIn: boolean;
  nearError: string | null;
}

const WINDOWS = ['early', 'late', 'lunch', 'saturday'] as const;

export function Filters({ idPrefix, filters, onChange, districts, needsMoveIn, nearError }: Props) {
  const { t } = useTexts(bookingTexts);
  const set = (patch: Partial<SearchFilters>) => onChange({ ...filters, ...patch });
  return (
    <div class="stack">
      {needsMoveIn ? (
        <TextField
          id={`${idPrefix}-move-in`}
          type="date"
          label={t('moveIn')}
          hint={t('moveInHint')}
          value={filters.moveInDate}
          onInput={(v) => set({ moveInDate: v })}
          required
        />
      ) : null}
      <Fieldset legend={t('whenLegend')}>
        {WINDOWS.map((w) => (
          <Checkbox
            key={w}
            id={`${idPrefix}-window-${w}`}
            label={t(w)}
            checked={filters.window.includes(w)}
            onChange={(on) =>
              set({
                window: on ? [...filters.window, w] : filters.window.filter((x) => x !== w),
              })
            }
          />
        ))}
      </Fieldset>
      <Select
        id={`${idPrefix}-district`}
        label={t('district')}
        value={filters.district}
        onChange={(v) => set({ district: v })}
        options={[
          { value: '', label: t('allDistricts') },
          ...districts.map((d) => ({ value: d.id, label: d.name })),
        ]}
      />
      <TextField
        id={`${idPrefix}-near`}
        label={t('near')}
        hint={t('nearHint')}
        value={filters.near}
        onInput={(v) => set({ near: v })}
        autoComplete="postal-code"
        error={nearError}
      />
    </div>
  );
}
