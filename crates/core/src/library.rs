//! The library: one data directory holding `library.sqlite` (the truth) and `index/` (a cache).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, LazyLock, Mutex};

use concordia_index::{ClauseDoc, IndexHit, Matcher, SearchIndex, SearchQuery};
use concordia_legal::{analysis_version, Lexicon};
use concordia_store::{ClauseRow, HashLookup, NewDocument, Store, TopicRow, Upsert};

use crate::api::*;
use crate::cache::{Health, IndexCache};
use crate::contain::{attempt, contain};
use crate::error::Missing;
use crate::import::{self, Parsed};
use crate::key_terms;
use crate::lock::WriteLock;
use crate::portfolio::TermAt;
use crate::snippet::{char_ranges, snippet};
use crate::{filter, Error, Progress, Result};

const SNIPPET_CHARS: usize = 220;
const ANALYSIS_KEY: &str = "analysis_version";

/// The reader this build reads documents with (see `concordia_legal::reader_version`).
static READER: std::sync::LazyLock<String> = std::sync::LazyLock::new(concordia_legal::reader_version);

/// Key terms by document, shared by the cache and its readers.
pub(crate) type TermsByDocument = HashMap<DocId, Arc<Vec<TermView>>>;

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

/// An open library. Safe to share between threads, and with other processes: see `lock`.
pub struct Library {
    store: Mutex<Store>,
    index: IndexCache,
    data_dir: PathBuf,
    /// Key terms by document, valid for one store generation.
    terms_cache: Mutex<(u64, TermsByDocument)>,
    /// What the last portfolio view tested and sorted on.
    pub(crate) portfolio_cache: Mutex<crate::portfolio::PortfolioCache>,
    /// Held while the portfolio's facts are read from the store, so that a view asked for
    /// during the app's warm-up waits for those facts instead of reading them a second time.
    pub(crate) facts_reading: Mutex<()>,
    /// The store generation at which no document held findings of older rules; held while
    /// asking, so that the app's warm-up and its first screen, both asking at start, ask once.
    pub(crate) findings_current_at: Mutex<Option<u64>>,
}

/// Documents re-analysed between two progress reports (and checks for a cancel).
const REANALYSE_CHUNK: usize = 250;

/// The topics of one stored document's clauses, by the current rules.
fn classified(text: &str, rows: &[ClauseRow]) -> Vec<Vec<TopicRow>> {
    import::classify_document(rows.iter().map(|r| import::ClauseToClassify {
        kind: concordia_legal::ClauseKind::from_name(&r.kind),
        lang: &r.language,
        numbered: r.number.is_some(),
        heading: r.heading.as_deref(),
        heading_path: &r.heading_path,
        text: &text[r.start..r.end],
    }))
}

/// The database file in a library's folder.
const DATABASE: &str = "library.sqlite";

/// Concordia's own workers for reading and analysing documents, alive as long as the process. A
/// regex keeps an automaton cache for each thread it met, so workers spawned anew for each import
/// or reread each grew caches of their own (up to eight sets); and a pool of its own, so no other
/// work on rayon's global pool waits behind an import.
pub(crate) static WORKERS: LazyLock<rayon::ThreadPool> = LazyLock::new(|| {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 4);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("concordia-worker-{i}"))
        .build()
        .unwrap_or_else(|e| panic!("the system would not start the worker threads: {e}"))
});

impl Library {
    /// Opens the library in `data_dir`, creating it if needed, and brings it up to date (see
    /// [`Library::bring_up_to_date`]). A damaged index never keeps it from opening.
    pub fn open(data_dir: &Path) -> Result<Library> {
        let library = Library::open_as_is(data_dir)?;
        library.bring_up_to_date(&Progress::none())?;
        Ok(library)
    }

    /// Opens the library without repairing anything, so a window can show at once; then call
    /// [`Library::bring_up_to_date`] with progress.
    pub fn open_as_is(data_dir: &Path) -> Result<Library> {
        let dir_error =
            |e: std::io::Error| Error::DataDir { path: data_dir.to_path_buf(), reason: e.to_string() };
        std::fs::create_dir_all(data_dir).map_err(dir_error)?;
        let store = Store::open(&data_dir.join(DATABASE))?;
        tracing::info!(data_dir = %data_dir.display(), "library opened");
        Ok(Library {
            store: Mutex::new(store),
            index: IndexCache::open(&data_dir.join("index")),
            data_dir: data_dir.to_path_buf(),
            terms_cache: Mutex::new((u64::MAX, HashMap::new())),
            portfolio_cache: Mutex::new(crate::portfolio::PortfolioCache::default()),
            facts_reading: Mutex::new(()),
            findings_current_at: Mutex::new(None),
        })
    }

    /// What must be done before search is current, if anything (for the app to show why it
    /// rebuilds). Reads every index file against its checksum.
    pub fn upkeep(&self) -> Result<Option<String>> {
        if self.needs_reanalysis()? {
            return Ok(Some("the analysis rules changed since the documents were stored".to_owned()));
        }
        Ok(match self.index_health(true)? {
            Health::Current => None,
            Health::Behind => Some("the search index misses recent changes".to_owned()),
            Health::Damaged(why) => Some(format!("the search index is damaged: {why}")),
        })
    }

