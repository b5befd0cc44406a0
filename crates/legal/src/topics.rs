//! DPA topics: which of the fixed taxonomy a clause is about, with the cues that decided it.
//!
//! The multilingual knowledge lives in `lexicon/topics/*.toml` (one file per
//! topic, cue words per language), embedded at build time and parsed once at
//! start-up. A cue is a word (`sekretess`), a prefix (`weisung*`), a suffix
//! or infix for compounds (`*kontrolle`, `*kontroll*`), alternatives of one
//! concept (`weiter*|ander* auftragsverarbeiter*`), or a phrase of such words;
//! `^` marks a word too ambiguous for running text, counted in headings only;
//! `!` marks an unambiguous term, enough on its own; `~` a word that counts only
//! next to a companion topic (below). Cues in the
//! clause's own heading weigh most, then its parent headings, then its body;
//! a reference to a topic's GDPR article counts too. A topic may name
//! `companions`: in a clause about one of them, a single body cue is enough
//! (a termination clause that says "delete" is about deletion).

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

const LEXICON_FILES: &[(&str, &str)] = &[
    ("subject_matter", include_str!("../lexicon/topics/subject_matter.toml")),
    ("data_categories", include_str!("../lexicon/topics/data_categories.toml")),
    ("instructions", include_str!("../lexicon/topics/instructions.toml")),
    ("confidentiality", include_str!("../lexicon/topics/confidentiality.toml")),
    ("security", include_str!("../lexicon/topics/security.toml")),
    ("subprocessors", include_str!("../lexicon/topics/subprocessors.toml")),
    ("data_subject_rights", include_str!("../lexicon/topics/data_subject_rights.toml")),
    ("assistance", include_str!("../lexicon/topics/assistance.toml")),
    ("breach_notification", include_str!("../lexicon/topics/breach_notification.toml")),
    ("deletion_return", include_str!("../lexicon/topics/deletion_return.toml")),
    ("retention_backup", include_str!("../lexicon/topics/retention_backup.toml")),
    ("audit", include_str!("../lexicon/topics/audit.toml")),
    ("international_transfers", include_str!("../lexicon/topics/international_transfers.toml")),
    ("authority_requests", include_str!("../lexicon/topics/authority_requests.toml")),
    ("liability", include_str!("../lexicon/topics/liability.toml")),
    ("indemnity", include_str!("../lexicon/topics/indemnity.toml")),
    ("governing_law", include_str!("../lexicon/topics/governing_law.toml")),
    ("term_termination", include_str!("../lexicon/topics/term_termination.toml")),
    ("precedence", include_str!("../lexicon/topics/precedence.toml")),
    ("amendments", include_str!("../lexicon/topics/amendments.toml")),
    ("severability", include_str!("../lexicon/topics/severability.toml")),
    ("definitions", include_str!("../lexicon/topics/definitions.toml")),
];

/// Bump when the scoring rules change; lexicon edits change the version by themselves.
const RULES_VERSION: &str = "topics-10";

/// Identifies the analysis (rules + lexicon contents): stored results from another version are redone.
pub fn analysis_version() -> String {
    crate::version::version(RULES_VERSION, LEXICON_FILES.iter().map(|(_, text)| *text))
}

/// Languages with cue lists: every language Concordia reads (`Lang::KNOWN`, the one list).
/// English cues apply to every clause (contracts borrow English terms).
pub static LEXICON_LANGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| concordia_text::Lang::KNOWN.iter().map(|l| l.code()).collect());

const OWN_HEADING: f32 = 3.0;
/// The section a clause sits in says what it is about, as much as two cues of its own.
const PARENT_HEADING: f32 = 2.0;
const BODY: f32 = 1.0;
/// Repeating one word is weaker evidence than two different cues: three times make a topic.
const BODY_REPEAT: f32 = 0.5;
const MAX_REPEATS: usize = 3;
const ARTICLE_REF: f32 = 2.0;
/// A topic needs at least this much evidence: one heading cue, or two body cues.
const THRESHOLD: f32 = 2.0;
/// A clause this short that names one topic is about it (see `classify`)…
const SHORT_CLAUSE_WORDS: usize = 40;
/// …when it says something: a shorter line names ("2. Löschung bei Ende des Vertrags."),
/// unless its words are long (German compounds: "Vertraulichkeitsverpflichtung aller
/// beteiligten Personen" is a duty in four words).
const SAYS_WORDS: usize = 6;
const SAYS_LETTERS: usize = 45;

/// How many of the first words are the clause's enumeration ("2 1", "b", "iv").
fn enumeration(words: &[&str]) -> usize {
    let digits = words.iter().take_while(|w| w.chars().all(|c| c.is_ascii_digit())).count();
    let letter =
        words.get(digits).is_some_and(|w| w.len() <= 3 && w.chars().all(|c| "ivxabcdefgh".contains(c)));
    digits + usize::from(letter && digits == 0)
}

#[derive(Deserialize)]
struct TopicFile {
    id: String,
    label: String,
    anchor: String,
    articles: Vec<u32>,
    #[serde(default)]
    companions: Vec<String>,
    #[serde(default)]
    duty: bool,
    cues: BTreeMap<String, Vec<String>>,
}

/// One topic of the taxonomy with its compiled cues.
#[derive(Debug)]
pub struct Topic {
    /// Stable id, part of the CLI contract ("audit").
    pub id: String,
    /// Human label.
    pub label: String,
    /// Where the topic is anchored (GDPR article or "contract").
    pub anchor: String,
    articles: Vec<u32>,
    /// Topics in whose clauses one body cue of this topic is enough.
    companions: Vec<String>,
    /// A processor's duty under Art. 28: one short sentence naming it is a clause about it.
    duty: bool,
    cues: Vec<(String, CuePattern)>,
}

/// A cue: a sequence of word patterns, with the language it belongs to.
#[derive(Debug)]
struct CuePattern {
    lang: String,
    words: Vec<WordPattern>,
    /// `^word`: too ambiguous in running text ("ansvar" is also "responsibility"); counts in headings only.
    heading_only: bool,
    /// `!word`: unambiguous ("subverwerker"): one mention in the body is enough.
    strong: bool,
    /// `~word`: evidence only in a clause about a companion topic ("namen" beside the subject matter).
    with_companion: bool,
    /// `+word`: evidence only beside other evidence of the same topic ("notify the controller"
    /// says a breach is reported only where a breach or incident is named too).
    supporting: bool,
}

/// One word of a cue: alternatives separated by `|`, each maybe with `*` wildcards.
#[derive(Debug)]
struct WordPattern {
    alternatives: Vec<(String, bool, bool)>,
}

impl WordPattern {
    fn parse(raw: &str) -> WordPattern {
        let alternatives = raw
            .split('|')
            .map(|alt| (alt.trim_matches('*').to_owned(), alt.ends_with('*'), alt.starts_with('*')))
            .collect();
        WordPattern { alternatives }
    }

    fn matches(&self, word: &str) -> bool {
        self.alternatives.iter().any(|(text, prefix, suffix)| match (suffix, prefix) {
            (false, false) => word == text,
            (false, true) => word.starts_with(text.as_str()),
            (true, false) => word.ends_with(text.as_str()),
            (true, true) => word.contains(text.as_str()),
        })
    }
}

/// A topic given to a clause, with the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicMatch {
    /// Topic id.
    pub topic: String,
    /// 0–1; grows with the evidence.
    pub confidence: f32,
    /// The cues found, strongest first ("heading: Haftung", "Art. 82", "haftet").
    pub cues: Vec<Cue>,
}

/// Where a cue was found: a clause's own words, or what its section says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueSource {
    /// The clause's own text (a lexicon cue or an article reference).
    Body,
    /// The clause's own heading.
    Heading,
    /// The heading of the section it sits in, not its own words.
    Section,
}

/// One piece of evidence for a topic: the cue as the lexicon writes it (or "Art. 33"), where it
/// was found, and through how many levels of items a section took it up ([`Lexicon::roll_up`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Where it was found.
    pub source: CueSource,
    /// 0 for the clause's own evidence; 1 when a section took it up from one of its items…
    pub from_items: u8,
    /// The cue as written.
    pub text: String,
}

