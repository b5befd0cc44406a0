import type { ChecklistItem, ClauseView, PlaybookReview, Review, TermView } from "../api.js";
import { h, langBadge, painted } from "../lib/dom.js";
import { splitFirstLine, type Ranges } from "../lib/highlight.js";
import { fileName, langLabel, langName } from "../lib/format.js";
import { count, resultName, statusName, t } from "../lib/i18n.js";
import * as app from "../state.js";
import { bookmarkButton, editor } from "./bookmarks.js";
import { playbookPicker } from "./portfolio.js";

export function documentView(s: app.State): HTMLElement {
  const doc = s.doc;
  if (!doc) return h("section", { class: "empty" }, t("No document open."));
  const hitCount = doc.clauses.reduce((n, c) => n + (c.highlights?.length ?? 0), 0);
  return h(
    "section",
    { class: "document", "aria-label": doc.title },
    h(
      "header",
      { class: "doc-head" },
      h(
        "button",
        { class: "quiet back", onclick: () => app.show(s.backTo), title: t("Back (Esc)") },
        { search: t("← Results"), bookmarks: t("← Bookmarks"), portfolio: t("← Portfolio"), library: t("← Library") }[s.backTo],
      ),
      h("h2", {}, langBadge(doc.language, langLabel(doc.language), langName(doc.language)), " ", doc.title),
      h(
        "div",
        { class: "doc-meta" },
        t("{n} clauses · {file}", { n: count(doc.clauses.length), file: fileName(doc.path) }),
        hitCount ? " · " + t("{n} matches (n / Shift+N to step through)", { n: count(hitCount) }) : "",
      ),
    ),
    h(
      "div",
      { class: "doc-body" },
      h("div", { class: "clauses" }, ...doc.clauses.map((c) => clause(c, c.id === s.focusClause, s.quote, s.terms, s))),
      side(s),
    ),
  );
}

/** The side panel: the key terms or the Art. 28 checklist, one at a time, so either fits a screen. */
function side(s: app.State): HTMLElement {
  const review = s.review;
  const met = review ? review.checklist.filter((c) => c.status === "met").length : 0;
  const tab = (which: app.SidePanel, label: string) =>
    h(
      "button",
      { class: `side-tab${s.sidePanel === which ? " on" : ""}`, role: "tab", "aria-selected": String(s.sidePanel === which), onclick: () => app.showSidePanel(which) },
      label,
    );
  const tabs = h(
    "div",
    { class: "side-tabs", role: "tablist" },
    tab("terms", t("Key terms")),
    review ? tab("checklist", t("Art. 28 ({met}/{n})", { met: count(met), n: count(review.checklist.length) })) : null,
  );
  const panel = s.sidePanel === "checklist" && review ? checklistPanel(review, s.quote) : termsPanel(s.terms, s.quote);
  return h("div", { class: "side" }, tabs, panel);
}

function termsPanel(terms: TermView[], current: app.Quote | null): HTMLElement {
  const items = terms.map((term) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          class: `term${term === current ? " on" : ""}`,
          title: t("«{quote}» — click to show it in the text", { quote: term.quote }),
          onclick: () => app.showQuote(term),
        },
        h("span", { class: "term-kind" }, term.label),
        h("span", { class: "term-value" }, term.display),
      ),
    ),
  );
  return h(
    "aside",
    { class: "terms", "aria-label": t("Key terms") },
    h("h3", {}, t("Key terms")),
    terms.length ? h("ul", {}, ...items) : h("p", { class: "muted" }, t("No key terms stated in this document.")),
    h("p", { class: "muted small" }, t("Terms not listed are not stated in the document.")),
  );
}

/** GDPR Art. 28, requirement by requirement: each item with a source shows it in the text. */
function checklistPanel(review: Review, current: app.Quote | null): HTMLElement {
  const met = review.checklist.filter((c) => c.status === "met").length;
  const items = review.checklist.map((item) => checklistItem(item, current));
  return h(
    "aside",
    { class: "checklist", "aria-label": t("GDPR Art. 28 checklist") },
    h("h3", {}, t("GDPR Art. 28 checklist")),
    h("p", { class: "checklist-score" }, t("{met} of {n} requirements met", { met: count(met), n: count(review.checklist.length) })),
    h("ul", {}, ...items),
    h("p", { class: "muted small" }, t("Found by rules on the contract's words: check each finding against its quote.")),
    h("h3", { class: "playbook-head" }, h("label", {}, t("Playbook"), " ", playbookPicker(app.state.playbook))),
    review.playbook ? positionsList(review.playbook, current) : null,
  );
}

