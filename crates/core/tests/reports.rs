//! Diff reports: every value and quote is in them, with its source; nothing from a document
//! becomes markup; the PDF's text keeps accents and € signs; no file is overwritten unasked.

mod common;

use concordia_core::api::DocId;
use std::path::{Path, PathBuf};
use std::process::Command;

use concordia_core::report::{Against, Report, ReportFormat};
use concordia_core::{Error, Library, Progress};
use pulldown_cmark::{Event, Options, Parser, Tag};

const CORPUS: [&str; 3] =
    ["de-bavariatech-datenschutz.txt", "it-customer-alliance-dpa.txt", "nl-alona-verwerkersovereenkomst.txt"];

fn library_with(paths: &[PathBuf]) -> (tempfile::TempDir, Library, Vec<DocId>) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(dir.path()).unwrap();
    let report = library.import(paths, &Progress::none()).unwrap();
    let ids = report.outcomes.iter().map(|o| o.id.unwrap()).collect();
    (dir, library, ids)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The (value, quote) pairs a report must cite.
fn findings(report: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for term in &report.terms {
        for c in &term.cells {
            if let (Some(v), Some(q)) = (&c.value, &c.quote) {
                out.push((v.clone(), squeeze(q)));
            }
        }
    }
    out
}

/// The text a Markdown reader sees, and whether any raw HTML got through.
fn markdown_text(md: &str) -> (String, bool, usize) {
    let (mut text, mut html, mut tables) = (String::new(), false, 0);
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(_) | Event::InlineHtml(_) => html = true,
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    (squeeze(&text), html, tables)
}

fn unescape_html(html: &str) -> String {
    let text = regex_lite_strip_tags(html);
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Tags out, text kept (the report's own markup has no '>' inside attribute values).
fn regex_lite_strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

#[test]
fn corpus_reports_cite_every_value_and_quote_in_all_three_formats() {
    let Some(corpus) = common::shared("corpus") else { return };
    let paths: Vec<PathBuf> = CORPUS.iter().map(|f| corpus.join(f)).collect();
    let (_dir, library, ids) = library_with(&paths);
    let clause = library
        .document(ids[2], None)
        .unwrap()
        .clauses
        .iter()
        .find(|c| c.text.contains("€5.000"))
        .unwrap()
        .id;
    library.add_bookmark(clause, "Plafond te laag — „nachverhandeln“", &["cap".into()]).unwrap();
    let report = library.report(&ids, Against::reference(Some(ids[2])), "en").unwrap();
    let found = findings(&report);
    assert!(found.len() >= 10, "the corpus has key terms: {found:?}");
    assert!(found.iter().any(|(v, _)| v.contains("5,000")), "{found:?}");

    let (md_text, raw_html, tables) =
        markdown_text(&String::from_utf8(report.render(ReportFormat::Markdown).unwrap()).unwrap());
    assert!(!raw_html, "no raw HTML in the Markdown");
    assert_eq!(tables, 3, "documents, key terms and checklist tables parse as tables");
    let html = String::from_utf8(report.render(ReportFormat::Html).unwrap()).unwrap();
    let html_text = squeeze(&unescape_html(&html));
    for (value, quote) in &found {
        assert!(
            md_text.contains(value.as_str()) && md_text.contains(quote.as_str()),
            "Markdown lacks {value} / {quote}"
        );
        assert!(
            html_text.contains(value.as_str()) && html_text.contains(quote.as_str()),
            "HTML lacks {value} / {quote}"
        );
    }
    for text in [&md_text, &html_text] {
        for doc in &report.documents {
            assert!(text.contains(&doc.sha256) && text.contains(&doc.file), "{} is identified", doc.file);
        }
        assert!(text.contains("Plafond te laag — „nachverhandeln“"), "the bookmark's note");
        assert!(text.contains("Artikel 8 Aansprakelijkheid"), "findings cite their clause");
    }
    let lower = html.to_lowercase();
    for banned in ["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"] {
        assert!(!lower.contains(banned), "the HTML has {banned}");
    }
    pdf_text_has(&report, &found);
}

/// pdftotext (poppler-utils) reads the values back, accents and € included.
fn pdf_text_has(report: &Report, found: &[(String, String)]) {
    let pdf = report.render(ReportFormat::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Ok(out) = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output() else {
        eprintln!("pdftotext not installed: PDF text not checked (CI installs poppler-utils)");
        return;
    };
    let text = squeeze(&String::from_utf8_lossy(&out.stdout));
    for (value, _) in found {
        assert!(
            text.contains(value.as_str()) || text.replace(' ', "").contains(&value.replace(' ', "")),
            "PDF lacks {value}"
        );
    }
    for word in
        ["Verwerkersovereenkomst", "Datenschutzerklärung", "€5.000", "„nachverhandeln“", "responsabilità"]
    {
        assert!(text.contains(word), "PDF text lacks {word}");
    }
    assert!(text.contains("Page 1 of"), "page numbers");
}

#[test]
fn hostile_text_stays_text_and_labels_follow_the_report_language() {
    let dir = tempfile::tempdir().unwrap();
    // Plain text keeps every character, so the markup-like text reaches the report verbatim.
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Verwerkersovereenkomst\n\nArtikel 8 Aansprakelijkheid\n\nDe aansprakelijkheid is beperkt tot €5.000. <script>alert(1)</script> [klik](https://evil.example) ![x](http://evil.example/x.png) | pipe | *ster*\n\n1. lijst\n").unwrap();
    std::fs::write(&b, "Verwerkersovereenkomst B\n\nArtikel 8 Aansprakelijkheid\n\nDe aansprakelijkheid is beperkt tot €10.000.\n").unwrap();
    let (_d, library, ids) = library_with(&[a, b]);
    let report = library.report(&ids, Against::default(), "de").unwrap();
    let html = String::from_utf8(report.render(ReportFormat::Html).unwrap()).unwrap();
    assert!(!html.contains("<script") && html.contains("&lt;script&gt;"), "script shown as text");
    assert!(!html.contains("href=") && !html.contains("<img"));
    let md = String::from_utf8(report.render(ReportFormat::Markdown).unwrap()).unwrap();
    let mut links = 0;
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => links += 1,
            _ => {}
        }
    }
    assert_eq!(links, 0, "no links or images from the document");
    assert!(md.contains("Kernbedingungen") && md.contains("Haftungshöchstgrenze"), "German labels");
    assert!(matches!(library.report(&ids, Against::default(), "fr"), Err(Error::Invalid(_))));
}

#[test]
fn a_report_never_overwrites_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let files: Vec<PathBuf> = std::fs::read_dir(&samples).unwrap().map(|e| e.unwrap().path()).collect();
    let (_d, library, ids) = library_with(&files);
    let out = dir.path().join("Bericht (Entwurf) — 1.html");
    library.write_report(&ids[..2], Against::default(), "en", ReportFormat::Html, &out, false).unwrap();
    let first = std::fs::read(&out).unwrap();
    let again = library.write_report(&ids[..2], Against::default(), "en", ReportFormat::Html, &out, false);
    assert!(matches!(again, Err(Error::Exists { .. })), "{again:?}");
    assert_eq!(std::fs::read(&out).unwrap(), first);
    library.write_report(&ids[..2], Against::default(), "en", ReportFormat::Markdown, &out, true).unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("# Comparison report"));
}

