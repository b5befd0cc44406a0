//! Blanks a template leaves to fill in: "[KUNDENS NAMN]", "[[DATUM]]", "[30/60/90 dagar – ANGE
//! PERIOD]", "{nomeAzienda}", "< Freie Eingabe >", "________". A value written inside one is
//! an option offered, not a term agreed, so key terms never read it.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::segment::placeholder_words;

/// Bracketed, braced or angled spans short enough to be a field, and fill-in lines.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\[[^\]\n]{1,80}\]\]|\[[^\[\]\n]{1,80}\]|\{\{?[^{}\n]{1,60}\}\}?|<\s?[^<>\n]{1,40}\s?>|_{4,}|\.{5,}")
        .expect("valid placeholder pattern")
});

/// A word that asks for input ("ange", "einfügen", "invullen"…), from `lexicon/structure.toml`.
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(r"(?i)\b(?:{})\b", placeholder_words());
    Regex::new(&crate::boundary::fast_boundaries(&pattern)).expect("valid placeholder word pattern")
});

/// Byte ranges of the placeholders in `text`.
pub fn placeholders(text: &str) -> Vec<(usize, usize)> {
    CANDIDATE.find_iter(text).filter(|m| is_placeholder(m.as_str())).map(|m| (m.start(), m.end())).collect()
}

fn is_placeholder(span: &str) -> bool {
    if span.starts_with(['_', '.']) || span.starts_with("[[") || span.starts_with('{') {
        return true;
    }
    let inner = span.trim_matches(|c: char| "[]<> ".contains(c));
    // "[30/60/90 dagar]", "[24/48] uur": alternatives to choose from.
    let alternatives =
        inner.split('/').filter(|part| part.trim().chars().any(|c| c.is_ascii_digit())).count() >= 2;
    let letters: Vec<char> = inner.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 {
        return alternatives; // otherwise "[1]", "[a]": a reference, not a blank
    }
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    capitals * 10 >= letters.len() * 6 || alternatives || ASKS.is_match(inner)
}

/// `text` with every placeholder blanked out by spaces of the same byte length, so offsets
/// still point into the original.
pub fn mask_placeholders(text: &str) -> Cow<'_, str> {
    let spans = placeholders(text);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&text[at..start]);
        out.extend(std::iter::repeat_n(' ', end - start));
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_to_fill_in_are_placeholders_and_references_are_not() {
        let text =
            "Radering sker inom [30/60/90 dagar – ANGE PERIOD] efter [[KUNDENS NAMN]] och {nomeAzienda}; \
                    se [1], < Freie Eingabe >, [INVULLEN door klant], [Anlage 2] och ________.";
        let found: Vec<&str> = placeholders(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            found,
            [
                "[30/60/90 dagar – ANGE PERIOD]",
                "[[KUNDENS NAMN]]",
                "{nomeAzienda}",
                "< Freie Eingabe >",
                "[INVULLEN door klant]",
                "________"
            ]
        );
    }

    /// A value a template offers as an example ("z.B.", "t.ex.", "bijv.", "e.g.") is no term.
    #[test]
    fn examples_offered_in_a_blank_are_placeholders() {
        for blank in [
            "[TODO: z.B. 24 Stunden]",
            "[z. B. 30 Tage nach Vertragsende]",
            "[t.ex. 30 dagar]",
            "[bijv. 48 uur]",
            "[ad es. 14 giorni]",
            "[es. 48 ore]",
            "[bv. 90 dagen]",
            "[ex. 30 dagar]",
            "[e.g. 72 hours]",
            "[24/48]",
            "[TODO]",
        ] {
            assert_eq!(placeholders(blank), [(0, blank.len())], "{blank}");
        }
        for kept in ["[Anlage 2]", "[1]", "[the Processor]", "[es gilt deutsches Recht]", "[Bijlage 2]"] {
            assert!(placeholders(kept).is_empty(), "{kept}");
        }
    }

    #[test]
    fn masking_keeps_every_offset() {
        let text = "Frist: [ANGE ÅTTA DAGAR] sedan 30 dagar.";
        let masked = mask_placeholders(text);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("ÅTTA") && masked.ends_with("sedan 30 dagar."));
    }

    #[test]
    fn every_placeholder_pattern_runs_on_the_lazy_dfa() {
        crate::boundary::assert_lazy_dfa([&*CANDIDATE, &*ASKS]);
    }
}
