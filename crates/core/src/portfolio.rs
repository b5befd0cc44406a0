//! The library at a glance: one row per document with its key terms, its Art. 28 score and,
//! with a playbook, where it stands; filtered, sorted and paged here. Findings come from the
//! store (found at import), so a view of 10,000 documents analyses none of them again.

use std::collections::HashMap;
use std::sync::Arc;

use concordia_legal::{requirements, Requirement, Status, TermKind};
use serde::Deserialize;

use crate::api::{
    ClauseId, DocId, PortfolioPage, PortfolioQuery, PortfolioRow, PortfolioSort, PortfolioTerm,
    PositionResult, ProgressEvent, ResultCounts, Task, TermView,
};
use crate::filter::{self, Condition};
use crate::key_terms;
use crate::playbook::Playbook;
use crate::progress::Progress;
use crate::report::Labels;
use crate::review::{self, Stored};
use crate::{Error, Library, Result};

/// What the last portfolio view read: every document's facts for one store generation, and
/// their counts against one playbook (as read, whole).
#[derive(Default)]
pub(crate) struct PortfolioCache {
    facts: Option<(u64, Arc<Vec<DocumentFacts>>)>,
    counts: Option<KeptCounts>,
}

/// Counts against a playbook, of the facts they were counted on.
struct KeptCounts {
    of: Arc<Vec<DocumentFacts>>,
    judged_by: String,
    counts: Arc<Vec<ResultCounts>>,
}

/// One condition of `--where`: a value filter, `KIND=none`, `checklist<12`, `lacks=REQUIREMENT`
/// or `playbook=unacceptable`.
#[derive(Debug, Clone)]
enum Test {
    Value(Condition),
    NotStated(TermKind),
    Met(std::cmp::Ordering, bool, u32),
    Lacks(Requirement),
    Result(PositionResult),
}

/// A `--where`: its tests, any of which may hold ("breach_notice>72h or breach_notice=none").
fn parse_where(expr: &str) -> Result<Vec<Test>> {
    expr.split(" or ").map(|one| parse_test(one.trim())).collect()
}

fn parse_test(expr: &str) -> Result<Test> {
    let bad = |why: &str| Error::BadFilter(format!("{expr:?}: {why}"));
    if let Some(rest) = expr.strip_prefix("checklist") {
        let (op, n) = ["<=", ">=", "<", ">", "="]
            .iter()
            .find_map(|op| rest.trim().strip_prefix(op).map(|n| (*op, n.trim())))
            .ok_or_else(|| bad("write checklist<12, checklist>=15 …"))?;
        let n: u32 = n.parse().map_err(|_| bad("checklist takes a number of requirements met"))?;
        use std::cmp::Ordering::{Equal, Greater, Less};
        let (ord, or_equal) = match op {
            "<" => (Less, false),
            "<=" => (Less, true),
            ">" => (Greater, false),
            ">=" => (Greater, true),
            _ => (Equal, true),
        };
        return Ok(Test::Met(ord, or_equal, n));
    }
    if let Some(id) = expr.strip_prefix("lacks=") {
        let requirement = serde_json::from_value(serde_json::Value::String(id.trim().to_owned()))
            .map_err(|_| bad("lacks= takes a requirement id, e.g. lacks=breach_notification"))?;
        return Ok(Test::Lacks(requirement));
    }
    if let Some(word) = expr.strip_prefix("playbook=") {
        let result = serde_json::from_value(serde_json::Value::String(word.trim().to_owned()))
            .map_err(|_| bad("playbook= takes acceptable, negotiable, unacceptable or not_stated"))?;
        return Ok(Test::Result(result));
    }
    if let Some((kind, none)) = expr.split_once('=') {
        if none.trim() == "none" {
            let kind = TermKind::parse(kind.trim()).ok_or_else(|| bad("no such key term"))?;
            return Ok(Test::NotStated(kind));
        }
    }
    Ok(Test::Value(filter::parse(expr)?))
}

/// A key term as the portfolio keeps it: what filters, playbooks and the row read, without
/// the quote, and the value as its JSON text (read when asked; as parsed values, 100,000
/// documents' terms took 600 MB).
pub(crate) struct KeyValue {
    pub kind: TermKind,
    value: Box<str>,
    pub clause_id: ClauseId,
    /// A period's length in days, read once (NaN for other values): a filter on periods then
    /// reads no JSON for each of 100,000 documents.
    approx_days: f64,
}

