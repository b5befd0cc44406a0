//! `concordia bench`: import throughput, search latency against SQLite FTS5, analysis and
//! compare timings, on synthetic libraries of given sizes.
//!
//! The libraries are generated from clause templates in sv, de, it and nl with a fixed seed, so
//! every run measures the same bytes.

mod fts;
mod machine;
mod probes;

use std::path::Path;
use std::time::Instant;

use concordia_core::{Library, Progress};

use fts::Fts5;
use machine::{shown, Meter};

/// (language, heading style, clause templates). `{n}` is a number, `{p}` a party, `{c}` a city.
/// A clause template: (heading, body).
type Clause = (&'static str, &'static str);

const TEMPLATES: &[(&str, &str, &[Clause])] = &[
    ("sv", "{i}. ", &[
        ("Behandlingens föremål", "Personuppgiftsbiträdet behandlar personuppgifter för {p} endast enligt dokumenterade instruktioner från den personuppgiftsansvarige under avtalets löptid."),
        ("Sekretess", "All personal som behandlar personuppgifter omfattas av tystnadsplikt som gäller även efter anställningens upphörande."),
        ("Säkerhet", "Biträdet vidtar lämpliga tekniska och organisatoriska åtgärder enligt artikel 32 GDPR, bland annat kryptering, åtkomstkontroll och loggning som sparas i {n} dagar."),
        ("Underbiträden", "Biträdet får anlita underbiträden endast efter skriftligt förhandsgodkännande. Den ansvarige kan invända inom {n} dagar från meddelandet."),
        ("Personuppgiftsincidenter", "Biträdet ska underrätta den personuppgiftsansvarige om en personuppgiftsincident utan onödigt dröjsmål och senast inom {n} timmar."),
        ("Radering", "Vid avtalets upphörande ska biträdet radera eller återlämna alla personuppgifter inom {n} dagar. Säkerhetskopior raderas inom {n} månader."),
        ("Granskning", "Den personuppgiftsansvarige har rätt att genomföra granskningar en gång per år efter minst {n} arbetsdagars varsel."),
        ("Ansvar", "Biträdets sammanlagda ansvar är begränsat till {n} 000 kronor per år. Ansvaret omfattar inte indirekt skada eller utebliven vinst."),
        ("Tillämplig lag", "Avtalet ska tolkas enligt svensk lag. Tvister avgörs av allmän domstol i {c}."),
    ]),
    ("de", "§ {i} ", &[
        ("Gegenstand der Verarbeitung", "Der Auftragnehmer verarbeitet personenbezogene Daten im Auftrag von {p} ausschließlich auf dokumentierte Weisung des Auftraggebers."),
        ("Vertraulichkeit", "Der Auftragnehmer verpflichtet alle zur Verarbeitung befugten Personen zur Vertraulichkeit, auch über das Ende des Beschäftigungsverhältnisses hinaus."),
        ("Technische und organisatorische Maßnahmen", "Der Auftragnehmer trifft alle nach Art. 32 DSGVO erforderlichen Maßnahmen, insbesondere Verschlüsselung und Zugriffskontrolle; Protokolle werden {n} Tage aufbewahrt."),
        ("Unterauftragsverarbeiter", "Die Beauftragung weiterer Auftragsverarbeiter bedarf der vorherigen schriftlichen Genehmigung. Der Auftraggeber kann binnen {n} Tagen widersprechen."),
        ("Meldung von Verletzungen", "Der Auftragnehmer meldet Verletzungen des Schutzes personenbezogener Daten unverzüglich, spätestens innerhalb von {n} Stunden."),
        ("Löschung und Rückgabe", "Nach Beendigung des Vertrags löscht der Auftragnehmer sämtliche Daten binnen {n} Tagen oder gibt sie nach Wahl des Auftraggebers zurück."),
        ("Kontrollrechte", "Der Auftraggeber ist berechtigt, einmal jährlich nach Anmeldung mit einer Frist von {n} Werktagen Kontrollen durchzuführen."),
        ("Haftung", "Die Haftung des Auftragnehmers ist auf {n}.000 EUR je Vertragsjahr begrenzt; für entgangenen Gewinn wird nicht gehaftet."),
        ("Gerichtsstand", "Es gilt deutsches Recht. Gerichtsstand ist {c}."),
    ]),
    ("it", "Articolo {i} – ", &[
        ("Oggetto", "Il Responsabile tratta i dati personali per conto di {p} soltanto su istruzione documentata del Titolare del trattamento."),
        ("Riservatezza", "Le persone autorizzate al trattamento si sono impegnate alla riservatezza anche dopo la cessazione del rapporto."),
        ("Misure di sicurezza", "Il Responsabile adotta le misure tecniche e organizzative previste dall'articolo 32 del GDPR; i registri sono conservati per {n} giorni."),
        ("Sub-responsabili", "Il Responsabile non ricorre a un altro responsabile senza autorizzazione scritta. Il Titolare può opporsi entro {n} giorni."),
        ("Violazione dei dati", "Il Responsabile informa il Titolare senza ingiustificato ritardo e comunque entro {n} ore da una violazione dei dati personali."),
        ("Cancellazione", "Al termine del contratto il Responsabile cancellerà o restituirà tutti i dati personali entro {n} giorni."),
        ("Revisione", "Il Titolare può effettuare una revisione per anno solare con un preavviso di almeno {n} giorni lavorativi."),
        ("Responsabilità", "La responsabilità del Responsabile è limitata a € {n}.000 per anno contrattuale, esclusi i danni indiretti e il lucro cessante."),
        ("Legge applicabile", "Il contratto è regolato dalla legge italiana. Foro competente è quello di {c}."),
    ]),
    ("nl", "Artikel {i} ", &[
        ("Onderwerp", "Verwerker verwerkt persoonsgegevens ten behoeve van {p} uitsluitend op basis van schriftelijke instructies van Verwerkingsverantwoordelijke."),
        ("Geheimhouding", "Alle personen die persoonsgegevens verwerken zijn gebonden aan geheimhouding, ook na beëindiging van het dienstverband."),
        ("Beveiliging", "Verwerker neemt passende technische en organisatorische maatregelen als bedoeld in artikel 32 AVG; logbestanden worden {n} dagen bewaard."),
        ("Subverwerkers", "Verwerker schakelt geen subverwerker in zonder voorafgaande schriftelijke toestemming. Bezwaar is mogelijk binnen {n} dagen."),
        ("Datalekken", "Verwerker meldt een datalek zonder onredelijke vertraging en in ieder geval binnen {n} uur aan Verwerkingsverantwoordelijke."),
        ("Verwijdering", "Na afloop van de overeenkomst verwijdert Verwerker alle persoonsgegevens binnen {n} dagen of retourneert deze."),
        ("Controle", "Verwerkingsverantwoordelijke mag eenmaal per jaar een audit laten uitvoeren met een aankondiging van {n} werkdagen."),
        ("Aansprakelijkheid", "De totale aansprakelijkheid van Verwerker bedraagt nooit meer dan €{n}.000. Gevolgschade en gederfde winst zijn uitgesloten."),
        ("Toepasselijk recht", "Op deze overeenkomst is Nederlands recht van toepassing. Geschillen worden voorgelegd aan de rechtbank te {c}."),
    ]),
];

