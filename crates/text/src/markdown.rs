//! Markdown: headings, paragraphs, list items and table rows become blocks; raw HTML is dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::blocks::{BlockKind, Emphasis, Extracted};

pub(crate) fn extract(text: &str) -> Extracted {
    let mut b = Builder::default();
    // A published page's front matter ("---\ntitle: …\nlayout: default\n---") is the site's
    // settings, not the document.
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut metadata: Option<String> = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => metadata = Some(String::new()),
            Event::End(TagEnd::MetadataBlock(_)) => {
                // What only looks like front matter ("---", a paragraph, "---") is text.
                let block = metadata.take().unwrap_or_default();
                if !is_front_matter(&block) {
                    b.text(block.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
                    b.flush();
                }
            }
            Event::Text(t) if metadata.is_some() => metadata.get_or_insert_with(String::new).push_str(&t),
            _ if metadata.is_some() => {}
            Event::Start(tag) => b.start(tag),
            Event::End(tag) => b.end(tag),
            Event::Text(t) | Event::Code(t) => b.text(&t),
            Event::SoftBreak | Event::HardBreak => b.line_break(),
            // Raw HTML inside Markdown is never rendered nor kept: it is markup, not text.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    b.flush();
    let mut doc = b.doc;
    tidy_table_rows(&mut doc);
    doc
}

/// Every line a YAML key ("title: …", "nav_order: 1"), a list entry or an indented value.
fn is_front_matter(block: &str) -> bool {
    let key = |line: &str| {
        line.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
    };
    block.lines().filter(|l| !l.trim().is_empty()).all(|l| key(l) || l.starts_with([' ', '\t', '-']))
}

/// The block being read and what is known of it.
#[derive(Default)]
struct Builder {
    doc: Extracted,
    current: String,
    kind: Option<BlockKind>,
    /// Open `**strong**` spans, and the letters read inside and outside them.
    strong: usize,
    emphasis: Emphasis,
    /// Open lists, innermost last: the next number of an ordered one.
    lists: Vec<Option<u64>>,
}

impl Builder {
    fn kind(&self) -> BlockKind {
        self.kind.unwrap_or(BlockKind::Paragraph)
    }

    fn start(&mut self, tag: Tag<'_>) {
        let tag_is_item = matches!(tag, Tag::Item);
        let next = match tag {
            Tag::Heading { level, .. } => Some(BlockKind::Heading(level as u8)),
            Tag::Item => Some(BlockKind::ListItem),
            Tag::TableRow | Tag::TableHead => Some(BlockKind::TableRow),
            Tag::Paragraph | Tag::CodeBlock(_) => {
                // A further paragraph of a list item ("a. …" under "6. Subprocessors.") is a
                // block of its own inside that item; the item's first paragraph is the item.
                let inside_item = self.kind() == BlockKind::ListItem;
                let item_number_only = is_bare_number(&self.current);
                match (inside_item, self.current.trim().is_empty() || item_number_only) {
                    (true, true) => None,
                    (true, false) => Some(BlockKind::ListItem),
                    (false, _) => Some(self.kind()),
                }
            }
            Tag::List(first) => {
                self.flush(); // the text before a nested list belongs to the outer item
                self.lists.push(first);
                None
            }
            Tag::Strong => {
                self.strong += 1;
                None
            }
            _ => None,
        };
        if let Some(next) = next {
            self.flush();
            self.kind = Some(next);
            if tag_is_item {
                self.number_item();
            }
        }
    }

    /// An item of an ordered list carries its number, as the reader sees it.
    fn number_item(&mut self) {
        if let Some(Some(n)) = self.lists.last_mut() {
            self.current.push_str(&format!("{n}. "));
            *n += 1;
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead | TagEnd::CodeBlock => {
                self.flush();
                self.kind = None;
            }
            TagEnd::Paragraph if self.kind() != BlockKind::ListItem => self.flush(),
            TagEnd::TableCell => self.current.push_str(" | "),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        self.emphasis.add(text, self.strong > 0);
        self.current.push_str(text);
    }

    /// A line break inside a block is kept as a line end until the block is flushed (its
    /// lines may be lettered items); a word hyphenated at the end of a source line
    /// ("sotto-" / "responsabili") is joined, as the author's hyphen is part of the word.
    fn line_break(&mut self) {
        let mut tail = self.current.chars().rev();
        if tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic) {
            return;
        }
        self.current.push('\n');
    }

    fn flush(&mut self) {
        let kind = self.emphasis.kind(self.kind());
        if kind == BlockKind::Paragraph {
            if let Some((lead, items)) = lettered_items(&self.current) {
                let depth = (self.lists.len() + 1).min(9) as u8;
                self.doc.push(BlockKind::Paragraph, &lead);
                for item in items {
                    self.doc.push_nested(BlockKind::ListItem, &item, depth);
                }
                self.current.clear();
                self.emphasis = Emphasis::default();
                return;
            }
        }
        // An item number alone ("3. ", its text in a nested list) is no block of its own.
        if kind != BlockKind::ListItem || !is_bare_number(&self.current) {
            let depth = if kind == BlockKind::ListItem { self.lists.len().min(9) as u8 } else { 0 };
            self.doc.push_nested(kind, &self.current, depth);
        }
        self.current.clear();
        self.emphasis = Emphasis::default();
    }
}

/// A paragraph whose lines run "a. …", "b. …" (or "a) …", "(a) …") from "a" on is a list
/// written without Markdown's markers (CommonMark knows no lettered lists): its lead-in and
/// its items, each item with its letter and the lines that continue it. None for anything else.
fn lettered_items(text: &str) -> Option<(String, Vec<String>)> {
    if !text.contains('\n') {
        return None;
    }
    let mut lead = String::new();
    let mut items: Vec<String> = Vec::new();
    let mut next = b'a';
    for line in text.split('\n').map(str::trim) {
        match (item_letter(line), items.last_mut()) {
            (Some(letter), _) if letter == next => {
                items.push(line.to_string());
                next += 1;
            }
            (_, Some(item)) => {
                item.push(' ');
                item.push_str(line);
            }
            (_, None) => {
                lead.push(' ');
                lead.push_str(line);
            }
        }
    }
    (items.len() >= 2).then_some((lead, items))
}

/// The letter of a line that starts "a. ", "a) " or "(a) ".
fn item_letter(line: &str) -> Option<u8> {
    let b = line.as_bytes();
    let (letter, close) = match b.first()? {
        b'(' => (*b.get(1)?, b")".as_slice()),
        &first => (first, if b.get(1) == Some(&b')') { b")".as_slice() } else { b".".as_slice() }),
    };
    let at = if b[0] == b'(' { 2 } else { 1 };
    let rest = b.get(at..)?;
    (letter.is_ascii_lowercase() && rest.starts_with(close) && rest.get(1) == Some(&b' ')).then_some(letter)
}

fn is_bare_number(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('.') && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit()) && !t.is_empty()
}

