//! Checks on text values, and finding a position inside a TOML string.

use std::ops::Range;

/// The characters a factsheet must not carry: C0 and C1 controls (other
/// than tab and line breaks, which are whitespace in running text) and
/// Unicode non-characters. They are invisible, print as empty boxes and
/// make Word refuse a DOCX file.
pub fn bad_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter(|&(_, c)| is_forbidden(c))
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c as u32, 0xFDD0..=0xFDEF)
        || (c as u32 & 0xFFFE) == 0xFFFE
}

/// Byte offset in the file of byte `at` of a string value, when the value
/// is written in the file exactly as it reads (no escapes): then a marker
/// or a bad character can be pointed at precisely. Otherwise `None`, and
/// the caller points at the whole string.
pub fn offset_in_source(
    source: &str,
    span: &Range<usize>,
    value: &str,
    at: usize,
) -> Option<usize> {
    let raw = source.get(span.clone())?;
    let (open, close) = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        (3, 3)
    } else if raw.starts_with('"') || raw.starts_with('\'') {
        (1, 1)
    } else {
        return None;
    };
    let mut inner_start = span.start + open;
    let mut inner = raw.get(open..raw.len().checked_sub(close)?)?;
    // A multi-line string drops a newline right after its opening quotes.
    if open == 3 {
        if let Some(rest) = inner.strip_prefix("\r\n") {
            inner = rest;
            inner_start += 2;
        } else if let Some(rest) = inner.strip_prefix('\n') {
            inner = rest;
            inner_start += 1;
        }
    }
    (inner == value).then_some(inner_start + at)
}

/// A span for byte range `r` of a string value, precise when possible.
pub fn span_in_source(
    source: &str,
    span: &Range<usize>,
    value: &str,
    r: Range<usize>,
) -> Range<usize> {
    match (
        offset_in_source(source, span, value, r.start),
        offset_in_source(source, span, value, r.end),
    ) {
        (Some(a), Some(b)) => a..b,
        _ => span.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_controls_and_noncharacters() {
        let found: Vec<_> = bad_chars("a\u{7}b\tc\u{FFFF}\u{85}").collect();
        assert_eq!(found, vec![(1, '\u{7}'), (5, '\u{FFFF}'), (8, '\u{85}')]);
    }

    #[test]
    fn positions_inside_plain_and_multiline_strings() {
        let src = "a = \"xyz\"\nb = \"\"\"\nhello\"\"\"\nc = \"q\\\"\"";
        assert_eq!(offset_in_source(src, &(4..9), "xyz", 1), Some(6));
        assert_eq!(offset_in_source(src, &(14..26), "hello", 0), Some(18));
        // An escaped string cannot be mapped character by character.
        assert_eq!(offset_in_source(src, &(31..36), "q\"", 0), None);
    }
}