impl Cue {
    fn new(source: CueSource, text: impl Into<String>) -> Cue {
        Cue { source, from_items: 0, text: text.into() }
    }

    /// Found in the clause's own heading.
    pub fn in_own_heading(&self) -> bool {
        self.from_items == 0 && self.source == CueSource::Heading
    }

    /// Only its section's heading says it.
    pub fn only_from_section(&self) -> bool {
        self.from_items == 0 && self.source == CueSource::Section
    }

    /// Taken up from an item by the section.
    pub fn taken_up(&self) -> bool {
        self.from_items > 0
    }

    /// Reads a cue back as [`Cue`]'s `Display` writes it ("item: heading: kontrolle*"): the
    /// store keeps cues as that text.
    pub fn parse(written: &str) -> Cue {
        let (mut rest, mut from_items) = (written, 0u8);
        while let Some(inner) = rest.strip_prefix("item: ") {
            rest = inner;
            from_items = from_items.saturating_add(1);
        }
        let (source, text) = if let Some(t) = rest.strip_prefix("heading: ") {
            (CueSource::Heading, t)
        } else if let Some(t) = rest.strip_prefix("section: ") {
            (CueSource::Section, t)
        } else {
            (CueSource::Body, rest)
        };
        Cue { source, from_items, text: text.to_owned() }
    }
}

impl std::fmt::Display for Cue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for _ in 0..self.from_items {
            f.write_str("item: ")?;
        }
        match self.source {
            CueSource::Body => {}
            CueSource::Heading => f.write_str("heading: ")?,
            CueSource::Section => f.write_str("section: ")?,
        }
        f.write_str(&self.text)
    }
}

/// The taxonomy, loaded from the lexicon files.
pub struct Lexicon {
    topics: Vec<Topic>,
    /// Per language code (and "*" for unknown): cues by their first word, so a clause is
    /// matched against a few candidates per word instead of every cue.
    index: HashMap<String, CueIndex>,
}

/// A cue's address: (topic index, cue index).
type CueId = (u16, u16);

#[derive(Default)]
struct CueIndex {
    exact: HashMap<String, Vec<CueId>>,
    prefix3: HashMap<String, Vec<CueId>>,
    /// Cues whose first word ends a word ("*löschung"), by the last three bytes of that ending:
    /// checking each of them at every word was a large part of finding cues.
    suffix3: HashMap<[u8; 3], Vec<CueId>>,
    other: Vec<CueId>,
}

/// The last three bytes of `text`, if it has as many.
fn last3(text: &str) -> Option<[u8; 3]> {
    text.as_bytes().last_chunk::<3>().copied()
}

impl CueIndex {
    fn build(topics: &[Topic], lang: Option<&str>) -> CueIndex {
        let mut index = CueIndex::default();
        for (ti, topic) in topics.iter().enumerate() {
            for (ci, (_, cue)) in topic.cues.iter().enumerate() {
                if lang.is_some_and(|l| cue.lang != l && cue.lang != "en") {
                    continue;
                }
                let id = (ti as u16, ci as u16);
                for (text, prefix, suffix) in cue.words.first().map_or(&[][..], |w| &w.alternatives[..]) {
                    let slot = match (suffix, prefix) {
                        (false, false) => index.exact.entry(text.clone()).or_default(),
                        (false, true) if text.chars().count() >= 3 => {
                            index.prefix3.entry(text.chars().take(3).collect()).or_default()
                        }
                        (true, false) => match last3(text) {
                            Some(end) => index.suffix3.entry(end).or_default(),
                            None => &mut index.other,
                        },
                        _ => &mut index.other,
                    };
                    if !slot.contains(&id) {
                        slot.push(id);
                    }
                }
            }
        }
        index
    }

    /// Where each cue matches in `words`.
    fn matches(&self, topics: &[Topic], words: &[&str]) -> HashMap<CueId, Vec<usize>> {
        let mut out: HashMap<CueId, Vec<usize>> = HashMap::default();
        for (i, word) in words.iter().enumerate() {
            let head_end = word.char_indices().nth(3).map_or(word.len(), |(at, _)| at);
            let candidates = (self.exact.get(*word).into_iter().flatten())
                .chain(self.prefix3.get(&word[..head_end]).into_iter().flatten())
                .chain(last3(word).and_then(|end| self.suffix3.get(&end)).into_iter().flatten())
                .chain(&self.other);
            for &(ti, ci) in candidates {
                let pattern = &topics[ti as usize].cues[ci as usize].1.words;
                // A cue in two lists (two alternatives of its first word) is found once per word.
                let at = out.get(&(ti, ci)).and_then(|found| found.last());
                if at != Some(&i) && starts_at(pattern, words, i) {
                    out.entry((ti, ci)).or_default().push(i);
                }
            }
        }
        out
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(LEXICON_FILES).unwrap_or_else(|e| panic!("the built-in lexicon is invalid: {e}"))
});

/// What follows an article's number when it opens a range: "bis 36", "–36", "tot en met 36".
static ARTICLE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::segment::alternation(&crate::segment::WORDS.article_range);
    Regex::new(&format!(r"^[ \t]*(?:[-–][ \t]*|(?:{words})[ \t]+)[0-9]")).expect("valid article range")
});

static ARTICLE_REF_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let words = crate::segment::alternation(&crate::segment::WORDS.article_reference);
    // `[0-9]`, not `\d`: a Unicode digit beside the `\b` would need the slow engines.
    let pattern = format!(r"(?i)\b(?:{words})\s*([0-9][0-9]?)\b");
    Regex::new(&crate::boundary::fast_boundaries(&pattern)).expect("valid article reference")
});