#[test]
fn a_document_without_a_clause_of_its_own_on_a_topic_is_cited_where_it_deals_with_it() {
    let Some(real) = common::shared("real/docs") else { return };
    let files = ["de-helpfulbits-avv.md", "it-taura-os-dpa.md", "nl-rapply-vwo.md", "sv-openxlab-pub.md"];
    let (_dir, library, ids) = library_with(&files.map(|f| real.join(f)));
    let comparison = library.compare(&ids, None).unwrap();
    // Rapply sets the instructions rule inside "4 Aard en doel van de verwerking".
    let row = comparison.rows.iter().find(|r| r.topic.as_deref() == Some("instructions")).unwrap();
    let cell = &row.cells[2];
    assert!(cell.clause_ids.is_empty(), "Rapply has no instructions clause of its own");
    let elsewhere = cell.elsewhere.as_ref().expect("the cell says where Rapply deals with instructions");
    assert_eq!(elsewhere.label, "4 Aard en doel van de verwerking");
    assert_eq!(elsewhere.row_topic.as_deref(), Some("subject_matter"));
    assert!(elsewhere.text.contains("gedocumenteerde instructies"));
    let home = comparison.rows.iter().find(|r| r.cells[2].clause_ids.contains(&elsewhere.clause_id)).unwrap();
    assert_eq!(home.topic.as_deref(), Some("subject_matter"), "the clause stands in its own row");
    // A document that says nothing on a topic stays "not addressed".
    let audit = comparison.rows.iter().find(|r| r.topic.as_deref() == Some("audit")).unwrap();
    assert!(
        audit.cells[3].clause_ids.is_empty() && audit.cells[3].elsewhere.is_none(),
        "OpenX Lab has no audit clause"
    );

    let report = library.report(&ids, Against::default(), "de").unwrap();
    let md = String::from_utf8(report.render(ReportFormat::Markdown).unwrap()).unwrap();
    let (md_text, raw_html, _) = markdown_text(&md);
    assert!(!raw_html);
    let cited = "keine eigene Klausel; geregelt in 4 Aard en doel van de verwerking (";
    assert!(md_text.contains(cited), "the Markdown report cites it");
    let html = String::from_utf8(report.render(ReportFormat::Html).unwrap()).unwrap();
    assert!(squeeze(&unescape_html(&html)).contains(cited), "the HTML report cites it");
}