/** The document against the chosen playbook: each position with its result and reason. */
function positionsList(p: PlaybookReview, current: app.Quote | null): HTMLElement {
  const positions = p.positions.map((pos) => {
    const word = h("span", { class: `res-word ${pos.result}` }, resultName(pos.result));
    const name = h("span", { class: "req-label" }, pos.value ? `${pos.label}: ${pos.value}` : pos.label);
    const at = pos.clause_id;
    const range = pos.clause_range;
    const on = current !== null && at === current.clause_id && range !== null && range[0] === current.clause_range[0];
    const body =
      at !== null && range !== null
        ? h("button", { class: `req${on ? " on" : ""}`, title: `${pos.reason}\n${pos.source}`, onclick: () => app.showQuote({ clause_id: at, clause_range: range }) }, word, name)
        : h("div", { class: "req", title: pos.source }, word, name);
    return h("li", { "data-position": pos.kind }, body, pos.result === "acceptable" ? null : h("div", { class: "req-reason" }, pos.reason));
  });
  const failing = p.required.filter((r) => r.result !== "acceptable");
  return h(
    "div",
    { class: "positions" },
    h("ul", {}, ...positions),
    failing.length
      ? h("p", { class: "req-reason" }, t("Must-haves not met: {n}", { n: count(failing.length) }))
      : h("p", { class: "req-reason" }, t("Every must-have met")),
  );
}

function checklistItem(item: ChecklistItem, current: app.Quote | null): HTMLElement {
  const status = h("span", { class: `req-status ${item.status}` }, statusName(item.status));
  const name = h("span", { class: "req-label" }, item.label);
  const first = item.clause_ids[0];
  const range = item.clause_range;
  const tip = `${item.article} · ${item.reason}${item.quote ? `\n«${item.quote}»` : ""}`;
  // The GDPR's own words, on the citation: what the contract is held against.
  const article = h("span", { class: "req-article", title: item.statute || item.article }, item.article);
  const on = current !== null && first === current.clause_id && range !== null && range[0] === current.clause_range[0];
  const body =
    first !== undefined && range !== null
      ? h("button", { class: `req${on ? " on" : ""}`, title: tip, onclick: () => app.showQuote({ clause_id: first, clause_range: range }) }, status, name)
      : h("div", { class: "req", title: tip }, status, name);
  return h(
    "li",
    { "data-requirement": item.requirement },
    body,
    item.status === "met" ? null : h("div", { class: "req-reason" }, item.reason),
    article,
  );
}

function clause(c: ClauseView, focused: boolean, quote: app.Quote | null, terms: TermView[], s: app.State): HTMLElement {
  const path = c.heading_path.join(" › ");
  // A key term's quote replaces the search marks in its clause, so the cited sentence stands out.
  const ranges = quote && quote.clause_id === c.id ? [quote.clause_range] : (c.highlights ?? []);
  // Key values ("72 Stunden", "€ 5.000") are underlined wherever they are written.
  const values = terms.flatMap((t) => (t.clause_id === c.id && t.value_range ? [t.value_range] : []));
  const paint = (text: string, marks: Ranges, underlined: Ranges) =>
    painted(text, [
      { ranges: underlined, cls: "key-value", tag: "span" },
      { ranges: marks, cls: "hit" },
    ]);
  // A section's first line is its heading, as written: show it as one, not twice.
  const split = c.heading !== null ? splitFirstLine(c.text, ranges) : null;
  const splitValues = c.heading !== null ? splitFirstLine(c.text, values) : null;
  const body =
    split && splitValues
      ? [
          h("h3", { class: "clause-heading" }, paint(split[0][0], split[0][1], splitValues[0][1])),
          h("div", { class: "clause-text" }, paint(split[1][0], split[1][1], splitValues[1][1])),
        ]
      : [h("div", { class: "clause-text" }, paint(c.text, ranges, values))];
  return h(
    "article",
    { class: `clause${focused ? " focused" : ""}`, id: `clause-${c.id}`, tabindex: "-1" },
    h(
      "div",
      { class: "clause-meta" },
      path ? h("span", { class: "clause-path" }, path) : null,
      ...c.topics.map((t) =>
        h(
          "span",
          { class: "topic", title: `${Math.round(t.confidence * 100)} % · ${t.cues.join(", ")}` },
          app.topicLabel(t.topic),
        ),
      ),
      c.language ? h("span", { class: "lang-small", title: langName(c.language) }, langLabel(c.language)) : null,
      c.page !== undefined
        ? h("span", { class: "clause-page", title: t("Starts on page {page} of the original", { page: c.page }) }, t("p. {page}", { page: c.page }))
        : null,
      bookmarkButton(c.id),
    ),
    ...body,
    s.editor?.clauseId === c.id ? editor(s) : null,
  );
}
