//! What the end-to-end tests share: tauri-driver, a WebDriver session on the real app, waits
//! and screenshots.
#![allow(dead_code)] // Each test file uses its own part.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};

/// tauri-driver, stopped with SIGTERM so it takes WebKitWebDriver down with it.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let _ = self.0.wait();
    }
}

impl Driver {
    /// The process id of tauri-driver: the app and its WebKit processes descend from it.
    pub fn pid(&self) -> u32 {
        self.0.id()
    }
}

pub fn start_driver(data_dir: &Path, (port, native): (u16, u16)) -> Driver {
    let bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
    let child = Command::new(&bin)
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("CONCORDIA_DATA_DIR", data_dir)
        // The webview's own storage (the interface language) per test, not the user's.
        .env("XDG_DATA_HOME", data_dir.join("xdg-data"))
        .env("XDG_CONFIG_HOME", data_dir.join("xdg-config"))
        .env("XDG_CACHE_HOME", data_dir.join("xdg-cache"))
        .spawn()
        .unwrap_or_else(|e| {
            panic!("could not start {bin} (cargo install tauri-driver --version 2.1.0): {e}")
        });
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "tauri-driver did not listen on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver(child)
}

pub async fn wait_for(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

/// Finds and clicks an element, finding it again if the view re-rendered in between: a list
/// drawn a second time as its data arrives leaves the first-found element stale, while a person
/// would simply click what is on the screen.
pub async fn click(client: &Client, css: &str) {
    let started = Instant::now();
    loop {
        let element = wait_for(client, css).await;
        match element.click().await {
            Ok(()) => return,
            Err(e) if is_stale(&e) && started.elapsed() < Duration::from_secs(15) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("could not click {css}: {e}"),
        }
    }
}

fn is_stale(error: &fantoccini::error::CmdError) -> bool {
    matches!(error, fantoccini::error::CmdError::Standard(e)
        if e.error == fantoccini::error::ErrorStatus::StaleElementReference)
}

pub async fn wait_for_text(client: &Client, css: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        // Time out whether or not the element is there: an element that never appears must
        // fail the test, not hang it.
        let text = match client.find(Locator::Css(css)).await {
            Ok(el) => Some(el.text().await.unwrap_or_default()),
            Err(_) => None,
        };
        if let Some(text) = &text {
            if text.contains(needle) {
                return text.clone();
            }
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{css} never said {needle:?}; it says {text:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A WebDriver session on a fresh start of the app.
pub async fn session(port: u16) -> Client {
    let mut caps = serde_json::Map::new();
    let app = env!("CARGO_BIN_EXE_concordia-app");
    caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
    // tauri-driver listens before its WebKitWebDriver is ready; the first session request can
    // then be cut off, so retry for a while before calling it a failure.
    let started = Instant::now();
    loop {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return client,
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                eprintln!("WebDriver session not ready yet ({e}); retrying");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("WebDriver session: {e}"),
        }
    }
}

/// Saves what the window shows to shots/NAME (ignored by git), after WebKit has painted.
pub async fn screenshot(client: &Client, name: &str) {
    tokio::time::sleep(Duration::from_millis(600)).await;
    snapshot(client, name).await;
}

/// A pixel in the window's corner whose shade changes every 50 ms, too faint to see (1 % black).
const NUDGE_PAINT: &str = "
    const pixel = document.createElement('div');
    pixel.id = 'e2e-nudge';
    pixel.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none';
    document.body.appendChild(pixel);
    let k = 0;
    window.__e2eNudge = setInterval(() => {
        pixel.style.background = k++ % 2 ? 'rgba(0,0,0,0.01)' : 'rgba(0,0,0,0.02)';
    }, 50);";

const STOP_NUDGING: &str =
    "clearInterval(window.__e2eNudge); document.getElementById('e2e-nudge')?.remove();";

/// Saves what the window shows right now, for a state that does not last (a progress bar).
pub async fn snapshot(client: &Client, name: &str) {
    // WebKitGTK's WebDriver snapshot waits for the page's next paint, and a page that paints
    // without composited layers (as the app does) may have none to come: keep one pixel
    // changing until the snapshot is back.
    let _ = client.execute(NUDGE_PAINT, vec![]).await;
    // A page WebKit cannot paint hangs its snapshot; fail then, rather than hang the suite.
    let taken = tokio::time::timeout(Duration::from_secs(30), client.screenshot()).await;
    let _ = client.execute(STOP_NUDGING, vec![]).await;
    let taken =
        taken.unwrap_or_else(|_| panic!("the window's snapshot for {name} did not come back in 30 s"));
    if let Ok(png) = taken {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("shots");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(name), png);
    }
}

pub fn has_display() -> bool {
    let ok = std::env::var_os("DISPLAY").is_some();
    if !ok {
        eprintln!("e2e skipped: no DISPLAY; run the tests with xvfb-run (see README)");
    }
    ok
}

pub async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.map_or(0, |all| all.len())
}
