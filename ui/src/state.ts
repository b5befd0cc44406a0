// The app's state and the actions that change it. Views read state and call actions.
import * as api from "./api.js";
import { askNative, pickFile, pickSavePath, type HostError } from "./host.js";
import { count, setUiLanguage, t, topicName, uiLanguage, worded } from "./lib/i18n.js";

export type View = "library" | "search" | "document" | "compare" | "bookmarks" | "portfolio";

export type SidePanel = "terms" | "checklist";

/** Rows of the portfolio drawn at a time; more come with "Show more". */
export const PORTFOLIO_PAGE = 200;

export interface PortfolioState {
  conditions: string[];
  sort: api.PortfolioSort;
  descending: boolean;
  page: api.PortfolioPage | null;
  /** How many rows are asked for. */
  shown: number;
  loading: boolean;
}

/** A sentence to mark in the open document: its clause and its characters there. */
export interface Quote {
  clause_id: api.ClauseId;
  clause_range: api.Range;
}

/** Where the compare view points: a clause, and the quote in it to mark. */
export interface CompareFocus {
  clauseId: api.ClauseId;
  range: api.Range | null;
}

export interface State {
  view: View;
  /** The library listing as far as it has been fetched. */
  listing: Listing;
  /** Whether the list has been read once: until then the library is not known to be empty. */
  docsLoaded: boolean;
  query: string;
  lang: api.Lang | null;
  docFilter: api.DocId | null;
  /** How the document filter names its document (the picker's words for it). */
  docFilterName: string;
  topic: string | null;
  cross: boolean;
  filters: string[];
  topics: api.TopicInfo[];
  hits: api.SearchHit[];
  /** How many clauses match in all (more than `hits` when the list was cut). */
  hitsTotal: number;
  searched: boolean;
  selected: number;
  doc: api.DocumentView | null;
  terms: api.TermView[];
  /** The source shown marked in the open document: a key term's or a checklist item's. */
  quote: Quote | null;
  /** The open document checked against GDPR Art. 28. */
  review: api.Review | null;
  /** What the document view's side panel shows. */
  sidePanel: SidePanel;
  /** The portfolio view: its query and the rows fetched. */
  portfolio: PortfolioState;
  /** The playbook documents are held against, in the document view and the portfolio: a
   * shipped one's name ("recommended"), or none. */
  playbook: string | null;
  /** The playbooks to choose from. */
  playbooks: api.PlaybookInfo[];
  /** The playbook being edited, and why the last save was refused. */
  playbookEditor: { text: string; error: string | null } | null;
  focusClause: number | null;
  backTo: "library" | "search" | "bookmarks" | "portfolio";
  task: api.ProgressEvent | null;
  cancelling: boolean;
  lastImport: api.ImportReport | null;
  confirmRemove: api.DocId | null;
  error: string | null;
  notice: string | null;
  dropHover: boolean;
  picked: api.DocId[];
  comparison: api.Comparison | null;
  /** The playbook the comparison's key terms are held against (its id), chosen in the compare
   * view instead of a reference document. */
  comparePlaybook: string | null;
  comparing: boolean;
  collapsed: api.DocId[];
  focusPair: api.DocId[];
  compareFocus: CompareFocus | null;
  moving: { clauseId: api.ClauseId; docId: api.DocId } | null;
  /** Every bookmark, to mark bookmarked clauses wherever they show. */
  allBookmarks: api.BookmarkView[];
  bookmarkFilter: api.BookmarkFilter;
  /** How many of the matching bookmarks are drawn: a long list grows a page at a time. */
  bookmarksShown: number;
  /** The bookmark being written or edited, and for which clause. */
  editor: BookmarkEditor | null;
  reportLang: api.ReportLang;
  savingReport: boolean;
}

/**
 * The library listing: filtered, sorted and counted by the backend and fetched a page at a time,
 * so a library of 100,000 documents costs the window what a screen of rows costs.
 */
export interface Listing {
  text: string;
  language: string | null;
  sort: api.DocumentOrder;
  descending: boolean;
  /** Documents matching the filter. */
  matching: number;
  /** Documents in the library. */
  total: number;
  languages: api.LanguageCount[];
  /** The rows fetched so far, by their place in the filtered, sorted listing (sparse). */
  rows: (api.DocumentSummary | undefined)[];
}

/** Bookmarks drawn at a time: notes and quotes of any length make rows of any height, so the
 * list grows by pages rather than being windowed like the library's fixed rows. */
export const BOOKMARK_PAGE = 100;

