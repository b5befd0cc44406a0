//! Language detection restricted to the languages Concordia handles.
//!
//! whatlang's trigram model decides when it is confident; for short or mixed
//! text a vote of very common function words decides, and when neither is
//! sure the answer is [`Lang::Unknown`].

use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::LazyLock;

use whatlang::{Detector, Lang as W};

/// A language Concordia analyses, or `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Lang {
    /// Swedish.
    #[serde(rename = "sv")]
    Sv,
    /// German.
    #[serde(rename = "de")]
    De,
    /// Italian.
    #[serde(rename = "it")]
    It,
    /// Dutch.
    #[serde(rename = "nl")]
    Nl,
    /// English.
    #[serde(rename = "en")]
    En,
    /// Not sure.
    #[serde(rename = "unknown")]
    Unknown,
}

impl Lang {
    /// Every known language, in display order.
    pub const KNOWN: [Lang; 5] = [Lang::Sv, Lang::De, Lang::It, Lang::Nl, Lang::En];

    /// The ISO 639-1 code, or "unknown".
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::De => "de",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::En => "en",
            Lang::Unknown => "unknown",
        }
    }

    /// Parses a code as written by [`Lang::code`] (case-insensitive).
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.to_ascii_lowercase();
        Lang::KNOWN.into_iter().chain([Lang::Unknown]).find(|l| l.code() == lower)
    }
}

static DETECTOR: LazyLock<Detector> =
    LazyLock::new(|| Detector::with_allowlist(Lang::KNOWN.iter().filter_map(|&l| whatlang_of(l)).collect()));

/// whatlang's name for a language (the match is exhaustive: a new `Lang` must say).
fn whatlang_of(lang: Lang) -> Option<W> {
    match lang {
        Lang::Sv => Some(W::Swe),
        Lang::De => Some(W::Deu),
        Lang::It => Some(W::Ita),
        Lang::Nl => Some(W::Nld),
        Lang::En => Some(W::Eng),
        Lang::Unknown => None,
    }
}

/// What `languages.toml` says of one language.
#[derive(serde::Deserialize)]
struct LanguageWords {
    function_words: String,
    hyphen_conjunctions: Vec<String>,
    reference_abbreviations: Vec<String>,
}

/// `languages.toml`, read once; a language of `Lang::KNOWN` missing there is a build error
/// caught by the test `every_language_has_its_words`.
static WORDS: LazyLock<HashMap<String, LanguageWords>> = LazyLock::new(|| {
    toml::from_str(include_str!("../languages.toml"))
        .unwrap_or_else(|e| panic!("the built-in languages.toml is invalid: {e}"))
});

fn words_of(lang: Lang) -> Option<&'static LanguageWords> {
    WORDS.get(lang.code())
}

/// Each known language's function words: a word's languages as bits, in `Lang::KNOWN` order
/// (one lookup per word, not one per language), keyed by the word's bytes packed into a number
/// (`Packed`): every function word fits in seven bytes.
static FUNCTION_WORDS: LazyLock<FxHashMap<u64, u8>> = LazyLock::new(|| {
    let mut words: FxHashMap<u64, u8> = FxHashMap::default();
    for (k, &lang) in Lang::KNOWN.iter().enumerate() {
        for word in words_of(lang).map(|w| w.function_words.split(' ')).into_iter().flatten() {
            let key =
                Packed::of(word).key().unwrap_or_else(|| panic!("function word {word:?} is over 7 bytes"));
            *words.entry(key).or_default() |= 1 << k;
        }
    }
    words
});

/// A lowercased word of up to seven bytes as one number; longer words are only counted, as no
/// function word is that long.
#[derive(Default)]
struct Packed {
    bytes: u64,
    len: usize,
}

impl Packed {
    const MAX: usize = 7;

    fn of(word: &str) -> Packed {
        let mut packed = Packed::default();
        word.bytes().for_each(|b| packed.push(b));
        packed
    }

    fn push(&mut self, byte: u8) {
        if self.len < Self::MAX {
            self.bytes |= u64::from(byte) << (8 * self.len);
        }
        self.len = self.len.saturating_add(1);
    }

    /// The number standing for the word, when it is short enough to be a function word.
    fn key(&self) -> Option<u64> {
        (1..=Self::MAX).contains(&self.len).then_some(self.bytes)
    }

    fn clear(&mut self) {
        *self = Packed::default();
    }
}

/// Whether `word` after a line-end hyphen is a conjunction of some language ("Daten- und").
pub fn is_hyphen_conjunction(word: &str) -> bool {
    Lang::KNOWN.iter().filter_map(|&l| words_of(l)).any(|w| w.hyphen_conjunctions.iter().any(|c| c == word))
}

