use std::sync::LazyLock;

use concordia_text::{Block, BlockKind, Extracted};
use regex::Regex;

/// Why a clause starts where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// Text before the first heading.
    Preamble,
    /// A heading line and the body under it.
    Section,
    /// A numbered or lettered item.
    Item,
    /// More body of the same section, split off because the section is long.
    Continuation,
}

/// One clause: a range of the normalised text with its place in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Why the clause starts here.
    pub kind: ClauseKind,
    /// Its number as written, qualified by its parent item ("11.3", "§ 10", "Artikel 8", "11.3 a)").
    pub number: Option<String>,
    /// Its own heading text (without the number), if it has one.
    pub heading: Option<String>,
    /// The headings of the sections it sits in, outermost first.
    pub heading_path: Vec<String>,
    /// Byte offset where it starts in the normalised text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

impl Clause {
    /// The nearest heading: its own, or else its innermost parent's.
    pub fn display_heading(&self) -> Option<&str> {
        self.heading.as_deref().or(self.heading_path.last().map(String::as_str))
    }
}

/// "Artikel 8 Aansprakelijkheid", "Articolo 5 –", "§ 10 Haftung", "Klausul 6:", "Bilaga 2".
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^((?:artikel|article|articolo|art\.|klausul|clause|klausel|clausola|sektion|section|sezione|paragraph|bilaga|anlage|allegato|bijlage|annex|appendix|exhibit)\s+(?:\d{1,3}[a-z]?|[IVX]{1,6})\b|§\s*\d{1,3}[a-z]?)[\s:.–—-]*",
    )
    .expect("valid article pattern")
});

/// "1.", "11.3", "11.4.", "2.1.4" followed by text.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}\.(?:\d{1,3}\.?)*|\d{1,3}(?:\.\d{1,3})+)\s+").expect("valid number pattern")
});

/// "1 Definitioner": a bare number before a title, as Swedish contracts often write headings.
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s+\p{Lu}").expect("valid bare number pattern"));

/// "(1)", "(12)": paragraphs of an article.
static PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\(\d{1,3}[a-z]?\))\s+").expect("valid paragraph pattern"));

/// "a)", "(b)", "(iv)".
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\([ivx]{1,6}\)|\(?[a-z]\))\s+").expect("valid letter pattern"));

/// Sections longer than this are split at paragraph boundaries, so hits stay readable.
const LONG_SECTION_BYTES: usize = 2400;

/// What one block contributes to the structure.
enum Role {
    Heading {
        level: u8,
        number: Option<String>,
        title: Option<String>,
    },
    Item {
        number: String,
        lettered: bool,
    },
    /// "(1)": qualified by the enclosing section's number ("Artikel 28 (1)").
    Paragraph {
        number: String,
    },
    Body,
}

/// Splits a document into clauses. Every block belongs to exactly one clause.
pub fn segment(doc: &Extracted) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut parent_item: Option<String> = None;
    let mut section_number: Option<String> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        let text = doc.block_text(block);
        let next = doc.blocks.get(i + 1).map(|b| (b.kind, doc.block_text(b)));
        let role = classify(block.kind, text, next);
        match role {
            Role::Heading { level, number, title } => {
                headings.retain(|(l, _)| *l < level);
                let path = path_of(&headings);
                headings.push((level, text.to_owned()));
                parent_item = None;
                section_number.clone_from(&number);
                clauses.push(new_clause(ClauseKind::Section, number, title, path, block));
            }
            Role::Item { number, lettered } => {
                let number = match (&parent_item, lettered) {
                    (Some(parent), true) => format!("{parent} {number}"),
                    _ => number,
                };
                if !lettered {
                    parent_item = Some(number.clone());
                }
                clauses.push(new_clause(ClauseKind::Item, Some(number), None, path_of(&headings), block));
            }
            Role::Paragraph { number } => {
                let number = match &section_number {
                    Some(section) => format!("{section} {number}"),
                    None => number,
                };
                parent_item = Some(number.clone());
                clauses.push(new_clause(ClauseKind::Item, Some(number), None, path_of(&headings), block));
            }
            Role::Body => match clauses.last_mut() {
                Some(last)
                    if last.end - last.start < LONG_SECTION_BYTES || block.kind == BlockKind::ListItem =>
                {
                    last.end = block.end;
                }
                Some(_) => {
                    clauses.push(new_clause(ClauseKind::Continuation, None, None, path_of(&headings), block))
                }
                None => clauses.push(new_clause(ClauseKind::Preamble, None, None, Vec::new(), block)),
            },
        }
    }
    clauses
}