impl Lexicon {
    /// The lexicon built into this binary.
    pub fn builtin() -> &'static Lexicon {
        &LEXICON
    }

    /// Parses lexicon files given as (expected id, TOML text).
    pub fn parse(files: &[(&str, &str)]) -> Result<Lexicon, String> {
        let mut topics = Vec::with_capacity(files.len());
        for (expected, text) in files {
            let file: TopicFile = toml::from_str(text).map_err(|e| format!("{expected}.toml: {e}"))?;
            if file.id != *expected {
                return Err(format!("{expected}.toml declares id {:?}", file.id));
            }
            let mut cues = Vec::new();
            for (lang, list) in &file.cues {
                if !LEXICON_LANGS.contains(&lang.as_str()) {
                    return Err(format!("{expected}.toml: unknown language {lang:?}"));
                }
                for raw in list {
                    let (heading_only, strong, with_companion, supporting) = (
                        raw.starts_with('^'),
                        raw.starts_with('!'),
                        raw.starts_with('~'),
                        raw.starts_with('+'),
                    );
                    let shown = raw.trim_start_matches(['^', '!', '~', '+']).to_owned();
                    let lower = normalise(&shown);
                    let words = lower.split(' ').filter(|w| !w.is_empty()).map(WordPattern::parse).collect();
                    let cue = CuePattern {
                        lang: lang.clone(),
                        words,
                        heading_only,
                        strong,
                        with_companion,
                        supporting,
                    };
                    cues.push((shown, cue));
                }
            }
            // Strong cues first, so a weak cue inside one ("säkerhetskopi*" in "säkerhetskopior
            // raderas") cannot claim its words and hide it.
            cues.sort_by_key(|(_, cue)| !cue.strong);
            topics.push(Topic {
                id: file.id,
                label: file.label,
                anchor: file.anchor,
                articles: file.articles,
                companions: file.companions,
                duty: file.duty,
                cues,
            });
        }
        for topic in &topics {
            if let Some(unknown) = topic.companions.iter().find(|c| !topics.iter().any(|t| &t.id == *c)) {
                return Err(format!("{}.toml: unknown companion {unknown:?}", topic.id));
            }
        }
        let mut index: HashMap<String, CueIndex> =
            LEXICON_LANGS.iter().map(|&l| (l.to_owned(), CueIndex::build(&topics, Some(l)))).collect();
        index.insert("*".to_owned(), CueIndex::build(&topics, None));
        Ok(Lexicon { topics, index })
    }

    /// Every topic, in taxonomy order.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Orders a clause's topics for comparison: a topic that sits inside a companion frame
    /// (deletion under termination, kinds of data beside the subject matter) comes before that
    /// frame, since it is what the clause adds to it; otherwise the most confident first.
    /// Returns whether such a topic now leads: the clause is the specific part of its frame.
    pub fn specific_first(&self, topics: &mut [(String, f32)]) -> bool {
        let ids: Vec<String> = topics.iter().map(|(t, _)| t.clone()).collect();
        let confidences: Vec<f32> = topics.iter().map(|(_, c)| *c).collect();
        for (topic, confidence) in topics.iter_mut() {
            let frame = self.topics.iter().find(|t| t.id == *topic).map_or(&[][..], |t| &t.companions[..]);
            let above = ids
                .iter()
                .zip(&confidences)
                .filter(|(id, _)| frame.contains(id))
                .map(|(_, c)| *c)
                .fold(f32::MIN, f32::max);
            if above >= *confidence {
                *confidence = (above + 0.01).min(1.0);
            }
        }
        topics.sort_by(|a, b| b.1.total_cmp(&a.1));
        topics.first().is_some_and(|(lead, _)| {
            let frame = self.topics.iter().find(|t| t.id == *lead).map_or(&[][..], |t| &t.companions[..]);
            ids.iter().any(|other| frame.contains(other))
        })
    }

    /// Topics whose cues (in any language) match `word`: what a word *means* across languages.
    pub fn topics_for_word(&self, word: &str) -> Vec<&str> {
        let lower = normalise(word);
        let words = tokens(&lower);
        self.topics
            .iter()
            .filter(|t| t.cues.iter().any(|(_, cue)| !positions(&cue.words, &words).is_empty()))
            .map(|t| t.id.as_str())
            .collect()
    }

    /// Classifies a clause in language `lang` ("sv", …; anything else uses every language).
    pub fn classify(&self, lang: &str, heading: &str, parents: &[String], body: &str) -> Vec<TopicMatch> {
        let (heading, parents, body_lower) =
            (normalise(heading), normalise(&parents.join(" | ")), normalise(body));
        let (heading_words, parent_words, body_words) =
            (tokens(&heading), tokens(&parents), tokens(&body_lower));
        // A match at the very start is the clause's own number ("Artikel 4 Beveiliging"), not a reference.
        // find_iter runs on the DFA; the number is the match's trailing digits.
        // "Artikeln 32 bis 36", "artiklarna 32–36": a range of articles is no reference to its first.
        let articles: Vec<u32> = ARTICLE_REF_PATTERN
            .find_iter(body)
            .filter(|m| m.start() > 0 && !ARTICLE_RANGE.is_match(&body[m.end()..]))
            .filter_map(|m| {
                let text = m.as_str();
                let digits = text.trim_end_matches(|c: char| !c.is_ascii_digit());
                let start = digits.rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
                digits[start..].parse().ok()
            })
            .collect();
        let known = LEXICON_LANGS.contains(&lang);
        let index = &self.index[if known { lang } else { "*" }];
        let (in_heading, in_parents, in_body) = (
            index.matches(&self.topics, &heading_words),
            index.matches(&self.topics, &parent_words),
            index.matches(&self.topics, &body_words),
        );
        // Only the cues found somewhere are scored: a clause holds a few of the lexicon's thousands.
        let mut found_ids: Vec<CueId> =
            in_heading.keys().chain(in_parents.keys()).chain(in_body.keys()).copied().collect();
        found_ids.sort_unstable();
        found_ids.dedup();
        let matches = Matches { heading: &in_heading, parents: &in_parents, body: &in_body, ids: &found_ids };
        let scored: Vec<Evidence> = self
            .topics
            .iter()
            .enumerate()
            .map(|(ti, topic)| self.score(ti, topic, lang, known, &matches, &articles))
            .collect();
        let sure: Vec<&str> = (self.topics.iter().zip(&scored))
            .filter(|(_, e)| e.score >= THRESHOLD)
            .map(|(t, _)| t.id.as_str())
            .collect();
        // One short obligation names its topic once ("radera alla personuppgifter", an item of a
        // list of duties): in so few words one cue is the point of the sentence. Only when
        // nothing else is sure, and only for the one or two topics named most.
        let said = &body_words[enumeration(&body_words)..];
        let letters: usize = said.iter().map(|w| w.chars().count()).sum();
        let says = said.len() >= SAYS_WORDS || (said.len() >= 3 && letters >= SAYS_LETTERS);
        let short = sure.is_empty() && heading_words.is_empty() && says && said.len() <= SHORT_CLAUSE_WORDS;
        // The evidence of the one or two duties a short clause names most, if it names one.
        let duties: Vec<f32> =
            (self.topics.iter().zip(&scored)).filter(|(t, _)| t.duty).map(|(_, e)| e.score).collect();
        let best = duties.iter().copied().fold(0.0, f32::max);
        let named = duties.iter().filter(|&&score| score == best).count();
        let short_best = (short && best >= BODY && named <= 2).then_some(best);
        let mut found = Vec::new();
        for (topic, Evidence { mut score, heading_at, companion_only, mut cues }) in
            self.topics.iter().zip(scored)
        {
            let accompanied = topic.companions.iter().any(|c| sure.contains(&c.as_str()));
            if accompanied {
                score += companion_only;
            } else {
                cues.retain(|(weight, _)| *weight > 0.0);
            }
            let short_point = topic.duty && short_best == Some(score);
            if score >= THRESHOLD || (accompanied && score >= BODY) || short_point {
                cues.sort_by(|a, b| b.0.total_cmp(&a.0));
                let confidence = (score / (score + 3.0) * 100.0).round() / 100.0;
                let cues = cues.into_iter().map(|(_, c)| c).collect();
                found.push((TopicMatch { topic: topic.id.clone(), confidence, cues }, heading_at));
            }
        }
        found.sort_by(|(a, a_at), (b, b_at)| b.confidence.total_cmp(&a.confidence).then(a_at.cmp(b_at)));
        let mut found: Vec<TopicMatch> = found.into_iter().map(|(m, _)| m).collect();
        drop_defined_terms(&mut found);
        found
    }

    /// A section speaks for its items. A topic an item found in its own words (not only through
    /// the section's heading) is the section's topic too when it goes with one of the section's
    /// own ("Art. 8 Cessazione", whose item 8.1 deletes the data, is about deletion as well), or
    /// when a numbered section says nothing of its own ("§ 10 Final provisions").
    /// A document's unnumbered title heading is no such section.
    pub fn roll_up(&self, places: &[Place], found: &mut [Vec<TopicMatch>]) {
        // Whether a section says nothing of its own, before any item adds to it.
        let silent: Vec<bool> = found.iter().zip(places).map(|(f, p)| f.is_empty() && p.numbered).collect();
        for k in (0..silent.len()).rev() {
            let Some(parent) = places[k].parent.filter(|&p| p < k) else { continue };
            let (section, silent) = (&found[parent], silent[parent]);
            let goes_with = |id: &str| {
                let topic = self.topics.iter().find(|t| t.id == id);
                topic.is_some_and(|t| section.iter().any(|s| t.companions.contains(&s.topic)))
            };
            let taken: Vec<TopicMatch> = found[k]
                .iter()
                .filter(|m| m.cues.iter().any(|c| !c.only_from_section()))
                .filter(|m| !section.iter().any(|s| s.topic == m.topic))
                .filter(|m| silent || goes_with(&m.topic))
                .map(|m| TopicMatch {
                    topic: m.topic.clone(),
                    confidence: m.confidence,
                    cues: m
                        .cues
                        .iter()
                        .filter(|c| !c.only_from_section())
                        .map(|c| Cue { from_items: c.from_items.saturating_add(1), ..c.clone() })
                        .collect(),
                })
                .collect();
            found[parent].extend(taken);
        }
    }

    /// The evidence for one topic: its score and the cues behind it, with their weights.
    fn score(
        &self,
        ti: usize,
        topic: &Topic,
        lang: &str,
        known: bool,
        matches: &Matches,
        articles: &[u32],
    ) -> Evidence {
        let (mut score, mut companion_only) = (0.0, 0.0);
        let mut cues: Vec<(f32, Cue)> = Vec::new();
        // Each word position counts once per topic, so overlapping cues
        // ("vertraulich*", "vertraulichkeit*") do not double the evidence.
        let mut claimed: Vec<usize> = Vec::new();
        let mut heading_at = usize::MAX;
        let (mut support, mut support_cues) = (0.0, Vec::new());
        for &id in matches.of_topic(ti) {
            let (raw, cue) = &topic.cues[usize::from(id.1)];
            if known && cue.lang != lang && cue.lang != "en" {
                continue;
            }
            let weight = if let Some(at) = matches.heading.get(&id) {
                heading_at = heading_at.min(at.iter().copied().min().unwrap_or(usize::MAX));
                cues.push((OWN_HEADING, Cue::new(CueSource::Heading, raw)));
                OWN_HEADING
            } else if matches.parents.contains_key(&id) {
                // A cue the clause's own words carry too is the clause's own, not only its
                // section's ("9.4 Wijzigingen in de Subverwerkerslijst" under "Subverwerkers").
                let own = matches.body.contains_key(&id) && !cue.heading_only;
                cues.push((
                    PARENT_HEADING,
                    Cue::new(if own { CueSource::Body } else { CueSource::Section }, raw),
                ));
                PARENT_HEADING
            } else if cue.heading_only {
                0.0
            } else {
                let fresh: Vec<usize> = matches.body.get(&id).map_or_else(Vec::new, |at| {
                    at.iter().copied().filter(|p| !claimed.contains(p)).collect()
                });
                // A phrase claims every word it covers ("misure di sicurezza" takes "sicurezza").
                claimed.extend(fresh.iter().flat_map(|&p| p..p + cue.words.len()));
                let weight = match fresh.len() {
                    0 => 0.0,
                    _ if cue.strong => THRESHOLD,
                    n => BODY + BODY_REPEAT * (n.min(MAX_REPEATS) - 1) as f32,
                };
                if weight > 0.0 && cue.supporting {
                    support += weight;
                    support_cues.push((BODY, Cue::new(CueSource::Body, raw)));
                    continue;
                }
                if weight > 0.0 && cue.with_companion {
                    // Weight 0 marks the cue as one that counts only beside a companion.
                    cues.push((0.0, Cue::new(CueSource::Body, raw)));
                    companion_only += weight;
                    continue;
                }
                if weight > 0.0 {
                    cues.push((BODY, Cue::new(CueSource::Body, raw)));
                }
                weight
            };
            score += weight;
        }
        for article in topic.articles.iter().filter(|a| articles.contains(a)) {
            score += ARTICLE_REF;
            cues.push((ARTICLE_REF, Cue::new(CueSource::Body, format!("Art. {article}"))));
        }
        if score > 0.0 {
            score += support;
            cues.extend(support_cues);
        }
        Evidence { score, heading_at, companion_only, cues }
    }
}

