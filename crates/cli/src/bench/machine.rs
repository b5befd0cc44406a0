//! What the process used: CPU time over all its threads, and its peak resident memory. Read from
//! `/proc/self` (Linux); elsewhere the figures are reported as unknown.

/// CPU seconds (user + system) used by every thread of this process so far.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line: 11 and 12 after the name.
    Some((ticks(11)? + ticks(12)?) / CLOCK_TICKS)
}

/// The kernel's clock tick (USER_HZ), which is 100 on every Linux Concordia runs on.
const CLOCK_TICKS: f64 = 100.0;

/// The most resident memory this process has held since it started or since [`reset_peak`], in MB.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Starts a new peak: the next [`peak_rss_mb`] is the peak from now on (Linux 4.0 and later).
pub fn reset_peak() {
    // "5" resets the peak resident set size; failing only means the peak covers more.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A figure, or "?" when the platform does not tell.
pub fn shown(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "?".to_owned(), |v| format!("{v:.decimals$}"))
}

/// Wall time and CPU time of one step, for "cores used".
pub struct Meter {
    started: std::time::Instant,
    cpu: Option<f64>,
}

impl Meter {
    pub fn start() -> Meter {
        Meter { started: std::time::Instant::now(), cpu: cpu_seconds() }
    }

    /// Seconds since the start, and the cores busy on average over them.
    pub fn stop(&self) -> (f64, Option<f64>) {
        let wall = self.started.elapsed().as_secs_f64();
        let cores = match (self.cpu, cpu_seconds()) {
            (Some(before), Some(after)) if wall > 0.0 => Some((after - before) / wall),
            _ => None,
        };
        (wall, cores)
    }
}
