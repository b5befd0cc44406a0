//! Playbooks: a firm's positions on the key terms (acceptable, negotiable, else unacceptable)
//! and the Art. 28 requirements it will not sign without. A playbook is a TOML file the user can
//! edit; two ship with Concordia (`playbooks/`). A position is written in the value filters'
//! own words (`breach_notice<=48h`), so a playbook and a search speak the same language.

use serde::Deserialize;

use crate::api::{
    ChecklistItem, Comparison, PlaybookReview, PositionJudgement, PositionResult, PositionReview,
    RequirementReview, RequirementStatus, ResultCounts, TermView,
};
use crate::filter::{self, Condition};
use crate::portfolio::KeyValue;
use crate::report::Labels;
use crate::{Error, Result};
use concordia_legal::{Requirement, TermKind};

/// The playbooks that ship with Concordia, by the name `--playbook` takes.
pub const BUILTIN: [(&str, &str); 2] = [
    ("gdpr-minimum", include_str!("../playbooks/gdpr-minimum.toml")),
    ("recommended", include_str!("../playbooks/recommended.toml")),
];

/// Where a library keeps the playbooks its users wrote.
const FOLDER: &str = "playbooks";

/// A playbook the user can choose.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlaybookInfo {
    /// What `--playbook` and the app name it by ("recommended", "my-firm").
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// Whether it ships with Concordia (and cannot be replaced).
    pub builtin: bool,
}

/// A playbook file is a page of text: anything larger is not one.
const MAX_BYTES: u64 = 1 << 20;

/// A firm's positions.
#[derive(Debug, Clone)]
pub struct Playbook {
    /// Its name ("Recommended").
    pub name: String,
    /// What it holds, in a sentence.
    pub description: String,
    required: Vec<Requirement>,
    positions: Vec<Position>,
}

#[derive(Debug, Clone)]
struct Position {
    kind: TermKind,
    acceptable: Vec<(String, Condition)>,
    negotiable: Vec<(String, Condition)>,
    words_only: PositionResult,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    required: Vec<Requirement>,
    #[serde(default)]
    position: Vec<PositionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionFile {
    kind: String,
    #[serde(default)]
    acceptable: Vec<String>,
    #[serde(default)]
    negotiable: Vec<String>,
    #[serde(default = "negotiable")]
    words_only: PositionResult,
    #[serde(default)]
    source: String,
}

fn negotiable() -> PositionResult {
    PositionResult::Negotiable
}

impl Playbook {
    /// Reads a playbook from its TOML text; `origin` names it in errors (a file, "recommended").
    pub fn parse(text: &str, origin: &str) -> Result<Playbook> {
        let bad = |why: String| Error::Invalid(format!("the playbook {origin} cannot be used: {why}"));
        let file: File = toml::from_str(text).map_err(|e| bad(e.to_string().trim().to_owned()))?;
        if file.name.trim().is_empty() {
            return Err(bad("it has no name (name = \"…\")".into()));
        }
        let mut positions: Vec<Position> = Vec::new();
        for p in file.position {
            let kind = TermKind::parse(&p.kind).ok_or_else(|| bad(format!("no key term {:?}", p.kind)))?;
            if positions.iter().any(|q| q.kind == kind) {
                return Err(bad(format!("two positions on {}", p.kind)));
            }
            if p.acceptable.is_empty() {
                return Err(bad(format!(
                    "the position on {} says nothing is acceptable (acceptable = […])",
                    p.kind
                )));
            }
            let conditions = |list: &[String]| -> Result<Vec<(String, Condition)>> {
                list.iter()
                    .map(|expr| {
                        let c = filter::parse(expr).map_err(|e| bad(format!("{}: {e}", p.kind)))?;
                        if c.kind != kind {
                            return Err(bad(format!("{expr:?} is not about {}", p.kind)));
                        }
                        Ok((expr.clone(), c))
                    })
                    .collect()
            };
            positions.push(Position {
                kind,
                acceptable: conditions(&p.acceptable)?,
                negotiable: conditions(&p.negotiable)?,
                words_only: p.words_only,
                source: p.source,
            });
        }
        Ok(Playbook { name: file.name, description: file.description, required: file.required, positions })
    }

