//! A one-pass prefilter for many regexes: the literal prefixes of each regex's matches are put
//! in one Aho-Corasick automaton, so one pass over a (lowercased) text tells which regexes may
//! match. A regex whose matches have no literal prefix (one starting with a class repeated) is
//! always run. The regexes still decide; the prefilter only skips those that cannot match.
//!
//! Where every match of a regex starts with one of its literals, the pass also says where it
//! may start, and the regex is run anchored there (`Prefilter::is_match`). A long cue list run
//! unanchored over a sentence makes its lazy DFA track every cue begun so far, and with gaps
//! between words ("unterstützt … bei") those sets of cues are new in nearly every sentence:
//! building those states was most of the checklist's time.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

pub(crate) struct Prefilter {
    automaton: AhoCorasick,
    /// For each literal of the automaton, the regexes it is a prefix of.
    owners: Vec<Vec<usize>>,
    /// For each literal, whether it is a prefix (not a suffix) of the matches it stands for.
    starts: Vec<bool>,
    /// Regexes with no literal prefix: always run.
    always: Vec<usize>,
    /// Regexes every match of which starts with one of their literals.
    anchored: Vec<bool>,
    len: usize,
}

/// What one pass over a text found: which regexes may match it, and where the anchored ones may
/// start.
pub(crate) struct Scan {
    may: Vec<bool>,
    /// (regex, byte offset in the text), sorted.
    starts: Vec<(usize, usize)>,
}

impl Prefilter {
    /// `patterns` are the regexes' patterns without their leading `(?i)`: they are matched
    /// case-insensitively, so their prefixes are looked for in lowercase.
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Prefilter {
        // A literal is keyed by whether it starts matches: the same word may start one regex's
        // matches and end another's.
        let mut literals: Vec<(String, bool)> = Vec::new();
        // Where each literal is in `literals`: thousands of them, so no linear search for each.
        let mut at: HashMap<(String, bool), usize> = HashMap::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut anchored = Vec::new();
        for (k, pattern) in patterns.into_iter().enumerate() {
            let Some(found) = prefixes(pattern) else {
                always.push(k);
                anchored.push(false);
                continue;
            };
            anchored.push(found.iter().all(|(_, prefix)| *prefix));
            for literal in found {
                let index = *at.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal);
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[index].push(k);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(literals.iter().map(|(l, _)| l))
            .expect("an automaton of a few thousand short literals");
        let starts = literals.iter().map(|(_, prefix)| *prefix).collect();
        Prefilter { automaton, owners, starts, always, len: anchored.len(), anchored }
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
        prefixes(pattern)
            .unwrap_or_default()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| p.chars().count() < min)
            .collect()
    }

    /// Which regexes may match `text` (a regex marked false cannot).
    pub(crate) fn may_match(&self, text: &str) -> Vec<bool> {
        self.pass(text, false).may
    }

    /// One pass over `text`: which regexes may match it, and where.
    pub(crate) fn scan(&self, text: &str) -> Scan {
        self.pass(text, true)
    }

