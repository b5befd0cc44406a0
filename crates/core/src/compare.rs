//! Compare: documents aligned clause by clause (concordia-align) and their key terms judged
//! against the reference or each other.

use concordia_align::{apply, references, Aligner, ClauseIn, Correction, DocIn, Fix, Row};
use concordia_legal::{in_annex, parents, ClauseKind, Cue, Lexicon, TermKind};

pub use concordia_align::Signals;

use crate::api::{
    AlignedCell, AlignedRow, ClauseId, ClauseView, ComparedDocument, Comparison, CorrectionId,
    CorrectionRequest, CorrectionView, CrossReference, DocId, DocumentView, MatrixCell, MatrixRow, RowStatus,
    TermView, TopicView, Verdict,
};
use crate::error::Missing;
use crate::redline::redline;
use crate::report::Labels;
use crate::verdict::{describe, judge, Reason};
use crate::{Error, Library, Result};

/// How many documents fit side by side.
pub const MAX_COMPARED: usize = 6;

impl Library {
    /// Aligns 2–6 documents and judges their key terms against `reference` (or each other).
    pub fn compare(&self, ids: &[DocId], reference: Option<DocId>) -> Result<Comparison> {
        let started = std::time::Instant::now();
        check(ids, reference)?;
        let docs: Vec<DocumentView> = ids.iter().map(|&id| self.document(id, None)).collect::<Result<_>>()?;
        let terms: Vec<Vec<TermView>> = ids.iter().map(|&id| self.terms(id)).collect::<Result<_>>()?;
        let corrections = self.corrections(ids)?;
        let mut comparison = build(&docs, &terms, reference, Signals::default(), &corrections);
        comparison.corrections = corrections;
        tracing::info!(documents = ?ids, rows = comparison.rows.len(), ms = started.elapsed().as_millis(), "compared");
        Ok(comparison)
    }

    /// Stores a correction of the alignment; every later comparison of these documents honours it.
    pub fn correct_alignment(&self, request: &CorrectionRequest) -> Result<CorrectionView> {
        if request.anchor_clause_id == request.moved_clause_id {
            return Err(Error::BadComparison("a clause cannot be linked to itself".to_owned()));
        }
        let mut store = self.store();
        let found = store.clauses_by_id(&[request.anchor_clause_id.0, request.moved_clause_id.0])?;
        for id in [request.anchor_clause_id, request.moved_clause_id] {
            if !found.iter().any(|c| c.id == id.0) {
                return Err(Error::NotFound(Missing::Clause(id)));
            }
        }
        let created_at = crate::library::now();
        let id = store.add_correction(
            request.anchor_clause_id.0,
            request.moved_clause_id.0,
            request.kind.name(),
            &created_at,
        )?;
        Ok(CorrectionView {
            id: CorrectionId(id),
            kind: request.kind,
            anchor_clause_id: request.anchor_clause_id,
            moved_clause_id: request.moved_clause_id,
            created_at,
        })
    }

    /// Undoes a correction.
    pub fn remove_correction(&self, id: CorrectionId) -> Result<()> {
        if self.store().remove_correction(id.0)? {
            Ok(())
        } else {
            Err(Error::NotFound(Missing::Correction(id)))
        }
    }

    /// The corrections among clauses of these documents, oldest first. A kind this build does
    /// not know (written by a newer Concordia) is left out rather than guessed.
    pub fn corrections(&self, ids: &[DocId]) -> Result<Vec<CorrectionView>> {
        let ids: Vec<i64> = ids.iter().map(|d| d.0).collect();
        let rows = self.store().corrections(&ids)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(CorrectionView {
                    id: CorrectionId(r.id),
                    kind: Fix::from_name(&r.kind)?,
                    anchor_clause_id: ClauseId(r.anchor_id),
                    moved_clause_id: ClauseId(r.moved_id),
                    created_at: r.created_at,
                })
            })
            .collect())
    }
}

