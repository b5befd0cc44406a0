//! The standard every change is measured against: real DPAs that companies and public bodies
//! published (`../shared/real`, 19 documents in sv/de/it/nl with a gold file). Prints key-term
//! precision and recall, topics, compare rows and how the confidence shown held up, for the
//! documents the rules were tuned on and, apart, for the round held out of all tuning.

mod common;

use concordia_core::eval::{evaluate, Figures, GoldSet, HELD_OUT};

fn measure(keep: impl Fn(&str) -> bool, what: &str) -> Option<Figures> {
    let dir = common::shared("real")?;
    let set = GoldSet::load(&dir).unwrap().only(keep);
    let scratch = tempfile::tempdir().unwrap();
    let figures = evaluate(&set, scratch.path()).unwrap();
    println!("{what}: {} documents", figures.documents);
    println!("{}", figures.summary());
    for miss in &figures.misses {
        println!("  {miss}");
    }
    Some(figures)
}

/// A regression check, not a result: the rules were written against these documents.
#[test]
fn the_documents_the_rules_were_tuned_on() {
    let Some(figures) = measure(|k| !HELD_OUT.contains(&k), "real DPAs, tuned on") else { return };
    assert_eq!(figures.languages_right, figures.documents);
    assert!(figures.precision() >= 0.95, "key-term precision {:.3}", figures.precision());
    assert!(figures.recall() >= 0.90, "key-term recall {:.3}", figures.recall());
    assert!(figures.topics() >= 0.95, "topics {:.3}", figures.topics());
    assert!(figures.pairwise() >= 0.90, "compare pairwise {:.3}", figures.pairwise());
}
