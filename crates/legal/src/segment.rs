//! Clause segmentation of real documents: headings the format marks, headings a writer made
//! by hand (numbered lines, "Artikel 8", bold lines, title lines), numbered items, tables,
//! annexes, tables of contents and signature blocks.
//!
//! Levels: a heading the format marks keeps its level; a heading read from the text is placed
//! relative to what is open. A numbered one sits beside the open heading of the same numbering
//! depth ("5" beside "4", "4.2" beside "4.1"), an annex beside the outermost numbered section,
//! an unnumbered one under the innermost heading. So a bold line or a stray title can head a
//! few paragraphs but never adopts the sections that follow it, and a table row is never a
//! heading at all.

use std::sync::LazyLock;

use concordia_text::{Block, BlockKind, Extracted};
use regex::Regex;

use crate::topics::Lexicon;

/// Why a clause starts where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ClauseKind {
    /// Text before the first heading.
    Preamble,
    /// A heading line and the body under it.
    Section,
    /// A numbered or lettered item.
    Item,
    /// More body of the same section, split off because the section is long.
    Continuation,
    /// A table of contents.
    Contents,
    /// A signature block: places, dates, names and lines to sign on.
    Signature,
}

impl ClauseKind {
    /// The name stored and shown ("section", "signature"…).
    pub fn name(self) -> &'static str {
        match self {
            ClauseKind::Preamble => "preamble",
            ClauseKind::Section => "section",
            ClauseKind::Item => "item",
            ClauseKind::Continuation => "continuation",
            ClauseKind::Contents => "contents",
            ClauseKind::Signature => "signature",
        }
    }

    /// The kind of a stored name; an unknown name reads as a continuation of the text.
    pub fn from_name(name: &str) -> ClauseKind {
        [
            ClauseKind::Preamble,
            ClauseKind::Section,
            ClauseKind::Item,
            ClauseKind::Contents,
            ClauseKind::Signature,
        ]
        .into_iter()
        .find(|k| k.name() == name)
        .unwrap_or(ClauseKind::Continuation)
    }

    /// Whether the clause is part of the agreement's terms (not its contents list or signatures).
    pub fn is_terms(self) -> bool {
        !matches!(self, ClauseKind::Contents | ClauseKind::Signature)
    }
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

/// Bump when text extraction or segmentation changes what a document reads as: documents an
/// older reader stored are read again when their file is imported again.
const READER_RULES: &str = "reader-8";

/// Identifies the reader (extraction and segmentation rules, structure words).
pub fn reader_version() -> String {
    crate::version::version(READER_RULES, [include_str!("../lexicon/structure.toml")])
}

/// The structure words of `lexicon/structure.toml`: for each kind, each language's list.
#[derive(serde::Deserialize)]
pub(crate) struct StructureWords {
    pub(crate) article: ByLanguage,
    pub(crate) annex: ByLanguage,
    pub(crate) contents: ByLanguage,
    pub(crate) signature: ByLanguage,
    pub(crate) placeholder: ByLanguage,
    pub(crate) abbreviations: ByLanguage,
    pub(crate) article_reference: ByLanguage,
    pub(crate) article_range: ByLanguage,
}

/// One kind of word, keyed by language code.
pub(crate) type ByLanguage = std::collections::BTreeMap<String, Vec<String>>;

pub(crate) static WORDS: LazyLock<StructureWords> = LazyLock::new(|| {
    toml::from_str(include_str!("../lexicon/structure.toml"))
        .unwrap_or_else(|e| panic!("the built-in lexicon/structure.toml is invalid: {e}"))
});

/// The words that ask for input inside a template's blanks, every language in one alternation.
pub(crate) fn placeholder_words() -> String {
    alternation(&WORDS.placeholder)
}

/// The words of every language as one alternation, longest first (so "anlagen" wins over "anlage").
pub(crate) fn alternation(words: &ByLanguage) -> String {
    let mut all: Vec<&str> = words.values().flatten().map(String::as_str).collect();
    all.sort_by_key(|w| std::cmp::Reverse(w.len()));
    all.dedup();
    all.join("|")
}

/// "Artikel 8 Aansprakelijkheid", "Articolo 5 –", "§ 10 Haftung", "Klausul 6:", "Bilaga 2", "Allegato A".
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    let (article, annex) = (alternation(&WORDS.article), alternation(&WORDS.annex));
    Regex::new(&format!(
        r"(?i)^((?:{article}|{annex})\s+(?:\d{{1,3}}[a-z]?|[IVX]{{1,6}})\b|(?:{annex})\s+(?-i:[A-Z])\b|§\s*\d{{1,3}}[a-z]?)[\s:.–—-]*"
    ))
    .expect("valid article pattern")
});

/// An annex heading: an annex word alone or before its number or letter ("Anlage 1 – TOMs", "Bijlage B").
static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    let annex = alternation(&WORDS.annex);
    Regex::new(&format!(r"(?i)^(?:{annex})(?:\s+(?:\d{{1,3}}|[IVX]{{1,6}}|(?-i:[A-Z]))\b|\s*[:.–—-]|\s*$)"))
        .expect("valid annex pattern")
});

/// The title of a table of contents, alone on its line.
static CONTENTS_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*:?$", alternation(&WORDS.contents))).expect("valid contents pattern")
});

/// A line of a table of contents with leaders to its page: "3 Haftung ........ 7".
static LEADERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.{4,}|…+|\t)\s*\d{1,3}\s*$").expect("valid leaders pattern"));

/// A line that opens a signature block, or a line to sign on.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:(?:{})\b|.*_{{5,}}|.*\.{{10,}}\s*$)", alternation(&WORDS.signature)))
        .expect("valid signature pattern")
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

/// "a)", "(b)", "(iv)", "c.", "ii.".
static LETTERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\([ivx]{1,6}\)|\(?[a-z]\)|[a-z]\.|[ivx]{2,6}\.)\s+").expect("valid letter pattern")
});

/// Sections longer than this are split at paragraph boundaries, so hits stay readable.
const LONG_SECTION_BYTES: usize = 2400;
/// A table stays one clause up to this size, then goes on in continuations.
const LONG_TABLE_BYTES: usize = 20_000;
/// With this many headings marked by the format, plain short lines are not taken for headings.
const FORMAT_HEADINGS_ENOUGH: usize = 3;