/** Rows fetched with the listing itself: a library this small is listed whole. */
export const FIRST_PAGE = 200;
/** Rows fetched at a time as a long listing scrolls. */
const CHUNK = 100;

const emptyListing = (): Listing => ({ text: "", language: null, sort: "imported", descending: false, matching: 0, total: 0, languages: [], rows: [] });

export interface BookmarkEditor {
  clauseId: api.ClauseId | null;
  bookmarkId: api.BookmarkId | null;
  note: string;
  tags: string;
}

export const state: State = {
  view: "library",
  listing: emptyListing(),
  docsLoaded: false,
  query: "",
  lang: null,
  docFilter: null,
  docFilterName: "",
  topic: null,
  cross: false,
  filters: [],
  topics: [],
  hits: [],
  hitsTotal: 0,
  searched: false,
  selected: 0,
  doc: null,
  terms: [],
  quote: null,
  review: null,
  sidePanel: "terms",
  portfolio: { conditions: [], sort: "imported", descending: false, page: null, shown: PORTFOLIO_PAGE, loading: false },
  playbook: null,
  playbooks: [],
  playbookEditor: null,
  focusClause: null,
  backTo: "library",
  task: null,
  cancelling: false,
  lastImport: null,
  confirmRemove: null,
  error: null,
  notice: null,
  dropHover: false,
  picked: [],
  comparison: null,
  comparePlaybook: null,
  comparing: false,
  collapsed: [],
  focusPair: [],
  compareFocus: null,
  moving: null,
  allBookmarks: [],
  bookmarkFilter: {},
  bookmarksShown: BOOKMARK_PAGE,
  editor: null,
  reportLang: uiLanguage(),
  savingReport: false,
};

let rerender: () => void = () => {};
let redrawProgress: () => void = () => {};

export function onChange(render: () => void): void {
  rerender = render;
}

/** What to draw again when only a running task's progress moved. */
export function onProgress(draw: () => void): void {
  redrawProgress = draw;
}

/** A task's progress: only the progress bar is drawn again, so a note being typed stays put. */
function progressed(task: api.ProgressEvent): void {
  state.task = task;
  redrawProgress();
}

let renderQueued = false;

/** Changes the state; the view is drawn once after the current task's changes, not once per
 * change (opening a comparison used to draw the whole view three times in a row). */
function update(patch: Partial<State>): void {
  Object.assign(state, patch);
  if (renderQueued) return;
  renderQueued = true;
  queueMicrotask(() => {
    renderQueued = false;
    rerender();
  });
}

function fail(what: string, e: unknown): void {
  const host = e as Partial<HostError>;
  const message = host.template ? worded(host.template) : (host.message ?? String(e));
  update({ error: `${what}: ${message}` });
}

export function dismissError(): void {
  update({ error: null, notice: null });
}

export function show(view: View): void {
  update({ view, confirmRemove: null });
}

export async function loadTopics(): Promise<void> {
  try {
    update({ topics: await api.listTopics() });
  } catch (e) {
    fail(t("Could not load the topic list"), e);
  }
}

/** A topic's name in the interface's language, else the taxonomy's, else its id. */
export function topicLabel(id: string): string {
  return topicName(id) ?? state.topics.find((topic) => topic.id === id)?.label ?? id;
}

/** Switches the interface language; the report follows, and an open comparison and document
 * are worded again (their names and values come from the backend). */
export async function changeLanguage(lang: api.KnownLang): Promise<void> {
  setUiLanguage(lang);
  update({ reportLang: lang });
  const c = state.comparison;
  const doc = state.doc;
  try {
    if (c) update({ comparison: await api.compare(c.documents.map((d) => d.id), c.reference, lang, state.comparePlaybook) });
  } catch (e) {
    fail(t("Could not compare the documents"), e);
  }
  try {
    if (doc) update({ terms: await api.documentTerms(doc.id, lang) });
  } catch (e) {
    fail(t("Could not load the key terms"), e);
  }
  try {
    if (doc) update({ review: await api.documentReview(doc.id, lang, state.playbook) });
  } catch (e) {
    fail(t("Could not check the document against Art. 28"), e);
  }
}

/** The store generation the lists were last loaded at (see `watchOtherProcesses`). */
let generation: number | null = null;

/** Counts listings asked for: a slower earlier answer must not overwrite a newer one. */
let listingSerial = 0;

