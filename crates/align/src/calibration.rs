//! From a link's score to the confidence shown: the share of links with such a score that
//! were right on labelled comparisons (see `data/calibration.tsv` and how it is made there).

use std::sync::LazyLock;

/// The shipped table: `score<TAB>share right`, scores ascending.
pub const TABLE: &str = include_str!("../data/calibration.tsv");

pub(crate) static POINTS: LazyLock<Vec<(f32, f32)>> =
    LazyLock::new(|| parse(TABLE).expect("the shipped calibration table parses (tested)"));

/// Reads `score<TAB>share` lines (comments start with `#`); scores must ascend.
pub fn parse(tsv: &str) -> Result<Vec<(f32, f32)>, String> {
    let mut points: Vec<(f32, f32)> = Vec::new();
    for (n, line) in tsv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut fields = line.split('\t').map(str::trim).map(str::parse::<f32>);
        let (Some(Ok(score)), Some(Ok(share)), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(format!("line {}: expected a score and a share", n + 1));
        };
        if points.last().is_some_and(|&(s, _)| s >= score) || !(0.0..=1.0).contains(&share) {
            return Err(format!("line {}: scores must ascend and shares lie in 0–1", n + 1));
        }
        points.push((score, share));
    }
    if points.is_empty() {
        return Err("no points".to_owned());
    }
    Ok(points)
}

/// The confidence of a link with this score: the table's share, read between its points.
pub fn confidence(score: f32) -> f32 {
    interpolate(&POINTS, score)
}

fn interpolate(points: &[(f32, f32)], score: f32) -> f32 {
    let after = points.partition_point(|&(s, _)| s <= score);
    match (after.checked_sub(1).map(|k| points[k]), points.get(after)) {
        (Some((s0, c0)), Some(&(s1, c1))) => c0 + (c1 - c0) * (score - s0) / (s1 - s0),
        (Some((_, c)), None) | (None, Some(&(_, c))) => c,
        (None, None) => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_and_never_falls() {
        let points = parse(TABLE).unwrap();
        assert!(points.windows(2).all(|w| w[0].1 <= w[1].1), "more score never means less confidence");
    }

    #[test]
    fn scores_between_points_are_read_on_the_line() {
        let points = [(0.2, 0.1), (0.6, 0.9)];
        assert!((interpolate(&points, 0.4) - 0.5).abs() < 1e-6);
        assert_eq!(interpolate(&points, 0.0), 0.1);
        assert_eq!(interpolate(&points, 1.0), 0.9);
        assert!(parse("0.5\t0.2\n0.4\t0.3").is_err());
    }
}
