//! PDF fidelity: PDF versions of the text fixtures and of ../shared/corpus, made here with krilla
//! (A4, lines wrapped at the margin by the glyphs' widths as a word processor would, a running
//! header, "Seite n von m" footers), import with the same clause numbers and key terms as the
//! text versions.

mod common;
#[path = "common/fidelity.rs"]
mod fidelity;

use concordia_core::{Library, Progress};
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;

const FONT: &[u8] = include_bytes!("../report/fonts/DejaVuSans.ttf");
const LINES_PER_PAGE: usize = 48;
const SIZE: f32 = 9.0;
const LEFT: f32 = 50.0;
/// The text column: from the left margin to 50 pt before the right edge of A4.
const MEASURE: f32 = 595.0 - 2.0 * LEFT;

/// How wide `text` is set at `SIZE` in the font, in points.
fn width(face: &ttf_parser::Face<'_>, text: &str) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(0, u32::from))
        .sum();
    units as f32 * SIZE / f32::from(face.units_per_em())
}

/// Word-wraps a line at the margin, by the glyphs' real widths, as a word processor does.
fn wrap(face: &ttf_parser::Face<'_>, line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in line.split(' ') {
        let last = out.last_mut().unwrap();
        if !last.is_empty() && width(face, &format!("{last} {word}")) > MEASURE {
            out.push(word.to_owned());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

/// The text as laid out: pages of wrapped lines.
fn layout(text: &str) -> Vec<Vec<String>> {
    let face = ttf_parser::Face::parse(FONT, 0).unwrap();
    let lines: Vec<String> = text
        .lines()
        .flat_map(|l| if l.trim().is_empty() { vec![String::new()] } else { wrap(&face, l) })
        .collect();
    lines.chunks(LINES_PER_PAGE).map(<[String]>::to_vec).collect()
}

fn pdf_of(text: &str, title: &str) -> Vec<u8> {
    let pages = layout(text);
    let font = Font::new(FONT.to_vec().into(), 0).unwrap();
    let mut document = Document::new();
    for (k, page_lines) in pages.iter().enumerate() {
        let mut page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).unwrap());
        let mut surface = page.surface();
        let mut draw = |y: f32, size: f32, text: &str| {
            surface.draw_text(Point::from_xy(LEFT, y), font.clone(), size, text, false, TextDirection::Auto);
        };
        draw(30.0, 7.0, &format!("Vertraulich – {title}"));
        for (i, line) in page_lines.iter().enumerate() {
            if !line.is_empty() {
                draw(60.0 + i as f32 * 15.0, SIZE, line);
            }
        }
        draw(815.0, 7.0, &format!("Seite {} von {}", k + 1, pages.len()));
        surface.finish();
        page.finish();
    }
    document.finish().unwrap()
}

#[test]
fn pdf_versions_keep_clause_numbers_and_key_terms() {
    let sources = fidelity::sources(&["txt"]);
    let out = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let mut tally = fidelity::Tally::default();
    for source in &sources {
        let text = std::fs::read_to_string(source).unwrap();
        let stem = source.file_stem().unwrap().to_string_lossy();
        let pdf = out.path().join(format!("{stem}.pdf"));
        std::fs::write(&pdf, pdf_of(&text, &stem)).unwrap();
        tally.compare(&library, source, &pdf);
    }
    let share = tally.report("PDF");
    assert!(share >= 0.95, "clause agreement {:.1} % is below 95 %", share * 100.0);
    assert_eq!(
        tally.same_terms,
        tally.docs,
        "key terms differ in {} documents",
        tally.docs - tally.same_terms
    );
}

/// The text as an HTML page: each run of lines a paragraph, each line starting anew, set
/// justified in a proportional font, so the browser wraps it by real glyph widths.
fn html_of(text: &str, title: &str, columns: u8) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            p.lines().map(|l| escape(l.trim())).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("<br>")
        })
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{}</title><style>\
         body {{ font: 11pt/1.35 'DejaVu Serif', serif; text-align: justify; column-count: {columns}; column-gap: 1cm; }}\
         p {{ margin: 0 0 8pt; }}</style></head><body>{}</body></html>",
        escape(title),
        paragraphs.concat()
    )
}

