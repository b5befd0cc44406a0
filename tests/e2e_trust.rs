//! Trust in the real app (tauri-driver + WebKitWebDriver under Xvfb): a damaged index is
//! rebuilt with progress when the app opens; the app follows what another process imports;
//! hostile text in documents, titles, file names and notes never runs and never calls out.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{has_display, screenshot, session, snapshot, start_driver, wait_for, wait_for_text};
use concordia_core::{Library, Progress};
use fantoccini::{Client, Locator};

const PORTS: [(u16, u16); 3] = [(4484, 4485), (4494, 4495), (4504, 4505)];

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// `n` distinct contracts made from the samples, in `dir`.
fn contracts(dir: &Path, n: usize, tag: &str) -> Vec<PathBuf> {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(samples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "html"))
        .collect();
    sources.sort();
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|k| {
            let source = &sources[k % sources.len()];
            let text = std::fs::read_to_string(source).unwrap();
            let path = dir.join(format!("{tag}-{k:03}.{}", source.extension().unwrap().to_string_lossy()));
            std::fs::write(&path, format!("{text}\n\nVertragskennung {tag}x{k}.\n")).unwrap();
            path
        })
        .collect()
}

fn import(data: &Path, files: &[PathBuf]) {
    let library = Library::open(data).unwrap();
    let report = library.import(files, &Progress::none()).unwrap();
    assert!(report.outcomes.iter().all(|o| o.id.is_some()), "{:?}", report.outcomes);
}

/// What an element says, or "" when it is not there.
async fn text_of(client: &Client, css: &str) -> String {
    match client.find(Locator::Css(css)).await {
        Ok(el) => el.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Garbles 64 bytes in the middle of the first `.term` file of the index.
fn garble_index(data: &Path) {
    let index = data.join("index");
    let mut terms: Vec<PathBuf> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "term"))
        .collect();
    terms.sort();
    let file = &terms[0];
    let mut bytes = std::fs::read(file).unwrap();
    let at = bytes.len() / 2;
    for b in bytes.iter_mut().skip(at).take(64) {
        *b ^= 0x5a;
    }
    std::fs::write(file, bytes).unwrap();
}

#[tokio::test]
async fn a_damaged_index_is_rebuilt_with_progress_when_the_app_opens() {
    if !has_display() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    import(data.path(), &contracts(files.path(), 600, "d"));
    garble_index(data.path());
    let _driver = start_driver(data.path(), PORTS[0]);
    let client = session(PORTS[0].0).await;
    // The window shows at once and says what it repairs; the rebuild shows its progress (when
    // the session starts in time to see it), then the notice that it is done.
    let started = Instant::now();
    loop {
        let banner = text_of(&client, ".banner").await;
        let bar = text_of(&client, ".progress.visible").await;
        if bar.contains("Rebuilding the search index") {
            snapshot(&client, "e2e-trust-rebuilding.png").await;
        }
        if banner.contains("The search index was rebuilt") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no repair seen: {banner:?} {bar:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    wait_for_text(&client, ".statusbar", "600 documents").await;
    screenshot(&client, "e2e-trust-rebuilt.png").await;
    client.find(Locator::Css("#q")).await.unwrap().send_keys("Vertragskennung").await.unwrap();
    wait_for(&client, "li.hit").await;
    client.close().await.unwrap();
    let check = Library::open(data.path()).unwrap().check().unwrap();
    assert!(check.is_ok(), "{check:?}");
}

#[tokio::test]
async fn the_app_follows_what_another_process_imports() {
    if !has_display() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    import(data.path(), &contracts(&files.path().join("first"), 2, "a"));
    let _driver = start_driver(data.path(), PORTS[1]);
    let client = session(PORTS[1].0).await;
    wait_for_text(&client, ".statusbar", "2 documents").await;
    // Another process, the `concordia` CLI, imports 30 more.
    contracts(&files.path().join("later"), 30, "b");
    let cli = PathBuf::from(env!("CARGO_BIN_EXE_concordia-app")).with_file_name("concordia");
    assert!(cli.is_file(), "{} is built with the workspace (cargo build -p concordia-cli)", cli.display());
    let importing = std::process::Command::new(&cli)
        .arg("--data-dir")
        .arg(data.path())
        .arg("import")
        .arg(files.path().join("later"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    screenshot(&client, "e2e-trust-following.png").await;
    let imported = importing.wait_with_output().unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    wait_for_text(&client, ".statusbar", "32 documents").await;
    client.find(Locator::Css("#q")).await.unwrap().send_keys("bx29").await.unwrap();
    // Typed slowly, "bx2" may show its hits first: wait for those of the whole word.
    wait_for_text(&client, "li.hit", "bx29").await;
    screenshot(&client, "e2e-trust-followed.png").await;
    client.close().await.unwrap();
}

/// A local server that counts every connection: a payload that ran or loaded would call it.
fn canary() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counted.fetch_add(1, Ordering::SeqCst);
            let mut stream = stream;
            let mut buf = [0u8; 1024];
            let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
            let _ = stream.read(&mut buf);
        }
    });
    (port, hits)
}

