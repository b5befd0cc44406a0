//! Snippets: a window of a clause around its matches, with char-offset highlights.

/// Converts byte ranges of `text` into char ranges.
pub(crate) fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    ranges.iter().map(|&(s, e)| [text[..s].chars().count(), text[..e].chars().count()]).collect()
}

/// Cuts a window of at most about `max_chars` characters from `text`, placed to
/// cover as many of the byte `ranges` as possible. Line breaks become spaces.
pub(crate) fn snippet(text: &str, ranges: &[(usize, usize)], max_chars: usize) -> (String, Vec<[usize; 2]>) {
    let flat = text.replace('\n', " ");
    if flat.chars().count() <= max_chars {
        return (flat.clone(), char_ranges(&flat, ranges));
    }
    let budget = max_chars * 4; // generous byte budget for the window; trimmed by chars below
    let lead = max_chars / 5;
    let best_anchor = ranges
        .iter()
        .map(|&(s, _)| {
            let from = back_chars(&flat, s, lead);
            let covered = ranges.iter().filter(|&&(a, b)| a >= from && b <= from + budget).count();
            (covered, std::cmp::Reverse(from), from)
        })
        .max()
        .map_or(0, |(_, _, from)| from);
    let start = word_start(&flat, best_anchor);
    let end = word_end(&flat, advance_chars(&flat, start, max_chars));
    let mut out = String::new();
    let prefix = if start > 0 { "… " } else { "" };
    out.push_str(prefix);
    out.push_str(flat[start..end].trim());
    let trimmed_lead = flat[start..end].len() - flat[start..end].trim_start().len();
    if end < flat.len() {
        out.push_str(" …");
    }
    let shift = prefix.chars().count();
    let base = start + trimmed_lead;
    let highlights = ranges
        .iter()
        .filter(|&&(s, e)| s >= base && e <= end)
        .map(|&(s, e)| {
            let a = flat[base..s].chars().count() + shift;
            [a, a + flat[s..e].chars().count()]
        })
        .collect();
    (out, highlights)
}

fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

fn advance_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i)
}

/// Moves `at` forward to the start of a word, unless already at the text start.
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    text[at..].find(' ').map_or(at, |i| at + i + 1)
}

/// Moves `at` back to the end of a word.
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    text[..at].rfind(' ').unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(snippet: &str, highlights: &[[usize; 2]]) -> Vec<String> {
        let chars: Vec<char> = snippet.chars().collect();
        highlights.iter().map(|[a, b]| chars[*a..*b].iter().collect()).collect()
    }

    #[test]
    fn short_text_is_kept_whole() {
        let text = "Il Cliente può effettuare\nun audit.";
        let at = text.find("audit").unwrap();
        let (s, h) = snippet(text, &[(at, at + 5)], 200);
        assert_eq!(s, "Il Cliente può effettuare un audit.");
        assert_eq!(marked(&s, &h), ["audit"]);
    }

    #[test]
    fn long_text_is_cut_around_the_matches_at_word_boundaries() {
        let filler = "Lorem ipsum dolor sit amet. ".repeat(30);
        let text = format!("{filler}Die Höchstgrenze der Haftung beträgt €5.000 pro Jahr. {filler}");
        let at = text.find("Haftung").unwrap();
        let (s, h) = snippet(&text, &[(at, at + "Haftung".len())], 120);
        assert!(s.starts_with("… ") && s.ends_with(" …"), "{s}");
        assert!(s.chars().count() <= 125, "{}", s.chars().count());
        assert_eq!(marked(&s, &h), ["Haftung"]);
        assert!(s.contains("€5.000"));
    }
}