/// Loads what a first comparison would otherwise load while the user waits: the aligner's
/// data and the labels it is worded in.
pub fn warm_up() {
    concordia_align::warm_up();
    std::sync::LazyLock::force(&NUMBER);
    crate::report::warm_up();
}

fn check(ids: &[DocId], reference: Option<DocId>) -> Result<()> {
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != ids.len() || !(2..=MAX_COMPARED).contains(&ids.len()) {
        return Err(Error::BadComparison(format!(
            "pick 2 to {MAX_COMPARED} different documents to compare (got {})",
            ids.len()
        )));
    }
    match reference {
        Some(r) if !ids.contains(&r) => {
            Err(Error::BadComparison(format!("the reference {r} is not one of the compared documents")))
        }
        _ => Ok(()),
    }
}

/// The comparison of loaded documents with the user's corrections applied; `signals` lets
/// benchmarks switch structure off.
pub fn build(
    docs: &[DocumentView],
    terms: &[Vec<TermView>],
    reference: Option<DocId>,
    signals: Signals,
    corrections: &[CorrectionView],
) -> Comparison {
    let inputs: Vec<DocIn> = docs.iter().zip(terms).map(|(doc, terms)| doc_input(doc, terms)).collect();
    let anchor = reference.and_then(|r| docs.iter().position(|d| d.id == r)).unwrap_or(0);
    let alignment = Aligner::builtin().alignment(&inputs, anchor, signals);
    let mut rows = alignment.rows;
    apply(&mut rows, &located(docs, corrections));
    // In one text an empty cell means the paragraph is not there: nothing to refer to.
    let refs = if alignment.one_text {
        vec![vec![Vec::new(); docs.len()]; rows.len()]
    } else {
        references(&inputs, &rows)
    };
    Comparison {
        documents: docs
            .iter()
            .map(|d| ComparedDocument {
                id: d.id,
                path: d.path.clone(),
                title: d.title.clone(),
                language: d.language.clone(),
            })
            .collect(),
        reference,
        rows: with_redlines(
            rows.iter()
                .zip(&refs)
                .map(|(row, refs)| aligned_row(row, refs, &rows, docs, reference))
                .collect(),
            docs,
        ),
        matrix: matrix(docs, terms, reference),
        corrections: Vec::new(),
        playbook: None,
    }
}

/// Two documents in one language are versions of each other: each row gets its redline, and
/// rows out of order in the second document are marked as moved rather than deleted + inserted.
fn with_redlines(mut rows: Vec<AlignedRow>, docs: &[DocumentView]) -> Vec<AlignedRow> {
    if docs.len() != 2 || docs[0].language != docs[1].language {
        return rows;
    }
    let first = |row: &AlignedRow, d: usize| row.cells[d].clause_ids.first().copied();
    let mut paired: Vec<(ClauseId, ClauseId, usize)> =
        rows.iter().enumerate().filter_map(|(k, r)| Some((first(r, 0)?, first(r, 1)?, k))).collect();
    paired.sort_unstable();
    let in_order = longest_increasing(&paired.iter().map(|p| p.1).collect::<Vec<_>>());
    for (n, &(_, _, k)) in paired.iter().enumerate() {
        let row = &mut rows[k];
        row.moved = !in_order.contains(&n);
        row.redline = Some(redline(&row.cells[0].texts.join("\n\n"), &row.cells[1].texts.join("\n\n")));
    }
    rows
}

/// Positions of a longest strictly increasing subsequence (clause ids grow in document order).
fn longest_increasing(values: &[ClauseId]) -> Vec<usize> {
    // O(n²) is plenty for the few hundred rows of a comparison.
    let n = values.len();
    let (mut length, mut previous) = (vec![1usize; n], vec![usize::MAX; n]);
    for i in 0..n {
        for j in 0..i {
            if values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = j;
            }
        }
    }
    let mut at = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i)));
    let mut out = Vec::new();
    while let Some(i) = at {
        out.push(i);
        at = (previous[i] != usize::MAX).then_some(previous[i]);
    }
    out
}