/// Table rows end with a dangling cell separator; cut it off.
fn tidy_table_rows(doc: &mut Extracted) {
    if !doc.text.contains(" | ") {
        return;
    }
    let mut cleaned = Extracted::default();
    for block in &doc.blocks {
        let text = doc.block_text(block).trim_end_matches('|').trim_end();
        cleaned.push_nested(block.kind, text, block.depth);
    }
    cleaned.title = doc.title.take();
    *doc = cleaned;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_front_matter_is_not_the_document() {
        let md = "---\ntitle: \"Bilaga 1\"\nlayout: default\nnav_order: 1\n---\n# Bilaga 1: Instruktion\n\nText.\n";
        let doc = extract(md);
        assert!(!doc.text.contains("layout"), "{}", doc.text);
        assert!(doc.text.starts_with("Bilaga 1: Instruktion"), "{}", doc.text);
        // A paragraph between two rules is kept.
        let ruled = "---\nDeze overeenkomst geldt vanaf ondertekening.\n---\n\nArtikel 1\n";
        assert!(extract(ruled).text.contains("Deze overeenkomst geldt vanaf ondertekening."));
    }

    #[test]
    fn headings_paragraphs_and_items() {
        let md = "# Personuppgiftsbiträdesavtal\n\n## 1. Ansvar\n\nText om *ansvar*\nsom fortsätter.\n\n- punkt ett\n- punkt två\n\n<script>alert(1)</script>\n";
        let doc = extract(md);
        let got: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Heading(1), "Personuppgiftsbiträdesavtal"),
                (BlockKind::Heading(2), "1. Ansvar"),
                (BlockKind::Paragraph, "Text om ansvar som fortsätter."),
                (BlockKind::ListItem, "punkt ett"),
                (BlockKind::ListItem, "punkt två"),
            ]
        );
    }

    #[test]
    fn tables_become_one_block_per_row() {
        let md = "| Name | Land |\n|---|---|\n| AWS | Irland |\n";
        let doc = extract(md);
        let rows: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
        assert_eq!(rows, ["Name | Land", "AWS | Irland"]);
        assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::TableRow));
        assert_eq!(doc.text, "Name | Land\nAWS | Irland", "rows stay on consecutive lines");
    }

    #[test]
    fn lines_lettered_from_a_are_a_list_with_their_letters() {
        // CommonMark has no lettered lists: "a. …" lines stay one paragraph unless read as items.
        let md = "## 3. Was der Auftragsverarbeiter tut\n\nEr\na. verarbeitet die Daten nur auf Weisung,\n   auch bei Übermittlungen;\nb. verpflichtet seine Leute zur Vertraulichkeit;\nc. löscht die Daten am Ende.\n";
        let doc = extract(md);
        let got: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Heading(2), "3. Was der Auftragsverarbeiter tut"),
                (BlockKind::Paragraph, "Er"),
                (BlockKind::ListItem, "a. verarbeitet die Daten nur auf Weisung, auch bei Übermittlungen;"),
                (BlockKind::ListItem, "b. verpflichtet seine Leute zur Vertraulichkeit;"),
                (BlockKind::ListItem, "c. löscht die Daten am Ende."),
            ]
        );
        // "(a)" and "a)" too, in any language; without a lead-in there is no empty block.
        let sv = extract("(a) behandla uppgifterna enligt instruktion;\n(b) radera dem vid avtalets slut.\n");
        assert_eq!(sv.blocks.len(), 2, "{}", sv.text);
        assert_eq!(sv.blocks.iter().filter(|b| b.kind == BlockKind::ListItem).count(), 2);
        let nl = extract("Verwerker:\na) verwerkt alleen op instructie;\nb) meldt datalekken.\n");
        assert_eq!(nl.text, "Verwerker:\n\na) verwerkt alleen op instructie;\nb) meldt datalekken.");
        // Letters out of order, or a lone "a.", are prose; line ends are spaces as before.
        for prose in ["Il Titolare\nb. sceglie\nc. decide.\n", "De klant kiest\na. een optie.\n"] {
            let doc = extract(prose);
            assert_eq!(doc.blocks.len(), 1, "{}", doc.text);
            assert!(!doc.text.contains('\n'), "{}", doc.text);
        }
    }

    #[test]
    fn a_word_hyphenated_at_a_line_end_is_joined() {
        let doc = extract("Il Titolare autorizza i sotto-\nresponsabili qui sotto. Und Sub-\nAuftragsverarbeiter - \nauch.\n");
        assert_eq!(
            doc.text,
            "Il Titolare autorizza i sotto-responsabili qui sotto. Und Sub-Auftragsverarbeiter - auch."
        );
    }

    #[test]
    fn ordered_items_keep_their_numbers() {
        let md = "## 5. Skyldigheter\n\n1. Endast behandla personuppgifter.\n2. Se till att\n   personalen tiger.\n\nText.\n\n7. Ny lista\n\n- punkt\n";
        let doc = extract(md);
        let got: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Heading(2), "5. Skyldigheter"),
                (BlockKind::ListItem, "1. Endast behandla personuppgifter."),
                (BlockKind::ListItem, "2. Se till att personalen tiger."),
                (BlockKind::Paragraph, "Text."),
                (BlockKind::ListItem, "7. Ny lista"),
                (BlockKind::ListItem, "punkt"),
            ]
        );
    }

    #[test]
    fn nested_and_loose_ordered_lists_number_each_level() {
        let md = "3. Erstens\n\n   Mehr dazu.\n\n   1. Unterpunkt\n\n4. Zweitens\n";
        let doc = extract(md);
        let got: Vec<(&str, u8)> = doc.blocks.iter().map(|b| (doc.block_text(b), b.depth)).collect();
        assert_eq!(got, [("3. Erstens", 1), ("Mehr dazu.", 1), ("1. Unterpunkt", 2), ("4. Zweitens", 1)]);
    }

    #[test]
    fn a_paragraph_all_in_bold_is_emphasised_and_a_label_is_not() {
        let md = "**Personuppgiftsansvarig (Kund)**\n\n**Namn:** Kund AB\n\n__Bilaga 1__\n\n3.2 **Maatregelen:**\n";
        let doc = extract(md);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        let want =
            [BlockKind::Emphasised, BlockKind::Paragraph, BlockKind::Emphasised, BlockKind::Emphasised];
        assert_eq!(kinds, want);
    }

    #[test]
    fn deeply_nested_input_does_not_overflow() {
        let md = format!("{}text", "> ".repeat(50_000));
        let doc = extract(&md);
        assert!(doc.text.contains("text"));
    }
}
