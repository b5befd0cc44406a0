//! ODT (OpenDocument text, as LibreOffice writes it): `text:h` headings with their outline
//! level, paragraphs, and list items from `content.xml`. Automatic list numbering is computed
//! from the list styles (number format, prefix, suffix, start value, levels shown) and written
//! in front of the item, as for Word; outline numbering of headings likewise. Footnotes,
//! annotations and tracked deletions are not body text and are left out.
//!
//! Same guards as DOCX: entry count and decompressed bytes per part are capped, XML is
//! streamed with no DTD and no entity expansion.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::blocks::{BlockKind, Extracted};
use crate::docx::{archive, attr, part, predefined_entity, render};
use crate::DecodeError;

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
/// Deeper list nesting than this is counted as this level.
const MAX_LEVEL: usize = 10;

fn bad(reason: impl Into<String>) -> DecodeError {
    DecodeError::Odt(reason.into())
}

pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, DecodeError> {
    let mut zip = archive(bytes, "ODT").map_err(bad)?;
    let mimetype = part(&mut zip, "mimetype").map_err(bad)?.unwrap_or_default();
    if String::from_utf8_lossy(&mimetype).trim() != MIMETYPE {
        return Err(bad("it is not an OpenDocument text (its mimetype is not ODT)"));
    }
    let content = part(&mut zip, "content.xml").map_err(bad)?.ok_or_else(|| bad("content.xml is missing"))?;
    let mut lists = match part(&mut zip, "styles.xml").map_err(bad)? {
        Some(xml) => list_styles(&xml, "styles.xml")?,
        None => ListStyles::default(),
    };
    let automatic = list_styles(&content, "content.xml")?;
    lists.styles.extend(automatic.styles);
    body(&content, &lists)
}

/// How one level of a list style labels its items.
#[derive(Debug, Clone, Default)]
struct Level {
    /// "1", "a", "A", "i", "I"; empty for none; `None` for bullets.
    format: Option<String>,
    prefix: String,
    suffix: String,
    start: u32,
    /// How many levels the label shows ("1.2.3" shows 3).
    shown: usize,
}

