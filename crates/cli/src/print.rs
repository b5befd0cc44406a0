//! Output: JSON for scripts, plain aligned text for people.

use concordia_core::api::{
    Comparison, CorrectionView, DocumentAnalysis, DocumentSummary, DocumentView, ImportReport, ImportStatus,
    LibraryCheck, PlaybookReview, PortfolioPage, PositionResult, RequirementStatus, Review, SearchResults,
    TopicInfo, Verdict,
};

use std::fmt::Write as _;
use std::io::Write as _;

/// Writes to stdout; a closed pipe (`concordia show 1 | head`) ends quietly.
fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => Ok(other?),
    }
}

fn json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    emit(&(serde_json::to_string_pretty(value)? + "\n"))
}

pub fn import(report: &ImportReport, as_json: bool) -> anyhow::Result<()> {
    let mut out = String::new();
    for o in report.outcomes.iter().filter(|o| o.status == ImportStatus::Error) {
        eprintln!("error: {}", o.error.as_deref().unwrap_or("unknown error"));
    }
    if as_json {
        return json(&report.outcomes);
    }
    for o in report.outcomes.iter().filter(|o| o.status != ImportStatus::Error) {
        let status = if o.status == ImportStatus::Imported { "imported " } else { "unchanged" };
        writeln!(
            out,
            "{status}  #{:<4} {:<7} {:>4} clauses  {}  ({})",
            o.id.map_or(0, |d| d.0),
            lang_label(o.language.as_deref().unwrap_or("unknown")),
            o.clauses.unwrap_or_default(),
            o.title.as_deref().unwrap_or(""),
            o.path
        )?;
    }
    emit(&out)
}

pub fn list(docs: &[DocumentSummary], as_json: bool) -> anyhow::Result<()> {
    let mut out = String::new();
    if as_json {
        return json(&docs);
    }
    if docs.is_empty() {
        writeln!(out, "The library is empty. Import files with: concordia import PATH...")?;
    }
    for d in docs {
        let date = d.imported_at.get(..10).unwrap_or(&d.imported_at);
        writeln!(
            out,
            "#{:<4} {:<7} {:>4} clauses  {date}  {}",
            d.id,
            lang_label(&d.language),
            d.clauses,
            d.title
        )?;
    }
    emit(&out)
}

pub fn reviews(reviews: &[Review], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(&reviews);
    }
    let mut out = String::new();
    for r in reviews {
        let met = r.checklist.iter().filter(|c| c.status == RequirementStatus::Met).count();
        writeln!(
            out,
            "#{} {} {}: {met} of {} requirements met",
            r.id,
            r.title,
            lang_label(&r.language),
            r.checklist.len()
        )?;
        for c in &r.checklist {
            let mark = match c.status {
                RequirementStatus::Met => "met    ",
                RequirementStatus::Partly => "PARTLY ",
                RequirementStatus::Missing => "MISSING",
            };
            writeln!(out, "  {mark} {} ({})", c.label, c.article)?;
            if c.status != RequirementStatus::Met {
                writeln!(out, "          {}", c.reason)?;
            }
            if !c.quote.is_empty() {
                writeln!(out, "          \u{201c}{}\u{201d}", c.quote.replace('\n', " "))?;
            }
        }
        if let Some(p) = &r.playbook {
            playbook(&mut out, p)?;
        }
        writeln!(out)?;
    }
    emit(&out)
}

pub fn portfolio(page: &PortfolioPage, as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(page);
    }
    let mut out = String::new();
    writeln!(out, "{} of {} documents", page.matching, page.total)?;
    for r in &page.rows {
        let judged = r.playbook.as_ref().map_or(String::new(), |c| {
            format!(
                "  {} acceptable, {} negotiable, {} unacceptable, {} not stated",
                c.acceptable, c.negotiable, c.unacceptable, c.not_stated
            )
        });
        writeln!(
            out,
            "#{:<4} {:<4} {:>2}/{} met  {}{judged}",
            r.id,
            lang_label(&r.language),
            r.met,
            page.requirements,
            r.title
        )?;
        let terms: Vec<String> = r.terms.iter().map(|t| format!("{}: {}", t.kind.id(), t.display)).collect();
        if !terms.is_empty() {
            writeln!(out, "       {}", terms.join(" · "))?;
        }
    }
    emit(&out)
}

