//! Bookmarks outlive restarts, reindexing and re-imports, and move between machines.

mod common;

use concordia_core::api::{ClauseId, DocId};
use std::path::{Path, PathBuf};

use concordia_core::api::BookmarkFilter;
use concordia_core::bookmarks::BookmarkFormat;
use concordia_core::BookmarkStatus;
use concordia_core::{Library, Progress};

const DPA: &str = "Verwerkersovereenkomst\n\nArtikel 7 Audit\nVerwerkingsverantwoordelijke mag eenmaal per jaar een audit laten uitvoeren.\n\nArtikel 8 Aansprakelijkheid\nDe aansprakelijkheid van Verwerker is beperkt tot €5.000.\n\nArtikel 9 Toepasselijk recht\nOp deze overeenkomst is Nederlands recht van toepassing.\n";

fn import(library: &Library, path: &Path) -> DocId {
    let report = library.import(&[path.to_path_buf()], &Progress::none()).unwrap();
    report.outcomes[0].id.unwrap_or_else(|| panic!("{:?}", report.outcomes[0]))
}

fn clause_id(library: &Library, doc: DocId, heading: &str) -> ClauseId {
    let view = library.document(doc, None).unwrap();
    view.clauses.iter().find(|c| c.heading.as_deref() == Some(heading)).unwrap().id
}

fn write(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("nl-dpa.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn bookmarks_survive_restart_reindex_reimport_and_a_move_to_another_machine() {
    let files = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = write(files.path(), DPA);
    let (audit, cap) = {
        let library = Library::open(data.path()).unwrap();
        let doc = import(&library, &path);
        let tags = ["audit".to_owned(), "ok".to_owned()];
        let audit =
            library.add_bookmark(clause_id(&library, doc, "Audit"), "Once a year is fine.", &tags).unwrap();
        let tags = ["liability".to_owned(), "negotiate".to_owned()];
        let cap = library
            .add_bookmark(clause_id(&library, doc, "Aansprakelijkheid"), "Cap too low", &tags)
            .unwrap();
        assert_eq!(cap.topics, ["liability"]);
        assert_eq!(cap.language.as_deref(), Some("nl"));
        (audit.id, cap.id)
    };
    // Restart and reindex.
    let library = Library::open(data.path()).unwrap();
    library.reindex(&Progress::none()).unwrap();
    assert_eq!(library.bookmarks(&BookmarkFilter::default()).unwrap().len(), 2);
    // Re-import with the cap changed: the audit note stays anchored, the cap note needs review.
    write(files.path(), &DPA.replace("€5.000", "€50.000"));
    let new_doc = import(&library, &path);
    let audit_now = library.bookmark(audit).unwrap();
    assert_eq!((audit_now.doc_id, audit_now.status.name()), (Some(new_doc), "anchored"));
    assert_eq!(audit_now.clause_id, Some(clause_id(&library, new_doc, "Audit")));
    let cap_now = library.bookmark(cap).unwrap();
    assert_eq!(
        (cap_now.status.name(), cap_now.clause_id),
        ("needs_review", Some(clause_id(&library, new_doc, "Aansprakelijkheid")))
    );
    let reviewed = library.review_bookmark(cap).unwrap();
    assert!(
        reviewed.quote.contains("€50.000") && reviewed.status == BookmarkStatus::Anchored,
        "{reviewed:?}"
    );
    // Filters.
    let by_tag = BookmarkFilter { tag: Some("Negotiate".into()), ..Default::default() };
    assert_eq!(library.bookmarks(&by_tag).unwrap().len(), 1);
    let by_topic = BookmarkFilter { topic: Some("audit".into()), ..Default::default() };
    assert_eq!(library.bookmarks(&by_topic).unwrap()[0].id, audit);
    let by_language = BookmarkFilter { language: Some("de".into()), ..Default::default() };
    assert!(library.bookmarks(&by_language).unwrap().is_empty());
    // Export both ways; import into an empty library before and after the document arrives.
    for format in [BookmarkFormat::Json, BookmarkFormat::Csv] {
        let exported = library.export_bookmarks(format).unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let other = Library::open(elsewhere.path()).unwrap();
        let report = other.import_bookmarks(&exported, format).unwrap();
        assert_eq!((report.added, report.attached), (2, 0));
        let waiting = other.bookmarks(&BookmarkFilter::default()).unwrap();
        assert!(waiting.iter().all(|b| b.status == BookmarkStatus::Detached && b.doc_id.is_none()));
        let doc = import(&other, &path);
        let back = other.bookmarks(&BookmarkFilter::default()).unwrap();
        assert_eq!(back.len(), 2);
        assert!(
            back.iter().all(|b| b.doc_id == Some(doc) && b.status == BookmarkStatus::Anchored),
            "{back:?}"
        );
        let notes: Vec<&str> = back.iter().map(|b| b.note.as_str()).collect();
        assert_eq!(notes, ["Once a year is fine.", "Cap too low"]);
        assert_eq!(back[1].tags, ["liability", "negotiate"]);
        // Importing the same file again adds nothing.
        assert_eq!(other.import_bookmarks(&exported, format).unwrap().duplicates, 2);
    }
    // Removing the document keeps its bookmarks, detached.
    library.remove(new_doc).unwrap();
    let kept = library.bookmarks(&BookmarkFilter::default()).unwrap();
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|b| b.status == BookmarkStatus::Detached));
}

#[test]
fn a_broken_bookmark_file_is_refused_and_nothing_changes() {
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let err = library.import_bookmarks("{not json", BookmarkFormat::Json).unwrap_err();
    assert!(err.to_string().contains("not a Concordia bookmark file"), "{err}");
    let err = library.import_bookmarks("a,b\n1,2\n", BookmarkFormat::Csv).unwrap_err();
    assert!(err.to_string().contains("CSV"), "{err}");
    assert!(library.bookmarks(&BookmarkFilter::default()).unwrap().is_empty());
    assert!(library.add_bookmark(ClauseId(999), "", &[]).is_err());
}

#[test]
fn corpus_bookmarks_attach_by_hash() {
    let Some(corpus) = common::shared("corpus") else { return };
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let doc = import(&library, &corpus.join("nl-alona-verwerkersovereenkomst.txt"));
    let view = library.document(doc, None).unwrap();
    let liability = view.clauses.iter().find(|c| c.text.contains("Aansprakelijkheid")).unwrap();
    let b = library.add_bookmark(liability.id, "Kijk naar de limiet — €5.000?", &["cap".into()]).unwrap();
    assert_eq!(b.status, BookmarkStatus::Anchored);
    assert!(b.quote.contains("€5.000"), "{}", b.quote);
}