impl KeyValue {
    fn new(kind: TermKind, value: Box<str>, clause_id: ClauseId) -> KeyValue {
        let approx_days = filter::period_days(&value).unwrap_or(f64::NAN);
        KeyValue { kind, approx_days, value, clause_id }
    }

    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(&self.value).unwrap_or_default()
    }

    fn meets(&self, c: &Condition) -> bool {
        self.kind == c.kind && c.holds_stored(&self.value, Some(self.approx_days).filter(|d| !d.is_nan()))
    }
}

/// Where a key term that met a condition is.
pub(crate) struct TermAt {
    pub doc: DocId,
    pub kind: TermKind,
    pub clause: ClauseId,
}

/// What a document is tested and sorted on, and what its row shows, whatever the playbook.
/// Kept for every document, so every field is allocated to its exact size (a `Vec` collected
/// in place from the term views kept their buffer: 2.3 KB a document).
pub(crate) struct DocumentFacts {
    id: i64,
    title: Box<str>,
    path: Box<str>,
    language: Box<str>,
    imported_at: Box<str>,
    /// The title case folded, to sort by.
    sort_title: Box<str>,
    terms: Box<[KeyValue]>,
    statuses: Box<[(Requirement, Status)]>,
    met: u32,
}

/// A stored key term as the facts read it: the quote and ranges stored beside it are skipped,
/// not allocated (100,000 documents' terms are read at once).
#[derive(Deserialize)]
struct StoredValue<'a> {
    kind: TermKind,
    /// The value's JSON text as stored, kept as text (parsing it only to write it again was
    /// a third of reading 10,000 documents' facts).
    #[serde(borrow)]
    value: &'a serde_json::value::RawValue,
    /// The clause by position in the document.
    clause: usize,
}

/// A stored checklist finding as the facts read it: its requirement and status.
#[derive(Deserialize)]
struct StoredStatus {
    requirement: Requirement,
    status: Status,
}

/// Key values from stored key terms; `None` when they do not read (then they are found again).
fn stored_values(json: &str, clause_ids: &[i64]) -> Option<Box<[KeyValue]>> {
    let stored: Vec<StoredValue> = serde_json::from_str(json).ok()?;
    // A term whose clause is gone is left out, as `key_terms::views` leaves it out.
    let values = stored.into_iter().filter_map(|t| {
        let clause_id = ClauseId(*clause_ids.get(t.clause)?);
        Some(KeyValue::new(t.kind, t.value.get().into(), clause_id))
    });
    Some(values.collect::<Vec<_>>().into_boxed_slice())
}

fn stored_statuses(json: &str) -> Option<Box<[(Requirement, Status)]>> {
    let stored: Vec<StoredStatus> = serde_json::from_str(json).ok()?;
    Some(stored.into_iter().map(|f| (f.requirement, f.status)).collect())
}

fn key_values(terms: Vec<TermView>) -> Box<[KeyValue]> {
    let values = terms.into_iter().map(|t| KeyValue::new(t.kind, t.value.to_string().into(), t.clause_id));
    values.collect::<Vec<_>>().into_boxed_slice()
}

/// What a playbook's must-haves read of the checklist.
fn statuses(findings: &[Stored]) -> Box<[(Requirement, Status)]> {
    findings.iter().map(Stored::light_item).map(|item| (item.requirement, item.status)).collect()
}

impl DocumentFacts {
    fn new(
        doc: concordia_store::DocumentRow,
        terms: Box<[KeyValue]>,
        statuses: Box<[(Requirement, Status)]>,
    ) -> DocumentFacts {
        let met = statuses.iter().filter(|(_, s)| *s == Status::Met).count() as u32;
        DocumentFacts {
            id: doc.id,
            sort_title: doc.title.to_lowercase().into(),
            title: doc.title.into(),
            path: doc.path.into(),
            language: doc.language.into(),
            imported_at: doc.imported_at.into(),
            terms,
            statuses,
            met,
        }
    }

