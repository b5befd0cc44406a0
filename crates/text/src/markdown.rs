//! Markdown: headings, paragraphs, list items and table rows become blocks; raw HTML is dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::blocks::{BlockKind, Extracted};

pub(crate) fn extract(text: &str) -> Extracted {
    let mut doc = Extracted::default();
    let mut current = String::new();
    let mut kind = BlockKind::Paragraph;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => {
                let next = match tag {
                    Tag::Heading { level, .. } => Some(BlockKind::Heading(level as u8)),
                    Tag::Item => Some(BlockKind::ListItem),
                    Tag::Paragraph | Tag::TableRow | Tag::TableHead | Tag::CodeBlock(_) => {
                        // A paragraph inside a list item continues that item.
                        (kind != BlockKind::ListItem || current.is_empty()).then_some(kind)
                    }
                    _ => None,
                };
                if let Some(next) = next {
                    doc.push(kind, &current);
                    current.clear();
                    kind = next;
                }
            }
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock => {
                    doc.push(kind, &current);
                    current.clear();
                    kind = BlockKind::Paragraph;
                }
                TagEnd::Paragraph if kind != BlockKind::ListItem => {
                    doc.push(kind, &current);
                    current.clear();
                }
                TagEnd::TableCell => current.push_str(" | "),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            // Raw HTML inside Markdown is never rendered nor kept: it is markup, not text.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    doc.push(kind, &current);
    tidy_table_rows(&mut doc);
    doc
}

/// Table rows end with a dangling cell separator; cut it off.
fn tidy_table_rows(doc: &mut Extracted) {
    if !doc.text.contains(" | ") {
        return;
    }
    let mut cleaned = Extracted::default();
    for block in &doc.blocks {
        let text = doc.block_text(block).trim_end_matches('|').trim_end();
        cleaned.push(block.kind, text);
    }
    cleaned.title = doc.title.take();
    *doc = cleaned;
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn deeply_nested_input_does_not_overflow() {
        let md = format!("{}text", "> ".repeat(50_000));
        let doc = extract(&md);
        assert!(doc.text.contains("text"));
    }
}
