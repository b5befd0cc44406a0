//! Values as contracts write them: durations ("vijf (5) werkdagen", "zweiundsiebzig (72)
//! Stunden", "due settimane") and amounts ("€ 100.000,00", "500 000 kronor", "EUR 250.000").
//!
//! The number is kept as written (no unit conversion); `approx_days` only serves sorting.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

/// A unit of time as the contract states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Hours.
    Hours,
    /// Calendar days.
    Days,
    /// Working (business) days.
    WorkingDays,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// Years.
    Years,
}

impl Unit {
    /// A unit as a filter writes it: `h`, `d`, `wd`, `w`, `m`, `y` or the English word.
    pub fn from_short(unit: &str) -> Option<Unit> {
        let unit = unit.to_lowercase();
        let unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match unit.trim_end_matches('s') {
            "h" | "hour" => Unit::Hours,
            "d" | "day" => Unit::Days,
            "wd" | "working day" | "workingday" => Unit::WorkingDays,
            "w" | "week" => Unit::Weeks,
            "m" | "month" => Unit::Months,
            "y" | "year" => Unit::Years,
            _ => return None,
        })
    }

    /// About how many calendar days the unit lasts: for sorting and comparing, never shown.
    pub fn approx_days(self) -> f64 {
        match self {
            Unit::Hours => 1.0 / 24.0,
            Unit::Days => 1.0,
            Unit::WorkingDays => 7.0 / 5.0,
            Unit::Weeks => 7.0,
            Unit::Months => 30.0,
            Unit::Years => 365.0,
        }
    }
}

/// A duration found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// The number as written ("vijf (5)" → 5).
    pub value: u32,
    /// The unit as written.
    pub unit: Unit,
    /// For sorting only: value × the unit's length in days.
    pub approx_days: f64,
    /// A hedge just before it ("di solito", "waar mogelijk"), if any.
    pub hedge: Option<String>,
    /// Byte range of the number and unit in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// An amount of money found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// The amount in the currency's main unit.
    pub amount: f64,
    /// ISO 4217 code.
    pub currency: &'static str,
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// The value words of `lexicon/values.toml`, parsed once at start-up.
#[derive(serde::Deserialize)]
struct ValueLexicon {
    units: Vec<UnitWords>,
    hedges: Vec<String>,
    firm: Vec<String>,
    currencies: Vec<Currency>,
    scales: Vec<Scale>,
    numbers: BTreeMap<String, BTreeMap<String, u32>>,
}

#[derive(serde::Deserialize)]
struct Scale {
    factor: f64,
    words: Vec<String>,
}

#[derive(serde::Deserialize)]
struct UnitWords {
    unit: Unit,
    words: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Currency {
    code: String,
    before: Vec<String>,
    after: Vec<String>,
}

static LEXICON: LazyLock<ValueLexicon> = LazyLock::new(|| {
    toml::from_str(include_str!("../lexicon/values.toml"))
        .unwrap_or_else(|e| panic!("the built-in lexicon/values.toml is invalid: {e}"))
});

/// Every number word of every language; a word two languages share means the same number.
static NUMBER_WORDS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    LEXICON.numbers.values().flat_map(|words| words.iter().map(|(w, n)| (w.as_str(), *n))).collect()
});

fn unit_pattern(u: &UnitWords) -> String {
    u.words.iter().map(|w| format!("(?:{w})")).collect::<Vec<_>>().join("|")
}

