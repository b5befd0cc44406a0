//! The lines of each PDF page, from where its characters are drawn: text position, size and
//! width (pdf-extract calls [`OutputDev::output_character`] for every glyph). Geometry answers
//! what plain text cannot: whether a line was broken at the margin (the next word would not
//! have fitted), where paragraphs are spaced apart, and which lines are set smaller.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::plain::Hyphen;

/// One line of text as drawn: a run of glyphs on one baseline without a wide gap.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    /// Left and right edge, in points.
    pub left: f64,
    pub right: f64,
    /// Baseline, in points from the top of the page.
    pub y: f64,
    /// Font size, in points.
    pub size: f64,
    /// Where the first word ends: how much room the line before would have needed for it.
    pub first_word_right: f64,
    /// Where it ends when the narrow gaps inside it (`SOFT`) are taken for none.
    pub joined_first_word_right: f64,
    /// Where the last glyph starts and where its width says it ends: the next glyph on the
    /// line comes after it (widths can be wrong: some fonts' tables are misread).
    pub last_x: f64,
    pub last_end: f64,
    /// Whether a visible glyph came without a width (a font whose widths pdf-extract cannot
    /// read): then the edges are estimated from the number of characters.
    pub unmeasured: bool,
}

/// A page: its width and its lines in the order they are drawn.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub width: f64,
    pub lines: Vec<Line>,
    /// Glyphs drawn with text, and how many of them are spaces.
    pub letters: usize,
    pub spaces: usize,
}

impl Page {
    /// Whether the page draws its word spaces as glyphs (browsers, word processors) rather than
    /// leaving room between words (TeX). Then a narrow gap without one is kerning or glyph
    /// positioning inside a word ("V erwerker", "36 uur ,"), not a space.
    fn draws_spaces(&self) -> bool {
        self.spaces * 20 >= self.letters.max(1)
    }
}

/// Marks a narrow gap between glyphs in a line's text until the page tells whether it is a
/// space (`Page::draws_spaces`). A noncharacter: no PDF's text holds it.
const SOFT: char = '\u{FFFF}';

/// Where a hyphen at a line's end was taken out of a word: `pdf::with_compounds_kept` puts it
/// back where the document writes that word with a hyphen elsewhere. A noncharacter.
pub(crate) const LINE_END_HYPHEN: char = '\u{FFFE}';

/// A gap this many font sizes wide is a space whatever the page draws; a narrower one down to
/// `NARROW_GAP` is one only on a page that leaves room between words.
const WORD_GAP: f64 = 0.35;
const NARROW_GAP: f64 = 0.15;

/// Collects pages of lines from pdf-extract.
#[derive(Default)]
pub(crate) struct Collector {
    pub pages: Vec<Page>,
    /// Glyphs drawn, upright or not: tells a scan (none) from unreadable fonts.
    pub glyphs: usize,
}

impl Collector {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        self.pages.last_mut().expect("a page was pushed")
    }
}

/// A horizontal gap this many font sizes wide separates columns or table cells, not words.
const COLUMN_GAP: f64 = 2.5;

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page { width: (media_box.urx - media_box.llx).abs(), ..Page::default() });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // Counted even when the font gives no text for it: glyphs without text are unreadable
        // fonts, no glyphs at all a scan.
        self.glyphs += 1;
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        // Rotated text (margin notes, envelope ids, watermarks) is not part of the reading order.
        let upright = trm.m12.abs() <= 0.1 * trm.m11.abs() && trm.m11 > 0.0;
        if !upright || !size.is_finite() || size <= 0.0 || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        let (x, y) = (trm.m31, -trm.m32);
        let end = x + width.max(0.0) * size;
        let text = &unligatured(text);
        let blank = text.trim().is_empty();
        let unmeasured = width <= 0.0 && !blank;
        let page = self.page();
        if blank {
            page.spaces += 1;
        } else {
            page.letters += 1;
        }
        let lines = &mut page.lines;
        match lines.last_mut() {
            Some(line) if same_line(line, x, y, size) => extend(line, x, end, text, unmeasured),
            _ => lines.push(Line {
                text: text.trim_start().to_owned(),
                left: x,
                right: if blank { x } else { end },
                y,
                size,
                first_word_right: if blank { x } else { end },
                joined_first_word_right: if blank { x } else { end },
                last_x: x,
                last_end: end,
                unmeasured,
            }),
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Typographic ligatures ("ﬁ", "ﬂ") as their letters, so "identiﬁceerbare" is found by
/// "identificeerbare".
fn unligatured(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        text.nfkc().collect::<String>().into()
    } else {
        text.into()
    }
}