/// Whether a line that ends with `text` ends a sentence: a full stop after a reference's
/// abbreviation of some language ("… ai sensi dell'Art." over "28 GDPR") does not.
pub fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end();
    if !text.ends_with(['.', ':', ';', '!', '?']) {
        return false;
    }
    let last = text.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let last = crate::lowercase(last);
    !(last.ends_with('.')
        && Lang::KNOWN.iter().filter_map(|&l| words_of(l)).any(|w| w.reference_abbreviations.contains(&last)))
}

/// The language of a part of a document whose language is `expected`: when its own function
/// words clearly side with the document's language, that is the answer, without the trigram
/// model (most of a document's clauses, and the model's time at import).
pub fn detect_language_within(text: &str, expected: Lang) -> Lang {
    let votes = vote_counts(text);
    let (best, second, lang) = votes;
    if lang == expected && best >= 3 && best >= second * 2 {
        return expected;
    }
    detect_by(text, votes)
}

/// Detects the language of `text`.
pub fn detect_language(text: &str) -> Lang {
    detect_by(text, vote_counts(text))
}

/// Function-word votes that make a text's language plain however close the runner-up's share.
const LOTS_OF_VOTES: usize = 100;

/// The language by its function-word votes, asking the trigram model when they are not clear.
fn detect_by(text: &str, (best, second, lang): (usize, usize, Lang)) -> Lang {
    // A landslide of function words is as sure as the trigram model and far cheaper.
    if best >= 6 && best >= second * 4 {
        return lang;
    }
    // So are hundreds of them, twice as many of one language as of any other: Dutch and German
    // share a few ("die", "in"), which keeps a whole Dutch contract under four to one.
    if best >= LOTS_OF_VOTES && best >= second * 2 {
        return lang;
    }
    if let Some(info) = DETECTOR.detect(text) {
        if info.is_reliable() {
            return from_whatlang(info.lang());
        }
    }
    if best >= 2 && best >= second * 2 {
        lang
    } else {
        Lang::Unknown
    }
}

fn from_whatlang(lang: W) -> Lang {
    Lang::KNOWN.into_iter().find(|&l| whatlang_of(l) == Some(lang)).unwrap_or(Lang::Unknown)
}

/// The share of words in `text` that are function words of a language Concordia knows
/// ("der", "och", "di", "het", "the"): about a quarter in running text, near zero in mojibake.
pub(crate) fn function_word_share(text: &str) -> f64 {
    let (mut words, mut function) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        let lower = word.to_lowercase();
        function +=
            usize::from(Packed::of(&lower).key().is_some_and(|key| FUNCTION_WORDS.contains_key(&key)));
    }
    function as f64 / words.max(1) as f64
}

/// Counts function words per language: (best count, runner-up count, best language).
fn vote_counts(text: &str) -> (usize, usize, Lang) {
    let scores = function_words_per_language(text);
    let mut ranked: Vec<(usize, Lang)> = scores.iter().zip(Lang::KNOWN).map(|(&s, l)| (s, l)).collect();
    ranked.sort_unstable_by_key(|r| std::cmp::Reverse(r.0));
    (ranked[0].0, ranked[1].0, ranked[0].1)
}

/// How many of `text`'s words are function words of each language, in `Lang::KNOWN` order.
/// ASCII is read a byte at a time; only other chars are decoded and asked whether they are
/// letters.
fn function_words_per_language(text: &str) -> [usize; Lang::KNOWN.len()] {
    let mut scores = [0usize; Lang::KNOWN.len()];
    let mut word = Packed::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_alphabetic() {
                word.push(b.to_ascii_lowercase());
            } else {
                vote(&mut scores, &mut word);
            }
            i += 1;
            continue;
        }
        // `i` is at a char's start: ASCII bytes and whole chars are all that is stepped over.
        let c = text[i..].chars().next().expect("a char starts here");
        if c.is_alphabetic() {
            let mut utf8 = [0u8; 4];
            for lower in c.to_lowercase() {
                lower.encode_utf8(&mut utf8).bytes().for_each(|b| word.push(b));
            }
        } else {
            vote(&mut scores, &mut word);
        }
        i += c.len_utf8();
    }
    vote(&mut scores, &mut word);
    scores
}

