// Generated from the Rust DTOs (crates/core/src/api.rs and the enums they use) by
// crates/core/tests/ts_types.rs: do not edit. Regenerate:
// CONCORDIA_WRITE_GENERATED=1 cargo test -p concordia-core --features ts --test ts_types

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type DocId = number & { readonly __brand: "DocId" };

export type ClauseId = number & { readonly __brand: "ClauseId" };

export type BookmarkId = number & { readonly __brand: "BookmarkId" };

export type CorrectionId = number & { readonly __brand: "CorrectionId" };

export type ErrorCode = "io" | "unreadable" | "unsupported" | "not_found" | "busy" | "storage" | "invalid_input" | "exists" | "no_space";

export type Template = { 
/**
 * The English text with `{name}` holes: one of [`words`].
 */
text: string, 
/**
 * The value of each hole.
 */
args: { [key in string]: string }, };

export type ClauseKind = "preamble" | "section" | "item" | "continuation" | "contents" | "signature";

export type TermKind = "liability_cap" | "liability_exclusions" | "claims_time_limit" | "audit_notice" | "audit_frequency" | "audit_costs" | "deletion_period" | "deletion_mode" | "backup_retention" | "breach_notice" | "subprocessor_objection" | "subprocessor_authorisation" | "governing_law" | "jurisdiction";

export type Fix = "link" | "unlink" | "confirm";

export type BookmarkStatus = "anchored" | "needs_review" | "detached";

export type Requirement = "subject_duration" | "nature_purpose" | "data_types" | "data_subjects" | "controller_rights" | "instructions" | "unlawful_instruction_notice" | "confidentiality" | "security" | "subprocessor_authorisation" | "subprocessor_objection" | "subprocessor_flowdown" | "subprocessor_liability" | "data_subject_rights" | "assistance_32_36" | "deletion_return" | "information_audits" | "breach_notification";

export type RequirementStatus = "met" | "partly" | "missing";

export type ImportStatus = "imported" | "unchanged" | "error";

export type ImportOutcome = { 
/**
 * Library id, unless refused.
 */
id: DocId | null, 
/**
 * The file.
 */
path: string, 
/**
 * Title, unless refused.
 */
title: string | null, 
/**
 * Language code, unless refused.
 */
language: string | null, 
/**
 * Number of clauses, unless refused.
 */
clauses: number | null, 
/**
 * What happened.
 */
status: ImportStatus, 
/**
 * Why it was refused.
 */
error: string | null, 
/**
 * Error code when refused.
 */
code?: ErrorCode, 
/**
 * `error` as a template, for an interface that words it in its own language.
 */
reason?: Template, };

export type ImportReport = { 
/**
 * One entry per file handled, in order.
 */
outcomes: Array<ImportOutcome>, 
/**
 * Whether the user stopped the run; files not reached are not listed.
 */
cancelled: boolean, };

export type Task = "import" | "reindex" | "remove" | "restore" | "reread";

export type ProgressEvent = { 
/**
 * What is running.
 */
task: Task, 
/**
 * Items finished.
 */
done: number, 
/**
 * Items in all.
 */
total: number, 
/**
 * The item just finished, if any.
 */
current: string | null, 
/**
 * Set while the task waits for another process to finish writing, saying so.
 */
waiting: string | null, };

export type LibraryInfo = { 
/**
 * The library folder.
 */
data_dir: string, 
/**
 * Documents in it.
 */
documents: number, };

export type DocumentSummary = { 
/**
 * Library id.
 */
id: DocId, 
/**
 * Where it was imported from.
 */
path: string, 
/**
 * Title.
 */
title: string, 
/**
 * Language code.
 */
language: string, 
/**
 * Source format.
 */
format: string, 
/**
 * Number of clauses.
 */
clauses: number, 
/**
 * RFC 3339 time of import.
 */
imported_at: string, 
/**
 * Size of the source file.
 */
bytes: number, };

export type DocumentOrder = "imported" | "title" | "language" | "clauses" | "format" | "size";

export type LibraryQuery = { 
/**
 * Words the title or the file path must contain, in any case ("" for all).
 */
text: string, 
/**
 * Only this language.
 */
language: string | null, 
/**
 * The order.
 */
sort: DocumentOrder, 
/**
 * Largest first.
 */
descending: boolean, 
/**
 * The first row wanted.
 */
offset: number, 
/**
 * How many rows (at most [`LibraryQuery::MAX_LIMIT`]).
 */
limit: number, };

