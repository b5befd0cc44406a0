//! DOCX and ODT fidelity: Word and OpenDocument versions of the text fixtures and of
//! ../shared/corpus, made by pandoc in the test (one paragraph per line of text, Markdown
//! headings and lists as heading styles and automatic numbering), import with the same clause
//! numbers and the same key terms.
//! Prints the figures; skipped with a message when pandoc is not installed (CI installs it).

mod common;
#[path = "common/fidelity.rs"]
mod fidelity;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use concordia_core::Library;

/// A `format` ("docx", "odt") version of `source` written to `out_dir`, or `None` when pandoc
/// is missing.
fn convert(source: &Path, out_dir: &Path, format: &str) -> Option<PathBuf> {
    let text = std::fs::read_to_string(source).unwrap();
    // Plain text: every line its own paragraph, as a typist would have it in Word.
    let markdown =
        if source.extension().is_some_and(|e| e == "txt") { text.replace('\n', "\n\n") } else { text };
    let out = out_dir.join(source.file_stem().unwrap()).with_extension(format);
    let mut child = Command::new("pandoc")
        .args(["-f", "markdown", "-t", format, "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .spawn()
        .ok()?;
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), markdown.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success(), "pandoc converts {}", source.display());
    Some(out)
}

fn versions_keep_clause_numbers_and_key_terms(format: &str) {
    let sources = fidelity::sources(&["txt", "md"]);
    let out = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let mut tally = fidelity::Tally::default();
    for source in &sources {
        let Some(version) = convert(source, out.path(), format) else {
            eprintln!("pandoc not installed: {format} fidelity not measured");
            return;
        };
        tally.compare(&library, source, &version);
    }
    let share = tally.report(&format.to_uppercase());
    assert!(share >= 0.95, "clause agreement {:.1} % is below 95 %", share * 100.0);
    assert_eq!(tally.same_terms, tally.docs, "key terms identical in every document");
}

#[test]
fn word_versions_keep_clause_numbers_and_key_terms() {
    versions_keep_clause_numbers_and_key_terms("docx");
}

#[test]
fn open_document_versions_keep_clause_numbers_and_key_terms() {
    versions_keep_clause_numbers_and_key_terms("odt");
}