    /// Re-analyses stored documents read with older rules, and rebuilds a damaged or stale
    /// index. A stale index is left alone while another process writes (it will commit); a
    /// damaged one is rebuilt once that process is done. When the rebuild fails (a full disk),
    /// the library stays open for reading and removing, and [`Library::index_fault`] says why.
    pub fn bring_up_to_date(&self, progress: &Progress) -> Result<()> {
        let health = self.index_health(true)?;
        if !self.needs_reanalysis()? && health == Health::Current {
            return Ok(());
        }
        let lock = match health {
            Health::Damaged(_) => WriteLock::take(&self.data_dir, progress, Task::Reindex)?,
            _ => WriteLock::try_take(&self.data_dir)?,
        };
        let Some(_lock) = lock else {
            return Ok(()); // Another process is writing (it commits what it stores), or cancelled.
        };
        self.index.reopen(); // The other process may have replaced it while we waited.
        if self.needs_reanalysis()? {
            self.reanalyse(progress)?;
        }
        if self.index_health(true)? != Health::Current {
            if let Err(e) = self.rebuild_index(progress) {
                self.index.set_fault(Some(format!("the search index could not be rebuilt: {e}")));
            }
        }
        Ok(())
    }

    /// Why search is unavailable or incomplete right now, if it is.
    pub fn index_fault(&self) -> Option<String> {
        self.index.fault()
    }

    /// Checks the whole library: SQLite's integrity, the index's files, and that the index holds
    /// every clause of every document. Changes nothing.
    pub fn check(&self) -> Result<LibraryCheck> {
        let (store_problem, documents) = {
            let store = self.store();
            (store.integrity_problem()?, store.documents()?)
        };
        let index = match self.index_health(true)? {
            Health::Current => "current".to_owned(),
            Health::Behind => "behind".to_owned(),
            Health::Damaged(why) => why,
        };
        let mut unsearchable = Vec::new();
        for doc in &documents {
            let held = attempt(|| self.index.get().clauses_of(doc.id as u64)).ok();
            if held != Some(u64::from(doc.clause_count)) {
                unsearchable.push(DocId(doc.id));
            }
        }
        Ok(LibraryCheck { store_problem, documents: documents.len(), index, unsearchable })
    }

    /// A number that changes whenever documents change, in any process, and again when their
    /// search index lands: another process commits its index after storing its last document,
    /// so a window that refreshed on the store alone could search an index without it.
    pub fn generation(&self) -> Result<u64> {
        let stored = self.store().generation()?;
        // An index that cannot be read counts as 0: search says why when it is used.
        let indexed = self.index.get().generation().ok().flatten().unwrap_or(0);
        Ok(stored + indexed)
    }

    /// Picks up what another process changed: reopens the index it may have replaced, and
    /// repairs the index when it is behind and nobody is writing.
    pub fn refresh(&self) -> Result<()> {
        // While this process imports, its own index is current: no need to wait for it.
        self.index.reopen_unless_busy();
        self.bring_up_to_date(&Progress::none())
    }

    /// Whether stored clauses were analysed with other rules. A library with no clauses has
    /// nothing to redo (a first start must not announce a repair).
    fn needs_reanalysis(&self) -> Result<bool> {
        Ok(self.analysis_outdated()? && self.store().clause_count()? > 0)
    }

    /// Whether the library's analysis stamp is not the current rules' (or is missing).
    fn analysis_outdated(&self) -> Result<bool> {
        Ok(self.store().meta(ANALYSIS_KEY)?.as_deref() != Some(analysis_version().as_str()))
    }

    fn index_health(&self, full: bool) -> Result<Health> {
        let (generation, clauses) = {
            let store = self.store();
            (store.generation()?, store.clause_count()?)
        };
        Ok(self.index.health(generation, clauses, full))
    }

    /// Recomputes every clause's topics (the lexicon or rules changed since they were stored): a
    /// few hundred documents at a time, classified on the workers and written in one transaction,
    /// with progress and one flush at the end (10,000 documents took 5.4 s on one core, a flush
    /// per document, and said nothing). Cancelled, it stops between batches and leaves the stamp
    /// as it was, so the next start reads them all again.
    fn reanalyse(&self, progress: &Progress) -> Result<()> {
        let documents = self.store().documents()?;
        if documents.is_empty() {
            self.store().set_meta(ANALYSIS_KEY, &analysis_version())?;
            return Ok(());
        }
        tracing::info!(documents = documents.len(), "re-analysing the documents with the current rules");
        self.store().defer_sync()?;
        let done = self.reanalyse_all(&documents, progress);
        let synced = self.store().sync();
        if done? {
            self.store().set_meta(ANALYSIS_KEY, &analysis_version())?;
        }
        Ok(synced?)
    }

