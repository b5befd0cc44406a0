// Pure helpers of the compare view: confidence bands, shared numbers, anchors (verdict words
// are the labels' own: lib/i18n.ts).
import type { AlignedRow, Comparison, MatrixRow, Range } from "../api.js";

/** Matrix rows that at least one document states a value for. */
export function statedKinds(matrix: MatrixRow[]): MatrixRow[] {
  return matrix.filter((row) => row.cells.some((c) => c.value !== null));
}

/** Shading of an automatic link: sure, likely or check it. */
export function confidenceBand(confidence: number | null, corrected: boolean): "sure" | "likely" | "check" | "none" {
  if (confidence === null) return "none";
  // The confidence is calibrated on real DPAs (most links score 80–100 %): under 85 % about
  // one link in five is wrong, worth a look.
  if (corrected || confidence >= 0.95) return "sure";
  return confidence >= 0.85 ? "likely" : "check";
}

const NUMBER = /\d+(?:[.,]\d+)*/gu;

/** Numbers ("28", "72", "5.000") written in at least two cells of a row. */
export function sharedNumbers(row: AlignedRow): Set<string> {
  const seen = new Map<string, number>();
  for (const cell of row.cells) {
    const inCell = new Set(cell.texts.flatMap((t) => t.match(NUMBER) ?? []));
    for (const n of inCell) seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, count]) => count >= 2).map(([n]) => n));
}

/** Code-point ranges of the given numbers in a text. */
export function numberRanges(text: string, numbers: Set<string>): Range[] {
  const out: Range[] = [];
  for (const m of text.matchAll(NUMBER)) {
    if (!numbers.has(m[0]) || m.index === undefined) continue;
    const start = Array.from(text.slice(0, m.index)).length;
    out.push([start, start + Array.from(m[0]).length]);
  }
  return out;
}

/** The row holding a clause. */
export function rowOfClause(c: Comparison, clauseId: number): number {
  return c.rows.findIndex((r) => r.cells.some((cell) => cell.clause_ids.includes(clauseId)));
}

/**
 * The clause a correction in `row` refers to for a clause of `docId`: the reference's first
 * clause in the row if it has one, else the first clause of another document.
 */
export function anchorFor(row: AlignedRow, docId: number, reference: number | null): number | null {
  const others = row.cells.filter((c) => c.doc_id !== docId && c.clause_ids.length > 0);
  const preferred = others.find((c) => c.doc_id === reference) ?? others[0];
  return preferred?.clause_ids[0] ?? null;
}

/** The clause that stands for a row when a clause of `docId` is moved into it or split off:
 * another document's (see anchorFor), or else the row's own first clause. */
export function rowAnchor(row: AlignedRow, docId: number, reference: number | null): number | null {
  return anchorFor(row, docId, reference) ?? row.cells.flatMap((c) => c.clause_ids)[0] ?? null;
}

/** Whether a row starts a new topic group (the first row, or another topic than the previous). */
export function startsGroup(rows: AlignedRow[], k: number): boolean {
  return k === 0 || rows[k]?.topic !== rows[k - 1]?.topic;
}
