//! A one-pass prefilter for many regexes: the literal prefixes of each regex's matches are put
//! in one Aho-Corasick automaton, so one pass over a (lowercased) text tells which regexes may
//! match. A regex whose matches have no literal prefix (one starting with a class repeated) is
//! always run. The regexes still decide; the prefilter only skips those that cannot match.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

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

/// The lowercase literal prefixes every match of `pattern` starts with, or `None` when a match
/// may start with anything (or the pattern cannot be read here: then it is always run).
fn prefixes(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_total(5_000);
    let seq = extractor.extract(&hir);
    let mut out = Vec::new();
    for literal in seq.literals()? {
        let text = std::str::from_utf8(literal.as_bytes()).ok()?.to_lowercase();
        // An empty prefix matches everywhere: nothing to filter on.
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
        let patterns = ["(?:\\bfoo|bär\\s+baz)", "(?:x\\w+y|[a-z]+q)", "(?:abc.{0,20}def)"];
        let filter = Prefilter::new(patterns);
        assert_eq!(filter.may_match("nothing here"), [false, true, false]);
        assert_eq!(filter.may_match("BÄR  baz"), [true, true, false]);
        assert_eq!(filter.may_match("Abc"), [false, true, true], "a prefix, not yet a match");
    }
}
