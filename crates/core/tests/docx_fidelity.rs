//! DOCX fidelity: Word versions of the text fixtures and of ../shared/corpus, made by pandoc in
//! the test (one Word paragraph per line of text, Markdown headings and lists as Word styles and
//! automatic numbering), import with the same clause numbers and the same key terms.
//! Prints the figures; skipped with a message when pandoc is not installed (CI installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use concordia_core::{Library, Progress};

/// A DOCX of `source` written next to `out_dir`, or `None` when pandoc is missing.
fn to_docx(source: &Path, out_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(source).unwrap();
    // Plain text: every line its own paragraph, as a typist would have it in Word.
    let markdown =
        if source.extension().is_some_and(|e| e == "txt") { text.replace('\n', "\n\n") } else { text };
    let out = out_dir.join(source.file_stem().unwrap()).with_extension("docx");
    let mut child = Command::new("pandoc")
        .args(["-f", "markdown", "-t", "docx", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .spawn()
        .ok()?;
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), markdown.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success(), "pandoc converts {}", source.display());
    Some(out)
}

/// Length of the longest common subsequence: clauses that agree in number and order.
fn agreeing(a: &[Option<String>], b: &[Option<String>]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()]
}

fn import(library: &Library, path: &Path) -> i64 {
    let report = library.import(&[path.to_path_buf()], &Progress::none()).unwrap();
    report.outcomes[0].id.unwrap_or_else(|| panic!("{}: {:?}", path.display(), report.outcomes[0].error))
}

#[test]
fn word_versions_keep_clause_numbers_and_key_terms() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/topics");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    if let Some(corpus) = common::shared("corpus") {
        sources.extend(
            std::fs::read_dir(corpus)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    sources.sort();
    let out = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let (mut clauses, mut agreed, mut same_terms, mut docs) = (0, 0, 0, 0);
    for source in &sources {
        let Some(docx) = to_docx(source, out.path()) else {
            eprintln!("pandoc not installed: DOCX fidelity not measured");
            return;
        };
        let (a, b) = (import(&library, source), import(&library, &docx));
        let numbers = |id| {
            library.document(id, None).unwrap().clauses.into_iter().map(|c| c.number).collect::<Vec<_>>()
        };
        let (na, nb) = (numbers(a), numbers(b));
        let terms = |id| {
            let mut t: Vec<String> =
                library.terms(id).unwrap().iter().map(|t| format!("{} {}", t.kind, t.value)).collect();
            t.sort();
            t
        };
        let (ta, tb) = (terms(a), terms(b));
        let agree = agreeing(&na, &nb);
        clauses += na.len().max(nb.len());
        agreed += agree;
        docs += 1;
        if ta == tb {
            same_terms += 1;
        }
        if agree != na.len().max(nb.len()) || ta != tb {
            println!(
                "  {}: {agree}/{} clauses agree; terms {}",
                source.display(),
                na.len().max(nb.len()),
                if ta == tb { "identical" } else { "differ" }
            );
        }
    }
    let share = agreed as f64 / clauses as f64;
    println!(
        "DOCX fidelity ({docs} documents): clause numbers agree for {agreed}/{clauses} = {:.1} %; key terms identical in {same_terms}/{docs}",
        share * 100.0
    );
    assert!(share >= 0.95, "clause agreement {:.1} % is below 95 %", share * 100.0);
    assert_eq!(same_terms, docs, "key terms identical in every document");
}
