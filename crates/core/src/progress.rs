use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::api::ProgressEvent;

type Callback = Box<dyn Fn(&ProgressEvent) + Send + Sync>;

/// Reports progress of a long task and carries its cancel flag.
pub struct Progress {
    callback: Option<Callback>,
    cancel: Arc<AtomicBool>,
}

impl Progress {
    /// No reporting, never cancelled.
    pub fn none() -> Progress {
        Progress { callback: None, cancel: Arc::new(AtomicBool::new(false)) }
    }

    /// Calls `callback` on every step; `cancel` set to true stops the task between files.
    pub fn new(
        callback: impl Fn(&ProgressEvent) + Send + Sync + 'static,
        cancel: Arc<AtomicBool>,
    ) -> Progress {
        Progress { callback: Some(Box::new(callback)), cancel }
    }

    pub(crate) fn report(&self, event: ProgressEvent) {
        if let Some(callback) = &self.callback {
            callback(&event);
        }
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}
