//! `ui/src/generated/labels.ts` is `report/labels.toml` as the app reads it, and
//! `ui/static/verdicts.css` is `report/verdicts.toml`: the app and the reports share their words
//! and their verdict colours. These tests fail when a file is stale;
//! `CONCORDIA_WRITE_GENERATED=1` writes it instead.

const HEADER: &str =
    "// Generated from crates/core/report/labels.toml by crates/core/tests/ui_labels.rs: do not edit.\n\
// Regenerate: CONCORDIA_WRITE_GENERATED=1 cargo test -p concordia-core --test ui_labels\n";

#[path = "common/generated.rs"]
mod generated;

const REGENERATE: &str = "cargo test -p concordia-core --test ui_labels";

#[test]
fn the_ui_labels_are_generated_from_labels_toml() {
    let json = serde_json::to_string_pretty(&concordia_core::report::ui_labels()).unwrap();
    let want = format!("{HEADER}export const LABELS = {json} as const;\n");
    generated::generated("src/generated/labels.ts", &want, REGENERATE);
}

#[test]
fn the_app_colours_its_verdicts_as_the_reports_do() {
    generated::generated("static/verdicts.css", &concordia_core::report::verdicts_css(), REGENERATE);
}
