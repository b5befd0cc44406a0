// Compare: the key-terms matrix on top, the aligned rows below, one column per document.
// All columns sit in one scrolling grid, so they always scroll together.
import { LANGUAGES, docIdFrom, type AlignedCell, type ClauseId, type AlignedRow, type ComparedDocument, type Comparison, type CrossReference, type MatrixCell, type ReportLang } from "../api.js";
import { h, langBadge, painted, type Layer } from "../lib/dom.js";
import { fileName, langLabel, langName } from "../lib/format.js";
import { count, resultName, t, verdictName } from "../lib/i18n.js";
import { confidenceBand, startsGroup, statedKinds } from "../lib/compare.js";
import * as app from "../state.js";
import { bookmarkButton, editor } from "./bookmarks.js";

export function compareView(s: app.State): HTMLElement {
  const c = s.comparison;
  if (!c) return h("section", { class: "empty" }, t("Tick 2 to 6 documents in the library, then press Compare."));
  const shown = shownDocuments(c, s);
  return h(
    "section",
    { class: "compare", "aria-label": t("Compare") },
    header(c, s),
    matrix(c, shown, s),
    rows(c, shown, s),
  );
}

/** The documents to draw: all, or the focus pair. */
function shownDocuments(c: Comparison, s: app.State): ComparedDocument[] {
  return s.focusPair.length === 2 ? c.documents.filter((d) => s.focusPair.includes(d.id)) : c.documents;
}

function header(c: Comparison, s: app.State): HTMLElement {
  const select = againstPicker(c, s);
  const counts = { aligned: 0, partial: 0, missing: 0 };
  for (const r of c.rows) counts[r.status] += 1;
  return h(
    "header",
    { class: "compare-head" },
    h("button", { class: "quiet back", onclick: () => app.show("library"), title: t("Back to the library (Esc)") }, t("← Library")),
    h("h2", {}, t("Compare {n} documents", { n: c.documents.length })),
    select,
    h(
      "span",
      { class: "muted small" },
      t("{rows} rows: {aligned} in every document, {partial} in some, {missing} in one only", {
        rows: count(c.rows.length),
        aligned: count(counts.aligned),
        partial: count(counts.partial),
        missing: count(counts.missing),
      }),
    ),
    reportTools(s),
    s.moving ? movingBanner() : null,
    c.corrections.length ? corrections(c) : null,
    s.editor?.clauseId != null && c.rows.some((r) => r.cells.some((cell) => cell.clause_ids.includes(s.editor?.clauseId as ClauseId)))
      ? h("div", { class: "compare-editor" }, h("span", { class: "muted small" }, t("Bookmark:")), editor(s))
      : null,
  );
}

/** What the key terms are judged against: a reference document, a playbook, or each other. A
 * playbook's column shows its positions; a document's, its values. */
function againstPicker(c: Comparison, s: app.State): HTMLSelectElement {
  const judged = s.playbooks.filter((p) => p.id !== "gdpr-minimum");
  const select = h(
    "select",
    { id: "reference", "aria-label": t("Reference document or playbook") },
    h("option", { value: "" }, t("No reference: judge each against the others")),
    ...c.documents.map((d) =>
      h("option", { value: `doc:${d.id}`, selected: d.id === c.reference }, t("Reference: {title}", { title: d.title })),
    ),
    ...judged.map((p) =>
      h("option", { value: `playbook:${p.id}`, selected: p.id === s.comparePlaybook }, t("Playbook: {name}", { name: p.name })),
    ),
  );
  select.addEventListener("change", () => {
    const [kind, id] = select.value.split(/:(.*)/s);
    app.setReference({
      reference: kind === "doc" && id ? docIdFrom(id) : null,
      playbook: kind === "playbook" && id ? id : null,
    });
  });
  return select;
}

/** Export the comparison as a report: headings in the chosen language, three formats. */
function reportTools(s: app.State): HTMLElement {
  const select = h(
    "select",
    { id: "report-lang", "aria-label": t("Report language") },
    ...LANGUAGES.map((l) => h("option", { value: l.code, selected: s.reportLang === l.code }, t("Report in {language}", { language: l.own }))),
  );
  select.addEventListener("change", () => app.setReportLang(select.value as ReportLang));
  const button = (format: "html" | "md" | "pdf", label: string) =>
    h("button", { class: "small", disabled: s.savingReport, onclick: () => void app.saveReport(format), title: t("Save a diff report as {format}", { format: label }) }, label);
  return h(
    "div",
    { class: "report-tools" },
    h("span", { class: "muted small" }, t("Save a report:")),
    select,
    button("html", "HTML…"),
    button("md", "Markdown…"),
    button("pdf", "PDF…"),
    s.savingReport ? h("span", { class: "muted small" }, t("Writing the report…")) : null,
  );
}