export type LanguageCount = { 
/**
 * Language code.
 */
language: string, 
/**
 * Documents in it.
 */
documents: number, };

export type LibraryPage = { 
/**
 * The first row's place in the whole filtered listing.
 */
offset: number, 
/**
 * Documents matching the filter.
 */
matching: number, 
/**
 * Documents in the library.
 */
total: number, 
/**
 * How many documents each language has, most first (for the language filter).
 */
languages: Array<LanguageCount>, 
/**
 * The rows.
 */
documents: Array<DocumentSummary>, };

export type Review = { 
/**
 * Library id.
 */
id: DocId, 
/**
 * Where it was imported from.
 */
path: string, 
/**
 * Title.
 */
title: string, 
/**
 * Language code.
 */
language: string, 
/**
 * Each requirement of Art. 28, in the order of the article.
 */
checklist: Array<ChecklistItem>, 
/**
 * The document against a playbook, when one was asked for.
 */
playbook: PlaybookReview | null, };

export type ChecklistItem = { 
/**
 * Which requirement.
 */
requirement: Requirement, 
/**
 * Its name.
 */
label: string, 
/**
 * Where the GDPR asks for it ("Art. 28(3)(a)"), cited in the labels' language.
 */
article: string, 
/**
 * The GDPR's own words for it, in the labels' language or else the document's; empty when
 * neither is one the statute file holds (English).
 */
statute: string, 
/**
 * Met, partly or missing.
 */
status: RequirementStatus, 
/**
 * The clauses that decide it, the quoted one first.
 */
clause_ids: Array<ClauseId>, 
/**
 * The deciding sentence ("" when missing).
 */
quote: string, 
/**
 * Where the quote is in the first clause's text, in characters.
 */
clause_range: [number, number] | null, 
/**
 * Why, in words.
 */
reason: string, };

export type PositionResult = "acceptable" | "negotiable" | "unacceptable" | "not_stated";

export type PlaybookReview = { 
/**
 * The playbook's name.
 */
name: string, 
/**
 * Each position on a key term.
 */
positions: Array<PositionReview>, 
/**
 * Each must-have requirement of the checklist.
 */
required: Array<RequirementReview>, };

export type PositionReview = { 
/**
 * The key term.
 */
kind: TermKind, 
/**
 * Its name.
 */
label: string, 
/**
 * Where the document stands.
 */
result: PositionResult, 
/**
 * The document's value, in words (none when not stated).
 */
value: string | null, 
/**
 * The sentence that states it.
 */
quote: string, 
/**
 * Its clause.
 */
clause_id: ClauseId | null, 
/**
 * Where the quote is in the clause's text, in characters.
 */
clause_range: [number, number] | null, 
/**
 * Why, in words.
 */
reason: string, 
/**
 * Where the position comes from.
 */
source: string, };

export type PositionJudgement = { 
/**
 * Acceptable, negotiable, unacceptable or not stated.
 */
result: PositionResult, 
/**
 * Why, in words.
 */
reason: string, };

export type RequirementReview = { 
/**
 * Which requirement.
 */
requirement: Requirement, 
/**
 * Its name.
 */
label: string, 
/**
 * Acceptable when met, negotiable when partly, unacceptable when missing.
 */
result: PositionResult, 
/**
 * Why, in words.
 */
reason: string, };

export type PortfolioSort = "imported" | "title" | "language" | "met" | "unacceptable";

export type PortfolioQuery = { 
/**
 * Conditions every row must meet (see `concordia portfolio --help`).
 */
conditions: Array<string>, 
/**
 * A playbook to hold each document against: a shipped one's name or a file.
 */
playbook: string | null, 
/**
 * The order.
 */
sort: PortfolioSort, 
/**
 * Largest first.
 */
descending: boolean, 
/**
 * The first row wanted.
 */
offset: number, 
/**
 * How many rows.
 */
limit: number, };

export type PortfolioPage = { 
/**
 * The first row's place among the matching rows.
 */
offset: number, 
/**
 * Documents meeting the conditions.
 */
matching: number, 
/**
 * Documents in the library.
 */
total: number, 
/**
 * Requirements in the checklist (a row's score is out of this).
 */
requirements: number, 
/**
 * The rows.
 */
rows: Array<PortfolioRow>, };