/// PDFs as a browser prints them (Chromium's "Save as PDF": embedded subset fonts with real
/// widths, justified lines, its own header and footer), in one and in two columns, keep clause
/// numbers and key terms.
#[test]
fn pdf_versions_printed_by_a_browser_keep_clause_numbers_and_key_terms() {
    let sources = fidelity::sources(&["txt"]);
    let out = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for source in &sources {
        let stem = source.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(source).unwrap();
        for columns in [1, 2] {
            let html = out.path().join(format!("{stem}-{columns}.html"));
            std::fs::write(&html, html_of(&text, &stem, columns)).unwrap();
            pages.push(html);
        }
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/tools/print-pdf.mjs");
    let status = std::process::Command::new("node").arg(script).arg(out.path()).args(&pages).status();
    assert!(
        status.as_ref().is_ok_and(std::process::ExitStatus::success),
        "printing with Chromium failed ({status:?}); `bash scripts/deps.sh test` installs node, Chromium and playwright-core"
    );
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let printed = |source: &std::path::Path, columns: u8| {
        out.path().join(format!("{}-{columns}.pdf", source.file_stem().unwrap().to_string_lossy()))
    };
    // Two narrow columns are harder: a heading that fills the column reads like a line broken
    // at the margin (pdf-extract tells no bold from regular), and one document (it-marebit)
    // then reads its deletion heading into the clause. That one is allowed, not met.
    for (columns, what, goal, differing) in
        [(1, "PDF (Chromium)", 0.95, 0), (2, "PDF (Chromium, two columns)", 0.95, 1)]
    {
        let mut tally = fidelity::Tally::default();
        for source in &sources {
            tally.compare(&library, source, &printed(source, columns));
        }
        let share = tally.report(what);
        assert!(share >= goal, "{what}: clause agreement {:.1} % is below {goal}", share * 100.0);
        let differ = tally.docs - tally.same_terms;
        assert!(differ <= differing, "{what}: key terms differ in {differ} documents");
    }
    // Pages, checked against another reader: poppler's pdftotext, page by page.
    let (mut right, mut total) = (0, 0);
    for source in &sources {
        let pdf = printed(source, 1);
        let poppler = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        let pages: Vec<String> =
            String::from_utf8_lossy(&poppler.stdout).split('\u{c}').map(str::to_owned).collect();
        let doc = library.document(fidelity::import(&library, &pdf), None).unwrap();
        let (r, t) = pages_agree(&doc, &pages, &pdf);
        (right, total) = (right + r, total + t);
    }
    println!("PDF (Chromium) pages: {right}/{total} clauses show the page pdftotext finds them on");
    assert!(total > 500 && right * 100 >= total * 99, "pages right for only {right}/{total}");
}

/// Every clause of the PDF versions knows the page it starts on: the test finds each clause's
/// opening words in the laid-out pages, in order, and compares.
#[test]
fn clauses_know_the_page_they_start_on() {
    let out = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let library = Library::open(data.path()).unwrap();
    let (mut right, mut total) = (0, 0);
    for source in fidelity::sources(&["txt"]) {
        let text = std::fs::read_to_string(&source).unwrap();
        let pdf = out.path().join(format!("{}.pdf", source.file_stem().unwrap().to_string_lossy()));
        std::fs::write(&pdf, pdf_of(&text, "Test")).unwrap();
        let doc = library.document(fidelity::import(&library, &pdf), None).unwrap();
        let pages: Vec<String> = layout(&text).iter().map(|lines| lines.concat()).collect();
        let (r, t) = pages_agree(&doc, &pages, &pdf);
        (right, total) = (right + r, total + t);
    }
    println!("PDF pages: {right}/{total} clauses show the page they start on");
    assert!(total > 500, "only {total} clauses were located in the layout");
    assert_eq!(right, total, "every located clause shows its page");
}

/// How many of the document's clauses, found by their opening words in the true page texts,
/// show the page they are found on: (right, found).
fn pages_agree(
    doc: &concordia_core::api::DocumentView,
    pages: &[String],
    pdf: &std::path::Path,
) -> (usize, usize) {
    let (laid_out, page_starts) = flattened(pages);
    let (mut right, mut total, mut cursor) = (0, 0, 0);
    for clause in &doc.clauses {
        let opening: String = squeezed(&clause.text).chars().take(30).collect();
        let Some(at) = laid_out[cursor..].find(&opening).map(|at| at + cursor) else { continue };
        cursor = at + 1;
        let expected = page_starts.partition_point(|&start| start <= at) as u32;
        total += 1;
        right += usize::from(clause.page == Some(expected));
        if clause.page != Some(expected) {
            println!("  {}: {opening:?} on p. {expected}, shown as {:?}", pdf.display(), clause.page);
        }
    }
    (right, total)
}

/// Letters and digits only, so line breaks, hyphens and spacing do not matter.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The pages as one squeezed string, and where each page starts in it.
fn flattened(pages: &[String]) -> (String, Vec<usize>) {
    let mut all = String::new();
    let mut starts = Vec::new();
    for page in pages {
        starts.push(all.len());
        all.push_str(&squeezed(page));
    }
    (all, starts)
}

#[test]
fn a_scan_without_a_text_layer_is_refused_not_imported_empty() {
    use krilla::geom::{PathBuilder, Rect};
    let mut document = Document::new();
    for _ in 0..2 {
        let mut page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).unwrap());
        let mut surface = page.surface();
        let mut builder = PathBuilder::new();
        builder.push_rect(Rect::from_xywh(50.0, 50.0, 400.0, 600.0).unwrap());
        surface.draw_path(&builder.finish().unwrap());
        surface.finish();
        page.finish();
    }
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, document.finish().unwrap()).unwrap();
    let library = Library::open(&dir.path().join("lib")).unwrap();
    let report = library.import(&[scan], &Progress::none()).unwrap();
    let error = report.outcomes[0].error.clone().unwrap_or_default();
    assert!(
        error.contains("scan.pdf") && error.contains("no text layer") && error.contains("OCR"),
        "{error}"
    );
    assert!(library.list().unwrap().is_empty());
    // A typed cover page on a scanned contract is not imported as if it were the contract.
    let mut document = Document::new();
    let font = Font::new(FONT.to_vec().into(), 0).unwrap();
    for k in 0..4 {
        let mut page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).unwrap());
        let mut surface = page.surface();
        if k == 0 {
            let cover = "Auftragsverarbeitungsvertrag zwischen der Muster GmbH und der Beispiel AG";
            let second = "gemäß Artikel 28 der Datenschutz-Grundverordnung, Fassung vom 1. März 2026";
            for (i, line) in [cover, second].into_iter().enumerate() {
                let at = Point::from_xy(50.0, 80.0 + 16.0 * i as f32);
                surface.draw_text(at, font.clone(), 12.0, line, false, TextDirection::Auto);
            }
        } else {
            let mut builder = PathBuilder::new();
            builder.push_rect(Rect::from_xywh(50.0, 50.0, 400.0, 600.0).unwrap());
            surface.draw_path(&builder.finish().unwrap());
        }
        surface.finish();
        page.finish();
    }
    let covered = dir.path().join("covered-scan.pdf");
    std::fs::write(&covered, document.finish().unwrap()).unwrap();
    let report = library.import(&[covered], &Progress::none()).unwrap();
    let error = report.outcomes[0].error.clone().unwrap_or_default();
    assert!(error.contains("3 of its 4 pages have no text layer"), "{error}");
}

#[test]
fn a_password_protected_pdf_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, locked) = (dir.path().join("plain.pdf"), dir.path().join("locked.pdf"));
    std::fs::write(&plain, pdf_of("Artikel 1 Onderwerp\n\nVerwerker verwerkt persoonsgegevens.", "test"))
        .unwrap();
    let encrypted = std::process::Command::new("qpdf")
        .args(["--encrypt", "geheim", "eigenaar", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status();
    if !encrypted.is_ok_and(|s| s.success()) {
        eprintln!("qpdf not installed: the encrypted-PDF refusal is not checked (CI installs it)");
        return;
    }
    let library = Library::open(&dir.path().join("lib")).unwrap();
    let report = library.import(&[locked], &Progress::none()).unwrap();
    let error = report.outcomes[0].error.clone().unwrap_or_default();
    assert!(
        error.contains("locked.pdf") && error.contains("encrypted") && error.contains("without a password"),
        "{error}"
    );
}
