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

/// What decides first whether two units are partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Different contracts: their topics, then their words.
    TopicFirst,
    /// One text in two languages or versions: their words; topics are one signal among others.
    WordsFirst,
}

impl Default for Signals {
    fn default() -> Signals {
        Signals { structure: true }
    }
}

/// Blended scores and word similarities of two documents' units, `[i][j]` each.
pub type Matrices = (Vec<Vec<f32>>, Vec<Vec<f32>>);

/// The similarity matrices of two documents' units: `[i][j]` for unit i of `a`, j of `b`, the
/// blended score and, apart, how alike their words alone are (which tells a translation from
/// another contract on the same topic).
pub fn matrix(
    dictionary: &Dictionary,
    (a, lang_a): (&[Profile], &str),
    (b, lang_b): (&[Profile], &str),
    signals: Signals,
    mode: Mode,
) -> Matrices {
    let a_body: Vec<Bag> = a.iter().map(|p| translate(dictionary, &p.body, lang_a, lang_b)).collect();
    let b_body: Vec<Bag> = b.iter().map(|p| translate(dictionary, &p.body, lang_b, lang_a)).collect();
    let a_head: Vec<Bag> = a.iter().map(|p| translate(dictionary, &p.heading, lang_a, lang_b)).collect();
    let b_head: Vec<Bag> = b.iter().map(|p| translate(dictionary, &p.heading, lang_b, lang_a)).collect();
    let mut scores = vec![vec![0.0; b.len()]; a.len()];
    let mut words = vec![vec![0.0; b.len()]; a.len()];
    for (i, pa) in a.iter().enumerate() {
        for (j, pb) in b.iter().enumerate() {
            let body = (dot(&a_body[i], &pb.body) + dot(&b_body[j], &pa.body)) / 2.0;
            let heading = (dot(&a_head[i], &pb.heading) + dot(&b_head[j], &pa.heading)) / 2.0;
            scores[i][j] = score(pa, pb, (body, heading), signals, mode);
            words[i][j] = body;
        }
    }
    (scores, words)
}

/// How alike two units are. Topic first: units whose main topics agree are partners unless
/// their words say otherwise, units about different things are not, however alike their
/// words; without topics, the words decide. Place and numbering add a little.
fn score(a: &Profile, b: &Profile, (body, heading): (f32, f32), signals: Signals, mode: Mode) -> f32 {
    if a.aside != b.aside {
        return 0.0; // a signature block never stands for a clause of the terms
    }
    let topics = topic_overlap(&a.topics, &b.topics);
    let mut content = blend(a, b, body, heading, topics);
    content = match (a.primary(), b.primary()) {
        // Paragraphs about different things are unlikely partners, however alike their words.
        (Some(_), Some(_)) if mode == Mode::WordsFirst && topics == Some(0.0) => content * 0.5,
        _ if mode == Mode::WordsFirst => content,
        (Some(x), Some(y)) if x == y => SAME_TOPIC + (1.0 - SAME_TOPIC) * content,
        // One's main topic is among the other's ("Beëindiging" that deletes, beside "Deletion").
        (Some(x), Some(y)) if b.has_topic(x) || a.has_topic(y) => {
            RELATED_TOPIC + (1.0 - RELATED_TOPIC) * content
        }
        (Some(_), Some(_)) => content * if topics.unwrap_or(0.0) > 0.0 { 0.6 } else { 0.35 },
        (Some(_), None) | (None, Some(_)) => content * 0.85,
        (None, None) => content,
    };
    if a.annex != b.annex {
        content *= 0.6; // an annex's measures list is not the clause that promises them
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
    0.8 * content + 0.12 * place + 0.08 * label
}

/// Two units sharing their main topic start from this score…
const SAME_TOPIC: f32 = 0.4;
/// …and from this one when the main topic of one is among the other's.
const RELATED_TOPIC: f32 = 0.3;

/// The signals both units have, weighted; a signal only one of them has counts as a miss.
fn blend(a: &Profile, b: &Profile, body: f32, heading: f32, topics: Option<f32>) -> f32 {
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
    if let Some(t) = topics {
        parts.push((0.3, t));
    }
    let (short, long) = (a.length.min(b.length).max(1) as f32, a.length.max(b.length).max(1) as f32);
    parts.push((0.15, (short / long).sqrt()));
    let weight: f32 = parts.iter().map(|(w, _)| w).sum();
    parts.iter().map(|(w, s)| w * s).sum::<f32>() / weight
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