/// How a heading found its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    /// Marked by the format (Markdown `#`, `<h2>`, a Word heading style), with its level.
    Format(u8),
    /// Numbered in the text: "5 Haftung" (depth 1), "4.2 Kosten" (depth 2), "Artikel 8" (depth 1).
    Numbered(u8),
    /// "Anlage 1", "Bilaga B".
    Annex,
    /// A title line or a bold line without a number.
    Unnumbered,
}

/// What one block contributes to the structure.
enum Role {
    Heading {
        rank: Rank,
        number: Option<String>,
        title: Option<String>,
    },
    Item {
        number: String,
        lettered: bool,
        listed: bool,
    },
    /// "(1)": qualified by the enclosing section's number ("Artikel 28 (1)").
    Paragraph {
        number: String,
    },
    Contents,
    Signature,
    Body,
}

/// A heading open at the current point.
#[derive(Debug, Clone)]
struct Open {
    level: u8,
    text: String,
    /// Numbering depth, for numbered headings outside annex titles.
    depth: Option<u8>,
    /// An annex title: the numbering inside starts again.
    annex: bool,
    /// A title or bold line without a number, read from the text.
    loose: bool,
    /// The document's first heading, before any other: its title.
    title: bool,
}

/// Splits a document into clauses. Every block belongs to exactly one clause.
pub fn segment(doc: &Extracted) -> Vec<Clause> {
    let roles = roles(doc);
    let format_headings = doc.blocks.iter().any(|b| matches!(b.kind, BlockKind::Heading(_)));
    let mut clauses: Vec<Clause> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut parent_item: Option<String> = None;
    let mut section_number: Option<String> = None;
    // Numbers of the list items open at each nesting depth, for "2.6" from "6." inside "2.".
    let mut list_path: Vec<(u8, String)> = Vec::new();
    for (block, role) in doc.blocks.iter().zip(roles) {
        let text = doc.block_text(block);
        match role {
            Role::Heading { rank, number, title } => {
                let annex = ANNEX.is_match(text);
                let depth = number.as_deref().map(numbering_depth).filter(|_| !annex);
                let level = match rank {
                    Rank::Format(level) if annex => annex_level(level, &open),
                    _ => level_of(rank, depth, &open, format_headings),
                };
                let first = open.is_empty() && !clauses.iter().any(|c| c.kind == ClauseKind::Section);
                open.retain(|o| o.level < level);
                let path = path_of(&open);
                let loose = rank == Rank::Unnumbered;
                open.push(Open { level, text: text.to_owned(), depth, annex, loose, title: first });
                parent_item = None;
                section_number.clone_from(&number);
                // "Underskrifter", "Ondertekening": the section is the signature block.
                let signed = title.as_deref().is_some_and(|t| SIGNATURE.is_match(t));
                let kind = if signed { ClauseKind::Signature } else { ClauseKind::Section };
                clauses.push(new_clause(kind, number, title, path, block));
            }
            Role::Item { number, lettered, listed } => {
                // A lettered paragraph belongs to the item at its own depth ("6." then "a."),
                // a numbered item to the one a level up.
                list_path.retain(|(depth, _)| *depth < block.depth || (lettered && *depth == block.depth));
                let outer = list_path.last().map(|(_, n)| n.clone()).filter(|_| listed);
                let number = match (outer.as_ref().or(parent_item.as_ref()), &section_number, lettered) {
                    (Some(parent), _, true) => format!("{parent} {number}"),
                    (Some(parent), _, false) if outer.is_some() && is_integer(&number) => {
                        format!("{parent}.{number}")
                    }
                    (_, Some(section), false) if listed && is_integer(&number) => {
                        format!("{section}.{number}")
                    }
                    _ => number,
                };
                if listed && !lettered {
                    list_path.push((block.depth, number.clone()));
                }
                if !lettered {
                    parent_item = Some(number.clone());
                }
                if !lettered && !listed {
                    close_numbered_siblings(&mut open, &number);
                }
                clauses.push(new_clause(ClauseKind::Item, Some(number), None, path_of(&open), block));
            }
            Role::Paragraph { number } => {
                let number = match &section_number {
                    Some(section) => format!("{section} {number}"),
                    None => number,
                };
                parent_item = Some(number.clone());
                clauses.push(new_clause(ClauseKind::Item, Some(number), None, path_of(&open), block));
            }
            Role::Contents | Role::Signature => {
                let kind =
                    if matches!(role, Role::Contents) { ClauseKind::Contents } else { ClauseKind::Signature };
                match clauses.last_mut().filter(|last| last.kind == kind || is_signature_section(last, kind))
                {
                    Some(last) => {
                        last.kind = kind;
                        last.end = block.end;
                    }
                    None => clauses.push(new_clause(kind, None, None, path_of(&open), block)),
                }
            }
            Role::Body => body(&mut clauses, block, &open),
        }
    }
    clauses
}

/// "3.3 Der Auftragnehmer …" cannot sit inside the heading "3.2 Maßnahmen": an item numbered
/// two or more levels deep closes the numbered headings at its own depth and deeper.
fn close_numbered_siblings(open: &mut Vec<Open>, number: &str) {
    let depth = numbering_depth(number);
    if depth >= 2 {
        open.retain(|o| o.annex || o.depth.is_none_or(|d| d < depth));
    }
}

/// A body block joins the clause before it, unless that clause is already long.
fn body(clauses: &mut Vec<Clause>, block: &Block, open: &[Open]) {
    let Some(last) = clauses.last_mut() else {
        clauses.push(new_clause(ClauseKind::Preamble, None, None, Vec::new(), block));
        return;
    };
    let size = last.end - last.start;
    let joins = match block.kind {
        BlockKind::ListItem => true,
        BlockKind::TableRow => size < LONG_TABLE_BYTES,
        _ => size < LONG_SECTION_BYTES || last.kind == ClauseKind::Signature,
    };
    if joins {
        last.end = block.end;
    } else {
        clauses.push(new_clause(ClauseKind::Continuation, None, None, path_of(open), block));
    }
}