/// A glyph continues `line` when it sits on its baseline, after its last glyph, without a
/// column-wide gap.
fn same_line(line: &Line, x: f64, y: f64, size: f64) -> bool {
    let tolerance = 0.5 * size.max(line.size);
    (y - line.y).abs() <= tolerance && x >= line.last_x - tolerance && x - line.last_end <= COLUMN_GAP * size
}

fn extend(line: &mut Line, x: f64, end: f64, text: &str, unmeasured: bool) {
    line.unmeasured |= unmeasured;
    let gap = x - line.last_end;
    let wide = gap > WORD_GAP * line.size;
    let narrow = !wide && gap > NARROW_GAP * line.size;
    let blank = text.trim().is_empty();
    let first_word = !line.text.contains([' ', SOFT]);
    let joined_first_word = !line.text.contains(' ');
    if (wide || blank) && !line.text.ends_with(' ') {
        if line.text.ends_with(SOFT) {
            line.text.pop();
        }
        line.text.push(' ');
    } else if narrow && !blank && !line.text.ends_with([' ', SOFT]) {
        line.text.push(SOFT);
    }
    if !blank {
        line.text.push_str(text);
        if first_word && !wide && !narrow {
            line.first_word_right = end;
        }
        if joined_first_word && !wide {
            line.joined_first_word_right = end;
        }
        // A space's width says nothing about where the text ends.
        line.right = line.right.max(end);
    }
    (line.last_x, line.last_end) = (x, end);
}

/// The page as text: a line broken at the margin goes on in the same line, lines spaced apart
/// or set in another size are separated by a blank line, others by a line break (plain-text
/// reading decides those).
///
/// A document of one page has no repetition to tell its running header and footer by; there,
/// a first or last line set smaller than the text is taken for one and dropped.
pub(crate) fn page_text(page: &Page, single: bool) -> String {
    let draws_spaces = page.draws_spaces();
    let estimated: Vec<Line> = merged(page.lines.iter().map(|l| estimated(&spaced(l, draws_spaces))));
    let spacing = line_spacing(&estimated);
    let rows = crate::pdf_table::joined_rows(estimated, spacing);
    let page = Page { width: page.width, lines: rows, ..Page::default() };
    let lines = if single { without_small_edges(&page.lines) } else { &page.lines[..] };
    let edges = Edges::of(&page);
    let body = body_size(lines);
    let items = unmarked_items(lines, body);
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            let before = &lines[k - 1];
            // Lines set larger than the text (a heading wrapped at the margin) stand further
            // apart without being paragraphs apart.
            let leading = spacing * (before.size / body).max(1.0);
            match break_between(before, line, edges.right_of(before), leading) {
                // An item of a list starts a line of its own.
                Break::None if !items[k] => {
                    crate::plain::join_as(&mut out, &line.text, Hyphen::Mark(LINE_END_HYPHEN));
                    continue;
                }
                Break::None | Break::Line => out.push('\n'),
                Break::Paragraph => out.push_str("\n\n"),
            }
        }
        if items[k] {
            out.push_str("• ");
        }
        out.push_str(&line.text);
    }
    out
}

