//! Trust under hostile conditions, through the real binary: files that are not files, two
//! processes racing, a damaged index, kills at random points, and a full disk. Each test
//! prints its counts (`cargo test --test trust -- --nocapture` shows them; CI does).
//!
//! The kill and disk-full tests are `#[ignore]`d in the debug run and run on the release build
//! (see scripts/test.sh), where they take seconds rather than minutes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The binary under test; `CONCORDIA_TRUST_BIN` points these tests at another build (an older
/// one, to see them fail where it failed).
fn command(data: &Path, args: &[&str]) -> Command {
    let binary =
        std::env::var_os("CONCORDIA_TRUST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_concordia").into());
    let mut command = Command::new(binary);
    command.arg("--data-dir").arg(data).args(args).env_remove("CONCORDIA_DATA_DIR");
    command
}

fn run(data: &Path, args: &[&str]) -> Output {
    command(data, args).output().expect("run concordia")
}

fn spawn(data: &Path, args: &[&str]) -> Child {
    command(data, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start concordia")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `concordia check --json` without repairing anything first.
fn check(data: &Path) -> Value {
    json(&run(data, &["check", "--json"]))
}

fn assert_whole(data: &Path, context: &str) {
    let c = check(data);
    assert!(c["store_problem"].is_null(), "{context}: database damaged: {c}");
    assert_eq!(c["index"], "current", "{context}: {c}");
    assert_eq!(c["unsearchable"], serde_json::json!([]), "{context}: {c}");
}

/// Contracts for the tests: the samples, each made distinct by a line of its own.
fn contracts(dir: &Path, n: usize, tag: &str) -> Vec<PathBuf> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&samples).unwrap().map(|e| e.unwrap().path()).collect();
    sources.sort();
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|k| {
            let source = &sources[k % sources.len()];
            let text = std::fs::read_to_string(source).unwrap();
            let extension = source.extension().unwrap().to_string_lossy();
            let path = dir.join(format!("{tag}-{k:03}.{extension}"));
            let line = format!("Vertragskennung {tag}x{k} — Referenz {tag}y{k}.");
            let text = if extension == "html" {
                text.replace("</body>", &format!("<p>{line}</p></body>"))
            } else {
                format!("{text}\n\n{line}\n")
            };
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

fn listed(data: &Path) -> Vec<Value> {
    json(&run(data, &["list", "--json"])).as_array().cloned().unwrap_or_default()
}

/// A small pseudo-random sequence, seeded from the clock and printed, so a failure can be replayed.
struct Dice(u64);

impl Dice {
    fn new(name: &str) -> Dice {
        let seed =
            std::env::var("CONCORDIA_TRUST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
            });
        println!("{name}: seed {seed} (CONCORDIA_TRUST_SEED={seed} replays it)");
        Dice(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Waits for a child at most `limit`, reading its output meanwhile (a full pipe would block
/// it); kills it and fails the test if it hangs.
fn finish(child: Child, limit: Duration, what: &str) -> Output {
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(child.wait_with_output()));
    match receiver.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            panic!("{what} hung for more than {} s", limit.as_secs());
        }
    }
}

#[test]
fn pipes_devices_and_sockets_are_refused_with_a_reason_and_the_rest_is_imported() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let folder = files.path().join("folder");
    let good = contracts(&folder, 1, "good");
    let fifo = files.path().join("contract.txt");
    let inner_fifo = folder.join("annex.md");
    for pipe in [&fifo, &inner_fifo] {
        let made = Command::new("mkfifo").arg(pipe).status().unwrap();
        assert!(made.success(), "mkfifo");
    }
    let socket = folder.join("live.html");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let args = ["import", fifo.to_str().unwrap(), "/dev/zero", "/dev/urandom", folder.to_str().unwrap()];
    let out = finish(spawn(data.path(), &args), Duration::from_secs(30), "importing a FIFO and devices");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    for (name, reason) in [
        ("contract.txt", "named pipe"),
        ("annex.md", "named pipe"),
        ("/dev/zero", "device"),
        ("/dev/urandom", "device"),
        ("live.html", "socket"),
    ] {
        assert!(stderr.lines().any(|l| l.contains(name) && l.contains(reason)), "{name}: {stderr}");
    }
    let docs = listed(data.path());
    assert_eq!(docs.len(), 1, "the one real file of the folder is imported");
    assert!(docs[0]["path"].as_str().unwrap().ends_with(good[0].file_name().unwrap().to_str().unwrap()));
    println!("not-files: 5 refused with a reason in {:?}, 1 real file imported", out.status);
}

#[test]
fn two_imports_and_readers_racing_never_fail_and_every_document_is_found() {
    let files = tempfile::tempdir().unwrap();
    let first = contracts(&files.path().join("a"), 6, "a");
    let second = contracts(&files.path().join("b"), 3, "b");
    let mut dice = Dice::new("race");
    let (rounds, mut reads, mut failed_reads) = (20, 0, 0);
    for round in 0..rounds {
        let data = tempfile::tempdir().unwrap();
        let a = spawn(data.path(), &["import", files.path().join("a").to_str().unwrap()]);
        std::thread::sleep(Duration::from_millis(dice.below(60)));
        let b = spawn(data.path(), &["import", files.path().join("b").to_str().unwrap()]);
        let (mut a, mut b) = (Some(a), Some(b));
        let mut outs = Vec::new();
        while a.is_some() || b.is_some() {
            for reader in [&["list", "--json"][..], &["search", "Vertragskennung", "--json"][..]] {
                let out = run(data.path(), reader);
                reads += 1;
                if !out.status.success() {
                    failed_reads += 1;
                    eprintln!("round {round}: {reader:?} failed: {}", String::from_utf8_lossy(&out.stderr));
                }
            }
            for slot in [&mut a, &mut b] {
                if slot.as_mut().is_some_and(|c| c.try_wait().unwrap().is_some()) {
                    outs.push(slot.take().unwrap().wait_with_output().unwrap());
                }
            }
        }
        for out in &outs {
            assert!(
                out.status.success(),
                "round {round}: an import failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(listed(data.path()).len(), first.len() + second.len(), "round {round}");
        assert_whole(data.path(), &format!("round {round}"));
        let hits = json(&run(data.path(), &["search", "Vertragskennung", "--limit", "50", "--json"]));
        assert_eq!(hits["hits"].as_array().unwrap().len(), first.len() + second.len(), "round {round}");
    }
    println!("race: {rounds} rounds of two imports 0–60 ms apart; {reads} reads during them, {failed_reads} failed");
    assert_eq!(failed_reads, 0);
}

/// Garbles, truncates or deletes one file of the index, or empties its segment list.
fn damage(index: &Path, kind: &str, how: &str) {
    let file = if kind == "json" {
        index.join("meta.json")
    } else {
        let mut found: Vec<PathBuf> = std::fs::read_dir(index)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == kind))
            .collect();
        found.sort();
        found.into_iter().next().unwrap_or_else(|| panic!("no .{kind} file"))
    };
    let mut bytes = std::fs::read(&file).unwrap();
    match how {
        "garble" => {
            let at = bytes.len().saturating_sub(64) / 2;
            for (k, b) in bytes.iter_mut().skip(at).take(64).enumerate() {
                *b ^= (k as u8).wrapping_mul(37).wrapping_add(11);
            }
            std::fs::write(&file, bytes).unwrap();
        }
        "truncate" => std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap(),
        "delete" => std::fs::remove_file(&file).unwrap(),
        "empty-segments" => {
            let mut meta: Value = serde_json::from_slice(&bytes).unwrap();
            meta["segments"] = serde_json::json!([]);
            std::fs::write(&file, serde_json::to_vec(&meta).unwrap()).unwrap();
        }
        other => unreachable!("{other}"),
    }
}

#[test]
fn a_damaged_index_never_locks_the_user_out_and_search_answers_in_full() {
    let files = tempfile::tempdir().unwrap();
    contracts(files.path(), 8, "d");
    let base = tempfile::tempdir().unwrap();
    assert!(run(base.path(), &["import", files.path().to_str().unwrap()]).status.success());
    let query = ["search", "Vertragskennung", "--limit", "50", "--json"];
    let expected = json(&run(base.path(), &query))["hits"].as_array().unwrap().len();
    assert_eq!(expected, 8);
    let mut cases = 0;
    let kinds = ["fast", "store", "idx", "term", "pos", "fieldnorm", "json"];
    for kind in kinds {
        let hows: &[&str] = if kind == "json" {
            &["garble", "truncate", "delete", "empty-segments"]
        } else {
            &["garble", "truncate", "delete"]
        };
        for how in hows {
            for command in ["search", "list", "reindex"] {
                let data = tempfile::tempdir().unwrap();
                copy_dir(base.path(), data.path());
                damage(&data.path().join("index"), kind, how);
                let context = format!("{how} .{kind}, then {command}");
                let out = match command {
                    "search" => run(data.path(), &query),
                    "list" => run(data.path(), &["list", "--json"]),
                    _ => run(data.path(), &["reindex"]),
                };
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success() && !stderr.contains("panicked"), "{context}: {stderr}");
                let hits = json(&run(data.path(), &query))["hits"].as_array().unwrap().len();
                assert_eq!(hits, expected, "{context}: every clause is found again");
                assert_whole(data.path(), &context);
                cases += 1;
            }
        }
    }
    println!("index damage: {cases} cases (7 file kinds × garbled, truncated, deleted, + an empty segment list; × search, list, reindex): 0 panics, every answer complete");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
#[ignore = "slow in a debug build: scripts/test.sh runs it on the release build"]
fn kills_at_random_points_lose_no_acknowledged_write_and_hide_no_document() {
    let files = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let seed_files = contracts(&files.path().join("seed"), 4, "s");
    assert!(run(data.path(), &["import", files.path().join("seed").to_str().unwrap()]).status.success());
    let first_doc = listed(data.path())[0]["id"].as_i64().unwrap();
    let shown = json(&run(data.path(), &["show", &first_doc.to_string(), "--json"]));
    let clause_ids: Vec<i64> =
        shown["clauses"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    // A bookmark file to import again and again: five bookmarks on the first document.
    for (k, clause) in clause_ids.iter().take(5).enumerate() {
        let note = format!("seed {k}");
        let added = run(
            data.path(),
            &["bookmark", "add", &first_doc.to_string(), &clause.to_string(), "--note", &note],
        );
        assert!(added.status.success());
    }
    let bookmark_file = files.path().join("bookmarks.json");
    let exported = run(data.path(), &["bookmark", "export", "-o", bookmark_file.to_str().unwrap()]);
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let mut dice = Dice::new("kill");
    let (kills, mut finished, mut acknowledged_docs) = (200, 0, Vec::new());
    let mut acknowledged_notes: Vec<String> = (0..5).map(|k| format!("seed {k}")).collect();
    let mut by_task = std::collections::BTreeMap::<&str, usize>::new();
    // How long each task takes when left alone, so kills land within it (a release build is quick).
    let mut typical = std::collections::HashMap::<&str, u64>::new();
    for k in 0..kills {
        let task = ["import", "reindex", "bookmark", "bookmark import", "correct"][dice.below(5) as usize];
        let batch = files.path().join(format!("batch-{k}"));
        let mut new_files = Vec::new();
        let args: Vec<String> = match task {
            "import" => {
                new_files = contracts(&batch, 6, &format!("k{k}"));
                vec!["import".into(), batch.display().to_string()]
            }
            "reindex" => vec!["reindex".into()],
            "bookmark import" => {
                vec!["bookmark".into(), "import".into(), bookmark_file.display().to_string()]
            }
            "bookmark" => {
                let clause = clause_ids[dice.below(clause_ids.len() as u64) as usize];
                vec![
                    "bookmark".into(),
                    "add".into(),
                    first_doc.to_string(),
                    clause.to_string(),
                    "--note".into(),
                    format!("kill {k}"),
                ]
            }
            _ => {
                let docs = listed(data.path());
                let other = docs.last().unwrap()["id"].as_i64().unwrap();
                let other_clause = json(&run(data.path(), &["show", &other.to_string(), "--json"]))
                    ["clauses"][0]["id"]
                    .as_i64()
                    .unwrap();
                vec!["correct".into(), "link".into(), clause_ids[1].to_string(), other_clause.to_string()]
            }
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let mut child = spawn(data.path(), &args);
        let span = *typical.get(task).unwrap_or(&50_000);
        std::thread::sleep(Duration::from_micros(dice.below(span)));
        let killed = child.try_wait().unwrap().is_none();
        if killed {
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        *by_task.entry(task).or_default() += usize::from(killed);
        if !killed {
            let took = started.elapsed().as_micros() as u64;
            typical.insert(task, took.max(span * 3 / 4));
            finished += 1;
            assert!(
                out.status.success(),
                "kill {k}: {task} failed by itself: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            if task == "import" {
                acknowledged_docs.extend(new_files);
            } else if task == "bookmark" {
                acknowledged_notes.push(format!("kill {k}"));
            }
        }
        let c = check(data.path());
        assert!(c["store_problem"].is_null(), "kill {k} during {task}: database damaged: {c}");
        assert!(run(data.path(), &["list"]).status.success(), "kill {k}: the next command works");
        assert_whole(data.path(), &format!("kill {k} during {task}"));
    }
    let paths: Vec<String> =
        listed(data.path()).iter().map(|d| d["path"].as_str().unwrap().to_owned()).collect();
    for file in acknowledged_docs.iter().chain(&seed_files) {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(paths.iter().any(|p| p.ends_with(name)), "acknowledged import of {name} lost");
    }
    let listed_bookmarks = json(&run(data.path(), &["bookmark", "list", "--json"]));
    let notes: Vec<&str> =
        listed_bookmarks.as_array().unwrap().iter().filter_map(|b| b["note"].as_str()).collect();
    for note in &acknowledged_notes {
        assert!(notes.contains(&note.as_str()), "acknowledged bookmark {note:?} lost");
    }
    let acknowledged_bookmarks = acknowledged_notes.len();
    let killed: usize = by_task.values().sum();
    println!(
        "kill: {kills} runs, {killed} SIGKILLed mid-task ({by_task:?}), {finished} finished first; \
         integrity ok after every one, {} acknowledged imports and {acknowledged_bookmarks} bookmarks all present, \
         every listed document searchable",
        acknowledged_docs.len()
    );
    assert!(
        killed >= 100,
        "too few kills landed mid-task ({killed}); the timing no longer exercises anything"
    );
}

/// A small file system of its own (tmpfs), so filling it harms nothing else. Needs root.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(megabytes: u64) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap().keep();
        let size = format!("size={megabytes}m");
        let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", &size, "tmpfs"]).arg(&dir).status();
        if mounted.is_ok_and(|s| s.success()) {
            return Some(SmallDisk(dir));
        }
        assert!(
            std::env::var("CI").is_err(),
            "CI must be able to mount a small tmpfs (run as root) for the disk-full test"
        );
        None
    }

    /// Fills the disk with 1 MB files until it is full; returns them.
    fn fill(&self) -> Vec<PathBuf> {
        let chunk = vec![7u8; 1 << 20];
        let mut written = Vec::new();
        for k in 0.. {
            let path = self.0.join(format!("filler-{k}"));
            written.push(path.clone());
            if std::fs::write(&path, &chunk).is_err() {
                break;
            }
        }
        written
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[test]
#[ignore = "needs root to mount a tmpfs: scripts/test.sh runs it on the release build"]
fn a_full_disk_refuses_or_reports_per_file_and_the_library_stays_usable() {
    let Some(disk) = SmallDisk::mount(40) else {
        println!("disk full: skipped outside CI (mounting a tmpfs needs root)");
        return;
    };
    let data = disk.0.join("library");
    let files = tempfile::tempdir().unwrap();
    let first = contracts(&files.path().join("first"), 4, "f");
    assert!(run(&data, &["import", files.path().join("first").to_str().unwrap()]).status.success());

    // 1. Too little room for a large import: refused up front, with the figures.
    let filler = disk.fill();
    for path in filler.iter().rev().take(2) {
        let _ = std::fs::remove_file(path); // Leave a sliver, as on a nearly full disk.
    }
    let big = contracts(&files.path().join("big"), 400, "b");
    let out = run(&data, &["import", files.path().join("big").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("not enough free disk space"), "{stderr}");
    assert_eq!(listed(&data).len(), first.len(), "nothing stored");

    // 2. The disk fills up during an import: every file is reported, and nothing listed is unsearchable.
    for path in &filler {
        let _ = std::fs::remove_file(path);
    }
    let import = spawn(&data, &["import", files.path().join("big").to_str().unwrap(), "--json"]);
    std::thread::sleep(Duration::from_millis(20));
    let filler = disk.fill();
    let out = finish(import, Duration::from_secs(120), "an import on a filling disk");
    let report = json(&out);
    let report = report.as_array().unwrap();
    let stored: Vec<&Value> = report.iter().filter(|o| o["status"] != "error").collect();
    let refused: Vec<&Value> = report.iter().filter(|o| o["status"] == "error").collect();
    assert_eq!(report.len(), big.len(), "every file has an outcome");
    assert!(
        refused.iter().all(|o| o["error"].as_str().is_some_and(|e| !e.is_empty())),
        "each refusal says why"
    );
    assert!(
        !refused.is_empty(),
        "the disk filled before the import ended (else this test exercises nothing)"
    );
    let mut reasons = std::collections::BTreeMap::<String, usize>::new();
    for o in &refused {
        let reason = o["error"].as_str().unwrap_or_default();
        let general = reason.split_once(": ").map_or(reason, |(_, why)| why);
        *reasons.entry(general.chars().take(110).collect()).or_default() += 1;
    }
    println!("disk full: the reasons given: {reasons:?}");
    for path in filler.iter().rev().take(2) {
        let _ = std::fs::remove_file(path); // Room for the journal, as a user would make.
    }

    // 3. Reading and removing still work; what is listed is what was reported stored.
    let docs = listed(&data);
    assert_eq!(docs.len(), first.len() + stored.len(), "listed = before + reported stored");
    let shown = run(&data, &["show", &docs[0]["id"].to_string()]);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    assert!(run(&data, &["search", "Vertragskennung"]).status.success());
    let removed = run(&data, &["remove", &docs[0]["id"].to_string()]);
    assert!(removed.status.success(), "{}", String::from_utf8_lossy(&removed.stderr));

    // 4. Room again: the next command repairs, and every document is found.
    for path in &filler {
        let _ = std::fs::remove_file(path);
    }
    assert!(run(&data, &["list"]).status.success());
    assert_whole(&data, "after the disk was freed");
    println!(
        "disk full: large import refused up front; on a disk filling mid-import {} files stored, {} refused with a reason; reading and removing worked throughout",
        stored.len(),
        refused.len()
    );
}

#[test]
fn a_backup_brings_back_documents_bookmarks_and_search_after_a_removal() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    contracts(files.path(), 3, "r");
    assert!(run(data.path(), &["import", files.path().to_str().unwrap()]).status.success());
    let first = listed(data.path())[0]["id"].to_string();
    let clause = json(&run(data.path(), &["show", &first, "--json"]))["clauses"][0]["id"].to_string();
    assert!(run(data.path(), &["bookmark", "add", &first, &clause, "--note", "keep me"]).status.success());
    let copy = files.path().join("library-copy.sqlite");
    let backed = run(data.path(), &["backup", copy.to_str().unwrap()]);
    assert!(backed.status.success(), "{}", String::from_utf8_lossy(&backed.stderr));
    let again = run(data.path(), &["backup", copy.to_str().unwrap()]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(run(data.path(), &["remove", &first]).status.success());
    assert_eq!(listed(data.path()).len(), 2);
    // A file that is no library is refused, and nothing changes.
    let text = files.path().join("r-000.txt");
    let refused = run(data.path(), &["restore", text.to_str().unwrap()]);
    assert!(
        !refused.status.success()
            && String::from_utf8_lossy(&refused.stderr).contains("not a Concordia library")
    );
    assert_eq!(listed(data.path()).len(), 2);
    let restored = run(data.path(), &["restore", copy.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    assert_eq!(listed(data.path()).len(), 3, "the removed document is back");
    let notes = json(&run(data.path(), &["bookmark", "list", "--json"]));
    assert!(
        notes.as_array().unwrap().iter().any(|b| b["note"] == "keep me" && b["status"] == "anchored"),
        "{notes}"
    );
    assert_whole(data.path(), "after the restore");
    let hits =
        json(&run(data.path(), &["search", "Vertragskennung", "--json"]))["hits"].as_array().unwrap().len();
    assert_eq!(hits, 3, "every restored document is searchable");
}
