//! The Concordia desktop app: a thin Tauri shell. Every command delegates to
//! `concordia_core::Library`; no domain logic lives here.

mod commands;
mod error;
mod state;

use std::path::PathBuf;

pub use error::IpcError;
pub use state::AppState;

/// The data directory from `--data-dir DIR`, else `$CONCORDIA_DATA_DIR`, else the platform default.
fn data_dir_from_args() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            if let Some(dir) = args.next() {
                return PathBuf::from(dir);
            }
        } else if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return PathBuf::from(dir);
        }
    }
    concordia_core::default_data_dir()
}

/// Starts the app.
pub fn run() {
    let dir = data_dir_from_args();
    concordia_core::log::to_file(&dir);
    let state = AppState::open(&dir);
    // Off the start-up path: the window does not wait for it, the first Compare no longer does.
    std::thread::spawn(concordia_core::compare::warm_up);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window opens at the size and place it was left at (1280×680 the first time, which
        // fits a 1366×768 screen with its taskbar).
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::library_info,
            commands::library_page,
            commands::document_review,
            commands::portfolio,
            commands::list_playbooks,
            commands::playbook_text,
            commands::save_playbook,
            commands::save_portfolio,
            commands::list_topics,
            commands::import_paths,
            commands::cancel_task,
            commands::remove_document,
            commands::get_document,
            commands::document_terms,
            commands::search,
            commands::reindex,
            commands::library_upkeep,
            commands::bring_up_to_date,
            commands::outdated_findings,
            commands::reread_findings,
            commands::library_generation,
            commands::refresh_library,
            commands::backup_library,
            commands::restore_library,
            commands::compare,
            commands::correct_alignment,
            commands::remove_correction,
            commands::bookmarks,
            commands::add_bookmark,
            commands::update_bookmark,
            commands::review_bookmark,
            commands::remove_bookmark,
            commands::export_bookmarks,
            commands::import_bookmarks,
            commands::save_report,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Concordia app");
}