const PARTIES: &[&str] =
    &["Nordlicht AB", "Alpenwerk GmbH", "Laguna S.r.l.", "Polderdata B.V.", "Fjordsoft AB"];
const CITIES: &[&str] =
    &["Stockholm", "München", "Milano", "Eindhoven", "Göteborg", "Hamburg", "Torino", "Utrecht"];

/// A tiny deterministic generator (xorshift), so the library is the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn document(rng: &mut Rng, k: usize) -> String {
    let sections = 8 + rng.below(8);
    document_with(rng, k, sections)
}

fn document_with(rng: &mut Rng, k: usize, sections: usize) -> String {
    let (_, style, clauses) = TEMPLATES[k % TEMPLATES.len()];
    let party = PARTIES[rng.below(PARTIES.len())];
    let mut out = format!("Data Processing Agreement {k} — {party}\n\n");
    for i in 1..=sections {
        let (heading, body) = clauses[rng.below(clauses.len())];
        out.push_str(&style.replace("{i}", &i.to_string()));
        out.push_str(heading);
        out.push_str("\n\n");
        for _ in 0..1 + rng.below(4) {
            let n = (1 + rng.below(90)).to_string();
            let text =
                body.replace("{n}", &n).replace("{p}", party).replace("{c}", CITIES[rng.below(CITIES.len())]);
            out.push_str(&text);
            out.push(' ');
        }
        out.push_str("\n\n");
    }
    out
}

