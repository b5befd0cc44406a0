//! Turning files into documents ready to store: discovery, reading, parsing.

use std::path::{Path, PathBuf};

use concordia_legal::{parents, segment, split_mixed_lists, ClauseKind, Lexicon, Place};
use concordia_store::{NewClause, TopicRow};
use concordia_text::{detect_language, detect_language_within, extract, Format, Lang, MAX_FILE_BYTES};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// A file read and parsed, not yet stored.
pub(crate) struct Parsed {
    pub title: String,
    pub language: Lang,
    pub format: Format,
    pub text: String,
    pub clauses: Vec<NewClause>,
    /// The Art. 28 checklist, as stored (found here, on the worker thread).
    pub checklist: String,
    /// The key terms, as stored (found here, on the worker thread).
    pub key_terms: String,
}

/// Expands folders (recursively, skipping hidden entries) into the files Concordia reads.
/// Files named directly are kept whatever their type, so refusing them can say why.
pub(crate) fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if hidden || kind.is_symlink() {
                continue;
            } else if kind.is_dir() {
                stack.push(path);
            } else if format_of(&path).is_some() {
                found.push(path);
            }
        }
    }
}

fn format_of(path: &Path) -> Option<Format> {
    path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension)
}

/// Reads a regular file, refusing ones too large to be a contract.
///
/// Only regular files: opening a FIFO blocks until someone writes to it, and a device such as
/// `/dev/zero` never ends. The file is opened without blocking and checked again once open (it
/// may have been swapped since the first look), and the size limit holds while reading too, for
/// a file that grows as it is read.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let refuse = |reason: String| Error::Unreadable { path: path.to_path_buf(), reason };
    let meta = std::fs::metadata(path).map_err(io)?;
    not_regular(&meta.file_type()).map_or(Ok(()), |what| Err(refuse(what)))?;
    too_large(meta.len()).map_or(Ok(()), |why| Err(refuse(why)))?;
    let file = open_without_blocking(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    not_regular(&meta.file_type()).map_or(Ok(()), |what| Err(refuse(what)))?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    too_large(bytes.len() as u64).map_or(Ok(bytes), |why| Err(refuse(why)))
}

/// Why a file of this type is not read, if it is not a regular file.
fn not_regular(kind: &std::fs::FileType) -> Option<String> {
    use std::os::unix::fs::FileTypeExt;
    let what = if kind.is_file() {
        return None;
    } else if kind.is_dir() {
        "it is a folder"
    } else if kind.is_fifo() {
        "it is a named pipe (FIFO), not a file: reading it could wait forever"
    } else if kind.is_char_device() || kind.is_block_device() {
        "it is a device, not a file: it may never end"
    } else if kind.is_socket() {
        "it is a socket, not a file"
    } else {
        "it is not a regular file"
    };
    Some(what.to_owned())
}

fn too_large(len: u64) -> Option<String> {
    (len > MAX_FILE_BYTES)
        .then(|| format!("the file is over {} MB, the limit for one document", MAX_FILE_BYTES / 1_000_000))
}

fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

/// Hex SHA-256 of the bytes: a document's identity.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses bytes into text, clauses, language and title. `stop` says the import was cancelled:
/// a file read in a child process is then abandoned at once.
pub(crate) fn parse(path: &Path, bytes: &[u8], stop: &dyn Fn() -> bool) -> Result<Parsed> {
    let Some(format) = format_of(path) else {
        let extension = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        // Say what a binary file is, rather than only that its name is unknown.
        if let Err(e @ concordia_text::DecodeError::Binary(_)) = concordia_text::decode(bytes) {
            return Err(Error::Unreadable { path: path.to_path_buf(), reason: e.to_string() });
        }
        return Err(Error::Unsupported { path: path.to_path_buf(), extension });
    };
    let unreadable = |reason: String| Error::Unreadable { path: path.to_path_buf(), reason };
    let doc = if crate::worker::isolated(format) {
        crate::worker::extract(bytes, format, stop).map_err(unreadable)?
    } else {
        extract(bytes, format).map_err(|e| unreadable(e.to_string()))?
    };
    let language = document_language(&doc.text);
    let segmented = split_mixed_lists(&doc, segment(&doc), language.code(), Lexicon::builtin());
    // The GDPR has under 500 clauses; tens of thousands mean a data dump or a crafted file,
    // which would only make the import crawl.
    const MAX_CLAUSES: usize = 50_000;
    if segmented.len() > MAX_CLAUSES {
        let reason = format!(
            "it splits into {} clauses (more than {MAX_CLAUSES}); it does not look like a contract",
            segmented.len()
        );
        return Err(Error::Unreadable { path: path.to_path_buf(), reason });
    }
    let langs: Vec<Lang> =
        segmented.iter().map(|c| clause_language(&doc.text[c.start..c.end], language)).collect();
    let topics = classify_document(segmented.iter().zip(&langs).map(|(c, lang)| ClauseToClassify {
        kind: c.kind,
        lang: lang.code(),
        numbered: c.number.is_some(),
        heading: c.heading.as_deref(),
        heading_path: &c.heading_path,
        text: &doc.text[c.start..c.end],
    }));
    let clauses: Vec<NewClause> = segmented
        .into_iter()
        .zip(langs)
        .zip(topics)
        .map(|((c, lang), topics)| NewClause {
            page: doc.page_at(c.start),
            topics,
            kind: c.kind.name(),
            number: c.number,
            heading: c.heading,
            heading_path: c.heading_path,
            start: c.start,
            end: c.end,
            language: lang.code().to_owned(),
        })
        .collect();
    let key_terms = crate::key_terms::found_at_import(&doc.text, &clauses);
    let checklist = crate::review::found_at_import(&doc.text, &clauses);
    Ok(Parsed {
        title: crate::title::title(&doc, path),
        language,
        format,
        text: doc.text,
        clauses,
        key_terms,
        checklist,
    })
}

