//! A log file a user can attach to a bug report: what Concordia did (opened, imported, compared,
//! rebuilt, wrote), with counts, times and errors, never a contract's text.
//!
//! `<data dir>/logs/concordia.log.YYYY-MM-DD`, one file a day, the last seven kept. The level is
//! `info` for Concordia's own steps, or `CONCORDIA_LOG` (`debug`, `warn`, …). Logging never
//! stops the work: a log that cannot be written (a read-only or full disk) is skipped silently.

use std::path::{Path, PathBuf};

use tracing_subscriber::EnvFilter;

/// How many daily files are kept.
const KEPT_DAYS: usize = 7;

/// Where the log files of a library go.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Sends this process's log to the library's log files; `false` when that cannot be set up
/// (the reason is not the user's problem; the work goes on unlogged).
pub fn to_file(data_dir: &Path) -> bool {
    // The appender prunes old files before it creates the folder, and says so on stderr.
    let dir = log_dir(data_dir);
    if std::fs::create_dir_all(&dir).is_err() {
        return false;
    }
    let Ok(appender) = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("concordia.log")
        .max_log_files(KEPT_DAYS)
        .build(dir)
    else {
        return false;
    };
    // Our own steps; libraries only when they warn.
    let filter = EnvFilter::try_from_env("CONCORDIA_LOG")
        .unwrap_or_else(|_| EnvFilter::new("warn,concordia_core=info,concordia_app=info,concordia=info"));
    tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(appender))
        .with_env_filter(filter)
        .with_ansi(false)
        .with_target(false)
        .log_internal_errors(false)
        .try_init()
        .is_ok()
}
