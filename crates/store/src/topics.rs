//! Topics of clauses, kept in the `clauses.topics` column.

use std::collections::HashMap;

use rusqlite::params;

use crate::{bump_generation, ClauseId, DocId, Result, Store};

const FIELD: char = '\u{1f}';
const RECORD: char = '\u{1e}';

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

/// Encodes topics for the `topics` column.
pub(crate) fn encode(topics: &[TopicRow]) -> String {
    let records: Vec<String> = topics
        .iter()
        .map(|t| {
            let mut fields = vec![t.topic.clone(), t.confidence.to_string()];
            fields.extend(t.cues.iter().cloned());
            fields.join(&FIELD.to_string())
        })
        .collect();
    records.join(&RECORD.to_string())
}

fn decode(column: &str) -> Vec<TopicRow> {
    column
        .split(RECORD)
        .filter(|r| !r.is_empty())
        .filter_map(|record| {
            let mut fields = record.split(FIELD);
            let topic = fields.next()?.to_owned();
            let confidence = fields.next()?.parse().ok()?;
            Some(TopicRow { topic, confidence, cues: fields.map(str::to_owned).collect() })
        })
        .collect()
}

impl Store {
    /// Topics of every clause of a document, by clause id (clauses without topics are absent).
    pub fn document_topics(&self, doc_id: DocId) -> Result<HashMap<ClauseId, Vec<TopicRow>>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, topics FROM clauses WHERE doc_id = ?1 AND topics <> ''")?;
        let rows = stmt.query_map([doc_id], |r| Ok((r.get::<_, ClauseId>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, column) = row?;
            out.insert(id, decode(&column));
        }
        Ok(out)
    }

    /// Replaces the topics of clauses (after the lexicon changed), in one transaction.
    pub fn replace_document_topics(&mut self, topics: &HashMap<ClauseId, Vec<TopicRow>>) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached("UPDATE clauses SET topics = ?2 WHERE id = ?1")?;
            for (clause_id, list) in topics {
                stmt.execute(params![clause_id, encode(list)])?;
            }
        }
        bump_generation(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_through_the_column() {
        let topics = vec![
            TopicRow {
                topic: "audit".into(),
                confidence: 0.62,
                cues: vec!["heading: granskning*".into(), "Art. 28".into()],
            },
            TopicRow { topic: "liability".into(), confidence: 0.4, cues: vec![] },
        ];
        assert_eq!(decode(&encode(&topics)), topics);
        assert!(decode("").is_empty());
    }
}