    /// Returns whether every document was done (not cancelled).
    fn reanalyse_all(&self, documents: &[concordia_store::DocumentRow], progress: &Progress) -> Result<bool> {
        use rayon::prelude::*;
        let total = documents.len();
        progress.report(ProgressEvent::step(Task::Reread, 0, total, None));
        for (k, chunk) in documents.chunks(REANALYSE_CHUNK).enumerate() {
            if progress.cancelled() {
                return Ok(false);
            }
            let read = {
                let store = self.store();
                chunk
                    .iter()
                    .map(|summary| -> Result<(String, Vec<ClauseRow>)> {
                        let doc = store
                            .document(summary.id)?
                            .ok_or_else(|| Error::NotFound(Missing::Document(summary.id.to_string())))?;
                        Ok((doc.text, store.clauses(summary.id)?))
                    })
                    .collect::<Result<Vec<_>>>()?
            };
            let topics: HashMap<i64, Vec<TopicRow>> = WORKERS.install(|| {
                read.par_iter()
                    .flat_map_iter(|(text, rows)| rows.iter().map(|r| r.id).zip(classified(text, rows)))
                    .collect()
            });
            self.store().replace_document_topics(&topics)?;
            let done = (k * REANALYSE_CHUNK + chunk.len()).min(total);
            progress.report(ProgressEvent::step(Task::Reread, done, total, None));
        }
        Ok(true)
    }

    /// Where the library lives.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub(crate) fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave SQLite inconsistent (transactions), so go on.
        self.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether the index misses changes made to the store, or cannot be used.
    pub fn index_is_stale(&self) -> Result<bool> {
        Ok(self.index_health(false)? != Health::Current)
    }

    /// Imports files and folders. Each file is its own transaction: a refused file is reported
    /// and the others are still imported. Waits (saying so) while another process writes. A
    /// document is stored and indexed, or reported as not imported: when the index cannot be
    /// written (a full disk), the documents stored since its last commit are taken out again.
    pub fn import(&self, paths: &[PathBuf], progress: &Progress) -> Result<ImportReport> {
        let started = std::time::Instant::now();
        let report = self.import_all(paths, progress);
        log_import(report.as_ref(), started.elapsed());
        report
    }

    fn import_all(&self, paths: &[PathBuf], progress: &Progress) -> Result<ImportReport> {
        let files = import::collect_files(paths);
        crate::space::check(&self.data_dir, &files)?;
        let Some(_lock) = WriteLock::take(&self.data_dir, progress, Task::Import)? else {
            return Ok(ImportReport { outcomes: Vec::new(), cancelled: true });
        };
        self.repair_for_writing(progress)?;
        // One flush to disk for the whole run, before the report acknowledges it, rather than
        // one per file.
        self.store().defer_sync()?;
        // Flushed whatever happened, so that later writes on this connection are FULL again.
        let report = self.import_locked(&files, progress);
        let synced = self.store().sync();
        let report = report?;
        // On a full disk even that flush may fail; the report already says what was kept.
        let disk_full = report.outcomes.iter().any(|o| o.code == Some(crate::ErrorCode::NoSpace));
        match synced {
            Err(e) if !disk_full => Err(e.into()),
            _ => Ok(report),
        }
    }

    fn import_locked(&self, files: &[PathBuf], progress: &Progress) -> Result<ImportReport> {
        let index = self.index.get();
        let mut run =
            ImportRun { outcomes: Vec::with_capacity(files.len()), batch: None, uncommitted: Vec::new() };
        let stopped = self.store_all(files, &index, &mut run, progress);
        let failure = match (stopped, run.batch.take()) {
            (Err(e), _) => Some(e),
            (Ok(()), Some(batch)) => {
                let generation = self.store().generation()?;
                attempt(|| batch.commit(generation)).err()
            }
            (Ok(()), None) => None,
        };
        if let Some(reason) = failure {
            self.take_back(&mut run, &reason);
            for path in &files[run.outcomes.len()..] {
                run.outcomes.push(not_imported(path, &reason));
            }
            self.index.set_fault(Some(format!("the search index could not be written: {reason}")));
            return Ok(ImportReport { outcomes: run.outcomes, cancelled: false });
        }
        let cancelled = run.outcomes.len() < files.len();
        Ok(ImportReport { outcomes: run.outcomes, cancelled })
    }

