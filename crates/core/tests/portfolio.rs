//! The portfolio in one process, where it keeps each document's facts between views: on real
//! DPAs (../shared/real) it follows an import, a removal and an edited playbook, and its counts
//! are what the full review of each document finds.

mod common;

use std::path::PathBuf;

use concordia_core::api::{DocId, PortfolioPage, PortfolioQuery, PositionResult, ResultCounts};
use concordia_core::report::Labels;
use concordia_core::{Library, Progress};

fn view(library: &Library, playbook: &str) -> PortfolioPage {
    let query = PortfolioQuery { playbook: Some(playbook.into()), limit: 100, ..Default::default() };
    library.portfolio(&query, Labels::english()).unwrap()
}

/// The counts of the document's full review against the playbook, with every reason in words.
fn reviewed(library: &Library, id: DocId, playbook: &str) -> ResultCounts {
    let playbook = library.playbook(playbook).unwrap();
    let review = library.review_against(id, Labels::english(), Some(&playbook)).unwrap().playbook.unwrap();
    let mut c = ResultCounts::default();
    for r in review.positions.iter().map(|p| p.result).chain(review.required.iter().map(|r| r.result)) {
        match r {
            PositionResult::Acceptable => c.acceptable += 1,
            PositionResult::Negotiable => c.negotiable += 1,
            PositionResult::Unacceptable => c.unacceptable += 1,
            PositionResult::NotStated => c.not_stated += 1,
        }
    }
    c
}

/// Each row as the document's own review and key terms have it: the portfolio reads only part
/// of what is stored, and must read it the same.
fn assert_counts_as_reviewed(library: &Library, page: &PortfolioPage, playbook: &str) {
    for row in &page.rows {
        assert_eq!(row.playbook.as_ref(), Some(&reviewed(library, row.id, playbook)), "{}", row.title);
        let terms: Vec<_> = library.terms(row.id).unwrap().iter().map(|t| (t.kind, t.clause_id)).collect();
        let shown: Vec<_> = row.terms.iter().map(|t| (t.kind, t.clause_id)).collect();
        assert_eq!(shown, terms, "{}", row.title);
        let review = library.review(row.id).unwrap();
        let met = review.checklist.iter().filter(|i| i.status == concordia_legal::Status::Met).count();
        assert_eq!(row.met as usize, met, "{}", row.title);
    }
}

/// The real DPAs of ../shared/real in name order, when they are there.
fn real_dpas() -> Option<Vec<PathBuf>> {
    let dir = common::shared("real/docs")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    Some(files)
}

#[test]
fn a_kept_portfolio_follows_imports_removals_and_an_edited_playbook() {
    let Some(files) = real_dpas() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let ids: Vec<DocId> = library
        .import(&files[..3], &Progress::none())
        .unwrap()
        .outcomes
        .iter()
        .map(|o| o.id.unwrap())
        .collect();

    let first = view(&library, "recommended");
    assert_eq!((first.matching, first.total), (3, 3));
    assert_counts_as_reviewed(&library, &first, "recommended");

    let more = library.import(&files[3..5], &Progress::none()).unwrap();
    assert!(!more.has_errors());
    assert_eq!(view(&library, "recommended").matching, 5, "an import shows in the next view");
    library.remove(ids[0]).unwrap();
    let after = view(&library, "recommended");
    assert_eq!(after.matching, 4, "a removal shows in the next view");
    assert!(after.rows.iter().all(|r| r.id != ids[0]));
    assert_counts_as_reviewed(&library, &after, "recommended");

    // Findings stored by older rules (here: none stored) are found again, and kept.
    let db = rusqlite::Connection::open(tmp.path().join("lib/library.sqlite")).unwrap();
    db.execute_batch("UPDATE key_terms SET version = 'older'; DELETE FROM checklists;").unwrap();
    let fresh = Library::open(&tmp.path().join("lib")).unwrap();
    let again = view(&fresh, "recommended");
    assert_eq!(again.matching, 4);
    assert_counts_as_reviewed(&fresh, &again, "recommended");
    let kept: i64 = db.query_row("SELECT COUNT(*) FROM checklists", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 4, "the checklists found again are stored");

    // The same playbook saved with other positions is judged again, not read from the last view.
    let strict =
        "name = \"Firm\"\n[[position]]\nkind = \"breach_notice\"\nacceptable = [\"breach_notice<=1h\"]\n";
    let lenient = strict.replace("<=1h", "<=10000h");
    library.save_playbook(strict).unwrap();
    let before = view(&library, "firm");
    library.save_playbook(&lenient).unwrap();
    let edited = view(&library, "firm");
    assert_counts_as_reviewed(&library, &edited, "firm");
    let acceptable =
        |p: &PortfolioPage| p.rows.iter().map(|r| r.playbook.as_ref().unwrap().acceptable).sum::<u32>();
    assert!(
        acceptable(&edited) > acceptable(&before),
        "a breach notice in hours is acceptable under the lenient one: {} vs {}",
        acceptable(&edited),
        acceptable(&before)
    );
}

