//! Diff reports a lawyer can send: the comparison, its sources, the user's corrections and
//! bookmarks, in HTML, Markdown or PDF, with headings in one of five languages.

mod html;
mod markdown;
mod pdf;
mod portfolio;

pub use portfolio::PortfolioReport;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::api::{BookmarkFilter, ClauseId, Comparison, DocId, PositionResult, RedlineSegment, Verdict};
use crate::error::Missing;
use crate::playbook::Playbook;
use crate::{Error, Library, Result};
use concordia_store::BookmarkStatus;

/// The languages a report's headings and labels come in: every language Concordia reads
/// (`Lang::KNOWN`, the one list); a test checks `labels.toml` has each.
pub static REPORT_LANGUAGES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| concordia_text::Lang::KNOWN.iter().map(|l| l.code()).collect());

/// The headings and labels of one report language (`report/labels.toml`).
#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    text: BTreeMap<String, String>,
    kinds: BTreeMap<String, String>,
    topics: BTreeMap<String, String>,
    values: BTreeMap<String, String>,
    reasons: BTreeMap<String, String>,
    /// The app's own words (`[xx.ui]`), keyed by their English text; English has none.
    #[serde(default)]
    ui: BTreeMap<String, String>,
    /// The Art. 28 checklist's status words and reasons.
    checklist: BTreeMap<String, String>,
    /// Requirement names by id; English names come from the lexicon (`checklist.toml`).
    #[serde(default)]
    requirements: BTreeMap<String, String>,
    /// Names of a requirement's parts, keyed by their English names; English has none.
    #[serde(default)]
    parts: BTreeMap<String, String>,
    /// Where the GDPR asks for a requirement, cited as lawyers of the language do, by id;
    /// English citations come from the lexicon.
    #[serde(default)]
    articles: BTreeMap<String, String>,
    /// The language code ("de").
    #[serde(skip)]
    lang: String,
    /// Country names by ISO code (`report/countries.toml`).
    #[serde(skip)]
    countries: BTreeMap<String, String>,
}