fn write_library(dir: &Path, docs: usize) -> anyhow::Result<u64> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut bytes = 0;
    for k in 0..docs {
        let text = document(&mut rng, k);
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("dpa-{k:05}.txt")), text)?;
    }
    Ok(bytes)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Import, search and count at each library size, then the one-document timings and the real
/// DPAs. `queries` is how many searches each engine runs per size, spread over the probes.
pub fn run(sizes: &[usize], queries: usize) -> anyhow::Result<()> {
    for &docs in sizes {
        at_scale(docs, queries)?;
    }
    let tmp = std::env::temp_dir().join(format!("concordia-bench-one-{}", std::process::id()));
    std::fs::create_dir_all(tmp.join("files"))?;
    let library = Library::open(&tmp.join("data"))?;
    analysis(&library, &tmp.join("files"))?;
    review(&library, &tmp.join("files"))?;
    comparison(&library, &tmp.join("files"))?;
    drop(library);
    std::fs::remove_dir_all(&tmp)?;
    real_dpas(Path::new(REAL))
}

/// One synthetic library of `docs` documents: import from disk (and raw tantivy on the same
/// text), then search, count and all hits beside FTS5.
fn at_scale(docs: usize, queries: usize) -> anyhow::Result<()> {
    let tmp = std::env::temp_dir().join(format!("concordia-bench-{docs}-{}", std::process::id()));
    let (files, data) = (tmp.join("files"), tmp.join("data"));
    std::fs::create_dir_all(&files)?;
    let bytes = write_library(&files, docs)?;
    let library = Library::open(&data)?;
    machine::reset_peak();
    let meter = Meter::start();
    let report = library.import(std::slice::from_ref(&files), &Progress::none())?;
    let (seconds, cores) = meter.stop();
    anyhow::ensure!(!report.has_errors(), "the synthetic library must import cleanly");
    let clauses: u32 = report.outcomes.iter().filter_map(|o| o.clauses).sum();
    let mb = bytes as f64 / 1e6;
    let raw = raw_tantivy(&files, &tmp.join("raw"))?;
    println!(
        "import {docs}: {clauses} clauses, {mb:.1} MB in {seconds:.2} s = {:.1} MB/s, {} cores busy, peak RSS {} MB; raw tantivy on the same text {raw:.1} MB/s ({:.0} %)",
        mb / seconds,
        shown(cores, 2),
        shown(machine::peak_rss_mb(), 0),
        100.0 * mb / seconds / raw
    );
    search_beside_fts(&library, &data, docs, queries)?;
    listing(&library, docs)?;
    portfolio(&library, docs)?;
    drop(library);
    std::fs::remove_dir_all(&tmp)?;
    Ok(())
}

/// Indexes the files' paragraphs into a bare tantivy index (one text field, default tokenizer,
/// no analysis, no store) and returns MB/s: the ceiling Concordia's import is measured against.
fn raw_tantivy(files: &Path, dir: &Path) -> anyhow::Result<f64> {
    use tantivy::schema::{Schema, TEXT};
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT);
    std::fs::create_dir_all(dir)?;
    let index = tantivy::Index::create_in_dir(dir, schema.build())?;
    let mut writer: tantivy::IndexWriter = index.writer(100_000_000)?;
    let mut bytes = 0;
    let started = Instant::now();
    for entry in std::fs::read_dir(files)? {
        let text = std::fs::read_to_string(entry?.path())?;
        bytes += text.len();
        for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            writer.add_document(tantivy::doc!(body => paragraph))?;
        }
    }
    writer.commit()?;
    Ok(bytes as f64 / 1e6 / started.elapsed().as_secs_f64())
}