fn playbook(out: &mut String, p: &PlaybookReview) -> anyhow::Result<()> {
    let word = |r: PositionResult| match r {
        PositionResult::Acceptable => "acceptable  ",
        PositionResult::Negotiable => "NEGOTIABLE  ",
        PositionResult::Unacceptable => "UNACCEPTABLE",
        PositionResult::NotStated => "not stated  ",
    };
    writeln!(out, "  Playbook \u{201c}{}\u{201d}:", p.name)?;
    for pos in &p.positions {
        writeln!(out, "  {} {}: {}", word(pos.result), pos.label, pos.reason)?;
    }
    for req in p.required.iter().filter(|r| r.result != PositionResult::Acceptable) {
        writeln!(out, "  {} {}: {}", word(req.result), req.label, req.reason)?;
    }
    Ok(())
}

pub fn search(results: &SearchResults, as_json: bool) -> anyhow::Result<()> {
    let mut out = String::new();
    if as_json {
        return json(results);
    }
    if results.hits.is_empty() {
        writeln!(out, "No matching clauses.")?;
    } else if results.total > results.hits.len() {
        writeln!(out, "The best {} of {} matching clauses:", results.hits.len(), results.total)?;
    }
    for (i, h) in results.hits.iter().enumerate() {
        let place =
            [h.number.as_deref(), h.heading.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "{:>2}. {} {}  ·  {}  (doc #{}, score {:.2})",
            i + 1,
            lang_label(&h.language),
            h.doc_title,
            place,
            h.doc_id,
            h.score
        )?;
        writeln!(out, "    {}", marked(&h.snippet, &h.highlights))?;
    }
    emit(&out)
}

pub fn document(doc: &DocumentView, as_json: bool) -> anyhow::Result<()> {
    let mut out = String::new();
    if as_json {
        return json(doc);
    }
    writeln!(out, "{}  {}  (#{}, {})\n", doc.title, lang_label(&doc.language), doc.id, doc.path)?;
    for c in &doc.clauses {
        let label =
            [c.number.as_deref(), c.heading.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let page = c.page.map(|p| format!("  (p. {p})")).unwrap_or_default();
        if !label.is_empty() || !page.is_empty() {
            writeln!(out, "── {label}{page}")?;
        }
        for line in marked(&c.text, &c.highlights).lines() {
            writeln!(out, "   {line}")?;
        }
        writeln!(out)?;
    }
    emit(&out)
}

fn lang_label(code: &str) -> String {
    format!("[{}]", code.to_uppercase())
}

/// Wraps highlighted char ranges in «».
fn marked(text: &str, highlights: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(text.len() + highlights.len() * 4);
    for (i, c) in text.chars().enumerate() {
        if highlights.iter().any(|[a, _]| *a == i) {
            out.push('«');
        }
        out.push(c);
        if highlights.iter().any(|[_, b]| *b == i + 1) {
            out.push('»');
        }
    }
    out
}

pub fn analysis(docs: &[DocumentAnalysis], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(&docs);
    }
    let mut out = String::new();
    for doc in docs {
        writeln!(
            out,
            "{}  {}  (#{}, {} clauses)",
            doc.title,
            lang_label(&doc.language),
            doc.id,
            doc.clauses.len()
        )?;
        let mut by_topic: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for (i, c) in doc.clauses.iter().enumerate() {
            let label = c.number.clone().unwrap_or_else(|| format!("¶{}", i + 1));
            for t in &c.topics {
                by_topic.entry(t.topic.as_str()).or_default().push(label.clone());
            }
        }
        for (topic, clauses) in by_topic {
            writeln!(out, "  {topic:<24} {:>3}  {}", clauses.len(), clauses.join(", "))?;
        }
        writeln!(out, "  key terms:")?;
        if doc.terms.is_empty() {
            writeln!(out, "    (none stated)")?;
        }
        for t in &doc.terms {
            writeln!(out, "    {:<26} {}", t.kind, t.display)?;
            writeln!(out, "    {:<26} «{}»", "", t.quote)?;
        }
        writeln!(out)?;
    }
    emit(&out)
}

pub fn check(check: &LibraryCheck, as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(check);
    }
    let mut out = String::new();
    let store = check.store_problem.as_deref().unwrap_or("intact");
    writeln!(out, "database:  {store} ({} documents)", check.documents)?;
    writeln!(out, "index:     {}", check.index)?;
    if check.unsearchable.is_empty() {
        writeln!(out, "search:    every document can be found")?;
    } else {
        let ids: Vec<String> = check.unsearchable.iter().map(|id| format!("#{id}")).collect();
        writeln!(
            out,
            "search:    not found by search: {} (`concordia reindex` repairs this)",
            ids.join(", ")
        )?;
    }
    emit(&out)
}

