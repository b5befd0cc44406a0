//! Words as the aligner sees them: lowercased, Snowball-stemmed per language, with numbers apart.

use std::sync::LazyLock;

use concordia_text::Lang;
use frostem::{Algorithm, Stemmer};

/// Each known language's Snowball stemmer; other text is compared by lowercased surface forms.
pub(crate) static STEMMERS: LazyLock<Vec<(&'static str, Stemmer)>> = LazyLock::new(|| {
    Lang::KNOWN.iter().filter_map(|&l| Some((l.code(), Stemmer::new(algorithm(l)?)))).collect()
});

/// The stemmer of a language (exhaustive: a new `Lang` must name its own).
fn algorithm(lang: Lang) -> Option<Algorithm> {
    match lang {
        Lang::Sv => Some(Algorithm::Swedish),
        Lang::De => Some(Algorithm::German),
        Lang::It => Some(Algorithm::Italian),
        Lang::Nl => Some(Algorithm::Dutch),
        Lang::En => Some(Algorithm::English),
        Lang::Unknown => None,
    }
}

/// The content words of a text as stems, in order; short words carry little meaning across languages.
pub fn stems(lang: &str, text: &str) -> Vec<String> {
    let stemmer = STEMMERS.iter().find(|(code, _)| *code == lang).map(|(_, stemmer)| stemmer);
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() < 4 || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let lower = word.to_lowercase();
        out.push(match stemmer {
            Some(stemmer) => stemmer.stem(&lower).into_owned(),
            None => lower,
        });
    }
    out
}

/// The numbers written in digits ("Artikel 28", "72 Stunden", "€ 5.000" → 5000), which mean the
/// same in every language.
pub fn numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            digits.push(c);
            // Thousands separators: "5.000", "500 000" stay one number; "1.2" is two.
            let grouped =
                matches!(chars.peek(), Some('.' | ' ' | '\u{a0}' | '\'')) && thousands_follow(&chars);
            if grouped {
                chars.next();
            }
        } else if !digits.is_empty() {
            push_number(&mut out, &mut digits);
        }
    }
    push_number(&mut out, &mut digits);
    out
}

fn thousands_follow(chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let rest: String = chars.clone().skip(1).take(4).collect();
    let group: String = rest.chars().take(3).collect();
    group.len() == 3
        && group.chars().all(|c| c.is_ascii_digit())
        && !rest[3..].starts_with(|c: char| c.is_ascii_digit())
}

fn push_number(out: &mut Vec<u64>, digits: &mut String) {
    if let Ok(n) = digits.parse() {
        out.push(n);
    }
    digits.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_fold_inflections_per_language() {
        assert_eq!(stems("de", "Unterauftragsverarbeiter"), stems("de", "Unterauftragsverarbeitern"));
        assert_eq!(stems("it", "revisione revisioni"), vec!["revision", "revision"]);
        assert!(stems("sv", "av och 12 i").is_empty(), "short words and numbers are not stems");
    }

    #[test]
    fn numbers_keep_thousands_together() {
        assert_eq!(numbers("Artikel 28 Absatz 3"), vec![28, 3]);
        assert_eq!(numbers("€ 5.000 oder 500 000 kronor"), vec![5000, 500000]);
        assert_eq!(numbers("Ziffer 11.3 und 72 Stunden"), vec![11, 3, 72]);
    }
}
