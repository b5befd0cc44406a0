//! Measuring Concordia on real DPAs with a gold file (`../shared/real`, see its README): key
//! terms (precision, recall), topics, and whether compare puts a topic's clauses of different
//! documents in one row. The same measure as `shared/tools/real_eval.py`, inside the product,
//! so that `concordia eval` and the tests print it without Python.
//!
//! Gold per document: its language, `terms` (kind → value, `null` when the document does not
//! state it, "qualitative", "qualitative_or_absent", "unlimited", "by_reference", an amount, a
//! duration, a frequency or a country code) and `topics` (topic → a quote from the clause a
//! lawyer would point to).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::api::{Comparison, DocId, DocumentAnalysis};
use crate::{Error, Library, Progress, Result};

/// The key topics whose rows are measured.
pub const TOPICS: [&str; 10] = [
    "liability",
    "audit",
    "deletion_return",
    "breach_notification",
    "subprocessors",
    "international_transfers",
    "governing_law",
    "confidentiality",
    "security",
    "instructions",
];

/// One document's gold.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Language code.
    pub language: String,
    /// Key-term kind → gold value (`null`: not stated).
    #[serde(default)]
    pub terms: BTreeMap<String, Value>,
    /// Topic → quote from its main clause.
    #[serde(default)]
    pub topics: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct GoldFile {
    docs: BTreeMap<String, GoldDoc>,
}

/// A set of documents with gold: `gold*.json` in `dir`, keys are paths relative to `dir`.
#[derive(Debug, Clone)]
pub struct GoldSet {
    /// The folder.
    pub dir: PathBuf,
    /// Document key ("docs/de-….md") → gold.
    pub docs: BTreeMap<String, GoldDoc>,
}

impl GoldSet {
    /// Reads every `gold*.json` of `dir`.
    pub fn load(dir: &Path) -> Result<GoldSet> {
        let unreadable = |reason: String| Error::Unreadable { path: dir.to_path_buf(), reason };
        let entries = std::fs::read_dir(dir).map_err(|e| unreadable(e.to_string()))?;
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.starts_with("gold") && name.ends_with(".json")
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(unreadable("it holds no gold*.json".into()));
        }
        let mut docs = BTreeMap::new();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| unreadable(e.to_string()))?;
            let gold: GoldFile = serde_json::from_str(&text)
                .map_err(|e| unreadable(format!("{} is not a gold file: {e}", file.display())))?;
            docs.extend(gold.docs);
        }
        Ok(GoldSet { dir: dir.to_path_buf(), docs })
    }

    /// The same set with only the documents `keep` accepts.
    pub fn only(&self, keep: impl Fn(&str) -> bool) -> GoldSet {
        let docs = self.docs.iter().filter(|(k, _)| keep(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        GoldSet { dir: self.dir.clone(), docs }
    }
}

/// The documents of `../shared/real` held out of every tuning: one per language, measured once
/// before the rules and the calibration were fitted on the others (see the README).
pub const HELD_OUT: [&str; 4] = [
    "docs/de-hellopine-avv.md",
    "docs/it-recoverpulse-dpa.md",
    "docs/nl-lcomp-vwo.md",
    "docs/sv-openhr-pub.md",
];

/// What was measured.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Documents measured.
    pub documents: usize,
    /// Documents read in their gold language.
    pub languages_right: usize,
    /// Key terms with the gold value.
    pub terms_right: usize,
    /// Key terms found with another value.
    pub terms_wrong: usize,
    /// Key terms found where the gold says the document states none.
    pub terms_invented: usize,
    /// Key terms the gold has and nothing was found for.
    pub terms_missed: usize,
    /// Gold topic clauses carrying their topic.
    pub topics_right: usize,
    /// Gold topic clauses.
    pub topics_total: usize,
    /// Compare: topic rows measured (a topic of a group that two documents or more have).
    pub rows: usize,
    /// Those holding every document's clause on the topic.
    pub rows_together: usize,
    /// Document pairs measured, per topic.
    pub pairs: usize,
    /// Those whose clauses on the topic share a row.
    pub pairs_together: usize,
    /// Topic rows holding every document's clause, in a cell or as the cell's cross-reference
    /// ("no clause of its own; see 4 Aard en doel"): what the lawyer sees in the row.
    pub rows_seen: usize,
    /// Document pairs whose clauses on the topic are seen in one row, cross-references counted.
    pub pairs_seen: usize,
    /// Cross-references in key-topic rows: (naming the gold clause, naming another clause
    /// where the gold has one, on a topic the gold does not label for that document).
    pub references: (usize, usize, usize),
    /// Translations of one DPA: matrix rows compared.
    pub matrix_rows: usize,
    /// Those identical across the languages.
    pub matrix_same: usize,
    /// How the confidence shown held up: (shown from, to, links, right links).
    pub reliability: Vec<(f32, f32, usize, usize)>,
    /// Every miss, in words.
    pub misses: Vec<String>,
}

