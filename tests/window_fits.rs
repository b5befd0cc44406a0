//! The first window fits a 1366×768 laptop screen with a taskbar and a title bar; later runs
//! reopen at the size the user left (tauri-plugin-window-state, seen by hand under Xvfb).

#[test]
fn the_first_window_fits_a_1366_by_768_screen() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json is JSON");
    let window = &conf["app"]["windows"][0];
    let (width, height) = (window["width"].as_f64().unwrap(), window["height"].as_f64().unwrap());
    // A 48-pixel taskbar and a 40-pixel title bar leave 680 of 768.
    assert!(width <= 1366.0 && height <= 680.0, "{width}×{height}");
    assert!(window["minHeight"].as_f64().unwrap() <= height);
}
