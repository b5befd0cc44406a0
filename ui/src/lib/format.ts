// Pure formatting helpers shared by the views.

import { dateTime, t } from "./i18n.js";



/** "SV", "DE", …; "??" when unknown. Text, never a flag. */
export function langLabel(code: string): string {
  return code === "unknown" ? "??" : code.toUpperCase();
}

/** A language's name in the interface's language ("Swedish", "Schwedisch"). */
export function langName(code: string): string {
  const names: Record<string, string> = {
    sv: t("Swedish"),
    de: t("German"),
    it: t("Italian"),
    nl: t("Dutch"),
    en: t("English"),
    unknown: t("Language not detected"),
  };
  return names[code] ?? code;
}

/** A timestamp (RFC 3339) as the chosen language writes a date and time; as given when unreadable. */
export function shortDate(rfc3339: string): string {
  const d = new Date(rfc3339);
  return Number.isNaN(d.getTime()) ? rfc3339 : dateTime(d);
}

/** "11.3 Audit", "Artikel 8 Aansprakelijkheid", or "" — a clause's label. */
export function clauseLabel(number: string | null, heading: string | null): string {
  return [number, heading].filter((s): s is string => !!s).join(" ");
}

/** Groups items by a key, keeping first-seen order of groups and items. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): [K, T[]][] {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()];
}

/** The file name of a path, for compact display. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}
