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
    // The engine's error templates: the app words them (`worded`), so their translations are used.
    let engine: Vec<&str> = concordia_core::error_words::ALL
        .iter()
        .copied()
        .filter(|w| *w != concordia_core::error_words::AS_IS)
        .collect();
    let engine = serde_json::to_string_pretty(&engine).unwrap();
    let want = format!(
        "{HEADER}export const LABELS = {json} as const;\n\n\
         /** The engine's messages the app words by these English texts (crates/core/src/error.rs). */\n\
         export const ENGINE_WORDS = {engine} as const;\n"
    );
    generated::generated("src/generated/labels.ts", &want, REGENERATE);
}

#[test]
fn the_app_colours_its_verdicts_as_the_reports_do() {
    generated::generated("static/verdicts.css", &concordia_core::report::verdicts_css(), REGENERATE);
}

/// The app words the engine's errors in its language: each error template has a translation in
/// every language, with the same `{holes}`.
#[test]
fn every_error_is_translated_with_its_holes() {
    let labels = concordia_core::report::ui_labels();
    let holes = |text: &str| -> Vec<String> {
        let mut found: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}'))
            .map(|(name, _)| name.to_owned())
            .collect();
        found.sort();
        found
    };
    for (lang, table) in labels.as_object().unwrap() {
        if lang == "en" {
            continue;
        }
        for &english in concordia_core::error_words::ALL {
            if english == concordia_core::error_words::AS_IS {
                continue;
            }
            let worded =
                table["ui"][english].as_str().unwrap_or_else(|| panic!("[{lang}.ui] lacks {english:?}"));
            assert_eq!(holes(worded), holes(english), "[{lang}.ui] {english:?}");
        }
    }
}