    /// Reads and parses files on worker threads (the CPU-heavy part); stores and indexes them on
    /// this thread, in file order. `Err` carries why the index could not be written.
    fn store_all<'a>(
        &'a self,
        files: &[PathBuf],
        index: &'a SearchIndex,
        run: &mut ImportRun<'a>,
        progress: &Progress,
    ) -> Result<(), String> {
        let workers = WORKERS.current_num_threads();
        let next = AtomicUsize::new(0);
        WORKERS.in_place_scope(|scope| {
            let (sender, receiver) = mpsc::sync_channel::<(usize, Result<Prepared>)>(workers * 2);
            for worker in 0..workers {
                let (sender, next) = (sender.clone(), &next);
                // The second worker builds the checklist's automata while the first builds the
                // key terms' ones: on demand, one waited for the other.
                let warm = worker == 1;
                scope.spawn(move |_| {
                    // Its own reading connection, so a lookup need not wait for the writer.
                    let lookup = HashLookup::open(&self.data_dir.join(DATABASE)).ok();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= files.len() || progress.cancelled() {
                            break;
                        }
                        let prepared =
                            self.prepare(&files[i], warm, lookup.as_ref(), &|| progress.cancelled());
                        if sender.send((i, prepared)).is_err() {
                            break; // The consumer stopped: cancelled or failed.
                        }
                    }
                });
            }
            drop(sender);
            let mut pending = BTreeMap::new();
            loop {
                // Wake up now and then, so a cancel is seen while a worker is still reading.
                let (i, prepared) = match receiver.recv_timeout(std::time::Duration::from_millis(100)) {
                    Ok(received) => received,
                    Err(mpsc::RecvTimeoutError::Timeout) if progress.cancelled() => return Ok(()),
                    Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
                };
                pending.insert(i, prepared);
                while let Some(prepared) = pending.remove(&run.outcomes.len()) {
                    if progress.cancelled() {
                        return Ok(());
                    }
                    let path = &files[run.outcomes.len()];
                    let outcome = match prepared.and_then(|p| self.store_prepared(path, p, index, run)) {
                        Ok(outcome) => outcome,
                        Err(Error::Index(e)) => return Err(e.to_string()),
                        Err(Error::IndexUnavailable(reason)) => return Err(reason),
                        Err(e) if e.is_disk_full() => refused(path, &Error::DiskFull { path: path.clone() }),
                        Err(e) => refused(path, &e),
                    };
                    run.outcomes.push(outcome);
                    let current = Some(path.display().to_string());
                    progress.report(ProgressEvent::step(
                        Task::Import,
                        run.outcomes.len(),
                        files.len(),
                        current,
                    ));
                }
            }
        })
    }

    /// After the index failed: documents stored since its last commit are removed again (so
    /// nothing listed is unsearchable) and reported as not imported. A new version that replaced
    /// an older one stays, since removing it would lose the old one too, and so does a document
    /// the full disk would not let go; both are searchable once the index is rebuilt.
    fn take_back(&self, run: &mut ImportRun<'_>, reason: &str) {
        let unsearchable = format!("stored, but not searchable until the search index is rebuilt ({reason})");
        for &(k, id, replaced) in &run.uncommitted {
            let outcome = &mut run.outcomes[k];
            // Removing needs a little room too; when even that fails, say what is true.
            if replaced || self.store().delete_document(id).is_err() {
                outcome.error = Some(unsearchable.clone());
            } else {
                *outcome = not_imported(Path::new(&outcome.path), reason);
            }
        }
        run.uncommitted.clear();
    }

    /// Before writing, a damaged or stale index is rebuilt, so the import's commit lands on an
    /// index that holds the whole library. The caller holds the write lock.
    fn repair_for_writing(&self, progress: &Progress) -> Result<()> {
        self.index.reopen();
        // Also on an empty library, so the documents about to be stored carry the current stamp.
        if self.analysis_outdated()? {
            self.reanalyse(progress)?;
        }
        if self.index_health(false)? == Health::Current {
            return Ok(());
        }
        self.rebuild_index(progress).map_err(|e| {
            Error::IndexUnavailable(format!("it could not be rebuilt ({e}); nothing was changed"))
        })?;
        Ok(())
    }

    /// Reads and parses one file, unless its exact bytes are already stored.
    /// `warm`: build the checklist's automata before parsing (a no-op once built). `lookup`: a
    /// reading connection of the worker's own, else the store is asked.
    fn prepare(
        &self,
        path: &Path,
        warm: bool,
        lookup: Option<&HashLookup>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Prepared> {
        let bytes = import::read(path)?;
        let hash = import::content_hash(&bytes);
        let known = match lookup {
            Some(lookup) => lookup.document_by_hash(&hash)?,
            None => self.store().document_by_hash(&hash)?,
        };
        // The same bytes read by this reader are done; read by an older one, they are read again.
        if let Some((id, reader)) = known {
            if reader == *READER {
                return Ok(Prepared::Known(id));
            }
        }
        if warm {
            concordia_legal::warm_up_checklist();
        }
        let parsed = import::parse(path, &bytes, stop)?;
        Ok(Prepared::New { size: bytes.len() as u64, hash, parsed })
    }

    fn store_prepared<'a>(
        &'a self,
        path: &Path,
        prepared: Prepared,
        index: &'a SearchIndex,
        run: &mut ImportRun<'a>,
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
            key_terms: Some((key_terms::VERSION.as_str(), &parsed.key_terms)),
            checklist: Some((crate::review::VERSION.as_str(), &parsed.checklist)),
        };
        let upsert = self.store().upsert_document(&new, &parsed.clauses)?;
        let (id, status) = match upsert {
            // Another file in this run had the same bytes.
            Upsert::Unchanged(id) => (id, ImportStatus::Unchanged),
            Upsert::Inserted { id, replaced, clauses } => {
                run.uncommitted.push((run.outcomes.len(), id, replaced.is_some()));
                let batch = match &mut run.batch {
                    Some(batch) => batch,
                    None => run.batch.insert(index.batch()?),
                };
                if let Some(old) = replaced {
                    batch.remove_document(old as u64);
                }
                let to_index =
                    || add_clauses(batch, id, &parsed.text, new_clauses(&parsed.clauses, &clauses));
                contain(to_index).map_err(Error::IndexUnavailable)??;
                (id, ImportStatus::Imported)
            }
        };
        self.outcome(path, id, status)
    }

    fn outcome(&self, path: &Path, id: i64, status: ImportStatus) -> Result<ImportOutcome> {
        let stored = self
            .store()
            .document_summary(id)?
            .ok_or_else(|| Error::NotFound(Missing::Document(id.to_string())))?;
        Ok(ImportOutcome {
            id: Some(DocId(id)),
            path: path.display().to_string(),
            title: Some(stored.title),
            language: Some(stored.language),
            clauses: Some(stored.clause_count),
            status,
            error: None,
            code: None,
            reason: None,
        })
    }

    /// Rebuilds the index from the store, waiting (and saying so) while another process writes.
    /// Returns the number of clauses indexed, or `None` when cancelled (the old index then stays).
    pub fn reindex(&self, progress: &Progress) -> Result<Option<usize>> {
        let Some(_lock) = WriteLock::take(&self.data_dir, progress, Task::Reindex)? else {
            return Ok(None);
        };
        if self.needs_reanalysis()? {
            self.reanalyse(progress)?;
        }
        self.rebuild_index(progress)
    }

    /// After the store was replaced: re-analyse if the copy was read with other rules, and
    /// rebuild the index. The caller holds the write lock.
    pub(crate) fn after_restore(&self, progress: &Progress) -> Result<()> {
        if self.needs_reanalysis()? {
            self.reanalyse(progress)?;
        }
        if let Err(e) = self.rebuild_index(progress) {
            self.index.set_fault(Some(format!("the search index could not be rebuilt: {e}")));
        }
        Ok(())
    }

    /// Builds a new index beside the one in use and puts it in place once committed; a failed
    /// or cancelled rebuild leaves the old one. The caller holds the write lock.
    fn rebuild_index(&self, progress: &Progress) -> Result<Option<usize>> {
        let started = std::time::Instant::now();
        let rebuilt = self.rebuild_index_now(progress);
        let ms = started.elapsed().as_millis();
        match &rebuilt {
            Ok(Some(clauses)) => tracing::info!(clauses, ms, "search index rebuilt"),
            Ok(None) => tracing::info!(ms, "search index rebuild cancelled"),
            Err(e) => tracing::warn!(error = %e, ms, "search index rebuild failed"),
        }
        rebuilt
    }

    fn rebuild_index_now(&self, progress: &Progress) -> Result<Option<usize>> {
        let dir = self.index.rebuild_dir();
        let built = contain(|| self.build_index_in(&dir, progress))
            .unwrap_or_else(|panic| Err(Error::IndexUnavailable(format!("the new index failed ({panic})"))));
        let install = match built {
            Ok(Some(clauses)) => self.index.install_rebuilt().map(|()| Some(clauses)),
            other => {
                let _ = std::fs::remove_dir_all(&dir);
                return other;
            }
        };
        install
            .map_err(|e| Error::IndexUnavailable(format!("the rebuilt index could not be put in place: {e}")))
    }

    fn build_index_in(&self, dir: &Path, progress: &Progress) -> Result<Option<usize>> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::IndexUnavailable(e.to_string()))?;
        }
        let index = SearchIndex::open_or_create(dir)?;
        let mut batch = index.batch()?;
        let (documents, generation) = {
            let store = self.store();
            (store.documents()?, store.generation()?)
        };
        let mut clauses = 0;
        for (done, summary) in documents.iter().enumerate() {
            if progress.cancelled() {
                return Ok(None);
            }
            let (text, rows, topics) = {
                let store = self.store();
                let doc = store
                    .document(summary.id)?
                    .ok_or_else(|| Error::NotFound(Missing::Document(summary.id.to_string())))?;
                (doc.text, store.clauses(summary.id)?, store.document_topics(summary.id)?)
            };
            add_clauses(&mut batch, summary.id, &text, stored_clauses(&rows, &topics))?;
            clauses += rows.len();
            let current = Some(summary.title.clone());
            progress.report(ProgressEvent::step(Task::Reindex, done + 1, documents.len(), current));
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
        Ok(self.store().documents()?.into_iter().map(summary).collect())
    }

    /// How many documents the library holds, counted by the store (reading every summary to
    /// count them took 90 ms at 10,000 documents, at the app's start-up).
    pub fn document_count(&self) -> Result<usize> {
        Ok(self.store().documents_by_language()?.iter().map(|(_, n)| n).sum())
    }

    /// One page of the listing, filtered and sorted by the store.
    pub fn page(&self, query: &LibraryQuery) -> Result<LibraryPage> {
        if query.limit > LibraryQuery::MAX_LIMIT {
            return Err(Error::Invalid(format!(
                "a page of the library holds at most {} documents, not {}",
                LibraryQuery::MAX_LIMIT,
                query.limit
            )));
        }
        let filter =
            concordia_store::DocumentFilter { text: query.text.clone(), language: query.language.clone() };
        let store = self.store();
        let listing = store.document_listing(
            &filter,
            query.sort,
            query.descending,
            query.offset as usize,
            query.limit as usize,
        )?;
        let languages: Vec<LanguageCount> = store
            .documents_by_language()?
            .into_iter()
            .map(|(language, n)| LanguageCount { language, documents: n as u32 })
            .collect();
        Ok(LibraryPage {
            offset: query.offset,
            matching: listing.matching as u32,
            total: languages.iter().map(|l| l.documents).sum(),
            languages,
            documents: listing.rows.into_iter().map(summary).collect(),
        })
    }

    /// Resolves a library id or a file path to a document id.
    pub fn resolve(&self, doc: &str) -> Result<DocId> {
        if let Ok(id) = doc.parse::<i64>() {
            return Ok(DocId(id));
        }
        let path = absolute(Path::new(doc)).display().to_string();
        self.store()
            .document_id_by_path(&path)?
            .map(DocId)
            .ok_or_else(|| Error::NotFound(Missing::Document(doc.to_owned())))
    }

    /// Like [`Library::resolve`], but a file that is not in the library yet is imported first,
    /// so `analyze contract.txt` works on a file never seen. Returns the id and whether it
    /// was imported now.
    pub fn resolve_or_import(&self, doc: &str) -> Result<(DocId, bool)> {
        match self.resolve(doc) {
            Err(Error::NotFound(_)) if Path::new(doc).is_file() => {
                let report = self.import(&[PathBuf::from(doc)], &Progress::none())?;
                let outcome = report
                    .outcomes
                    .into_iter()
                    .next()
                    .ok_or_else(|| Error::NotFound(Missing::Document(doc.to_owned())))?;
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
    pub fn document(&self, id: DocId, query: Option<&str>) -> Result<DocumentView> {
        let (doc, rows, mut topics) = {
            let store = self.store();
            let doc =
                store.document(id.0)?.ok_or_else(|| Error::NotFound(Missing::Document(id.to_string())))?;
            (doc, store.clauses(id.0)?, store.document_topics(id.0)?)
        };
        let matcher = match query.filter(|q| !q.trim().is_empty()) {
            Some(q) => {
                Some(self.search_contained(&SearchQuery { text: q, limit: 0, ..Default::default() })?.2)
            }
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
        Ok(DocumentView {
            id: DocId(doc.id),
            path: doc.path,
            title: doc.title,
            language: doc.language,
            clauses,
        })
    }

    /// A document with its clauses, topics and key terms.
    pub fn analyze(&self, id: DocId) -> Result<DocumentAnalysis> {
        let doc = self.document(id, None)?;
        let terms = key_terms::of_document(&doc);
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
    pub fn terms(&self, id: DocId) -> Result<Vec<TermView>> {
        let generation = self.store().generation()?;
        if let Some(terms) = self.cached_terms(generation, id) {
            return Ok(terms.as_ref().clone());
        }
        let terms = match self.stored_terms(id)? {
            Some(terms) => terms,
            None => self.find_terms(id)?,
        };
        let terms = Arc::new(terms);
        self.cache_terms(generation, vec![(id, terms.clone())]);
        Ok(terms.as_ref().clone())
    }

    fn cached_terms(&self, generation: u64, id: DocId) -> Option<Arc<Vec<TermView>>> {
        let cache = self.terms_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        (cache.0 == generation).then(|| cache.1.get(&id).cloned()).flatten()
    }

    fn cache_terms(&self, generation: u64, terms: Vec<(DocId, Arc<Vec<TermView>>)>) {
        let mut cache = self.terms_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.0 != generation {
            *cache = (generation, HashMap::new());
        }
        cache.1.extend(terms);
    }

    /// The key terms stored at import, if the current rules found them.
    fn stored_terms(&self, id: DocId) -> Result<Option<Vec<TermView>>> {
        let store = self.store();
        let Some(found) =
            store.key_terms(id.0, &key_terms::VERSION)?.and_then(|json| key_terms::decode(&json))
        else {
            return Ok(None);
        };
        let ids: Vec<i64> = store.clauses(id.0)?.iter().map(|c| c.id).collect();
        Ok(Some(key_terms::views(found, &ids)))
    }

    /// Finds a document's key terms from its stored clauses, and stores them for next time (a
    /// document imported by an older version, or before the rules changed).
    fn find_terms(&self, id: DocId) -> Result<Vec<TermView>> {
        let (json, terms) = self.find_terms_unsaved(id)?;
        if let Err(e) = self.store().put_key_terms(id.0, &key_terms::VERSION, &json) {
            // Only a cache: the terms are found again next time.
            tracing::debug!(doc = id.0, error = %e, "key terms not stored");
        }
        Ok(terms)
    }

    /// A document's key terms found again, with their stored form.
    pub(crate) fn find_terms_unsaved(&self, id: DocId) -> Result<(String, Vec<TermView>)> {
        Ok(key_terms::found_again(&self.document(id, None)?))
    }

    /// Removes a document from the store and the index. Waits while another process writes.
    /// Works with a damaged index or a full disk too: the store is the truth, and an index that
    /// could not follow is behind (its stale hits are skipped) until it is rebuilt.
    pub fn remove(&self, id: DocId) -> Result<()> {
        let _lock = WriteLock::take(&self.data_dir, &Progress::none(), Task::Remove)?;
        let generation = {
            let mut store = self.store();
            if !store.delete_document(id.0)? {
                return Err(Error::NotFound(Missing::Document(id.to_string())));
            }
            store.generation()?
        };
        let index = self.index.get();
        let updated = attempt(|| -> Result<()> {
            let mut batch = index.batch()?;
            batch.remove_document(id.0 as u64);
            batch.commit(generation)?;
            Ok(())
        });
        if let Err(reason) = updated {
            self.index.set_fault(Some(format!("the search index could not follow a removal: {reason}")));
        }
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
        // Words or a topic too: search wide, keep the hits in documents that satisfy the filters,
        // and read only the page's from the store.
        let query = self.index_query(req, (req.limit * 10).max(200))?;
        let (mut found, _, matcher) = self.search_contained(&query)?;
        let docs: std::collections::HashSet<i64> = matching.iter().map(|at| at.doc.0).collect();
        found.retain(|h| docs.contains(&(h.doc_id as i64)));
        // What the filters leave of the wide search; more may lie beyond it.
        let total = found.len();
        found.truncate(req.limit);
        let hits = self.store().in_one_read(|store| search_hits(store, found, &matcher))?;
        Ok(SearchResults { total, hits })
    }

    /// Hits for documents found by their key terms alone: each shows the clause and the words
    /// of the term that met the first condition. Only the page's terms are read with their quotes.
    fn hits_for_terms(&self, matching: &[TermAt], req: &SearchRequest) -> Result<SearchResults> {
        // With a language to check, every document's clause is read: in one read transaction.
        let (page, total) = self.store().in_one_read(|store| -> Result<_> {
            let mut page = Vec::new();
            let mut total = 0;
            for at in matching.iter().filter(|at| req.doc.is_none_or(|only| only == at.doc)) {
                // Past the page, a hit only counts; without a language to check, the store need not be read.
                if page.len() >= req.limit && req.lang.is_none() {
                    total += 1;
                    continue;
                }
                let (Some(doc), Some(row)) = (
                    store.document_summary(at.doc.0)?,
                    store.clauses_by_id(&[at.clause.0])?.into_iter().next(),
                ) else {
                    continue;
                };
                if req.lang.as_deref().is_some_and(|l| l != row.language) {
                    continue;
                }
                total += 1;
                if page.len() < req.limit {
                    page.push((at, doc, row));
                }
            }
            Ok((page, total))
        })?;
        let mut hits = Vec::with_capacity(page.len());
        for (at, doc, row) in page {
            let terms = self.terms(at.doc)?;
            let quote = terms
                .iter()
                .find(|t| t.kind == at.kind && t.clause_id == at.clause)
                .map_or_else(String::new, |t| t.quote.clone());
            let length = quote.chars().count();
            hits.push(SearchHit {
                doc_id: at.doc,
                doc_title: doc.title,
                path: doc.path,
                language: row.language,
                clause_id: ClauseId(row.id),
                number: row.number,
                heading: row.heading.or_else(|| row.heading_path.last().cloned()),
                score: 1.0,
                snippet: quote,
                highlights: vec![[0, length]],
            });
        }
        Ok(SearchResults { hits, total })
    }

    /// Runs a query on the index. A damaged index found on the way (an error or a panic in
    /// tantivy) is rebuilt from the store and the query run once more.
    fn search_contained(&self, query: &SearchQuery<'_>) -> Result<(Vec<IndexHit>, usize, Matcher)> {
        self.with_index(|index| index.search(query))
    }

    /// Runs `work` on the index, containing a panic of a damaged index: the index is then
    /// rebuilt from the store and `work` tried once more.
    fn with_index<T>(&self, work: impl Fn(&SearchIndex) -> concordia_index::Result<T>) -> Result<T> {
        if let Some(fault) = self.index.fault() {
            if self.index_health(false)? != Health::Current {
                return Err(Error::IndexUnavailable(fault));
            }
        }
        let why = match attempt(|| work(&self.index.get())) {
            Ok(found) => return Ok(found),
            Err(why) => why,
        };
        self.index.set_fault(Some(format!("the search index is damaged ({why})")));
        self.bring_up_to_date(&Progress::none())?;
        attempt(|| work(&self.index.get())).map_err(Error::IndexUnavailable)
    }

    /// Every clause a search matches, not just the best page: ids only, gathered by the index's
    /// collectors without ranking, snippets or reading the store (value filters narrow them by
    /// document). For "all hits of a word" and counting; `limit` is ignored.
    pub fn all_hits(&self, req: &SearchRequest) -> Result<Vec<ClauseId>> {
        let query = self.index_query(req, 0)?;
        let mut found = self.with_index(|index| index.all_matching(&query))?;
        if !req.filters.is_empty() {
            let conditions: Vec<filter::Condition> =
                req.filters.iter().map(|f| filter::parse(f)).collect::<Result<_>>()?;
            let docs: std::collections::HashSet<i64> =
                self.documents_where(&conditions)?.into_iter().map(|at| at.doc.0).collect();
            found.retain(|(_, doc)| docs.contains(&(*doc as i64)));
        }
        Ok(found.into_iter().map(|(clause, _)| ClauseId(clause as i64)).collect())
    }

    /// The index's form of a request, after checking its topic.
    fn index_query<'r>(&self, req: &'r SearchRequest, limit: usize) -> Result<SearchQuery<'r>> {
        if let Some(topic) = &req.topic {
            if !Lexicon::builtin().topics().iter().any(|t| &t.id == topic) {
                return Err(Error::UnknownTopic(topic.clone()));
            }
        }
        Ok(SearchQuery {
            text: &req.query,
            lang: req.lang.as_deref(),
            doc_id: req.doc.map(|d| d.0 as u64),
            limit,
            topics: req.topic.iter().cloned().collect(),
            also_topics: if req.cross { topics_of_words(&req.query) } else { Vec::new() },
        })
    }

    fn search_index(&self, req: &SearchRequest, limit: usize) -> Result<SearchResults> {
        let query = self.index_query(req, limit)?;
        let (found, total, matcher) = self.search_contained(&query)?;
        let hits = self.store().in_one_read(|store| search_hits(store, found, &matcher))?;
        Ok(SearchResults { total: total.max(hits.len()), hits })
    }
}

/// The hits of a page as the app shows them: each clause with its document and a snippet.
fn search_hits(
    store: &Store,
    found: Vec<concordia_index::IndexHit>,
    matcher: &concordia_index::Matcher,
) -> Result<Vec<SearchHit>> {
    let ids: Vec<i64> = found.iter().map(|h| h.clause_id as i64).collect();
    // A clause missing from the store means the index is behind: it is skipped.
    let mut rows: HashMap<i64, concordia_store::ClauseInFull> =
        store.clauses_in_full(&ids)?.into_iter().map(|r| (r.clause.id, r)).collect();
    let hits = found.into_iter().filter_map(|hit| {
        let row = rows.remove(&(hit.clause_id as i64))?;
        let clause = row.clause;
        let (snippet, highlights) =
            snippet(&row.text, &matcher.find(&clause.language, &row.text), SNIPPET_CHARS);
        Some(SearchHit {
            doc_id: DocId(clause.doc_id),
            doc_title: row.doc_title,
            path: row.doc_path,
            language: clause.language,
            clause_id: ClauseId(clause.id),
            number: clause.number,
            heading: clause.heading.or_else(|| clause.heading_path.last().cloned()),
            score: hit.score,
            snippet,
            highlights,
        })
    });
    Ok(hits.collect())
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
        id: ClauseId(row.id),
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
fn add_clauses<'a>(
    batch: &mut concordia_index::Batch<'_>,
    doc_id: i64,
    text: &str,
    clauses: impl Iterator<Item = ToIndex<'a>>,
) -> Result<()> {
    for clause in clauses {
        let body = index_text(&text[clause.start..clause.end], clause.heading_path);
        batch.add(ClauseDoc {
            clause_id: clause.id as u64,
            doc_id: doc_id as u64,
            lang: clause.language,
            text: &body,
            topics: &clause.topics,
        })?;
    }
    Ok(())
}

/// What the index needs of a clause, from the store or from an import's memory.
struct ToIndex<'a> {
    id: i64,
    language: &'a str,
    start: usize,
    end: usize,
    heading_path: &'a [String],
    topics: Vec<&'a str>,
}

/// Clauses as stored, with their topics by clause id.
fn stored_clauses<'a>(
    rows: &'a [ClauseRow],
    topics: &'a HashMap<i64, Vec<TopicRow>>,
) -> impl Iterator<Item = ToIndex<'a>> {
    rows.iter().map(|row| ToIndex {
        id: row.id,
        language: &row.language,
        start: row.start,
        end: row.end,
        heading_path: &row.heading_path,
        topics: topics.get(&row.id).map_or_else(Vec::new, |t| t.iter().map(|t| t.topic.as_str()).collect()),
    })
}