fn path_of(headings: &[(u8, String)]) -> Vec<String> {
    headings.iter().map(|(_, h)| h.clone()).collect()
}

fn new_clause(
    kind: ClauseKind,
    number: Option<String>,
    heading: Option<String>,
    heading_path: Vec<String>,
    block: &Block,
) -> Clause {
    Clause { kind, number, heading, heading_path, start: block.start, end: block.end }
}

fn classify(kind: BlockKind, text: &str, next: Option<(BlockKind, &str)>) -> Role {
    if let BlockKind::Heading(level) = kind {
        let (number, title) = split_number(text);
        return Role::Heading { level, number, title };
    }
    if kind == BlockKind::ListItem {
        return Role::Body;
    }
    if let Some(m) = ARTICLE.find(text) {
        let number = m.as_str().trim_end_matches(|c: char| c.is_whitespace() || ":.–—-".contains(c));
        let rest = text[m.end()..].trim();
        let title = (is_article_title(rest) && !rest.is_empty()).then(|| rest.to_owned());
        if rest.is_empty() || title.is_some() {
            return Role::Heading { level: 1, number: Some(number.to_owned()), title };
        }
        return Role::Item { number: number.to_owned(), lettered: false };
    }
    if let Some(c) = NUMBERED.captures(text) {
        let number = c[1].trim_end_matches('.').to_owned();
        let rest = text[c.get(0).map_or(0, |m| m.end())..].trim();
        if is_short_title(rest) && followed_by_body(next) {
            let level = number.split('.').count().min(6) as u8;
            return Role::Heading { level, number: Some(number), title: Some(rest.to_owned()) };
        }
        return Role::Item { number, lettered: false };
    }
    if let Some(c) = BARE_NUMBER.captures(text) {
        let rest = text[c[1].len()..].trim();
        if is_short_title(rest) && followed_by_body(next) {
            return Role::Heading { level: 1, number: Some(c[1].to_owned()), title: Some(rest.to_owned()) };
        }
    }
    if let Some(c) = PARAGRAPH.captures(text) {
        return Role::Paragraph { number: c[1].to_owned() };
    }
    if let Some(c) = LETTERED.captures(text) {
        return Role::Item { number: c[1].to_owned(), lettered: true };
    }
    if is_short_title(text) && followed_by_body(next) {
        return Role::Heading { level: 1, number: None, title: Some(text.to_owned()) };
    }
    Role::Body
}

/// Splits "11.3 Audit" or "Artikel 8 Aansprakelijkheid" into number and title.
fn split_number(text: &str) -> (Option<String>, Option<String>) {
    let found = ARTICLE.find(text).or_else(|| NUMBERED.find(text));
    match found {
        Some(m) => {
            let number = m.as_str().trim().trim_end_matches(|c: char| ":.–—-".contains(c)).trim();
            let rest = text[m.end()..].trim();
            (Some(number.to_owned()), (!rest.is_empty()).then(|| rest.to_owned()))
        }
        None => (None, Some(text.to_owned())),
    }
}

/// A line that reads as a title: short, starts with a capital, no sentence end, no "label: value".
pub fn is_short_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let first = text.chars().next().unwrap_or(' ');
    (1..=10).contains(&words)
        && text.chars().count() <= 90
        && (first.is_uppercase() || first.is_numeric())
        && !text.ends_with(['.', ',', ';', ':', '?', '!'])
        && !text.contains(": ")
        && text.chars().any(char::is_alphabetic)
}

/// After "Artikel 34 –" a title may be long ("Benachrichtigung der von einer Verletzung …
/// betroffenen Person"); it is still a title while it reads as one line without a sentence end.
fn is_article_title(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    text.chars().count() <= 160
        && (first.is_uppercase() || first.is_numeric() || first == '(')
        && !text.ends_with(['.', ',', ';', ':', '?', '!'])
        && text.chars().any(char::is_alphabetic)
}