/// A number (digits, in brackets, or a word before them) and a unit: "30 days", "dreißig (30)
/// Tage", "30-tägiges", "24h". A unit glued to digits ("24h") counts only right after them. A
/// template's field holding its default ("minst [30] dagar") is that number.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let units = LEXICON.units.iter().map(unit_pattern).collect::<Vec<_>>().join("|");
    // No `\b` before the number word or the unit (a unit inside a word, "Feier|tage", has no
    // number and gives nothing): the leftmost match starts each at its word's start anyway. The
    // boundary after the unit is ASCII where it can be, for speed (see `boundary.rs`).
    let pattern = format!(
        r"(?i)(?:(?P<word>[\p{{L}}-]+)\s+)?(?:\(\s*(?P<paren>\d{{1,4}})\s*\)|\[\s*(?P<field>\d{{1,4}})\s*\]|(?P<num>\d{{1,4}})(?:\s*\(\s*[\p{{L}}-]+\s*\))?)?(?:\s*-?\s*(?P<unit>(?:{units})\b)|(?P<glued>(?:{units})\b))"
    );
    Regex::new(&crate::boundary::fast_boundaries(&pattern)).expect("valid duration pattern")
});

/// Any unit word anywhere, as a quick test before [`DURATION`].
static ANY_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    let units = LEXICON.units.iter().map(unit_pattern).collect::<Vec<_>>().join("|");
    Regex::new(&format!("(?i)(?:{units})")).expect("valid unit words")
});

static UNIT_RES: LazyLock<Vec<(Regex, Unit)>> = LazyLock::new(|| {
    LEXICON
        .units
        .iter()
        .map(|u| (Regex::new(&format!("(?i)^(?:{})$", unit_pattern(u))).expect("valid unit"), u.unit))
        .collect()
});

/// Every duration in `text`, in order.
pub fn durations(text: &str) -> Vec<Duration> {
    let mut out = Vec::new();
    // Every duration has a unit: without one the full pattern (slow on Unicode word
    // boundaries) need not run.
    if !ANY_UNIT.is_match(text) {
        return out;
    }
    for c in DURATION.captures_iter(text) {
        let glued = c.name("glued").filter(|g| c.name("num").is_some_and(|n| n.end() == g.start()));
        let Some(unit_match) = c.name("unit").or(glued) else { continue };
        let Some(unit) = UNIT_RES.iter().find(|(re, _)| re.is_match(unit_match.as_str())).map(|(_, u)| *u)
        else {
            continue;
        };
        let digits = c.name("paren").or_else(|| c.name("field")).or_else(|| c.name("num"));
        let word = c.name("word").filter(|w| number_word(w.as_str()).is_some());
        let (value, start) = match (digits, word) {
            (Some(d), Some(w)) => (d.as_str().parse().ok(), w.start()),
            (Some(d), None) => (d.as_str().parse().ok(), d.start()),
            (None, Some(w)) => (number_word(w.as_str()), w.start()),
            (None, None) => (None, 0),
        };
        let Some(value) = value else { continue };
        let hedge = hedge_before(text, start);
        // Rounded so that 7 working days read 9.8, not 9.799999999999999.
        let approx_days = (f64::from(value) * unit.approx_days() * 100.0).round() / 100.0;
        out.push(Duration { value, unit, approx_days, hedge, start, end: unit_match.end() });
    }
    out
}

/// A hedge in the 50 characters before a number, as whole words, unless a firm word
/// ("spätestens", "senast") stands between it and the number.
fn hedge_before(text: &str, at: usize) -> Option<String> {
    let from = text[..at].char_indices().rev().nth(50).map_or(0, |(i, _)| i);
    let window = format!(" {} ", words_only(&text[from..at]));
    let last = |padded: &String| window.rfind(padded.as_str());
    let firm_at = PADDED.firm.iter().filter_map(last).max();
    let hedge = PADDED.hedges.iter().position(|h| last(h).is_some_and(|i| firm_at.is_none_or(|f| i > f)));
    hedge.map(|k| LEXICON.hedges[k].clone())
}

/// The hedges and firm words as whole words of a window (" möglichst "): made once, not for
/// every word at every duration.
struct Padded {
    hedges: Vec<String>,
    firm: Vec<String>,
}

static PADDED: LazyLock<Padded> = LazyLock::new(|| {
    let pad = |words: &[String]| words.iter().map(|w| format!(" {w} ")).collect();
    Padded { hedges: pad(&LEXICON.hedges), firm: pad(&LEXICON.firm) }
});