pub fn topics(topics: &[TopicInfo], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(&topics);
    }
    let mut out = String::new();
    for t in topics {
        writeln!(out, "{:<24} {}  ({})", t.id, t.label, t.anchor)?;
    }
    emit(&out)
}

/// The key-terms matrix as a table (and, with `rows`, the aligned rows).
pub fn comparison(c: &Comparison, rows: bool, as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(c);
    }
    let mut out = String::new();
    for (k, d) in c.documents.iter().enumerate() {
        let reference = if c.reference == Some(d.id) { "  (reference)" } else { "" };
        writeln!(out, "[{}] #{} {} {}{reference}", k + 1, d.id, lang_label(&d.language), d.title)?;
    }
    writeln!(out)?;
    write!(out, "{:<27}", "key term")?;
    for k in 1..=c.documents.len() {
        write!(out, "{:<27}", format!("[{k}]"))?;
    }
    writeln!(out)?;
    for row in &c.matrix {
        write!(out, "{:<27}", row.kind)?;
        for cell in &row.cells {
            let value = cell.display.clone().unwrap_or_else(|| "—".to_owned());
            let mark = cell.playbook.as_ref().map_or(verdict_mark(cell.verdict), |p| position_mark(p.result));
            let shown: String = format!("{mark} {value}").chars().take(25).collect();
            write!(out, "{shown:<27}")?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\n★ reference  ▲ stricter  ▼ looser  = same  ≠ not comparable  – missing")?;
    if let Some(name) = &c.playbook {
        writeln!(
            out,
            "\nAgainst the playbook {name} (✓ acceptable  ~ negotiable  ✗ unacceptable  ? not stated):"
        )?;
        for row in &c.matrix {
            if let Some(position) = &row.position {
                writeln!(out, "  {:<25} {position}", row.kind)?;
            }
        }
    }
    let count = |s| c.rows.iter().filter(|r| r.status == s).count();
    use concordia_core::api::RowStatus::{Aligned, Missing, Partial};
    writeln!(
        out,
        "{} aligned rows: {} in every document, {} in some, {} in one only",
        c.rows.len(),
        count(Aligned),
        count(Partial),
        count(Missing)
    )?;
    if rows {
        for row in &c.rows {
            writeln!(out, "\n{}", row.topic.as_deref().unwrap_or("(no topic)"))?;
            for (k, cell) in row.cells.iter().enumerate() {
                let labels = match (&cell.elsewhere, cell.labels.is_empty()) {
                    (Some(r), true) => {
                        format!(
                            "no clause of its own; see {} (under {})",
                            r.label,
                            r.row_topic.as_deref().unwrap_or("no topic")
                        )
                    }
                    (None, true) => "not addressed".to_owned(),
                    _ => cell.labels.join(" + "),
                };
                let confidence =
                    cell.confidence.map(|x| format!(" ({:.0} %)", x * 100.0)).unwrap_or_default();
                writeln!(out, "  [{}] {labels}{confidence}", k + 1)?;
            }
        }
    }
    emit(&out)
}

fn position_mark(result: PositionResult) -> &'static str {
    match result {
        PositionResult::Acceptable => "✓",
        PositionResult::Negotiable => "~",
        PositionResult::Unacceptable => "✗",
        PositionResult::NotStated => "?",
    }
}

fn verdict_mark(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Reference => "★",
        Verdict::Stricter => "▲",
        Verdict::Looser => "▼",
        Verdict::Same => "=",
        Verdict::NotComparable => "≠",
        Verdict::Missing => "–",
    }
}

pub fn corrections(corrections: &[CorrectionView], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(&corrections);
    }
    let mut out = String::new();
    if corrections.is_empty() {
        writeln!(out, "No corrections among these documents.")?;
    }
    for c in corrections {
        let date = c.created_at.get(..10).unwrap_or(&c.created_at);
        writeln!(
            out,
            "#{:<4} {date}  {:<7} clause {} with clause {}",
            c.id,
            c.kind.name(),
            c.moved_clause_id,
            c.anchor_clause_id
        )?;
    }
    emit(&out)
}
