//! Picks a document's display title.

use std::path::Path;

use concordia_text::{BlockKind, Extracted};

/// The declared title, else the first heading or title-like line near the top, else the file name.
pub(crate) fn title(doc: &Extracted, path: &Path) -> String {
    if let Some(title) = &doc.title {
        return clip(title);
    }
    let heading = doc.blocks.iter().take(12).find(|b| matches!(b.kind, BlockKind::Heading(_)));
    let first_line = doc.blocks.first().filter(|b| opening_title(doc.block_text(b)));
    let line = heading.or(first_line).or_else(|| {
        let mut top = doc.blocks.iter().take(6);
        top.find(|b| b.kind == BlockKind::Paragraph && concordia_legal::is_short_title(doc.block_text(b)))
    });
    match line {
        Some(block) => clip(doc.block_text(block)),
        None => path.file_stem().map_or_else(|| "Untitled".to_owned(), |s| s.to_string_lossy().into_owned()),
    }
}

/// The very first line may end in "B.V." or "AB." and still be the title.
fn opening_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let first = text.chars().next().unwrap_or(' ');
    (1..=10).contains(&words)
        && text.chars().count() <= 90
        && first.is_uppercase()
        && !text.ends_with([':', ',', ';'])
        && !text.contains(": ")
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use concordia_text::{extract, Format};

    #[test]
    fn first_title_line_wins_over_metadata() {
        let doc = extract(
            "top of page\n\nDatenschutzerklärung\n\nDiese Erklärung klärt Sie auf.".as_bytes(),
            Format::Text,
        )
        .unwrap();
        assert_eq!(title(&doc, Path::new("x.txt")), "Datenschutzerklärung");
    }

    #[test]
    fn an_opening_line_with_a_company_suffix_is_the_title() {
        let doc = extract(
            "Verwerkersovereenkomst Polderdata B.V.\n\nArtikel 1 Onderwerp\n\nVerwerker verwerkt.".as_bytes(),
            Format::Text,
        )
        .unwrap();
        assert_eq!(title(&doc, Path::new("x.txt")), "Verwerkersovereenkomst Polderdata B.V.");
    }

    #[test]
    fn falls_back_to_the_file_name() {
        let doc =
            extract("Ikraftträdandedatum: 20 augusti 2025\n\nDetta avtal gäller.".as_bytes(), Format::Text)
                .unwrap();
        assert_eq!(title(&doc, Path::new("dir/sv-tamio-dpa.txt")), "sv-tamio-dpa");
    }
}