    /// A shipped playbook by name, or a TOML file by path.
    pub fn load(name_or_path: &str) -> Result<Playbook> {
        if let Some((name, text)) = BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            return Playbook::parse(text, name);
        }
        let path = std::path::Path::new(name_or_path);
        let shipped = BUILTIN.map(|(n, _)| n).join(", ");
        let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::Invalid(format!(
                "{name_or_path} is neither a playbook that ships with Concordia ({shipped}) nor a file"
            )),
            _ => Error::Io { path: path.to_path_buf(), source },
        })?;
        if !meta.is_file() || meta.len() > MAX_BYTES {
            return Err(Error::Invalid(format!(
                "{} is not a playbook: a playbook is a TOML file under 1 MB (or one of: {shipped})",
                path.display()
            )));
        }
        let text =
            std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Playbook::parse(&text, &path.display().to_string())
    }

    /// The id a playbook of this name is saved under: its name in lower case, words joined by "-".
    fn id(&self) -> String {
        let words: Vec<String> = self
            .name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.join("-")
    }

    /// One document against this playbook: each position on its key terms, each must-have on
    /// its checklist.
    pub(crate) fn judge(
        &self,
        checklist: &[ChecklistItem],
        terms: &[TermView],
        labels: &Labels,
    ) -> PlaybookReview {
        let positions = self.positions.iter().map(|p| p.judge(terms, labels)).collect();
        let required = self
            .required
            .iter()
            .filter_map(|r| checklist.iter().find(|c| c.requirement == *r))
            .map(|c| must_have(c, labels))
            .collect();
        PlaybookReview { name: self.name.clone(), positions, required }
    }

    /// What [`Playbook::judge`] decides, counted by result, without its words: the portfolio
    /// asks this of every document.
    pub(crate) fn counts(
        &self,
        checklist: &[(Requirement, RequirementStatus)],
        terms: &[KeyValue],
    ) -> ResultCounts {
        let positions = self.positions.iter().map(|p| {
            let value = terms.iter().find(|t| t.kind == p.kind).map(KeyValue::value);
            value.map_or(PositionResult::NotStated, |v| p.decide(&v).result())
        });
        let required = self
            .required
            .iter()
            .filter_map(|r| checklist.iter().find(|(q, _)| q == r))
            .map(|(_, status)| required_result(*status));
        let mut c = ResultCounts::default();
        for result in positions.chain(required) {
            match result {
                PositionResult::Acceptable => c.acceptable += 1,
                PositionResult::Negotiable => c.negotiable += 1,
                PositionResult::Unacceptable => c.unacceptable += 1,
                PositionResult::NotStated => c.not_stated += 1,
            }
        }
        c
    }
}