/// Each probe's first page (10 hits with snippets), its count, and for frequent words all its
/// hits, timed in Concordia and in FTS5 over the same clauses; p50/p99 per kind and in all.
fn search_beside_fts(library: &Library, data: &Path, docs: usize, queries: usize) -> anyhow::Result<()> {
    let built = Instant::now();
    let fts = Fts5::build(&data.join("library.sqlite"))?;
    println!("  fts5: the same clauses indexed in {:.1} s", built.elapsed().as_secs_f64());
    // Value filters read every document's key terms from the portfolio's facts; the app reads
    // them ahead in the background once its first screen is up. Timed apart, not as a p99.
    let read = Instant::now();
    library.warm_up_portfolio();
    println!(
        "  value filters' facts read ahead (as the app does at start): {:.0} ms",
        read.elapsed().as_secs_f64() * 1e3
    );
    let probes = probes::probes();
    let rounds = (queries / probes.len()).max(1);
    let mut table = Table::default();
    for probe in &probes {
        for _ in 0..rounds {
            let ms = table.time(probe.kind, "page", || Ok(library.search(&probe.request)?.hits.len()))?;
            if probe.fts.is_some() {
                table.push("all", "page", ms);
            }
        }
        let Some(fts_query) = probe.fts else { continue };
        let mut counted = probe.request.clone();
        counted.limit = 1;
        let ours = library.search(&counted)?.total;
        let theirs = fts.count(fts_query)?;
        anyhow::ensure!(ours >= theirs, "{fts_query}: Concordia finds {ours} clauses, FTS5 {theirs}");
        for _ in 0..rounds {
            table.time("fts5", "page", || fts.page(fts_query, 10))?;
            table.time("all", "count", || Ok(library.search(&counted)?.total))?;
            table.time("fts5", "count", || fts.count(fts_query))?;
            if probe.kind == "frequent word" {
                table.time("all", "all hits", || Ok(library.all_hits(&probe.request)?.len()))?;
                table.time("fts5", "all hits", || Ok(fts.all(fts_query)?.len()))?;
            }
        }
    }
    table.print(docs, probes.len(), rounds);
    Ok(())
}

/// Timings in milliseconds by (engine or kind, operation).
#[derive(Default)]
struct Table {
    rows: Vec<((&'static str, &'static str), Vec<f64>)>,
}

impl Table {
    /// Times `work` and keeps the milliseconds under (kind, operation); returns them.
    fn time(
        &mut self,
        kind: &'static str,
        operation: &'static str,
        work: impl FnOnce() -> anyhow::Result<usize>,
    ) -> anyhow::Result<f64> {
        let started = Instant::now();
        std::hint::black_box(work()?);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        self.push(kind, operation, ms);
        Ok(ms)
    }

    fn push(&mut self, kind: &'static str, operation: &'static str, ms: f64) {
        match self.rows.iter_mut().find(|(key, _)| *key == (kind, operation)) {
            Some((_, samples)) => samples.push(ms),
            None => self.rows.push(((kind, operation), vec![ms])),
        }
    }

    fn samples(&self, pick: impl Fn(&str, &str) -> bool) -> Vec<f64> {
        let mut all: Vec<f64> =
            self.rows.iter().filter(|((k, o), _)| pick(k, o)).flat_map(|(_, s)| s.iter().copied()).collect();
        all.sort_by(f64::total_cmp);
        all
    }

