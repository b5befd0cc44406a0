//! Library behaviour on a temporary data directory: bad input, re-import, the index as a cache.

use std::path::{Path, PathBuf};

use concordia_core::api::{ImportStatus, SearchRequest};
use concordia_core::{Library, Progress};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const AVV: &str = "Auftragsverarbeitungsvertrag\n\n§ 1 Gegenstand\n\nDer Auftragnehmer verarbeitet Daten nur auf Weisung.\n\n§ 2 Haftung\n\nDie Haftung ist auf 5.000 EUR begrenzt.\n";

#[test]
fn bad_files_are_refused_by_name_and_good_ones_still_import() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let good = write(tmp.path(), "avv.txt", AVV.as_bytes());
    let first = library.import(&[good], &Progress::none()).unwrap();
    assert_eq!(first.outcomes[0].status, ImportStatus::Imported);

    let files = [
        write(tmp.path(), "empty.txt", b""),
        write(tmp.path(), "binary.txt", b"\x00\x01\x02\x03binary\x00"),
        write(tmp.path(), "scan.pdf", b"%PDF-1.7\n%\xe2\xe3"),
        write(tmp.path(), "hostile.html", format!("{}x", "<div>".repeat(5000)).as_bytes()),
        write(tmp.path(), "scripts.html", b"<script>alert(1)</script><style>p{}</style>"),
        tmp.path().join("missing.txt"),
        write(tmp.path(), "dpa.md", "# DPA\n\n## 1. Audit\n\nAudits once a year.".as_bytes()),
    ];
    let report = library.import(&files, &Progress::none()).unwrap();
    let statuses: Vec<_> = report.outcomes.iter().map(|o| o.status).collect();
    use ImportStatus::*;
    assert_eq!(statuses, [Error, Error, Error, Error, Error, Error, Imported]);
    let errors: Vec<&str> = report.outcomes.iter().filter_map(|o| o.error.as_deref()).collect();
    for (error, name) in errors.iter().zip([
        "empty.txt",
        "binary.txt",
        "scan.pdf",
        "hostile.html",
        "scripts.html",
        "missing.txt",
    ]) {
        assert!(error.contains(name), "the message names the file: {error}");
    }
    assert!(errors[0].contains("empty"));
    assert!(errors[1].contains("binary"));
    assert!(errors[2].contains("PDF"));
    assert!(errors[3].contains("nested"));
    assert!(errors[4].contains("no readable text"));
    assert!(report.has_errors());
    assert_eq!(library.list().unwrap().len(), 2, "the earlier document is untouched");
    assert_eq!(library.document_count().unwrap(), 2, "counted as listed");
    assert!(!library.search(&SearchRequest::new("Haftung")).unwrap().hits.is_empty());
}

#[test]
fn reimporting_unchanged_bytes_does_not_duplicate_and_a_changed_file_replaces_its_old_version() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let file = write(tmp.path(), "avv.txt", AVV.as_bytes());
    library.import(std::slice::from_ref(&file), &Progress::none()).unwrap();
    let again = library.import(&[tmp.path().to_path_buf()], &Progress::none()).unwrap();
    assert_eq!(again.outcomes.len(), 1, "a folder import finds the one .txt");
    assert_eq!(again.outcomes[0].status, ImportStatus::Unchanged);
    std::fs::write(&file, AVV.replace("5.000", "10.000")).unwrap();
    let changed = library.import(&[file], &Progress::none()).unwrap();
    assert_eq!(changed.outcomes[0].status, ImportStatus::Imported);
    assert_eq!(library.list().unwrap().len(), 1);
    let hits = library.search(&SearchRequest::new("Haftung")).unwrap().hits;
    assert_eq!(hits.len(), 1, "the old version's clauses left the index");
    assert!(hits[0].snippet.contains("10.000"));
}

