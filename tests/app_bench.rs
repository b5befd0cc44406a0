//! The app at scale, measured through WebDriver: a generated library of 10,000 documents
//! (`CONCORDIA_BENCH_DOCS` for another size), the real app under Xvfb, and a table of what a
//! user waits for. A benchmark that prints figures, not a timed test: it asserts only that each
//! step happened. Run it with
//! `xvfb-run -a cargo test --release --test app_bench -- --ignored --nocapture`.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{has_display, screenshot, session, start_driver};
use fantoccini::Client;

const PORTS: (u16, u16) = (4484, 4485);

#[tokio::test]
#[ignore = "a benchmark: run it by name with --ignored (see the file's comment)"]
async fn app_with_a_large_library() {
    if !has_display() {
        return;
    }
    let data_dir = tempfile::tempdir().expect("temp data dir");
    // A library kept from an earlier run (CONCORDIA_BENCH_LIBRARY=DIR, made by `concordia
    // import`), so runs at 100,000 documents need not import them each time.
    let library = match std::env::var_os("CONCORDIA_BENCH_LIBRARY") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let docs: usize =
                std::env::var("CONCORDIA_BENCH_DOCS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
            imported_library(data_dir.path(), docs)
        }
    };
    let docs = concordia_core::Library::open(&library).unwrap().document_count().unwrap();

    let driver = start_driver(&library, PORTS);
    let launched = Instant::now();
    let client = session(PORTS.0).await;
    let startup = (first_rows(&client, launched).await - launched).as_secs_f64() * 1000.0;
    // Of that, the page's own part: from its navigation's start (the rows are there already).
    let page: f64 =
        serde_json::from_value(client.execute("return performance.now();", vec![]).await.unwrap()).unwrap();
    let backend_at_start: f64 = serde_json::from_value(
        client.execute("return window.__concordiaBackendMs ?? 0;", vec![]).await.unwrap(),
    )
    .unwrap();
    let calls_at_start: Vec<(String, f64, f64)> = serde_json::from_value(
        client.execute("return window.__concordiaCalls ?? [];", vec![]).await.unwrap(),
    )
    .unwrap();
    let rss_at_start = memory_mb(driver.pid());
    client.execute(WATCH_MAIN_THREAD, vec![]).await.unwrap();

    let tick = timed(
        &client,
        "document.querySelector('input.pick').click();",
        "document.querySelector('input.pick:checked')",
    )
    .await;
    let second = "document.querySelectorAll('input.pick')[1].click();";
    timed(&client, second, "document.querySelectorAll('input.pick:checked').length === 2").await;
    let compare = timed(&client, COMPARE.0, COMPARE.1).await;
    screenshot(&client, "bench-compare.png").await;
    let back = timed(&client, BACK.0, BACK.1).await;
    screenshot(&client, "bench-library.png").await;
    let again = timed(&client, COMPARE.0, COMPARE.1).await;
    timed(&client, BACK.0, BACK.1).await;
    let search = timed(
        &client,
        "const q = document.querySelector('#q'); q.value = 'Haftung'; q.dispatchEvent(new Event('input'));",
        "document.querySelector('li.hit')",
    )
    .await;
    screenshot(&client, "bench-search.png").await;
    let portfolio = timed(
        &client,
        "document.querySelectorAll('header nav button')[4].click();",
        "document.querySelector('table.portfolio-table tbody tr')",
    )
    .await;
    screenshot(&client, "bench-portfolio.png").await;
    let blocked: Vec<(f64, String)> =
        serde_json::from_value(client.execute("return window.__blocked;", vec![]).await.unwrap()).unwrap();
    let rss = memory_mb(driver.pid());
    println!("app, {docs} documents (ms; a step ends when its result is on screen)   backend");
    println!("  start-up to the first real screen  {startup:>8.0}  (the page's own part {page:.0}, backend {backend_at_start:.0})");
    for (command, at, took) in &calls_at_start {
        println!("    {command:30} at {at:>5.0} took {took:>5.0}");
    }
    println!("  tick a document                    {tick}");
    println!("  compare two documents              {compare}");
    println!("  back to the library                {back}");
    println!("  compare the same two again         {again}");
    println!("  search to painted hits             {search}  (includes the 120 ms typing pause)");
    println!("  open the portfolio                 {portfolio}");
    println!("  main thread blocked over 50 ms     {} times", blocked.len());
    for (ms, step) in &blocked {
        println!("    {ms:>4.0} ms during {step:.60}");
    }
    println!("  memory (MB)                          RSS    PSS   at the first screen: RSS    PSS");
    let at_start =
        |name: &str| rss_at_start.iter().find(|(n, _)| n == name).map_or(Memory::default(), |(_, m)| *m);
    for (name, m) in &rss {
        let s = at_start(name);
        println!("  {name:30} {:>8.0} {:>6.0} {:>24.0} {:>6.0}", m.rss, m.pss, s.rss, s.pss);
    }
    let sum = |r: &[(String, Memory)], f: fn(&Memory) -> f64| r.iter().map(|(_, m)| f(m)).sum::<f64>();
    println!(
        "  {:30} {:>8.0} {:>6.0} {:>24.0} {:>6.0}",
        "app + WebKit in all",
        sum(&rss, |m| m.rss),
        sum(&rss, |m| m.pss),
        sum(&rss_at_start, |m| m.rss),
        sum(&rss_at_start, |m| m.pss)
    );
    drop(client);
}

