//! Property tests, one per importer (PDF's drives its reader process: crates/cli/tests/pdf_props.rs),
//! bounded so CI stays quick: whatever the bytes, extraction
//! returns text or an error, never panics, and every block is a valid range of its text.

use std::io::Write;

use concordia_text::{extract, Format};
use proptest::prelude::*;

fn check(bytes: &[u8], format: Format) {
    if let Ok(doc) = extract(bytes, format) {
        for block in &doc.blocks {
            assert!(block.start <= block.end && block.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(block.start) && doc.text.is_char_boundary(block.end));
        }
    }
}

/// Text that looks a little like a contract, with markup and hostile characters mixed in.
fn contractish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Artikel 8 ",
        "§ 5 ",
        "1.1 ",
        "a) ",
        "(i) ",
        "# ",
        "## ",
        "- ",
        "> ",
        "<p>",
        "</p>",
        "<h1>",
        "<div>",
        "<script>",
        "</script>",
        "&amp;",
        "&#8364;",
        "&#xFFFFFF;",
        "\u{202E}",
        "\u{0}",
        "\n",
        "\n\n",
        "    ",
        "€5.000 ",
        "Haftung ",
        "radera ",
        "*",
        "`",
        "[x](y)",
        "|a|b|\n|-|-|\n",
        "<!--",
        "-->",
        "<![CDATA[",
        "\r\n",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|v| v.concat())
}

/// A Word document.xml built from real and broken pieces.
fn word_xml() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<w:p>",
        "</w:p>",
        "<w:r>",
        "</w:r>",
        "<w:t>",
        "</w:t>",
        "Haftung ",
        "€ ",
        "&amp;",
        "&lt;",
        "&bogus;",
        "&#0;",
        "<w:pPr><w:pStyle w:val=\"H1\"/></w:pPr>",
        "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
        "<w:pPr><w:numPr><w:ilvl w:val=\"999999999999\"/><w:numId w:val=\"\"/></w:numPr></w:pPr>",
        "<w:tab/>",
        "<w:br/>",
        "<w:tbl><w:tr><w:tc>",
        "</w:tc></w:tr></w:tbl>",
        "<w:pPr><w:outlineLvl w:val=\"255\"/></w:pPr>",
        "<x",
        ">",
        "\"",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        format!("<w:document {w}><w:body>{}</w:body></w:document>", v.concat())
    })
}

fn docx_of(xml: &str, numbering: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in [("word/document.xml", xml), ("word/numbering.xml", numbering)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An OpenDocument content.xml built from real and broken pieces, with hostile list styles.
fn odt_content() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<text:p>",
        "</text:p>",
        "<text:h text:outline-level=\"2\">",
        "<text:h text:outline-level=\"999\">",
        "</text:h>",
        "<text:list text:style-name=\"L1\">",
        "<text:list text:continue-numbering=\"true\">",
        "</text:list>",
        "<text:list-item>",
        "<text:list-item text:start-value=\"4294967295\">",
        "</text:list-item>",
        "<text:note><text:note-body>",
        "</text:note-body></text:note>",
        "<text:s text:c=\"99999999\"/>",
        "<text:tab/>",
        "Haftung ",
        "&amp;",
        "&bogus;",
        "<x",
        ">",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| {
        let ns = r#"xmlns:office="o" xmlns:text="t" xmlns:style="s""#;
        let styles = r#"<office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="I" text:start-value="4294967295" text:display-levels="99"/><text:list-level-style-number text:level="999999" style:num-format="a"/></text:list-style></office:automatic-styles>"#;
        format!("<office:document-content {ns}>{styles}<office:body><office:text>{}</office:text></office:body></office:document-content>", v.concat())
    })
}

fn odt_of(content: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096), text in contractish()) {
        check(&bytes, Format::Text);
        check(text.as_bytes(), Format::Text);
    }

    #[test]
    fn markdown_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096), text in contractish()) {
        check(&bytes, Format::Markdown);
        check(text.as_bytes(), Format::Markdown);
    }

    #[test]
    fn html_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096), text in contractish()) {
        check(&bytes, Format::Html);
        check(text.as_bytes(), Format::Html);
    }

    #[test]
    fn docx_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096), xml in word_xml(), cut in 0usize..2000) {
        check(&bytes, Format::Docx);
        let numbering = r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2.%9"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="4294967295"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let docx = docx_of(&xml, numbering);
        check(&docx, Format::Docx);
        check(&docx[..cut.min(docx.len())], Format::Docx);
    }

    #[test]
    fn odt_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096), content in odt_content(), cut in 0usize..2000) {
        check(&bytes, Format::Odt);
        let odt = odt_of(&content);
        check(&odt, Format::Odt);
        check(&odt[..cut.min(odt.len())], Format::Odt);
    }
}
