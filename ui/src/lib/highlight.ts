// Splits text into plain and highlighted pieces. Ranges are code-point offsets,
// as the backend computes them, so astral characters never split a match.

export interface Piece {
  text: string;
  hit: boolean;
}

export function pieces(text: string, ranges: readonly (readonly [number, number])[]): Piece[] {
  const chars = Array.from(text);
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Piece[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of sorted) {
    const start = Math.max(at, Math.min(rawStart, chars.length));
    const end = Math.max(start, Math.min(rawEnd, chars.length));
    if (start > at) out.push({ text: chars.slice(at, start).join(""), hit: false });
    if (end > start) out.push({ text: chars.slice(start, end).join(""), hit: true });
    at = end;
  }
  if (at < chars.length) out.push({ text: chars.slice(at).join(""), hit: false });
  return out;
}

export type Ranges = readonly (readonly [number, number])[];

/**
 * Splits text at its first line break into [head, body], each with its own
 * ranges (shifted for the body); a range crossing the break is cut in two.
 */
export function splitFirstLine(text: string, ranges: Ranges): [[string, Ranges], [string, Ranges]] | null {
  const chars = Array.from(text);
  const at = chars.indexOf("\n");
  if (at < 0) return null;
  let bodyStart = at;
  while (chars[bodyStart] === "\n") bodyStart += 1;
  const head = ranges.filter(([s]) => s < at).map(([s, e]) => [s, Math.min(e, at)] as const);
  const body = ranges
    .filter(([, e]) => e > bodyStart)
    .map(([s, e]) => [Math.max(s, bodyStart) - bodyStart, e - bodyStart] as const);
  return [
    [chars.slice(0, at).join(""), head],
    [chars.slice(bodyStart).join(""), body],
  ];
}
