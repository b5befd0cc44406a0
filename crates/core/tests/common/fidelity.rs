//! Comparing an imported original with its Word or PDF version: clause numbers in order, and
//! key terms. Shared by the DOCX and PDF fidelity tests.

use concordia_core::api::DocId;
use std::path::{Path, PathBuf};

use concordia_core::{Library, Progress};

/// The originals to convert: fixtures with these extensions, and the text files of
/// ../shared/corpus when it is there; sorted.
pub fn sources(fixture_extensions: &[&str]) -> Vec<PathBuf> {
    let files = |dir: PathBuf, extensions: &[&str]| -> Vec<PathBuf> {
        let entries = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path());
        entries.filter(|p| p.extension().is_some_and(|e| extensions.iter().any(|x| e == *x))).collect()
    };
    let mut sources =
        files(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/topics"), fixture_extensions);
    if let Some(corpus) = crate::common::shared("corpus") {
        sources.extend(files(corpus, &["txt"]));
    }
    sources.sort();
    sources
}

/// Running totals over the documents compared.
#[derive(Default)]
pub struct Tally {
    pub clauses: usize,
    pub agreed: usize,
    pub same_terms: usize,
    pub docs: usize,
}

impl Tally {
    /// Imports both files, adds their comparison to the totals and prints any difference.
    pub fn compare(&mut self, library: &Library, original: &Path, version: &Path) {
        let (a, b) = (import(library, original), import(library, version));
        let numbers = |id| {
            library.document(id, None).unwrap().clauses.into_iter().map(|c| c.number).collect::<Vec<_>>()
        };
        let terms = |id| {
            let mut t: Vec<String> =
                library.terms(id).unwrap().iter().map(|t| format!("{} {}", t.kind, t.value)).collect();
            t.sort();
            t
        };
        let (na, nb, ta, tb) = (numbers(a), numbers(b), terms(a), terms(b));
        let (agree, total) = (agreeing(&na, &nb), na.len().max(nb.len()));
        self.clauses += total;
        self.agreed += agree;
        self.docs += 1;
        self.same_terms += usize::from(ta == tb);
        if agree != total || ta != tb {
            let differ: Vec<&String> =
                ta.iter().filter(|t| !tb.contains(t)).chain(tb.iter().filter(|t| !ta.contains(t))).collect();
            let terms = if ta == tb { "identical".to_owned() } else { format!("differ: {differ:?}") };
            println!("  {}: {agree}/{total} clauses agree; terms {terms}", original.display());
        }
    }

    /// Prints the figures and returns the share of clauses that agree.
    pub fn report(&self, what: &str) -> f64 {
        let share = self.agreed as f64 / self.clauses.max(1) as f64;
        println!(
            "{what} fidelity ({} documents): clause numbers agree for {}/{} = {:.1} %; key terms identical in {}/{}",
            self.docs,
            self.agreed,
            self.clauses,
            share * 100.0,
            self.same_terms,
            self.docs
        );
        share
    }
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

/// Imports one file and returns its id.
pub fn import(library: &Library, path: &Path) -> DocId {
    let report = library.import(&[path.to_path_buf()], &Progress::none()).unwrap();
    report.outcomes[0].id.unwrap_or_else(|| panic!("{}: {:?}", path.display(), report.outcomes[0].error))
}
