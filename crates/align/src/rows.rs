//! Rows in two passes. First sections (top-level clauses, compared with the items under them)
//! are aligned; then, inside each row of sections, the items. Each pass is a star: the reference
//! anchors the first rows, every other document is matched against it by an assignment with a
//! "no match" option, then what is left is matched against the next document, and so on.

use std::collections::{BTreeMap, HashMap};

use crate::assign::one_to_one;
use crate::dictionary::Dictionary;
use crate::profile::{profiles, sections_of, Profile};
use crate::similarity::{matrix, Signals};
use crate::{DocIn, Link, Row};

/// Below this score a pair is no match.
const MATCH: f32 = 0.2;
/// A clause left over joins the row of its best partner from this score on (1:n and n:1).
const ATTACH: f32 = 0.4;

/// A score from which a match counts as sure.
const SURE: f32 = 0.45;

/// A finished row with its place: (section origin, item number), and its section's topic.
type Placed = (((usize, usize), usize), Option<String>, Row);

/// Cells of a row under construction: per document, its links.
type Cells = Vec<Vec<Link>>;

/// Similarity matrices of document pairs, computed once.
struct Scores<'a> {
    dictionary: &'a Dictionary,
    docs: &'a [DocIn],
    profiles: Vec<Vec<Profile>>,
    signals: Signals,
    cache: HashMap<(usize, usize), Vec<Vec<f32>>>,
}

impl Scores<'_> {
    fn get(&mut self, a: usize, b: usize) -> &Vec<Vec<f32>> {
        let (docs, profiles, dictionary, signals) =
            (self.docs, &self.profiles, self.dictionary, self.signals);
        self.cache.entry((a, b)).or_insert_with(|| {
            matrix(dictionary, (&profiles[a], &docs[a].lang), (&profiles[b], &docs[b].lang), signals)
        })
    }
}

/// Rows under construction for one pass; a merged row leaves `None` behind.
struct Builder {
    rows: Vec<Option<Cells>>,
    /// (stage, clause index in the anchor document) of each row, for ordering.
    origin: Vec<(usize, usize)>,
    row_of: Vec<HashMap<usize, usize>>,
}

impl Builder {
    fn new(docs: usize) -> Builder {
        Builder { rows: Vec::new(), origin: Vec::new(), row_of: vec![HashMap::new(); docs] }
    }

    fn open(&mut self, doc: usize, clause: usize, stage: usize) {
        self.rows.push(Some(vec![Vec::new(); self.row_of.len()]));
        self.origin.push((stage, clause));
        self.place(doc, clause, self.rows.len() - 1, 1.0);
    }

    fn place(&mut self, doc: usize, clause: usize, row: usize, confidence: f32) {
        if let Some(cells) = self.rows[row].as_mut() {
            cells[doc].push(Link { clause, confidence: confidence.clamp(0.0, 1.0), fixed: false });
            self.row_of[doc].insert(clause, row);
        }
    }

    fn has(&self, row: usize, doc: usize) -> bool {
        self.rows[row].as_ref().is_some_and(|cells| !cells[doc].is_empty())
    }

    /// Whether only `doc` has clauses in the row.
    fn only(&self, row: usize, doc: usize) -> bool {
        self.rows[row]
            .as_ref()
            .is_some_and(|cells| cells.iter().enumerate().all(|(d, c)| d == doc || c.is_empty()))
    }

    fn merge(&mut self, from: usize, into: usize) {
        let Some(cells) = self.rows[from].take() else { return };
        for (doc, links) in cells.into_iter().enumerate() {
            for link in links {
                self.place(doc, link.clause, into, link.confidence);
            }
        }
        self.origin[into] = self.origin[into].min(self.origin[from]);
    }

    /// The rows left, in the order they were opened.
    fn into_rows(self) -> Vec<((usize, usize), Cells)> {
        let mut rows: Vec<_> = self
            .rows
            .into_iter()
            .zip(self.origin)
            .filter_map(|(cells, origin)| cells.map(|c| (origin, c)))
            .collect();
        rows.sort_by_key(|(origin, _)| *origin);
        rows
    }
}

