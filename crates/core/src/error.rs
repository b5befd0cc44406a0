use std::path::PathBuf;

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong; messages name the file and say what to do.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read from disk.
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A file was read but is not usable text.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// The file type is not one Concordia imports.
    Unsupported {
        /// The file.
        path: PathBuf,
        /// Its extension ("" when it has none).
        extension: String,
    },
    /// A value filter that cannot be read.
    BadFilter(String),
    /// A topic id that is not in the taxonomy.
    UnknownTopic(String),
    /// A comparison that cannot be made (too few or too many documents, a stray reference).
    BadComparison(String),
    /// Input the user gave that cannot be used (a bookmark file, a tag, a report option).
    Invalid(String),
    /// The output file is already there and may not be overwritten.
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// An output file could not be written; nothing was left half-written.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Something looked for is not in the library.
    NotFound(Missing),
    /// The data directory could not be prepared.
    DataDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The store failed.
    Store(concordia_store::Error),
    /// The index failed.
    Index(concordia_index::Error),
    /// The search index cannot be used or written right now; the library itself is intact.
    IndexUnavailable(String),
    /// The disk filled up while a file was being stored; nothing of it was kept.
    DiskFull {
        /// The file.
        path: PathBuf,
    },
    /// Not enough free disk space for an import.
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
        f.write_str(&self.template().fill())
    }
}

