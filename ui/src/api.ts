// One typed function per backend command. The types are the Rust DTOs themselves, generated
// into generated/api.ts (crates/core/tests/ts_types.rs); only what Rust has no type for is here.
import type {
  BookmarkFilter,
  BookmarkId,
  ClauseId,
  CorrectionId,
  DocId,
  BookmarkImport,
  BookmarkView,
  Comparison,
  CorrectionRequest,
  CorrectionView,
  DocumentView,
  ImportReport,
  LibraryInfo,
  LibraryPage,
  LibraryQuery,
  PlaybookInfo,
  PortfolioPage,
  PortfolioQuery,
  ProgressEvent,
  Review,
  SearchRequest,
  SearchResults,
  TermView,
  TopicInfo,
} from "./generated/api.js";
import { channel, invoke } from "./host.js";

export type * from "./generated/api.js";

/** The languages Concordia reads, in display order: Rust's `text::Lang::KNOWN`, the one list. */
export const LANGUAGES = [
  { code: "sv", own: "Svenska" },
  { code: "de", own: "Deutsch" },
  { code: "it", own: "Italiano" },
  { code: "nl", own: "Nederlands" },
  { code: "en", own: "English" },
] as const;
export type KnownLang = (typeof LANGUAGES)[number]["code"];
export type Lang = KnownLang | "unknown";
export type Range = [number, number];

/** A document id read back from the page (a menu's value): the page holds only ids the backend gave. */
export const docIdFrom = (value: string): DocId => Number(value) as DocId;

export const libraryInfo = () => invoke<LibraryInfo>("library_info");
export const listTopics = () => invoke<TopicInfo[]>("list_topics");
/** One page of the library listing, filtered and sorted by the backend. */
export const libraryPage = (query: LibraryQuery) => invoke<LibraryPage>("library_page", { query });
export const removeDocument = (id: DocId) => invoke<null>("remove_document", { id });
export const getDocument = (id: DocId, query?: string) =>
  invoke<DocumentView>("get_document", { id, query: query ?? null });
/** A document's key terms, their names and values worded in `lang`. */
export const documentTerms = (id: DocId, lang: KnownLang) => invoke<TermView[]>("document_terms", { id, lang });
/** The playbooks to choose from: those that ship, then the user's. */
export const listPlaybooks = () => invoke<PlaybookInfo[]>("list_playbooks");
/** A playbook's TOML text, to edit. */
export const playbookText = (id: string) => invoke<string>("playbook_text", { id });
/** Saves a playbook if its text reads whole; refused with the reason otherwise, nothing saved. */
export const savePlaybook = (text: string) => invoke<PlaybookInfo>("save_playbook", { text });
/** One page of the portfolio, its values and headings worded in `lang`. */
export const portfolio = (query: PortfolioQuery, lang: KnownLang) => invoke<PortfolioPage>("portfolio", { query, lang });
/** Writes every row of the portfolio the query describes: CSV, or a report in .html, .md or .pdf. */
export const savePortfolio = (query: PortfolioQuery, lang: KnownLang, path: string) =>
  invoke<null>("save_portfolio", { query, lang, path });
/** A document checked against GDPR Art. 28 (and a playbook), its names and reasons worded in `lang`. */
export const documentReview = (id: DocId, lang: KnownLang, playbook: string | null) =>
  invoke<Review>("document_review", { id, lang, playbook });
export const search = (req: SearchRequest) => invoke<SearchResults>("search", { req });
export const cancelTask = () => invoke<null>("cancel_task");

export const importPaths = (paths: string[], onProgress: (e: ProgressEvent) => void) =>
  invoke<ImportReport>("import_paths", { paths, onProgress: channel(onProgress) });

export const reindex = (onProgress: (e: ProgressEvent) => void) =>
  invoke<number | null>("reindex", { onProgress: channel(onProgress) });

/** Why the library needs upkeep before search is current (a damaged or stale index), or null. */
export const libraryUpkeep = () => invoke<string | null>("library_upkeep");
/** Does that upkeep; resolves to what is still wrong afterwards, or null. */
export const bringUpToDate = (onProgress: (e: ProgressEvent) => void) =>
  invoke<string | null>("bring_up_to_date", { onProgress: channel(onProgress) });
/** How many documents hold key terms or checklists that older rules found (the app was updated). */
export const outdatedFindings = () => invoke<number>("outdated_findings");
/** Reads those again; resolves to how many are left (cancelled), which are read when first shown. */
export const rereadFindings = (onProgress: (e: ProgressEvent) => void) =>
  invoke<number>("reread_findings", { onProgress: channel(onProgress) });
/** Changes whenever documents change, in this window or any other Concordia process. */
export const libraryGeneration = () => invoke<number>("library_generation");
/** Picks up what another process changed; resolves to what is wrong with search, or null. */
export const refreshLibrary = () => invoke<string | null>("refresh_library");
export const backupLibrary = (path: string, overwrite: boolean) => invoke<null>("backup_library", { path, overwrite });
export const restoreLibrary = (path: string, onProgress: (e: ProgressEvent) => void) =>
  invoke<number>("restore_library", { path, onProgress: channel(onProgress) });

/** Compares documents; kind names, values and reasons worded in `lang`; with a playbook (its
 * id), each key term it takes a position on is also judged against that position. */
export const compare = (ids: DocId[], reference: DocId | null, lang: KnownLang, playbook: string | null = null) =>
  invoke<Comparison>("compare", { ids, reference, lang, playbook });
export const correctAlignment = (req: CorrectionRequest) => invoke<CorrectionView>("correct_alignment", { req });
export const removeCorrection = (id: CorrectionId) => invoke<null>("remove_correction", { id });

/** A report can be written in every language Concordia reads. */
export type ReportLang = KnownLang;

export const listBookmarks = (filter: BookmarkFilter) => invoke<BookmarkView[]>("bookmarks", { filter });
export const addBookmark = (clauseId: ClauseId, note: string, tags: string[]) =>
  invoke<BookmarkView>("add_bookmark", { clauseId, note, tags });
export const updateBookmark = (id: BookmarkId, note: string, tags: string[]) =>
  invoke<BookmarkView>("update_bookmark", { id, note, tags });
export const reviewBookmark = (id: BookmarkId) => invoke<BookmarkView>("review_bookmark", { id });
export const removeBookmark = (id: BookmarkId) => invoke<boolean>("remove_bookmark", { id });
export const exportBookmarks = (path: string, overwrite: boolean) =>
  invoke<null>("export_bookmarks", { path, overwrite });
export const importBookmarks = (path: string) => invoke<BookmarkImport>("import_bookmarks", { path });
/** Writes a comparison's report, judged against a reference document or a playbook (its id). */
export const saveReport = (
  ids: DocId[],
  against: { reference: DocId | null; playbook: string | null },
  lang: ReportLang,
  path: string,
  overwrite: boolean,
) => invoke<null>("save_report", { ids, reference: against.reference, playbook: against.playbook, lang, path, overwrite });
