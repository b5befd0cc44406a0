//! A word-for-word dictionary between sv, de, it, nl learned from parallel text.
//!
//! Two stems translate each other when they keep turning up in the same paragraph of a
//! line-aligned text (Dice coefficient over paragraphs). The shipped dictionary is learned from
//! the GDPR outside Articles 24–43, which stay unseen for the alignment benchmark.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::words::stems;

/// The shipped dictionary (see `examples/learn_dictionary.rs`).
pub const BUILTIN: &str = include_str!("../data/gdpr-dictionary.tsv");

/// Stems must share at least this many paragraphs…
const MIN_SHARED: usize = 2;
/// …and this Dice coefficient to count as translations.
const MIN_DICE: f32 = 0.3;
/// At most this many translations per stem and direction.
const TOP: usize = 3;

/// Stem → its translations with their strength (0–1), for one direction.
type Translations = HashMap<String, Vec<(String, f32)>, rustc_hash::FxBuildHasher>;

/// Translations between stems: source language → target language → stem → translations.
#[derive(Debug, Default)]
pub struct Dictionary {
    entries: HashMap<String, HashMap<String, Translations>>,
}

impl Dictionary {
    /// Reads `lang stem lang stem dice` lines; each entry serves both directions.
    pub fn parse(tsv: &str) -> Result<Dictionary, String> {
        let mut dictionary = Dictionary::default();
        for (n, line) in tsv.lines().enumerate().filter(|(_, l)| !l.is_empty() && !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [l1, s1, l2, s2, dice] = fields[..] else {
                return Err(format!("line {}: expected 5 tab-separated fields", n + 1));
            };
            let dice: f32 = dice.parse().map_err(|_| format!("line {}: bad strength {dice:?}", n + 1))?;
            dictionary.add(l1, s1, l2, s2, dice);
            dictionary.add(l2, s2, l1, s1, dice);
        }
        Ok(dictionary)
    }

    fn add(&mut self, from: &str, stem: &str, to: &str, translation: &str, dice: f32) {
        let by_stem = self.entries.entry(from.to_owned()).or_default().entry(to.to_owned()).or_default();
        by_stem.entry(stem.to_owned()).or_default().push((translation.to_owned(), dice));
    }

    /// The translations of `stem` from `from` into `to`.
    pub fn translate(&self, from: &str, to: &str, stem: &str) -> &[(String, f32)] {
        // Borrowed lookups all the way: this runs for every stem of every compared clause.
        self.entries
            .get(from)
            .and_then(|targets| targets.get(to))
            .and_then(|by_stem| by_stem.get(stem))
            .map_or(&[], Vec::as_slice)
    }

    /// Number of (directed) entries, for reports.
    pub fn len(&self) -> usize {
        self.entries.values().flat_map(HashMap::values).map(HashMap::len).sum()
    }

    /// Whether it has no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Learns the dictionary from paragraphs aligned across languages (`texts[lang][k]` is paragraph k
/// in every language) and writes it as TSV, sorted, so the output is reproducible.
pub fn learn(texts: &BTreeMap<String, Vec<String>>) -> String {
    let bags: BTreeMap<&str, Vec<BTreeSet<String>>> = texts
        .iter()
        .map(|(lang, lines)| {
            (lang.as_str(), lines.iter().map(|l| stems(lang, l).into_iter().collect()).collect())
        })
        .collect();
    let langs: Vec<&str> = bags.keys().copied().collect();
    let mut out = String::from("# lang\tstem\tlang\tstem\tdice — learned by examples/learn_dictionary.rs\n");
    for (i, l1) in langs.iter().enumerate() {
        for l2 in &langs[i + 1..] {
            for (s1, s2, dice) in learn_pair(&bags[l1], &bags[l2]) {
                out.push_str(&format!("{l1}\t{s1}\t{l2}\t{s2}\t{dice}\n"));
            }
        }
    }
    out
}

/// The non-empty lines of a line-aligned legal text outside the articles `skip` (by the
/// "Artikel N" / "Articolo N" / "Article N" heading lines), so training text stays apart from test text.
pub fn lines_outside_articles(text: &str, skip: std::ops::RangeInclusive<u32>) -> Vec<String> {
    let mut article = 0;
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(n) = article_number(line) {
            article = n;
        }
        if !skip.contains(&article) {
            out.push(line.to_owned());
        }
    }
    out
}

fn article_number(line: &str) -> Option<u32> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    let heading = ["artikel", "articolo", "article"].contains(&first.to_lowercase().as_str());
    heading.then(|| words.next()?.parse().ok()).flatten()
}

/// Stem pairs of two languages that co-occur often enough, best first per stem, both ways.
fn learn_pair(a: &[BTreeSet<String>], b: &[BTreeSet<String>]) -> BTreeSet<(String, String, String)> {
    let df_a = frequencies(a);
    let df_b = frequencies(b);
    let mut shared: HashMap<(&str, &str), usize> = HashMap::new();
    for (bag_a, bag_b) in a.iter().zip(b) {
        for s in bag_a.iter().filter(|s| df_a[s.as_str()] >= MIN_SHARED) {
            for t in bag_b.iter().filter(|t| df_b[t.as_str()] >= MIN_SHARED) {
                *shared.entry((s, t)).or_default() += 1;
            }
        }
    }
    let mut forward: HashMap<&str, Vec<(f32, &str)>> = HashMap::new();
    let mut backward: HashMap<&str, Vec<(f32, &str)>> = HashMap::new();
    for (&(s, t), &n) in &shared {
        let dice = 2.0 * n as f32 / (df_a[s] + df_b[t]) as f32;
        if n >= MIN_SHARED && dice >= MIN_DICE {
            forward.entry(s).or_default().push((dice, t));
            backward.entry(t).or_default().push((dice, s));
        }
    }
    let mut kept = BTreeSet::new();
    for (s, candidates) in forward {
        for (dice, t) in best(candidates) {
            kept.insert((s.to_owned(), t.to_owned(), format!("{dice:.2}")));
        }
    }
    for (t, candidates) in backward {
        for (dice, s) in best(candidates) {
            kept.insert((s.to_owned(), t.to_owned(), format!("{dice:.2}")));
        }
    }
    kept
}

fn frequencies(bags: &[BTreeSet<String>]) -> HashMap<&str, usize> {
    let mut df = HashMap::new();
    for stem in bags.iter().flatten() {
        *df.entry(stem.as_str()).or_default() += 1;
    }
    df
}

/// The strongest candidates; ties go to the alphabetically first stem, for reproducibility.
fn best(mut candidates: Vec<(f32, &str)>) -> Vec<(f32, &str)> {
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    candidates.truncate(TOP);
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_dictionary_parses_and_knows_legal_words() {
        let dictionary = Dictionary::parse(BUILTIN).unwrap();
        assert!(dictionary.len() > 1000, "{} entries", dictionary.len());
        let de = crate::words::stems("de", "Auftragsverarbeiter")[0].clone();
        let it = crate::words::stems("it", "responsabile")[0].clone();
        let nl = crate::words::stems("nl", "verwerker")[0].clone();
        let translations: Vec<&str> =
            dictionary.translate("nl", "de", &nl).iter().map(|(t, _)| t.as_str()).collect();
        assert!(translations.contains(&de.as_str()), "verwerker → {translations:?}");
        assert!(!dictionary.translate("it", "sv", &it).is_empty());
    }

    #[test]
    fn malformed_lines_are_refused_with_their_number() {
        let error = Dictionary::parse("de\tx\tsv\ty\t0.5\nde\tx\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }
}
