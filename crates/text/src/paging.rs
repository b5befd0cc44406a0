//! Where each page of a PDF begins in the extracted text. Reading rejoins lines, repairs
//! hyphenation and drops furniture, so offsets cannot be carried through; instead the opening
//! letters and digits of each page are looked up in the text, in order.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::blocks::PageStart;

/// Letters and digits a page opening must have to be looked up; fewer could match anywhere.
const MIN_NEEDLE: usize = 8;
/// How many of them are compared.
const NEEDLE: usize = 40;
/// Lines of a page tried as its opening, in case reading dropped the first ones.
const TRIES: usize = 3;

/// The page starts of `pages` (the page texts as read, furniture removed) in `text`.
pub(crate) fn locate(pages: &[String], text: &str) -> Vec<PageStart> {
    let haystack = skeleton(text);
    let mut found = vec![PageStart { page: 1, offset: 0 }];
    // The earliest the next page can start, and where it would if reading had dropped nothing.
    let (mut cursor, mut expected) = (0, 0);
    for (k, page) in pages.iter().enumerate() {
        let page_text: String = page.nfc().collect();
        if k > 0 {
            let window = cursor..expected.max(cursor) + page_text.len() + 2_000;
            let start = openings(&page_text)
                .take(TRIES)
                .find_map(|needle| nearest(&haystack, &needle, window.clone(), expected));
            if let Some(at) = start {
                found.push(PageStart { page: k as u32 + 1, offset: line_opening(text, haystack[at].1) });
                (cursor, expected) = (at + 1, at);
            }
        }
        expected += skeleton(&page_text).len();
    }
    found
}

/// Back from the first letter or digit of a page over the signs before it on its line, so a
/// page starting "§ 11" starts at "§", as the clause does.
fn line_opening(text: &str, offset: usize) -> usize {
    let before = &text[..offset];
    let back = before.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\n');
    let signs = &before[back.len()..];
    back.len() + (signs.len() - signs.trim_start().len())
}

/// Lowercase letters and digits of `text`, each with the byte offset of its character.
fn skeleton(text: &str) -> Vec<(char, usize)> {
    text.char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .flat_map(|(i, c)| c.to_lowercase().map(move |l| (l, i)))
        .collect()
}

/// For each non-blank line, the letters and digits from its start on, up to [`NEEDLE`].
fn openings(page: &str) -> impl Iterator<Item = Vec<char>> + '_ {
    let mut line_start = 0;
    page.split_inclusive('\n').filter_map(move |line| {
        let from = line_start;
        line_start += line.len();
        let needle: Vec<char> = skeleton(&page[from..]).into_iter().take(NEEDLE).map(|(c, _)| c).collect();
        (!line.trim().is_empty() && needle.len() >= MIN_NEEDLE).then_some(needle)
    })
}

/// The match of `needle` in `within` closest to `expected`: an address or a formula can open
/// two pages.
fn nearest(
    haystack: &[(char, usize)],
    needle: &[char],
    within: Range<usize>,
    expected: usize,
) -> Option<usize> {
    let last = haystack.len().checked_sub(needle.len())?;
    let to = within.end.min(last + 1);
    let matches =
        (within.start..to).filter(|&at| haystack[at..at + needle.len()].iter().map(|(c, _)| c).eq(needle));
    let mut best: Option<usize> = None;
    for at in matches {
        if best.is_some_and(|b| b.abs_diff(expected) <= at.abs_diff(expected)) {
            break;
        }
        best = Some(at);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_found_through_reflow_and_hyphenation() {
        let pages = vec![
            "Artikel 1 Gegenstand\nDer Auftragsverarbeiter verarbeitet perso-".to_owned(),
            "nenbezogene Daten nur auf Weisung.\nArtikel 2 Dauer\nDer Vertrag läuft".to_owned(),
            "Vertraulich\nein Jahr.\n\nArtikel 3 Haftung\nDie Haftung ist begrenzt auf EUR 5.000.".to_owned(),
        ];
        let text = "Artikel 1 Gegenstand\n\nDer Auftragsverarbeiter verarbeitet personenbezogene Daten nur auf Weisung.\n\nArtikel 2 Dauer\n\nDer Vertrag läuft ein Jahr.\n\nArtikel 3 Haftung\n\nDie Haftung ist begrenzt auf EUR 5.000.";
        let starts = locate(&pages, text);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(starts.len(), 3, "{starts:?}");
        assert_eq!(starts[1], PageStart { page: 2, offset: at("nenbezogene") });
        assert_eq!(
            locate(&["a".repeat(9), "§ 11 Tillämplig lag".into()], "aaaaaaaaa.\n\n§ 11 Tillämplig lag")[1]
                .offset,
            12
        );
        // "Vertraulich" was dropped by reading; the page is found by its next line.
        assert_eq!(starts[2], PageStart { page: 3, offset: at("ein Jahr") });
    }

    #[test]
    fn of_two_equal_openings_the_one_where_the_page_should_start_wins() {
        let address = "Xynta B.V., Kapitein Luidingaflat 26, 3333 CM";
        let first = format!("Artikel 9 Contact\n{address}\nEinde van de eerste bladzijde.");
        let pages = vec![first.clone(), address.to_owned()];
        let text = format!("{first}\n\n{address}");
        assert_eq!(locate(&pages, &text)[1].offset, first.len() + 2);
    }

    #[test]
    fn a_page_that_is_not_in_the_text_is_left_out() {
        let pages = vec!["Erste Seite mit Text".to_owned(), "Ganz andere Wörter hier".to_owned()];
        assert_eq!(locate(&pages, "Erste Seite mit Text"), vec![PageStart { page: 1, offset: 0 }]);
    }
}
