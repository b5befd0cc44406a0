//! The report as an A4 PDF, made offline with krilla: DejaVu Sans embedded (subset), so
//! å ä ö ß é è ë € and typographic quotes print; page numbers; tables that break between
//! rows, repeating their header, and rows taller than a page split by lines.

use std::sync::LazyLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::raw::TableProvider;
use skrifa::MetadataProvider;

use super::{Report, ReportRow};
use crate::api::RedlineOp;
use crate::{Error, Result};

const REGULAR: &[u8] = include_bytes!("../../report/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../report/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const BOTTOM: f32 = PAGE_H - MARGIN - 14.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
const BODY: f32 = 9.0;
const SMALL: f32 = 7.5;

const INK: (u8, u8, u8) = (28, 35, 48);
const MUTED: (u8, u8, u8) = (91, 101, 117);
const LINE: (u8, u8, u8) = (200, 205, 214);

/// Advance widths of a font, for line breaking.
struct Metrics {
    font: skrifa::FontRef<'static>,
    units_per_em: f32,
}

impl Metrics {
    fn new(data: &'static [u8]) -> Metrics {
        let font = skrifa::FontRef::new(data).expect("bundled font parses");
        let units_per_em = f32::from(font.head().expect("font has a head table").units_per_em());
        Metrics { font, units_per_em }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let glyphs = self
            .font
            .glyph_metrics(skrifa::instance::Size::unscaled(), skrifa::instance::LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| glyphs.advance_width(charmap.map(c).unwrap_or_default()).unwrap_or(0.0))
            .sum();
        units * size / self.units_per_em
    }
}

static METRICS: LazyLock<(Metrics, Metrics)> = LazyLock::new(|| (Metrics::new(REGULAR), Metrics::new(BOLD)));

/// A styled piece of text.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    color: (u8, u8, u8),
}

const TEXT: Style = Style { size: BODY, bold: false, color: INK };

fn width(text: &str, style: Style) -> f32 {
    let m = if style.bold { &METRICS.1 } else { &METRICS.0 };
    m.width(text, style.size)
}

/// What is drawn, positioned, before the page count is known.
enum Op {
    Text { x: f32, y: f32, style: Style, text: String },
    Rect { x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8) },
}

/// Lays out top to bottom, opening pages as needed.
struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout { pages: vec![Vec::new()], y: MARGIN }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Room for `h` more points on this page, or a new page.
    fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    fn op(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// Wrapped text at `x`, `w` wide.
    fn paragraph(&mut self, text: &str, x: f32, w: f32, style: Style) {
        for line in wrap(text, w, style) {
            let lh = style.size * 1.35;
            self.need(lh);
            self.op(Op::Text { x, y: self.y + style.size, style, text: line });
            self.y += lh;
        }
    }

    fn heading(&mut self, text: &str, size: f32) {
        self.need(size * 3.0);
        self.gap(size * 0.6);
        self.paragraph(text, MARGIN, WIDTH, Style { size, bold: true, color: INK });
        if size > 12.0 {
            self.op(Op::Rect { x: MARGIN, y: self.y, w: WIDTH, h: 0.8, color: INK });
        }
        self.gap(size * 0.4);
    }
}

/// A table cell: lines of styled text.
type Cell = Vec<(String, Style)>;

const PAD: f32 = 3.0;

impl Layout {
    /// A table with a header repeated on every page; rows break between pages, and a row taller
    /// than a page is split by lines.
    fn table(&mut self, widths: &[f32], header: &[Cell], rows: &[Vec<Cell>]) {
        let header_lines = wrapped_row(header, widths);
        self.need(row_height(&header_lines) + 3.0 * BODY);
        self.table_row(widths, &header_lines, true);
        for row in rows {
            let mut lines = wrapped_row(row, widths);
            loop {
                let h = row_height(&lines);
                if self.y + h <= BOTTOM {
                    self.table_row(widths, &lines, false);
                    break;
                }
                let room = BOTTOM - self.y;
                let fits = lines_fitting(&lines, room);
                if fits > 0 && room > 0.25 * (BOTTOM - MARGIN) {
                    let rest: Vec<Vec<(String, Style)>> =
                        lines.iter_mut().map(|c| c.split_off(fits.min(c.len()))).collect();
                    self.table_row(widths, &lines, false);
                    lines = rest;
                }
                self.new_page();
                self.table_row(widths, &header_lines, true);
            }
        }
        self.gap(6.0);
    }

