//! PDF with a text layer: the lines of each page laid out from where pdf-extract draws their
//! glyphs (margin breaks rejoined, spaced paragraphs kept apart: see `pdf_layout`), without the
//! lines repeated at the top or bottom of most pages (running headers and footers) or page
//! numbers, then read like plain text. Each page's start in the result is recorded.
//!
//! Refused with a reason: no text layer (a scan), encrypted, text that comes out unreadable
//! (fonts without a usable encoding: better no document than mojibake), broken files.

use std::collections::HashMap;

use crate::blocks::Extracted;
use crate::pdf_layout::Collector;
use crate::DecodeError;

fn bad(reason: impl Into<String>) -> DecodeError {
    DecodeError::Pdf(reason.into())
}

pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, DecodeError> {
    let (pages, declared_title) = read_pages(bytes)?;
    let pages = with_compounds_kept(without_furniture(&pages));
    let text = joined(&pages);
    check_readable(&text)?;
    let normalised = crate::decode(text.as_bytes())?;
    let mut extracted = crate::plain::extract(&normalised);
    if extracted.blocks.is_empty() {
        return Err(DecodeError::NoText);
    }
    extracted.pages = crate::paging::locate(&pages, &extracted.text);
    extracted.title = declared_title.filter(|t| names_the_text(t, &extracted.text));
    Ok(extracted)
}

/// Whether a PDF's declared title is one a reader would give it: not a file name
/// ("de-billcraft-avv", "Microsoft Word - AVV_v3.docx") and naming a word of its opening text,
/// where a page's running header ("SPEE SOLUTIONS · WKB-BORGING") may stand above the real one.
fn names_the_text(title: &str, text: &str) -> bool {
    const FILE_ENDINGS: [&str; 8] = [".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".html", ".md"];
    let lower = title.to_lowercase();
    let slug = !title.contains(' ') && title.contains(['-', '_', '.']);
    if slug || lower.starts_with("microsoft ") || FILE_ENDINGS.iter().any(|e| lower.ends_with(e)) {
        return false;
    }
    let opening: String = text.chars().take(1500).collect::<String>().to_lowercase();
    let words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4);
    title.chars().count() <= 150 && words.into_iter().any(|w| opening.contains(w))
}

/// The title in the document's information dictionary, in single spaces.
fn declared_title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let (_, info) = doc.dereference(info).ok()?;
    let title = info.as_dict().ok()?.get(b"Title").ok()?;
    let (_, title) = doc.dereference(title).ok()?;
    let text = pdf_extract::decode_text_string(title).ok()?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A word hyphenated at a line's end is whole again ("Auftragsverarbeitung"), unless the
/// document writes it with its hyphen elsewhere ("sub-responsabili" in a heading): then it is a
/// compound, and keeps it.
fn with_compounds_kept(pages: Vec<String>) -> Vec<String> {
    use crate::pdf_layout::LINE_END_HYPHEN;
    if !pages.iter().any(|p| p.contains(LINE_END_HYPHEN)) {
        return pages;
    }
    let compounds = crate::plain::compounds(pages.iter().map(String::as_str));
    pages
        .into_iter()
        .map(|page| {
            let mut out = String::with_capacity(page.len());
            let mut rest = page.as_str();
            while let Some(at) = rest.find(LINE_END_HYPHEN) {
                let (before, after) = (&rest[..at], &rest[at + LINE_END_HYPHEN.len_utf8()..]);
                out.push_str(before);
                if crate::plain::is_compound(&compounds, before, after) {
                    out.push('-');
                }
                rest = after;
            }
            out.push_str(rest);
            out
        })
        .collect()
}

/// The pages as one text. A page that ends mid-sentence goes on with a line break, so a
/// sentence running onto the next page can be rejoined; otherwise pages are paragraphs apart.
fn joined(pages: &[String]) -> String {
    let mut out = String::new();
    for page in pages.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            let open = !crate::lang::ends_sentence(&out);
            out.push_str(if open { "\n" } else { "\n\n" });
        }
        out.push_str(page);
    }
    out
}