/// The level a heading takes among the open ones (see the module documentation).
fn level_of(rank: Rank, depth: Option<u8>, open: &[Open], format_headings: bool) -> u8 {
    // Read from the text with nothing open: below any heading the format marks.
    let base = if format_headings { 6 } else { 0 };
    let innermost = open.last().map_or(base, |o| o.level);
    match rank {
        Rank::Format(level) => level,
        Rank::Annex => {
            let outermost_section = open.iter().find(|o| o.depth.is_some() || o.annex);
            outermost_section.map_or(innermost + 1, |o| o.level)
        }
        Rank::Numbered(_) => {
            let depth = depth.unwrap_or(1);
            // Look outwards, but not past an annex: its numbering starts again.
            let mut shallower = None;
            for o in open.iter().rev() {
                match o.depth {
                    Some(d) if d == depth => return o.level,
                    Some(d) if d < depth && shallower.is_none() => shallower = Some(o.level),
                    _ => {}
                }
                if o.annex {
                    break;
                }
            }
            shallower.map_or(innermost + 1, |level| level + 1).max(if open.is_empty() { base + 1 } else { 0 })
        }
        Rank::Unnumbered => match open.last() {
            Some(o) if o.loose => o.level,
            _ => innermost + 1,
        },
    }
}

/// An annex the format marks as a subheading ("### Anhang 1" under "## Schlussbestimmungen")
/// still stands beside the sections, not in the last of them, and beside the annex before it;
/// under a heading that only gathers the annexes ("## Anlagen") it keeps its place.
fn annex_level(level: u8, open: &[Open]) -> u8 {
    if let Some(annex) = open.iter().find(|o| o.annex) {
        return if numbered_annex(&annex.text) { annex.level.min(level) } else { level };
    }
    open.iter().find(|o| !o.title).map_or(level, |o| o.level.min(level))
}

/// "Anlage 1 – TOMs", "Bijlage B", as against "Anlagen" or "Bijlagen:".
fn numbered_annex(text: &str) -> bool {
    ANNEX.find(text).is_some_and(|m| {
        m.as_str()
            .trim_end_matches(|c: char| c.is_whitespace() || ":.–—-".contains(c))
            .split_whitespace()
            .count()
            >= 2
    })
}

/// How deep a number sits: "Artikel 8", "§ 5", "5" → 1; "4.2" → 2; "4.2.1" → 3.
fn numbering_depth(number: &str) -> u8 {
    let digits = number.trim_end_matches('.');
    if digits.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit())) {
        return digits.split('.').count().min(6) as u8;
    }
    1
}

fn is_integer(number: &str) -> bool {
    !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
}

fn path_of(open: &[Open]) -> Vec<String> {
    open.iter().map(|o| o.text.clone()).collect()
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

/// The role of every block: first each on its own, then the runs that form a table of contents
/// and the blocks that open a signature block.
fn roles(doc: &Extracted) -> Vec<Role> {
    let format_headings = doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading(_))).count();
    let titles_allowed = format_headings < FORMAT_HEADINGS_ENOUGH;
    let mut roles: Vec<Role> = (0..doc.blocks.len())
        .map(|i| {
            let next = doc.blocks.get(i + 1).map(|b| (b.kind, doc.block_text(b)));
            classify(doc.blocks[i].kind, doc.block_text(&doc.blocks[i]), next, titles_allowed)
        })
        .collect();
    for range in contents_runs(doc) {
        for role in &mut roles[range] {
            *role = Role::Contents;
        }
    }
    mark_signatures(doc, &mut roles);
    roles
}

fn classify(kind: BlockKind, text: &str, next: Option<(BlockKind, &str)>, titles_allowed: bool) -> Role {
    match kind {
        BlockKind::Heading(level) => {
            let (number, title) = split_number(text);
            return Role::Heading { rank: Rank::Format(level), number, title };
        }
        BlockKind::TableRow => return Role::Body,
        BlockKind::ListItem => {
            if let Some(role) = titled_item(text, next) {
                return role;
            }
            return match item_number(text) {
                Some((number, lettered)) => Role::Item { number, lettered, listed: true },
                None => Role::Body,
            };
        }
        BlockKind::Emphasised => {
            if let Some(role) = numbered_line(text, next, true) {
                return role;
            }
            if is_short_title(text) && followed_by_body(next) {
                return Role::Heading { rank: Rank::Unnumbered, number: None, title: Some(text.to_owned()) };
            }
            return Role::Body;
        }
        BlockKind::Paragraph => {}
    }
    // A heading line with its first lines of text under it, no blank line between
    // ("Allegato B – Misure Tecniche e Organizzative (TOM)\nSelezionare…").
    if let Some((first, rest)) = text.split_once('\n') {
        if let Some(role @ Role::Heading { .. }) =
            numbered_line(first, Some((BlockKind::Paragraph, rest)), false)
        {
            return role;
        }
    }
    if let Some(role) = numbered_line(text, next, false) {
        return role;
    }
    if titles_allowed && is_short_title(text) && followed_by_body(next) {
        return Role::Heading { rank: Rank::Unnumbered, number: None, title: Some(text.to_owned()) };
    }
    Role::Body
}

/// A numbered list item that only holds a title and is followed by bullets or a paragraph is a
/// section heading written as a list ("1) Definizioni" then "- …" in Markdown).
fn titled_item(text: &str, next: Option<(BlockKind, &str)>) -> Option<Role> {
    let c = NUMBERED.captures(text)?;
    let number = c[1].trim_end_matches('.').to_owned();
    let rest = text[c.get(0).map_or(0, |m| m.end())..].trim();
    let body_follows = match next {
        Some((BlockKind::ListItem, next)) => item_number(next).is_none(),
        Some((BlockKind::Paragraph, _)) => followed_by_body(next),
        _ => false,
    };
    (is_short_title(rest) && body_follows).then(|| Role::Heading {
        rank: Rank::Numbered(number.split('.').count().min(6) as u8),
        number: Some(number),
        title: Some(rest.to_owned()),
    })
}

