// One typed function per backend command. Types mirror concordia_core::api.
import { channel, invoke } from "./host.js";

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

export interface DocumentSummary {
  id: number;
  path: string;
  title: string;
  language: Lang;
  format: string;
  clauses: number;
  imported_at: string;
  bytes: number;
}

export interface TopicView {
  topic: string;
  confidence: number;
  cues: string[];
}

export interface TopicInfo {
  id: string;
  label: string;
  anchor: string;
}

export interface ClauseView {
  id: number;
  number: string | null;
  heading: string | null;
  heading_path: string[];
  text: string;
  start: number;
  end: number;
  language: Lang;
  /** The page of the original PDF the clause starts on. */
  page?: number;
  highlights?: Range[];
  topics: TopicView[];
}

export interface DocumentView {
  id: number;
  path: string;
  title: string;
  language: Lang;
  clauses: ClauseView[];
}

export interface SearchHit {
  doc_id: number;
  doc_title: string;
  path: string;
  language: Lang;
  clause_id: number;
  number: string | null;
  heading: string | null;
  score: number;
  snippet: string;
  highlights: Range[];
}

export interface SearchRequest {
  query: string;
  lang?: Lang;
  doc?: number;
  limit?: number;
  topic?: string;
  cross?: boolean;
  filters?: string[];
}

export interface ImportOutcome {
  id: number | null;
  path: string;
  title: string | null;
  language: Lang | null;
  clauses: number | null;
  status: "imported" | "unchanged" | "error";
  error: string | null;
  /** Why it was refused, as a code the UI can act on (see `ErrorCode` in Rust). */
  code: ErrorCode | null;
}

/** `concordia_core::ErrorCode`: a closed set; the UI never parses messages. */
export type ErrorCode =
  | "io"
  | "unreadable"
  | "unsupported"
  | "not_found"
  | "busy"
  | "storage"
  | "invalid_input"
  | "exists"
  | "no_space";

export interface ImportReport {
  outcomes: ImportOutcome[];
  cancelled: boolean;
}

export interface ProgressEvent {
  task: "import" | "reindex" | "remove" | "restore";
  done: number;
  total: number;
  current: string | null;
  /** Set while the task waits for another Concordia window or command to finish writing. */
  waiting: string | null;
}

export interface TermView {
  kind: string;
  /** The kind in words ("Audit notice"), from the same labels as the reports. */
  label: string;
  value: unknown;
  /** The value in words ("5 working days"), formatted in Rust for the app, CLI and reports alike. */
  display: string;
  clause_id: number;
  clause_range: Range;
  value_range: Range | null;
  quote: string;
  start: number;
  end: number;
}

export interface LibraryInfo {
  data_dir: string;
  documents: number;
}

export const libraryInfo = () => invoke<LibraryInfo>("library_info");
export const listTopics = () => invoke<TopicInfo[]>("list_topics");
export const listDocuments = () => invoke<DocumentSummary[]>("list_documents");
export const removeDocument = (id: number) => invoke<null>("remove_document", { id });
export const getDocument = (id: number, query?: string) =>
  invoke<DocumentView>("get_document", { id, query: query ?? null });
/** A document's key terms, their names and values worded in `lang`. */
export const documentTerms = (id: number, lang: KnownLang) => invoke<TermView[]>("document_terms", { id, lang });
export const search = (req: SearchRequest) => invoke<{ hits: SearchHit[] }>("search", { req });
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
/** Changes whenever documents change, in this window or any other Concordia process. */
export const libraryGeneration = () => invoke<number>("library_generation");
/** Picks up what another process changed; resolves to what is wrong with search, or null. */
export const refreshLibrary = () => invoke<string | null>("refresh_library");
export const backupLibrary = (path: string, overwrite: boolean) => invoke<null>("backup_library", { path, overwrite });
export const restoreLibrary = (path: string, onProgress: (e: ProgressEvent) => void) =>
  invoke<number>("restore_library", { path, onProgress: channel(onProgress) });

export type Verdict = "stricter" | "looser" | "same" | "missing" | "not_comparable" | "reference";

export interface ComparedDocument {
  id: number;
  path: string;
  title: string;
  language: Lang;
}

