//! Reading Word and PDF files in a child process of the same binary, with a time limit
//! and a memory limit: a crafted file that panics, overflows the stack, loops or balloons kills
//! only the child, and the import reports "could not be read: …" and goes on.
//!
//! The binary opts in: `concordia` and the app call [`serve_if_asked`] first thing in `main`
//! and then [`isolate_with`] their own path. Without that (library tests), files are read in
//! process, with the same size limits.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use concordia_text::{Extracted, Format};

/// The argument that turns the binary into a reader.
pub const WORKER_ARG: &str = "--concordia-read-worker";
/// How long one file may take.
const TIME_LIMIT: Duration = Duration::from_secs(10);
/// Address space the reader may use.
const MEMORY_LIMIT: u64 = 2 << 30;

static WORKER: OnceLock<PathBuf> = OnceLock::new();

/// From now on, Word and PDF files are read by `exe WORKER_ARG FORMAT` in a child process.
pub fn isolate_with(exe: PathBuf) {
    let _ = WORKER.set(exe);
}

/// Formats read in a child process when isolation is on.
pub(crate) fn isolated(format: Format) -> bool {
    matches!(format, Format::Docx | Format::Odt | Format::Pdf) && WORKER.get().is_some()
}

/// When this process was started as a reader: read one file from stdin, write the result as
/// JSON to stdout, and exit. Otherwise return at once.
pub fn serve_if_asked() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() != Some(WORKER_ARG) {
        return;
    }
    limit_memory();
    let format = args.next().and_then(|name| Format::from_extension(&name));
    let mut bytes = Vec::new();
    let result: Result<Extracted, String> = match (format, std::io::stdin().read_to_end(&mut bytes)) {
        (None, _) => Err("unknown format".to_owned()),
        (_, Err(e)) => Err(format!("could not receive the file: {e}")),
        (Some(format), Ok(_)) => {
            fault_for_tests();
            concordia_text::extract(&bytes, format).map_err(|e| e.to_string())
        }
    };
    let json = serde_json::to_vec(&result).expect("results serialise");
    let _ = std::io::stdout().write_all(&json);
    std::process::exit(0);
}

#[allow(unsafe_code)] // One libc call, no Rust API for it.
fn limit_memory() {
    let limit = libc::rlimit { rlim_cur: MEMORY_LIMIT, rlim_max: MEMORY_LIMIT };
    // SAFETY: setrlimit only reads the struct we pass; it affects this (child) process alone.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

/// `CONCORDIA_READER_FAULT` makes the reader misbehave on purpose, so tests can show that the
/// parent survives each way a crafted file could hurt it. It has no other effect.
fn fault_for_tests() {
    match std::env::var("CONCORDIA_READER_FAULT").as_deref() {
        Ok("panic") => panic!("fault injected for a test"),
        Ok("hang") => loop {
            std::thread::sleep(Duration::from_secs(1));
        },
        Ok("balloon") => {
            // Address space is what the limit counts: zeroed pages are reserved, not written,
            // so the fault reaches the limit at once however slowly the machine pages.
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![0; 64 << 20]);
            }
        }
        _ => {}
    }
}

/// Reads `bytes` as `format` in a child process; the error says why it could not be read.
/// When `stop` turns true (the user cancelled), the child is killed at once.
pub(crate) fn extract(bytes: &[u8], format: Format, stop: &dyn Fn() -> bool) -> Result<Extracted, String> {
    let exe = WORKER.get().ok_or("no reader process configured")?;
    let mut child = Command::new(exe)
        .arg(WORKER_ARG)
        .arg(format.name())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("the reader process could not start: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || drop(stdin.write_all(&input)));
    let mut stdout = child.stdout.take().expect("piped");
    let collector = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        let give_up = |child: &mut std::process::Child, why: String| {
            let _ = child.kill();
            let _ = child.wait();
            Err(why)
        };
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if stop() => {
                let result = give_up(&mut child, "the import was cancelled".to_owned());
                let _ = feeder.join();
                return result;
            }
            Ok(None) if started.elapsed() > time_limit() => {
                let why = format!("reading took longer than {} s and was stopped", time_limit().as_secs());
                let result = give_up(&mut child, why);
                let _ = feeder.join();
                return result;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("the reader process failed: {e}")),
        }
    };
    let _ = feeder.join();
    let out = collector.join().unwrap_or_default();
    if !status.success() || out.is_empty() {
        return Err(crash_reason(status));
    }
    let doc = serde_json::from_slice::<Result<Extracted, String>>(&out)
        .map_err(|e| format!("the reader's answer was garbled: {e}"))??;
    // Everything later slices the text by these ranges: check them here, once.
    let valid = doc.blocks.iter().all(|b| {
        b.start <= b.end
            && b.end <= doc.text.len()
            && doc.text.is_char_boundary(b.start)
            && doc.text.is_char_boundary(b.end)
    }) && doc.pages.windows(2).all(|w| w[0].offset <= w[1].offset);
    if valid {
        Ok(doc)
    } else {
        Err("the reader's answer was garbled: a block lies outside the text or pages are out of order"
            .to_owned())
    }
}

fn crash_reason(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(libc::SIGABRT | libc::SIGSEGV | libc::SIGKILL) => format!(
            "the reader crashed (it ran out of memory, over {} GB, or its stack overflowed)",
            MEMORY_LIMIT >> 30
        ),
        Some(signal) => format!("the reader crashed (signal {signal})"),
        None => "the reader crashed on this file".to_owned(),
    }
}

/// The time limit; tests may shorten it with `CONCORDIA_READER_SECONDS`.
fn time_limit() -> Duration {
    std::env::var("CONCORDIA_READER_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(TIME_LIMIT, Duration::from_secs)
}