/// How a position decided a stated value, and which of its rules say why.
enum Decision<'a> {
    Acceptable(&'a str),
    Negotiable(&'a str),
    WordsOnly(PositionResult),
    /// Outside every rule; the rules it missed.
    Unacceptable(&'a [(String, Condition)]),
}

impl Decision<'_> {
    fn result(&self) -> PositionResult {
        match self {
            Decision::Acceptable(_) => PositionResult::Acceptable,
            Decision::Negotiable(_) => PositionResult::Negotiable,
            Decision::WordsOnly(result) => *result,
            Decision::Unacceptable(_) => PositionResult::Unacceptable,
        }
    }
}

impl Position {
    fn judge(&self, terms: &[TermView], labels: &Labels) -> PositionReview {
        let term = terms.iter().find(|t| t.kind == self.kind);
        let judgement = self.judge_value(term.map(|t| &t.value), labels);
        PositionReview {
            kind: self.kind,
            label: labels.kind(self.kind.id()).to_owned(),
            result: judgement.result,
            value: term.map(|t| labels.value(&t.value)),
            quote: term.map(|t| t.quote.clone()).unwrap_or_default(),
            clause_id: term.map(|t| t.clause_id),
            clause_range: term.map(|t| t.clause_range),
            reason: judgement.reason,
            source: self.source.clone(),
        }
    }

    /// A stated value against this position.
    fn decide(&self, value: &serde_json::Value) -> Decision<'_> {
        if let Some(e) = first_holding(&self.acceptable, value) {
            Decision::Acceptable(e)
        } else if let Some(e) = first_holding(&self.negotiable, value) {
            Decision::Negotiable(e)
        } else if words_only(value) {
            Decision::WordsOnly(self.words_only)
        } else if self.negotiable.is_empty() {
            Decision::Unacceptable(&self.acceptable)
        } else {
            Decision::Unacceptable(&self.negotiable)
        }
    }

    /// A value (or none stated) against this position, with the reason in `labels`' language.
    fn judge_value(&self, value: Option<&serde_json::Value>, labels: &Labels) -> PositionJudgement {
        let Some(value) = value else {
            let reason = labels.checklist("playbook_not_stated").to_owned();
            return PositionJudgement { result: PositionResult::NotStated, reason };
        };
        let decision = self.decide(value);
        let result = decision.result();
        let rules = |list: &[(String, Condition)]| {
            list.iter().map(|(e, _)| rule(e, labels)).collect::<Vec<_>>().join(", ")
        };
        let (template, shown) = match decision {
            Decision::Acceptable(e) => ("playbook_acceptable", rule(e, labels)),
            Decision::Negotiable(e) => ("playbook_negotiable", rule(e, labels)),
            Decision::WordsOnly(_) => ("playbook_words_only", rules(&self.acceptable)),
            Decision::Unacceptable(missed) => ("playbook_unacceptable", rules(missed)),
        };
        let reason = labels
            .checklist(template)
            .replace("{value}", &labels.value(value))
            .replace("{rule}", &shown)
            .replace("{acceptable}", &rules(&self.acceptable));
        PositionJudgement { result, reason }
    }

    /// The position in words: "acceptable: ≤ 30d; negotiable: ≤ 60d".
    fn words(&self, labels: &Labels) -> String {
        let part = |result: &str, list: &[(String, Condition)]| {
            let rules: Vec<String> = list.iter().map(|(e, _)| rule(e, labels)).collect();
            format!("{}: {}", labels.checklist(result), rules.join(", "))
        };
        let mut out = part("acceptable", &self.acceptable);
        if !self.negotiable.is_empty() {
            out = format!("{out}; {}", part("negotiable", &self.negotiable));
        }
        out
    }
}

impl Comparison {
    /// The key-terms matrix also judged against a playbook: each term it takes a position on
    /// gets the position in words and each document's value its result, in `labels`' language.
    pub fn judged_by(mut self, playbook: &Playbook, labels: &Labels) -> Self {
        for row in &mut self.matrix {
            let Some(position) = playbook.positions.iter().find(|p| p.kind == row.kind) else {
                continue;
            };
            row.position = Some(position.words(labels));
            for cell in &mut row.cells {
                cell.playbook = Some(position.judge_value(cell.value.as_ref(), labels));
            }
        }
        self.playbook = Some(playbook.name.clone());
        self
    }
}

/// The first rule of `list` the value meets, as written.
fn first_holding<'a>(list: &'a [(String, Condition)], value: &serde_json::Value) -> Option<&'a str> {
    list.iter().find(|(_, c)| c.holds(value)).map(|(e, _)| e.as_str())
}

/// A value stated only in words ("without undue delay", "reasonable notice"): nothing to compare.
fn words_only(value: &serde_json::Value) -> bool {
    value.get("qualitative").is_some()
}

