//! Where a line may end: Unicode line-break opportunities (UAX #14, with
//! dictionary/LSTM segmentation for scripts written without spaces, from
//! icu_segmenter) and hyphenation points by the text's language (hypher).

use std::sync::OnceLock;

use icu_segmenter::LineSegmenter;
use icu_segmenter::LineSegmenterBorrowed;
use icu_segmenter::options::LineBreakOptions;

use std::ops::Range;

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
    /// Inside a word too wide for the line, between two glyph clusters:
    /// nothing is added; only when nothing else fits.
    Emergency,
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

/// Languages of India written in Brahmic scripts: hypher has patterns
/// for some, but their typesetting breaks lines between words and does
/// not hyphenate them.
const NOT_HYPHENATED: [&[u8; 2]; 13] = [
    b"hi", b"mr", b"ne", b"sa", b"bn", b"as", b"pa", b"gu", b"or", b"ta", b"te", b"kn", b"ml",
];

/// The hyphenation patterns for a BCP 47 tag, if hypher has them and the
/// language is hyphenated.
pub fn hyphenation_lang(tag: &str) -> Option<hypher::Lang> {
    let b = tag.as_bytes();
    if b.len() >= 2 && (b.len() == 2 || b[2] == b'-') {
        if NOT_HYPHENATED
            .iter()
            .any(|l| l.eq_ignore_ascii_case(&b[..2]))
        {
            return None;
        }
        hypher::Lang::from_iso([b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()])
    } else {
        None
    }
}

/// Every break opportunity of a paragraph, in order. `at` is where the
/// line's visible text ends; spaces after it are skipped by the caller.
pub fn opportunities(inline: &Inline, lang: Option<hypher::Lang>) -> Vec<Opportunity> {
    let points = BreakPoints::new(inline);
    match lang {
        Some(lang) => points.hyphenated(inline, lang),
        None => points.plain,
    }
}

/// A paragraph's break opportunities without hyphenation, and what adding
/// its hyphenation points needs: a paragraph set first without them and
/// then with them (and again tighter) is segmented once.
pub struct BreakPoints {
    /// The opportunities without hyphenation points, in order.
    pub plain: Vec<Opportunity>,
    /// The text between one UAX #14 opportunity and the next.
    segments: Vec<Range<usize>>,
    addresses: Vec<Range<usize>>,
}

impl BreakPoints {
    pub fn new(inline: &Inline) -> BreakPoints {
        let text = &inline.text;
        let mut out = Vec::new();
        let addresses = addresses(text);
        for r in &addresses {
            address_breaks(text, r.clone(), &mut out);
        }
        let mut segments = Vec::new();
        let mut prev = 0;
        for p in segmenter().segment_str(text) {
            if p == 0 {
                continue;
            }
            // Collect leaves a line feed only for a forced break.
            let mandatory = text[..p].ends_with('\n') && p < text.len();
            let segment = &text[prev..p];
            segments.push(prev..p);
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
            // Inside an address its own rules decide (before a hyphen, not
            // after it, where a break would read as a word's hyphenation).
            if kind == BreakKind::Explicit && addresses.iter().any(|r| r.start < at && at < r.end) {
                continue;
            }
            out.push(Opportunity { at, next: p, kind });
        }
        sort_and_dedup(&mut out);
        BreakPoints {
            plain: out,
            segments,
            addresses,
        }
    }

    /// The opportunities with the hyphenation points of `lang` added. (A
    /// hyphenation point falls inside a word, never where a space, a
    /// segment's end or an address gives a break, so adding them to the
    /// plain ones gives what one pass over the text would.)
    pub fn hyphenated(&self, inline: &Inline, lang: hypher::Lang) -> Vec<Opportunity> {
        let mut out = self.plain.clone();
        for r in &self.segments {
            let segment = &inline.text[r.clone()];
            hyphenation_points(inline, r.start, segment, lang, &self.addresses, &mut out);
        }
        sort_and_dedup(&mut out);
        out
    }
}

fn sort_and_dedup(out: &mut Vec<Opportunity>) {
    out.sort_by_key(|o| (o.at, o.next));
    // An address may give a place UAX #14 gives too: keep one.
    out.dedup_by_key(|o| o.at);
}

/// Web and e-mail addresses and paths in `text`: runs of non-space
/// characters with `://`, `www.`, an `@` before a dot, or a slash and a
/// dot. They are never hyphenated (a hyphen would become part of the
/// address when it is copied).
fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let check = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        // A note marker ends an address: the full stop after
        // "…/reproductiva¹³." is the sentence's, not a place to break.
        let to = text[from..to]
            .find(crate::doc::is_superscript_figure)
            .map_or(to, |at| from + at);
        let token =
            text[from..to].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\u{2019}', '"']);
        let is_address = token.contains("://")
            || token.starts_with("www.")
            || token.find('@').is_some_and(|at| token[at..].contains('.'))
            || (token.contains('/') && token.contains('.'))
            || token.matches('.').count() >= 2
                && token.split('.').all(|part| {
                    !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '-')
                });
        if is_address {
            out.push(from..from + token.len());
        }
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                check(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        check(s, text.len(), &mut out);
    }
    out
}

