//! `concordia bookmark …`: add, list, edit, review, remove, export, import.

use std::path::PathBuf;

use clap::Subcommand;
use concordia_core::api::{BookmarkFilter, BookmarkId, BookmarkView, ClauseId};
use concordia_core::bookmarks::BookmarkFormat;
use concordia_core::output::write_file;
use concordia_core::{BookmarkStatus, Library};

#[derive(Subcommand)]
pub enum BookmarkAction {
    /// Bookmark a clause of a document (clause ids as in `show --json`).
    Add {
        /// Library id or file path.
        doc: String,
        /// The clause's id.
        clause_id: ClauseId,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
        /// A tag (repeat for several).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// List bookmarks.
    List {
        /// Only with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Only on this document (library id or path).
        #[arg(long)]
        doc: Option<String>,
        /// Only on documents in this language.
        #[arg(long, value_name = "LL")]
        lang: Option<String>,
        /// Only on clauses with this topic.
        #[arg(long)]
        topic: Option<String>,
        /// Only with this status: anchored, needs_review, detached.
        #[arg(long, value_parser = status_of)]
        status: Option<BookmarkStatus>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a bookmark's note and tags (the tags given replace the old ones).
    Edit {
        id: BookmarkId,
        #[arg(long)]
        note: Option<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Option<Vec<String>>,
    },
    /// Mark a bookmark that needs review as checked against its clause's current text.
    Review { id: BookmarkId },
    /// Delete a bookmark.
    Rm { id: BookmarkId },
    /// Write all bookmarks to a JSON or CSV file.
    Export {
        /// The file to write (format from its extension unless --format).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// json or csv.
        #[arg(long)]
        format: Option<String>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Read bookmarks from a JSON or CSV export; those on documents not in the library wait for them.
    Import {
        file: PathBuf,
        /// json or csv (default: from the extension).
        #[arg(long)]
        format: Option<String>,
    },
}

pub fn run(library: &Library, action: BookmarkAction) -> anyhow::Result<()> {
    match action {
        BookmarkAction::Add { doc, clause_id, note, tags } => {
            let doc_id = library.resolve(&doc)?;
            let on_doc = library.document(doc_id, None)?.clauses.iter().any(|c| c.id == clause_id);
            anyhow::ensure!(on_doc, "clause {clause_id} is not in document {doc_id}; `concordia show {doc_id} --json` lists its clause ids");
            let b = library.add_bookmark(clause_id, &note, &tags)?;
            println!("bookmark {}: {} — {}", b.id, b.doc_title, b.clause_label);
        }
        BookmarkAction::List { tag, doc, lang, topic, status, json } => {
            let doc_id = doc.map(|d| library.resolve(&d)).transpose()?;
            let filter = BookmarkFilter { tag, doc_id, language: lang, topic, status };
            print(&library.bookmarks(&filter)?, json)?;
        }
        BookmarkAction::Edit { id, note, tags } => {
            let old = library.bookmark(id)?;
            let b = library.update_bookmark(
                id,
                note.as_deref().unwrap_or(&old.note),
                &tags.unwrap_or(old.tags),
            )?;
            println!("bookmark {}: note and tags saved", b.id);
        }
        BookmarkAction::Review { id } => {
            let b = library.review_bookmark(id)?;
            println!("bookmark {}: reviewed, now on {}", b.id, b.clause_label);
        }
        BookmarkAction::Rm { id } => {
            anyhow::ensure!(
                library.remove_bookmark(id)?,
                "no bookmark {id}; `concordia bookmark list` shows the ids"
            );
            println!("removed bookmark {id}");
        }
        BookmarkAction::Export { output, format, force } => {
            let format = format_of(format.as_deref(), &output)?;
            let text = library.export_bookmarks(format)?;
            write_file(&output, text.as_bytes(), force)?;
            println!("wrote {}", output.display());
        }
        BookmarkAction::Import { file, format } => {
            let format = format_of(format.as_deref(), &file)?;
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("could not read {}: {e}", file.display()))?;
            let r = library.import_bookmarks(&text, format)?;
            println!(
                "{} bookmarks added ({} on documents in the library, the rest wait for theirs); {} already here",
                r.added, r.attached, r.duplicates
            );
        }
    }
    Ok(())
}

fn format_of(given: Option<&str>, path: &std::path::Path) -> anyhow::Result<BookmarkFormat> {
    let name =
        given.map(str::to_owned).or_else(|| path.extension().map(|e| e.to_string_lossy().into_owned()));
    let name =
        name.ok_or_else(|| anyhow::anyhow!("say --format json or csv, or name the file .json or .csv"))?;
    Ok(BookmarkFormat::parse(&name)?)
}

fn print(bookmarks: &[BookmarkView], json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(bookmarks)?);
        return Ok(());
    }
    if bookmarks.is_empty() {
        println!("no bookmarks");
    }
    for b in bookmarks {
        let status = match b.status {
            BookmarkStatus::Anchored => String::new(),
            other => format!("  [{}]", other.name().replace('_', " ")),
        };
        let tags = if b.tags.is_empty() { String::new() } else { format!("  #{}", b.tags.join(" #")) };
        println!("{:>4}  {} — {}{status}{tags}", b.id, b.doc_title, b.clause_label);
        if !b.note.is_empty() {
            println!("      {}", b.note.replace('\n', "\n      "));
        }
    }
    Ok(())
}

/// `--status`: one of the three names, or an error that lists them.
fn status_of(name: &str) -> Result<BookmarkStatus, String> {
    BookmarkStatus::ALL
        .into_iter()
        .find(|s| s.name() == name)
        .ok_or_else(|| format!("use anchored, needs_review or detached, not {name:?}"))
}
