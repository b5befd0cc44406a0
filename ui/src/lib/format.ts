// Pure formatting helpers shared by the views.

import { LANGUAGES } from "../api.js";

const LANG_NAMES: Record<string, string> = {
  ...Object.fromEntries(LANGUAGES.map((l) => [l.code, l.name])),
  unknown: "Language not detected",
};

/** "SV", "DE", …; "??" when unknown. Text, never a flag. */
export function langLabel(code: string): string {
  return code === "unknown" ? "??" : code.toUpperCase();
}

export function langName(code: string): string {
  return LANG_NAMES[code] ?? code;
}

/** "2026-11-23 14:05" in local time from an RFC 3339 timestamp. */
export function shortDate(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
