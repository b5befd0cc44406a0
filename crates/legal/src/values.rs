//! Values as contracts write them: durations ("vijf (5) werkdagen", "zweiundsiebzig (72)
//! Stunden", "due settimane") and amounts ("€ 100.000,00", "500 000 kronor", "EUR 250.000").
//!
//! The number is kept as written (no unit conversion); `approx_days` only serves sorting.

use std::sync::LazyLock;

use regex::Regex;

/// A unit of time as the contract states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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
    fn approx_days(self) -> f64 {
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

const UNITS: &[(&str, Unit)] = &[
    (
        r"arbetsdag(?:ar|ars|en)?|bankdag(?:ar)?|werktag(?:e|en|s)?|arbeitstag(?:e|en|s)?|giorni\s+lavorativi|giorno\s+lavorativo|werkdag(?:en)?|working\s+days?|business\s+days?",
        Unit::WorkingDays,
    ),
    (r"timm(?:e|ar|arna|en)|stunden?|std\.|or[ae]|uur|uren|hours?", Unit::Hours),
    (r"dag(?:ar|arna|en|s)?|tag(?:e|en|s)?|giorn[oi]|days?", Unit::Days),
    (r"veck(?:a|or|ors|an)|wochen?|settiman[ae]|weken|week|weeks", Unit::Weeks),
    (r"månad(?:er|ers|en)?|monat(?:e|en|s)?|mes[ei]|maand(?:en)?|months?", Unit::Months),
    (r"år(?:et|s)?|jahr(?:e|en|es)?|ann[oi]|jaar|jaren|years?", Unit::Years),
];

const HEDGES: &[&str] = &[
    "di solito",
    "solitamente",
    "normalmente",
    "ove possibile",
    "se possibile",
    "in der regel",
    "wenn möglich",
    "nach möglichkeit",
    "grundsätzlich",
    "waar mogelijk",
    "in beginsel",
    "in principe",
    "normaal gesproken",
    "normalt",
    "om möjligt",
    "där det är möjligt",
    "usually",
    "typically",
    "where possible",
    "if possible",
    "normally",
];

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let units: Vec<&str> = UNITS.iter().map(|(p, _)| *p).collect();
    Regex::new(&format!(
        r"(?i)(?:\b(?P<word>[\p{{L}}-]+)\s+)?(?:\(\s*(?P<paren>\d{{1,4}})\s*\)|(?P<num>\d{{1,4}})(?:\s*\(\s*[\p{{L}}-]+\s*\))?)?\s*(?P<unit>\b(?:{})\b)",
        units.iter().map(|u| format!("(?:{u})")).collect::<Vec<_>>().join("|")
    ))
    .expect("valid duration pattern")
});

static UNIT_RES: LazyLock<Vec<(Regex, Unit)>> = LazyLock::new(|| {
    UNITS.iter().map(|(p, u)| (Regex::new(&format!("(?i)^(?:{p})$")).expect("valid unit"), *u)).collect()
});

/// Every duration in `text`, in order.
pub fn durations(text: &str) -> Vec<Duration> {
    let mut out = Vec::new();
    for c in DURATION.captures_iter(text) {
        let Some(unit_match) = c.name("unit") else { continue };
        let Some(unit) = UNIT_RES.iter().find(|(re, _)| re.is_match(unit_match.as_str())).map(|(_, u)| *u)
        else {
            continue;
        };
        let digits = c.name("paren").or_else(|| c.name("num"));
        let word = c.name("word").filter(|w| number_word(w.as_str()).is_some());
        let (value, start) = match (digits, word) {
            (Some(d), Some(w)) => (d.as_str().parse().ok(), w.start()),
            (Some(d), None) => (d.as_str().parse().ok(), d.start()),
            (None, Some(w)) => (number_word(w.as_str()), w.start()),
            (None, None) => (None, 0),
        };
        let Some(value) = value else { continue };
        let hedge = hedge_before(text, start);
        let approx_days = f64::from(value) * unit.approx_days();
        out.push(Duration { value, unit, approx_days, hedge, start, end: unit_match.end() });
    }
    out
}

fn hedge_before(text: &str, at: usize) -> Option<String> {
    let from = text[..at].char_indices().rev().nth(50).map_or(0, |(i, _)| i);
    let window = text[from..at].to_lowercase();
    HEDGES.iter().find(|h| window.contains(*h)).map(|h| (*h).to_owned())
}

/// A number written as a word, in sv, de, it, nl or en ("vijf", "zweiundsiebzig", "sextio").
pub fn number_word(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    simple_number(w).or_else(|| compound_number(w))
}

