//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// `../shared/<sub>` beside the repository, or `None` (with a message) when it is absent. In CI
/// (`CI=true`) it must be there: a test that needs it fails rather than passing by skipping.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "{} is missing: in CI ../shared must sit beside the repository",
        dir.display()
    );
    eprintln!("skipped: {} not found (../shared sits beside the repository in CI)", dir.display());
    None
}
