//! IPC commands: each one a delegate to the core. Long work runs on a blocking
//! thread so the window stays responsive; progress streams through a channel.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use concordia_core::api::{
    BookmarkFilter, BookmarkId, BookmarkView, ClauseId, Comparison, CorrectionId, CorrectionRequest,
    CorrectionView, DocId, DocumentView, ImportReport, LibraryInfo, LibraryPage, LibraryQuery, PortfolioPage,
    PortfolioQuery, ProgressEvent, Review, SearchRequest, SearchResults, TermView, TopicInfo,
};
use concordia_core::bookmarks::{BookmarkFormat, BookmarkImport};
use concordia_core::output::write_file;
use concordia_core::playbook::PlaybookInfo;
use concordia_core::report::{self, Against, ReportFormat};
use concordia_core::Progress;
use tauri::ipc::Channel;
use tauri::State;

use crate::{AppState, IpcError};

type Reply<T> = Result<T, IpcError>;

#[tauri::command(async)]
pub fn library_info(state: State<'_, AppState>) -> Reply<LibraryInfo> {
    let library = state.library()?;
    let documents = library.document_count()?;
    Ok(LibraryInfo { data_dir: library.data_dir().display().to_string(), documents })
}

#[tauri::command(async)]
pub fn list_topics(state: State<'_, AppState>) -> Reply<Vec<TopicInfo>> {
    Ok(state.library()?.topics())
}

#[tauri::command(async)]
pub fn library_page(state: State<'_, AppState>, query: LibraryQuery) -> Reply<LibraryPage> {
    Ok(state.library()?.page(&query)?)
}

#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    on_progress: Channel<ProgressEvent>,
) -> Reply<ImportReport> {
    let library = state.library()?;
    let progress = progress_to(&state, on_progress);
    let work = tauri::async_runtime::spawn_blocking(move || library.import(&paths, &progress));
    Ok(work.await.map_err(IpcError::internal)??)
}

#[tauri::command]
pub async fn reindex(
    state: State<'_, AppState>,
    on_progress: Channel<ProgressEvent>,
) -> Reply<Option<usize>> {
    let library = state.library()?;
    let progress = progress_to(&state, on_progress);
    let work = tauri::async_runtime::spawn_blocking(move || library.reindex(&progress));
    Ok(work.await.map_err(IpcError::internal)??)
}

/// Why the library needs upkeep before search is current (a damaged or stale index), if so.
/// Asked once the first screen is up; when nothing needs repair, the portfolio's facts are then
/// read in the background, so that its first view or value filter does not wait for them.
#[tauri::command(async)]
pub fn library_upkeep(state: State<'_, AppState>) -> Reply<Option<String>> {
    let library = state.library()?;
    let reason = library.upkeep()?;
    if reason.is_none() {
        // Findings of older rules are read again with progress first (`reread_findings`). Asking
        // takes a third of a second at 100,000 documents: not before this answers.
        std::thread::spawn(move || {
            if library.outdated_findings().is_ok_and(|n| n == 0) {
                library.warm_up_portfolio();
            }
        });
    }
    Ok(reason)
}

/// How many documents hold key terms or checklists found by older rules (the app was updated).
#[tauri::command(async)]
pub fn outdated_findings(state: State<'_, AppState>) -> Reply<usize> {
    Ok(state.library()?.outdated_findings()?)
}

/// Reads those again with progress; returns how many are left (cancelled). When none are, the
/// portfolio's facts are then read ahead, as after an upkeep that found nothing to do.
#[tauri::command]
pub async fn reread_findings(
    state: State<'_, AppState>,
    on_progress: Channel<ProgressEvent>,
) -> Reply<usize> {
    let library = state.library()?;
    let progress = progress_to(&state, on_progress);
    let work = tauri::async_runtime::spawn_blocking(move || {
        let left = library.reread_findings(&progress)?;
        if left == 0 {
            library.warm_up_portfolio();
        }
        Ok::<_, concordia_core::Error>(left)
    });
    Ok(work.await.map_err(IpcError::internal)??)
}

/// Does that upkeep with progress; returns what is still wrong afterwards, if anything.
#[tauri::command]
pub async fn bring_up_to_date(
    state: State<'_, AppState>,
    on_progress: Channel<ProgressEvent>,
) -> Reply<Option<String>> {
    let library = state.library()?;
    let progress = progress_to(&state, on_progress);
    let work = tauri::async_runtime::spawn_blocking(move || {
        library.bring_up_to_date(&progress).map(|()| library.index_fault())
    });
    Ok(work.await.map_err(IpcError::internal)??)
}