/// Where a clause sits, for [`Lexicon::roll_up`]: its section, and whether it is numbered.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub parent: Option<usize>,
    pub numbered: bool,
}

/// The evidence for one topic in one clause.
struct Evidence {
    score: f32,
    /// Where in its own heading the topic is first named (word position), if it is: of two
    /// topics as sure, the one named first leads ("Controle op de beveiligingsmaatregelen" is
    /// about audits of the security measures).
    heading_at: usize,
    /// What `~` cues add when a companion topic is there.
    companion_only: f32,
    /// Each cue with its weight (0 for a `~` cue).
    cues: Vec<(f32, Cue)>,
}

/// Where a clause's cues were found: its own heading, its parents' headings, its body.
struct Matches<'a> {
    heading: &'a HashMap<CueId, Vec<usize>>,
    parents: &'a HashMap<CueId, Vec<usize>>,
    body: &'a HashMap<CueId, Vec<usize>>,
    /// Every cue found in any of them, in order.
    ids: &'a [CueId],
}

impl Matches<'_> {
    /// The cues of topic `ti` found anywhere, in the lexicon's order.
    fn of_topic(&self, ti: usize) -> &[CueId] {
        let lo = self.ids.partition_point(|&(t, _)| usize::from(t) < ti);
        let hi = self.ids.partition_point(|&(t, _)| usize::from(t) <= ti);
        &self.ids[lo..hi]
    }
}

/// A definitions clause names every concept of the contract ("'breach' means…"): under a
/// definitions heading, only topics its own heading states stay.
fn drop_defined_terms(found: &mut Vec<TopicMatch>) {
    let from_heading = |m: &TopicMatch| m.cues.iter().any(Cue::in_own_heading);
    if found.iter().any(|m| m.topic == "definitions" && from_heading(m)) {
        found.retain(from_heading);
    }
}

