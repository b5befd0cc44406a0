//! Rows in two passes. First the units of every document (the finest parts that carry one
//! topic, see `units`) are aligned; then, inside a row, the clauses of its units are aligned
//! one to one when the documents read alike there (translations, versions), so parallel texts
//! get a row per paragraph while different contracts keep their sections side by side.
//!
//! Each pass is a star: the reference anchors the first rows, every other document is matched
//! against it by an assignment with a "no match" option, then what is left is matched against
//! the next document, and so on. A unit left over joins a row only when it shares the main
//! topic of its best partner there and is close to it; otherwise it gets a row of its own.

use std::collections::{BTreeMap, HashMap};

use crate::assign::one_to_one;
use crate::calibration::confidence;
use crate::dictionary::Dictionary;
use crate::profile::{profiles, Profile};
use crate::similarity::{matrix, Matrices, Mode, Signals};
use crate::units::{sections, units};
use crate::{Alignment, DocIn, Link, Row};

/// Below this score a pair is no match.
const MATCH: f32 = 0.2;
/// A unit left over joins the row of its best partner from this score on (1:n and n:1), and
/// only when both are about the same topic.
const ATTACH: f32 = 0.4;
/// Inside a row, clauses are paired one to one when their words are this alike on average and
/// they are numbered alike (a translation)…
const PARALLEL_WORDS: f32 = 0.15;
const PARALLEL_LABELS: f32 = 0.8;
/// …or when their words alone are this alike (a version in the same language, renumbered).
const SAME_WORDS: f32 = 0.6;
/// Two documents are one text (translations, versions) when their clauses' best pairs are this
/// alike in words on average (the GDPR in two languages: 0.40 and more; different real DPAs:
/// at most 0.25)…
const TRANSLATION_WORDS: f32 = 0.3;
/// …and this share of their clauses pairs in order (GDPR: 0.92 and more; different DPAs: at
/// most 0.78).
const TRANSLATION_ORDER: f32 = 0.85;

/// Where a row comes from: (stage of the document that opened it, its member there).
type Origin0 = (usize, usize);
/// …and its place among the rows that unit row was split into.
type Origin = (Origin0, usize);

/// Cells of a row under construction: per document, its links (to units or clauses).
type Cells = Vec<Vec<Link>>;

/// Similarity matrices of document pairs over some profiles, computed once.
struct Scores<'a> {
    dictionary: &'a Dictionary,
    langs: Vec<&'a str>,
    profiles: Vec<Vec<Profile>>,
    signals: Signals,
    mode: Mode,
    /// Per document pair: the blended scores and the word similarities.
    cache: HashMap<(usize, usize), Matrices>,
}

impl<'a> Scores<'a> {
    fn new(
        dictionary: &'a Dictionary,
        docs: &'a [DocIn],
        profiles: Vec<Vec<Profile>>,
        signals: Signals,
        mode: Mode,
    ) -> Self {
        let langs = docs.iter().map(|d| d.lang.as_str()).collect();
        Scores { dictionary, langs, profiles, signals, mode, cache: HashMap::new() }
    }

    /// The same profiles scored in another mode (the cached matrices depend on it).
    fn in_mode(self, mode: Mode) -> Self {
        Scores { mode, cache: HashMap::new(), ..self }
    }

    fn pair(&mut self, a: usize, b: usize) -> &Matrices {
        let (profiles, langs, dictionary) = (&self.profiles, &self.langs, self.dictionary);
        let (signals, mode) = (self.signals, self.mode);
        self.cache.entry((a, b)).or_insert_with(|| {
            matrix(dictionary, (&profiles[a], langs[a]), (&profiles[b], langs[b]), signals, mode)
        })
    }

    fn get(&mut self, a: usize, b: usize) -> &Vec<Vec<f32>> {
        &self.pair(a, b).0
    }

    fn words(&mut self, a: usize, b: usize) -> &Vec<Vec<f32>> {
        &self.pair(a, b).1
    }

    fn primary(&self, doc: usize, unit: usize) -> Option<&str> {
        self.profiles[doc][unit].primary()
    }

    /// The score of member `i` of document `a` against member `j` of document `b`.
    fn score(&mut self, a: usize, i: usize, b: usize, j: usize) -> f32 {
        if a <= b {
            self.get(a, b)[i][j]
        } else {
            self.get(b, a)[j][i]
        }
    }