/// Lower case, punctuation as spaces, single spaces: "möglich), spätestens" → "möglich spätestens".
fn words_only(text: &str) -> String {
    let spaced: String =
        text.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number written as a word, in sv, de, it, nl or en ("vijf", "zweiundsiebzig", "sextio").
pub fn number_word(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    simple_number(w).or_else(|| compound_number(w))
}

fn simple_number(w: &str) -> Option<u32> {
    NUMBER_WORDS.get(w).copied()
}

/// "zweiundsiebzig", "tweeënzeventig", "settantadue", "fyrtiofem", "twenty-four".
fn compound_number(w: &str) -> Option<u32> {
    for sep in ["und", "ën", "en"] {
        if let Some((unit, tens)) = w.split_once(sep) {
            if let (Some(u @ 1..=9), Some(t)) = (simple_number(unit), simple_number(tens)) {
                if t % 10 == 0 && t >= 20 {
                    return Some(t + u);
                }
            }
        }
    }
    if let Some((tens, unit)) = w.split_once('-') {
        return Some(simple_number(tens)? + simple_number(unit)?);
    }
    // Tens then units, Italian with elision ("ventotto", "ventitré").
    for split in 1..w.len() {
        if !w.is_char_boundary(split) {
            continue;
        }
        let (head, tail) = w.split_at(split);
        let tail = tail.replace('é', "e");
        let tens = simple_number(head).or_else(|| simple_number(&format!("{head}a")));
        let tens = tens.or_else(|| simple_number(&format!("{head}i")));
        if let (Some(t), Some(u @ 1..=9)) = (tens, simple_number(&tail)) {
            if t % 10 == 0 && t >= 20 {
                return Some(t + u);
            }
        }
    }
    None
}

/// A currency word as a pattern: whole words end at a word boundary, symbols need none.
fn currency_word(word: &str) -> String {
    let escaped = regex::escape(word);
    if word.chars().last().is_some_and(char::is_alphanumeric) {
        format!(r"{escaped}\b")
    } else {
        escaped
    }
}

fn currency_words(pick: fn(&Currency) -> &Vec<String>) -> String {
    LEXICON
        .currencies
        .iter()
        .flat_map(|c| pick(c).iter().map(|w| currency_word(w)))
        .collect::<Vec<_>>()
        .join("|")
}

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    let number = r"\d{1,3}(?:[.,\s\u{a0}\u{202f}]\d{3})*(?:[.,]\d{1,2})?|\d+";
    let scale =
        LEXICON.scales.iter().flat_map(|s| &s.words).map(String::as_str).collect::<Vec<_>>().join("|");
    // "1 milione di euro", "1 Million Euro": a scale, and a word of "of", between. The scale
    // words are ASCII, so their boundary is (the Unicode one would not run on the lazy DFA).
    let pattern = format!(
        r"(?i)(?P<pre>{})\s?(?P<n1>{number})(?:\s?(?P<s1>{scale})(?-u:\b)\.?)?|(?P<n2>{number})(?:\s?(?P<s2>{scale})(?-u:\b)\.?)?\s?(?:(?:di|de|d[’'])\s?)?(?P<post>{})",
        currency_words(|c| &c.before),
        currency_words(|c| &c.after)
    );
    Regex::new(&crate::boundary::fast_boundaries(&pattern)).expect("valid money pattern")
});

/// The ISO code of a currency word as matched.
fn currency_code(word: &str, pick: fn(&Currency) -> &Vec<String>) -> Option<&'static str> {
    let word = word.to_lowercase();
    LEXICON
        .currencies
        .iter()
        .find(|c| pick(c).iter().any(|w| w.to_lowercase() == word))
        .map(|c| c.code.as_str())
}

