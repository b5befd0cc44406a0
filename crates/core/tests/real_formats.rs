//! The real DPAs of `../shared/real` as a lawyer receives them: as Word files (pandoc) and as
//! PDFs a browser printed from their web page (pandoc's HTML, Chromium's "Save as PDF"). A
//! format must not change what Concordia reads: prints key terms, topics and compare rows
//! against the gold for each format, and how many checklist statuses and key terms agree with
//! the Markdown originals.
//!
//! The texts were tuned on, so these are regression checks of the readers, not results; the PDF
//! goals sit just under the figures measured when this test was written (see the README).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use concordia_core::api::DocId;
use concordia_core::eval::{evaluate, Figures, GoldSet};
use concordia_core::{Library, Progress};

/// Runs a converter, failing with what to install when it is missing.
fn run(command: &mut Command) {
    let status = command.status();
    assert!(
        status.as_ref().is_ok_and(std::process::ExitStatus::success),
        "{command:?} failed ({status:?}); `bash scripts/deps.sh test` installs pandoc, node, Chromium and playwright-core"
    );
}

/// Each original converted to `format` ("docx", "pdf") in `out`, in the order given.
fn converted(originals: &[PathBuf], out: &Path, format: &str) -> Vec<PathBuf> {
    let target = |source: &Path, ext: &str| out.join(source.file_stem().unwrap()).with_extension(ext);
    if format == "docx" {
        for source in originals {
            run(Command::new("pandoc")
                .args(["-f", "gfm", "-t", "docx", "-o"])
                .arg(target(source, "docx"))
                .arg(source));
        }
    } else {
        let pages: Vec<PathBuf> = originals.iter().map(|s| target(s, "html")).collect();
        for (source, page) in originals.iter().zip(&pages) {
            let title = source.file_stem().unwrap().to_string_lossy();
            run(Command::new("pandoc")
                .args(["-f", "gfm", "-t", "html5", "-s", "--metadata"])
                .arg(format!("title={title}"))
                .arg("-o")
                .arg(page)
                .arg(source));
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/tools/print-pdf.mjs");
        run(Command::new("node").arg(script).arg(out).args(&pages));
    }
    originals.iter().map(|s| target(s, format)).collect()
}

/// The gold of `set` for the same documents in another folder and format.
fn gold_for(set: &GoldSet, dir: &Path, format: &str) -> GoldSet {
    let docs = set
        .docs
        .iter()
        .map(|(key, gold)| {
            (Path::new(key).with_extension(format).to_string_lossy().into_owned(), gold.clone())
        })
        .collect();
    GoldSet { dir: dir.to_path_buf(), docs }
}

fn import(library: &Library, paths: &[PathBuf]) -> Vec<DocId> {
    let report = library.import(paths, &Progress::none()).unwrap();
    report.outcomes.iter().map(|o| o.id.expect("imported")).collect()
}

/// How many documents have the same key terms in both versions, and how many checklist
/// statuses agree.
fn agreement(library: &Library, originals: &[DocId], versions: &[DocId]) -> (usize, usize, usize) {
    let terms = |id: DocId| {
        let mut t: Vec<String> =
            library.terms(id).unwrap().iter().map(|t| format!("{} {}", t.kind, t.value)).collect();
        t.sort();
        t
    };
    let (mut same_terms, mut agree, mut items) = (0, 0, 0);
    for (&a, &b) in originals.iter().zip(versions) {
        same_terms += usize::from(terms(a) == terms(b));
        let (ra, rb) = (library.review(a).unwrap(), library.review(b).unwrap());
        for (x, y) in ra.checklist.iter().zip(&rb.checklist) {
            items += 1;
            agree += usize::from(x.requirement == y.requirement && x.status == y.status);
        }
    }
    (same_terms, agree, items)
}

fn measure(format: &str) -> Option<(Figures, (usize, usize, usize))> {
    let dir = common::shared("real")?;
    let set = GoldSet::load(&dir).unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir(out.path().join("docs")).unwrap();
    let originals: Vec<PathBuf> = set.docs.keys().map(|k| dir.join(k)).collect();
    let versions = converted(&originals, &out.path().join("docs"), format);
    let scratch = tempfile::tempdir().unwrap();
    let figures = evaluate(&gold_for(&set, out.path(), format), scratch.path()).unwrap();
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let (a, b) = (import(&library, &originals), import(&library, &versions));
    let agreed = agreement(&library, &a, &b);
    println!("real DPAs as {format}: {} documents", figures.documents);
    println!("{}", figures.summary());
    for miss in &figures.misses {
        println!("  {miss}");
    }
    println!(
        "  against the Markdown originals: key terms identical in {}/{}; checklist statuses agree {}/{}",
        agreed.0,
        a.len(),
        agreed.1,
        agreed.2
    );
    Some((figures, agreed))
}

#[test]
fn word_versions_of_real_dpas_read_as_their_originals() {
    let Some((figures, (same_terms, agree, items))) = measure("docx") else { return };
    assert_eq!(same_terms, figures.documents, "key terms identical in every document");
    assert_eq!(agree, items, "every checklist status as in the original");
    assert!(figures.recall() >= 0.95 && figures.precision() >= 0.95, "key terms {}", figures.summary());
}

#[test]
fn pdfs_of_real_dpas_printed_by_a_browser_read_nearly_as_their_originals() {
    let Some((figures, (same_terms, agree, items))) = measure("pdf") else { return };
    assert_eq!(figures.languages_right, figures.documents);
    assert!(figures.precision() >= 0.95, "key-term precision {:.3}", figures.precision());
    assert!(figures.recall() >= 0.95, "key-term recall {:.3}", figures.recall());
    assert!(figures.topics() >= 0.95, "topics {:.3}", figures.topics());
    assert!(figures.pairwise() >= 0.85, "compare pairwise {:.3}", figures.pairwise());
    assert!(same_terms * 100 >= figures.documents * 90, "key terms identical in {same_terms} documents");
    assert!(agree * 100 >= items * 98, "checklist statuses agree {agree}/{items}");
}
