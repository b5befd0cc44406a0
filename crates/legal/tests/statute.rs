//! `lexicon/statute.toml` is the GDPR's own wording behind each Art. 28 requirement, in each
//! language, cut from the line-aligned Regulation in `../shared/parallel/gdpr.*.txt`. This test
//! fails when the file is stale; `CONCORDIA_WRITE_GENERATED=1` writes it instead. Without
//! ../shared it checks nothing (in CI, where ../shared must be there, it fails instead).

use std::collections::BTreeMap;
use std::path::PathBuf;

const LANGUAGES: [&str; 4] = ["sv", "de", "it", "nl"];
const POINTS: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];

const HEADER: &str = "\
# The GDPR's wording behind each Art. 28 requirement (`statute` in checklist.toml), by language.
# Generated from ../shared/parallel/gdpr.{sv,de,it,nl}.txt (Regulation (EU) 2016/679, as
# consolidated on 2018-05-23) by crates/legal/tests/statute.rs: do not edit. Regenerate:
#   CONCORDIA_WRITE_GENERATED=1 cargo test -p concordia-legal --test statute
# © European Union, https://eur-lex.europa.eu/ (reuse authorised by Commission Decision
# 2011/833/EU). Only the Official Journal version is authentic.

";

fn parallel() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/parallel");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{} is missing", dir.display());
    eprintln!("skipped: {} not found", dir.display());
    None
}

/// Paragraph `n` of article `article`: the article's n-th line after its heading (one line per
/// paragraph in every language), without its number ("(3) " in German, "3. " elsewhere).
fn paragraph<'a>(lines: &[&'a str], article: u32, n: usize) -> &'a str {
    let heading = lines
        .iter()
        .position(|l| {
            l.starts_with(&format!("Artikel {article} –")) || l.starts_with(&format!("Articolo {article} –"))
        })
        .unwrap_or_else(|| panic!("no Article {article}"));
    let line = lines[heading + n];
    [format!("({n}) "), format!("{n}. ")]
        .iter()
        .find_map(|mark| line.strip_prefix(mark.as_str()))
        .unwrap_or_else(|| panic!("Article {article}: line {n} is not paragraph {n}: {line}"))
}

/// Art. 28(3) cut into its opening, its points a) to h) and its second subparagraph.
fn points(text: &str) -> BTreeMap<String, String> {
    let mut starts = Vec::new();
    let mut from = 0;
    for p in POINTS {
        let mark = format!(" {p}) ");
        let at = from + text[from..].find(&mark).unwrap_or_else(|| panic!("no point {p}"));
        starts.push((p, at, at + mark.len()));
        from = at + mark.len();
    }
    let mut out = BTreeMap::new();
    out.insert("28(3)".to_owned(), text[..starts[0].1].trim().to_owned());
    for (k, &(p, _, body)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |next| next.1);
        out.insert(format!("28(3)({p})"), format!("{p}) {}", text[body..end].trim()));
    }
    // Point h) ends with its first sentence; what follows is the second subparagraph.
    let h = out["28(3)(h)"].clone();
    let split = h
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| h[i + 2..].starts_with(|c: char| c.is_uppercase()))
        .expect("a sentence after point h)");
    out.insert("28(3)(h)".to_owned(), h[..=split].to_owned());
    out.insert("28(3) second subparagraph".to_owned(), h[split + 2..].to_owned());
    out
}

fn pieces(text: &str) -> BTreeMap<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = points(paragraph(&lines, 28, 3));
    for (key, article, n) in [("28(2)", 28, 2), ("28(4)", 28, 4), ("33(2)", 33, 2)] {
        out.insert(key.to_owned(), paragraph(&lines, article, n).to_owned());
    }
    out
}

#[test]
fn the_statute_file_is_cut_from_the_gdpr_in_every_language() {
    let Some(dir) = parallel() else { return };
    let mut all = BTreeMap::new();
    for lang in LANGUAGES {
        let text = std::fs::read_to_string(dir.join(format!("gdpr.{lang}.txt"))).unwrap();
        let pieces = pieces(&text);
        // The second subparagraph speaks of point h) and of an instruction, in every language.
        let second = &pieces["28(3) second subparagraph"];
        assert!(second.contains(" h"), "{lang}: {second}");
        assert_eq!(pieces.len(), 13, "{lang}");
        all.insert(lang.to_owned(), pieces);
    }
    let want = format!("{HEADER}{}", toml::to_string(&all).unwrap());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lexicon/statute.toml");
    if std::env::var_os("CONCORDIA_WRITE_GENERATED").is_some() {
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run CONCORDIA_WRITE_GENERATED=1 cargo test -p concordia-legal --test statute",
        path.display()
    );
}
