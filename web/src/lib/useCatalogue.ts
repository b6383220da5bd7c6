// Loads the catalogue, the centres and the districts once per page.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getDistricts, getLocations, getServices } from './api';
import type { District, Location, Service } from './types';

export interface Catalogue {
  services: Service[];
  locations: Location[];
  districts: District[];
  error: string | null;
  ready: boolean;
}

export function useCatalogue(): Catalogue {
  const [state, setState] = useState<Catalogue>({
    services: [],
    locations: [],
    districts: [],
    error: null,
    ready: false,
  });
  useEffect(() => {
    Promise.all([getServices(), getLocations(), getDistricts()])
      .then(([services, locations, districts]) =>
        setState({ services, locations, districts, error: null, ready: true }),
      )
      .catch((e: unknown) =>
        setState((s) => ({ ...s, ready: true, error: e instanceof ApiError ? e.message : 'network' })),
      );
  }, []);
  return state;
}