export async function refreshDocuments(): Promise<void> {
  const serial = ++listingSerial;
  try {
    // Read before listing: a change made in between is then seen by the next poll.
    const seen = await api.libraryGeneration();
    const l = state.listing;
    const page = await api.libraryPage({ text: l.text, language: l.language, sort: l.sort, descending: l.descending, offset: 0, limit: FIRST_PAGE });
    if (serial !== listingSerial) return;
    const rows: (api.DocumentSummary | undefined)[] = [];
    page.documents.forEach((d, k) => (rows[k] = d));
    update({ listing: { ...state.listing, matching: page.matching, total: page.total, languages: page.languages, rows }, docsLoaded: true });
    generation = seen;
  } catch (e) {
    fail(t("Could not load the library"), e);
  }
}

/** Filters or sorts the listing; the backend does it and the first page comes back. */
export function setListing(patch: Partial<Pick<Listing, "text" | "language" | "sort" | "descending">>): void {
  Object.assign(state.listing, patch);
  void refreshDocuments();
}

const fetching = new Set<number>();

/**
 * Fetches the rows from `first` to `last` not fetched yet, then calls `arrived`: only the rows
 * are drawn again, not the view.
 */
export function fetchRows(first: number, last: number, arrived: () => void): void {
  const l = state.listing;
  const serial = listingSerial;
  for (let chunk = Math.floor(first / CHUNK) * CHUNK; chunk < last; chunk += CHUNK) {
    const key = serial * 1e9 + chunk;
    if (fetching.has(key) || l.rows[chunk] !== undefined) continue;
    fetching.add(key);
    api
      .libraryPage({ text: l.text, language: l.language, sort: l.sort, descending: l.descending, offset: chunk, limit: CHUNK })
      .then((page) => {
        if (serial !== listingSerial) return;
        page.documents.forEach((d, k) => (state.listing.rows[chunk + k] = d));
        arrived();
      })
      .catch((e) => fail(t("Could not load the library"), e))
      .finally(() => fetching.delete(key));
  }
}

/** Documents whose title or path holds `text`, for a picker: a few, never the whole library. */
export async function suggestDocuments(text: string): Promise<api.DocumentSummary[]> {
  try {
    return (await api.libraryPage({ text, language: null, sort: "title", descending: false, offset: 0, limit: 20 })).documents;
  } catch (e) {
    fail(t("Could not load the library"), e);
    return [];
  }
}

export async function importPaths(paths: string[]): Promise<void> {
  if (state.task) {
    update({ error: t("An import is already running. Wait for it to finish or cancel it first.") });
    return;
  }
  update({ task: { task: "import", done: 0, total: paths.length, current: null, waiting: null }, lastImport: null, cancelling: false });
  try {
    const report = await api.importPaths(paths, progressed);
    // The results show in the library; a user who went elsewhere meanwhile stays there.
    const done = report.outcomes.filter((o) => o.status === "imported").length;
    const elsewhere = state.view !== "library";
    update({ lastImport: report, notice: elsewhere ? t("Import finished: {done} of {total} imported. The library lists the results.", { done: count(done), total: count(report.outcomes.length) }) : state.notice });
  } catch (e) {
    fail(t("Import failed"), e);
  } finally {
    update({ task: null, cancelling: false });
    await refreshDocuments();
    if (state.query) await runSearch();
  }
}

export async function rebuildIndex(): Promise<void> {
  if (state.task) {
    update({ error: t("Another task is running. Wait for it to finish or cancel it first.") });
    return;
  }
  update({ task: { task: "reindex", done: 0, total: state.listing.total, current: null, waiting: null }, cancelling: false });
  try {
    const clauses = await api.reindex(progressed);
    update({ notice: clauses === null ? t("Rebuild cancelled; the previous index is kept.") : t("Search index rebuilt: {n} clauses.", { n: count(clauses) }) });
  } catch (e) {
    fail(t("Could not rebuild the search index"), e);
  } finally {
    update({ task: null, cancelling: false });
  }
}

/**
 * At start: the documents show at once; a damaged or stale search index is then rebuilt with
 * progress. The library opens either way, and a rebuild that fails says why.
 */
export async function startUp(): Promise<void> {
  // The documents come from the database, which needs no repair: list them at once.
  await refreshDocuments();
  void loadPlaybooks();
  try {
    const reason = await api.libraryUpkeep();
    if (reason !== null) {
      update({ notice: t("Repairing the library: {reason}. Your documents are safe.", { reason }) });
      update({ task: { task: "reindex", done: 0, total: 0, current: null, waiting: null }, cancelling: false });
      const left = await api.bringUpToDate(progressed);
      update({ notice: left === null ? t("The search index was rebuilt.") : null, error: left === null ? null : searchUnavailable(left) });
    }
    const outdated = await api.outdatedFindings();
    if (outdated > 0) await rereadFindings(outdated);
  } catch (e) {
    fail(t("Could not check the library"), e);
  } finally {
    if (state.task) update({ task: null, cancelling: false });
  }
}

