//! Property test of the PDF importer, through the reader process the app and CLI use: random
//! content streams (odd sizes, matrices, strings, operators) and random damage to a good file.
//! The reader always answers in time; its answer is either a refusal with a reason or text
//! whose blocks and page starts all lie inside it. A crash the reader's limits cause is
//! allowed (the importer reports it); hanging or a garbled answer is not.

mod pdfs;

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use proptest::prelude::*;

fn limit() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 })
}

/// Runs the reader on `bytes`; returns its stdout, or why it failed the property.
fn read(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_concordia"))
        .args(["--concordia-read-worker", "pdf"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let mut stdout = child.stdout.take().unwrap();
    let collector = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).map(|_| out)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit() {
            let _ = child.kill();
            return Err(format!("no answer within {:?}", limit()));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = feeder.join();
    let out = collector.join().unwrap().unwrap();
    match status.signal() {
        // The reader's memory or stack limit stopped it: the importer reports that.
        Some(libc::SIGSEGV | libc::SIGABRT | libc::SIGKILL) => Ok(None),
        Some(signal) => Err(format!("killed by signal {signal}")),
        None if status.success() => Ok(Some(out)),
        None => Err(format!("exit {status}")),
    }
}

/// The answer is a reason, or text with every range inside it.
fn well_formed(out: &[u8]) -> Result<(), String> {
    let answer: serde_json::Value = serde_json::from_slice(out).map_err(|e| format!("not JSON: {e}"))?;
    if let Some(reason) = answer.get("Err") {
        return match reason.as_str() {
            Some(r) if !r.trim().is_empty() => Ok(()),
            _ => Err(format!("an empty reason: {answer}")),
        };
    }
    let doc = &answer["Ok"];
    let text = doc["text"].as_str().ok_or("no text")?;
    let inside = |v: &serde_json::Value| v.as_u64().is_some_and(|o| text.is_char_boundary(o as usize));
    for block in doc["blocks"].as_array().ok_or("no blocks")? {
        if !(inside(&block["start"])
            && inside(&block["end"])
            && block["start"].as_u64() <= block["end"].as_u64())
        {
            return Err(format!("block {block} outside the text"));
        }
    }
    let pages: Vec<u64> =
        doc["pages"].as_array().ok_or("no pages")?.iter().filter_map(|p| p["offset"].as_u64()).collect();
    if pages.windows(2).any(|w| w[0] > w[1]) || pages.iter().any(|&p| p as usize > text.len()) {
        return Err(format!("page starts out of order or outside the text: {pages:?}"));
    }
    Ok(())
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match read(bytes) {
        Err(why) => Err(TestCaseError::fail(why)),
        Ok(None) => Ok(()),
        Ok(Some(out)) => well_formed(&out).map_err(TestCaseError::fail),
    }
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (-1000i32..1000).prop_map(|n| n.to_string()),
        (-1e6f64..1e6).prop_map(|f| format!("{f:.3}")),
        Just("1e38".to_owned()),
        Just("-0".to_owned()),
        Just("0".to_owned()),
        Just("99999999999999999999".to_owned()),
    ]
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Artikel 8 Haftung".to_owned()),
        Just("Der Auftragnehmer haftet bis EUR 5.000".to_owned()),
        Just("\\\\( unbalanced".to_owned()),
        "[ -~]{0,40}".prop_map(|s| s.replace(['(', ')', '\\'], "")),
    ]
}

fn operator() -> impl Strategy<Value = String> {
    prop_oneof![
        words().prop_map(|w| format!("({w}) Tj")),
        (number(), number()).prop_map(|(x, y)| format!("{x} {y} Td")),
        number().prop_map(|s| format!("/F1 {s} Tf")),
        prop::collection::vec(number(), 6).prop_map(|m| format!("{} Tm", m.join(" "))),
        prop::collection::vec(number(), 6).prop_map(|m| format!("{} cm", m.join(" "))),
        (words(), number(), words()).prop_map(|(a, n, b)| format!("[({a}) {n} ({b})] TJ")),
        Just("T*".to_owned()),
        Just("q".to_owned()),
        Just("Q".to_owned()),
        Just("ET BT".to_owned()),
        number().prop_map(|n| format!("{n} TL")),
        "[a-zA-Z*']{1,3}".prop_map(|op| op),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_content_streams_are_read_or_refused(ops in prop::collection::vec(operator(), 0..60)) {
        let contents = format!("BT /F1 11 Tf 50 800 Td\n{}\nET", ops.join("\n"));
        let pages = pdfs::one_page(pdfs::HELVETICA, contents.into_bytes(), "[0 0 595 842]");
        check(&pdfs::pdf(&pages, pdfs::Xref::Right))?;
    }

    #[test]
    fn a_damaged_good_file_is_read_or_refused(
        hits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = pdfs::good();
        for (at, byte) in hits {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()).max(1));
        }
        check(&bytes)?;
    }
}
