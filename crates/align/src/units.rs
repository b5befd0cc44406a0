//! The units rows are built from: the finest part of a document that carries one topic.
//!
//! A section whose clauses speak of one topic ("10 Unterauftragsverhältnisse" with 10.1–10.4)
//! is one unit; a section whose items speak of several ("6 Pflichten des Auftragnehmers":
//! instructions, confidentiality, security…) is split into its items, so that each meets its
//! like in a contract written article by article. A heading with no text of its own goes with
//! its first item.

use crate::{DocIn, DEFINITIONS};

/// Clause indices of each unit, in document order; every clause is in exactly one unit.
pub fn units(doc: &DocIn) -> Vec<Vec<usize>> {
    let n = doc.clauses.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (k, clause) in doc.clauses.iter().enumerate() {
        match clause.parent.filter(|&p| p < k) {
            Some(p) => children[p].push(k),
            None => roots.push(k),
        }
    }
    let tree = Tree { doc, children };
    let mut out = Vec::new();
    for root in roots {
        tree.build(root, &mut out);
    }
    for unit in &mut out {
        unit.sort_unstable();
    }
    out.sort_by_key(|unit| unit[0]);
    out
}

/// Units by structure alone: each section at the level where the document is divided (the
/// first level with at least three clauses, so a title over everything is no section) with
/// everything under it. For one text in two languages, whose sections correspond.
pub fn sections(doc: &DocIn) -> Vec<Vec<usize>> {
    let mut depth = vec![0usize; doc.clauses.len()];
    for (k, clause) in doc.clauses.iter().enumerate() {
        if let Some(parent) = clause.parent.filter(|&p| p < k) {
            depth[k] = depth[parent] + 1;
        }
    }
    let max = depth.iter().copied().max().unwrap_or(0);
    let level = (0..=max).find(|&d| depth.iter().filter(|&&x| x == d).count() >= 3).unwrap_or(0);
    let mut head: Vec<usize> = (0..doc.clauses.len()).collect();
    for (k, clause) in doc.clauses.iter().enumerate() {
        if depth[k] > level {
            if let Some(parent) = clause.parent.filter(|&p| p < k) {
                head[k] = head[parent];
            }
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (k, &h) in head.iter().enumerate() {
        match out.iter_mut().find(|unit| unit[0] == h) {
            Some(unit) => unit.push(k),
            None => out.push(vec![k]),
        }
    }
    out
}

struct Tree<'a> {
    doc: &'a DocIn,
    children: Vec<Vec<usize>>,
}

impl Tree<'_> {
    /// A section whose clauses mostly share a topic is one unit, less the items about another
    /// topic (the one item of a security article that sets the audit notice), which become
    /// units of their own; a section without such a topic splits into what is under it.
    fn build(&self, node: usize, out: &mut Vec<Vec<usize>>) {
        let subtree = self.subtree(node);
        if subtree.len() == 1 {
            out.push(subtree);
            return;
        }
        if let Some(topic) = self.dominant(node, &subtree) {
            // An annex's list (measures, sub-processors) stays whole: a line of it is detail
            // of the annex, not a clause to stand on its own beside another contract's article.
            // So does a list of definitions: "1.6 Subverwerker: …" defines a word, it is no
            // sub-processor clause.
            let whole = self.doc.clauses[node].annex || topic == DEFINITIONS;
            let outliers = if whole { Vec::new() } else { self.strays_under(node, topic) };
            let carved: Vec<usize> = outliers.iter().flat_map(|&o| self.subtree(o)).collect();
            out.push(subtree.into_iter().filter(|k| !carved.contains(k)).collect());
            for outlier in outliers {
                self.build(outlier, out);
            }
            return;
        }
        let mut below = Vec::new();
        for &child in &self.children[node] {
            self.build(child, &mut below);
        }
        match below.first_mut() {
            Some(first) if !self.doc.clauses[node].own_text => first.insert(0, node),
            _ => out.push(vec![node]),
        }
        out.extend(below);
    }

    fn subtree(&self, node: usize) -> Vec<usize> {
        let mut out = vec![node];
        let mut k = 0;
        while k < out.len() {
            out.extend(self.children[out[k]].iter().copied());
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The outermost clauses under `node` that speak of another topic (their own items go with them).
    fn strays_under(&self, node: usize, topic: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.children[node].iter().rev().copied().collect();
        while let Some(k) = stack.pop() {
            if self.strays(k, topic) {
                out.push(k);
            } else {
                stack.extend(self.children[k].iter().rev().copied());
            }
        }
        out
    }

    /// Whether a clause, by its own words, speaks of something else than its section's topic
    /// (the topic it inherits from the section's heading does not count), or leads with the
    /// specific topic its section frames (deletion in a termination article).
    fn strays(&self, clause: usize, topic: &str) -> bool {
        let clause = &self.doc.clauses[clause];
        if clause.framed && clause.primary_topic().is_some_and(|lead| lead != topic) {
            return true;
        }
        let own: Vec<&str> = clause
            .topics
            .iter()
            .map(|(t, _)| t.as_str())
            .filter(|t| !clause.inherited.iter().any(|i| i == t))
            .collect();
        !own.is_empty() && !own.contains(&topic)
    }

    /// The topic most of a subtree's clauses carry, if one does and the clauses are all of one
    /// kind (terms, or a signature block). Clauses without a topic go with any; under a heading
    /// that names a topic they count for it (the forty lines of "Anhang 1 – Sicherheitskonzept").
    fn dominant(&self, node: usize, clauses: &[usize]) -> Option<&str> {
        let root = &self.doc.clauses[node];
        let clauses: Vec<&crate::ClauseIn> = clauses.iter().map(|&k| &self.doc.clauses[k]).collect();
        if clauses.iter().any(|c| c.aside != clauses[0].aside) {
            return None;
        }
        let untagged = clauses.iter().filter(|c| c.topics.is_empty()).count();
        let tagged: Vec<&&crate::ClauseIn> = clauses.iter().filter(|c| !c.topics.is_empty()).collect();
        if tagged.is_empty() {
            return Some(""); // nothing said about topics: one unit
        }
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for clause in &tagged {
            for (topic, _) in &clause.topics {
                match counts.iter_mut().find(|(t, _)| t == topic) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((topic, 1)),
                }
            }
        }
        let mut considered = tagged.len();
        if let Some(heading_topic) = root.primary_topic() {
            if let Some(entry) = counts.iter_mut().find(|(t, _)| *t == heading_topic) {
                entry.1 += untagged;
                considered += untagged;
            }
        }
        let (topic, count) = counts.into_iter().fold(("", 0), |best, c| if c.1 > best.1 { c } else { best });
        (count * 10 >= considered * MOSTLY).then_some(topic)
    }
}

/// "Most" clauses of a section, in tenths.
const MOSTLY: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClauseIn;

    fn clause(parent: Option<usize>, topic: Option<&str>, own_text: bool) -> ClauseIn {
        ClauseIn {
            parent,
            topics: topic.map(|t| vec![(t.to_owned(), 0.8)]).unwrap_or_default(),
            own_text,
            ..ClauseIn::default()
        }
    }

    #[test]
    fn a_section_on_one_topic_is_one_unit_and_a_mixed_one_is_split_into_items() {
        let doc = DocIn {
            lang: "de".into(),
            clauses: vec![
                clause(None, None, true),                       // 0 title with a subtitle
                clause(Some(0), None, false),                   // 1 "6 Pflichten" (heading only)
                clause(Some(1), Some("instructions"), true),    // 2 6.1
                clause(Some(1), Some("confidentiality"), true), // 3 6.2
                clause(Some(1), Some("security"), true),        // 4 6.3
                clause(Some(0), Some("subprocessors"), false),  // 5 "7 Unterauftrag"
                clause(Some(5), Some("subprocessors"), true),   // 6 7.1
                clause(Some(5), None, true),                    // 7 7.2 (a table)
            ],
        };
        assert_eq!(units(&doc), vec![vec![0], vec![1, 2], vec![3], vec![4], vec![5, 6, 7]]);
    }

    #[test]
    fn an_item_about_another_topic_leaves_its_section() {
        let doc = DocIn {
            lang: "nl".into(),
            clauses: vec![
                clause(None, Some("security"), false),   // 0 "Artikel 7 Beveiliging"
                clause(Some(0), Some("security"), true), // 1 7.1
                clause(Some(0), None, true),             // 2 7.2
                clause(Some(0), Some("security"), true), // 3 7.3
                clause(Some(0), Some("audit"), true),    // 4 7.4 audits announced 10 days ahead
            ],
        };
        assert_eq!(units(&doc), vec![vec![0, 1, 2, 3], vec![4]]);
    }

    #[test]
    fn the_deletion_item_of_a_termination_article_stands_on_its_own() {
        let mut deletion = clause(Some(0), Some("deletion_return"), true);
        deletion.topics.push(("term_termination".into(), 0.57));
        deletion.framed = true;
        let doc = DocIn {
            lang: "nl".into(),
            clauses: vec![
                clause(None, Some("term_termination"), false), // 0 "Artikel 13 Duur en beëindiging"
                clause(Some(0), Some("term_termination"), true), // 1 13.1 the term
                deletion,                                      // 2 13.2 "Na beëindiging … vernietigt"
            ],
        };
        assert_eq!(units(&doc), vec![vec![0, 1], vec![2]]);
        let mut unframed = doc.clone();
        unframed.clauses[2].framed = false;
        assert_eq!(units(&unframed), vec![vec![0, 1, 2]], "without the frame it stays in its article");
    }
}