    /// How well member `u` of `doc` fits a row: for each other document in it, the best score
    /// against its members there, averaged.
    fn against(&mut self, doc: usize, u: usize, cells: &Cells) -> f32 {
        let mut total = 0.0;
        let mut count = 0;
        for (e, links) in cells.iter().enumerate().filter(|(e, links)| *e != doc && !links.is_empty()) {
            let best = links.iter().map(|l| self.score(doc, u, e, l.clause)).fold(f32::MIN, f32::max);
            total += best;
            count += 1;
        }
        if count == 0 {
            0.0
        } else {
            total / count as f32
        }
    }

    /// Whether a left-over member may join a row it is close to: for different contracts only
    /// when it is about the row's main topic; in one text, words decide.
    fn may_join(&self, doc: usize, u: usize, cells: &[Vec<Link>]) -> bool {
        if self.mode == Mode::WordsFirst {
            return true;
        }
        let mine = self.primary(doc, u);
        let theirs = self.their_topics(doc, cells);
        mine.is_some_and(|t| theirs.iter().filter(|&&x| x == t).count() * 2 > theirs.len())
    }

    /// Whether a member may be paired with a row at all: for different contracts, a member about
    /// one thing never stands beside a row about another ("Unterauftragsverhältnisse" is no
    /// partner of "Ort der Datenverarbeitung", however many transfer words both use). A member
    /// or a row without a topic is left to the words.
    fn may_pair(&self, doc: usize, u: usize, cells: &[Vec<Link>]) -> bool {
        if self.mode == Mode::WordsFirst {
            return true;
        }
        // A unit the tagger found no topic in may still be the partner: its words decide.
        let Some(mine) = self.primary(doc, u) else { return true };
        let (mut related, mut tagged) = (0, 0);
        for (e, links) in cells.iter().enumerate().filter(|(e, _)| *e != doc) {
            for theirs in links.iter().map(|l| &self.profiles[e][l.clause]) {
                let Some(their_main) = theirs.primary() else { continue };
                tagged += 1;
                if theirs.has_topic(mine) || self.profiles[doc][u].has_topic(their_main) {
                    related += 1;
                }
            }
        }
        related * 2 >= tagged
    }

    /// The main topics of the other documents' members of a row.
    fn their_topics(&self, doc: usize, cells: &[Vec<Link>]) -> Vec<&str> {
        (cells.iter().enumerate())
            .filter(|(e, _)| *e != doc)
            .flat_map(|(e, links)| links.iter().filter_map(move |l| self.primary(e, l.clause)))
            .collect()
    }
}

pub fn align(dictionary: &Dictionary, docs: &[DocIn], reference: usize, signals: Signals) -> Alignment {
    let order: Vec<usize> =
        std::iter::once(reference).chain((0..docs.len()).filter(|&d| d != reference)).collect();
    let singles: Vec<Vec<Vec<usize>>> =
        docs.iter().map(|d| (0..d.clauses.len()).map(|k| vec![k]).collect()).collect();
    let clause_profiles = docs.iter().zip(&singles).map(|(doc, s)| profiles(doc, s)).collect();
    let mut by_clause = Scores::new(dictionary, docs, clause_profiles, signals, Mode::TopicFirst);
    let one_text =
        (0..docs.len()).all(|a| (a + 1..docs.len()).all(|b| parallel_documents(&mut by_clause, a, b)));
    // Translations and versions of one text meet section by section, words first; different
    // contracts meet topic by topic.
    let (mode, parts): (Mode, Vec<Vec<Vec<usize>>>) = if one_text {
        (Mode::WordsFirst, docs.iter().map(sections).collect())
    } else {
        (Mode::TopicFirst, docs.iter().map(units).collect())
    };
    if one_text {
        by_clause = by_clause.in_mode(mode);
    }
    let unit_profiles = docs.iter().zip(&parts).map(|(doc, parts)| profiles(doc, parts)).collect();
    let mut by_unit = Scores::new(dictionary, docs, unit_profiles, signals, mode);
    let all_units: Vec<Vec<usize>> = parts.iter().map(|p| (0..p.len()).collect()).collect();
    let unit_rows = progressive(&mut by_unit, &order, &all_units);
    let mut rows = Vec::new();
    for (origin, cells) in unit_rows {
        let clauses = expand(&cells, &parts);
        for (k, cells) in items(&mut by_clause, &order, docs, &clauses).into_iter().enumerate() {
            rows.push(((origin, k), row(cells, docs)));
        }
    }
    Alignment { rows: grouped(rows), one_text }
}

