//! Faster word boundaries. The regex crate's fast engines cannot run a Unicode `\b` over text
//! with non-ASCII letters (every contract here) and fall back to slow ones, for the whole of a
//! combined cue list; an ASCII `\b` runs fast but is wrong beside a non-ASCII letter ("årlig",
//! "übermitteln"). So a `\b` becomes ASCII where neither side of it can match a non-ASCII
//! letter, as far as the pattern shows; where a side could (a non-ASCII literal, `\w`, `\p{…}`,
//! `.`, a class that may hold one) it stays Unicode. What the text holds beyond the pattern is
//! not known: an ASCII `\b` also matches between a cue and a non-ASCII letter glued to it
//! ("val" in "valör"), a rare false match the regression rounds watch for.

/// A cue list's regex with room for its lazy DFA. A list of dozens of cues with gaps between
/// words has many more states than the regex crate's default cache (2 MB) holds: the cache was
/// cleared and refilled over and over, and states were built anew for every clause. With 32 MB
/// (only as much is taken as the text needs) the checklist's groups ran 2.3× faster on
/// `../shared/real`, and importing it took a sixth less CPU.
pub(crate) fn cue_regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).dfa_size_limit(DFA_CACHE).build()
}

const DFA_CACHE: usize = 32 << 20;

/// German typed without its umlauts ("Loeschung", "unverzueglich", "ausschliesslich") is the
/// same German: each "ä ö ü ß" of a pattern also matches "ae oe ue ss". Inside a character class
/// a letter stays as written (a class holds single letters). The text is never changed, so
/// quotes stay the document's own words.
pub(crate) fn loose_umlauts(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                out.extend(chars.next());
                continue;
            }
            '[' => class_depth += 1,
            ']' if class_depth > 0 => class_depth -= 1,
            _ => {}
        }
        match umlaut_spelled_out(c) {
            Some(two) if class_depth == 0 => {
                out.push_str("(?:");
                out.push(c);
                out.push('|');
                out.push_str(two);
                out.push(')');
            }
            _ => out.push(c),
        }
    }
    out
}

/// How German is typed without an umlaut: "ä" as "ae", "ß" as "ss". The one table the topic
/// tagger's folding and the patterns' widening share.
pub(crate) fn umlaut_spelled_out(c: char) -> Option<&'static str> {
    match c {
        'ä' => Some("ae"),
        'ö' => Some("oe"),
        'ü' => Some("ue"),
        'ß' => Some("ss"),
        'Ä' => Some("Ae"),
        'Ö' => Some("Oe"),
        'Ü' => Some("Ue"),
        _ => None,
    }
}

/// `cue_regex` as the engine under `regex` builds it, for searches `regex` cannot ask for
/// (anchored at a given offset: `Prefilter::is_match`).
pub(crate) fn cue_meta_regex(
    pattern: &str,
) -> Result<regex_automata::meta::Regex, Box<regex_automata::meta::BuildError>> {
    regex_automata::meta::Regex::builder()
        .configure(regex_automata::meta::Config::new().hybrid_cache_capacity(DFA_CACHE))
        .build(pattern)
        .map_err(Box::new)
}

/// The pattern as the fast engines run it: its word boundaries ASCII where they can be
/// (`ascii_boundaries`), its `\w` only the letters of the languages read (`narrow_words`).
pub(crate) fn fast_boundaries(pattern: &str) -> String {
    narrow_words(&ascii_boundaries(pattern))
}

/// The pattern with each `\b` that has no possible non-ASCII letter beside it made `(?-u:\b)`.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut i = 0;
    while let Some(found) = pattern[i..].find(r"\b") {
        let at = i + found;
        out.push_str(&pattern[i..at]);
        let escaped = pattern[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
        let (before, after) = (&pattern[..at], &pattern[at + 2..]);
        // `\b{start}` and its kin, and an escaped backslash before a "b", stay as written.
        let safe = !escaped && !after.starts_with('{') && ascii_start(after) && ascii_end(before);
        out.push_str(if safe { r"(?-u:\b)" } else { r"\b" });
        i = at + 2;
    }
    out.push_str(&pattern[i..]);
    out
}

