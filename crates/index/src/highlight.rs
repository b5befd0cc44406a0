//! Finds where a query's terms occur in a text, by analysing the text as the index did.

use std::collections::{HashMap, HashSet};

use tantivy::query::Query;
use tantivy::Index;

use crate::analysis::{shared_analyzer, LANG_FIELDS};

/// The analysed terms of a query, per language field.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    terms: HashMap<&'static str, HashSet<String>>,
}

impl Matcher {
    pub(crate) fn new(index: &Index, query: &dyn Query) -> Matcher {
        let schema = index.schema();
        let mut terms: HashMap<&'static str, HashSet<String>> = HashMap::new();
        query.query_terms(&mut |term, _| {
            let name = schema.get_field_name(term.field());
            if let (Some(lang), Some(text)) =
                (LANG_FIELDS.iter().find(|l| l.field == name), term.value().as_str())
            {
                terms.entry(lang.code).or_default().insert(text.to_owned());
            }
        });
        Matcher { terms }
    }

    /// Byte ranges in `text` (written in language `lang`) where a query term occurs.
    pub fn find(&self, lang: &str, text: &str) -> Vec<(usize, usize)> {
        let code = if LANG_FIELDS.iter().any(|l| l.code == lang) { lang } else { "unknown" };
        let Some(wanted) = self.terms.get(code) else {
            return Vec::new();
        };
        let field = LANG_FIELDS.iter().find(|l| l.code == code).expect("code is one of LANG_FIELDS");
        let mut analyzer = shared_analyzer(field);
        let mut stream = analyzer.token_stream(text);
        let mut ranges = Vec::new();
        while stream.advance() {
            let token = stream.token();
            if wanted.contains(&token.text) {
                ranges.push((token.offset_from, token.offset_to));
            }
        }
        ranges
    }
}
