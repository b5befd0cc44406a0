//! PDF with a text layer: the text of each page (pdf-extract), without the lines repeated at the
//! top or bottom of most pages (running headers and footers) or page numbers, then read like
//! plain text, which rejoins hard-wrapped lines and hyphenated words.
//!
//! Refused with a reason: no text layer (a scan), encrypted, text that comes out unreadable
//! (fonts without a usable encoding: better no document than mojibake), broken files.

use std::collections::HashMap;

use crate::blocks::Extracted;
use crate::DecodeError;

fn bad(reason: impl Into<String>) -> DecodeError {
    DecodeError::Pdf(reason.into())
}

/// The text of each page, and where each page starts in the text handed on.
struct Pages {
    texts: Vec<String>,
}

pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, DecodeError> {
    let pages = read_pages(bytes)?;
    let pages: Vec<String> =
        without_furniture(&pages.texts).iter().map(|p| join_wrapped_numbers(p)).collect();
    let text = pages.join("\n\n");
    check_readable(&text)?;
    let normalised = crate::decode(text.as_bytes())?;
    let mut extracted = crate::plain::extract(&normalised);
    if extracted.blocks.is_empty() {
        return Err(DecodeError::NoText);
    }
    extracted.pages = crate::paging::locate(&pages, &extracted.text);
    Ok(extracted)
}

/// Page texts; a panic inside the PDF library (it has them on odd files) becomes a refusal.
fn read_pages(bytes: &[u8]) -> Result<Pages, DecodeError> {
    let owned = bytes.to_vec();
    let read = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem_by_pages(&owned));
    let texts = match read {
        Err(_) => return Err(bad("the PDF is malformed: its reader gave up on it")),
        Ok(Err(e)) => {
            let message = e.to_string();
            let lower = message.to_lowercase();
            if lower.contains("decrypt") || lower.contains("encrypt") || lower.contains("password") {
                return Err(bad("the PDF is encrypted; save it without a password and import it again"));
            }
            return Err(bad(format!("the PDF cannot be read: {message}")));
        }
        Ok(Ok(texts)) => texts,
    };
    let letters: usize = texts.iter().map(|t| t.chars().filter(|c| c.is_alphabetic()).count()).sum();
    if letters < 20 * texts.len().max(1) {
        return Err(bad("no text layer (a scanned PDF?); OCR is not supported yet"));
    }
    Ok(Pages { texts })
}

/// Text from fonts without a usable encoding comes out as symbols, private-use or control
/// characters: refuse it rather than store mojibake.
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
    if odd * 20 > visible.len() || letters * 2 < visible.len() {
        return Err(bad(
            "its text comes out unreadable (fonts without a usable encoding); OCR or a better export is needed",
        ));
    }
    Ok(())
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

/// Reflows lines a word processor broke at the margin: a line without closing punctuation whose
/// next word would not have fitted on it continues on the next line, when that line goes on
/// with a word or with a number in running text ("… binnen" / "72 uur, …"). Plain-text
/// reading, which cannot know the margin, would take such a line for a title or an item.
fn join_wrapped_numbers(page: &str) -> String {
    let lines: Vec<&str> = page.lines().map(str::trim_end).collect();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out = String::with_capacity(page.len());
    for (k, line) in lines.iter().enumerate() {
        out.push_str(line);
        let joined = lines.get(k + 1).is_some_and(|next| runs_on(line, next.trim_start(), longest));
        out.push(if joined { ' ' } else { '\n' });
    }
    out
}

fn runs_on(line: &str, next: &str, longest: usize) -> bool {
    let open = !line.is_empty() && !line.ends_with(['.', ':', ';', '!', '?']);
    let first_word = next.split_whitespace().next().unwrap_or("").chars().count();
    let no_room = line.chars().count() + 1 + first_word > longest;
    let digits = next.chars().take_while(char::is_ascii_digit).count();
    let goes_on = match digits {
        0 => next.chars().next().is_some_and(char::is_alphabetic),
        _ => {
            next[digits..].starts_with(' ')
                && next[digits + 1..].chars().next().is_some_and(char::is_lowercase)
        }
    };
    open && no_room && goes_on
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(|c| c == '-' || c == '–' || c == ' ');
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn lines_broken_at_the_margin_are_reflowed_but_headings_are_not() {
        let page = "2 Onderwerp van de verwerking\nVerwerker verwerkt persoonsgegevens van medewerkers en klanten van\nVerwerkingsverantwoordelijke ten behoeve van de hostingdienst, zodat de dienst werkt.";
        assert_eq!(
            join_wrapped_numbers(page),
            "2 Onderwerp van de verwerking\nVerwerker verwerkt persoonsgegevens van medewerkers en klanten van Verwerkingsverantwoordelijke ten behoeve van de hostingdienst, zodat de dienst werkt.\n"
        );
    }

    #[test]
    fn a_number_wrapped_to_the_next_line_stays_in_its_sentence() {
        let page = "Verwerker stelt Verantwoordelijke zonder onredelijke vertraging, en indien mogelijk binnen\n72 uur, in kennis van een datalek.\n12. Aansprakelijkheid";
        assert_eq!(
            join_wrapped_numbers(page),
            "Verwerker stelt Verantwoordelijke zonder onredelijke vertraging, en indien mogelijk binnen 72 uur, in kennis van een datalek.\n12. Aansprakelijkheid\n"
        );
    }

    #[test]
    fn mojibake_and_broken_files_are_refused() {
        assert!(check_readable("Die Haftung ist begrenzt.").is_ok());
        let err = check_readable("\u{E001}\u{E002}\u{E003} \u{E004}\u{E005} !!! ### ###").unwrap_err();
        assert!(err.to_string().contains("unreadable"), "{err}");
        assert!(extract(b"%PDF-1.7\nnot really").unwrap_err().to_string().contains("PDF"));
    }
}
