//! The hostile-file corpus: files built here that are malformed, truncated, bombs, in the wrong
//! format, empty, huge, full of NUL bytes, invalid UTF-8, right-to-left overrides or scripts,
//! OpenDocument files that are not text, and PDFs with cycles, self-drawing forms, broken cross-references, enormous pages, inflate
//! bombs and fonts whose text is mojibake. Each one, imported through the real `concordia`
//! binary (Word, OpenDocument and PDF files in its child reader),
//! ends in a clean import or a clean refusal naming the file, within 10 s; the library stays
//! intact afterwards.

mod pdfs;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn document(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
        .into_bytes()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn good_docx() -> Vec<u8> {
    let body = [
        p("Artikel 1 Onderwerp"),
        p("Verwerker verwerkt persoonsgegevens."),
        p("Artikel 8 Aansprakelijkheid"),
        p("Hooguit €5.000."),
    ]
    .concat();
    zip_of(&[("word/document.xml", document(&body))])
}

fn numbered_docx(numbering: &str, body: &str) -> Vec<u8> {
    zip_of(&[
        ("word/document.xml", document(body)),
        ("word/numbering.xml", format!("<w:numbering {W}>{numbering}</w:numbering>").into_bytes()),
    ])
}

/// Every hostile file: (name, bytes). A `None` body means a sparse file of that many bytes.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| files.push((name.to_owned(), bytes));
    // Text.
    add("empty.txt", Vec::new());
    add("only-spaces.txt", b"   \n\n\t  ".to_vec());
    add("nul-bytes.txt", vec![0; 4096]);
    add("nul-inside.txt", b"Artikel 1 Onderwerp\0\0\0 Verwerker verwerkt gegevens.\n".to_vec());
    add("invalid-utf8.txt", b"Artikel 1 \xff\xfe\xfd Haftung f\xc3 Sch\xe4den\n".to_vec());
    add(
        "latin1.txt",
        b"\xa7 8 Haftung\n\nDie Haftung f\xfcr Sch\xe4den ist auf 5.000 \x80 begrenzt.\n".to_vec(),
    );
    add(
        "utf16le.txt",
        [
            vec![0xff, 0xfe],
            "§ 8 Haftung\n\nBegrenzt auf €5.000.".encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ]
        .concat(),
    );
    add("utf16-no-bom.txt", "Haftung".encode_utf16().flat_map(u16::to_le_bytes).collect());
    add(
        "rtl-override.txt",
        "Artikel 8 \u{202E}gnidjelekarpsnaA\u{202C}\n\nHooguit \u{202E}000.5€\u{202C}.".as_bytes().to_vec(),
    );
    add("zero-width.txt", "Arti\u{200B}kel 1\u{FEFF} On\u{200D}derwerp\n\nTekst.".as_bytes().to_vec());
    add("control-chars.txt", b"Artikel 1\x01\x02\x03\x1b[31m rood\x1b[0m\x07\n".to_vec());
    add("one-long-line.txt", vec![b'a'; 8 << 20]);
    add("many-short-lines.txt", b"1.\n".repeat(2 << 20));
    add("random-binary.txt", (0..65536u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect());
    add("png-as.txt", [b"\x89PNG\r\n\x1a\n".to_vec(), vec![0; 100]].concat());
    add("pdf-as.txt", b"%PDF-1.7\n1 0 obj<<>>endobj\n".to_vec());
    add("zip-as.txt", good_docx());
    add(
        "deep-numbering.txt",
        (1..=2000)
            .map(|k| format!("{}. x\n", vec!["1"; k % 50 + 1].join(".")))
            .collect::<String>()
            .into_bytes(),
    );
    // Markdown.
    add("script.md", b"# Vertrag\n\n<script>alert(1)</script>\n\n<iframe src=\"http://evil\"></iframe>\n\n## 1 Haftung\n\nText [link](javascript:alert(1)).\n".to_vec());
    add("deep-quote.md", format!("{}Haftung\n", ">".repeat(20_000)).into_bytes());
    add(
        "deep-list.md",
        (0..3000).map(|k| format!("{}- x\n", "  ".repeat(k))).collect::<String>().into_bytes(),
    );
    add("emphasis-bomb.md", "*a".repeat(100_000).into_bytes());
    add("backtick-bomb.md", "`".repeat(200_000).into_bytes());
    add(
        "link-defs.md",
        (0..50_000).map(|k| format!("[l{k}]: http://x/{k}\n")).collect::<String>().into_bytes(),
    );
    add(
        "huge-table.md",
        format!("|{}\n|{}\n", "a|".repeat(5000), "-|".repeat(5000)).repeat(200).into_bytes(),
    );
    add("empty.md", Vec::new());
    add("binary.md", [0xde, 0xad, 0xbe, 0xef, 0, 0, 1, 2].repeat(1000));
    // HTML.
    add("script.html", b"<html><head><title>Vertrag</title><script>alert(1)</script></head><body><h1>1 Haftung</h1><p onclick=\"x()\">Text</p><img src=x onerror=alert(1)></body></html>".to_vec());
    add(
        "deep-divs.html",
        format!("{}Haftung{}", "<div>".repeat(100_000), "</div>".repeat(100_000)).into_bytes(),
    );
    add("unclosed.html", "<p><b><i><u>Haftung ".repeat(20_000).into_bytes());
    add("entity-flood.html", format!("<p>{}</p>", "&amp;&lt;&#8364;".repeat(200_000)).into_bytes());
    add("huge-attribute.html", format!("<p title=\"{}\">Haftung</p>", "x".repeat(10 << 20)).into_bytes());
    add("svg-only.html", b"<html><body><svg><text>no text here</text></svg></body></html>".to_vec());
    add("style-only.html", b"<html><head><style>p{}</style></head><body></body></html>".to_vec());
    add("comment-flood.html", format!("<!--{}--><p>Haftung</p>", "-- x ".repeat(200_000)).into_bytes());
    add("binary-as.html", [0x00, 0xff, 0x13, 0x37].repeat(5000));
    add(
        "utf16.html",
        [vec![0xff, 0xfe], "<p>Haftung €5.000</p>".encode_utf16().flat_map(u16::to_le_bytes).collect()]
            .concat(),
    );
    // Word.
    let good = good_docx();
    add("good.docx", good.clone());
    add("empty.docx", Vec::new());
    add("text-as.docx", b"Artikel 1 Onderwerp\n\nIk ben geen Word-bestand.".to_vec());
    for cut in [4usize, 30, 100, 200, 300, 400, 500, 600, 700, good.len() - 10] {
        add(&format!("truncated-{cut}.docx"), good[..cut.min(good.len())].to_vec());
    }
    add("bomb.docx", zip_of(&[("word/document.xml", vec![b' '; 80 << 20])]));
    add(
        "many-entries.docx",
        zip_of(
            &(0..10_050)
                .map(|k| (Box::leak(format!("x/{k}").into_boxed_str()) as &str, Vec::new()))
                .collect::<Vec<_>>(),
        ),
    );
    add("missing-document.docx", zip_of(&[("word/styles.xml", b"<w:styles/>".to_vec())]));
    add(
        "malformed-xml.docx",
        zip_of(&[(
            "word/document.xml",
            format!("<w:document {W}><w:body><w:p><w:t>x</w:body>").into_bytes(),
        )]),
    );
    add("billion-laughs.docx", zip_of(&[("word/document.xml", format!(r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document {W}><w:body>{}</w:body></w:document>"#, p("Vertrag &d;&d;&d;")).into_bytes())]));
    add("external-refs.docx", zip_of(&[
        ("word/document.xml", document(&p("Artikel 1 Onderwerp"))),
        ("word/_rels/document.xml.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>"#.to_vec()),
    ]));
    add("nested-zip.docx", zip_of(&[("word/document.xml", good.clone())]));
    add(
        "huge-xml.docx",
        zip_of(&[("word/document.xml", document(&p("Artikel 1 Haftung ist begrenzt.").repeat(300_000)))]),
    );
    add(
        "deep-xml.docx",
        zip_of(&[(
            "word/document.xml",
            document(&format!("{}{}{}", "<w:sdt>".repeat(200_000), p("x"), "</w:sdt>".repeat(200_000))),
        )]),
    );
    add("no-text.docx", zip_of(&[("word/document.xml", document("<w:p/><w:p><w:r/></w:p>"))]));
    add("odd-numbering.docx", numbered_docx(
        r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1%1%1%9)"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="99"><w:startOverride w:val="-3"/></w:lvlOverride></w:num><w:num w:numId="6"><w:abstractNumId w:val="404"/></w:num>"#,
        &[r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>eins</w:t></w:r></w:p>"#, r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>zwei</w:t></w:r></w:p>"#, r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="77"/><w:numId w:val="6"/></w:numPr></w:pPr><w:r><w:t>drei</w:t></w:r></w:p>"#].concat(),
    ));
    add(
        "roman-huge.docx",
        numbered_docx(
            r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="4000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Haftung</w:t></w:r></w:p>"#,
        ),
    );
    add(
        "utf16-xml.docx",
        zip_of(&[(
            "word/document.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><w:document/>"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        )]),
    );
    add(
        "traversal-names.docx",
        zip_of(&[
            ("../../../etc/passwd", b"root".to_vec()),
            ("word/document.xml", document(&p("Artikel 1"))),
        ]),
    );
    add("pdf-as.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec());
    // Not PDFs at all, and unknown types; real hostile PDFs are in `pdfs`.
    add("fake.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF".to_vec());
    add("truncated.pdf", b"%PDF-1.".to_vec());
    add("macro.docm", good);
    add("script.js", b"alert(1)".to_vec());
    files.extend(odt_files());
    files.extend(pdfs::hostile());
    files
}

fn odt_files() -> Vec<(String, Vec<u8>)> {
    const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.text";
    let content = |body: &str| {
        format!(r#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#)
            .into_bytes()
    };
    let good = zip_of(&[
        ("mimetype", MIMETYPE.to_vec()),
        (
            "content.xml",
            content(
                "<text:h text:outline-level=\"1\">Artikel 8 Haftung</text:h><text:p>Hooguit €5.000.</text:p>",
            ),
        ),
    ]);
    vec![
        ("good.odt".into(), good.clone()),
        ("truncated.odt".into(), good[..good.len() / 2].to_vec()),
        (
            "spreadsheet.odt".into(),
            zip_of(&[
                ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
                ("content.xml", content("")),
            ]),
        ),
        ("no-content.odt".into(), zip_of(&[("mimetype", MIMETYPE.to_vec())])),
        (
            "bomb.odt".into(),
            zip_of(&[("mimetype", MIMETYPE.to_vec()), ("content.xml", vec![b' '; 80 << 20])]),
        ),
        ("docx-as.odt".into(), zip_of(&[("word/document.xml", document(&p("Artikel 9 Gerichtsstand")))])),
    ]
}

/// What must become of the files whose fate is known, beyond "a clean import or refusal".
fn expected(name: &str) -> Option<Result<(), &'static str>> {
    Some(match name {
        "good.pdf" | "good.docx" | "good.odt" | "many-pages.pdf" | "enormous-page.pdf" => Ok(()),
        "spreadsheet.odt" | "docx-as.odt" => Err("not an OpenDocument text"),
        "private-use-font.pdf" | "shifted-letters-font.pdf" | "cid-font-without-tounicode.pdf" => {
            Err("unreadable")
        }
        "form-recursion.pdf" | "flate-bomb.pdf" => Err("the reader crashed"),
        "broken-xref.pdf" | "page-tree-cycle.pdf" => Err("damaged"),
        "bomb.docx" | "bomb.odt" => Err("MB"),
        _ => return None,
    })
}

/// 10 s for the shipped (release) binary; a debug build is about ten times slower (and the test
/// is ignored there unless asked for), so it gets 60 s.
fn time_limit() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 })
}

fn concordia(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_concordia"));
    c.arg("--data-dir").arg(data).env_remove("CONCORDIA_DATA_DIR");
    c
}

/// Runs a command, killing it after `limit`; returns (success, stderr, elapsed).
fn run_with_limit(mut command: Command, limit: Duration) -> (bool, String, Duration) {
    let started = Instant::now();
    let mut child = command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            return (status.success(), err, started.elapsed());
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            return (false, "KILLED: over the time limit".into(), started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "a time bound on the shipped build: scripts/test.sh runs it with --release"
)]
fn every_hostile_file_ends_in_a_clean_import_or_refusal_and_the_library_survives() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("library");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    assert!(concordia(&data).arg("import").arg(&samples).status().unwrap().success());
    let files = corpus();
    let mut paths: Vec<PathBuf> = Vec::new();
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    // 200 MB of text, made sparse so the test stays light: refused by its size.
    let huge = dir.path().join("huge-200mb.txt");
    std::fs::File::create(&huge).unwrap().set_len(200 << 20).unwrap();
    paths.push(huge);
    assert!(paths.len() >= 60, "{} hostile files", paths.len());
    let (mut imported, mut refused, mut slowest, mut slowest_name) = (0, 0, Duration::ZERO, String::new());
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut command = concordia(&data);
        command.arg("import").arg(path);
        let (ok, stderr, took) = run_with_limit(command, time_limit());
        if took > slowest {
            slowest = took;
            slowest_name = name.clone();
        }
        assert!(!stderr.contains("KILLED"), "{name} took more than {:?}", time_limit());
        assert!(!stderr.contains("panicked"), "{name} made the importer panic: {stderr}");
        if ok {
            imported += 1;
        } else {
            refused += 1;
            assert!(stderr.contains(&name), "{name}: the refusal names the file: {stderr}");
            assert!(stderr.lines().all(|l| l.len() < 2000), "{name}: a short message: {stderr}");
        }
        match expected(&name) {
            Some(Ok(())) => assert!(ok, "{name} is imported: {stderr}"),
            Some(Err(reason)) => {
                assert!(!ok && stderr.contains(reason), "{name} is refused ({reason}): {stderr}");
            }
            None => {}
        }
    }
    println!("hostile corpus: {} files, {imported} imported, {refused} refused cleanly, slowest {slowest_name} {:.1} s ({} build)", paths.len(), slowest.as_secs_f64(), if cfg!(debug_assertions) { "debug" } else { "release" });
    // The library is intact: the samples are there, searchable and readable.
    let list = concordia(&data).args(["list", "--json"]).output().unwrap();
    let docs: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    for title in ["Polderdata", "Nordlicht", "Laguna", "Auftragsverarbeitung"] {
        assert!(
            docs.as_array().unwrap().iter().any(|d| d["title"].as_str().unwrap().contains(title)),
            "{title} is still there"
        );
    }
    let search = concordia(&data).args(["search", "aansprakelijkheid", "--json"]).output().unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert!(!hits["hits"].as_array().unwrap().is_empty(), "search still works");
    let reindex = concordia(&data).arg("reindex").output().unwrap();
    assert!(reindex.status.success());
}