/// `\w` as the letters of the languages read here: Latin letters up to U+024F and the ligatures
/// ("ﬁ") PDFs leave. A Unicode `\w` is some 700 ranges, compiled into each cue list and walked
/// in its lazy DFA's states: narrowed, importing one real DPA into a new library took 1.30
/// instead of 1.40 G instructions, the 475 files of the bench 13.02 instead of 13.25 G, with
/// a peak of 127 instead of 150 MB, and no status, quote or key term changed on `../shared`.
const WORD: &str = r"[\w&&[\x00-\x{24F}\x{FB00}-\x{FB06}]]";
const NOT_WORD: &str = r"[^\w&&[\x00-\x{24F}\x{FB00}-\x{FB06}]]";

fn narrow_words(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('w') => out.push_str(WORD),
            Some('W') => out.push_str(NOT_WORD),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether an escape's class holds no non-ASCII letter (`\d`, `\s`, `\W`, `\.`).
fn escape_is_ascii(c: char) -> bool {
    !matches!(c, 'w' | 'p' | 'P' | 'S' | 'D' | 'X' | 'N')
}

/// Whether a character class (without its brackets) holds no non-ASCII letter.
fn class_is_ascii(class: &str) -> bool {
    !class.starts_with('^')
        && class.is_ascii()
        && !class.split('\\').skip(1).any(|rest| rest.chars().next().is_some_and(|c| !escape_is_ascii(c)))
}

/// Whether what the pattern matches from here cannot start with a non-ASCII letter.
fn ascii_start(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(first) = chars.next() else { return true };
    let (atom_ok, after) = match first {
        '\\' => match chars.next() {
            Some(c) => (escape_is_ascii(c), &rest[1 + c.len_utf8()..]),
            None => return true,
        },
        '[' => match rest[1..].find(']') {
            // A gap of any text ("[^.]{0,60}") is like the text beyond the pattern.
            Some(end) if is_gap(&rest[end + 2..]) && rest[1..].starts_with('^') => return true,
            Some(end) => (class_is_ascii(&rest[1..=end]), &rest[end + 2..]),
            None => return false,
        },
        '(' => match group_at(rest) {
            Some((alternatives, after)) => (alternatives.iter().all(|a| ascii_start(a)), after),
            None => return false,
        },
        '.' => return is_gap(&rest[1..]),
        '^' | '$' => return ascii_start(&rest[1..]),
        c => (c.is_ascii(), &rest[c.len_utf8()..]),
    };
    // An atom that may be absent lets what follows it stand beside the boundary.
    let optional = after.starts_with(['?', '*']) || after.starts_with("{0");
    atom_ok && (!optional || ascii_start(after.trim_start_matches(['?', '*'])))
}

/// Whether what the pattern matched up to here cannot end with a non-ASCII letter.
fn ascii_end(before: &str) -> bool {
    let Some(last) = before.chars().next_back() else { return true };
    let escaped = |at: usize| before[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
    let at = before.len() - last.len_utf8();
    if escaped(at) {
        return escape_is_ascii(last);
    }
    match last {
        // A gap of any text ("[^.]{0,60}", lazily "[^.]{0,60}?") is like the text before the pattern.
        '}' | '*' if ends_with_gap(before) => true,
        '?' if ends_with_gap(&before[..at]) => true,
        // An atom that may be absent ("s?", "e[snmr]?", "(?:et)?"): it, and what stands before it.
        '?' | '*' => match last_atom(&before[..at]) {
            Some(atom) => ascii_end(&before[..at]) && ascii_end(&before[..at - atom]),
            None => false,
        },
        // A counted repetition, or a class written as `\p{…}`.
        '}' => false,
        '+' => ascii_end(&before[..at]),
        ']' => before[..at].rfind('[').is_some_and(|open| class_is_ascii(&before[open + 1..at])),
        ')' => match group_before(before) {
            Some(alternatives) => alternatives.iter().all(|a| ascii_end(a)),
            None => false,
        },
        '.' => false,
        c => c.is_ascii() && !(c.is_ascii_alphabetic() && at > 0 && escaped(at)),
    }
}

/// The length of the last atom of `before`: a character, an escape, a class or a group.
fn last_atom(before: &str) -> Option<usize> {
    let last = before.chars().next_back()?;
    let at = before.len() - last.len_utf8();
    let escaped = before[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
    match last {
        _ if escaped => Some(last.len_utf8() + 1),
        ']' => before.rfind('[').map(|open| before.len() - open),
        ')' => {
            let alternatives = group_before(before)?;
            // The group's text ends here; find where it opened by its first alternative.
            let first = alternatives.first()?;
            let start = first.as_ptr() as usize - before.as_ptr() as usize;
            let open = before[..start].rfind('(')?;
            Some(before.len() - open)
        }
        '?' | '*' | '+' | '}' => None,
        c => Some(c.len_utf8()),
    }
}

/// Whether a repetition that may match nothing starts here (`{0,…}`, `*`).
fn is_gap(quantifier: &str) -> bool {
    quantifier.starts_with("{0,") || quantifier.starts_with('*')
}

/// Whether `before` ends with a negated class or `.` repeated from zero times: a gap of text.
fn ends_with_gap(before: &str) -> bool {
    let body = match before.strip_suffix('*') {
        Some(body) => body,
        None => match before.rfind("{0,") {
            Some(open)
                if before[open..].ends_with('}')
                    && before[open + 3..before.len() - 1].bytes().all(|b| b.is_ascii_digit()) =>
            {
                &before[..open]
            }
            _ => return false,
        },
    };
    if let Some(rest) = body.strip_suffix('.') {
        return !rest.ends_with('\\');
    }
    body.ends_with(']') && body.rfind('[').is_some_and(|open| body[open + 1..].starts_with('^'))
}

/// The parentheses and bars of a pattern with their byte offsets: what is escaped or inside a
/// class is literal and skipped.
fn structure(pattern: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut iter = pattern.char_indices();
    while let Some((k, c)) = iter.next() {
        match c {
            '\\' => {
                iter.next();
            }
            '[' => {
                for (_, d) in iter.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
            }
            '(' | ')' | '|' => out.push((k, c)),
            _ => {}
        }
    }
    out
}

/// The top-level alternatives of the group opening at the start of `rest`, and what follows it.
fn group_at(rest: &str) -> Option<(Vec<&str>, &str)> {
    let (mut depth, mut parts, mut start) = (0usize, Vec::new(), 0usize);
    for (k, c) in structure(rest) {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    start = k + 1 + group_prefix(&rest[k + 1..]);
                }
            }
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    parts.push(&rest[start..k]);
                    return Some((parts, &rest[k + 1..]));
                }
            }
            _ if depth == 1 => {
                parts.push(&rest[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    None
}

/// The length of a group's `?:`, `?P<name>` or flags prefix.
fn group_prefix(body: &str) -> usize {
    if let Some(named) = body.strip_prefix("?P<") {
        return named.find('>').map_or(0, |end| end + 4);
    }
    if body.starts_with('?') {
        return body.find(':').map_or(0, |colon| colon + 1);
    }
    0
}

/// The top-level alternatives of the group closing at the end of `before`.
fn group_before(before: &str) -> Option<Vec<&str>> {
    // Find the opening parenthesis by reading forwards: each group opened is matched there.
    let mut opens = Vec::new();
    for (k, c) in structure(before) {
        match c {
            '(' => opens.push(k),
            ')' if k + 1 == before.len() => {
                let open = *opens.last()?;
                return group_at(&before[open..]).map(|(parts, _)| parts);
            }
            ')' => {
                opens.pop();
            }
            _ => {}
        }
    }
    None
}

/// Fails naming each regex the lazy DFA cannot run: one Unicode `\b` sends a regex to the slow
/// engines over the whole of every text with a non-ASCII letter.
#[cfg(test)]
pub(crate) fn assert_lazy_dfa<'a>(regexes: impl IntoIterator<Item = &'a regex::Regex>) {
    assert_patterns_lazy_dfa(regexes.into_iter().map(regex::Regex::as_str));
}

/// `assert_lazy_dfa` for patterns.
#[cfg(test)]
pub(crate) fn assert_patterns_lazy_dfa<'a>(patterns: impl IntoIterator<Item = &'a str>) {
    let slow: Vec<&str> = patterns
        .into_iter()
        .filter(|pattern| regex_automata::hybrid::dfa::DFA::new(pattern).is_err())
        .collect();
    assert!(slow.is_empty(), "not for the lazy DFA:\n{}", slow.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::{ascii_boundaries, loose_umlauts, narrow_words};

    #[test]
    fn an_umlaut_of_a_pattern_also_matches_its_spelling_out() {
        assert_eq!(loose_umlauts(r"l\wöschung|[äa]b"), r"l\w(?:ö|oe)schung|[äa]b");
        assert_eq!(loose_umlauts("ausschließlich"), "ausschlie(?:ß|ss)lich");
        let re =
            regex::Regex::new(&format!("(?i){}", loose_umlauts(r"\bjährlich|unverzüglich|prüf"))).unwrap();
        for text in ["einmal jaehrlich", "einmal jährlich", "UNVERZUEGLICH", "Pruefrechte", "Prüfrechte"] {
            assert!(re.is_match(text), "{text}");
        }
        assert!(!re.is_match("jahrlich unverzuglich pruf"), "a plain vowel is no umlaut");
    }

    #[test]
    fn a_boundary_with_ascii_on_both_sides_is_made_ascii() {
        assert_eq!(ascii_boundaries(r"\bvertrag\b"), r"(?-u:\b)vertrag(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\b(?:avv|dpa)\b"), r"(?-u:\b)(?:avv|dpa)(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\bavtal(?:et)?\b"), r"(?-u:\b)avtal(?:et)?(?-u:\b)");
        assert_eq!(ascii_boundaries(r"(?:polen)s?\b"), r"(?:polen)s?(?-u:\b)");
        assert_eq!(ascii_boundaries(r"deutsche[snmr]?\b"), r"deutsche[snmr]?(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\b(?:a|b) x\b"), r"(?-u:\b)(?:a|b) x(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\b(?P<n>\d+) ?x\b"), r"(?-u:\b)(?P<n>\d+) ?x(?-u:\b)");
        // A gap of any text beside a boundary is like the text around the pattern.
        assert_eq!(ascii_boundaries(r"gibt\b[^.]{0,60}\bzu\b"), r"gibt(?-u:\b)[^.]{0,60}(?-u:\b)zu(?-u:\b)");
    }

    #[test]
    fn a_boundary_that_may_stand_beside_another_letter_stays_unicode() {
        for pattern in [
            r"\b(?:årlig\w*|års\w*)",
            r"\b(?P<n>\w+) gånger",
            r"\büber",
            r"\b(?:ab|über)",
            r"(?:ab|ä)\b",
            r"\b[\p{L}-]+",
            r"(?:ab|c)\w*\b",
            r"ä?\b",
            r"(?:ab|ö)s?\b",
            r"\b{start}x",
            r"\\bx",
            r"x.\b",
            r"[^a]\b",
        ] {
            assert_eq!(ascii_boundaries(pattern), pattern, "{pattern}");
        }
    }

    #[test]
    fn ascii_boundaries_match_what_unicode_ones_match_on_contract_text() {
        let text = "Der Vertrag über die Verarbeitung; kein Unterauftrag. Die DPA gilt. årlig avtalet";
        for pattern in
            [r"(?i)\bvertrag\b", r"(?i)\b(?:dpa|avv)\b", r"(?i)\b(?:die|der)\b", r"(?i)\bavtal(?:et)?\b"]
        {
            let slow = regex::Regex::new(pattern).unwrap();
            let fast = regex::Regex::new(&ascii_boundaries(pattern)).unwrap();
            let spans = |r: &regex::Regex| r.find_iter(text).map(|m| m.range()).collect::<Vec<_>>();
            assert_eq!(spans(&slow), spans(&fast), "{pattern}");
        }
    }

    #[test]
    fn narrowed_words_match_what_unicode_ones_match_in_these_languages() {
        let text = "Überprüfungsrechte: årlig, società, beëindiging, Straße, ﬁnal, Nr_5; Ωmega €";
        for pattern in [r"\w+", r"\W+", r"[\w-]+", r"[^\W\d]+", r"\bü\w*", r"\\w"] {
            let unicode = regex::Regex::new(pattern).unwrap();
            let narrow = regex::Regex::new(&narrow_words(pattern)).unwrap();
            let spans =
                |r: &regex::Regex, text: &str| r.find_iter(text).map(|m| m.range()).collect::<Vec<_>>();
            let latin = &text[..text.find('Ω').unwrap()];
            assert_eq!(spans(&unicode, latin), spans(&narrow, latin), "{pattern}");
        }
        // Beyond the Latin letters a `\w` no longer reaches: Greek is no word of these languages.
        assert!(!regex::Regex::new(&narrow_words(r"^\w")).unwrap().is_match("Ωmega"));
        assert_eq!(narrow_words(r"\\w\d"), r"\\w\d", "an escaped backslash before a w is no class");
    }
}
