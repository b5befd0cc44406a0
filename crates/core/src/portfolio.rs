//! The library at a glance: one row per document with its key terms, its Art. 28 score and,
//! with a playbook, where it stands; filtered, sorted and paged here. Findings come from the
//! store (found at import), so a view of 10,000 documents analyses none of them again.

use std::collections::HashMap;
use std::sync::Arc;

use concordia_legal::{requirements, Requirement, Status, TermKind};

use crate::api::{
    ChecklistItem, DocId, PortfolioPage, PortfolioQuery, PortfolioRow, PortfolioSort, PortfolioTerm,
    PositionResult, ResultCounts, TermView,
};
use crate::filter::{self, Condition};
use crate::playbook::Playbook;
use crate::report::Labels;
use crate::review::{self, Stored};
use crate::{Error, Library, Result};

/// Stored findings by document.
pub(crate) type ChecklistsByDocument = HashMap<DocId, Arc<Vec<Stored>>>;

/// The portfolio's facts of every document, for one store generation and one playbook (as read).
pub(crate) type PortfolioCache = Option<(u64, String, Arc<Vec<DocumentFacts>>)>;

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

/// What a document is tested and sorted on, and what its row shows.
pub(crate) struct DocumentFacts {
    doc: concordia_store::DocumentRow,
    /// The title case folded, to sort by.
    title: String,
    terms: Arc<Vec<TermView>>,
    met: u32,
    lacking: Vec<Requirement>,
    results: Option<ResultCounts>,
}

impl DocumentFacts {
    fn new(
        doc: concordia_store::DocumentRow,
        terms: Arc<Vec<TermView>>,
        findings: &[Stored],
        playbook: Option<&Playbook>,
    ) -> DocumentFacts {
        let met = findings.iter().filter(|f| f.status == Status::Met).count() as u32;
        let lacking = findings.iter().filter(|f| f.status != Status::Met).map(|f| f.requirement).collect();
        let results = playbook.map(|p| {
            let checklist: Vec<ChecklistItem> = findings.iter().map(Stored::light_item).collect();
            p.counts(&checklist, &terms)
        });
        DocumentFacts { title: doc.title.to_lowercase(), doc, terms, met, lacking, results }
    }

    /// The row as the portfolio shows it, values in `labels`' language.
    fn row(&self, labels: &Labels) -> PortfolioRow {
        let d = &self.doc;
        PortfolioRow {
            id: DocId(d.id),
            title: d.title.clone(),
            path: d.path.clone(),
            language: d.language.clone(),
            imported_at: d.imported_at.clone(),
            met: self.met,
            lacking: self.lacking.clone(),
            terms: self
                .terms
                .iter()
                .map(|t| PortfolioTerm {
                    kind: t.kind,
                    display: labels.value(&t.value),
                    clause_id: t.clause_id,
                })
                .collect(),
            playbook: self.results.clone(),
        }
    }
}

impl Test {
    fn holds(&self, f: &DocumentFacts) -> bool {
        match self {
            Test::Value(c) => f.terms.iter().any(|t| t.kind == c.kind && c.holds(&t.value)),
            Test::NotStated(kind) => !f.terms.iter().any(|t| t.kind == *kind),
            Test::Met(ord, or_equal, n) => f.met.cmp(n) == *ord || (*or_equal && f.met == *n),
            Test::Lacks(r) => f.lacking.contains(r),
            Test::Result(r) => f.results.as_ref().is_some_and(|c| match r {
                PositionResult::Acceptable => c.acceptable > 0,
                PositionResult::Negotiable => c.negotiable > 0,
                PositionResult::Unacceptable => c.unacceptable > 0,
                PositionResult::NotStated => c.not_stated > 0,
            }),
        }
    }
}

