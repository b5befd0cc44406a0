//! Value filters over key terms: `audit_notice<30d`, `liability_cap>=100000 EUR`, `governing_law=DE`.

use std::sync::LazyLock;

use concordia_legal::values::Unit;
use concordia_legal::TermKind;
use regex::Regex;
use serde_json::Value;

use crate::{Error, Result};

/// One condition on a key term.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The term kind it tests ("audit_notice").
    pub kind: TermKind,
    op: Op,
    target: Target,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

#[derive(Debug, Clone, PartialEq)]
enum Target {
    Days(f64),
    Money { amount: f64, currency: String },
    Text(String),
}

static SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([a-z_]+)\s*(<=|>=|!=|<|>|=)\s*(.+?)\s*$").expect("valid filter shape")
});
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d+(?:\.\d+)?)\s*(h|hours?|wd|working\s*days?|d|days?|w|weeks?|m|months?|y|years?)$")
        .expect("valid duration filter")
});
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(eur|sek|usd|chf|€)\s*([\d.,\s]+)|([\d.,\s]+?)\s*(eur|sek|usd|chf|€))$")
        .expect("valid money filter")
});

/// Parses `kind OP value`; values are durations (`30d`, `2w`, `5wd`, `24h`, `6m`, `1y`),
/// amounts (`100000 EUR`, `€5.000`) or words (`DE`, `controller`, `Eindhoven`).
pub fn parse(expr: &str) -> Result<Condition> {
    let bad = |why: &str| Error::BadFilter(format!("{expr:?}: {why}"));
    let c = SHAPE.captures(expr).ok_or_else(|| bad("write it as KIND OP VALUE, e.g. audit_notice<30d"))?;
    let op = match &c[2] {
        "<" => Op::Lt,
        "<=" => Op::Le,
        ">" => Op::Gt,
        ">=" => Op::Ge,
        "=" => Op::Eq,
        _ => Op::Ne,
    };
    let kind = TermKind::parse(&c[1]).ok_or_else(|| {
        let known: Vec<&str> = TermKind::ALL.iter().map(|k| k.id()).collect();
        bad(&format!("no key term {:?}; use one of {}", &c[1], known.join(", ")))
    })?;
    let raw = &c[3];
    let target = if let Some(d) = DURATION.captures(raw) {
        let n: f64 = d[1].parse().map_err(|_| bad("not a number"))?;
        let unit = Unit::from_short(&d[2]).ok_or_else(|| bad("not a unit"))?;
        Target::Days(n * unit.approx_days())
    } else if let Some(m) = MONEY.captures(raw) {
        let (symbol, number) = match (m.get(1), m.get(2)) {
            (Some(s), Some(n)) => (s.as_str(), n.as_str()),
            _ => (m.get(4).map_or("", |s| s.as_str()), m.get(3).map_or("", |n| n.as_str())),
        };
        let amount = concordia_legal::values::parse_amount(number).ok_or_else(|| bad("not an amount"))?;
        let currency = if symbol == "€" { "EUR".to_owned() } else { symbol.to_uppercase() };
        Target::Money { amount, currency }
    } else {
        Target::Text(raw.to_owned())
    };
    if matches!(target, Target::Text(_)) && !matches!(op, Op::Eq | Op::Ne) {
        return Err(bad("only = and != compare words"));
    }
    Ok(Condition { kind, op, target })
}

impl Condition {
    /// Whether a term's normalised value satisfies the condition; values that cannot be
    /// compared ("without undue delay" against 24h, another currency) do not.
    pub fn holds(&self, value: &Value) -> bool {
        match &self.target {
            Target::Days(days) => {
                value.get("approx_days").and_then(Value::as_f64).is_some_and(|v| self.compare(v, *days))
            }
            Target::Money { amount, currency } => {
                if value.get("unlimited").and_then(Value::as_bool) == Some(true) {
                    return matches!(self.op, Op::Gt | Op::Ge | Op::Ne);
                }
                let same_currency = value.get("currency").and_then(Value::as_str) == Some(currency.as_str());
                same_currency
                    && value.get("amount").and_then(Value::as_f64).is_some_and(|v| self.compare(v, *amount))
            }
            Target::Text(text) => {
                // "governing_law=DE|AT|FR": any of the words; EU and EEA name their countries.
                let words = words_of(value);
                let equal = text
                    .split('|')
                    .flat_map(|t| countries(t.trim()))
                    .any(|t| words.iter().any(|w| w.eq_ignore_ascii_case(t)));
                equal == (self.op == Op::Eq)
            }
        }
    }