impl Labels {
    /// A heading or word by key; the key itself if missing (a test keeps every key present).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.text.get(key).map_or(key, String::as_str)
    }

    /// The labels of one language ("en", "sv", "de", "it", "nl"), if it is one of them.
    pub fn of(lang: &str) -> Option<&'static Labels> {
        LABELS.get(lang)
    }

    /// The English labels: the app's language, and the CLI's.
    pub fn english() -> &'static Labels {
        &LABELS["en"]
    }

    /// A template or word of a verdict's reason (`[xx.reasons]`), or the key as given.
    pub fn reason<'a>(&'a self, key: &'a str) -> &'a str {
        self.reasons.get(key).map_or(key, String::as_str)
    }

    /// A word or template of the Art. 28 checklist (`[xx.checklist]`), or the key as given.
    pub fn checklist<'a>(&'a self, key: &'a str) -> &'a str {
        self.checklist.get(key).map_or(key, String::as_str)
    }

    /// A requirement's name, or `english` (the lexicon's) when this language has none.
    pub fn requirement<'a>(&'a self, id: &str, english: &'a str) -> &'a str {
        self.requirements.get(id).map_or(english, String::as_str)
    }

    /// Where the GDPR asks for a requirement ("Art. 28 Abs. 3 lit. a DSGVO"), or the English
    /// citation as given.
    pub fn article<'a>(&'a self, id: &str, english: &'a str) -> &'a str {
        self.articles.get(id).map_or(english, String::as_str)
    }

    /// The language these labels word things in ("de").
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// A requirement part's name, or the English name as given.
    pub fn part<'a>(&'a self, english: &'a str) -> &'a str {
        self.parts.get(english).map_or(english, String::as_str)
    }

    /// A key-term kind in words ("Audit notice"), or the kind as given.
    pub fn kind<'a>(&'a self, kind: &'a str) -> &'a str {
        self.kinds.get(kind).map_or(kind, String::as_str)
    }

    /// A value word ("working_days", "lost_profit", "without undue delay"), or the word as given.
    pub(crate) fn word(&self, word: &str) -> String {
        self.values.get(&word.replace(' ', "_")).cloned().unwrap_or_else(|| word.replace('_', " "))
    }

    /// A key term's value in the report language: "5 Werktage", "EUR 5.000", "unbegrenzt".
    pub fn value(&self, value: &serde_json::Value) -> String {
        use serde_json::Value;
        let text = |key: &str| value.get(key).and_then(Value::as_str);
        if let (Some(n), Some(unit)) = (value.get("value").and_then(Value::as_u64), text("unit")) {
            let unit = if n == 1 { self.word(unit.trim_end_matches('s')) } else { self.word(unit) };
            // The hedge is quoted as the contract words it ("in der Regel"), in any language.
            let hedge = text("hedge").map(|h| format!(" (“{h}”)")).unwrap_or_default();
            return format!("{n} {unit}{hedge}");
        }
        let basis = text("basis").map(|b| self.word(b));
        if let Some(amount) = value.get("amount").and_then(Value::as_f64) {
            let basis = basis.map(|b| format!(" ({b})")).unwrap_or_default();
            return format!("{} {}{basis}", text("currency").unwrap_or(""), self.thousands(amount));
        }
        if let Some(basis) = basis {
            return basis;
        }
        if let (Some(n), Some(of)) = (value.get("multiple").and_then(Value::as_u64), text("of")) {
            return format!("{n} × {}", self.word(of));
        }
        for flag in ["unlimited", "by_reference"] {
            if value.get(flag).is_some() {
                return self.word(flag);
            }
        }
        if let Some(code) = text("country") {
            return self.countries.get(code).cloned().unwrap_or_else(|| code.to_owned());
        }
        for key in ["qualitative", "place"] {
            if let Some(t) = text(key) {
                return self.word(t);
            }
        }
        if let Some(count) = value.get("count").and_then(Value::as_u64) {
            return format!("{count} {}", self.word("per_year"));
        }
        match value {
            Value::String(s) => self.word(s),
            Value::Array(items) => {
                items.iter().filter_map(Value::as_str).map(|w| self.word(w)).collect::<Vec<_>>().join(", ")
            }
            other => other.to_string(),
        }
    }

    fn thousands(&self, amount: f64) -> String {
        let sep = self.values.get("thousands").map_or(",", String::as_str);
        let whole = format!("{:.0}", amount.trunc());
        let mut out = String::new();
        for (k, c) in whole.chars().enumerate() {
            if k > 0 && (whole.len() - k) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }
}

/// Reads the shipped labels now rather than in the first comparison.
pub(crate) fn warm_up() {
    LazyLock::force(&LABELS);
}

static LABELS: LazyLock<HashMap<String, Labels>> = LazyLock::new(|| {
    let mut labels: HashMap<String, Labels> = toml::from_str(include_str!("../../report/labels.toml"))
        .expect("report/labels.toml is valid (tested)");
    let mut countries: HashMap<String, BTreeMap<String, String>> =
        toml::from_str(include_str!("../../report/countries.toml"))
            .expect("report/countries.toml is valid (tested)");
    for (lang, l) in &mut labels {
        l.countries = countries.remove(lang).unwrap_or_default();
        l.lang = lang.clone();
    }
    labels
});

impl crate::api::Comparison {
    /// The comparison's words (kind names, values, reasons) in another language; the values
    /// and verdicts themselves stay as they are.
    pub fn worded_in(mut self, labels: &Labels) -> Self {
        for row in &mut self.matrix {
            row.label = labels.kind(row.kind.id()).to_owned();
            for cell in &mut row.cells {
                cell.display = cell.value.as_ref().map(|v| labels.value(v));
                cell.reason = cell.why.words(row.kind, labels);
            }
        }
        self
    }
}

/// A document's key terms with their names and values in another language.
pub fn terms_worded_in(mut terms: Vec<crate::api::TermView>, labels: &Labels) -> Vec<crate::api::TermView> {
    for t in &mut terms {
        t.label = labels.kind(t.kind.id()).to_owned();
        t.display = labels.value(&t.value);
    }
    terms
}

/// A verdict's colours (`report/verdicts.toml`).
#[derive(Debug, Clone, Deserialize)]
pub struct VerdictColour {
    /// The text, as `#rrggbb`.
    pub text: String,
    /// Behind it, as `#rrggbb`.
    pub background: String,
}