impl Library {
    /// One page of the portfolio. Every document is tested and sorted on what is stored for it
    /// (kept from the last view while the library and the playbook stay the same); only the
    /// page's rows are put in words.
    pub fn portfolio(&self, query: &PortfolioQuery, labels: &Labels) -> Result<PortfolioPage> {
        let tests: Vec<Vec<Test>> = query.conditions.iter().map(|w| parse_where(w)).collect::<Result<_>>()?;
        let playbook = query.playbook.as_deref().map(|p| self.playbook(p)).transpose()?;
        let facts = self.portfolio_facts(playbook.as_ref())?;
        let mut candidates: Vec<&DocumentFacts> =
            facts.iter().filter(|f| tests.iter().all(|any| any.iter().any(|t| t.holds(f)))).collect();
        sort(&mut candidates, query.sort, query.descending);
        let (offset, limit) = (query.offset as usize, query.limit.max(1) as usize);
        let rows = candidates.iter().skip(offset).take(limit).map(|f| f.row(labels)).collect();
        Ok(PortfolioPage {
            offset: query.offset,
            matching: candidates.len() as u32,
            total: facts.len() as u32,
            requirements: requirements().len() as u32,
            rows,
        })
    }

    /// Each document's facts for `playbook`: from the last view's when nothing changed since.
    fn portfolio_facts(&self, playbook: Option<&Playbook>) -> Result<Arc<Vec<DocumentFacts>>> {
        let generation = self.store().generation()?;
        // The playbook as read, whole: an edited one is judged again.
        let judged_by = playbook.map(|p| format!("{p:?}")).unwrap_or_default();
        {
            let cache = self.portfolio_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((g, p, facts)) = cache.as_ref() {
                if *g == generation && *p == judged_by {
                    return Ok(facts.clone());
                }
            }
        }
        let docs = self.store().documents()?;
        let ids: Vec<DocId> = docs.iter().map(|d| DocId(d.id)).collect();
        let terms = self.all_terms(&ids)?;
        let checklists = self.all_checklists(&ids)?;
        let facts: Vec<DocumentFacts> = docs
            .into_iter()
            .map(|d| {
                let id = DocId(d.id);
                let terms = terms.get(&id).cloned().unwrap_or_default();
                let findings = checklists.get(&id).map_or(&[][..], |c| c.as_slice());
                DocumentFacts::new(d, terms, findings, playbook)
            })
            .collect();
        let facts = Arc::new(facts);
        let mut cache = self.portfolio_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *cache = Some((generation, judged_by, facts.clone()));
        Ok(facts)
    }

    /// Every document's stored findings; those stored by other rules are found again and kept.
    pub(crate) fn all_checklists(&self, docs: &[DocId]) -> Result<ChecklistsByDocument> {
        let generation = self.store().generation()?;
        {
            let cache = self.checklist_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if cache.0 == generation && docs.iter().all(|d| cache.1.contains_key(d)) {
                return Ok(cache.1.clone());
            }
        }
        let mut stored: HashMap<i64, String> =
            self.store().all_checklists(&review::VERSION)?.into_iter().collect();
        let (mut out, mut to_store) = (ChecklistsByDocument::new(), Vec::new());
        for &doc in docs {
            let found = match stored.remove(&doc.0).and_then(|json| review::decode(&json)) {
                Some(found) => found,
                None => {
                    let json = review::found_in_document(&self.document(doc, None)?);
                    let found = review::decode(&json).unwrap_or_default();
                    to_store.push((doc.0, json));
                    found
                }
            };
            out.insert(doc, Arc::new(found));
        }
        if !to_store.is_empty() {
            // Found by older rules: kept in one transaction, so the next view reads them.
            if let Err(e) = self.store().put_many_checklists(&review::VERSION, &to_store) {
                tracing::warn!(error = %e, "could not keep the checklists found again");
            }
        }
        let mut cache = self.checklist_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *cache = (self.store().generation()?, out.clone());
        Ok(out)
    }
}

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

fn sort(rows: &mut [&DocumentFacts], by: PortfolioSort, descending: bool) {
    let unacceptable = |r: &DocumentFacts| r.results.as_ref().map_or(0, |c| c.unacceptable);
    rows.sort_by(|a, b| {
        let order = match by {
            PortfolioSort::Imported => a.doc.id.cmp(&b.doc.id),
            PortfolioSort::Title => a.title.cmp(&b.title),
            PortfolioSort::Language => a.doc.language.cmp(&b.doc.language),
            PortfolioSort::Met => a.met.cmp(&b.met),
            PortfolioSort::Unacceptable => unacceptable(a).cmp(&unacceptable(b)),
        };
        let order = order.then(a.doc.id.cmp(&b.doc.id));
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
