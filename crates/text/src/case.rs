//! Lowercasing at the speed of the ASCII most contract text is made of.

/// Exactly what `str::to_lowercase` returns, without decoding each ASCII letter as a char: runs of
/// ASCII are lowered byte by byte, and only other letters go through `char::to_lowercase`.
pub fn lowercase(text: &str) -> String {
    // A capital sigma lowercases by its place in a word; std knows the rule.
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        out.push_str(run);
        let lowered = out.len() - run.len();
        out[lowered..].make_ascii_lowercase();
        let Some(c) = tail.chars().next() else { break };
        out.extend(c.to_lowercase());
        rest = &tail[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn lowercase_is_std_to_lowercase() {
        let texts = [
            "",
            "ABC def",
            "Für den AUFTRAGGEBER: Löschung ÄÖÜ ẞ ß",
            "İstanbul İİ i̇",
            "ΟΔΟΣ Σ ΣΑΣ σ",
            "Beëindiging ÉÈ Ï — “Quote” 24 UUR",
            "Personuppgiftsbiträdet ÅÄÖ",
            "\u{0130}\u{0049}\u{0307}",
        ];
        for text in texts {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    /// Every file of the real DPAs, the corpus and the GDPR in ../shared, in four languages.
    #[test]
    fn lowercase_is_std_to_lowercase_on_shared_texts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
        if std::env::var_os("CI").is_some() {
            assert!(root.join("real/docs").is_dir(), "CI needs {}", root.display());
        }
        let mut files = 0;
        for dir in ["real/docs", "parallel", "corpus"] {
            for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    assert_eq!(lowercase(&text), text.to_lowercase(), "{}", entry.path().display());
                    files += 1;
                }
            }
        }
        assert!(files >= 19 || !root.exists(), "{files} files read");
    }
}
