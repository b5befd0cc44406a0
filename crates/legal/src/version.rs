//! Versions of what the rules produce, stored beside the results so older ones are redone.

/// "{rules}-{hash}" of the rules' name and the data they read: FNV-1a, stable across builds and
/// platforms, unlike std's hasher.
pub fn version<'a>(rules: &str, data: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in data.into_iter().flat_map(str::bytes).chain(rules.bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{rules}-{hash:016x}")
}
