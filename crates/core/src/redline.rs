//! Word-level redlines between two versions of a clause (`similar`, patience diff), cleaned up
//! so that a changed phrase reads as one deletion and one insertion, not a word-by-word stutter.

use std::time::Duration;

use similar::{Algorithm, ChangeTag, TextDiff};

use crate::api::{RedlineOp, RedlineSegment};

/// An unchanged stretch this short between two changes is folded into them ("binnen" in
/// "24 uur binnen één" → "48 uur na" reads better as one change).
const SHORT_EQUAL: usize = 4;

/// The redline from `old` to `new`.
pub fn redline(old: &str, new: &str) -> Vec<RedlineSegment> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(Duration::from_millis(200))
        .diff_words(old, new);
    let raw: Vec<RedlineSegment> = diff
        .iter_all_changes()
        .map(|change| RedlineSegment {
            op: match change.tag() {
                ChangeTag::Equal => RedlineOp::Equal,
                ChangeTag::Delete => RedlineOp::Delete,
                ChangeTag::Insert => RedlineOp::Insert,
            },
            text: change.value().to_owned(),
        })
        .collect();
    coalesce(fold_short_equals(raw))
}

/// Turns short unchanged stretches between changes into a deletion plus an insertion.
fn fold_short_equals(segments: Vec<RedlineSegment>) -> Vec<RedlineSegment> {
    let merged = coalesce(segments);
    let changed = |s: Option<&RedlineSegment>| s.is_some_and(|s| s.op != RedlineOp::Equal);
    let mut out = Vec::with_capacity(merged.len());
    for (k, segment) in merged.iter().enumerate() {
        let short = segment.op == RedlineOp::Equal && segment.text.trim().chars().count() < SHORT_EQUAL;
        if short && k > 0 && changed(merged.get(k - 1)) && changed(merged.get(k + 1)) {
            out.push(RedlineSegment { op: RedlineOp::Delete, text: segment.text.clone() });
            out.push(RedlineSegment { op: RedlineOp::Insert, text: segment.text.clone() });
        } else {
            out.push(segment.clone());
        }
    }
    out
}

/// Joins neighbours of the same kind; inside a run of changes, all deletions come first.
fn coalesce(segments: Vec<RedlineSegment>) -> Vec<RedlineSegment> {
    let mut out: Vec<RedlineSegment> = Vec::new();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    let flush = |out: &mut Vec<RedlineSegment>, deleted: &mut String, inserted: &mut String| {
        // Only spacing changed (a line break where there was a space): formatting, not wording.
        if deleted.trim().is_empty()
            && inserted.trim().is_empty()
            && !(deleted.is_empty() && inserted.is_empty())
        {
            deleted.clear();
            push_equal(out, std::mem::take(inserted));
            return;
        }
        for (op, text) in [(RedlineOp::Delete, deleted), (RedlineOp::Insert, inserted)] {
            if !text.is_empty() {
                out.push(RedlineSegment { op, text: std::mem::take(text) });
            }
        }
    };
    for segment in segments {
        match segment.op {
            RedlineOp::Delete => deleted.push_str(&segment.text),
            RedlineOp::Insert => inserted.push_str(&segment.text),
            RedlineOp::Equal => {
                flush(&mut out, &mut deleted, &mut inserted);
                push_equal(&mut out, segment.text);
            }
        }
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

fn push_equal(out: &mut Vec<RedlineSegment>, text: String) {
    match out.last_mut() {
        Some(last) if last.op == RedlineOp::Equal => last.text.push_str(&text),
        _ => out.push(RedlineSegment { op: RedlineOp::Equal, text }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segments: &[RedlineSegment]) -> String {
        segments
            .iter()
            .map(|s| match s.op {
                RedlineOp::Equal => s.text.clone(),
                RedlineOp::Delete => format!("[-{}-]", s.text),
                RedlineOp::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn a_changed_number_is_one_deletion_and_one_insertion() {
        let r = redline(
            "Der Auftragnehmer meldet binnen 24 Stunden.",
            "Der Auftragnehmer meldet binnen 48 Stunden.",
        );
        assert_eq!(show(&r), "Der Auftragnehmer meldet binnen [-24-]{+48+} Stunden.");
    }

    #[test]
    fn short_words_between_changes_do_not_split_a_rewritten_phrase() {
        let r = redline(
            "wird binnen 24 uur na ontdekking gemeld",
            "wird zonder onredelijke vertraging na kennisname gemeld",
        );
        assert_eq!(
            show(&r),
            "wird [-binnen 24 uur na ontdekking-]{+zonder onredelijke vertraging na kennisname+} gemeld"
        );
    }

    #[test]
    fn a_line_break_instead_of_a_space_is_not_a_change() {
        let r =
            redline("Maßnahmen, insbesondere Verschlüsselung", "Maßnahmen, insbesondere\n\nVerschlüsselung");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].text, "Maßnahmen, insbesondere\n\nVerschlüsselung");
    }

    #[test]
    fn identical_text_is_one_equal_segment() {
        let r = redline("Artikel 8 Aansprakelijkheid", "Artikel 8 Aansprakelijkheid");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].op, RedlineOp::Equal);
    }
}