pub fn align(dictionary: &Dictionary, docs: &[DocIn], reference: usize, signals: Signals) -> Vec<Row> {
    let mut scores = Scores {
        dictionary,
        docs,
        profiles: docs.iter().map(profiles).collect(),
        signals,
        cache: HashMap::new(),
    };
    let order: Vec<usize> =
        std::iter::once(reference).chain((0..docs.len()).filter(|&d| d != reference)).collect();
    let units: Vec<Vec<usize>> = docs.iter().map(sections_of).collect();
    let tops: Vec<Vec<usize>> =
        units.iter().map(|unit| (0..unit.len()).filter(|&k| unit[k] == k).collect()).collect();
    let sections = star(&mut scores, &order, &tops);
    let mut rows = Vec::new();
    for (origin, cells) in sections {
        let section = row(&cells, docs, None);
        for (k, cells) in items(&mut scores, &order, &units, &cells).into_iter().enumerate() {
            let topic = row(&cells, docs, section.topic.clone()).topic;
            rows.push(((origin, k), section.topic.clone(), Row { topic, cells }));
        }
    }
    grouped(rows)
}

/// Aligns `members[d]` (clause indices of document d) across documents.
fn star(scores: &mut Scores<'_>, order: &[usize], members: &[Vec<usize>]) -> Vec<((usize, usize), Cells)> {
    let mut builder = Builder::new(members.len());
    for (stage, &anchor) in order.iter().enumerate() {
        for &clause in &members[anchor] {
            if !builder.row_of[anchor].contains_key(&clause) {
                builder.open(anchor, clause, stage);
            }
        }
        for &other in &order[stage + 1..] {
            let open: Vec<usize> =
                members[other].iter().copied().filter(|j| !builder.row_of[other].contains_key(j)).collect();
            if open.is_empty() || members[anchor].is_empty() {
                continue; // nothing left to place: spare the similarity matrix
            }
            let full = scores.get(anchor, other);
            let sub: Vec<Vec<f32>> =
                members[anchor].iter().map(|&i| open.iter().map(|&j| full[i][j]).collect()).collect();
            let back: Vec<Vec<f32>> = members[anchor]
                .iter()
                .map(|&i| members[other].iter().map(|&j| full[i][j]).collect())
                .collect();
            match_into_rows(
                &mut builder,
                (&sub, &back),
                (anchor, &members[anchor]),
                (other, &open, &members[other]),
            );
        }
    }
    builder.into_rows()
}

/// Places the open clauses of `other` in the rows of `anchor`'s clauses; `sub` scores anchor
/// members against the open clauses, `all` against every member of `other`.
fn match_into_rows(
    builder: &mut Builder,
    (sub, all): (&[Vec<f32>], &[Vec<f32>]),
    (anchor, anchors): (usize, &[usize]),
    (other, open, members): (usize, &[usize], &[usize]),
) {
    if open.is_empty() || anchors.is_empty() {
        return;
    }
    let pairs = one_to_one(sub, MATCH);
    let mut matched = vec![false; open.len()];
    for &(i, jj) in &pairs {
        if let Some(&row) = builder.row_of[anchor].get(&anchors[i]) {
            builder.place(other, open[jj], row, confidence(sub[i][jj]));
            matched[jj] = true;
        }
    }
    // 1:n — a clause of `other` left over joins its best partner's row.
    for (jj, &j) in open.iter().enumerate().filter(|(jj, _)| !matched[*jj]) {
        let (i, score) = best(sub.iter().map(|row| row[jj]));
        if let Some(&row) = builder.row_of[anchor].get(&anchors[i]).filter(|_| score >= ATTACH) {
            builder.place(other, j, row, confidence(score));
        }
    }
    // n:1 — an anchor clause alone in its row joins the row of its best partner in `other`.
    for (i, row_scores) in all.iter().enumerate() {
        let Some(&row) = builder.row_of[anchor].get(&anchors[i]) else { continue };
        if !builder.only(row, anchor) {
            continue;
        }
        let (j, score) = best(row_scores.iter().copied());
        let target = builder.row_of[other].get(&members[j]).copied();
        if let Some(target) = target.filter(|&t| t != row && score >= ATTACH && builder.has(t, other)) {
            builder.merge(row, target);
        }
    }
}

/// The item rows of one section row: its clauses and the items under them, aligned when at
/// least two documents split the section into items; otherwise the section stays one row.
fn items(scores: &mut Scores<'_>, order: &[usize], units: &[Vec<usize>], section: &Cells) -> Vec<Cells> {
    let docs = scores.docs;
    let members: Vec<Vec<usize>> =
        section.iter().zip(units).map(|(links, unit)| in_sections(unit, links)).collect();
    let split = members.iter().filter(|m| m.len() > 1).count();
    if split < 2 {
        return vec![members_as_cells(&members, section)];
    }
    // A document that keeps the section in one clause sits with the section headings.
    let whole: Vec<Vec<usize>> =
        members.iter().map(|m| if m.len() == 1 { m.clone() } else { Vec::new() }).collect();
    let parts: Vec<Vec<usize>> =
        members.iter().map(|m| if m.len() > 1 { m.clone() } else { Vec::new() }).collect();
    let mut rows: Vec<Cells> = star(scores, order, &parts).into_iter().map(|(_, cells)| cells).collect();
    // An item link is no surer than the link of the sections it sits in.
    for cells in &mut rows {
        for (d, links) in cells.iter_mut().enumerate() {
            links.iter_mut().for_each(|l| l.confidence = l.confidence.min(link_confidence(section, d)));
        }
    }
    keep_items_with_their_section(&mut rows, docs);
    if let Some(first) = rows.first_mut() {
        for (d, clauses) in whole.iter().enumerate() {
            first[d].extend(clauses.iter().map(|&clause| Link {
                clause,
                confidence: link_confidence(section, d),
                fixed: false,
            }));
        }
    }
    rows
}