    fn print(&self, docs: usize, probes: usize, rounds: usize) {
        println!("  search {docs} (ms; {probes} probes × {rounds} rounds)     p50      p99");
        // "all" holds the pages of the probes FTS5 can run too, "fts5" FTS5's own.
        let by_kind = |k: &str, o: &str| o == "page" && k != "fts5" && k != "all";
        for ((kind, operation), _) in self.rows.iter().filter(|((k, o), _)| by_kind(k, o)) {
            let s = self.samples(|k, o| k == *kind && o == *operation);
            println!("    page, {kind:24} {:>8.3} {:>8.3}", percentile(&s, 0.5), percentile(&s, 0.99));
        }
        let ours = self.samples(by_kind);
        println!(
            "    page, every probe              {:>8.3} {:>8.3}",
            percentile(&ours, 0.5),
            percentile(&ours, 0.99)
        );
        let same = self.samples(|k, o| k == "all" && o == "page");
        self.beside("page (FTS5's probes)", &same, &self.samples(|k, o| k == "fts5" && o == "page"));
        for operation in ["count", "all hits"] {
            let ours = self.samples(|k, o| k == "all" && o == operation);
            self.beside(operation, &ours, &self.samples(|k, o| k == "fts5" && o == operation));
        }
    }

    fn beside(&self, what: &str, ours: &[f64], theirs: &[f64]) {
        if ours.is_empty() || theirs.is_empty() {
            return;
        }
        let (o50, o99, t50, t99) = (
            percentile(ours, 0.5),
            percentile(ours, 0.99),
            percentile(theirs, 0.5),
            percentile(theirs, 0.99),
        );
        println!(
            "    {what:30} Concordia {o50:.3} / {o99:.3}, FTS5 {t50:.3} / {t99:.3}: FTS5 takes {:.1}× (p50) {:.1}× (p99)",
            t50 / o50,
            t99 / o99
        );
    }
}

/// The real DPAs with a gold file, beside the repository.
const REAL: &str = "../shared/real";

/// On the real DPAs (when they are there): compare of one document per language, warm, and
/// the figures of `concordia eval`.
fn real_dpas(dir: &Path) -> anyhow::Result<()> {
    use concordia_core::eval::{evaluate, GoldSet};
    if !dir.is_dir() {
        println!("real DPAs: {} not found, skipped", dir.display());
        return Ok(());
    }
    let gold = GoldSet::load(dir)?;
    real_import(dir, &gold.docs.keys().map(|k| dir.join(k)).collect::<Vec<_>>())?;
    let tmp = std::env::temp_dir().join(format!("concordia-bench-real-{}", std::process::id()));
    let library = Library::open(&tmp)?;
    // The first document of each language, as `concordia eval` groups them.
    let mut first: Vec<&String> = Vec::new();
    for key in gold.docs.keys() {
        if !first.iter().any(|k| k[..8] == key[..8]) {
            first.push(key);
        }
    }
    let paths: Vec<_> = first.iter().map(|k| dir.join(k)).collect();
    let ids: Vec<concordia_core::api::DocId> =
        library.import(&paths, &Progress::none())?.outcomes.iter().filter_map(|o| o.id).collect();
    let mut timings = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        library.compare(&ids, Some(ids[0]))?;
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    timings.sort_by(f64::total_cmp);
    println!(
        "compare: {} real DPAs of {} languages: p50 {:.1} ms, p99 {:.1} ms (warm, 30 runs)",
        ids.len(),
        ids.len(),
        percentile(&timings, 0.5),
        percentile(&timings, 0.99)
    );
    drop(library);
    std::fs::remove_dir_all(&tmp).ok();
    let scratch = std::env::temp_dir().join(format!("concordia-bench-eval-{}", std::process::id()));
    let figures = evaluate(&gold, &scratch);
    std::fs::remove_dir_all(&scratch).ok();
    println!("real DPAs ({} in {}):\n{}", gold.docs.len(), dir.display(), figures?.summary());
    Ok(())
}

/// Versions of each real DPA imported as files from disk: what real contracts cost, beside the
/// synthetic library (real DPAs have longer clauses, tables and more cues).
const REAL_VERSIONS: usize = 25;

/// Imports of them measured: this machine's speed moves by a fifth from one run to the next, so
/// one run says little against a goal.
const REAL_RUNS: usize = 3;

