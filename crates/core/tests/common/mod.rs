//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// `../shared/<sub>` beside the repository, or `None` (with a message) when it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found (../shared sits beside the repository in CI)", dir.display());
        None
    }
}