/// Corrections with their clauses as (document index, clause index); others are skipped.
fn located(docs: &[DocumentView], corrections: &[CorrectionView]) -> Vec<Correction> {
    let place = |id: ClauseId| {
        docs.iter()
            .enumerate()
            .find_map(|(d, doc)| doc.clauses.iter().position(|c| c.id == id).map(|k| (d, k)))
    };
    corrections
        .iter()
        .filter_map(|c| {
            Some(Correction {
                fix: c.kind,
                anchor: place(c.anchor_clause_id)?,
                moved: place(c.moved_clause_id)?,
            })
        })
        .collect()
}

fn doc_input(doc: &DocumentView, terms: &[TermView]) -> DocIn {
    let sections = parents(doc.clauses.iter().map(|c| (c.kind == ClauseKind::Section, c.heading_path.len())));
    let clauses = doc
        .clauses
        .iter()
        .zip(sections)
        .map(|(c, parent)| {
            let (topics, framed) = aligner_topics(c);
            ClauseIn {
                text: c.text.clone(),
                heading: c.heading.clone().or_else(|| c.heading_path.last().cloned()).unwrap_or_default(),
                section: c.heading_path.last().cloned().unwrap_or_default(),
                number: c.number.clone(),
                topics,
                framed,
                inherited: inherited_topics(c),
                kinds: terms.iter().filter(|t| t.clause_id == c.id).map(|t| t.kind.id().to_owned()).collect(),
                parent,
                own_text: c.kind != ClauseKind::Section || c.text.trim().contains('\n'),
                aside: !c.kind.is_terms(),
                annex: in_annex(
                    &c.heading_path,
                    (c.kind == ClauseKind::Section).then(|| first_line(&c.text)),
                ),
            }
        })
        .collect();
    DocIn { lang: doc.language.clone(), clauses }
}

/// A clause's topics as the aligner weighs them. A section's topics taken from its items are
/// already in its profile (it is compared together with its items); counting them again would
/// blur what the heading says. A topic inside a companion frame comes before the frame; the flag
/// says whether one leads (see `ClauseIn::framed`).
fn aligner_topics(clause: &ClauseView) -> (Vec<(String, f32)>, bool) {
    let own: Vec<&TopicView> = clause.topics.iter().filter(|t| !cues(t).all(|c| c.taken_up())).collect();
    let named = |id: &str| own.iter().any(|t| t.topic == id && cues(t).any(|c| c.in_own_heading()));
    let mut topics: Vec<(String, f32)> = own.iter().map(|t| (t.topic.clone(), t.confidence)).collect();
    // What its own heading names leads ("7 Sub-responsabili" full of transfer words).
    let top_unnamed = topics.iter().filter(|(t, _)| !named(t)).map(|(_, c)| *c).fold(0.0, f32::max);
    for (topic, confidence) in &mut topics {
        if named(topic) && *confidence <= top_unnamed {
            *confidence = (top_unnamed + 0.01).min(1.0);
        }
    }
    let framed = Lexicon::builtin().specific_first(&mut topics);
    (topics, framed)
}

/// The topics a clause only has from its section's heading.
fn inherited_topics(clause: &ClauseView) -> Vec<String> {
    (clause.topics.iter())
        .filter(|t| cues(t).all(|c| c.only_from_section()))
        .map(|t| t.topic.clone())
        .collect()
}

/// A topic's cues, typed again from the text the store keeps.
fn cues(topic: &TopicView) -> impl Iterator<Item = Cue> + '_ {
    topic.cues.iter().map(|c| Cue::parse(c))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