/// The app reads the portfolio's facts ahead on another thread once its first screen is up. A
/// view asked for meanwhile waits for them and shows what a library without the warm-up shows;
/// an import after it still shows in the next view.
#[test]
fn facts_read_ahead_on_another_thread_are_what_the_view_reads() {
    let Some(files) = real_dpas() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let open = |name: &str| {
        let library = Library::open(&tmp.path().join(name)).unwrap();
        assert!(!library.import(&files[..6], &Progress::none()).unwrap().has_errors());
        library
    };
    let (plain, warmed) = (open("plain"), open("warmed"));
    // The rows as shown, but for when each library imported its copy.
    let shown = |page: &PortfolioPage| {
        let mut rows = serde_json::to_value(&page.rows).unwrap();
        rows.as_array_mut()
            .unwrap()
            .iter_mut()
            .for_each(|r| drop(r.as_object_mut().unwrap().remove("imported_at")));
        rows
    };
    let expected = shown(&view(&plain, "recommended"));

    let seen = std::thread::scope(|s| {
        s.spawn(|| warmed.warm_up_portfolio());
        view(&warmed, "recommended")
    });
    assert_eq!(shown(&seen), expected);
    warmed.warm_up_portfolio();
    assert_eq!(shown(&view(&warmed, "recommended")), expected);

    assert!(!warmed.import(&files[6..8], &Progress::none()).unwrap().has_errors());
    warmed.warm_up_portfolio();
    let after = view(&warmed, "recommended");
    assert_eq!((after.matching, after.total), (8, 8), "an import after the warm-up shows");
    assert_counts_as_reviewed(&warmed, &after, "recommended");
}

/// After an update of the rules, the app reads every document's key terms and checklist again
/// with progress, rather than leaving them to the first view. Cancelled, it leaves them as they
/// were (each is then read when first shown); done, the view is what a new import shows.
#[test]
fn findings_of_older_rules_are_read_again_with_progress_or_left_when_cancelled() {
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Mutex};

    let Some(files) = real_dpas() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    let library = Library::open(&dir).unwrap();
    assert!(!library.import(&files[..6], &Progress::none()).unwrap().has_errors());
    assert_eq!(library.outdated_findings().unwrap(), 0, "an import stores what the current rules find");
    let expected = view(&library, "recommended");
    drop(library);

    let db = rusqlite::Connection::open(dir.join("library.sqlite")).unwrap();
    db.execute_batch(
        "UPDATE key_terms SET version = 'older' WHERE doc_id % 2 = 0; UPDATE checklists SET version = 'older';",
    )
    .unwrap();
    let library = Library::open(&dir).unwrap();
    assert_eq!(library.outdated_findings().unwrap(), 6);

    let events = Arc::new(Mutex::new(Vec::new()));
    let recorded = events.clone();
    let record =
        move |e: &concordia_core::api::ProgressEvent| recorded.lock().unwrap().push((e.done, e.total));
    let cancelled = Progress::new(record.clone(), Arc::new(AtomicBool::new(true)));
    assert_eq!(library.reread_findings(&cancelled).unwrap(), 6, "cancelled before the first batch");
    assert_eq!(library.outdated_findings().unwrap(), 6, "nothing read again");

    events.lock().unwrap().clear();
    let going = Progress::new(record, Arc::new(AtomicBool::new(false)));
    assert_eq!(library.reread_findings(&going).unwrap(), 0);
    assert_eq!(*events.lock().unwrap(), [(0, 6), (6, 6)]);
    assert_eq!(library.outdated_findings().unwrap(), 0, "what was read again is stored");
    let current: i64 =
        db.query_row("SELECT COUNT(*) FROM checklists WHERE version <> 'older'", [], |r| r.get(0)).unwrap();
    assert_eq!(current, 6);

    let again = view(&library, "recommended");
    let rows = |p: &PortfolioPage| serde_json::to_value(&p.rows).unwrap();
    assert_eq!(rows(&again), rows(&expected), "the same rows as the import's own findings");
    drop(library);
    assert_eq!(Library::open(&dir).unwrap().outdated_findings().unwrap(), 0, "as the next start finds");
}