impl Figures {
    /// Key-term precision.
    pub fn precision(&self) -> f64 {
        ratio(self.terms_right, self.terms_right + self.terms_wrong + self.terms_invented)
    }
    /// Key-term recall.
    pub fn recall(&self) -> f64 {
        ratio(self.terms_right, self.terms_right + self.terms_wrong + self.terms_missed)
    }
    /// Share of gold topic clauses carrying their topic.
    pub fn topics(&self) -> f64 {
        ratio(self.topics_right, self.topics_total)
    }
    /// Share of document pairs whose clauses on a topic share a row.
    pub fn pairwise(&self) -> f64 {
        ratio(self.pairs_together, self.pairs)
    }
    /// Share of topic rows holding every document's clause.
    pub fn together(&self) -> f64 {
        ratio(self.rows_together, self.rows)
    }

    /// The figures as the lines `concordia eval` and the tests print.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "analysis: languages {}/{}; key terms P {:.1} % R {:.1} % ({} right, {} wrong, {} invented, {} missed); topics {}/{} ({:.1} %)\n",
            self.languages_right,
            self.documents,
            self.precision() * 100.0,
            self.recall() * 100.0,
            self.terms_right,
            self.terms_wrong,
            self.terms_invented,
            self.terms_missed,
            self.topics_right,
            self.topics_total,
            self.topics() * 100.0
        );
        out.push_str(&format!(
            "compare: topic rows holding every document {}/{} ({:.0} %); pairwise {}/{} ({:.0} %)",
            self.rows_together,
            self.rows,
            self.together() * 100.0,
            self.pairs_together,
            self.pairs,
            self.pairwise() * 100.0
        ));
        out.push_str(&format!(
            "\ncompare, cross-references counted: topic rows {}/{} ({:.0} %); pairwise {}/{} ({:.0} %)",
            self.rows_seen,
            self.rows,
            ratio(self.rows_seen, self.rows) * 100.0,
            self.pairs_seen,
            self.pairs,
            ratio(self.pairs_seen, self.pairs) * 100.0
        ));
        if self.matrix_rows > 0 {
            out.push_str(&format!(
                "; translations' matrix rows identical {}/{}",
                self.matrix_same, self.matrix_rows
            ));
        }
        let shown: Vec<String> = self
            .reliability
            .iter()
            .filter(|b| b.2 > 0)
            .map(|(from, to, n, right)| format!("{:.0}–{:.0} %: {right}/{n} right", from * 100.0, to * 100.0))
            .collect();
        if !shown.is_empty() {
            out.push_str(&format!("\nconfidence shown vs links right: {}", shown.join("; ")));
        }
        let (right, wrong, unlabelled) = self.references;
        out.push_str(&format!(
            "\ncross-references in key-topic rows: {} shown; {right} name the gold clause, {wrong} another clause, {unlabelled} a topic the gold does not label",
            right + wrong + unlabelled
        ));
        out
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Measures analysis and compare on `set`, in a library of its own under `scratch`.
pub fn evaluate(set: &GoldSet, scratch: &Path) -> Result<Figures> {
    let library = Library::open(scratch)?;
    let keys: Vec<&String> = set.docs.keys().collect();
    let paths: Vec<PathBuf> = keys.iter().map(|k| set.dir.join(k)).collect();
    let report = library.import(&paths, &Progress::none())?;
    let mut ids = BTreeMap::new();
    for (key, outcome) in keys.iter().zip(&report.outcomes) {
        match outcome.id {
            Some(id) => {
                ids.insert((*key).clone(), id);
            }
            None => {
                return Err(Error::BadComparison(format!(
                    "{key} could not be imported: {}",
                    outcome.error.as_deref().unwrap_or("no reason given")
                )))
            }
        }
    }
    let mut figures = Figures::default();
    for (key, gold) in &set.docs {
        analysis(&mut figures, key, gold, &library.analyze(ids[key])?);
    }
    for group in groups(set) {
        let group_ids: Vec<DocId> = group.iter().map(|k| ids[k]).collect();
        let comparison = library.compare(&group_ids, Some(group_ids[0]))?;
        rows_together(&mut figures, set, &group, &comparison);
        reliability(&mut figures, set, &group, &comparison);
        references(&mut figures, set, &group, &comparison);
        if same_company(&group) {
            translations(&mut figures, &group, &comparison);
        }
    }
    Ok(figures)
}

