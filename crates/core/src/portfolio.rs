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

/// What a row is tested on.
struct Facts<'a> {
    terms: &'a [TermView],
    met: u32,
    lacking: &'a [Requirement],
    results: Option<&'a ResultCounts>,
}

impl Test {
    fn holds(&self, f: &Facts<'_>) -> bool {
        match self {
            Test::Value(c) => f.terms.iter().any(|t| t.kind == c.kind && c.holds(&t.value)),
            Test::NotStated(kind) => !f.terms.iter().any(|t| t.kind == *kind),
            Test::Met(ord, or_equal, n) => f.met.cmp(n) == *ord || (*or_equal && f.met == *n),
            Test::Lacks(r) => f.lacking.contains(r),
            Test::Result(r) => f.results.is_some_and(|c| match r {
                PositionResult::Acceptable => c.acceptable > 0,
                PositionResult::Negotiable => c.negotiable > 0,
                PositionResult::Unacceptable => c.unacceptable > 0,
                PositionResult::NotStated => c.not_stated > 0,
            }),
        }
    }
}

impl Library {
    /// One page of the portfolio.
    pub fn portfolio(&self, query: &PortfolioQuery, labels: &Labels) -> Result<PortfolioPage> {
        let tests: Vec<Vec<Test>> = query.conditions.iter().map(|w| parse_where(w)).collect::<Result<_>>()?;
        let playbook = query.playbook.as_deref().map(|p| self.playbook(p)).transpose()?;
        let docs = self.store().documents()?;
        let ids: Vec<DocId> = docs.iter().map(|d| DocId(d.id)).collect();
        let terms = self.all_terms(&ids)?;
        let checklists = self.all_checklists(&ids)?;
        let mut rows: Vec<PortfolioRow> = Vec::new();
        for d in docs {
            let id = DocId(d.id);
            let doc_terms = terms.get(&id).map_or(&[][..], |t| t.as_slice());
            let findings = checklists.get(&id).map_or(&[][..], |c| c.as_slice());
            let met = findings.iter().filter(|f| f.status == Status::Met).count() as u32;
            let lacking: Vec<Requirement> =
                findings.iter().filter(|f| f.status != Status::Met).map(|f| f.requirement).collect();
            let results = playbook.as_ref().map(|p| counts(p, findings, doc_terms, labels));
            let facts = Facts { terms: doc_terms, met, lacking: &lacking, results: results.as_ref() };
            if !tests.iter().all(|any| any.iter().any(|t| t.holds(&facts))) {
                continue;
            }
            rows.push(PortfolioRow {
                id,
                title: d.title,
                path: d.path,
                language: d.language,
                imported_at: d.imported_at,
                met,
                lacking,
                terms: doc_terms
                    .iter()
                    .map(|t| PortfolioTerm {
                        kind: t.kind,
                        display: labels.value(&t.value),
                        clause_id: t.clause_id,
                    })
                    .collect(),
                playbook: results,
            });
        }
        sort(&mut rows, query.sort, query.descending);
        let matching = rows.len() as u32;
        let page: Vec<PortfolioRow> =
            rows.into_iter().skip(query.offset as usize).take(query.limit.max(1) as usize).collect();
        Ok(PortfolioPage {
            offset: query.offset,
            matching,
            total: ids.len() as u32,
            requirements: requirements().len() as u32,
            rows: page,
        })
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

/// A row's positions counted by result.
fn counts(playbook: &Playbook, findings: &[Stored], terms: &[TermView], labels: &Labels) -> ResultCounts {
    let checklist: Vec<ChecklistItem> = findings.iter().map(Stored::light_item).collect();
    let review = playbook.judge(&checklist, terms, labels);
    let mut c = ResultCounts::default();
    let results = review.positions.iter().map(|p| p.result).chain(review.required.iter().map(|r| r.result));
    for r in results {
        match r {
            PositionResult::Acceptable => c.acceptable += 1,
            PositionResult::Negotiable => c.negotiable += 1,
            PositionResult::Unacceptable => c.unacceptable += 1,
            PositionResult::NotStated => c.not_stated += 1,
        }
    }
    c
}

fn sort(rows: &mut [PortfolioRow], by: PortfolioSort, descending: bool) {
    let unacceptable = |r: &PortfolioRow| r.playbook.as_ref().map_or(0, |c| c.unacceptable);
    rows.sort_by(|a, b| {
        let order = match by {
            PortfolioSort::Imported => a.id.cmp(&b.id),
            PortfolioSort::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
            PortfolioSort::Language => a.language.cmp(&b.language),
            PortfolioSort::Met => a.met.cmp(&b.met),
            PortfolioSort::Unacceptable => unacceptable(a).cmp(&unacceptable(b)),
        };
        let order = order.then(a.id.cmp(&b.id));
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
