//! Plain text: rejoins hard-wrapped lines and hyphenated words, drops page furniture.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::blocks::{BlockKind, Extracted};

/// "Seite 1 von 3", "Pagina 2 di 5", "Sida 1 av 3", "Pagina 1 van 4", "Page 3 of 9", "- 4 -", "2/7".
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:seite|page|pagina|pag\.|sida|blad|s\.)\s*\d+\s*(?:von|of|di|av|van|/)\s*\d+|[-–]\s*\d{1,4}\s*[-–]|\d{1,4}\s*/\s*\d{1,4})$",
    )
    .expect("valid furniture pattern")
});

/// A line that starts a new unit and must never be glued to the line before.
static STARTS_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            [-–•*▪●◦]\s                                  # bullets
          | \d{1,3}(?:\.\d{1,3})*\.?\s                  # 1.  11.3  2.1.4
          | \(?[a-z]\)\s | \([ivx]{1,6}\)\s              # a)  (b)  (iv)
          | \(\d{1,3}[a-z]?\)\s                          # (1)  (12a)
          | §\s*\d
          | (?:artikel|article|articolo|art\.|klausul|clause|klausel|clausola|sektion|section|sezione|bilaga|anlage|allegato|bijlage|annex|appendix)\s+[\dIVX]
        )",
    )
    .expect("valid unit pattern")
});

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–•*▪●◦]\s+").expect("valid bullet pattern"));

/// Extracts blocks from plain text.
pub(crate) fn extract(text: &str) -> Extracted {
    let lines: Vec<&str> =
        text.lines().map(str::trim_end).filter(|l| !FURNITURE.is_match(l.trim())).collect();
    let width = wrap_width(&lines);
    // Only a text with a word hyphenated at a line's end needs to know its compounds.
    let split = lines.iter().any(|l| ends_with_word_hyphen(l));
    let compounds = if split { compounds([text]) } else { HashSet::new() };
    let mut doc = Extracted::default();
    let mut current = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_start();
        if line.is_empty() {
            flush(&mut doc, &mut current);
            continue;
        }
        // A table row (cells joined by " | ", as a PDF's table is read) stands alone.
        if line.contains(crate::pdf_layout::CELL) {
            flush(&mut doc, &mut current);
            doc.push(BlockKind::TableRow, line);
            continue;
        }
        if !current.is_empty() {
            let previous = lines[i - 1].trim();
            if continues(previous, line, width) {
                join_as(&mut current, line, Hyphen::KeepCompounds(&compounds));
                continue;
            }
            flush(&mut doc, &mut current);
        }
        current.push_str(line);
    }
    flush(&mut doc, &mut current);
    doc
}

fn flush(doc: &mut Extracted, current: &mut String) {
    if current.is_empty() {
        return;
    }
    match BULLET.find(current) {
        Some(m) => doc.push(BlockKind::ListItem, &current[m.end()..]),
        None => doc.push(BlockKind::Paragraph, current),
    }
    current.clear();
}

/// Whether `next` continues the paragraph that `previous` ends.
fn continues(previous: &str, next: &str, width: Option<usize>) -> bool {
    if STARTS_UNIT.is_match(next) {
        return false;
    }
    let first = next.chars().next().unwrap_or(' ');
    if ends_with_word_hyphen(previous) && first.is_alphabetic() {
        return true;
    }
    if first.is_lowercase() {
        return true;
    }
    let ends_sentence = previous.ends_with(['.', ':', ';', '!', '?']);
    match width {
        Some(w) => !ends_sentence && previous.chars().count() * 4 >= w * 3,
        None => false,
    }
}

/// Words the text writes with a hyphen inside ("sub-responsabili", "e-mail"), lowercased.
pub(crate) fn compounds<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    texts.into_iter().flat_map(|t| COMPOUND.find_iter(t)).map(|m| crate::lowercase(m.as_str())).collect()
}

static COMPOUND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}+-\p{L}+").expect("valid compound pattern"));

/// Whether the word ending `before` and the one starting `after` are one of `compounds` when
/// joined by a hyphen.
pub(crate) fn is_compound(compounds: &HashSet<String>, before: &str, after: &str) -> bool {
    let head: Vec<char> = before.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let head: String = head.into_iter().rev().collect();
    let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    !head.is_empty() && !tail.is_empty() && compounds.contains(&crate::lowercase(&format!("{head}-{tail}")))
}