fn link_confidence(section: &Cells, doc: usize) -> f32 {
    section[doc].iter().map(|l| l.confidence).fold(1.0, f32::min)
}

fn members_as_cells(members: &[Vec<usize>], section: &Cells) -> Cells {
    members
        .iter()
        .enumerate()
        .map(|(d, clauses)| {
            clauses
                .iter()
                .map(|&clause| Link { clause, confidence: link_confidence(section, d), fixed: false })
                .collect()
        })
        .collect()
}

/// The clauses of the sections headed by `links`, in document order.
fn in_sections(unit: &[usize], links: &[Link]) -> Vec<usize> {
    (0..unit.len()).filter(|&k| links.iter().any(|l| l.clause == unit[k])).collect()
}

/// An item no other document matched stays in the row of the clause it sits under ("13.2"
/// joins "13 Responsabilità"), so rows read as sections rather than stray items.
fn keep_items_with_their_section(rows: &mut Vec<Cells>, docs: &[DocIn]) {
    let mut k = 0;
    while k < rows.len() {
        let alone: Vec<usize> = (0..docs.len())
            .filter(|&d| rows[k].iter().enumerate().all(|(e, c)| e == d || c.is_empty()))
            .collect();
        let target = alone.first().and_then(|&d| {
            let parent = rows[k][d].iter().find_map(|l| docs[d].clauses[l.clause].parent)?;
            rows.iter().position(|cells| cells[d].iter().any(|l| l.clause == parent)).map(|t| (d, t))
        });
        match target {
            Some((d, t)) if t != k => {
                let links = std::mem::take(&mut rows[k][d]);
                rows[t][d].extend(links);
                rows[t][d].sort_by_key(|l| l.clause);
                rows.remove(k);
            }
            _ => k += 1,
        }
    }
}

/// A score as the confidence shown to the user: 1 from the score of a clear match on
/// (translations of one paragraph score 0.45 and more), proportionally less below.
fn confidence(score: f32) -> f32 {
    (score / SURE).min(1.0)
}

/// Index and value of the highest score; the first one on ties.
fn best(scores: impl Iterator<Item = f32>) -> (usize, f32) {
    scores.enumerate().fold((0, f32::MIN), |acc, (k, s)| if s > acc.1 { (k, s) } else { acc })
}

/// Rows grouped by their section's topic, groups in the order they first appear; clauses
/// without a topic come last.
fn grouped(mut rows: Vec<Placed>) -> Vec<Row> {
    let mut group_rank: BTreeMap<Option<String>, (bool, (usize, usize))> = BTreeMap::new();
    for ((origin, _), group, _) in &rows {
        let key = (group.is_none(), *origin);
        let rank = group_rank.entry(group.clone()).or_insert(key);
        *rank = (*rank).min(key);
    }
    rows.sort_by_key(|(origin, group, _)| (group_rank[group], *origin));
    rows.into_iter().map(|(_, _, row)| row).collect()
}

/// A row's topic: the one its clauses carry most, weighted by how sure each link is.
fn row(cells: &Cells, docs: &[DocIn], fallback: Option<String>) -> Row {
    let mut weight: BTreeMap<&str, f32> = BTreeMap::new();
    for (doc, links) in cells.iter().enumerate() {
        for link in links {
            for (topic, confidence) in &docs[doc].clauses[link.clause].topics {
                *weight.entry(topic).or_default() += confidence * link.confidence;
            }
        }
    }
    let topic = weight.iter().fold(None, |acc: Option<(&str, f32)>, (t, w)| match acc {
        Some((_, best)) if best >= *w => acc,
        _ => Some((t, *w)),
    });
    let mut cells = cells.clone();
    cells.iter_mut().for_each(|links| links.sort_by_key(|l| l.clause));
    Row { topic: topic.map(|(t, _)| t.to_owned()).or(fallback), cells }
}
