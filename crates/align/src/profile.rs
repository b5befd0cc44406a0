//! What the aligner knows of a unit (one clause or several): weighted stems of its body and
//! heading, its numbers, topics, key-term kinds and place in the document.

use std::collections::{BTreeSet, HashMap};

use crate::words::{numbers, stems};
use crate::{ClauseIn, DocIn};

/// Sparse vector over stems, L2-normalised. A fixed hasher (Fx: fast, no random seed) keeps
/// iteration, and so the order of floating-point sums, the same from run to run: the alignment
/// is deterministic.
pub type Bag = HashMap<String, f32, rustc_hash::FxBuildHasher>;

/// A unit, ready to be compared.
#[derive(Debug)]
pub struct Profile {
    pub body: Bag,
    pub heading: Bag,
    pub numbers: BTreeSet<u64>,
    /// Topics with their weight in the unit, most weighty first.
    pub topics: Vec<(String, f32)>,
    pub kinds: BTreeSet<String>,
    /// 0 at the start of the document, 1 at its end.
    pub position: f32,
    /// The last number of the clause number and of its section ("Artikel 28 (3)" → 28, 3).
    pub label: (Option<u64>, Option<u64>),
    /// A table of contents or a signature block.
    pub aside: bool,
    /// In an annex.
    pub annex: bool,
    /// Characters of text: a one-line promise and a page of measures are different things.
    pub length: usize,
}

impl Profile {
    /// The weightiest topic.
    pub fn primary(&self) -> Option<&str> {
        self.topics.first().map(|(t, _)| t.as_str())
    }

    /// Whether the unit carries this topic at all.
    pub fn has_topic(&self, id: &str) -> bool {
        self.topics.iter().any(|(t, _)| t == id)
    }
}

/// Profiles of the given units of a document (each a list of clause indices, first clause
/// first); stem weights use the document's own frequencies over those units.
pub fn profiles(doc: &DocIn, units: &[Vec<usize>]) -> Vec<Profile> {
    let stems_of: Vec<Vec<String>> = doc.clauses.iter().map(|c| stems(&doc.lang, &c.text)).collect();
    let bodies: Vec<Vec<String>> =
        units.iter().map(|unit| unit.iter().flat_map(|&k| stems_of[k].iter().cloned()).collect()).collect();
    let idf = inverse_frequencies(&bodies);
    let last = doc.clauses.len().saturating_sub(1).max(1) as f32;
    units
        .iter()
        .zip(&bodies)
        .map(|(unit, body)| {
            let root = &doc.clauses[unit[0]];
            Profile {
                body: bag(body, &idf),
                heading: bag(&stems(&doc.lang, &root.heading), &idf),
                numbers: unit.iter().flat_map(|&k| own_numbers(&doc.clauses[k])).collect(),
                topics: unit_topics(unit.iter().map(|&k| &doc.clauses[k])),
                kinds: unit.iter().flat_map(|&k| doc.clauses[k].kinds.iter().cloned()).collect(),
                position: unit[0] as f32 / last,
                label: (last_number(&root.section), root.number.as_deref().and_then(last_number)),
                aside: root.aside,
                annex: root.annex,
                length: unit.iter().map(|&k| doc.clauses[k].text.chars().count()).sum(),
            }
        })
        .collect()
}

/// A unit's topics: each topic's highest confidence, scaled by the share of the unit's text
/// that carries it, so the topic of the whole outweighs one of a single item.
fn unit_topics<'a>(clauses: impl Iterator<Item = &'a ClauseIn>) -> Vec<(String, f32)> {
    let clauses: Vec<&ClauseIn> = clauses.collect();
    let total: usize = clauses.iter().map(|c| c.text.len().max(1)).sum();
    let mut found: Vec<(String, f32, usize)> = Vec::new();
    for clause in &clauses {
        for (topic, confidence) in &clause.topics {
            match found.iter_mut().find(|(t, _, _)| t == topic) {
                Some(entry) => {
                    entry.1 = entry.1.max(*confidence);
                    entry.2 += clause.text.len().max(1);
                }
                None => found.push((topic.clone(), *confidence, clause.text.len().max(1))),
            }
        }
    }
    let mut topics: Vec<(String, f32)> = found
        .into_iter()
        .map(|(topic, confidence, length)| (topic, confidence * (0.5 + 0.5 * length as f32 / total as f32)))
        .collect();
    // Stable: equal weights keep the order the clauses gave them.
    topics.sort_by(|a, b| b.1.total_cmp(&a.1));
    topics
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
fn own_numbers(clause: &ClauseIn) -> Vec<u64> {
    let text = clause.text.trim_start();
    let body =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || ".()".contains(c) || c.is_whitespace());
    numbers(body)
}

fn last_number(text: &str) -> Option<u64> {
    numbers(text).last().copied()
}
