//! Where a line may end: Unicode line-break opportunities (UAX #14, with
//! dictionary/LSTM segmentation for scripts written without spaces, from
//! icu_segmenter) and hyphenation points by the text's language (hypher).

use std::sync::OnceLock;

use icu_segmenter::LineSegmenter;
use icu_segmenter::LineSegmenterBorrowed;
use icu_segmenter::options::LineBreakOptions;

use super::collect::Inline;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// After a space (the space disappears at the line end).
    Space,
    /// Inside a word, at a hyphenation point: a hyphen is added.
    Hyphen,
    /// After a dash, a slash or similar: nothing is added.
    Explicit,
    /// A forced break.
    Mandatory,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opportunity {
    /// Byte offset: the line's text ends here (before any trailing spaces).
    pub at: usize,
    /// Where the next line's text starts (after the spaces).
    pub next: usize,
    pub kind: BreakKind,
}

fn segmenter() -> &'static LineSegmenterBorrowed<'static> {
    static SEG: OnceLock<LineSegmenterBorrowed<'static>> = OnceLock::new();
    SEG.get_or_init(|| LineSegmenter::new_auto(LineBreakOptions::default()))
}

/// The hyphenation patterns for a BCP 47 tag, if hypher has them.
pub fn hyphenation_lang(tag: &str) -> Option<hypher::Lang> {
    let b = tag.as_bytes();
    if b.len() >= 2 && (b.len() == 2 || b[2] == b'-') {
        hypher::Lang::from_iso([b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()])
    } else {
        None
    }
}

/// Every break opportunity of a paragraph, in order. `at` is where the
/// line's visible text ends; spaces after it are skipped by the caller.
pub fn opportunities(inline: &Inline, lang: Option<hypher::Lang>) -> Vec<Opportunity> {
    let text = &inline.text;
    let mut out = Vec::new();
    let mut prev = 0;
    for p in segmenter().segment_str(text) {
        if p == 0 {
            continue;
        }
        // Collect leaves a line feed only for a forced break.
        let mandatory = text[..p].ends_with('\n') && p < text.len();
        let segment = &text[prev..p];
        if let Some(lang) = lang {
            hyphenation_points(inline, prev, segment, lang, &mut out);
        }
        prev = p;
        if p >= text.len() {
            break;
        }
        // A footnote marker stays with the word before it.
        let next = inline.span_at(p);
        if next.note.is_some() && next.range.start == p {
            continue;
        }
        let trimmed = segment.trim_end_matches([' ', '\n']);
        let at = prev - (segment.len() - trimmed.len());
        let kind = if mandatory {
            BreakKind::Mandatory
        } else if trimmed.len() < segment.len() {
            BreakKind::Space
        } else {
            BreakKind::Explicit
        };
        out.push(Opportunity { at, next: p, kind });
    }
    out.sort_by_key(|o| o.at);
    out
}

/// Hyphenation points of the words in `segment` (which starts at `base`).
fn hyphenation_points(
    inline: &Inline,
    base: usize,
    segment: &str,
    lang: hypher::Lang,
    out: &mut Vec<Opportunity>,
) {
    let mut word_start = None;
    let mut chars = segment.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            word_start.get_or_insert(i);
        }
        let at_end = chars.peek().is_none_or(|(_, n)| !n.is_alphabetic());
        if let (true, Some(s)) = (at_end, word_start) {
            let end = i + c.len_utf8();
            hyphenate_word(inline, base + s, &segment[s..end], lang, out);
            word_start = None;
        }
    }
}

fn hyphenate_word(
    inline: &Inline,
    start: usize,
    word: &str,
    lang: hypher::Lang,
    out: &mut Vec<Opportunity>,
) {
    let span = inline.span_at(start);
    if !span.style.hyphenate || span.range.end < start + word.len() || span.note.is_some() {
        return;
    }
    // Short words, acronyms ("SRHR", "LEAs") and capitalised words (names
    // such as "Tarija" read badly when cut) are left whole.
    if word.chars().count() < 6 || word.starts_with(char::is_uppercase) {
        return;
    }
    let mut at = start;
    let mut syllables = hypher::hyphenate_bounded(word, lang, 2, 3).peekable();
    while let Some(s) = syllables.next() {
        at += s.len();
        if syllables.peek().is_some() {
            out.push(Opportunity {
                at,
                next: at,
                kind: BreakKind::Hyphen,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Paint;
    use crate::fonts::FaceId;
    use crate::layout::span_style::SpanStyle;
    use crate::units::Pt;

    fn kinds(text: &str, hyphenate: bool) -> Vec<(String, BreakKind)> {
        let style = SpanStyle::new(FaceId::Regular, Pt(10.0), Paint::Text).hyphenate(hyphenate);
        let inline = Inline::plain(text, &style);
        opportunities(&inline, Some(hypher::Lang::English))
            .into_iter()
            .map(|o| (text[..o.at].to_string(), o.kind))
            .collect()
    }

    #[test]
    fn spaces_dashes_and_hyphenation() {
        let k = kinds("newly-adopted exploitation", true);
        assert!(
            k.contains(&("newly-".to_string(), BreakKind::Explicit)),
            "{k:?}"
        );
        assert!(
            k.contains(&("newly-adopted".to_string(), BreakKind::Space)),
            "{k:?}"
        );
        assert!(
            k.iter()
                .any(|(s, kind)| *kind == BreakKind::Hyphen && s.starts_with("newly-adopted ex")),
            "{k:?}"
        );
        // Headings are not hyphenated.
        assert!(kinds("exploitation", false).is_empty());
        // Nor acronyms.
        assert!(kinds("UNICEFORG", true).is_empty());
    }

    #[test]
    fn language_tags_to_patterns() {
        assert_eq!(hyphenation_lang("en"), Some(hypher::Lang::English));
        assert_eq!(hyphenation_lang("pt-BR"), Some(hypher::Lang::Portuguese));
        assert_eq!(hyphenation_lang("id"), None);
    }
}
