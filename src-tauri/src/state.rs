use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use concordia_core::Library;

use crate::IpcError;

/// What the commands share: the library (or why it could not be opened) and the cancel flag.
pub struct AppState {
    library: Result<Arc<Library>, IpcError>,
    /// Set by `cancel_task`; the running import or reindex stops between files.
    pub cancel: Arc<AtomicBool>,
}

impl AppState {
    /// Opens the library as it is, so the window shows at once; the UI then asks for upkeep
    /// (a damaged or stale index is rebuilt with progress). A failure is kept so every command
    /// can report it to the UI.
    pub fn open(data_dir: &Path) -> AppState {
        let library = Library::open_as_is(data_dir).map(Arc::new).map_err(|e| {
            eprintln!("concordia: {e}");
            IpcError::from(e)
        });
        AppState { library, cancel: Arc::new(AtomicBool::new(false)) }
    }

    /// The library, or the error that kept it from opening.
    pub fn library(&self) -> Result<Arc<Library>, IpcError> {
        self.library.clone()
    }
}
