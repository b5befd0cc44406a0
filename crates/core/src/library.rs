//! The library: one data directory holding `library.sqlite` (the truth) and `index/` (a cache).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::Mutex;

use concordia_index::{ClauseDoc, SearchIndex, SearchQuery};
use concordia_legal::{analysis_version, extract_terms, ClauseInput, Lexicon};
use concordia_store::{ClauseRow, NewDocument, Store, TopicRow, Upsert};

use crate::api::*;
use crate::import::{self, Parsed};
use crate::snippet::{char_ranges, snippet};
use crate::{filter, Error, Progress, Result};

const SNIPPET_CHARS: usize = 220;
const ANALYSIS_KEY: &str = "analysis_version";

/// The reader this build reads documents with (see `concordia_legal::reader_version`).
static READER: std::sync::LazyLock<String> = std::sync::LazyLock::new(concordia_legal::reader_version);

/// A file read and parsed by a worker, waiting to be stored.
enum Prepared {
    /// The same bytes are already in the library.
    Known(i64),
    /// New content.
    New { size: u64, hash: String, parsed: Parsed },
}

/// The data directory: `$CONCORDIA_DATA_DIR`, else the platform's data dir + `concordia`.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CONCORDIA_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("concordia")
}

/// An open library. Safe to share between threads.
pub struct Library {
    store: Mutex<Store>,
    index: SearchIndex,
    data_dir: PathBuf,
    /// Key terms by document, valid for one store generation (terms are derived, not stored).
    terms_cache: Mutex<(u64, HashMap<i64, Vec<TermView>>)>,
}

impl Library {
    /// Opens the library in `data_dir`, creating it if needed. A missing,
    /// unreadable or stale index is rebuilt from the store before returning.
    pub fn open(data_dir: &Path) -> Result<Library> {
        let dir_error =
            |e: std::io::Error| Error::DataDir { path: data_dir.to_path_buf(), reason: e.to_string() };
        std::fs::create_dir_all(data_dir).map_err(dir_error)?;
        let store = Store::open(&data_dir.join("library.sqlite"))?;
        let index_dir = data_dir.join("index");
        let index = match SearchIndex::open_or_create(&index_dir) {
            Ok(index) => index,
            Err(concordia_index::Error::Busy) => return Err(concordia_index::Error::Busy.into()),
            Err(_) => {
                // The index is only a cache: throw the broken one away.
                std::fs::remove_dir_all(&index_dir).map_err(dir_error)?;
                SearchIndex::open_or_create(&index_dir)?
            }
        };
        let library = Library {
            store: Mutex::new(store),
            index,
            data_dir: data_dir.to_path_buf(),
            terms_cache: Mutex::new((u64::MAX, HashMap::new())),
        };
        if library.store().meta(ANALYSIS_KEY)?.as_deref() != Some(analysis_version().as_str()) {
            library.reanalyse()?;
        }
        if library.index_is_stale()? {
            library.reindex(&Progress::none())?;
        }
        Ok(library)
    }

    /// Recomputes every clause's topics (the lexicon or rules changed since they were stored).
    fn reanalyse(&self) -> Result<()> {
        let documents = self.store().documents()?;
        for summary in &documents {
            let (text, rows) = {
                let store = self.store();
                let doc =
                    store.document(summary.id)?.ok_or_else(|| Error::NotFound(summary.id.to_string()))?;
                (doc.text, store.clauses(summary.id)?)
            };
            let classified = import::classify_document(rows.iter().map(|r| import::ClauseToClassify {
                kind: concordia_legal::ClauseKind::from_name(&r.kind),
                lang: &r.language,
                numbered: r.number.is_some(),
                heading: r.heading.as_deref(),
                heading_path: &r.heading_path,
                text: &text[r.start..r.end],
            }));
            let topics: HashMap<i64, Vec<TopicRow>> = rows.iter().map(|r| r.id).zip(classified).collect();
            self.store().replace_document_topics(&topics)?;
        }
        self.store().set_meta(ANALYSIS_KEY, &analysis_version())?;
        Ok(())
    }