/// A line that starts with a number, an article word or a paragraph mark.
fn numbered_line(text: &str, next: Option<(BlockKind, &str)>, emphasised: bool) -> Option<Role> {
    if let Some(m) = ARTICLE.find(text) {
        let number = m.as_str().trim_end_matches(|c: char| c.is_whitespace() || ":.–—-".contains(c));
        let rest = text[m.end()..].trim();
        let title = (is_article_title(rest) && !rest.is_empty()).then(|| rest.to_owned());
        if rest.is_empty() || title.is_some() || emphasised {
            let rank = if ANNEX.is_match(text) { Rank::Annex } else { Rank::Numbered(1) };
            return Some(Role::Heading { rank, number: Some(number.to_owned()), title });
        }
        // "§ 3 — Pflichten des Auftragnehmers Der Auftragnehmer verpflichtet sich …": a heading
        // whose first sentence ran into it (a Markdown line break reads as a space) still opens
        // an article, not an item of the one before. A reference that starts a sentence ("§ 3
        // gilt entsprechend") has no mark after its number.
        let marked = m.as_str().trim_end().ends_with([':', '.', '–', '—', '-']);
        if marked && rest.starts_with(char::is_uppercase) && !ANNEX.is_match(text) {
            return Some(Role::Heading {
                rank: Rank::Numbered(1),
                number: Some(number.to_owned()),
                title: None,
            });
        }
        return Some(Role::Item { number: number.to_owned(), lettered: false, listed: false });
    }
    if let Some(c) = NUMBERED.captures(text) {
        let number = c[1].trim_end_matches('.').to_owned();
        let rest = text[c.get(0).map_or(0, |m| m.end())..].trim();
        // A bold label ending in a colon heads the list under it ("3.2 **Maatregelen:**").
        let rest = if emphasised && listed_next(next) { rest.trim_end_matches(':') } else { rest };
        // A list under a numbered title is its body ("4. Categorie di dati trattati" over bullets).
        let heads = emphasised
            || followed_by_body(next)
            || listed_next(next)
            || followed_by_its_subsection(&number, next);
        if is_short_title(rest) && heads {
            let depth = number.split('.').count().min(6) as u8;
            return Some(Role::Heading {
                rank: Rank::Numbered(depth),
                number: Some(number),
                title: Some(rest.to_owned()),
            });
        }
        return Some(Role::Item { number, lettered: false, listed: false });
    }
    if let Some(c) = BARE_NUMBER.captures(text) {
        let rest = text[c[1].len()..].trim();
        if is_short_title(rest)
            && (emphasised || followed_by_body(next) || followed_by_its_subsection(&c[1], next))
        {
            let title = Some(rest.to_owned());
            return Some(Role::Heading { rank: Rank::Numbered(1), number: Some(c[1].to_owned()), title });
        }
    }
    if let Some(c) = PARAGRAPH.captures(text) {
        return Some(Role::Paragraph { number: c[1].to_owned() });
    }
    if let Some(c) = LETTERED.captures(text) {
        return Some(Role::Item { number: c[1].to_owned(), lettered: true, listed: false });
    }
    None
}

/// The number an item starts with ("3.", "2.1", "(4)", "b)"), and whether it is a letter.
fn item_number(text: &str) -> Option<(String, bool)> {
    if let Some(c) = NUMBERED.captures(text) {
        return Some((c[1].trim_end_matches('.').to_owned(), false));
    }
    if let Some(c) = PARAGRAPH.captures(text) {
        return Some((c[1].to_owned(), false));
    }
    LETTERED.captures(text).map(|c| (c[1].to_owned(), true))
}

/// Splits "11.3 Audit", "3 Definitioner" or "Artikel 8 Aansprakelijkheid" into number and title.
fn split_number(text: &str) -> (Option<String>, Option<String>) {
    let bare = || BARE_NUMBER.captures(text).and_then(|c| c.get(1)).map(|m| (m.start()..m.end(), m.end()));
    let found = ARTICLE.find(text).or_else(|| NUMBERED.find(text));
    if let (None, Some((number, end))) = (found, bare()) {
        return (Some(text[number].to_owned()), Some(text[end..].trim().to_owned()));
    }
    match found {
        Some(m) => {
            let number = m.as_str().trim().trim_end_matches(|c: char| ":.–—-".contains(c)).trim();
            let rest = text[m.end()..].trim();
            (Some(number.to_owned()), (!rest.is_empty()).then(|| rest.to_owned()))
        }
        None => (None, Some(text.to_owned())),
    }
}

