//! Alignment of equivalent clauses across different contracts and languages.
//!
//! Pure: clauses with their language, topics and key-term kinds in, rows of equivalent clauses
//! out. Documents are different contracts, not translations, so nothing is forced into a pair:
//! each document is matched against an anchor by an assignment with a "no match" option, and a
//! clause left over may join the row of its best partner (1:n, n:1) when it is close enough.

mod assign;
pub mod calibration;
mod corrections;
pub mod dictionary;
mod profile;
mod references;
mod rows;
mod similarity;
mod units;
mod words;

use std::sync::LazyLock;

pub use assign::one_to_one;
pub use corrections::{apply, Correction, Fix};
pub use dictionary::Dictionary;
pub use references::references;
pub use similarity::Signals;
pub use words::{numbers, stems};

/// The topic of a list of definitions: it names other topics without dealing with them.
pub(crate) const DEFINITIONS: &str = "definitions";

/// A clause as the aligner sees it.
#[derive(Debug, Clone, Default)]
pub struct ClauseIn {
    /// Its text, heading line included.
    pub text: String,
    /// Its own heading, or else its section's.
    pub heading: String,
    /// Its section's heading line ("Artikel 28 – …"), for numbering.
    pub section: String,
    /// Its number as written.
    pub number: Option<String>,
    /// Topic ids with confidence.
    pub topics: Vec<(String, f32)>,
    /// Those of `topics` it only has from its section's heading.
    pub inherited: Vec<String>,
    /// Whether its main topic is one that usually sits inside another's section and that other
    /// is here too ("13.2 After termination the processor deletes…" in "13 Term and
    /// termination"): it is the part of that section a lawyer compares on its own.
    pub framed: bool,
    /// Key-term kinds found in it.
    pub kinds: Vec<String>,
    /// Index of the clause it sits under ("11.3 a)" under "11.3"), if any.
    pub parent: Option<usize>,
    /// Whether it says more than its heading line.
    pub own_text: bool,
    /// Whether it stands beside the terms rather than in them: a table of contents, a
    /// signature block. Such clauses only meet their like.
    pub aside: bool,
    /// Whether it sits in an annex ("Anlage 1 – TOMs").
    pub annex: bool,
}

impl ClauseIn {
    /// Its most confident topic.
    pub fn primary_topic(&self) -> Option<&str> {
        // The first of equally sure topics, so the choice does not depend on the sort.
        let best = self.topics.iter().fold(None::<&(String, f32)>, |best, t| match best {
            Some(b) if b.1 >= t.1 => Some(b),
            _ => Some(t),
        });
        best.map(|(t, _)| t.as_str())
    }
}

/// A document as the aligner sees it.
#[derive(Debug, Clone, Default)]
pub struct DocIn {
    /// Language code.
    pub lang: String,
    /// Clauses in order.
    pub clauses: Vec<ClauseIn>,
}

/// A clause placed in a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Index of the clause in its document.
    pub clause: usize,
    /// How sure the link is (0–1): the share of links with its score that were right on
    /// labelled comparisons (see `calibration`); 1 for the clause the row was built around.
    pub confidence: f32,
    /// The similarity score the confidence was read from (1 for the row's own clause).
    pub score: f32,
    /// Whether the user put it there or confirmed it.
    pub fixed: bool,
}

/// A row of equivalent clauses: `cells[d]` holds document d's clauses (empty: not addressed).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's main topic, if any.
    pub topic: Option<String>,
    /// One cell per document, in input order.
    pub cells: Vec<Vec<Link>>,
}

/// Rows and how they were built.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// The rows, grouped by topic.
    pub rows: Vec<Row>,
    /// Whether the documents were read as one text (translations, versions): then rows pair
    /// paragraphs, and an empty cell means the paragraph is not in that text.
    pub one_text: bool,
}

/// Aligns documents with the learned dictionary.
pub struct Aligner {
    dictionary: Dictionary,
}

static BUILTIN: LazyLock<Aligner> = LazyLock::new(|| Aligner {
    dictionary: Dictionary::parse(dictionary::BUILTIN).expect("the shipped dictionary parses (tested)"),
});

/// Loads the shipped dictionary, stemmers and calibration now (the app does it on a thread of
/// its own at start-up), so that the first comparison does not wait about 20 ms for them.
pub fn warm_up() {
    LazyLock::force(&BUILTIN);
    LazyLock::force(&words::STEMMERS);
    LazyLock::force(&calibration::POINTS);
}

impl Aligner {
    /// The aligner with the shipped dictionary, loaded once.
    pub fn builtin() -> &'static Aligner {
        &BUILTIN
    }

    /// An aligner with another dictionary (tests, experiments).
    pub fn new(dictionary: Dictionary) -> Aligner {
        Aligner { dictionary }
    }

    /// Rows of equivalent clauses of `docs`, grouped by topic in the order of `docs[reference]`.
    /// Deterministic: the same input gives the same rows.
    pub fn align(&self, docs: &[DocIn], reference: usize, signals: Signals) -> Vec<Row> {
        self.alignment(docs, reference, signals).rows
    }

    /// [`Aligner::align`], saying also whether the documents were read as one text.
    pub fn alignment(&self, docs: &[DocIn], reference: usize, signals: Signals) -> Alignment {
        rows::align(&self.dictionary, docs, reference, signals)
    }
}