export interface AlignedCell {
  doc_id: number;
  clause_ids: number[];
  texts: string[];
  labels: string[];
  /** Calibrated: links shown at 90 % were right about 9 times in 10 on labelled real DPAs. */
  confidence: number | null;
  corrected: boolean;
  /** The row was built around this cell's clause: no link, no confidence to show. */
  anchor: boolean;
  /** Empty cell, but the document deals with the row's topic in a clause of another row. */
  elsewhere: CrossReference | null;
}

/** A clause named from a row it does not stand in. */
export interface CrossReference {
  clause_id: number;
  label: string;
  text: string;
  /** The topic of the row the clause stands in. */
  row_topic: string | null;
}

export interface RedlineSegment {
  op: "equal" | "delete" | "insert";
  text: string;
}

export interface AlignedRow {
  topic: string | null;
  cells: AlignedCell[];
  status: "aligned" | "partial" | "missing";
  redline?: RedlineSegment[];
  moved: boolean;
}

export interface MatrixCell {
  doc_id: number;
  value: unknown;
  display: string | null;
  quote: string | null;
  clause_id: number | null;
  clause_range: Range | null;
  value_range: Range | null;
  verdict: Verdict;
  reason: string;
}

export interface MatrixRow {
  kind: string;
  /** The kind in words ("Liability cap"). */
  label: string;
  cells: MatrixCell[];
}

export interface CorrectionView {
  id: number;
  kind: "link" | "unlink" | "confirm";
  anchor_clause_id: number;
  moved_clause_id: number;
  created_at: string;
}

export interface Comparison {
  documents: ComparedDocument[];
  reference: number | null;
  rows: AlignedRow[];
  matrix: MatrixRow[];
  corrections: CorrectionView[];
}

export interface CorrectionRequest {
  kind: "link" | "unlink" | "confirm";
  anchor_clause_id: number;
  moved_clause_id: number;
}

/** Compares documents; kind names, values and reasons worded in `lang`. */
export const compare = (ids: number[], reference: number | null, lang: KnownLang) =>
  invoke<Comparison>("compare", { ids, reference, lang });
export const correctAlignment = (req: CorrectionRequest) => invoke<CorrectionView>("correct_alignment", { req });
export const removeCorrection = (id: number) => invoke<null>("remove_correction", { id });

export type BookmarkStatus = "anchored" | "needs_review" | "detached";

export interface BookmarkView {
  id: number;
  doc_id: number | null;
  clause_id: number | null;
  doc_title: string;
  doc_file: string;
  language: string | null;
  clause_label: string;
  quote: string;
  note: string;
  tags: string[];
  topics: string[];
  status: BookmarkStatus;
  created_at: string;
  updated_at: string;
}

export interface BookmarkFilter {
  tag?: string | null;
  doc_id?: number | null;
  language?: string | null;
  topic?: string | null;
  status?: BookmarkStatus | null;
}

export interface BookmarkImport {
  added: number;
  duplicates: number;
  attached: number;
}

/** A report can be written in every language Concordia reads. */
export type ReportLang = KnownLang;

export const listBookmarks = (filter: BookmarkFilter) => invoke<BookmarkView[]>("bookmarks", { filter });
export const addBookmark = (clauseId: number, note: string, tags: string[]) =>
  invoke<BookmarkView>("add_bookmark", { clauseId, note, tags });
export const updateBookmark = (id: number, note: string, tags: string[]) =>
  invoke<BookmarkView>("update_bookmark", { id, note, tags });
export const reviewBookmark = (id: number) => invoke<BookmarkView>("review_bookmark", { id });
export const removeBookmark = (id: number) => invoke<boolean>("remove_bookmark", { id });
export const exportBookmarks = (path: string, overwrite: boolean) =>
  invoke<null>("export_bookmarks", { path, overwrite });
export const importBookmarks = (path: string) => invoke<BookmarkImport>("import_bookmarks", { path });
export const saveReport = (ids: number[], reference: number | null, lang: ReportLang, path: string, overwrite: boolean) =>
  invoke<null>("save_report", { ids, reference, lang, path, overwrite });