fn real_import(dir: &Path, docs: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let tmp = std::env::temp_dir().join(format!("concordia-bench-real-import-{}", std::process::id()));
    let files = tmp.join("files");
    std::fs::create_dir_all(&files)?;
    let mut bytes = 0;
    for (k, doc) in docs.iter().enumerate() {
        let text = std::fs::read_to_string(doc)?;
        let ext = doc.extension().and_then(|e| e.to_str()).unwrap_or("md");
        for version in 0..REAL_VERSIONS {
            // A line of its own makes each version a new document, not a re-import.
            let versioned = format!("{text}\n\nVersion {version}.\n");
            bytes += versioned.len();
            // Named version first: the import reads each document once per round of all of them,
            // as a library of different contracts would, not 25 copies in a row.
            std::fs::write(files.join(format!("{version}-{k}.{ext}")), versioned)?;
        }
    }
    let mut runs = Vec::new();
    for run in 0..REAL_RUNS {
        let library = Library::open(&tmp.join(format!("data-{run}")))?;
        let meter = Meter::start();
        let report = library.import(std::slice::from_ref(&files), &Progress::none())?;
        let (seconds, cores) = meter.stop();
        anyhow::ensure!(!report.has_errors(), "the real DPAs in {} must import cleanly", dir.display());
        runs.push((seconds, cores, report.outcomes.len()));
    }
    std::fs::remove_dir_all(&tmp)?;
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mb = bytes as f64 / 1e6;
    let (seconds, cores, files) = runs[runs.len() / 2];
    let (fastest, slowest) = (runs[0].0, runs[runs.len() - 1].0);
    println!(
        "import of real DPAs: {files} files ({REAL_VERSIONS} each of {}), {mb:.1} MB in {seconds:.2} s = {:.1} MB/s \
         (median of {REAL_RUNS} runs, each into a new library: {:.1}–{:.1} MB/s), {} cores busy",
        dir.display(),
        mb / seconds,
        mb / slowest,
        mb / fastest,
        shown(cores, 2)
    );
    Ok(())
}

/// A synthetic DPA of at least 30 KB in template language `k`.
fn large_document(rng: &mut Rng, k: usize) -> String {
    let mut text = document_with(rng, k, 70);
    while text.len() < 30_000 {
        text.push_str(&document_with(rng, k, 10));
    }
    text
}

