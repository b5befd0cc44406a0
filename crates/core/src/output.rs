//! Writing files the user names: all or nothing, and never over an existing file unless asked.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Writes `bytes` to `path`, taken literally. The bytes go to a temporary file beside it first,
/// which then takes the name, so a failure never leaves a half-written file. Without
/// `overwrite`, an existing file is an [`Error::Exists`] and is left untouched.
pub fn write_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    let fail = |reason: String| Error::Write { path: path.to_path_buf(), reason };
    if !overwrite && path.exists() {
        return Err(Error::Exists { path: path.to_path_buf() });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(fail(format!("the folder {} does not exist", dir.display())));
    }
    let name = path.file_name().ok_or_else(|| fail("that is a folder, not a file name".to_owned()))?;
    let temp = dir.join(format!(".{}.{}.part", name.to_string_lossy(), std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e.to_string()));
    }
    let placed = if overwrite {
        std::fs::rename(&temp, path)
    } else {
        // A hard link fails if the name was taken meanwhile: no race overwrites a file.
        std::fs::hard_link(&temp, path).or_else(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Err(e),
            _ if !path.exists() => std::fs::rename(&temp, path),
            _ => Err(e),
        })
    };
    let _ = std::fs::remove_file(&temp);
    match placed {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::Exists { path: path.to_path_buf() })
        }
        Err(e) => Err(fail(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_unless_asked_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report — 2026.md");
        write_file(&path, b"first", false).unwrap();
        assert!(matches!(write_file(&path, b"second", false), Err(Error::Exists { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        write_file(&path, b"second", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
        let missing = dir.path().join("no/such/folder/report.md");
        let err = write_file(&missing, b"x", false).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
