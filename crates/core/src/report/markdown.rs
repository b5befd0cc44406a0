//! The report as CommonMark (with pipe tables and strikethrough, as pulldown-cmark reads them).
//! Every piece of document text is escaped: a contract cannot inject markup or HTML.

use std::fmt::Write;

use super::Report;
use crate::api::RedlineOp;

pub(super) fn render(r: &Report) -> String {
    let t = |k| r.labels().t(k);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&r.title));
    let _ = writeln!(out, "{}: {} · Concordia {} {}\n", t("generated"), r.generated, t("version"), r.version);
    documents(&mut out, r);
    key_terms(&mut out, r);
    checklist(&mut out, r);
    let _ = writeln!(out, "## {}\n", t("aligned"));
    for row in &r.rows {
        aligned_row(&mut out, r, row);
    }
    let _ = writeln!(out, "## {}\n", t("corrections"));
    if r.corrections.is_empty() {
        let _ = writeln!(out, "{}\n", t("none"));
    }
    for c in &r.corrections {
        let _ =
            writeln!(out, "- {}: {} ↔ {} ({})", inline(&c.kind), inline(&c.first), inline(&c.second), c.at);
    }
    if !r.corrections.is_empty() {
        out.push('\n');
    }
    bookmarks(&mut out, r);
    out
}

fn documents(out: &mut String, r: &Report) {
    let t = |k| r.labels().t(k);
    let _ = writeln!(out, "## {}\n", t("documents"));
    let _ = writeln!(out, "| # | {} | {} | {} | {} |", t("title"), t("language"), t("file"), t("sha256"));
    let _ = writeln!(out, "|---|---|---|---|---|");
    for (k, d) in r.documents.iter().enumerate() {
        let reference = if d.is_reference { format!(" ({})", t("reference")) } else { String::new() };
        let _ = writeln!(
            out,
            "| {} | {}{} | {} | {} | `{}` |",
            k + 1,
            cell(&d.title),
            reference,
            d.language.to_uppercase(),
            cell(&d.file),
            d.sha256
        );
    }
    out.push('\n');
}

fn key_terms(out: &mut String, r: &Report) {
    let t = |k| r.labels().t(k);
    let _ = writeln!(out, "## {}\n", t("key_terms"));
    if r.terms.is_empty() {
        let _ = writeln!(out, "{}\n", t("none"));
        return;
    }
    if let Some(line) = r.against_playbook() {
        let _ = writeln!(out, "{}\n", inline(&line));
    }
    let heads: Vec<String> =
        r.documents.iter().enumerate().map(|(k, d)| format!("{} {}", k + 1, cell(&d.title))).collect();
    let _ = writeln!(out, "| {} | {} |", t("term"), heads.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(r.documents.len()));
    for term in &r.terms {
        let cells: Vec<String> = term
            .cells
            .iter()
            .map(|c| match &c.value {
                Some(v) => format!("**{}** — *{}*", cell(v), cell(&c.verdict)),
                None => format!("*{}*", cell(t("not_stated"))),
            })
            .collect();
        let label = match &term.position {
            Some(p) => format!("{}<br>*{}*", cell(&term.label), cell(p)),
            None => cell(&term.label),
        };
        let _ = writeln!(out, "| {label} | {} |", cells.join(" | "));
    }
    let _ = writeln!(out, "\n### {}\n", t("sources"));
    for term in &r.terms {
        for (c, d) in term.cells.iter().zip(&r.documents) {
            let (Some(value), Some(quote)) = (&c.value, &c.quote) else { continue };
            let clause = c.clause.as_deref().map(|l| format!(", {}", inline(l))).unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}** = {} — *{}*{}: “{}” ({})",
                inline(&term.label),
                inline(value),
                inline(&d.title),
                clause,
                inline(&one_line(quote)),
                inline(&c.reason)
            );
        }
    }
    out.push('\n');
}

