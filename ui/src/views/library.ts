import type * as api from "../api.js";
import type { DocumentSummary, ImportReport } from "../api.js";
import { h, langBadge } from "../lib/dom.js";
import { drawWindowed, stopWindowed } from "../lib/windowed.js";
import { fileName, langLabel, langName, shortDate } from "../lib/format.js";
import { count, t, worded } from "../lib/i18n.js";
import { pickPaths } from "../host.js";
import * as app from "../state.js";

export function libraryView(s: app.State): HTMLElement {
  return h(
    "section",
    { class: "library", "aria-label": t("Library") },
    toolbar(s),
    s.lastImport ? importResults(s.lastImport) : null,
    !s.docsLoaded ? h("p", { class: "muted", role: "status" }, t("Reading the library…")) : s.listing.total === 0 ? emptyLibrary() : listing(s),
    h(
      "div",
      { class: "maintenance" },
      h(
        "button",
        { class: "quiet", onclick: () => void app.rebuildIndex(), disabled: s.task !== null, title: t("Rebuild the search index from the library database") },
        t("Rebuild search index"),
      ),
      h(
        "button",
        { class: "quiet", onclick: () => void app.backupLibrary(), disabled: s.task !== null, title: t("Copy the whole library (documents, bookmarks, corrections) to one file") },
        t("Back up library…"),
      ),
      h(
        "button",
        { class: "quiet", onclick: () => void app.restoreLibrary(), disabled: s.task !== null, title: t("Replace the library with a backup copy") },
        t("Restore from backup…"),
      ),
    ),
  );
}

/** The path field is made once and moved into each redraw: what is typed in it survives the
 * redraws that start-up, a tick or a finished task cause (a new field each time lost it). */
const pathInput = h("input", { id: "import-path", type: "text", spellcheck: "false", "data-keep": "import-path" });
pathInput.addEventListener("keydown", (e) => {
  if (e.key === "Enter") importTyped();
});

function importTyped(): void {
  const path = pathInput.value.trim();
  if (!path) return;
  // Emptied once its import starts; kept while another task runs and this one cannot start.
  if (app.state.task === null) pathInput.value = "";
  void app.importPaths([path]);
}

function toolbar(s: app.State): HTMLElement {
  const busy = s.task !== null;
  pathInput.placeholder = t("…or paste a file or folder path and press Enter");
  pathInput.setAttribute("aria-label", t("Path to import"));
  const pick = (directory: boolean) => async () => {
    try {
      const paths = await pickPaths(directory);
      if (paths.length > 0) await app.importPaths(paths);
    } catch (e) {
      app.dismissError();
      console.error(e);
    }
  };
  return h(
    "div",
    { class: "toolbar" },
    h("button", { class: "primary", onclick: pick(false), disabled: busy }, t("Import files…")),
    h("button", { onclick: pick(true), disabled: busy }, t("Import folder…")),
    pathInput,
    h("button", { id: "import-go", onclick: importTyped, disabled: busy }, t("Import")),
    compareButton(s),
    h("span", { class: "hint" }, t("Drop files or folders anywhere on the window. TXT, Markdown, HTML, Word (.docx), OpenDocument (.odt), PDF.")),
  );
}

function compareButton(s: app.State): HTMLElement {
  const n = s.picked.length;
  const ok = n >= 2 && n <= app.MAX_COMPARED;
  const title = ok ? t("Align the ticked documents side by side") : t("Tick 2 to {max} documents to compare", { max: app.MAX_COMPARED });
  return h(
    "button",
    { id: "compare-go", class: ok ? "primary" : "", disabled: !ok || s.comparing, title, onclick: () => void app.openCompare(s.picked, null) },
    s.comparing ? t("Comparing…") : n ? t("Compare {n}", { n }) : t("Compare"),
  );
}

function importResults(report: ImportReport): HTMLElement {
  const counts = { imported: 0, unchanged: 0, error: 0 };
  for (const o of report.outcomes) counts[o.status] += 1;
  const summary = [
    t("{n} imported", { n: count(counts.imported) }),
    t("{n} unchanged", { n: count(counts.unchanged) }),
    counts.error ? t("{n} refused", { n: count(counts.error) }) : "",
    report.cancelled ? t("import cancelled: files not reached were not imported") : "",
  ].filter(Boolean);
  return h(
    "div",
    { class: "import-results", role: "status" },
    h("div", { class: "import-summary" }, summary.join(" · ")),
    h(
      "ul",
      {},
      ...report.outcomes.map((o) =>
        h(
          "li",
          { class: `outcome outcome-${o.status}` },
          h("span", { class: "badge" }, { imported: t("imported"), unchanged: t("unchanged"), error: t("refused") }[o.status]),
          h("span", { class: "outcome-name", title: o.path }, o.title ?? fileName(o.path)),
          o.error ? h("span", { class: "outcome-error" }, o.reason ? worded(o.reason) : o.error) : null,
        ),
      ),
    ),
  );
}

function emptyLibrary(): HTMLElement {
  return h(
    "div",
    { class: "empty" },
    h("h2", {}, t("Your library is empty")),
    h("p", {}, t("Import contracts with the buttons above, or drop files and folders onto this window.")),
  );
}

/** The listing's filter and the table; an empty filter result says so and offers the way back. */
function listing(s: app.State): HTMLElement {
  const l = s.listing;
  return h(
    "div",
    { class: "listing" },
    listingFilter(s),
    l.matching === 0
      ? h(
          "p",
          { class: "muted no-match" },
          t("No document matches this filter."),
          " ",
          h("button", { class: "quiet", onclick: () => app.setListing({ text: "", language: null }) }, t("Show all documents")),
        )
      : table(s),
  );
}