export type PortfolioRow = { 
/**
 * Library id.
 */
id: DocId, 
/**
 * Title.
 */
title: string, 
/**
 * Where it was imported from.
 */
path: string, 
/**
 * Language code.
 */
language: string, 
/**
 * RFC 3339 time of import.
 */
imported_at: string, 
/**
 * Requirements met.
 */
met: number, 
/**
 * Requirements not met (partly or missing).
 */
lacking: Array<Requirement>, 
/**
 * Its key terms, in words.
 */
terms: Array<PortfolioTerm>, 
/**
 * Where it stands against the playbook, when one was asked for.
 */
playbook: ResultCounts | null, };

export type PortfolioTerm = { 
/**
 * The kind.
 */
kind: TermKind, 
/**
 * The value, in words.
 */
display: string, 
/**
 * The clause that states it.
 */
clause_id: ClauseId, };

export type ResultCounts = { 
/**
 * Acceptable.
 */
acceptable: number, 
/**
 * Negotiable.
 */
negotiable: number, 
/**
 * Unacceptable.
 */
unacceptable: number, 
/**
 * Not stated.
 */
not_stated: number, };

export type PlaybookInfo = { 
/**
 * What `--playbook` and the app name it by ("recommended", "my-firm").
 */
id: string, 
/**
 * Its name.
 */
name: string, 
/**
 * What it holds.
 */
description: string, 
/**
 * Whether it ships with Concordia (and cannot be replaced).
 */
builtin: boolean, };

export type TopicView = { 
/**
 * Topic id from the fixed taxonomy ("audit", "liability", …).
 */
topic: string, 
/**
 * 0–1.
 */
confidence: number, 
/**
 * The cues that decided it ("heading: Haftung", "Art. 33", "kontrolle*").
 */
cues: Array<string>, };

export type TopicInfo = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Human label.
 */
label: string, 
/**
 * GDPR anchor.
 */
anchor: string, };

export type ClauseView = { 
/**
 * Clause id.
 */
id: ClauseId, 
/**
 * What the clause is: a section, an item, a table of contents, a signature block…
 */
kind: ClauseKind, 
/**
 * Number as written ("11.3", "§ 10", "Artikel 8").
 */
number: string | null, 
/**
 * Own heading.
 */
heading: string | null, 
/**
 * Parent headings, outermost first.
 */
heading_path: Array<string>, 
/**
 * The clause text (its heading line included).
 */
text: string, 
/**
 * Byte offset in the document's normalised text.
 */
start: number, 
/**
 * Byte offset one past the end.
 */
end: number, 
/**
 * Language code of the clause.
 */
language: string, 
/**
 * The page of the original PDF the clause starts on.
 */
page?: number, 
/**
 * Character ranges in `text` matching the query passed to `show`, if any.
 */
highlights?: Array<[number, number]>, 
/**
 * DPA topics of the clause, most confident first.
 */
topics: Array<TopicView>, };

export type DocumentView = { 
/**
 * Library id.
 */
id: DocId, 
/**
 * Where it was imported from.
 */
path: string, 
/**
 * Title.
 */
title: string, 
/**
 * Language code.
 */
language: string, 
/**
 * Clauses in order.
 */
clauses: Array<ClauseView>, };

export type SearchRequest = { 
/**
 * Words, "phrases", -exclusions.
 */
query: string, 
/**
 * Only this language.
 */
lang?: string | null, 
/**
 * Only this document.
 */
doc?: DocId | null, 
/**
 * At most this many hits (default 20).
 */
limit?: number, 
/**
 * Only clauses with this topic; the query may then be empty.
 */
topic?: string | null, 
/**
 * Also find clauses, in every language, whose topic the query's words stand for.
 */
cross?: boolean, 
/**
 * Value filters on key terms, all of which must hold: `audit_notice<30d`, `governing_law=DE`.
 */
filters?: Array<string>, };

export type SearchHit = { 
/**
 * Its document.
 */
doc_id: DocId, 
/**
 * The document's title.
 */
doc_title: string, 
/**
 * The document's path.
 */
path: string, 
/**
 * The clause's language.
 */
language: string, 
/**
 * Clause id.
 */
clause_id: ClauseId, 
/**
 * Clause number.
 */
number: string | null, 
/**
 * Nearest heading.
 */
heading: string | null, 
/**
 * BM25 score.
 */
score: number, 
/**
 * An excerpt of the clause around the matches.
 */
snippet: string, 
/**
 * Character ranges in `snippet` that match.
 */
highlights: Array<[number, number]>, };

