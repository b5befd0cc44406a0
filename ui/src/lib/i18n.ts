// The interface's words in the language the user chose. The English text is the key; the
// translations live with the reports' in crates/core/report/labels.toml ([xx.ui]) and reach the
// UI as src/generated/labels.ts (a Rust test writes it and fails when it is stale).
import { LANGUAGES, type KnownLang, type PositionResult, type RequirementStatus, type Template, type Verdict } from "../api.js";
import { LABELS } from "../generated/labels.js";

const STORAGE_KEY = "concordia.language";
/** The locale behind each language's dates and numbers. */
const LOCALES: Record<KnownLang, string> = { sv: "sv-SE", de: "de-DE", it: "it-IT", nl: "nl-NL", en: "en-GB" };

let current: KnownLang = chosenLanguage();

function isKnown(code: string): code is KnownLang {
  return LANGUAGES.some((l) => l.code === code);
}

/** The language chosen before, else the system's when Concordia speaks it, else English. */
function chosenLanguage(): KnownLang {
  let saved: string | null = null;
  try {
    saved = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  if (saved && isKnown(saved)) return saved;
  const system = (globalThis.navigator?.language ?? "en").slice(0, 2).toLowerCase();
  return isKnown(system) ? system : "en";
}

export function uiLanguage(): KnownLang {
  return current;
}

/** Switches the interface language and remembers it. */
export function setUiLanguage(lang: KnownLang): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // A webview without storage still switches for this session.
  }
  document.documentElement.lang = lang;
}

/** `english` in the chosen language, with `{name}` filled from `vars`. */
export function t(english: string, vars: Record<string, string | number> = {}): string {
  const table: Record<string, string> = LABELS[current].ui;
  const text = current === "en" ? english : (table[english] ?? english);
  return text.replace(/\{(\w+)\}/g, (hole, name: string) => (name in vars ? String(vars[name]) : hole));
}

/** A backend message (an error) in the chosen language; a template without a translation reads
 * in English, and the values it names (paths, the system's own reason) stay as they are. */
export function worded(template: Template): string {
  return t(template.text, template.args);
}

/** A key-term kind's name ("Audit notice"), as the reports write it. */
export function kindName(kind: string): string {
  const kinds: Record<string, string> = LABELS[current].kinds;
  return kinds[kind] ?? kind;
}

/** A topic's name, as the reports write it; undefined for a topic the labels do not know. */
export function topicName(topic: string): string | undefined {
  const topics: Record<string, string> = LABELS[current].topics;
  return topics[topic];
}

/** A verdict as a word: colour is never the only signal. */
export function verdictName(verdict: Verdict): string {
  return LABELS[current].verdicts[verdict];
}

/** A checklist status as a word ("met", "teilweise erfüllt"): colour is never the only signal. */
export function statusName(status: RequirementStatus): string {
  return LABELS[current].statuses[status];
}

/** A playbook result as a word ("negotiable", "verhandelbar"). */
export function resultName(result: PositionResult): string {
  return LABELS[current].results[result];
}

/** A date and time in the chosen language's format. */
export function dateTime(date: Date): string {
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A whole number in the chosen language's format ("10 000", "10.000", "10,000"). */
export function count(n: number): string {
  return new Intl.NumberFormat(LOCALES[current]).format(n);
}
