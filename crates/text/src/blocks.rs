use unicode_normalization::UnicodeNormalization;

/// What a block is, as far as the source format tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BlockKind {
    /// A heading the format marks as such (Markdown `#`, HTML `<h1>`), with its level 1–6.
    Heading(u8),
    /// A paragraph or a line of plain text.
    Paragraph,
    /// An item of a list. A bullet is not part of the text; the number of an ordered list
    /// item is, as the reader sees it ("3. …").
    ListItem,
    /// A row of a table, its cells joined by " | ". Never a heading, whatever it says.
    TableRow,
    /// A paragraph set entirely in bold: a heading made by hand, or a label.
    Emphasised,
}

/// How many letters of a paragraph were read in bold and how many not: a paragraph set
/// entirely in bold is [`BlockKind::Emphasised`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Emphasis {
    bold: usize,
    plain: usize,
}

impl Emphasis {
    /// Counts the letters of `text`, read in bold or not.
    pub(crate) fn add(&mut self, text: &str, bold: bool) {
        // Letters only: the plain number before a bold title ("3.2 **Maatregelen:**") is no text.
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if bold {
            self.bold += letters;
        } else {
            self.plain += letters;
        }
    }

    /// Whether every letter was bold (and there were some).
    pub(crate) fn all_bold(self) -> bool {
        self.bold > 0 && self.plain == 0
    }

    /// A paragraph's kind: emphasised when all in bold; other kinds stay.
    pub(crate) fn kind(self, kind: BlockKind) -> BlockKind {
        if kind == BlockKind::Paragraph && self.all_bold() {
            BlockKind::Emphasised
        } else {
            kind
        }
    }
}

/// One block: its kind and its byte range in [`Extracted::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// How deep a list item is nested (1 for a top-level item), 0 outside lists.
    #[serde(default)]
    pub depth: u8,
}

/// A document reduced to normalised text and its blocks.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    /// The normalised text: NFC, `\n` line ends, one block per line or paragraph.
    pub text: String,
    /// The blocks in reading order; ranges never overlap.
    pub blocks: Vec<Block>,
    /// A title the format declares (HTML `<title>`), if any.
    pub title: Option<String>,
    /// Where each page of the original begins in `text`, for paged formats (PDF); empty for
    /// the others. Ascending offsets; a page whose text could not be found is left out.
    #[serde(default)]
    pub pages: Vec<PageStart>,
}

/// The first byte of [`Extracted::text`] that stood on a page of the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageStart {
    /// The page number, from 1.
    pub page: u32,
    /// Byte offset in the text.
    pub offset: usize,
}

impl Extracted {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.start..block.end]
    }

    /// The original page the text at `offset` stood on, for paged formats.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let after = self.pages.partition_point(|p| p.offset <= offset);
        after.checked_sub(1).map(|k| self.pages[k].page)
    }

    /// Appends a block; whitespace is collapsed and empty blocks are skipped.
    pub(crate) fn push(&mut self, kind: BlockKind, raw: &str) {
        self.push_nested(kind, raw, 0);
    }

    /// Appends a block at a list nesting depth.
    pub(crate) fn push_nested(&mut self, kind: BlockKind, raw: &str, depth: u8) {
        let text = collapse_whitespace(raw);
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.blocks.last() {
            // List items and table rows stay on consecutive lines; everything else gets a blank line.
            let tight = last.kind == kind && matches!(kind, BlockKind::ListItem | BlockKind::TableRow);
            self.text.push_str(if tight { "\n" } else { "\n\n" });
        }
        let start = self.text.len();
        self.text.push_str(&text);
        self.blocks.push(Block { kind, start, end: self.text.len(), depth });
    }
}

/// Collapses runs of whitespace into one space, trims, and normalises to NFC.
pub(crate) fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    let mut rest = raw;
    while !rest.is_empty() {
        // A run of ASCII that is not whitespace is copied whole; only other chars are decoded.
        let run = rest.bytes().position(|b| !b.is_ascii() || is_ascii_space(b)).unwrap_or(rest.len());
        let word = if run > 0 {
            &rest[..run]
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                space = true;
                rest = &rest[c.len_utf8()..];
                continue;
            }
            &rest[..c.len_utf8()]
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(word);
        rest = &rest[word.len()..];
    }
    nfc(out)
}

/// `char::is_whitespace` for an ASCII byte (it counts the vertical tab; `u8::is_ascii_whitespace`
/// does not).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `text` in NFC; nearly every text is already, and the quick check spares composing it again.
pub(crate) fn nfc(text: String) -> String {
    let composed = text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes;
    if composed {
        text
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_as_words_split_at_any_whitespace_and_joined_by_one_space() {
        let by_words = |raw: &str| {
            raw.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        };
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            "  a  b  ",
            "a\u{0b}b\u{0c}c\r\nd\te",
            "Löschung\u{a0}der\u{2003}Daten\u{3000}",
            "\u{85}x\u{2028}y\u{2029}z\u{202f}§ 5",
            "ÄÖÜ  äöü",
            "\u{1680}",
        ]
        .map(str::to_owned)
        .to_vec();
        texts.extend(crate::shared_texts(&["real/docs", "corpus"]));
        for raw in &texts {
            assert_eq!(collapse_whitespace(raw), nfc(by_words(raw)), "{raw:?}");
        }
    }

    #[test]
    fn blocks_are_separated_and_list_items_stay_tight() {
        let mut doc = Extracted::default();
        doc.push(BlockKind::Heading(1), "  Artikel 1 ");
        doc.push(BlockKind::ListItem, "eins");
        doc.push(BlockKind::ListItem, "zwei\n  drei");
        doc.push(BlockKind::Paragraph, "   ");
        assert_eq!(doc.text, "Artikel 1\n\neins\nzwei drei");
        assert_eq!(doc.blocks.len(), 3, "the blank paragraph is not a block");
        assert_eq!(doc.block_text(&doc.blocks[2]), "zwei drei");
    }

    #[test]
    fn text_is_nfc() {
        let decomposed = "Lo\u{308}schung";
        assert_eq!(collapse_whitespace(decomposed), "Löschung");
    }
}
