//! Hand-built PDFs for the hostile corpus and the PDF property test: a writer that numbers the
//! objects and computes the cross-reference table, so each file is broken exactly where meant.

#![allow(dead_code)]

use std::io::Write;

/// A PDF of `objects` (object 1 is the catalog), with a correct cross-reference table unless
/// `xref` says otherwise.
pub fn pdf(objects: &[Vec<u8>], xref: Xref) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let start = out.len();
    if xref == Xref::Missing {
        return out;
    }
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        let offset = if xref == Xref::Wrong { 999_999 } else { offset };
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer =
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n", objects.len() + 1);
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// How the cross-reference table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Xref {
    Right,
    /// Every offset points past the end of the file.
    Wrong,
    /// No table and no trailer.
    Missing,
}

pub fn obj(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// A stream object; `extra` goes into its dictionary.
pub fn stream(data: &[u8], extra: &str) -> Vec<u8> {
    let mut out = format!("<< /Length {} {extra}>>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

pub const HELVETICA: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// A German contract body long enough to be judged by its language.
pub const BODY: [&str; 8] = [
    "Artikel 1 Gegenstand",
    "Der Auftragnehmer verarbeitet personenbezogene Daten ausschliesslich im Auftrag und nach",
    "dokumentierter Weisung des Auftraggebers, auch in Bezug auf die Uebermittlung in Drittlaender.",
    "",
    "Artikel 8 Haftung",
    "Die Haftung des Auftragnehmers ist fuer alle Schaeden aus diesem Vertrag auf EUR 5.000 je",
    "Vertragsjahr begrenzt. Die Haftung fuer Vorsatz und grobe Fahrlaessigkeit bleibt unberuehrt.",
    "Der Auftragnehmer unterstuetzt den Auftraggeber bei der Erfuellung der Rechte der Betroffenen.",
];

/// Content operators drawing `lines` from the top left, one per 14 points.
pub fn text_ops(lines: &[&str], x: f64, y: f64) -> Vec<u8> {
    let mut ops = format!("BT /F1 11 Tf 14 TL {x} {y} Td\n");
    for line in lines {
        ops.push_str(&format!("({line}) Tj T*\n"));
    }
    ops.push_str("ET");
    ops.into_bytes()
}

/// Catalog, page tree, one page with font `font` (object 4) and contents (object 5).
pub fn one_page(font: &str, contents: Vec<u8>, media_box: &str) -> Vec<Vec<u8>> {
    vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox {media_box} /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        )),
        obj(font),
        stream(&contents, ""),
    ]
}

pub fn good() -> Vec<u8> {
    pdf(&one_page(HELVETICA, text_ops(&BODY, 50.0, 800.0), "[0 0 595 842]"), Xref::Right)
}

/// A ToUnicode map sending codes 0x20–0x7E (or two letter ranges) to `ranges`.
fn to_unicode(ranges: &str, count: usize) -> Vec<u8> {
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def \
         1 begincodespacerange <00> <FF> endcodespacerange {count} beginbfrange {ranges} endbfrange \
         endcmap CMapName currentdict /CMap defineresource pop end end"
    );
    stream(cmap.as_bytes(), "")
}