/// Whether two documents are one text in two languages or versions: most of their clauses
/// pair with a clause of alike words, and the pairs keep their order.
fn parallel_documents(scores: &mut Scores<'_>, a: usize, b: usize) -> bool {
    let words = scores.words(a, b);
    let shorter = words.len().min(words.first().map_or(0, Vec::len));
    if shorter == 0 {
        return false;
    }
    let pairs = one_to_one(words, 0.0);
    let mean = pairs.iter().map(|&(i, j)| words[i][j]).sum::<f32>() / shorter as f32;
    let mut close: Vec<(usize, usize)> =
        pairs.into_iter().filter(|&(i, j)| words[i][j] >= PARALLEL_WORDS).collect();
    close.sort_unstable();
    let in_order = longest_increasing(close.iter().map(|&(_, j)| j)) as f32 / shorter as f32;
    mean >= TRANSLATION_WORDS && in_order >= TRANSLATION_ORDER
}

/// Length of a longest strictly increasing subsequence (patience sorting).
fn longest_increasing(values: impl Iterator<Item = usize>) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for v in values {
        let k = tails.partition_point(|&t| t < v);
        if k == tails.len() {
            tails.push(v);
        } else {
            tails[k] = v;
        }
    }
    tails.len()
}

/// Unit links as clause links, each clause with its unit's confidence.
fn expand(cells: &Cells, parts: &[Vec<Vec<usize>>]) -> Cells {
    cells
        .iter()
        .enumerate()
        .map(|(d, links)| {
            let mut out: Vec<Link> = links
                .iter()
                .flat_map(|l| parts[d][l.clause].iter().map(move |&clause| Link { clause, ..*l }))
                .collect();
            out.sort_by_key(|l| l.clause);
            out
        })
        .collect()
}

/// A link at this score; a score of 1 is the row's own member.
fn link(member: usize, score: f32) -> Link {
    let confidence = if score >= 1.0 { 1.0 } else { confidence(score) };
    Link { clause: member, confidence, score: score.min(1.0), fixed: false }
}

/// Aligns `members[d]` (indices into document d's profiles) across documents, progressively:
/// the first document's members open the rows; each next document is matched against the rows
/// built so far (a member against a row scores its mean best score against the row's
/// documents) by an assignment with a "no match" option. A member left over joins its best row
/// when it is close and on the same topic, or opens a row of its own.
fn progressive(scores: &mut Scores<'_>, order: &[usize], members: &[Vec<usize>]) -> Vec<(Origin0, Cells)> {
    let docs = members.len();
    let (mut rows, mut origin) = match scores.mode {
        Mode::TopicFirst => topic_rows(scores, order, members),
        Mode::WordsFirst => (Vec::new(), Vec::new()),
    };
    for (stage, &doc) in order.iter().enumerate() {
        let seeded: Vec<usize> = rows.iter().flat_map(|cells| cells[doc].iter().map(|l| l.clause)).collect();
        let mine: Vec<usize> = members[doc].iter().copied().filter(|u| !seeded.contains(u)).collect();
        let mine = &mine;
        if mine.is_empty() {
            continue;
        }
        let fit: Vec<Vec<f32>> = mine
            .iter()
            .map(|&u| {
                (0..rows.len())
                    .map(|r| {
                        if scores.may_pair(doc, u, &rows[r]) {
                            scores.against(doc, u, &rows[r])
                        } else {
                            0.0
                        }
                    })
                    .collect()
            })
            .collect();
        let pairs = if rows.is_empty() { Vec::new() } else { one_to_one(&fit, MATCH) };
        let mut placed = vec![false; mine.len()];
        for &(i, r) in &pairs {
            rows[r][doc].push(link(mine[i], fit[i][r]));
            placed[i] = true;
        }
        for (i, &u) in mine.iter().enumerate().filter(|(i, _)| !placed[*i]) {
            let (r, score) = best(fit[i].iter().copied());
            let joins = score >= ATTACH && scores.may_join(doc, u, rows.get(r).map_or(&[][..], |c| &c[..]));
            if joins {
                rows[r][doc].push(link(u, score));
            } else {
                let mut cells = vec![Vec::new(); docs];
                cells[doc].push(link(u, 1.0));
                rows.push(cells);
                origin.push((stage, u));
            }
        }
    }
    let mut out: Vec<(Origin0, Cells)> = origin.into_iter().zip(rows).collect();
    join_lone_rows(scores, &mut out);
    for (_, cells) in &mut out {
        cells.iter_mut().for_each(|links| links.sort_by_key(|l| l.clause));
    }
    out.sort_by_key(|(origin, _)| *origin);
    out
}