/// A condition as a reader writes it: "breach_notice<=48h" is "≤ 48h"; value words
/// ("by_reference") in `labels`' language.
fn rule(expr: &str, labels: &Labels) -> String {
    let rest = expr.trim_start_matches(|c: char| c.is_ascii_lowercase() || c == '_').trim();
    let (op, value) = [("<=", "≤"), (">=", "≥"), ("!=", "≠"), ("<", "<"), (">", ">"), ("=", "")]
        .iter()
        .find_map(|(op, shown)| rest.strip_prefix(op).map(|v| (*shown, v.trim())))
        .unwrap_or(("", rest));
    // A long list of words (every EU and EEA country) reads as its first few and a count.
    let words: Vec<String> = value.split('|').map(|w| labels.word(w.trim())).collect();
    let value = if words.len() > 4 {
        format!("{} … ({} in all)", words[..3].join(" / "), words.len())
    } else {
        words.join(" / ")
    };
    if op.is_empty() {
        value
    } else {
        format!("{op} {value}")
    }
}

/// A must-have's result: met is acceptable, partly met negotiable, missing unacceptable.
fn required_result(status: RequirementStatus) -> PositionResult {
    match status {
        RequirementStatus::Met => PositionResult::Acceptable,
        RequirementStatus::Partly => PositionResult::Negotiable,
        RequirementStatus::Missing => PositionResult::Unacceptable,
    }
}

fn must_have(item: &ChecklistItem, labels: &Labels) -> RequirementReview {
    let result = required_result(item.status);
    let key = match item.status {
        RequirementStatus::Met => "playbook_required_met",
        RequirementStatus::Partly => "playbook_required_partly",
        RequirementStatus::Missing => "playbook_required_missing",
    };
    RequirementReview {
        requirement: item.requirement,
        label: item.label.clone(),
        result,
        reason: labels.checklist(key).to_owned(),
    }
}

impl crate::Library {
    /// The playbooks to choose from: those that ship, then the user's, by name.
    pub fn playbooks(&self) -> Vec<PlaybookInfo> {
        let mut out: Vec<PlaybookInfo> = BUILTIN
            .iter()
            .filter_map(|(id, text)| Playbook::parse(text, id).ok().map(|p| info(id, &p, true)))
            .collect();
        let mut own: Vec<PlaybookInfo> = std::fs::read_dir(self.data_dir().join(FOLDER))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let path = e.path();
                let id = path.file_stem()?.to_string_lossy().into_owned();
                (path.extension()? == "toml").then_some(())?;
                let playbook = Playbook::load(&path.display().to_string()).ok()?;
                Some(info(&id, &playbook, false))
            })
            .collect();
        own.sort_by(|a, b| a.name.cmp(&b.name));
        out.extend(own);
        out
    }

    /// A playbook by id (shipped or the user's), or a TOML file by path.
    pub fn playbook(&self, id_or_path: &str) -> Result<Playbook> {
        let own = self.own_playbook(id_or_path);
        match own {
            Some(path) if path.is_file() => Playbook::load(&path.display().to_string()),
            _ => Playbook::load(id_or_path),
        }
    }

    /// The TOML text of a playbook, to edit.
    pub fn playbook_text(&self, id: &str) -> Result<String> {
        if let Some((_, text)) = BUILTIN.iter().find(|(n, _)| *n == id) {
            return Ok((*text).to_owned());
        }
        let path = self.own_playbook(id).ok_or_else(|| Error::Invalid(format!("no playbook {id:?}")))?;
        std::fs::read_to_string(&path).map_err(|source| Error::Io { path, source })
    }

    /// Checks a playbook's text and, only if it reads whole, saves it under its name's id;
    /// a shipped playbook's name is refused, so the shipped ones stay as documented.
    pub fn save_playbook(&self, text: &str) -> Result<PlaybookInfo> {
        let playbook = Playbook::parse(text, "being saved")?;
        let id = playbook.id();
        if id.is_empty() || BUILTIN.iter().any(|(n, _)| *n == id) {
            return Err(Error::Invalid(format!(
                "the playbook cannot be saved as {:?}: give it a name of its own (the shipped ones stay as they are)",
                playbook.name
            )));
        }
        let folder = self.data_dir().join(FOLDER);
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
        let path = folder.join(format!("{id}.toml"));
        crate::output::write_file(&path, text.as_bytes(), true)?;
        Ok(info(&id, &playbook, false))
    }

    fn own_playbook(&self, id: &str) -> Option<std::path::PathBuf> {
        let plain = !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-');
        plain.then(|| self.data_dir().join(FOLDER).join(format!("{id}.toml")))
    }
}