export type SearchResults = { 
/**
 * The hits.
 */
hits: Array<SearchHit>, 
/**
 * How many clauses match in all; more than `hits` when the limit cut the list.
 */
total: number, };

export type TermView = { 
/**
 * Kind ("liability_cap", "audit_notice", …).
 */
kind: TermKind, 
/**
 * The kind in words ("Audit notice").
 */
label: string, 
/**
 * Normalised value, e.g. `{"value":5,"unit":"working_days","approx_days":7.0}`.
 */
value: JsonValue, 
/**
 * The value in words ("5 working days"), as the matrix and the reports write it.
 */
display: string, 
/**
 * The clause it comes from.
 */
clause_id: ClauseId, 
/**
 * Character range of the quote within that clause's text, for highlighting.
 */
clause_range: [number, number], 
/**
 * Character range of the value itself ("72 Stunden") within that clause's text, when it is
 * written as a number or a name.
 */
value_range: [number, number] | null, 
/**
 * The sentence, as written.
 */
quote: string, 
/**
 * Byte offset of the quote in the document's normalised text.
 */
start: number, 
/**
 * End of the quote.
 */
end: number, };

export type Verdict = "stricter" | "looser" | "same" | "missing" | "not_comparable" | "reference";

export type ComparedDocument = { 
/**
 * Library id.
 */
id: DocId, 
/**
 * Where it was imported from.
 */
path: string, 
/**
 * Title.
 */
title: string, 
/**
 * Language code.
 */
language: string, };

export type RowStatus = "aligned" | "partial" | "missing";

export type RedlineOp = "equal" | "delete" | "insert";

export type RedlineSegment = { 
/**
 * Unchanged, deleted from the first or inserted in the second.
 */
op: RedlineOp, 
/**
 * The words, with their spacing.
 */
text: string, };

export type CrossReference = { 
/**
 * The clause.
 */
clause_id: ClauseId, 
/**
 * Its number and heading ("§ 7 Haftung"), or its first words.
 */
label: string, 
/**
 * Its text.
 */
text: string, 
/**
 * The topic of the row it stands in.
 */
row_topic: string | null, };

export type AlignedCell = { 
/**
 * The document.
 */
doc_id: DocId, 
/**
 * Its clauses in this row, in document order.
 */
clause_ids: Array<ClauseId>, 
/**
 * Their texts.
 */
texts: Array<string>, 
/**
 * Their numbers and headings, for labels ("§ 7 Haftung").
 */
labels: Array<string>, 
/**
 * How sure the alignment is (0–1), the weakest link of the cell; `None` when empty.
 * Calibrated: links shown at 80 % were right about 80 % of the time on labelled DPAs.
 */
confidence: number | null, 
/**
 * Whether the row was built around this cell's clause (it is no link, so has no confidence
 * of its own to show).
 */
anchor: boolean, 
/**
 * Whether the user placed or confirmed a clause of this cell.
 */
corrected: boolean, 
/**
 * When the cell is empty but the document deals with the row's topic in a clause that
 * stands in another row: that clause. Different contracts only.
 */
elsewhere: CrossReference | null, 
/**
 * For each text: character ranges of the numbers ("28", "72", "5.000") that another cell
 * of the row writes too, so the eye finds what the clauses share.
 */
shared_numbers: Array<Array<[number, number]>>, 
/**
 * The clause a correction of this cell's clauses names as the other side: the reference's
 * first clause in the row if it has one, else the first clause of another document; else
 * (to move a clause into the row or split one off) the row's own first clause.
 */
correct_against: ClauseId | null, };

export type AlignedRow = { 
/**
 * Its main topic, if any.
 */
topic: string | null, 
/**
 * One cell per document, in the order of `documents`.
 */
cells: Array<AlignedCell>, 
/**
 * Whether every document addresses it.
 */
status: RowStatus, 
/**
 * With two documents in one language: the word-level changes from the first to the second.
 */
redline?: Array<RedlineSegment>, 
/**
 * With two documents in one language: the clause sits elsewhere in the order of the second.
 */
moved: boolean, };