/// Lines that start an item of a bulleted list whose bullets were drawn as shapes, not text (a
/// browser paints a list's discs): in a run of lines indented from the page's margin, each line
/// whose first word would have fitted on the line before starts an item (or one after a line
/// that ends a sentence). Two or more such lines, none marked already, get a bullet each, so
/// every item is read as one; the lines of an item that wrapped at the margin get none.
fn unmarked_items(lines: &[Line], body: f64) -> Vec<bool> {
    let mut starts = vec![false; lines.len()];
    let Some(margin) = body_left(lines, body) else { return starts };
    let indented = |l: &Line| l.left >= margin + l.size && l.left <= margin + 6.0 * l.size;
    let mut k = 0;
    while k < lines.len() {
        if !indented(&lines[k]) {
            k += 1;
            continue;
        }
        // The run of lines indented as far as its first.
        let left = lines[k].left;
        let end = (k..lines.len())
            .find(|&j| !indented(&lines[j]) || (lines[j].left - left).abs() > 0.5 * lines[j].size)
            .unwrap_or(lines.len());
        let edge = lines[k..end].iter().map(|l| l.right).fold(f64::MIN, f64::max);
        let first_of_item = |j: usize| {
            let (before, line) = (&lines[j - 1], &lines[j]);
            let word = line.first_word_right - line.left;
            before.text.trim_end().ends_with(['.', ';', ':'])
                || before.right + 0.3 * before.size + word < edge - 0.3 * before.size
        };
        let firsts: Vec<usize> =
            std::iter::once(k).chain((k + 1..end).filter(|&j| first_of_item(j))).collect();
        let marked = |j: &usize| MARKED.is_match(&lines[*j].text);
        if firsts.len() >= 2 && !firsts.iter().any(marked) {
            firsts.into_iter().for_each(|j| starts[j] = true);
        }
        k = end;
    }
    starts
}

/// A line that already starts with a bullet, a number or a letter of a list.
static MARKED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:[-–•*▪●◦·]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})(?:\.\d{1,3})*[.)])\s")
        .expect("valid list marker pattern")
});

/// The page's left margin: the leftmost place two or more lines of text start (a running
/// header or footer set smaller does not count).
fn body_left(lines: &[Line], body: f64) -> Option<f64> {
    let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for line in lines.iter().filter(|l| l.size >= 0.85 * body) {
        *counts.entry(line.left.round() as i64).or_default() += 1;
    }
    counts.into_iter().filter(|&(_, n)| n >= 2).map(|(left, _)| left).min().map(|left| left as f64)
}

/// The line with its narrow gaps (`SOFT`) read as the page draws: nothing where it draws its
/// spaces, else a space.
fn spaced(line: &Line, draws_spaces: bool) -> Line {
    if !line.text.contains(SOFT) {
        return line.clone();
    }
    if draws_spaces {
        let text = line.text.replace(SOFT, "");
        Line { text, first_word_right: line.joined_first_word_right, ..line.clone() }
    } else {
        Line { text: line.text.replace(SOFT, " "), ..line.clone() }
    }
}

/// A line whose font gave no widths is measured by characters, at half the font size each
/// (an average for text faces).
fn estimated(line: &Line) -> Line {
    if !line.unmeasured {
        return line.clone();
    }
    let width = |text: &str| text.chars().count() as f64 * 0.5 * line.size;
    let first_word = line.text.split(' ').next().unwrap_or("");
    Line {
        right: line.left + width(&line.text),
        first_word_right: line.left + width(first_word),
        ..line.clone()
    }
}

/// Pieces of one line that glyph runs left apart: words after a wide justified gap. A piece
/// much further along (a table cell) stays apart.
fn merged(lines: impl Iterator<Item = Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for line in lines {
        match out.last_mut() {
            Some(last)
                if (line.y - last.y).abs() <= 0.5 * last.size
                    && line.left >= last.right
                    && line.left - last.right <= 6.0 * last.size =>
            {
                last.text.push(' ');
                last.text.push_str(&line.text);
                last.right = line.right;
            }
            _ => out.push(line),
        }
    }
    out
}

fn without_small_edges(lines: &[Line]) -> &[Line] {
    let body = body_size(lines);
    let small = |l: &Line| l.size < 0.85 * body && l.text.chars().count() < 120;
    let mut kept = lines;
    if let [first, rest @ ..] = kept {
        if small(first) && rest.iter().all(|l| l.y > first.y) {
            kept = rest;
        }
    }
    if let [rest @ .., last] = kept {
        if small(last) && rest.iter().all(|l| l.y < last.y) {
            kept = rest;
        }
    }
    kept
}

/// The size most of the page's text is set in (by characters).
fn body_size(lines: &[Line]) -> f64 {
    let mut sizes: Vec<(f64, usize)> = lines.iter().map(|l| (l.size, l.text.chars().count())).collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let half = sizes.iter().map(|s| s.1).sum::<usize>() / 2;
    let mut seen = 0;
    for (size, count) in &sizes {
        seen += count;
        if seen > half {
            return *size;
        }
    }
    sizes.last().map_or(0.0, |s| s.0)
}

