//! The log a user attaches to a bug report: each step with names, counts and errors, and
//! nothing of a contract's text.

use std::process::Command;

fn concordia(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_concordia"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CONCORDIA_LOG")
        .output()
        .expect("the CLI runs")
}

#[test]
fn the_log_says_what_was_done_and_never_what_a_contract_says() {
    let files = tempfile::tempdir().unwrap();
    let secret = "Die Haftung des Auftragnehmers ist auf 12.345 EUR je Schadensfall begrenzt.";
    let contract = files.path().join("avv-geheim.md");
    std::fs::write(&contract, format!("# Auftragsverarbeitungsvertrag\n\n## 1 Haftung\n\n{secret}\n"))
        .unwrap();
    let refused = files.path().join("notes");
    std::fs::write(&refused, "plain words").unwrap();
    let data = tempfile::tempdir().unwrap();
    let imported = concordia(data.path(), &["import", contract.to_str().unwrap(), refused.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&imported.stderr);
    assert!(!stderr.contains("log directory"), "logging says nothing on the terminal: {stderr}");
    let ids = concordia(data.path(), &["list", "--json"]);
    assert!(ids.status.success());
    let logs: Vec<_> =
        std::fs::read_dir(data.path().join("logs")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(logs.len(), 1, "one file for today: {logs:?}");
    let log = std::fs::read_to_string(&logs[0]).unwrap();
    assert!(log.contains(r#"imported file="avv-geheim.md""#), "{log}");
    assert!(
        log.contains(r#"not imported file="notes""#) && log.contains("files without an extension"),
        "{log}"
    );
    assert!(log.contains("import finished files=2 imported=1 unchanged=0 refused=1"), "{log}");
    assert_eq!(log.matches("library opened").count(), 2, "one line per run: {log}");
    for words in ["Haftung des Auftragnehmers", "12.345", "Auftragsverarbeitungsvertrag"] {
        assert!(!log.contains(words), "the log holds contract text ({words}): {log}");
    }
}
