// German first, English second. Each page keeps its own texts as `{de: {...}, en: {...}}` so a
// page's bundle carries only its words; `useTexts` picks the current language and re-renders on
// a switch. The choice is remembered in localStorage and mirrored to <html lang>.
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'de' | 'en';
export type Texts<K extends string> = Record<Lang, Record<K, string>>;

const STORAGE_KEY = 'amtszeit.lang';
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'de' || stored === 'en') return stored;
  } catch {
    // storage may be blocked; German stays the default
  }
  return 'de';
}

let current: Lang = initialLang();
if (typeof document !== 'undefined') document.documentElement.lang = current;

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang) {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  listeners.forEach((listener) => listener(lang));
}

export function useLang(): Lang {
  const [lang, setState] = useState<Lang>(current);
  useEffect(() => {
    listeners.add(setState);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return lang;
}

/** The texts of the current language; `fill` replaces {name} placeholders. */
export function useTexts<K extends string>(texts: Texts<K>) {
  const lang = useLang();
  const table = texts[lang];
  const t = (key: K, vars?: Record<string, string | number>) => fill(table[key], vars);
  return { t, lang };
}

export function fill(text: string, vars?: Record<string, string | number>) {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    vars[name] === undefined ? `{${name}}` : String(vars[name]),
  );
}

/** A service's name in the current language (English falls back to German). */
export function serviceName(service: { name_de: string; name_en?: string }, lang: Lang) {
  return lang === 'en' && service.name_en ? service.name_en : service.name_de;
}