    fn lacking(&self) -> impl Iterator<Item = Requirement> + '_ {
        self.statuses.iter().filter(|(_, s)| *s != Status::Met).map(|(r, _)| *r)
    }

    /// Where it stands against `playbook`, counted by result.
    fn results(&self, playbook: &Playbook) -> ResultCounts {
        playbook.counts(&self.statuses, &self.terms)
    }

    /// The row as the portfolio shows it, values in `labels`' language.
    fn row(&self, results: Option<&ResultCounts>, labels: &Labels) -> PortfolioRow {
        PortfolioRow {
            id: DocId(self.id),
            title: self.title.to_string(),
            path: self.path.to_string(),
            language: self.language.to_string(),
            imported_at: self.imported_at.to_string(),
            met: self.met,
            lacking: self.lacking().collect(),
            terms: self
                .terms
                .iter()
                .map(|t| PortfolioTerm {
                    kind: t.kind,
                    display: labels.value(&t.value()),
                    clause_id: t.clause_id,
                })
                .collect(),
            playbook: results.cloned(),
        }
    }
}

impl Test {
    fn holds(&self, f: &DocumentFacts, results: Option<&ResultCounts>) -> bool {
        match self {
            Test::Value(c) => f.terms.iter().any(|t| t.meets(c)),
            Test::NotStated(kind) => !f.terms.iter().any(|t| t.kind == *kind),
            Test::Met(ord, or_equal, n) => f.met.cmp(n) == *ord || (*or_equal && f.met == *n),
            Test::Lacks(r) => f.lacking().any(|q| q == *r),
            Test::Result(r) => results.is_some_and(|c| match r {
                PositionResult::Acceptable => c.acceptable > 0,
                PositionResult::Negotiable => c.negotiable > 0,
                PositionResult::Unacceptable => c.unacceptable > 0,
                PositionResult::NotStated => c.not_stated > 0,
            }),
        }
    }
}

impl Library {
    /// One page of the portfolio. Every document is tested and sorted on the facts kept from
    /// the last view while the library stays the same (and its playbook counts while the
    /// playbook does too); only the page's rows are put in words.
    pub fn portfolio(&self, query: &PortfolioQuery, labels: &Labels) -> Result<PortfolioPage> {
        let tests: Vec<Vec<Test>> = query.conditions.iter().map(|w| parse_where(w)).collect::<Result<_>>()?;
        let playbook = query.playbook.as_deref().map(|p| self.playbook(p)).transpose()?;
        let facts = self.portfolio_facts()?;
        let results = playbook.as_ref().map(|p| self.playbook_counts(&facts, p)).transpose()?;
        let result = |k: usize| results.as_ref().map(|r| &r[k]);
        let mut candidates: Vec<usize> = (0..facts.len())
            .filter(|&k| tests.iter().all(|any| any.iter().any(|t| t.holds(&facts[k], result(k)))))
            .collect();
        sort(&mut candidates, &facts, results.as_deref().map(Vec::as_slice), query.sort, query.descending);
        let (offset, limit) = (query.offset as usize, query.limit.max(1) as usize);
        let rows =
            candidates.iter().skip(offset).take(limit).map(|&k| facts[k].row(result(k), labels)).collect();
        Ok(PortfolioPage {
            offset: query.offset,
            matching: candidates.len() as u32,
            total: facts.len() as u32,
            requirements: requirements().len() as u32,
            rows,
        })
    }

    /// Documents whose key terms meet every condition, oldest first, each with where the term
    /// meeting the first condition is. Read from the portfolio's facts (no quotes are kept for
    /// 100,000 documents; a hit reads its own).
    pub(crate) fn documents_where(&self, conditions: &[Condition]) -> Result<Vec<TermAt>> {
        let facts = self.portfolio_facts()?;
        let first_meeting = |f: &DocumentFacts, c: &Condition| {
            f.terms.iter().find(|t| t.meets(c)).map(|t| (t.kind, t.clause_id))
        };
        Ok(facts
            .iter()
            .filter_map(|f| {
                let mut met = conditions.iter().map(|c| first_meeting(f, c));
                let (kind, clause) = met.next()??;
                met.all(|m| m.is_some()).then_some(TermAt { doc: DocId(f.id), kind, clause })
            })
            .collect())
    }