    /// Where the library lives.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub(crate) fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave SQLite inconsistent (transactions), so go on.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether the index misses changes made to the store.
    pub fn index_is_stale(&self) -> Result<bool> {
        let generation = self.store().generation()?;
        Ok(self.index.generation()? != Some(generation))
    }

    /// Imports files and folders. Each file is its own transaction: a refused
    /// file is reported and the others are still imported.
    pub fn import(&self, paths: &[PathBuf], progress: &Progress) -> Result<ImportReport> {
        let files = import::collect_files(paths);
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        let next = AtomicUsize::new(0);
        let mut outcomes = Vec::with_capacity(files.len());
        let mut batch = None;
        let mut cancelled = false;
        // Reading and parsing (the CPU-heavy part) run on worker threads; storing and
        // indexing stay on this thread, in file order, one transaction per file.
        std::thread::scope(|scope| -> Result<()> {
            let (sender, receiver) = mpsc::sync_channel::<(usize, Result<Prepared>)>(workers * 2);
            for _ in 0..workers {
                let (sender, next, files) = (sender.clone(), &next, &files);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() || progress.cancelled() {
                        break;
                    }
                    if sender.send((i, self.prepare(&files[i]))).is_err() {
                        break; // The consumer stopped: cancelled or failed.
                    }
                });
            }
            drop(sender);
            let mut pending = BTreeMap::new();
            for (i, prepared) in receiver {
                pending.insert(i, prepared);
                while let Some(prepared) = pending.remove(&outcomes.len()) {
                    if progress.cancelled() {
                        cancelled = true;
                        return Ok(());
                    }
                    let path = &files[outcomes.len()];
                    let outcome = match prepared.and_then(|p| self.store_prepared(path, p, &mut batch)) {
                        Ok(outcome) => outcome,
                        Err(Error::Index(e)) => return Err(e.into()),
                        Err(e) => refused(path, &e),
                    };
                    outcomes.push(outcome);
                    let current = Some(path.display().to_string());
                    progress.report(ProgressEvent {
                        task: "import",
                        done: outcomes.len(),
                        total: files.len(),
                        current,
                    });
                }
            }
            cancelled |= outcomes.len() < files.len();
            Ok(())
        })?;
        if let Some(batch) = batch {
            let generation = self.store().generation()?;
            batch.commit(generation)?;
        }
        Ok(ImportReport { outcomes, cancelled })
    }

    /// Reads and parses one file, unless its exact bytes are already stored.
    fn prepare(&self, path: &Path) -> Result<Prepared> {
        let bytes = import::read(path)?;
        let hash = import::content_hash(&bytes);
        // The same bytes read by this reader are done; read by an older one, they are read again.
        if let Some((id, reader)) = self.store().document_by_hash(&hash)? {
            if reader == *READER {
                return Ok(Prepared::Known(id));
            }
        }
        let parsed = import::parse(path, &bytes)?;
        Ok(Prepared::New { size: bytes.len() as u64, hash, parsed })
    }

    fn store_prepared<'a>(
        &'a self,
        path: &Path,
        prepared: Prepared,
        batch: &mut Option<concordia_index::Batch<'a>>,
    ) -> Result<ImportOutcome> {
        let (size, hash, parsed) = match prepared {
            Prepared::Known(id) => return self.outcome(path, id, ImportStatus::Unchanged),
            Prepared::New { size, hash, parsed } => (size, hash, parsed),
        };
        let path_text = absolute(path).display().to_string();
        let imported_at = now();
        let new = NewDocument {
            path: &path_text,
            content_hash: &hash,
            title: &parsed.title,
            language: parsed.language.code(),
            format: parsed.format.name(),
            imported_at: &imported_at,
            byte_size: size,
            text: &parsed.text,
            reader: &READER,
        };
        let upsert = self.store().upsert_document(&new, &parsed.clauses)?;
        let (id, status) = match upsert {
            // Another file in this run had the same bytes.
            Upsert::Unchanged(id) => (id, ImportStatus::Unchanged),
            Upsert::Inserted { id, replaced } => {
                if batch.is_none() {
                    *batch = Some(self.index.batch()?);
                }
                let batch = batch.as_mut().expect("batch was just opened");
                if let Some(old) = replaced {
                    batch.remove_document(old as u64);
                }
                self.index_document(batch, id, &parsed)?;
                (id, ImportStatus::Imported)
            }
        };
        self.outcome(path, id, status)
    }

    fn outcome(&self, path: &Path, id: i64, status: ImportStatus) -> Result<ImportOutcome> {
        let stored = self.store().document_summary(id)?.ok_or_else(|| Error::NotFound(id.to_string()))?;
        Ok(ImportOutcome {
            id: Some(id),
            path: path.display().to_string(),
            title: Some(stored.title),
            language: Some(stored.language),
            clauses: Some(stored.clause_count),
            status,
            error: None,
            code: None,
        })
    }

    fn index_document(&self, batch: &mut concordia_index::Batch<'_>, id: i64, parsed: &Parsed) -> Result<()> {
        let (rows, topics) = {
            let store = self.store();
            (store.clauses(id)?, store.document_topics(id)?)
        };
        add_clauses(batch, id, &parsed.text, &rows, &topics)
    }

    /// Throws the index away and rebuilds it from the store. Returns the number
    /// of clauses indexed, or `None` when cancelled (the old index then stays).
    pub fn reindex(&self, progress: &Progress) -> Result<Option<usize>> {
        let mut batch = self.index.batch()?;
        batch.clear()?;
        let (documents, generation) = {
            let store = self.store();
            (store.documents()?, store.generation()?)
        };
        let mut clauses = 0;
        for (done, summary) in documents.iter().enumerate() {
            if progress.cancelled() {
                return Ok(None); // Dropping the batch uncommitted keeps the old index.
            }
            let (text, rows) = {
                let store = self.store();
                let doc =
                    store.document(summary.id)?.ok_or_else(|| Error::NotFound(summary.id.to_string()))?;
                (doc.text, store.clauses(summary.id)?)
            };
            let topics = self.store().document_topics(summary.id)?;
            add_clauses(&mut batch, summary.id, &text, &rows, &topics)?;
            clauses += rows.len();
            let current = Some(summary.title.clone());
            progress.report(ProgressEvent {
                task: "reindex",
                done: done + 1,
                total: documents.len(),
                current,
            });
        }
        batch.commit(generation)?;
        Ok(Some(clauses))
    }

    /// The topic taxonomy.
    pub fn topics(&self) -> Vec<TopicInfo> {
        Lexicon::builtin()
            .topics()
            .iter()
            .map(|t| TopicInfo { id: t.id.clone(), label: t.label.clone(), anchor: t.anchor.clone() })
            .collect()
    }

    /// Every document, oldest first.
    pub fn list(&self) -> Result<Vec<DocumentSummary>> {
        let rows = self.store().documents()?;
        Ok(rows
            .into_iter()
            .map(|d| DocumentSummary {
                id: d.id,
                path: d.path,
                title: d.title,
                language: d.language,
                format: d.format,
                clauses: d.clause_count,
                imported_at: d.imported_at,
                bytes: d.byte_size,
            })
            .collect())
    }

    /// Resolves a library id or a file path to a document id.
    pub fn resolve(&self, doc: &str) -> Result<i64> {
        if let Ok(id) = doc.parse::<i64>() {
            return Ok(id);
        }
        let path = absolute(Path::new(doc)).display().to_string();
        self.store().document_id_by_path(&path)?.ok_or_else(|| Error::NotFound(doc.to_owned()))
    }

    /// Like [`Library::resolve`], but a file that is not in the library yet is imported first,
    /// so `analyze contract.txt` works on a file never seen. Returns the id and whether it
    /// was imported now.
    pub fn resolve_or_import(&self, doc: &str) -> Result<(i64, bool)> {
        match self.resolve(doc) {
            Err(Error::NotFound(_)) if Path::new(doc).is_file() => {
                let report = self.import(&[PathBuf::from(doc)], &Progress::none())?;
                let outcome =
                    report.outcomes.into_iter().next().ok_or_else(|| Error::NotFound(doc.to_owned()))?;
                match (outcome.id, outcome.error) {
                    (Some(id), _) => Ok((id, true)),
                    (None, reason) => Err(Error::Unreadable {
                        path: PathBuf::from(doc),
                        reason: reason.unwrap_or_else(|| "it could not be imported".to_owned()),
                    }),
                }
            }
            other => other.map(|id| (id, false)),
        }
    }

    /// A document with its clauses; with `query`, each clause carries the ranges that match it.
    pub fn document(&self, id: i64, query: Option<&str>) -> Result<DocumentView> {
        let (doc, rows, mut topics) = {
            let store = self.store();
            let doc = store.document(id)?.ok_or_else(|| Error::NotFound(id.to_string()))?;
            (doc, store.clauses(id)?, store.document_topics(id)?)
        };
        let matcher = match query.filter(|q| !q.trim().is_empty()) {
            Some(q) => Some(self.index.search(&SearchQuery { text: q, limit: 0, ..Default::default() })?.1),
            None => None,
        };
        let clauses = rows
            .into_iter()
            .map(|row| {
                let text = &doc.text[row.start..row.end];
                let highlights = matcher
                    .as_ref()
                    .map_or_else(Vec::new, |m| char_ranges(text, &m.find(&row.language, text)));
                let clause_topics = topics.remove(&row.id).unwrap_or_default();
                clause_view(row, text.to_owned(), highlights, clause_topics)
            })
            .collect();
        Ok(DocumentView { id: doc.id, path: doc.path, title: doc.title, language: doc.language, clauses })
    }

    /// A document with its clauses, topics and key terms.
    pub fn analyze(&self, id: i64) -> Result<DocumentAnalysis> {
        let doc = self.document(id, None)?;
        let terms = terms_of(&doc);
        Ok(DocumentAnalysis {
            id: doc.id,
            path: doc.path,
            title: doc.title,
            language: doc.language,
            clauses: doc.clauses,
            terms,
        })
    }

    /// The key terms a document states.
    pub fn terms(&self, id: i64) -> Result<Vec<TermView>> {
        let generation = self.store().generation()?;
        {
            let cache = self.terms_cache.lock().unwrap_or_else(|p| p.into_inner());
            if cache.0 == generation {
                if let Some(terms) = cache.1.get(&id) {
                    return Ok(terms.clone());
                }
            }
        }
        let terms = terms_of(&self.document(id, None)?);
        let mut cache = self.terms_cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.0 != generation {
            *cache = (generation, HashMap::new());
        }
        cache.1.insert(id, terms.clone());
        Ok(terms)
    }

    /// Documents whose key terms satisfy every condition, with the term that satisfied the first.
    fn documents_where(&self, conditions: &[filter::Condition]) -> Result<Vec<(i64, TermView)>> {
        let mut found = Vec::new();
        for doc in self.list()? {
            let terms = self.terms(doc.id)?;
            let satisfied: Vec<&TermView> = conditions
                .iter()
                .filter_map(|c| terms.iter().find(|t| t.kind == c.kind && c.holds(&t.value)))
                .collect();
            if satisfied.len() == conditions.len() {
                if let Some(first) = satisfied.first() {
                    found.push((doc.id, (*first).clone()));
                }
            }
        }
        Ok(found)
    }

    /// Removes a document from the store and the index.
    pub fn remove(&self, id: i64) -> Result<()> {
        let generation = {
            let mut store = self.store();
            if !store.delete_document(id)? {
                return Err(Error::NotFound(id.to_string()));
            }
            store.generation()?
        };
        let mut batch = self.index.batch()?;
        batch.remove_document(id as u64);
        batch.commit(generation)?;
        Ok(())
    }

    /// Searches clauses; hits carry a snippet with highlighted matches.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let conditions: Vec<filter::Condition> =
            req.filters.iter().map(|f| filter::parse(f)).collect::<Result<_>>()?;
        if conditions.is_empty() {
            return self.search_index(req, req.limit);
        }
        let matching = self.documents_where(&conditions)?;
        if req.query.trim().is_empty() && req.topic.is_none() {
            return self.hits_for_terms(&matching, req);
        }
        // Words or a topic too: search wide, keep the hits in documents that satisfy the filters.
        let mut results = self.search_index(req, (req.limit * 10).max(200))?;
        results.hits.retain(|h| matching.iter().any(|(doc, _)| *doc == h.doc_id));
        results.hits.truncate(req.limit);
        Ok(results)
    }

    /// One hit per matching document: the clause that states the filtered term, its quote as snippet.
    fn hits_for_terms(&self, matching: &[(i64, TermView)], req: &SearchRequest) -> Result<SearchResults> {
        let store = self.store();
        let mut hits = Vec::new();
        for (doc_id, term) in matching.iter().filter(|(d, _)| req.doc.is_none_or(|only| only == *d)) {
            let (Some(doc), Some(row)) = (
                store.document_summary(*doc_id)?,
                store.clauses_by_id(&[term.clause_id])?.into_iter().next(),
            ) else {
                continue;
            };
            if req.lang.as_deref().is_some_and(|l| l != row.language) {
                continue;
            }
            let length = term.quote.chars().count();
            hits.push(SearchHit {
                doc_id: *doc_id,
                doc_title: doc.title,
                path: doc.path,
                language: row.language,
                clause_id: row.id,
                number: row.number,
                heading: row.heading.or_else(|| row.heading_path.last().cloned()),
                score: 1.0,
                snippet: term.quote.clone(),
                highlights: vec![[0, length]],
            });
        }
        hits.truncate(req.limit);
        Ok(SearchResults { hits })
    }

    fn search_index(&self, req: &SearchRequest, limit: usize) -> Result<SearchResults> {
        if let Some(topic) = &req.topic {
            if !Lexicon::builtin().topics().iter().any(|t| &t.id == topic) {
                return Err(Error::UnknownTopic(topic.clone()));
            }
        }
        let also_topics = if req.cross { topics_of_words(&req.query) } else { Vec::new() };
        let query = SearchQuery {
            text: &req.query,
            lang: req.lang.as_deref(),
            doc_id: req.doc.map(|d| d as u64),
            limit,
            topics: req.topic.iter().cloned().collect(),
            also_topics,
        };
        let (found, matcher) = self.index.search(&query)?;
        let store = self.store();
        let ids: Vec<i64> = found.iter().map(|h| h.clause_id as i64).collect();
        let rows: HashMap<i64, ClauseRow> =
            store.clauses_by_id(&ids)?.into_iter().map(|r| (r.id, r)).collect();
        let mut docs = HashMap::new();
        let mut hits = Vec::with_capacity(found.len());
        for hit in found {
            // A clause missing from the store means the index is behind: skip it.
            let Some(row) = rows.get(&(hit.clause_id as i64)) else {
                continue;
            };
            let doc = match docs.entry(row.doc_id) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => match store.document_summary(row.doc_id)? {
                    Some(doc) => e.insert(doc),
                    None => continue,
                },
            };
            let text = store.clause_text(row)?;
            let (snippet, highlights) = snippet(&text, &matcher.find(&row.language, &text), SNIPPET_CHARS);
            hits.push(SearchHit {
                doc_id: row.doc_id,
                doc_title: doc.title.clone(),
                path: doc.path.clone(),
                language: row.language.clone(),
                clause_id: row.id,
                number: row.number.clone(),
                heading: row.heading.clone().or_else(|| row.heading_path.last().cloned()),
                score: hit.score,
                snippet,
                highlights,
            });
        }
        Ok(SearchResults { hits })
    }
}

