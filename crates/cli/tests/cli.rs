//! The CLI contract: flags, JSON shapes and exit codes that scripts rely on.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn concordia(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concordia"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CONCORDIA_DATA_DIR")
        .output()
        .expect("run concordia")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn samples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").display().to_string()
}

#[test]
fn import_json_reports_every_file_and_is_idempotent() {
    let data = tempfile::tempdir().unwrap();
    let out = concordia(data.path(), &["import", &samples(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let items = json(&out);
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 4);
    for item in items {
        for key in ["id", "path", "title", "language", "clauses", "status", "error"] {
            assert!(item.get(key).is_some(), "missing {key} in {item}");
        }
        assert_eq!(item["status"], "imported");
    }
    let mut langs: Vec<&str> = items.iter().map(|i| i["language"].as_str().unwrap()).collect();
    langs.sort_unstable();
    assert_eq!(langs, ["de", "it", "nl", "sv"]);
    let again = json(&concordia(data.path(), &["import", &samples(), "--json"]));
    assert!(again.as_array().unwrap().iter().all(|i| i["status"] == "unchanged"));
    let list = json(&concordia(data.path(), &["list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 4);
}

#[test]
fn list_sorts_and_filters() {
    let data = tempfile::tempdir().unwrap();
    assert!(concordia(data.path(), &["import", &samples()]).status.success());
    let field = |args: &[&str], key: &str| -> Vec<String> {
        let list = json(&concordia(data.path(), &[&["list", "--json"], args].concat()));
        list.as_array().unwrap().iter().map(|d| d[key].to_string()).collect()
    };
    let by_clauses: Vec<u64> =
        field(&["--sort", "clauses", "--desc"], "clauses").iter().map(|n| n.parse().unwrap()).collect();
    assert!(by_clauses.windows(2).all(|w| w[0] >= w[1]), "{by_clauses:?}");
    assert_eq!(field(&["--lang", "de"], "language"), ["\"de\""]);
    // Words match the title or the path, in any case: each sample's file name holds its language.
    assert_eq!(field(&["--title", "NL-"], "language"), ["\"nl\""]);
    assert!(field(&["--title", "no such contract"], "id").is_empty());
    let bad = concordia(data.path(), &["list", "--sort", "colour"]);
    assert!(
        !bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("unknown order \"colour\"")
    );
}

#[test]
fn a_bad_file_fails_the_run_but_not_the_good_files() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("contract.txt");
    std::fs::write(&bad, b"\x00\x00binary\x00").unwrap();
    let good = Path::new(&samples()).join("de-alpenwerk-avv.txt");
    let out = concordia(data.path(), &["import", bad.to_str().unwrap(), good.to_str().unwrap(), "--json"]);
    assert!(!out.status.success(), "exit code is non-zero when a file fails");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("contract.txt") && stderr.contains("binary"), "{stderr}");
    let items = json(&out);
    assert_eq!(items[0]["status"], "error");
    assert_eq!(items[1]["status"], "imported");
}

#[test]
fn search_json_has_the_contract_fields_and_highlights_into_the_snippet() {
    let data = tempfile::tempdir().unwrap();
    concordia(data.path(), &["import", &samples()]);
    let out = concordia(data.path(), &["search", "raderas", "--lang", "sv", "--limit", "5", "--json"]);
    assert!(out.status.success());
    let hits = json(&out)["hits"].as_array().unwrap().clone();
    assert!(!hits.is_empty());
    let hit = &hits[0];
    for key in [
        "doc_id",
        "doc_title",
        "path",
        "language",
        "clause_id",
        "number",
        "heading",
        "score",
        "snippet",
        "highlights",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}");
    }
    assert_eq!(hit["language"], "sv");
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    for range in hit["highlights"].as_array().unwrap() {
        let (a, b) = (range[0].as_u64().unwrap() as usize, range[1].as_u64().unwrap() as usize);
        let word: String = snippet[a..b].iter().collect();
        assert!(word.to_lowercase().starts_with("rader"), "{word}");
    }
    let doc = hit["doc_id"].as_i64().unwrap().to_string();
    let scoped = json(&concordia(data.path(), &["search", "lag", "--doc", &doc, "--json"]));
    assert!(scoped["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["doc_id"].as_i64().unwrap().to_string() == doc));
}

#[test]
fn show_accepts_an_id_or_a_path() {
    let data = tempfile::tempdir().unwrap();
    concordia(data.path(), &["import", &samples()]);
    let path = Path::new(&samples()).join("it-laguna-dpa.html");
    let by_path = json(&concordia(data.path(), &["show", path.to_str().unwrap(), "--json"]));
    let id = by_path["id"].as_i64().unwrap().to_string();
    let by_id = json(&concordia(data.path(), &["show", &id, "--json"]));
    assert_eq!(by_path, by_id);
    assert_eq!(by_id["language"], "it");
    let clauses = by_id["clauses"].as_array().unwrap();
    let art7 = clauses.iter().find(|c| c["number"] == "Articolo 7").expect("Articolo 7");
    assert_eq!(art7["heading"], "Responsabilità");
    assert!(art7["text"].as_str().unwrap().contains("€ 100.000,00"));
    for key in ["id", "number", "heading", "text", "start", "end", "language"] {
        assert!(art7.get(key).is_some(), "missing {key}");
    }
    assert!(!by_id["title"].as_str().unwrap().contains("should never run"), "scripts never run");
    let missing = concordia(data.path(), &["show", "999"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no document 999"));
    // Each missing thing is named for what it is (a bookmark id once read "no document bookmark 9").
    for (args, said) in [
        (&["bookmark", "rm", "99999"][..], "no bookmark 99999"),
        (&["correct", "undo", "99999"][..], "no correction 99999"),
        (&["correct", "link", "99998", "99999"][..], "no clause 99998 in the library"),
        (&["bookmark", "list", "--status", "lost"][..], "use anchored, needs_review or detached"),
    ] {
        let out = concordia(data.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.contains(said), "{args:?}: {stderr}");
    }
}

#[test]
fn reindex_rebuilds_from_the_database() {
    let data = tempfile::tempdir().unwrap();
    concordia(data.path(), &["import", &samples()]);
    std::fs::remove_dir_all(data.path().join("index")).unwrap();
    let out = concordia(data.path(), &["reindex"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("reindexed "));
    let hits = json(&concordia(data.path(), &["search", "Haftung", "--json"]));
    assert_eq!(hits["hits"][0]["language"], "de");
}

#[test]
fn the_data_dir_can_come_from_the_environment() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_concordia"))
        .args(["import", &samples()])
        .env("CONCORDIA_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(data.path().join("library.sqlite").exists());
}

#[test]
fn topic_search_and_cross_language_search() {
    let data = tempfile::tempdir().unwrap();
    concordia(data.path(), &["import", &samples()]);
    let by_topic = json(&concordia(data.path(), &["search", "--topic", "audit", "--json"]));
    let mut langs: Vec<String> = by_topic["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["language"].as_str().unwrap().to_owned())
        .collect();
    langs.sort();
    assert_eq!(langs, ["de", "it", "nl", "sv"], "one audit clause per sample, in every language");

    let plain = json(&concordia(data.path(), &["search", "audit", "--json"]));
    let plain_langs: Vec<&str> =
        plain["hits"].as_array().unwrap().iter().map(|h| h["language"].as_str().unwrap()).collect();
    assert!(!plain_langs.contains(&"it"), "without --cross the Italian 'revisione' clause is not found");
    let cross = json(&concordia(data.path(), &["search", "audit", "--cross", "--json"]));
    let hits = cross["hits"].as_array().unwrap();
    let headings: Vec<&str> = hits.iter().filter_map(|h| h["heading"].as_str()).collect();
    for expected in ["Revisione", "Kontrollrechte", "Granskning", "Audit"] {
        assert!(headings.contains(&expected), "--cross finds {expected}: {headings:?}");
    }
    assert_eq!(hits[0]["language"], "nl", "the clause that says 'audit' ranks first");

    let bad = concordia(data.path(), &["search", "--topic", "gardening"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown topic \"gardening\""));
}

#[test]
fn analyze_json_lists_topics_with_cues() {
    let data = tempfile::tempdir().unwrap();
    concordia(data.path(), &["import", &samples()]);
    let path = Path::new(&samples()).join("de-alpenwerk-avv.txt");
    let out = json(&concordia(data.path(), &["analyze", path.to_str().unwrap(), "1", "--json"]));
    let docs = out.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let doc = &docs[0];
    for key in ["id", "path", "title", "language", "clauses"] {
        assert!(doc.get(key).is_some(), "missing {key}");
    }
    let haftung = doc["clauses"].as_array().unwrap().iter().find(|c| c["number"] == "§ 8").unwrap();
    let topic = &haftung["topics"][0];
    assert_eq!(topic["topic"], "liability");
    assert!(topic["confidence"].as_f64().unwrap() > 0.4);
    assert_eq!(topic["cues"][0], "heading: haftung*");
    let topics = json(&concordia(data.path(), &["topics", "--json"]));
    assert_eq!(topics.as_array().unwrap().len(), 22);
}

#[test]
fn analyze_reads_a_file_not_yet_in_the_library() {
    let data = tempfile::tempdir().unwrap();
    let path = Path::new(&samples()).join("nl-polderdata-verwerkersovereenkomst.txt");
    let out = json(&concordia(data.path(), &["analyze", path.to_str().unwrap(), "--json"]));
    let doc = &out.as_array().unwrap()[0];
    assert_eq!(doc["language"], "nl");
    let kinds: Vec<&str> =
        doc["terms"].as_array().unwrap().iter().map(|t| t["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"breach_notice"), "{kinds:?}");
    let listed = json(&concordia(data.path(), &["list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "the file is now in the library");
}

#[test]
fn value_filters_find_documents_by_their_terms() {
    let data = tempfile::tempdir().unwrap();
    concordia(data.path(), &["import", &samples()]);
    let titles = |args: &[&str]| -> Vec<String> {
        let out = concordia(data.path(), &[args, &["--json"]].concat());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut t: Vec<String> = json(&out)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["language"].as_str().unwrap().to_owned())
            .collect();
        t.sort();
        t
    };
    assert_eq!(
        titles(&["search", "--where", "audit_notice<10d"]),
        ["it", "nl"],
        "5 working days, not 2 weeks or 10 wd"
    );
    assert_eq!(
        titles(&["search", "--where", "liability_cap>=100000 EUR"]),
        ["it", "nl"],
        "€100.000,00 and unlimited"
    );
    assert_eq!(titles(&["search", "--where", "governing_law=SE"]), ["sv"]);
    assert_eq!(titles(&["search", "--where", "breach_notice<=24h", "--where", "governing_law=DE"]), ["de"]);
    let hits = json(&concordia(data.path(), &["search", "--where", "jurisdiction=Utrecht", "--json"]));
    assert_eq!(
        hits["hits"][0]["snippet"],
        "Geschillen worden voorgelegd aan de bevoegde rechter te Utrecht."
    );
    let bad = concordia(data.path(), &["search", "--where", "governing law"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("KIND OP VALUE"));
}

#[test]
fn compare_json_aligns_the_samples_and_judges_their_terms() {
    let data = tempfile::tempdir().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let file = |name: &str| dir.join(name).display().to_string();
    let (de, it, nl) = (
        file("de-alpenwerk-avv.txt"),
        file("it-laguna-dpa.html"),
        file("nl-polderdata-verwerkersovereenkomst.txt"),
    );
    let out = concordia(data.path(), &["compare", &de, &it, &nl, "--reference", &de, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let c = json(&out);
    let docs = c["documents"].as_array().unwrap();
    assert_eq!(docs.iter().map(|d| d["language"].as_str().unwrap()).collect::<Vec<_>>(), ["de", "it", "nl"]);
    for d in docs {
        for key in ["id", "path", "title", "language"] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
    }
    // The liability row holds § 8 Haftung, Articolo 7 Responsabilità and Artikel 8 Aansprakelijkheid.
    let rows = c["rows"].as_array().unwrap();
    let liability = rows.iter().find(|r| r["topic"] == "liability").expect("a liability row");
    assert_eq!(liability["status"], "aligned");
    let firsts: Vec<&str> = liability["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|cell| cell["texts"][0].as_str().unwrap().lines().next().unwrap())
        .collect();
    assert_eq!(firsts, ["§ 8 Haftung", "Articolo 7 – Responsabilità", "Artikel 8 Aansprakelijkheid"]);
    for cell in liability["cells"].as_array().unwrap() {
        for key in ["doc_id", "clause_ids", "texts", "confidence"] {
            assert!(cell.get(key).is_some(), "missing {key} in {cell}");
        }
    }
    // Breach notice: 24 h (reference) vs "without undue delay" vs "where possible within 24 hours".
    let matrix = c["matrix"].as_array().unwrap();
    let breach = matrix.iter().find(|m| m["kind"] == "breach_notice").unwrap();
    let verdicts: Vec<&str> =
        breach["cells"].as_array().unwrap().iter().map(|c| c["verdict"].as_str().unwrap()).collect();
    assert_eq!(verdicts, ["reference", "not_comparable", "looser"]);
    assert!(breach["cells"][0]["quote"].as_str().unwrap().contains("24"));
    let deletion = matrix.iter().find(|m| m["kind"] == "deletion_period").unwrap();
    assert_eq!(deletion["cells"][1]["verdict"], "stricter", "60 days is shorter than 6 months");
}

#[test]
fn compare_against_a_playbook_judges_each_value_by_its_position() {
    let data = tempfile::tempdir().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let file = |name: &str| dir.join(name).display().to_string();
    let (de, it) = (file("de-alpenwerk-avv.txt"), file("it-laguna-dpa.html"));
    let out = concordia(data.path(), &["compare", &de, &it, "--playbook", "recommended", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let c = json(&out);
    assert_eq!(c["playbook"], "Recommended");
    let breach = c["matrix"].as_array().unwrap().iter().find(|m| m["kind"] == "breach_notice").unwrap();
    assert_eq!(breach["position"], "acceptable: ≤ 48h; negotiable: ≤ 72h");
    // 24 hours is within 48; "without undue delay" has no number to hold against it.
    let results: Vec<&str> = breach["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["playbook"]["result"].as_str().unwrap())
        .collect();
    assert_eq!(results, ["acceptable", "negotiable"]);
    let text = concordia(data.path(), &["compare", "1", "2", "--playbook", "recommended"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Against the playbook Recommended"), "{text}");
    assert!(text.contains("breach_notice             acceptable: ≤ 48h; negotiable: ≤ 72h"), "{text}");
    let bad = concordia(data.path(), &["compare", "1", "2", "--playbook", "nonesuch"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nonesuch is neither a playbook"));
}

#[test]
fn compare_refuses_a_single_document_with_a_clear_message() {
    let data = tempfile::tempdir().unwrap();
    concordia(data.path(), &["import", &samples()]);
    let out = concordia(data.path(), &["compare", "1", "1"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pick 2 to 6 different documents"));
}

#[test]
fn bookmark_add_list_export_import_and_rm() {
    let data = tempfile::tempdir().unwrap();
    assert!(concordia(data.path(), &["import", &samples()]).status.success());
    let shown = json(&concordia(data.path(), &["show", "3", "--json"]));
    let clause = shown["clauses"][3]["id"].as_i64().unwrap().to_string();
    let out =
        concordia(data.path(), &["bookmark", "add", "3", &clause, "--note", "Check this", "--tag", "audit"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = json(&concordia(data.path(), &["bookmark", "list", "--json"]));
    assert_eq!(list[0]["note"], "Check this");
    assert_eq!(list[0]["tags"][0], "audit");
    assert_eq!(list[0]["language"], "nl");
    for key in
        ["id", "doc_id", "clause_id", "doc_title", "doc_file", "clause_label", "quote", "status", "topics"]
    {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    // A clause of another document is refused with a hint.
    let wrong = concordia(data.path(), &["bookmark", "add", "1", &clause]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("is not in document 1"));
    // Export never overwrites without --force; the export moves to an empty library.
    let file = data.path().join("marks.json");
    let file = file.to_str().unwrap();
    assert!(concordia(data.path(), &["bookmark", "export", "-o", file]).status.success());
    let again = concordia(data.path(), &["bookmark", "export", "-o", file]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("--force"));
    let other = tempfile::tempdir().unwrap();
    assert!(concordia(other.path(), &["bookmark", "import", file]).status.success());
    assert!(concordia(other.path(), &["import", &samples()]).status.success());
    let moved = json(&concordia(other.path(), &["bookmark", "list", "--json"]));
    assert_eq!(
        (moved[0]["status"].as_str(), moved[0]["note"].as_str()),
        (Some("anchored"), Some("Check this"))
    );
    let id = list[0]["id"].to_string();
    assert!(concordia(data.path(), &["bookmark", "rm", &id]).status.success());
    assert_eq!(json(&concordia(data.path(), &["bookmark", "list", "--json"])).as_array().unwrap().len(), 0);
}

/// A small Word file: a heading-styled article and a numbered paragraph.
fn docx_file(dir: &Path) -> std::path::PathBuf {
    use std::io::Write;
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = format!(
        r#"<w:document {w}><w:body><w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>Artikel 8 Aansprakelijkheid</w:t></w:r></w:p><w:p><w:r><w:t>De aansprakelijkheid van Verwerker is beperkt tot €5.000 per jaar.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let styles =
        format!(r#"<w:styles {w}><w:style w:styleId="H1"><w:name w:val="heading 1"/></w:style></w:styles>"#);
    let path = dir.join("nl-dpa.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, text) in [("word/document.xml", document), ("word/styles.xml", styles)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn word_files_are_read_in_a_child_process_that_may_fail_alone() {
    let data = tempfile::tempdir().unwrap();
    let docx = docx_file(data.path());
    let docx = docx.to_str().unwrap();
    let out = concordia(data.path(), &["import", docx, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let imported = json(&out);
    assert_eq!(imported[0]["language"], "nl");
    let shown = json(&concordia(data.path(), &["show", docx, "--json"]));
    assert_eq!(shown["clauses"][0]["heading"], "Aansprakelijkheid");
    // Each way a crafted file could hurt the reader: only that file fails, with a reason.
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/de-alpenwerk-avv.txt");
    for (fault, reason) in
        [("panic", "the reader crashed"), ("hang", "took longer than 1 s"), ("balloon", "ran out of memory")]
    {
        let fresh = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_concordia"))
            .arg("--data-dir")
            .arg(fresh.path())
            .args(["import", docx])
            .arg(&good)
            .env("CONCORDIA_READER_FAULT", fault)
            .env("CONCORDIA_READER_SECONDS", if fault == "hang" { "1" } else { "20" })
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{fault}: the bad file fails the run");
        assert!(stderr.contains("nl-dpa.docx") && stderr.contains(reason), "{fault}: {stderr}");
        let list = json(&concordia(fresh.path(), &["list", "--json"]));
        assert_eq!(list.as_array().unwrap().len(), 1, "{fault}: the good file is imported");
    }
}

#[test]
fn review_checks_every_requirement_and_holds_a_playbook_against_the_key_terms() {
    let data = tempfile::tempdir().unwrap();
    let sample = Path::new(&samples()).join("de-alpenwerk-avv.txt");
    assert!(concordia(data.path(), &["import", sample.to_str().unwrap()]).status.success());
    let reviews = json(&concordia(data.path(), &["review", "1", "--playbook", "recommended", "--json"]));
    let review = &reviews[0];
    for key in ["id", "path", "title", "language", "checklist", "playbook"] {
        assert!(review.get(key).is_some(), "missing {key}");
    }
    let checklist = review["checklist"].as_array().unwrap();
    assert_eq!(checklist.len(), 18);
    for item in checklist {
        assert!(["met", "partly", "missing"].contains(&item["status"].as_str().unwrap()), "{item}");
        for key in ["requirement", "clause_ids", "quote", "reason"] {
            assert!(item.get(key).is_some(), "missing {key} in {item}");
        }
    }
    let positions = review["playbook"]["positions"].as_array().unwrap();
    assert_eq!(review["playbook"]["name"], "Recommended");
    for p in positions {
        let result = p["result"].as_str().unwrap();
        assert!(["acceptable", "negotiable", "unacceptable", "not_stated"].contains(&result), "{p}");
        assert_eq!(p["value"].is_null(), result == "not_stated", "{p}");
    }
    // A playbook that cannot be read is refused with its name and the reason, before any review.
    let bad = data.path().join("mine.toml");
    std::fs::write(
        &bad,
        "name = \"Mine\"\n[[position]]\nkind = \"breach_notice\"\nacceptable = [\"breach_notice<=soon\"]\n",
    )
    .unwrap();
    let out = concordia(data.path(), &["review", "1", "--playbook", bad.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("mine.toml") && stderr.contains("breach_notice"),
        "{stderr}"
    );
    let out = concordia(data.path(), &["review", "1", "--lang", "fr"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language \"fr\""));
}

#[test]
fn portfolio_lists_every_document_filters_it_and_writes_csv() {
    let data = tempfile::tempdir().unwrap();
    assert!(concordia(data.path(), &["import", &samples()]).status.success());
    let page = json(&concordia(data.path(), &["portfolio", "--playbook", "recommended", "--json"]));
    assert_eq!((page["total"].as_u64(), page["matching"].as_u64()), (Some(4), Some(4)));
    let rows = page["rows"].as_array().unwrap();
    for r in rows {
        let met = r["met"].as_u64().unwrap();
        assert_eq!(met as usize + r["lacking"].as_array().unwrap().len(), 18, "{r}");
        assert!(r["playbook"]["unacceptable"].is_u64(), "{r}");
    }
    // Each condition narrows to exactly the rows it describes.
    let lowest = rows.iter().map(|r| r["met"].as_u64().unwrap()).min().unwrap();
    let below =
        json(&concordia(data.path(), &["portfolio", "--where", &format!("checklist<={lowest}"), "--json"]));
    let all_lowest = below["rows"].as_array().unwrap().iter().all(|r| r["met"].as_u64() == Some(lowest));
    assert!(below["matching"].as_u64().unwrap() >= 1 && all_lowest, "{below}");
    let german = json(&concordia(data.path(), &["portfolio", "--where", "governing_law=DE", "--json"]));
    for r in german["rows"].as_array().unwrap() {
        assert!(r["terms"].as_array().unwrap().iter().any(|t| t["kind"] == "governing_law"), "{r}");
    }
    let csv = concordia(data.path(), &["portfolio", "--csv"]);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(text.lines().count(), 5, "a heading and one line per document: {text}");
    assert!(text.starts_with("id,title,language,path,met,lacking,Liability cap"), "{text}");
    // A report in the chosen language, never over a file unless asked.
    let html = data.path().join("portfolio.html");
    let wrote = concordia(
        data.path(),
        &["portfolio", "--playbook", "recommended", "--lang", "de", "-o", html.to_str().unwrap()],
    );
    assert!(wrote.status.success(), "{}", String::from_utf8_lossy(&wrote.stderr));
    let report = std::fs::read_to_string(&html).unwrap();
    assert!(
        report.contains("<h1>Portfolio</h1>")
            && report.contains("Nicht erfüllt")
            && report.contains("Playbook: Recommended")
    );
    assert_eq!(report.matches("<tr>").count(), 5, "a heading row and one per document");
    let again = concordia(data.path(), &["portfolio", "-o", html.to_str().unwrap()]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let bad = concordia(data.path(), &["portfolio", "--where", "lacks=breach"]);
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("requirement id"));
}
