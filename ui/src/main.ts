// Builds the window's frame once, then re-renders the main area on every state change.
import { LANGUAGES, libraryInfo, type KnownLang } from "./api.js";
import { onDrop } from "./host.js";
import { clear, h } from "./lib/dom.js";
import { count, t, uiLanguage } from "./lib/i18n.js";
import * as app from "./state.js";
import { bookmarksView } from "./views/bookmarks.js";
import { compareView } from "./views/compare.js";
import { documentView } from "./views/document.js";
import { libraryView } from "./views/library.js";
import { portfolioView } from "./views/portfolio.js";
import { searchView } from "./views/search.js";

const searchBox = h("input", { id: "q", type: "search", autocomplete: "off", spellcheck: "false" });
const navLibrary = h("button", { class: "nav", onclick: () => app.show("library") });
const navSearch = h("button", { class: "nav", onclick: () => app.show("search") });
const navCompare = h("button", { class: "nav", onclick: () => app.show("compare") });
const navBookmarks = h("button", { class: "nav", onclick: app.showBookmarks });
const navPortfolio = h("button", { class: "nav", onclick: app.showPortfolio });
const languagePicker = h(
  "select",
  { id: "ui-lang" },
  ...LANGUAGES.map((l) => h("option", { value: l.code, selected: l.code === uiLanguage() }, l.own)),
);
languagePicker.addEventListener("change", () => void app.changeLanguage(languagePicker.value as KnownLang));
const banner = h("div", { class: "banner", role: "alert" });
const progress = h("div", { class: "progress" });
const main = h("main", { id: "main" });
const status = h("footer", { class: "statusbar" });
const dropText = h("div", {});
const dropOverlay = h("div", { class: "drop-overlay" }, dropText);

/** The frame's own words, in the chosen language (the frame is built once). */
function frameWords(): void {
  searchBox.placeholder = t("Search all contracts   ( / or Ctrl+K )");
  searchBox.setAttribute("aria-label", t("Search all contracts"));
  navLibrary.textContent = t("Library");
  navSearch.textContent = t("Search");
  navCompare.textContent = t("Compare");
  navBookmarks.textContent = t("Bookmarks");
  navPortfolio.textContent = t("Portfolio");
  languagePicker.setAttribute("aria-label", t("Language of the interface"));
  languagePicker.title = t("Language of the interface");
  dropText.textContent = t("Drop to import into the library");
  if (dataDir) status.title = t("Library folder: {path}", { path: dataDir });
}

/** Where the library lives, once the backend has said. */
let dataDir: string | null = null;

function render(): void {
  const s = app.state;
  frameWords();
  navLibrary.classList.toggle("active", s.view === "library");
  navSearch.classList.toggle("active", s.view === "search");
  navCompare.classList.toggle("active", s.view === "compare");
  navCompare.disabled = s.comparison === null;
  navBookmarks.classList.toggle("active", s.view === "bookmarks");
  navPortfolio.classList.toggle("active", s.view === "portfolio");
  renderBanner(s);
  renderProgress(s);
  const kept = keptFocus();
  clear(main);
  const views = { library: libraryView, search: searchView, document: documentView, compare: compareView, bookmarks: bookmarksView, portfolio: portfolioView };
  main.appendChild(views[s.view](s));
  restoreFocus(kept);
  dropOverlay.classList.toggle("visible", s.dropHover);
  status.textContent =
    s.listing.total === 1
      ? t("1 document · everything stays on this computer")
      : t("{n} documents · everything stays on this computer", { n: count(s.listing.total) });
  if (s.view === "document") focusClause();
  if (s.view === "compare") focusAligned();
  if (s.view === "search") document.querySelector(".hit.selected")?.scrollIntoView({ block: "nearest" });
}

/** The field being typed in (marked `data-keep`), with its caret, to find again after a redraw. */
type Kept = { key: string; start: number | null; end: number | null } | null;

