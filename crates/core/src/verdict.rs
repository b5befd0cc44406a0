//! Verdicts of the key-terms matrix: is a document's value stricter or looser than the
//! reference's (or, without one, than the others'), and why, in words.
//!
//! "Stricter" means more protective for the controller: a shorter notice or deletion period,
//! a higher or no liability cap, more audits, the processor paying, specific authorisation.

use serde_json::Value;

use concordia_legal::TermKind;

use crate::api::Verdict;
use crate::report::Labels;

/// Where a value stands for comparison.
#[derive(Debug, Clone, PartialEq)]
enum Standing {
    /// Higher is stricter; with the words to say so (label keys: "shorter", "longer").
    Ordered { score: f64, stricter: &'static str, looser: &'static str, unit: String },
    /// Only equal or different ("DE", "delete").
    Category(String),
}

/// Why a cell has its verdict: the values and how they compare, put into words in any report
/// language by [`Reason::words`] (`report/labels.toml`, `[xx.reasons]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Reason {
    /// This document is the reference.
    #[default]
    Reference,
    /// The document states no value of this kind.
    Missing,
    /// The reference states none.
    ReferenceStatesNone { mine: Value },
    /// Against the reference's value.
    Against { mine: Value, theirs: Value, how: How },
    /// No other document states a value that can be compared.
    NothingComparable { mine: Value },
    /// Categories: the others state other ones.
    OthersDiffer { mine: Value, others: Vec<Value> },
    /// Categories: as in the others.
    AsOthers { mine: Value },
    /// Ranked among the others: how many it is stricter and looser than.
    AmongOthers { mine: Value, stricter: usize, looser: usize, others: Vec<Value> },
}

/// How a value compares with the reference's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum How {
    Same,
    /// The same number, hedged ("where possible within 24 hours") against firm, or firm against hedged.
    Weaker,
    Firmer,
    /// Ordered, with the word for the direction (a label key: "shorter", "higher").
    Ordered(&'static str),
    NotRankable,
}

impl Reason {
    /// The reason in the words of `labels`' language: "24 hours is shorter than the reference's 72 hours".
    pub fn words(&self, kind: TermKind, labels: &Labels) -> String {
        let value = |v: &Value| labels.value(v);
        let list = |vs: &[Value]| vs.iter().map(value).collect::<Vec<_>>().join(", ");
        let kind_label = labels.kind(kind.id());
        let kind_lower = lower_first(kind_label);
        let fill = |key: &str, mine: Option<&Value>, pairs: &[(&str, String)]| {
            let mut text = labels.reason(key).to_owned();
            if let Some(mine) = mine {
                text = text.replace("{mine}", &value(mine));
            }
            text = text.replace("{kind}", kind_label).replace("{kind_lower}", &kind_lower);
            for (name, with) in pairs {
                text = text.replace(&format!("{{{name}}}"), with);
            }
            text
        };
        match self {
            Reason::Reference => fill("reference", None, &[]),
            Reason::Missing => fill("missing", None, &[]),
            Reason::ReferenceStatesNone { mine } => fill("reference_states_none", Some(mine), &[]),
            Reason::Against { mine, theirs, how } => {
                let theirs = ("theirs", value(theirs));
                match how {
                    How::Same => fill("same", Some(mine), &[theirs]),
                    How::NotRankable => fill("not_rankable", Some(mine), &[theirs]),
                    How::Weaker => {
                        fill("compare", Some(mine), &[theirs, ("word", labels.reason("weaker").to_owned())])
                    }
                    How::Firmer => {
                        fill("compare", Some(mine), &[theirs, ("word", labels.reason("firmer").to_owned())])
                    }
                    How::Ordered(word) => {
                        fill("compare", Some(mine), &[theirs, ("word", labels.reason(word).to_owned())])
                    }
                }
            }
            Reason::NothingComparable { mine } => fill("nothing_comparable", Some(mine), &[]),
            Reason::OthersDiffer { mine, others } => {
                fill("others_differ", Some(mine), &[("others", list(others))])
            }
            Reason::AsOthers { mine } => fill("as_others", Some(mine), &[]),
            Reason::AmongOthers { mine, stricter, looser, others } => {
                let key = match stricter.cmp(looser) {
                    std::cmp::Ordering::Greater => "stricter_than_others",
                    std::cmp::Ordering::Less => "looser_than_others",
                    std::cmp::Ordering::Equal if *stricter == 0 => "same_as_others",
                    std::cmp::Ordering::Equal => "between_others",
                };
                let count = (*stricter).max(*looser);
                let pairs = [
                    ("others", list(others)),
                    ("count", count.to_string()),
                    ("n", others.len().to_string()),
                    ("stricter", stricter.to_string()),
                    ("looser", looser.to_string()),
                ];
                fill(key, Some(mine), &pairs)
            }
        }
    }
}