/// Steps taken twice: an action, and what holds once its result is on screen.
const COMPARE: (&str, &str) =
    ("document.querySelector('#compare-go').click();", "document.querySelector('table.matrix')");
const BACK: (&str, &str) = (
    "document.querySelector('button.back').click();",
    "document.querySelector('table.docs tbody tr td.title')",
);

/// Notes every stretch the page's main thread was busy for more than 50 ms (WebKit has no
/// long-task observer): a 10 ms timer that comes back late was blocked.
const WATCH_MAIN_THREAD: &str =
    "window.__blocked = []; window.__step = 'after start-up'; let last = performance.now();
    (function tick() { const now = performance.now(); const late = now - last - 10;
      if (late > 50) window.__blocked.push([late, window.__step]); last = now; setTimeout(tick, 10); })();";

/// Runs `action` in the page and returns the milliseconds until `done` (a JavaScript
/// expression) holds, checked after every frame, and of those the milliseconds spent waiting
/// for the backend (calls overlap rarely; their sum is an upper bound).
async fn timed(client: &Client, action: &str, done: &str) -> Step {
    let script = format!(
        "const finish = arguments[arguments.length - 1]; const start = performance.now(); const backend = window.__concordiaBackendMs ?? 0; window.__step = {action:?}; {action}
         (function check() {{ if ({done}) {{ window.__step = 'between steps (screenshots)'; finish([performance.now() - start, (window.__concordiaBackendMs ?? 0) - backend]); }}
           else if (performance.now() - start > 60000) finish([-1, 0]); else requestAnimationFrame(check); }})();"
    );
    let [ms, backend]: [f64; 2] =
        serde_json::from_value(client.execute_async(&script, vec![]).await.unwrap()).unwrap();
    assert!(ms >= 0.0, "{done} never held after {action}");
    Step { ms, backend }
}

/// One timed step: until its result is on screen, and the backend's share of that.
struct Step {
    ms: f64,
    backend: f64,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>8.0} {:>10.0}", self.ms, self.backend)
    }
}

/// When the library's first rows are on the page, polled every 10 ms (a WebDriver wait polls
/// too seldom to time a start-up).
async fn first_rows(client: &Client, launched: Instant) -> Instant {
    let script = "return document.querySelector('table.docs tbody tr td.title') !== null;";
    loop {
        if let Ok(serde_json::Value::Bool(true)) = client.execute(script, vec![]).await {
            return Instant::now();
        }
        assert!(launched.elapsed() < Duration::from_secs(60), "the library's rows never appeared");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Memory of one process: resident (RSS) and its proportional share (PSS), in MB.
#[derive(Clone, Copy, Default)]
struct Memory {
    rss: f64,
    pss: f64,
}

/// Memory of the app and its WebKit processes: every process below tauri-driver but the
/// WebDriver itself. RSS counts a shared library in every process that maps it (WebKit,
/// and Mesa's software GL under Xvfb); PSS shares it out, so the processes' PSS adds up.
fn memory_mb(driver: u32) -> Vec<(String, Memory)> {
    let mut parents = std::collections::HashMap::new();
    let mut names = std::collections::HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else { continue };
        let field = |key: &str| status.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim().to_owned());
        let (Some(name), Some(ppid)) = (field("Name:"), field("PPid:").and_then(|p| p.parse::<u32>().ok()))
        else {
            continue;
        };
        let kb = |v: Option<String>| {
            v.and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok()).unwrap_or(0.0)
        };
        let rollup = std::fs::read_to_string(entry.path().join("smaps_rollup")).unwrap_or_default();
        let pss = kb(rollup.lines().find_map(|l| l.strip_prefix("Pss:")).map(str::to_owned));
        parents.insert(pid, ppid);
        names.insert(pid, (name, Memory { rss: kb(field("VmRSS:")) / 1024.0, pss: pss / 1024.0 }));
    }
    let below = |mut pid: u32| loop {
        match parents.get(&pid) {
            Some(&parent) if parent == driver => return true,
            Some(&parent) if parent > 1 => pid = parent,
            _ => return false,
        }
    };
    names
        .into_iter()
        .filter(|(pid, (name, _))| below(*pid) && !name.contains("WebDriver"))
        .map(|(_, named)| named)
        .collect()
}

/// A library of `docs` generated documents in `dir`/lib, imported as a user would.
fn imported_library(dir: &Path, docs: usize) -> PathBuf {
    let files = dir.join("files");
    write_library(&files, docs);
    let imported = Instant::now();
    let library = concordia_core::Library::open(&dir.join("lib")).unwrap();
    let report = library.import(&[files], &concordia_core::Progress::none()).unwrap();
    assert_eq!(report.outcomes.iter().filter(|o| o.id.is_some()).count(), docs);
    println!("library: {docs} documents imported in {:.1} s", imported.elapsed().as_secs_f64());
    dir.join("lib")
}

/// `docs` contracts from the bundled samples, each made distinct by a line of its own.
fn write_library(dir: &Path, docs: usize) {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(samples).unwrap().map(|e| e.unwrap().path()).collect();
    sources.sort();
    std::fs::create_dir_all(dir).unwrap();
    for k in 0..docs {
        let source = &sources[k % sources.len()];
        let text = std::fs::read_to_string(source).unwrap();
        let extension = source.extension().unwrap().to_string_lossy();
        std::fs::write(
            dir.join(format!("dpa-{k:05}.{extension}")),
            format!("{text}\n\nVertragskennung {k}.\n"),
        )
        .unwrap();
    }
}