    fn table_row(&mut self, widths: &[f32], cells: &[Vec<(String, Style)>], header: bool) {
        let h = row_height(cells);
        if header {
            self.op(Op::Rect { x: MARGIN, y: self.y, w: widths.iter().sum(), h, color: (242, 244, 247) });
        }
        let mut x = MARGIN;
        for (cell, w) in cells.iter().zip(widths) {
            let mut y = self.y + PAD;
            for (text, style) in cell {
                self.op(Op::Text { x: x + PAD, y: y + style.size, style: *style, text: text.clone() });
                y += style.size * 1.35;
            }
            x += w;
        }
        self.y += h;
        self.op(Op::Rect { x: MARGIN, y: self.y, w: widths.iter().sum(), h: 0.5, color: LINE });
    }
}

fn wrapped_row(cells: &[Cell], widths: &[f32]) -> Vec<Vec<(String, Style)>> {
    cells
        .iter()
        .zip(widths)
        .map(|(cell, w)| {
            cell.iter()
                .flat_map(|(text, style)| wrap(text, w - 2.0 * PAD, *style).into_iter().map(|l| (l, *style)))
                .collect()
        })
        .collect()
}

fn row_height(cells: &[Vec<(String, Style)>]) -> f32 {
    let tallest = cells.iter().map(|c| c.iter().map(|(_, s)| s.size * 1.35).sum::<f32>()).fold(0.0, f32::max);
    tallest + 2.0 * PAD
}

/// How many lines of every cell fit in `room` points.
fn lines_fitting(cells: &[Vec<(String, Style)>], room: f32) -> usize {
    let line = cells.iter().flat_map(|c| c.iter().map(|(_, s)| s.size * 1.35)).fold(BODY, f32::max);
    ((room - 2.0 * PAD) / line).floor().max(0.0) as usize
}

/// Greedy line breaking on spaces; a word wider than the line is broken by characters.
fn wrap(text: &str, w: f32, style: Style) -> Vec<String> {
    let space = width(" ", style);
    let mut lines = Vec::new();
    for paragraph in clean(text).split('\n') {
        let (mut line, mut used) = (String::new(), 0.0);
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_w = width(word, style);
            let extra = if line.is_empty() { word_w } else { space + word_w };
            if used + extra <= w {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                used += extra;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            if word_w <= w {
                line.push_str(word);
                used = word_w;
                continue;
            }
            for ch in word.chars() {
                let ch_w = width(ch.encode_utf8(&mut [0; 4]), style);
                if !line.is_empty() && used + ch_w > w {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(ch);
                used += ch_w;
            }
        }
        lines.push(line);
    }
    lines
}

/// Text as the PDF shows it: tabs and stray control characters become spaces.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c != '\n' && c.is_control() { ' ' } else { c }).collect()
}

pub(super) fn render(r: &Report) -> Result<Vec<u8>> {
    let mut l = Layout::new();
    let t = |k| r.labels().t(k);
    l.paragraph(&r.title, MARGIN, WIDTH, Style { size: 18.0, bold: true, color: INK });
    let meta = format!("{}: {} · Concordia {} {}", t("generated"), r.generated, t("version"), r.version);
    l.paragraph(&meta, MARGIN, WIDTH, Style { color: MUTED, ..TEXT });
    documents(&mut l, r);
    key_terms(&mut l, r);
    checklist(&mut l, r);
    l.heading(t("aligned"), 14.0);
    for row in &r.rows {
        aligned_row(&mut l, r, row);
    }
    l.heading(t("corrections"), 14.0);
    if r.corrections.is_empty() {
        l.paragraph(t("none"), MARGIN, WIDTH, TEXT);
    }
    for c in &r.corrections {
        l.paragraph(&format!("• {}: {} ↔ {} ({})", c.kind, c.first, c.second, c.at), MARGIN, WIDTH, TEXT);
    }
    bookmarks(&mut l, r);
    let meta = Meta { title: &r.title, version: &r.version, lang: &r.lang };
    draw(&meta, r.labels(), l.pages)
}

/// What a PDF says of itself and prints in its footer.
pub(super) struct Meta<'a> {
    pub title: &'a str,
    pub version: &'a str,
    pub lang: &'a str,
}