/// Runs of blocks that form a table of contents: after a contents title, lines with leaders
/// to a page number, or three and more short lines that repeat headings found later.
fn contents_runs(doc: &Extracted) -> Vec<std::ops::Range<usize>> {
    let texts: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    let is_entry = |i: usize| {
        let t = texts[i];
        !matches!(doc.blocks[i].kind, BlockKind::Heading(_))
            && at_most_words(t, 15)
            && (!t.ends_with('.') || LEADERS.is_match(t))
    };
    // Each line's key, made once when first asked for (a line is asked about several times).
    let keys: Vec<std::cell::OnceCell<String>> = vec![std::cell::OnceCell::new(); texts.len()];
    let key = |i: usize| keys[i].get_or_init(|| entry_key(texts[i])).as_str();
    // Where each heading-like line last appears, so "comes back later" is one lookup.
    let mut last_heading: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (k, t) in texts.iter().enumerate() {
        let heading_like =
            matches!(doc.blocks[k].kind, BlockKind::Heading(_) | BlockKind::Emphasised) || is_short_title(t);
        if heading_like {
            last_heading.insert(key(k), k);
        }
    }
    let heading_later = |i: usize| {
        let key = key(i);
        !key.is_empty() && last_heading.get(key).is_some_and(|&at| at > i)
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        let titled = CONTENTS_TITLE.is_match(texts[i].trim());
        let start = if titled { i + 1 } else { i };
        let mut end = start;
        // A run ends where its first line comes again; only an entry's key is ever needed.
        while end < texts.len() && is_entry(end) && (end == start || key(end) != key(start)) {
            let repeats_later = LEADERS.is_match(texts[end]) || heading_later(end);
            if !titled && !repeats_later {
                break;
            }
            end += 1;
        }
        if (titled && end > start) || end - start >= 3 {
            runs.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    runs
}

/// A contents line as a heading would read: lowercase, without leaders and page number.
fn entry_key(text: &str) -> String {
    let text = LEADERS.replace(text, "");
    let text = text.trim().trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace());
    concordia_text::lowercase(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// In the later half of the document, a body line that opens a signature block starts one; a
/// short lead-in just before it ("Für den Auftraggeber:") belongs to it.
fn mark_signatures(doc: &Extracted, roles: &mut [Role]) {
    let half = doc.text.len() / 2;
    let mut in_block = false;
    for i in 0..roles.len() {
        let block = &doc.blocks[i];
        let text = doc.block_text(block);
        match roles[i] {
            Role::Body if block.start >= half && !in_block && opens_signature(block.kind, text) => {
                in_block = true;
                let lead_in = i > 0
                    && matches!(roles[i - 1], Role::Body)
                    && doc.block_text(&doc.blocks[i - 1]).ends_with(':')
                    && at_most_words(doc.block_text(&doc.blocks[i - 1]), 8);
                roles[if lead_in { i - 1 } else { i }] = Role::Signature;
            }
            Role::Body => {}
            _ => in_block = false,
        }
    }
}

/// A section titled "Underskrifter" or "Unterschriften" is the signature block itself.
fn is_signature_section(clause: &Clause, kind: ClauseKind) -> bool {
    kind == ClauseKind::Signature
        && clause.kind == ClauseKind::Section
        && clause.heading.as_deref().is_some_and(|h| SIGNATURE.is_match(h))
}

fn opens_signature(kind: BlockKind, text: &str) -> bool {
    let short = at_most_words(text, 12);
    match kind {
        BlockKind::TableRow => text.split(" | ").any(|cell| SIGNATURE.is_match(cell.trim())),
        _ => short && SIGNATURE.is_match(text.trim()),
    }
}

/// Splits a clause into the obligations it holds, so that each can meet its like in another
/// contract:
/// - a bulleted list whose items speak of different topics, under a heading that names none
///   ("Pflichten des Auftragnehmers": instructions, confidentiality, security…); a list under a
///   heading that names its topic ("Misure di sicurezza") stays whole;
/// - a headed section of plain paragraphs that speak of different topics ("Sicherheitskonzept"
///   with a paragraph on confidentiality; "Informationspflichten" with the breach notice). The
///   aligner puts paragraphs of one topic back together; only the odd one out stands apart.
pub fn split_mixed_lists(
    doc: &Extracted,
    clauses: Vec<Clause>,
    lang: &str,
    lexicon: &Lexicon,
) -> Vec<Clause> {
    let mut out = Vec::with_capacity(clauses.len());
    for clause in clauses {
        let blocks = blocks_of(doc, &clause);
        let items: Vec<&Block> = blocks.iter().filter(|b| b.kind == BlockKind::ListItem).collect();
        let paragraphs = separate_paragraphs(doc, &clause, blocks);
        let pieces: Vec<&Block> = if !clause.kind.is_terms() {
            Vec::new()
        } else if items.len() >= 2 && mixed(doc, &clause, &items, lang, lexicon) {
            items
        } else if items.is_empty() && paragraphs.len() >= 2 && of_topics(doc, &paragraphs, lang, lexicon) >= 2
        {
            paragraphs
        } else {
            Vec::new()
        };
        if pieces.is_empty() {
            out.push(clause);
            continue;
        }
        split_at(doc, clause, blocks, &pieces, &mut out);
    }
    out
}

/// Cuts a clause before each of `pieces`; what comes before the first stays the clause's head.
fn split_at(doc: &Extracted, clause: Clause, blocks: &[Block], pieces: &[&Block], out: &mut Vec<Clause>) {
    let mut path = clause.heading_path.clone();
    if clause.kind == ClauseKind::Section {
        path.push(doc.block_text(&blocks[0]).to_owned());
    }
    let mut head = clause.clone();
    let mut cut: Vec<Clause> = Vec::new();
    for block in blocks {
        let starts = pieces.iter().any(|p| p.start == block.start);
        match (starts, cut.last_mut()) {
            (true, _) => cut.push(new_clause(ClauseKind::Item, None, None, path.clone(), block)),
            (false, Some(piece)) => piece.end = block.end,
            (false, None) => head.end = block.end,
        }
    }
    if head.end > pieces[0].start {
        // The clause opens with the first piece itself: it keeps the clause's place.
        cut[0].kind = head.kind;
        cut[0].number = head.number;
        cut[0].heading = head.heading;
        cut[0].heading_path = head.heading_path;
    } else {
        out.push(head);
    }
    out.extend(cut);
}

/// The plain paragraphs of a headed section, when each is long enough to be an obligation of
/// its own (a short line may be a label, or a sentence that belongs with the next).
fn separate_paragraphs<'a>(doc: &Extracted, clause: &Clause, blocks: &'a [Block]) -> Vec<&'a Block> {
    const MIN_WORDS: usize = 12;
    if clause.kind != ClauseKind::Section || blocks.len() < 3 {
        return Vec::new();
    }
    let body = &blocks[1..];
    let plain = body.iter().all(|b| b.kind == BlockKind::Paragraph);
    let long = body.iter().all(|b| doc.block_text(b).split_whitespace().count() >= MIN_WORDS);
    if plain && long {
        body.iter().collect()
    } else {
        Vec::new()
    }
}

/// How many different topics lead in these blocks, each read on its own.
fn of_topics(doc: &Extracted, blocks: &[&Block], lang: &str, lexicon: &Lexicon) -> usize {
    let mut topics: Vec<String> = blocks
        .iter()
        .filter_map(|b| lexicon.classify(lang, "", &[], doc.block_text(b)).into_iter().next())
        .map(|m| m.topic)
        .collect();
    topics.sort();
    topics.dedup();
    topics.len()
}

/// The blocks that make up a clause.
fn blocks_of<'a>(doc: &'a Extracted, clause: &Clause) -> &'a [Block] {
    let from = doc.blocks.partition_point(|b| b.start < clause.start);
    let to = doc.blocks.partition_point(|b| b.end <= clause.end);
    &doc.blocks[from..to.max(from)]
}

/// Whether a list's items are about at least two different topics, under a heading about none.
fn mixed(doc: &Extracted, clause: &Clause, items: &[&Block], lang: &str, lexicon: &Lexicon) -> bool {
    let heading = clause.heading.as_deref().unwrap_or("");
    if clause.kind == ClauseKind::Section && !lexicon.classify(lang, heading, &[], "").is_empty() {
        return false;
    }
    of_topics(doc, items, lang, lexicon) >= 2
}

/// Whether a clause's heading path or number puts it in an annex ("Anlage 2 › 1.3").
pub fn in_annex(heading_path: &[String], own_heading_line: Option<&str>) -> bool {
    heading_path.iter().map(String::as_str).chain(own_heading_line).any(|h| ANNEX.is_match(h))
}

/// Whether `text` has `n` words or fewer, counting no further than one more.
fn at_most_words(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_none()
}

