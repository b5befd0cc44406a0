//! One analyser per language: simple tokenizer, lowercasing, stop words, Snowball stemming.

use std::sync::{LazyLock, Mutex, PoisonError};

use rustc_hash::FxHashMap;
use tantivy::schema::Field;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
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
            base.filter(stop).filter(MemoStemmer::of(language)).build()
        }
        None => base.build(),
    }
}

/// The analyser of one language, built once and cloned: building one makes its stop-word set
/// anew, which the highlighter did for every hit of a page.
pub(crate) fn shared_analyzer(lang: &LangField) -> TextAnalyzer {
    static BUILT: LazyLock<Vec<TextAnalyzer>> = LazyLock::new(|| LANG_FIELDS.iter().map(analyzer).collect());
    let k = LANG_FIELDS.iter().position(|l| l == lang).expect("every language field has an analyser");
    BUILT[k].clone()
}

/// Snowball stemming (the stemmers tantivy's `Stemmer` runs) that remembers the words it has
/// stemmed. Contracts repeat their words, and stemming every occurrence anew took 6 % of an
/// import's CPU. A stem depends on the word alone, so the memo cannot change what is indexed or
/// how a query is read.
#[derive(Clone, Copy)]
struct MemoStemmer {
    memo: &'static Memo,
}

/// A language's stemmer and the stems it has made, shared by every analyser of that language.
struct Memo {
    stemmer: frostem::Stemmer,
    stems: Mutex<FxHashMap<Box<str>, Box<str>>>,
}

/// Distinct words kept per language before the memo starts again: about 2 MB each at most (the
/// app's memory is tight), and the words a contract repeats come back first.
const MEMO_WORDS: usize = 20_000;

static MEMOS: LazyLock<[(Language, Memo); 5]> = LazyLock::new(|| {
    use frostem::Algorithm;
    let memo = |algorithm| Memo { stemmer: frostem::Stemmer::new(algorithm), stems: Mutex::default() };
    [
        (Language::Swedish, memo(Algorithm::Swedish)),
        (Language::German, memo(Algorithm::German)),
        (Language::Italian, memo(Algorithm::Italian)),
        (Language::Dutch, memo(Algorithm::Dutch)),
        (Language::English, memo(Algorithm::English)),
    ]
});

impl MemoStemmer {
    fn of(language: Language) -> MemoStemmer {
        let (_, memo) =
            MEMOS.iter().find(|(l, _)| *l == language).expect("every stemmed field's language has a memo");
        MemoStemmer { memo }
    }
}

impl Memo {
    /// Replaces `word` by its stem.
    fn stem(&self, word: &mut String) {
        let mut stems = self.stems.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(stem) = stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem: Box<str> = self.stemmer.stem(word).into();
        if stems.len() >= MEMO_WORDS {
            stems.clear();
        }
        stems.insert(word.as_str().into(), stem.clone());
        word.clear();
        word.push_str(&stem);
    }
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter { memo: self.memo, inner }
    }
}

#[derive(Clone)]
struct MemoStemmerFilter<T> {
    memo: &'static Memo,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream { tail: self.inner.token_stream(text), memo: self.memo }
    }
}

struct MemoStemmerStream<T> {
    tail: T,
    memo: &'static Memo,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memo.stem(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
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