/// A title is only a title when body text follows it.
fn followed_by_body(next: Option<(BlockKind, &str)>) -> bool {
    match next {
        Some((BlockKind::Paragraph | BlockKind::ListItem, text)) => {
            !is_short_title(text) || text.ends_with(':')
        }
        _ => false,
    }
}

/// Each clause's section: the nearest clause before it that has a heading, one level up.
/// Takes (has a heading, depth = length of its heading path) per clause.
pub fn parents(shape: impl IntoIterator<Item = (bool, usize)>) -> Vec<Option<usize>> {
    let mut last_heading_at: Vec<Option<usize>> = Vec::new();
    let mut out = Vec::new();
    for (k, (has_heading, depth)) in shape.into_iter().enumerate() {
        out.push(depth.checked_sub(1).and_then(|up| last_heading_at.get(up).copied().flatten()));
        if has_heading {
            last_heading_at.resize(last_heading_at.len().max(depth + 1), None);
            last_heading_at[depth] = Some(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segments plain text and returns (number, heading, text) triples.
    fn clauses(text: &str) -> Vec<(Option<String>, Option<String>, String)> {
        let doc = concordia_text::extract(text.as_bytes(), concordia_text::Format::Text).unwrap();
        segment(&doc)
            .into_iter()
            .map(|c| (c.number, c.heading, doc.text[c.start..c.end].to_owned()))
            .collect()
    }

    #[test]
    fn dutch_articles_keep_their_bullets() {
        let got = clauses(
            r#"Artikel 8 Aansprakelijkheid

- De totale aansprakelijkheid zal nooit meer bedragen dan €5.000.
- Verwerker is nooit aansprakelijk voor gevolgschade.

Artikel 9 Duur en beëindiging

- Deze overeenkomst eindigt van rechtswege."#,
        );
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].0.as_deref(), Some("Artikel 8"));
        assert_eq!(got[0].1.as_deref(), Some("Aansprakelijkheid"));
        assert!(got[0].2.contains("€5.000") && got[0].2.contains("gevolgschade"));
    }

    #[test]
    fn numbered_items_in_italian_are_separate_clauses() {
        let got = clauses(
            r#"11. Audit

11.4 Il Fornitore ha il diritto di non divulgare informazioni sensibili.

11.5 Il Cliente informerà il Fornitore (di solito con almeno due settimane di anticipo).

13. Responsabilità

La responsabilità è disciplinata dal contratto principale."#,
        );
        let numbers: Vec<_> = got.iter().map(|c| c.0.clone().unwrap_or_default()).collect();
        assert_eq!(numbers, ["11", "11.4", "11.5", "13"]);
        assert!(got[2].2.contains("due settimane"));
        assert_eq!(got[3].1.as_deref(), Some("Responsabilità"));
    }

    #[test]
    fn german_paragraphs_and_lettered_items() {
        let doc = concordia_text::extract(
            "§ 10 Haftung\n\n10.1 Der Auftragnehmer haftet nach den gesetzlichen Vorschriften, insbesondere:\n\na) für Vorsatz,\n\nb) für grobe Fahrlässigkeit.\n\n(i) Sonderfall gemäß Anlage."
                .as_bytes(),
            concordia_text::Format::Text,
        )
        .unwrap();
        let got = segment(&doc);
        let numbers: Vec<_> = got.iter().map(|c| c.number.clone().unwrap_or_default()).collect();
        assert_eq!(numbers, ["§ 10", "10.1", "10.1 a)", "10.1 b)", "10.1 (i)"]);
        assert_eq!(got[2].heading_path, ["§ 10 Haftung"]);
        assert_eq!(got[0].heading.as_deref(), Some("Haftung"));
    }

    #[test]
    fn swedish_title_lines_and_clauses() {
        let got = clauses(
            "Sekretess\nAll personal omfattas av sekretessförpliktelser.\nDatabevarande och Radering\nVid upphörande kommer vi att radera all Personuppgift.\nKlausul 6: Ansvarighet\nParterna är överens om ersättning.",
        );
        let headings: Vec<_> = got.iter().map(|c| c.1.clone().unwrap_or_default()).collect();
        assert_eq!(headings, ["Sekretess", "Databevarande och Radering", "Ansvarighet"]);
        assert_eq!(got[2].0.as_deref(), Some("Klausul 6"));
        assert!(got[1].2.ends_with("radera all Personuppgift."));
    }

    #[test]
    fn bare_numbers_before_titles_are_headings() {
        let got = clauses("1 Definitioner\nBegrepp har samma betydelse som i förordningen.\n8 Skadestånd\nAnsvaret är begränsat, se nedan.\n2 000 000 SEK per år är taket.");
        let numbers: Vec<_> = got.iter().map(|c| c.0.clone().unwrap_or_default()).collect();
        assert_eq!(numbers, ["1", "8"]);
        assert!(
            got[1].2.ends_with("2 000 000 SEK per år är taket."),
            "an amount at a line start is body text"
        );
    }

    #[test]
    fn article_paragraphs_are_cited_with_their_article() {
        let doc = concordia_text::extract(
            "Artikel 28 – Auftragsverarbeiter\n(1) Erfolgt eine Verarbeitung im Auftrag, so arbeitet er nur mit Auftragsverarbeitern.\n(2) Der Auftragsverarbeiter nimmt keinen weiteren Auftragsverarbeiter in Anspruch.\na) verarbeitet Daten nur auf Weisung;".as_bytes(),
            concordia_text::Format::Text,
        )
        .unwrap();
        let numbers: Vec<_> = segment(&doc).into_iter().map(|c| c.number.unwrap_or_default()).collect();
        assert_eq!(numbers, ["Artikel 28", "Artikel 28 (1)", "Artikel 28 (2)", "Artikel 28 (2) a)"]);
    }

    #[test]
    fn long_article_titles_are_headings() {
        let got = clauses("Artikel 34 – Benachrichtigung der von einer Verletzung des Schutzes personenbezogener Daten betroffenen Person\n(1) Hat die Verletzung voraussichtlich ein hohes Risiko zur Folge, so benachrichtigt der Verantwortliche.");
        assert_eq!(got[0].0.as_deref(), Some("Artikel 34"));
        assert!(got[0].1.as_deref().unwrap().starts_with("Benachrichtigung"));
        assert_eq!(got[1].0.as_deref(), Some("Artikel 34 (1)"));
    }

    #[test]
    fn markdown_headings_build_the_heading_path() {
        let doc = concordia_text::extract(
            b"# DPA\n\n## 5. Audit\n\nText.\n\n### Kosten\n\nMehr Text.\n\n## 6. Haftung\n\nNoch mehr.",
            concordia_text::Format::Markdown,
        )
        .unwrap();
        let got = segment(&doc);
        let paths: Vec<_> = got.iter().map(|c| c.heading_path.join(" > ")).collect();
        assert_eq!(paths, ["", "DPA", "DPA > 5. Audit", "DPA"]);
        assert_eq!(got[1].number.as_deref(), Some("5"));
        assert_eq!(got[1].heading.as_deref(), Some("Audit"));
    }

    #[test]
    fn every_block_belongs_to_one_clause_in_order() {
        let doc = concordia_text::extract(
            "Vorwort ohne Überschrift.\n\n§ 1 Gegenstand\n\nText eins.\n\n1. Erstens etwas längerer Text hier.\n\nSchluss.".as_bytes(),
            concordia_text::Format::Text,
        )
        .unwrap();
        let got = segment(&doc);
        assert_eq!(got[0].kind, ClauseKind::Preamble);
        assert_eq!(got.first().unwrap().start, 0);
        assert_eq!(got.last().unwrap().end, doc.text.len());
        for pair in got.windows(2) {
            assert!(pair[0].end <= pair[1].start, "clauses must not overlap");
        }
    }

    #[test]
    fn long_unstructured_sections_are_split() {
        let para =
            "Der Anbieter verarbeitet Daten nur nach Weisung des Kunden und dokumentiert dies. ".repeat(20);
        let text = format!("Weisungen\n\n{para}\n\n{para}\n\n{para}");
        let got = clauses(&text);
        assert!(got.len() >= 2, "a 5 KB section must be split, got {}", got.len());
    }

    #[test]
    fn a_clause_sits_in_the_nearest_heading_one_level_up() {
        // title (0), "1" (1), item (2), "2" (1), item (2), sub-heading item with heading (2), its item (3)
        let shape = [(true, 0), (true, 1), (false, 2), (true, 1), (false, 2), (true, 2), (false, 3)];
        assert_eq!(parents(shape), [None, Some(0), Some(1), Some(0), Some(3), Some(3), Some(5)]);
    }
}
