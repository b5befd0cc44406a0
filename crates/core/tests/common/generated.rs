//! Files the app reads that Rust writes (`ui/...`): a test checks they are current, and
//! `CONCORDIA_WRITE_GENERATED=1` writes them instead.

/// Checks that `ui/<file>` holds `want`, or writes it when asked to; `regenerate` is the command
/// the failure names.
pub fn generated(file: &str, want: &str, regenerate: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui").join(file);
    if std::env::var_os("CONCORDIA_WRITE_GENERATED").is_some() {
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "{} is stale: run CONCORDIA_WRITE_GENERATED=1 {regenerate}", path.display());
}