/// The verdict colours of one theme, by verdict id ("stricter", "looser", "same").
pub type VerdictColours = BTreeMap<String, VerdictColour>;

#[derive(Deserialize)]
struct Themes {
    light: VerdictColours,
    dark: VerdictColours,
}

static THEMES: LazyLock<Themes> = LazyLock::new(|| {
    toml::from_str(include_str!("../../report/verdicts.toml"))
        .expect("report/verdicts.toml is valid (tested)")
});

/// The verdict colours on paper and in the app's light theme.
pub fn light_colours() -> &'static VerdictColours {
    &THEMES.light
}

/// `--stricter`, `--stricter-bg`, … for a stylesheet.
pub fn css_variables(colours: &VerdictColours) -> String {
    colours
        .iter()
        .map(|(v, c)| format!("--{v}: {}; --{v}-bg: {};", c.text, c.background))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The app's verdict colours as CSS (`ui/static/verdicts.css`), light and dark.
pub fn verdicts_css() -> String {
    format!(
        "/* Generated from crates/core/report/verdicts.toml by crates/core/tests/ui_labels.rs: do not edit. */\n\
         :root {{ {} }}\n@media (prefers-color-scheme: dark) {{ :root {{ {} }} }}\n",
        css_variables(&THEMES.light),
        css_variables(&THEMES.dark)
    )
}

/// `#rrggbb` as red, green, blue; black for anything else (the table is tested).
pub fn rgb(hex: &str) -> (u8, u8, u8) {
    let channel = |at: usize| hex.get(at..at + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    (channel(1), channel(3), channel(5))
}

/// What the app needs of every language's labels, as `ui/src/generated/labels.ts` holds it:
/// its own words, the key-term kinds, the topics, the verdict words and the checklist's statuses.
pub fn ui_labels() -> serde_json::Value {
    let verdicts = [
        ("stricter", "stricter"),
        ("looser", "looser"),
        ("same", "same"),
        ("missing", "missing"),
        ("not_comparable", "not_comparable"),
        ("reference", "is_reference"),
    ];
    let languages = REPORT_LANGUAGES.iter().map(|&lang| {
        let l = &LABELS[lang];
        let words: serde_json::Map<String, serde_json::Value> =
            verdicts.iter().map(|(v, key)| ((*v).to_owned(), l.t(key).into())).collect();
        let statuses: serde_json::Map<String, serde_json::Value> =
            ["met", "partly", "missing"].iter().map(|k| ((*k).to_owned(), l.checklist(k).into())).collect();
        let results: serde_json::Map<String, serde_json::Value> = ["acceptable", "negotiable", "unacceptable", "not_stated"]
            .iter()
            .map(|k| ((*k).to_owned(), l.checklist(k).into()))
            .collect();
        let entry = serde_json::json!({
            "ui": l.ui, "kinds": l.kinds, "topics": l.topics, "verdicts": words, "statuses": statuses, "results": results
        });
        (lang.to_owned(), entry)
    });
    serde_json::Value::Object(languages.collect())
}

/// Text made safe inside HTML.
pub(crate) fn html_escape(text: &str) -> String {
    html::esc(text)
}

/// The file formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One self-contained HTML file.
    Html,
    /// CommonMark (with tables).
    Markdown,
    /// A4 PDF with embedded fonts.
    Pdf,
}

impl ReportFormat {
    /// From a name ("html", "md", "pdf") or a file extension.
    pub fn parse(name: &str) -> Result<ReportFormat> {
        match name.trim_start_matches('.').to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(ReportFormat::Html),
            "md" | "markdown" => Ok(ReportFormat::Markdown),
            "pdf" => Ok(ReportFormat::Pdf),
            other => Err(Error::Invalid(format!("unknown report format {other:?}; use html, md or pdf"))),
        }
    }
}