fn analysis(figures: &mut Figures, key: &str, gold: &GoldDoc, found: &DocumentAnalysis) {
    let name = key.rsplit('/').next().unwrap_or(key);
    figures.documents += 1;
    if found.language == gold.language {
        figures.languages_right += 1;
    } else {
        figures.misses.push(format!("{name}: language {}, gold {}", found.language, gold.language));
    }
    for (kind, want) in &gold.terms {
        let got: Vec<&Value> = found.terms.iter().filter(|t| t.kind == *kind).map(|t| &t.value).collect();
        if want.is_null() {
            if !got.is_empty() {
                figures.terms_invented += 1;
                figures.misses.push(format!("{name} {kind}: not in the document, found {got:?}"));
            }
        } else if term_ok(want, &got) {
            figures.terms_right += 1;
        } else if got.is_empty() {
            figures.terms_missed += 1;
            figures.misses.push(format!("{name} {kind}: want {want}, found nothing"));
        } else {
            figures.terms_wrong += 1;
            figures.misses.push(format!("{name} {kind}: want {want}, found {got:?}"));
        }
    }
    for (topic, quote) in &gold.topics {
        figures.topics_total += 1;
        let quote = norm(quote);
        let holders: Vec<_> = found.clauses.iter().filter(|c| norm(&c.text).contains(&quote)).collect();
        if holders.iter().any(|c| c.topics.iter().any(|t| t.topic == *topic)) {
            figures.topics_right += 1;
        } else {
            let has: Vec<&str> = holders
                .first()
                .map(|c| c.topics.iter().map(|t| t.topic.as_str()).collect())
                .unwrap_or_default();
            figures.misses.push(format!("{name} topic {topic}: the clause with \"{quote}\" has {has:?}"));
        }
    }
}

/// Whether the values found for a kind match the gold value.
fn term_ok(want: &Value, got: &[&Value]) -> bool {
    match want.as_str() {
        Some("qualitative_or_absent") => got.iter().all(|v| v.get("qualitative").is_some()),
        Some("qualitative") => got.iter().any(|v| v.get("qualitative").is_some()),
        _ => got.iter().any(|v| same_value(v, want)),
    }
}

fn same_value(got: &Value, want: &Value) -> bool {
    if let Some(word) = want.as_str() {
        return match word {
            "unlimited" => got.get("unlimited").and_then(Value::as_bool) == Some(true),
            "by_reference" => got.get("by_reference").and_then(Value::as_bool) == Some(true),
            code => got.get("country").and_then(Value::as_str).is_some_and(|c| c.eq_ignore_ascii_case(code)),
        };
    }
    if let Some(amount) = want.get("amount").and_then(Value::as_f64) {
        let got_amount = got.get("amount").and_then(Value::as_f64);
        return got_amount.is_some_and(|a| (a - amount).abs() < 0.5)
            && got.get("currency") == want.get("currency");
    }
    if want.get("multiple").is_some() {
        // The fees of the last 12 months are one year's fees: once the annual value.
        let one_years_fees = want.get("multiple").and_then(Value::as_u64) == Some(1)
            && got.get("basis").and_then(Value::as_str) == Some("fees paid in the last 12 months");
        return got.get("multiple") == want.get("multiple") || one_years_fees;
    }
    if want.get("count").is_some() {
        return got.get("count") == want.get("count") && got.get("per") == want.get("per");
    }
    got.get("value") == want.get("value") && got.get("unit") == want.get("unit")
}

