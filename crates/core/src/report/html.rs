//! The report as one self-contained HTML file: inline CSS, no scripts, no external resources;
//! readable on a phone (columns stack) and in print (A4, rows kept whole where they fit).

use std::fmt::Write;

use super::{Report, ReportRow};
use crate::api::RedlineOp;

const STYLE: &str = r#"
:root { --ink: #1c2330; --muted: #5b6575; --line: #d8dde5; --paper: #fff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: var(--paper); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
.meta, .muted { color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
code { font-size: 0.8em; word-break: break-all; }
.verdict { display: inline-block; font-size: 0.8em; padding: 0 6px; border-radius: 8px; border: 1px solid currentColor; margin-left: 4px; white-space: nowrap; }
.v-stricter { color: var(--stricter); } .v-looser { color: var(--looser); }
.status { display: inline-block; font-size: 0.8em; padding: 0 6px; border-radius: 8px; border: 1px solid currentColor; white-space: nowrap; }
.s-met { color: var(--stricter); } .s-partly { color: var(--looser); } .s-missing { color: var(--looser); border-style: dashed; }
.v-missing, .v-not_comparable, .v-same, .v-reference { color: var(--muted); }
.value { font-weight: 600; }
.sources li, .bookmarks li, .corrections li { margin-bottom: 6px; }
blockquote { margin: 4px 0 0; padding: 4px 10px; border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
.cells { display: grid; gap: 12px; }
.cols-1 { grid-template-columns: minmax(0, 1fr); }
.cols-2 { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.cols-3 { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.cols-4 { grid-template-columns: repeat(4, minmax(0, 1fr)); }
.cols-5 { grid-template-columns: repeat(5, minmax(0, 1fr)); }
.cols-6 { grid-template-columns: repeat(6, minmax(0, 1fr)); }
.cell { border: 1px solid var(--line); border-radius: 4px; padding: 8px; }
.cell .doc { font-size: 0.8em; color: var(--muted); }
.cell .clause { font-weight: 600; }
.cell .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.92em; }
.cell.absent { background: repeating-linear-gradient(45deg, #fff, #fff 6px, #f1f2f4 6px, #f1f2f4 12px); color: var(--muted); }
.redline { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px dashed var(--line); padding: 8px; }
del { color: var(--looser); } ins { color: var(--stricter); text-decoration: underline; }
.badge { font-size: 0.8em; border: 1px solid var(--muted); border-radius: 8px; padding: 0 6px; color: var(--muted); }
@media (max-width: 700px) {
  body { padding: 12px; font-size: 14px; }
  .cells { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  @page { size: A4; margin: 16mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .scroll { overflow: visible; }
  .row, tr, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"#;

pub(super) fn render(r: &Report) -> String {
    let t = |k| r.labels().t(k);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>:root {{ {} }}{STYLE}</style>\n</head>\n<body>\n",
        esc(&r.lang),
        esc(&r.title),
        super::css_variables(super::light_colours())
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&r.title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}: {} · Concordia {} {}</p>",
        t("generated"),
        esc(&r.generated),
        t("version"),
        esc(&r.version)
    );
    documents(&mut out, r);
    key_terms(&mut out, r);
    checklist(&mut out, r);
    let _ = writeln!(out, "<h2>{}</h2>", esc(t("aligned")));
    for row in &r.rows {
        aligned_row(&mut out, r, row);
    }
    list_section(
        &mut out,
        t("corrections"),
        t("none"),
        r.corrections.iter().map(|c| {
            format!(
                "{}: {} ↔ {} <span class=\"muted\">({})</span>",
                esc(&c.kind),
                esc(&c.first),
                esc(&c.second),
                esc(&c.at)
            )
        }),
    );
    list_section(
        &mut out,
        t("bookmarks"),
        t("none"),
        r.bookmarks.iter().map(|b| {
            let status = b
                .status
                .as_deref()
                .map(|s| format!(" <span class=\"badge\">{}</span>", esc(s)))
                .unwrap_or_default();
            let note = if b.note.is_empty() {
                String::new()
            } else {
                format!("<br>{}: {}", esc(t("note")), esc(&b.note))
            };
            let tags = if b.tags.is_empty() {
                String::new()
            } else {
                format!("<br>{}: {}", esc(t("tags")), esc(&b.tags.join(", ")))
            };
            format!(
                "<b>{}</b> — {}{status}{note}{tags}<blockquote>{}</blockquote>",
                esc(&b.document),
                esc(&b.clause),
                esc(&b.quote)
            )
        }),
    );
    out.push_str("</body>\n</html>\n");
    out
}

fn documents(out: &mut String, r: &Report) {
    let t = |k| r.labels().t(k);
    let _ = writeln!(out, "<h2>{}</h2>\n<div class=\"scroll\"><table>", esc(t("documents")));
    let _ = writeln!(
        out,
        "<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("title"),
        t("language"),
        t("file"),
        t("sha256")
    );
    for (k, d) in r.documents.iter().enumerate() {
        let reference = if d.is_reference {
            format!(" <span class=\"badge\">{}</span>", esc(t("reference")))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}{reference}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            k + 1,
            esc(&d.title),
            esc(&d.language.to_uppercase()),
            esc(&d.file),
            esc(&d.sha256)
        );
    }
    out.push_str("</tbody></table></div>\n");
}

fn checklist(out: &mut String, r: &Report) {
    let t = |k| r.labels().t(k);
    let _ = writeln!(out, "<h2>{}</h2>", esc(t("checklist")));
    out.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    let _ = write!(out, "<th>{}</th>", esc(t("requirement")));
    for (k, d) in r.documents.iter().enumerate() {
        let _ = write!(out, "<th>{} {}</th>", k + 1, esc(&d.title));
    }
    out.push_str("</tr></thead><tbody>\n");
    for req in &r.checklist {
        let _ = write!(
            out,
            "<tr><th>{} <span class=\"muted\">({})</span></th>",
            esc(&req.label),
            esc(&req.article)
        );
        for c in &req.cells {
            let _ = write!(
                out,
                "<td><span class=\"status s-{}\">{}</span></td>",
                esc(&c.status_id),
                esc(&c.status)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"sources\">", esc(t("checklist_findings")));
    for req in &r.checklist {
        for (c, d) in req.cells.iter().zip(&r.documents).filter(|(c, _)| c.status_id != "met") {
            let clause = c.clause.as_deref().map(|l| format!(", {}", esc(l))).unwrap_or_default();
            let quote = c.quote.as_deref().map(|q| format!(": “{}”", esc(q))).unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><b>{}</b> — <i>{}</i>{clause}{quote} <span class=\"muted\">({}: {})</span></li>",
                esc(&req.label),
                esc(&d.title),
                esc(&c.status),
                esc(&c.reason)
            );
        }
    }
    out.push_str("</ul>\n");
}

fn key_terms(out: &mut String, r: &Report) {
    let t = |k| r.labels().t(k);
    let _ = writeln!(out, "<h2>{}</h2>", esc(t("key_terms")));
    if r.terms.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t("none")));
        return;
    }
    if let Some(line) = r.against_playbook() {
        let _ = writeln!(out, "<p>{}</p>", esc(&line));
    }
    out.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    let _ = write!(out, "<th>{}</th>", esc(t("term")));
    for (k, d) in r.documents.iter().enumerate() {
        let _ = write!(out, "<th>{} {}</th>", k + 1, esc(&d.title));
    }
    out.push_str("</tr></thead><tbody>\n");
    for term in &r.terms {
        match &term.position {
            Some(p) => {
                let _ = write!(out, "<tr><th>{}<div class=\"muted\">{}</div></th>", esc(&term.label), esc(p));
            }
            None => {
                let _ = write!(out, "<tr><th>{}</th>", esc(&term.label));
            }
        }
        for c in &term.cells {
            let verdict =
                format!("<span class=\"verdict v-{}\">{}</span>", esc(&c.verdict_id), esc(&c.verdict));
            match &c.value {
                Some(v) => {
                    let _ = write!(out, "<td><span class=\"value\">{}</span>{verdict}</td>", esc(v));
                }
                None => {
                    let _ = write!(out, "<td class=\"muted\">{}{verdict}</td>", esc(t("not_stated")));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"sources\">", esc(t("sources")));
    for term in &r.terms {
        for (c, d) in term.cells.iter().zip(&r.documents) {
            let (Some(value), Some(quote)) = (&c.value, &c.quote) else { continue };
            let clause = c.clause.as_deref().map(|l| format!(", {}", esc(l))).unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><b>{}</b> = {} — <i>{}</i>{clause}: “{}” <span class=\"muted\">({})</span></li>",
                esc(&term.label),
                esc(value),
                esc(&d.title),
                esc(quote),
                esc(&c.reason)
            );
        }
    }
    out.push_str("</ul>\n");
}

fn aligned_row(out: &mut String, r: &Report, row: &ReportRow) {
    let t = |k| r.labels().t(k);
    let moved =
        if row.moved { format!(" <span class=\"badge\">{}</span>", esc(t("moved"))) } else { String::new() };
    let _ = writeln!(out, "<section class=\"row\"><h3>{}{moved}</h3>", esc(&row.topic));
    let _ = writeln!(out, "<div class=\"cells cols-{}\">", row.cells.len().clamp(1, 6));
    for (c, d) in row.cells.iter().zip(&r.documents) {
        if c.clauses.is_empty() {
            let _ = writeln!(
                out,
                "<div class=\"cell absent\"><div class=\"doc\">{}</div>{}</div>",
                esc(&d.title),
                esc(c.elsewhere.as_deref().unwrap_or(t("not_addressed")))
            );
            continue;
        }
        let _ = writeln!(
            out,
            "<div class=\"cell\"><div class=\"doc\">{}</div><div class=\"clause\">{}</div><div class=\"text\">{}</div></div>",
            esc(&d.title),
            esc(&c.clauses.join(", ")),
            esc(&c.text)
        );
    }
    out.push_str("</div>\n");
    if let Some(parts) = &row.redline {
        let _ = write!(out, "<p class=\"muted\">{}:</p><div class=\"redline\">", esc(t("redline")));
        for p in parts {
            match p.op {
                RedlineOp::Equal => out.push_str(&esc(&p.text)),
                RedlineOp::Delete => {
                    let _ = write!(out, "<del>{}</del>", esc(&p.text));
                }
                RedlineOp::Insert => {
                    let _ = write!(out, "<ins>{}</ins>", esc(&p.text));
                }
            }
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn list_section(out: &mut String, heading: &str, none: &str, items: impl Iterator<Item = String>) {
    let _ = writeln!(out, "<h2>{}</h2>", esc(heading));
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(none));
        return;
    }
    out.push_str("<ul class=\"bookmarks\">\n");
    for item in items {
        let _ = writeln!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>\n");
}

/// Text as HTML text: nothing from a document is ever read as markup.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}