/// Everything a report says, in the report's language, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Report language ("en").
    pub lang: String,
    /// "Comparison report", in the report language.
    pub title: String,
    /// When it was made, "2026-11-23 14:05 UTC".
    pub generated: String,
    /// Concordia's version.
    pub version: String,
    /// The documents compared, in column order.
    pub documents: Vec<ReportDocument>,
    /// Key terms stated by at least one document.
    pub terms: Vec<ReportTerm>,
    /// Each requirement of GDPR Art. 28, one cell per document.
    pub checklist: Vec<ReportRequirement>,
    /// Aligned rows of clauses.
    pub rows: Vec<ReportRow>,
    /// The user's alignment corrections.
    pub corrections: Vec<ReportCorrection>,
    /// Bookmarks on these documents.
    pub bookmarks: Vec<ReportBookmark>,
    /// The playbook the key terms were also judged against (its name), if one was chosen.
    pub playbook: Option<String>,
    #[serde(skip)]
    labels: Labels,
}

/// What a comparison's key terms are judged against: a reference document, a playbook's
/// positions, or (with neither) each other.
#[derive(Debug, Clone, Copy, Default)]
pub struct Against<'a> {
    /// The document the others are held against.
    pub reference: Option<DocId>,
    /// The playbook whose positions judge each value it takes a position on.
    pub playbook: Option<&'a Playbook>,
}

impl Against<'_> {
    /// Against a reference document, or each other.
    pub fn reference(reference: Option<DocId>) -> Self {
        Against { reference, playbook: None }
    }
}

/// A compared document and how to tell it is the one meant.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDocument {
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// File name it was imported from.
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Whether the others were judged against it.
    pub is_reference: bool,
}

/// One key term across the documents.
#[derive(Debug, Clone, Serialize)]
pub struct ReportTerm {
    /// "Liability cap", in the report language.
    pub label: String,
    /// One per document.
    pub cells: Vec<ReportValue>,
    /// The playbook's position on it, in words, when the report holds one.
    pub position: Option<String>,
}

/// One document's value of a key term, with its source.
#[derive(Debug, Clone, Serialize)]
pub struct ReportValue {
    /// The value in words, or `None` when not stated.
    pub value: Option<String>,
    /// "stricter", "looser", …, in the report language.
    pub verdict: String,
    /// The verdict's id ("stricter").
    pub verdict_id: String,
    /// Why (English).
    pub reason: String,
    /// The clause it comes from ("§ 8 Haftung").
    pub clause: Option<String>,
    /// The sentence it comes from.
    pub quote: Option<String>,
}

/// One requirement of the Art. 28 checklist across the documents.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRequirement {
    /// Its name, in the report language.
    pub label: String,
    /// Where the GDPR asks for it.
    pub article: String,
    /// One per document.
    pub cells: Vec<ReportStatus>,
}

/// Where one document stands on one requirement, with its source.
#[derive(Debug, Clone, Serialize)]
pub struct ReportStatus {
    /// "met", "partly" or "missing".
    pub status_id: String,
    /// The status in the report language.
    pub status: String,
    /// Why, in the report language.
    pub reason: String,
    /// The clause that decides it.
    pub clause: Option<String>,
    /// The sentence that decides it.
    pub quote: Option<String>,
}

/// Equivalent clauses across the documents.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    /// The row's topic, in the report language.
    pub topic: String,
    /// One per document.
    pub cells: Vec<ReportCell>,
    /// Word changes, when two documents in one language are compared.
    pub redline: Option<Vec<RedlineSegment>>,
    /// The clause sits elsewhere in the second document.
    pub moved: bool,
}

/// One document's clauses in a row.
#[derive(Debug, Clone, Serialize)]
pub struct ReportCell {
    /// Their labels ("Artikel 8 Aansprakelijkheid").
    pub clauses: Vec<String>,
    /// Their text.
    pub text: String,
    /// For an empty cell of a document that deals with the topic in another row's clause:
    /// "no clause of its own; dealt with in 4 Aard en doel (Subject matter)".
    pub elsewhere: Option<String>,
}

/// A correction the user made, in words.
#[derive(Debug, Clone, Serialize)]
pub struct ReportCorrection {
    /// "Not equivalent", in the report language.
    pub kind: String,
    /// "Document — clause".
    pub first: String,
    /// "Document — clause".
    pub second: String,
    /// When.
    pub at: String,
}

/// A bookmark on one of the documents.
#[derive(Debug, Clone, Serialize)]
pub struct ReportBookmark {
    /// Document title.
    pub document: String,
    /// Clause label.
    pub clause: String,
    /// The user's note.
    pub note: String,
    /// The user's tags.
    pub tags: Vec<String>,
    /// The clause text bookmarked.
    pub quote: String,
    /// "needs review" and the like, in the report language; `None` when anchored.
    pub status: Option<String>,
}