    /// How many documents hold key terms or checklists that older rules found (the app was
    /// updated): [`Library::reread_findings`] reads them again, else each is read when first
    /// shown.
    pub fn outdated_findings(&self) -> Result<usize> {
        let mut current = self.findings_current_at.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let generation = self.store().generation()?;
        // New documents are stored with the current rules: once none is outdated, none becomes so.
        if *current == Some(generation) {
            return Ok(0);
        }
        let outdated = self.store().outdated_findings(&key_terms::VERSION, &review::VERSION)?.len();
        if outdated == 0 {
            *current = Some(generation);
        }
        Ok(outdated)
    }

    /// Reads again, with progress, the key terms and checklists that older rules stored, a few
    /// hundred documents at a time. Left to the first view, 100,000 of them took 26 s without
    /// a word. Cancelled, it stops after the documents in hand, and the rest are read when first
    /// shown. Returns how many are left.
    pub fn reread_findings(&self, progress: &Progress) -> Result<usize> {
        let outdated: std::collections::HashSet<i64> =
            self.store().outdated_findings(&key_terms::VERSION, &review::VERSION)?.into_iter().collect();
        if outdated.is_empty() {
            return Ok(0);
        }
        let docs: Vec<_> =
            self.store().documents()?.into_iter().filter(|d| outdated.contains(&d.id)).collect();
        let total = docs.len();
        tracing::info!(documents = total, "reading key terms and checklists again with the current rules");
        progress.report(ProgressEvent::step(Task::Reread, 0, total, None));
        for (k, chunk) in docs.chunks(REREAD_CHUNK).enumerate() {
            if progress.cancelled() {
                return Ok(total - k * REREAD_CHUNK);
            }
            self.facts_of(chunk.to_vec())?;
            let done = (k * REREAD_CHUNK + chunk.len()).min(total);
            progress.report(ProgressEvent::step(Task::Reread, done, total, None));
        }
        let generation = self.store().generation()?;
        *self.findings_current_at.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some(generation);
        Ok(0)
    }

    /// Reads the portfolio's facts now, so that the first portfolio view or value filter need
    /// not (at 10,000 documents that read is most of their first 170 ms). The app calls it once
    /// its first screen is up; an import or removal makes it read them again when next asked.
    /// A failure is only logged: the view that next asks reads them again and says what failed.
    pub fn warm_up_portfolio(&self) {
        if let Err(e) = self.portfolio_facts() {
            tracing::warn!("the portfolio's facts could not be read ahead: {e}");
        }
    }

    /// Each document's facts: from the last view's when nothing changed since, else read from
    /// the store a thousand documents at a time.
    fn portfolio_facts(&self) -> Result<Arc<Vec<DocumentFacts>>> {
        let generation = self.store().generation()?;
        if let Some(facts) = self.kept_facts(generation) {
            return Ok(facts);
        }
        let _reading = self.facts_reading.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Read by the warm-up while this waited.
        if let Some(facts) = self.kept_facts(generation) {
            return Ok(facts);
        }
        let docs = self.store().documents()?;
        let mut facts = Vec::with_capacity(docs.len());
        let mut docs = docs.into_iter().peekable();
        while docs.peek().is_some() {
            let chunk: Vec<_> = docs.by_ref().take(1_000).collect();
            facts.extend(self.facts_of(chunk)?);
        }
        let facts = Arc::new(facts);
        let mut cache = self.portfolio_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *cache = PortfolioCache { facts: Some((generation, facts.clone())), counts: None };
        Ok(facts)
    }

    fn kept_facts(&self, generation: u64) -> Option<Arc<Vec<DocumentFacts>>> {
        let cache = self.portfolio_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.facts.as_ref().filter(|(g, _)| *g == generation).map(|(_, facts)| facts.clone())
    }

