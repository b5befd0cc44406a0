//! What the aligner knows of a clause: weighted stems of its body and heading, its numbers,
//! topics, key-term kinds and place in the document.

use std::collections::{BTreeSet, HashMap};

use crate::words::{numbers, stems};
use crate::{ClauseIn, DocIn};

/// Sparse vector over stems, L2-normalised. A fixed hasher (Fx: fast, no random seed) keeps
/// iteration, and so the order of floating-point sums, the same from run to run: the alignment
/// is deterministic.
pub type Bag = HashMap<String, f32, rustc_hash::FxBuildHasher>;

/// A clause, ready to be compared.
#[derive(Debug)]
pub struct Profile {
    pub body: Bag,
    pub heading: Bag,
    pub numbers: BTreeSet<u64>,
    pub topics: Vec<(String, f32)>,
    pub kinds: BTreeSet<String>,
    /// 0 at the start of the document, 1 at its end.
    pub position: f32,
    /// The last number of the clause number and of its section ("Artikel 28 (3)" → 28, 3).
    pub label: (Option<u64>, Option<u64>),
}

/// Profiles of every clause of a document; stem weights use the document's own frequencies.
pub fn profiles(doc: &DocIn) -> Vec<Profile> {
    let bodies: Vec<Vec<String>> = doc.clauses.iter().map(|c| stems(&doc.lang, &c.text)).collect();
    let headings: Vec<Vec<String>> = doc.clauses.iter().map(|c| stems(&doc.lang, &c.heading)).collect();
    let idf = inverse_frequencies(&bodies);
    let sections = with_items(doc, &bodies);
    let last = doc.clauses.len().saturating_sub(1).max(1) as f32;
    doc.clauses
        .iter()
        .enumerate()
        .map(|(k, clause)| Profile {
            body: bag(&sections[k], &idf),
            heading: bag(&headings[k], &idf),
            numbers: own_numbers(clause),
            topics: clause.topics.clone(),
            kinds: clause.kinds.iter().cloned().collect(),
            position: k as f32 / last,
            label: (last_number(&clause.section), clause.number.as_deref().and_then(last_number)),
        })
        .collect()
}

/// Each section's words followed by those of the items in it, so that a heading with little
/// text of its own ("7 Sub-processors" over 7.1–7.3) is compared by what its section says.
fn with_items(doc: &DocIn, bodies: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut sections = bodies.to_vec();
    for (k, unit) in sections_of(doc).into_iter().enumerate() {
        if unit != k {
            let own = bodies[k].clone();
            sections[unit].extend(own);
        }
    }
    sections
}

/// For each clause, the clause that heads its section: itself, or its ancestor at the level
/// where the document is divided into sections (the first level with at least three clauses,
/// so that a title heading over everything is not taken for a section).
pub fn sections_of(doc: &DocIn) -> Vec<usize> {
    let mut depth = vec![0usize; doc.clauses.len()];
    for (k, clause) in doc.clauses.iter().enumerate() {
        if let Some(parent) = clause.parent.filter(|&p| p < k) {
            depth[k] = depth[parent] + 1;
        }
    }
    let max = depth.iter().copied().max().unwrap_or(0);
    let level = (0..=max).find(|&d| depth.iter().filter(|&&x| x == d).count() >= 3).unwrap_or(0);
    let mut unit: Vec<usize> = (0..doc.clauses.len()).collect();
    for (k, clause) in doc.clauses.iter().enumerate() {
        if depth[k] > level {
            if let Some(parent) = clause.parent.filter(|&p| p < k) {
                unit[k] = unit[parent];
            }
        }
    }
    unit
}

fn inverse_frequencies(docs: &[Vec<String>]) -> HashMap<&str, f32> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for words in docs {
        for word in words.iter().map(String::as_str).collect::<BTreeSet<_>>() {
            *df.entry(word).or_default() += 1;
        }
    }
    let n = docs.len() as f32;
    df.into_iter().map(|(word, d)| (word, (1.0 + n / d as f32).ln())).collect()
}

fn bag(words: &[String], idf: &HashMap<&str, f32>) -> Bag {
    let mut bag = Bag::default();
    for word in words {
        *bag.entry(word.clone()).or_default() += idf.get(word.as_str()).copied().unwrap_or(1.0);
    }
    normalise(&mut bag);
    bag
}

pub fn normalise(bag: &mut Bag) {
    let norm = bag.values().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        bag.values_mut().for_each(|w| *w /= norm);
    }
}

/// Numbers in the text after its leading enumeration ("3. … Artikel 28" → {28}).
fn own_numbers(clause: &ClauseIn) -> BTreeSet<u64> {
    let text = clause.text.trim_start();
    let body =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || ".()".contains(c) || c.is_whitespace());
    numbers(body).into_iter().collect()
}

fn last_number(text: &str) -> Option<u64> {
    numbers(text).last().copied()
}