fn clause_view(
    row: ClauseRow,
    text: String,
    highlights: Vec<[usize; 2]>,
    topics: Vec<TopicRow>,
) -> ClauseView {
    ClauseView {
        topics: topics
            .into_iter()
            .map(|t| TopicView { topic: t.topic, confidence: t.confidence as f32, cues: t.cues })
            .collect(),
        id: row.id,
        kind: ClauseKind::from_name(&row.kind),
        number: row.number,
        heading: row.heading,
        heading_path: row.heading_path,
        text,
        start: row.start,
        end: row.end,
        language: row.language,
        page: row.page,
        highlights,
    }
}

/// Whether clause `k` is a short line over the items numbered under it ("7.2" over "7.2 a.").
fn is_title(doc: &DocumentView, k: usize) -> bool {
    let (Some(this), Some(next)) = (doc.clauses.get(k), doc.clauses.get(k + 1)) else { return false };
    let (Some(number), Some(below)) = (this.number.as_deref(), next.number.as_deref()) else { return false };
    let extends =
        below.strip_prefix(number).is_some_and(|rest| rest.starts_with([' ', '.']) && rest.len() > 1);
    extends && this.text.split_whitespace().count() <= TITLE_WORDS && !this.text.trim().contains('\n')
}

/// A numbered line this short over its items is their title.
const TITLE_WORDS: usize = 12;