/// Payloads that would run script, load a resource or restyle the page if rendered as HTML.
fn payloads(port: u16) -> Vec<String> {
    let url = format!("http://127.0.0.1:{port}");
    let mark = "document.documentElement.dataset.pwned='1'";
    vec![
        format!("<script>{mark};fetch('{url}/script')</script>"),
        format!("<img src=x onerror=\"{mark};fetch('{url}/img')\">"),
        format!("<img src=\"{url}/img-src\">"),
        format!("<svg onload=\"{mark}\"><image href=\"{url}/svg\"/></svg>"),
        format!("<iframe src=\"{url}/iframe\"></iframe>"),
        format!("<iframe srcdoc=\"<script>parent.{mark}</script>\"></iframe>"),
        format!("<a href=\"javascript:{mark}\">click</a>"),
        format!("<link rel=stylesheet href=\"{url}/css\">"),
        format!("<style>@import url({url}/import);body{{background:url({url}/bg)}}</style>"),
        format!("<object data=\"{url}/object\"></object>"),
        format!("<embed src=\"{url}/embed\">"),
        format!("<video src=x onerror=\"{mark}\"></video>"),
        format!("<audio src=\"{url}/audio\"></audio>"),
        format!("<details open ontoggle=\"{mark}\">x</details>"),
        format!("<body onload=\"{mark}\">"),
        format!("<input autofocus onfocus=\"{mark}\">"),
        format!("<meta http-equiv=refresh content=\"0;url={url}/meta\">"),
        format!("<base href=\"{url}/base/\">"),
        format!("<form action=\"{url}/form\"><button>go</button></form>"),
        format!("\"><img src=x onerror={mark}>"),
        format!("'-alert(1)-'</textarea><script>{mark}</script>"),
        format!("<math><mtext><table><mglyph><style><img src=x onerror={mark}>"),
        format!("[click](javascript:{mark}) ![img]({url}/md-image)"),
        format!("<noscript><p title=\"</noscript><img src=x onerror={mark}>\">"),
        format!("<template><script>{mark}</script></template>"),
    ]
}

#[tokio::test]
async fn hostile_text_in_documents_titles_names_and_notes_never_runs_or_calls_out() {
    if !has_display() {
        return;
    }
    let (port, hits) = canary();
    let payloads = payloads(port);
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for (k, payload) in payloads.iter().enumerate() {
        let body = format!("Artikel 1 Haftung {payload}\n\nDie Haftung ist begrenzt. {payload}\n");
        for (extension, text) in [
            ("txt", body.clone()),
            ("md", format!("# {payload}\n\n## Artikel 1 Haftung\n\n{body}")),
            ("html", format!("<html><head><title>{payload}</title></head><body><h1>Haftung {payload}</h1><p>{body}</p></body></html>")),
        ] {
            let path = files.path().join(format!("hostile-{k:02}.{extension}"));
            std::fs::write(&path, text).unwrap();
            written.push(path);
        }
    }
    let named = files.path().join("\"><img src=x onerror=alert(1)> Haftung.txt");
    std::fs::write(&named, "Artikel 1 Haftung\n\nDie Haftung ist begrenzt.\n").unwrap();
    written.push(named);
    let imported = {
        let library = Library::open(data.path()).unwrap();
        let report = library.import(&written, &Progress::none()).unwrap();
        let first = report.outcomes.iter().find_map(|o| o.id).unwrap();
        let clause = library.document(first, None).unwrap().clauses[0].id;
        for payload in &payloads {
            library.add_bookmark(clause, payload, &["<b>tag</b>".to_owned()]).unwrap();
        }
        report.outcomes.iter().filter(|o| o.id.is_some()).count()
    };
    let _driver = start_driver(data.path(), PORTS[2]);
    let client = session(PORTS[2].0).await;
    wait_for_text(&client, ".statusbar", &format!("{imported} documents")).await;
    open_every_document(&client).await;
    client.find(Locator::Css("#q")).await.unwrap().send_keys("Haftung").await.unwrap();
    wait_for(&client, "li.hit").await;
    client.find(Locator::Css("nav button:nth-child(4)")).await.unwrap().click().await.unwrap();
    wait_for(&client, "li.bookmark").await;
    screenshot(&client, "e2e-trust-hostile.png").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pwned =
        client.execute("return document.documentElement.dataset.pwned || null", vec![]).await.unwrap();
    let shown = client.execute("return document.body.innerText.includes('onerror')", vec![]).await.unwrap();
    client.close().await.unwrap();
    let calls = hits.load(Ordering::SeqCst);
    println!(
        "hostile text: {} payloads in {} files (txt, md, html), 1 file name, {} notes; {calls} canary calls, script ran: {}",
        payloads.len(),
        written.len(),
        payloads.len(),
        !pwned.is_null()
    );
    assert!(pwned.is_null(), "a payload ran");
    assert_eq!(calls, 0, "a payload called the network");
    assert_eq!(shown, serde_json::json!(true), "the payloads are shown, as text");
}

/// Opens each document of the library in turn (the document view renders all its clauses).
async fn open_every_document(client: &Client) {
    let started = Instant::now();
    let rows =
        client.find_all(Locator::Css("table.docs tbody tr a, table.docs tbody tr .open")).await.unwrap();
    let n = rows.len();
    for k in 0..n {
        let links =
            client.find_all(Locator::Css("table.docs tbody tr a, table.docs tbody tr .open")).await.unwrap();
        if let Some(link) = links.get(k) {
            link.click().await.unwrap();
            wait_for(client, "article.clause").await;
            client.find(Locator::Css("nav button:nth-child(1)")).await.unwrap().click().await.unwrap();
            wait_for(client, "table.docs").await;
        }
        assert!(started.elapsed() < Duration::from_secs(240), "opening every document took too long");
    }
    assert!(n > 0, "the library lists the documents");
}
