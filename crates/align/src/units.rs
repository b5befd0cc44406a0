//! The units rows are built from: the finest part of a document that carries one topic.
//!
//! A section whose clauses speak of one topic ("10 Unterauftragsverhältnisse" with 10.1–10.4)
//! is one unit; a section whose items speak of several ("6 Pflichten des Auftragnehmers":
//! instructions, confidentiality, security…) is split into its items, so that each meets its
//! like in a contract written article by article. A heading with no text of its own goes with
//! its first item.

use crate::DocIn;

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
    fn build(&self, node: usize, out: &mut Vec<Vec<usize>>) {
        let subtree = self.subtree(node);
        if self.homogeneous(&subtree) {
            out.push(subtree);
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

    /// One clause, or clauses of the same kind that share a topic (clauses without a topic go
    /// with any): "10.4" on sub-processors abroad still belongs with "10 Unterauftragnehmer".
    fn homogeneous(&self, clauses: &[usize]) -> bool {
        let clauses: Vec<&crate::ClauseIn> = clauses.iter().map(|&k| &self.doc.clauses[k]).collect();
        if clauses.len() == 1 {
            return true;
        }
        if clauses.iter().any(|c| c.aside != clauses[0].aside) {
            return false;
        }
        let mut tagged = clauses.iter().filter(|c| !c.topics.is_empty());
        let Some(first) = tagged.next() else { return true };
        let mut shared: Vec<&str> = first.topics.iter().map(|(t, _)| t.as_str()).collect();
        for clause in tagged {
            shared.retain(|t| clause.topics.iter().any(|(u, _)| u == t));
        }
        !shared.is_empty()
    }
}

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
}