/// Breaks inside an address, with nothing added (as the Chicago Manual
/// has it): after a slash or an `@`, before a dot, hyphen or other
/// punctuation, so that a line never ends in what looks like a full
/// stop or a hyphen of ours.
fn address_breaks(text: &str, r: Range<usize>, out: &mut Vec<Opportunity>) {
    let token = &text[r.clone()];
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(j, n)| (j, n));
        let at = match c {
            '/' | '@' => match next {
                Some((j, n)) if n != '/' => Some(j),
                _ => None,
            },
            '.' | '-' | '_' | '?' | '#' | '&' | '=' | '~' if k > 0 && chars[k - 1].1 != '/' => {
                Some(i)
            }
            _ => None,
        };
        if let Some(at) = at.filter(|&a| a > 0 && a < token.len()) {
            out.push(Opportunity {
                at: r.start + at,
                next: r.start + at,
                kind: BreakKind::Explicit,
            });
        }
    }
}

/// Letters a word keeps before and after a hyphen, by language: English
/// typesetting keeps three on each side (no "al-though", "in-cluding").
fn hyphen_bounds(lang: hypher::Lang) -> (usize, usize) {
    match lang {
        hypher::Lang::English => (3, 3),
        _ => (2, 3),
    }
}

/// Whether the word at `start` opens a sentence (so a capital is not a
/// name's): nothing but quotes or brackets between it and the text's start
/// or a sentence's end.
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\u{201c}' | '\u{2018}' | '\u{ab}' | '(' | '[')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n'])
}

/// Hyphenation points of the words in `segment` (which starts at `base`).
fn hyphenation_points(
    inline: &Inline,
    base: usize,
    segment: &str,
    lang: hypher::Lang,
    addresses: &[Range<usize>],
    out: &mut Vec<Opportunity>,
) {
    for w in words(segment) {
        let at = base + w.start;
        if !addresses.iter().any(|r| r.contains(&at)) {
            hyphenate_word(inline, at, &segment[w], lang, out);
        }
    }
}

/// The words of `segment`: its runs of letters.
fn words(segment: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut word_start = None;
    let mut chars = segment.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            word_start.get_or_insert(i);
        }
        let at_end = chars.peek().is_none_or(|(_, n)| !n.is_alphabetic());
        if let (true, Some(s)) = (at_end, word_start) {
            out.push(s..i + c.len_utf8());
            word_start = None;
        }
    }
    out
}

/// Where `word` (at `start`) may break between syllables, by `lang`'s
/// patterns, keeping `left` and `right` letters each side.
fn syllable_breaks(
    start: usize,
    word: &str,
    lang: hypher::Lang,
    (left, right): (usize, usize),
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = start;
    let mut syllables = hypher::hyphenate_bounded(word, lang, left, right).peekable();
    while let Some(syllable) = syllables.next() {
        at += syllable.len();
        if syllables.peek().is_some() && !drops_its_diaeresis(lang, &word[at - start..]) {
            out.push(at);
        }
    }
    out
}

/// Dutch and Afrikaans spell a word broken at a diaeresis without it:
/// "beëindiging" is "be-eindiging", "financiële" "financi-ele". The line
/// breaker does not respell words, so it does not break there: it breaks
/// at another syllable (a line that read "financi-/ële" was wrong).
fn drops_its_diaeresis(lang: hypher::Lang, after: &str) -> bool {
    matches!(lang, hypher::Lang::Dutch | hypher::Lang::Afrikaans)
        && after
            .chars()
            .next()
            .is_some_and(|c| "äëïöüÄËÏÖÜ".contains(c))
}