/// For different contracts, each topic's main unit in every document opens that topic's row
/// together: the sections a lawyer puts side by side first, whatever else the documents say
/// on the topic in passing. A unit is a document's main one on its main topic when that topic
/// weighs most in it, longer text counting for more.
fn topic_rows(
    scores: &mut Scores<'_>,
    order: &[usize],
    members: &[Vec<usize>],
) -> (Vec<Cells>, Vec<Origin0>) {
    let docs = members.len();
    let mut main: BTreeMap<String, Vec<Option<usize>>> = BTreeMap::new();
    let mut first_seen: Vec<(Origin0, String)> = Vec::new();
    for (stage, &doc) in order.iter().enumerate() {
        let mut best_of: BTreeMap<&str, (f32, usize)> = BTreeMap::new();
        for &u in &members[doc] {
            let profile = &scores.profiles[doc][u];
            let Some((topic, weight)) = profile.topics.first() else { continue };
            // The clause that promises outweighs the annex that lists (sub-processors, measures).
            let place = if profile.annex { 0.5 } else { 1.0 };
            let centrality = place * weight * (1.0 + profile.length as f32).ln();
            let entry = best_of.entry(topic).or_insert((f32::MIN, u));
            if centrality > entry.0 {
                *entry = (centrality, u);
            }
        }
        for (topic, (_, u)) in best_of {
            let slot = main.entry(topic.to_owned()).or_insert_with(|| vec![None; docs]);
            slot[doc] = Some(u);
            if !first_seen.iter().any(|(_, t)| t == topic) {
                first_seen.push(((stage, u), topic.to_owned()));
            }
        }
    }
    let (mut rows, mut origin) = (Vec::new(), Vec::new());
    for (at, topic) in first_seen {
        let units = &main[&topic];
        if units.iter().flatten().count() < 2 {
            continue; // one document alone: placed like any other unit
        }
        let mut cells: Cells = vec![Vec::new(); docs];
        for (d, u) in units.iter().enumerate() {
            if let Some(u) = *u {
                cells[d].push(link(u, 1.0));
            }
        }
        // Each link as sure as its unit fits the others; the document that opened the row is its anchor.
        let anchor = order.iter().copied().find(|&d| units[d].is_some());
        for d in 0..docs {
            if let Some(u) = units[d].filter(|_| Some(d) != anchor) {
                let fit = scores.against(d, u, &cells);
                cells[d][0] = link(u, fit);
            }
        }
        rows.push(cells);
        origin.push(at);
    }
    (rows, origin)
}

/// A row that only one document fills joins the row it fits best when it is close and on the
/// same topic (n:1, as a member left over does when placed): the first document's members
/// opened their rows before any partner was known.
fn join_lone_rows(scores: &mut Scores<'_>, rows: &mut Vec<(Origin0, Cells)>) {
    let mut r = 0;
    while r < rows.len() {
        let filled: Vec<usize> = (0..rows[r].1.len()).filter(|&d| !rows[r].1[d].is_empty()).collect();
        let [doc] = filled[..] else {
            r += 1;
            continue;
        };
        let members: Vec<usize> = rows[r].1[doc].iter().map(|l| l.clause).collect();
        let fits: Vec<f32> = (0..rows.len())
            .map(|t| {
                let total: f32 = members.iter().map(|&u| scores.against(doc, u, &rows[t].1)).sum();
                if t == r {
                    f32::MIN
                } else {
                    total / members.len() as f32
                }
            })
            .collect();
        let (target, score) = best(fits.into_iter());
        if score >= ATTACH && scores.may_join(doc, members[0], &rows[target].1) {
            let (origin, cells) = rows.remove(r);
            let target = if target > r { target - 1 } else { target };
            let links = cells.into_iter().nth(doc).unwrap_or_default();
            rows[target].1[doc].extend(links.into_iter().map(|l| link(l.clause, score)));
            rows[target].0 = rows[target].0.min(origin);
        } else {
            r += 1;
        }
    }
}

/// The rows of one unit row: its clauses paired one to one where the documents read alike
/// there, otherwise the units side by side as one row.
fn items(scores: &mut Scores<'_>, order: &[usize], docs: &[DocIn], unit_row: &Cells) -> Vec<Cells> {
    let members: Vec<Vec<usize>> =
        unit_row.iter().map(|links| links.iter().map(|l| l.clause).collect()).collect();
    let split: Vec<usize> = (0..members.len()).filter(|&d| members[d].len() > 1).collect();
    let one_text = scores.mode == Mode::WordsFirst;
    if split.len() < 2 || !(one_text || parallel(scores, &members, &split)) {
        return vec![unit_row.clone()];
    }
    let whole: Vec<Vec<usize>> =
        members.iter().map(|m| if m.len() == 1 { m.clone() } else { Vec::new() }).collect();
    let parts: Vec<Vec<usize>> =
        members.iter().map(|m| if m.len() > 1 { m.clone() } else { Vec::new() }).collect();
    let mut rows: Vec<Cells> =
        progressive(scores, order, &parts).into_iter().map(|(_, cells)| cells).collect();
    // A clause link is no surer than the link of the unit it belongs to.
    for cells in &mut rows {
        for (d, links) in cells.iter_mut().enumerate() {
            let unit = weakest(unit_row, d);
            links.iter_mut().for_each(|l| {
                l.confidence = l.confidence.min(unit.confidence);
                l.score = l.score.min(unit.score);
            });
        }
    }
    keep_items_with_their_section(&mut rows, docs);
    if let Some(first) = rows.first_mut() {
        for (d, clauses) in whole.iter().enumerate() {
            first[d].extend(clauses.iter().map(|&clause| Link { clause, ..weakest(unit_row, d) }));
        }
    }
    rows
}

