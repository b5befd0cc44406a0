//! The `clause_topics` table.

use std::collections::HashMap;

use rusqlite::{params, Transaction};

use crate::{bump_generation, ClauseId, DocId, Result, Store};

/// Separator of cues in the `cues` column (ASCII unit separator).
const CUE_SEP: char = '\u{1f}';

/// A topic of a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicRow {
    /// Topic id.
    pub topic: String,
    /// 0–1.
    pub confidence: f64,
    /// What decided it.
    pub cues: Vec<String>,
}

pub(crate) fn insert(tx: &Transaction<'_>, clause_id: ClauseId, topics: &[TopicRow]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO clause_topics (clause_id, topic, confidence, cues) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for t in topics {
        stmt.execute(params![clause_id, t.topic, t.confidence, t.cues.join(&CUE_SEP.to_string())])?;
    }
    Ok(())
}

impl Store {
    /// Topics of every clause of a document, by clause id.
    pub fn document_topics(&self, doc_id: DocId) -> Result<HashMap<ClauseId, Vec<TopicRow>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.clause_id, t.topic, t.confidence, t.cues FROM clause_topics t
             JOIN clauses c ON c.id = t.clause_id WHERE c.doc_id = ?1 ORDER BY t.clause_id, t.confidence DESC",
        )?;
        let mut out: HashMap<ClauseId, Vec<TopicRow>> = HashMap::new();
        let rows = stmt.query_map([doc_id], |r| {
            let cues: String = r.get(3)?;
            let cues =
                if cues.is_empty() { Vec::new() } else { cues.split(CUE_SEP).map(str::to_owned).collect() };
            Ok((r.get::<_, ClauseId>(0)?, TopicRow { topic: r.get(1)?, confidence: r.get(2)?, cues }))
        })?;
        for row in rows {
            let (clause, topic) = row?;
            out.entry(clause).or_default().push(topic);
        }
        Ok(out)
    }

    /// Replaces the topics of a document's clauses (after the lexicon changed), in one transaction.
    pub fn replace_document_topics(&mut self, topics: &HashMap<ClauseId, Vec<TopicRow>>) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (clause_id, list) in topics {
            tx.execute("DELETE FROM clause_topics WHERE clause_id = ?1", [clause_id])?;
            insert(&tx, *clause_id, list)?;
        }
        bump_generation(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