/// "Audit notice" → "audit notice" inside a sentence; nouns a language capitalises keep their
/// capital only where its template uses `{kind}`.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The verdict and its reason for `value` of `kind`, against the reference or the others' values.
pub fn judge(
    kind: TermKind,
    value: Option<&Value>,
    reference: Option<Option<&Value>>,
    others: &[&Value],
) -> (Verdict, Reason) {
    let Some(value) = value else {
        return (Verdict::Missing, Reason::Missing);
    };
    match reference {
        Some(Some(reference)) => {
            let (verdict, how) = against(kind, value, reference);
            (verdict, Reason::Against { mine: value.clone(), theirs: reference.clone(), how })
        }
        Some(None) => (Verdict::NotComparable, Reason::ReferenceStatesNone { mine: value.clone() }),
        None => against_others(kind, value, others),
    }
}

fn against(kind: TermKind, value: &Value, other: &Value) -> (Verdict, How) {
    match (standing(kind, value), standing(kind, other)) {
        (
            Some(Standing::Ordered { score: a, stricter, looser, unit }),
            Some(Standing::Ordered { score: b, unit: u2, .. }),
        ) if same_scale(&unit, &u2) => {
            let hedged = |v: &Value| v.get("hedge").is_some();
            if (a - b).abs() < 1e-9 && hedged(value) != hedged(other) {
                // "where possible within 24 hours" promises less than "within 24 hours".
                if hedged(value) {
                    (Verdict::Looser, How::Weaker)
                } else {
                    (Verdict::Stricter, How::Firmer)
                }
            } else if (a - b).abs() < 1e-9 {
                (Verdict::Same, How::Same)
            } else if a > b {
                (Verdict::Stricter, How::Ordered(stricter))
            } else {
                (Verdict::Looser, How::Ordered(looser))
            }
        }
        (Some(Standing::Category(a)), Some(Standing::Category(b))) if a == b => (Verdict::Same, How::Same),
        _ => (Verdict::NotComparable, How::NotRankable),
    }
}

/// Without a reference: against the middle of the others' comparable values.
fn against_others(kind: TermKind, value: &Value, others: &[&Value]) -> (Verdict, Reason) {
    let own = standing(kind, value);
    let comparable: Vec<&Value> = others
        .iter()
        .copied()
        .filter(|o| match (&own, standing(kind, o)) {
            (Some(Standing::Ordered { unit, .. }), Some(Standing::Ordered { unit: u2, .. })) => {
                same_scale(unit, &u2)
            }
            (Some(Standing::Category(_)), Some(Standing::Category(_))) => true,
            _ => false,
        })
        .collect();
    let mine = value.clone();
    if comparable.is_empty() {
        return (Verdict::NotComparable, Reason::NothingComparable { mine });
    }
    let others: Vec<Value> = comparable.iter().map(|o| (*o).clone()).collect();
    if let Some(Standing::Category(own)) = &own {
        let differ = comparable.iter().any(|o| standing(kind, o) != Some(Standing::Category(own.clone())));
        return if differ {
            (Verdict::NotComparable, Reason::OthersDiffer { mine, others })
        } else {
            (Verdict::Same, Reason::AsOthers { mine })
        };
    }
    // Stricter or looser than most of the others; "same" when as many are either way.
    let verdicts: Vec<Verdict> = comparable.iter().map(|o| against(kind, value, o).0).collect();
    let stricter = verdicts.iter().filter(|v| **v == Verdict::Stricter).count();
    let looser = verdicts.iter().filter(|v| **v == Verdict::Looser).count();
    let verdict = match stricter.cmp(&looser) {
        std::cmp::Ordering::Greater => Verdict::Stricter,
        std::cmp::Ordering::Less => Verdict::Looser,
        std::cmp::Ordering::Equal => Verdict::Same,
    };
    (verdict, Reason::AmongOthers { mine, stricter, looser, others })
}

/// A scale every value of its kind compares with: "no cap" outranks an amount in any currency,
/// the controller's choice outranks either fixed way of ending (deletion, return).
const ANY: &str = "any";

fn same_scale(a: &str, b: &str) -> bool {
    a == b || a == ANY || b == ANY
}

