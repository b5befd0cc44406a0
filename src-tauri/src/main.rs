// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started as the reader of one Word file (see concordia_core::worker)? Then only that.
    concordia_core::worker::serve_if_asked();
    if let Ok(exe) = std::env::current_exe() {
        concordia_core::worker::isolate_with(exe);
    }
    concordia_app::run();
}