/** The user's corrections among these documents, each with an undo. */
function corrections(c: Comparison): HTMLElement {
  const words = { link: t("moved"), unlink: t("not equivalent"), confirm: t("confirmed") };
  return h(
    "details",
    { class: "corrections" },
    h("summary", {}, t("Your corrections ({n})", { n: c.corrections.length })),
    h(
      "ul",
      {},
      ...c.corrections.map((x) =>
        h(
          "li",
          {},
          t("Clause {moved} {what} with clause {anchor}", { moved: x.moved_clause_id, what: words[x.kind], anchor: x.anchor_clause_id }) + " ",
          h("button", { class: "quiet small", onclick: () => void app.undoCorrection(x.id) }, t("Undo")),
        ),
      ),
    ),
  );
}

function movingBanner(): HTMLElement {
  return h(
    "span",
    { class: "moving", role: "status" },
    t("Moving a clause: press “Move here” in the row it belongs to.") + " ",
    h("button", { onclick: app.cancelMove }, t("Cancel")),
  );
}

// ---- Key-terms matrix ----

function matrix(c: Comparison, shown: ComparedDocument[], s: app.State): HTMLElement {
  const kinds = c.playbook ? c.matrix.filter((row) => row.position !== null || row.cells.some((x) => x.value !== null)) : statedKinds(c.matrix);
  if (kinds.length === 0) return h("p", { class: "muted" }, t("None of these documents states a key term."));
  const playbookHead = c.playbook ? h("th", { class: "position" }, t("Playbook: {name}", { name: c.playbook })) : null;
  const head = h("tr", {}, h("th", {}, t("Key term")), playbookHead, ...shown.map((d) => h("th", {}, docTitle(d, c))));
  const body = kinds.map((row) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, row.label),
      c.playbook ? h("td", { class: "position" }, row.position ?? "—") : null,
      ...shown.map((d) => {
        const cell = row.cells.find((x) => x.doc_id === d.id);
        return h("td", { "data-doc": d.id }, cell ? matrixCell(cell, s) : null);
      }),
    ),
  );
  return h(
    "details",
    { class: "matrix-wrap", open: true },
    h("summary", {}, t("Key terms ({n} stated)", { n: kinds.length })),
    h("table", { class: "matrix", "aria-label": t("Key terms by document") }, h("thead", {}, head), h("tbody", {}, ...body)),
    c.playbook ? playbookLegend() : legend(),
  );
}

/** A value with its verdict, or with the playbook's result where the playbook takes a position. */
function matrixCell(cell: MatrixCell, s: app.State): HTMLElement {
  const value = cell.display ?? "—";
  const judged = cell.playbook;
  const reason = judged ? judged.reason : cell.reason;
  const tip = cell.quote ? `${reason}\n«${cell.quote}»` : reason;
  const on = s.compareFocus !== null && s.compareFocus.clauseId === cell.clause_id;
  const clauseId = cell.clause_id;
  const look = judged ? `res ${judged.result}` : `v-${cell.verdict}`;
  return h(
    "button",
    {
      class: `verdict ${look}${on ? " on" : ""}`,
      title: tip,
      disabled: clauseId === null,
      onclick: () => clauseId !== null && app.showInRow({ clauseId, range: cell.clause_range }),
    },
    h("span", { class: "v-value" }, value),
    h("span", { class: "v-word" }, judged ? resultName(judged.result) : verdictName(cell.verdict)),
  );
}

function playbookLegend(): HTMLElement {
  const items = (["acceptable", "negotiable", "unacceptable", "not_stated"] as const).map((r) =>
    h("span", { class: `verdict res ${r} legend-item` }, resultName(r)),
  );
  return h(
    "div",
    { class: "legend" },
    h("span", { class: "muted small" }, t("Against the playbook's position; terms it takes none on, against each other:")),
    ...items,
  );
}

function legend(): HTMLElement {
  const items = (["stricter", "looser", "same", "not_comparable", "missing", "reference"] as const).map((v) =>
    h("span", { class: `verdict v-${v} legend-item` }, verdictName(v)),
  );
  return h(
    "div",
    { class: "legend" },
    h("span", { class: "muted small" }, t("Against the reference, or the others without one; stricter = more protective for the controller:")),
    ...items,
  );
}

function docTitle(d: ComparedDocument, c: Comparison): HTMLElement {
  return h(
    "span",
    { class: "doc-title", title: `${d.title} — ${fileName(d.path)}` },
    langBadge(d.language, langLabel(d.language), langName(d.language)),
    " ",
    d.title,
    d.id === c.reference ? h("span", { class: "ref-star", title: t("Reference") }, " ★") : null,
  );
}

