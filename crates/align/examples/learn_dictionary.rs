//! Learns `data/gdpr-dictionary.tsv` from the GDPR in ../shared/parallel, leaving out Articles
//! 24–43 (the alignment benchmark's test text).
//!
//! cargo run -p concordia-align --example learn_dictionary -- ../shared/parallel crates/align/data/gdpr-dictionary.tsv

use std::collections::BTreeMap;

use concordia_align::dictionary::{learn, lines_outside_articles};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = &args[..] else {
        return Err("usage: learn_dictionary PARALLEL_DIR OUT.tsv".into());
    };
    let mut texts = BTreeMap::new();
    for lang in ["de", "it", "nl", "sv"] {
        let text = std::fs::read_to_string(format!("{dir}/gdpr.{lang}.txt"))?;
        texts.insert(lang.to_owned(), lines_outside_articles(&text, 24..=43));
    }
    let lengths: Vec<usize> = texts.values().map(Vec::len).collect();
    if lengths.windows(2).any(|w| w[0] != w[1]) {
        return Err(format!("the four texts are not line-aligned: {lengths:?} lines").into());
    }
    let tsv = learn(&texts);
    std::fs::write(out, &tsv)?;
    println!("{} paragraphs per language, {} dictionary lines → {out}", lengths[0], tsv.lines().count());
    Ok(())
}
