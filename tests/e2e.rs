//! End to end through the real app: tauri-driver + WebKitWebDriver drive the
//! built `concordia-app` binary in a real WebKitGTK window (run under Xvfb).
//!
//! Starting from an empty library it imports a document by typing its path,
//! searches, clicks the hit, and checks the clause is focused and highlighted.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};

const PORT: u16 = 4454;
const NATIVE_PORT: u16 = 4455;

/// tauri-driver, stopped with SIGTERM so it takes WebKitWebDriver down with it.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let _ = self.0.wait();
    }
}

fn start_driver(data_dir: &Path) -> Driver {
    let bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
    let child = Command::new(&bin)
        .args(["--port", &PORT.to_string(), "--native-port", &NATIVE_PORT.to_string()])
        .env("CONCORDIA_DATA_DIR", data_dir)
        .spawn()
        .unwrap_or_else(|e| {
            panic!("could not start {bin} (cargo install tauri-driver --version 2.1.0): {e}")
        });
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", PORT)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "tauri-driver did not listen on {PORT}");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver(child)
}

async fn wait_for(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

async fn wait_for_text(client: &Client, css: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            let text = el.text().await.unwrap_or_default();
            if text.contains(needle) {
                return text;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "{css} never said {needle:?}; it says {text:?}"
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn import_search_and_open_a_clause_in_the_real_app() {
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!("e2e skipped: no DISPLAY; run the tests with xvfb-run (see README)");
        return;
    }
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let sample =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/nl-polderdata-verwerkersovereenkomst.txt");
    let _driver = start_driver(data_dir.path());
    let mut caps = serde_json::Map::new();
    let app = env!("CARGO_BIN_EXE_concordia-app");
    caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
    // tauri-driver listens before its WebKitWebDriver is ready; the first session request can
    // then be cut off, so retry for a while before calling it a failure.
    let started = Instant::now();
    let client = loop {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{PORT}"))
            .await
        {
            Ok(client) => break client,
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                eprintln!("WebDriver session not ready yet ({e}); retrying");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("WebDriver session: {e}"),
        }
    };

    wait_for_text(&client, ".empty h2", "Your library is empty").await;
    let input = wait_for(&client, "#import-path").await;
    input.send_keys(&format!("{}\u{E007}", sample.display())).await.expect("type the path");
    let summary = wait_for_text(&client, ".import-summary", "imported").await;
    assert!(summary.starts_with("1 imported"), "{summary}");
    let row = wait_for_text(&client, "table.docs tbody tr", "Polderdata").await;
    assert!(row.contains("NL"), "language label shown: {row}");

    client.find(Locator::Css("#q")).await.unwrap().send_keys("aansprakelijk").await.unwrap();
    let hit = wait_for(&client, "li.hit").await;
    let marks = client.find_all(Locator::Css("li.hit mark")).await.unwrap();
    assert!(!marks.is_empty(), "the snippet marks the matched words");
    assert!(hit.text().await.unwrap().contains("Artikel 8 Aansprakelijkheid"));
    hit.click().await.unwrap();

    let focused = wait_for(&client, "article.clause.focused").await;
    let text = focused.text().await.unwrap();
    assert!(text.contains("Artikel 8 Aansprakelijkheid"), "{text}");
    let marked = focused.find_all(Locator::Css("mark")).await.unwrap();
    let mut words = Vec::new();
    for m in &marked {
        words.push(m.text().await.unwrap().to_lowercase());
    }
    assert!(words.iter().all(|w| w.starts_with("aansprakelijk")), "{words:?}");
    assert!(words.len() >= 2, "heading and body both highlighted: {words:?}");

    // WebKit paints a moment after the DOM changes.
    tokio::time::sleep(Duration::from_millis(600)).await;
    if let Ok(png) = client.screenshot().await {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("shots");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("e2e-document.png"), png);
    }
    client.close().await.unwrap();
}
