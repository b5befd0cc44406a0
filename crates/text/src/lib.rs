//! Turns raw file bytes into clean, normalised text made of blocks.
//!
//! Pure: no I/O. Every format (plain text, Markdown, HTML) ends up as an
//! [`Extracted`] document: one normalised string (NFC, `\n` line ends) and the
//! byte ranges of its blocks (paragraphs, headings, list items). Later stages
//! (segmentation, indexing) work on those ranges, so offsets always point into
//! the same normalised text.

mod blocks;
mod case;
mod decode;
mod docx;
mod html;
mod lang;
mod markdown;
mod odt;
mod paging;
mod pdf;
mod pdf_layout;
mod pdf_table;
mod pdf_widths;
mod plain;

pub use blocks::{Block, BlockKind, Extracted, PageStart};
pub use case::lowercase;
pub use decode::{decode, DecodeError, MAX_FILE_BYTES};
pub use lang::{detect_language, detect_language_within, is_hyphen_conjunction, Lang};

/// The formats Concordia reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, possibly hard-wrapped and full of page furniture.
    Text,
    /// CommonMark with tables.
    Markdown,
    /// HTML; scripts, styles and markup are dropped, only text is kept.
    Html,
    /// Word (Office Open XML); heading styles and list numbering become structure.
    Docx,
    /// OpenDocument text (LibreOffice); headings and list numbering become structure.
    Odt,
    /// PDF with a text layer; running headers, footers and page numbers are dropped.
    Pdf,
}

impl Format {
    /// The format for a file extension (case-insensitive), if Concordia reads it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// A short lowercase name, as stored.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
        }
    }
}

/// Decodes `bytes` and extracts its blocks according to `format`.
pub fn extract(bytes: &[u8], format: Format) -> Result<Extracted, DecodeError> {
    match format {
        Format::Docx => return docx::extract(bytes),
        Format::Odt => return odt::extract(bytes),
        Format::Pdf => return pdf::extract(bytes),
        _ => {}
    }
    let text = decode(bytes)?;
    let extracted = match format {
        Format::Text => plain::extract(&text),
        Format::Markdown => markdown::extract(&text),
        Format::Html => html::extract(&text)?,
        Format::Docx | Format::Odt | Format::Pdf => unreachable!("handled above"),
    };
    if extracted.blocks.is_empty() {
        return Err(DecodeError::NoText);
    }
    Ok(extracted)
}

/// The texts of the files in these folders of `../shared` (none when it is missing), for tests
/// that hold a fast reader to a plain one on real contracts.
#[cfg(test)]
pub(crate) fn shared_texts(dirs: &[&str]) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dirs.iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten())
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect()
}
