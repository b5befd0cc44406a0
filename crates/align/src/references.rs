//! Cross-references: where a document has no clause in a topic's row but speaks of the topic
//! in a clause that stands in another row ("4 Aard en doel van de verwerking" sets the
//! instructions rule inside the subject matter), that clause is named in the empty cell. The
//! cell then says where the document deals with the topic instead of "not addressed".

use crate::{DocIn, Row, DEFINITIONS};

/// For each row and document, the clauses to refer to from an empty cell (none: nothing to
/// refer to). Only a topic's first row refers (later rows of a topic hold its secondary parts),
/// only clauses that name the topic in their own words do (not through their section's
/// heading), and never a clause beside the terms (contents, signatures). The clause most sure
/// of the topic wins; on a tie one outside the annexes, then the earliest. A heading without
/// text of its own ("Artikel 7 Controle op de beveiligingsmaatregelen") brings the clauses
/// under it that stand in the same row.
pub fn references(docs: &[DocIn], rows: &[Row]) -> Vec<Vec<Vec<usize>>> {
    let placed = placements(docs, rows);
    rows.iter()
        .enumerate()
        .map(|(r, row)| {
            let first_of_topic =
                row.topic.is_some() && rows.iter().position(|x| x.topic == row.topic) == Some(r);
            (docs.iter().enumerate())
                .map(|(d, doc)| {
                    let topic = row.topic.as_deref().filter(|_| first_of_topic && row.cells[d].is_empty());
                    let best = topic.and_then(|topic| best_elsewhere(doc, topic, &placed[d], rows));
                    best.map_or_else(Vec::new, |k| with_its_items(doc, k, &placed[d]))
                })
                .collect()
        })
        .collect()
}

/// The clause, and when it is a heading alone, the clauses under it placed in its row.
fn with_its_items(doc: &DocIn, k: usize, placed: &[Option<usize>]) -> Vec<usize> {
    if doc.clauses[k].own_text {
        return vec![k];
    }
    let under = |mut j: usize| {
        while let Some(parent) = doc.clauses[j].parent.filter(|&p| p < j) {
            if parent == k {
                return true;
            }
            j = parent;
        }
        false
    };
    std::iter::once(k)
        .chain((k + 1..doc.clauses.len()).filter(|&j| under(j) && placed[j] == placed[k]))
        .collect()
}

/// The row of each clause of each document, if it has one.
fn placements(docs: &[DocIn], rows: &[Row]) -> Vec<Vec<Option<usize>>> {
    let mut placed: Vec<Vec<Option<usize>>> = docs.iter().map(|d| vec![None; d.clauses.len()]).collect();
    for (r, row) in rows.iter().enumerate() {
        for (d, links) in row.cells.iter().enumerate() {
            for link in links {
                if let Some(slot) = placed.get_mut(d).and_then(|p| p.get_mut(link.clause)) {
                    *slot = Some(r);
                }
            }
        }
    }
    placed
}

fn best_elsewhere(doc: &DocIn, topic: &str, placed: &[Option<usize>], rows: &[Row]) -> Option<usize> {
    let mut best: Option<(f32, bool, usize)> = None;
    for (k, clause) in doc.clauses.iter().enumerate() {
        let Some(row) = placed[k] else { continue };
        let inherits = |id: &str| clause.inherited.iter().any(|t| t == id);
        // A definition ("1.6 Subverwerker: …") names a topic; it does not deal with it.
        if clause.aside
            || rows[row].topic.as_deref() == Some(topic)
            || inherits(topic)
            || inherits(DEFINITIONS)
        {
            continue;
        }
        let Some(&(_, confidence)) = clause.topics.iter().find(|(t, _)| t == topic) else { continue };
        let better = match best {
            None => true,
            Some((c, annex, _)) => confidence > c || (confidence == c && annex && !clause.annex),
        };
        if better {
            best = Some((confidence, clause.annex, k));
        }
    }
    best.map(|(_, _, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClauseIn, Link};

    fn clause(topics: &[(&str, f32)], inherited: &[&str]) -> ClauseIn {
        ClauseIn {
            topics: topics.iter().map(|(t, c)| ((*t).to_owned(), *c)).collect(),
            inherited: inherited.iter().map(|t| (*t).to_owned()).collect(),
            own_text: true,
            ..ClauseIn::default()
        }
    }

    fn link(clause: usize) -> Link {
        Link { clause, confidence: 1.0, score: 1.0, fixed: false }
    }

    #[test]
    fn an_empty_cell_refers_to_the_clause_that_speaks_of_the_topic_elsewhere() {
        let docs = vec![
            DocIn {
                lang: "de".into(),
                clauses: vec![clause(&[("subject_matter", 0.7)], &[]), clause(&[("instructions", 0.8)], &[])],
            },
            DocIn {
                lang: "nl".into(),
                clauses: vec![
                    clause(&[("subject_matter", 0.75), ("instructions", 0.4)], &[]),
                    clause(&[("audit", 0.5), ("instructions", 0.4)], &["instructions"]),
                ],
            },
        ];
        let rows = vec![
            Row { topic: Some("subject_matter".into()), cells: vec![vec![link(0)], vec![link(0)]] },
            Row { topic: Some("instructions".into()), cells: vec![vec![link(1)], vec![]] },
            Row { topic: Some("audit".into()), cells: vec![vec![], vec![link(1)]] },
            Row { topic: Some("instructions".into()), cells: vec![vec![], vec![]] },
        ];
        let refs = references(&docs, &rows);
        let none: Vec<usize> = Vec::new();
        assert_eq!(refs[1], [none.clone(), vec![0]], "the subject-matter clause sets the instructions rule");
        assert_eq!(refs[0], [none.clone(), none.clone()], "a filled cell refers nowhere");
        assert_eq!(refs[2], [none.clone(), none.clone()], "the German document says nothing on audits");
        assert_eq!(refs[3], [none.clone(), none], "only a topic's first row refers");
    }
}
