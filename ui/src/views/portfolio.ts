// The library at a glance: one row per document with its Art. 28 score, where it stands against
// a playbook, and its key terms. The backend filters, sorts and counts; this draws a page.
import type { PortfolioRow, PortfolioSort, TermKind } from "../api.js";
import { h, langBadge } from "../lib/dom.js";
import { drawWindowed, stopWindowed } from "../lib/windowed.js";
import { langLabel, langName } from "../lib/format.js";
import { count, kindName, t } from "../lib/i18n.js";
import * as app from "../state.js";

/** The key terms shown as columns: those a reviewer reads first. */
const COLUMNS: TermKind[] = ["breach_notice", "audit_notice", "subprocessor_objection", "deletion_period", "liability_cap", "governing_law"];

const EXAMPLES = ["breach_notice>72h or breach_notice=none", "governing_law!=EEA", "checklist<15", "lacks=subprocessor_liability", "playbook=unacceptable"];

export function portfolioView(s: app.State): HTMLElement {
  const p = s.portfolio;
  return h(
    "section",
    { class: "portfolio", "aria-label": t("Portfolio") },
    toolbar(s),
    playbookEditor(s),
    p.conditions.length ? h("div", { class: "filters-on" }, ...p.conditions.map((c) => chip(c))) : null,
    p.page === null ? h("p", { class: "muted", role: "status" }, t("Building the portfolio…")) : table(s),
  );
}

function toolbar(s: app.State): HTMLElement {
  const p = s.portfolio;
  const playbook = playbookPicker(s.playbook);
  return h(
    "div",
    { class: "toolbar" },
    h("h2", {}, t("Portfolio")),
    h("label", { class: "inline" }, t("Playbook"), " ", playbook),
    whereInput(),
    h("datalist", { id: "portfolio-examples" }, ...EXAMPLES.map((x) => h("option", { value: x }))),
    h("button", { onclick: () => void app.savePortfolio("csv"), disabled: !p.page || p.page.matching === 0 }, t("Export CSV…")),
    h("button", { onclick: () => void app.savePortfolio("pdf"), disabled: !p.page || p.page.matching === 0 }, t("Save report (PDF)…")),
    h("button", { onclick: () => void app.savePortfolio("html"), disabled: !p.page || p.page.matching === 0 }, t("Save report (HTML)…")),
    h("button", { class: "quiet", onclick: () => void app.editPlaybook() }, t("Edit playbook…")),
  );
}

/** The playbook as TOML: saved only when it reads whole, else the reason and nothing saved. */
function playbookEditor(s: app.State): HTMLElement | null {
  const editor = s.playbookEditor;
  if (!editor) return null;
  const area = h("textarea", { id: "playbook-text", rows: 18, spellcheck: "false", "aria-label": t("Playbook (TOML)"), "data-keep": "playbook-text" });
  area.value = editor.text;
  area.addEventListener("input", () => app.typedPlaybook(area.value));
  return h(
    "div",
    { class: "playbook-editor" },
    h("p", { class: "muted small" }, t("Positions are written as value filters (breach_notice<=48h, governing_law=EEA). Save under a name of your own; the shipped playbooks stay as they are.")),
    area,
    editor.error ? h("p", { class: "editor-error", role: "alert" }, editor.error) : null,
    h("div", { class: "editor-tools" }, h("button", { class: "primary", onclick: () => void app.savePlaybook() }, t("Check and save")), h("button", { onclick: app.closePlaybookEditor }, t("Cancel"))),
  );
}

/** A shipped playbook's name in the chosen language. */
function builtinName(id: string, name: string): string {
  return id === "gdpr-minimum" ? t("GDPR minimum") : id === "recommended" ? t("Recommended") : name;
}

/** The playbook menu, shared by the portfolio and the document view. */
export function playbookPicker(current: string | null): HTMLSelectElement {
  const playbook = h(
    "select",
    { id: "playbook", "aria-label": t("Playbook") },
    h("option", { value: "" }, t("No playbook")),
    ...app.state.playbooks.map((p) => h("option", { value: p.id, selected: current === p.id, title: p.description }, p.builtin ? builtinName(p.id, p.name) : p.name)),
  );
  playbook.addEventListener("change", () => void app.setPlaybook(playbook.value || null));
  return playbook;
}

function whereInput(): HTMLElement {
  const where = h("input", {
    id: "portfolio-where",
    type: "text",
    placeholder: t("condition, e.g. checklist<15"),
    "aria-label": t("Only documents meeting a condition"),
    list: "portfolio-examples",
    spellcheck: "false",
    "data-keep": "portfolio-where",
  });
  where.addEventListener("keydown", (e) => {
    if (e.key === "Enter") app.addPortfolioCondition(where.value);
  });
  return where;
}

function chip(condition: string): HTMLElement {
  const drop = () => app.setPortfolio({ conditions: app.state.portfolio.conditions.filter((c) => c !== condition) });
  return h("span", { class: "chip on value-filter" }, condition, " ", h("button", { class: "quiet", "aria-label": t("Remove {filter}", { filter: condition }), onclick: drop }, "×"));
}