/// Times `Library::compare` (alignment and key-terms matrix) of four 30 KB documents in four
/// languages, warm.
fn comparison(library: &Library, dir: &Path) -> anyhow::Result<()> {
    let mut rng = Rng(7);
    let mut ids = Vec::new();
    let mut bytes = 0;
    for k in 0..4 {
        let text = large_document(&mut rng, k);
        bytes += text.len();
        let path = dir.join(format!("compare-{k}.txt"));
        std::fs::write(&path, &text)?;
        ids.push(library.import(&[path], &Progress::none())?.outcomes[0].id.expect("imported"));
    }
    let mut timings = Vec::new();
    let mut rows = 0;
    for _ in 0..30 {
        let started = Instant::now();
        rows = library.compare(&ids, Some(ids[0]))?.rows.len();
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    timings.sort_by(f64::total_cmp);
    println!(
        "compare: 4 documents, {:.1} KB in all, {rows} rows: p50 {:.1} ms, p99 {:.1} ms (warm, 30 runs)",
        bytes as f64 / 1000.0,
        percentile(&timings, 0.5),
        percentile(&timings, 0.99)
    );
    Ok(())
}

/// Times `Library::analyze` (clauses, topics, key terms) on a 30 KB document, warm.
/// The Art. 28 checklist and the recommended playbook on one large document, warm.
fn review(library: &Library, dir: &Path) -> anyhow::Result<()> {
    let text = large_document(&mut Rng(7), 2);
    let path = dir.join("large-dpa-review.txt");
    std::fs::write(&path, &text)?;
    let id = library.import(&[path], &Progress::none())?.outcomes[0].id.expect("imported");
    let playbook = library.playbook("recommended")?;
    let labels = concordia_core::report::Labels::english();
    let mut timings = Vec::new();
    for _ in 0..60 {
        let started = Instant::now();
        let review = library.review_against(id, labels, Some(&playbook))?;
        anyhow::ensure!(review.checklist.len() == 18);
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    timings.sort_by(f64::total_cmp);
    println!(
        "review (checklist + recommended playbook): {:.1} KB document: p50 {:.2} ms, p99 {:.2} ms (warm, 60 runs)",
        text.len() as f64 / 1000.0,
        percentile(&timings, 0.5),
        percentile(&timings, 0.99)
    );
    Ok(())
}

/// The portfolio's first screen (50 rows with the recommended playbook): the first time after
/// the import, and again.
/// The app's library table a page at a time: each order, and filters by words with many
/// matches, few, none, and with a language; the median of five runs of each.
fn listing(library: &Library, docs: usize) -> anyhow::Result<()> {
    use concordia_core::api::LibraryQuery;
    use concordia_core::DocumentOrder;
    let page = |sort, text: &str, language: Option<&str>| LibraryQuery {
        sort,
        text: text.into(),
        language: language.map(str::to_owned),
        limit: 60,
        ..Default::default()
    };
    let few = format!("{:05}", docs / 2); // one file name, dpa-NNNNN.txt
    let cases = [
        ("first page", page(DocumentOrder::Imported, "", None)),
        ("by title", page(DocumentOrder::Title, "", None)),
        ("by clauses", page(DocumentOrder::Clauses, "", None)),
        ("by size, descending", LibraryQuery { descending: true, ..page(DocumentOrder::Size, "", None) }),
        ("language", page(DocumentOrder::Title, "", Some("de"))),
        ("word in all", page(DocumentOrder::Title, "dpa", None)),
        ("word in all + language", page(DocumentOrder::Title, "dpa", Some("it"))),
        ("word in one", page(DocumentOrder::Title, &few, None)),
        ("word in none", page(DocumentOrder::Clauses, "zzzz", Some("nl"))),
    ];
    let mut line = format!("  library table {docs}, a page of 60 (ms, median of 5):");
    for (name, query) in &cases {
        let mut timings = Vec::new();
        for _ in 0..5 {
            let started = Instant::now();
            library.page(query)?;
            timings.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        timings.sort_by(f64::total_cmp);
        line.push_str(&format!(" {name} {:.1};", percentile(&timings, 0.5)));
    }
    println!("{}", line.trim_end_matches(';'));
    Ok(())
}

fn portfolio(library: &Library, docs: usize) -> anyhow::Result<()> {
    let query = concordia_core::api::PortfolioQuery {
        playbook: Some("recommended".into()),
        limit: 50,
        ..Default::default()
    };
    let labels = concordia_core::report::Labels::english();
    let mut timings = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let page = library.portfolio(&query, labels)?;
        anyhow::ensure!(page.matching as usize >= docs.min(50));
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let warm = {
        let mut w = timings[1..].to_vec();
        w.sort_by(f64::total_cmp);
        percentile(&w, 0.5)
    };
    println!(
        "  portfolio {docs}, first 50 rows with a playbook: {:.0} ms the first time, {warm:.0} ms again",
        timings[0]
    );
    Ok(())
}

fn analysis(library: &Library, dir: &Path) -> anyhow::Result<()> {
    let text = large_document(&mut Rng(42), 1);
    let path = dir.join("large-dpa.txt");
    std::fs::write(&path, &text)?;
    let id = library.import(&[path], &Progress::none())?.outcomes[0].id.expect("imported");
    let mut timings = Vec::new();
    let mut terms = 0;
    for _ in 0..60 {
        let started = Instant::now();
        terms = library.analyze(id)?.terms.len();
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    timings.sort_by(f64::total_cmp);
    println!(
        "analyze: {:.1} KB document, {terms} key terms: p50 {:.2} ms, p99 {:.2} ms (warm, 60 runs)",
        text.len() as f64 / 1000.0,
        percentile(&timings, 0.5),
        percentile(&timings, 0.99)
    );
    Ok(())
}