fn aligned_row(
    row: &Row,
    refs: &[Vec<usize>],
    rows: &[Row],
    docs: &[DocumentView],
    reference: Option<DocId>,
) -> AlignedRow {
    let mut cells: Vec<AlignedCell> = row
        .cells
        .iter()
        .zip(docs)
        .zip(refs)
        .enumerate()
        .map(|(d, ((links, doc), reference))| {
            let clauses: Vec<&ClauseView> = links.iter().map(|l| &doc.clauses[l.clause]).collect();
            AlignedCell {
                doc_id: doc.id,
                clause_ids: clauses.iter().map(|c| c.id).collect(),
                texts: clauses.iter().map(|c| c.text.clone()).collect(),
                labels: clauses.iter().map(|c| label(c)).collect(),
                confidence: links.iter().map(|l| l.confidence).reduce(f32::min),
                score: links.iter().map(|l| l.score).reduce(f32::min),
                anchor: !links.is_empty() && links.iter().all(|l| l.score >= 1.0 && !l.fixed),
                corrected: links.iter().any(|l| l.fixed),
                elsewhere: cross_reference(docs, d, reference, rows),
                shared_numbers: Vec::new(),
                correct_against: None,
            }
        })
        .collect();
    mark_shared_numbers(&mut cells);
    let anchors: Vec<Option<ClauseId>> =
        cells.iter().map(|c| correct_against(&cells, c.doc_id, reference)).collect();
    for (cell, anchor) in cells.iter_mut().zip(anchors) {
        cell.correct_against = anchor;
    }
    let filled = cells.iter().filter(|c| !c.clause_ids.is_empty()).count();
    let status = match filled {
        n if n == cells.len() => RowStatus::Aligned,
        0 | 1 => RowStatus::Missing,
        _ => RowStatus::Partial,
    };
    AlignedRow { topic: row.topic.clone(), cells, status, redline: None, moved: false }
}

/// Numbers written in a text ("28", "72", "5.000", "1,5"), with their character ranges.
static NUMBER: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\d+(?:[.,]\d+)*").expect("valid number pattern"));

fn numbers_in(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    NUMBER.find_iter(text)
}

/// Marks in each cell the numbers that at least one other cell of the row writes too.
fn mark_shared_numbers(cells: &mut [AlignedCell]) {
    let in_cell: Vec<std::collections::HashSet<&str>> = cells
        .iter()
        .map(|c| c.texts.iter().flat_map(|t| numbers_in(t).map(|m| m.as_str())).collect())
        .collect();
    let shared: std::collections::HashSet<String> = in_cell
        .iter()
        .flatten()
        .filter(|n| in_cell.iter().filter(|set| set.contains(*n)).count() >= 2)
        .map(|n| (*n).to_owned())
        .collect();
    for cell in cells.iter_mut() {
        cell.shared_numbers = cell
            .texts
            .iter()
            .map(|text| {
                let ranges: Vec<(usize, usize)> = numbers_in(text)
                    .filter(|m| shared.contains(m.as_str()))
                    .map(|m| (m.start(), m.end()))
                    .collect();
                crate::snippet::char_ranges(text, &ranges)
            })
            .collect();
    }
}

/// The clause a correction of `doc`'s clauses in this row names as the other side (see
/// `AlignedCell::correct_against`).
fn correct_against(cells: &[AlignedCell], doc: DocId, reference: Option<DocId>) -> Option<ClauseId> {
    let others: Vec<&AlignedCell> =
        cells.iter().filter(|c| c.doc_id != doc && !c.clause_ids.is_empty()).collect();
    let preferred = others.iter().find(|c| Some(c.doc_id) == reference).or(others.first());
    preferred
        .and_then(|c| c.clause_ids.first().copied())
        .or_else(|| cells.iter().flat_map(|c| c.clause_ids.iter()).next().copied())
}

/// Clauses of document `d` (a clause, or a heading and its items) named from another row, with
/// the topic of the row they stand in.
fn cross_reference(
    docs: &[DocumentView],
    d: usize,
    clauses: &[usize],
    rows: &[Row],
) -> Option<CrossReference> {
    let &k = clauses.first()?;
    let clause = &docs[d].clauses[k];
    let home = rows.iter().find(|row| row.cells[d].iter().any(|l| l.clause == k));
    let texts: Vec<&str> = clauses.iter().map(|&j| docs[d].clauses[j].text.as_str()).collect();
    Some(CrossReference {
        clause_id: clause.id,
        label: label(clause),
        text: texts.join("\n\n"),
        row_topic: home.and_then(|row| row.topic.clone()),
    })
}