export type MatrixCell = { 
/**
 * The document.
 */
doc_id: DocId, 
/**
 * The normalised value, or `None` when the document states none.
 */
value: JsonValue | null, 
/**
 * The value in words ("24 hours", "EUR 5,000").
 */
display: string | null, 
/**
 * The sentence it comes from.
 */
quote: string | null, 
/**
 * The clause it comes from.
 */
clause_id: ClauseId | null, 
/**
 * Character range of the quote in that clause's text.
 */
clause_range: [number, number] | null, 
/**
 * Character range of the value itself in that clause's text, when written as a number or name.
 */
value_range: [number, number] | null, 
/**
 * Against the reference, or the others without one.
 */
verdict: Verdict, 
/**
 * Why, in words ("24 hours is shorter than the reference's 72 hours").
 */
reason: string, 
/**
 * Against the chosen playbook's position, when there is one on this term.
 */
playbook: PositionJudgement | null, };

export type MatrixRow = { 
/**
 * Kind ("liability_cap", …).
 */
kind: TermKind, 
/**
 * The kind in words ("Liability cap"), as the reports name it.
 */
label: string, 
/**
 * One cell per document, in the order of `documents`.
 */
cells: Array<MatrixCell>, 
/**
 * The chosen playbook's position on this term, in words ("acceptable: ≤ 30d; negotiable:
 * ≤ 60d"); `None` without a playbook or when it takes no position on the term.
 */
position: string | null, };

export type CorrectionView = { 
/**
 * Its id (to undo it).
 */
id: CorrectionId, 
/**
 * Link (moved into the anchor's row), unlink (not equivalent) or confirm.
 */
kind: Fix, 
/**
 * The clause whose row is meant.
 */
anchor_clause_id: ClauseId, 
/**
 * The clause moved, kept out or confirmed.
 */
moved_clause_id: ClauseId, 
/**
 * RFC 3339 time.
 */
created_at: string, };

export type CorrectionRequest = { 
/**
 * Link, unlink or confirm; any other word is refused when the request is read.
 */
kind: Fix, 
/**
 * The clause whose row is meant.
 */
anchor_clause_id: ClauseId, 
/**
 * The clause to move, keep out or confirm.
 */
moved_clause_id: ClauseId, };

export type Comparison = { 
/**
 * The documents, one column each, in the order asked for.
 */
documents: Array<ComparedDocument>, 
/**
 * The reference document, if one was marked.
 */
reference: DocId | null, 
/**
 * Rows of equivalent clauses, grouped by topic in the reference's order.
 */
rows: Array<AlignedRow>, 
/**
 * Key terms × documents with verdicts.
 */
matrix: Array<MatrixRow>, 
/**
 * The user's alignment corrections among these documents, oldest first.
 */
corrections: Array<CorrectionView>, 
/**
 * The playbook the matrix is also judged against, when one was chosen (its name).
 */
playbook: string | null, };

export type BookmarkView = { 
/**
 * Its id.
 */
id: BookmarkId, 
/**
 * Its document, unless that is not in the library (status "detached").
 */
doc_id: DocId | null, 
/**
 * Its clause, unless the document changed and no clause holds the quote any more.
 */
clause_id: ClauseId | null, 
/**
 * The document's title.
 */
doc_title: string, 
/**
 * The document's file name.
 */
doc_file: string, 
/**
 * The document's language, when it is in the library.
 */
language: string | null, 
/**
 * "Artikel 8 Aansprakelijkheid".
 */
clause_label: string, 
/**
 * The clause's text as bookmarked.
 */
quote: string, 
/**
 * The user's note.
 */
note: string, 
/**
 * The user's tags.
 */
tags: Array<string>, 
/**
 * Topics of its clause.
 */
topics: Array<string>, 
/**
 * Anchored, needs review or detached ("anchored", "needs_review", "detached" in JSON).
 */
status: BookmarkStatus, 
/**
 * When it was made (RFC 3339).
 */
created_at: string, 
/**
 * When it was last changed (RFC 3339).
 */
updated_at: string, };

export type BookmarkFilter = { 
/**
 * Only with this tag.
 */
tag?: string | null, 
/**
 * Only on this document.
 */
doc_id?: DocId | null, 
/**
 * Only on documents in this language.
 */
language?: string | null, 
/**
 * Only on clauses with this topic.
 */
topic?: string | null, 
/**
 * Only with this status; any other word is refused when the filter is read.
 */
status?: BookmarkStatus | null, };

export type BookmarkImport = { 
/**
 * New bookmarks stored.
 */
added: number, 
/**
 * Records identical to a bookmark already here (same document, quote and note).
 */
duplicates: number, 
/**
 * Of the added, those whose document is in the library.
 */
attached: number, };
