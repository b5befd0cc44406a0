// Key terms in words a lawyer reads: "5 working days", "€ 5,000", "by reference".

const LABELS: Record<string, string> = {
  liability_cap: "Liability cap",
  liability_exclusions: "Liability exclusions",
  claims_time_limit: "Time limit for claims",
  audit_notice: "Audit notice",
  audit_frequency: "Audit frequency",
  audit_costs: "Audit costs borne by",
  deletion_period: "Deletion after termination",
  deletion_mode: "Deletion or return",
  backup_retention: "Backup retention",
  breach_notice: "Breach notification",
  subprocessor_objection: "Objection to sub-processors",
  subprocessor_authorisation: "Sub-processor authorisation",
  governing_law: "Governing law",
  jurisdiction: "Courts",
};

const UNITS: Record<string, [string, string]> = {
  hours: ["hour", "hours"],
  days: ["day", "days"],
  working_days: ["working day", "working days"],
  weeks: ["week", "weeks"],
  months: ["month", "months"],
  years: ["year", "years"],
};

const WORDS: Record<string, string> = {
  controller: "the controller",
  processor: "the processor",
  shared: "both parties (shared)",
  delete: "delete",
  return: "return",
  controller_choice: "delete or return, at the controller's choice",
  general: "general authorisation",
  specific: "specific authorisation",
  indirect_damage: "indirect damage",
  lost_profit: "lost profit",
  consequential_damage: "consequential damage",
  data_loss: "data loss",
  pure_economic_loss: "pure economic loss",
  immaterial_damage: "immaterial damage",
};

const COUNTRIES: Record<string, string> = {
  DE: "Germany",
  SE: "Sweden",
  IT: "Italy",
  NL: "Netherlands",
  AT: "Austria",
  CH: "Switzerland",
  IE: "Ireland",
};

export function termLabel(kind: string): string {
  return LABELS[kind] ?? kind;
}

type Value = Record<string, unknown> | string | string[];

/** The value as words; the hedge, if any, is shown separately. */
export function formatValue(value: unknown): string {
  const v = value as Value;
  if (typeof v === "string") return WORDS[v] ?? v;
  if (Array.isArray(v)) return v.map((x) => WORDS[x] ?? x).join(", ");
  if (typeof v !== "object" || v === null) return String(v);
  if (typeof v.value === "number" && typeof v.unit === "string") {
    const [one, many] = UNITS[v.unit] ?? [v.unit, v.unit];
    return `${v.value} ${v.value === 1 ? one : many}`;
  }
  if (typeof v.amount === "number") {
    const amount = `${v.currency} ${v.amount.toLocaleString("en-GB")}`;
    return typeof v.basis === "string" ? `${amount}, and relative: ${v.basis}` : amount;
  }
  if (typeof v.qualitative === "string") return v.qualitative;
  if (typeof v.basis === "string") return `relative: ${v.basis}`;
  if (typeof v.multiple === "number") return `${v.multiple} × the ${typeof v.of === "string" ? v.of : "annual contract value"}`;
  if (v.unlimited === true) return "unlimited";
  if (v.by_reference === true) return "set in another agreement";
  if (typeof v.count === "number") return `${v.count} per ${v.per}`;
  if (typeof v.country === "string") return COUNTRIES[v.country] ?? v.country;
  if (typeof v.place === "string") return v.place;
  return JSON.stringify(v);
}

export function hedgeOf(value: unknown): string | null {
  const v = value as Record<string, unknown> | null;
  return v && typeof v === "object" && typeof v.hedge === "string" ? v.hedge : null;
}
