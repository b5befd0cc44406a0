// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started as the reader of one Word file (see concordia_core::worker)? Then only that.
    concordia_core::worker::serve_if_asked();
    if let Ok(exe) = std::env::current_exe() {
        concordia_core::worker::isolate_with(exe);
    }
    paint_with_the_cpu();
    concordia_app::run();
}

/// WebKitGTK paints pages with Skia on the GPU. Without a GPU driver (a virtual machine, a remote
/// desktop, Xvfb) Mesa's llvmpipe stands in and compiles every new shader through LLVM: a tenth
/// of all CPU time in a session, and frames held back 100–300 ms the first times a view is
/// drawn. Text and tables gain nothing from the GPU; painted by the CPU, the first compare of a
/// 1,000-document library took 85–91 ms instead of 200–240 and the web process held 290 instead
/// of 445 MB (`tests/app_bench.rs`). Composited layers gain nothing either once painting is on
/// the CPU: without them the web process holds 60 MB less at 10,000 documents (475 against
/// 537 MB for the app and WebKit) and no step of the app bench got slower. Whoever sets a
/// variable keeps their choice (`WEBKIT_DISABLE_COMPOSITING_MODE=0` composites again). Set
/// before any thread starts, as the environment is not thread-safe.
fn paint_with_the_cpu() {
    #[cfg(target_os = "linux")]
    for variable in ["WEBKIT_SKIA_ENABLE_CPU_RENDERING", "WEBKIT_DISABLE_COMPOSITING_MODE"] {
        if std::env::var_os(variable).is_none() {
            std::env::set_var(variable, "1");
        }
    }
}
