import { docIdFrom, type BookmarkId, type ClauseId, type BookmarkStatus, type BookmarkView } from "../api.js";
import { allTags, bookmarkedDocuments, filterBookmarks, statusWords } from "../lib/bookmarks.js";
import { h, langBadge } from "../lib/dom.js";
import { langLabel, langName } from "../lib/format.js";
import { count, t } from "../lib/i18n.js";
import * as app from "../state.js";

/** The bookmark list with its filters, export and import. */
export function bookmarksView(s: app.State): HTMLElement {
  const shown = filterBookmarks(s.allBookmarks, s.bookmarkFilter);
  return h(
    "section",
    { class: "bookmarks", "aria-label": t("Bookmarks") },
    h(
      "header",
      { class: "toolbar" },
      h("h2", {}, t("Bookmarks ({n})", { n: s.allBookmarks.length })),
      h("button", { onclick: () => void app.exportBookmarkFile("json"), disabled: s.allBookmarks.length === 0 }, t("Export JSON…")),
      h("button", { onclick: () => void app.exportBookmarkFile("csv"), disabled: s.allBookmarks.length === 0 }, t("Export CSV…")),
      h("button", { onclick: () => void app.importBookmarkFile() }, t("Import…")),
    ),
    filters(s),
    s.allBookmarks.length === 0
      ? h("p", { class: "empty" }, t("No bookmarks yet. Bookmark a clause from a document, a search hit or a compare row."))
      : shown.length === 0
        ? h("p", { class: "muted" }, t("No bookmark matches these filters."))
        : list(shown, s),
  );
}

function list(shown: BookmarkView[], s: app.State): HTMLElement {
  const drawn = shown.slice(0, s.bookmarksShown);
  const left = shown.length - drawn.length;
  return h(
    "div",
    {},
    h("ul", { class: "bookmark-list" }, ...drawn.map((b) => item(b, s))),
    left > 0
      ? h(
          "button",
          { class: "more", onclick: app.showMoreBookmarks },
          t("Show {n} more of {left}", { n: count(Math.min(left, app.BOOKMARK_PAGE)), left: count(left) }),
        )
      : null,
  );
}

function filters(s: app.State): HTMLElement {
  const f = s.bookmarkFilter;
  const choose = (label: string, any: string, value: string, options: [string, string][], set: (v: string) => void) => {
    const select = h(
      "select",
      { "aria-label": label },
      h("option", { value: "" }, any),
      ...options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)),
    );
    select.addEventListener("change", () => set(select.value));
    return select;
  };
  const list = s.allBookmarks;
  const languages = [...new Set(list.flatMap((b) => (b.language ? [b.language] : [])))];
  const topics = [...new Set(list.flatMap((b) => b.topics))];
  const statuses: [BookmarkStatus, string][] = [["anchored", t("On its clause")], ["needs_review", t("Needs review")], ["detached", t("Document missing")]];
  return h(
    "div",
    { class: "bookmark-filters" },
    choose(t("Tag"), t("Any tag"), f.tag ?? "", allTags(list).map((tag) => [tag, `#${tag}`]), (v) => app.setBookmarkFilter({ tag: v || null })),
    choose(t("Document"), t("Any document"), f.doc_id == null ? "" : String(f.doc_id), bookmarkedDocuments(list).map(([id, t]) => [String(id), t]), (v) =>
      app.setBookmarkFilter({ doc_id: v ? docIdFrom(v) : null }),
    ),
    choose(t("Language"), t("Any language"), f.language ?? "", languages.map((l) => [l, langName(l)]), (v) => app.setBookmarkFilter({ language: v || null })),
    choose(t("Topic"), t("Any topic"), f.topic ?? "", topics.map((topic) => [topic, app.topicLabel(topic)]), (v) => app.setBookmarkFilter({ topic: v || null })),
    choose(t("Status"), t("Any status"), f.status ?? "", statuses, (v) => app.setBookmarkFilter({ status: (v || null) as BookmarkStatus | null })),
  );
}