/// Extracts key terms from a document's clauses and topics.
fn terms_of(doc: &DocumentView) -> Vec<TermView> {
    let topics: Vec<Vec<String>> =
        doc.clauses.iter().map(|c| c.topics.iter().map(|t| t.topic.clone()).collect()).collect();
    let clauses: Vec<ClauseInput<'_>> = doc
        .clauses
        .iter()
        .zip(&topics)
        .enumerate()
        .map(|(k, (c, topics))| ClauseInput {
            text: &c.text,
            start: c.start,
            topics,
            title: is_title(doc, k),
        })
        .collect();
    extract_terms(&clauses)
        .into_iter()
        .map(|t| {
            let clause = &doc.clauses[t.clause];
            let at = t.start - clause.start;
            let range = char_ranges(&clause.text, &[(at, t.end - clause.start)])[0];
            let value_range =
                t.value.span_in(&t.quote).map(|(a, b)| char_ranges(&clause.text, &[(at + a, at + b)])[0]);
            TermView {
                kind: t.kind.to_owned(),
                value: serde_json::to_value(&t.value).unwrap_or(serde_json::Value::Null),
                clause_id: clause.id,
                clause_range: range,
                value_range,
                quote: t.quote,
                start: t.start,
                end: t.end,
            }
        })
        .collect()
}