/// Counts the word read so far for each language it is a function word of, and starts anew.
fn vote(scores: &mut [usize; Lang::KNOWN.len()], word: &mut Packed) {
    if let Some(&langs) = word.key().and_then(|key| FUNCTION_WORDS.get(&key)) {
        for (k, score) in scores.iter_mut().enumerate() {
            *score += usize::from(langs >> k & 1);
        }
    }
    word.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_abbreviation_at_a_line_end_ends_no_sentence() {
        assert!(!ends_sentence("12. Cessazione del trattamento (Art."));
        assert!(!ends_sentence("gemäß Abs."));
        assert!(ends_sentence("Die Daten werden gelöscht."));
        assert!(ends_sentence("Le parti convengono quanto segue:"));
        assert!(!ends_sentence("zonder onredelijke vertraging"));
    }

    /// What `vote_counts` counted before it stopped building long words: every word lowercased
    /// whole.
    fn vote_counts_by_chars(text: &str) -> [usize; Lang::KNOWN.len()] {
        let mut scores = [0usize; Lang::KNOWN.len()];
        let mut word = String::new();
        for c in text.chars().chain([' ']) {
            if c.is_alphabetic() {
                word.extend(c.to_lowercase());
                continue;
            }
            vote(&mut scores, &mut Packed::of(&word));
            word.clear();
        }
        scores
    }

    #[test]
    fn votes_are_the_votes_of_whole_lowercased_words() {
        let mut texts: Vec<String> = [
            "DER Auftragnehmer UND die Daten",
            "İN DE ÜBER die",
            "und",
            "Ökonomie DES",
            "ΣΑΣ och",
            "l'art. dell'Accordo DI",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        texts.extend(crate::shared_texts(&["real/docs", "parallel", "corpus"]));
        for text in &texts {
            for part in text.split("\n\n").chain([text.as_str()]) {
                assert_eq!(function_words_per_language(part), vote_counts_by_chars(part), "{part:?}");
            }
        }
    }

    /// The shortcut for texts with hundreds of function words never says what the trigram model
    /// would not: on every contract and GDPR text of ../shared (the sample a document is
    /// detected on), wherever it decides, the model agrees.
    #[test]
    fn lots_of_votes_agree_with_the_trigram_model() {
        let texts = crate::shared_texts(&["real/docs", "parallel", "corpus"]);
        let mut decided = 0;
        for text in &texts {
            let end = text.char_indices().nth(30_000).map_or(text.len(), |(i, _)| i);
            let sample = &text[..end];
            let (best, second, lang) = vote_counts(sample);
            if best < LOTS_OF_VOTES || best < second * 2 {
                continue;
            }
            decided += 1;
            let model = DETECTOR.detect(sample).map(|info| from_whatlang(info.lang()));
            assert_eq!(model, Some(lang), "votes {best} to {second}: {:?}", &sample[..80.min(sample.len())]);
        }
        println!("{decided} of {} texts decided by their votes", texts.len());
        assert!(decided >= 20, "only {decided} texts of ../shared decided by votes: is ../shared there?");
    }

    #[test]
    fn contract_sentences_in_each_language() {
        let cases = [
            (
                "Personuppgiftsbiträdet ska radera alla personuppgifter när avtalet upphör att gälla.",
                Lang::Sv,
            ),
            ("Der Auftragnehmer löscht die personenbezogenen Daten nach Beendigung des Vertrags.", Lang::De),
            ("Il Fornitore cancellerà i dati personali al termine del contratto.", Lang::It),
            ("De verwerker verwijdert de persoonsgegevens na afloop van de overeenkomst.", Lang::Nl),
            ("The processor shall delete the personal data at the end of the agreement.", Lang::En),
        ];
        for (text, want) in cases {
            assert_eq!(detect_language(text), want, "{text}");
        }
    }

    /// Inside a Swedish document, a clause that is Swedish by its function words needs no model;
    /// one in English (quoted SCCs) is still English.
    #[test]
    fn a_clause_is_read_within_its_documents_language() {
        let swedish = "Personuppgiftsbiträdet ska radera alla personuppgifter och de kopior som finns när \
                       avtalet upphör att gälla, om inte lag kräver att de sparas.";
        assert_eq!(detect_language_within(swedish, Lang::Sv), Lang::Sv);
        let english = "The data importer shall process the personal data only on documented instructions \
                       from the data exporter and shall inform the data exporter if it is unable to do so.";
        assert_eq!(detect_language_within(english, Lang::Sv), Lang::En);
        assert_eq!(detect_language_within(english, Lang::En), detect_language(english));
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(detect_language("11.3"), Lang::Unknown);
        assert_eq!(detect_language("GDPR"), Lang::Unknown);
    }

    #[test]
    fn every_language_has_its_words() {
        for lang in Lang::KNOWN {
            let words = words_of(lang).unwrap_or_else(|| panic!("languages.toml has no [{}]", lang.code()));
            let count = words.function_words.split(' ').count();
            println!(
                "{}: {count} function words, {} hyphen conjunctions",
                lang.code(),
                words.hyphen_conjunctions.len()
            );
            assert!(count >= 20, "{}: too few function words for the vote", lang.code());
            assert!(!words.hyphen_conjunctions.is_empty(), "{}: no hyphen conjunctions", lang.code());
        }
        assert_eq!(WORDS.len(), Lang::KNOWN.len(), "languages.toml names a language Lang does not know");
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::KNOWN {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("SV"), Some(Lang::Sv));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
