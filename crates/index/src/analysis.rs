//! One analyser per language: simple tokenizer, lowercasing, stop words, Snowball stemming.

use tantivy::schema::Field;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::Index;

/// A language's field in the index and the analyser registered for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangField {
    /// Language code ("sv", …; "unknown" for the unstemmed field).
    pub code: &'static str,
    /// Field name.
    pub field: &'static str,
    /// Registered analyser name.
    pub tokenizer: &'static str,
    stemmer: Option<Language>,
}

/// Every language field; the last one takes text in no known language.
pub const LANG_FIELDS: [LangField; 6] = [
    LangField { code: "sv", field: "body_sv", tokenizer: "concordia_sv", stemmer: Some(Language::Swedish) },
    LangField { code: "de", field: "body_de", tokenizer: "concordia_de", stemmer: Some(Language::German) },
    LangField { code: "it", field: "body_it", tokenizer: "concordia_it", stemmer: Some(Language::Italian) },
    LangField { code: "nl", field: "body_nl", tokenizer: "concordia_nl", stemmer: Some(Language::Dutch) },
    LangField { code: "en", field: "body_en", tokenizer: "concordia_en", stemmer: Some(Language::English) },
    LangField { code: "unknown", field: "body_xx", tokenizer: "concordia_xx", stemmer: None },
];

/// Builds the analyser for one language.
pub(crate) fn analyzer(lang: &LangField) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser);
    match lang.stemmer {
        Some(language) => {
            let stop =
                StopWordFilter::new(language).expect("tantivy ships stop words for sv, de, it, nl, en");
            base.filter(stop).filter(Stemmer::new(language)).build()
        }
        None => base.build(),
    }
}

pub(crate) fn register(index: &Index) {
    for lang in &LANG_FIELDS {
        index.tokenizers().register(lang.tokenizer, analyzer(lang));
    }
}

/// The field for a language code; unknown codes go to the unstemmed field.
pub(crate) fn field_for(index: &Index, code: &str) -> tantivy::Result<Field> {
    let lang = LANG_FIELDS.iter().find(|l| l.code == code).unwrap_or(&LANG_FIELDS[5]);
    index.schema().get_field(lang.field)
}
