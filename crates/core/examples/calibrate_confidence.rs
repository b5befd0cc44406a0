//! Fits `crates/align/data/calibration.tsv`: how often a link with a given score is right.
//!
//! The labelled links come from comparing the real DPAs of `../shared/real` that are not held
//! out (the held-out ones stay for measuring): every two documents of different languages, and
//! one document per language. Their gold names, per topic, the clause a lawyer would point to.
//! A gold clause linked into a row built around another document's clause is right when that
//! clause is the other document's gold clause on the same topic (`eval::linked_scores`). The scores are
//! cut into bins of equal size, each bin's share of right links is made non-decreasing (pool
//! adjacent violators), and each bin becomes one point.
//!
//! cargo run --release -p concordia-core --example calibrate_confidence -- ../shared/real crates/align/data/calibration.tsv

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use concordia_core::eval::{linked_scores, GoldSet, HELD_OUT};
use concordia_core::{Library, Progress};

const BINS: usize = 12;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [real, out] = &args[..] else {
        return Err("usage: calibrate_confidence REAL_DIR OUT.tsv".into());
    };
    let real = PathBuf::from(real);
    let set = GoldSet::load(&real)?.only(|k| !HELD_OUT.contains(&k));
    let keys: Vec<&String> = set.docs.keys().collect();
    let mut links = Vec::new();
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            if a[5..7] != b[5..7] {
                links.extend(labelled_links(&real, &[a, b], &set)?);
            }
        }
    }
    // And one document per language, as compared side by side in practice.
    let mut by_lang: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for key in &keys {
        by_lang.entry(&key[5..7]).or_default().push(key);
    }
    for k in 0..by_lang.values().map(Vec::len).max().unwrap_or(0) {
        let group: Vec<&String> = by_lang.values().filter_map(|v| v.get(k).copied()).collect();
        if group.len() >= 2 {
            links.extend(labelled_links(&real, &group, &set)?);
        }
    }
    links.sort_by(|a, b| a.0.total_cmp(&b.0));
    let points = fit(&links);
    let mut tsv = String::from(
        "# score<TAB>share of links right, fitted on real DPAs by crates/core/examples/calibrate_confidence.rs\n",
    );
    for (score, share) in &points {
        tsv.push_str(&format!("{score:.3}\t{share:.3}\n"));
    }
    std::fs::write(out, tsv)?;
    let right = links.iter().filter(|l| l.1).count();
    println!("{} labelled links ({right} right) → {} points in {out}", links.len(), points.len());
    Ok(())
}

/// (score, right) for every gold clause linked into a row built around another document's.
fn labelled_links(
    real: &Path,
    keys: &[&String],
    set: &GoldSet,
) -> Result<Vec<(f32, bool)>, Box<dyn std::error::Error>> {
    let tmp = tempfile_dir()?;
    let library = Library::open(&tmp)?;
    let paths: Vec<PathBuf> = keys.iter().map(|k| real.join(k)).collect();
    let report = library.import(&paths, &Progress::none())?;
    let ids: Vec<concordia_core::api::DocId> = report.outcomes.iter().filter_map(|o| o.id).collect();
    let comparison = library.compare(&ids, Some(ids[0]))?;
    let group: Vec<String> = keys.iter().map(|k| (*k).clone()).collect();
    std::fs::remove_dir_all(&tmp).ok();
    Ok(linked_scores(set, &group, &comparison))
}

fn tempfile_dir() -> std::io::Result<PathBuf> {
    let dir =
        std::env::temp_dir().join(format!("concordia-calibrate-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// Bins of equal size, their shares made non-decreasing, as (mean score, share right).
fn fit(links: &[(f32, bool)]) -> Vec<(f32, f32)> {
    let size = links.len().div_ceil(BINS).max(1);
    // (score sum, right, count) per block; adjacent blocks pool while a share would fall.
    let mut blocks: Vec<(f32, f32, f32)> = Vec::new();
    for chunk in links.chunks(size) {
        let block = (
            chunk.iter().map(|l| l.0).sum(),
            chunk.iter().filter(|l| l.1).count() as f32,
            chunk.len() as f32,
        );
        blocks.push(block);
        while blocks.len() >= 2 {
            let (b, a) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            if a.1 / a.2 <= b.1 / b.2 {
                break;
            }
            blocks.pop();
            *blocks.last_mut().expect("two blocks") = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    blocks.into_iter().map(|(sum, right, n)| (sum / n, right / n)).collect()
}
