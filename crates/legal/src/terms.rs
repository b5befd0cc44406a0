//! Key terms: the values a lawyer compares across DPAs, each with the sentence it comes from.
//!
//! Every kind looks only in clauses of its topic, and needs a cue word in the
//! same sentence as the value (a notice word next to an audit duration, an
//! objection word next to a sub-processor deadline). A term a document does
//! not state is absent: nothing is guessed.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::parties::{names_controller_duties, Names, Parties};
use crate::placeholders::mask_placeholders;
use crate::prefilter::Prefilter;
use crate::values::{durations, money, number_word, Duration, Unit};

/// A clause as the extractor sees it.
#[derive(Debug, Clone)]
pub struct ClauseInput<'a> {
    /// The clause's text.
    pub text: &'a str,
    /// Byte offset of the clause in the document text.
    pub start: usize,
    /// Topic ids of the clause.
    pub topics: &'a [String],
    /// Whether it is a short line over the items numbered under it ("2. Deletion at DPA
    /// Expiration." over "2 a."): it names what follows and sets no value.
    pub title: bool,
    /// The headings it stands under, outermost first; its own heading is the first line of its
    /// text (`heading_line`).
    pub headings: &'a [String],
}

/// A clause as the rules read it: its text (a template's blanks masked) and its sentences,
/// split once rather than once per rule that reads them.
#[derive(Clone)]
struct Read<'a> {
    clause: ClauseInput<'a>,
    sentences: Vec<(usize, usize)>,
    /// Whether the clause names each topic of [`topic_anchor`], once asked: the liability cap
    /// alone asks it of every clause in up to seven passes.
    names: [std::cell::OnceCell<bool>; ANCHORS],
}

impl<'a> Read<'a> {
    fn new(clause: ClauseInput<'a>) -> Read<'a> {
        let sentences = sentences(clause.text);
        Read { clause, sentences, names: Default::default() }
    }

    /// Whether the clause carries `topic` among its topics.
    fn is_about(&self, topic: &str) -> bool {
        self.topics.iter().any(|t| t == topic)
    }

    /// Whether the clause's text holds anchor `k` (`topic_anchor`'s number), which is `re`.
    fn names(&self, (k, re): (usize, &Regex)) -> bool {
        *self.names[k].get_or_init(|| re.is_match(self.text))
    }
}

impl<'a> std::ops::Deref for Read<'a> {
    type Target = ClauseInput<'a>;

    fn deref(&self) -> &ClauseInput<'a> {
        &self.clause
    }
}

/// A normalised value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TermValue {
    /// A duration as written.
    Duration {
        /// The number as written.
        value: u32,
        /// Its unit.
        unit: Unit,
        /// For sorting.
        approx_days: f64,
        /// "di solito", "waar mogelijk"…
        #[serde(skip_serializing_if = "Option::is_none")]
        hedge: Option<String>,
    },
    /// No number, only words ("without undue delay").
    Qualitative {
        /// The normalised phrase, in English.
        qualitative: &'static str,
    },
    /// A capped amount.
    Money {
        /// Amount.
        amount: f64,
        /// ISO 4217 code.
        currency: &'static str,
        /// When the amount is a ceiling on a relative cap ("fees paid, at most EUR 50.000").
        #[serde(skip_serializing_if = "Option::is_none")]
        basis: Option<&'static str>,
    },
    /// A cap of so many times the annual value of the contract ("das dreifache Jahresvolumen").
    Multiple {
        /// How many times.
        multiple: u32,
        /// Of what, in English.
        of: &'static str,
    },
    /// A cap relative to something (fees paid…), without an amount.
    Basis {
        /// What the cap is measured by, in English.
        basis: &'static str,
    },
    /// Explicitly no cap.
    Unlimited {
        /// Always true.
        unlimited: bool,
    },
    /// Set in another agreement.
    ByReference {
        /// Always true.
        by_reference: bool,
    },
    /// How often.
    Frequency {
        /// Times…
        count: u32,
        /// …per this period.
        per: &'static str,
    },
    /// A country (ISO 3166 alpha-2).
    Country {
        /// Code.
        country: &'static str,
    },
    /// A court's place.
    Place {
        /// As written.
        place: String,
    },
    /// A list of kinds (liability exclusions).
    List(Vec<&'static str>),
    /// A choice among fixed words ("controller", "general", "delete"…).
    Choice(&'static str),
}

impl TermValue {
    /// Where the value itself is written in `quote` ("72 Stunden" in the sentence), as a byte
    /// range, for values written as a number or a name; `None` for choices and lists.
    pub fn span_in(&self, quote: &str) -> Option<(usize, usize)> {
        match self {
            TermValue::Duration { value, unit, .. } => durations(quote)
                .into_iter()
                .find(|d| d.value == *value && d.unit == *unit)
                .map(|d| (d.start, d.end)),
            TermValue::Money { amount, .. } => {
                money(quote).into_iter().find(|m| (m.amount - amount).abs() < 0.005).map(|m| (m.start, m.end))
            }
            TermValue::Place { place } => find_ignoring_case(quote, place),
            _ => None,
        }
    }
}

/// Byte range of `needle` in `haystack`, ignoring case (both lowercase to the same length here:
/// place names of the four languages).
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<(usize, usize)> {
    let lower = haystack.to_lowercase();
    if lower.len() != haystack.len() {
        return haystack.find(needle).map(|at| (at, at + needle.len()));
    }
    lower.find(&needle.to_lowercase()).map(|at| (at, at + needle.len()))
}

/// A kind of key term, in the order a lawyer reads a DPA (the matrix's rows). Its id
/// ("audit_notice") is what the CLI, the IPC and the gold files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TermKind {
    LiabilityCap,
    LiabilityExclusions,
    ClaimsTimeLimit,
    AuditNotice,
    AuditFrequency,
    AuditCosts,
    DeletionPeriod,
    DeletionMode,
    BackupRetention,
    BreachNotice,
    SubprocessorObjection,
    SubprocessorAuthorisation,
    GoverningLaw,
    Jurisdiction,
}

impl TermKind {
    /// Every kind, in reading order.
    pub const ALL: [TermKind; 14] = [
        TermKind::LiabilityCap,
        TermKind::LiabilityExclusions,
        TermKind::ClaimsTimeLimit,
        TermKind::AuditNotice,
        TermKind::AuditFrequency,
        TermKind::AuditCosts,
        TermKind::DeletionPeriod,
        TermKind::DeletionMode,
        TermKind::BackupRetention,
        TermKind::BreachNotice,
        TermKind::SubprocessorObjection,
        TermKind::SubprocessorAuthorisation,
        TermKind::GoverningLaw,
        TermKind::Jurisdiction,
    ];

    /// The id: "audit_notice".
    pub fn id(self) -> &'static str {
        match self {
            TermKind::LiabilityCap => "liability_cap",
            TermKind::LiabilityExclusions => "liability_exclusions",
            TermKind::ClaimsTimeLimit => "claims_time_limit",
            TermKind::AuditNotice => "audit_notice",
            TermKind::AuditFrequency => "audit_frequency",
            TermKind::AuditCosts => "audit_costs",
            TermKind::DeletionPeriod => "deletion_period",
            TermKind::DeletionMode => "deletion_mode",
            TermKind::BackupRetention => "backup_retention",
            TermKind::BreachNotice => "breach_notice",
            TermKind::SubprocessorObjection => "subprocessor_objection",
            TermKind::SubprocessorAuthorisation => "subprocessor_authorisation",
            TermKind::GoverningLaw => "governing_law",
            TermKind::Jurisdiction => "jurisdiction",
        }
    }

    /// The kind of an id, if it is one.
    pub fn parse(id: &str) -> Option<TermKind> {
        TermKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

impl std::fmt::Display for TermKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.id())
    }
}

impl PartialEq<&str> for TermKind {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl PartialEq<String> for TermKind {
    fn eq(&self, other: &String) -> bool {
        self.id() == other
    }
}

/// One key term of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyTerm {
    /// Its kind (serialised as the id, "audit_notice", part of the CLI contract).
    pub kind: TermKind,
    /// The normalised value.
    pub value: TermValue,
    /// Index of the clause it comes from.
    pub clause: usize,
    /// The sentence it comes from, as written.
    pub quote: String,
    /// Byte offset of the quote in the document text.
    pub start: usize,
    /// End of the quote.
    pub end: usize,
}

fn re(pattern: &str) -> Regex {
    crate::boundary::cue_regex(&format!("(?i){}", as_run(pattern))).expect("valid key-term pattern")
}

/// A lexicon pattern as [`re`] runs it, without its `(?i)`.
fn as_run(pattern: &str) -> String {
    crate::boundary::fast_boundaries(&crate::boundary::loose_umlauts(&loose_diaeresis(pattern)))
}

/// Dutch texts typed without the diaeresis ("beeindiging", "categorieen") mean the same words:
/// a pattern's "ë" or "ï" also matches the plain letter.
fn loose_diaeresis(pattern: &str) -> String {
    pattern.replace('ë', "[eë]").replace('ï', "[iï]")
}

/// Identifies the key-term rules: their code and data, and the topics they read. A stored result
/// of another version is found again. The sources themselves are hashed, so no edit can forget
/// to change it.
pub fn terms_version() -> String {
    let analysis = crate::analysis_version();
    crate::version::version(
        "terms",
        [
            include_str!("terms.rs"),
            include_str!("parties.rs"),
            include_str!("values.rs"),
            include_str!("placeholders.rs"),
            include_str!("boundary.rs"),
            include_str!("../lexicon/terms.toml"),
            include_str!("../lexicon/values.toml"),
            analysis.as_str(),
        ],
    )
}

/// The cue words of `lexicon/terms.toml`, parsed once at start-up.
#[derive(serde::Deserialize)]
struct TermLexicon {
    /// Cue list name → language (or `all`) → entries.
    cues: std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<String>>>,
    courts: Courts,
    caps: Caps,
    frequency: Frequency,
    parties: PartyWords,
    exclusions: Vec<Exclusion>,
    laws: Vec<Law>,
}

#[derive(serde::Deserialize)]
struct Courts {
    places: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Caps {
    multiple_of_annual: Vec<String>,
    multiple_words: std::collections::BTreeMap<String, u32>,
}

#[derive(serde::Deserialize)]
struct Frequency {
    times_a_year: Vec<String>,
}

#[derive(serde::Deserialize)]
struct PartyWords {
    legal_forms: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Exclusion {
    kind: String,
    cues: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Law {
    country: String,
    cues: Vec<String>,
}

static LEXICON: LazyLock<TermLexicon> = LazyLock::new(|| {
    toml::from_str(include_str!("../lexicon/terms.toml"))
        .unwrap_or_else(|e| panic!("the built-in lexicon/terms.toml is invalid: {e}"))
});

/// One regex matching any of a cue list's entries.
fn any_of(entries: &[String]) -> Regex {
    re(&format!("(?:{})", entries.join("|")))
}

/// Every entry of one cue list, whatever its language: a contract's language does not decide
/// which words count (a German DPA quotes English terms, a Dutch one German ones).
fn cue_entries(name: &str) -> Vec<String> {
    let by_lang = LEXICON.cues.get(name).unwrap_or_else(|| panic!("lexicon/terms.toml lacks cues.{name}"));
    by_lang.values().flatten().cloned().collect()
}

fn cue(name: &str) -> Regex {
    any_of(&cue_entries(name))
}

macro_rules! cue {
    ($name:ident, $key:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| cue($key));
    };
}

static COURTS: LazyLock<Filtered<()>> =
    LazyLock::new(|| Filtered::new(LEXICON.courts.places.iter().map(|p| ((), p.clone())).collect()));

cue!(NOTICE, "notice");
cue!(OBJECTION, "objection");
cue!(BACKUP, "backup");
cue!(CLAIMS, "claims");
cue!(PRESCRIPTION, "prescription");
cue!(UNDUE_DELAY, "undue_delay");
cue!(REASONABLE_TIME, "reasonable_time");
pub(crate) static OBLIGATIONS: LazyLock<Regex> = LazyLock::new(|| cue("obligations"));
cue!(REASONABLE_NOTICE, "reasonable_notice");
cue!(ANNOUNCED, "announced");
cue!(STATUTORY_RETENTION, "statutory_retention");
cue!(MEASURES_REVIEW, "measures_review");
cue!(AUTHORITY, "authority");
cue!(ONCE_A_YEAR, "once_a_year");
cue!(COST, "cost");
cue!(AUDIT_WORD, "audit_word");
cue!(SUBPROCESSOR_WORD, "subprocessor_word");
cue!(BREACH_WORD, "breach_word");
cue!(SHARED, "shared");
cue!(REIMBURSE, "reimburse");
pub(crate) static CONTROLLER: LazyLock<Regex> = LazyLock::new(|| cue("controller"));
pub(crate) static PROCESSOR: LazyLock<Regex> = LazyLock::new(|| cue("processor"));
cue!(CHOICE, "choice");
cue!(RETURN, "return");
cue!(DELETE, "delete");
cue!(AUTHORISATION, "authorisation");
cue!(GENERAL, "general");
cue!(SPECIFIC, "specific");
cue!(TERMINATION, "termination");
cue!(LIABILITY_WORD, "liability_word");
cue!(RETAINED, "retained");
cue!(THEN, "then");
cue!(EXPORT, "export");
cue!(BACKUPS_INCLUDED, "backups_included");
cue!(STATUTE_ONLY, "statute_only");
cue!(DELETE_COPIES, "delete_copies");
cue!(UNLIMITED, "unlimited");
cue!(STATUTORY, "statutory");
cue!(BY_REFERENCE_ALONE, "by_reference_alone");
cue!(BY_REFERENCE, "by_reference");
cue!(FEES_BASIS, "fees_basis");
cue!(EXCLUSION_CONTEXT, "exclusion_context");
cue!(BACKREF, "backref");
cue!(NOTIFY, "notify");
cue!(GOVERNS, "governs");
cue!(AGREEMENT, "agreement");
cue!(WITHIN_NOTICE, "within_notice");
cue!(CANCEL_RIGHT, "cancel_right");
cue!(OTHER_ENDING, "other_ending");
cue!(DAMAGE_WORD, "damage_word");
cue!(EXCEPTION, "exception");
cue!(IF_GENERAL, "if_general");
cue!(ANNUAL_FEE, "annual_fee");

/// A notice word that names the point a period runs from ("30 days after notice").
static COUNTED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    let entries = cue_entries("counted_from");
    re(&format!(r"\b(?:{})(?:\s+(?:the|der|die|dem|den|la|il|le|de|het))?\s*$", entries.join("|")))
});

/// " (1)" after a number word.
static NUMBER_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" \(\d{1,3}\)").expect("valid number-in-parentheses pattern"));

/// "Twice a year" patterns; each names its count in a group "n".
static MULTIPLE_OF_ANNUAL: LazyLock<Vec<Regex>> =
    LazyLock::new(|| LEXICON.caps.multiple_of_annual.iter().map(|p| re(p)).collect());

static TIMES_A_YEAR: LazyLock<Vec<Regex>> =
    LazyLock::new(|| LEXICON.frequency.times_a_year.iter().map(|p| re(p)).collect());

/// A company name: capitalised words, then a legal form ("Kontorwerk Software GmbH").
pub(crate) static COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    let forms: Vec<String> = LEXICON
        .parties
        .legal_forms
        .iter()
        .map(|f| if f.ends_with(|c: char| c.is_alphanumeric()) { format!(r"{f}\b") } else { f.clone() })
        .collect();
    let pattern =
        format!(r"(?P<name>(?:(?:\p{{Lu}}[\p{{L}}\p{{N}}'-]*|&)\s+){{1,4}})(?:{})", forms.join("|"));
    Regex::new(&crate::boundary::fast_boundaries(&pattern)).expect("valid company pattern")
});

static EXCLUSION_RES: LazyLock<Vec<(&'static str, Regex)>> =
    LazyLock::new(|| LEXICON.exclusions.iter().map(|e| (e.kind.as_str(), any_of(&e.cues))).collect());

static LAW_RES: LazyLock<Filtered<&'static str>> = LazyLock::new(|| {
    Filtered::new(
        LEXICON.laws.iter().map(|l| (l.country.as_str(), format!("(?:{})", l.cues.join("|")))).collect(),
    )
});

/// Patterns tried in order behind a prefilter of their literals: most sentences hold none of
/// them, and one pass says so where one scan per pattern did (33 countries' laws, 9 courts).
/// A pattern is compiled the first time the prefilter lets a text through to it: most
/// countries' laws never come up in a library, and compiling them all cost an import of a
/// few files more than reading them.
struct Filtered<K> {
    filter: Prefilter,
    each: Vec<(K, String, std::sync::OnceLock<Regex>)>,
}

impl<K> Filtered<K> {
    fn new(patterns: Vec<(K, String)>) -> Filtered<K> {
        let run: Vec<String> = patterns.iter().map(|(_, p)| as_run(p)).collect();
        let filter = Prefilter::new(run.iter().map(String::as_str));
        let each = patterns.into_iter().map(|(k, p)| (k, p, std::sync::OnceLock::new())).collect();
        Filtered { filter, each }
    }

    /// The patterns, in order, that may match `text`: the others cannot.
    fn candidates(&self, text: &str) -> impl Iterator<Item = (&K, &Regex)> {
        self.each
            .iter()
            .zip(self.filter.may_match(text))
            .filter(|(_, may)| *may)
            .map(|(p, _)| Self::compiled(p))
    }