/// Clauses long enough to judge get their own language (a Swedish DPA may quote English SCCs);
/// shorter ones, where detection guesses, take the document's.
fn clause_language(text: &str, document: Lang) -> Lang {
    const MIN_CHARS: usize = 120;
    if text.len() < MIN_CHARS {
        return document;
    }
    match detect_language_within(text, document) {
        Lang::Unknown => document,
        detected => detected,
    }
}

/// What topic classification needs of a clause.
pub(crate) struct ClauseToClassify<'a> {
    pub kind: ClauseKind,
    pub lang: &'a str,
    pub numbered: bool,
    pub heading: Option<&'a str>,
    pub heading_path: &'a [String],
    pub text: &'a str,
}

/// The topics of a document's clauses, in order, as stored: each clause on its own, then each
/// section takes on what its items are about.
pub(crate) fn classify_document<'a>(
    clauses: impl Iterator<Item = ClauseToClassify<'a>>,
) -> Vec<Vec<TopicRow>> {
    let lexicon = Lexicon::builtin();
    let clauses: Vec<ClauseToClassify<'a>> = clauses.collect();
    let skip = usize::from(titled_throughout(&clauses));
    let (mut shape, mut numbered) = (Vec::new(), Vec::new());
    let mut found: Vec<_> = clauses
        .iter()
        .map(|c| {
            shape.push((c.kind == ClauseKind::Section, c.heading_path.len()));
            numbered.push(c.numbered);
            // A table of contents names every topic, a signature block none: neither is about one.
            if !c.kind.is_terms() {
                return Vec::new();
            }
            let sections = &c.heading_path[skip.min(c.heading_path.len())..];
            lexicon.classify(c.lang, c.heading.unwrap_or(""), sections, c.text)
        })
        .collect();
    let places: Vec<Place> = parents(shape)
        .into_iter()
        .zip(numbered)
        .map(|(parent, numbered)| Place { parent, numbered })
        .collect();
    lexicon.roll_up(&places, &mut found);
    found
        .into_iter()
        .map(|matches| {
            matches
                .into_iter()
                .map(|m| TopicRow {
                    topic: m.topic,
                    confidence: f64::from(m.confidence),
                    cues: m.cues.iter().map(ToString::to_string).collect(),
                })
                .collect()
        })
        .collect()
}

/// Whether the first clause's heading is over every other clause: the document's title
/// ("Bilaga 1: Instruktion för behandling av personuppgifter"). It names what the document is,
/// not what each of its sections is about, so its words are no section cue.
fn titled_throughout(clauses: &[ClauseToClassify<'_>]) -> bool {
    let Some((first, rest)) = clauses.split_first() else { return false };
    let Some(title) = rest.first().and_then(|c| c.heading_path.first()) else { return false };
    first.kind == ClauseKind::Section
        && first.heading_path.is_empty()
        && rest.len() >= 2
        && rest.iter().all(|c| c.heading_path.first() == Some(title))
}

/// Detects on a sample: the first 30 000 characters are plenty for a contract.
fn document_language(text: &str) -> Lang {
    let end = text.char_indices().nth(30_000).map_or(text.len(), |(i, _)| i);
    detect_language(&text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics_by_heading(markdown: &str) -> Vec<(String, Vec<String>)> {
        let parsed = parse(Path::new("annex.md"), markdown.as_bytes(), &|| false).unwrap();
        parsed
            .clauses
            .into_iter()
            .map(|c| (c.heading.unwrap_or_default(), c.topics.into_iter().map(|t| t.topic).collect()))
            .collect()
    }

    #[test]
    fn a_title_over_the_whole_document_gives_no_section_its_topic() {
        let annex = "# Bilaga 2: Instruktioner till biträdet\n\nBiträdet följer dessa instruktioner.\n\n\
                     ## 1. Säkerhet\n\nAll trafik skyddas med kryptering och åtkomstkontroll.\n\n\
                     ## 2. Plats\n\nUppgifterna lagras endast inom EU/EES och förs inte över till tredje land.\n\n\
                     ## 3. Radering\n\nVid avtalets slut raderas alla personuppgifter.\n";
        let got = topics_by_heading(annex);
        let tagged = |heading: &str, topic: &str| {
            got.iter().any(|(h, t)| h.contains(heading) && t.iter().any(|x| x == topic))
        };
        assert!(tagged("Instruktioner", "instructions"), "{got:?}");
        for section in ["Säkerhet", "Plats", "Radering"] {
            assert!(!tagged(section, "instructions"), "{section} took the title's topic: {got:?}");
        }
        assert!(tagged("Säkerhet", "security") && tagged("Radering", "deletion_return"), "{got:?}");
    }
}