fn ends_with_word_hyphen(line: &str) -> bool {
    let mut rev = line.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

/// Glues `next` onto `current`; a word split by a hyphen at the line end is rejoined.
pub(crate) fn join(current: &mut String, next: &str) {
    join_as(current, next, Hyphen::Drop);
}

/// What `join_as` does with a hyphen that splits a word at a line's end.
pub(crate) enum Hyphen<'a> {
    /// Takes it out: "Auftrags-\nverarbeitung" → "Auftragsverarbeitung".
    Drop,
    /// Puts this mark in its place, for a later look at the whole document (a PDF's pages).
    Mark(char),
    /// Keeps it where the document writes the word with a hyphen elsewhere ("sub-responsabili").
    KeepCompounds(&'a HashSet<String>),
}

/// `join`, with `hyphen` deciding what becomes of a hyphen that splits a word.
pub(crate) fn join_as(current: &mut String, next: &str, hyphen: Hyphen<'_>) {
    if ends_with_word_hyphen(current) {
        let next_word = next.split_whitespace().next().unwrap_or("");
        let starts_lower = next_word.chars().next().is_some_and(char::is_lowercase);
        if starts_lower && !is_conjunction(next_word) {
            current.pop();
            match hyphen {
                Hyphen::Drop => {}
                Hyphen::Mark(mark) => current.push(mark),
                Hyphen::KeepCompounds(compounds) => {
                    if is_compound(compounds, current, next) {
                        current.push('-');
                    }
                }
            }
        } else if is_conjunction(next_word) {
            // "Daten-\nund Informationssicherheit" keeps "Daten- und".
            current.push(' ');
        }
        // Otherwise ("E-Mail-\nAdresse") the hyphen is real and stays, with no space.
    } else {
        current.push(' ');
    }
    current.push_str(next);
}

fn is_conjunction(word: &str) -> bool {
    crate::lang::is_hyphen_conjunction(word)
}

/// The column a hard-wrapped text was wrapped at, if its lines look wrapped.
///
/// Only lines of 30+ characters are measured, so short headings in a small
/// file do not hide the wrapping of its paragraphs.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lengths: Vec<usize> =
        lines.iter().map(|l| l.trim().chars().count()).filter(|&n| n >= 30).collect();
    if lengths.len() < 4 {
        return None;
    }
    lengths.sort_unstable();
    let p90 = lengths[lengths.len() * 9 / 10];
    if !(40..=120).contains(&p90) {
        return None;
    }
    let near = lengths.iter().filter(|&&n| n * 4 >= p90 * 3 && n <= p90 + 2).count();
    (near * 2 >= lengths.len()).then_some(p90)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<String> {
        let doc = extract(text);
        doc.blocks.iter().map(|b| doc.block_text(b).to_owned()).collect()
    }

    #[test]
    fn hard_wrapped_lines_are_rejoined() {
        let text = "\
§ 3 Pflichten des Auftragnehmers
Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich im
Rahmen der getroffenen Vereinbarungen und nach Weisungen des
Auftraggebers. Er verwendet die Daten für keine anderen Zwecke und ist
insbesondere nicht berechtigt, sie an Dritte weiterzugeben, es sei denn
der Auftraggeber hat zuvor schriftlich zugestimmt.
§ 4 Kontrollrechte
Der Auftraggeber hat das Recht, nach rechtzeitiger Anmeldung Kontrollen
durchzuführen.";
        let got = blocks(text);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[1].starts_with("Der Auftragnehmer") && got[1].ends_with("schriftlich zugestimmt."));
        assert_eq!(
            got[3],
            "Der Auftraggeber hat das Recht, nach rechtzeitiger Anmeldung Kontrollen durchzuführen."
        );
    }

    #[test]
    fn a_compound_the_text_writes_with_a_hyphen_keeps_it_across_a_line_end() {
        let text = "6. Sub-responsabili\n\nIl Responsabile ricorre ai seguenti sub-\nresponsabili per i dati perso-\nnali dei clienti.";
        assert_eq!(
            blocks(text)[1],
            "Il Responsabile ricorre ai seguenti sub-responsabili per i dati personali dei clienti."
        );
    }

    #[test]
    fn hyphenated_words_are_rejoined_but_real_hyphens_stay() {
        let got =
            blocks("Die Auftrags-\nverarbeitung der Daten-\nund Informationssicherheit per E-Mail-\nAdresse");
        assert_eq!(
            got,
            ["Die Auftragsverarbeitung der Daten- und Informationssicherheit per E-Mail-Adresse"]
        );
    }

    #[test]
    fn page_furniture_is_dropped_in_all_languages() {
        let text =
            "Eerste zin\n\nPagina 1 van 4\n\nSeite 1 von 3\nPagina 2 di 5\nSida 1 av 3\n- 7 -\n\nTweede zin";
        assert_eq!(blocks(text), ["Eerste zin", "Tweede zin"]);
    }

    #[test]
    fn a_short_wrapped_file_with_headings_is_still_rejoined() {
        let text = "\
§ 1 Parteien

zwischen dem Kunden (Verantwortlicher, nachfolgend „Auftraggeber\") und der Alpenwerk Cloud GmbH,
München (Auftragsverarbeiter, nachfolgend „Auftragnehmer\").

§ 3 Maßnahmen

Der Auftragnehmer trifft die nach Art. 32 DSGVO erforderlichen Maßnahmen, insbesondere
Verschlüsselung, Zutritts- und Zugriffskontrolle.";
        let got = blocks(text);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[1].contains("GmbH, München"));
        assert!(got[3].contains("insbesondere Verschlüsselung"));
    }

    #[test]
    fn duplicated_lines_are_kept() {
        let text = "Il Fornitore cancella i dati.\n\nIl Fornitore cancella i dati.";
        assert_eq!(blocks(text).len(), 2, "duplicates belong to the document");
    }

    #[test]
    fn title_lines_and_bullets_are_not_glued_together() {
        let text = "Databevarande och Radering\nVid upphörande kommer vi att radera all data.\n- första punkt\n- andra punkt\n11.3 Nästa stycke";
        let doc = extract(text);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(doc.block_text(&doc.blocks[2]), "första punkt");
    }

    #[test]
    fn lowercase_continuation_is_joined_even_without_wrapping() {
        assert_eq!(
            blocks("Il Cliente può effettuare\nun audit per anno."),
            ["Il Cliente può effettuare un audit per anno."]
        );
    }
}