function item(b: BookmarkView, s: app.State): HTMLElement {
  // The long form of a status, in the interface's language (statusWords says whether there is one).
  const status = statusWords(b.status)
    ? b.status === "needs_review"
      ? t("Needs review: the clause changed since you bookmarked it")
      : t("Document not in the library: import it again and the bookmark returns")
    : null;
  const editing = s.editor?.bookmarkId === b.id;
  return h(
    "li",
    { class: `bookmark${b.status === "anchored" ? "" : ` ${b.status}`}`, "data-bookmark": b.id },
    h(
      "div",
      { class: "bookmark-head" },
      b.language ? langBadge(b.language, langLabel(b.language), langName(b.language)) : null,
      h("a", { href: "#", title: t("Open the document at this clause"), onclick: (e: Event) => (e.preventDefault(), void app.openBookmark(b)) }, `${b.doc_title} — ${b.clause_label}`),
      status ? h("span", { class: "badge-status", title: status }, b.status === "needs_review" ? t("needs review") : t("document missing")) : null,
    ),
    editing ? editor(s) : h("p", { class: "bookmark-note" }, b.note || t("(no note)")),
    b.tags.length ? h("div", { class: "tags" }, ...b.tags.map((tag) => h("span", { class: "tag" }, `#${tag}`))) : null,
    h("blockquote", { class: "bookmark-quote" }, b.quote),
    editing
      ? null
      : h(
          "div",
          { class: "bookmark-tools" },
          b.status === "needs_review" && b.clause_id !== null
            ? h("button", { class: "small", title: t("The note still holds for the clause as it reads now"), onclick: () => void app.markReviewed(b.id) }, t("Mark reviewed"))
            : null,
          h("button", { class: "quiet small", onclick: () => app.editBookmark(b) }, t("Edit")),
          h("button", { class: "quiet small danger", onclick: () => void app.deleteBookmark(b.id) }, t("Delete")),
        ),
  );
}

/** The note and tags editor, for a new bookmark or an existing one. */
export function editor(s: app.State): HTMLElement {
  const e = s.editor;
  if (!e) return h("span", {});
  const typed = () => app.editorTyped(note.value, tags.value);
  const note = h("textarea", { class: "bookmark-note-input", rows: 3, placeholder: t("Your note on this clause"), "aria-label": t("Note"), "data-keep": "bookmark-note", oninput: typed });
  note.value = e.note;
  const tags = h("input", { class: "bookmark-tags-input", type: "text", placeholder: t("Tags, separated by commas"), "aria-label": t("Tags"), "data-keep": "bookmark-tags", oninput: typed });
  tags.value = e.tags;
  const save = () => void app.saveBookmark(note.value, tags.value);
  const form = h(
    "form",
    { class: "bookmark-editor", onsubmit: (ev: Event) => (ev.preventDefault(), save()) },
    note,
    tags,
    h(
      "div",
      { class: "bookmark-tools" },
      h("button", { class: "primary small", type: "submit" }, t("Save bookmark")),
      h("button", { class: "quiet small", type: "button", onclick: app.cancelBookmark }, t("Cancel")),
      e.bookmarkId !== null
        ? h("button", { class: "quiet small danger", type: "button", onclick: () => void app.deleteBookmark(e.bookmarkId as BookmarkId) }, t("Delete"))
        : null,
    ),
  );
  form.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") app.cancelBookmark();
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) save();
  });
  // Focus the note when the editor opens, not on every later redraw while the user types elsewhere.
  window.setTimeout(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)) note.focus();
  }, 0);
  return form;
}

/** A clause's bookmark button: "☆ Bookmark", or "★" with the note when it has one. */
export function bookmarkButton(clauseId: ClauseId): HTMLElement {
  const existing = app.bookmarkOn(clauseId);
  return h(
    "button",
    {
      class: `quiet small bookmark-btn${existing ? " on" : ""}`,
      title: existing ? t("Bookmarked: {note} — click to edit", { note: existing.note || t("no note") }) : t("Bookmark this clause with a note"),
      "aria-pressed": existing ? "true" : "false",
      onclick: (ev: Event) => (ev.stopPropagation(), app.startBookmark(clauseId)),
    },
    existing ? "★ " + t("Bookmarked") : "☆ " + t("Bookmark"),
  );
}