#[test]
fn a_new_library_needs_no_repair() {
    // The app's start-up repairs what upkeep names; a first start must not say "Repairing".
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open_as_is(&tmp.path().join("new")).unwrap();
    assert_eq!(library.upkeep().unwrap(), None);
    let again = Library::open_as_is(&tmp.path().join("new")).unwrap();
    assert_eq!(again.upkeep().unwrap(), None);
    // Nor the first start after the first import.
    let file = write(tmp.path(), "avv.txt", AVV.as_bytes());
    again.import(&[file], &Progress::none()).unwrap();
    drop(again);
    let after_import = Library::open_as_is(&tmp.path().join("new")).unwrap();
    assert_eq!(after_import.upkeep().unwrap(), None);
}

#[test]
fn the_index_is_rebuilt_when_missing_or_broken() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    let file = write(tmp.path(), "avv.txt", AVV.as_bytes());
    {
        let library = Library::open(&data).unwrap();
        library.import(&[file], &Progress::none()).unwrap();
    }
    std::fs::remove_dir_all(data.join("index")).unwrap();
    {
        let library = Library::open(&data).unwrap();
        assert_eq!(library.search(&SearchRequest::new("Weisung")).unwrap().hits.len(), 1);
    }
    std::fs::write(data.join("index/meta.json"), b"{ not json").unwrap();
    let library = Library::open(&data).unwrap();
    assert_eq!(library.search(&SearchRequest::new("Weisung")).unwrap().hits.len(), 1);
    assert!(!library.index_is_stale().unwrap());
}

#[test]
fn removing_a_document_removes_its_hits() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let file = write(tmp.path(), "avv.txt", AVV.as_bytes());
    let id = library.import(&[file], &Progress::none()).unwrap().outcomes[0].id.unwrap();
    library.remove(id).unwrap();
    assert!(library.search(&SearchRequest::new("Haftung")).unwrap().hits.is_empty());
    assert!(library.list().unwrap().is_empty());
    assert!(matches!(library.remove(id), Err(concordia_core::Error::NotFound(_))));
}

#[test]
fn a_cancelled_import_keeps_what_it_finished() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let files: Vec<PathBuf> = (0..5)
        .map(|i| write(tmp.path(), &format!("{i}.txt"), AVV.replace("5.000", &i.to_string()).as_bytes()))
        .collect();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let events = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = events.clone();
    let progress = Progress::new(
        move |e| {
            seen.lock().unwrap().push(e.done);
            if e.done == 2 {
                flag.store(true, Ordering::Relaxed);
            }
        },
        cancel,
    );
    let report = library.import(&files, &progress).unwrap();
    assert!(report.cancelled);
    assert_eq!(report.outcomes.len(), 2);
    assert_eq!(*events.lock().unwrap(), [1, 2]);
    assert_eq!(library.list().unwrap().len(), 2);
    assert_eq!(
        library.search(&SearchRequest::new("Haftung")).unwrap().hits.len(),
        2,
        "their clauses are searchable"
    );
}

#[test]
fn encodings_import_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let text = "Personuppgiftsbiträdesavtal\n\n1. Radering\n\nBiträdet ska radera alla personuppgifter när avtalet upphör.\n";
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let latin1 = latin1(text);
    let files = [
        write(tmp.path(), "a.txt", text.as_bytes()),
        write(tmp.path(), "b.txt", &utf16),
        write(tmp.path(), "c.txt", &latin1),
    ];
    let report = library.import(&files, &Progress::none()).unwrap();
    assert!(report.outcomes.iter().all(|o| o.status == ImportStatus::Imported), "{:#?}", report.outcomes);
    let texts: Vec<String> = report
        .outcomes
        .iter()
        .map(|o| {
            library.document(o.id.unwrap(), None).unwrap().clauses.iter().map(|c| c.text.clone()).collect()
        })
        .collect();
    assert_eq!(texts[0], texts[1]);
    assert_eq!(texts[0], texts[2]);
    assert_eq!(library.search(&SearchRequest::new("raderas")).unwrap().hits.len(), 3);
}

/// Latin-1 bytes of a string whose characters all fit in Latin-1.
fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("latin-1 character")).collect()
}

