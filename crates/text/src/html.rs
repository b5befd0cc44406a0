//! HTML: text of block elements becomes blocks; scripts, styles and markup are dropped.
//!
//! The DOM is walked iteratively (ego-tree's `traverse`), so hostile nesting
//! depth cannot overflow the stack.

use ego_tree::iter::Edge;
use scraper::{node::Node, Html};

use crate::blocks::{BlockKind, Emphasis, Extracted};
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
    let mut w = Walker::default();
    let mut skipping = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if SKIPPED.contains(&el.name()) || skipping > 0 {
                        skipping += usize::from(SKIPPED.contains(&el.name()));
                        continue;
                    }
                    w.open(el);
                }
                Node::Text(t) if skipping == 0 => w.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if SKIPPED.contains(&el.name()) {
                        skipping = skipping.saturating_sub(1);
                    } else if skipping == 0 {
                        w.close(el);
                    }
                }
            }
        }
    }
    w.flush(BlockKind::Paragraph);
    let mut doc = w.doc;
    doc.title = title(html);
    doc
}

/// The block being read and what is known of it.
#[derive(Default)]
struct Walker {
    doc: Extracted,
    current: String,
    kinds: Vec<BlockKind>,
    /// Open bold elements, and the letters read inside and outside them.
    bold: usize,
    emphasis: Emphasis,
    /// Open lists, innermost last: the next number of an `<ol>`, `None` for `<ul>`.
    lists: Vec<Option<OlCounter>>,
}

/// Numbering of an `<ol>`: its next value and its marker type ("1", "a", "A", "i", "I").
#[derive(Clone, Copy)]
struct OlCounter {
    next: i64,
    style: u8,
}

impl Walker {
    fn open(&mut self, el: &scraper::node::Element) {
        let name = el.name();
        if is_bold(el) {
            self.bold += 1;
        }
        match name {
            "ol" => {
                let next = el.attr("start").and_then(|v| v.trim().parse().ok()).unwrap_or(1);
                let style = el.attr("type").and_then(|t| t.bytes().next()).unwrap_or(b'1');
                self.lists.push(Some(OlCounter { next, style }));
            }
            "ul" | "menu" => self.lists.push(None),
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.flush(*self.kinds.last().unwrap_or(&BlockKind::Paragraph));
            if let Some(kind) = block_kind(name) {
                self.kinds.push(kind);
            }
            if name == "li" {
                self.number_item(el.attr("value").and_then(|v| v.trim().parse().ok()));
            }
        } else if matches!(name, "td" | "th") && !self.current.is_empty() {
            self.current.push_str(" | ");
        }
    }

    fn close(&mut self, el: &scraper::node::Element) {
        let name = el.name();
        if BLOCKS.contains(&name) {
            let kind = if block_kind(name).is_some() { self.kinds.pop() } else { self.kinds.last().copied() };
            self.flush(kind.unwrap_or(BlockKind::Paragraph));
        }
        if matches!(name, "ol" | "ul" | "menu") {
            self.lists.pop();
        }
        if is_bold(el) {
            self.bold = self.bold.saturating_sub(1);
        }
    }

    /// An item of an ordered list starts with its number, as a browser shows it.
    fn number_item(&mut self, value: Option<i64>) {
        let Some(Some(counter)) = self.lists.last_mut() else { return };
        let n = value.unwrap_or(counter.next);
        counter.next = n.saturating_add(1);
        if let Some(marker) = marker(n, counter.style) {
            self.current.push_str(&marker);
            self.current.push_str(". ");
        }
    }

    fn text(&mut self, text: &str) {
        self.emphasis.add(text, self.bold > 0);
        self.current.push_str(text);
    }

    fn flush(&mut self, kind: BlockKind) {
        let kind = self.emphasis.kind(kind);
        let bare_number = kind == BlockKind::ListItem
            && self.current.trim().strip_suffix('.').is_some_and(|n| n.chars().all(char::is_alphanumeric));
        if !bare_number {
            let depth = if kind == BlockKind::ListItem { self.lists.len().min(9) as u8 } else { 0 };
            self.doc.push_nested(kind, &self.current, depth);
        }
        self.current.clear();
        self.emphasis = Emphasis::default();
    }
}

/// `<b>`, `<strong>`, or a bold style (word processors' HTML exports set weights by style).
fn is_bold(el: &scraper::node::Element) -> bool {
    matches!(el.name(), "b" | "strong")
        || el.attr("style").is_some_and(|style| {
            let style = style.to_ascii_lowercase().replace(' ', "");
            ["font-weight:bold", "font-weight:700", "font-weight:800", "font-weight:900"]
                .iter()
                .any(|w| style.contains(w))
        })
}

/// The marker of item `n` in an `<ol type=…>`: 1, a, A, i or I.
fn marker(n: i64, style: u8) -> Option<String> {
    match style {
        b'a' | b'A' if (1..=26).contains(&n) => {
            let letter = char::from(b'a' + (n - 1) as u8);
            Some(if style == b'A' { letter.to_ascii_uppercase() } else { letter }.to_string())
        }
        b'i' | b'I' if (1..=39).contains(&n) => {
            let roman = roman(n as usize);
            Some(if style == b'I' { roman.to_uppercase() } else { roman })
        }
        _ => Some(n.to_string()),
    }
}

fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (value, digits) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

fn block_kind(name: &str) -> Option<BlockKind> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(BlockKind::Heading(level - b'0')),
        b"li" => Some(BlockKind::ListItem),
        b"tr" => Some(BlockKind::TableRow),
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
        assert_eq!(got, [(BlockKind::TableRow, "AWS | Irland".to_owned())]);
    }

    #[test]
    fn ordered_items_are_numbered_as_a_browser_shows_them() {
        let got = blocks(
            r#"<ol start="3"><li>drei</li><li>vier<ol type="a"><li>a-Punkt</li></ol></li><li value="9">neun</li></ol><ul><li>Punkt</li></ul>"#,
        );
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["3. drei", "4. vier", "a. a-Punkt", "9. neun", "Punkt"]);
    }

    #[test]
    fn bold_paragraphs_are_emphasised() {
        let got = blocks(
            r#"<p><strong>Bilaga 1</strong></p><p><b>Namn:</b> Kund AB</p><p><span style="font-weight: 700">Haftung</span></p>"#,
        );
        let kinds: Vec<BlockKind> = got.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, [BlockKind::Emphasised, BlockKind::Paragraph, BlockKind::Emphasised]);
    }
}
