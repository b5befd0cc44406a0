//! A one-pass prefilter for many regexes: the literal prefixes of each regex's matches are put
//! in one Aho-Corasick automaton, so one pass over a (lowercased) text tells which regexes may
//! match. A regex whose matches have no literal prefix (one starting with a class repeated) is
//! always run. The regexes still decide; the prefilter only skips those that cannot match.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

pub(crate) struct Prefilter {
    automaton: AhoCorasick,
    /// For each literal of the automaton, the regexes it is a prefix of.
    owners: Vec<Vec<usize>>,
    /// Regexes with no literal prefix: always run.
    always: Vec<usize>,
    len: usize,
}

impl Prefilter {
    /// `patterns` are the regexes' patterns without their leading `(?i)`: they are matched
    /// case-insensitively, so their prefixes are looked for in lowercase.
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut len = 0;
        for (k, pattern) in patterns.into_iter().enumerate() {
            len = k + 1;
            match prefixes(pattern) {
                Some(found) => {
                    for literal in found {
                        match literals.iter().position(|l| *l == literal) {
                            Some(at) => owners[at].push(k),
                            None => {
                                literals.push(literal);
                                owners.push(vec![k]);
                            }
                        }
                    }
                }
                None => always.push(k),
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .expect("an automaton of a few thousand short literals");
        Prefilter { automaton, owners, always, len }
    }

    /// How many regexes have no literal prefix, and so are always run.
    #[cfg(test)]
    pub(crate) fn always(&self) -> usize {
        self.always.len()
    }

    /// The literal prefixes of `pattern` shorter than `min` characters: each makes its regex
    /// run on nearly every text ("art", "du"), which defeats the filter.
    #[cfg(test)]
    pub(crate) fn short_prefixes(pattern: &str, min: usize) -> Vec<String> {
        prefixes(pattern).unwrap_or_default().into_iter().filter(|p| p.chars().count() < min).collect()
    }

    /// Which regexes may match `text` (a regex marked false cannot).
    pub(crate) fn may_match(&self, text: &str) -> Vec<bool> {
        let mut may = vec![false; self.len];
        for &k in &self.always {
            may[k] = true;
        }
        let lower = text.to_lowercase();
        for m in self.automaton.find_overlapping_iter(&lower) {
            for &k in &self.owners[m.pattern().as_usize()] {
                may[k] = true;
            }
        }
        may
    }
}

/// Lowercase literals one of which every match of `pattern` holds, or `None` when a match may
/// hold none (or the pattern cannot be read here: then it is always run). Each branch of a cue
/// list gives its literal prefixes, or, when a match may start with anything ("\\d+ uur",
/// "(?:^|\\W)kontrolle … mitwirk"), its literal suffixes: either is in the text wherever the
/// branch matches.
fn prefixes(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let branches = match hir.kind() {
        HirKind::Alternation(branches) => branches.as_slice(),
        _ => std::slice::from_ref(&hir),
    };
    let mut out = Vec::new();
    for branch in branches {
        let found =
            literals(branch, ExtractKind::Prefix).or_else(|| literals(branch, ExtractKind::Suffix))?;
        out.extend(found);
    }
    Some(out)
}

fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<String>> {
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_total(5_000);
    let seq = extractor.extract(hir);
    let mut out = Vec::new();
    for literal in seq.literals()? {
        let text = std::str::from_utf8(literal.as_bytes()).ok()?.to_lowercase();
        // An empty literal is in every text: nothing to filter on.
        if text.is_empty() {
            return None;
        }
        out.push(text);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regex_is_skipped_only_when_it_cannot_match() {
        let patterns = [
            "(?:\\bfoo|bär\\s+baz)",
            "(?:x\\w+y|[a-z]+q)",
            "(?:abc.{0,20}def)",
            "(?:\\d+ uur|(?:^|\\W)uw.*taak)",
        ];
        let filter = Prefilter::new(patterns);
        assert_eq!(filter.may_match("nothing here"), [false, false, false, false]);
        assert_eq!(filter.may_match("BÄR  baz"), [true, false, false, false]);
        assert_eq!(filter.may_match("Abc"), [false, false, true, false], "a prefix, not yet a match");
        // No literal starts these matches, but one ends them.
        assert_eq!(filter.may_match("a Q"), [false, true, false, false]);
        assert_eq!(filter.may_match("binnen 48 UUR"), [false, false, false, true]);
        assert_eq!(filter.may_match("uw taak"), [false, false, false, true]);
        assert_eq!(filter.may_match("uw werk"), [false, false, false, false]);
    }
}
