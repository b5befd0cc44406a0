use concordia_core::{ErrorCode, Template};
use serde::Serialize;

/// An error as the UI receives it: a closed code to act on and a message to show.
#[derive(Debug, Clone, Serialize)]
pub struct IpcError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What happened, naming the file or document, and what to do.
    pub message: String,
    /// The same as a template, for the interface to word in its language.
    pub template: Template,
}

impl From<concordia_core::Error> for IpcError {
    fn from(e: concordia_core::Error) -> IpcError {
        IpcError { code: e.code(), message: e.to_string(), template: e.template() }
    }
}

impl IpcError {
    /// A failure outside the core (a worker thread that died).
    pub fn internal(message: impl std::fmt::Display) -> IpcError {
        IpcError {
            code: ErrorCode::Storage,
            message: message.to_string(),
            template: Template::as_is(message),
        }
    }
}