/// A report that is one table: a title, a few lines, and the table (the portfolio).
pub(super) fn table_report(
    meta: &Meta<'_>,
    labels: &super::Labels,
    lines: &[String],
    widths: &[f32],
    header: &[String],
    rows: &[Vec<Vec<String>>],
) -> Result<Vec<u8>> {
    let mut l = Layout::new();
    l.paragraph(meta.title, MARGIN, WIDTH, Style { size: 18.0, bold: true, color: INK });
    for line in lines {
        l.paragraph(line, MARGIN, WIDTH, Style { color: MUTED, ..TEXT });
    }
    l.gap(6.0);
    let total: f32 = widths.iter().sum();
    let widths: Vec<f32> = widths.iter().map(|w| w * WIDTH / total).collect();
    let small = Style { size: SMALL, ..TEXT };
    let head: Vec<Cell> = header.iter().map(|h| vec![(h.clone(), Style { bold: true, ..small })]).collect();
    let body: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| cell.iter().map(|line| (line.clone(), small)).collect()).collect())
        .collect();
    l.table(&widths, &head, &body);
    draw(meta, labels, l.pages)
}

fn documents(l: &mut Layout, r: &Report) {
    let t = |k| r.labels().t(k);
    l.heading(t("documents"), 14.0);
    let head = |s: &str| vec![(s.to_owned(), Style { bold: true, ..TEXT })];
    let header = [head("#"), head(t("title")), head(t("language")), head(t("file")), head(t("sha256"))];
    let rows: Vec<Vec<Cell>> = r
        .documents
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let title =
                if d.is_reference { format!("{} ({})", d.title, t("reference")) } else { d.title.clone() };
            let small = Style { size: SMALL, ..TEXT };
            vec![
                vec![((k + 1).to_string(), TEXT)],
                vec![(title, TEXT)],
                vec![(d.language.to_uppercase(), TEXT)],
                vec![(d.file.clone(), small)],
                vec![(d.sha256.clone(), Style { size: 6.0, color: MUTED, bold: false })],
            ]
        })
        .collect();
    l.table(&[20.0, 165.0, 62.0, 110.0, WIDTH - 357.0], &header, &rows);
}

fn key_terms(l: &mut Layout, r: &Report) {
    let t = |k| r.labels().t(k);
    l.heading(t("key_terms"), 14.0);
    if r.terms.is_empty() {
        l.paragraph(t("none"), MARGIN, WIDTH, TEXT);
        return;
    }
    if let Some(line) = r.against_playbook() {
        l.paragraph(&line, MARGIN, WIDTH, TEXT);
    }
    let n = r.documents.len().max(1) as f32;
    let size = if n > 3.0 { SMALL } else { BODY };
    let first = 118.0;
    let mut widths = vec![first];
    widths.extend(std::iter::repeat_n((WIDTH - first) / n, r.documents.len()));
    let bold = Style { size, bold: true, color: INK };
    let mut header: Vec<Cell> = vec![vec![(t("term").to_owned(), bold)]];
    header
        .extend(r.documents.iter().enumerate().map(|(k, d)| vec![(format!("{} {}", k + 1, d.title), bold)]));
    let rows: Vec<Vec<Cell>> = r
        .terms
        .iter()
        .map(|term| {
            let mut label = vec![(term.label.clone(), bold)];
            if let Some(p) = &term.position {
                label.push((p.clone(), Style { size: size * 0.9, bold: false, color: MUTED }));
            }
            let mut row: Vec<Cell> = vec![label];
            row.extend(term.cells.iter().map(|c| {
                let verdict = Style { size: size * 0.9, bold: false, color: verdict_color(&c.verdict_id) };
                match &c.value {
                    Some(v) => vec![
                        (v.clone(), Style { size, bold: true, color: INK }),
                        (c.verdict.clone(), verdict),
                    ],
                    None => vec![
                        (t("not_stated").to_owned(), Style { size, bold: false, color: MUTED }),
                        (c.verdict.clone(), verdict),
                    ],
                }
            }));
            row
        })
        .collect();
    l.table(&widths, &header, &rows);
    l.heading(t("sources"), 11.0);
    for term in &r.terms {
        for (c, d) in term.cells.iter().zip(&r.documents) {
            let (Some(value), Some(quote)) = (&c.value, &c.quote) else { continue };
            let clause = c.clause.as_deref().map(|x| format!(", {x}")).unwrap_or_default();
            l.paragraph(
                &format!("{} = {} — {}{clause}:", term.label, value, d.title),
                MARGIN,
                WIDTH,
                Style { bold: true, size: SMALL + 0.5, color: INK },
            );
            l.paragraph(
                &format!("“{}” ({})", quote.split_whitespace().collect::<Vec<_>>().join(" "), c.reason),
                MARGIN + 10.0,
                WIDTH - 10.0,
                Style { size: SMALL + 0.5, ..TEXT },
            );
            l.gap(2.0);
        }
    }
}

