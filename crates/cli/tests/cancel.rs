//! Cancel ends an import within a second, even while a Word file is being read by a reader
//! process that hangs: the reader is killed, what was stored stays, and the report says
//! "cancelled". (One test in its own binary: it sets the reader's fault in the environment.)

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use concordia_core::{Library, Progress};

#[test]
fn cancel_stops_an_import_whose_reader_hangs_within_a_second() {
    // Before any thread of this test reads the environment: the children inherit it.
    std::env::set_var("CONCORDIA_READER_FAULT", "hang");
    std::env::set_var("CONCORDIA_READER_SECONDS", "60");
    concordia_core::worker::isolate_with(PathBuf::from(env!("CARGO_BIN_EXE_concordia")));
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let text = files.path().join("a-avv.txt");
    std::fs::write(&text, "§ 1 Haftung\n\nDie Haftung ist auf 5.000 EUR begrenzt.\n").unwrap();
    let word = files.path().join("b-dpa.docx");
    std::fs::write(&word, b"PK\x03\x04 not read: the reader hangs before it looks").unwrap();
    let library = Library::open(data.path()).unwrap();
    let cancel = Arc::new(AtomicBool::new(false));
    // Cancel once the text file is done and the Word file's reader has had time to hang: a
    // fixed delay would race the first import's start-up on a slow machine.
    let first_done = Arc::new(AtomicBool::new(false));
    let progress = {
        let first_done = first_done.clone();
        Progress::new(
            move |e| {
                first_done.fetch_or(e.done >= 1, Ordering::Relaxed);
            },
            cancel.clone(),
        )
    };
    let canceller = {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            let waited = Instant::now();
            while !first_done.load(Ordering::Relaxed) && waited.elapsed() < Duration::from_secs(60) {
                std::thread::sleep(Duration::from_millis(10));
            }
            std::thread::sleep(Duration::from_millis(300));
            cancel.store(true, Ordering::Relaxed);
            Instant::now()
        })
    };
    let report = library.import(&[text, word], &progress).unwrap();
    let ended = Instant::now();
    let asked = canceller.join().unwrap();
    let took = ended.saturating_duration_since(asked);
    println!("cancel: the import ended {} ms after Cancel, with its reader hanging", took.as_millis());
    assert!(report.cancelled, "the report says the import was cancelled");
    assert!(took < Duration::from_secs(1), "Cancel took {took:?}");
    assert_eq!(library.list().unwrap().len(), 1, "the file stored before Cancel stays");
    assert!(library.check().unwrap().is_ok(), "and it can be found");
}