fn simple_number(w: &str) -> Option<u32> {
    const WORDS: &[(&str, u32)] = &[
        // sv
        ("en", 1),
        ("ett", 1),
        ("två", 2),
        ("tre", 3),
        ("fyra", 4),
        ("fem", 5),
        ("sex", 6),
        ("sju", 7),
        ("åtta", 8),
        ("nio", 9),
        ("tio", 10),
        ("elva", 11),
        ("tolv", 12),
        ("fjorton", 14),
        ("femton", 15),
        ("tjugo", 20),
        ("trettio", 30),
        ("fyrtio", 40),
        ("femtio", 50),
        ("sextio", 60),
        ("sjuttio", 70),
        ("åttio", 80),
        ("nittio", 90),
        // de
        ("ein", 1),
        ("eine", 1),
        ("einen", 1),
        ("einem", 1),
        ("einer", 1),
        ("zwei", 2),
        ("drei", 3),
        ("vier", 4),
        ("fünf", 5),
        ("sechs", 6),
        ("sieben", 7),
        ("acht", 8),
        ("neun", 9),
        ("zehn", 10),
        ("elf", 11),
        ("zwölf", 12),
        ("vierzehn", 14),
        ("fünfzehn", 15),
        ("zwanzig", 20),
        ("dreißig", 30),
        ("vierzig", 40),
        ("fünfzig", 50),
        ("sechzig", 60),
        ("siebzig", 70),
        ("achtzig", 80),
        ("neunzig", 90),
        // it
        ("un", 1),
        ("uno", 1),
        ("una", 1),
        ("due", 2),
        ("tre", 3),
        ("quattro", 4),
        ("cinque", 5),
        ("sei", 6),
        ("sette", 7),
        ("otto", 8),
        ("nove", 9),
        ("dieci", 10),
        ("undici", 11),
        ("dodici", 12),
        ("quattordici", 14),
        ("quindici", 15),
        ("venti", 20),
        ("trenta", 30),
        ("quaranta", 40),
        ("cinquanta", 50),
        ("sessanta", 60),
        ("settanta", 70),
        ("ottanta", 80),
        ("novanta", 90),
        // nl
        ("een", 1),
        ("één", 1),
        ("twee", 2),
        ("drie", 3),
        ("vijf", 5),
        ("zes", 6),
        ("zeven", 7),
        ("negen", 9),
        ("tien", 10),
        ("twaalf", 12),
        ("veertien", 14),
        ("vijftien", 15),
        ("twintig", 20),
        ("dertig", 30),
        ("veertig", 40),
        ("vijftig", 50),
        ("zestig", 60),
        ("zeventig", 70),
        ("tachtig", 80),
        ("negentig", 90),
        // en
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fourteen", 14),
        ("fifteen", 15),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    WORDS.iter().find(|(word, _)| *word == w).map(|(_, n)| *n)
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

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<pre>€|eur\b|euro\b|sek\b|usd\b|chf\b|\$)\s?(?P<n1>\d{1,3}(?:[.,\s\u{a0}\u{202f}]\d{3})*(?:[.,]\d{1,2})?|\d+)|(?P<n2>\d{1,3}(?:[.,\s\u{a0}\u{202f}]\d{3})*(?:[.,]\d{1,2})?|\d+)\s?(?P<post>€|eur\b|euro\b|sek\b|kr\b|kronor\b|usd\b|chf\b)",
    )
    .expect("valid money pattern")
});

/// Every amount of money in `text`, in order.
pub fn money(text: &str) -> Vec<Money> {
    MONEY
        .captures_iter(text)
        .filter_map(|c| {
            let number = c.name("n1").or_else(|| c.name("n2"))?;
            let symbol = c.name("pre").or_else(|| c.name("post"))?.as_str().to_lowercase();
            let currency = match symbol.as_str() {
                "€" | "eur" | "euro" => "EUR",
                "sek" | "kr" | "kronor" => "SEK",
                "usd" | "$" => "USD",
                "chf" => "CHF",
                _ => return None,
            };
            let whole = c.get(0)?;
            Some(Money {
                amount: parse_amount(number.as_str())?,
                currency,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
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
    fn hedges_are_kept() {
        let d = &durations("in tempo utile (di solito con almeno due settimane di anticipo)")[0];
        assert_eq!(d.hedge.as_deref(), Some("di solito"));
        let d = &durations("zonder onredelijke vertraging, waar mogelijk binnen 24 uur")[0];
        assert_eq!(d.hedge.as_deref(), Some("waar mogelijk"));
        assert_eq!(durations("binnen 24 uur")[0].hedge, None);
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
}