fn info(id: &str, p: &Playbook, builtin: bool) -> PlaybookInfo {
    PlaybookInfo { id: id.to_owned(), name: p.name.clone(), description: p.description.clone(), builtin }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_playbooks_read() {
        for (name, text) in BUILTIN {
            let p = Playbook::parse(text, name).unwrap();
            assert_eq!(p.required.len(), 18, "{name}: every requirement is a must-have");
        }
        assert_eq!(Playbook::load("recommended").unwrap().positions.len(), 6);
    }

    #[test]
    fn a_bad_playbook_says_what_is_wrong_and_where() {
        let cases = [
            (
                "name = \"x\"\n[[position]]\nkind = \"audit_notce\"\nacceptable = [\"audit_notice<30d\"]",
                "no key term \"audit_notce\"",
            ),
            (
                "name = \"x\"\n[[position]]\nkind = \"audit_notice\"\nacceptable = [\"breach_notice<30d\"]",
                "is not about audit_notice",
            ),
            (
                "name = \"x\"\n[[position]]\nkind = \"audit_notice\"\nacceptable = [\"audit_notice<soon\"]",
                "audit_notice",
            ),
            ("name = \"x\"\nrequired = [\"breach\"]", "unknown variant"),
            ("name = \"\"", "no name"),
            ("name = \"x\"\ncolour = \"red\"", "unknown field"),
            ("name = \"x\"\n[[position]]\nkind = \"audit_notice\"", "nothing is acceptable"),
            ("name = [", "line 1"),
        ];
        for (text, said) in cases {
            let err = Playbook::parse(text, "mine.toml").unwrap_err().to_string();
            assert!(err.contains("mine.toml") && err.contains(said), "{text:?}: {err}");
        }
    }

    #[test]
    fn a_playbook_saved_is_listed_read_back_and_chosen_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let library = crate::Library::open(dir.path()).unwrap();
        let text = "name = \"Our Firm 2027\"\n[[position]]\nkind = \"breach_notice\"\nacceptable = [\"breach_notice<=24h\"]\n";
        let saved = library.save_playbook(text).unwrap();
        assert_eq!(saved.id, "our-firm-2027");
        let ids: Vec<String> = library.playbooks().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["gdpr-minimum", "recommended", "our-firm-2027"]);
        assert_eq!(library.playbook_text("our-firm-2027").unwrap(), text);
        assert_eq!(library.playbook("our-firm-2027").unwrap().name, "Our Firm 2027");
        // Nothing is saved half: a bad text leaves the saved one as it was.
        let err =
            library.save_playbook("name = \"Our Firm 2027\"\n[[position]]\nkind = \"nope\"").unwrap_err();
        assert!(err.to_string().contains("no key term \"nope\""), "{err}");
        assert_eq!(library.playbook_text("our-firm-2027").unwrap(), text);
        let err = library.save_playbook("name = \"Recommended\"").unwrap_err().to_string();
        assert!(err.contains("name of its own"), "{err}");
        assert!(library.playbook_text("../../etc/passwd").is_err());
    }

    #[test]
    fn a_condition_reads_as_a_lawyer_writes_it() {
        let en = Labels::english();
        assert_eq!(rule("breach_notice<=48h", en), "≤ 48h");
        assert_eq!(rule("liability_cap>=100000 EUR", en), "≥ 100000 EUR");
        assert_eq!(rule("governing_law=CH|GB", en), "CH / GB");
        assert_eq!(rule("governing_law=AT|BE|BG|CY|CZ", en), "AT / BE / BG … (5 in all)");
        assert_eq!(rule("liability_cap=by_reference", en), "set in another agreement");
        let de = Labels::of("de").unwrap();
        assert_eq!(
            rule("liability_cap=fees paid in the last 12 months", de),
            "in den letzten 12 Monaten gezahlte Vergütung"
        );
        assert_eq!(rule("liability_cap=unlimited", de), "unbegrenzt");
    }
}