impl Report {
    /// The labels of the report's language.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    /// The sentence saying which playbook judged the key terms, if one did.
    pub fn against_playbook(&self) -> Option<String> {
        self.playbook.as_ref().map(|name| self.labels.t("against_playbook").replace("{name}", name))
    }

    /// Renders the report.
    pub fn render(&self, format: ReportFormat) -> Result<Vec<u8>> {
        match format {
            ReportFormat::Html => Ok(html::render(self).into_bytes()),
            ReportFormat::Markdown => Ok(markdown::render(self).into_bytes()),
            ReportFormat::Pdf => pdf::render(self),
        }
    }
}

impl Library {
    /// A comparison worded in `labels`' language and judged against a reference document or a
    /// playbook: what the app, the CLI and a report show.
    pub fn compare_against(&self, ids: &[DocId], against: Against, labels: &Labels) -> Result<Comparison> {
        let comparison = self.compare(ids, against.reference)?.worded_in(labels);
        Ok(match against.playbook {
            Some(playbook) => comparison.judged_by(playbook, labels),
            None => comparison,
        })
    }

    /// The diff report of a comparison, headings in `lang` (en, sv, de, it, nl).
    pub fn report(&self, ids: &[DocId], against: Against, lang: &str) -> Result<Report> {
        let labels = LABELS.get(lang).cloned().ok_or_else(|| {
            Error::Invalid(format!("no report language {lang:?}; use one of {}", REPORT_LANGUAGES.join(", ")))
        })?;
        let comparison = self.compare_against(ids, against, &labels)?;
        let clauses = self.clause_labels(&comparison, &labels)?;
        let mut documents = Vec::new();
        for d in &comparison.documents {
            let summary = self
                .store()
                .document_summary(d.id.0)?
                .ok_or_else(|| Error::NotFound(Missing::Document(d.id.to_string())))?;
            documents.push(ReportDocument {
                title: d.title.clone(),
                language: d.language.clone(),
                file: file_name(&d.path),
                sha256: summary.content_hash,
                is_reference: comparison.reference == Some(d.id),
            });
        }
        let bookmarks = self
            .bookmarks(&BookmarkFilter::default())?
            .into_iter()
            .filter(|b| b.doc_id.is_some_and(|d| ids.contains(&d)))
            .map(|b| ReportBookmark {
                status: (b.status != BookmarkStatus::Anchored).then(|| labels.t(b.status.name()).to_owned()),
                document: b.doc_title,
                clause: b.clause_label,
                note: b.note,
                tags: b.tags,
                quote: b.quote,
            })
            .collect();
        Ok(Report {
            lang: lang.to_owned(),
            title: labels.t("report_title").to_owned(),
            generated: generated_now(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            documents,
            terms: terms(&comparison, &clauses, &labels),
            checklist: self.checklist_rows(&comparison, &clauses, &labels)?,
            rows: rows(&comparison, &labels),
            corrections: corrections(&comparison, &clauses, &labels),
            bookmarks,
            playbook: comparison.playbook.clone(),
            labels,
        })
    }

    /// Makes the report and writes it to `path` (never over an existing file unless `overwrite`).
    pub fn write_report(
        &self,
        ids: &[DocId],
        against: Against,
        lang: &str,
        format: ReportFormat,
        path: &Path,
        overwrite: bool,
    ) -> Result<()> {
        if !overwrite && path.exists() {
            return Err(Error::Exists { path: path.to_path_buf() });
        }
        let bytes = self.report(ids, against, lang)?.render(format)?;
        crate::output::write_file(path, &bytes, overwrite)?;
        tracing::info!(documents = ?ids, lang, format = ?format, bytes = bytes.len(), path = %path.display(), "report written");
        Ok(())
    }

    /// The Art. 28 checklist of every compared document, requirement by requirement.
    fn checklist_rows(
        &self,
        comparison: &Comparison,
        clauses: &HashMap<ClauseId, (String, String)>,
        labels: &Labels,
    ) -> Result<Vec<ReportRequirement>> {
        let reviews: Vec<crate::api::Review> =
            comparison.documents.iter().map(|d| self.review_in(d.id, labels)).collect::<Result<_>>()?;
        let Some(first) = reviews.first() else { return Ok(Vec::new()) };
        Ok((0..first.checklist.len())
            .map(|k| ReportRequirement {
                label: first.checklist[k].label.clone(),
                article: first.checklist[k].article.clone(),
                cells: reviews
                    .iter()
                    .map(|r| {
                        let item = &r.checklist[k];
                        let id = serde_json::to_value(item.status)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned));
                        let id = id.unwrap_or_default();
                        ReportStatus {
                            status: labels.checklist(&id).to_owned(),
                            status_id: id,
                            reason: item.reason.clone(),
                            clause: item
                                .clause_ids
                                .first()
                                .and_then(|c| clauses.get(c))
                                .map(|(_, l)| l.clone()),
                            quote: (!item.quote.is_empty()).then(|| item.quote.clone()),
                        }
                    })
                    .collect(),
            })
            .collect())
    }

    /// "Document title — clause label (, p. 3)" for every clause of the compared documents.
    fn clause_labels(
        &self,
        comparison: &Comparison,
        labels: &Labels,
    ) -> Result<HashMap<ClauseId, (String, String)>> {
        let mut out = HashMap::new();
        for d in &comparison.documents {
            for c in self.document(d.id, None)?.clauses {
                let mut label = crate::bookmarks::label(c.number.as_deref(), c.heading.as_deref(), &c.text);
                if let Some(page) = c.page {
                    label.push_str(&format!(", {} {page}", labels.t("page_short")));
                }
                out.insert(c.id, (d.title.clone(), label));
            }
        }
        Ok(out)
    }
}