#[test]
fn a_cancelled_reindex_keeps_the_old_index() {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let file = write(tmp.path(), "avv.txt", AVV.as_bytes());
    library.import(&[file], &Progress::none()).unwrap();
    let cancelled = Progress::new(|_| {}, Arc::new(AtomicBool::new(true)));
    assert_eq!(library.reindex(&cancelled).unwrap(), None);
    assert_eq!(library.search(&SearchRequest::new("Haftung")).unwrap().hits.len(), 1);
    assert_eq!(library.reindex(&Progress::none()).unwrap(), Some(3));
    assert_eq!(library.search(&SearchRequest::new("Haftung")).unwrap().hits.len(), 1);
}

#[test]
fn topics_from_an_older_lexicon_are_recomputed_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    let file = write(tmp.path(), "avv.txt", AVV.as_bytes());
    let id = {
        let library = Library::open(&data).unwrap();
        library.import(&[file], &Progress::none()).unwrap().outcomes[0].id.unwrap()
    };
    {
        // Simulate a library analysed by an older Concordia: no topics, another version.
        let mut store = concordia_store::Store::open(&data.join("library.sqlite")).unwrap();
        let cleared = store.clauses(id.0).unwrap().into_iter().map(|c| (c.id, Vec::new())).collect();
        store.replace_document_topics(&cleared).unwrap();
        store.set_meta("analysis_version", "older").unwrap();
    }
    let library = Library::open(&data).unwrap();
    let doc = library.document(id, None).unwrap();
    let haftung = doc.clauses.iter().find(|c| c.number.as_deref() == Some("§ 2")).unwrap();
    assert_eq!(haftung.topics[0].topic, "liability", "topics were recomputed");
    let mut req = SearchRequest::new("");
    req.topic = Some("liability".into());
    assert_eq!(library.search(&req).unwrap().hits.len(), 1, "and the index knows them");
}

/// After the topic rules changed, bringing the library up to date reads every document's topics
/// again with progress (as the reading again of findings shows it); cancelled before the first
/// batch, it leaves the topics and the stamp as they were, so the next start does it.
#[test]
fn topics_are_read_again_with_progress_or_left_when_cancelled() {
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Mutex};

    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    let files: Vec<PathBuf> = (0..3)
        .map(|k| write(tmp.path(), &format!("avv{k}.txt"), format!("{AVV}\nVersion {k}.\n").as_bytes()))
        .collect();
    let ids: Vec<_> = {
        let library = Library::open(&data).unwrap();
        library.import(&files, &Progress::none()).unwrap().outcomes.iter().map(|o| o.id.unwrap()).collect()
    };
    let stamp = || {
        let store = concordia_store::Store::open(&data.join("library.sqlite")).unwrap();
        store.meta("analysis_version").unwrap()
    };
    let current = stamp();
    {
        let mut store = concordia_store::Store::open(&data.join("library.sqlite")).unwrap();
        for id in &ids {
            let cleared = store.clauses(id.0).unwrap().into_iter().map(|c| (c.id, Vec::new())).collect();
            store.replace_document_topics(&cleared).unwrap();
        }
        store.set_meta("analysis_version", "older").unwrap();
    }
    let library = Library::open_as_is(&data).unwrap();
    let events = Arc::new(Mutex::new(Vec::new()));
    let recorded = events.clone();
    let record = move |e: &concordia_core::api::ProgressEvent| {
        if e.task == concordia_core::api::Task::Reread {
            recorded.lock().unwrap().push((e.done, e.total));
        }
    };
    let cancelled = Progress::new(record.clone(), Arc::new(AtomicBool::new(true)));
    library.bring_up_to_date(&cancelled).unwrap();
    assert_eq!(stamp().as_deref(), Some("older"), "cancelled: the stamp stays");
    let first = library.document(ids[0], None).unwrap();
    assert!(first.clauses.iter().all(|c| c.topics.is_empty()), "and no topic was written");

    events.lock().unwrap().clear();
    library.bring_up_to_date(&Progress::new(record, Arc::new(AtomicBool::new(false)))).unwrap();
    assert_eq!(*events.lock().unwrap(), [(0, 3), (3, 3)]);
    assert_eq!(stamp(), current, "done: the current rules' stamp");
    for id in &ids {
        let doc = library.document(*id, None).unwrap();
        let haftung = doc.clauses.iter().find(|c| c.number.as_deref() == Some("§ 2")).unwrap();
        assert_eq!(haftung.topics[0].topic, "liability", "topics were recomputed");
    }
}