/** Waits for a pause in typing before asking the backend, so each key does not cost a query. */
const TYPING_PAUSE_MS = 150;
let typing: number | undefined;

function listingFilter(s: app.State): HTMLElement {
  const l = s.listing;
  const input = h("input", {
    id: "library-filter",
    type: "search",
    value: l.text,
    placeholder: t("Filter by title or file name"),
    "aria-label": t("Filter the library by title or file name"),
    spellcheck: "false",
    "data-keep": "library-filter",
  });
  input.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => app.setListing({ text: input.value }), TYPING_PAUSE_MS);
  });
  const chip = (label: string, language: string | null, n: number) =>
    h(
      "button",
      {
        class: `chip${l.language === language ? " on" : ""}`,
        "aria-pressed": String(l.language === language),
        onclick: () => app.setListing({ language }),
      },
      `${label} ${count(n)}`,
    );
  const shown = l.matching === l.total ? t("{n} documents", { n: count(l.total) }) : t("{shown} of {n} documents", { shown: count(l.matching), n: count(l.total) });
  return h(
    "div",
    { class: "library-filter" },
    input,
    chip(t("All"), null, l.total),
    ...l.languages.map((c) => chip(langLabel(c.language), c.language, c.documents)),
    h("span", { class: "muted", role: "status" }, shown),
  );
}

/** The columns the listing can be sorted by, in the table's order, named in the chosen language. */
const sortable = (): [api.DocumentOrder, string][] => [
  ["title", t("Title")],
  ["language", t("Language")],
  ["clauses", t("Clauses")],
  ["format", t("Format")],
  ["imported", t("Imported")],
];

function header(s: app.State): HTMLElement {
  const l = s.listing;
  const columns = sortable().map(([order, word]) => {
    const on = l.sort === order;
    // The arrow is drawn by CSS from aria-sort, so the column's name stays its only text.
    return h(
      "th",
      { "aria-sort": on ? (l.descending ? "descending" : "ascending") : "none" },
      h(
        "button",
        {
          class: "sort",
          title: t("Sort by this column; again to reverse"),
          onclick: () => app.setListing({ sort: order, descending: on ? !l.descending : false }),
        },
        word,
      ),
    );
  });
  return h("thead", {}, h("tr", {}, h("th", {}), ...columns, h("th", {})));
}

/** The height of a row when windowed (CSS keeps it fixed: `.docs.windowed tr`). */
const ROW_HEIGHT = 52;
/** Rows drawn beyond the visible ones, above and below, so scrolling shows no gaps. */
const OVERSCAN = 15;

/**
 * The documents. A listing the first page holds whole is drawn whole, so small libraries stay
 * simple to read and to test; a longer one draws only the rows in view and fetches them as they
 * scroll into it (a library of 100,000 costs what a screen costs).
 */
function table(s: app.State): HTMLElement {
  const l = s.listing;
  const windowed = l.matching > app.FIRST_PAGE;
  const body = h("tbody", {});
  const docs = h("table", { class: windowed ? "docs windowed" : "docs" }, header(s), body);
  if (!windowed) {
    stopWindowed();
    body.append(...l.rows.flatMap((d) => (d ? [row(d, s)] : [])));
    return docs;
  }
  const redraw = drawWindowed({
    body,
    count: l.matching,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    columns: 7,
    rowAt: (k) => {
      const d = l.rows[k];
      return d ? row(d, s) : h("tr", { class: "loading" }, h("td", { colspan: 7 }, "…"));
    },
    drawn: (first, last) => {
      if (hasGap(l.rows, first, last)) app.fetchRows(first, last, () => redraw());
    },
  });
  return docs;
}

/** Whether a row between `first` and `last` has not been fetched (a sparse array's holes). */
function hasGap(rows: readonly (DocumentSummary | undefined)[], first: number, last: number): boolean {
  for (let k = first; k < last; k++) if (rows[k] === undefined) return true;
  return false;
}

function row(d: DocumentSummary, s: app.State): HTMLElement {
  const confirming = s.confirmRemove === d.id;
  const actions = confirming
    ? h(
        "span",
        { class: "confirm" },
        t("Remove from the library?") + " ",
        h("button", { class: "danger", onclick: () => void app.removeDocument(d.id) }, t("Remove")),
        h("button", { onclick: () => app.askRemove(null) }, t("Keep")),
      )
    : h("button", { class: "quiet", title: t("Remove from the library"), onclick: () => app.askRemove(d.id) }, t("Remove"));
  const pick = h("input", {
    type: "checkbox",
    class: "pick",
    "aria-label": t("Compare {title}", { title: d.title }),
    checked: s.picked.includes(d.id),
    onchange: () => app.togglePick(d.id),
  });
  return h(
    "tr",
    { "data-doc": d.id },
    h("td", { class: "pick-cell" }, pick),
    h(
      "td",
      { class: "title" },
      h("a", { href: "#", onclick: (e: Event) => (e.preventDefault(), void app.openDocument(d.id, null, false)) }, d.title),
      h("div", { class: "path", title: d.path }, fileName(d.path)),
    ),
    h("td", {}, langBadge(d.language, langLabel(d.language), langName(d.language))),
    h("td", { class: "num" }, count(d.clauses)),
    h("td", {}, d.format),
    h("td", { class: "date" }, shortDate(d.imported_at)),
    h("td", { class: "actions" }, actions),
  );
}