    /// Facts of a few documents, from what the store holds; what older rules stored is found
    /// again (on every core, each document read once) and kept.
    fn facts_of(&self, docs: Vec<concordia_store::DocumentRow>) -> Result<Vec<DocumentFacts>> {
        let ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
        let (stored, clause_ids) = {
            let store = self.store();
            (store.findings_of(&ids, &key_terms::VERSION, &review::VERSION)?, store.clause_ids_of(&ids)?)
        };
        let mut stored: HashMap<i64, (Option<String>, Option<String>)> =
            stored.into_iter().map(|(id, terms, findings)| (id, (terms, findings))).collect();
        // What the store holds in the current rules' shape, and what must be found again.
        let mut kept = Vec::with_capacity(docs.len());
        for doc in docs {
            // Removed by another process since the list was read: not shown.
            let Some((terms, findings)) = stored.remove(&doc.id) else { continue };
            let clauses = clause_ids.get(&doc.id).map_or(&[][..], Vec::as_slice);
            let terms = terms.and_then(|json| stored_values(&json, clauses));
            let statuses = findings.and_then(|json| stored_statuses(&json));
            kept.push((doc, terms, statuses));
        }
        let asks: Vec<Ask> = kept
            .iter()
            .filter(|(_, terms, statuses)| terms.is_none() || statuses.is_none())
            .map(|(doc, terms, statuses)| Ask {
                id: DocId(doc.id),
                terms: terms.is_none(),
                checklist: statuses.is_none(),
            })
            .collect();
        let mut found: HashMap<i64, FoundAgain> = self.find_all_again(&asks)?.into_iter().collect();
        let (mut new_terms, mut new_checklists) = (Vec::new(), Vec::new());
        let mut out = Vec::with_capacity(kept.len());
        for (doc, terms, stored_statuses) in kept {
            // Every ask was answered; were one not, nothing would be stored for it.
            let again = found.remove(&doc.id).unwrap_or_default();
            let terms = terms.or_else(|| {
                again.terms.map(|(json, terms)| {
                    new_terms.push((doc.id, json));
                    key_values(terms)
                })
            });
            let statuses = stored_statuses.or_else(|| {
                again.checklist.map(|json| {
                    let found = statuses(&review::decode(&json).unwrap_or_default());
                    new_checklists.push((doc.id, json));
                    found
                })
            });
            out.push(DocumentFacts::new(doc, terms.unwrap_or_default(), statuses.unwrap_or_default()));
        }
        self.keep_found_again(&new_terms, &new_checklists);
        Ok(out)
    }

    /// Finds again what each ask names, the documents shared among the workers (after an
    /// update, 100,000 documents were read again on one core of two).
    fn find_all_again(&self, asks: &[Ask]) -> Result<Vec<(i64, FoundAgain)>> {
        use rayon::prelude::*;
        crate::library::WORKERS
            .install(|| asks.par_iter().map(|ask| Ok((ask.id.0, self.find_again(ask)?))).collect())
    }

    /// One document read once, for its key terms, its checklist or both.
    fn find_again(&self, ask: &Ask) -> Result<FoundAgain> {
        let doc = self.document(ask.id, None)?;
        let terms = ask.terms.then(|| key_terms::found_again(&doc));
        let checklist = ask.checklist.then(|| review::found_in_document(&doc));
        Ok(FoundAgain { terms, checklist })
    }

    /// Findings of older rules found again, kept so the next view reads them.
    fn keep_found_again(&self, terms: &[(i64, String)], checklists: &[(i64, String)]) {
        let mut store = self.store();
        if !terms.is_empty() {
            if let Err(e) = store.put_many_key_terms(&key_terms::VERSION, terms) {
                tracing::warn!(error = %e, "could not keep the key terms found again");
            }
        }
        if !checklists.is_empty() {
            if let Err(e) = store.put_many_checklists(&review::VERSION, checklists) {
                tracing::warn!(error = %e, "could not keep the checklists found again");
            }
        }
    }

    /// Every document's counts against `playbook`: from the last view's while the facts and
    /// the playbook (as read, whole: an edited one is judged again) stay the same.
    fn playbook_counts(
        &self,
        facts: &Arc<Vec<DocumentFacts>>,
        playbook: &Playbook,
    ) -> Result<Arc<Vec<ResultCounts>>> {
        let judged_by = format!("{playbook:?}");
        {
            let cache = self.portfolio_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(kept) = cache.counts.as_ref() {
                if Arc::ptr_eq(&kept.of, facts) && kept.judged_by == judged_by {
                    return Ok(kept.counts.clone());
                }
            }
        }
        let counts = Arc::new(facts.iter().map(|f| f.results(playbook)).collect::<Vec<_>>());
        let mut cache = self.portfolio_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.counts = Some(KeptCounts { of: facts.clone(), judged_by, counts: counts.clone() });
        Ok(counts)
    }
}

