//! `concordia`: the command line over the same core as the app.

mod bench;
mod bookmark;
mod print;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use concordia_core::api::{
    ClauseId, CorrectionId, CorrectionRequest, DocId, DocumentSummary, LibraryQuery, PortfolioQuery,
    PortfolioSort, SearchRequest,
};
use concordia_core::report::Against;
use concordia_core::DocumentOrder;
use concordia_core::{Fix, Library, Progress};

#[derive(Parser)]
#[command(name = "concordia", version, about = "Import, search and read multilingual DPAs offline")]
struct Cli {
    /// Library folder (default: $CONCORDIA_DATA_DIR, else the platform data dir + /concordia).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files and folders (recursively): .txt, .md, .html, .docx, .odt, .pdf.
    Import {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print a JSON array of results.
        #[arg(long)]
        json: bool,
    },
    /// Check documents against GDPR Art. 28: each requirement met, partly met or missing, with
    /// the clause and the sentence that decide it.
    Review {
        /// Document ids or paths.
        #[arg(required = true)]
        docs: Vec<String>,
        /// The language of names and reasons: en, sv, de, it or nl.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Also hold each document against a playbook: recommended, gdpr-minimum, one saved in the
        /// library, or a TOML file.
        #[arg(long, value_name = "NAME|FILE")]
        playbook: Option<String>,
        /// Print one JSON object per document, in an array.
        #[arg(long)]
        json: bool,
    },
    /// The library at a glance: each document's key terms, its Art. 28 score and, with a
    /// playbook, where it stands. Conditions (all must hold; " or " inside one): value filters
    /// as in search (breach_notice>72h, governing_law!=EEA), KIND=none (not stated),
    /// checklist<12 (requirements met), lacks=REQUIREMENT, playbook=unacceptable.
    Portfolio {
        /// A condition every row must meet; repeat for more.
        #[arg(long = "where", value_name = "CONDITION")]
        conditions: Vec<String>,
        /// Hold each document against a playbook: recommended, gdpr-minimum, or a TOML file.
        #[arg(long, value_name = "NAME|FILE")]
        playbook: Option<String>,
        /// Order: imported, title, language, met or unacceptable.
        #[arg(long, default_value = "imported", value_parser = parse_portfolio_order)]
        sort: PortfolioSort,
        /// Largest (or last) first.
        #[arg(long)]
        desc: bool,
        /// The language of values and headings: en, sv, de, it or nl.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
        /// Write it to a file instead: .csv, or a report in .html, .md or .pdf.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the documents in the library.
    List {
        /// Order: imported, title, language, clauses, format or size.
        #[arg(long, default_value = "imported", value_parser = parse_order)]
        sort: DocumentOrder,
        /// Largest (or last) first.
        #[arg(long)]
        desc: bool,
        /// Only documents whose title or path contains every one of these words, in any case.
        #[arg(long, value_name = "WORDS", default_value = "")]
        title: String,
        /// Only documents in this language (sv, de, it, nl, en).
        #[arg(long)]
        lang: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search clauses: words, "phrases", -exclusions; by topic; across languages.
    Search {
        /// The query (may be empty with --topic).
        #[arg(default_value = "", required_unless_present_any = ["topic", "filters"])]
        query: String,
        /// Only clauses with this DPA topic (see `concordia topics`).
        #[arg(long, value_name = "TOPIC")]
        topic: Option<String>,
        /// Also find clauses in every language whose topic the words stand for ("audit" → revisione, controle…).
        #[arg(long)]
        cross: bool,
        /// Only documents whose key terms satisfy this, e.g. "audit_notice<30d", "liability_cap>=100000 EUR",
        /// "governing_law=DE" (repeat for several; all must hold).
        #[arg(long = "where", value_name = "FILTER")]
        filters: Vec<String>,
        /// Only clauses in this language (sv, de, it, nl, en).
        #[arg(long, value_name = "LL")]
        lang: Option<String>,
        /// Only this document (library id or path).
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show a document as its clauses.
    Show {
        /// Library id or file path.
        doc: String,
        /// Mark where this query matches in each clause.
        #[arg(long, value_name = "QUERY")]
        highlight: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show each document's clauses with their DPA topics and the cues behind them.
    Analyze {
        /// Library ids or file paths.
        #[arg(required = true)]
        docs: Vec<String>,
        /// Print a JSON array, one object per document.
        #[arg(long)]
        json: bool,
    },
    /// Compare 2–6 documents: clauses aligned across languages and the key-terms matrix.
    Compare {
        /// Library ids or file paths (files not in the library are imported).
        #[arg(required = true, num_args = 2..=6)]
        docs: Vec<String>,
        /// Judge the others against this document (library id or file path).
        #[arg(long, value_name = "DOC")]
        reference: Option<String>,
        /// Also judge every document's key terms against a playbook's positions: recommended,
        /// one saved in the library, or a TOML file.
        #[arg(long, value_name = "NAME|FILE")]
        playbook: Option<String>,
        /// Also print the aligned rows.
        #[arg(long)]
        rows: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Correct the alignment of clauses (clause ids as in `compare --json`); every later
    /// comparison of their documents honours it.
    Correct {
        #[command(subcommand)]
        action: CorrectAction,
    },
    /// Write a diff report of a comparison: key terms with verdicts and sources, aligned clauses,
    /// your corrections and bookmarks (HTML, Markdown or PDF).
    Report {
        /// 2–6 library ids or file paths.
        #[arg(required = true, num_args = 2..=6)]
        docs: Vec<String>,
        /// Judge the others against this document.
        #[arg(long, value_name = "DOC")]
        reference: Option<String>,
        /// Judge each key term a playbook takes a position on against that position:
        /// recommended, one saved in the library, or a TOML file.
        #[arg(long, value_name = "NAME|FILE")]
        playbook: Option<String>,
        /// html, md or pdf (default: from the file's extension).
        #[arg(long)]
        format: Option<String>,
        /// Language of the headings and labels: en, sv, de, it, nl.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The file to write, taken literally.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Bookmarks on clauses, with notes and tags: add, list, edit, review, rm, export, import.
    Bookmark {
        #[command(subcommand)]
        action: bookmark::BookmarkAction,
    },
    /// List the topic taxonomy.
    Topics {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove a document from the library.
    Remove {
        /// Library id or file path.
        doc: String,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Check the library: the database's integrity, the index's files, and that every document
    /// can be found. Changes nothing; exits 1 when something is wrong.
    Check {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a copy of the whole library (documents, bookmarks, corrections) to one file.
    Backup {
        /// The file to write.
        file: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Replace the whole library with a copy written by `backup`, then rebuild the index.
    Restore {
        /// The copy.
        file: PathBuf,
    },
    /// Measure key terms, topics and compare rows on real DPAs with a gold file (a scratch
    /// library of its own; yours is not touched).
    Eval {
        /// A folder with gold*.json and the documents it names (default: ../shared/real).
        #[arg(default_value = "../shared/real")]
        dir: PathBuf,
        /// Which documents: all, held-out (the round measured once) or tuned (the rest).
        #[arg(long, default_value = "all", value_parser = ["all", "held-out", "tuned"])]
        set: String,
        /// Print every miss, not only the figures.
        #[arg(long)]
        misses: bool,
    },
    /// Measure import throughput and search latency on a synthetic library.
    Bench {
        /// Library sizes to measure, in synthetic documents (e.g. 1000,10000,30000).
        #[arg(long, value_delimiter = ',', default_value = "1000")]
        docs: Vec<usize>,
        /// Timed searches per engine and size, spread over the fixed probes.
        #[arg(long, default_value_t = 680)]
        queries: usize,
    },
}

/// A library id or path; a file not yet in the library is imported first, and the user told so.
fn resolve_or_import(library: &Library, doc: &str) -> anyhow::Result<DocId> {
    let (id, imported) = library.resolve_or_import(doc)?;
    if imported {
        eprintln!("imported {doc} as document {id}");
    }
    Ok(id)
}

#[derive(Subcommand)]
enum CorrectAction {
    /// Put clause MOVED in the row of clause ANCHOR.
    Link { anchor: ClauseId, moved: ClauseId },
    /// Clause MOVED is not equivalent to clause ANCHOR: keep it out of that row.
    Unlink { anchor: ClauseId, moved: ClauseId },
    /// The automatic link of the two clauses is right.
    Confirm { anchor: ClauseId, moved: ClauseId },
    /// List the corrections among these documents.
    List {
        /// Library ids or file paths.
        #[arg(required = true)]
        docs: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Undo a correction.
    Undo { id: CorrectionId },
}

fn correct(library: &Library, action: CorrectAction) -> anyhow::Result<()> {
    let (kind, anchor, moved) = match action {
        CorrectAction::Link { anchor, moved } => (Fix::Link, anchor, moved),
        CorrectAction::Unlink { anchor, moved } => (Fix::Unlink, anchor, moved),
        CorrectAction::Confirm { anchor, moved } => (Fix::Confirm, anchor, moved),
        CorrectAction::List { docs, json } => {
            let ids: Vec<DocId> = docs.iter().map(|d| library.resolve(d)).collect::<Result<_, _>>()?;
            return print::corrections(&library.corrections(&ids)?, json);
        }
        CorrectAction::Undo { id } => {
            library.remove_correction(id)?;
            println!("undid correction {id}");
            return Ok(());
        }
    };
    let request = CorrectionRequest { kind, anchor_clause_id: anchor, moved_clause_id: moved };
    let stored = library.correct_alignment(&request)?;
    println!("correction {}: {} clause {moved} with clause {anchor}", stored.id, kind.name());
    Ok(())
}

/// `concordia eval`: the figures on a gold set, in a scratch library removed afterwards.
fn eval(dir: &std::path::Path, set: &str, misses: bool) -> anyhow::Result<ExitCode> {
    use concordia_core::eval::{evaluate, GoldSet, HELD_OUT};
    let gold = GoldSet::load(dir)?;
    let gold = match set {
        "held-out" => gold.only(|k| HELD_OUT.contains(&k)),
        "tuned" => gold.only(|k| !HELD_OUT.contains(&k)),
        _ => gold,
    };
    let scratch = std::env::temp_dir().join(format!("concordia-eval-{}", std::process::id()));
    let figures = evaluate(&gold, &scratch);
    std::fs::remove_dir_all(&scratch).ok();
    let figures = figures?;
    if misses {
        figures.misses.iter().for_each(|m| println!("{m}"));
    }
    println!("{} documents ({set}) in {}", figures.documents, dir.display());
    println!("{}", figures.summary());
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    // Started as the reader of one Word file (see concordia_core::worker)? Then only that.
    concordia_core::worker::serve_if_asked();
    if let Ok(exe) = std::env::current_exe() {
        concordia_core::worker::isolate_with(exe);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Bench { docs, queries } => {
            bench::run(&docs, queries)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Eval { dir, set, misses } => return eval(&dir, &set, misses),
        _ => {}
    }
    let dir = cli.data_dir.unwrap_or_else(concordia_core::default_data_dir);
    // What this run did goes to the library's log (`<dir>/logs`).
    concordia_core::log::to_file(&dir);
    let library =
        Library::open_as_is(&dir).with_context(|| format!("opening the library in {}", dir.display()))?;
    let progress = told_when_waiting();
    if !matches!(cli.command, Command::Reindex | Command::Restore { .. } | Command::Check { .. }) {
        library.bring_up_to_date(&progress)?;
    }
    let code = command(&library, cli.command, &progress)?;
    if let Some(fault) = library.index_fault() {
        eprintln!("warning: {fault}. Your documents are safe; `concordia reindex` rebuilds the index.");
    }
    Ok(code)
}

/// Progress for commands that print their own results: only a wait for another process is told.
fn told_when_waiting() -> Progress {
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    Progress::new(
        |event| {
            if let Some(waiting) = &event.waiting {
                eprintln!("{waiting}");
            }
        },
        cancel,
    )
}

fn command(library: &Library, command: Command, progress: &Progress) -> anyhow::Result<ExitCode> {
    match command {
        Command::Import { paths, json } => {
            let report = library.import(&paths, progress)?;
            print::import(&report, json)?;
            let failed = report.has_errors() || report.outcomes.is_empty();
            if report.outcomes.is_empty() {
                eprintln!("error: no .txt, .md, .html, .docx, .odt or .pdf files found in the given paths");
            }
            return Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS });
        }
        Command::Review { docs, lang, playbook, json } => {
            let labels = labels_of(&lang)?;
            let playbook = playbook.as_deref().map(|p| library.playbook(p)).transpose()?;
            let reviews = docs
                .iter()
                .map(|d| {
                    library.resolve(d).and_then(|id| library.review_against(id, labels, playbook.as_ref()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            print::reviews(&reviews, json)?;
        }
        Command::Portfolio { conditions, playbook, sort, desc, lang, json, csv, output, force } => {
            let labels = labels_of(&lang)?;
            let query =
                PortfolioQuery { conditions, playbook, sort, descending: desc, offset: 0, limit: u32::MAX };
            if let Some(path) = output {
                library.write_portfolio(&query, &lang, &path, force)?;
                println!("wrote {}", path.display());
                return Ok(ExitCode::SUCCESS);
            }
            let page = library.portfolio(&query, labels)?;
            if csv {
                use std::io::Write;
                std::io::stdout().write_all(&concordia_core::portfolio::to_csv(&page.rows, labels)?)?;
            } else {
                print::portfolio(&page, json)?;
            }
        }
        Command::List { sort, desc, title, lang, json } => {
            let query =
                LibraryQuery { text: title, language: lang, sort, descending: desc, offset: 0, limit: 0 };
            print::list(&whole_listing(library, query)?, json)?;
        }
        Command::Search { query, topic, cross, filters, lang, doc, limit, json } => {
            let doc = doc.map(|d| library.resolve(&d)).transpose()?;
            let req = SearchRequest { query, lang, doc, limit, topic, cross, filters };
            print::search(&library.search(&req)?, json)?;
        }
        Command::Show { doc, highlight, json } => {
            let id = library.resolve(&doc)?;
            print::document(&library.document(id, highlight.as_deref())?, json)?;
        }
        Command::Analyze { docs, json } => {
            let mut views = Vec::with_capacity(docs.len());
            for doc in &docs {
                views.push(library.analyze(resolve_or_import(library, doc)?)?);
            }
            print::analysis(&views, json)?;
        }
        Command::Compare { docs, reference, playbook, rows, json } => {
            let ids: Vec<DocId> =
                docs.iter().map(|d| resolve_or_import(library, d)).collect::<anyhow::Result<_>>()?;
            let reference = reference.map(|r| resolve_or_import(library, &r)).transpose()?;
            let playbook = playbook.as_deref().map(|p| library.playbook(p)).transpose()?;
            let against = Against { reference, playbook: playbook.as_ref() };
            let comparison =
                library.compare_against(&ids, against, concordia_core::report::Labels::english())?;
            print::comparison(&comparison, rows, json)?;
        }
        Command::Correct { action } => correct(library, action)?,
        Command::Bookmark { action } => bookmark::run(library, action)?,
        Command::Report { docs, reference, playbook, format, lang, output, force } => {
            let ids: Vec<DocId> =
                docs.iter().map(|d| resolve_or_import(library, d)).collect::<anyhow::Result<_>>()?;
            let reference = reference.map(|r| resolve_or_import(library, &r)).transpose()?;
            let name = format.or_else(|| output.extension().map(|e| e.to_string_lossy().into_owned()));
            let name = name.ok_or_else(|| {
                anyhow::anyhow!("say --format html, md or pdf, or give the file that extension")
            })?;
            let format = concordia_core::report::ReportFormat::parse(&name)?;
            let playbook = playbook.as_deref().map(|p| library.playbook(p)).transpose()?;
            let against = Against { reference, playbook: playbook.as_ref() };
            library.write_report(&ids, against, &lang, format, &output, force)?;
            println!("wrote {}", output.display());
        }
        Command::Topics { json } => print::topics(&library.topics(), json)?,
        Command::Remove { doc } => {
            let id = library.resolve(&doc)?;
            library.remove(id)?;
            println!("removed document {id}");
        }
        Command::Reindex => {
            let clauses = library.reindex(progress)?.unwrap_or_default();
            println!("reindexed {clauses} clauses");
        }
        Command::Check { json } => {
            let check = library.check()?;
            print::check(&check, json)?;
            return Ok(if check.is_ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
        Command::Backup { file, force } => {
            library.backup(&file, force)?;
            println!("wrote a copy of the library to {}", file.display());
        }
        Command::Restore { file } => {
            let documents = library.restore(&file, progress)?;
            println!("restored {documents} documents from {}", file.display());
        }
        Command::Bench { .. } | Command::Eval { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_portfolio_order(word: &str) -> Result<PortfolioSort, String> {
    one_of(word, "imported, title, language, met or unacceptable")
}

fn parse_order(word: &str) -> Result<DocumentOrder, String> {
    one_of(word, "imported, title, language, clauses, format or size")
}

/// A word of a closed set, read as the enum serde names it.
fn one_of<T: serde::de::DeserializeOwned>(word: &str, choices: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(word.to_owned()))
        .map_err(|_| format!("unknown order {word:?}; use {choices}"))
}

/// The labels of `--lang`, or why not.
fn labels_of(lang: &str) -> anyhow::Result<&'static concordia_core::report::Labels> {
    concordia_core::report::Labels::of(lang)
        .ok_or_else(|| anyhow::anyhow!("unknown language {lang:?} for --lang; use en, sv, de, it or nl"))
}

/// Every document the query matches, read a page at a time.
fn whole_listing(library: &Library, mut query: LibraryQuery) -> anyhow::Result<Vec<DocumentSummary>> {
    query.limit = LibraryQuery::MAX_LIMIT;
    let mut docs = Vec::new();
    loop {
        let page = library.page(&query)?;
        let got = page.documents.len() as u32;
        docs.extend(page.documents);
        if got < query.limit {
            return Ok(docs);
        }
        query.offset += got;
    }
}
