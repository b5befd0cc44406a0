//! DOCX (Office Open XML): paragraphs of `word/document.xml` become blocks; Word heading styles
//! become headings; automatic list numbering is computed and written in front of the paragraph
//! ("1.1 …", "a) …"), so clause segmentation sees the numbers a reader sees. Headers, footers,
//! comments and external references live in other parts and are never read.
//!
//! Hostile files: the archive is read with limits on entries and on bytes actually
//! decompressed per part; XML is read as a stream (no recursion, no DTD, no entity expansion).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::blocks::{BlockKind, Emphasis, Extracted};
use crate::DecodeError;

/// More entries than this is not a Word document but a trap.
const MAX_ENTRIES: usize = 10_000;
/// Decompressed size allowed per XML part.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

fn bad(reason: impl Into<String>) -> DecodeError {
    DecodeError::Docx(reason.into())
}

pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, DecodeError> {
    let mut zip = archive(bytes, "DOCX").map_err(bad)?;
    let document = part(&mut zip, "word/document.xml")
        .map_err(bad)?
        .ok_or_else(|| bad("word/document.xml is missing"))?;
    let styles = match part(&mut zip, "word/styles.xml").map_err(bad)? {
        Some(xml) => styles(&xml)?,
        None => HashMap::new(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml").map_err(bad)? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    body(&document, &styles, numbering)
}

/// One part, decompressed up to the limit; `None` if the archive lacks it.
pub(crate) fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be read: {e}")),
    };
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name} cannot be decompressed: {e}"))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(format!("{name} decompresses to more than {} MB (a zip bomb?)", MAX_PART_BYTES >> 20));
    }
    Ok(Some(out))
}

/// The archive, if it is one and has a sane number of entries.
pub(crate) fn archive<'a>(bytes: &'a [u8], what: &str) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>, String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a valid {what} (zip) archive: {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("the archive has {} entries (more than {MAX_ENTRIES})", zip.len()));
    }
    Ok(zip)
}

/// What a paragraph style means for structure.
#[derive(Debug, Clone, Default)]
struct Style {
    heading: Option<u8>,
    numbering: Option<(String, usize)>,
}

pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.to_string())
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> DecodeError {
    bad(format!("{part} is not well-formed XML: {e}"))
}

/// Paragraph styles: "heading 1" … "heading 9" and "Title" (by name, whatever the UI language),
/// or an outline level; and numbering a style carries.
fn styles(xml: &[u8]) -> Result<HashMap<String, Style>, DecodeError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = HashMap::new();
    let (mut id, mut style) = (None::<String>, Style::default());
    let mut num = (None::<String>, 0usize);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| xml_error("word/styles.xml", e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    id = attr(&e, "w:styleId");
                    style = Style::default();
                    num = (None, 0);
                }
                "name" => {
                    let name = attr(&e, "w:val").unwrap_or_default().to_lowercase();
                    if let Some(level) = name.strip_prefix("heading ").and_then(|n| n.parse().ok()) {
                        style.heading = Some(level);
                    } else if name == "title" {
                        style.heading = Some(1);
                    }
                }
                "outlineLvl" => {
                    let level: u8 = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(9);
                    if level < 9 && style.heading.is_none() {
                        style.heading = Some(level + 1);
                    }
                }
                "numId" => num.0 = attr(&e, "w:val"),
                "ilvl" => num.1 = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some(id) = id.take() {
                    style.numbering = num.0.take().map(|n| (n, num.1));
                    out.insert(id, std::mem::take(&mut style));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// Word's automatic numbering: list definitions, and counters as the document runs.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// numId → levels it restarts at a given number (`w:lvlOverride/w:startOverride`).
    overrides: HashMap<String, Vec<(usize, u32)>>,
    /// numIds seen so far in the document.
    used: std::collections::HashSet<String>,
    /// abstractNumId → counters per level (`None`: not started).
    counters: HashMap<String, Vec<Option<u32>>>,
}

