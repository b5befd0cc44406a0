//! pdf-extract 0.12 reads a CID font's glyph widths (its /W array) only in the form
//! `c [w1 w2 …]`; the other form the PDF standard allows, `c_first c_last w` (one width for a
//! run of glyphs, which browsers and word processors write for digits and the like), it skips,
//! and those glyphs get the font's default width. Glyphs after one on the same line are then
//! placed too far ("DSGV O", "V erwerker", "36 uur ,") or too near. Before pdf-extract reads
//! the document, each run is rewritten in the form it reads.

use pdf_extract::{Document, Object, ObjectId};

/// How many widths the rewrite may write in all: a hostile file's run over every CID of many
/// fonts stays as it is rather than taking memory.
const MAX_WIDTHS: usize = 1 << 20;

pub(crate) fn spell_out_width_runs(doc: &mut Document) {
    let mut budget = MAX_WIDTHS;
    let mut referenced: Vec<ObjectId> = Vec::new();
    for object in doc.objects.values_mut() {
        visit(object, 0, &mut budget, &mut referenced);
    }
    for id in referenced {
        if let Some(Object::Array(entries)) = doc.objects.get_mut(&id) {
            *entries = spelled_out(entries, &mut budget);
        }
    }
}

/// Fonts sit at most a few levels deep (a Type0 font's DescendantFonts array holds its CID
/// font when it is not an object of its own).
const MAX_DEPTH: usize = 4;

fn visit(object: &mut Object, depth: usize, budget: &mut usize, referenced: &mut Vec<ObjectId>) {
    if depth > MAX_DEPTH {
        return;
    }
    match object {
        Object::Dictionary(dict) => {
            let cid_font = dict
                .get(b"Subtype")
                .ok()
                .and_then(|s| s.as_name().ok())
                .is_some_and(|name| name == b"CIDFontType2" || name == b"CIDFontType0");
            if cid_font {
                match dict.get_mut(b"W") {
                    Ok(Object::Array(entries)) => *entries = spelled_out(entries, budget),
                    Ok(Object::Reference(id)) => referenced.push(*id),
                    _ => {}
                }
            }
            for (_, value) in dict.iter_mut() {
                visit(value, depth + 1, budget, referenced);
            }
        }
        Object::Array(items) => {
            for item in items {
                visit(item, depth + 1, budget, referenced);
            }
        }
        _ => {}
    }
}

/// The /W entries with each `c_first c_last w` written as `c_first [w w …]`.
fn spelled_out(entries: &[Object], budget: &mut usize) -> Vec<Object> {
    let mut out = Vec::with_capacity(entries.len());
    let mut i = 0;
    while i < entries.len() {
        match (entries.get(i + 1), entries.get(i + 2)) {
            (Some(Object::Array(_)), _) => {
                out.extend_from_slice(&entries[i..i + 2]);
                i += 2;
            }
            (Some(last), Some(width)) => {
                // Checked: a hostile file's numbers may span all of i64.
                let run = match (entries[i].as_i64(), last.as_i64()) {
                    (Ok(first), Ok(last)) => last.checked_sub(first).and_then(|d| d.checked_add(1)),
                    _ => None,
                };
                let run = run.and_then(|n| usize::try_from(n).ok()).filter(|&n| n > 0);
                match run.filter(|&n| n <= *budget) {
                    Some(n) => {
                        *budget -= n;
                        out.push(entries[i].clone());
                        out.push(Object::Array(vec![width.clone(); n]));
                    }
                    None => out.extend_from_slice(&entries[i..i + 3]),
                }
                i += 3;
            }
            _ => {
                out.extend_from_slice(&entries[i..]);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(entries: &[Object]) -> Vec<(i64, f32)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i + 1 < entries.len() {
            let Object::Array(ws) = &entries[i + 1] else { panic!("spelled out: {entries:?}") };
            let first = entries[i].as_i64().unwrap();
            for (k, w) in ws.iter().enumerate() {
                out.push((first + k as i64, w.as_float().unwrap()));
            }
            i += 2;
        }
        out
    }

    #[test]
    fn runs_of_one_width_are_spelled_out_and_lists_kept() {
        let entries = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Real(318.0)]),
            Object::Integer(19),
            Object::Integer(21),
            Object::Real(636.0),
            Object::Integer(36),
            Object::Array(vec![Object::Integer(684), Object::Integer(686)]),
        ];
        let mut budget = MAX_WIDTHS;
        assert_eq!(
            widths(&spelled_out(&entries, &mut budget)),
            [(3, 318.0), (19, 636.0), (20, 636.0), (21, 636.0), (36, 684.0), (37, 686.0)]
        );
        assert_eq!(budget, MAX_WIDTHS - 3);
    }

    #[test]
    fn a_run_past_the_budget_or_backwards_stays_as_written() {
        let huge = vec![Object::Integer(0), Object::Integer(i64::MAX), Object::Integer(500)];
        let backwards = vec![Object::Integer(9), Object::Integer(2), Object::Integer(500)];
        let cut = vec![Object::Integer(9), Object::Integer(12)];
        for entries in [huge, backwards, cut] {
            let mut budget = 10;
            assert_eq!(spelled_out(&entries, &mut budget), entries);
            assert_eq!(budget, 10);
        }
    }
}