enum Break {
    None,
    Line,
    Paragraph,
}

/// Between the cells of a table row (`pdf_table`), as the Markdown and HTML readers write one:
/// plain-text reading keeps such a line a row of its own (`BlockKind::TableRow`), never a
/// heading.
pub(crate) const CELL: &str = " | ";

fn break_between(a: &Line, b: &Line, edge: f64, spacing: f64) -> Break {
    let step = b.y - a.y;
    let word = b.first_word_right - b.left;
    let full = a.right + 0.3 * a.size + word > edge - 0.3 * a.size;
    let open = full && !crate::lang::ends_sentence(&a.text);
    let resized = (a.size - b.size).abs() > 0.15 * a.size;
    if step.abs() <= 0.5 * a.size && b.left >= a.right {
        // A piece far along the same baseline that is no table cell (`pdf_table`) starts a
        // line of its own.
        return Break::Line;
    }
    if step < 0.0 {
        // Up to the top of the next column: a sentence cut at the bottom of the last goes on.
        return if open && !resized && b.left > a.left { Break::None } else { Break::Paragraph };
    }
    if step > 1.25 * spacing || resized {
        return Break::Paragraph;
    }
    let indented = b.left > a.left + 3.0 * a.size;
    if open && !indented {
        Break::None
    } else {
        Break::Line
    }
}

/// The usual distance between baselines on the page: the median step down between lines.
fn line_spacing(lines: &[Line]) -> f64 {
    let mut steps: Vec<f64> =
        lines.windows(2).map(|w| w[1].y - w[0].y).filter(|&s| s > 0.0 && s.is_finite()).collect();
    steps.sort_by(f64::total_cmp);
    let typical = lines.first().map_or(12.0, |l| l.size * 1.2);
    steps.get(steps.len() / 2).copied().unwrap_or(typical)
}

/// The right margin each line was set against: the furthest any line that overlaps it
/// horizontally reaches (a line of the other column does not overlap it).
struct Edges {
    spans: Vec<(f64, f64)>,
    page_right: f64,
}

impl Edges {
    /// Past this many lines a page is not a contract page; its widest line is the margin.
    const MAX_LINES: usize = 2_000;

    fn of(page: &Page) -> Edges {
        let spans: Vec<(f64, f64)> = page.lines.iter().map(|l| (l.left, l.right)).collect();
        let page_right = spans.iter().map(|s| s.1).fold(f64::MIN, f64::max);
        Edges { spans, page_right }
    }

    fn right_of(&self, line: &Line) -> f64 {
        if self.spans.len() > Self::MAX_LINES {
            return self.page_right;
        }
        let overlapping = self.spans.iter().filter(|(left, right)| *left < line.right && *right > line.left);
        overlapping.map(|s| s.1).fold(line.right, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(collector: &mut Collector, x: f64, y: f64, size: f64, text: &str) {
        let mut x = x;
        for c in text.chars() {
            let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, x, -y);
            collector.output_character(&trm, 0.5, 0.0, size, &c.to_string()).unwrap();
            x += 0.5 * size;
        }
    }

    #[test]
    fn glyphs_become_lines_with_words_and_edges() {
        let mut c = Collector::default();
        c.begin_page(1, &MediaBox { llx: 0.0, lly: 0.0, urx: 595.0, ury: 842.0 }, None).unwrap();
        glyphs(&mut c, 50.0, 100.0, 10.0, "Der");
        glyphs(&mut c, 70.0, 100.0, 10.0, "Vertrag");
        glyphs(&mut c, 50.0, 112.0, 10.0, "endet");
        // Far to the right on the same baseline: another column.
        glyphs(&mut c, 300.0, 112.0, 10.0, "Spalte");
        let lines = &c.pages[0].lines;
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["Der Vertrag", "endet", "Spalte"]
        );
        assert_eq!((lines[0].left, lines[0].right, lines[0].first_word_right), (50.0, 105.0, 65.0));
        assert_eq!(lines[1].y, 112.0);
    }

