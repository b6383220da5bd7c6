// "Near me" without any map service: a Hamburg postcode (or an address containing one) is mapped
// to the coordinates of the centre whose postcode shares the longest prefix with it; among equal
// prefixes the numerically closest postcode wins. Good enough to order slots by distance.
import type { Location } from './types';

export interface GeoPoint {
  lat: number;
  lon: number;
  /** The centre whose postcode was used. */
  via: Location;
}

export function extractPostcode(text: string): string | null {
  const match = /\b(2\d{4})\b/.exec(text);
  return match ? match[1] : null;
}

export function pointForPostcode(text: string, locations: Location[]): GeoPoint | null {
  const postcode = extractPostcode(text);
  if (!postcode) return null;
  let best: { loc: Location; prefix: number; gap: number } | null = null;
  for (const loc of locations) {
    const other = loc.address?.postcode;
    if (!other || !loc.geo) continue;
    let prefix = 0;
    while (prefix < 5 && other[prefix] === postcode[prefix]) prefix++;
    const gap = Math.abs(Number(other) - Number(postcode));
    if (!best || prefix > best.prefix || (prefix === best.prefix && gap < best.gap)) {
      best = { loc, prefix, gap };
    }
  }
  if (!best || best.prefix < 2 || !best.loc.geo) return null;
  return { lat: best.loc.geo.lat, lon: best.loc.geo.lon, via: best.loc };
}

export const nearParam = (p: GeoPoint) => `${p.lat.toFixed(4)},${p.lon.toFixed(4)}`;