/// Every amount of money in `text`, in order.
pub fn money(text: &str) -> Vec<Money> {
    MONEY
        .captures_iter(text)
        .filter_map(|c| {
            let number = c.name("n1").or_else(|| c.name("n2"))?;
            let currency = match (c.name("pre"), c.name("post")) {
                (Some(pre), _) => currency_code(pre.as_str(), |c| &c.before)?,
                (None, Some(post)) => currency_code(post.as_str(), |c| &c.after)?,
                (None, None) => return None,
            };
            let whole = c.get(0)?;
            let factor =
                c.name("s1").or_else(|| c.name("s2")).map_or(Some(1.0), |w| scale_factor(w.as_str()))?;
            Some(Money {
                amount: parse_amount(number.as_str())? * factor,
                currency,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// The factor of a scale word as matched ("Mio." → 1,000,000).
fn scale_factor(word: &str) -> Option<f64> {
    static SCALES: LazyLock<Vec<(f64, Regex)>> = LazyLock::new(|| {
        LEXICON
            .scales
            .iter()
            .map(|s| {
                let words = s.words.iter().map(String::as_str).collect::<Vec<_>>().join("|");
                (s.factor, Regex::new(&format!("(?i)^(?:{words})$")).expect("valid scale words"))
            })
            .collect()
    });
    SCALES.iter().find(|(_, re)| re.is_match(word)).map(|(factor, _)| *factor)
}

/// "5.000" → 5000, "100.000,00" → 100000, "500 000" → 500000, "1,234.50" → 1234.5.
pub fn parse_amount(raw: &str) -> Option<f64> {
    let cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let last_sep = cleaned.rfind(['.', ',']);
    let normalised = match last_sep {
        Some(i) if cleaned.len() - i - 1 <= 2 => {
            // The last separator has 1–2 digits after it: a decimal separator.
            let (int, frac) = cleaned.split_at(i);
            format!("{}.{}", int.replace(['.', ','], ""), &frac[1..])
        }
        _ => cleaned.replace(['.', ','], ""),
    };
    normalised.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> (u32, Unit) {
        let d = durations(text).into_iter().next().unwrap_or_else(|| panic!("no duration in {text:?}"));
        (d.value, d.unit)
    }

    #[test]
    fn durations_as_contracts_write_them() {
        assert_eq!(first("binnen vijf (5) werkdagen"), (5, Unit::WorkingDays));
        assert_eq!(first("innerhalb von zweiundsiebzig (72) Stunden"), (72, Unit::Hours));
        assert_eq!(first("inom sextio (60) dagar"), (60, Unit::Days));
        assert_eq!(first("entro tre (3) mesi"), (3, Unit::Months));
        assert_eq!(first("con almeno due settimane di anticipo"), (2, Unit::Weeks));
        assert_eq!(first("binnen één (1) maand"), (1, Unit::Months));
        assert_eq!(first("spätestens innerhalb von 24 Stunden"), (24, Unit::Hours));
        assert_eq!(first("nach 14 Tagen gelöscht"), (14, Unit::Days));
        assert_eq!(first("minst tio (10) arbetsdagars skriftligt varsel"), (10, Unit::WorkingDays));
        assert_eq!(first("within thirty days"), (30, Unit::Days));
        assert_eq!(first("entro sessanta (60) giorni"), (60, Unit::Days));
        assert_eq!(first("binnen dertig dagen"), (30, Unit::Days));
        assert_eq!(first("6 Monate"), (6, Unit::Months));
        assert_eq!(first("10 Jahre"), (10, Unit::Years));
        assert_eq!(first("waar mogelijk binnen 24 (vierentwintig) uur nadat"), (24, Unit::Hours));
        assert_eq!(first("hat ein 30-tägiges Widerspruchsrecht"), (30, Unit::Days));
        assert_eq!(first("een 30-daagse termijn"), (30, Unit::Days));
        assert_eq!(first("dock senast 36 h efter upptäckt"), (36, Unit::Hours));
        assert_eq!(first("binnen 24h na ontdekking"), (24, Unit::Hours));
        assert_eq!(first("eine 2-wöchige Frist"), (2, Unit::Weeks));
        // A template's field with its default filled in.
        assert_eq!(first("aviseras skriftligen minst [30] dagar i förväg"), (30, Unit::Days));
        assert_eq!(first("senast inom [ 24 ] timmar"), (24, Unit::Hours));
    }

    #[test]
    fn a_unit_without_a_number_is_no_duration() {
        for text in ["Art. 28 Abs. 3 lit. h DSGVO", "am Montag", "lettera h) del GDPR", "die Vertragsdauer"] {
            assert!(durations(text).is_empty(), "{text}: {:?}", durations(text));
        }
    }

    #[test]
    fn the_number_stays_as_written_and_approx_days_sorts() {
        let d = &durations("vijf (5) werkdagen")[0];
        assert_eq!(d.value, 5);
        assert!((d.approx_days - 7.0).abs() < 1e-9);
        assert_eq!(&"vijf (5) werkdagen"[d.start..d.end], "vijf (5) werkdagen");
        assert!((durations("48 uur")[0].approx_days - 2.0).abs() < 1e-9);
    }

    #[test]
    fn as_a_rule_hedges_a_period_in_every_language() {
        for (text, hedge) in [
            ("in der Regel mindestens zwei Wochen", "in der regel"),
            ("di norma non inferiore a due settimane", "di norma"),
            ("in de regel ten minste twee weken", "in de regel"),
            ("i regel minst två veckor", "i regel"),
            ("normally at least two weeks", "normally"),
        ] {
            assert_eq!(durations(text)[0].hedge.as_deref(), Some(hedge), "{text}");
        }
    }

    #[test]
    fn hedges_are_kept() {
        let d = &durations("in tempo utile (di solito con almeno due settimane di anticipo)")[0];
        assert_eq!(d.hedge.as_deref(), Some("di solito"));
        let d = &durations("zonder onredelijke vertraging, waar mogelijk binnen 24 uur")[0];
        assert_eq!(d.hedge.as_deref(), Some("waar mogelijk"));
        assert_eq!(durations("binnen 24 uur")[0].hedge, None);
        let firm = &durations("så snart som möjligt och senast 48 timmar efter upptäckt")[0];
        assert_eq!(firm.hedge, None, "senast makes the number firm again");
        assert!((durations("sju (7) arbetsdagar")[0].approx_days - 9.8).abs() < 1e-12);
    }

    #[test]
    fn words_that_are_not_numbers_are_ignored() {
        assert!(durations("per anno solare").is_empty(), "no number, no duration");
        assert!(durations("die Tage der Woche").is_empty());
        assert!(durations("Il Cliente può effettuare un audit per anno").is_empty());
    }

    #[test]
    fn number_words_in_five_languages() {
        for (word, n) in [
            ("zweiundsiebzig", 72),
            ("tweeënzeventig", 72),
            ("settantadue", 72),
            ("sjuttiotvå", 72),
            ("seventy-two", 72),
            ("vierundzwanzig", 24),
            ("ventiquattro", 24),
            ("vierentwintig", 24),
            ("ventotto", 28),
            ("fyrtiofem", 45),
            ("Sechs", 6),
            ("één", 1),
        ] {
            assert_eq!(number_word(word), Some(n), "{word}");
        }
        assert_eq!(number_word("Kunde"), None);
        assert_eq!(number_word("entro"), None);
    }

    #[test]
    fn money_in_european_formats() {
        let amounts = |t: &str| money(t).into_iter().map(|m| (m.amount, m.currency)).collect::<Vec<_>>();
        assert_eq!(amounts("nooit meer bedragen dan €5.000."), [(5000.0, "EUR")]);
        assert_eq!(amounts("limitata a € 100.000,00 (centomila/00)"), [(100000.0, "EUR")]);
        assert_eq!(amounts("begränsat till 500 000 kronor"), [(500000.0, "SEK")]);
        assert_eq!(amounts("höchstens EUR 250.000 je Jahr"), [(250000.0, "EUR")]);
        assert_eq!(amounts("auf 5.000 EUR begrenzt"), [(5000.0, "EUR")]);
        assert_eq!(amounts("USD 1,234.50"), [(1234.5, "USD")]);
        assert!(amounts("Artikel 5.3 und 2019").is_empty());
    }

    #[test]
    fn amounts_with_a_scale_word_are_scaled() {
        let amounts = |t: &str| money(t).into_iter().map(|m| (m.amount, m.currency)).collect::<Vec<_>>();
        assert_eq!(amounts("auf den Betrag von EUR 1 Mio. begrenzt"), [(1_000_000.0, "EUR")]);
        assert_eq!(amounts("beperkt tot EUR 2,5 miljoen"), [(2_500_000.0, "EUR")]);
        assert_eq!(amounts("limitata a 1 milione di euro"), [(1_000_000.0, "EUR")]);
        assert_eq!(amounts("begränsat till 1 miljon kronor"), [(1_000_000.0, "SEK")]);
        assert_eq!(amounts("capped at €2m in total"), [(2_000_000.0, "EUR")]);
        assert_eq!(amounts("höchstens 250 Tsd. EUR"), [(250_000.0, "EUR")]);
        // A word that only starts like a scale is none: "EUR 100 monthly".
        assert_eq!(amounts("EUR 100 monthly"), [(100.0, "EUR")]);
    }

    #[test]
    fn the_values_lexicon_loads_whole() {
        let units: Vec<Unit> = LEXICON.units.iter().map(|u| u.unit).collect();
        assert_eq!(
            units,
            [Unit::WorkingDays, Unit::Hours, Unit::Days, Unit::Weeks, Unit::Months, Unit::Years],
            "every unit once, working days before days"
        );
        for lang in ["sv", "de", "it", "nl", "en"] {
            assert!(LEXICON.numbers.get(lang).is_some_and(|w| w.len() >= 20), "number words for {lang}");
        }
        assert!(LEXICON.hedges.len() >= 20);
        for (text, code) in [("€ 1", "EUR"), ("2 kr", "SEK"), ("USD 3", "USD"), ("CHF 4", "CHF")] {
            assert_eq!(money(text)[0].currency, code, "{text}");
        }
    }

    #[test]
    fn a_number_word_means_the_same_in_every_language() {
        let mut seen: HashMap<&str, (&str, u32)> = HashMap::new();
        for (lang, words) in &LEXICON.numbers {
            for (word, n) in words {
                if let Some((other, m)) = seen.insert(word, (lang, *n)) {
                    assert_eq!(m, *n, "{word:?} is {m} in {other} but {n} in {lang}");
                }
                assert_eq!(number_word(word), Some(*n), "{word} ({lang})");
            }
        }
    }

    #[test]
    fn every_unit_word_reads_as_its_unit() {
        for (text, unit) in [
            ("3 Werktage", Unit::WorkingDays),
            ("3 giorni lavorativi", Unit::WorkingDays),
            ("3 bankdagar", Unit::WorkingDays),
            ("3 timmar", Unit::Hours),
            ("3 ore", Unit::Hours),
            ("3 uren", Unit::Hours),
            ("3 veckor", Unit::Weeks),
            ("3 weken", Unit::Weeks),
            ("3 månader", Unit::Months),
            ("3 maanden", Unit::Months),
            ("3 år", Unit::Years),
            ("3 anni", Unit::Years),
        ] {
            assert_eq!(first(text), (3, unit), "{text}");
        }
    }
}

#[cfg(test)]
mod speed {
    #[test]
    fn the_duration_pattern_keeps_to_fast_word_boundaries() {
        let pattern = super::DURATION.as_str();
        let unicode = pattern.replace(r"(?-u:\b)", "").matches(r"\b").count();
        println!("{unicode} Unicode boundaries left");
        assert_eq!(unicode, 0, "{pattern}");
    }

    #[test]
    fn every_value_pattern_runs_on_the_lazy_dfa() {
        crate::boundary::assert_lazy_dfa([&*super::DURATION, &*super::ANY_UNIT, &*super::MONEY]);
    }
}