impl Numbering {
    fn parse(xml: &[u8]) -> Result<Numbering, DecodeError> {
        let mut reader = Reader::from_reader(xml);
        let mut n = Numbering::default();
        let (mut abstract_id, mut num_id) = (None::<String>, None::<String>);
        let mut override_level = 0usize;
        let mut level = Level { format: "decimal".into(), text: "%1.".into(), start: 1 };
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).map_err(|e| xml_error("word/numbering.xml", e))? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = attr(&e, "w:abstractNumId"),
                    "lvl" => level = Level { format: "decimal".into(), text: String::new(), start: 1 },
                    "start" => level.start = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1),
                    "numFmt" => level.format = attr(&e, "w:val").unwrap_or_default(),
                    "lvlText" => level.text = attr(&e, "w:val").unwrap_or_default(),
                    "num" => num_id = attr(&e, "w:numId"),
                    "lvlOverride" => {
                        override_level = attr(&e, "w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
                    }
                    "startOverride" => {
                        if let (Some(num), Some(start)) =
                            (num_id.clone(), attr(&e, "w:val").and_then(|v| v.parse().ok()))
                        {
                            n.overrides.entry(num).or_default().push((override_level, start));
                        }
                    }
                    "abstractNumId" => {
                        if let (Some(num), Some(target)) = (num_id.clone(), attr(&e, "w:val")) {
                            n.nums.insert(num, target);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "lvl" => {
                    if let Some(id) = &abstract_id {
                        let levels = n.abstracts.entry(id.clone()).or_default();
                        if levels.len() < 9 {
                            levels.push(level.clone());
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(n)
    }

    /// The label of the next paragraph of list `num_id` at level `ilvl` ("1.2", "b)"), or `None`
    /// for bullets and unknown lists. A bullet counts as a list item.
    fn next(&mut self, num_id: &str, ilvl: usize) -> (Option<String>, bool) {
        let Some(abstract_id) = self.nums.get(num_id) else { return (None, false) };
        let Some(levels) = self.abstracts.get(abstract_id) else { return (None, false) };
        let Some(level) = levels.get(ilvl) else { return (None, false) };
        if level.format == "bullet" || level.format == "none" {
            return (None, level.format == "bullet");
        }
        let counters = self.counters.entry(abstract_id.clone()).or_insert_with(|| vec![None; 9]);
        // A list instance that restarts (Word writes a start override) begins afresh when first used.
        let mut restart = None;
        if self.used.insert(num_id.to_owned()) {
            for &(lvl, start) in self.overrides.get(num_id).map_or(&[][..], Vec::as_slice) {
                counters[lvl] = None;
                if lvl == ilvl {
                    restart = Some(start);
                }
            }
        }
        counters[ilvl] = Some(match (counters[ilvl], restart) {
            (_, Some(start)) => start,
            (Some(c), None) => c.saturating_add(1),
            (None, None) => level.start,
        });
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let mut label = level.text.clone();
        for (k, l) in levels.iter().enumerate().take(ilvl + 1) {
            label = label.replace(&format!("%{}", k + 1), &render(counters[k].unwrap_or(l.start), &l.format));
        }
        (Some(label), false)
    }
}

pub(crate) fn render(n: u32, format: &str) -> String {
    let letter = |upper: bool| {
        let base = if upper { b'A' } else { b'a' };
        let mut s = String::new();
        // "aa", "bbb" after "z", as Word writes them; a crafted start number cannot make it long.
        let repeat = ((n.max(1) - 1) / 26 + 1).min(4) as usize;
        s.extend(std::iter::repeat_n((base + ((n.max(1) - 1) % 26) as u8) as char, repeat));
        s
    };
    match format {
        "lowerLetter" => letter(false),
        "upperLetter" => letter(true),
        "lowerRoman" if n < 4000 => roman(n).to_lowercase(),
        "upperRoman" if n < 4000 => roman(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: usize,
    outline: Option<u8>,
    /// Letters read in bold runs and in plain ones.
    emphasis: Emphasis,
}

/// Where the reader is: inside which paragraph, run, table row.
#[derive(Default)]
struct Place {
    para: Option<Paragraph>,
    in_text: bool,
    /// Inside the paragraph's own properties (its mark's bold is not its text's).
    in_ppr: bool,
    run_bold: bool,
    tables: usize,
    /// The cells of the top-level table row being read.
    row: Option<Vec<String>>,
}

fn body(
    xml: &[u8],
    styles: &HashMap<String, Style>,
    mut numbering: Numbering,
) -> Result<Extracted, DecodeError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Extracted::default();
    let mut at = Place::default();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| xml_error("word/document.xml", e))? {
            Event::Start(e) => {
                match e.local_name().as_ref() {
                    "p" => at.para = Some(Paragraph::default()),
                    "t" => at.in_text = true,
                    "pPr" => at.in_ppr = true,
                    "r" => at.run_bold = false,
                    "tbl" => at.tables += 1,
                    "tr" if at.tables == 1 => at.row = Some(Vec::new()),
                    "tc" if at.tables == 1 => at.row.get_or_insert_with(Vec::new).push(String::new()),
                    _ => {}
                }
                element(&e, &mut at);
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" | "br" | "cr" => {
                    if let Some(p) = at.para.as_mut() {
                        p.text.push(' ');
                    }
                }
                _ => element(&e, &mut at),
            },
            Event::Text(t) if at.in_text => {
                // Entity references come as their own events (below), so this text is literal.
                add_text(&mut at, t.as_ref());
            }
            Event::GeneralRef(r) if at.in_text => {
                add_text(&mut at, &predefined_entity(r.as_ref()));
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => at.in_text = false,
                "pPr" => at.in_ppr = false,
                "p" => {
                    if let Some(p) = at.para.take() {
                        match (at.tables, at.row.as_mut().and_then(|cells| cells.last_mut())) {
                            (1.., Some(cell)) => {
                                let (_, text) = paragraph_text(p, styles, &mut numbering);
                                if !cell.is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(&text);
                            }
                            _ => push_paragraph(&mut out, p, styles, &mut numbering),
                        }
                    }
                }
                "tr" if at.tables == 1 => {
                    let cells = at.row.take().unwrap_or_default();
                    let cells: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
                    out.push(BlockKind::TableRow, &cells.join(" | "));
                }
                "tbl" => at.tables = at.tables.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if out.blocks.is_empty() {
        return Err(DecodeError::NoText);
    }
    Ok(out)
}

fn add_text(at: &mut Place, text: &str) {
    let bold = at.run_bold;
    if let Some(p) = at.para.as_mut() {
        p.emphasis.add(text, bold);
        p.text.push_str(text);
    }
}

/// A property element: of the paragraph, or a run's bold switch.
fn element(e: &BytesStart<'_>, at: &mut Place) {
    if e.local_name().as_ref() == "b" && !at.in_ppr {
        at.run_bold = !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off"));
        return;
    }
    paragraph_property(e, at.para.as_mut());
}

/// `&amp;` and friends, and character references; anything else (a DTD's entity) is not expanded.
pub(crate) fn predefined_entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code = name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse));
            code.and_then(Result::ok).and_then(char::from_u32).map(String::from).unwrap_or_default()
        }
    }
}