// ---- Aligned rows ----

function rows(c: Comparison, shown: ComparedDocument[], s: app.State): HTMLElement {
  const columns = shown.map((d) => (s.collapsed.includes(d.id) ? "44px" : "minmax(0, 1fr)")).join(" ");
  const grid = h("div", { class: "arows" });
  // Through the CSSOM: the app's CSP forbids style attributes.
  grid.style.gridTemplateColumns = columns;
  for (const d of shown) grid.append(columnHead(d, c, s));
  c.rows.forEach((row, k) => {
    if (startsGroup(c.rows, k)) {
      grid.append(h("div", { class: "agroup" }, row.topic ? app.topicLabel(row.topic) : t("Other clauses")));
    }
    for (const d of shown) {
      const cell = row.cells.find((x) => x.doc_id === d.id);
      grid.append(alignedCell(c, row, k, d, cell, s));
    }
  });
  return grid;
}

function columnHead(d: ComparedDocument, c: Comparison, s: app.State): HTMLElement {
  const collapsed = s.collapsed.includes(d.id);
  const focused = s.focusPair.includes(d.id);
  return h(
    "div",
    { class: `acol-head${collapsed ? " collapsed" : ""}` },
    collapsed ? null : docTitle(d, c),
    h(
      "span",
      { class: "acol-tools" },
      collapsed
        ? null
        : h(
            "button",
            { class: `quiet small${focused ? " on" : ""}`, title: t("Focus mode: pick two documents to see only them"), onclick: () => app.toggleFocus(d.id) },
            focused ? t("Unfocus") : t("Focus"),
          ),
      h(
        "button",
        { class: "quiet small", title: collapsed ? t("Expand {title}", { title: d.title }) : t("Collapse this column"), onclick: () => app.toggleCollapse(d.id) },
        collapsed ? langLabel(d.language) : "–",
      ),
    ),
  );
}

function alignedCell(
  c: Comparison,
  row: AlignedRow,
  k: number,
  d: ComparedDocument,
  cell: AlignedCell | undefined,
  s: app.State,
): HTMLElement {
  const collapsed = s.collapsed.includes(d.id);
  const empty = !cell || cell.clause_ids.length === 0;
  const band = confidenceBand(cell?.confidence ?? null, cell?.corrected ?? false);
  const classes = ["acell", empty ? "absent" : `conf-${band}`, row.moved ? "moved" : "", collapsed ? "collapsed" : ""];
  const el = h("div", { class: classes.filter(Boolean).join(" "), "data-row": k, "data-doc": d.id });
  if (collapsed) return el;
  if (empty || !cell) {
    el.append(cell?.elsewhere ? crossReference(cell.elsewhere) : h("div", { class: "absent-text" }, t("Not addressed in this document")));
    if (s.moving && s.moving.docId === d.id) el.append(moveHere(cell, s));
    return el;
  }
  el.append(cellHead(c, row, d, cell));
  cell.texts.forEach((text, i) => {
    const clauseId = cell.clause_ids[i];
    if (clauseId === undefined) return; // Rust fills texts and clause_ids side by side.
    if (i > 0) el.append(partTools(cell, d, clauseId, cell.labels[i] ?? ""));
    el.append(clauseText(c, row, d, clauseId, text, cell.shared_numbers[i] ?? [], s));
  });
  if (s.moving && s.moving.docId === d.id && !cell.clause_ids.includes(s.moving.clauseId)) el.append(moveHere(cell, s));
  return el;
}

/** An empty cell of a document that deals with the topic in a clause of another row. */
function crossReference(ref: CrossReference): HTMLElement {
  const where = ref.row_topic ? t(", shown under {topic}", { topic: app.topicLabel(ref.row_topic) }) : "";
  return h(
    "div",
    { class: "xref" },
    h(
      "div",
      { class: "xref-head", title: t("No clause of this document is about this topic alone; this clause, aligned in another row, deals with it too") },
      t("No clause of its own: dealt with in {clause}", { clause: ref.label }) + where,
    ),
    h("details", {}, h("summary", {}, t("Show that clause")), h("div", { class: "xref-text" }, ref.text)),
  );
}