/// The PDF files of the hostile corpus: (name, bytes).
pub fn hostile() -> Vec<(String, Vec<u8>)> {
    let body = || text_ops(&BODY, 50.0, 800.0);
    let a4 = "[0 0 595 842]";
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| files.push((name.to_owned(), bytes));
    add("good.pdf", good());
    // A page tree that contains itself.
    let mut cycle = one_page(HELVETICA, body(), a4);
    cycle[1] = obj("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>");
    add("page-tree-cycle.pdf", pdf(&cycle, Xref::Right));
    // A form that draws itself: unbounded recursion in the reader.
    let mut form = one_page(HELVETICA, b"/X1 Do".to_vec(), a4);
    form[2] = obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>");
    form.push(stream(
        &[body(), b"\n/X1 Do".to_vec()].concat(),
        "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> ",
    ));
    add("form-recursion.pdf", pdf(&form, Xref::Right));
    // Contents that refer to each other in a ring.
    let mut ring = one_page(HELVETICA, Vec::new(), a4);
    ring[2] = obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>");
    ring[4] = obj("7 0 R");
    ring.extend([obj("7 0 R"), obj("6 0 R")]);
    add("reference-ring.pdf", pdf(&ring, Xref::Right));
    add("broken-xref.pdf", pdf(&one_page(HELVETICA, body(), a4), Xref::Wrong));
    add("no-xref.pdf", pdf(&one_page(HELVETICA, body(), a4), Xref::Missing));
    add(
        "enormous-page.pdf",
        pdf(&one_page(HELVETICA, text_ops(&BODY, 1e9, 1e9), "[0 0 14400 14400]"), Xref::Right),
    );
    let huge_matrix = String::from_utf8(body()).unwrap().replace("Td", "Td 1e38 0 0 1e38 0 0 Tm");
    add("huge-coordinates.pdf", pdf(&one_page(HELVETICA, huge_matrix.into_bytes(), a4), Xref::Right));
    let flat = String::from_utf8(body()).unwrap().replace("BT", "BT 0 0 0 0 0 0 Tm");
    add("degenerate-matrix.pdf", pdf(&one_page(HELVETICA, flat.into_bytes(), a4), Xref::Right));
    add("many-pages.pdf", many_pages(3000));
    let lines: Vec<String> =
        (0..100_000).map(|k| format!("Zeile {k} des Vertrags mit etwas Text darin.")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    add("100k-lines-one-page.pdf", pdf(&one_page(HELVETICA, text_ops(&lines, 50.0, 800.0), a4), Xref::Right));
    add("flate-bomb.pdf", flate_bomb());
    // Fonts whose text cannot be trusted.
    let private_use = format!("{} /ToUnicode 6 0 R >>", HELVETICA.trim_end_matches(">>").trim_end());
    let mut pua = one_page(&private_use, body(), a4);
    pua.push(to_unicode("<20> <7E> <E020>", 1));
    add("private-use-font.pdf", pdf(&pua, Xref::Right));
    let mut shifted = one_page(&private_use, body(), a4);
    shifted.push(to_unicode("<41> <5A> <0042> <61> <7A> <0062>", 2));
    add("shifted-letters-font.pdf", pdf(&shifted, Xref::Right));
    add("cid-font-without-tounicode.pdf", identity_h_without_to_unicode());
    add("truncated-half.pdf", good()[..good().len() / 2].to_vec());
    files
}

fn many_pages(count: usize) -> Vec<u8> {
    let kids: Vec<String> = (0..count).map(|k| format!("{} 0 R", k + 5)).collect();
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(&format!("<< /Type /Pages /Kids [{}] /Count {count} >>", kids.join(" "))),
        obj(HELVETICA),
        stream(&text_ops(&BODY, 50.0, 800.0), ""),
    ];
    for _ in 0..count {
        objects.push(obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"));
    }
    pdf(&objects, Xref::Right)
}

/// Contents that inflate to 1 GB of zeros from about 1 MB.
fn flate_bomb() -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        encoder.write_all(&zeros).unwrap();
    }
    let mut objects = one_page(HELVETICA, Vec::new(), "[0 0 595 842]");
    objects[4] = stream(&encoder.finish().unwrap(), "/Filter /FlateDecode ");
    pdf(&objects, Xref::Right)
}

/// A composite font with glyph ids and no map back to text, as some exporters write.
fn identity_h_without_to_unicode() -> Vec<u8> {
    let glyphs = |line: &str| -> String {
        line.chars().map(|c| format!("{:04X}", if c == ' ' { 3 } else { c as u32 - 29 })).collect()
    };
    let mut ops = String::from("BT /F1 11 Tf 14 TL 50 800 Td\n");
    for line in BODY.iter().filter(|l| !l.is_empty()) {
        ops.push_str(&format!("<{}> Tj T*\n", glyphs(line)));
    }
    ops.push_str("ET");
    let mut objects = one_page(
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        ops.into_bytes(),
        "[0 0 595 842]",
    );
    objects.push(obj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 500 >>"));
    objects.push(obj("<< /Type /FontDescriptor /FontName /ABCDEF+Arial /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"));
    pdf(&objects, Xref::Right)
}
