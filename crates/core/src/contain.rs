//! Tantivy asserts instead of returning an error on some damaged files (a garbled footer trips
//! an assertion in `file_slice.rs`). The index is only a cache, so such a panic is caught here,
//! kept off the terminal, and turned into "the index is damaged", which the library repairs.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Runs `work`; a panic inside it becomes `Err` with its message, and prints nothing.
pub(crate) fn contain<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = CONTAINING.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    CONTAINING.with(|c| c.set(outer));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the search index failed".to_owned())
    })
}

/// [`contain`] for work that may fail too: an error or a panic, either way in words.
pub(crate) fn attempt<T, E: std::fmt::Display>(work: impl FnOnce() -> Result<T, E>) -> Result<T, String> {
    contain(work).and_then(|result| result.map_err(|e| e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::contain;

    #[test]
    fn a_panic_becomes_an_error_and_a_value_passes_through() {
        assert_eq!(contain(|| 7), Ok(7));
        let caught = contain(|| -> u8 { panic!("assertion failed: damaged footer") });
        assert_eq!(caught, Err("assertion failed: damaged footer".to_owned()));
        let formatted = contain(|| -> u8 { panic!("{} bytes", 64) });
        assert_eq!(formatted, Err("64 bytes".to_owned()));
    }
}