/// Page texts and the declared title; a panic inside the PDF library (it has them on odd files)
/// becomes a refusal.
fn read_pages(bytes: &[u8]) -> Result<(Vec<String>, Option<String>), DecodeError> {
    let owned = bytes.to_vec();
    let (pages, glyphs, title) = match std::panic::catch_unwind(move || lay_out(&owned)) {
        Err(_) => return Err(bad("the PDF is malformed: its reader gave up on it")),
        Ok(read) => read?,
    };
    if pages.is_empty() {
        return Err(bad("the PDF is damaged: none of its pages could be found (broken cross-reference table or page tree)"));
    }
    let letters = |t: &String| t.chars().filter(|c| c.is_alphabetic()).count();
    if pages.iter().map(letters).sum::<usize>() < 20 * pages.len() {
        return Err(if glyphs < 20 * pages.len() {
            bad("no text layer (a scanned PDF?); OCR is not supported yet")
        } else {
            unreadable()
        });
    }
    // A typed cover on a scanned contract: importing the cover alone would look complete.
    let blank = pages.iter().filter(|p| letters(p) < 20).count();
    if pages.len() >= 3 && blank * 2 > pages.len() {
        return Err(bad(format!(
            "{blank} of its {} pages have no text layer (scanned?); OCR is not supported yet",
            pages.len()
        )));
    }
    Ok((pages, title))
}

/// Every page's glyphs, laid out as lines and paragraphs, how many glyphs were drawn, and the
/// declared title.
fn lay_out(bytes: &[u8]) -> Result<(Vec<String>, usize, Option<String>), DecodeError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| cannot_read(&e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(bad("the PDF is encrypted; save it without a password and import it again"));
    }
    crate::pdf_widths::spell_out_width_runs(&mut doc);
    let mut collector = Collector::default();
    if let Err(e) = pdf_extract::output_doc(&doc, &mut collector) {
        let page = collector.pages.len().max(1);
        return Err(cannot_read(&format!("page {page}: {e}")));
    }
    let single = collector.pages.len() == 1;
    let pages = collector.pages.iter().map(|page| crate::pdf_layout::page_text(page, single)).collect();
    Ok((pages, collector.glyphs, declared_title(&doc)))
}

fn unreadable() -> DecodeError {
    bad("its text comes out unreadable (fonts without a usable encoding, or text set sideways); OCR or a better export is needed")
}

fn cannot_read(message: &str) -> DecodeError {
    let lower = message.to_lowercase();
    if lower.contains("decrypt") || lower.contains("encrypt") || lower.contains("password") {
        return bad("the PDF is encrypted; save it without a password and import it again");
    }
    bad(format!("the PDF cannot be read: {message}"))
}

/// Text from fonts without a usable encoding comes out as symbols, private-use or control
/// characters, or as letters in no language (a font that maps its glyphs to the wrong
/// letters): refuse it rather than store mojibake.
fn check_readable(text: &str) -> Result<(), DecodeError> {
    let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.is_empty() {
        return Ok(());
    }
    let odd = visible
        .iter()
        .filter(|&&c| c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c))
        .count();
    let letters = visible.iter().filter(|c| c.is_alphabetic()).count();
    if odd * 20 > visible.len() || letters * 2 < visible.len() || !in_some_language(text) {
        return Err(unreadable());
    }
    Ok(())
}

/// Whether the text reads as language: enough function words of Concordia's languages, or
/// one of up to eight stretches spread over it recognisably in any language whatlang knows
/// (a Polish annex is readable too). Very short texts are given the benefit of the doubt.
fn in_some_language(text: &str) -> bool {
    const STRETCH: usize = 1500;
    let chars: Vec<char> = text.chars().collect();
    if chars.iter().filter(|c| c.is_alphabetic()).count() < 150
        || crate::lang::function_word_share(text) >= 0.05
    {
        return true;
    }
    let stretches: Vec<&[char]> = chars.chunks(STRETCH).collect();
    let step = stretches.len().div_ceil(8);
    stretches.iter().step_by(step).any(|s| {
        let sample: String = s.iter().collect();
        whatlang::detect(&sample).is_some_and(|info| info.is_reliable())
    })
}