/// Clauses just parsed, with the ids the store gave them.
fn new_clauses<'a>(
    clauses: &'a [concordia_store::NewClause],
    ids: &'a [i64],
) -> impl Iterator<Item = ToIndex<'a>> {
    clauses.iter().zip(ids).map(|(c, &id)| ToIndex {
        id,
        language: &c.language,
        start: c.start,
        end: c.end,
        heading_path: &c.heading_path,
        topics: c.topics.iter().map(|t| t.topic.as_str()).collect(),
    })
}

/// What the index sees of a clause: its text, then its parent headings for context.
fn index_text(text: &str, heading_path: &[String]) -> String {
    if heading_path.is_empty() {
        return text.to_owned();
    }
    format!("{text}\n{}", heading_path.join("\n"))
}

/// What an import run has done so far.
struct ImportRun<'a> {
    outcomes: Vec<ImportOutcome>,
    batch: Option<concordia_index::Batch<'a>>,
    /// (outcome, document, whether it replaced an older version) stored since the last commit.
    uncommitted: Vec<(usize, i64, bool)>,
}

fn not_imported(path: &Path, reason: &str) -> ImportOutcome {
    let error =
        Error::IndexUnavailable(format!("not imported: the search index could not be written ({reason})"));
    refused(path, &error)
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
        reason: Some(error.template()),
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

/// One line per file and one for the run, in the log: names, statuses and counts, no text.
fn log_import(report: std::result::Result<&ImportReport, &Error>, took: std::time::Duration) {
    let ms = took.as_millis();
    let report = match report {
        Ok(report) => report,
        Err(e) => return tracing::warn!(error = %e, ms, "import failed"),
    };
    for o in &report.outcomes {
        let file = Path::new(&o.path).file_name().map_or(o.path.as_str(), |n| n.to_str().unwrap_or("?"));
        match &o.error {
            Some(error) => tracing::warn!(file, code = ?o.code, error = %error, "not imported"),
            None => {
                tracing::info!(file, status = ?o.status, language = ?o.language, clauses = ?o.clauses, "imported");
            }
        }
    }
    let count = |s: ImportStatus| report.outcomes.iter().filter(|o| o.status == s).count();
    tracing::info!(
        files = report.outcomes.len(),
        imported = count(ImportStatus::Imported),
        unchanged = count(ImportStatus::Unchanged),
        refused = report.outcomes.iter().filter(|o| o.error.is_some()).count(),
        cancelled = report.cancelled,
        ms,
        "import finished"
    );
}

fn summary(d: concordia_store::DocumentRow) -> DocumentSummary {
    DocumentSummary {
        id: DocId(d.id),
        path: d.path,
        title: d.title,
        language: d.language,
        format: d.format,
        clauses: d.clause_count,
        imported_at: d.imported_at,
        bytes: d.byte_size,
    }
}