/// A document whose stored findings older rules wrote: which of them to find again.
struct Ask {
    id: DocId,
    terms: bool,
    checklist: bool,
}

/// What was found again of one document: its key terms (JSON and values) and its checklist
/// (JSON), each where asked.
#[derive(Default)]
struct FoundAgain {
    terms: Option<(String, Vec<TermView>)>,
    checklist: Option<String>,
}

/// Documents read again between two progress reports (and checks for a cancel): about a
/// tenth of a second's work.
const REREAD_CHUNK: usize = 250;

/// Every row of a portfolio as CSV: one column per key term, the score, what is lacking and
/// the playbook's counts; headings in the labels' language, requirement ids as the CLI's.
pub fn to_csv(rows: &[PortfolioRow], labels: &Labels) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let kinds = TermKind::ALL;
    let mut head: Vec<String> = ["id", "title", "language", "path", "met"].map(str::to_owned).to_vec();
    head.push("lacking".into());
    head.extend(kinds.iter().map(|k| labels.kind(k.id()).to_owned()));
    head.extend(
        ["acceptable", "negotiable", "unacceptable", "not_stated"].map(|w| labels.checklist(w).to_owned()),
    );
    let write_err = |e: csv::Error| Error::Invalid(format!("the portfolio could not be written as CSV: {e}"));
    w.write_record(&head).map_err(write_err)?;
    for r in rows {
        let mut record =
            vec![r.id.to_string(), r.title.clone(), r.language.clone(), r.path.clone(), r.met.to_string()];
        let lacking: Vec<String> = r.lacking.iter().map(|q| crate::review::requirement_id(*q)).collect();
        record.push(lacking.join(" "));
        for k in kinds {
            record.push(r.terms.iter().find(|t| t.kind == k).map_or(String::new(), |t| t.display.clone()));
        }
        let c = r.playbook.clone().unwrap_or_default();
        let shown = |n: u32| if r.playbook.is_some() { n.to_string() } else { String::new() };
        record.extend([shown(c.acceptable), shown(c.negotiable), shown(c.unacceptable), shown(c.not_stated)]);
        w.write_record(&record).map_err(write_err)?;
    }
    w.into_inner().map_err(|e| Error::Invalid(format!("the portfolio could not be written as CSV: {e}")))
}

fn sort(
    rows: &mut [usize],
    facts: &[DocumentFacts],
    results: Option<&[ResultCounts]>,
    by: PortfolioSort,
    descending: bool,
) {
    let unacceptable = |k: usize| results.map_or(0, |r| r[k].unacceptable);
    rows.sort_by(|&a, &b| {
        let (fa, fb) = (&facts[a], &facts[b]);
        let order = match by {
            PortfolioSort::Imported => fa.id.cmp(&fb.id),
            PortfolioSort::Title => fa.sort_title.cmp(&fb.sort_title),
            PortfolioSort::Language => fa.language.cmp(&fb.language),
            PortfolioSort::Met => fa.met.cmp(&fb.met),
            PortfolioSort::Unacceptable => unacceptable(a).cmp(&unacceptable(b)),
        };
        let order = order.then(fa.id.cmp(&fb.id));
        if descending {
            order.reverse()
        } else {
            order
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_reads_values_scores_requirements_and_alternatives() {
        assert!(matches!(
            parse_where("checklist<12").unwrap()[..],
            [Test::Met(std::cmp::Ordering::Less, false, 12)]
        ));
        assert!(matches!(
            parse_where("lacks=breach_notification").unwrap()[..],
            [Test::Lacks(Requirement::BreachNotification)]
        ));
        let either = parse_where("breach_notice>72h or breach_notice=none").unwrap();
        assert!(matches!(either[..], [Test::Value(_), Test::NotStated(TermKind::BreachNotice)]));
        assert!(matches!(
            parse_where("playbook=unacceptable").unwrap()[..],
            [Test::Result(PositionResult::Unacceptable)]
        ));
        for bad in ["checklist<many", "lacks=breach", "playbook=bad", "breach_notce>72h"] {
            assert!(parse_where(bad).is_err(), "{bad}");
        }
    }
}
