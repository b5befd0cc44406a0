use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file's bytes could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// Looks like binary data; carries a guess of what it is.
    #[error("the file is binary ({0}), not text")]
    Binary(&'static str),
    /// Decoded fine but no text survived extraction (e.g. HTML with only scripts).
    #[error("the file contains no readable text")]
    NoText,
    /// HTML nested so deeply that parsing it would take too long.
    #[error("the HTML is nested {0} levels deep (more than 1000); it looks malformed or hostile")]
    TooDeep(usize),
    /// A Word file that cannot be read safely, and why.
    #[error("{0}")]
    Docx(String),
    /// An OpenDocument text that cannot be read safely, and why.
    #[error("{0}")]
    Odt(String),
    /// A PDF that cannot be read (scan, encrypted, unreadable fonts, broken), and why.
    #[error("{0}")]
    Pdf(String),
}

/// Decodes bytes to a normalised string: NFC, `\n` line ends, no control characters.
///
/// Encodings: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and
/// Windows-1252 (a superset of Latin-1 for printable text) as the fallback
/// for bytes that are not valid UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let raw = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        debug_assert!([UTF_8, UTF_16LE, UTF_16BE].contains(&encoding));
        encoding.decode_without_bom_handling(body).0.into_owned()
    } else {
        if let Some(kind) = sniff_binary(bytes) {
            return Err(DecodeError::Binary(kind));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
        }
    };
    let text = normalise(&raw);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

/// NFC, `\r\n`/`\r` → `\n`, form feeds become line breaks, other controls go, and a letter
/// a page's build left escaped ("Be\u00EBindiging") is that letter again.
fn normalise(raw: &str) -> String {
    let unescaped = unescape_letters(raw);
    let unified = if unescaped.contains('\r') {
        unescaped.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        unescaped.into_owned()
    };
    // Most files hold no control character but the line break: then nothing is rebuilt.
    if !has_controls(&unified) {
        return crate::blocks::nfc(unified);
    }
    let cleaned: String = unified
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\u{c}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\t' => Some(' '),
            '\u{feff}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    crate::blocks::nfc(cleaned)
}

/// Whether `text` holds a character `normalise` changes or drops: a control other than `\n`
/// (C0, DEL, C1 = U+0080–U+009F, written C2 80–C2 9F), a line or paragraph separator, a BOM.
fn has_controls(text: &str) -> bool {
    let bytes = text.as_bytes();
    let control = |(i, &b): (usize, &u8)| {
        (b < 0x20 && b != b'\n')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    };
    // Each char searched for by its bytes: a set of chars would decode every char of the text.
    bytes.iter().enumerate().any(control)
        || ['\u{2028}', '\u{2029}', '\u{feff}'].iter().any(|&c| text.contains(c))
}

/// `\u00EB` written in a page's text where it is no escape (JSX text, a JSON value pasted
/// twice): a reader of a contract only ever means the letter. Only accented Latin letters
/// (U+00C0–U+024F) are read back, so other text with backslashes stays as written.
fn unescape_letters(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains("\\u") {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find("\\u") {
        let (before, escape) = rest.split_at(at);
        out.push_str(before);
        let letter = escape
            .get(2..6)
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .filter(|code| (0xC0..=0x24F).contains(code))
            .and_then(char::from_u32)
            .filter(|c| c.is_alphabetic());
        match letter {
            Some(c) => {
                out.push(c);
                rest = &escape[6..];
            }
            None => {
                out.push_str("\\u");
                rest = &escape[2..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Recognises common binary formats by magic number, then by NUL and control bytes.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document; PDFs import when named .pdf"),
        (b"PK\x03\x04", "a ZIP archive; Word files import when named .docx"),
        (b"\xD0\xCF\x11\xE0", "an old Microsoft Office document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "an executable"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    let has_nul = head.contains(&0);
    if has_nul || controls * 100 > head.len() {
        return Some("unrecognised binary data");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_found_wherever_normalise_would_change_a_character() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let text = format!("Löschung{c}Daten");
            let changed =
                text.chars().any(|c| c != '\n' && (c.is_control() || "\u{2028}\u{2029}\u{feff}".contains(c)));
            assert_eq!(has_controls(&text), changed, "U+{:04X}", c as u32);
        }
        assert!(has_controls("a\u{feff}b"));
    }

    #[test]
    fn a_letter_left_escaped_by_a_page_build_is_the_letter() {
        assert_eq!(
            decode(b"12. Be\\u00EBindiging van de overeenkomst").unwrap(),
            "12. Beëindiging van de overeenkomst"
        );
        assert_eq!(decode(b"L\\u00f6schung, citt\\u00E0").unwrap(), "Löschung, città");
        // Anything else with a backslash stays as written.
        for kept in [r"C:\users\u1234", r"\u0041", r"\u00", r"\u00zz", r"\u20AC 100"] {
            assert_eq!(decode(kept.as_bytes()).unwrap(), kept);
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Sekretess\r\nå".as_bytes()).unwrap(), "Sekretess\nå");
        assert_eq!(decode(b"\xEF\xBB\xBFHaftung").unwrap(), "Haftung");
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Löschung".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("città".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le).unwrap(), "Löschung");
        assert_eq!(decode(&be).unwrap(), "città");
    }

    #[test]
    fn windows_1252_fallback() {
        // "Responsabilità – €5" in Windows-1252: à = E0, en dash = 96, euro = 80.
        let bytes = b"Responsabilit\xE0 \x96 \x805";
        assert_eq!(decode(bytes).unwrap(), "Responsabilità – €5");
    }

    #[test]
    fn decomposed_input_becomes_nfc() {
        assert_eq!(decode("gelo\u{308}scht".as_bytes()).unwrap(), "gelöscht");
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n\t"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF \n"), Err(DecodeError::Empty));
    }

    #[test]
    fn binary_files_are_refused_with_a_reason() {
        assert!(matches!(decode(b"%PDF-1.7\n..."), Err(DecodeError::Binary(k)) if k.contains("PDF")));
        assert!(matches!(decode(b"abc\0\0\x01def"), Err(DecodeError::Binary(_))));
    }
}
