// Pure helpers of the compare view: confidence bands and topic groups. The numbers a row
// shares and the clause a correction names come from the backend (AlignedCell).
import type { AlignedRow, MatrixRow } from "../api.js";

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

/** Whether a row starts a new topic group (the first row, or another topic than the previous). */
export function startsGroup(rows: AlignedRow[], k: number): boolean {
  return k === 0 || rows[k]?.topic !== rows[k - 1]?.topic;
}
