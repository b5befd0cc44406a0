use std::path::PathBuf;

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong; messages name the file and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read from disk.
    #[error("could not read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A file was read but is not usable text.
    #[error("could not import {path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// The file type is not one Concordia imports.
    #[error(
        "could not import {path}: {} are not supported (use .txt, .md, .html, .docx, .odt or .pdf)",
        if extension.is_empty() { "files without an extension".to_owned() } else { format!(".{extension} files") }
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// Its extension ("" when it has none).
        extension: String,
    },
    /// A value filter that cannot be read.
    #[error("cannot read the filter {0}")]
    BadFilter(String),
    /// A topic id that is not in the taxonomy.
    #[error("unknown topic {0:?}; `concordia topics` lists them")]
    UnknownTopic(String),
    /// A comparison that cannot be made (too few or too many documents, a stray reference).
    #[error("{0}")]
    BadComparison(String),
    /// Input the user gave that cannot be used (a bookmark file, a tag, a report option).
    #[error("{0}")]
    Invalid(String),
    /// The output file is already there and may not be overwritten.
    #[error("{path} already exists; choose another name, or allow overwriting (--force)")]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// An output file could not be written; nothing was left half-written.
    #[error("could not write {path}: {reason}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Something looked for is not in the library.
    #[error("{0}")]
    NotFound(Missing),
    /// The data directory could not be prepared.
    #[error("could not open the library in {path}: {reason}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] concordia_store::Error),
    /// The index failed.
    #[error(transparent)]
    Index(#[from] concordia_index::Error),
    /// The search index cannot be used or written right now; the library itself is intact.
    #[error("search is unavailable: {0}. Your documents are safe; `concordia reindex` rebuilds the index (free disk space first if it is full)")]
    IndexUnavailable(String),
    /// The disk filled up while a file was being stored; nothing of it was kept.
    #[error("could not import {path}: the disk is full; free some space, then import it again")]
    DiskFull {
        /// The file.
        path: PathBuf,
    },
    /// Not enough free disk space for an import.
    #[error("not enough free disk space in {path}: the import needs about {needed_mb} MB, {free_mb} MB are free; free some space or import fewer files")]
    NoSpace {
        /// The library folder.
        path: PathBuf,
        /// About how much the import needs.
        needed_mb: u64,
        /// How much is free.
        free_mb: u64,
    },
}

/// What was looked for and not found, so the message names the right thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// A document, by the id or path the user gave.
    Document(String),
    /// A clause, by id.
    Clause(crate::api::ClauseId),
    /// A bookmark, by id.
    Bookmark(crate::api::BookmarkId),
    /// An alignment correction, by id.
    Correction(crate::api::CorrectionId),
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::Document(doc) => write!(f, "no document {doc} in the library"),
            Missing::Clause(id) => write!(f, "no clause {id} in the library"),
            Missing::Bookmark(id) => write!(f, "no bookmark {id}"),
            Missing::Correction(id) => write!(f, "no correction {id}"),
        }
    }
}

/// A closed set of codes the UI can act on; it never parses messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ErrorCode {
    /// File missing or unreadable.
    Io,
    /// File is not usable text (binary, empty, malformed).
    Unreadable,
    /// File type not supported.
    Unsupported,
    /// Unknown document.
    NotFound,
    /// Another process is writing the index.
    Busy,
    /// Storage failure.
    Storage,
    /// A filter or argument the user typed cannot be read.
    InvalidInput,
    /// The output file exists; ask before overwriting.
    Exists,
    /// The disk is too full for the task.
    NoSpace,
}

impl Error {
    /// Whether the store found the disk full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, Error::Store(e) if e.is_disk_full())
    }

    /// The code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Io { .. } | Error::Write { .. } => ErrorCode::Io,
            Error::Exists { .. } => ErrorCode::Exists,
            Error::Unreadable { .. } => ErrorCode::Unreadable,
            Error::Unsupported { .. } => ErrorCode::Unsupported,
            Error::NotFound(_) | Error::UnknownTopic(_) => ErrorCode::NotFound,
            Error::BadFilter(_) | Error::BadComparison(_) | Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::Index(concordia_index::Error::Busy) => ErrorCode::Busy,
            Error::DataDir { .. } | Error::Store(_) | Error::Index(_) | Error::IndexUnavailable(_) => {
                ErrorCode::Storage
            }
            Error::NoSpace { .. } | Error::DiskFull { .. } => ErrorCode::NoSpace,
        }
    }
}