/**
 * After an update of the rules, every document's key terms and checklist are read again in the
 * background, with progress; cancelled, the rest are read as they are first shown.
 */
async function rereadFindings(outdated: number): Promise<void> {
  update({
    notice: t("The checklist and key-term rules were updated: {n} documents are read again. Your documents are safe; you can keep working.", {
      n: count(outdated),
    }),
    task: { task: "reread", done: 0, total: outdated, current: null, waiting: null },
    cancelling: false,
  });
  const left = await api.rereadFindings(progressed);
  update({
    notice:
      left === 0
        ? t("The documents were read again with the updated rules.")
        : t("Stopped; the remaining {n} documents are read when you open them.", { n: count(left) }),
  });
}

function searchUnavailable(why: string): string {
  return t('Search is unavailable: {why}. Your documents are safe and can be read and removed; free disk space, then use "{rebuild}".', {
    why,
    rebuild: t("Rebuild search index"),
  });
}

/**
 * Notices what another Concordia window or command changed (the store generation moves) and
 * refreshes the lists in place, without leaving the current view or touching what is typed.
 */
export async function watchOtherProcesses(): Promise<void> {
  if (state.task) return; // Our own task refreshes when it ends.
  try {
    const now = await api.libraryGeneration();
    if (generation === null || now === generation) return;
    const fault = await api.refreshLibrary();
    if (fault !== null) update({ error: searchUnavailable(fault) });
    await refreshDocuments();
    await loadBookmarks();
    if (state.query && state.view === "search") await runSearch();
  } catch {
    // The next tick tries again; a failing library already shows its error elsewhere.
  }
}

export async function backupLibrary(): Promise<void> {
  try {
    const path = await pickSavePath(t("Back up the library"), "concordia-library.sqlite", { name: t("Concordia library"), extensions: ["sqlite"] });
    if (path === null) return;
    // The native save dialog has already asked before replacing a file.
    await api.backupLibrary(path, true);
    update({ notice: t("The whole library (documents, bookmarks, corrections) was copied to {path}.", { path }) });
  } catch (e) {
    fail(t("Could not back up the library"), e);
  }
}

export async function restoreLibrary(): Promise<void> {
  if (state.task) {
    update({ error: t("Another task is running. Wait for it to finish or cancel it first.") });
    return;
  }
  try {
    const path = await pickFile(t("Restore the library from a backup"), { name: t("Concordia library"), extensions: ["sqlite"] });
    if (path === null) return;
    const sure = await askNative(
      t("Restore the library"),
      t("Replace everything in this library ({n} documents, their bookmarks and corrections) with the backup {path}? Back up the current library first if you may need it.", { n: count(state.listing.total), path }),
      t("Replace the library"),
      t("Cancel"),
    );
    if (!sure) return;
    update({ task: { task: "restore", done: 0, total: 0, current: null, waiting: null }, cancelling: false });
    const documents = await api.restoreLibrary(path, progressed);
    update({ notice: t("Restored {n} documents from {path}.", { n: count(documents), path }), comparison: null, picked: [], hits: [] });
  } catch (e) {
    fail(t("Could not restore the library"), e);
  } finally {
    update({ task: null, cancelling: false });
    await refreshDocuments();
    await loadBookmarks();
  }
}

export async function cancelTask(): Promise<void> {
  update({ cancelling: true });
  try {
    await api.cancelTask();
  } catch (e) {
    fail(t("Could not cancel"), e);
  }
}

export function askRemove(id: api.DocId | null): void {
  update({ confirmRemove: id });
}

export async function removeDocument(id: api.DocId): Promise<void> {
  try {
    await api.removeDocument(id);
    update({
      confirmRemove: null,
      hits: state.hits.filter((h) => h.doc_id !== id),
      picked: state.picked.filter((p) => p !== id),
    });
    if (state.doc?.id === id) update({ doc: null, view: "library" });
    await refreshDocuments();
  } catch (e) {
    fail(t("Could not remove the document"), e);
  }
}

let searchSerial = 0;

