//! Concordia's core: the [`Library`] façade over text extraction, segmentation,
//! the SQLite store and the search index. Knows nothing of Tauri; the app and
//! the `concordia` CLI both drive it.
//!
//! # Example
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let library = concordia_core::Library::open(dir.path()).unwrap();
//! let file = dir.path().join("avv.md");
//! std::fs::write(&file, "# AVV\n\n§ 10 Haftung\n\nDie Haftung ist auf 5.000 EUR begrenzt.").unwrap();
//! let report = library.import(&[file], &concordia_core::Progress::none()).unwrap();
//! assert_eq!(report.outcomes[0].status, concordia_core::api::ImportStatus::Imported);
//! let hits = library.search(&concordia_core::api::SearchRequest::new("Haftung")).unwrap();
//! assert_eq!(hits.hits[0].number.as_deref(), Some("§ 10"));
//! ```
#![deny(missing_docs)]

pub mod api;
mod backup;
pub mod bookmarks;
mod cache;
pub mod compare;
mod contain;
mod error;
pub mod eval;
mod filter;
mod import;
mod key_terms;
mod library;
mod lock;
pub mod log;
pub mod output;
pub mod playbook;
pub mod portfolio;
mod progress;
mod redline;
pub mod report;
mod review;
mod snippet;
mod space;
mod title;
mod verdict;
pub mod worker;

pub use concordia_align::Fix;
pub use concordia_store::{BookmarkStatus, DocumentOrder};
pub use error::{words as error_words, Error, ErrorCode, Missing, Result, Template};
pub use library::{default_data_dir, Library};
pub use progress::Progress;
