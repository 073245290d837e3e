//! Collect: a paragraph's runs become one string with styled spans, the
//! input of every later stage. Whitespace is collapsed here (as a browser
//! or TeX would), footnote markers become their raised numbers, and a forced
//! break becomes a line feed.

use std::ops::Range;
use std::sync::Arc;

use super::span_style::SpanStyle;
use crate::doc::Run;
use crate::fonts::{FaceId, FontSet};

/// A styled stretch of the paragraph's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub range: Range<usize>,
    pub style: SpanStyle,
    /// The footnote this marker points to.
    pub note: Option<u32>,
    pub link: Option<Arc<str>>,
}

/// A paragraph's text and spans, spans covering the text in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inline {
    pub text: String,
    pub spans: Vec<Span>,
}

impl Inline {
    /// Plain text in one style.
    pub fn plain(text: &str, style: &SpanStyle) -> Inline {
        let mut inline = Inline::default();
        inline.push(text, style.clone(), None, None);
        inline.finish()
    }

    /// Runs of a paragraph over a base style. Footnote markers use the
    /// font's superscript figures (¹²³) where `fonts` has them, else
    /// smaller raised digits.
    pub fn from_runs(runs: &[Run], base: &SpanStyle, fonts: &FontSet) -> Inline {
        let mut inline = Inline::default();
        for (i, run) in runs.iter().enumerate() {
            match run {
                Run::Text {
                    text,
                    strong,
                    emphasis,
                    link,
                    ..
                } => {
                    let bold = *strong || matches!(base.face, FaceId::Bold | FaceId::BoldItalic);
                    let italic =
                        *emphasis || matches!(base.face, FaceId::Italic | FaceId::BoldItalic);
                    let style = SpanStyle {
                        face: FaceId::styled(bold, italic),
                        ..base.clone()
                    };
                    inline.push(text, style, None, link.clone());
                }
                Run::NoteRef(n) => {
                    // A marker right after a space ("Tier 2 ¹") would stand
                    // alone at a line start; it belongs to the word before.
                    while inline.text.ends_with(' ') {
                        inline.text.pop();
                        if let Some(last) = inline.spans.last_mut() {
                            last.range.end = inline.text.len();
                        }
                    }
                    let digits = n.to_string();
                    let figures = crate::doc::superscript(*n);
                    let face = fonts.face(base.face);
                    let (text, style) = if figures.chars().all(|c| face.covers(c)) {
                        (
                            figures,
                            SpanStyle {
                                tracking: 0.0,
                                caps: false,
                                hyphenate: false,
                                ..base.clone()
                            },
                        )
                    } else {
                        (digits, base.superscript())
                    };
                    // A marker after another gets a raised comma first,
                    // part of its span: no line breaks before it.
                    if crate::doc::marker_after_marker(runs, i) {
                        let start = inline.text.len();
                        inline.text.push_str(crate::doc::NOTE_SEPARATOR);
                        inline.spans.push(Span {
                            range: start..inline.text.len(),
                            style: base.superscript(),
                            note: Some(*n),
                            link: None,
                        });
                    }
                    let start = inline.text.len();
                    inline.text.push_str(&text);
                    inline.spans.push(Span {
                        range: start..inline.text.len(),
                        style,
                        note: Some(*n),
                        link: None,
                    });
                }
                Run::Break => {
                    while inline.text.ends_with(' ') {
                        inline.text.pop();
                        if let Some(last) = inline.spans.last_mut() {
                            last.range.end = inline.text.len();
                        }
                    }
                    inline.push_raw("\n", base.clone());
                }
            }
        }
        inline.finish()
    }

    /// Append text, collapsing whitespace into single spaces.
    fn push(&mut self, text: &str, style: SpanStyle, note: Option<u32>, link: Option<Arc<str>>) {
        let start = self.text.len();
        for c in text.chars() {
            let c = if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
                ' '
            } else {
                c
            };
            if c == ' ' && (self.text.is_empty() || self.text.ends_with([' ', '\n'])) {
                continue;
            }
            if style.caps {
                self.text.extend(c.to_uppercase());
            } else {
                self.text.push(c);
            }
        }
        if self.text.len() > start {
            self.spans.push(Span {
                range: start..self.text.len(),
                style,
                note,
                link,
            });
        }
    }

    fn push_raw(&mut self, text: &str, style: SpanStyle) {
        let start = self.text.len();
        self.text.push_str(text);
        self.spans.push(Span {
            range: start..self.text.len(),
            style,
            note: None,
            link: None,
        });
    }

    /// Drop trailing whitespace and empty spans.
    fn finish(mut self) -> Inline {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        let len = self.text.len();
        for s in &mut self.spans {
            s.range.end = s.range.end.min(len);
            s.range.start = s.range.start.min(len);
        }
        self.spans.retain(|s| !s.range.is_empty());
        self
    }

    /// The span holding byte `at`.
    pub fn span_at(&self, at: usize) -> &Span {
        let i = self.spans.partition_point(|s| s.range.end <= at);
        &self.spans[i.min(self.spans.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Paint;
    use crate::units::Pt;

    #[test]
    fn whitespace_collapses_and_markers_attach() {
        let base = SpanStyle::new(FaceId::Regular, Pt(10.0), Paint::Text);
        let runs = vec![
            Run::text("  Tier  2. "),
            Run::NoteRef(1),
            Run::Text {
                text: " bold".into(),
                strong: true,
                emphasis: false,
                link: None,
                at: None,
            },
        ];
        let i = Inline::from_runs(&runs, &base, &crate::fonts::builtin_fonts());
        assert_eq!(i.text, "Tier 2.\u{b9} bold");
        assert_eq!(i.spans.len(), 3);
        assert_eq!(i.spans[1].note, Some(1));
        assert_eq!(
            i.spans[1].style.size,
            Pt(10.0),
            "the font's own superscript figure"
        );
        assert_eq!(i.spans[2].style.face, FaceId::Bold);
    }

    #[test]
    fn superscript_figures() {
        assert_eq!(crate::doc::superscript(12), "\u{b9}\u{b2}");
        assert_eq!(crate::doc::superscript(40), "\u{2074}\u{2070}");
    }

    #[test]
    fn capitals_by_style() {
        let base = SpanStyle::new(FaceId::Bold, Pt(9.0), Paint::Accent).caps(true);
        assert_eq!(
            Inline::plain("Focus of our work", &base).text,
            "FOCUS OF OUR WORK"
        );
    }
}