/// A document an older Concordia read (before tables, bold lines and list numbers were read as
/// they are now) is read again when its file is imported again, bookmarks kept.
#[test]
fn importing_the_same_file_again_rereads_what_an_older_reader_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    let md = "# PUB-avtal\n\n## 5. Skyldigheter\n\n1. Biträdet behandlar uppgifterna endast enligt instruktioner.\n2. Biträdet säkerställer sekretess.\n";
    let file = write(tmp.path(), "pub.md", md.as_bytes());
    let library = Library::open(&data).unwrap();
    library.import(std::slice::from_ref(&file), &Progress::none()).unwrap();
    let again = library.import(std::slice::from_ref(&file), &Progress::none()).unwrap();
    assert_eq!(again.outcomes[0].status, concordia_core::api::ImportStatus::Unchanged);
    drop(library);
    {
        let db = rusqlite::Connection::open(data.join("library.sqlite")).unwrap();
        db.execute("UPDATE documents SET reader = 'an older reader'", []).unwrap();
    }
    let library = Library::open(&data).unwrap();
    let reread = library.import(&[file], &Progress::none()).unwrap();
    assert_eq!(reread.outcomes[0].status, concordia_core::api::ImportStatus::Imported, "read again");
    let new_id = reread.outcomes[0].id.unwrap();
    assert_eq!(library.list().unwrap().len(), 1, "the older reading is replaced, not kept beside");
    let numbers: Vec<String> =
        library.document(new_id, None).unwrap().clauses.into_iter().filter_map(|c| c.number).collect();
    assert!(numbers.contains(&"5.1".to_owned()), "{numbers:?}");
}

#[test]
fn all_hits_are_every_match_the_page_and_the_count_stand_for() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    library.import(&[samples], &Progress::none()).unwrap();
    for words in ["Auftragnehmer", "verwerker", "dati", "dati -titolare"] {
        let mut page = SearchRequest::new(words);
        page.limit = 2;
        let found = library.search(&page).unwrap();
        let all = library.all_hits(&page).unwrap();
        assert!(found.total > page.limit, "{words}: more matches than one page");
        assert_eq!(all.len(), found.total, "{words}");
        assert!(
            found.hits.iter().all(|h| all.contains(&h.clause_id)),
            "{words}: the page is part of all hits"
        );
    }
    let mut topic = SearchRequest::new("");
    topic.topic = Some("breach_notification".to_owned());
    assert_eq!(library.all_hits(&topic).unwrap().len(), library.search(&topic).unwrap().total);
    let mut filtered = SearchRequest::new("Daten");
    filtered.filters = vec!["governing_law=XX".to_owned()];
    assert!(library.all_hits(&filtered).unwrap().is_empty(), "no document has that law");
    topic.topic = Some("no_such_topic".to_owned());
    assert!(library.all_hits(&topic).is_err());
}

/// The key terms stored at import (found on the worker threads from the clauses just read) are
/// exactly those found again from the stored clauses.
#[test]
fn key_terms_stored_at_import_are_those_found_again() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let mut sources = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")];
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real/docs");
    if real.is_dir() {
        sources.push(real);
    } else {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{} is missing in CI", real.display());
    }
    let report = library.import(&sources, &Progress::none()).unwrap();
    let ids: Vec<_> = report.outcomes.iter().filter_map(|o| o.id).collect();
    assert!(ids.len() >= 4);
    let mut terms = 0;
    for id in ids {
        let stored = serde_json::to_value(library.terms(id).unwrap()).unwrap();
        let found = serde_json::to_value(library.analyze(id).unwrap().terms).unwrap();
        assert_eq!(stored, found, "document {id}");
        terms += stored.as_array().map_or(0, Vec::len);
    }
    assert!(terms > 20, "{terms} terms in all");
}