/// Compare groups: one document per language (the first of each language, the second…), and
/// the documents of one company in several languages ("de-acme-…", "sv-acme-…").
fn groups(set: &GoldSet) -> Vec<Vec<String>> {
    let mut by_lang: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    let mut by_company: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for key in set.docs.keys() {
        let name = key.rsplit('/').next().unwrap_or(key);
        let mut parts = name.split('-');
        by_lang.entry(parts.next().unwrap_or("")).or_default().push(key);
        by_company.entry(parts.next().unwrap_or("")).or_default().push(key);
    }
    let longest = by_lang.values().map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<Vec<String>> = (0..longest)
        .map(|k| by_lang.values().filter_map(|v| v.get(k).map(|s| (*s).clone())).collect::<Vec<_>>())
        .filter(|g| g.len() >= 2)
        .collect();
    for keys in by_company.values() {
        let languages: std::collections::BTreeSet<&str> =
            keys.iter().map(|k| set.docs[*k].language.as_str()).collect();
        if languages.len() >= 2 {
            out.push(keys.iter().map(|k| (*k).clone()).collect());
        }
    }
    out
}

fn same_company(group: &[String]) -> bool {
    let company = |k: &String| k.rsplit('/').next().unwrap_or(k).split('-').nth(1).map(str::to_owned);
    group.iter().all(|k| company(k) == company(&group[0]))
}

fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows holding a document's gold clause on a topic; with `seen`, also the rows whose
/// cell refers to it.
fn rows_of(comparison: &Comparison, doc: usize, quote: &str, seen: bool) -> Vec<usize> {
    (0..comparison.rows.len())
        .filter(|&r| {
            let cell = &comparison.rows[r].cells[doc];
            let referred = seen && cell.elsewhere.as_ref().is_some_and(|e| norm(&e.text).contains(quote));
            referred || cell.texts.iter().any(|t| norm(t).contains(quote))
        })
        .collect()
}

fn rows_together(figures: &mut Figures, set: &GoldSet, group: &[String], comparison: &Comparison) {
    for topic in TOPICS {
        let holders = |seen: bool| -> Vec<(usize, Vec<usize>)> {
            (group.iter().enumerate())
                .filter_map(|(d, key)| {
                    set.docs[key].topics.get(topic).map(|q| (d, rows_of(comparison, d, &norm(q), seen)))
                })
                .collect()
        };
        let (holders, seen) = (holders(false), holders(true));
        if holders.len() < 2 {
            continue;
        }
        figures.rows += 1;
        let (together, pairs) = meet(comparison, &holders);
        let (together_seen, pairs_seen) = meet(comparison, &seen);
        figures.rows_together += usize::from(together);
        figures.rows_seen += usize::from(together_seen);
        figures.pairs += holders.len() * (holders.len() - 1) / 2;
        figures.pairs_together += pairs;
        figures.pairs_seen += pairs_seen;
        if !together {
            let names: Vec<String> = holders
                .iter()
                .map(|(d, rows)| format!("{} {rows:?}", group[*d].rsplit('/').next().unwrap_or("")))
                .collect();
            let note = if together_seen { " (seen together through a cross-reference)" } else { "" };
            figures.misses.push(format!("compare '{topic}' apart: {}{note}", names.join(", ")));
        }
    }
}

/// Each cross-reference of a key-topic row, checked against the gold clause on that topic.
fn references(figures: &mut Figures, set: &GoldSet, group: &[String], comparison: &Comparison) {
    for row in &comparison.rows {
        let Some(topic) = row.topic.as_deref().filter(|t| TOPICS.contains(t)) else { continue };
        for (d, cell) in row.cells.iter().enumerate() {
            let Some(reference) = &cell.elsewhere else { continue };
            let name = group[d].rsplit('/').next().unwrap_or("");
            match set.docs[&group[d]].topics.get(topic) {
                Some(quote) if norm(&reference.text).contains(&norm(quote)) => figures.references.0 += 1,
                Some(_) => {
                    figures.references.1 += 1;
                    figures.misses.push(format!(
                        "{name}: the '{topic}' row refers to {}, not the gold clause",
                        reference.label
                    ));
                }
                None => figures.references.2 += 1,
            }
        }
    }
}

