//! One-to-one assignment with a "no match" option (Hungarian method from `pathfinding`).

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

/// The pairs `(i, j)` that maximise the summed score above `threshold`, each index used at most
/// once; a pair at or below the threshold is no match rather than a forced one.
pub fn one_to_one(scores: &[Vec<f32>], threshold: f32) -> Vec<(usize, usize)> {
    let rows = scores.len();
    let columns = scores.first().map_or(0, Vec::len);
    if rows == 0 || columns == 0 {
        return Vec::new();
    }
    let gain = |i: usize, j: usize| (((scores[i][j] - threshold) * 10_000.0).round() as i64).max(0);
    // The solver needs no more rows than columns.
    let transposed = rows > columns;
    let weights = if transposed {
        Matrix::from_fn(columns, rows, |(j, i)| gain(i, j))
    } else {
        Matrix::from_fn(rows, columns, |(i, j)| gain(i, j))
    };
    let (_, assignment) = kuhn_munkres(&weights);
    assignment
        .into_iter()
        .enumerate()
        .map(|(r, c)| if transposed { (c, r) } else { (r, c) })
        .filter(|&(i, j)| gain(i, j) > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_pairs_stay_unmatched_and_strong_ones_win_globally() {
        let scores = vec![vec![0.9, 0.8], vec![0.85, 0.1], vec![0.05, 0.05]];
        let mut pairs = one_to_one(&scores, 0.2);
        pairs.sort_unstable();
        // Greedy would give (0,0) and leave row 1 alone; the optimum pairs 0–1 and 1–0.
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn empty_inputs_give_no_pairs() {
        assert!(one_to_one(&[], 0.2).is_empty());
        assert!(one_to_one(&[vec![]], 0.2).is_empty());
    }
}