    /// Glyphs of `size` placed one after another, each `advance` wide, with `extra` more room
    /// after the glyphs at the given indexes.
    fn placed(collector: &mut Collector, y: f64, text: &str, extra_after: &[usize], extra: f64) {
        let size = 10.0;
        let mut x = 50.0;
        for (k, c) in text.chars().enumerate() {
            let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, x, -y);
            collector.output_character(&trm, 0.5, 0.0, size, &c.to_string()).unwrap();
            x += 0.5 * size + if extra_after.contains(&k) { extra * size } else { 0.0 };
        }
    }

    #[test]
    fn a_narrow_gap_is_a_space_only_where_a_page_leaves_room_between_words() {
        let page_of = |text: &str, gaps: &[usize], extra: f64| {
            let mut c = Collector::default();
            c.begin_page(1, &MediaBox { llx: 0.0, lly: 0.0, urx: 595.0, ury: 842.0 }, None).unwrap();
            placed(&mut c, 100.0, text, gaps, extra);
            page_text(&c.pages[0], true)
        };
        // A browser draws its spaces; a glyph placed a little late is still in its word.
        assert_eq!(
            page_of("Die Verwerker meldet binnen 36 uur, sofort.", &[4, 31], 0.2),
            "Die Verwerker meldet binnen 36 uur, sofort."
        );
        // TeX leaves room between words instead: there the same gap is a space.
        assert_eq!(page_of("DerAuftragnehmer", &[2], 0.25), "Der Auftragnehmer");
        // A wide gap is a space wherever it is.
        assert_eq!(
            page_of("Die Verwerker meldet binnenuur.", &[26], 0.5),
            "Die Verwerker meldet binnen uur."
        );
    }

    fn line(text: &str, left: f64, right: f64, y: f64) -> Line {
        let first = text.split(' ').next().unwrap().chars().count() as f64 * 5.0;
        Line {
            text: text.to_owned(),
            left,
            right,
            y,
            size: 10.0,
            first_word_right: left + first,
            joined_first_word_right: left + first,
            last_x: right,
            last_end: right,
            unmeasured: false,
        }
    }

    #[test]
    fn margin_breaks_are_joined_spacing_and_short_lines_are_not() {
        let page = Page {
            width: 595.0,
            lines: vec![
                line("AUFTRAGSVERARBEITUNGSVERTRAG", 200.0, 340.0, 50.0),
                line("1. Gegenstand", 50.0, 115.0, 80.0),
                line(
                    "Der Auftragnehmer verarbeitet personenbezogene Daten des Auftraggebers",
                    50.0,
                    540.0,
                    92.0,
                ),
                line("ausschließlich auf dokumentierte Weisung.", 50.0, 255.0, 104.0),
                line("Er haftet nicht für", 50.0, 145.0, 116.0),
                line("Folgeschäden.", 50.0, 115.0, 128.0),
            ],
            ..Page::default()
        };
        assert_eq!(
            page_text(&page, false),
            "AUFTRAGSVERARBEITUNGSVERTRAG\n\n1. Gegenstand\nDer Auftragnehmer verarbeitet personenbezogene Daten des Auftraggebers ausschließlich auf dokumentierte Weisung.\nEr haftet nicht für\nFolgeschäden."
        );
    }

    #[test]
    fn a_number_wrapped_to_the_next_line_stays_in_its_sentence() {
        let page = Page {
            width: 595.0,
            lines: vec![
                line("Verwerker stelt Verantwoordelijke zonder onredelijke vertraging, en indien mogelijk binnen", 50.0, 540.0, 92.0),
                line("72 uur, in kennis van een datalek.", 50.0, 200.0, 104.0),
                line("12. Aansprakelijkheid", 50.0, 150.0, 116.0),
            ],
            ..Page::default()
        };
        assert_eq!(
            page_text(&page, false),
            "Verwerker stelt Verantwoordelijke zonder onredelijke vertraging, en indien mogelijk binnen 72 uur, in kennis van een datalek.\n12. Aansprakelijkheid"
        );
    }

    #[test]
    fn on_a_single_page_a_smaller_first_and_last_line_are_furniture() {
        let mut header = line("Vertraulich – MoselNet", 50.0, 150.0, 30.0);
        header.size = 7.0;
        let mut footer = line("Seite 1 von 1", 50.0, 110.0, 815.0);
        footer.size = 7.0;
        let body = line("Der Auftragnehmer verarbeitet Daten nur auf Weisung.", 50.0, 300.0, 60.0);
        let page = Page { width: 595.0, lines: vec![header, body, footer], ..Page::default() };
        assert_eq!(page_text(&page, true), "Der Auftragnehmer verarbeitet Daten nur auf Weisung.");
        assert!(page_text(&page, false).starts_with("Vertraulich"), "with more pages, repetition decides");
    }

    #[test]
    fn words_spread_by_justification_stay_on_their_line() {
        let page = Page {
            width: 595.0,
            lines: vec![
                line(
                    "Deze overeenkomst wordt gesloten tussen de volgende partijen, zoals vermeld",
                    56.0,
                    540.0,
                    78.0,
                ),
                line("Partijen:", 56.0, 100.0, 92.0),
                line("de", 140.0, 150.0, 92.0),
                line("klant,", 190.0, 220.0, 92.0),
                line("Naam", 56.0, 80.0, 120.0),
                line("Zeeland Cloud B.V.", 400.0, 490.0, 120.0),
                line("Adres", 56.0, 80.0, 134.0),
            ],
            ..Page::default()
        };
        assert_eq!(
            page_text(&page, false),
            "Deze overeenkomst wordt gesloten tussen de volgende partijen, zoals vermeld Partijen: de klant,\n\nNaam | Zeeland Cloud B.V.\nAdres"
        );
    }

    #[test]
    fn items_of_a_list_whose_bullets_are_shapes_are_read_one_by_one() {
        // Indented 2 em from the margin, no bullet in the text (a browser paints the discs):
        // an item that wrapped at the margin goes on, a short one ends, a new one starts.
        let page = Page {
            width: 595.0,
            lines: vec![
                line("4. Categorie di dati trattati", 50.0, 200.0, 80.0),
                line("Dati anagrafici degli ospiti (nome, cognome, data e luogo di", 70.0, 540.0, 92.0),
                line("nascita, nazionalità)", 70.0, 175.0, 104.0),
                line("Dati di contatto (email, telefono)", 70.0, 240.0, 116.0),
                line("Dati di pagamento", 70.0, 155.0, 128.0),
                line("Il Responsabile tratta i dati solo per il servizio.", 50.0, 300.0, 152.0),
                line("Il Titolare ne risponde.", 50.0, 170.0, 164.0),
            ],
            ..Page::default()
        };
        assert_eq!(
            page_text(&page, false),
            "4. Categorie di dati trattati\n• Dati anagrafici degli ospiti (nome, cognome, data e luogo di nascita, nazionalità)\n• Dati di contatto (email, telefono)\n• Dati di pagamento\n\nIl Responsabile tratta i dati solo per il servizio.\nIl Titolare ne risponde."
        );
    }

    #[test]
    fn a_word_hyphenated_at_the_margin_is_whole_again() {
        let page = Page {
            width: 595.0,
            lines: vec![
                line("Der Auftragnehmer verarbeitet die perso-", 50.0, 540.0, 92.0),
                line("nenbezogenen Daten und Kommunikations- und", 50.0, 540.0, 104.0),
                line("Verkehrsdaten.", 50.0, 120.0, 116.0),
            ],
            ..Page::default()
        };
        assert_eq!(
            page_text(&page, false),
            // The hyphen taken out is marked for a look at the whole document (`pdf`).
            "Der Auftragnehmer verarbeitet die perso\u{FFFE}nenbezogenen Daten und Kommunikations- und Verkehrsdaten."
        );
    }

    #[test]
    fn ligatures_become_letters() {
        assert_eq!(unligatured("identiﬁceerbare ﬂexibel"), "identificeerbare flexibel");
    }

    #[test]
    fn rotated_text_is_left_out() {
        let mut c = Collector::default();
        let trm = Transform::row_major(0.0, 1.0, -1.0, 0.0, 20.0, -400.0);
        c.output_character(&trm, 0.5, 0.0, 8.0, "D").unwrap();
        assert!(c.pages.is_empty() || c.pages[0].lines.is_empty());
    }
}