function keptFocus(): Kept {
  const active = document.activeElement;
  if (!(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)) return null;
  const key = active.dataset.keep;
  return key && main.contains(active) ? { key, start: active.selectionStart, end: active.selectionEnd } : null;
}

function restoreFocus(kept: Kept): void {
  if (!kept) return;
  const field = main.querySelector(`[data-keep="${kept.key}"]`);
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  field.focus();
  if (kept.start !== null && kept.end !== null) field.setSelectionRange(kept.start, kept.end);
}

function renderBanner(s: app.State): void {
  clear(banner);
  const message = s.error ?? s.notice;
  banner.classList.toggle("visible", !!message);
  banner.classList.toggle("notice", !s.error);
  if (!message) return;
  banner.append(h("span", {}, message), h("button", { class: "quiet", onclick: app.dismissError }, t("Dismiss")));
}

function renderProgress(s: app.State): void {
  clear(progress);
  progress.classList.toggle("visible", !!s.task);
  const task = s.task;
  if (!task) return;
  const verbs = {
    import: t("Importing"),
    reindex: t("Rebuilding the search index"),
    remove: t("Removing"),
    restore: t("Restoring the library"),
    reread: t("Reading the documents again with the updated rules"),
  };
  const verb = verbs[task.task];
  const bar = h("progress", { max: Math.max(task.total, 1), value: task.done, "aria-label": verb });
  progress.append(
    h("span", {}, task.waiting ? `${verb}: ${task.waiting}` : t("{verb}: {done} of {total}", { verb, done: count(task.done), total: count(task.total) })),
    bar,
    h("span", { class: "current" }, task.current ?? ""),
    h("button", { onclick: () => void app.cancelTask(), disabled: s.cancelling }, s.cancelling ? t("Cancelling…") : t("Cancel")),
  );
}

let lastFocused: string | null = null;

function focusClause(): void {
  const id = app.state.focusClause;
  const key = `${app.state.doc?.id}:${id}:${app.state.quote?.clause_range[0] ?? ""}`;
  if (id === null || key === lastFocused) return;
  lastFocused = key;
  const el = document.getElementById(`clause-${id}`);
  el?.scrollIntoView({ block: "start" });
  el?.focus({ preventScroll: true });
}

let lastAligned: string | null = null;

/** Scrolls the aligned rows to the clause a matrix cell points at. */
function focusAligned(): void {
  const f = app.state.compareFocus;
  const key = f ? `${f.clauseId}:${f.range?.[0] ?? ""}` : null;
  if (!f || key === lastAligned) return;
  lastAligned = key;
  const el = document.getElementById(`aclause-${f.clauseId}`);
  el?.scrollIntoView({ block: "center" });
  el?.querySelector("mark.quote")?.scrollIntoView({ block: "center" });
}

/** Steps to the next or previous aligned row. */
function stepRow(direction: 1 | -1): void {
  const cells = [...document.querySelectorAll<HTMLElement>(".arows .acell")];
  const rows = [...new Set(cells.map((c) => Number(c.dataset.row)))];
  const current = Number(document.querySelector<HTMLElement>(".acell.row-on")?.dataset.row ?? -1);
  const at = rows.indexOf(current);
  const next = rows[Math.max(0, Math.min(rows.length - 1, at + direction))];
  for (const c of cells) c.classList.toggle("row-on", Number(c.dataset.row) === next);
  cells.find((c) => Number(c.dataset.row) === next)?.scrollIntoView({ block: "nearest" });
}

let searchTimer: number | undefined;
searchBox.addEventListener("input", () => {
  app.setQuery(searchBox.value);
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void app.runSearch(), 120);
});
searchBox.addEventListener("keydown", (e) => {
  if (e.key === "Enter") {
    window.clearTimeout(searchTimer);
    if (app.state.hits.length > 0 && app.state.view === "search") openSelected();
    else void app.runSearch();
  } else if (e.key === "ArrowDown") {
    e.preventDefault();
    app.select(app.state.selected + 1);
  } else if (e.key === "ArrowUp") {
    e.preventDefault();
    app.select(app.state.selected - 1);
  }
});