/// The topics the query's plain words stand for, in any language ("audit" → audit).
fn topics_of_words(query: &str) -> Vec<String> {
    let mut topics: Vec<String> = query
        .split_whitespace()
        .filter(|w| !w.starts_with('-'))
        .flat_map(|w| Lexicon::builtin().topics_for_word(w.trim_matches('"')))
        .map(str::to_owned)
        .collect();
    topics.sort();
    topics.dedup();
    topics
}

/// Adds a document's clauses to an index batch.
fn add_clauses(
    batch: &mut concordia_index::Batch<'_>,
    doc_id: i64,
    text: &str,
    rows: &[ClauseRow],
    topics: &HashMap<i64, Vec<TopicRow>>,
) -> Result<()> {
    for row in rows {
        let body = index_text(&text[row.start..row.end], &row.heading_path);
        let ids: Vec<&str> =
            topics.get(&row.id).map_or_else(Vec::new, |t| t.iter().map(|t| t.topic.as_str()).collect());
        batch.add(ClauseDoc {
            clause_id: row.id as u64,
            doc_id: doc_id as u64,
            lang: &row.language,
            text: &body,
            topics: &ids,
        })?;
    }
    Ok(())
}

/// What the index sees of a clause: its text, then its parent headings for context.
fn index_text(text: &str, heading_path: &[String]) -> String {
    if heading_path.is_empty() {
        return text.to_owned();
    }
    format!("{text}\n{}", heading_path.join("\n"))
}

fn refused(path: &Path, error: &Error) -> ImportOutcome {
    ImportOutcome {
        id: None,
        path: path.display().to_string(),
        title: None,
        language: None,
        clauses: None,
        status: ImportStatus::Error,
        error: Some(error.to_string()),
        code: Some(error.code()),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}