fn standing(kind: TermKind, value: &Value) -> Option<Standing> {
    let ordered = |score: f64, stricter, looser, unit: &str| {
        Some(Standing::Ordered { score, stricter, looser, unit: unit.to_owned() })
    };
    let days = value.get("approx_days").and_then(Value::as_f64);
    match kind {
        TermKind::AuditNotice
        | TermKind::DeletionPeriod
        | TermKind::BackupRetention
        | TermKind::BreachNotice => match days {
            Some(d) => ordered(-d, "shorter", "longer", "days"),
            None => {
                value.get("qualitative").and_then(Value::as_str).map(|q| Standing::Category(q.to_owned()))
            }
        },
        TermKind::ClaimsTimeLimit | TermKind::SubprocessorObjection => {
            days.and_then(|d| ordered(d, "longer", "shorter", "days"))
        }
        TermKind::AuditFrequency => {
            let count = value.get("count").and_then(Value::as_f64)?;
            let per_year = match value.get("per").and_then(Value::as_str)? {
                "month" => 12.0,
                "quarter" => 4.0,
                _ => 1.0,
            };
            ordered(count * per_year, "more_frequent", "less_frequent", "per year")
        }
        TermKind::LiabilityCap => cap(value),
        TermKind::LiabilityExclusions => {
            let n = value.as_array()?.len() as f64;
            ordered(-n, "narrower", "wider", "exclusions")
        }
        TermKind::AuditCosts => {
            rank(value, &["controller", "shared", "processor"], "more_on_processor", "more_on_controller")
        }
        TermKind::SubprocessorAuthorisation => rank(value, &["general", "specific"], "stricter", "looser"),
        TermKind::DeletionMode => deletion_mode(value),
        TermKind::GoverningLaw | TermKind::Jurisdiction => category(value),
    }
}

/// The controller's choice gives her what either fixed mode gives, and more (Art. 28(3)(g)):
/// it outranks deletion and return, which do not rank against each other.
fn deletion_mode(value: &Value) -> Option<Standing> {
    let (score, unit) = match value.as_str()? {
        "controller_choice" => (1.0, ANY),
        fixed => (0.0, fixed),
    };
    Some(Standing::Ordered { score, stricter: "stricter", looser: "looser", unit: unit.to_owned() })
}

fn cap(value: &Value) -> Option<Standing> {
    if value.get("unlimited").is_some() {
        return Some(Standing::Ordered {
            score: f64::INFINITY,
            stricter: "higher",
            looser: "lower",
            unit: ANY.to_owned(),
        });
    }
    if let Some(multiple) = value.get("multiple").and_then(Value::as_f64) {
        // Comparable with another multiple of the annual value, not with an amount.
        return Some(Standing::Ordered {
            score: multiple,
            stricter: "higher",
            looser: "lower",
            unit: "times the annual value".to_owned(),
        });
    }
    match (value.get("amount").and_then(Value::as_f64), value.get("currency").and_then(Value::as_str)) {
        (Some(amount), Some(currency)) if value.get("basis").is_none() => Some(Standing::Ordered {
            score: amount,
            stricter: "higher",
            looser: "lower",
            unit: currency.to_owned(),
        }),
        _ => category(value),
    }
}

fn rank(value: &Value, order: &[&str], stricter: &'static str, looser: &'static str) -> Option<Standing> {
    let position = order.iter().position(|o| value.as_str() == Some(o))?;
    Some(Standing::Ordered { score: position as f64, stricter, looser, unit: "rank".to_owned() })
}

fn category(value: &Value) -> Option<Standing> {
    Some(Standing::Category(value.to_string()))
}

