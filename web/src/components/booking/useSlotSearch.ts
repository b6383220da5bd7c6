// What the booking pages search for: the chosen services, whether a move-in date is needed, the
// point of a postcode for "near me", and the slot query (null until it can be asked).
import { useMemo } from 'preact/hooks';
import type { SlotQuery } from '../../lib/api';
import { nearParam, pointForPostcode } from '../../lib/geo';
import type { Catalogue } from '../../lib/useCatalogue';
import type { SearchFilters } from './Filters';

export function useSlotSearch(
  catalogue: Catalogue,
  selected: string[],
  filters: SearchFilters,
  options: { channel?: 'online' | 'phone'; limit: number },
) {
  const chosen = catalogue.services.filter((s) => selected.includes(s.id));
  const needsMoveIn = chosen.some((s) => (s.legal_deadline_days ?? 0) > 0);
  const point = useMemo(
    () => (filters.near.trim() ? pointForPostcode(filters.near, catalogue.locations) : null),
    [filters.near, catalogue.locations],
  );
  const query: SlotQuery | null =
    selected.length === 0 || (needsMoveIn && !filters.moveInDate)
      ? null
      : {
          services: selected,
          window: filters.window,
          districts: filters.district ? [filters.district] : [],
          near: point ? nearParam(point) : null,
          moveInDate: needsMoveIn ? filters.moveInDate : null,
          ...(options.channel ? { channel: options.channel } : {}),
          limit: options.limit,
        };
  return { chosen, needsMoveIn, point, query };
}
