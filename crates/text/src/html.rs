//! HTML: text of block elements becomes blocks; scripts, styles and markup are dropped.
//!
//! The DOM is walked iteratively (ego-tree's `traverse`), so hostile nesting
//! depth cannot overflow the stack.

use ego_tree::iter::Edge;
use scraper::{node::Node, Html};

use crate::blocks::{BlockKind, Extracted};
use crate::DecodeError;

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas",
    "select", "button",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "body",
    "form",
    "figure",
    "figcaption",
    "address",
];

/// Deeper nesting than this is refused: html5ever slows down quadratically on it.
pub(crate) const MAX_DEPTH: usize = 1000;

pub(crate) fn extract(text: &str) -> Result<Extracted, DecodeError> {
    let depth = nesting_depth(text);
    if depth > MAX_DEPTH {
        return Err(DecodeError::TooDeep(depth));
    }
    Ok(walk(&Html::parse_document(text)))
}

/// A cheap upper estimate of element nesting, counted on the raw tags.
fn nesting_depth(text: &str) -> usize {
    const UNCLOSED: &[&str] = &[
        "br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr",
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "!doctype",
    ];
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('<') {
        let rest = &bytes[i + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'!').count();
        if name_len == 0 {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).to_ascii_lowercase();
        let self_closing = text[i..].find('>').is_some_and(|end| text[i..i + end].ends_with('/'));
        if !UNCLOSED.contains(&name.as_str()) && !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

fn walk(html: &Html) -> Extracted {
    let mut doc = Extracted::default();
    let mut current = String::new();
    let mut kinds: Vec<BlockKind> = Vec::new();
    let mut skipping = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if SKIPPED.contains(&name) || skipping > 0 {
                        skipping += usize::from(SKIPPED.contains(&name));
                        continue;
                    }
                    if BLOCKS.contains(&name) {
                        doc.push(*kinds.last().unwrap_or(&BlockKind::Paragraph), &current);
                        current.clear();
                        if let Some(kind) = block_kind(name) {
                            kinds.push(kind);
                        }
                    } else if matches!(name, "td" | "th") && !current.is_empty() {
                        current.push_str(" | ");
                    }
                }
                Node::Text(t) if skipping == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if SKIPPED.contains(&name) {
                        skipping = skipping.saturating_sub(1);
                        continue;
                    }
                    if skipping > 0 || !BLOCKS.contains(&name) {
                        continue;
                    }
                    let kind = if block_kind(name).is_some() { kinds.pop() } else { kinds.last().copied() };
                    doc.push(kind.unwrap_or(BlockKind::Paragraph), &current);
                    current.clear();
                }
            }
        }
    }
    doc.push(BlockKind::Paragraph, &current);
    doc.title = title(html);
    doc
}

fn block_kind(name: &str) -> Option<BlockKind> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(BlockKind::Heading(level - b'0')),
        b"li" => Some(BlockKind::ListItem),
        b"p" | b"td" | b"th" | b"dd" | b"dt" => Some(BlockKind::Paragraph),
        _ => None,
    }
}

fn title(html: &Html) -> Option<String> {
    let selector = scraper::Selector::parse("title").ok()?;
    let text: String = html.select(&selector).next()?.text().collect();
    let text = crate::blocks::collapse_whitespace(&text);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        let doc = extract(html).unwrap();
        doc.blocks.iter().map(|b| (b.kind, doc.block_text(b).to_owned())).collect()
    }

    #[test]
    fn block_elements_become_blocks_and_scripts_vanish() {
        let html = r#"<html><head><title>Accordo DPA</title><style>p{}</style></head><body>
<h1>Articolo 5 – Audit</h1><p>Il Cliente <b>può</b> effettuare<br>un audit.</p>
<script>alert("x")</script><ul><li>primo</li><li>secondo</li></ul><img src=x onerror=alert(1)></body></html>"#;
        assert_eq!(
            blocks(html),
            [
                (BlockKind::Heading(1), "Articolo 5 – Audit".to_owned()),
                (BlockKind::Paragraph, "Il Cliente può effettuare".to_owned()),
                (BlockKind::Paragraph, "un audit.".to_owned()),
                (BlockKind::ListItem, "primo".to_owned()),
                (BlockKind::ListItem, "secondo".to_owned()),
            ]
        );
        assert_eq!(extract(html).unwrap().title.as_deref(), Some("Accordo DPA"));
    }

    #[test]
    fn entities_are_decoded_and_markup_never_survives() {
        let got = blocks("<p>&lt;b&gt;AT&amp;T &euro;5.000</p>");
        assert_eq!(got, [(BlockKind::Paragraph, "<b>AT&T €5.000".to_owned())]);
    }

    #[test]
    fn hostile_nesting_depth_is_refused_quickly() {
        let html = format!("{}deep{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        assert_eq!(extract(&html).unwrap_err(), DecodeError::TooDeep(100_000));
    }

    #[test]
    fn moderate_nesting_is_read() {
        let html = format!("{}deep{}", "<div>".repeat(500), "</div>".repeat(500));
        assert_eq!(blocks(&html), [(BlockKind::Paragraph, "deep".to_owned())]);
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_nesting() {
        let html = "<p>x".repeat(5000);
        assert!(extract(&html).is_ok());
    }

    #[test]
    fn table_cells_are_separated() {
        let got = blocks("<table><tr><td>AWS</td><td>Irland</td></tr></table>");
        assert_eq!(got, [(BlockKind::Paragraph, "AWS | Irland".to_owned())]);
    }
}
