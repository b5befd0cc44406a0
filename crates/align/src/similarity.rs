//! How alike two clauses of two documents are, across languages, as one score in 0–1.
//!
//! Body and heading words are compared through the learned dictionary (stems of one language
//! mapped to the other's), then blended with shared numbers, topics, key-term kinds and, unless
//! switched off, the place in the document.

use crate::dictionary::Dictionary;
use crate::profile::{normalise, Bag, Profile};

/// Switches for measuring what each signal contributes.
#[derive(Debug, Clone, Copy)]
pub struct Signals {
    /// Use the place in the document and the clause numbering.
    pub structure: bool,
}

impl Default for Signals {
    fn default() -> Signals {
        Signals { structure: true }
    }
}

/// The similarity matrix of two documents' clauses: `scores[i][j]` for clause i of `a`, j of `b`.
pub fn matrix(
    dictionary: &Dictionary,
    (a, lang_a): (&[Profile], &str),
    (b, lang_b): (&[Profile], &str),
    signals: Signals,
) -> Vec<Vec<f32>> {
    let a_body: Vec<Bag> = a.iter().map(|p| translate(dictionary, &p.body, lang_a, lang_b)).collect();
    let b_body: Vec<Bag> = b.iter().map(|p| translate(dictionary, &p.body, lang_b, lang_a)).collect();
    let a_head: Vec<Bag> = a.iter().map(|p| translate(dictionary, &p.heading, lang_a, lang_b)).collect();
    let b_head: Vec<Bag> = b.iter().map(|p| translate(dictionary, &p.heading, lang_b, lang_a)).collect();
    a.iter()
        .enumerate()
        .map(|(i, pa)| {
            b.iter()
                .enumerate()
                .map(|(j, pb)| {
                    let body = (dot(&a_body[i], &pb.body) + dot(&b_body[j], &pa.body)) / 2.0;
                    let heading = (dot(&a_head[i], &pb.heading) + dot(&b_head[j], &pa.heading)) / 2.0;
                    score(pa, pb, body, heading, signals)
                })
                .collect()
        })
        .collect()
}

/// Blends the signals that both clauses have; a signal only one of them has counts as a miss.
fn score(a: &Profile, b: &Profile, body: f32, heading: f32, signals: Signals) -> f32 {
    let mut parts: Vec<(f32, f32)> = vec![(0.5, body)];
    if !a.heading.is_empty() && !b.heading.is_empty() {
        parts.push((0.15, heading));
    }
    if !a.numbers.is_empty() || !b.numbers.is_empty() {
        parts.push((0.15, jaccard(&a.numbers, &b.numbers)));
    }
    if !a.kinds.is_empty() || !b.kinds.is_empty() {
        parts.push((0.1, jaccard(&a.kinds, &b.kinds)));
    }
    let topics = topic_overlap(&a.topics, &b.topics);
    if let Some(t) = topics {
        parts.push((0.3, t));
    }
    let weight: f32 = parts.iter().map(|(w, _)| w).sum();
    let mut content = parts.iter().map(|(w, s)| w * s).sum::<f32>() / weight;
    // Topic first: clauses about different things are unlikely partners, however alike their words.
    if topics == Some(0.0) && !a.topics.is_empty() && !b.topics.is_empty() {
        content *= 0.5;
    }
    if !signals.structure {
        return content;
    }
    let place = 1.0 - (a.position - b.position).abs();
    let label = match (a.label, b.label) {
        ((Some(sa), Some(na)), (Some(sb), Some(nb))) if sa == sb && na == nb => 1.0,
        ((_, Some(na)), (_, Some(nb))) if na == nb => 0.5,
        _ => 0.0,
    };
    0.75 * content + 0.15 * place + 0.10 * label
}

/// Overlap of weighted topic sets; `None` when neither clause has a topic.
fn topic_overlap(a: &[(String, f32)], b: &[(String, f32)]) -> Option<f32> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let weight =
        |topics: &[(String, f32)], id: &str| topics.iter().find(|(t, _)| t == id).map_or(0.0, |(_, w)| *w);
    let ids: std::collections::BTreeSet<&str> = a.iter().chain(b).map(|(t, _)| t.as_str()).collect();
    let (mut min, mut max) = (0.0, 0.0);
    for id in ids {
        let (x, y) = (weight(a, id), weight(b, id));
        min += x.min(y);
        max += x.max(y);
    }
    Some(if max > 0.0 { min / max } else { 0.0 })
}

/// Shared share of two sets; the profiles hold sets already, so nothing is rebuilt per pair.
fn jaccard<T: Ord>(a: &std::collections::BTreeSet<T>, b: &std::collections::BTreeSet<T>) -> f32 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        return 0.0;
    }
    shared as f32 / union as f32
}

/// A bag of `from` stems carried into `to`: each stem spreads over its translations; the stem
/// itself also stays, since legal words are often shared ("audit", "GDPR", "Artikel").
fn translate(dictionary: &Dictionary, bag: &Bag, from: &str, to: &str) -> Bag {
    if from == to {
        return bag.clone();
    }
    let mut out = Bag::default();
    for (stem, weight) in bag {
        *out.entry(stem.clone()).or_default() += 0.5 * weight;
        for (translation, strength) in dictionary.translate(from, to, stem) {
            *out.entry(translation.clone()).or_default() += weight * strength;
        }
    }
    normalise(&mut out);
    out
}

fn dot(a: &Bag, b: &Bag) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().filter_map(|(k, w)| large.get(k).map(|v| w * v)).sum()
}
