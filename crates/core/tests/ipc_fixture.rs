//! The UI's hand-written comparison fixture (`ui/test/fixtures/comparison.json`) has the shape
//! of what the backend really sends: every object there has exactly the fields Rust serialises,
//! so the UI tests cannot pass against a contract that has drifted.

use concordia_core::api::DocId;
use concordia_core::{Library, Progress};
use serde_json::Value;

/// Where the two values' shapes differ: object keys, recursively (arrays by their first element).
fn differences(path: &str, real: &Value, fixture: &Value, out: &mut Vec<String>) {
    match (real, fixture) {
        (Value::Object(r), Value::Object(f)) => {
            for key in r.keys().filter(|k| !f.contains_key(*k)) {
                out.push(format!("{path}.{key}: sent by the backend, missing in the fixture"));
            }
            for key in f.keys().filter(|k| !r.contains_key(*k)) {
                out.push(format!("{path}.{key}: in the fixture, not sent by the backend"));
            }
            for (key, value) in r {
                if let Some(theirs) = f.get(key) {
                    differences(&format!("{path}.{key}"), value, theirs, out);
                }
            }
        }
        (Value::Array(r), Value::Array(f)) => {
            if let (Some(a), Some(b)) = (r.first(), f.first()) {
                differences(&format!("{path}[0]"), a, b, out);
            }
        }
        _ => {} // A null beside a value, or two scalars: the same field.
    }
}

#[test]
fn the_ui_comparison_fixture_has_the_shape_the_backend_sends() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<_> = ["de", "it", "nl"]
        .iter()
        .map(|l| dir.join(format!("tests/fixtures/translations/commonpaper-dpa.{l}.md")))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::open(tmp.path()).unwrap();
    let report = library.import(&files, &Progress::none()).unwrap();
    let ids: Vec<DocId> = report.outcomes.iter().map(|o| o.id.expect("imported")).collect();
    let real = serde_json::to_value(library.compare(&ids, Some(ids[0])).unwrap()).unwrap();
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("../../ui/test/fixtures/comparison.json")).unwrap(),
    )
    .unwrap();
    let mut out = Vec::new();
    differences("comparison", &real, &fixture, &mut out);
    assert!(out.is_empty(), "the UI fixture has drifted from the IPC contract:\n{}", out.join("\n"));
}