/// Lowercase; apostrophes split words, so Italian elisions ("dell'altro") expose the word.
fn normalise(text: &str) -> String {
    // One pass over every clause of every import. "beeindiging" typed without the diaeresis is
    // "beëindiging"; the byte length changes, but only word positions are kept from here.
    let mut lower: Vec<u8> = Vec::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Most letters are ASCII: a run of them is lowered byte by byte, without decoding.
        let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        lower.extend(rest.as_bytes()[..run].iter().map(|&b| match b {
            b'\'' | b'`' => b' ',
            b => b.to_ascii_lowercase(),
        }));
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        for l in c.to_lowercase() {
            let l = match l {
                '’' | '´' => ' ',
                'ë' => 'e',
                'ï' => 'i',
                l => l,
            };
            // German typed without its umlauts ("Loeschung", "ausschliesslich") is German all
            // the same: text and cues are both read spelled out, so either spelling meets either.
            // Swedish "ä ö" fold too, the same way on both sides.
            match crate::boundary::umlaut_spelled_out(l) {
                Some(two) => lower.extend_from_slice(two.as_bytes()),
                None => lower.extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
    }
    // Whole chars went in, so the bytes are UTF-8.
    rejoin_broken_words(String::from_utf8(lower).unwrap_or_default())
}

/// "Datenschutz- verletzungen": a word a page broke across two lines, which the page shows with
/// a space after the hyphen, read as one word again ("Daten- und Informationssicherheit" keeps
/// its hyphen: a conjunction follows).
fn rejoin_broken_words(text: String) -> String {
    if !text.contains("- ") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("- ") {
        let (before, after) = (&rest[..at], &rest[at + 2..]);
        let next: &str = after.split(|c: char| !c.is_alphabetic() && c != '.').next().unwrap_or("");
        let broken = before.chars().next_back().is_some_and(char::is_alphabetic)
            && next.chars().next().is_some_and(char::is_alphabetic)
            && !concordia_text::is_hyphen_conjunction(next);
        out.push_str(before);
        if !broken {
            out.push_str("- ");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Words: letters, digits, and hyphens inside a word.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the word sequence matches `words` at position `i`.
fn starts_at(pattern: &[WordPattern], words: &[&str], i: usize) -> bool {
    !pattern.is_empty()
        && pattern.len() <= words.len() - i
        && pattern.iter().zip(&words[i..]).all(|(p, w)| p.matches(w))
}

/// Where the word sequence starts in `words`.
fn positions(pattern: &[WordPattern], words: &[&str]) -> Vec<usize> {
    let Some(first) = pattern.first() else { return Vec::new() };
    (0..words.len())
        .filter(|&i| {
            first.matches(words[i])
                && pattern.len() <= words.len() - i
                && pattern.iter().zip(&words[i..]).all(|(p, w)| p.matches(w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(lang: &str, heading: &str, body: &str) -> Vec<String> {
        Lexicon::builtin().classify(lang, heading, &[], body).into_iter().map(|m| m.topic).collect()
    }

    #[test]
    fn a_contracts_subject_heading_and_processing_within_the_instructions() {
        let found = topics(
            "de",
            "1. Vertragsgegenstand",
            "Dieser Vertrag regelt die Verarbeitung von Kundendaten. Die Verarbeitung erfolgt nur im Rahmen der \
             Weisungen des Kunden.",
        );
        assert!(
            found.contains(&"subject_matter".to_owned()) && found.contains(&"instructions".to_owned()),
            "{found:?}"
        );
    }

    #[test]
    fn a_contract_that_lies_under_a_countrys_law_names_its_governing_law() {
        for body in ["Detta avtal lyder under norsk rätt.", "Avtalet regleras av finsk lag."] {
            assert_eq!(
                topics("sv", "6 Övrigt", body).first().map(String::as_str),
                Some("governing_law"),
                "{body}"
            );
        }
    }

    /// Each point of Art. 28(3) and Art. 33(2), in the Regulation's own words, is about its topic
    /// first, in every language: "Artikeln 32 bis 36" is assistance, not a reference to Art. 32.
    #[test]
    fn the_regulations_own_words_carry_their_topic_in_every_language() {
        use crate::checklist::{statute, Requirement};
        let cases = [
            (Requirement::Instructions, "instructions"),
            (Requirement::Confidentiality, "confidentiality"),
            (Requirement::Security, "security"),
            (Requirement::SubprocessorAuthorisation, "subprocessors"),
            (Requirement::SubprocessorFlowdown, "subprocessors"),
            (Requirement::DataSubjectRights, "data_subject_rights"),
            (Requirement::Assistance32To36, "assistance"),
            (Requirement::DeletionReturn, "deletion_return"),
            (Requirement::InformationAudits, "audit"),
            (Requirement::BreachNotification, "breach_notification"),
        ];
        for lang in ["sv", "de", "it", "nl"] {
            for (requirement, want) in cases {
                let text = statute(requirement, lang).expect("a statute text");
                let found = topics(lang, "", &text);
                assert_eq!(found.first().map(String::as_str), Some(want), "{lang}: {text} → {found:?}");
            }
        }
    }

    /// German typed without umlauts is read as German: the same topics either way.
    #[test]
    fn german_without_umlauts_has_the_topics_of_german_with_them() {
        let pairs = [
            ("§ 9 Prüfrechte", "Der Verantwortliche kann sich von der Einhaltung dieses Vertrags einmal jährlich überzeugen."),
            ("§ 8 Löschung und Rückgabe", "Nach Beendigung des Hauptvertrags löscht der Auftragsverarbeiter die Daten."),
            ("", "Der Auftragsverarbeiter verarbeitet die Daten ausschließlich nach den Weisungen des Verantwortlichen."),
            ("", "Unterstützung des Verantwortlichen bei Betroffenenrechten durch Export- und Löschfunktionen."),
        ];
        let spelled_out = crate::without_umlauts;
        for (heading, body) in pairs {
            let with = topics("de", heading, body);
            assert!(!with.is_empty(), "{heading} {body}");
            assert_eq!(topics("de", &spelled_out(heading), &spelled_out(body)), with, "{body}");
        }
    }

    /// `normalise` reads ASCII as bytes; it says what lowering every char says.
    #[test]
    fn normalised_text_is_every_char_lowered_and_mapped() {
        let by_chars = |text: &str| -> String {
            let lower: String = text
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    '\'' | '’' | '`' | '´' => ' ',
                    'ë' => 'e',
                    'ï' => 'i',
                    c => c,
                })
                .flat_map(|c| match crate::boundary::umlaut_spelled_out(c) {
                    Some(two) => two.chars().collect::<Vec<_>>(),
                    None => vec![c],
                })
                .collect();
            rejoin_broken_words(lower)
        };
        let mut texts: Vec<String> =
            ["", "Dell'Accordo `x´ L’art", "BEËINDIGING Ïa ΣΑΣ İx ẞ", "Daten- verarbeitung"]
                .map(str::to_owned)
                .to_vec();
        texts.extend(crate::shared_texts(&["real/docs", "corpus", "parallel"]));
        for text in &texts {
            assert_eq!(normalise(text), by_chars(text), "{:?}", &text[..text.len().min(60)]);
        }
    }

    /// The index finds every cue that a check of every cue at every word finds, prefixes and
    /// endings ("Datenlöschung" for "*löschung") included, on our words and ../shared's texts.
    #[test]
    fn the_cue_index_finds_what_every_cue_checked_everywhere_finds() {
        let lexicon = Lexicon::builtin();
        let mut texts = vec![
            "Datenlöschung und Weisungen; Betriebsgeheimnis im Drittland, EU-Standardvertragsklausel"
                .to_owned(),
            "ung löschung xlöschung -standaardcontractbepaling".to_owned(),
        ];
        texts.extend(crate::shared_texts(&["real/docs"]));
        let (mut found, mut words_read) = (0, 0);
        for text in &texts {
            let lower = normalise(text);
            let words = tokens(&lower);
            words_read += words.len();
            for (lang, index) in &lexicon.index {
                let indexed = index.matches(&lexicon.topics, &words);
                let mut everywhere: HashMap<CueId, Vec<usize>> = HashMap::default();
                for (ti, topic) in lexicon.topics.iter().enumerate() {
                    for (ci, (_, cue)) in topic.cues.iter().enumerate() {
                        let in_index = lang == "*" || cue.lang == *lang || cue.lang == "en";
                        let at = positions(&cue.words, &words);
                        if in_index && !at.is_empty() {
                            everywhere.insert((ti as u16, ci as u16), at);
                        }
                    }
                }
                assert_eq!(indexed, everywhere, "{lang}: {:?}", &text[..text.len().min(60)]);
                found += indexed.len();
            }
        }
        assert!(found > 100 && words_read > 1000, "{found} cues in {words_read} words");
    }

    #[test]
    fn a_cue_reads_back_as_it_was_written() {
        for written in [
            "haftet",
            "heading: Haftung*",
            "section: audit*",
            "item: heading: kontrolle*",
            "item: item: Art. 28",
        ] {
            assert_eq!(Cue::parse(written).to_string(), written);
        }
        let taken = Cue::parse("item: heading: kontrolle*");
        assert_eq!(
            (taken.source, taken.from_items, taken.text.as_str()),
            (CueSource::Heading, 1, "kontrolle*")
        );
        assert!(taken.taken_up() && !taken.in_own_heading());
        assert!(Cue::parse("section: audit*").only_from_section());
    }

    #[test]
    fn the_taxonomy_has_its_twenty_two_topics() {
        assert_eq!(Lexicon::builtin().topics().len(), 22);
    }

    /// What each language has of the lexicon, printed as a table (`cargo test -p concordia-legal
    /// each_language -- --nocapture`); a language without a topic's cues or a kind of structure word fails.
    #[test]
    fn each_language_covers_the_lexicon() {
        let lexicon = Lexicon::builtin();
        let words = &crate::segment::WORDS;
        let kinds = [
            ("article", &words.article),
            ("annex", &words.annex),
            ("contents", &words.contents),
            ("signature", &words.signature),
            ("placeholder", &words.placeholder),
            ("abbreviations", &words.abbreviations),
            ("article_reference", &words.article_reference),
            ("article_range", &words.article_range),
        ];
        println!("lang  topics  cues  {}", kinds.map(|(k, _)| k).join("  "));
        for &lang in LEXICON_LANGS.iter() {
            let cues = |t: &Topic| t.cues.iter().filter(|(_, c)| c.lang == lang).count();
            let covered = lexicon.topics().iter().filter(|t| cues(t) > 0).count();
            let total: usize = lexicon.topics().iter().map(cues).sum();
            let counts: Vec<String> =
                kinds.iter().map(|(_, by)| by.get(lang).map_or(0, Vec::len).to_string()).collect();
            println!("{lang:4}  {covered:2}/{}  {total:4}  {}", lexicon.topics().len(), counts.join("  "));
            for topic in lexicon.topics() {
                assert!(cues(topic) > 0, "{} has no {lang} cues", topic.id);
            }
            for (kind, by) in kinds {
                assert!(by.get(lang).is_some_and(|w| !w.is_empty()), "structure.toml [{kind}] has no {lang}");
            }
        }
        for (kind, by) in kinds {
            for lang in by.keys() {
                assert!(
                    LEXICON_LANGS.contains(&lang.as_str()),
                    "structure.toml [{kind}] names unknown language {lang}"
                );
            }
        }
    }

    #[test]
    fn a_broken_lexicon_file_is_reported_by_name() {
        let err = Lexicon::parse(&[("audit", "id = \"audit\"\nlabel = 3")]).err().unwrap();
        assert!(err.starts_with("audit.toml"), "{err}");
        let err = Lexicon::parse(&[("audit", "id = \"x\"\nlabel=\"\"\nanchor=\"\"\narticles=[]\n[cues]")])
            .err()
            .unwrap();
        assert!(err.contains("declares id"), "{err}");
    }

    #[test]
    fn notifying_the_controller_of_an_incident_is_a_breach_notice_in_four_languages() {
        // Round 20: a breach notice written as one of the security measures, no heading of its own.
        for (lang, body) in [
            ("de", "Benachrichtigung des Verantwortlichen bei Sicherheitsvorfällen innerhalb von 72 Stunden"),
            (
                "sv",
                "Biträdet ska underrätta den personuppgiftsansvarige om säkerhetsincidenter inom 72 timmar",
            ),
            ("it", "Notifica al titolare degli incidenti di sicurezza entro 72 ore dalla scoperta"),
            ("nl", "Melding aan de verwerkingsverantwoordelijke van een beveiligingsincident binnen 72 uur"),
        ] {
            assert!(topics(lang, "", body).contains(&"breach_notification".to_owned()), "{lang}: {body}");
        }
        // Notifying alone is no breach ("Benachrichtigung des Verantwortlichen über neue Unterauftragnehmer").
        assert!(!topics(
            "de",
            "",
            "Benachrichtigung des Verantwortlichen über neue Unterauftragnehmer vorab"
        )
        .contains(&"breach_notification".to_owned()));
    }

    #[test]
    fn a_word_broken_across_lines_is_read_as_one() {
        // Round 21: the page shows "Datenschutz- verletzungen" where its source broke the line.
        let body = "Wir unterstützen die Kundin und melden Datenschutz- verletzungen unverzüglich.";
        assert!(topics("de", "7. Unterstützung", body).contains(&"breach_notification".to_owned()));
        assert_eq!(normalise("Datenschutz- verletzungen"), "datenschutzverletzungen");
        // A hyphen before a conjunction, a dash between words, and digits stay as written.
        assert_eq!(normalise("Daten- und Informationssicherheit"), "daten- und informationssicherheit");
        assert_eq!(normalise("e-mail- en sms-berichten"), "e-mail- en sms-berichten");
        assert_eq!(normalise("Art. 32 - 36 DSGVO"), "art. 32 - 36 dsgvo");
        assert_eq!(normalise("Audit - jährlich"), "audit - jaehrlich");
    }

    #[test]
    fn the_right_to_check_is_an_audit_clause() {
        // Round 20: "zu kontrollieren … Kontrollen" under "Rechte des Verantwortlichen".
        let body = "Der Verantwortliche hat das Recht, die Einhaltung der Datenschutzvorschriften durch den \
                    Auftragsverarbeiter zu kontrollieren. Kontrollen sind nach Ankündigung möglich.";
        assert!(topics("de", "§ 6 Rechte des Verantwortlichen", body).contains(&"audit".to_owned()));
    }

    #[test]
    fn evidence_of_compliance_is_an_audit_clause() {
        // Round 21: "7. Unterstützung, Löschung, Nachweise … zur Nachweisführung nötigen Informationen".
        let found = topics(
            "de",
            "7. Unterstützung, Löschung, Nachweise",
            "Auf Anfrage stellen wir die Informationen bereit.",
        );
        assert!(found.contains(&"audit".to_owned()), "{found:?}");
        // Under a heading that names nothing, one cue is too little: the new cue makes the second.
        for (lang, heading, body) in [
            ("de", "Allgemeines", "Der Auftragnehmer stellt zur Nachweisführung alle Unterlagen bereit und ermöglicht Kontrollen."),
            ("sv", "Övrigt", "Biträdet ska ge den personuppgiftsansvarige information för att påvisa efterlevnad och möjliggöra granskning."),
            ("it", "Varie", "Il Responsabile mette a disposizione le informazioni per dimostrare il rispetto degli obblighi e consente ispezioni."),
            ("nl", "Overig", "De verwerker verstrekt de informatie die nodig is om de nakoming aan te tonen en werkt mee aan inspecties."),
        ] {
            assert!(topics(lang, heading, body).contains(&"audit".to_owned()), "{lang}: {body}");
            assert!(topics(lang, heading, "De Unterlagen, documenti, underlag, stukken.").is_empty());
        }
    }

    #[test]
    fn audit_clauses_in_four_languages() {
        assert!(topics(
            "de",
            "§ 6 Kontrollrechte",
            "Der Auftraggeber ist berechtigt, Kontrollen durchzuführen."
        )
        .contains(&"audit".to_owned()));
        assert!(topics(
            "it",
            "Articolo 5 – Revisione",
            "Il Titolare può effettuare una revisione per anno solare."
        )
        .contains(&"audit".to_owned()));
        assert!(topics(
            "nl",
            "Artikel 6 Audit",
            "Opdrachtgever mag eenmaal per jaar een audit laten uitvoeren."
        )
        .contains(&"audit".to_owned()));
        assert!(topics("sv", "6. Granskning", "Kunden har rätt att granska Biträdets efterlevnad.")
            .contains(&"audit".to_owned()));
        assert!(topics(
            "de",
            "§ 9 Kontroll- und Prüfrechte",
            "Der Verantwortliche hat das Recht, die Einhaltung der Vorgaben zu überprüfen."
        )
        .contains(&"audit".to_owned()));
    }

    #[test]
    fn cues_explain_the_decision() {
        let found = Lexicon::builtin().classify(
            "de",
            "§ 5 Meldung von Datenschutzverletzungen",
            &[],
            "Der Auftragnehmer meldet Verletzungen des Schutzes personenbezogener Daten gemäß Art. 33 DSGVO.",
        );
        let breach = found.iter().find(|m| m.topic == "breach_notification").expect("breach topic");
        let cues: Vec<String> = breach.cues.iter().map(ToString::to_string).collect();
        assert!(cues.contains(&"heading: datenschutzverletzung*".to_owned()), "{cues:?}");
        assert!(cues.contains(&"Art. 33".to_owned()));
        assert!(breach.confidence > 0.6);
    }

    #[test]
    fn dutch_without_the_diaeresis_is_the_same_word() {
        let with =
            topics("nl", "14. Looptijd en beëindiging", "De overeenkomst loopt zolang het abonnement loopt.");
        let without =
            topics("nl", "14. Looptijd en beeindiging", "De overeenkomst loopt zolang het abonnement loopt.");
        assert!(with.contains(&"term_termination".to_owned()), "{with:?}");
        assert_eq!(with, without);
    }

    #[test]
    fn processing_only_on_the_controllers_order_is_about_instructions() {
        let said = "De verwerker verwerkt persoonsgegevens uitsluitend in opdracht van de klant.";
        assert!(topics("nl", "1. Partijen en onderwerp", said).contains(&"instructions".to_owned()));
    }

    #[test]
    fn a_passing_mention_is_not_a_topic() {
        assert!(!topics("sv", "", "Biträdet behandlar personuppgifter enligt avtalet och har ansvar.")
            .contains(&"security".to_owned()));
        assert!(topics("nl", "", "Partijen ondertekenen deze overeenkomst.").is_empty());
    }

    #[test]
    fn words_map_to_topics_across_languages() {
        let lexicon = Lexicon::builtin();
        assert!(lexicon.topics_for_word("audit").contains(&"audit"));
        assert!(lexicon.topics_for_word("granskning").contains(&"audit"));
        assert!(lexicon.topics_for_word("Haftung").contains(&"liability"));
        assert!(lexicon.topics_for_word("zzz").is_empty());
    }

    #[test]
    fn a_companion_topic_lets_one_word_count() {
        let termination =
            topics("sv", "8. Avtalets upphörande", "När avtalet upphör ska Biträdet radera uppgifterna.");
        assert!(termination.contains(&"deletion_return".to_owned()), "{termination:?}");
        let elsewhere = topics("sv", "4. Säkerhet", "Biträdet får radera loggfiler.");
        assert!(!elsewhere.contains(&"deletion_return".to_owned()), "{elsewhere:?}");
    }

    #[test]
    fn of_two_topics_as_sure_the_one_the_heading_names_first_leads() {
        let audit_of_security = topics("nl", "Artikel 7. Controle op de beveiligingsmaatregelen", "");
        assert_eq!(audit_of_security[..2], ["audit", "security"]);
        let security_then_audit = topics("nl", "Artikel 5. Beveiliging en controle", "");
        assert_eq!(security_then_audit[..2], ["security", "audit"]);
    }

    #[test]
    fn a_topic_inside_its_frame_leads_and_says_so() {
        let lexicon = Lexicon::builtin();
        let mut both = vec![("term_termination".to_owned(), 0.57), ("deletion_return".to_owned(), 0.25)];
        assert!(lexicon.specific_first(&mut both), "deletion inside termination leads: {both:?}");
        assert_eq!(both[0].0, "deletion_return");
        let mut alone = vec![("deletion_return".to_owned(), 0.6)];
        assert!(!lexicon.specific_first(&mut alone), "no frame, nothing framed");
        let mut unrelated = vec![("security".to_owned(), 0.6), ("audit".to_owned(), 0.4)];
        assert!(!lexicon.specific_first(&mut unrelated));
        assert_eq!(unrelated[0].0, "security");
    }

    #[test]
    fn one_short_duty_named_once_is_about_that_duty() {
        let item = "när uppdrag slutförts ska personuppgiftsbiträdet snarast radera alla personuppgifter";
        assert_eq!(topics("sv", "", item), ["deletion_return"]);
        // A title line names; it says nothing ("2. Löschung bei Ende des Vertrags.").
        assert!(topics("de", "", "2. Löschung bei Vertragsende.").is_empty());
        // Unless its words are long: a duty in four German compounds says it.
        assert_eq!(
            topics("de", "", "Vertraulichkeitsverpflichtung aller beteiligten Personen"),
            ["confidentiality"]
        );
        assert_eq!(
            topics("nl", "", "Geheimhoudingsverplichting voor alle betrokken medewerkers"),
            ["confidentiality"]
        );
        // Only a processor's duties: a short line on form is no amendments clause.
        assert!(topics("sv", "", "Avtalet ska ingås skriftligen mellan parterna här.").is_empty());
        // A long clause still needs two cues.
        let long = "Der Auftragnehmer wird die Daten nach Ende des Auftrags auf Weisung des Auftraggebers \
                    behandeln und dabei die gesetzlichen Vorgaben zu Aufbewahrung beachten, soweit diese \
                    im Einzelfall gelten und keine anderen Regeln der Parteien vorgehen, was regelmäßig \
                    geprüft und in geeigneter Form festgehalten wird, bevor etwas gelöscht wird.";
        assert!(!topics("de", "", long).contains(&"deletion_return".to_owned()));
    }

    #[test]
    fn names_and_addresses_state_data_categories_only_beside_the_subject_matter() {
        let body = "Verarbeitet werden Namen, Anschriften und Telefonnummern der Empfänger.";
        assert!(topics("de", "§ 1 Gegenstand des Auftrags", body).contains(&"data_categories".to_owned()));
        let dpo =
            "Die Meldung enthält den Namen, die Anschrift und die Telefonnummer des Datenschutzbeauftragten.";
        assert!(!topics("de", "§ 5 Meldepflichten", dpo).contains(&"data_categories".to_owned()));
    }

    #[test]
    fn sections_take_up_what_their_items_say() {
        let lexicon = Lexicon::builtin();
        let clause =
            |heading: &str, parents: &[String], body: &str| lexicon.classify("it", heading, parents, body);
        let cessazione = vec!["Cessazione".to_owned()];
        let mut found = vec![
            clause("Cessazione", &[], ""),
            clause("", &cessazione, "Entro trenta giorni il Responsabile cancella i dati."),
            clause("Disposizioni finali", &[], ""),
            clause("", &["Disposizioni finali".to_owned()], "Il contratto è regolato dalla legge italiana."),
        ];
        let places = [
            Place { parent: None, numbered: true },
            Place { parent: Some(0), numbered: true },
            Place { parent: None, numbered: true },
            Place { parent: Some(2), numbered: true },
        ];
        lexicon.roll_up(&places, &mut found);
        let ids = |k: usize| found[k].iter().map(|m| m.topic.as_str()).collect::<Vec<_>>();
        assert_eq!(ids(0), ["term_termination", "deletion_return"]);
        assert!(found[0][1].cues.iter().all(Cue::taken_up), "{:?}", found[0][1].cues);
        assert_eq!(ids(2), ["governing_law"]);
        // An unnumbered title heading over the whole document takes nothing from it.
        let title = Place { parent: None, numbered: false };
        let law = "Il contratto è regolato dalla legge italiana.";
        let mut found = vec![clause("Accordo", &[], ""), clause("", &["Accordo".to_owned()], law)];
        assert_eq!(found[1][0].topic, "governing_law");
        lexicon.roll_up(&[title, Place { parent: Some(0), numbered: true }], &mut found);
        assert!(found[0].is_empty(), "{:?}", found[0]);
    }

    #[test]
    fn a_retention_clause_that_deletes_is_about_deletion_too() {
        for (lang, heading, body) in [
            (
                "nl",
                "3 Bewaartermijn",
                "Bestanden worden maximaal 1 uur bewaard na verwerking, daarna automatisch verwijderd.",
            ),
            ("de", "3 Speicherdauer", "Dateien werden höchstens 24 Stunden gespeichert und danach gelöscht."),
            ("sv", "3 Lagringstid", "Filerna sparas i högst 7 dagar och raderas därefter."),
            (
                "it",
                "3 Periodo di conservazione",
                "I file sono conservati per 30 giorni e successivamente cancellati.",
            ),
        ] {
            let found = topics(lang, heading, body);
            assert!(found.contains(&"retention_backup".to_owned()), "{lang}: {found:?}");
            assert!(found.contains(&"deletion_return".to_owned()), "{lang}: {found:?}");
        }
    }

    #[test]
    fn an_unknown_companion_is_refused() {
        let file = "id = \"audit\"\nlabel=\"\"\nanchor=\"\"\narticles=[]\ncompanions=[\"nope\"]\n[cues]";
        let err = Lexicon::parse(&[("audit", file)]).err().unwrap();
        assert!(err.contains("unknown companion"), "{err}");
    }
}

/// Clauses as contracts commonly word them, without their headings, in our own words: the topic
/// each must carry.
#[cfg(test)]
mod phrasings {
    use super::*;

    #[test]
    fn each_common_clause_carries_its_topic() {
        let cases: &[(&str, &str, &str)] = &[
            ("de", "instructions", "Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich auf dokumentierte Weisung des Auftraggebers. Ist er der Ansicht, dass eine Weisung gegen Datenschutzvorschriften verstößt, informiert er den Auftraggeber unverzüglich."),
            ("it", "instructions", "Il Responsabile tratta i dati personali soltanto su istruzione documentata del Titolare e lo informa immediatamente qualora, a suo parere, un'istruzione violi il GDPR."),
            ("nl", "instructions", "Verwerker verwerkt de persoonsgegevens uitsluitend op basis van schriftelijke instructies van Verwerkingsverantwoordelijke en stelt deze onmiddellijk in kennis als een instructie in strijd is met de AVG."),
            ("sv", "instructions", "Personuppgiftsbiträdet får endast behandla personuppgifter enligt den personuppgiftsansvariges dokumenterade instruktioner och ska informera om en instruktion strider mot dataskyddsförordningen."),
            ("de", "confidentiality", "Der Auftragnehmer gewährleistet, dass sich die zur Verarbeitung befugten Personen zur Vertraulichkeit verpflichtet haben oder einer gesetzlichen Verschwiegenheitspflicht unterliegen."),
            ("it", "confidentiality", "Il Responsabile garantisce che le persone autorizzate al trattamento si siano impegnate alla riservatezza o abbiano un adeguato obbligo legale di riservatezza."),
            ("nl", "confidentiality", "Verwerker draagt er zorg voor dat personen die persoonsgegevens verwerken tot geheimhouding zijn verplicht."),
            ("sv", "confidentiality", "Biträdet ska säkerställa att personer som behandlar personuppgifterna har åtagit sig att iaktta konfidentialitet eller omfattas av tystnadsplikt."),
            ("de", "subprocessors", "Der Auftragnehmer darf weitere Auftragsverarbeiter nur mit vorheriger schriftlicher Genehmigung des Auftraggebers in Anspruch nehmen."),
            ("it", "subprocessors", "Il Responsabile non ricorre a un altro responsabile senza previa autorizzazione scritta del Titolare."),
            ("nl", "subprocessors", "Verwerker schakelt geen andere verwerker in zonder voorafgaande schriftelijke toestemming van Verwerkingsverantwoordelijke."),
            ("sv", "subprocessors", "Biträdet får inte anlita ett annat personuppgiftsbiträde utan den personuppgiftsansvariges skriftliga godkännande."),
            ("de", "data_subject_rights", "Der Auftragnehmer unterstützt den Auftraggeber bei der Beantwortung von Anträgen auf Wahrnehmung der Rechte der betroffenen Person."),
            ("it", "data_subject_rights", "Il Responsabile assiste il Titolare nel dare seguito alle richieste per l'esercizio dei diritti dell'interessato."),
            ("nl", "data_subject_rights", "Verwerker helpt Verwerkingsverantwoordelijke bij het vervullen van diens plicht om verzoeken van betrokkenen te beantwoorden."),
            ("sv", "data_subject_rights", "Biträdet ska bistå den personuppgiftsansvarige att besvara begäranden om utövande av den registrerades rättigheter."),
            ("de", "audit", "Der Auftragnehmer stellt dem Auftraggeber alle erforderlichen Informationen zum Nachweis der Einhaltung zur Verfügung und ermöglicht Überprüfungen einschließlich Inspektionen."),
            ("it", "audit", "Il Responsabile mette a disposizione del Titolare tutte le informazioni necessarie e consente e contribuisce alle attività di revisione, comprese le ispezioni."),
            ("nl", "audit", "Verwerker stelt alle informatie ter beschikking die nodig is om de nakoming aan te tonen en maakt audits, waaronder inspecties, mogelijk."),
            ("sv", "audit", "Biträdet ska ge den personuppgiftsansvarige tillgång till all information som krävs och möjliggöra och bidra till granskningar, inbegripet inspektioner."),
            ("de", "deletion_return", "Nach Abschluss der Erbringung der Verarbeitungsleistungen löscht der Auftragnehmer nach Wahl des Auftraggebers alle personenbezogenen Daten oder gibt sie zurück."),
            ("it", "deletion_return", "Al termine della prestazione dei servizi il Responsabile cancella o restituisce, su scelta del Titolare, tutti i dati personali."),
            ("nl", "deletion_return", "Na afloop van de dienstverlening wist Verwerker naar keuze van Verwerkingsverantwoordelijke alle persoonsgegevens of bezorgt deze terug."),
            ("sv", "deletion_return", "När tjänsterna har tillhandahållits ska biträdet, beroende på vad den personuppgiftsansvarige väljer, radera eller återlämna alla personuppgifter."),
            ("de", "breach_notification", "Der Auftragnehmer meldet dem Auftraggeber eine Verletzung des Schutzes personenbezogener Daten unverzüglich, nachdem sie ihm bekannt wurde."),
            ("it", "breach_notification", "Il Responsabile informa il Titolare senza ingiustificato ritardo dopo essere venuto a conoscenza della violazione dei dati personali."),
            ("nl", "breach_notification", "Verwerker informeert Verwerkingsverantwoordelijke zonder onredelijke vertraging zodra hij kennis neemt van een inbreuk in verband met persoonsgegevens."),
            ("sv", "breach_notification", "Biträdet ska underrätta den personuppgiftsansvarige utan onödigt dröjsmål efter att ha fått vetskap om en personuppgiftsincident."),
            ("de", "international_transfers", "Eine Übermittlung personenbezogener Daten in ein Drittland erfolgt nur, wenn die Voraussetzungen der Art. 44 ff. DSGVO erfüllt sind."),
            ("it", "international_transfers", "Il trasferimento dei dati verso un paese terzo avviene solo in presenza di garanzie adeguate, quali le clausole contrattuali tipo."),
            ("nl", "international_transfers", "Doorgifte van persoonsgegevens naar een derde land vindt alleen plaats met passende waarborgen, zoals standaardcontractbepalingen."),
            ("sv", "international_transfers", "Överföring av personuppgifter till tredje land får endast ske om lämpliga skyddsåtgärder finns, till exempel standardavtalsklausuler."),
            ("de", "security", "Der Auftragnehmer trifft alle gemäß Art. 32 DSGVO erforderlichen technischen und organisatorischen Maßnahmen."),
            ("sv", "security", "Biträdet ska vidta alla åtgärder som krävs enligt artikel 32, bland annat kryptering och åtkomstkontroll."),
            // Round 13: "Subauftragsverarbeiter"; returning said in the past participle.
            ("de", "subprocessors", "Der Verantwortliche erteilt die allgemeine Genehmigung zum Einsatz folgender Subauftragsverarbeiter."),
            ("de", "deletion_return", "Nach Beendigung des Vertrages werden alle Daten innerhalb von 30 Tagen gelöscht oder auf Wunsch zurückgegeben."),
            ("nl", "deletion_return", "Na einde van de dienstverlening worden de persoonsgegevens verwijderd of teruggegeven."),
            ("sv", "deletion_return", "Vid avtalets upphörande ska personuppgifterna raderas eller returneras till kunden."),
            ("it", "deletion_return", "Alla cessazione del contratto i dati personali sono cancellati o restituiti al Titolare."),
            // Round 14: the clauses named with a prefix ("EU-Standardvertragsklauseln").
            ("de", "international_transfers", "Die Übermittlung an Unterauftragsverarbeiter in den USA erfolgt auf Basis der EU-Standardvertragsklauseln."),
            ("nl", "international_transfers", "Verstrekking aan subverwerkers in de VS vindt plaats op basis van de EU-standaardcontractbepalingen."),
            ("sv", "international_transfers", "Underbiträden i USA anlitas med stöd av EU-standardavtalsklausuler."),
            ("en", "international_transfers", "Sub-processors in the USA are engaged under the EU-U.S. Data Privacy Framework."),
            // Round 15: the German-English "Subprozessoren".
            ("de", "subprocessors", "Wir setzen heute folgende Subprozessoren ein."),
            // Round 16: an "on-site audit" named (English inside Dutch), even to replace it.
            ("nl", "audit", "Eénmaal per jaar verstrekt Verwerker haar nalevingsdocumentatie en de lijst van sub-verwerkers; deze documentatie geldt in plaats van een on-site audit."),
            // Round 18: "dokumentierten Weisungen", declined.
            ("de", "instructions", "Der Auftragsverarbeiter verarbeitet personenbezogene Daten nur im Rahmen der dokumentierten Weisungen des Verantwortlichen."),
            // Round 17: giving instructions said of the controller, in every language.
            ("de", "instructions", "Der Verantwortliche ist für die Rechtmäßigkeit verantwortlich. Er erteilt alle Weisungen schriftlich oder in dokumentierter elektronischer Form."),
            ("nl", "instructions", "De klant is verantwoordelijk voor de rechtmatigheid. Hij geeft alle instructies schriftelijk of per e-mail."),
            ("sv", "instructions", "Kunden ansvarar för att behandlingen är laglig. Kunden lämnar alla instruktioner skriftligen."),
            ("it", "instructions", "Il Titolare è responsabile della liceità. Impartisce tutte le istruzioni per iscritto."),
        ];
        let mut missed = Vec::new();
        for (lang, topic, body) in cases {
            let found: Vec<String> =
                Lexicon::builtin().classify(lang, "", &[], body).into_iter().map(|m| m.topic).collect();
            if !found.iter().any(|t| t == topic) {
                missed.push(format!("{lang} {topic}: {found:?} ← {body}"));
            }
        }
        assert!(missed.is_empty(), "{}", missed.join("\n"));
    }

    #[test]
    fn the_article_reference_pattern_runs_on_the_lazy_dfa() {
        crate::boundary::assert_lazy_dfa([&*ARTICLE_REF_PATTERN, &*ARTICLE_RANGE]);
    }
}
