// Dates and times as people in Hamburg read them, always in Europe/Berlin whatever the device's
// zone: "Mi., 2. Dez., 08:15 Uhr" (German) or "Wed, 2 Dec, 08:15" (English).
import type { Lang } from './i18n';

const ZONE = 'Europe/Berlin';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, kind: string, options: Intl.DateTimeFormatOptions) {
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "Mi., 2. Dez." / "Wed, 2 Dec" */
export function formatDay(iso: string | Date, lang: Lang) {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const f = formatter(lang, 'day', { weekday: 'short', day: 'numeric', month: 'short' });
  if (lang === 'de') return f.format(d);
  const part = (type: string) => f.formatToParts(d).find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('day')} ${part('month')}`;
}

/** "Mittwoch, 2. Dezember 2026" */
export function formatLongDay(iso: string | Date, lang: Lang) {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return formatter(lang, 'longday', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(d);
}

/** "08:15 Uhr" / "08:15" */
export function formatTime(iso: string | Date, lang: Lang) {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const hm = formatter(lang, 'time', { hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return lang === 'de' ? `${hm} Uhr` : hm;
}

/** "Mi., 2. Dez., 08:15 Uhr" */
export function formatDateTime(iso: string | Date, lang: Lang) {
  return `${formatDay(iso, lang)}, ${formatTime(iso, lang)}`;
}

/** A calendar day "YYYY-MM-DD" shown in words; noon keeps it on the same day in any zone. */
export function formatDate(day: string, lang: Lang, long = false) {
  const d = new Date(`${day}T12:00:00Z`);
  return long ? formatLongDay(d, lang) : formatDay(d, lang);
}

/** Today's date in Berlin as "YYYY-MM-DD". */
export function todayInBerlin(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return parts;
}

export function minutes(n: number, lang: Lang) {
  return lang === 'de' ? `${n} Min.` : `${n} min`;
}
