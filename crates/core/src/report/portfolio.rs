//! The portfolio as a report a lawyer can send: every document's Art. 28 score, where it stands
//! against the playbook, what it lacks and its key terms, in one of five languages.

use std::fmt::Write;

use concordia_legal::{requirements, TermKind};

use super::{generated_now, html_escape, pdf, Labels, ReportFormat, LABELS, REPORT_LANGUAGES};
use crate::api::{PortfolioQuery, PortfolioRow};
use crate::{Error, Library, Result};

/// The key terms a portfolio report shows as columns (HTML and Markdown).
const KINDS: [TermKind; 6] = [
    TermKind::BreachNotice,
    TermKind::AuditNotice,
    TermKind::SubprocessorObjection,
    TermKind::DeletionPeriod,
    TermKind::LiabilityCap,
    TermKind::GoverningLaw,
];

/// A portfolio, worded in the report's language, ready to render.
pub struct PortfolioReport {
    lang: String,
    title: String,
    lines: Vec<String>,
    requirements: u32,
    judged: bool,
    rows: Vec<PortfolioRow>,
    labels: Labels,
}

impl Library {
    /// Every row of the portfolio the query describes, as a report in `lang`.
    pub fn portfolio_report(&self, query: &PortfolioQuery, lang: &str) -> Result<PortfolioReport> {
        let labels = LABELS.get(lang).cloned().ok_or_else(|| {
            Error::Invalid(format!("no report language {lang:?}; use one of {}", REPORT_LANGUAGES.join(", ")))
        })?;
        let all = PortfolioQuery { offset: 0, limit: u32::MAX, ..query.clone() };
        let page = self.portfolio(&all, &labels)?;
        let t = |k| labels.t(k).to_owned();
        let mut lines = vec![format!(
            "{}: {} · Concordia {}",
            t("generated"),
            generated_now(),
            env!("CARGO_PKG_VERSION")
        )];
        let shown = t("documents_shown")
            .replace("{shown}", &page.matching.to_string())
            .replace("{n}", &page.total.to_string());
        lines.push(shown);
        if let Some(p) = &query.playbook {
            lines.push(format!("{}: {}", t("playbook"), self.playbook(p)?.name));
        }
        if !query.conditions.is_empty() {
            lines.push(format!("{}: {}", t("conditions"), query.conditions.join(" · ")));
        }
        Ok(PortfolioReport {
            lang: lang.to_owned(),
            title: t("portfolio_title"),
            lines,
            requirements: page.requirements,
            judged: query.playbook.is_some(),
            rows: page.rows,
            labels,
        })
    }
}

impl Library {
    /// Writes the portfolio the query describes to `path`: CSV for a `.csv` file, else a report
    /// in the file's format (html, md, pdf); never over an existing file unless `overwrite`.
    pub fn write_portfolio(
        &self,
        query: &PortfolioQuery,
        lang: &str,
        path: &std::path::Path,
        overwrite: bool,
    ) -> Result<()> {
        if !overwrite && path.exists() {
            return Err(Error::Exists { path: path.to_path_buf() });
        }
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let bytes = if extension == "csv" {
            let labels =
                LABELS.get(lang).ok_or_else(|| Error::Invalid(format!("no report language {lang:?}")))?;
            let all = PortfolioQuery { offset: 0, limit: u32::MAX, ..query.clone() };
            crate::portfolio::to_csv(&self.portfolio(&all, labels)?.rows, labels)?
        } else {
            self.portfolio_report(query, lang)?.render(ReportFormat::parse(&extension)?)?
        };
        crate::output::write_file(path, &bytes, overwrite)?;
        tracing::info!(lang, bytes = bytes.len(), path = %path.display(), "portfolio written");
        Ok(())
    }
}

