//! The user's corrections, applied on top of the automatic rows.

use crate::{Link, Row};

/// What the user said about two clauses; in JSON and in the store "link", "unlink", "confirm".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Fix {
    /// Put `moved` in the row of `anchor`.
    Link,
    /// Keep `moved` out of the row of `anchor` ("not equivalent").
    Unlink,
    /// The automatic link of the two is right.
    Confirm,
}

impl Fix {
    /// Every kind, for listing and for tests.
    pub const ALL: [Fix; 3] = [Fix::Link, Fix::Unlink, Fix::Confirm];

    /// The name stored and shown ("link").
    pub fn name(self) -> &'static str {
        match self {
            Fix::Link => "link",
            Fix::Unlink => "unlink",
            Fix::Confirm => "confirm",
        }
    }

    /// The kind of a stored name; `None` for a name this build does not know.
    pub fn from_name(name: &str) -> Option<Fix> {
        Fix::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A correction; clauses are (document index, clause index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correction {
    /// What to do.
    pub fix: Fix,
    /// The clause whose row is meant.
    pub anchor: (usize, usize),
    /// The clause moved, kept out or confirmed.
    pub moved: (usize, usize),
}

/// Applies corrections in the order given (oldest first, so the newest wins).
pub fn apply(rows: &mut Vec<Row>, corrections: &[Correction]) {
    for correction in corrections {
        let (Some(a), Some(m)) = (find(rows, correction.anchor), find(rows, correction.moved)) else {
            continue;
        };
        match correction.fix {
            Fix::Confirm if a == m => {
                sure(&mut rows[a], correction.anchor);
                sure(&mut rows[a], correction.moved);
            }
            Fix::Link | Fix::Confirm if a != m => {
                take(rows, m, correction.moved);
                let a = find(rows, correction.anchor).expect("the anchor's row stays");
                let (doc, clause) = correction.moved;
                rows[a].cells[doc].push(Link { clause, confidence: 1.0, score: 1.0, fixed: true });
                rows[a].cells[doc].sort_by_key(|l| l.clause);
            }
            Fix::Link => sure(&mut rows[a], correction.moved),
            Fix::Unlink if a == m => {
                let topic = rows[a].topic.clone();
                take(rows, a, correction.moved);
                let (doc, clause) = correction.moved;
                let mut cells = vec![Vec::new(); rows.first().map_or(0, |r| r.cells.len())];
                cells[doc].push(Link { clause, confidence: 1.0, score: 1.0, fixed: true });
                let at = find(rows, correction.anchor).map_or(rows.len(), |a| a + 1);
                rows.insert(at, Row { topic, cells });
            }
            _ => {}
        }
    }
}

fn find(rows: &[Row], (doc, clause): (usize, usize)) -> Option<usize> {
    rows.iter().position(|r| r.cells.get(doc).is_some_and(|c| c.iter().any(|l| l.clause == clause)))
}

fn sure(row: &mut Row, (doc, clause): (usize, usize)) {
    for link in row.cells[doc].iter_mut().filter(|l| l.clause == clause) {
        link.confidence = 1.0;
        link.fixed = true;
    }
}

/// Takes a clause out of row `r`, dropping the row when nothing is left in it.
fn take(rows: &mut Vec<Row>, r: usize, (doc, clause): (usize, usize)) {
    rows[r].cells[doc].retain(|l| l.clause != clause);
    if rows[r].cells.iter().all(Vec::is_empty) {
        rows.remove(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(clause: usize) -> Link {
        Link { clause, confidence: 0.5, score: 0.5, fixed: false }
    }

    fn rows() -> Vec<Row> {
        vec![
            Row { topic: Some("audit".into()), cells: vec![vec![link(0)], vec![link(0)]] },
            Row { topic: Some("liability".into()), cells: vec![vec![link(1)], vec![link(1)]] },
        ]
    }

    #[test]
    fn a_moved_clause_leaves_its_row_and_joins_the_anchor_s() {
        let mut rows = rows();
        apply(&mut rows, &[Correction { fix: Fix::Link, anchor: (0, 0), moved: (1, 1) }]);
        assert_eq!(
            rows[0].cells[1].iter().map(|l| (l.clause, l.fixed)).collect::<Vec<_>>(),
            [(0, false), (1, true)]
        );
        assert!(rows[1].cells[1].is_empty());
    }

    #[test]
    fn not_equivalent_splits_a_clause_into_a_row_of_its_own_after_the_anchor() {
        let mut rows = rows();
        apply(&mut rows, &[Correction { fix: Fix::Unlink, anchor: (0, 0), moved: (1, 0) }]);
        assert_eq!(rows.len(), 3);
        assert!(rows[0].cells[1].is_empty());
        assert_eq!(rows[1].cells[1][0].clause, 0);
        assert!(rows[1].cells[0].is_empty());
    }

    #[test]
    fn a_confirmed_link_is_sure() {
        let mut rows = rows();
        apply(&mut rows, &[Correction { fix: Fix::Confirm, anchor: (0, 1), moved: (1, 1) }]);
        assert_eq!(rows[1].cells[1][0].confidence, 1.0);
        assert!(rows[1].cells[1][0].fixed && rows[1].cells[0][0].fixed);
    }
}