/// A line that reads as a title: short, starts with a capital, no sentence end, no "label: value".
pub fn is_short_title(text: &str) -> bool {
    // Asked of every paragraph: a long one is turned down before its words are counted (90
    // chars are at most 360 bytes), and no more than eleven words are ever counted.
    if text.len() > 4 * 90 {
        return false;
    }
    let words = text.split_whitespace().take(11).count();
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

/// Whether a list follows.
fn listed_next(next: Option<(BlockKind, &str)>) -> bool {
    matches!(next, Some((BlockKind::ListItem, _)))
}

/// A title is only a title when body text follows it.
fn followed_by_body(next: Option<(BlockKind, &str)>) -> bool {
    match next {
        Some((BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableRow, text)) => {
            !is_short_title(text) || text.ends_with(':')
        }
        _ => false,
    }
}

/// "4. Skyldigheter" straight over "4.1 Instruktioner": a title whose first subsection follows
/// is a heading, though no body text comes between (as in a PDF or a plain-text contract).
fn followed_by_its_subsection(number: &str, next: Option<(BlockKind, &str)>) -> bool {
    let Some((BlockKind::Paragraph | BlockKind::Emphasised, next)) = next else { return false };
    let Some(c) = NUMBERED.captures(next) else { return false };
    let (own, sub) = (number.trim_end_matches('.'), c[1].trim_end_matches('.'));
    sub.strip_prefix(own).is_some_and(|deeper| deeper.starts_with('.') && deeper.len() > 1)
}

/// Each clause's section: the nearest clause before it that has a heading, one level up.
/// Takes (is a heading, depth = length of its heading path) per clause.
pub fn parents(shape: impl IntoIterator<Item = (bool, usize)>) -> Vec<Option<usize>> {
    let mut last_heading_at: Vec<Option<usize>> = Vec::new();
    let mut out = Vec::new();
    for (k, (has_heading, depth)) in shape.into_iter().enumerate() {
        out.push(depth.checked_sub(1).and_then(|up| last_heading_at.get(up).copied().flatten()));
        if has_heading {
            last_heading_at.resize(last_heading_at.len().max(depth + 1), None);
            last_heading_at[depth] = Some(k);
            // A heading closes the deeper sections that were open.
            last_heading_at.truncate(depth + 1);
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
            r"Artikel 8 Aansprakelijkheid

- De totale aansprakelijkheid zal nooit meer bedragen dan €5.000.
- Verwerker is nooit aansprakelijk voor gevolgschade.

Artikel 9 Duur en beëindiging

- Deze overeenkomst eindigt van rechtswege.",
        );
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].0.as_deref(), Some("Artikel 8"));
        assert_eq!(got[0].1.as_deref(), Some("Aansprakelijkheid"));
        assert!(got[0].2.contains("€5.000") && got[0].2.contains("gevolgschade"));
    }

    #[test]
    fn numbered_items_in_italian_are_separate_clauses() {
        let got = clauses(
            r"11. Audit

11.4 Il Fornitore ha il diritto di non divulgare informazioni sensibili.

11.5 Il Cliente informerà il Fornitore (di solito con almeno due settimane di anticipo).

13. Responsabilità

La responsabilità è disciplinata dal contratto principale.",
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
    fn a_numbered_title_straight_over_its_first_subsection_is_a_heading() {
        let text = "1. Bakgrund\n\nAvtalet gäller behandling av personuppgifter.\n\n\
                    2. Personuppgiftsbiträdets skyldigheter\n\n2.1 Instruktioner\n\n\
                    Biträdet behandlar personuppgifter endast enligt instruktioner.\n\n\
                    3 Ansvar\n\n3.1 Skadestånd\n\nVar part ansvarar för sina skador.\n\n\
                    4. Upphörande\n\n5.1 Radering\n\nData raderas inom 30 dagar.";
        let doc = concordia_text::extract(text.as_bytes(), concordia_text::Format::Text).unwrap();
        let got: Vec<_> =
            segment(&doc).into_iter().map(|c| (c.kind, c.number, c.heading, c.heading_path)).collect();
        let heading = |n: &str| got.iter().find(|c| c.1.as_deref() == Some(n)).unwrap();
        for (number, title) in [("2", "Personuppgiftsbiträdets skyldigheter"), ("3", "Ansvar")] {
            assert_eq!((heading(number).0, heading(number).2.as_deref()), (ClauseKind::Section, Some(title)));
        }
        // A subsection sits in its own section, not in the one before.
        assert_eq!(heading("2.1").3, ["2. Personuppgiftsbiträdets skyldigheter"]);
        assert_eq!(heading("3.1").3, ["3 Ansvar"]);
        // Another section's number under it is no subsection of it.
        assert_ne!(heading("4").0, ClauseKind::Section);
    }

    #[test]
    fn a_numbered_title_over_a_list_in_plain_text_is_a_heading() {
        let text = "4. Categorie di dati trattati\n• Dati anagrafici degli ospiti\n• Dati di contatto\n\n\
                    5. Categorie di interessati\n• Ospiti delle strutture\n• Staff del Titolare";
        let headings: Vec<_> = clauses(text).into_iter().filter_map(|c| c.1).collect();
        assert_eq!(headings, ["Categorie di dati trattati", "Categorie di interessati"]);
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

    /// Segments Markdown and returns (kind, number, heading path, first words) per clause.
    fn markdown(md: &str) -> Vec<(ClauseKind, String, String, String)> {
        let doc = concordia_text::extract(md.as_bytes(), concordia_text::Format::Markdown).unwrap();
        segment(&doc)
            .into_iter()
            .map(|c| {
                let first: Vec<&str> = doc.text[c.start..c.end].split_whitespace().take(3).collect();
                (c.kind, c.number.unwrap_or_default(), c.heading_path.join(" > "), first.join(" "))
            })
            .collect()
    }

    #[test]
    fn a_bold_line_heads_its_paragraphs_but_never_the_sections_after_it() {
        let got = markdown(
            "# PUB-avtal\n\n## 1. Parter\n\n**Personuppgiftsansvarig (Kund)**\n\nKund AB, org.nr 556000-0000, nedan kallad Kunden.\n\n## 3 Definitioner\n\nBegrepp har samma betydelse som i dataskyddsförordningen.\n\n## 14 Signaturer\n\nOrt och datum ______",
        );
        let paths: Vec<(&str, &str)> = got.iter().map(|c| (c.3.as_str(), c.2.as_str())).collect();
        assert_eq!(
            paths,
            [
                ("PUB-avtal", ""),
                ("1. Parter", "PUB-avtal"),
                ("Personuppgiftsansvarig (Kund) Kund", "PUB-avtal > 1. Parter"),
                ("3 Definitioner Begrepp", "PUB-avtal"),
                ("14 Signaturer Ort", "PUB-avtal"),
            ]
        );
        assert_eq!(
            got.last().unwrap().0,
            ClauseKind::Signature,
            "a section of signatures is the signature block"
        );
    }

    /// Round 12: "§ 3 — Pflichten des Auftragnehmers" with its first sentence on the next line
    /// of one Markdown paragraph reads as one line; it still opens § 3, so its list is not
    /// under § 2 (whose instructions every item took as its topic). A sentence that starts
    /// with a reference stays in its article.
    #[test]
    fn an_article_heading_run_into_its_first_sentence_opens_the_article() {
        let got = markdown(
            "§ 2 — Weisungen\n\nDer Auftragnehmer handelt nur auf Weisung.\n\n§ 3 gilt entsprechend für Änderungen.\n\n§ 3 — Pflichten des Auftragnehmers\nDer Auftragnehmer verpflichtet sich,\n\n- Personen zur Vertraulichkeit zu verpflichten;\n\n- Verletzungen unverzüglich zu melden.\n\nArtikel 4: Die Parteien vereinbaren Folgendes.",
        );
        let at = |text: &str| got.iter().find(|c| c.3.starts_with(text)).expect(text);
        let three = at("§ 3 —");
        assert_eq!(
            (three.0, three.1.as_str(), three.2.as_str()),
            (ClauseKind::Section, "§ 3", ""),
            "{got:?}"
        );
        assert_eq!(at("§ 3 gilt").2, "§ 2 — Weisungen", "a reference stays in § 2: {got:?}");
        let four = at("Artikel 4:");
        assert_eq!((four.0, four.2.as_str()), (ClauseKind::Section, ""), "{got:?}");
    }

    #[test]
    fn a_numbered_bold_label_heads_the_list_under_it() {
        let got = markdown(
            "## Artikel 3 - Plichten\n\n3.2 **Beveiligingsmaatregelen:**\n- **Encryptie:** TLS in transit\n- **Toegang:** rollen en rechten\n\n3.3 De verwerker meldt wijzigingen.",
        );
        let paths: Vec<(&str, &str)> = got.iter().map(|c| (c.3.as_str(), c.2.as_str())).collect();
        let under = |text: &str| paths.iter().find(|(t, _)| t.starts_with(text)).map(|(_, p)| *p);
        // The label is a heading: its list is its text, not loose items after an item.
        let label = got.iter().find(|c| c.3.starts_with("3.2")).expect("the 3.2 clause");
        assert_eq!((label.0, label.1.as_str()), (ClauseKind::Section, "3.2"), "{paths:?}");
        assert!(label.3.contains("Encryptie"), "{paths:?}");
        assert_eq!(
            under("3.3 De"),
            Some("Artikel 3 - Plichten"),
            "a sibling item, not inside 3.2: {paths:?}"
        );
    }

    #[test]
    fn a_table_is_body_of_the_clause_before_it_never_a_heading() {
        let got = markdown(
            "## 7. Unterauftragsverarbeiter\n\n7.2. Der Auftragnehmer setzt derzeit folgende Unterauftragsverarbeiter ein:\n\n| Unterauftragsverarbeiter | Zweck | Standort |\n|---|---|---|\n| Hetzner Online GmbH | Hosting | Nürnberg |\n| Resend Inc. | E-Mail-Versand | USA |\n\n7.3. Der Auftragnehmer informiert den Auftraggeber vier Wochen im Voraus.\n\n## 8. Technische und organisatorische Maßnahmen\n\nDer Auftragnehmer setzt Maßnahmen um.",
        );
        let numbers: Vec<&str> = got.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(numbers, ["7", "7.2", "7.3", "8"]);
        assert!(got.iter().all(|c| !c.2.contains('|')), "no table row in any heading path: {got:#?}");
    }

    #[test]
    fn ordered_list_items_are_clauses_cited_with_their_section() {
        let got = markdown(
            "## 5. Personuppgiftsbiträdets skyldigheter\n\nBiträdet ska:\n\n1. Endast behandla personuppgifter enligt instruktioner.\n2. Se till att personalen har tystnadsplikt.\n\n- en punkt utan nummer",
        );
        let numbers: Vec<&str> = got.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(numbers, ["5", "5.1", "5.2"]);
        assert_eq!(got[1].3, "1. Endast behandla", "the number stays in the text");
    }

    #[test]
    fn an_annex_is_a_part_of_its_own_whose_numbering_starts_again() {
        let doc = concordia_text::extract(
            "§ 1 Gegenstand\n\nDer Auftragnehmer verarbeitet Daten.\n\n§ 2 Haftung\n\nDie Haftung richtet sich nach dem Hauptvertrag.\n\nAnlage 1 – Technische und organisatorische Maßnahmen\n\n1. Vertraulichkeit\n\nZutrittskontrolle durch Schlüssel und Ausweise.\n\n2. Integrität\n\nWeitergabekontrolle durch Verschlüsselung.".as_bytes(),
            concordia_text::Format::Text,
        )
        .unwrap();
        let got = segment(&doc);
        let last = got.last().unwrap();
        assert_eq!(last.number.as_deref(), Some("2"));
        assert_eq!(last.heading_path, ["Anlage 1 – Technische und organisatorische Maßnahmen"]);
        assert!(in_annex(&last.heading_path, None));
        assert!(!in_annex(&got[1].heading_path, doc.text.get(got[1].start..got[1].end)));
        assert_eq!(got[2].heading_path, Vec::<String>::new(), "the annex sits beside § 2, not under it");
    }

    #[test]
    fn a_numbered_title_over_bullets_is_a_heading() {
        let md = "1) Definizioni\n- “Dati Personali” ha il significato dell'art. 4 GDPR.\n\n2) Istruzioni documentate del Titolare\n- Il Responsabile tratta i Dati solo su istruzioni documentate.\n";
        let doc = concordia_text::extract(md.as_bytes(), concordia_text::Format::Markdown).unwrap();
        let got = segment(&doc);
        let sections: Vec<(Option<&str>, Option<&str>)> = (got.iter())
            .filter(|c| c.kind == ClauseKind::Section)
            .map(|c| (c.number.as_deref(), c.heading.as_deref()))
            .collect();
        assert_eq!(
            sections,
            [(Some("1"), Some("Definizioni")), (Some("2"), Some("Istruzioni documentate del Titolare"))]
        );
        let second = got.iter().find(|c| c.number.as_deref() == Some("2")).unwrap();
        assert!(
            doc.text[second.start..second.end].contains("solo su istruzioni documentate"),
            "the bullet is its text"
        );
    }

    #[test]
    fn an_annex_marked_as_a_subheading_stands_beside_the_sections() {
        let doc = concordia_text::extract(
            "# Auftragsverarbeitung\n\n## Haftung\n\nDie Haftung richtet sich nach dem Hauptvertrag.\n\n## Schlussbestimmungen\n\nEs gilt deutsches Recht.\n\n### Anhang 1 – Sicherheitskonzept\n\nEs besteht ein Datenschutz-Management.\n\n### Anhang 2 – Unterauftragsverhältnisse\n\nAmazon Web Services EMEA SARL.".as_bytes(),
            concordia_text::Format::Markdown,
        )
        .unwrap();
        let got = segment(&doc);
        let annexes: Vec<&Clause> =
            got.iter().filter(|c| c.number.as_deref().is_some_and(|n| n.starts_with("Anhang"))).collect();
        assert_eq!(annexes.len(), 2);
        for annex in annexes {
            assert_eq!(annex.heading_path, ["Auftragsverarbeitung"], "not under Schlussbestimmungen");
        }
    }

    #[test]
    fn signature_blocks_and_contents_are_clauses_of_their_own() {
        let doc = concordia_text::extract(
            "Inhalt\n\n1 Gegenstand\n\n2 Haftung\n\n1 Gegenstand\n\nDer Auftragnehmer verarbeitet personenbezogene Daten im Auftrag.\n\n2 Haftung\n\nDie Haftung richtet sich nach dem Hauptvertrag und ist auf die Vergütung eines Jahres begrenzt.\n\nFür den Auftraggeber:\n\nOrt, Datum ____________\n\nMax Mustermann, Geschäftsführer".as_bytes(),
            concordia_text::Format::Text,
        )
        .unwrap();
        let got = segment(&doc);
        let kinds: Vec<ClauseKind> = got.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [ClauseKind::Contents, ClauseKind::Section, ClauseKind::Section, ClauseKind::Signature]
        );
        let signature = &doc.text[got[3].start..got[3].end];
        assert!(signature.starts_with("Für den Auftraggeber:") && signature.ends_with("Geschäftsführer"));
        assert!(!doc.text[got[2].start..got[2].end].contains("Ort, Datum"));
    }

    #[test]
    fn clause_kinds_round_trip_through_their_names() {
        for kind in [
            ClauseKind::Preamble,
            ClauseKind::Section,
            ClauseKind::Item,
            ClauseKind::Continuation,
            ClauseKind::Contents,
            ClauseKind::Signature,
        ] {
            assert_eq!(ClauseKind::from_name(kind.name()), kind);
        }
    }

    #[test]
    fn a_list_of_obligations_on_different_topics_becomes_items() {
        let md = "## 6. Obblighi del Responsabile\n\n- Trattare i dati solo su istruzione documentata del Titolare\n- Garantire che le persone autorizzate al trattamento si siano impegnate alla riservatezza\n- Contribuire alle attività di revisione e audit richieste dal Titolare\n\n## 7. Misure di sicurezza\n\n- Crittografia dei dati in transito\n- Audit log degli accessi ai dati personali\n- Backup giornalieri crittografati con retention di 30 giorni\n";
        let doc = concordia_text::extract(md.as_bytes(), concordia_text::Format::Markdown).unwrap();
        let got = split_mixed_lists(&doc, segment(&doc), "it", Lexicon::builtin());
        let shape: Vec<(ClauseKind, usize)> = got.iter().map(|c| (c.kind, c.heading_path.len())).collect();
        assert_eq!(
            shape,
            [
                (ClauseKind::Section, 0),
                (ClauseKind::Item, 1),
                (ClauseKind::Item, 1),
                (ClauseKind::Item, 1),
                (ClauseKind::Section, 0),
            ],
            "the security list stays whole under its heading"
        );
        assert!(doc.text[got[2].start..got[2].end].starts_with("Garantire"));
        assert_eq!(got[1].heading_path, ["6. Obblighi del Responsabile"]);
    }

    #[test]
    fn paragraphs_on_different_topics_under_one_heading_become_items() {
        let md = "## Sicherheitskonzept\n\nDer Auftragnehmer trifft technische und organisatorische Maßnahmen zur angemessenen Sicherung der Daten des Auftraggebers nach dem Stand der Technik.\n\nDer Auftragnehmer stellt sicher, dass die zur Verarbeitung befugten Personen auf Vertraulichkeit und Verschwiegenheit verpflichtet worden sind.\n\n## Haftung\n\nDie Haftung des Auftragnehmers richtet sich nach den Bestimmungen des Hauptvertrags zwischen den Parteien.\n\nDie Haftung für Schäden aus der Verletzung dieses Vertrags ist auf die gesetzlichen Bestimmungen beschränkt.\n";
        let doc = concordia_text::extract(md.as_bytes(), concordia_text::Format::Markdown).unwrap();
        let got = split_mixed_lists(&doc, segment(&doc), "de", Lexicon::builtin());
        let kinds: Vec<ClauseKind> = got.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [ClauseKind::Section, ClauseKind::Item, ClauseKind::Item, ClauseKind::Section],
            "security and confidentiality apart; two liability paragraphs stay one clause"
        );
        assert!(doc.text[got[2].start..got[2].end].contains("Vertraulichkeit"));
        assert_eq!(got[1].heading_path, ["Sicherheitskonzept"]);
    }

    #[test]
    fn nested_ordered_lists_are_cited_through_their_levels() {
        let md = "1. Processing\n\n    1. Processing Details.  Annex I describes the processing.\n\n    2. Subprocessors.\n\n        a. Provider will not hand over any data to a Subprocessor.\n\n        b. Provider has a written agreement with each Subprocessor.\n\n2. Transfers\n";
        let doc = concordia_text::extract(md.as_bytes(), concordia_text::Format::Markdown).unwrap();
        let numbers: Vec<String> = segment(&doc).into_iter().filter_map(|c| c.number).collect();
        assert_eq!(numbers, ["1", "1.1", "1.2", "1.2 a.", "1.2 b.", "2"]);
    }
}