fn checklist(l: &mut Layout, r: &Report) {
    let t = |k| r.labels().t(k);
    l.heading(t("checklist"), 14.0);
    let n = r.documents.len().max(1) as f32;
    let size = if n > 3.0 { SMALL } else { BODY };
    let first = 170.0;
    let mut widths = vec![first];
    widths.extend(std::iter::repeat_n((WIDTH - first) / n, r.documents.len()));
    let bold = Style { size, bold: true, color: INK };
    let mut header: Vec<Cell> = vec![vec![(t("requirement").to_owned(), bold)]];
    header
        .extend(r.documents.iter().enumerate().map(|(k, d)| vec![(format!("{} {}", k + 1, d.title), bold)]));
    let rows: Vec<Vec<Cell>> = r
        .checklist
        .iter()
        .map(|req| {
            let mut row: Vec<Cell> = vec![vec![
                (req.label.clone(), Style { size, bold: false, color: INK }),
                (req.article.clone(), Style { size: size * 0.85, bold: false, color: MUTED }),
            ]];
            row.extend(req.cells.iter().map(|c| {
                let colour =
                    if c.status_id == "met" { verdict_color("stricter") } else { verdict_color("looser") };
                vec![(c.status.clone(), Style { size, bold: c.status_id != "met", color: colour })]
            }));
            row
        })
        .collect();
    l.table(&widths, &header, &rows);
    l.heading(t("checklist_findings"), 11.0);
    for req in &r.checklist {
        for (c, d) in req.cells.iter().zip(&r.documents).filter(|(c, _)| c.status_id != "met") {
            let clause = c.clause.as_deref().map(|x| format!(", {x}")).unwrap_or_default();
            l.paragraph(
                &format!("{} — {}{clause} ({})", req.label, d.title, c.status),
                MARGIN,
                WIDTH,
                Style { bold: true, size: SMALL + 0.5, color: INK },
            );
            let quote = c
                .quote
                .as_deref()
                .map(|q| format!(" “{}”", q.split_whitespace().collect::<Vec<_>>().join(" ")));
            l.paragraph(
                &format!("{}{}", c.reason, quote.unwrap_or_default()),
                MARGIN + 10.0,
                WIDTH - 10.0,
                Style { size: SMALL + 0.5, ..TEXT },
            );
            l.gap(2.0);
        }
    }
}

fn aligned_row(l: &mut Layout, r: &Report, row: &ReportRow) {
    let t = |k| r.labels().t(k);
    let moved = if row.moved { format!(" ({})", t("moved")) } else { String::new() };
    l.heading(&format!("{}{moved}", row.topic), 11.0);
    for (c, d) in row.cells.iter().zip(&r.documents) {
        l.need(3.0 * BODY);
        if c.clauses.is_empty() {
            l.paragraph(
                &format!("{} — {}", d.title, c.elsewhere.as_deref().unwrap_or(t("not_addressed"))),
                MARGIN,
                WIDTH,
                Style { color: MUTED, ..TEXT },
            );
            continue;
        }
        l.paragraph(
            &format!("{} — {}", d.title, c.clauses.join(", ")),
            MARGIN,
            WIDTH,
            Style { bold: true, size: SMALL + 0.5, color: MUTED },
        );
        l.paragraph(&c.text, MARGIN + 8.0, WIDTH - 8.0, TEXT);
        l.gap(4.0);
    }
    if let Some(parts) = &row.redline {
        l.paragraph(&format!("{}:", t("redline")), MARGIN, WIDTH, Style { color: MUTED, ..TEXT });
        for p in parts.iter().filter(|p| p.op != RedlineOp::Equal && !p.text.trim().is_empty()) {
            let (sign, color) = if p.op == RedlineOp::Delete {
                ("−", verdict_color("looser"))
            } else {
                ("+", verdict_color("stricter"))
            };
            l.paragraph(
                &format!("{sign} {}", p.text.trim()),
                MARGIN + 8.0,
                WIDTH - 8.0,
                Style { color, ..TEXT },
            );
        }
    }
}

fn bookmarks(l: &mut Layout, r: &Report) {
    let t = |k| r.labels().t(k);
    l.heading(t("bookmarks"), 14.0);
    if r.bookmarks.is_empty() {
        l.paragraph(t("none"), MARGIN, WIDTH, TEXT);
    }
    for b in &r.bookmarks {
        let status = b.status.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
        l.paragraph(
            &format!("{} — {}{status}", b.document, b.clause),
            MARGIN,
            WIDTH,
            Style { bold: true, ..TEXT },
        );
        if !b.note.is_empty() {
            l.paragraph(&format!("{}: {}", t("note"), b.note), MARGIN + 8.0, WIDTH - 8.0, TEXT);
        }
        if !b.tags.is_empty() {
            l.paragraph(&format!("{}: {}", t("tags"), b.tags.join(", ")), MARGIN + 8.0, WIDTH - 8.0, TEXT);
        }
        l.paragraph(
            &b.quote,
            MARGIN + 8.0,
            WIDTH - 8.0,
            Style { color: MUTED, size: SMALL + 0.5, bold: false },
        );
        l.gap(4.0);
    }
}