/// The store generation: the UI polls it to notice what other processes changed.
#[tauri::command(async)]
pub fn library_generation(state: State<'_, AppState>) -> Reply<u64> {
    Ok(state.library()?.generation()?)
}

/// Picks up changes another process made (its index commits, a rebuilt index).
#[tauri::command(async)]
pub fn refresh_library(state: State<'_, AppState>) -> Reply<Option<String>> {
    let library = state.library()?;
    library.refresh()?;
    Ok(library.index_fault())
}

/// Writes a copy of the whole library; `overwrite` as for [`export_bookmarks`].
#[tauri::command(async)]
pub fn backup_library(state: State<'_, AppState>, path: PathBuf, overwrite: bool) -> Reply<()> {
    Ok(state.library()?.backup(&path, overwrite)?)
}

/// Replaces the library with a backup, then rebuilds the index with progress.
#[tauri::command]
pub async fn restore_library(
    state: State<'_, AppState>,
    path: PathBuf,
    on_progress: Channel<ProgressEvent>,
) -> Reply<usize> {
    let library = state.library()?;
    let progress = progress_to(&state, on_progress);
    let work = tauri::async_runtime::spawn_blocking(move || library.restore(&path, &progress));
    Ok(work.await.map_err(IpcError::internal)??)
}

#[tauri::command]
pub fn cancel_task(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::Relaxed);
}

#[tauri::command(async)]
pub fn remove_document(state: State<'_, AppState>, id: DocId) -> Reply<()> {
    Ok(state.library()?.remove(id)?)
}

#[tauri::command(async)]
pub fn get_document(state: State<'_, AppState>, id: DocId, query: Option<String>) -> Reply<DocumentView> {
    Ok(state.library()?.document(id, query.as_deref())?)
}

#[tauri::command(async)]
pub fn document_terms(state: State<'_, AppState>, id: DocId, lang: Option<String>) -> Reply<Vec<TermView>> {
    let terms = state.library()?.terms(id)?;
    Ok(report::terms_worded_in(terms, labels(lang.as_deref())))
}

#[tauri::command(async)]
pub fn document_review(
    state: State<'_, AppState>,
    id: DocId,
    lang: Option<String>,
    playbook: Option<String>,
) -> Reply<Review> {
    let library = state.library()?;
    let playbook = playbook.as_deref().map(|p| library.playbook(p)).transpose()?;
    Ok(library.review_against(id, labels(lang.as_deref()), playbook.as_ref())?)
}

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, req: SearchRequest) -> Reply<SearchResults> {
    Ok(state.library()?.search(&req)?)
}

#[tauri::command(async)]
pub fn compare(
    state: State<'_, AppState>,
    ids: Vec<DocId>,
    reference: Option<DocId>,
    lang: Option<String>,
    playbook: Option<String>,
) -> Reply<Comparison> {
    let library = state.library()?;
    let playbook = playbook.map(|p| library.playbook(&p)).transpose()?;
    let against = Against { reference, playbook: playbook.as_ref() };
    Ok(library.compare_against(&ids, against, labels(lang.as_deref()))?)
}

/// The labels of the app's language; English for none or one Concordia does not speak.
fn labels(lang: Option<&str>) -> &'static report::Labels {
    lang.and_then(report::Labels::of).unwrap_or_else(report::Labels::english)
}

#[tauri::command(async)]
pub fn correct_alignment(state: State<'_, AppState>, req: CorrectionRequest) -> Reply<CorrectionView> {
    Ok(state.library()?.correct_alignment(&req)?)
}

#[tauri::command(async)]
pub fn remove_correction(state: State<'_, AppState>, id: CorrectionId) -> Reply<()> {
    Ok(state.library()?.remove_correction(id)?)
}

#[tauri::command(async)]
pub fn bookmarks(state: State<'_, AppState>, filter: BookmarkFilter) -> Reply<Vec<BookmarkView>> {
    Ok(state.library()?.bookmarks(&filter)?)
}

#[tauri::command(async)]
pub fn add_bookmark(
    state: State<'_, AppState>,
    clause_id: ClauseId,
    note: String,
    tags: Vec<String>,
) -> Reply<BookmarkView> {
    Ok(state.library()?.add_bookmark(clause_id, &note, &tags)?)
}