/// Whether every two documents that split the row into several clauses pair them closely:
/// then they are parallel there (a translation, a version) and get a row per clause. Words
/// decide, not topics: two contracts' audit sections share their topic, not their sentences.
fn parallel(scores: &mut Scores<'_>, members: &[Vec<usize>], split: &[usize]) -> bool {
    for (x, &a) in split.iter().enumerate() {
        for &b in &split[x + 1..] {
            let words = scores.words(a, b);
            let sub: Vec<Vec<f32>> =
                members[a].iter().map(|&i| members[b].iter().map(|&j| words[i][j]).collect()).collect();
            let pairs = one_to_one(&sub, 0.0);
            let shorter = members[a].len().min(members[b].len());
            let mean = pairs.iter().map(|&(i, j)| sub[i][j]).sum::<f32>() / shorter.max(1) as f32;
            let same_label = pairs
                .iter()
                .filter(|&&(i, j)| {
                    let (x, y) =
                        (scores.profiles[a][members[a][i]].label, scores.profiles[b][members[b][j]].label);
                    x.1.is_some() && x == y
                })
                .count() as f32
                / shorter.max(1) as f32;
            let translated = mean >= PARALLEL_WORDS && same_label >= PARALLEL_LABELS;
            if !translated && mean < SAME_WORDS {
                return false;
            }
        }
    }
    true
}

/// The weakest link of a document's cell (confidence and score), as a link template.
fn weakest(cells: &Cells, doc: usize) -> Link {
    let confidence = cells[doc].iter().map(|l| l.confidence).fold(1.0, f32::min);
    let score = cells[doc].iter().map(|l| l.score).fold(1.0, f32::min);
    Link { clause: 0, confidence, score, fixed: false }
}

/// A clause no other document matched stays in the row of the clause it sits under ("13.2"
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

/// Index and value of the highest score; the first one on ties.
fn best(scores: impl Iterator<Item = f32>) -> (usize, f32) {
    scores.enumerate().fold((0, f32::MIN), |acc, (k, s)| if s > acc.1 { (k, s) } else { acc })
}

/// Rows grouped by topic, groups in the order they first appear; rows without a topic last.
fn grouped(mut rows: Vec<(Origin, Row)>) -> Vec<Row> {
    let mut group_rank: BTreeMap<Option<String>, (bool, Origin)> = BTreeMap::new();
    for (origin, row) in &rows {
        let key = (row.topic.is_none(), *origin);
        let rank = group_rank.entry(row.topic.clone()).or_insert(key);
        *rank = (*rank).min(key);
    }
    rows.sort_by_key(|(origin, row)| (group_rank[&row.topic], *origin));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// A row's topic is the one its documents share: carried by clauses of the most documents,
/// then by the surest links.
fn row(mut cells: Cells, docs: &[DocIn]) -> Row {
    let mut support: BTreeMap<&str, (usize, f32)> = BTreeMap::new();
    for (doc, links) in cells.iter().enumerate() {
        let mut here: BTreeMap<&str, f32> = BTreeMap::new();
        for link in links {
            for (topic, confidence) in &docs[doc].clauses[link.clause].topics {
                let w = here.entry(topic).or_default();
                *w = w.max(confidence * link.confidence);
            }
        }
        for (topic, weight) in here {
            let entry = support.entry(topic).or_default();
            entry.0 += 1;
            entry.1 += weight;
        }
    }
    let topic = support
        .into_iter()
        .fold(None::<(&str, (usize, f32))>, |acc, (t, s)| match acc {
            Some((_, best)) if (best.0, best.1) >= (s.0, s.1) => acc,
            _ => Some((t, s)),
        })
        .map(|(t, _)| t.to_owned());
    cells.iter_mut().for_each(|links| links.sort_by_key(|l| l.clause));
    Row { topic, cells }
}