/// Whether one row holds every holder's clause, and how many pairs of holders share a row.
fn meet(comparison: &Comparison, holders: &[(usize, Vec<usize>)]) -> (bool, usize) {
    let together = (0..comparison.rows.len()).any(|r| holders.iter().all(|(_, rows)| rows.contains(&r)));
    let mut pairs = 0;
    for (x, (_, a)) in holders.iter().enumerate() {
        for (_, b) in &holders[x + 1..] {
            pairs += usize::from(a.iter().any(|r| b.contains(r)));
        }
    }
    (together, pairs)
}

/// Confidence bands: each document's gold clause linked into a row (not the clause the row
/// was built around) counts as right when the clause the row was built around is that
/// document's gold clause on the same topic, wrong when it is another; links to rows built
/// around a document without gold on the topic are left out.
fn reliability(figures: &mut Figures, set: &GoldSet, group: &[String], comparison: &Comparison) {
    const BANDS: [(f32, f32); 4] = [(0.0, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0)];
    if figures.reliability.is_empty() {
        figures.reliability = BANDS.iter().map(|&(a, b)| (a, b, 0, 0)).collect();
    }
    for (shown, right) in linked(set, group, comparison) {
        let band = BANDS.iter().position(|&(a, b)| shown >= a && (shown < b || b >= 1.0)).unwrap_or(0);
        figures.reliability[band].2 += 1;
        figures.reliability[band].3 += usize::from(right);
    }
}

/// (confidence shown, right) for every gold clause linked into a row built around another
/// document's clause, judged against that document's gold on the same topic.
pub fn linked(set: &GoldSet, group: &[String], comparison: &Comparison) -> Vec<(f32, bool)> {
    linked_with(set, group, comparison, |cell| {
        cell.confidence.filter(|_| cell.score.is_some_and(|s| s < 1.0))
    })
}

/// Like [`linked`], with the raw similarity score in place of the confidence shown.
pub fn linked_scores(set: &GoldSet, group: &[String], comparison: &Comparison) -> Vec<(f32, bool)> {
    linked_with(set, group, comparison, |cell| cell.score.filter(|s| *s < 1.0))
}

fn linked_with(
    set: &GoldSet,
    group: &[String],
    comparison: &Comparison,
    measure: impl Fn(&crate::api::AlignedCell) -> Option<f32>,
) -> Vec<(f32, bool)> {
    let mut out = Vec::new();
    for (d, key) in group.iter().enumerate() {
        for (topic, quote) in &set.docs[key].topics {
            for r in rows_of(comparison, d, &norm(quote), false) {
                let row = &comparison.rows[r];
                let Some(value) = measure(&row.cells[d]) else { continue };
                let anchor = row.cells.iter().position(|c| c.score.is_some_and(|s| s >= 1.0));
                let Some(a) = anchor.filter(|&a| a != d) else { continue };
                let Some(theirs) = set.docs[&group[a]].topics.get(topic) else { continue };
                out.push((value, rows_of(comparison, a, &norm(theirs), false).contains(&r)));
            }
        }
    }
    out
}

fn translations(figures: &mut Figures, group: &[String], comparison: &Comparison) {
    for row in &comparison.matrix {
        let values: Vec<String> =
            row.cells.iter().map(|c| serde_json::to_string(&c.value).unwrap_or_default()).collect();
        figures.matrix_rows += 1;
        if values.iter().all(|v| *v == values[0]) {
            figures.matrix_same += 1;
        } else {
            figures.misses.push(format!("translations {group:?} disagree on {}: {values:?}", row.kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fees_of_twelve_months_are_once_the_annual_value_and_no_other_multiple() {
        let fees = serde_json::json!({"basis": "fees paid in the last 12 months"});
        assert!(same_value(&fees, &serde_json::json!({"multiple": 1})));
        assert!(!same_value(&fees, &serde_json::json!({"multiple": 2})));
        assert!(!same_value(&serde_json::json!({"multiple": 3}), &serde_json::json!({"multiple": 1})));
    }
}
