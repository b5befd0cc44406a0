// A long table drawn only where it is seen: fixed-height rows between two spacer rows, redrawn
// as the view scrolls, so 100,000 rows cost what a screen of them costs.
import { h } from "./dom.js";

export interface Window {
  body: HTMLTableSectionElement;
  /** How many rows the table has in all. */
  count: number;
  /** The height of one row in pixels (CSS must keep every row at it). */
  rowHeight: number;
  /** Rows drawn beyond the visible ones, above and below, so scrolling shows no gaps. */
  overscan: number;
  /** The table's columns, for the spacers' cells. */
  columns: number;
  /** Row `k` (or a placeholder for one not fetched yet). */
  rowAt: (k: number) => HTMLElement;
  /** Told the rows just drawn, to fetch any still missing. */
  drawn?: (first: number, last: number) => void;
}

/** Stops the last table's redrawing on scroll: each redraw of a view builds a new table. */
let stopLast: (() => void) | null = null;

/** Draws the rows of `w` in view now and whenever the main area scrolls; returns a redraw for
 * rows that arrived since. */
export function drawWindowed(w: Window): () => void {
  stopLast?.();
  stopLast = null;
  const scroller = document.getElementById("main");
  let shown = "";
  const spacer = (rows: number) => {
    const cell = h("td", { colspan: w.columns });
    // Through the CSSOM: the app's CSP forbids style attributes.
    cell.style.height = `${rows * w.rowHeight}px`;
    return h("tr", { class: "spacer", "aria-hidden": "true" }, cell);
  };
  const draw = (force: boolean) => {
    if (!w.body.isConnected && shown !== "") {
      stopLast?.();
      return;
    }
    // How far the rows' top has scrolled above the view's (offsetTop would be the table's own).
    const top = scroller ? Math.max(0, scroller.getBoundingClientRect().top - w.body.getBoundingClientRect().top) : 0;
    const height = scroller?.clientHeight ?? 800;
    const first = Math.max(0, Math.floor(top / w.rowHeight) - w.overscan);
    const last = Math.min(w.count, Math.ceil((top + height) / w.rowHeight) + w.overscan);
    if (!force && `${first}:${last}` === shown) return;
    shown = `${first}:${last}`;
    const rows: HTMLElement[] = [];
    for (let k = first; k < last; k++) rows.push(w.rowAt(k));
    w.body.replaceChildren(spacer(first), ...rows, spacer(w.count - last));
    w.drawn?.(first, last);
  };
  draw(false);
  const onScroll = () => window.requestAnimationFrame(() => draw(false));
  window.requestAnimationFrame(() => draw(false));
  scroller?.addEventListener("scroll", onScroll, { passive: true });
  stopLast = () => scroller?.removeEventListener("scroll", onScroll);
  return () => draw(true);
}

/** Stops redrawing the last windowed table (a view that draws its rows whole). */
export function stopWindowed(): void {
  stopLast?.();
  stopLast = null;
}