impl PortfolioReport {
    /// Renders the report.
    pub fn render(&self, format: ReportFormat) -> Result<Vec<u8>> {
        match format {
            ReportFormat::Html => Ok(self.html().into_bytes()),
            ReportFormat::Markdown => Ok(self.markdown().into_bytes()),
            ReportFormat::Pdf => self.pdf(),
        }
    }

    fn header(&self, with_terms: bool) -> Vec<String> {
        let t = |k| self.labels.t(k).to_owned();
        let mut h = vec!["#".to_owned(), t("title"), t("language"), t("art28")];
        if self.judged {
            h.push(t("playbook"));
        }
        h.push(t("not_met"));
        if with_terms {
            h.extend(KINDS.iter().map(|k| self.labels.kind(k.id()).to_owned()));
        }
        h
    }

    /// One row's cells, each as lines.
    fn cells(&self, r: &PortfolioRow, with_terms: bool) -> Vec<Vec<String>> {
        let l = &self.labels;
        let mut c = vec![
            vec![r.id.to_string()],
            vec![r.title.clone()],
            vec![r.language.to_uppercase()],
            vec![format!("{}/{}", r.met, self.requirements)],
        ];
        if self.judged {
            let counts = r.playbook.clone().unwrap_or_default();
            c.push(vec![
                format!("{} {}", counts.acceptable, l.checklist("acceptable")),
                format!("{} {}", counts.negotiable, l.checklist("negotiable")),
                format!("{} {}", counts.unacceptable, l.checklist("unacceptable")),
                format!("{} {}", counts.not_stated, l.checklist("not_stated")),
            ]);
        }
        let lacking = r.lacking.iter().map(|q| {
            let info = requirements().iter().find(|i| i.id == *q).expect("every requirement has its info");
            l.requirement(&crate::review::requirement_id(*q), &info.label).to_owned()
        });
        c.push(lacking.collect());
        if with_terms {
            for k in KINDS {
                c.push(
                    r.terms.iter().find(|t| t.kind == k).map(|t| vec![t.display.clone()]).unwrap_or_default(),
                );
            }
        }
        c
    }

    fn html(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>body {{ font-family: sans-serif; margin: 2em; }} table {{ border-collapse: collapse; font-size: 0.85em; }} th, td {{ border: 1px solid #ccd; padding: 3px 6px; vertical-align: top; text-align: left; }} .meta {{ color: #5b6575; }}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
            html_escape(&self.lang),
            html_escape(&self.title),
            html_escape(&self.title)
        );
        for line in &self.lines {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", html_escape(line));
        }
        out.push_str("<table>\n<thead><tr>");
        for h in self.header(true) {
            let _ = write!(out, "<th>{}</th>", html_escape(&h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for r in &self.rows {
            out.push_str("<tr>");
            for cell in self.cells(r, true) {
                let lines: Vec<String> = cell.iter().map(|l| html_escape(l)).collect();
                let _ = write!(out, "<td>{}</td>", lines.join("<br>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n</body>\n</html>\n");
        out
    }

    fn markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = format!("# {}\n\n", cell(&self.title));
        for line in &self.lines {
            let _ = writeln!(out, "{}  ", cell(line));
        }
        let header = self.header(true);
        let _ = writeln!(out, "\n| {} |", header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for r in &self.rows {
            let cells: Vec<String> = self.cells(r, true).iter().map(|c| cell(&c.join("; "))).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out
    }

    fn pdf(&self) -> Result<Vec<u8>> {
        let meta = pdf::Meta { title: &self.title, version: env!("CARGO_PKG_VERSION"), lang: &self.lang };
        // A4 holds the score, the playbook and what is lacking; the key terms are in the CSV.
        let mut widths = vec![18.0, 150.0, 30.0, 36.0];
        if self.judged {
            widths.push(80.0);
        }
        widths.push(180.0);
        let rows: Vec<Vec<Vec<String>>> = self.rows.iter().map(|r| self.cells(r, false)).collect();
        pdf::table_report(&meta, &self.labels, &self.lines, &widths, &self.header(false), &rows)
    }
}