export async function runSearch(): Promise<void> {
  const serial = ++searchSerial;
  const query = state.query.trim();
  if (!query && !state.topic && state.filters.length === 0) {
    update({ hits: [], searched: false, selected: 0 });
    return;
  }
  const req: api.SearchRequest = { query, limit: 50 };
  if (state.lang) req.lang = state.lang;
  if (state.docFilter !== null) req.doc = state.docFilter;
  if (state.topic) req.topic = state.topic;
  if (state.cross) req.cross = true;
  if (state.filters.length > 0) req.filters = [...state.filters];
  try {
    const { hits, total } = await api.search(req);
    // A slower earlier search must not overwrite a newer one.
    if (serial === searchSerial) update({ hits, hitsTotal: total, searched: true, selected: 0 });
  } catch (e) {
    fail(t("Search failed"), e);
  }
}

export function setQuery(query: string): void {
  state.query = query;
  if (state.view !== "search") update({ view: "search" });
}

export function setFilters(patch: {
  lang?: api.Lang | null;
  docFilter?: api.DocId | null;
  docFilterName?: string;
  topic?: string | null;
  cross?: boolean;
}): void {
  Object.assign(state, patch);
  void runSearch();
}

/** Words typed into the document filter so far: kept through redraws, not yet a filter. */
export function typedDocFilter(text: string): void {
  state.docFilterName = text;
}

export function addFilter(filter: string): void {
  const f = filter.trim();
  if (!f || state.filters.includes(f)) return;
  update({ filters: [...state.filters, f], view: "search" });
  void runSearch();
}

export function removeFilter(filter: string): void {
  update({ filters: state.filters.filter((f) => f !== filter) });
  void runSearch();
}

export function select(index: number): void {
  if (state.hits.length === 0) return;
  update({ selected: Math.max(0, Math.min(state.hits.length - 1, index)) });
}

export async function openDocument(id: api.DocId, clauseId: api.ClauseId | null, fromSearch: boolean): Promise<void> {
  try {
    const query = fromSearch ? state.query : undefined;
    const [doc, terms, review] = await Promise.all([
      api.getDocument(id, query),
      api.documentTerms(id, uiLanguage()),
      api.documentReview(id, uiLanguage(), state.playbook),
    ]);
    const from = state.view;
    const backTo = fromSearch ? "search" : from === "bookmarks" || from === "portfolio" ? from : "library";
    update({ doc, terms, review, quote: null, focusClause: clauseId, view: "document", backTo, editor: null });
  } catch (e) {
    fail(t("Could not open the document"), e);
  }
}

export function showSidePanel(which: SidePanel): void {
  update({ sidePanel: which });
}

/** Shows a key term's or a checklist item's source: its clause, with the quoted sentence marked. */
export function showQuote(quote: Quote): void {
  update({ quote, focusClause: quote.clause_id });
}

export function setDropHover(over: boolean): void {
  if (state.dropHover !== over) update({ dropHover: over });
}

/** Most documents shown side by side. */
export const MAX_COMPARED = 6;

/** Ticks or unticks a document in the library for comparison. */
export function togglePick(id: api.DocId): void {
  const picked = state.picked.includes(id) ? state.picked.filter((p) => p !== id) : [...state.picked, id];
  update({ picked });
}

/** Opens the compare view on the picked documents (2 to 6), optionally against a reference
 * document or a playbook. */
export async function openCompare(ids: api.DocId[], reference: api.DocId | null, playbook: string | null = null): Promise<void> {
  if (ids.length < 2 || ids.length > MAX_COMPARED) {
    update({ error: t("Pick 2 to {max} documents to compare ({n} picked).", { max: MAX_COMPARED, n: ids.length }) });
    return;
  }
  // Most comparisons are on screen within a few frames: say "Comparing…" only when one is
  // not, rather than draw the whole library again just to show it.
  const slow = window.setTimeout(() => update({ comparing: true }), 150);
  if (state.error !== null) update({ error: null });
  try {
    const comparison = await api.compare(ids, reference, uiLanguage(), playbook);
    const keep = (list: api.DocId[]) => list.filter((id) => ids.includes(id));
    update({
      comparison,
      comparePlaybook: playbook,
      view: "compare",
      collapsed: keep(state.collapsed),
      focusPair: keep(state.focusPair),
      compareFocus: null,
      moving: null,
    });
  } catch (e) {
    fail(t("Could not compare the documents"), e);
  } finally {
    window.clearTimeout(slow);
    update({ comparing: false });
  }
}

function comparedIds(): api.DocId[] {
  return state.comparison?.documents.map((d) => d.id) ?? [];
}