function cellHead(c: Comparison, row: AlignedRow, d: ComparedDocument, cell: AlignedCell): HTMLElement {
  // The reference (or first document) anchors the rows: its own cells are not links.
  const anchorDoc = c.reference ?? c.documents[0]?.id;
  const confidence =
    d.id === anchorDoc || cell.anchor || cell.confidence === null
      ? ""
      : cell.corrected
        ? t("set by you")
        : t("{percent} % sure", { percent: Math.round(cell.confidence * 100) });
  // The backend says which clause a correction names as the other side; a cell alone in its
  // row has none but itself.
  const moved = cell.clause_ids[0];
  const anchor = d.id === anchorDoc || cell.correct_against === moved ? null : cell.correct_against;
  const tools: HTMLElement[] = [];
  if (anchor !== null && moved !== undefined && !cell.corrected) {
    tools.push(
      h("button", { class: "quiet small", title: t("This link is right"), onclick: () => void app.correct({ kind: "confirm", anchor_clause_id: anchor, moved_clause_id: moved }) }, t("Confirm")),
      h("button", { class: "quiet small", title: t("Not equivalent: give this clause a row of its own"), onclick: () => void app.correct({ kind: "unlink", anchor_clause_id: anchor, moved_clause_id: moved }) }, t("Not equivalent")),
    );
  }
  if (moved !== undefined) {
    tools.push(h("button", { class: "quiet small", title: t("Move this clause to another row"), onclick: () => app.startMove(moved, d.id) }, t("Move…")));
    tools.push(bookmarkButton(moved));
  }
  return h(
    "div",
    { class: "acell-head" },
    h("span", { class: "acell-label" }, cell.labels.join(" + ")),
    row.moved ? h("span", { class: "badge-moved", title: t("This clause sits elsewhere in the other version") }, "moved") : null,
    h(
      "span",
      { class: "acell-conf", title: t("Of links Concordia was this sure of on labelled real DPAs, this share was right") },
      confidence,
    ),
    h("span", { class: "acell-tools" }, ...tools),
  );
}

/** For the second and later clauses of a cell: split it off into a row of its own, or move it. */
function partTools(cell: AlignedCell, d: ComparedDocument, clauseId: ClauseId, label: string): HTMLElement {
  const anchor = cell.correct_against;
  return h(
    "div",
    { class: "part-tools" },
    h("span", { class: "acell-label" }, label),
    h(
      "span",
      { class: "acell-tools" },
      anchor !== null && anchor !== clauseId
        ? h("button", { class: "quiet small", title: t("Give this clause a row of its own"), onclick: () => void app.correct({ kind: "unlink", anchor_clause_id: anchor, moved_clause_id: clauseId }) }, t("Split off"))
        : null,
      h("button", { class: "quiet small", title: t("Move this clause to another row"), onclick: () => app.startMove(clauseId, d.id) }, t("Move…")),
    ),
  );
}

function clauseText(
  c: Comparison,
  row: AlignedRow,
  d: ComparedDocument,
  clauseId: number,
  text: string,
  shared: [number, number][],
  s: app.State,
): HTMLElement {
  const second = c.documents.length === 2 && d.id === c.documents[1]?.id;
  if (row.redline && second) return redline(row, clauseId);
  const cells = c.matrix.flatMap((m) => m.cells.filter((x) => x.doc_id === d.id && x.clause_id === clauseId));
  const sentences = cells.flatMap((x) => (x.clause_range ? [x.clause_range] : []));
  const values = cells.flatMap((x) => (x.value_range ? [x.value_range] : []));
  // Sentences that state a key term are tinted; the values in them stand out; shared numbers are dotted.
  const focus = s.compareFocus;
  const quote = focus && focus.clauseId === clauseId && focus.range ? [focus.range] : [];
  const layers: Layer[] = [
    { ranges: sentences, cls: "kt-sentence" },
    { ranges: shared, cls: "num" },
    { ranges: quote, cls: "quote" },
    { ranges: values, cls: "kt-value" },
  ];
  const focused = focus?.clauseId === clauseId;
  return h(
    "div",
    { class: `atext${focused ? " focused" : ""}`, id: `aclause-${clauseId}`, tabindex: "-1" },
    painted(text, layers),
  );
}

/** The second version's text as changes against the first. */
function redline(row: AlignedRow, clauseId: number): HTMLElement {
  const el = h("div", { class: "atext redline", id: `aclause-${clauseId}`, title: t("Changes against the first document") });
  for (const seg of row.redline ?? []) {
    if (seg.op === "equal") el.append(seg.text);
    else el.append(h(seg.op === "delete" ? "del" : "ins", {}, seg.text));
  }
  return el;
}

function moveHere(cell: AlignedCell | undefined, s: app.State): HTMLElement {
  const moving = s.moving;
  const anchor = cell?.correct_against ?? null;
  return h(
    "button",
    {
      class: "move-here",
      onclick: () =>
        moving && anchor !== null &&
        void app.correct({ kind: "link", anchor_clause_id: anchor, moved_clause_id: moving.clauseId }),
    },
    t("Move here"),
  );
}