/// A verdict's text colour, from the one table the app uses too; muted for uncoloured verdicts.
fn verdict_color(id: &str) -> (u8, u8, u8) {
    match id {
        "stricter" | "looser" => super::light_colours().get(id).map_or(MUTED, |c| super::rgb(&c.text)),
        _ => MUTED,
    }
}

/// Draws the laid-out pages with page numbers ("Page 2 of 5").
fn draw(meta: &Meta<'_>, labels: &super::Labels, pages: Vec<Vec<Op>>) -> Result<Vec<u8>> {
    let fonts = (
        Font::new(REGULAR.to_vec().into(), 0).expect("bundled font loads"),
        Font::new(BOLD.to_vec().into(), 0).expect("bundled font loads"),
    );
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(meta.title.to_owned())
            .creator(format!("Concordia {}", meta.version))
            .language(meta.lang.to_owned()),
    );
    let total = pages.len();
    for (k, ops) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let footer = format!("{} {} {} {}", labels.t("page"), k + 1, labels.t("of"), total);
        let small = Style { size: SMALL, bold: false, color: MUTED };
        let footer_x = PAGE_W - MARGIN - width(&footer, small);
        let footer_ops = [
            Op::Text { x: MARGIN, y: PAGE_H - MARGIN + 10.0, style: small, text: meta.title.to_owned() },
            Op::Text { x: footer_x, y: PAGE_H - MARGIN + 10.0, style: small, text: footer },
        ];
        for op in ops.iter().chain(&footer_ops) {
            match op {
                Op::Text { x, y, style, text } => {
                    surface.set_fill(Some(fill(style.color)));
                    let font = if style.bold { fonts.1.clone() } else { fonts.0.clone() };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        style.size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, color } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { continue };
                    let mut builder = PathBuilder::new();
                    builder.push_rect(rect);
                    if let Some(path) = builder.finish() {
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| Error::Invalid(format!("could not make the PDF: {e:?}")))
}

fn fill((r, g, b): (u8, u8, u8)) -> Fill {
    Fill { paint: rgb::Color::new(r, g, b).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &[Op]) -> Vec<&str> {
        page.iter()
            .filter_map(|op| if let Op::Text { text, .. } = op { Some(text.as_str()) } else { None })
            .collect()
    }

    #[test]
    fn long_tables_continue_on_new_pages_under_their_header() {
        let mut l = Layout::new();
        let header = [vec![("Term".to_owned(), TEXT)], vec![("Wert".to_owned(), TEXT)]];
        let rows: Vec<Vec<Cell>> = (0..120)
            .map(|k| {
                vec![vec![(format!("row {k}"), TEXT)], vec![("Löschung binnen 30 Tagen".to_owned(), TEXT)]]
            })
            .collect();
        l.table(&[100.0, 300.0], &header, &rows);
        assert!(l.pages.len() >= 3, "{} pages", l.pages.len());
        for page in &l.pages {
            assert_eq!(texts(page).first(), Some(&"Term"), "every page starts with the header");
        }
        let all: Vec<&str> = l.pages.iter().flat_map(|p| texts(p)).collect();
        assert!((0..120).all(|k| all.contains(&format!("row {k}").as_str())), "no row is lost");
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_by_lines_and_long_words_are_broken() {
        let mut l = Layout::new();
        let huge = "Haftung ".repeat(4000) + &"x".repeat(3000);
        let rows = vec![vec![vec![("1".to_owned(), TEXT)], vec![(huge.clone(), TEXT)]]];
        l.table(&[50.0, 400.0], &[vec![("#".to_owned(), TEXT)], vec![("Inhalt".to_owned(), TEXT)]], &rows);
        assert!(l.pages.len() > 3, "{} pages", l.pages.len());
        let drawn: usize = l
            .pages
            .iter()
            .flat_map(|p| texts(p))
            .filter(|t| t.contains("Haftung") || t.contains('x'))
            .map(|t| t.chars().filter(|c| *c == 'x').count())
            .sum();
        assert_eq!(drawn, 3000, "every character of the long word is drawn");
        for line in l.pages.iter().flat_map(|p| texts(p)) {
            assert!(width(line, TEXT) <= 400.0, "{line:?} fits its column");
        }
    }
}