/// A value in words, in English: "24 hours", "EUR 5,000", "unlimited", "Germany". One
/// formatter for the CLI, the app and the reports (`report/labels.toml`).
pub fn describe(value: &Value) -> String {
    Labels::english().value(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The verdict and its reason in English, as the matrix shows it.
    fn judge(
        kind: &str,
        value: Option<&Value>,
        reference: Option<Option<&Value>>,
        others: &[&Value],
    ) -> (Verdict, String) {
        let kind = TermKind::parse(kind).expect("a kind");
        let (verdict, why) = super::judge(kind, value, reference, others);
        (verdict, why.words(kind, Labels::english()))
    }

    fn hours(n: u64) -> Value {
        json!({"value": n, "unit": "hours", "approx_days": n as f64 / 24.0})
    }

    #[test]
    fn the_controllers_choice_outranks_a_fixed_deletion_or_return() {
        let (choice, delete, ret) = (json!("controller_choice"), json!("delete"), json!("return"));
        assert_eq!(judge("deletion_mode", Some(&choice), Some(Some(&delete)), &[]).0, Verdict::Stricter);
        assert_eq!(judge("deletion_mode", Some(&ret), Some(Some(&choice)), &[]).0, Verdict::Looser);
        assert_eq!(judge("deletion_mode", Some(&delete), Some(Some(&ret)), &[]).0, Verdict::NotComparable);
        assert_eq!(judge("deletion_mode", Some(&delete), Some(Some(&delete)), &[]).0, Verdict::Same);
        let (verdict, why) = judge("deletion_mode", Some(&choice), None, &[&delete, &delete]);
        assert_eq!(verdict, Verdict::Stricter, "{why}");
    }

    #[test]
    fn a_shorter_breach_notice_is_stricter_than_the_reference() {
        let (verdict, why) = judge("breach_notice", Some(&hours(24)), Some(Some(&hours(72))), &[]);
        assert_eq!(verdict, Verdict::Stricter);
        assert_eq!(why, "24 hours is shorter than the reference's 72 hours");
        let (verdict, _) = judge("breach_notice", Some(&hours(72)), Some(Some(&hours(24))), &[]);
        assert_eq!(verdict, Verdict::Looser);
    }

    #[test]
    fn a_hedged_value_is_looser_than_the_same_firm_one() {
        let hedged = json!({"value": 24, "unit": "hours", "approx_days": 1.0, "hedge": "waar mogelijk"});
        let (verdict, why) = judge("breach_notice", Some(&hedged), Some(Some(&hours(24))), &[]);
        assert_eq!(verdict, Verdict::Looser);
        assert_eq!(why, "24 hours (“waar mogelijk”) is weaker than the reference's 24 hours");
    }

    #[test]
    fn words_and_numbers_cannot_be_ranked() {
        let undue = json!({"qualitative": "without undue delay"});
        let (verdict, why) = judge("breach_notice", Some(&undue), Some(Some(&hours(72))), &[]);
        assert_eq!(verdict, Verdict::NotComparable, "{why}");
    }

    #[test]
    fn no_cap_is_stricter_than_any_amount_and_other_currencies_do_not_compare() {
        let unlimited = json!({"unlimited": true});
        let eur = json!({"amount": 5000.0, "currency": "EUR"});
        let sek = json!({"amount": 500000.0, "currency": "SEK"});
        assert_eq!(judge("liability_cap", Some(&unlimited), Some(Some(&eur)), &[]).0, Verdict::Stricter);
        assert_eq!(judge("liability_cap", Some(&sek), Some(Some(&eur)), &[]).0, Verdict::NotComparable);
        assert_eq!(describe(&eur), "EUR 5,000");
    }

    #[test]
    fn multiples_of_the_annual_value_compare_with_each_other_not_with_amounts() {
        let three = json!({"multiple": 3, "of": "annual contract value"});
        let two = json!({"multiple": 2, "of": "annual contract value"});
        let eur = json!({"amount": 5000.0, "currency": "EUR"});
        let (verdict, why) = judge("liability_cap", Some(&three), Some(Some(&two)), &[]);
        assert_eq!(verdict, Verdict::Stricter);
        assert_eq!(
            why,
            "3 × the annual contract value is higher than the reference's 2 × the annual contract value"
        );
        assert_eq!(judge("liability_cap", Some(&three), Some(Some(&eur)), &[]).0, Verdict::NotComparable);
        let unlimited = json!({"unlimited": true});
        assert_eq!(judge("liability_cap", Some(&unlimited), Some(Some(&three)), &[]).0, Verdict::Stricter);
    }

    #[test]
    fn without_a_reference_most_of_the_others_decide() {
        let (five, ten, thirty) = (hours(5), hours(10), hours(30));
        let (verdict, why) = judge("audit_notice", Some(&five), None, &[&ten, &thirty]);
        assert_eq!(
            (verdict, why.as_str()),
            (Verdict::Stricter, "5 hours: stricter than 2 of the 2 others (10 hours, 30 hours)")
        );
        assert_eq!(judge("audit_notice", Some(&thirty), None, &[&five, &ten]).0, Verdict::Looser);
        let (verdict, why) = judge("audit_notice", Some(&ten), None, &[&five, &thirty]);
        assert_eq!(
            (verdict, why.as_str()),
            (Verdict::Same, "10 hours: between the others (1 looser, 1 stricter) (5 hours, 30 hours)")
        );
        let (verdict, why) = judge("audit_notice", None, None, &[&five]);
        assert_eq!((verdict, why.as_str()), (Verdict::Missing, "this document states no audit notice"));
    }

    #[test]
    fn categories_are_same_or_not_comparable() {
        let (de, it) = (json!({"country": "DE"}), json!({"country": "IT"}));
        assert_eq!(judge("governing_law", Some(&de), Some(Some(&de)), &[]).0, Verdict::Same);
        let (verdict, why) = judge("governing_law", Some(&de), None, &[&it]);
        assert_eq!(verdict, Verdict::NotComparable);
        assert_eq!(why, "Germany; the others state Italy");
    }
}