#[derive(Debug, Default)]
struct ListStyles {
    styles: HashMap<String, Vec<Level>>,
    /// The outline style numbering headings, if it numbers them.
    outline: Vec<Level>,
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> DecodeError {
    bad(format!("{part} is not well-formed XML: {e}"))
}

fn list_styles(xml: &[u8], name: &str) -> Result<ListStyles, DecodeError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = ListStyles::default();
    let mut current: Option<(String, Vec<Level>)> = None;
    let mut in_outline = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| xml_error(name, e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "list-style" => current = attr(&e, "style:name").map(|n| (n, Vec::new())),
                "outline-style" => in_outline = true,
                "list-level-style-number" | "outline-level-style" | "list-level-style-bullet" => {
                    let level = level_of(&e);
                    let at = attr(&e, "text:level").and_then(|l| l.parse::<usize>().ok()).unwrap_or(1);
                    let levels =
                        if in_outline { Some(&mut out.outline) } else { current.as_mut().map(|c| &mut c.1) };
                    if let Some(levels) = levels {
                        let at = at.clamp(1, MAX_LEVEL);
                        if levels.len() < at {
                            levels.resize(at, Level::default());
                        }
                        levels[at - 1] = level;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "list-style" => {
                    if let Some((name, levels)) = current.take() {
                        out.styles.insert(name, levels);
                    }
                }
                "outline-style" => in_outline = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn level_of(e: &BytesStart<'_>) -> Level {
    let bullet = e.local_name().as_ref() == "list-level-style-bullet";
    let get = |name: &str| attr(e, name).unwrap_or_default();
    Level {
        format: (!bullet).then(|| get("style:num-format")),
        prefix: get("style:num-prefix"),
        suffix: get("style:num-suffix"),
        start: get("text:start-value").parse().unwrap_or(1),
        shown: get("text:display-levels").parse::<usize>().unwrap_or(1).clamp(1, MAX_LEVEL),
    }
}

/// Counters of the list being read, one per level.
#[derive(Default)]
struct Counters {
    style: Option<String>,
    values: Vec<Option<u32>>,
}

impl Counters {
    /// The label of the next item at `depth` (1-based), and whether the level is a bullet.
    fn next(
        &mut self,
        levels: &[Level],
        depth: usize,
        start_override: Option<u32>,
    ) -> (Option<String>, bool) {
        let depth = depth.clamp(1, MAX_LEVEL);
        if self.values.len() < depth {
            self.values.resize(depth, None);
        }
        self.values.truncate(depth);
        let level = levels.get(depth - 1).cloned().unwrap_or_default();
        let Some(format) = level.format.clone() else { return (None, true) };
        let value = match (start_override, self.values[depth - 1]) {
            (Some(start), _) => start,
            (None, Some(v)) => v.saturating_add(1),
            (None, None) => level.start,
        };
        self.values[depth - 1] = Some(value);
        if format.is_empty() {
            return (None, false);
        }
        let shown = level.shown.min(depth);
        let parts: Vec<String> = (depth - shown..depth)
            .map(|k| {
                let format = levels.get(k).and_then(|l| l.format.clone()).unwrap_or_else(|| "1".into());
                render(self.values[k].unwrap_or(1), odf_format(&format))
            })
            .collect();
        (Some(format!("{}{}{}", level.prefix, parts.join("."), level.suffix)), false)
    }
}

/// ODF number formats in the names [`render`] knows from Word.
fn odf_format(format: &str) -> &'static str {
    match format {
        "a" => "lowerLetter",
        "A" => "upperLetter",
        "i" => "lowerRoman",
        "I" => "upperRoman",
        _ => "decimal",
    }
}

/// Where the reader is inside the body.
#[derive(Default)]
struct Walk {
    out: Extracted,
    /// Open `text:list` elements: the style each uses.
    lists: Vec<Option<String>>,
    counters: Counters,
    outline: Counters,
    /// Text of the paragraph or heading being read, with its heading level if any.
    para: Option<(String, Option<u8>)>,
    /// Depth of paragraphs nested in the current one (a note's body, a frame): their text is
    /// not the paragraph's.
    skipping: usize,
    item_start: Option<u32>,
    tables: usize,
    /// The cells of the top-level table row being read.
    row: Option<Vec<String>>,
}

const SKIPPED: [&str; 4] = ["note", "annotation", "tracked-changes", "deletion"];

fn body(xml: &[u8], styles: &ListStyles) -> Result<Extracted, DecodeError> {
    let mut reader = Reader::from_reader(xml);
    let mut walk = Walk::default();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| xml_error("content.xml", e))? {
            Event::Start(e) => walk.open(&e),
            Event::Empty(e) => walk.empty(&e),
            Event::Text(t) if walk.skipping == 0 => {
                if let Some((text, _)) = walk.para.as_mut() {
                    text.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) if walk.skipping == 0 => {
                if let Some((text, _)) = walk.para.as_mut() {
                    text.push_str(&predefined_entity(r.as_ref()));
                }
            }
            Event::End(e) => walk.close(e.local_name().as_ref(), styles),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if walk.out.blocks.is_empty() {
        return Err(DecodeError::NoText);
    }
    Ok(walk.out)
}

impl Walk {
    fn open(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skipping > 0 || SKIPPED.contains(&name) {
            self.skipping += 1;
            return;
        }
        match name {
            "list" => {
                let style = attr(e, "text:style-name").or_else(|| self.lists.last().cloned().flatten());
                let continues = attr(e, "text:continue-numbering").as_deref() == Some("true")
                    || attr(e, "text:continue-list").is_some();
                if self.lists.is_empty() && (!continues || self.counters.style != style) {
                    self.counters = Counters { style: style.clone(), values: Vec::new() };
                }
                self.lists.push(style);
            }
            "list-item" => self.item_start = attr(e, "text:start-value").and_then(|v| v.parse().ok()),
            "h" => {
                let level = attr(e, "text:outline-level").and_then(|l| l.parse::<u8>().ok()).unwrap_or(1);
                self.para = Some((String::new(), Some(level.clamp(1, 6))));
            }
            "p" if self.para.is_some() => self.skipping += 1,
            "p" => self.para = Some((String::new(), None)),
            "table" => self.tables += 1,
            "table-row" if self.tables == 1 => self.row = Some(Vec::new()),
            "table-cell" if self.tables == 1 => self.row.get_or_insert_with(Vec::new).push(String::new()),
            _ => {}
        }
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        if self.skipping > 0 {
            return;
        }
        let Some((text, _)) = self.para.as_mut() else { return };
        match e.local_name().as_ref() {
            "s" => {
                let count = attr(e, "text:c").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1);
                text.push_str(&" ".repeat(count.min(100)));
            }
            "tab" | "line-break" => text.push(' '),
            _ => {}
        }
    }

    fn close(&mut self, name: &str, styles: &ListStyles) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        match name {
            "list" => {
                self.lists.pop();
            }
            "h" | "p" => {
                if let Some((text, heading)) = self.para.take() {
                    self.push(text, heading, styles);
                }
            }
            "table-row" if self.tables == 1 => {
                let cells = self.row.take().unwrap_or_default();
                let cells: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
                self.out.push(BlockKind::TableRow, &cells.join(" | "));
            }
            "table" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }

    fn push(&mut self, text: String, heading: Option<u8>, styles: &ListStyles) {
        if text.trim().is_empty() {
            return;
        }
        let (label, bullet) = match heading {
            Some(level) if !styles.outline.is_empty() => {
                self.outline.next(&styles.outline, level as usize, None)
            }
            Some(_) => (None, false),
            None if !self.lists.is_empty() => {
                let levels =
                    self.lists.last().cloned().flatten().and_then(|s| styles.styles.get(&s).cloned());
                let start = self.item_start.take();
                self.counters.next(&levels.unwrap_or_default(), self.lists.len(), start)
            }
            None => (None, false),
        };
        let text = match label {
            Some(label) => format!("{label} {}", text.trim()),
            None => text.trim().to_owned(),
        };
        if let Some(cell) = self.row.as_mut().and_then(|cells| cells.last_mut()) {
            // A table cell's paragraphs are that cell's text, not blocks of their own.
            cell.push(' ');
            cell.push_str(&text);
            return;
        }
        let kind = match (heading, bullet) {
            (Some(level), _) => BlockKind::Heading(level),
            (None, true) => BlockKind::ListItem,
            (None, false) => BlockKind::Paragraph,
        };
        self.out.push(kind, &text);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0""#;

    fn odt(content: &str, mimetype: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", options).unwrap();
        zip.write_all(mimetype.as_bytes()).unwrap();
        zip.start_file("content.xml", options).unwrap();
        zip.write_all(
            format!("<office:document-content {NS}>{content}</office:document-content>").as_bytes(),
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    const STYLES: &str = r#"<office:automatic-styles><text:list-style style:name="L1">
        <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="." text:start-value="3"/>
        <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"/>
        <text:list-level-style-number text:level="3" style:num-format="1" text:display-levels="3"/>
        </text:list-style><text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style></office:automatic-styles>"#;

    #[test]
    fn headings_lists_and_their_numbers_become_structure() {
        let body = r#"<office:body><office:text>
            <text:h text:outline-level="1">Artikel 8 Haftung</text:h>
            <text:p>Die Haftung ist<text:s text:c="3"/>begrenzt<text:note><text:note-body><text:p>Fußnote</text:p></text:note-body></text:note> auf &amp; EUR 5.000.</text:p>
            <text:list text:style-name="L1">
              <text:list-item><text:p>erstens</text:p>
                <text:list><text:list-item><text:p>unterpunkt</text:p>
                  <text:list><text:list-item><text:p>tief</text:p></text:list-item></text:list>
                </text:list-item><text:list-item><text:p>zweiter unterpunkt</text:p></text:list-item></text:list>
              </text:list-item>
              <text:list-item><text:p>zweitens</text:p></text:list-item>
            </text:list>
            <text:list text:style-name="B"><text:list-item><text:p>Punkt</text:p></text:list-item></text:list>
            </office:text></office:body>"#;
        let doc = extract(&odt(&format!("{STYLES}{body}"), MIMETYPE)).unwrap();
        let blocks: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading(1), "Artikel 8 Haftung"),
                (BlockKind::Paragraph, "Die Haftung ist begrenzt auf & EUR 5.000."),
                (BlockKind::Paragraph, "3. erstens"),
                (BlockKind::Paragraph, "a) unterpunkt"),
                (BlockKind::Paragraph, "3.a.1 tief"),
                (BlockKind::Paragraph, "b) zweiter unterpunkt"),
                (BlockKind::Paragraph, "4. zweitens"),
                (BlockKind::ListItem, "Punkt"),
            ]
        );
    }

    #[test]
    fn a_table_row_is_one_block_with_its_cells() {
        let table = r#"<office:body><office:text xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
            <text:p>Unterauftragnehmer</text:p>
            <table:table><table:table-row><table:table-cell><text:p>Hetzner</text:p></table:table-cell>
            <table:table-cell><text:p>Hosting</text:p><text:p>Nürnberg</text:p></table:table-cell></table:table-row></table:table>
            <text:p>Ende.</text:p></office:text></office:body>"#;
        let doc = extract(&odt(table, MIMETYPE)).unwrap();
        let blocks: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Paragraph, "Unterauftragnehmer"),
                (BlockKind::TableRow, "Hetzner | Hosting Nürnberg"),
                (BlockKind::Paragraph, "Ende."),
            ]
        );
    }

    #[test]
    fn other_archives_and_broken_parts_are_refused_with_a_reason() {
        let not_odt = odt("<office:body/>", "application/vnd.oasis.opendocument.spreadsheet");
        assert!(extract(&not_odt).unwrap_err().to_string().contains("not an OpenDocument text"));
        let broken = odt("<office:body><office:text><text:p>a</text:h>", MIMETYPE);
        assert!(extract(&broken).unwrap_err().to_string().contains("content.xml"));
        assert!(extract(b"PK\x03\x04 broken").unwrap_err().to_string().contains("ODT"));
        let unknown = "<office:body><office:text><text:p>&e;&e;Text</text:p></office:text></office:body>";
        let doc = extract(&odt(unknown, MIMETYPE)).unwrap();
        assert_eq!(doc.text, "Text", "an entity no DTD may define is never expanded");
    }
}