/// Drops the lines that repeat at the top or bottom of most pages (digits aside, so "Seite 3"
/// and "Seite 4" are the same line), and bare page numbers.
pub(crate) fn without_furniture(pages: &[String]) -> Vec<String> {
    const EDGE: usize = 3;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (k, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let edges = lines.iter().take(EDGE).chain(lines.iter().rev().take(EDGE));
        let mut keys: Vec<String> = edges.map(|l| page_key(l, k + 1, pages.len())).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let repeated = |line: &str, page: usize| {
        // On two pages a line must be on both; from three on, on at least half.
        let n = seen.get(&page_key(line, page, pages.len())).copied().unwrap_or(0);
        pages.len() >= 2 && (n == pages.len() || (pages.len() >= 3 && n * 2 >= pages.len()))
    };
    pages
        .iter()
        .enumerate()
        .map(|(k, page)| {
            let lines: Vec<&str> = page.lines().collect();
            let n = lines.len();
            lines
                .iter()
                .enumerate()
                .filter(|(i, line)| {
                    let near_edge = *i < EDGE + 2 || *i + EDGE + 2 >= n;
                    !(near_edge && (repeated(line, k + 1) || is_page_number(line)))
                })
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// A line with its page number and page count written as "#", so "Seite 3 von 9" repeats
/// across pages while "Artikel 5" stays itself.
fn page_key(line: &str, page: usize, pages: usize) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        let is_page = digits.parse::<usize>().is_ok_and(|n| n == page || n == pages);
        out.push_str(if is_page { "#" } else { digits.as_str() });
        digits.clear();
    };
    for c in line.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(|c| c == '-' || c == '–' || c == ' ');
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_hyphenated_at_a_line_end_keeps_its_hyphen_where_the_document_writes_one() {
        let pages = vec![
            "6. Sub-responsabili\nIl Titolare autorizza i seguenti sub\u{FFFE}responsabili e i dati perso\u{FFFE}nali.".to_owned(),
            "Ein Unter\u{FFFE}auftrag".to_owned(),
        ];
        assert_eq!(
            with_compounds_kept(pages),
            [
                "6. Sub-responsabili\nIl Titolare autorizza i seguenti sub-responsabili e i dati personali.",
                "Ein Unterauftrag"
            ]
        );
    }

    #[test]
    fn a_declared_title_counts_when_a_reader_would_give_it() {
        let text = "BRÜCKE SOFTWARE · DATENSCHUTZ\n\nAuftragsverarbeitungsvertrag\n\n§ 1 Gegenstand";
        assert!(names_the_text("Auftragsverarbeitungsvertrag — Brücke", text));
        for title in ["de-bruecke-avv", "Microsoft Word - AVV_final.docx", "avv.pdf", "Untitled", "Document1"]
        {
            assert!(!names_the_text(title, text), "{title}");
        }
        let mut doc = pdf_extract::Document::with_version("1.7");
        let mut dict = pdf_extract::Dictionary::new();
        dict.set("Title", pdf_extract::text_string("Verwerkersovereenkomst  —\nPolderdata"));
        let info = doc.add_object(dict);
        doc.trailer.set("Info", info);
        assert_eq!(declared_title(&doc).as_deref(), Some("Verwerkersovereenkomst — Polderdata"));
        assert_eq!(declared_title(&pdf_extract::Document::with_version("1.7")), None);
    }

    #[test]
    fn running_headers_footers_and_page_numbers_go() {
        let page = |n: usize| {
            format!("Vertraulich – MoselNet AVV\n\nArtikel {} Text auf Seite {n}.\nNoch ein Satz.\n\nSeite {n} von 3\n{n}", n + 4)
        };
        let pages: Vec<String> = (1..=3).map(page).collect();
        let kept = without_furniture(&pages);
        for (k, text) in kept.iter().enumerate() {
            assert!(!text.contains("Vertraulich") && !text.contains("von 3"), "{text}");
            assert!(text.contains(&format!("Artikel {} Text", k + 5)), "{text}");
        }
    }

    #[test]
    fn a_sentence_running_onto_the_next_page_can_be_rejoined() {
        let pages = [
            "11. Aansprakelijkheid\nbeperkt tot het bedrag dat is betaald,".to_owned(),
            "met een maximum van EUR 50.000.".to_owned(),
            "12. Recht".to_owned(),
        ];
        assert_eq!(joined(&pages), "11. Aansprakelijkheid\nbeperkt tot het bedrag dat is betaald,\nmet een maximum van EUR 50.000.\n\n12. Recht");
        let text = crate::plain::extract(&joined(&pages)).text;
        assert!(text.contains("betaald, met een maximum"), "{text}");
    }

    #[test]
    fn mojibake_and_broken_files_are_refused() {
        assert!(check_readable("Die Haftung ist begrenzt.").is_ok());
        let err = check_readable("\u{E001}\u{E002}\u{E003} \u{E004}\u{E005} !!! ### ###").unwrap_err();
        assert!(err.to_string().contains("unreadable"), "{err}");
        // A font that maps every glyph to the next letter: letters, but in no language.
        let shifted: String = "Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich im Rahmen der getroffenen Vereinbarungen und nach Weisung des Auftraggebers. "
            .repeat(6)
            .chars()
            .map(|c| if c.is_ascii_lowercase() { (((c as u8 - b'a' + 1) % 26) + b'a') as char } else { c })
            .collect();
        assert!(check_readable(&shifted).unwrap_err().to_string().contains("unreadable"));
        let polish = "Administrator przetwarza dane osobowe wyłącznie na udokumentowane polecenie administratora, także w odniesieniu do przekazywania danych osobowych do państwa trzeciego. ".repeat(4);
        assert!(
            check_readable(&polish).is_ok(),
            "text in a language Concordia does not analyse is still readable"
        );
        assert!(extract(b"%PDF-1.7\nnot really").unwrap_err().to_string().contains("PDF"));
    }
}