fn terms(
    comparison: &Comparison,
    clauses: &HashMap<ClauseId, (String, String)>,
    labels: &Labels,
) -> Vec<ReportTerm> {
    comparison
        .matrix
        .iter()
        .filter(|row| row.cells.iter().any(|c| c.value.is_some()))
        .map(|row| ReportTerm {
            label: labels.kind(row.kind.id()).to_owned(),
            cells: row
                .cells
                .iter()
                .map(|c| {
                    let (verdict, verdict_id, reason) = match &c.playbook {
                        Some(p) => (
                            labels.checklist(p.result.id()).to_owned(),
                            result_colour(p.result),
                            p.reason.clone(),
                        ),
                        None => (
                            labels.t(verdict_key(c.verdict)).to_owned(),
                            verdict_id(c.verdict),
                            c.why.words(row.kind, labels),
                        ),
                    };
                    ReportValue {
                        value: c.value.as_ref().map(|v| labels.value(v)),
                        verdict,
                        verdict_id: verdict_id.to_owned(),
                        reason,
                        clause: c.clause_id.and_then(|id| clauses.get(&id)).map(|(_, l)| l.clone()),
                        quote: c.quote.clone(),
                    }
                })
                .collect(),
            position: row.position.clone(),
        })
        .collect()
}

/// A playbook result drawn in the verdicts' colours: acceptable as the protective green,
/// unacceptable as the red, the rest muted.
fn result_colour(result: PositionResult) -> &'static str {
    match result {
        PositionResult::Acceptable => "stricter",
        PositionResult::Unacceptable => "looser",
        PositionResult::Negotiable => "not_comparable",
        PositionResult::NotStated => "missing",
    }
}

fn rows(comparison: &Comparison, labels: &Labels) -> Vec<ReportRow> {
    comparison
        .rows
        .iter()
        .map(|row| ReportRow {
            topic: row
                .topic
                .as_ref()
                .and_then(|t| labels.topics.get(t))
                .cloned()
                .unwrap_or_else(|| labels.t("other_topics").to_owned()),
            cells: row
                .cells
                .iter()
                .map(|c| ReportCell {
                    clauses: c.labels.clone(),
                    text: c
                        .texts
                        .iter()
                        .zip(&c.labels)
                        .map(|(t, l)| without_heading(t, l))
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                    elsewhere: c.elsewhere.as_ref().map(|e| {
                        let topic = e.row_topic.as_ref().and_then(|t| labels.topics.get(t));
                        let topic = topic.map(|t| format!(" ({t})")).unwrap_or_default();
                        format!("{} {}{topic}", labels.t("dealt_with_in"), e.label)
                    }),
                })
                .collect(),
            redline: row.redline.clone(),
            moved: row.moved,
        })
        .collect()
}