    /// Every pattern, compiled.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&K, &Regex)> {
        self.each.iter().map(Self::compiled)
    }

    fn keys(&self) -> impl Iterator<Item = &K> {
        self.each.iter().map(|(k, _, _)| k)
    }

    fn compiled((key, pattern, regex): &(K, String, std::sync::OnceLock<Regex>)) -> (&K, &Regex) {
        (key, regex.get_or_init(|| re(pattern)))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.each.len()
    }
}

/// The sentences of a clause: byte ranges ending at ". ", "; ", line breaks or the end.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Every mark that may end a sentence is ASCII: a byte scan finds them, and a byte after one
    // is a character boundary.
    for (i, &b) in bytes.iter().enumerate() {
        let boundary = b == b'\n'
            || (matches!(b, b'.' | b';' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
                && !(b == b'.' && ends_with_abbreviation(&text[start..i]))
                && !next_starts_lowercase(&text[i + 1..]));
        if boundary {
            push_sentence(text, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push_sentence(text, start, text.len(), &mut out);
    out
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if end - trail > start + lead {
        out.push((start + lead, end - trail));
    }
}

/// Every language's abbreviations (`lexicon/structure.toml`), in one list.
static ABBREVIATIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut all: Vec<&str> =
        crate::segment::WORDS.abbreviations.values().flatten().map(String::as_str).collect();
    all.sort_unstable();
    all.dedup();
    all
});

/// "Art.", "Abs.", "lit.", "z.B.", "d.h.", single letters: a dot that does not end a sentence.
fn ends_with_abbreviation(before: &str) -> bool {
    // "dall'art.": an elided article before the abbreviation.
    let last = before.rsplit(|c: char| c.is_whitespace() || "('’".contains(c)).next().unwrap_or("");
    let lower = last.to_lowercase();
    let dotted_letters = lower.contains('.') && lower.chars().all(|c| c.is_alphabetic() || c == '.');
    dotted_letters || lower.chars().count() == 1 || ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
}

fn next_starts_lowercase(after: &str) -> bool {
    after.trim_start().chars().next().is_some_and(char::is_lowercase)
}

/// Finds every key term in a document's clauses.
pub fn extract_terms(original: &[ClauseInput<'_>]) -> Vec<KeyTerm> {
    // A template's blanks offer values; only the agreed text sets them. Masking keeps offsets,
    // so quotes are still taken from the original.
    let masked: Vec<std::borrow::Cow<'_, str>> = original
        .iter()
        .map(|c| if c.title { std::borrow::Cow::Borrowed("") } else { mask_placeholders(c.text) })
        .collect();
    let clauses: Vec<Read<'_>> =
        original.iter().zip(&masked).map(|(c, text)| Read::new(ClauseInput { text, ..c.clone() })).collect();
    let clauses = &clauses[..];
    let mut terms = Vec::new();
    let mut push = |kind: TermKind, found: Option<(usize, (usize, usize), TermValue)>| {
        if let Some((clause, (s, e), value)) = found {
            let c = &original[clause];
            let quote = c.text[s..e].to_owned();
            terms.push(KeyTerm { kind, value, clause, quote, start: c.start + s, end: c.start + e });
        }
    };
    push(TermKind::LiabilityCap, liability_cap(clauses));
    push(TermKind::LiabilityExclusions, liability_exclusions(clauses));
    push(TermKind::ClaimsTimeLimit, claims_time_limit(clauses));
    push(TermKind::AuditNotice, audit_notice(clauses));
    // "Jährliche Überprüfung der TOM": the processor reviewing its own measures (Art. 32(1)(d))
    // is no audit by the controller.
    push(
        TermKind::AuditFrequency,
        find_in(clauses, "audit", |s| (!MEASURES_REVIEW.is_match(s)).then(|| audit_frequency(s)).flatten()),
    );
    let names = Parties::of(clauses.iter().map(|c| c.text));
    push(
        TermKind::AuditCosts,
        find_in(clauses, "audit", |s| is_sentence(s).then(|| audit_costs(s, &names)).flatten()),
    );
    push(TermKind::DeletionPeriod, deletion_period(clauses));
    push(TermKind::DeletionMode, deletion_mode_at_the_end(clauses));
    push(TermKind::BackupRetention, backup_retention(clauses));
    // "§ 5 Pflichten des Auftraggebers: … Datenpannen … unverzüglich zu melden" is the
    // controller's own duty, not the processor's notice to it.
    let processor_side: Vec<Read<'_>> = clauses
        .iter()
        .map(|c| {
            if controller_duties(c) {
                Read::new(ClauseInput { text: "", ..c.clause.clone() })
            } else {
                c.clone()
            }
        })
        .collect();
    push(TermKind::BreachNotice, breach_notice(&processor_side));
    push(TermKind::SubprocessorObjection, objection_period(clauses));
    push(TermKind::SubprocessorAuthorisation, find_in(clauses, "subprocessors", authorisation));
    // Outside a clause on governing law, a country's law only counts where a contract chooses
    // it ("unterliegt deutschem Recht"), not where it is merely named.
    let chosen_law =
        |s: &str| (GOVERNS.is_match(s) && AGREEMENT.is_match(s)).then(|| governing_law(s)).flatten();
    // A clause mainly on governing law may name the law alone ("Es gilt deutsches Recht.");
    // elsewhere a law counts only where it governs the agreement.
    let mainly_law = |c: &Read<'_>| c.topics.first().is_some_and(|t| t == "governing_law");
    // In a clause that deals with the law among other things ("§ 12 Haftung und
    // Schlussbestimmungen … Es gilt deutsches Recht."), a short sentence that applies a law
    // chooses it; a long one names a law for a case ("where Swiss law applies to a transfer").
    const CHOICE_WORDS: usize = 12;
    let also_law = |c: &Read<'_>| c.is_about("governing_law");
    // A semicolon ends the thought: "Es gilt deutsches Recht; Gerichtsstand ist …".
    let applied_law = |s: &str| {
        s.split(';').find_map(|part| {
            let short = part.split_whitespace().count() <= CHOICE_WORDS;
            (short && GOVERNS.is_match(part)).then(|| governing_law(part)).flatten()
        })
    };
    push(
        TermKind::GoverningLaw,
        first_sentence(clauses, mainly_law, governing_law)
            .or_else(|| first_sentence(clauses, also_law, applied_law))
            // Anywhere else, only in a clause that holds such a word at all: a sentence is
            // split out and read only there.
            .or_else(|| first_sentence(clauses, |c| GOVERNS.is_match(c.text), chosen_law)),
    );
    let names_court = |c: &Read<'_>| COURTS.candidates(c.text).any(|(_, r)| r.is_match(c.text));
    push(
        TermKind::Jurisdiction,
        find_in(clauses, "governing_law", jurisdiction)
            .or_else(|| first_sentence(clauses, names_court, jurisdiction)),
    );
    terms
}

type Found = Option<(usize, (usize, usize), TermValue)>;

/// The first sentence, in a clause of `topic` ("" = any clause), for which `value` says something.
fn find_in(clauses: &[Read<'_>], topic: &str, value: impl Fn(&str) -> Option<TermValue>) -> Found {
    find_in_any(clauses, &[topic], value)
}

/// Like [`find_in`], in clauses of any of `topics`. The topic is a preference, not a gate:
/// when no such clause says it, a sentence elsewhere may, if it names the topic itself
/// ("Vertragsende" clauses that set the deletion period, headings the lexicon does not know).
fn find_in_any(clauses: &[Read<'_>], topics: &[&str], value: impl Fn(&str) -> Option<TermValue>) -> Found {
    let of_topic =
        |c: &Read<'_>| topics.iter().any(|topic| topic.is_empty() || c.topics.iter().any(|t| t == topic));
    // A clause mainly about the topic says it before one that touches it in passing.
    let mainly = |c: &Read<'_>| c.topics.first().is_some_and(|t| topics.contains(&t.as_str()));
    let any_topic = topics.iter().any(|t| t.is_empty());
    (!any_topic)
        .then(|| first_sentence(clauses, |c| of_topic(c) && mainly(c), &value))
        .flatten()
        .or_else(|| first_sentence(clauses, of_topic, &value))
        .or_else(|| {
            let anchors: Vec<(usize, &Regex)> = topics.iter().filter_map(|t| topic_anchor(t)).collect();
            if anchors.is_empty() {
                return None;
            }
            // A clause that names the topic nowhere has no sentence that does: one scan of
            // the clause spares splitting and scanning each of its sentences.
            let names_topic = |c: &Read<'_>| anchors.iter().any(|&a| c.names(a));
            first_sentence(
                clauses,
                |c| !of_topic(c) && names_topic(c),
                |s| anchors.iter().any(|(_, a)| a.is_match(s)).then(|| value(s)).flatten(),
            )
        })
}

/// The first sentence, in clauses that pass `wanted`, for which `value` says something. A list
/// item is read together with the sentence that introduces its list ("Upon termination the
/// processor shall:" / "delete the data within 30 days"); the quote then runs from that line.
fn first_sentence(
    clauses: &[Read<'_>],
    wanted: impl Fn(&Read<'_>) -> bool,
    value: impl Fn(&str) -> Option<TermValue>,
) -> Found {
    for (i, c) in clauses.iter().enumerate().filter(|(_, c)| wanted(c)) {
        let spans = &c.sentences;
        let leads = lead_ins(c.text, spans);
        for (k, &(s, e)) in spans.iter().enumerate() {
            if let Some(v) = value(&c.text[s..e]) {
                return Some((i, (s, e), v));
            }
            if let Some((ls, le)) = leads[k].map(|l| spans[l]) {
                if let Some(v) = value(&format!("{} {}", &c.text[ls..le], &c.text[s..e])) {
                    return Some((i, (ls, e), v));
                }
            }
        }
    }
    None
}

/// For each sentence, the sentence ending in ':' that introduces the list it is an item of:
/// the block right after the lead-in and the lines that follow it without a blank line.
fn lead_ins(text: &str, spans: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut out = vec![None; spans.len()];
    let mut lead: Option<usize> = None;
    for k in 0..spans.len() {
        if let Some(l) = lead {
            let gap = &text[spans[k - 1].1..spans[k].0];
            let first_after_lead = l == k - 1;
            if first_after_lead || !gap.contains("\n\n") {
                out[k] = Some(l);
            } else {
                lead = None;
            }
        }
        if text[spans[k].0..spans[k].1].ends_with(':') {
            lead = Some(k);
        }
    }
    out
}

/// A sentence that takes its period from the one before it, in its clause or the clause
/// before ("10.1 … for 30 days an export … / 10.2 After this period the processor deletes"):
/// the first duration there, if the sentence names none itself and has `cue`.
fn period_from_before(clauses: &[Read<'_>], topics: &[&str], cue: &Regex) -> Found {
    let of_topic = |c: &Read<'_>| c.topics.iter().any(|t| topics.contains(&t.as_str()));
    let mut previous: Option<(usize, (usize, usize))> = None;
    for (i, c) in clauses.iter().enumerate() {
        for &(s, e) in &c.sentences {
            let sentence = &c.text[s..e];
            let refers = of_topic(c) && cue.is_match(sentence) && BACKREF.is_match(sentence);
            if refers && durations(sentence).is_empty() {
                if let Some((pi, (ps, pe))) = previous.filter(|(pi, _)| *pi + 1 >= i) {
                    let before = &clauses[pi].text[ps..pe];
                    if let Some(d) = durations(before).first() {
                        let span = if pi == i { (ps, e) } else { (s, e) };
                        return Some((i, span, duration_value(d)));
                    }
                }
            }
            if sentence.chars().any(char::is_alphabetic) {
                previous = Some((i, (s, e))); // not the "10.2." a clause opens with
            }
        }
    }
    None
}

/// The words that tie a sentence outside a topic's clauses to the topic.
fn topic_anchor(topic: &str) -> Option<(usize, &'static Regex)> {
    match topic {
        "audit" => Some((0, &AUDIT_WORD)),
        "subprocessors" => Some((1, &SUBPROCESSOR_WORD)),
        "breach_notification" => Some((2, &BREACH_WORD)),
        "liability" => Some((3, &LIABILITY_WORD)),
        "deletion_return" | "term_termination" => Some((4, &TERMINATION)),
        _ => None,
    }
}

/// How many regexes `topic_anchor` numbers.
const ANCHORS: usize = 5;

fn duration_value(d: &Duration) -> TermValue {
    TermValue::Duration { value: d.value, unit: d.unit, approx_days: d.approx_days, hedge: d.hedge.clone() }
}

/// The duration nearest to a `cue` word in its sentence, preferring its own comma-delimited
/// part: "once every twelve months, with 30 days' notice" gives the notice 30 days.
/// Only durations `keep` accepts count.
fn duration_near(clauses: &[Read<'_>], topic: &str, cue: &Regex, keep: fn(&str, &Duration) -> bool) -> Found {
    find_in(clauses, topic, |s| {
        let cues: Vec<(usize, usize)> = cue.find_iter(s).map(|m| (m.start(), m.end())).collect();
        // Without the cue there is nothing to be near (most sentences of a topic).
        if cues.is_empty() {
            return None;
        }
        // A comma or semicolon between cue and duration starts another thought.
        let distance = |d: &Duration| {
            let gap = |from: usize, to: usize| {
                let crossed = s.get(from..to).is_some_and(|between| between.contains([',', ';']));
                to.saturating_sub(from) + if crossed { 1000 } else { 0 }
            };
            cues.iter().map(|&(cs, ce)| if d.end <= cs { gap(d.end, cs) } else { gap(ce, d.start) }).min()
        };
        // "max 1/12 mesi", "einmal alle 12 Monate": a period that says how often is no notice.
        let how_often = frequency_spans(s);
        durations(s)
            .iter()
            .filter(|d| keep(s, d))
            .filter(|d| !how_often.iter().any(|&(fs, fe)| d.start < fe && fs < d.end))
            .filter_map(|d| Some((distance(d)?, d)))
            .min_by_key(|(gap, _)| *gap)
            .map(|(_, d)| duration_value(d))
    })
}

/// The time to bring a claim: said in the liability clause, or as prescription anywhere
/// ("Ansprüche verjähren innerhalb eines Jahres" among the final provisions), but not a period
/// the data is kept for until claims are time-barred.
fn claims_time_limit(clauses: &[Read<'_>]) -> Found {
    duration_near(clauses, "liability", &CLAIMS, |_, _| true).or_else(|| {
        duration_near(clauses, "", &PRESCRIPTION, |s, _| !RETAINED.is_match(s) && !DELETE.is_match(s))
    })
}

/// "60 dagen opzegrecht", "mit einer Frist von einem Monat … zu kündigen": a period to end the
/// contract, with the right to end it close after or before.
fn to_cancel(s: &str, d: &Duration) -> bool {
    const REACH: usize = 30;
    let after = &s[d.end..s.ceil_char_boundary(d.end + REACH)];
    let before = &s[s.floor_char_boundary(d.start.saturating_sub(REACH))..d.start];
    CANCEL_RIGHT.is_match(after) || CANCEL_RIGHT.is_match(before)
}

/// The notice before an audit: a period, else words alone ("nach angemessener Vorankündigung"),
/// else an audit said to be announced, with no period ("Kontrollen werden angekündigt").
fn audit_notice(clauses: &[Read<'_>]) -> Found {
    const NOTICE_IN_WORDS: TermValue = TermValue::Qualitative { qualitative: "reasonable notice" };
    duration_near(clauses, "audit", &NOTICE, |_, _| true)
        .or_else(|| find_in(clauses, "audit", |s| REASONABLE_NOTICE.is_match(s).then_some(NOTICE_IN_WORDS)))
        .or_else(|| {
            find_in(clauses, "audit", |s| {
                (AUDIT_WORD.is_match(s) && ANNOUNCED.is_match(s)).then_some(NOTICE_IN_WORDS)
            })
        })
}

/// Bytes after a mention of the supervisory authority within which a period is its deadline.
const AUTHORITY_REACH: usize = 30;

/// Whether the words between a period and the authority after it tie the one to the other
/// ("verso l'", "gegenüber der", "to the"): a few words and no punctuation, so that "innerhalb
/// von 24 Stunden, damit dieser die Aufsichtsbehörde …" keeps its period.
fn joins_to_authority(gap: &str) -> bool {
    const MAX_WORDS: usize = 3;
    gap.len() <= AUTHORITY_REACH
        && !gap.contains([',', ';', '.', ':', '(', ')'])
        && gap.split_whitespace().count() <= MAX_WORDS
}

/// Where the words of a match start: a pattern that begins with `(?:^|\W)` (see the
/// lexicon) also takes the character before the first word.
fn word_start(s: &str, start: usize) -> usize {
    match s[start..].chars().next() {
        Some(c) if !c.is_alphanumeric() && c != '_' => start + c.len_utf8(),
        _ => start,
    }
}

/// Where a sentence says how often ("once a year", "1/12 mesi").
fn frequency_spans(s: &str) -> Vec<(usize, usize)> {
    let once = ONCE_A_YEAR.find_iter(s).map(|m| (m.start(), m.end()));
    let times = TIMES_A_YEAR.iter().flat_map(|r| r.find_iter(s).map(|m| (word_start(s, m.start()), m.end())));
    once.chain(times).collect()
}

fn breach_notice(clauses: &[Read<'_>]) -> Found {
    let timed_notice = |notify: bool| {
        move |s: &str| {
            if notify && !NOTIFY.is_match(s) {
                return None;
            }
            // A period just after the supervisory authority, or just before it ("il proprio
            // termine di 72 ore verso l'autorità"), is the controller's deadline there.
            let for_authority = |d: &Duration| {
                AUTHORITY.find_iter(s).any(|a| {
                    // Not across a semicolon: "…gegenüber der Aufsichtsbehörde wahrt; spätestens
                    // binnen 36 Stunden" gives the processor's own period after it.
                    let after = a.end() <= d.start
                        && d.start - a.end() <= AUTHORITY_REACH
                        && !s[a.end()..d.start].contains(';');
                    let start = word_start(s, a.start());
                    after || (start >= d.end && joins_to_authority(&s[d.end..start]))
                })
            };
            durations(s)
                .iter()
                .filter(|d| !for_authority(d))
                .find(|d| matches!(d.unit, Unit::Hours | Unit::Days | Unit::WorkingDays))
                .map(duration_value)
        }
    };
    // The period to tell the controller, before any other period the clause names.
    let timed = find_in(clauses, "breach_notification", timed_notice(true))
        .or_else(|| find_in(clauses, "breach_notification", timed_notice(false)));
    // "in angemessener Frist" is weaker than "unverzüglich": another value, not the same words.
    let in_words = |s: &str| {
        if UNDUE_DELAY.is_match(s) {
            Some(TermValue::Qualitative { qualitative: "without undue delay" })
        } else {
            REASONABLE_TIME
                .is_match(s)
                .then_some(TermValue::Qualitative { qualitative: "within a reasonable time" })
        }
    };
    timed.or_else(|| find_in(clauses, "breach_notification", in_words))
}

/// Whether a clause stands under a heading on the controller's obligations ("Pflichten des
/// Auftraggebers", "Obblighi del Titolare") and not also the processor's.
fn controller_duties(c: &Read<'_>) -> bool {
    c.headings.iter().any(|h| names_controller_duties(h))
}

/// A sentence, not a heading: it ends like one, or is too long to be a title.
pub(crate) fn is_sentence(s: &str) -> bool {
    s.ends_with(['.', ';', ':', '!', '?']) || s.split_whitespace().count() >= 12
}

/// A clause's first line is its heading when more follows it and it is no sentence ("5 Rechten
/// van betrokkenen", not "Der Auftragnehmer verpflichtet sich:"). Returns where it ends.
pub(crate) fn heading_line(text: &str) -> Option<usize> {
    let end = text.find('\n')?;
    let title = !is_sentence(text[..end].trim_end());
    (title && !text[end..].trim().is_empty()).then_some(end)
}

/// A retention period for backups; "Deze worden 30 dagen bewaard" may follow the sentence naming the backups.
fn backup_retention(clauses: &[Read<'_>]) -> Found {
    for (i, c) in clauses.iter().enumerate() {
        let spans = &c.sentences;
        for (k, &(s, e)) in spans.iter().enumerate() {
            let sentence = &c.text[s..e];
            let here = BACKUP.is_match(sentence);
            let before = k > 0 && BACKUP.is_match(&c.text[spans[k - 1].0..spans[k - 1].1]);
            // A table row names the backups in one cell and their period in another.
            let table_row = here && sentence.contains(" | ");
            if !(here || before) || !(RETAINED.is_match(sentence) || table_row) {
                continue;
            }
            // "… gelöscht; back-ups worden na 90 dagen overschreven": the part on the backups.
            let scope = if here {
                sentence.split(';').find(|p| BACKUP.is_match(p)).unwrap_or(sentence)
            } else {
                sentence
            };
            if let Some(d) = durations(scope).first() {
                let from = if here { s } else { spans[k - 1].0 };
                return Some((i, (from, e), duration_value(d)));
            }
        }
    }
    None
}

/// Deletion at the end often sits under a termination heading ("Vertragsende", "Avtalets upphörande").
const END_OF_CONTRACT: &[&str] = &["deletion_return", "term_termination"];

fn deletion_period(clauses: &[Read<'_>]) -> Found {
    find_in_any(clauses, END_OF_CONTRACT, |s| {
        // Of "… alle gegevens verwijderd; back-ups worden na 90 dagen overschreven", the part on
        // the data: backups have a period of their own.
        let data = without_backups(s)?;
        let s = data.as_ref();
        if !ends_contract(s) || !DELETE.is_match(s) && !RETURN.is_match(s) {
            return None;
        }
        deletion_duration(s).as_ref().map(duration_value)
    })
    .or_else(|| period_from_before(clauses, END_OF_CONTRACT, &DELETE))
    .or_else(|| period_after_termination(clauses))
    .or_else(|| period_export_then_deleted(clauses))
    .or_else(|| period_among_items(clauses))
    .or_else(|| period_kept_then_deleted(clauses))
}

/// The parts of a sentence between its semicolons that do not name backups, or `None` when
/// every part does.
fn without_backups(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    // Backups deleted together with the data share the data's period.
    if !BACKUP.is_match(s) || BACKUPS_INCLUDED.is_match(s) {
        return Some(s.into());
    }
    let kept: Vec<&str> = s.split(';').filter(|p| !BACKUP.is_match(p)).collect();
    (!kept.is_empty()).then(|| kept.join(";").into())
}

/// Whether `s` names the end of the contract, not only the end of a membership or employment
/// ("ein Jahr nach Beendigung der Mitgliedschaft gelöscht").
fn ends_contract(s: &str) -> bool {
    let others: Vec<_> = OTHER_ENDING.find_iter(s).map(|m| m.range()).collect();
    TERMINATION.find_iter(s).any(|m| !others.iter().any(|o| o.start <= m.start() && m.end() <= o.end))
}

/// "Bestanden worden maximaal 1 uur bewaard na verwerking, daarna … verwijderd": where no end
/// of contract is named, how long a clause on deletion keeps the data before deleting it.
fn period_kept_then_deleted(clauses: &[Read<'_>]) -> Found {
    let on_deletion = |c: &Read<'_>| c.is_about("deletion_return");
    clauses.iter().enumerate().filter(|(_, c)| on_deletion(c)).find_map(|(i, c)| {
        c.sentences.iter().find_map(|&(s, e)| {
            let sentence = &c.text[s..e];
            let then_deleted =
                THEN.is_match(sentence) && DELETE.is_match(sentence) && !BACKUP.is_match(sentence);
            let d = deletion_duration(sentence).filter(|_| then_deleted)?;
            Some((i, (s, e), duration_value(&d)))
        })
    })
}

/// The first period of a sentence on deletion that is not what a retention duty keeps.
fn deletion_duration(s: &str) -> Option<Duration> {
    durations(s).into_iter().find(|d| !kept_by_law(s, d))
}

/// "… tenzij een wettelijke bewaarplicht (zoals de fiscale bewaartermijn van 7 jaar) anders
/// vereist": a period that a retention duty sets, just before it, is how long the data is kept
/// by law, not when it is deleted.
fn kept_by_law(s: &str, d: &Duration) -> bool {
    const REACH: usize = 40;
    let before = &s[s.floor_char_boundary(d.start.saturating_sub(REACH))..d.start];
    STATUTORY_RETENTION.is_match(before)
}

/// "Bij beëindiging: – alle persoonsgegevens retourneren of vernietigen – binnen 30 dagen na
/// beëindiging": in a clause about deletion, a period counted from the end is the deletion
/// period even when the deleting verb sits in another item of its list.
fn period_among_items(clauses: &[Read<'_>]) -> Found {
    clauses.iter().enumerate().find_map(|(i, c)| {
        let about_deletion = c.topics.first().is_some_and(|t| t == "deletion_return");
        if !about_deletion || !(DELETE.is_match(c.text) || RETURN.is_match(c.text)) {
            return None;
        }
        c.sentences.iter().find_map(|&(s, e)| {
            let item = &c.text[s..e];
            let counted_from_end = ends_contract(item) && !BACKUP.is_match(item) && !RETAINED.is_match(item);
            let d = deletion_duration(item).filter(|_| counted_from_end)?;
            Some((i, (s, e), duration_value(&d)))
        })
    })
}

/// "Alla fine dell'abbonamento il Titolare può scaricare … i suoi dati per [30] giorni. Poi il
/// Responsabile cancella il sito": a window at the end to take the data out, then deletion; the
/// window is when the data go.
fn period_export_then_deleted(clauses: &[Read<'_>]) -> Found {
    let on_deletion = |c: &Read<'_>| c.is_about("deletion_return");
    clauses.iter().enumerate().filter(|(_, c)| on_deletion(c)).find_map(|(i, c)| {
        c.sentences.windows(2).find_map(|pair| {
            let (window, then) = (&c.text[pair[0].0..pair[0].1], &c.text[pair[1].0..pair[1].1]);
            let taken_out = EXPORT.is_match(window) && ends_contract(window);
            let deleted = THEN.is_match(then) && DELETE.is_match(then);
            if !(taken_out && deleted) {
                return None;
            }
            let d = durations(window).into_iter().next()?;
            Some((i, (pair[0].0, pair[1].1), duration_value(&d)))
        })
    })
}

/// "Nach Beendigung … werden alle Daten gelöscht. Die Löschung erfolgt nach einer
/// Übergangsfrist von 30 Tagen.": the sentence before says when, this one how long.
fn period_after_termination(clauses: &[Read<'_>]) -> Found {
    let mut termination_before: Option<usize> = None;
    for (i, c) in clauses.iter().enumerate() {
        let about_deletion = c.topics.first().is_some_and(|t| t == "deletion_return");
        for &(s, e) in &c.sentences {
            let sentence = &c.text[s..e];
            let follows = termination_before.is_some_and(|at| at + 1 >= i);
            let deletes =
                (DELETE.is_match(sentence) || RETURN.is_match(sentence)) && !BACKUP.is_match(sentence);
            if about_deletion && follows && deletes && !TERMINATION.is_match(sentence) {
                if let Some(d) = deletion_duration(sentence) {
                    return Some((i, (s, e), duration_value(&d)));
                }
            }
            if TERMINATION.is_match(sentence) {
                termination_before = Some(i);
            }
        }
    }
    None
}

/// The days a controller has to object to a new sub-processor: said next to the objection,
/// or "within that period" after the notice, or, where the right to object follows a notice
/// period and names none of its own, that notice period, the only time there is to object.
fn objection_period(clauses: &[Read<'_>]) -> Found {
    objection_near(clauses)
        .or_else(|| period_from_before(clauses, &["subprocessors"], &OBJECTION))
        .or_else(|| objection_within_notice(clauses))
        // "a chance to object with at least 30 days' notice": one period for both.
        .or_else(|| duration_near(clauses, "subprocessors", &OBJECTION, |s, d| !to_cancel(s, d)))
        .or_else(|| objection_after_notice(clauses))
}

/// A duration next to the objection, not the notice period it follows: in "inform at least
/// 10 business days in advance, which allows Customer to object", the 10 days are notice.
fn objection_near(clauses: &[Read<'_>]) -> Found {
    find_in(clauses, "subprocessors", |s| {
        let near = |cue: &Regex, d: &Duration| {
            cue.find_iter(s)
                .filter(|m| {
                    !(std::ptr::eq(cue, &*NOTICE)
                        && COUNTED_FROM
                            .is_match(&s[s.floor_char_boundary(m.start().saturating_sub(24))..m.start()]))
                })
                .map(|m| if d.end <= m.start() { m.start() - d.end } else { d.start.saturating_sub(m.end()) })
                .min()
        };
        durations(s)
            .iter()
            .filter_map(|d| {
                let objection = near(&OBJECTION, d)?;
                let notice = near(&NOTICE, d).unwrap_or(usize::MAX);
                // "bij ongegrond bezwaar geldt 60 dagen opzegrecht": the period to end the contract.
                let cancel = near(&CANCEL_RIGHT, d).unwrap_or(usize::MAX);
                (objection < notice && objection <= cancel).then_some((objection, d))
            })
            .min_by_key(|(gap, _)| *gap)
            .map(|(_, d)| duration_value(d))
    })
}

/// "Die Kundenorganisation kann … innerhalb der Ankündigungsfrist widersprechen": the notice
/// period given before, in this clause or the one before it, is the time to object.
fn objection_within_notice(clauses: &[Read<'_>]) -> Found {
    let on_subprocessors = |c: &Read<'_>| c.is_about("subprocessors");
    for (i, c) in clauses.iter().enumerate().filter(|(_, c)| on_subprocessors(c)) {
        for &(s, e) in &c.sentences {
            let sentence = &c.text[s..e];
            let refers = OBJECTION.is_match(sentence) && WITHIN_NOTICE.is_match(sentence);
            if !refers || !durations(sentence).is_empty() {
                continue;
            }
            let before = (i.saturating_sub(1)..=i).filter(|&k| on_subprocessors(&clauses[k]));
            let notice = before.rev().find_map(|k| {
                let spans = clauses[k].sentences.iter().filter(|&&(_, pe)| k < i || pe <= s);
                spans.rev().find_map(|&(ps, pe)| {
                    let earlier = &clauses[k].text[ps..pe];
                    NOTICE.is_match(earlier).then(|| durations(earlier).into_iter().next()).flatten()
                })
            });
            if let Some(d) = notice {
                return Some((i, (s, e), duration_value(&d)));
            }
        }
    }
    None
}

fn objection_after_notice(clauses: &[Read<'_>]) -> Found {
    for (i, c) in clauses.iter().enumerate().filter(|(_, c)| c.is_about("subprocessors")) {
        let spans = &c.sentences;
        for pair in spans.windows(2) {
            let (before, after) = (&c.text[pair[0].0..pair[0].1], &c.text[pair[1].0..pair[1].1]);
            let notice = NOTICE.is_match(before) && SUBPROCESSOR_WORD.is_match(before);
            if notice && OBJECTION.is_match(after) && durations(after).is_empty() {
                if let Some(d) = durations(before).first() {
                    return Some((i, (pair[0].0, pair[1].1), duration_value(d)));
                }
            }
        }
    }
    None
}

/// How the data goes at the end: said with the end ("Nach Beendigung … löscht"), or in a
/// section whose own heading names the end ("8. Einde van de overeenkomst" over "Als de zaak
/// haar account verwijdert, verwijdert Loyi meteen de gegevens").
fn deletion_mode_at_the_end(clauses: &[Read<'_>]) -> Found {
    find_in_any(clauses, END_OF_CONTRACT, |s| {
        (is_sentence(s) && TERMINATION.is_match(s)).then(|| deletion_mode(s)).flatten()
    })
    .or_else(|| {
        let under_the_end = |c: &Read<'_>| {
            let own = heading_line(c.text).map(|end| &c.text[..end]);
            c.topics.iter().any(|t| END_OF_CONTRACT.contains(&t.as_str()))
                && own.or(c.headings.last().map(String::as_str)).is_some_and(|h| TERMINATION.is_match(h))
        };
        first_sentence(clauses, under_the_end, |s| is_sentence(s).then(|| deletion_mode(s)).flatten())
    })
}

fn deletion_mode(s: &str) -> Option<TermValue> {
    let (delete, ret) = (DELETE.is_match(s), RETURN.is_match(s));
    match (delete, ret, CHOICE.is_match(s)) {
        // Delete and return both on offer: the controller chooses (Art. 28(3)(g)), said or not.
        // "Returns the data and then deletes it" or "… and deletes existing copies": return is
        // the mode, deletion the clean-up.
        (true, true, false) if THEN.is_match(s) || DELETE_COPIES.is_match(s) => {
            Some(TermValue::Choice("return"))
        }
        (true, true, _) | (false, true, true) => Some(TermValue::Choice("controller_choice")),
        (false, true, false) => Some(TermValue::Choice("return")),
        (true, false, _) => Some(TermValue::Choice("delete")),
        _ => None,
    }
}

/// "Once a year", "zweimal pro Jahr", "högst två gånger per år". A count comes first, so
/// "zweimal jährlich" is twice, not the "jährlich" of once a year.
fn audit_frequency(s: &str) -> Option<TermValue> {
    // "en (1) gång per kalenderår": the digits repeat the word.
    let s = &*NUMBER_IN_PARENS.replace_all(s, "");
    let counted = TIMES_A_YEAR.iter().find_map(|r| r.captures(s)).and_then(|c| {
        let n = c.name("n")?.as_str().to_lowercase();
        n.parse().ok().or_else(|| number_word(&n)).filter(|&count| count > 0)
    });
    match counted {
        Some(count) => Some(TermValue::Frequency { count, per: "year" }),
        None => ONCE_A_YEAR.is_match(s).then_some(TermValue::Frequency { count: 1, per: "year" }),
    }
}

fn audit_costs(s: &str, names: &Parties) -> Option<TermValue> {
    // Paying the processor for its help is the controller bearing the cost, cost word or not.
    if REIMBURSE.is_match(s) && !SHARED.is_match(s) {
        return Some(TermValue::Choice("controller"));
    }
    if !COST.is_match(s) {
        return None;
    }
    if SHARED.is_match(s) {
        return Some(TermValue::Choice("shared"));
    }
    // The rule before its exception: "…, tenzij de audit een schending aantoont, in welk geval
    // Verwerker de kosten draagt" leaves the cost with the one named first.
    let s = EXCEPTION.find(s).map(|m| &s[..m.start()]).filter(|rule| COST.is_match(rule)).unwrap_or(s);
    let by_name = |names: &Option<Names>| names.as_ref().is_some_and(|n| n.in_text(s));
    let roles = match (CONTROLLER.is_match(s), PROCESSOR.is_match(s)) {
        (false, false) => (by_name(&names.controller), by_name(&names.processor)),
        said => said,
    };
    match roles {
        (true, false) => Some(TermValue::Choice("controller")),
        (false, true) => Some(TermValue::Choice("processor")),
        _ => None,
    }
}

fn authorisation(s: &str) -> Option<TermValue> {
    if !AUTHORISATION.is_match(s) || IF_GENERAL.is_match(s) {
        return None;
    }
    match (GENERAL.is_match(s), SPECIFIC.is_match(s)) {
        (true, false) => Some(TermValue::Choice("general")),
        (false, true) => Some(TermValue::Choice("specific")),
        _ => None, // Both or neither: the law's "specific or general", not a choice made.
    }
}

const FEES_PAID: &str = "fees paid in the last 12 months";

fn liability_cap(clauses: &[Read<'_>]) -> Found {
    // Every liability value needs a liability word in its own sentence, not just in the clause.
    let when = |test: &'static LazyLock<Regex>, value: TermValue| {
        let value = value.clone();
        move |s: &str| (LIABILITY_WORD.is_match(s) && test.is_match(s)).then(|| value.clone())
    };
    let amount = find_in(clauses, "liability", |s| {
        if !LIABILITY_WORD.is_match(s) {
            return None;
        }
        let basis = FEES_BASIS.is_match(s).then_some(FEES_PAID);
        money(s).first().map(|m| TermValue::Money { amount: m.amount, currency: m.currency, basis })
    });
    // A cap relative to the fees may be said of the damage alone ("directe schade tot maximaal de
    // jaarvergoeding"), in a liability clause.
    let relative = |s: &str| LIABILITY_WORD.is_match(s) || DAMAGE_WORD.is_match(s);
    amount
        .or_else(|| find_in(clauses, "liability", |s| relative(s).then(|| multiple_cap(s)).flatten()))
        .or_else(|| find_in(clauses, "liability", when(&FEES_BASIS, TermValue::Basis { basis: FEES_PAID })))
        .or_else(|| {
            find_in(clauses, "liability", |s| {
                (relative(s) && ANNUAL_FEE.is_match(s))
                    .then_some(TermValue::Multiple { multiple: 1, of: ANNUAL_VALUE })
            })
        })
        .or_else(|| find_in(clauses, "liability", when(&UNLIMITED, TermValue::Unlimited { unlimited: true })))
        .or_else(|| {
            find_in(clauses, "liability", when(&BY_REFERENCE, TermValue::ByReference { by_reference: true }))
        })
        .or_else(|| {
            find_in(clauses, "liability", |s| {
                BY_REFERENCE_ALONE.is_match(s).then_some(TermValue::ByReference { by_reference: true })
            })
        })
        .or_else(|| find_in(clauses, "liability", when(&STATUTORY, TermValue::Unlimited { unlimited: true })))
        .or_else(|| statute_under_a_liability_heading(clauses))
}

/// "11 Haftung / Nach Art. 82 DSGVO.": a sentence that only points to Art. 82, under a heading
/// that names liability, leaves liability as the law has it.
fn statute_under_a_liability_heading(clauses: &[Read<'_>]) -> Found {
    let on_liability = |c: &Read<'_>| c.is_about("liability");
    clauses.iter().enumerate().filter(|(_, c)| on_liability(c)).find_map(|(i, c)| {
        let own = heading_line(c.text).map(|end| &c.text[..end]);
        let heading = own.or(c.headings.last().map(String::as_str))?;
        if !LIABILITY_WORD.is_match(heading) {
            return None;
        }
        c.sentences.iter().find_map(|&(s, e)| {
            let sentence = c.text[s..e].trim();
            let body = own.and_then(|h| sentence.strip_prefix(h)).unwrap_or(sentence);
            STATUTE_ONLY.is_match(body.trim()).then_some((
                i,
                (s, e),
                TermValue::Unlimited { unlimited: true },
            ))
        })
    })
}

/// "das dreifache Jahresvolumen", "three times the annual fees": N times the annual value.
fn multiple_cap(s: &str) -> Option<TermValue> {
    let n = MULTIPLE_OF_ANNUAL.iter().find_map(|r| r.captures(s))?.name("n")?.as_str().to_lowercase();
    let multiple = n
        .parse()
        .ok()
        .or_else(|| LEXICON.caps.multiple_words.get(&n).copied())
        .or_else(|| number_word(&n))
        .filter(|&m| (1..=100).contains(&m))?;
    Some(TermValue::Multiple { multiple, of: ANNUAL_VALUE })
}

const ANNUAL_VALUE: &str = "annual contract value";

/// Exclusions across a liability clause; list lines after "… not liable for: " count too.
fn liability_exclusions(clauses: &[Read<'_>]) -> Found {
    for (i, c) in clauses.iter().enumerate() {
        if !c.is_about("liability") {
            continue;
        }
        let mut kinds: Vec<&'static str> = Vec::new();
        let mut span: Option<(usize, usize)> = None;
        let mut list_context = false;
        for &(s, e) in &c.sentences {
            let sentence = &c.text[s..e];
            let context = EXCLUSION_CONTEXT.is_match(sentence);
            if context || list_context {
                let found: Vec<&'static str> =
                    EXCLUSION_RES.iter().filter(|(_, r)| r.is_match(sentence)).map(|(k, _)| *k).collect();
                if !found.is_empty() {
                    kinds.extend(found.into_iter().filter(|k| !kinds.contains(k)).collect::<Vec<_>>());
                    span = Some(span.map_or((s, e), |(from, _)| (from, e)));
                }
            }
            if context && sentence.ends_with(':') {
                list_context = true;
            } else if context {
                list_context = false;
            }
        }
        if let Some(range) = span {
            kinds.sort_by_key(|k| EXCLUSION_RES.iter().position(|(name, _)| name == k));
            return Some((i, range, TermValue::List(kinds)));
        }
    }
    None
}

/// The countries whose law the rules can name (ISO 3166 codes), for those who name them.
pub fn law_countries() -> Vec<&'static str> {
    LAW_RES.keys().copied().collect()
}

fn governing_law(s: &str) -> Option<TermValue> {
    LAW_RES.candidates(s).find(|(_, r)| r.is_match(s)).map(|(&code, _)| TermValue::Country { country: code })
}

fn jurisdiction(s: &str) -> Option<TermValue> {
    for (_, pattern) in COURTS.candidates(s) {
        if let Some(c) = pattern.captures(s) {
            let place = c.name("place").or_else(|| c.name("place2"))?.as_str().trim_end_matches('.');
            return Some(TermValue::Place { place: place.to_owned() });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One clause per (topic, text); returns the terms found.
    fn terms(clauses: &[(&str, &str)]) -> Vec<KeyTerm> {
        let topics: Vec<Vec<String>> = clauses.iter().map(|(t, _)| vec![(*t).to_owned()]).collect();
        let inputs: Vec<ClauseInput<'_>> = clauses
            .iter()
            .zip(&topics)
            .map(|((_, text), topics)| ClauseInput { text, start: 0, topics, title: false, headings: &[] })
            .collect();
        extract_terms(&inputs)
    }

    fn value(found: &[KeyTerm], kind: &str) -> Option<serde_json::Value> {
        found.iter().find(|t| t.kind == kind).map(|t| serde_json::to_value(&t.value).unwrap())
    }

    #[test]
    fn a_value_knows_where_it_is_written_in_its_quote() {
        let found = terms(&[
            ("liability", "De totale aansprakelijkheid zal nooit meer bedragen dan €5.000."),
            (
                "breach_notification",
                "Verwerker informeert zonder onredelijke vertraging, waar mogelijk binnen 24 uur.",
            ),
            ("governing_law", "Geschillen worden voorgelegd aan de bevoegde rechter te Eindhoven."),
        ]);
        let written = |kind: &str| {
            let term = found.iter().find(|t| t.kind == kind).unwrap();
            term.value.span_in(&term.quote).map(|(a, b)| term.quote[a..b].to_owned())
        };
        assert_eq!(written("liability_cap").as_deref(), Some("€5.000"));
        assert_eq!(written("breach_notice").as_deref(), Some("24 uur"));
        assert_eq!(written("jurisdiction").as_deref(), Some("Eindhoven"));
    }

    #[test]
    fn the_dutch_alona_terms() {
        let found = terms(&[
            ("liability", "Artikel 8 Aansprakelijkheid\n\nDe totale aansprakelijkheid zal nooit meer bedragen dan €5.000.\nVerwerker is nooit aansprakelijk voor gevolgschade, waaronder mede begrepen zuivere vermogensschade, gederfde winst, en immateriële schade.\nIeder vordering tot schadevergoeding jegens Verwerker vervalt door het enkele verloop van zes (6) maanden na het ontstaan van de vordering."),
            ("audit", "Verwerkingsverantwoordelijke kan een audit laten uitvoeren, na een aankondiging van vijf (5) werkdagen."),
            ("breach_notification", "Verwerker informeert Verwerkingsverantwoordelijke zonder onredelijke vertraging, waar mogelijk binnen 24 uur."),
            ("governing_law", "Op deze overeenkomst is Nederlands recht van toepassing. Geschillen worden voorgelegd aan de bevoegde rechter te Eindhoven."),
        ]);
        assert_eq!(
            value(&found, "liability_cap").unwrap(),
            serde_json::json!({"amount": 5000.0, "currency": "EUR"})
        );
        assert_eq!(
            value(&found, "liability_exclusions").unwrap(),
            serde_json::json!([
                "lost_profit",
                "consequential_damage",
                "pure_economic_loss",
                "immaterial_damage"
            ])
        );
        assert_eq!(value(&found, "claims_time_limit").unwrap()["unit"], "months");
        assert_eq!(
            value(&found, "audit_notice").unwrap(),
            serde_json::json!({"value": 5, "unit": "working_days", "approx_days": 7.0})
        );
        let breach = value(&found, "breach_notice").unwrap();
        assert_eq!((breach["value"].as_u64(), breach["hedge"].as_str()), (Some(24), Some("waar mogelijk")));
        assert_eq!(value(&found, "governing_law").unwrap(), serde_json::json!({"country": "NL"}));
        assert_eq!(value(&found, "jurisdiction").unwrap(), serde_json::json!({"place": "Eindhoven"}));
        let quote = &found.iter().find(|t| t.kind == "liability_cap").unwrap().quote;
        assert_eq!(quote, "De totale aansprakelijkheid zal nooit meer bedragen dan €5.000.");
    }

    #[test]
    fn the_italian_terms_with_a_hedge_and_a_reference() {
        let found = terms(&[
            ("audit", "11.5 Il Cliente informerà il Fornitore in tempo utile (di solito con almeno due settimane di anticipo) di tutte le circostanze relative all’esecuzione dell’audit. Il Cliente può effettuare un audit per anno solare. Ulteriori audit vengono effettuati dietro rimborso dei costi e previa consultazione con il Fornitore."),
            ("liability", "La responsabilità delle parti è disciplinata dal contratto principale."),
            ("subprocessors", "Il Cliente può opporsi entro 14 giorni dalla comunicazione di un nuovo sub-responsabile."),
            ("governing_law", "Il presente accordo è regolato dalla legge tedesca. Foro competente è quello di Monaco."),
        ]);
        let notice = value(&found, "audit_notice").unwrap();
        assert_eq!(
            (notice["value"].as_u64(), notice["unit"].as_str(), notice["hedge"].as_str()),
            (Some(2), Some("weeks"), Some("di solito"))
        );
        assert_eq!(value(&found, "audit_frequency").unwrap(), serde_json::json!({"count": 1, "per": "year"}));
        assert_eq!(value(&found, "audit_costs").unwrap(), "controller");
        assert_eq!(value(&found, "liability_cap").unwrap(), serde_json::json!({"by_reference": true}));
        assert_eq!(value(&found, "subprocessor_objection").unwrap()["value"], 14);
        assert_eq!(value(&found, "governing_law").unwrap(), serde_json::json!({"country": "DE"}));
        assert_eq!(value(&found, "jurisdiction").unwrap(), serde_json::json!({"place": "Monaco"}));
    }

    #[test]
    fn a_return_that_cleans_up_copies_is_a_return() {
        let found = terms(&[
            ("term_termination", "Nach Beendigung gibt der Auftragsverarbeiter alle Daten zurück und löscht vorhandene Kopien binnen eines Monats."),
            ("security", "Back-ups worden na uiterlijk drie maanden vernietigd."),
        ]);
        assert_eq!(value(&found, "deletion_mode").unwrap(), "return");
        assert_eq!(value(&found, "backup_retention").unwrap()["value"], 3);
        let either = terms(&[(
            "term_termination",
            "Nach Beendigung löscht der Auftragsverarbeiter alle Daten oder gibt sie nach Wahl des Kunden zurück.",
        )]);
        assert_eq!(value(&either, "deletion_mode").unwrap(), "controller_choice");
    }

    #[test]
    fn swedish_and_german_terms() {
        let found = terms(&[
            ("deletion_return", "När huvudavtalet upphör ska Biträdet, enligt Kundens val, radera eller återlämna alla personuppgifter inom 30 dagar. Säkerhetskopior raderas inom tre (3) månader."),
            ("subprocessors", "Biträdet får anlita underbiträden med Kundens allmänna skriftliga förhandstillstånd."),
            ("liability", "Biträdets sammanlagda ansvar enligt detta avtal är begränsat till 500 000 kronor."),
            ("governing_law", "Svensk lag ska tillämpas på avtalet. Tvister ska avgöras av Stockholms tingsrätt."),
        ]);
        assert_eq!(value(&found, "deletion_period").unwrap()["value"], 30);
        assert_eq!(value(&found, "deletion_mode").unwrap(), "controller_choice");
        assert_eq!(value(&found, "backup_retention").unwrap()["unit"], "months");
        assert_eq!(value(&found, "subprocessor_authorisation").unwrap(), "general");
        assert_eq!(
            value(&found, "liability_cap").unwrap(),
            serde_json::json!({"amount": 500000.0, "currency": "SEK"})
        );
        assert_eq!(value(&found, "governing_law").unwrap(), serde_json::json!({"country": "SE"}));
        assert_eq!(value(&found, "jurisdiction").unwrap(), serde_json::json!({"place": "Stockholm"}));

        let de = terms(&[
            ("breach_notification", "Der Auftragnehmer meldet Verletzungen unverzüglich, spätestens jedoch innerhalb von vierundzwanzig (24) Stunden."),
            ("liability", "Die Haftung ist unbegrenzt."),
            ("governing_law", "Es gilt das Recht der Bundesrepublik Deutschland. Gerichtsstand ist München."),
            ("subprocessors", "Der Einsatz weiterer Auftragsverarbeiter bedarf der vorherigen schriftlichen Genehmigung im Einzelfall."),
        ]);
        assert_eq!(value(&de, "breach_notice").unwrap()["value"], 24);
        assert_eq!(value(&de, "liability_cap").unwrap(), serde_json::json!({"unlimited": true}));
        assert_eq!(value(&de, "jurisdiction").unwrap(), serde_json::json!({"place": "München"}));
        assert_eq!(value(&de, "subprocessor_authorisation").unwrap(), "specific");
    }

    #[test]
    fn a_party_named_by_its_company_name() {
        let found = terms(&[
            ("", "Contratto per il trattamento dei dati – DataSicura S.r.l."),
            ("audit", "Le spese delle verifiche sono a carico di DataSicura."),
        ]);
        assert_eq!(value(&found, "audit_costs").unwrap(), serde_json::json!("processor"));
        let found = terms(&[
            ("", "Avtal mellan Kundbolaget AB (personuppgiftsansvarig) och Datavakt Sverige AB (biträde)."),
            ("audit", "Kostnaden för granskningen bärs av Kundbolaget."),
        ]);
        assert_eq!(value(&found, "audit_costs").unwrap(), serde_json::json!("controller"));
        let unnamed = terms(&[("audit", "Le spese delle verifiche sono a carico di DataSicura.")]);
        assert!(value(&unnamed, "audit_costs").is_none(), "an unknown name decides nothing");
    }

    #[test]
    fn the_notice_is_the_duration_next_to_the_notice_word() {
        let found = terms(&[(
            "audit",
            "Il Titolare può effettuare audit, non più di una volta ogni dodici mesi, con un preavviso scritto di almeno 30 giorni.",
        )]);
        assert_eq!(value(&found, "audit_notice").unwrap()["value"], 30);
        assert_eq!(value(&found, "audit_frequency").unwrap(), serde_json::json!({"count": 1, "per": "year"}));
    }

    #[test]
    fn a_relative_cap_with_a_ceiling_keeps_both() {
        let found = terms(&[(
            "liability",
            "De aansprakelijkheid van Verwerker is beperkt tot het bedrag dat Verwerkingsverantwoordelijke in het jaar voorafgaand aan de schade heeft betaald, met een maximum van EUR 50.000,-.",
        )]);
        assert_eq!(
            value(&found, "liability_cap").unwrap(),
            serde_json::json!({"amount": 50000.0, "currency": "EUR", "basis": "fees paid in the last 12 months"})
        );
    }

    #[test]
    fn what_is_not_stated_is_absent() {
        let found = terms(&[
            (
                "breach_notification",
                "Vi kommer att informera dig om varje personuppgiftsincident utan onödigt dröjsmål.",
            ),
            ("audit", "Du kan granska våra tekniska och organisatoriska skyddsåtgärder."),
            ("liability", "Parterna ansvarar för sina respektive åtaganden."),
        ]);
        assert_eq!(
            value(&found, "breach_notice").unwrap(),
            serde_json::json!({"qualitative": "without undue delay"})
        );
        for kind in ["audit_notice", "audit_frequency", "liability_cap", "governing_law", "deletion_period"] {
            assert!(value(&found, kind).is_none(), "{kind} must be absent");
        }
        let statutory = terms(&[("liability", "Parterna ansvarar enligt lag.")]);
        assert_eq!(value(&statutory, "liability_cap").unwrap(), serde_json::json!({"unlimited": true}));
        let none = terms(&[(
            "audit",
            "11.3 Die Inspektion erfolgt nach Absprache gemäß Art. 28 Abs. 3 lit. h DSGVO.",
        )]);
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn a_period_a_retention_duty_keeps_is_no_deletion_period_in_any_reading() {
        // In a list of duties on deletion (period_among_items), as in one sentence.
        for text in [
            "Nach Beendigung der Auftragsverarbeitung löscht oder gibt der Auftragsverarbeiter alle Daten zurück — mit Ausnahme gesetzlicher Aufbewahrungspflichten (Rechnungen: 10 Jahre, § 147 AO).",
            "Na beëindiging verwijdert Verwerker alle gegevens, behalve waar een wettelijke bewaarplicht (facturen: 7 jaar) geldt.",
            "Vid avtalets upphörande raderas alla uppgifter, utom där lagringsskyldighet (bokföring: 7 år) gäller.",
            "Alla cessazione il Responsabile cancella tutti i dati, salvo obblighi di conservazione (fatture: 10 anni).",
        ] {
            assert_eq!(value(&terms(&[("deletion_return", text)]), "deletion_period"), None, "{text}");
        }
    }

    #[test]
    fn a_breach_the_controller_must_report_is_no_notice_to_the_controller() {
        let topics = vec!["breach_notification".to_owned()];
        for (heading, item) in [
            (
                "§ 5 Pflichten des Auftraggebers",
                "Datenpannen, die seinen Verantwortungsbereich betreffen, unverzüglich zu melden",
            ),
            (
                "Artikel 7 Verplichtingen van de Verwerkingsverantwoordelijke",
                "datalekken in zijn eigen omgeving zonder onredelijke vertraging melden",
            ),
            (
                "7. Den personuppgiftsansvariges skyldigheter",
                "anmäla personuppgiftsincidenter i sin egen miljö utan onödigt dröjsmål",
            ),
            (
                "Art. 7 Obblighi del Titolare",
                "notificare senza ingiustificato ritardo le violazioni nel proprio ambito",
            ),
        ] {
            let headings = vec![heading.to_owned()];
            let clause =
                ClauseInput { text: item, start: 0, topics: &topics, title: false, headings: &headings };
            assert_eq!(value(&extract_terms(&[clause]), "breach_notice"), None, "{heading}");
        }
        // Under the processor's obligations it is the notice.
        let headings = vec!["§ 4 Pflichten des Auftragnehmers".to_owned()];
        let item = "Datenpannen unverzüglich an den Auftraggeber zu melden";
        let clause = ClauseInput { text: item, start: 0, topics: &topics, title: false, headings: &headings };
        assert_eq!(
            value(&extract_terms(&[clause]), "breach_notice"),
            Some(serde_json::json!({"qualitative": "without undue delay"}))
        );
    }

    #[test]
    fn a_law_chosen_before_a_semicolon_among_final_provisions_is_the_governing_law() {
        let topics = vec!["severability".to_owned(), "governing_law".to_owned()];
        for (text, country) in [
            ("Sollte eine Bestimmung unwirksam sein, bleibt der Rest wirksam. Es gilt deutsches Recht; ausschließlicher Gerichtsstand ist – soweit gesetzlich zulässig – der Sitz des Auftragsverarbeiters.", "DE"),
            ("Is een bepaling nietig, dan blijft de rest van kracht. Nederlands recht is van toepassing; geschillen worden exclusief voorgelegd aan de bevoegde rechter in de vestigingsplaats van Verwerker.", "NL"),
            ("Om en bestämmelse är ogiltig gäller resten. Svensk lag ska tillämpas; tvister ska avgöras av allmän domstol på leverantörens hemort i första instans.", "SE"),
        ] {
            let found = extract_terms(&[ClauseInput { text, start: 0, topics: &topics, title: false, headings: &[] }]);
            assert_eq!(value(&found, "governing_law"), Some(serde_json::json!({"country": country})), "{text}");
        }
    }

    #[test]
    fn an_audit_announced_without_a_period_is_a_notice_in_words() {
        for text in [
            "Inspektionen vor Ort werden dem Auftragnehmer angekündigt.",
            "Een audit wordt door de klant bij de verwerker aangekondigd.",
            "Granskning ska aviseras till leverantören.",
            "Le verifiche sono preannunciate al Responsabile.",
        ] {
            let found = terms(&[("audit", text)]);
            assert_eq!(
                value(&found, "audit_notice"),
                Some(serde_json::json!({"qualitative":"reasonable notice"})),
                "{text}"
            );
        }
        // Saying beforehand is not announcing: the costs of an audit agreed first are no notice.
        for text in [
            "Der Auftraggeber kann Kontrollen durchführen; die Kosten sind vorab zu vereinbaren.",
            "De klant mag een audit laten uitvoeren door een onafhankelijke deskundige.",
        ] {
            assert_eq!(value(&terms(&[("audit", text)]), "audit_notice"), None, "{text}");
        }
    }

    #[test]
    fn the_terms_lexicon_loads_whole() {
        // Forcing every static proves each cue list the rules name exists and compiles.
        let all: [&LazyLock<Regex>; 54] = [
            &NOTICE,
            &OBJECTION,
            &BACKUP,
            &CLAIMS,
            &UNDUE_DELAY,
            &ONCE_A_YEAR,
            &COST,
            &SHARED,
            &REIMBURSE,
            &CONTROLLER,
            &PROCESSOR,
            &CHOICE,
            &RETURN,
            &DELETE,
            &AUTHORISATION,
            &GENERAL,
            &SPECIFIC,
            &TERMINATION,
            &LIABILITY_WORD,
            &RETAINED,
            &UNLIMITED,
            &STATUTORY,
            &BY_REFERENCE_ALONE,
            &AUTHORITY,
            &BY_REFERENCE,
            &FEES_BASIS,
            &EXCLUSION_CONTEXT,
            &THEN,
            &DELETE_COPIES,
            &AUDIT_WORD,
            &SUBPROCESSOR_WORD,
            &BREACH_WORD,
            &BACKREF,
            &NOTIFY,
            &GOVERNS,
            &COUNTED_FROM,
            &AGREEMENT,
            &REASONABLE_NOTICE,
            &ANNOUNCED,
            &REASONABLE_TIME,
            &OBLIGATIONS,
            &STATUTORY_RETENTION,
            &MEASURES_REVIEW,
            &WITHIN_NOTICE,
            &CANCEL_RIGHT,
            &OTHER_ENDING,
            &DAMAGE_WORD,
            &EXCEPTION,
            &IF_GENERAL,
            &ANNUAL_FEE,
            &PRESCRIPTION,
            &EXPORT,
            &BACKUPS_INCLUDED,
            &STATUTE_ONLY,
        ];
        assert!(all.iter().all(|r| !r.as_str().is_empty()));
        assert_eq!(LEXICON.cues.len(), all.len(), "every cue list in terms.toml is used");
        assert_eq!(COURTS.len(), 9);
        assert!(TIMES_A_YEAR.iter().all(|r| r.capture_names().any(|n| n == Some("n"))));
        assert_eq!(EXCLUSION_RES.len(), 6);
        assert!(LAW_RES.keys().any(|code| *code == "NL"));
    }

    /// What each language has of the key-term cues, printed as a table (`cargo test -p
    /// concordia-legal term_cues_by_language -- --nocapture`). A list may leave a language to
    /// its `all` patterns (one pattern naming several languages); otherwise a gap fails.
    #[test]
    fn term_cues_by_language() {
        /// The key of a cue list's entries that name several languages in one pattern.
        const ALL_LANGUAGES: &str = "all";
        let langs = crate::LEXICON_LANGS.clone();
        println!(
            "{:20} {} {ALL_LANGUAGES}",
            "cue list",
            langs.iter().map(|l| format!("{l:>3}")).collect::<String>()
        );
        for (name, by_lang) in &LEXICON.cues {
            for lang in by_lang.keys() {
                assert!(
                    lang == ALL_LANGUAGES || langs.contains(&lang.as_str()),
                    "terms.toml cues.{name} names unknown language {lang}"
                );
            }
            let count = |l: &str| by_lang.get(l).map_or(0, Vec::len);
            let row: String = langs.iter().map(|l| format!("{:>3}", count(l))).collect();
            println!("{name:20} {row} {:>3}", count(ALL_LANGUAGES));
            for lang in langs.iter() {
                assert!(
                    count(lang) > 0 || count(ALL_LANGUAGES) > 0,
                    "terms.toml cues.{name} has no {lang} entry and no `{ALL_LANGUAGES}` pattern"
                );
            }
        }
    }

    #[test]
    fn sentences_do_not_split_at_abbreviations_or_numbers() {
        let text = "Gemäß Art. 32 Abs. 1 lit. b DSGVO gilt dies. Nächster Satz mit €5.000. Binnen 24 uur. Dat is z.B. zo.";
        let got: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            got,
            [
                "Gemäß Art. 32 Abs. 1 lit. b DSGVO gilt dies.",
                "Nächster Satz mit €5.000.",
                "Binnen 24 uur.",
                "Dat is z.B. zo."
            ]
        );
    }

    #[test]
    fn a_list_item_is_read_with_the_line_that_introduces_it() {
        let found = terms(&[(
            "deletion_return",
            "Alla cessazione del servizio il Responsabile:\n\n- consegna i dati in formato strutturato entro 15 giorni;\n- cancella definitivamente i dati entro 30 giorni.",
        )]);
        assert_eq!(value(&found, "deletion_period").unwrap()["value"], 30);
        let quote = &found.iter().find(|t| t.kind == "deletion_period").unwrap().quote;
        assert!(quote.starts_with("Alla cessazione") && quote.ends_with("entro 30 giorni."));
    }

    #[test]
    fn a_period_named_before_carries_into_after_this_period() {
        let found = terms(&[
            ("deletion_return", "10.1. Nach Beendigung stellt der Auftragnehmer für 30 Tage eine Export-Funktion bereit."),
            ("deletion_return", "10.2. Nach Ablauf dieser Frist löscht der Auftragnehmer alle Daten."),
            ("subprocessors", "De Verwerker meldt een nieuwe subverwerker minimaal 30 kalenderdagen vooraf. De klant kan binnen die termijn bezwaar maken."),
        ]);
        assert_eq!(value(&found, "deletion_period").unwrap()["value"], 30);
        let objection = value(&found, "subprocessor_objection").unwrap();
        assert_eq!((objection["value"].as_u64(), objection["unit"].as_str()), (Some(30), Some("days")));
    }

    #[test]
    fn a_right_to_object_after_a_notice_period_has_that_period() {
        let found = terms(&[(
            "subprocessors",
            "Biträdet ska meddela planerade förändringar av underbiträden minst 30 dagar i förväg. Den ansvarige har rätt att invända mot förändringar.",
        )]);
        assert_eq!(value(&found, "subprocessor_objection").unwrap()["value"], 30);
        let none = terms(&[("subprocessors", "Der Auftraggeber kann der Änderung widersprechen.")]);
        assert!(value(&none, "subprocessor_objection").is_none(), "absent stays absent");
    }

    #[test]
    fn the_period_to_notify_a_breach_comes_before_other_periods() {
        let found = terms(&[(
            "breach_notification",
            "| 0–4 timmar | Incident identifieras och isoleras. |\n| 0–24 timmar | Licenstagaren informeras om incident. |",
        )]);
        assert_eq!(value(&found, "breach_notice").unwrap()["value"], 24);
    }

    #[test]
    fn periods_in_tables_and_retention_words() {
        let found =
            terms(&[("security", "| Back-ups | Maximaal 30 dagen na verwijdering uit productieomgeving |")]);
        assert_eq!(value(&found, "backup_retention").unwrap()["value"], 30);
        let found = terms(&[("security", "Backup giornalieri cifrati con retention 30 giorni.")]);
        assert_eq!(value(&found, "backup_retention").unwrap()["value"], 30);
    }

    #[test]
    fn frequencies_with_the_number_repeated_in_digits() {
        let found = terms(&[(
            "audit",
            "Granskning får ske högst en (1) gång per kalenderår med 30 dagars förvarning.",
        )]);
        assert_eq!(value(&found, "audit_frequency").unwrap(), serde_json::json!({"count": 1, "per": "year"}));
        let found =
            terms(&[("audit", "Audit con preavviso di almeno 30 giorni e frequenza massima annuale.")]);
        assert_eq!(value(&found, "audit_frequency").unwrap(), serde_json::json!({"count": 1, "per": "year"}));
    }

    #[test]
    fn liability_left_to_another_agreement_or_to_the_law() {
        let heading_only = terms(&[(
            "liability",
            "12. Aansprakelijkheid\n\n- Conform AV/SLA; geen beperking bij opzet/grove schuld.",
        )]);
        assert_eq!(value(&heading_only, "liability_cap"), Some(serde_json::json!({"by_reference": true})));
        let by_reference = [
            "De aansprakelijkheid van Partijen wordt beheerst door de hoofd overeenkomst tussen Partijen.",
            "Ansvarsfördelning och eventuell ansvarsbegränsning enligt SaaS-avtalet gäller även för detta avtal.",
            "Die Haftung jeder Partei im Rahmen dieses AVV unterliegt den in der Vereinbarung festgelegten Beschränkungen.",
        ];
        for text in by_reference {
            let found = terms(&[("liability", text)]);
            assert_eq!(
                value(&found, "liability_cap"),
                Some(serde_json::json!({"by_reference": true})),
                "{text}"
            );
        }
        let statutory = [
            "16.1. Für die Haftung gelten die Regelungen des Art. 82 DSGVO.",
            "Ogni parte risponde dei danni causati dal proprio trattamento secondo quanto previsto dall'art. 82 GDPR.",
        ];
        for text in statutory {
            let found = terms(&[("liability", text)]);
            assert_eq!(
                value(&found, "liability_cap"),
                Some(serde_json::json!({"unlimited": true})),
                "{text}"
            );
        }
    }

    #[test]
    fn the_swedish_controller_is_no_liability() {
        // "Personuppgiftsansvarig" holds "ansvar"; beside "huvudavtalet" it made a cap by reference.
        let found = terms(&[(
            "",
            "Mellan: Föreningen (Personuppgiftsansvarig) och Leverantören (Personuppgiftsbiträde). \
             Detta avtal kompletterar huvudavtalet.",
        )]);
        assert_eq!(value(&found, "liability_cap"), None);
        let found = terms(&[("", "Leverantörens skadeståndsansvar regleras i huvudavtalet.")]);
        assert_eq!(value(&found, "liability_cap"), Some(serde_json::json!({"by_reference": true})));
    }

    #[test]
    fn a_slash_frequency_is_how_often_not_a_notice() {
        let found = terms(&[(
            "audit",
            "Il Titolare può effettuare audit (max 1/12 mesi), previo preavviso di 10 giorni.",
        )]);
        assert_eq!(value(&found, "audit_frequency").unwrap(), serde_json::json!({"count": 1, "per": "year"}));
        assert_eq!(value(&found, "audit_notice").unwrap()["value"], 10);
    }

    #[test]
    fn a_cap_of_so_many_times_the_annual_value_in_each_language() {
        let cases = [
            (
                "Die Haftungshöchstgrenze beträgt pro Schadensfall das dreifache Jahresvolumen des Vertrags.",
                3,
            ),
            ("Die Haftung ist auf das Doppelte der jährlichen Vergütung begrenzt.", 2),
            ("Each party's liability is limited to three times the annual fees paid under the Agreement.", 3),
            ("De aansprakelijkheid is beperkt tot twee keer de jaarlijkse vergoeding.", 2),
            ("Leverantörens ansvar är begränsat till tre gånger den årliga avgiften.", 3),
            ("La responsabilità è limitata a due volte il corrispettivo annuo.", 2),
            ("La responsabilità è limitata al triplo del corrispettivo annuo.", 3),
        ];
        for (text, n) in cases {
            let found = terms(&[("liability", text)]);
            assert_eq!(
                value(&found, "liability_cap"),
                Some(serde_json::json!({"multiple": n, "of": "annual contract value"})),
                "{text}"
            );
        }
        // A year that is no multiple: the 12-month fees stay a relative cap of their own.
        let fees = terms(&[(
            "liability",
            "Die Haftung ist auf die in den letzten 12 Monaten gezahlte Vergütung begrenzt.",
        )]);
        assert_eq!(value(&fees, "liability_cap").unwrap()["basis"], "fees paid in the last 12 months");
    }

    #[test]
    fn audit_costs_follow_the_rule_not_its_exception() {
        for text in [
            "De kosten van een audit komen voor rekening van de Opdrachtgever, tenzij blijkt dat de Verwerker tekortschiet, in welk geval de Verwerker de kosten draagt.",
            "Die Kosten der Prüfung trägt der Verantwortliche, es sei denn, die Prüfung deckt Verstöße des Auftragsverarbeiters auf.",
            "The controller bears the costs of the audit unless it reveals a material breach by the processor.",
        ] {
            let found = terms(&[("audit", text)]);
            assert_eq!(value(&found, "audit_costs"), Some(serde_json::json!("controller")), "{text}");
        }
    }

    #[test]
    fn an_italian_dpa_and_its_english_translation_give_the_same_values() {
        let pairs = [
            ("governing_law", "Si applica la legge italiana.", "Italian law applies."),
            (
                "liability",
                "I limiti di responsabilità pattuiti nel Contratto si applicano anche al presente atto.",
                "The liability caps agreed in the Contract also apply to this agreement.",
            ),
            (
                "deletion_return",
                "Alla cessazione del Contratto, a scelta del Titolare, il Responsabile cancella o restituisce i dati e cancella le copie.",
                "On termination of the Contract, at the Controller's written choice, the Processor deletes or returns the data and deletes existing copies.",
            ),
            (
                "subprocessors",
                "Il Titolare autorizza in via generale il ricorso ai sub-responsabili elencati.",
                "The Controller gives general authorisation for the use of the sub-processors listed.",
            ),
            ("audit", "Le verifiche ulteriori sono a spese del Titolare.", "Further audits are at the Controller's expense."),
        ];
        for (topic, it, en) in pairs {
            let (a, b) = (terms(&[(topic, it)]), terms(&[(topic, en)]));
            let values = |found: &[KeyTerm]| {
                found.iter().map(|t| (t.kind, serde_json::to_value(&t.value).unwrap())).collect::<Vec<_>>()
            };
            assert!(!a.is_empty(), "{it}");
            assert_eq!(values(&a), values(&b), "{it} / {en}");
        }
    }

    #[test]
    fn return_or_destruction_as_the_2010_clauses_word_it_in_german() {
        let text = "Bei Beendigung der Dienste werden je nach Wunsch des Auftraggebers alle Daten an ihn zurückgeschickt oder zerstört.";
        let found = terms(&[("deletion_return", text)]);
        assert_eq!(value(&found, "deletion_mode"), Some(serde_json::json!("controller_choice")));
    }

    /// Each Art. 28 requirement's statutory text, tagged as the topic tagger tags it, gives the
    /// same key terms in every language (the Dutch "een instructie inbreuk oplevert op deze
    /// verordening" had read as a breach notice).
    #[test]
    fn every_piece_of_the_regulation_gives_the_same_values_in_every_language() {
        use crate::checklist::{requirements, statute};
        for info in requirements() {
            let values = |lang: &str| {
                let text = statute(info.id, lang).expect("a statute text");
                let topics: Vec<String> = crate::topics::Lexicon::builtin()
                    .classify(lang, "", &[], &text)
                    .into_iter()
                    .map(|m| m.topic)
                    .collect();
                let inputs =
                    [ClauseInput { text: &text, start: 0, topics: &topics, title: false, headings: &[] }];
                extract_terms(&inputs)
                    .iter()
                    .map(|t| (t.kind, serde_json::to_value(&t.value).unwrap()))
                    .collect::<Vec<_>>()
            };
            let swedish = values("sv");
            for lang in ["de", "it", "nl"] {
                assert_eq!(values(lang), swedish, "{:?} in {lang}", info.id);
            }
        }
    }

    #[test]
    fn deleted_or_returned_is_the_controllers_choice() {
        let text = "Nach Beendigung des Auftrags werden alle Daten gelöscht oder zurückgegeben.";
        let found = terms(&[("deletion_return", text)]);
        assert_eq!(value(&found, "deletion_mode"), Some(serde_json::json!("controller_choice")));
    }

    /// Art. 28's own words give the same values in every language: a breach notice without
    /// undue delay, deletion or return as the controller chooses, and no choice between a
    /// specific and a general authorisation (the law names both; "in the case of a general
    /// authorisation" is its condition, not a choice).
    #[test]
    fn the_regulations_own_words_give_the_same_values_in_every_language() {
        use crate::checklist::{statute, Requirement};
        let cases = [
            (
                Requirement::BreachNotification,
                "breach_notification",
                "breach_notice",
                Some(serde_json::json!({"qualitative": "without undue delay"})),
            ),
            (
                Requirement::DeletionReturn,
                "deletion_return",
                "deletion_mode",
                Some(serde_json::json!("controller_choice")),
            ),
            (Requirement::SubprocessorAuthorisation, "subprocessors", "subprocessor_authorisation", None),
        ];
        for lang in ["sv", "de", "it", "nl"] {
            for (requirement, topic, kind, want) in &cases {
                let text = statute(*requirement, lang).expect("a statute text");
                assert_eq!(value(&terms(&[(topic, &text)]), kind), *want, "{lang} {kind}: {text}");
            }
        }
    }

    #[test]
    fn the_annual_fee_itself_as_the_cap_in_each_language() {
        let cases = [
            "Bij een inbreuk op de AVG door de leverancier: vergoeding van schade tot maximaal de jaarvergoeding.",
            "Die Haftung ist auf höchstens die Jahresvergütung aus dem Nutzungsvertrag begrenzt.",
            "Leverantörens skadeståndsansvar är begränsat till årsavgiften enligt huvudavtalet.",
            "La responsabilità del fornitore per i danni è limitata al canone annuo.",
            "The supplier's liability for damages is limited to the annual fee.",
        ];
        for text in cases {
            let found = terms(&[("liability", text)]);
            let want = serde_json::json!({"multiple": 1, "of": "annual contract value"});
            assert_eq!(value(&found, "liability_cap"), Some(want), "{text}");
        }
        // The annual fee named elsewhere than as a limit caps nothing.
        let none = terms(&[(
            "liability",
            "Die Jahresvergütung ist im Voraus fällig; die Haftung richtet sich nach dem Gesetz.",
        )]);
        assert_ne!(value(&none, "liability_cap").and_then(|v| v.get("multiple").cloned()), Some(1.into()));
    }

    #[test]
    fn a_liability_left_to_a_service_agreement_is_capped_there() {
        let found =
            terms(&[("liability", "Voor aansprakelijkheid gelden de regels van de service-overeenkomst.")]);
        assert_eq!(value(&found, "liability_cap"), Some(serde_json::json!({"by_reference": true})));
    }

    #[test]
    fn an_objection_within_the_notice_period_takes_that_period() {
        let found = terms(&[
            (
                "subprocessors",
                "(2) Neue Unterauftragnehmer kündigt der Anbieter mindestens 21 Tage vorher per E-Mail an.",
            ),
            (
                "subprocessors",
                "(3) Der Kunde kann innerhalb der Ankündigungsfrist schriftlich widersprechen.",
            ),
        ]);
        let days = value(&found, "subprocessor_objection").expect("an objection period");
        assert_eq!((days["value"].as_u64(), days["unit"].as_str()), (Some(21), Some("days")));
        let nl = terms(&[(
            "subprocessors",
            "De leverancier meldt een nieuwe subverwerker 4 weken vooraf. De klant kan binnen de aankondigingstermijn bezwaar maken.",
        )]);
        let weeks = value(&nl, "subprocessor_objection").expect("an objection period");
        assert_eq!((weeks["value"].as_u64(), weeks["unit"].as_str()), (Some(4), Some("weeks")));
    }

    #[test]
    fn the_days_before_a_change_are_its_notice_and_the_time_to_object() {
        for text in [
            "De verwerker verwittigt de klant 30 dagen voor het een subverwerker toevoegt. Een klant die bezwaar heeft, kan de dienst opzeggen.",
            "We tell the customer 30 days before we add a sub-processor. The customer may object.",
            "Wir informieren den Kunden 30 Tage vor dem Einsatz eines neuen Unterauftragsverarbeiters. Der Kunde kann widersprechen.",
            "Il fornitore informa il cliente 30 giorni prima di aggiungere un sub-responsabile. Il cliente può opporsi.",
            "Leverantören informerar kunden 30 dagar innan ett nytt underbiträde anlitas. Kunden har rätt att invända.",
        ] {
            let found = terms(&[("subprocessors", text)]);
            let days = value(&found, "subprocessor_objection").unwrap_or_else(|| panic!("{text}"));
            assert_eq!((days["value"].as_u64(), days["unit"].as_str()), (Some(30), Some("days")), "{text}");
        }
    }

    #[test]
    fn a_deletion_under_a_heading_on_the_end_is_the_deletion_at_the_end() {
        let text = "8. Einde van de overeenkomst\n\nAls de klant zijn account opheft, verwijdert de verwerker meteen alle gegevens.";
        let topics = ["deletion_return".to_owned()];
        let clause = ClauseInput { text, start: 0, topics: &topics, title: false, headings: &[] };
        let found = extract_terms(std::slice::from_ref(&clause));
        assert_eq!(value(&found, "deletion_mode"), Some(serde_json::json!("delete")));
        // A heading it stands under counts too.
        let end = ["8. Einde van de overeenkomst".to_owned()];
        let body = "Als de klant zijn account opheft, verwijdert de verwerker meteen alle gegevens.";
        let found = extract_terms(&[ClauseInput { text: body, headings: &end, ..clause.clone() }]);
        assert_eq!(value(&found, "deletion_mode"), Some(serde_json::json!("delete")));
        // Under a heading on something else, the same words say nothing of the end.
        let other =
            "8. Accounts\n\nAls de klant zijn account opheft, verwijdert de verwerker meteen alle gegevens.";
        let found = extract_terms(&[ClauseInput { text: other, ..clause }]);
        assert_eq!(value(&found, "deletion_mode"), None);
    }

    #[test]
    fn deletion_and_backups_in_one_sentence_each_keep_their_period() {
        for text in [
            "Uiterlijk zes weken na het einde van de overeenkomst worden alle gegevens verwijderd; back-ups worden na uiterlijk 90 dagen overschreven.",
            "Senast sex veckor efter avtalets upphörande raderas alla personuppgifter; säkerhetskopior skrivs över inom 90 dagar.",
            "Entro sei settimane dalla cessazione del contratto tutti i dati sono cancellati; le copie di backup sono sovrascritte entro 90 giorni.",
            "All data is deleted at the latest six weeks after the end of the agreement; backups are overwritten within 90 days.",
        ] {
            let found = terms(&[("deletion_return", text)]);
            let deletion = value(&found, "deletion_period").unwrap_or_else(|| panic!("{text}"));
            assert_eq!((deletion["value"].as_u64(), deletion["unit"].as_str()), (Some(6), Some("weeks")), "{text}");
            let backups = value(&found, "backup_retention").unwrap_or_else(|| panic!("{text}"));
            assert_eq!((backups["value"].as_u64(), backups["unit"].as_str()), (Some(90), Some("days")), "{text}");
        }
    }

    #[test]
    fn claims_time_barred_among_the_final_provisions_have_their_time_limit() {
        for text in [
            "Ansprüche aus diesem Vertrag verjähren innerhalb eines Jahres ab Kenntnis.",
            "Vorderingen uit deze overeenkomst verjaren na één jaar.",
            "Le pretese derivanti dal presente accordo si prescrivono in un anno.",
            "Krav enligt detta avtal ska framställas inom ett år.",
        ] {
            let found = terms(&[("governing_law", text)]);
            let limit = value(&found, "claims_time_limit").unwrap_or_else(|| panic!("{text}"));
            assert_eq!((limit["value"].as_u64(), limit["unit"].as_str()), (Some(1), Some("years")), "{text}");
        }
        // Data kept until claims are time-barred is a retention, not a time limit for claims.
        let kept = "Rechnungsdaten werden bis zum Ablauf der Verjährungsfrist von drei Jahren aufbewahrt.";
        assert_eq!(value(&terms(&[("deletion_return", kept)]), "claims_time_limit"), None);
    }

    #[test]
    fn a_german_genitive_and_objections_are_read() {
        let found = terms(&[
            ("breach_notification", "Der Anbieter informiert den Kunden binnen eines Werktages über jede Verletzung des Schutzes personenbezogener Daten."),
            ("subprocessors", "Über neue Unterauftragsverarbeiter informiert der Anbieter einen Monat im Voraus; Einwände sind innerhalb von zehn Werktagen zu erheben."),
        ]);
        let breach = value(&found, "breach_notice").expect("a breach notice");
        assert_eq!((breach["value"].as_u64(), breach["unit"].as_str()), (Some(1), Some("working_days")));
        let objection = value(&found, "subprocessor_objection").expect("an objection period");
        assert_eq!(
            (objection["value"].as_u64(), objection["unit"].as_str()),
            (Some(10), Some("working_days"))
        );
    }

    #[test]
    fn a_window_to_take_the_data_out_then_deletion_is_the_deletion_period() {
        let cases = [
            "Alla fine dell'abbonamento il Titolare può scaricare i suoi dati per [30] giorni. Poi il Responsabile cancella i dati.",
            "Nach Vertragsende kann der Kunde seine Daten 30 Tage lang exportieren. Danach löscht der Auftragsverarbeiter alle Daten.",
            "Na beëindiging kan de klant de gegevens 30 dagen downloaden. Daarna verwijdert Verwerker alle gegevens.",
            "Efter avtalets upphörande kan kunden exportera sina uppgifter i 30 dagar. Därefter raderar biträdet uppgifterna.",
            "After termination the customer may export its data for 30 days. Thereafter the processor deletes the data.",
        ];
        for text in cases {
            let found = terms(&[("deletion_return", text)]);
            let period = value(&found, "deletion_period").unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (period["value"].as_u64(), period["unit"].as_str()),
                (Some(30), Some("days")),
                "{text}"
            );
        }
        // No window named: nothing is made up.
        let none = terms(&[("deletion_return", "Der Kunde kann seine Daten jederzeit exportieren. Danach löscht der Auftragsverarbeiter alle Daten.")]);
        assert_eq!(value(&none, "deletion_period"), None);
    }

    #[test]
    fn a_liability_clause_that_only_points_to_article_82_is_the_law() {
        for text in [
            "11 Haftung\nNach Art. 82 DSGVO. Im Innenverhältnis haftet jede Partei für die Verstöße, die sie zu vertreten hat.",
            "12 Aansprakelijkheid\nConform artikel 82 AVG. Iedere partij draagt de eigen schade.",
            "9 Liability\nUnder Article 82 GDPR. Each party bears its own breaches.",
        ] {
            let found = terms(&[("liability", text)]);
            assert_eq!(value(&found, "liability_cap"), Some(serde_json::json!({"unlimited": true})), "{text}");
        }
        // Art. 82 named in passing caps nothing and sets no law.
        let passing = terms(&[(
            "liability",
            "11 Haftung\nDie Parteien verhandeln nach Art. 82 DSGVO über jeden Schaden und einigen sich.",
        )]);
        assert_eq!(value(&passing, "liability_cap"), None);
    }

    #[test]
    fn backups_deleted_with_the_data_share_its_period() {
        let cases = [
            "Nach Ende des Hauptvertrags: Export an den Verantwortlichen, danach Löschung aller Daten einschließlich Backups innerhalb von 30 Tagen.",
            "Na beëindiging verwijdert Verwerker alle gegevens inclusief back-ups binnen 30 dagen.",
            "Vid avtalets upphörande raderas alla uppgifter inklusive säkerhetskopior inom 30 dagar.",
            "Alla cessazione del contratto i dati, compresi i backup, sono cancellati entro 30 giorni.",
            "After termination all data including backups are deleted within 30 days.",
        ];
        for text in cases {
            let found = terms(&[("deletion_return", text)]);
            let period = value(&found, "deletion_period").unwrap_or_else(|| panic!("{text}"));
            assert_eq!(period["value"], 30, "{text}");
        }
        // Backups with a period of their own keep it apart.
        let apart = terms(&[(
            "deletion_return",
            "Nach Vertragsende werden alle Daten gelöscht; Backups werden nach 90 Tagen überschrieben.",
        )]);
        assert_ne!(value(&apart, "deletion_period").map(|v| v["value"].clone()), Some(90.into()));
    }

    #[test]
    fn a_column_named_expires_at_is_no_end_of_the_contract() {
        let found = terms(&[(
            "deletion_return",
            "Bezoekersprofielen: rollend 90 dagen vanaf het laatste bezoek; expires_at wordt bij elk bezoek ververst en verlopen rijen worden automatisch verwijderd. Na beëindiging worden de persoonsgegevens binnen [30] dagen verwijderd of geretourneerd.",
        )]);
        assert_eq!(value(&found, "deletion_period").unwrap()["value"], 30);
    }

    #[test]
    fn german_typed_without_umlauts_gives_the_same_terms() {
        let with = [
            ("audit", "Der Verantwortliche kann sich von der Einhaltung einmal jährlich überzeugen."),
            ("breach_notification", "Der Auftragnehmer meldet Verletzungen des Schutzes personenbezogener Daten unverzüglich, spätestens 24 Stunden nach Kenntnis."),
            ("governing_law", "Es gilt ausschließlich das Recht der Bundesrepublik Deutschland."),
        ];
        let spelled_out = crate::without_umlauts;
        for (topic, text) in with {
            let found = terms(&[(topic, text)]);
            assert!(!found.is_empty(), "{text}");
            let typed = spelled_out(text);
            let again = terms(&[(topic, typed.as_str())]);
            let values =
                |f: &[KeyTerm]| f.iter().map(|t| format!("{:?} {:?}", t.kind, t.value)).collect::<Vec<_>>();
            assert_eq!(values(&again), values(&found), "{typed}");
        }
    }

    #[test]
    fn a_breach_called_a_violation_of_security_is_a_breach() {
        let found = terms(&[(
            "breach_notification",
            "Der Auftragnehmer informiert den Auftraggeber unverzüglich, wenn ihm eine Verletzung der Sicherheit personenbezogener Daten bekannt wird.",
        )]);
        assert!(value(&found, "breach_notice").is_some_and(|v| v.get("qualitative").is_some()), "{found:?}");
    }

    #[test]
    fn a_multiple_of_the_annual_fee_in_one_word_or_before_a_compound_is_read() {
        for (text, want) in [
            ("De aansprakelijkheid van de verwerker bedraagt maximaal tweemaal de jaarlijkse vergoeding.", 2),
            ("Leverantörens ansvar är begränsat till tre gånger årsavgiften.", 3),
        ] {
            let found = terms(&[("liability", text)]);
            let cap = value(&found, "liability_cap").unwrap_or_else(|| panic!("{text}"));
            assert_eq!(cap["multiple"].as_u64(), Some(want), "{text}");
        }
    }

    #[test]
    fn handing_the_data_over_then_deleting_the_copies_is_a_return() {
        for text in [
            "Nach Ende des Auftrags übergibt der Anbieter dem Kunden sämtliche Daten und löscht anschließend alle Kopien.",
            "Na afloop van de opdracht draagt de verwerker alle gegevens over aan de klant en verwijdert daarna alle kopieën.",
            "Vid uppdragets slut ska leverantören återlämna alla uppgifter till kunden och därefter radera samtliga kopior.",
        ] {
            let found = terms(&[("deletion_return", text)]);
            assert_eq!(value(&found, "deletion_mode"), Some(serde_json::json!("return")), "{text}");
        }
    }

    #[test]
    fn liability_left_to_the_terms_of_use_is_set_there() {
        for text in [
            "De regels over aansprakelijkheid uit de gebruiksvoorwaarden gelden.",
            "Für die Haftung gelten die Nutzungsbedingungen.",
            "Ansvaret regleras i de allmänna villkor som gäller för tjänsten.",
        ] {
            let found = terms(&[("liability", text)]);
            assert_eq!(
                value(&found, "liability_cap"),
                Some(serde_json::json!({"by_reference": true})),
                "{text}"
            );
        }
    }

    #[test]
    fn a_period_to_end_the_contract_is_no_time_to_object() {
        for text in [
            "De klant kan bezwaar maken tegen een nieuwe subverwerker; bij een afgewezen bezwaar heeft de klant 90 dagen opzegrecht.",
            "Widerspricht der Kunde, kann er den Vertrag binnen 2 Monaten kündigen.",
        ] {
            let found = terms(&[("subprocessors", text)]);
            assert_eq!(value(&found, "subprocessor_objection"), None, "{text}");
        }
    }

    #[test]
    fn deleting_a_members_data_after_membership_is_no_deletion_after_the_contract() {
        let found = terms(&[(
            "deletion_return",
            "Die Kontodaten eines Nutzers werden sechs Monate nach Beendigung der Mitgliedschaft gelöscht.",
        )]);
        assert_eq!(value(&found, "deletion_period"), None);
        let contract = terms(&[(
            "deletion_return",
            "Die Kontodaten werden sechs Monate nach Beendigung des Vertrags gelöscht.",
        )]);
        assert_eq!(value(&contract, "deletion_period").unwrap()["value"], 6);
    }

    #[test]
    fn a_review_of_the_effectiveness_of_the_measures_is_no_audit_frequency() {
        let found = terms(&[(
            "audit",
            "Die Wirksamkeit wird durch Überprüfung der Wirksamkeit der TOM einmal jährlich bewertet.",
        )]);
        assert_eq!(value(&found, "audit_frequency"), None);
    }

    #[test]
    fn an_audit_on_so_many_days_opzegging_is_announced() {
        let found =
            terms(&[("audit", "Een inspectie ter plaatse vereist ten minste 20 werkdagen opzegging.")]);
        let notice = value(&found, "audit_notice").expect("a notice period");
        assert_eq!((notice["value"].as_u64(), notice["unit"].as_str()), (Some(20), Some("working_days")));
    }

    #[test]
    fn the_law_of_any_country_in_the_words_of_each_language() {
        let cases = [
            ("Dieser AVV unterliegt den Gesetzen Deutschlands.", "DE"),
            ("Auf diesen Vertrag findet österreichisches Recht Anwendung.", "AT"),
            ("Es gilt Schweizer Recht.", "CH"),
            ("This Agreement is governed by the laws of the State of Delaware.", "US"),
            ("Detta avtal ska tolkas och tillämpas i enlighet med svensk dataskyddslagstiftning.", "SE"),
            ("Il presente accordo è disciplinato dalla legge francese.", "FR"),
            ("Op deze overeenkomst is het recht van het Verenigd Koninkrijk van toepassing.", "GB"),
            ("Avtalet regleras av norsk lag.", "NO"),
        ];
        for (text, code) in cases {
            let found = terms(&[("governing_law", text)]);
            assert_eq!(value(&found, "governing_law"), Some(serde_json::json!({"country": code})), "{text}");
        }
        // Named, not chosen: German law as the source of a retention duty is no choice of law.
        let found = terms(&[(
            "deletion_return",
            "Daten, die nach deutschem Recht aufzubewahren sind, werden gesperrt.",
        )]);
        assert!(value(&found, "governing_law").is_none());
    }

    #[test]
    fn a_value_offered_in_a_template_blank_is_not_a_term() {
        let found = terms(&[(
            "deletion_return",
            "Vid avtalets upphörande raderas personuppgifterna inom [30/60/90 dagar – ANGE PERIOD].",
        )]);
        assert!(value(&found, "deletion_period").is_none());
    }

    #[test]
    fn calendar_days_are_days() {
        let found = terms(&[(
            "deletion_return",
            "Uiterlijk 30 kalenderdagen na het einde van de exporttermijn verwijdert de Verwerker alle Persoonsgegevens.",
        )]);
        let period = value(&found, "deletion_period").unwrap();
        assert_eq!((period["value"].as_u64(), period["unit"].as_str()), (Some(30), Some("days")));
    }

    /// Round 28: a period offered in a blank, and the controller's own deadline towards the
    /// authority written before it, are not the processor's notice.
    #[test]
    fn a_blank_or_the_controllers_deadline_is_no_breach_notice() {
        for text in [
            "Il Responsabile informa il Titolare senza ingiustificato ritardo (e comunque entro [es. 48 ore]) dalla conoscenza.",
            "Verwerker meldt een datalek zonder onredelijke vertraging en uiterlijk binnen [24/48] uur na ontdekking.",
            "Biträdet meddelar den personuppgiftsansvarige utan onödigt dröjsmål (senast inom [ex. 36 timmar]).",
            "Der Auftragnehmer meldet Verletzungen unverzüglich, spätestens binnen [24/48] Stunden.",
        ] {
            let found = terms(&[("breach_notification", text)]);
            assert_eq!(value(&found, "breach_notice").unwrap(), serde_json::json!({"qualitative": "without undue delay"}), "{text}");
        }
        for (text, hours) in [
            ("Il Responsabile notifica ogni violazione senza ingiustificato ritardo, in tempo utile perché il Titolare rispetti il proprio termine di 72 ore verso l'autorità di controllo.\nTermine operativo: entro 24 ore dalla conoscenza.", 24),
            ("Der Auftragnehmer meldet jede Datenschutzverletzung, damit der Auftraggeber seine Frist von 72 Stunden gegenüber der Aufsichtsbehörde wahrt; spätestens binnen 36 Stunden.", 36),
            ("Verwerker meldt een datalek zodat de verwerkingsverantwoordelijke de termijn van 72 uur bij de Autoriteit Persoonsgegevens haalt; uiterlijk binnen 48 uur.", 48),
            ("Biträdet underrättar om incidenten så att den ansvarige håller fristen på 72 timmar till Integritetsskyddsmyndigheten; senast inom 24 timmar.", 24),
            // The processor's own period, then why: it stays.
            ("Der Auftragnehmer meldet innerhalb von 24 Stunden, damit dieser die Aufsichtsbehörde informieren kann.", 24),
        ] {
            let found = terms(&[("breach_notification", text)]);
            let notice = value(&found, "breach_notice").unwrap_or_default();
            assert_eq!(notice["value"], hours, "{text}");
        }
    }

    #[test]
    fn the_customer_agreement_holds_the_cap() {
        for text in [
            "Ansvarsbegränsningen i Kundavtalet punkt 10 gäller även för detta avtal.",
            "Die Haftungsbegrenzung des Kundenvertrags gilt auch für diese Vereinbarung.",
            "La limitazione di responsabilità del contratto con il cliente si applica anche al presente accordo.",
            "De aansprakelijkheidsbeperking uit de klantovereenkomst geldt ook voor deze overeenkomst.",
            "The limitation of liability in the customer agreement applies to this DPA.",
        ] {
            let found = terms(&[("liability", text)]);
            assert_eq!(value(&found, "liability_cap"), Some(serde_json::json!({"by_reference": true})), "{text}");
        }
    }

    #[test]
    fn once_a_year_with_the_elided_article() {
        let found = terms(&[("audit", "Audit con preavviso di 30 giorni, non più di una volta l'anno.")]);
        assert_eq!(value(&found, "audit_frequency").unwrap(), serde_json::json!({"count": 1, "per": "year"}));
    }
}

/// Phrasings of each key term as contracts commonly write them, in our own words: a value each
/// must give, and sentences that must give none.
#[cfg(test)]
mod phrasings {
    use super::*;

    #[test]
    fn each_common_phrasing_gives_its_value() {
        let cases: &[(&str, &str, &str, serde_json::Value)] = &[
            ("breach_notification", "Der Auftragnehmer meldet dem Auftraggeber Verletzungen des Schutzes personenbezogener Daten binnen 48 Stunden nach Kenntniserlangung.", "breach_notice", serde_json::json!({"value":48,"unit":"hours"})),
            ("breach_notification", "Il Responsabile comunica al Titolare ogni violazione dei dati personali entro 24 ore da quando ne è venuto a conoscenza.", "breach_notice", serde_json::json!({"value":24,"unit":"hours"})),
            ("breach_notification", "Verwerker informeert Verwerkingsverantwoordelijke binnen 36 uur nadat hij een Datalek heeft ontdekt.", "breach_notice", serde_json::json!({"value":36,"unit":"hours"})),
            ("breach_notification", "Biträdet ska underrätta den Personuppgiftsansvarige om en personuppgiftsincident inom 24 timmar från det att incidenten upptäckts.", "breach_notice", serde_json::json!({"value":24,"unit":"hours"})),
            ("breach_notification", "Personuppgiftsbiträdet ska utan dröjsmål informera kunden om en personuppgiftsincident.", "breach_notice", serde_json::json!({"qualitative":"without undue delay"})),
            ("audit", "Der Auftraggeber kündigt Kontrollen mit einer Frist von mindestens 14 Tagen an.", "audit_notice", serde_json::json!({"value":14,"unit":"days"})),
            ("audit", "Le verifiche sono comunicate con un preavviso scritto di almeno 15 giorni lavorativi.", "audit_notice", serde_json::json!({"value":15,"unit":"working_days"})),
            ("audit", "Een audit wordt ten minste twee weken van tevoren aangekondigd.", "audit_notice", serde_json::json!({"value":2,"unit":"weeks"})),
            ("audit", "Granskning ska aviseras minst 30 dagar i förväg.", "audit_notice", serde_json::json!({"value":30,"unit":"days"})),
            ("audit", "Audits finden höchstens einmal pro Kalenderjahr statt.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Verwerkingsverantwoordelijke mag maximaal één keer per jaar een audit laten uitvoeren.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Revision får genomföras högst en gång per kalenderår.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Il Titolare può svolgere un audit non più di una volta all'anno.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("deletion_return", "Nach Vertragsende löscht der Auftragnehmer sämtliche Daten innerhalb von 90 Tagen.", "deletion_period", serde_json::json!({"value":90,"unit":"days"})),
            ("deletion_return", "Alla cessazione del contratto il Responsabile cancella i dati entro 60 giorni.", "deletion_period", serde_json::json!({"value":60,"unit":"days"})),
            ("deletion_return", "Na afloop van de Overeenkomst verwijdert Verwerker de persoonsgegevens binnen één maand.", "deletion_period", serde_json::json!({"value":1,"unit":"months"})),
            ("deletion_return", "Vid avtalets upphörande ska Biträdet radera personuppgifterna inom tre månader.", "deletion_period", serde_json::json!({"value":3,"unit":"months"})),
            ("subprocessors", "Der Auftraggeber kann einem neuen Unterauftragsverarbeiter innerhalb von 14 Tagen nach der Mitteilung widersprechen.", "subprocessor_objection", serde_json::json!({"value":14,"unit":"days"})),
            ("subprocessors", "Il Titolare può opporsi alla nomina di un nuovo sub-responsabile entro 10 giorni dalla comunicazione.", "subprocessor_objection", serde_json::json!({"value":10,"unit":"days"})),
            ("subprocessors", "Verwerkingsverantwoordelijke kan binnen 14 dagen bezwaar maken tegen een nieuwe Subverwerker.", "subprocessor_objection", serde_json::json!({"value":14,"unit":"days"})),
            ("subprocessors", "Kunden har rätt att invända mot ett nytt underbiträde inom 30 dagar.", "subprocessor_objection", serde_json::json!({"value":30,"unit":"days"})),
            ("governing_law", "Dieser Vertrag unterliegt dem Recht der Schweiz.", "governing_law", serde_json::json!({"country":"CH"})),
            ("governing_law", "Il presente accordo è disciplinato dalla legge italiana.", "governing_law", serde_json::json!({"country":"IT"})),
            ("governing_law", "Op deze overeenkomst is het Belgisch recht van toepassing.", "governing_law", serde_json::json!({"country":"BE"})),
            ("governing_law", "Detta avtal ska tolkas i enlighet med norsk rätt.", "governing_law", serde_json::json!({"country":"NO"})),
            ("liability", "Die Haftung ist auf einen Betrag von EUR 250.000 pro Vertragsjahr begrenzt.", "liability_cap", serde_json::json!({"amount":250000.0,"currency":"EUR"})),
            ("liability", "La responsabilità complessiva del Fornitore non potrà superare l'importo di 50.000 euro.", "liability_cap", serde_json::json!({"amount":50000.0,"currency":"EUR"})),
            ("liability", "Leverantörens ansvar är begränsat till 500 000 kronor.", "liability_cap", serde_json::json!({"amount":500000.0,"currency":"SEK"})),
            ("liability", "De aansprakelijkheid van Verwerker is beperkt tot het bedrag dat in de voorafgaande twaalf maanden is gefactureerd.", "liability_cap", serde_json::json!({"basis":"fees paid in the last 12 months"})),
            ("retention_backup", "Sicherungskopien werden nach 30 Tagen überschrieben.", "backup_retention", serde_json::json!({"value":30,"unit":"days"})),
            ("retention_backup", "I backup vengono conservati per 14 giorni e poi cancellati.", "backup_retention", serde_json::json!({"value":14,"unit":"days"})),
            ("retention_backup", "Back-ups worden 35 dagen bewaard.", "backup_retention", serde_json::json!({"value":35,"unit":"days"})),
            ("retention_backup", "Säkerhetskopior sparas i 90 dagar.", "backup_retention", serde_json::json!({"value":90,"unit":"days"})),
            ("breach_notification", "Spätestens jedoch innerhalb von zweiundsiebzig Stunden informiert der Auftragnehmer den Auftraggeber über jede Datenschutzverletzung.", "breach_notice", serde_json::json!({"value":72,"unit":"hours"})),
            ("breach_notification", "Een Datalek wordt uiterlijk binnen twee werkdagen aan Opdrachtgever gemeld.", "breach_notice", serde_json::json!({"value":2,"unit":"working_days"})),
            // Round 4: a unit written short or glued to its number, joint liability, a period the sentence before frames.
            ("breach_notification", "Personuppgiftsincident rapporteras utan onödigt dröjsmål, dock senast 36 h efter upptäckt.", "breach_notice", serde_json::json!({"value":36,"unit":"hours"})),
            ("breach_notification", "Verwerker meldt een Datalek binnen 24h aan Verwerkingsverantwoordelijke.", "breach_notice", serde_json::json!({"value":24,"unit":"hours"})),
            ("subprocessors", "Der Auftragsverarbeiter informiert den Verantwortlichen über geplante Änderungen. Der Verantwortliche hat ein 30-tägiges Widerspruchsrecht.", "subprocessor_objection", serde_json::json!({"value":30,"unit":"days"})),
            ("subprocessors", "Verwerkingsverantwoordelijke heeft een 14-daagse termijn om bezwaar te maken tegen een nieuwe Subverwerker.", "subprocessor_objection", serde_json::json!({"value":14,"unit":"days"})),
            ("liability", "Für Ansprüche des Betroffenen auf Schadensersatz haften Verantwortlicher und Auftragsverarbeiter als Gesamtschuldner.", "liability_cap", serde_json::json!({"unlimited":true})),
            ("liability", "Partijen zijn jegens betrokkenen hoofdelijk aansprakelijk voor schade.", "liability_cap", serde_json::json!({"unlimited":true})),
            ("deletion_return", "Nach Beendigung der Auftragsverarbeitung werden alle Daten gelöscht oder zurückgegeben. Die Löschung erfolgt nach einer Übergangsfrist von 30 Tagen.", "deletion_period", serde_json::json!({"value":30,"unit":"days"})),
            ("breach_notification", "En personuppgiftsincident ska anmälas till Kunden senast inom två bankdagar.", "breach_notice", serde_json::json!({"value":2,"unit":"working_days"})),
            ("breach_notification", "Il Fornitore notifica senza ritardo al Cliente qualsiasi violazione di dati personali.", "breach_notice", serde_json::json!({"qualitative":"without undue delay"})),
            ("audit", "Vor-Ort-Kontrollen sind mit einem Vorlauf von drei Wochen anzumelden.", "audit_notice", serde_json::json!({"value":3,"unit":"weeks"})),
            ("audit", "Inspecties vinden plaats na een aankondiging van ten minste 10 werkdagen.", "audit_notice", serde_json::json!({"value":10,"unit":"working_days"})),
            ("deletion_return", "Spätestens 30 Tage nach Beendigung des Vertrags werden alle Daten gelöscht.", "deletion_period", serde_json::json!({"value":30,"unit":"days"})),
            ("deletion_return", "Uiterlijk zes weken na beëindiging van de overeenkomst worden de gegevens vernietigd.", "deletion_period", serde_json::json!({"value":6,"unit":"weeks"})),
            ("deletion_return", "Senast 60 dagar efter avtalets upphörande ska samtliga personuppgifter raderas.", "deletion_period", serde_json::json!({"value":60,"unit":"days"})),
            ("deletion_return", "Entro trenta giorni dalla cessazione del servizio i dati sono cancellati.", "deletion_period", serde_json::json!({"value":30,"unit":"days"})),
            ("subprocessors", "Widerspruch gegen die Beauftragung ist binnen vier Wochen zulässig.", "subprocessor_objection", serde_json::json!({"value":4,"unit":"weeks"})),
            ("governing_law", "Es gilt ausschließlich österreichisches Recht.", "governing_law", serde_json::json!({"country":"AT"})),
            ("governing_law", "This Agreement is governed by the laws of Ireland.", "governing_law", serde_json::json!({"country":"IE"})),
            ("governing_law", "Avtalet ska regleras av dansk lag.", "governing_law", serde_json::json!({"country":"DK"})),
            ("liability", "Die Haftung des Auftragnehmers ist der Höhe nach auf 100.000 € begrenzt.", "liability_cap", serde_json::json!({"amount":100000.0,"currency":"EUR"})),
            ("liability", "De aansprakelijkheid is beperkt tot maximaal € 25.000 per gebeurtenis.", "liability_cap", serde_json::json!({"amount":25000.0,"currency":"EUR"})),
            // Round 5: how often written as a ceiling, notice in words only.
            ("audit", "Kontrollen finden nach angemessener Vorankündigung sowie nicht häufiger als alle 12 Monate statt.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Kontrollen finden nach angemessener Vorankündigung sowie nicht häufiger als alle 12 Monate statt.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Der Auftraggeber ist berechtigt, Kontrollen nach rechtzeitiger Anmeldung durchzuführen.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Granskning får ske efter skäligt varsel, dock inte oftare än en gång per år.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Granskning får ske efter skäligt varsel, dock inte oftare än en gång per år.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Een audit mag niet vaker dan eenmaal per twaalf maanden plaatsvinden, na redelijke aankondiging.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Gli audit si svolgono con ragionevole preavviso e non più di una volta ogni 12 mesi.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Gli audit si svolgono con ragionevole preavviso e non più di una volta ogni 12 mesi.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Audits may take place on reasonable prior notice, not more often than once per year.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("deletion_return", "Bei Beendigung hat der Auftragnehmer die Daten nach Wahl des Auftraggebers entweder zu vernichten oder an den Auftraggeber zu übergeben.", "deletion_mode", serde_json::json!("controller_choice")),
            // Round 6: the period in one item of a list, the deleting verb in another; a retention written "retentie".
            ("deletion_return", "9.1 Bij beëindiging:\nAlle persoonsgegevens retourneren of vernietigen\nBinnen 30 dagen na beëindiging", "deletion_period", serde_json::json!({"value":30,"unit":"days"})),
            ("security", "Backup: Dagelijkse backups met 30 dagen retentie", "backup_retention", serde_json::json!({"value":30,"unit":"days"})),
            // Round 7: the law of any EU/EEA state, an audit notice as "a reasonable notice period".
            ("governing_law", "Detta PUB-avtal regleras av dataskyddsförordningen samt, i tillämpliga delar, estnisk rätt.", "governing_law", serde_json::json!({"country":"EE"})),
            ("governing_law", "Es gilt portugiesisches Recht.", "governing_law", serde_json::json!({"country":"PT"})),
            ("governing_law", "Op deze overeenkomst is Tsjechisch recht van toepassing.", "governing_law", serde_json::json!({"country":"CZ"})),
            ("governing_law", "Il presente accordo è regolato dalla legge greca.", "governing_law", serde_json::json!({"country":"GR"})),
            ("governing_law", "This agreement is governed by the laws of Latvia.", "governing_law", serde_json::json!({"country":"LV"})),
            ("audit", "De klant mag de naleving controleren, met inachtneming van een redelijke opzegtermijn.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            // Round 8: a count written "1x", a backup period as "(30 Tage Aufbewahrung)".
            ("audit", "De Accountant mag BoekBrug controleren, maximaal 1x per jaar tijdens kantooruren.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Eens per jaar, of vaker bij een concrete aanleiding, kun je een audit laten uitvoeren.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Eens in de twaalf maanden mag de verwerkingsverantwoordelijke een controle uitvoeren.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            // Round 21: the end of the contract written as a verb.
            ("deletion_return", "Stopt de overeenkomst, dan ontvang je op verzoek een export en verwijderen we alles binnen drie maanden, behalve wat we wettelijk moeten bewaren (zoals facturen, zeven jaar).", "deletion_period", serde_json::json!({"value":3,"unit":"months"})),
            ("deletion_return", "Endet der Vertrag, löscht der Auftragsverarbeiter alle Daten binnen 60 Tagen.", "deletion_period", serde_json::json!({"value":60,"unit":"days"})),
            ("deletion_return", "When the agreement ends, the processor deletes all personal data within 45 days.", "deletion_period", serde_json::json!({"value":45,"unit":"days"})),
            ("security", "Tägliche automatische Backups (30 Tage Aufbewahrung)", "backup_retention", serde_json::json!({"value":30,"unit":"days"})),
            // Round 10: Dutch typed without the diaeresis.
            ("deletion_return", "Na beeindiging van het abonnement worden alle persoonsgegevens binnen 90 dagen verwijderd.", "deletion_period", serde_json::json!({"value":90,"unit":"days"})),
            // Round 11: notice as "announced in advance in writing".
            ("audit", "Wij verlenen medewerking aan een controle door de Klant, mits vooraf schriftelijk aangekondigd en binnen kantoortijden.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            // Round 13: a date agreed or announced first; data kept so long, then deleted.
            ("audit", "Vor-Ort-Kontrollen erfolgen nur bei konkretem Anlass und nach Ankündigung.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Een audit wordt vooraf afgestemd en veroorzaakt geen onredelijke verstoring.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "En revision ska vara i förväg överenskommen med Leverantören.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Le ispezioni si svolgono previo accordo con il Responsabile.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("deletion_return", "Bestanden worden maximaal 1 uur bewaard na verwerking, daarna automatisch verwijderd.", "deletion_period", serde_json::json!({"value":1,"unit":"hours"})),
            ("deletion_return", "Hochgeladene Dateien werden höchstens 24 Stunden gespeichert und danach gelöscht.", "deletion_period", serde_json::json!({"value":24,"unit":"hours"})),
            ("deletion_return", "Filerna sparas i högst 7 dagar och raderas därefter automatiskt.", "deletion_period", serde_json::json!({"value":7,"unit":"days"})),
            ("deletion_return", "I file sono conservati per 30 giorni e successivamente cancellati.", "deletion_period", serde_json::json!({"value":30,"unit":"days"})),
            // Round 14: liability left to the user agreement beside Art. 82; notice "with a reasonable period".
            ("liability", "Die Haftung im Verhältnis der Parteien richtet sich nach Art. 82 DSGVO und der Nutzungsvereinbarung.", "liability_cap", serde_json::json!({"by_reference":true})),
            ("liability", "De aansprakelijkheid van partijen wordt beheerst door artikel 82 AVG en de gebruiksovereenkomst.", "liability_cap", serde_json::json!({"by_reference":true})),
            ("liability", "La responsabilità delle parti è regolata dall'art. 82 GDPR e dal contratto di servizio.", "liability_cap", serde_json::json!({"by_reference":true})),
            ("liability", "Parternas ansvar regleras av artikel 82 GDPR och tjänsteavtalet.", "liability_cap", serde_json::json!({"by_reference":true})),
            ("audit", "Vor-Ort-Kontrollen sind mit angemessener Frist anzukündigen.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Inspecties worden met een redelijke termijn vooraf aangekondigd.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Granskning på plats ska meddelas skälig tid i förväg.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Le ispezioni sono comunicate con congruo anticipo.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            // Round 15: a breach told "within a reasonable time"; a period a retention duty keeps.
            ("breach_notification", "Der Auftragsverarbeiter meldet dem Verantwortlichen eine festgestellte Datenschutzverletzung in angemessener Frist.", "breach_notice", serde_json::json!({"qualitative":"within a reasonable time"})),
            ("breach_notification", "Verwerker meldt een datalek binnen een redelijke termijn aan de klant.", "breach_notice", serde_json::json!({"qualitative":"within a reasonable time"})),
            ("breach_notification", "Leverantören ska anmäla en personuppgiftsincident till kunden inom skälig tid.", "breach_notice", serde_json::json!({"qualitative":"within a reasonable time"})),
            ("breach_notification", "Il Responsabile comunica la violazione dei dati al Titolare entro un termine ragionevole.", "breach_notice", serde_json::json!({"qualitative":"within a reasonable time"})),
            // Round 18: the law chosen before a semicolon, among final provisions; a date agreed first.
            ("audit", "Vor-Ort-Kontrollen sind nach vorheriger Abstimmung zu üblichen Geschäftszeiten möglich.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Inspecties op locatie zijn mogelijk na voorafgaand overleg tijdens kantooruren.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Inspektioner på plats kan ske efter föregående samråd under kontorstid.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Le ispezioni in loco sono possibili previo coordinamento durante l'orario d'ufficio.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            // Round 23: an audit at a time the parties agree together is announced first.
            ("audit", "Op verzoek stelt Verwerker de Verwerkingsverantwoordelijke in staat de verwerkingen te controleren op een in gezamenlijk overleg nader te bepalen tijdstip.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Der Auftragnehmer ermöglicht Kontrollen zu einem einvernehmlich festzulegenden Zeitpunkt.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Biträdet ska möjliggöra granskningar vid en tidpunkt som parterna gemensamt kommer överens om.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "Il Responsabile consente verifiche in una data concordata tra le parti.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            ("audit", "The processor shall allow audits at a mutually agreed time.", "audit_notice", serde_json::json!({"qualitative":"reasonable notice"})),
            // Round 16: "once per 12-month period", as the English of the same DPA reads it.
            ("audit", "Eénmaal per periode van 12 maanden verstrekt Verwerker haar nalevingsdocumentatie in plaats van een audit.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Einmal pro Zeitraum von 12 Monaten stellt der Auftragsverarbeiter seine Nachweise anstelle einer Kontrolle bereit.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "En gång per tolvmånadersperiod tillhandahåller biträdet sin dokumentation i stället för en granskning.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
            ("audit", "Una volta per ogni periodo di 12 mesi il Responsabile fornisce la documentazione in luogo di un audit.", "audit_frequency", serde_json::json!({"count":1,"per":"year"})),
        ];
        let mut failed = Vec::new();
        for (topic, text, kind, want) in cases {
            let topics = vec![(*topic).to_owned()];
            let found = extract_terms(&[ClauseInput {
                text,
                start: 0,
                topics: &topics,
                title: false,
                headings: &[],
            }]);
            let got = found.iter().find(|t| t.kind == *kind).map(|t| serde_json::to_value(&t.value).unwrap());
            let ok = got.as_ref().is_some_and(|g| match want.as_object() {
                Some(fields) => fields.iter().all(|(k, v)| g.get(k) == Some(v)),
                None => g == want,
            });
            if !ok {
                failed.push(format!("{kind}: {text} → {got:?}"));
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn a_law_applied_in_a_clause_on_other_things_too_is_the_governing_law() {
        let topics = vec!["liability".to_owned(), "governing_law".to_owned()];
        let closing = "Es gilt Art. 82 DSGVO. Im Übrigen gelten die Haftungsregelungen des Hauptvertrags. Es gilt deutsches Recht.";
        let found = extract_terms(&[ClauseInput {
            text: closing,
            start: 0,
            topics: &topics,
            title: false,
            headings: &[],
        }]);
        let law =
            found.iter().find(|t| t.kind == "governing_law").map(|t| serde_json::to_value(&t.value).unwrap());
        assert_eq!(law, Some(serde_json::json!({"country": "DE"})));
        // A law named for a case in a long sentence is no choice of law.
        let topics = vec!["international_transfers".to_owned(), "governing_law".to_owned()];
        let text = "Per i trasferimenti di dati personali al cui carattere internazionale si applica la legge svizzera, i riferimenti al GDPR sono modificati.";
        let found =
            extract_terms(&[ClauseInput { text, start: 0, topics: &topics, title: false, headings: &[] }]);
        assert!(found.iter().all(|t| t.kind != "governing_law"));
        // Without the topic, a law merely named is no choice of law.
        let only_liability = vec!["liability".to_owned()];
        let found = extract_terms(&[ClauseInput {
            text: closing,
            start: 0,
            topics: &only_liability,
            title: false,
            headings: &[],
        }]);
        assert!(found.iter().all(|t| t.kind != "governing_law"));
    }

    #[test]
    fn a_period_that_is_not_the_term_gives_no_value() {
        let cases: &[(&str, &str, &str)] = &[
            ("security", "Regelmäßige Sicherung der Daten mit einer maximalen Wiederherstellungszeit von 24 Stunden.", "backup_retention"),
            ("security", "Backups worden dagelijks gemaakt en versleuteld opgeslagen.", "backup_retention"),
            ("liability", "Jede Partei haftet für Schäden, die sie verursacht.", "liability_cap"),
            ("breach_notification", "Il Responsabile assiste il Titolare nella notifica all'Autorità entro 72 ore prevista dall'art. 33 GDPR.", "breach_notice"),
            ("governing_law", "Legge applicabile: [INDICARE – es. Legge italiana]", "governing_law"),
            ("deletion_return", "Na beëindiging van de overeenkomst verwijdert Domio alle persoonsgegevens, tenzij een wettelijke bewaarplicht (zoals de fiscale bewaartermijn van 7 jaar) anders vereist.", "deletion_period"),
            ("breach_notification", "De verwerkingsverantwoordelijke is zelf verantwoordelijk voor het melden aan de GBA binnen 72 uur indien vereist.", "breach_notice"),
            ("audit", "Jährliche Überprüfung der TOM und Aktualisierung dieses AVV.", "audit_frequency"),
            ("audit", "Jaarlijkse evaluatie van de beveiligingsmaatregelen.", "audit_frequency"),
            // Round 18: updating the measures is no audit either, in each language.
            ("audit", "Vierteljährliche Überprüfung der Subunternehmer-Verträge, jährliche Aktualisierung der TOM.", "audit_frequency"),
            ("audit", "Jaarlijkse actualisering van de maatregelen.", "audit_frequency"),
            ("audit", "Årlig uppdatering av säkerhetsåtgärderna.", "audit_frequency"),
            ("audit", "Aggiornamento annuale delle misure di sicurezza.", "audit_frequency"),
        ];
        let mut invented = Vec::new();
        for (topic, text, kind) in cases {
            let topics = vec![(*topic).to_owned()];
            let found = extract_terms(&[ClauseInput {
                text,
                start: 0,
                topics: &topics,
                title: false,
                headings: &[],
            }]);
            if let Some(t) = found.iter().find(|t| t.kind == *kind) {
                invented.push(format!("{kind}: {text} → {:?}", serde_json::to_value(&t.value).unwrap()));
            }
        }
        assert!(invented.is_empty(), "{}", invented.join("\n"));
    }
}
#[cfg(test)]
mod speed {
    /// Every cue list runs on the regex crate's fast engines: one `\b` that could stand beside
    /// a non-ASCII letter ("\w*\b", "s?\b") sends a whole list to the slow ones on every
    /// sentence (see `boundary.rs`). Write such an entry with its forms spelled out instead:
    /// `(?:kunden|kunde)\b` rather than `kunden?\b`.
    #[test]
    fn every_cue_list_keeps_to_fast_word_boundaries() {
        for (name, by_lang) in &super::LEXICON.cues {
            for entry in by_lang.values().flatten() {
                let fast = crate::boundary::fast_boundaries(&super::loose_diaeresis(entry));
                assert!(!fast.replace(r"(?-u:\b)", "").contains(r"\b"), "cues.{name}: {entry}");
            }
        }
    }

    #[test]
    fn every_key_term_pattern_runs_on_the_lazy_dfa() {
        use super::*;
        let cues: Vec<Regex> = LEXICON.cues.keys().map(|name| cue(name)).collect();
        let lists = [&*MULTIPLE_OF_ANNUAL, &*TIMES_A_YEAR, &cues];
        let mut all: Vec<&Regex> = lists.into_iter().flatten().collect();
        all.extend(EXCLUSION_RES.iter().map(|(_, r)| r).chain(LAW_RES.iter().map(|(_, r)| r)));
        all.extend(COURTS.iter().map(|(_, r)| r));
        all.extend([&*COMPANY, &*COUNTED_FROM, &*NUMBER_IN_PARENS]);
        crate::boundary::assert_lazy_dfa(all);
    }
}
