// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started as the reader of one Word file (see concordia_core::worker)? Then only that.
    concordia_core::worker::serve_if_asked();
    if let Ok(exe) = std::env::current_exe() {
        concordia_core::worker::isolate_with(exe);
    }
    renderer_defaults();
    concordia_app::run();
}

/// WebKitGTK's DMA-BUF renderer keeps about 200 MB of buffers in the web process (measured
/// with `tests/app_bench.rs`: the app and WebKit held 695 MB with it, 470 MB without, and the
/// window was as quick). A list of clauses gains nothing from it. Whoever sets the variable
/// keeps their choice. Set before any thread starts, as the environment is not thread-safe.
fn renderer_defaults() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}