fn corrections(
    comparison: &Comparison,
    clauses: &HashMap<ClauseId, (String, String)>,
    labels: &Labels,
) -> Vec<ReportCorrection> {
    let name = |id: ClauseId| {
        clauses.get(&id).map_or_else(|| format!("#{id}"), |(doc, label)| format!("{doc} — {label}"))
    };
    comparison
        .corrections
        .iter()
        .map(|c| ReportCorrection {
            kind: labels.t(c.kind.name()).to_owned(),
            first: name(c.anchor_clause_id),
            second: name(c.moved_clause_id),
            at: c.created_at.chars().take(10).collect(),
        })
        .collect()
}

/// A clause's text without its first line when that line only repeats the label shown above it
/// ("Articolo 1 – Oggetto" under "Articolo 1 Oggetto").
fn without_heading<'a>(text: &'a str, label: &str) -> &'a str {
    let letters =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    if !rest.trim().is_empty() && letters(first) == letters(label) {
        rest.trim_start()
    } else {
        text
    }
}

fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Stricter => "stricter",
        Verdict::Looser => "looser",
        Verdict::Same => "same",
        Verdict::Missing => "missing",
        Verdict::NotComparable => "not_comparable",
        Verdict::Reference => "reference",
    }
}

fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Reference => "is_reference",
        other => verdict_id(other),
    }
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