    fn compare(&self, left: f64, right: f64) -> bool {
        match self.op {
            Op::Lt => left < right,
            Op::Le => left <= right,
            Op::Gt => left > right,
            Op::Ge => left >= right,
            Op::Eq => (left - right).abs() < 1e-9,
            Op::Ne => (left - right).abs() >= 1e-9,
        }
    }
}

/// The member states of the EU, and with Iceland, Liechtenstein and Norway the EEA.
const EU: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];
const EEA_ONLY: [&str; 3] = ["IS", "LI", "NO"];

/// A word of a filter as the words it stands for: "EU" and "EEA" for their countries.
fn countries(word: &str) -> Vec<&str> {
    if word.eq_ignore_ascii_case("EU") {
        EU.to_vec()
    } else if word.eq_ignore_ascii_case("EEA") {
        EU.iter().chain(&EEA_ONLY).copied().collect()
    } else {
        vec![word]
    }
}

/// The words a value can be compared with: a choice, a country, a place, a list's items.
fn words_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
        Value::Object(map) => {
            let mut words: Vec<String> = ["country", "place", "qualitative", "basis", "of"]
                .iter()
                .filter_map(|k| map.get(*k).and_then(Value::as_str).map(str::to_owned))
                .collect();
            // A cap with no limit, or one set elsewhere, is named by its flag.
            for flag in ["unlimited", "by_reference"] {
                if map.get(flag).and_then(Value::as_bool) == Some(true) {
                    words.push(flag.to_owned());
                }
            }
            words
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn durations_compare_by_approximate_days() {
        let c = parse("audit_notice<30d").unwrap();
        assert!(c.holds(&json!({"value": 5, "unit": "working_days", "approx_days": 7.0})));
        assert!(!c.holds(&json!({"value": 6, "unit": "weeks", "approx_days": 42.0})));
        assert!(!c.holds(&json!({"qualitative": "without undue delay"})), "words are not a duration");
        assert!(parse("breach_notice<=24h")
            .unwrap()
            .holds(&json!({"value": 24, "unit": "hours", "approx_days": 1.0})));
        assert!(parse("deletion_period>3m")
            .unwrap()
            .holds(&json!({"value": 6, "unit": "months", "approx_days": 180.0})));
    }

    #[test]
    fn amounts_compare_within_a_currency_and_unlimited_is_above_any_cap() {
        let c = parse("liability_cap>=100000 EUR").unwrap();
        assert!(c.holds(&json!({"amount": 100000.0, "currency": "EUR"})));
        assert!(!c.holds(&json!({"amount": 5000.0, "currency": "EUR"})));
        assert!(
            !c.holds(&json!({"amount": 500000.0, "currency": "SEK"})),
            "no conversion between currencies"
        );
        assert!(c.holds(&json!({"unlimited": true})));
        assert!(!c.holds(&json!({"by_reference": true})));
        assert!(parse("liability_cap<€5.001").unwrap().holds(&json!({"amount": 5000.0, "currency": "EUR"})));
    }

    #[test]
    fn words_compare_case_insensitively() {
        assert!(parse("governing_law=de").unwrap().holds(&json!({"country": "DE"})));
        assert!(parse("jurisdiction!=Utrecht").unwrap().holds(&json!({"place": "Eindhoven"})));
        assert!(parse("audit_costs=controller").unwrap().holds(&json!("controller")));
        assert!(parse("liability_exclusions=data_loss").unwrap().holds(&json!(["lost_profit", "data_loss"])));
        assert!(parse("governing_law=SE|DE|NL").unwrap().holds(&json!({"country": "DE"})));
        assert!(!parse("governing_law=SE|NL").unwrap().holds(&json!({"country": "US"})));
        assert!(parse("governing_law=EU").unwrap().holds(&json!({"country": "AT"})));
        assert!(parse("governing_law!=EEA").unwrap().holds(&json!({"country": "CH"})));
        assert!(!parse("governing_law!=EEA").unwrap().holds(&json!({"country": "NO"})));
        assert!(parse("liability_cap=by_reference").unwrap().holds(&json!({"by_reference": true})));
        assert!(parse("liability_cap=unlimited").unwrap().holds(&json!({"unlimited": true})));
        let fees = json!({"basis": "fees paid in the last 12 months"});
        assert!(parse("liability_cap=fees paid in the last 12 months").unwrap().holds(&fees));
    }

    #[test]
    fn malformed_filters_say_how_to_write_them() {
        let err = parse("audit notice soon").unwrap_err().to_string();
        assert!(err.contains("KIND OP VALUE"), "{err}");
        assert!(parse("governing_law<DE").is_err());
        // A misspelt kind is refused, not a filter that silently matches nothing.
        let err = parse("audit_notce<30d").unwrap_err().to_string();
        assert!(err.contains("no key term \"audit_notce\"") && err.contains("audit_notice"), "{err}");
    }
}
