import { LANGUAGES, docIdFrom, type DocumentSummary, type Lang, type SearchHit } from "../api.js";
import { h, langBadge, marked } from "../lib/dom.js";
import { clauseLabel, groupBy, langLabel, langName } from "../lib/format.js";
import { count, t } from "../lib/i18n.js";
import * as app from "../state.js";
import { bookmarkButton, editor } from "./bookmarks.js";

const LANGS: Lang[] = LANGUAGES.map((l) => l.code);

export function searchView(s: app.State): HTMLElement {
  return h("section", { class: "search", "aria-label": t("Search results") }, filters(s), results(s));
}

function filters(s: app.State): HTMLElement {
  const chip = (label: string, lang: Lang | null, title: string) =>
    h(
      "button",
      {
        class: `chip${s.lang === lang ? " on" : ""}`,
        "aria-pressed": String(s.lang === lang),
        title,
        onclick: () => app.setFilters({ lang }),
      },
      label,
    );
  const docSelect = documentPicker(s);
  const topicSelect = h(
    "select",
    { id: "topic-filter", "aria-label": t("Only this topic") },
    h("option", { value: "" }, t("All topics")),
    ...s.topics.map((topic) => h("option", { value: topic.id, selected: s.topic === topic.id }, app.topicLabel(topic.id))),
  );
  topicSelect.addEventListener("change", () => app.setFilters({ topic: topicSelect.value || null }));
  const cross = h("input", { type: "checkbox", id: "cross", checked: s.cross });
  cross.addEventListener("change", () => app.setFilters({ cross: cross.checked }));
  const where = h("input", {
    id: "where",
    type: "text",
    placeholder: t("value filter, e.g. audit_notice<30d"),
    "aria-label": t("Value filter on key terms"),
    list: "where-examples",
    spellcheck: "false",
  });
  where.addEventListener("keydown", (e) => {
    if (e.key === "Enter") app.addFilter(where.value);
  });
  const examples = h(
    "datalist",
    { id: "where-examples" },
    ...["audit_notice<30d", "breach_notice<=72h", "liability_cap>=100000 EUR", "deletion_period>3m", "governing_law=DE"].map(
      (v) => h("option", { value: v }),
    ),
  );
  const chips = s.filters.map((f) =>
    h(
      "button",
      { class: "chip on value-filter", title: t("Remove this filter"), onclick: () => app.removeFilter(f) },
      `${f} ×`,
    ),
  );
  return h(
    "div",
    { class: "filters" },
    h("span", { class: "filter-label" }, t("Language")),
    chip(t("All"), null, t("Every language")),
    ...LANGS.map((l) => chip(langLabel(l), l, langName(l))),
    h("span", { class: "filter-label" }, t("Document")),
    docSelect,
    h("span", { class: "filter-label" }, t("Topic")),
    topicSelect,
    h(
      "label",
      { class: "toggle", title: t("Also find clauses in every language whose topic your words stand for") },
      cross,
      " " + t("All languages by topic"),
    ),
    h("span", { class: "filter-label" }, t("Where")),
    where,
    examples,
    ...chips,
  );
}

function results(s: app.State): HTMLElement {
  if (!s.query.trim() && !s.topic && s.filters.length === 0) {
    return h(
      "div",
      { class: "empty" },
      h("h2", {}, t("Search every contract")),
      h("p", {}, t('Words are stemmed per language. Use "quotes" for phrases and -word to exclude.')),
    );
  }
  if (s.searched && s.hits.length === 0) {
    return h(
      "div",
      { class: "empty" },
      h("h2", {}, t("No matching clauses")),
      h("p", {}, t("Try fewer words, another spelling, or clear the language and document filters.")),
    );
  }
  const docs = new Set(s.hits.map((hit) => hit.doc_id)).size;
  const groups = groupBy(s.hits, (hit) => hit.doc_id);
  return h(
    "div",
    { class: "results" },
    h(
      "div",
      { class: "count", role: "status" },
      s.hitsTotal > s.hits.length
        ? t("The best {shown} of {total} matching clauses, in {documents} documents", {
            shown: count(s.hits.length),
            total: count(s.hitsTotal),
            documents: count(docs),
          })
        : t("{clauses} clauses in {documents} documents", { clauses: count(s.hits.length), documents: count(docs) }),
    ),
    ...groups.map(([, hits]) => group(s, hits)),
  );
}

function group(s: app.State, hits: SearchHit[]): HTMLElement {
  const first = hits[0];
  if (!first) return h("div");
  return h(
    "div",
    { class: "group" },
    h(
      "h3",
      {},
      langBadge(first.language, langLabel(first.language), langName(first.language)),
      " ",
      first.doc_title,
    ),
    h("ol", { class: "hits" }, ...hits.map((hit) => hitItem(s, hit))),
  );
}

function hitItem(s: app.State, hit: SearchHit): HTMLElement {
  const index = s.hits.indexOf(hit);
  const open = () => void app.openDocument(hit.doc_id, hit.clause_id, true);
  const item = h(
    "li",
    {
      class: `hit${index === s.selected ? " selected" : ""}`,
      tabindex: "0",
      "data-clause": hit.clause_id,
      onclick: open,
    },
    h(
      "div",
      { class: "hit-head" },
      h("span", { class: "clause-label" }, clauseLabel(hit.number, hit.heading) || t("(untitled clause)")),
      h("span", { class: "lang-small", title: langName(hit.language) }, langLabel(hit.language)),
      h("span", { class: "score", title: t("Relevance (BM25)") }, hit.score.toFixed(2)),
      bookmarkButton(hit.clause_id),
    ),
    h("p", { class: "snippet" }, marked(hit.snippet, hit.highlights)),
    s.editor?.clauseId === hit.clause_id ? editor(s) : null,
  );
  item.addEventListener("keydown", (e) => {
    if (e.key === "Enter") open();
  });
  return item;
}

/** How a picked document is named in the picker; the id at the end is what is read back. */
const pickerName = (d: DocumentSummary) => `${langLabel(d.language)} · ${d.title} · #${d.id}`;

/**
 * "Only this document": typed, with suggestions from the backend, because a menu of every
 * document in a library of 10,000 would cost each redraw of the view.
 */
function documentPicker(s: app.State): HTMLElement {
  const suggestions = h("datalist", { id: "doc-suggestions" });
  const input = h("input", {
    id: "doc-filter",
    type: "search",
    list: "doc-suggestions",
    value: s.docFilterName,
    placeholder: t("All documents"),
    "aria-label": t("Only this document"),
    spellcheck: "false",
    "data-keep": "doc-filter",
  });
  let serial = 0;
  const suggest = () => {
    const mine = ++serial;
    void app.suggestDocuments(input.value.trim()).then((docs) => {
      if (mine === serial) suggestions.replaceChildren(...docs.map((d) => h("option", { value: pickerName(d) })));
    });
  };
  input.addEventListener("focus", suggest);
  input.addEventListener("input", () => {
    const typed = input.value.trim();
    const picked = /· #(\d+)$/.exec(typed);
    if (picked?.[1]) return app.setFilters({ docFilter: docIdFrom(picked[1]), docFilterName: typed });
    if (typed === "" && s.docFilter !== null) return app.setFilters({ docFilter: null, docFilterName: "" });
    app.typedDocFilter(input.value);
    suggest();
  });
  return h("span", { class: "doc-picker" }, input, suggestions);
}