/** Judges the comparison against a reference document, a playbook (its id), or neither. */
export function setReference(against: { reference: api.DocId | null; playbook: string | null }): void {
  void openCompare(comparedIds(), against.reference, against.playbook);
}

/** Compares the same documents again, against the same reference or playbook. */
function recompare(): Promise<void> {
  return openCompare(comparedIds(), state.comparison?.reference ?? null, state.comparePlaybook);
}

export function toggleCollapse(id: api.DocId): void {
  const collapsed = state.collapsed.includes(id) ? state.collapsed.filter((c) => c !== id) : [...state.collapsed, id];
  update({ collapsed });
}

/** Focus mode: with two documents chosen, only those two are shown. */
export function toggleFocus(id: api.DocId): void {
  const focusPair = state.focusPair.includes(id)
    ? state.focusPair.filter((f) => f !== id)
    : [...state.focusPair, id].slice(-2);
  update({ focusPair });
}

/** Shows a key term's quote in its aligned row. */
export function showInRow(focus: CompareFocus): void {
  update({ compareFocus: focus });
}

/** Stores a correction, then recomputes the comparison so every row reflects it. */
export async function correct(req: api.CorrectionRequest): Promise<void> {
  try {
    await api.correctAlignment(req);
    update({ moving: null, notice: correctionNotice(req.kind) });
    await recompare();
  } catch (e) {
    fail(t("Could not save the correction"), e);
  }
}

function correctionNotice(kind: api.CorrectionRequest["kind"]): string {
  if (kind === "link") return t("Clause moved. The correction is saved and used in every comparison of these documents.");
  if (kind === "unlink") return t("Marked as not equivalent; the clause now has a row of its own. Saved.");
  return t("Link confirmed and saved.");
}

/** Confirms every automatic link of a row (keyboard: c), then recomputes once. */
export async function confirmRow(k: number): Promise<void> {
  const c = state.comparison;
  const row = c?.rows[k];
  if (!c || !row) return;
  const anchorDoc = c.reference ?? c.documents[0]?.id;
  const requests: api.CorrectionRequest[] = [];
  for (const cell of row.cells) {
    const moved = cell.clause_ids[0];
    const anchor = cell.correct_against;
    if (cell.doc_id === anchorDoc || cell.corrected || moved === undefined || anchor === null || anchor === moved) continue;
    requests.push({ kind: "confirm", anchor_clause_id: anchor, moved_clause_id: moved });
  }
  try {
    for (const req of requests) await api.correctAlignment(req);
    update({ notice: requests.length ? t("Confirmed {n} link(s) of this row.", { n: requests.length }) : t("Nothing to confirm in this row.") });
    await recompare();
  } catch (e) {
    fail(t("Could not save the confirmation"), e);
  }
}

export async function undoCorrection(id: api.CorrectionId): Promise<void> {
  try {
    await api.removeCorrection(id);
    await recompare();
  } catch (e) {
    fail(t("Could not undo the correction"), e);
  }
}

export function startMove(clauseId: api.ClauseId, docId: api.DocId): void {
  update({ moving: { clauseId, docId } });
}

export function cancelMove(): void {
  update({ moving: null });
}

// ---- Bookmarks ----

/** Loads every bookmark (the list view filters them here, so filter choices stay instant). */
export async function loadBookmarks(): Promise<void> {
  try {
    update({ allBookmarks: await api.listBookmarks({}) });
  } catch (e) {
    fail(t("Could not load the bookmarks"), e);
  }
}

export function showPortfolio(): void {
  update({ view: "portfolio", editor: null });
  void loadPortfolio();
}

let portfolioSerial = 0;

function portfolioQuery(limit: number): api.PortfolioQuery {
  const p = state.portfolio;
  return { conditions: p.conditions, playbook: state.playbook, sort: p.sort, descending: p.descending, offset: 0, limit };
}

export async function loadPortfolio(): Promise<void> {
  const serial = ++portfolioSerial;
  update({ portfolio: { ...state.portfolio, loading: true } });
  try {
    const page = await api.portfolio(portfolioQuery(state.portfolio.shown), uiLanguage());
    if (serial === portfolioSerial) update({ portfolio: { ...state.portfolio, page, loading: false } });
  } catch (e) {
    if (serial === portfolioSerial) update({ portfolio: { ...state.portfolio, loading: false } });
    fail(t("Could not build the portfolio"), e);
  }
}

/** Changes what the portfolio shows; the backend filters and sorts, from the first page. */
export function setPortfolio(patch: Partial<Pick<PortfolioState, "conditions" | "sort" | "descending">>): void {
  update({ portfolio: { ...state.portfolio, ...patch, shown: PORTFOLIO_PAGE } });
  void loadPortfolio();
}