/// Where a word too long for its line is best cut: the hyphenation points
/// of the words of `segment` (at `base` in the paragraph) by the patterns
/// of `lang`, whatever the word (a name, capitals, a label's text: it has
/// to be cut somewhere, and between syllables it reads best).
pub fn cut_points(segment: &str, base: usize, lang: hypher::Lang) -> Vec<usize> {
    let bounds = hyphen_bounds(lang);
    let mut out = Vec::new();
    for w in words(segment) {
        let word = &segment[w.clone()];
        // The patterns are lower case; a word whose lower case has other
        // lengths (rare letters) is taken as it is.
        let lower = word.to_lowercase();
        let word = if lower.len() == word.len() {
            &lower
        } else {
            word
        };
        if word.chars().count() >= bounds.0 + bounds.1 {
            out.extend(syllable_breaks(base + w.start, word, lang, bounds));
        }
    }
    out
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
    // Short words, acronyms ("SRHR", "LEAs") and names ("Tarija" reads
    // badly when cut) are left whole; a capital that only opens a
    // sentence does not make a name.
    let (left, right) = hyphen_bounds(lang);
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    let name = word.starts_with(char::is_uppercase) && !opens_sentence(&inline.text, start);
    if word.chars().count() < left + right || capitals > 1 || name {
        return;
    }
    out.extend(
        syllable_breaks(start, word, lang, (left, right))
            .into_iter()
            .map(|at| Opportunity {
                at,
                next: at,
                kind: BreakKind::Hyphen,
            }),
    );
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
    fn dutch_is_not_broken_before_a_diaeresis() {
        // The patterns break there: the test needs them to.
        let raw: Vec<&str> =
            hypher::hyphenate_bounded("beëindiging", hypher::Lang::Dutch, 2, 2).collect();
        assert_eq!(raw[..2], ["be", "ëin"], "{raw:?}");
        for word in ["beëindiging", "financiële", "ruïne", "geëvalueerd"] {
            let cuts = syllable_breaks(0, word, hypher::Lang::Dutch, (2, 2));
            for at in &cuts {
                let next = word[*at..].chars().next().unwrap();
                assert!(!"äëïöü".contains(next), "{word} cut at {}", &word[..*at]);
            }
        }
        // Elsewhere the word still breaks ("fi-nan-ci-ële").
        assert!(!syllable_breaks(0, "financiële", hypher::Lang::Dutch, (2, 2)).is_empty());
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
    fn addresses_break_without_hyphens() {
        let text = "See monitor.civicus.org/country/bolivia or write to info@downtozeroalliance.example.org today.";
        let k = kinds(text, true);
        // No hyphenation point inside an address.
        let hyphens: Vec<&str> = k
            .iter()
            .filter(|(_, kind)| *kind == BreakKind::Hyphen)
            .map(|(b, _)| b.as_str())
            .collect();
        assert!(
            hyphens
                .iter()
                .all(|b| !b.contains("monitor") && !b.contains("info@")),
            "a hyphen inside an address: {hyphens:?}"
        );
        let at: Vec<&str> = k
            .iter()
            .filter(|(_, kind)| *kind == BreakKind::Explicit)
            .map(|(b, _)| b.as_str())
            .collect();
        assert!(at.contains(&"See monitor.civicus.org/"), "{at:?}");
        assert!(at.contains(&"See monitor"), "before the dot: {at:?}");
        assert!(
            at.iter().any(|b| b.ends_with("info@")),
            "after the @: {at:?}"
        );
    }

    /// A note marker ends an address: no break before the sentence's full
    /// stop after it, which would open a line (".¹³ Trabajo").
    #[test]
    fn an_address_ends_at_a_note_marker() {
        let text = "See https://www.example.org/informe/reproductiva\u{b9}\u{b3}.\u{b2} Trabajo.";
        let at: Vec<String> = kinds(text, true)
            .into_iter()
            .filter(|(_, kind)| *kind == BreakKind::Explicit)
            .map(|(b, _)| b)
            .collect();
        assert!(at.iter().any(|b| b.ends_with("informe/")), "{at:?}");
        assert!(
            !at.iter().any(|b| b.ends_with('\u{b3}')),
            "a break before the full stop: {at:?}"
        );
    }

    #[test]
    fn an_address_breaks_before_its_hyphens_not_after() {
        let text = "Read https://example.org/reports/civic-space-rating#executive-summary now.";
        let at: Vec<String> = kinds(text, true)
            .into_iter()
            .filter(|(_, kind)| *kind == BreakKind::Explicit)
            .map(|(b, _)| b)
            .collect();
        assert!(
            at.iter().any(|b| b.ends_with("/civic")),
            "before the hyphen: {at:?}"
        );
        assert!(
            at.iter().all(|b| !b.ends_with('-')),
            "after a hyphen, as a hyphenated word would: {at:?}"
        );
    }

    #[test]
    fn english_keeps_three_letters_each_side_and_names_whole() {
        let k = kinds("although including Cochabamba. Organisations work.", true);
        let cuts: Vec<&str> = k
            .iter()
            .filter(|(_, kind)| *kind == BreakKind::Hyphen)
            .map(|(b, _)| b.as_str())
            .collect();
        assert!(!cuts.contains(&"al"), "{cuts:?}");
        assert!(!cuts.contains(&"although in"), "{cuts:?}");
        let name = "Cochabamba";
        assert!(
            !cuts
                .iter()
                .any(|c| (1..name.len()).any(|n| c.ends_with(&name[..n]))),
            "a name mid-sentence: {cuts:?}"
        );
        assert!(
            cuts.iter()
                .any(|c| c.starts_with("although including Cochabamba. Or")),
            "a capital that opens a sentence may be cut: {cuts:?}"
        );
    }

    #[test]
    fn language_tags_to_patterns() {
        assert_eq!(hyphenation_lang("en"), Some(hypher::Lang::English));
        assert_eq!(hyphenation_lang("pt-BR"), Some(hypher::Lang::Portuguese));
        assert_eq!(hyphenation_lang("id"), None);
        // Hindi has patterns in hypher but is not hyphenated.
        assert_eq!(hyphenation_lang("hi"), None);
        assert_eq!(hyphenation_lang("hi-IN"), None);
        assert_eq!(hyphenation_lang("HU"), Some(hypher::Lang::Hungarian));
    }
}