fn paragraph_property(e: &BytesStart<'_>, para: Option<&mut Paragraph>) {
    let Some(p) = para else { return };
    match e.local_name().as_ref() {
        "pStyle" => p.style = attr(e, "w:val"),
        "numId" => p.num_id = attr(e, "w:val"),
        "ilvl" => p.ilvl = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8),
        "outlineLvl" => {
            p.outline = attr(e, "w:val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 9).map(|l| l + 1);
        }
        _ => {}
    }
}

fn push_paragraph(
    out: &mut Extracted,
    p: Paragraph,
    styles: &HashMap<String, Style>,
    numbering: &mut Numbering,
) {
    if p.text.trim().is_empty() {
        return;
    }
    let (kind, text) = paragraph_text(p, styles, numbering);
    out.push(kind, &text);
}

/// A paragraph's kind and its text with its list number written before it.
fn paragraph_text(
    p: Paragraph,
    styles: &HashMap<String, Style>,
    numbering: &mut Numbering,
) -> (BlockKind, String) {
    let style = p.style.as_ref().and_then(|s| styles.get(s)).cloned().unwrap_or_default();
    // Direct numbering wins over the style's; numId 0 switches numbering off.
    let list = match (&p.num_id, &style.numbering) {
        (Some(id), _) if id != "0" => Some((id.clone(), p.ilvl)),
        (Some(_), _) => None,
        (None, Some((id, level))) => Some((id.clone(), *level)),
        (None, None) => None,
    };
    let (label, bullet) = match &list {
        Some((id, level)) => numbering.next(id, *level),
        None => (None, false),
    };
    let text = match label {
        Some(label) if !label.trim().is_empty() => format!("{} {}", label.trim(), p.text.trim()),
        _ => p.text.trim().to_owned(),
    };
    let bold = p.emphasis.all_bold();
    let kind = match (style.heading.or(p.outline), bullet, bold) {
        (Some(level), _, _) => BlockKind::Heading(level.clamp(1, 6)),
        (None, true, _) => BlockKind::ListItem,
        (None, false, true) => BlockKind::Emphasised,
        (None, false, false) => BlockKind::Paragraph,
    };
    (kind, text)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A minimal DOCX with these parts (name, content).
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn para(style: Option<&str>, num: Option<(u32, u32)>, text: &str) -> String {
        let style = style.map(|s| format!(r#"<w:pStyle w:val="{s}"/>"#)).unwrap_or_default();
        let num = num
            .map(|(id, lvl)| format!(r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#))
            .unwrap_or_default();
        format!(r#"<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn styles_xml() -> String {
        format!(
            r#"<?xml version="1.0"?><w:styles {W}><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Standard"><w:name w:val="Normal"/></w:style></w:styles>"#
        )
    }

    fn numbering_xml() -> String {
        format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num></w:numbering>"#
        )
    }

    pub(crate) fn sample_docx() -> Vec<u8> {
        let body = [
            para(None, None, "Auftragsverarbeitungsvertrag"),
            para(Some("berschrift1"), Some((1, 0)), "Haftung"),
            para(None, Some((1, 1)), "Die Haftung ist auf &#8364;5.000 begrenzt &amp; gilt für Schäden."),
            para(None, Some((1, 2)), "indirekte Schäden"),
            para(None, Some((1, 2)), "entgangener Gewinn"),
            para(None, Some((2, 0)), "ein Aufzählungspunkt"),
            para(Some("berschrift1"), Some((1, 0)), "Gerichtsstand"),
            para(None, Some((1, 1)), "Gerichtsstand ist München."),
            r"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Zelle</w:t></w:r><w:r><w:tab/><w:t>eins</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Hetzner</w:t></w:r></w:p><w:p><w:r><w:t>Nürnberg</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_owned(),
            r"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Anlage 1</w:t></w:r></w:p>".to_owned(),
            r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Name:</w:t></w:r><w:r><w:t xml:space="preserve"> Kunde</w:t></w:r></w:p>"#.to_owned(),
        ]
        .concat();
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[
            ("word/document.xml", document.as_bytes()),
            ("word/styles.xml", styles_xml().as_bytes()),
            ("word/numbering.xml", numbering_xml().as_bytes()),
        ])
    }

    #[test]
    fn headings_and_list_numbers_become_structure() {
        let doc = extract(&sample_docx()).unwrap();
        let blocks: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Paragraph, "Auftragsverarbeitungsvertrag"),
                (BlockKind::Heading(1), "1. Haftung"),
                (BlockKind::Paragraph, "1.1 Die Haftung ist auf €5.000 begrenzt & gilt für Schäden."),
                (BlockKind::Paragraph, "a) indirekte Schäden"),
                (BlockKind::Paragraph, "b) entgangener Gewinn"),
                (BlockKind::ListItem, "ein Aufzählungspunkt"),
                (BlockKind::Heading(1), "2. Gerichtsstand"),
                (BlockKind::Paragraph, "2.1 Gerichtsstand ist München."),
                (BlockKind::TableRow, "Zelle eins | Hetzner Nürnberg"),
                (BlockKind::Emphasised, "Anlage 1"),
                (BlockKind::Paragraph, "Name: Kunde"),
            ]
        );
    }

    #[test]
    fn hostile_archives_are_refused_with_a_reason() {
        let reason = |bytes: &[u8]| extract(bytes).unwrap_err().to_string();
        assert!(reason(b"PK\x03\x04 truncated").contains("not a valid DOCX"));
        assert!(reason(&zip_of(&[("word/styles.xml", b"<x/>")])).contains("word/document.xml is missing"));
        // A bomb: 70 MB of spaces compress to almost nothing.
        let bomb = vec![b' '; 70 * 1024 * 1024];
        assert!(reason(&zip_of(&[("word/document.xml", &bomb)])).contains("zip bomb"));
        let broken = format!("<w:document {W}><w:body><w:p><w:r><w:t>x</w:r></w:p>");
        assert!(reason(&zip_of(&[("word/document.xml", broken.as_bytes())])).contains("not well-formed"));
        let many: Vec<(String, Vec<u8>)> = (0..=MAX_ENTRIES).map(|k| (format!("f{k}"), Vec::new())).collect();
        let refs: Vec<(&str, &[u8])> = many.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        assert!(reason(&zip_of(&refs)).contains("entries"));
    }

    #[test]
    fn entities_from_a_dtd_are_never_expanded() {
        let lol = format!(
            r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document {W}><w:body>{}</w:body></w:document>"#,
            para(None, None, "Vertrag &b; Ende")
        );
        let doc = extract(&zip_of(&[("word/document.xml", lol.as_bytes())])).unwrap();
        assert_eq!(doc.text, "Vertrag Ende");
    }
}