function table(s: app.State): HTMLElement {
  const p = s.portfolio;
  const page = p.page;
  if (!page) return h("div", {});
  const summary = h("p", { class: "muted", role: "status" }, t("{shown} of {n} documents", { shown: count(page.matching), n: count(page.total) }));
  if (page.matching === 0) return h("div", {}, summary, h("p", { class: "muted no-match" }, t("No document meets these conditions.")));
  const judged = s.playbook !== null;
  const head = h(
    "tr",
    {},
    sortable("title", t("Title")),
    sortable("language", t("Language")),
    sortable("met", t("Art. 28")),
    judged ? sortable("unacceptable", t("Playbook")) : null,
    ...COLUMNS.map((k) => h("th", {}, kindName(k))),
  );
  const more = page.rows.length < page.matching;
  return h(
    "div",
    {},
    summary,
    rowsTable(head, page.rows, (r) => row(r, page.requirements, judged), (judged ? 4 : 3) + COLUMNS.length),
    more
      ? h("button", { class: "more", onclick: app.showMorePortfolio }, t("Show {n} more of {left}", { n: count(Math.min(app.PORTFOLIO_PAGE, page.matching - page.rows.length)), left: count(page.matching - page.rows.length) }))
      : null,
  );
}

/** Rows fetched up to which the table is drawn whole; beyond, only the rows in view are. */
const WHOLE_UP_TO = 60;
/** The height of a windowed row (CSS keeps it fixed: `.portfolio-table.windowed-rows tr`). */
const ROW_HEIGHT = 40;
/** Rows drawn beyond the visible ones, above and below, so scrolling shows no gaps. */
const OVERSCAN = 10;

/**
 * The fetched rows. Laying out a page of 200 rows of a dozen cells each held the page for
 * 90–170 ms, so a longer list draws only the rows in view and redraws them as it scrolls.
 */
function rowsTable(head: HTMLElement, rows: PortfolioRow[], draw: (r: PortfolioRow) => HTMLElement, columns: number): HTMLElement {
  const body = h("tbody", {});
  if (rows.length <= WHOLE_UP_TO) {
    stopWindowed();
    body.append(...rows.map(draw));
    return h("table", { class: "docs portfolio-table" }, h("thead", {}, head), body);
  }
  drawWindowed({ body, count: rows.length, rowHeight: ROW_HEIGHT, overscan: OVERSCAN, columns, rowAt: (k) => draw(rows[k]!) });
  return h("table", { class: "docs portfolio-table windowed-rows" }, h("thead", {}, head), body);
}

function sortable(order: PortfolioSort, word: string): HTMLElement {
  const p = app.state.portfolio;
  const on = p.sort === order;
  return h(
    "th",
    { "aria-sort": on ? (p.descending ? "descending" : "ascending") : "none" },
    h("button", { class: "sort", title: t("Sort by this column; again to reverse"), onclick: () => app.setPortfolio({ sort: order, descending: on ? !p.descending : false }) }, word),
  );
}

function row(r: PortfolioRow, requirements: number, judged: boolean): HTMLElement {
  const score = h(
    "button",
    { class: `score${r.met === requirements ? " full" : ""}`, title: r.lacking.length ? t("Not met: {list}", { list: r.lacking.join(", ") }) : t("Every requirement met"), onclick: () => void app.openFromPortfolio(r.id, null) },
    `${count(r.met)}/${count(requirements)}`,
  );
  const c = r.playbook;
  const results = judged && c
    ? h(
        "td",
        { class: "results" },
        h("span", { class: "res acceptable", title: t("acceptable") }, `✓ ${count(c.acceptable)}`),
        h("span", { class: "res negotiable", title: t("negotiable") }, `~ ${count(c.negotiable)}`),
        h("span", { class: "res unacceptable", title: t("unacceptable") }, `✗ ${count(c.unacceptable)}`),
        h("span", { class: "res not-stated", title: t("not stated") }, `? ${count(c.not_stated)}`),
      )
    : null;
  const cells = COLUMNS.map((k) => {
    const term = r.terms.find((x) => x.kind === k);
    return h(
      "td",
      { class: "term-cell" },
      term ? h("button", { class: "quiet", title: t("Show the clause"), onclick: () => void app.openFromPortfolio(r.id, term.clause_id) }, term.display) : h("span", { class: "muted" }, "—"),
    );
  });
  return h(
    "tr",
    { "data-doc": r.id },
    h("td", { class: "title" }, h("a", { href: "#", onclick: (e: Event) => (e.preventDefault(), void app.openFromPortfolio(r.id, null)) }, r.title)),
    h("td", {}, langBadge(r.language, langLabel(r.language), langName(r.language))),
    h("td", { class: "num" }, score),
    results,
    ...cells,
  );
}