function openSelected(): void {
  const hit = app.state.hits[app.state.selected];
  if (hit) void app.openDocument(hit.doc_id, hit.clause_id, true);
}

/** Steps through the document's <mark>s; wraps around. */
function stepMark(direction: 1 | -1): void {
  const marks = [...document.querySelectorAll<HTMLElement>(".document mark")];
  if (marks.length === 0) return;
  const current = marks.findIndex((m) => m.classList.contains("current"));
  marks[current]?.classList.remove("current");
  const next = marks[(current + direction + marks.length) % marks.length];
  next?.classList.add("current");
  next?.scrollIntoView({ block: "center" });
}

function stepClause(direction: 1 | -1): void {
  const clauses = [...document.querySelectorAll<HTMLElement>(".document .clause")];
  const current = clauses.findIndex((c) => c === document.activeElement);
  const next = clauses[Math.max(0, Math.min(clauses.length - 1, current + direction))];
  next?.focus();
  next?.scrollIntoView({ block: "nearest" });
}

document.addEventListener("keydown", (e) => {
  const typing =
    e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if ((e.key === "k" && (e.ctrlKey || e.metaKey)) || (e.key === "/" && !typing)) {
    e.preventDefault();
    searchBox.focus();
    searchBox.select();
    if (app.state.view !== "search") app.show("search");
    return;
  }
  if (typing) {
    if (e.key === "Escape") searchBox.blur();
    return;
  }
  if (app.state.view === "compare") {
    if (e.key === "Escape") app.state.moving ? app.cancelMove() : app.show("library");
    else if (e.key === "j") stepRow(1);
    else if (e.key === "k") stepRow(-1);
    else if (e.key === "c") {
      const selected = document.querySelector<HTMLElement>(".acell.row-on");
      if (selected) void app.confirmRow(Number(selected.dataset.row));
    }
    return;
  }
  if (app.state.view !== "document") return;
  if (e.key === "Escape") app.show(app.state.backTo);
  else if (e.key === "n") stepMark(1);
  else if (e.key === "N") stepMark(-1);
  else if (e.key === "j") stepClause(1);
  else if (e.key === "k") stepClause(-1);
});

/** Lays out, once and out of sight, what the start screen does not show but Compare and the
 * document view do: text in the reading font, and a cell that scrolls. Found and set up the
 * first time they are drawn, they held up the first Compare's layout (69 -> 40-44 ms). */
function warmLayout(): void {
  const probe = h("div", { class: "warm-layout", "aria-hidden": "true" });
  for (const cls of ["atext", "clause-text", "snippet", "clause-heading"]) {
    probe.append(h("div", { class: cls }, "Aa Åå Ää Öö Üü ß Èè Éé Àà Òò Ùù Ëë Ïï € § 0123456789 – “” «»"));
  }
  // A cell of the aligned rows that scrolls: its scrollbar is set up the first time too.
  probe.append(h("div", { class: "atext" }, "Aa\n".repeat(60)));
  document.body.append(probe);
  void probe.offsetHeight;
  probe.remove();
}

function mount(): void {
  const header = h(
    "header",
    { class: "topbar" },
    h("div", { class: "brand" }, "Concordia"),
    searchBox,
    h("nav", {}, navLibrary, navSearch, navCompare, navBookmarks, navPortfolio),
    languagePicker,
  );
  document.documentElement.lang = uiLanguage();
  document.body.append(header, banner, progress, main, status, dropOverlay);
  app.onChange(render);
  app.onProgress(() => renderProgress(app.state));
  onDrop((paths) => void app.importPaths(paths), app.setDropHover);
  render();
  void app.startUp();
  window.setTimeout(warmLayout, 300);
  window.setInterval(() => void app.watchOtherProcesses(), 2000);
  void app.loadTopics();
  void app.loadBookmarks();
  void libraryInfo()
    .then((info) => {
      dataDir = info.data_dir;
      frameWords();
    })
    .catch(() => undefined);
}

mount();
