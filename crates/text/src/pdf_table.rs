//! Rows of a table drawn in a PDF. A browser or word processor draws a table cell by cell, and
//! a cell's text wraps within its column ("0–24" over "timmar", beside "Licenstagaren
//! informeras om" over two more lines): read line by line, every cell would be a paragraph of
//! its own and a short first cell a heading. Cells that stand side by side in one band of the
//! page become one line, its cells joined as the Markdown and HTML readers join them (`CELL`),
//! so a row is read as one row, whatever its cells say.

use crate::pdf_layout::{Line, CELL};

/// A cell holds a few lines; a longer block beside another is a column of text, not a cell.
const MAX_CELL_LINES: usize = 8;

/// No contract's table has more columns; the bound keeps a hostile page's row linear to read.
const MAX_CELLS: usize = 32;

/// The lines with each table row's cells joined into one line. `spacing` is the page's usual
/// distance between baselines.
pub(crate) fn joined_rows(lines: Vec<Line>, spacing: f64) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let mut cells = vec![cell_at(&lines, i, spacing)];
        let mut band = band_of(&lines, &cells[0]);
        let mut next = cells[0].end;
        while next < lines.len() && cells.len() < MAX_CELLS && beside(&cells, band, &lines[next], spacing) {
            let cell = cell_at(&lines, next, spacing);
            let (top, bottom) = band_of(&lines, &cell);
            band = (band.0.min(top), band.1.max(bottom));
            next = cell.end;
            cells.push(cell);
        }
        let table = cells.len() >= 2 && cells.iter().all(|c| c.end - c.start <= MAX_CELL_LINES);
        if table {
            let between = if justified(&lines, &cells, next) { " " } else { CELL };
            out.push(row(&lines, &cells, between, band.0));
            i = next;
        } else {
            out.extend_from_slice(&lines[cells[0].start..cells[0].end]);
            i = cells[0].end;
        }
    }
    out
}

/// Lines `start..end`, one block: each line under the one before, within its width.
struct Cell {
    start: usize,
    end: usize,
    left: f64,
    right: f64,
}

fn cell_at(lines: &[Line], start: usize, spacing: f64) -> Cell {
    let first = &lines[start];
    let mut cell = Cell { start, end: start + 1, left: first.left, right: first.right };
    while let Some(line) = lines.get(cell.end) {
        let before = &lines[cell.end - 1];
        let step = line.y - before.y;
        let under = step > 0.5 * before.size && step <= 1.6 * spacing.max(before.size);
        // Under it, starting where it starts or centred under it (a header cell).
        let centred = ((line.left + line.right) - (cell.left + cell.right)).abs() <= 2.0 * line.size;
        let within = (line.left >= cell.left - 0.5 * line.size || centred) && line.left < cell.right;
        // A line with a piece beside it on its baseline starts pieces of its own (a row, or a
        // justified line read in pieces).
        let pieces = lines.get(cell.end + 1).is_some_and(|after| {
            (after.y - line.y).abs() <= 0.5 * line.size && after.left >= line.right && after.left < cell.right
        });
        if !(under && within) || pieces {
            break;
        }
        cell.left = cell.left.min(line.left);
        cell.right = cell.right.max(line.right);
        cell.end += 1;
    }
    cell
}

/// The highest and lowest baseline of a cell.
fn band_of(lines: &[Line], cell: &Cell) -> (f64, f64) {
    lines[cell.start..cell.end].iter().fold((f64::MAX, f64::MIN), |(t, b), l| (t.min(l.y), b.max(l.y)))
}

/// Whether `line` starts a cell to the right of the row's last one, within the row's band of
/// the page, `(top, bottom)` (a cell's text may be centred in its row, so start a little higher).
fn beside(cells: &[Cell], (top, bottom): (f64, f64), line: &Line, spacing: f64) -> bool {
    let last = cells.last().expect("a row has a cell");
    line.left >= last.right - 0.3 * line.size
        && line.y >= top - 1.1 * spacing
        && line.y <= bottom + 0.5 * spacing
}

/// Words of one justified line set so far apart that they were read as pieces: each a single
/// line, spanning the same width as the line of text above or below them ("onderhavige …
/// aanvullende" in a narrow column of long Dutch words).
fn justified(lines: &[Line], cells: &[Cell], next: usize) -> bool {
    if cells.iter().any(|c| c.end - c.start > 1) {
        return false;
    }
    let (first, last) = (&lines[cells[0].start], &lines[cells[cells.len() - 1].start]);
    let same_width = |other: &Line| {
        !other.text.contains(CELL)
            && (other.left - first.left).abs() <= first.size
            && (other.right - last.right).abs() <= first.size
            && (other.y - first.y).abs() <= 2.0 * first.size
    };
    let before = cells[0].start.checked_sub(1).map(|k| &lines[k]);
    before.is_some_and(same_width) || lines.get(next).is_some_and(same_width)
}