pub(super) fn generated_now() -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::now_utc().format(&format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_worded_in_the_report_language_with_every_value_it_names() {
        use crate::verdict::{How, Reason};
        let hours = |n: u64| serde_json::json!({"value": n, "unit": "hours", "approx_days": n as f64 / 24.0});
        let shorter = Reason::Against { mine: hours(24), theirs: hours(72), how: How::Ordered("shorter") };
        assert_eq!(
            shorter.words(concordia_legal::TermKind::BreachNotice, &LABELS["en"]),
            "24 hours is shorter than the reference's 72 hours"
        );
        assert_eq!(
            shorter.words(concordia_legal::TermKind::BreachNotice, &LABELS["de"]),
            "24 Stunden ist kürzer als die Referenz (72 Stunden)"
        );
        assert_eq!(
            shorter.words(concordia_legal::TermKind::BreachNotice, &LABELS["nl"]),
            "24 uur is korter dan de referentie (72 uur)"
        );
        // Every language's template names the same values as the English one.
        let holes = |t: &str| -> Vec<String> {
            let mut h: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}'))
                .map(|(name, _)| name.replace("_lower", ""))
                .collect();
            h.sort();
            h
        };
        for &lang in REPORT_LANGUAGES.iter() {
            for (key, english) in &LABELS["en"].reasons {
                assert_eq!(holes(LABELS[lang].reason(key)), holes(english), "{lang}.reasons.{key}");
            }
        }
    }

    /// The search index has a field for every language Concordia reads (`index` cannot see
    /// `Lang`, so the one list is checked here, where both meet).
    #[test]
    fn every_known_language_has_an_index_field() {
        let fields: Vec<&str> = concordia_index::LANG_FIELDS.iter().map(|f| f.code).collect();
        let known: Vec<&str> =
            concordia_text::Lang::KNOWN.iter().map(|l| l.code()).chain(["unknown"]).collect();
        assert_eq!(fields, known);
    }

    #[test]
    fn every_coloured_verdict_has_its_colours_in_both_themes() {
        for theme in [&THEMES.light, &THEMES.dark] {
            let ids: Vec<&str> = theme.keys().map(String::as_str).collect();
            assert_eq!(ids, ["looser", "same", "stricter"]);
            for c in theme.values() {
                for hex in [&c.text, &c.background] {
                    assert!(
                        hex.len() == 7 && hex.starts_with('#') && u32::from_str_radix(&hex[1..], 16).is_ok(),
                        "{hex}"
                    );
                }
            }
        }
        assert_eq!(rgb("#1b5a96"), (0x1b, 0x5a, 0x96));
    }

    #[test]
    fn every_translation_of_the_app_has_the_same_words() {
        let first = &LABELS["sv"].ui;
        assert!(first.len() > 100, "the app's words are translated");
        assert!(LABELS["en"].ui.is_empty(), "English is the key itself");
        for &lang in REPORT_LANGUAGES.iter().filter(|&&l| l != "en") {
            let theirs = &LABELS[lang].ui;
            let missing: Vec<&String> = first.keys().filter(|k| !theirs.contains_key(*k)).collect();
            let extra: Vec<&String> = theirs.keys().filter(|k| !first.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}.ui lacks {missing:?}, has extra {extra:?}"
            );
            for (english, words) in theirs {
                let holes = |t: &str| t.matches('{').count();
                assert_eq!(holes(english), holes(words), "{lang}.ui {english:?}: the same {{holes}}");
            }
        }
    }

    #[test]
    fn every_requirement_and_its_parts_are_named_in_every_language() {
        for &lang in REPORT_LANGUAGES.iter().filter(|&&l| l != "en") {
            let l = &LABELS[lang];
            for r in concordia_legal::requirements() {
                let id = serde_json::to_value(r.id).unwrap();
                let id = id.as_str().unwrap();
                assert!(l.requirements.contains_key(id), "{lang}.requirements lacks {id}");
                assert!(l.articles.contains_key(id), "{lang}.articles lacks {id}");
                for part in &r.parts {
                    assert!(l.parts.contains_key(*part), "{lang}.parts lacks {part:?}");
                }
            }
            let holes = |t: &str| t.matches('{').count();
            for (key, english) in &LABELS["en"].checklist {
                assert_eq!(holes(l.checklist(key)), holes(english), "{lang}.checklist.{key}");
            }
        }
    }

    #[test]
    fn every_report_language_has_every_label() {
        let en = &LABELS["en"];
        for &lang in REPORT_LANGUAGES.iter() {
            let l = &LABELS[lang];
            for (table, theirs, ours) in [
                ("text", &l.text, &en.text),
                ("kinds", &l.kinds, &en.kinds),
                ("topics", &l.topics, &en.topics),
                ("reasons", &l.reasons, &en.reasons),
                ("checklist", &l.checklist, &en.checklist),
            ] {
                let missing: Vec<&String> = ours.keys().filter(|k| !theirs.contains_key(*k)).collect();
                assert!(missing.is_empty(), "{lang}.{table} lacks {missing:?}");
            }
        }
        let de = &LABELS["de"];
        assert_eq!(de.value(&serde_json::json!({"value": 5, "unit": "working_days"})), "5 Werktage");
        assert_eq!(de.value(&serde_json::json!({"value": 1, "unit": "months"})), "1 Monat");
        assert_eq!(de.value(&serde_json::json!({"amount": 250000.0, "currency": "EUR"})), "EUR 250.000");
        assert_eq!(
            LABELS["sv"].value(&serde_json::json!({"amount": 500000.0, "currency": "SEK"})),
            "SEK 500 000"
        );
        assert_eq!(
            LABELS["it"].value(&serde_json::json!(["lost_profit", "data_loss"])),
            "lucro cessante, perdita di dati"
        );
        assert_eq!(
            LABELS["nl"].value(&serde_json::json!({"qualitative": "without undue delay"})),
            "zonder onredelijke vertraging"
        );
        assert_eq!(en.value(&serde_json::json!({"count": 2, "per": "year"})), "2 × per year");
        assert_eq!(
            en.value(&serde_json::json!("controller_choice")),
            "delete or return, as the controller chooses"
        );
        for &lang in REPORT_LANGUAGES.iter() {
            let unnamed: Vec<&str> = concordia_legal::law_countries()
                .into_iter()
                .filter(|c| !LABELS[lang].countries.contains_key(*c))
                .collect();
            assert!(unnamed.is_empty(), "{lang} names no country for {unnamed:?}");
        }
        assert_eq!(de.value(&serde_json::json!({"country": "CH"})), "Schweiz");
        assert_eq!(
            en.value(&serde_json::json!({"value": 24, "unit": "hours", "hedge": "in der Regel"})),
            "24 hours (“in der Regel”)"
        );
        let taxonomy = concordia_legal::Lexicon::builtin().topics();
        assert!(taxonomy.iter().all(|t| en.topics.contains_key(&t.id)), "every topic has a report label");
    }
}
