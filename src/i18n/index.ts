/**
 * The message catalogue and the language in use. A process shows one language: `setLanguage`
 * picks it at start (from --lang, else LC_ALL / LC_MESSAGES / LANG); `t()` is the catalogue of
 * that language; times and percentages are written for its locale (local-formats.ts).
 */
import { type Catalogue, en } from './en.js';
import { fr } from './fr.js';
import { clockText, percentText } from './local-formats.js';

export type { Catalogue } from './en.js';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, Catalogue> = { en, fr };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The locale the environment asks for: LC_ALL, then LC_MESSAGES, then LANG (POSIX order). */
export function localeFromEnv(env: NodeJS.ProcessEnv): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return '';
}

/** "fr_CA.UTF-8@euro" → "fr-CA"; "C", "POSIX" or nothing → undefined. */
export function bcp47(posix: string): string | undefined {
  const base = posix.split(/[.@]/)[0] ?? '';
  if (base === '' || base === 'C' || base === 'POSIX') return undefined;
  const tag = base.replace('_', '-');
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

export interface LocaleChoice {
  language: Language;
  /** The BCP 47 tag Intl formats with (the environment's region when its language matches). */
  tag: string;
}

/** `--lang` wins; otherwise the environment's language when we have it, else English. */
export function resolveLocale(flag: Language | undefined, env: NodeJS.ProcessEnv): LocaleChoice {
  const envTag = bcp47(localeFromEnv(env));
  const envLanguage = envTag?.split('-')[0];
  const language: Language = flag ?? (envLanguage && isLanguage(envLanguage) ? envLanguage : 'en');
  const tag = envTag && envLanguage === language ? envTag : language;
  return { language, tag };
}

/** The catalogue the screen will speak, before `setLocale` runs (labels built by the CLI). */
export function messagesFor(flag: Language | undefined, env: NodeJS.ProcessEnv): Catalogue {
  return CATALOGUES[resolveLocale(flag, env).language];
}

let current: LocaleChoice & { messages: Catalogue } = { language: 'en', tag: 'en', messages: en };

export function setLocale(choice: LocaleChoice | Language): void {
  const c = typeof choice === 'string' ? { language: choice, tag: choice } : choice;
  current = { ...c, messages: CATALOGUES[c.language] };
}

export function currentLocale(): LocaleChoice {
  return { language: current.language, tag: current.tag };
}

/** The catalogue of the language in use. */
export function t(): Catalogue {
  return current.messages;
}

const percents = new Map<string, Intl.NumberFormat>();

/** The last clock formatted: a screen draws the same second up to ten times. */
let lastClock: { tag: string; ms: number; text: string } | null = null;

/** Wall-clock time with seconds, 24-hour (a wallboard reads at a glance), in the locale's way. */
export function localClock(ms: number): string {
  if (lastClock?.ms === ms && lastClock.tag === current.tag) return lastClock.text;
  const text = clockText(current.tag, ms);
  lastClock = { tag: current.tag, ms, text };
  return text;
}

/**
 * A whole percentage in the locale's way: "78%", "78 %". Intl writes the rare one the table of
 * local-formats.ts does not (a thousand and more, with its grouping; a fraction).
 */
export function localPercent(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1000) return percentText(current.tag, value);
  let format = percents.get(current.tag);
  if (!format) {
    format = new Intl.NumberFormat(current.tag, { style: 'percent', maximumFractionDigits: 0 });
    percents.set(current.tag, format);
  }
  return format.format(value / 100);
}

/**
 * A record whose values are read from the catalogue in use at each access: module-level
 * label tables (statuses, pane titles, refusals) follow the language without being rebuilt.
 */
export function lazyRecord<K extends string>(
  get: () => Readonly<Record<K, string>>,
): Readonly<Record<K, string>> {
  const target: Partial<Record<K, string>> = {};
  return new Proxy(target, {
    get: (_, key) => (typeof key === 'string' ? (get() as Record<string, string>)[key] : undefined),
    has: (_, key) => key in get(),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === 'string' && key in get()
        ? { enumerable: true, configurable: true, value: (get() as Record<string, string>)[key] }
        : undefined,
  }) as Readonly<Record<K, string>>;
}