/// A value filter alone lists one hit per document that satisfies it; the count covers them all
/// whatever the page size.
#[test]
fn a_value_filter_counts_every_document_beyond_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    library
        .import(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")], &Progress::none())
        .unwrap();
    let mut wide = SearchRequest::new("");
    wide.filters = vec!["breach_notice<72h".to_owned()];
    wide.limit = 50;
    let all = library.search(&wide).unwrap();
    assert!(all.hits.len() >= 2, "{} documents", all.hits.len());
    assert_eq!(all.total, all.hits.len());
    let mut page = wide.clone();
    page.limit = 1;
    let first = library.search(&page).unwrap();
    assert_eq!((first.hits.len(), first.total), (1, all.total));
    assert_eq!(first.hits[0].clause_id, all.hits[0].clause_id);
}

/// A library imported before key terms were stored (or by older rules) finds them again on the
/// first filter, gives the same answer, and keeps them for next time.
#[test]
fn key_terms_missing_from_the_store_are_found_again_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    let mut filter = SearchRequest::new("");
    filter.filters = vec!["breach_notice<72h".to_owned()];
    let before = {
        let library = Library::open(&dir).unwrap();
        library
            .import(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")], &Progress::none())
            .unwrap();
        serde_json::to_value(library.search(&filter).unwrap()).unwrap()
    };
    let db = rusqlite::Connection::open(dir.join("library.sqlite")).unwrap();
    let rows = |db: &rusqlite::Connection| {
        db.query_row("SELECT count(*) FROM key_terms", [], |r| r.get::<_, i64>(0)).unwrap()
    };
    assert_eq!(rows(&db), 4, "stored at import");
    db.execute("UPDATE key_terms SET version = 'older rules'", []).unwrap();
    let library = Library::open(&dir).unwrap();
    assert_eq!(serde_json::to_value(library.search(&filter).unwrap()).unwrap(), before);
    let current: i64 = db
        .query_row("SELECT count(*) FROM key_terms WHERE version <> 'older rules'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(current, 4, "found again and kept");
}

/// An import indexes clauses from what it just parsed; a rebuild indexes them from the store.
/// Both must give the same index: the same hits, scores and snippets for words, phrases,
/// languages, topics and cross-language topic searches.
#[test]
fn the_index_an_import_writes_is_the_one_a_rebuild_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(&tmp.path().join("lib")).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let report = library.import(&[samples], &Progress::none()).unwrap();
    assert!(report.outcomes.len() >= 4 && !report.has_errors());
    let requests = || {
        let mut requests: Vec<SearchRequest> = [
            "Haftung",
            "verwerker",
            "\"personuppgifter\"",
            "Responsabile -revisione",
            "audit",
            "Unterauftragsverarbeiter",
        ]
        .iter()
        .map(|q| SearchRequest { limit: 200, ..SearchRequest::new(q) })
        .collect();
        for (query, lang) in [("persoonsgegevens", "nl"), ("personuppgifter", "sv")] {
            requests.push(SearchRequest { lang: Some(lang.into()), limit: 200, ..SearchRequest::new(query) });
        }
        requests.push(SearchRequest {
            topic: Some("liability".into()),
            limit: 200,
            ..SearchRequest::new("")
        });
        requests.push(SearchRequest { cross: true, limit: 200, ..SearchRequest::new("audit") });
        requests
    };
    let results = |library: &Library| -> Vec<Vec<(String, String, String)>> {
        requests()
            .iter()
            .map(|r| {
                let mut hits: Vec<_> = library
                    .search(r)
                    .unwrap()
                    .hits
                    .iter()
                    .map(|h| (format!("{:.4}", h.score), format!("{:?}", h.clause_id), h.snippet.clone()))
                    .collect();
                // Equal scores come in the order of the index's segments, which a rebuild lays
                // out anew.
                hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                hits
            })
            .collect()
    };
    let imported = results(&library);
    assert!(imported.iter().all(|hits| !hits.is_empty()), "every search finds something: {imported:?}");
    let reindexed = library.reindex(&Progress::none()).unwrap();
    assert!(reindexed.is_some_and(|clauses| clauses > 30), "rebuilt: {reindexed:?}");
    assert_eq!(results(&library), imported);
}