/// One line for a row whose highest baseline is `top`: each cell's lines joined with spaces,
/// the cells with `between`.
fn row(lines: &[Line], cells: &[Cell], between: &str, top: f64) -> Line {
    let mut text = String::new();
    for (k, cell) in cells.iter().enumerate() {
        if k > 0 {
            text.push_str(between);
        }
        let mut cell_text = String::new();
        for line in &lines[cell.start..cell.end] {
            if cell_text.is_empty() {
                cell_text.push_str(&line.text);
            } else {
                crate::plain::join(&mut cell_text, &line.text);
            }
        }
        text.push_str(&cell_text);
    }
    let first = &lines[cells[0].start];
    let last = cells.last().expect("a row has a cell");
    Line {
        text,
        left: first.left,
        right: last.right,
        y: top,
        last_x: last.right,
        last_end: last.right,
        ..first.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, left: f64, y: f64) -> Line {
        let right = left + text.chars().count() as f64 * 5.0;
        Line {
            text: text.to_owned(),
            left,
            right,
            y,
            size: 10.0,
            first_word_right: left + 20.0,
            joined_first_word_right: left + 20.0,
            last_x: right,
            last_end: right,
            unmeasured: false,
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn cells_drawn_one_after_another_become_one_row() {
        // Drawn cell by cell: a two-line first cell, a three-line middle cell centred in the
        // row (its first line higher), a one-line last cell; then the next row.
        let lines = vec![
            line("Tidpunkt", 50.0, 100.0),
            line("Åtgärd", 150.0, 100.0),
            line("Ansvarig", 350.0, 100.0),
            line("0–24", 50.0, 126.0),
            line("timmar", 50.0, 138.0),
            line("Licenstagaren informeras om", 150.0, 120.0),
            line("incident, berörd data och", 150.0, 132.0),
            line("preliminär bedömning.", 150.0, 144.0),
            line("OpenX Lab AB", 350.0, 132.0),
            line("30 dagar", 50.0, 170.0),
            line("Slutrapport.", 150.0, 170.0),
            line("OpenX Lab AB", 350.0, 170.0),
            line("Efter tabellen följer en vanlig mening som fyller raden.", 50.0, 200.0),
        ];
        assert_eq!(
            texts(&joined_rows(lines, 12.0)),
            [
                "Tidpunkt | Åtgärd | Ansvarig",
                "0–24 timmar | Licenstagaren informeras om incident, berörd data och preliminär bedömning. | OpenX Lab AB",
                "30 dagar | Slutrapport. | OpenX Lab AB",
                "Efter tabellen följer en vanlig mening som fyller raden.",
            ]
        );
    }

    #[test]
    fn a_centred_header_cell_wrapped_over_two_lines_is_one_cell() {
        // "Nome del" centred over "sub-responsabile"; the other header cells sit on its last
        // baseline.
        let lines = vec![
            line("Nome del", 70.0, 100.0),
            line("sub-responsabile", 50.0, 112.0),
            line("Servizio", 150.0, 112.0),
            line("Localizzazione", 250.0, 112.0),
        ];
        assert_eq!(
            texts(&joined_rows(lines, 12.0)),
            ["Nome del sub-responsabile | Servizio | Localizzazione"]
        );
    }

    #[test]
    fn words_of_a_justified_line_far_apart_stay_one_line_of_text() {
        let lines = vec![
            line("Partijen sluiten in het kader van de AVG de", 50.0, 100.0),
            line("onderhavige", 50.0, 112.0),
            // Ends where the line above ends: the column's right edge.
            line("aanvullende", 210.0, 112.0),
            line("overeenkomst en leggen daarin het volgende vast.", 50.0, 124.0),
        ];
        assert_eq!(
            texts(&joined_rows(lines, 12.0)),
            [
                "Partijen sluiten in het kader van de AVG de",
                "onderhavige aanvullende",
                "overeenkomst en leggen daarin het volgende vast.",
            ]
        );
    }

    #[test]
    fn a_hostile_page_of_pieces_side_by_side_is_read_in_bounded_rows() {
        let lines: Vec<Line> = (0..20_000).map(|k| line("x", 50.0 + 10.0 * f64::from(k), 100.0)).collect();
        let rows = joined_rows(lines, 12.0);
        assert_eq!(rows.len(), 20_000_usize.div_ceil(MAX_CELLS));
    }

    #[test]
    fn a_second_column_of_text_is_no_table_cell() {
        // Column one's last paragraph ends low on the page; column two starts at the top.
        let mut lines: Vec<Line> = (0..3)
            .map(|k| line("Text in der ersten Spalte, die weiterläuft", 50.0, 600.0 + 12.0 * f64::from(k)))
            .collect();
        lines.extend((0..3).map(|k| line("Text in der zweiten Spalte", 320.0, 80.0 + 12.0 * f64::from(k))));
        assert_eq!(joined_rows(lines.clone(), 12.0).len(), lines.len());
        // A long block beside another is a column, not a cell.
        let mut long: Vec<Line> =
            (0..10).map(|k| line("Erste Spalte", 50.0, 80.0 + 12.0 * f64::from(k))).collect();
        long.push(line("Zweite Spalte", 320.0, 80.0));
        assert_eq!(joined_rows(long.clone(), 12.0).len(), long.len());
    }
}
