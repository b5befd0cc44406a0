use concordia_core::ErrorCode;
use serde::Serialize;

/// An error as the UI receives it: a closed code to act on and a message to show.
#[derive(Debug, Clone, Serialize)]
pub struct IpcError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What happened, naming the file or document, and what to do.
    pub message: String,
}

impl From<concordia_core::Error> for IpcError {
    fn from(e: concordia_core::Error) -> IpcError {
        IpcError { code: e.code(), message: e.to_string() }
    }
}

impl IpcError {
    /// A failure outside the core (a worker thread that died).
    pub fn internal(message: impl std::fmt::Display) -> IpcError {
        IpcError { code: ErrorCode::Storage, message: message.to_string() }
    }
}