/** Chooses the playbook; the open document's review and the portfolio follow. */
export async function setPlaybook(playbook: string | null): Promise<void> {
  update({ playbook, portfolio: { ...state.portfolio, shown: PORTFOLIO_PAGE } });
  if (state.view === "portfolio") await loadPortfolio();
  const doc = state.doc;
  if (!doc) return;
  try {
    update({ review: await api.documentReview(doc.id, uiLanguage(), playbook) });
  } catch (e) {
    fail(t("Could not check the document against Art. 28"), e);
  }
}

export async function loadPlaybooks(): Promise<void> {
  try {
    update({ playbooks: await api.listPlaybooks() });
  } catch (e) {
    fail(t("Could not list the playbooks"), e);
  }
}

/** Opens the editor on the chosen playbook's text (the recommended one when none is chosen). */
export async function editPlaybook(): Promise<void> {
  try {
    const text = await api.playbookText(state.playbook ?? "recommended");
    update({ playbookEditor: { text, error: null } });
  } catch (e) {
    fail(t("Could not open the playbook"), e);
  }
}

/** What is typed in the editor: kept through redraws, not yet saved. */
export function typedPlaybook(text: string): void {
  if (state.playbookEditor) state.playbookEditor.text = text;
}

export function closePlaybookEditor(): void {
  update({ playbookEditor: null });
}

export async function savePlaybook(): Promise<void> {
  const editor = state.playbookEditor;
  if (!editor) return;
  try {
    const saved = await api.savePlaybook(editor.text);
    update({ playbookEditor: null, notice: t("Playbook “{name}” saved.", { name: saved.name }) });
    await loadPlaybooks();
    await setPlaybook(saved.id);
  } catch (e) {
    const host = e as Partial<HostError>;
    const why = host.template ? worded(host.template) : (host.message ?? String(e));
    update({ playbookEditor: { ...editor, error: t("Not saved: {why}", { why }) } });
  }
}

export function addPortfolioCondition(condition: string): void {
  const c = condition.trim();
  if (!c || state.portfolio.conditions.includes(c)) return;
  setPortfolio({ conditions: [...state.portfolio.conditions, c] });
}

export function showMorePortfolio(): void {
  update({ portfolio: { ...state.portfolio, shown: state.portfolio.shown + PORTFOLIO_PAGE } });
  void loadPortfolio();
}

/** Exports the portfolio: CSV, or a report (HTML, PDF, Markdown) in the report language. */
export async function savePortfolio(format: "csv" | "html" | "pdf"): Promise<void> {
  try {
    const path = await pickSavePath(t("Export the portfolio"), `concordia-portfolio.${format}`, { name: format.toUpperCase(), extensions: [format] });
    if (path === null) return;
    await api.savePortfolio(portfolioQuery(0), state.reportLang, path);
    update({ notice: t("Portfolio exported to {path}.", { path }) });
  } catch (e) {
    fail(t("Could not export the portfolio"), e);
  }
}

/** Opens a document from the portfolio, on its checklist, at a clause if one is given. */
export async function openFromPortfolio(id: api.DocId, clauseId: api.ClauseId | null): Promise<void> {
  await openDocument(id, clauseId, false);
  if (state.view === "document") update({ sidePanel: clauseId === null ? "checklist" : "terms" });
}

export function showBookmarks(): void {
  update({ view: "bookmarks", editor: null });
  void loadBookmarks();
}

export function setBookmarkFilter(patch: api.BookmarkFilter): void {
  update({ bookmarkFilter: { ...state.bookmarkFilter, ...patch }, bookmarksShown: BOOKMARK_PAGE });
}

/** The bookmark on a clause, if any. */
export function bookmarkOn(clauseId: number): api.BookmarkView | undefined {
  return state.allBookmarks.find((b) => b.clause_id === clauseId);
}

/** Opens the note editor for a clause: a new bookmark, or its existing one. */
/** Draws the next page of the bookmark list. */
export function showMoreBookmarks(): void {
  update({ bookmarksShown: state.bookmarksShown + BOOKMARK_PAGE });
}

export function startBookmark(clauseId: api.ClauseId): void {
  const existing = bookmarkOn(clauseId);
  update({
    editor: { clauseId, bookmarkId: existing?.id ?? null, note: existing?.note ?? "", tags: existing?.tags.join(", ") ?? "" },
  });
}