#[tauri::command(async)]
pub fn update_bookmark(
    state: State<'_, AppState>,
    id: BookmarkId,
    note: String,
    tags: Vec<String>,
) -> Reply<BookmarkView> {
    Ok(state.library()?.update_bookmark(id, &note, &tags)?)
}

#[tauri::command(async)]
pub fn review_bookmark(state: State<'_, AppState>, id: BookmarkId) -> Reply<BookmarkView> {
    Ok(state.library()?.review_bookmark(id)?)
}

#[tauri::command(async)]
pub fn remove_bookmark(state: State<'_, AppState>, id: BookmarkId) -> Reply<bool> {
    Ok(state.library()?.remove_bookmark(id)?)
}

/// `overwrite` is true only for a path from the native save dialog, which has asked already.
#[tauri::command(async)]
pub fn export_bookmarks(state: State<'_, AppState>, path: PathBuf, overwrite: bool) -> Reply<()> {
    let format = BookmarkFormat::parse(&extension(&path))?;
    let text = state.library()?.export_bookmarks(format)?;
    Ok(write_file(&path, text.as_bytes(), overwrite)?)
}

#[tauri::command(async)]
pub fn import_bookmarks(state: State<'_, AppState>, path: PathBuf) -> Reply<BookmarkImport> {
    let format = BookmarkFormat::parse(&extension(&path))?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| concordia_core::Error::Io { path: path.clone(), source: e })?;
    Ok(state.library()?.import_bookmarks(&text, format)?)
}

/// Writes a diff report; `overwrite` as for [`export_bookmarks`].
#[tauri::command]
pub async fn save_report(
    state: State<'_, AppState>,
    ids: Vec<DocId>,
    reference: Option<DocId>,
    playbook: Option<String>,
    lang: String,
    path: PathBuf,
    overwrite: bool,
) -> Reply<()> {
    let library = state.library()?;
    let format = ReportFormat::parse(&extension(&path))?;
    let playbook = playbook.map(|p| library.playbook(&p)).transpose()?;
    let work = tauri::async_runtime::spawn_blocking(move || {
        let against = Against { reference, playbook: playbook.as_ref() };
        library.write_report(&ids, against, &lang, format, &path, overwrite)
    });
    Ok(work.await.map_err(IpcError::internal)??)
}

#[tauri::command(async)]
pub fn list_playbooks(state: State<'_, AppState>) -> Reply<Vec<PlaybookInfo>> {
    Ok(state.library()?.playbooks())
}

#[tauri::command(async)]
pub fn playbook_text(state: State<'_, AppState>, id: String) -> Reply<String> {
    Ok(state.library()?.playbook_text(&id)?)
}

/// Saves a playbook only when its text reads whole; otherwise says why and saves nothing.
#[tauri::command(async)]
pub fn save_playbook(state: State<'_, AppState>, text: String) -> Reply<PlaybookInfo> {
    Ok(state.library()?.save_playbook(&text)?)
}

#[tauri::command(async)]
pub fn portfolio(
    state: State<'_, AppState>,
    query: PortfolioQuery,
    lang: Option<String>,
) -> Reply<PortfolioPage> {
    Ok(state.library()?.portfolio(&query, labels(lang.as_deref()))?)
}

/// Writes the portfolio as CSV, or as a report in the file's format (html, md, pdf).
#[tauri::command]
pub async fn save_portfolio(
    state: State<'_, AppState>,
    query: PortfolioQuery,
    lang: Option<String>,
    path: PathBuf,
) -> Reply<()> {
    let library = state.library()?;
    let lang = lang.unwrap_or_else(|| "en".to_owned());
    // The native save dialog has already asked before replacing a file.
    let work =
        tauri::async_runtime::spawn_blocking(move || library.write_portfolio(&query, &lang, &path, true));
    Ok(work.await.map_err(IpcError::internal)??)
}

/// Progress streamed to the UI, with a fresh cancel flag the UI's Cancel sets.
fn progress_to(state: &AppState, on_progress: Channel<ProgressEvent>) -> Progress {
    state.cancel.store(false, Ordering::Relaxed);
    Progress::new(move |e| drop(on_progress.send(e.clone())), state.cancel.clone())
}

fn extension(path: &std::path::Path) -> String {
    path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default()
}