impl Missing {
    fn template(&self) -> Template {
        match self {
            Missing::Document(doc) => Template::new(words::NO_DOCUMENT).with("doc", doc),
            Missing::Clause(id) => Template::new(words::NO_CLAUSE).with("id", id),
            Missing::Bookmark(id) => Template::new(words::NO_BOOKMARK).with("id", id),
            Missing::Correction(id) => Template::new(words::NO_CORRECTION).with("id", id),
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

/// The English wording of every error, with named holes. The interface translates them by this
/// text (`labels.toml` `[xx.ui]`; `crates/core/tests/ui_labels.rs` fails on a missing one).
pub mod words {
    /// A file that could not be read.
    pub const READ: &str = "could not read {path}: {reason}";
    /// A file that is not usable text.
    pub const UNREADABLE: &str = "could not import {path}: {reason}";
    /// A file type Concordia does not import.
    pub const UNSUPPORTED: &str =
        "could not import {path}: .{extension} files are not supported (use .txt, .md, .html, .docx, .odt or .pdf)";
    /// A file without an extension.
    pub const NO_EXTENSION: &str =
        "could not import {path}: files without an extension are not supported (use .txt, .md, .html, .docx, .odt or .pdf)";
    /// A value filter that cannot be read.
    pub const BAD_FILTER: &str = "cannot read the filter {filter}";
    /// A topic id not in the taxonomy.
    pub const UNKNOWN_TOPIC: &str = "unknown topic \"{topic}\"; `concordia topics` lists them";
    /// An output file that is already there.
    pub const EXISTS: &str = "{path} already exists; choose another name, or allow overwriting (--force)";
    /// An output file that could not be written.
    pub const WRITE: &str = "could not write {path}: {reason}";
    /// A data directory that could not be prepared.
    pub const DATA_DIR: &str = "could not open the library in {path}: {reason}";
    /// The search index cannot be used.
    pub const INDEX_UNAVAILABLE: &str = "search is unavailable: {reason}. Your documents are safe; `concordia reindex` rebuilds the index (free disk space first if it is full)";
    /// The disk filled up during an import.
    pub const DISK_FULL: &str =
        "could not import {path}: the disk is full; free some space, then import it again";
    /// Not enough room for an import.
    pub const NO_SPACE: &str = "not enough free disk space in {path}: the import needs about {needed_mb} MB, {free_mb} MB are free; free some space or import fewer files";
    /// A document not in the library.
    pub const NO_DOCUMENT: &str = "no document {doc} in the library";
    /// A clause not in the library.
    pub const NO_CLAUSE: &str = "no clause {id} in the library";
    /// A bookmark that is not there.
    pub const NO_BOOKMARK: &str = "no bookmark {id}";
    /// A correction that is not there.
    pub const NO_CORRECTION: &str = "no correction {id}";
    /// A message worded elsewhere (the store, the index, a check with its own sentence).
    pub const AS_IS: &str = "{detail}";

    /// All of them, for the check that each is translated.
    pub const ALL: &[&str] = &[
        READ,
        UNREADABLE,
        UNSUPPORTED,
        NO_EXTENSION,
        BAD_FILTER,
        UNKNOWN_TOPIC,
        EXISTS,
        WRITE,
        DATA_DIR,
        INDEX_UNAVAILABLE,
        DISK_FULL,
        NO_SPACE,
        NO_DOCUMENT,
        NO_CLAUSE,
        NO_BOOKMARK,
        NO_CORRECTION,
        AS_IS,
    ];
}

/// A message as a template and its values ("could not read {path}: {reason}", path = …), so
/// each interface words it in its own language; the CLI and logs use [`Template::fill`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Template {
    /// The English text with `{name}` holes: one of [`words`].
    pub text: String,
    /// The value of each hole.
    pub args: std::collections::BTreeMap<String, String>,
}

impl Template {
    fn new(text: &str) -> Template {
        Template { text: text.to_owned(), args: std::collections::BTreeMap::new() }
    }

    /// A sentence already worded (in English), shown as it is.
    pub fn as_is(detail: impl std::fmt::Display) -> Template {
        Template::new(words::AS_IS).with("detail", detail)
    }

    fn with(mut self, name: &str, value: impl std::fmt::Display) -> Template {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }

    /// The English sentence: each `{name}` replaced by its value, in one pass (a value holding
    /// braces is left as it is).
    pub fn fill(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut rest = self.text.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}').map(|close| (&after[..close], close)) {
                Some((name, close)) if self.args.contains_key(name) => {
                    out.push_str(&self.args[name]);
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl Error {
    /// What happened, as a template the interface can word in its language.
    pub fn template(&self) -> Template {
        match self {
            Error::Io { path, source } => {
                Template::new(words::READ).with("path", path.display()).with("reason", source)
            }
            Error::Unreadable { path, reason } => {
                Template::new(words::UNREADABLE).with("path", path.display()).with("reason", reason)
            }
            Error::Unsupported { path, extension } if extension.is_empty() => {
                Template::new(words::NO_EXTENSION).with("path", path.display())
            }
            Error::Unsupported { path, extension } => {
                Template::new(words::UNSUPPORTED).with("path", path.display()).with("extension", extension)
            }
            Error::BadFilter(filter) => Template::new(words::BAD_FILTER).with("filter", filter),
            Error::UnknownTopic(topic) => Template::new(words::UNKNOWN_TOPIC).with("topic", topic),
            Error::BadComparison(detail) | Error::Invalid(detail) => Template::as_is(detail),
            Error::Exists { path } => Template::new(words::EXISTS).with("path", path.display()),
            Error::Write { path, reason } => {
                Template::new(words::WRITE).with("path", path.display()).with("reason", reason)
            }
            Error::NotFound(missing) => missing.template(),
            Error::DataDir { path, reason } => {
                Template::new(words::DATA_DIR).with("path", path.display()).with("reason", reason)
            }
            Error::Store(e) => Template::as_is(e),
            Error::Index(e) => Template::as_is(e),
            Error::IndexUnavailable(reason) => Template::new(words::INDEX_UNAVAILABLE).with("reason", reason),
            Error::DiskFull { path } => Template::new(words::DISK_FULL).with("path", path.display()),
            Error::NoSpace { path, needed_mb, free_mb } => Template::new(words::NO_SPACE)
                .with("path", path.display())
                .with("needed_mb", needed_mb)
                .with("free_mb", free_mb),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.template().fill())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Store(e) => Some(e),
            Error::Index(e) => Some(e),
            _ => None,
        }
    }
}

impl From<concordia_store::Error> for Error {
    fn from(e: concordia_store::Error) -> Error {
        Error::Store(e)
    }
}

impl From<concordia_index::Error> for Error {
    fn from(e: concordia_index::Error) -> Error {
        Error::Index(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_fills_its_holes_once() {
        let t = Template::new(words::READ).with("path", "/a/{reason}.pdf").with("reason", "denied");
        assert_eq!(t.fill(), "could not read /a/{reason}.pdf: denied");
        assert_eq!(Template::new("left {open").fill(), "left {open");
    }

    #[test]
    fn every_error_reads_as_before() {
        let path = PathBuf::from("/x/a.exe");
        let e = Error::Unsupported { path: path.clone(), extension: "exe".into() };
        assert_eq!(
            e.to_string(),
            "could not import /x/a.exe: .exe files are not supported (use .txt, .md, .html, .docx, .odt or .pdf)"
        );
        let e = Error::Unsupported { path, extension: String::new() };
        assert!(e.to_string().contains("files without an extension are not supported"), "{e}");
        assert_eq!(
            Error::UnknownTopic("x".into()).to_string(),
            "unknown topic \"x\"; `concordia topics` lists them"
        );
        assert_eq!(
            Error::NotFound(Missing::Document("7".into())).to_string(),
            "no document 7 in the library"
        );
        let e = Error::NoSpace { path: "/d".into(), needed_mb: 5, free_mb: 1 };
        assert_eq!(e.template().args["needed_mb"], "5");
        assert!(words::ALL.iter().all(|w| w.contains('{')));
    }
}