export function editBookmark(b: api.BookmarkView): void {
  update({ editor: { clauseId: b.clause_id, bookmarkId: b.id, note: b.note, tags: b.tags.join(", ") } });
}

export function cancelBookmark(): void {
  update({ editor: null });
}

/** What the user has typed in the open editor, kept without a redraw so a redraw keeps it. */
export function editorTyped(note: string, tags: string): void {
  if (state.editor) state.editor = { ...state.editor, note, tags };
}

/** Saves the open editor's note and tags ("a, b" → two tags). */
export async function saveBookmark(note: string, tagsText: string): Promise<void> {
  const e = state.editor;
  if (!e) return;
  const tags = tagsText.split(/[,;]/).map((t) => t.trim()).filter((t) => t.length > 0);
  try {
    if (e.bookmarkId !== null) await api.updateBookmark(e.bookmarkId, note, tags);
    else if (e.clauseId !== null) await api.addBookmark(e.clauseId, note, tags);
    update({ editor: null, notice: t("Bookmark saved.") });
    await loadBookmarks();
  } catch (err) {
    fail(t("Could not save the bookmark"), err);
  }
}

export async function deleteBookmark(id: api.BookmarkId): Promise<void> {
  try {
    await api.removeBookmark(id);
    update({ editor: null, notice: t("Bookmark deleted.") });
    await loadBookmarks();
  } catch (e) {
    fail(t("Could not delete the bookmark"), e);
  }
}

/** A bookmark whose clause changed: the user has checked it against the new text. */
export async function markReviewed(id: api.BookmarkId): Promise<void> {
  try {
    await api.reviewBookmark(id);
    await loadBookmarks();
  } catch (e) {
    fail(t("Could not mark the bookmark as reviewed"), e);
  }
}

export async function openBookmark(b: api.BookmarkView): Promise<void> {
  if (b.doc_id === null) {
    update({ error: t("“{title}” ({file}) is not in the library. Import it and the bookmark returns to its clause.", { title: b.doc_title, file: b.doc_file }) });
    return;
  }
  await openDocument(b.doc_id, b.clause_id, false);
}

export async function exportBookmarkFile(format: "json" | "csv"): Promise<void> {
  try {
    const path = await pickSavePath(t("Export bookmarks"), `concordia-bookmarks.${format}`, { name: format.toUpperCase(), extensions: [format] });
    if (path === null) return;
    // The native save dialog has already asked before replacing a file.
    await api.exportBookmarks(path, true);
    update({ notice: t("Bookmarks exported to {path}.", { path }) });
  } catch (e) {
    fail(t("Could not export the bookmarks"), e);
  }
}

export async function importBookmarkFile(): Promise<void> {
  try {
    const path = await pickFile(t("Import bookmarks"), { name: t("Concordia bookmarks (.json, .csv)"), extensions: ["json", "csv"] });
    if (path === null) return;
    const r = await api.importBookmarks(path);
    const waiting = r.added - r.attached;
    const parts = [t("{n} bookmarks imported", { n: count(r.added) })];
    if (waiting > 0) parts.push(t("{n} wait for their documents to be imported", { n: count(waiting) }));
    if (r.duplicates > 0) parts.push(t("{n} were already here", { n: count(r.duplicates) }));
    update({ notice: `${parts.join("; ")}.` });
    await loadBookmarks();
  } catch (e) {
    fail(t("Could not import the bookmarks"), e);
  }
}

// ---- Reports ----

export function setReportLang(lang: api.ReportLang): void {
  update({ reportLang: lang });
}

const REPORT_FORMATS = {
  html: { name: "HTML", ext: "html" },
  md: { name: "Markdown", ext: "md" },
  pdf: { name: "PDF", ext: "pdf" },
} as const;

/** Asks where to save, then writes the open comparison's report. */
export async function saveReport(format: keyof typeof REPORT_FORMATS): Promise<void> {
  const c = state.comparison;
  if (!c || state.savingReport) return;
  const f = REPORT_FORMATS[format];
  try {
    const path = await pickSavePath(t("Save the comparison report"), `concordia-report.${f.ext}`, { name: f.name, extensions: [f.ext] });
    if (path === null) return;
    update({ savingReport: true });
    const against = { reference: c.reference, playbook: state.comparePlaybook };
    await api.saveReport(c.documents.map((d) => d.id), against, state.reportLang, path, true);
    update({ savingReport: false, notice: t("Report saved to {path}.", { path }) });
  } catch (e) {
    update({ savingReport: false });
    fail(t("Could not save the report"), e);
  }
}
