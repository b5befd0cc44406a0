//! The Art. 28 checklist on the EU's own processor clauses (SCC 2021/915, German and English,
//! ../shared/parallel): every requirement met; with one requirement's clauses taken out, that
//! requirement is no longer met and every requirement decided elsewhere still is (a clause that
//! decides two requirements takes both with it).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use concordia_core::api::{ClauseId, RequirementStatus, Review};
use concordia_core::{Library, Progress};

fn review_of(library: &Library, path: &Path) -> (Review, concordia_core::api::DocumentView) {
    let report = library.import(&[path.to_path_buf()], &Progress::none()).unwrap();
    let id = report.outcomes[0].id.unwrap();
    (library.review(id).unwrap(), library.document(id, None).unwrap())
}

#[test]
fn the_standard_clauses_meet_every_requirement_and_lose_exactly_the_one_taken_out() {
    let Some(dir) = common::shared("parallel") else { return };
    for lang in ["de", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let library = Library::open(&tmp.path().join("lib")).unwrap();
        let (review, doc) = review_of(&library, &dir.join(format!("scc2021-915.{lang}.txt")));
        let unmet: Vec<_> = review.checklist.iter().filter(|c| c.status != RequirementStatus::Met).collect();
        assert!(unmet.is_empty(), "{lang}: not met in the standard clauses: {unmet:#?}");
        assert_eq!(review.checklist.len(), 18);
        for item in &review.checklist {
            let removed: BTreeSet<ClauseId> = item.clause_ids.iter().copied().collect();
            let mut text = String::new();
            // Tables of contents and signature blocks go too: they decide nothing, and without
            // the clauses around them they might no longer read as what they are.
            for c in doc.clauses.iter().filter(|c| !removed.contains(&c.id) && c.kind.is_terms()) {
                text.push_str(&c.text);
                text.push_str("\n\n");
            }
            let path = tmp.path().join(format!("without-{:?}.txt", item.requirement));
            std::fs::write(&path, text).unwrap();
            let (without, _) = review_of(&library, &path);
            let after = |r| without.checklist.iter().find(|c| c.requirement == r).unwrap().status;
            let still = without.checklist.iter().find(|c| c.requirement == item.requirement).unwrap();
            assert_ne!(
                still.status,
                RequirementStatus::Met,
                "{lang}: {:?} still met: {:?}",
                item.requirement,
                still.quote
            );
            for other in review.checklist.iter().filter(|o| o.requirement != item.requirement) {
                if other.clause_ids.iter().all(|id| !removed.contains(id)) {
                    assert_eq!(
                        after(other.requirement),
                        RequirementStatus::Met,
                        "{lang}: taking out {:?} also lost {:?}",
                        item.requirement,
                        other.requirement
                    );
                }
            }
        }
    }
}