    fn pass(&self, text: &str, with_starts: bool) -> Scan {
        let mut may = vec![false; self.len];
        for &k in &self.always {
            may[k] = true;
        }
        let lower = concordia_text::lowercase(text);
        let mut starts = Vec::new();
        let from = if with_starts { Offsets::new(text, &lower) } else { Offsets { chars: Vec::new() } };
        for m in self.automaton.find_overlapping_iter(&lower) {
            let literal = m.pattern().as_usize();
            for &k in &self.owners[literal] {
                may[k] = true;
                if with_starts && self.anchored[k] && self.starts[literal] {
                    starts.push((k, from.original(m.start())));
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        Scan { may, starts }
    }

    /// Whether regex `k` (of the patterns given to `new`), which is `re`, matches `text`, as
    /// `re.is_match(text)` says; run only where `scan` (of the same text) says it may start.
    pub(crate) fn is_match(&self, scan: &Scan, k: usize, re: &meta::Regex, text: &str) -> bool {
        if !scan.may[k] {
            return false;
        }
        if !self.anchored[k] {
            return re.is_match(text);
        }
        let first = scan.starts.partition_point(|&(r, _)| r < k);
        scan.starts[first..]
            .iter()
            .take_while(|&&(r, _)| r == k)
            .any(|&(_, at)| re.is_match(Input::new(text).range(at..).anchored(Anchored::Yes)))
    }
}

/// Where a char of a lowercased text came from. Lowercasing keeps every byte in place in nearly
/// every text; a few letters change length ("İ" is two bytes, "i̇" three), and then each char's
/// offset is mapped.
struct Offsets {
    /// Empty when nothing moved; else for each original char, (lowercase offset, original offset).
    chars: Vec<(usize, usize)>,
}

impl Offsets {
    fn new(text: &str, lower: &str) -> Offsets {
        if lower.len() == text.len() && non_ascii(text).all(|c| lowered_len(c) == c.len_utf8()) {
            return Offsets { chars: Vec::new() };
        }
        let mut chars = Vec::new();
        let mut at = 0;
        for (original, c) in text.char_indices() {
            chars.push((at, original));
            // "Σ" at a word's end lowers to "ς", of the same length as "σ".
            at += lowered_len(c);
        }
        Offsets { chars }
    }

    /// The offset in the original text of the char that lowered into the one at `at`.
    fn original(&self, at: usize) -> usize {
        if self.chars.is_empty() {
            return at;
        }
        let k = self.chars.partition_point(|&(lower, _)| lower <= at);
        self.chars[k.saturating_sub(1)].1
    }
}

fn lowered_len(c: char) -> usize {
    c.to_lowercase().map(char::len_utf8).sum()
}

/// The chars of `text` that are not ASCII (an ASCII letter keeps its length when lowered),
/// found by skipping ASCII bytes rather than decoding every char.
fn non_ascii(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let at = rest.bytes().position(|b| !b.is_ascii())?;
        let c = rest[at..].chars().next()?;
        rest = &rest[at + c.len_utf8()..];
        Some(c)
    })
}

/// Lowercase literals one of which every match of `pattern` holds, or `None` when a match may
/// hold none (or the pattern cannot be read here: then it is always run). Each branch of a cue
/// list gives its literal prefixes, or, when a match may start with anything ("\\d+ uur",
/// "(?:^|\\W)kontrolle … mitwirk"), its literal suffixes: either is in the text wherever the
/// branch matches.
/// Each literal comes with whether it is a prefix (true) or a suffix of the branch's matches.
fn prefixes(pattern: &str) -> Option<Vec<(String, bool)>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let branches = match hir.kind() {
        HirKind::Alternation(branches) => branches.as_slice(),
        _ => std::slice::from_ref(&hir),
    };
    let mut out = Vec::new();
    for branch in branches {
        let found = match literals(branch, ExtractKind::Prefix) {
            Some(found) => found.into_iter().map(|l| (l, true)).collect(),
            None => {
                literals(branch, ExtractKind::Suffix)?.into_iter().map(|l| (l, false)).collect::<Vec<_>>()
            }
        };
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

    fn meta(pattern: &str) -> meta::Regex {
        meta::Regex::new(&format!("(?i){pattern}")).unwrap()
    }

    #[test]
    fn a_regex_is_run_only_with_startsits_literals_start() {
        let patterns = ["(?:\\bmeldet\\b.*\\bunverzüglich|hilft bei)", "(?:\\d+ uur|binnen)"];
        let filter = Prefilter::new(patterns);
        let regexes: Vec<meta::Regex> = patterns.iter().map(|p| meta(p)).collect();
        // The first has prefixes only: anchored; the second ends its first branch with a literal.
        assert_eq!(filter.anchored, [true, false]);
        for text in [
            "Er MELDET es unverzüglich.",
            "Er meldet es später; hilft bei allem.",
            "Ummeldet unverzüglich",
            "binnen 48 uur",
            "nichts",
        ] {
            let scan = filter.scan(text);
            for (k, re) in regexes.iter().enumerate() {
                assert_eq!(filter.is_match(&scan, k, re, text), re.is_match(text), "{k} on {text:?}");
            }
        }
        let scan = filter.scan("Er meldet, er meldet unverzüglich.");
        assert_eq!(scan.starts, [(0, 3), (0, 14)], "both places the first may start");
    }

    #[test]
    fn offsets_follow_letters_whose_lowercase_changes_length() {
        // "İ" (2 bytes) lowers to "i̇" (3), "ẞ" (3) to "ß" (2), "K" (Kelvin, 3) to "k" (1).
        for text in [
            "İİ meldet unverzüglich",
            "ẞ meldet unverzüglich",
            "KK meldet unverzüglich",
            "meldet unverzüglich",
        ] {
            let filter = Prefilter::new(["(?:\\bmeldet\\b.*\\bunverzüglich)"]);
            let scan = filter.scan(text);
            let at = text.find("meldet").unwrap();
            assert_eq!(scan.starts, [(0, at)], "{text:?}");
            assert!(filter.is_match(&scan, 0, &meta("(?:\\bmeldet\\b.*\\bunverzüglich)"), text));
        }
    }
}