/// "§ 7 Haftung", "11.3", or the first words of an unnumbered clause.
fn label(clause: &ClauseView) -> String {
    let parts: Vec<&str> =
        [clause.number.as_deref(), clause.heading.as_deref()].into_iter().flatten().collect();
    if parts.is_empty() {
        clause.text.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
    } else {
        parts.join(" ")
    }
}

fn matrix(docs: &[DocumentView], terms: &[Vec<TermView>], reference: Option<DocId>) -> Vec<MatrixRow> {
    TermKind::ALL
        .iter()
        .map(|&kind| {
            let found: Vec<Option<&TermView>> =
                terms.iter().map(|t| t.iter().find(|t| t.kind == kind)).collect();
            let reference_value = reference
                .and_then(|r| docs.iter().position(|d| d.id == r))
                .map(|k| found[k].map(|t| &t.value));
            let cells = docs
                .iter()
                .zip(&found)
                .enumerate()
                .map(|(k, (doc, term))| {
                    let others: Vec<&serde_json::Value> = found
                        .iter()
                        .enumerate()
                        .filter(|(o, _)| *o != k)
                        .filter_map(|(_, t)| t.map(|t| &t.value))
                        .collect();
                    let (verdict, why) = if Some(doc.id) == reference && term.is_some() {
                        (Verdict::Reference, Reason::Reference)
                    } else {
                        judge(kind, term.map(|t| &t.value), reference_value, &others)
                    };
                    MatrixCell {
                        doc_id: doc.id,
                        value: term.map(|t| t.value.clone()),
                        display: term.map(|t| describe(&t.value)),
                        quote: term.map(|t| t.quote.clone()),
                        clause_id: term.map(|t| t.clause_id),
                        clause_range: term.map(|t| t.clause_range),
                        value_range: term.and_then(|t| t.value_range),
                        verdict,
                        reason: why.words(kind, Labels::english()),
                        why,
                        playbook: None,
                    }
                })
                .collect();
            MatrixRow { kind, label: Labels::english().kind(kind.id()).to_owned(), cells, position: None }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(doc: i64, ids: Vec<i64>, texts: &[&str]) -> AlignedCell {
        AlignedCell {
            doc_id: DocId(doc),
            clause_ids: ids.into_iter().map(ClauseId).collect(),
            texts: texts.iter().map(|t| (*t).to_owned()).collect(),
            labels: Vec::new(),
            confidence: None,
            score: None,
            anchor: false,
            corrected: false,
            elsewhere: None,
            shared_numbers: Vec::new(),
            correct_against: None,
        }
    }

    #[test]
    fn a_row_marks_the_numbers_its_cells_share_and_names_the_clause_a_correction_refers_to() {
        let mut cells = vec![
            cell(1, vec![10], &["Müller: 72 h, € 5.000"]),
            cell(2, vec![20], &["binnen 72 uur; 30 dagen"]),
            cell(3, vec![], &[]),
        ];
        mark_shared_numbers(&mut cells);
        // Character ranges ("ü" is one), and only what another cell writes too.
        assert_eq!(cells[0].shared_numbers, vec![vec![[8, 10]]]);
        assert_eq!(cells[1].shared_numbers, vec![vec![[7, 9]]]);
        assert!(cells[2].shared_numbers.is_empty());
        // The reference's clause, else another document's first, else the row's own.
        let against = |cells: &[AlignedCell], doc: i64, reference: Option<i64>| {
            correct_against(cells, DocId(doc), reference.map(DocId)).map(|c| c.0)
        };
        assert_eq!(against(&cells, 2, Some(1)), Some(10));
        assert_eq!(against(&cells, 1, Some(1)), Some(20));
        assert_eq!(against(&cells, 3, Some(2)), Some(20));
        let alone = [cell(1, vec![10], &["x"]), cell(2, vec![], &[])];
        assert_eq!(against(&alone, 1, None), Some(10), "only itself: the UI offers no link to it");
    }
}
