//! Free disk space, checked before an import: a library on a full disk stays readable, but an
//! import that cannot finish is better refused up front with the figures than failed halfway.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Room kept free beyond the estimate: SQLite's journal and the index's merges need some.
const MARGIN: u64 = 16 << 20;
/// What a document takes in the library (its text, clauses and index) per byte of file, at most.
const PER_FILE_BYTE: u64 = 2;

/// Refuses an import of `files` into `data_dir` when the disk clearly lacks room for it.
pub(crate) fn check(data_dir: &Path, files: &[PathBuf]) -> Result<()> {
    let incoming: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum();
    let Some(free) = free_bytes(data_dir) else {
        return Ok(()); // Unknown: the import itself will say if the disk fills up.
    };
    let needed = incoming.saturating_mul(PER_FILE_BYTE).saturating_add(MARGIN);
    if free >= needed {
        return Ok(());
    }
    Err(Error::NoSpace {
        path: data_dir.to_path_buf(),
        needed_mb: needed.div_ceil(1 << 20),
        free_mb: free >> 20,
    })
}

/// Bytes available to this user on the file system holding `dir`.
#[allow(unsafe_code)] // One libc call, no Rust API for it.
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a valid C string and `stats` is written by statvfs before it is read.
    let stats = unsafe {
        if libc::statvfs(path.as_ptr(), stats.as_mut_ptr()) != 0 {
            return None;
        }
        stats.assume_init()
    };
    Some((stats.f_bavail as u64).saturating_mul(stats.f_frsize as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_free_space_of_a_real_folder_is_known_and_a_small_import_fits() {
        let dir = tempfile::tempdir().unwrap();
        assert!(free_bytes(dir.path()).is_some_and(|b| b > 0));
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "Artikel 1").unwrap();
        check(dir.path(), &[file]).unwrap();
    }
}