fn checklist(out: &mut String, r: &Report) {
    let t = |k| r.labels().t(k);
    let _ = writeln!(out, "## {}\n", t("checklist"));
    let heads: Vec<String> =
        r.documents.iter().enumerate().map(|(k, d)| format!("{} {}", k + 1, cell(&d.title))).collect();
    let _ = writeln!(out, "| {} | {} |", t("requirement"), heads.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(r.documents.len()));
    for req in &r.checklist {
        let cells: Vec<String> = req
            .cells
            .iter()
            .map(|c| if c.status_id == "met" { cell(&c.status) } else { format!("**{}**", cell(&c.status)) })
            .collect();
        let _ = writeln!(out, "| {} ({}) | {} |", cell(&req.label), cell(&req.article), cells.join(" | "));
    }
    let _ = writeln!(out, "\n### {}\n", t("checklist_findings"));
    for req in &r.checklist {
        for (c, d) in req.cells.iter().zip(&r.documents).filter(|(c, _)| c.status_id != "met") {
            let source = match (&c.quote, &c.clause) {
                (Some(q), Some(l)) => format!(" {}: “{}”", inline(l), inline(&one_line(q))),
                (Some(q), None) => format!(" “{}”", inline(&one_line(q))),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "- **{}** — *{}* ({}): {}{source}",
                inline(&req.label),
                inline(&d.title),
                inline(&c.status),
                inline(&c.reason)
            );
        }
    }
    out.push('\n');
}

fn aligned_row(out: &mut String, r: &Report, row: &super::ReportRow) {
    let t = |k| r.labels().t(k);
    let moved = if row.moved { format!(" ({})", t("moved")) } else { String::new() };
    let _ = writeln!(out, "### {}{}\n", inline(&row.topic), moved);
    for (c, d) in row.cells.iter().zip(&r.documents) {
        if c.clauses.is_empty() {
            let absent = c.elsewhere.as_deref().unwrap_or(t("not_addressed"));
            let _ = writeln!(out, "**{}** — *{}*\n", inline(&d.title), inline(absent));
            continue;
        }
        let _ = writeln!(out, "**{}** — {}\n", inline(&d.title), inline(&c.clauses.join(", ")));
        let _ = writeln!(out, "{}\n", quote_block(&c.text));
    }
    if let Some(parts) = &row.redline {
        let mut line = String::new();
        for p in parts {
            let text = inline(&one_line(&p.text));
            let trimmed = text.trim();
            match p.op {
                RedlineOp::Equal => line.push_str(&text),
                _ if trimmed.is_empty() => line.push_str(&text),
                RedlineOp::Delete => {
                    let _ = write!(line, " ~~{trimmed}~~ ");
                }
                RedlineOp::Insert => {
                    let _ = write!(line, " **{trimmed}** ");
                }
            }
        }
        let _ = writeln!(out, "*{}:*\n\n{}\n", t("redline"), line.trim());
    }
}

fn bookmarks(out: &mut String, r: &Report) {
    let t = |k| r.labels().t(k);
    let _ = writeln!(out, "## {}\n", t("bookmarks"));
    if r.bookmarks.is_empty() {
        let _ = writeln!(out, "{}", t("none"));
    }
    for b in &r.bookmarks {
        let status = b.status.as_deref().map(|s| format!(" (*{}*)", inline(s))).unwrap_or_default();
        let _ = writeln!(out, "- **{}** — {}{}", inline(&b.document), inline(&b.clause), status);
        if !b.note.is_empty() {
            let _ = writeln!(out, "\n  {}: {}", t("note"), inline(&one_line(&b.note)));
        }
        if !b.tags.is_empty() {
            let _ = writeln!(out, "\n  {}: {}", t("tags"), inline(&b.tags.join(", ")));
        }
        let quote = quote_block(&b.quote).replace('\n', "\n  ");
        let _ = writeln!(out, "\n  {quote}\n");
    }
}

/// A block quote of document text, its line breaks kept (hard breaks).
fn quote_block(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| line_start(&inline(l.trim()))).collect();
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        out.push_str("> ");
        out.push_str(line);
        if k + 1 < lines.len() && !line.is_empty() && !lines[k + 1].is_empty() {
            out.push('\\');
        }
        out.push('\n');
    }
    out.trim_end().to_owned()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(&one_line(text))
}

/// Inline text with every character CommonMark (or HTML inside it) could read as markup escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A line that would start a list, heading or thematic break is escaped at its start.
fn line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = line[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    match line.chars().next() {
        Some('-' | '+' | '=') => format!("\\{line}"),
        _ => line.to_owned(),
    }
}
