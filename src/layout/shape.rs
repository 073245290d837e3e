//! Shaping: text to positioned glyphs with harfrust (kerning, ligatures,
//! complex scripts). Each span is split where the face changes (a fallback
//! face for characters the style's face lacks) and shaped as a whole, so
//! kerning across word boundaries is kept; later stages slice the result.

use std::ops::Range;

use harfrust::{Buffer, BufferFlags, Language, ShapeOptions, ShaperFont};

use super::collect::Inline;
use super::span_style::SpanStyle;
use crate::fonts::{FaceId, FontSet};
use crate::units::Pt;

/// One shaped glyph; `cluster` is a byte offset in the paragraph's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub id: u32,
    pub cluster: usize,
    pub advance: Pt,
    pub x_offset: Pt,
    pub y_offset: Pt,
    /// Breaking the line before this glyph would change the shaping
    /// (a ligature or kerning pair across the break).
    pub unsafe_to_break: bool,
    /// Index of the span it belongs to.
    pub span: usize,
    pub face: FaceId,
    /// A glyph the line adds (hyphen, end-of-line space), with the
    /// character it stands for; `None` for glyphs of the source text.
    pub added: Option<char>,
}

/// A paragraph's glyphs in text order, with a fast width of any text range.
#[derive(Clone, Debug, Default)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    /// `prefix[i]` is the width of glyphs `0..i`.
    prefix: Vec<Pt>,
}

impl Shaped {
    fn new(glyphs: Vec<Glyph>) -> Shaped {
        let mut prefix = Vec::with_capacity(glyphs.len() + 1);
        let mut x = Pt::ZERO;
        prefix.push(x);
        for g in &glyphs {
            x += g.advance;
            prefix.push(x);
        }
        Shaped { glyphs, prefix }
    }

    /// Index of the first glyph whose cluster is at or after byte `at`.
    pub fn glyph_at(&self, at: usize) -> usize {
        self.glyphs.partition_point(|g| g.cluster < at)
    }

    /// Width of the glyphs for text bytes `range`.
    pub fn width(&self, range: Range<usize>) -> Pt {
        let (a, b) = (self.glyph_at(range.start), self.glyph_at(range.end));
        self.prefix[b] - self.prefix[a.min(b)]
    }

    /// Whether a line may end at byte `at` without reshaping: a glyph
    /// cluster starts there (a break inside a ligature such as "ffi" must
    /// split it into its letters) and shaping does not join it to the
    /// glyph before (a kerning pair, a contextual form).
    pub fn safe_at(&self, at: usize) -> bool {
        match self.glyphs.get(self.glyph_at(at)) {
            None => true,
            Some(g) => g.cluster == at && !g.unsafe_to_break,
        }
    }
}

/// Why text could not be shaped: characters no face of the set has, and
/// stretches the shaper refused, by byte offset in the paragraph's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unshaped {
    pub uncovered: Vec<(usize, char)>,
    pub failed: Vec<(usize, String)>,
}

impl Unshaped {
    pub fn is_empty(&self) -> bool {
        self.uncovered.is_empty() && self.failed.is_empty()
    }
}

/// Shape a whole paragraph.
pub fn shape_inline(
    inline: &Inline,
    fonts: &FontSet,
    lang: Option<&Language>,
) -> Result<Shaped, Unshaped> {
    let mut glyphs = Vec::with_capacity(inline.text.len());
    let mut problems = Unshaped::default();
    for (i, span) in inline.spans.iter().enumerate() {
        shape_range(
            &inline.text,
            span.range.clone(),
            &span.style,
            i,
            fonts,
            lang,
            &mut glyphs,
            &mut problems,
        );
    }
    if problems.is_empty() {
        Ok(Shaped::new(glyphs))
    } else {
        Err(problems)
    }
}

/// Shape `text[range]` in `style` (one span), appending to `out`.
#[allow(clippy::too_many_arguments)]
pub fn shape_range(
    text: &str,
    range: Range<usize>,
    style: &SpanStyle,
    span: usize,
    fonts: &FontSet,
    lang: Option<&Language>,
    out: &mut Vec<Glyph>,
    problems: &mut Unshaped,
) {
    // Split where the face changes. Spaces and combining marks stay with
    // the face before them.
    let mut start = range.start;
    let mut current: Option<FaceId> = None;
    for (off, c) in text[range.clone()].char_indices() {
        let at = range.start + off;
        if c == '\n' {
            if let Some(face) = current.take() {
                shape_segment(
                    text,
                    start..at,
                    face,
                    style,
                    span,
                    fonts,
                    lang,
                    out,
                    problems,
                );
            }
            start = at + 1;
            continue;
        }
        let follows = c.is_whitespace() || is_mark(c) || c == '\u{ad}';
        let face = match (follows, current) {
            (true, Some(f)) => f,
            _ => fonts.face_for(style.face, c).unwrap_or_else(|| {
                if !c.is_whitespace() && !c.is_control() && c != '\u{ad}' {
                    problems.uncovered.push((at, c));
                }
                style.face
            }),
        };
        if current.is_some_and(|f| f != face) {
            shape_segment(
                text,
                start..at,
                current.unwrap_or(face),
                style,
                span,
                fonts,
                lang,
                out,
                problems,
            );
            start = at;
        }
        current = Some(face);
    }
    if let Some(face) = current {
        shape_segment(
            text,
            start..range.end,
            face,
            style,
            span,
            fonts,
            lang,
            out,
            problems,
        );
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[allow(clippy::too_many_arguments)]
fn shape_segment(
    text: &str,
    range: Range<usize>,
    face_id: FaceId,
    style: &SpanStyle,
    span: usize,
    fonts: &FontSet,
    lang: Option<&Language>,
    out: &mut Vec<Glyph>,
    problems: &mut Unshaped,
) {
    if range.is_empty() {
        return;
    }
    let face = fonts.face(face_id);
    let mut buffer = Buffer::new();
    buffer.push_str(&text[range.clone()]);
    // Context so that shaping at the edges sees its neighbours.
    buffer.set_pre_context(&text[..range.start]);
    buffer.set_post_context(&text[range.end..]);
    if range.start == 0 {
        buffer.set_flags(BufferFlags::BEGINNING_OF_TEXT);
    }
    if let Some(l) = lang {
        buffer.set_language(Some(l.clone()));
    }
    buffer.guess_segment_properties();
    let plan = face.plan(buffer.script(), lang);
    let shaper = ShaperFont::new(&face.shaper);
    if let Err(e) = harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&plan))) {
        // Never drop text silently: the caller reports where and why.
        problems.failed.push((range.start, format!("{e:?}")));
        return;
    }
    let scale = style.size.0 / face.units_per_em;
    let tracking = Pt(style.tracking * style.size.0);
    let infos = buffer.glyph_infos();
    let positions = buffer.glyph_positions();
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let cluster = range.start + info.cluster as usize;
        // Tracking goes after the last glyph of each cluster.
        let last_of_cluster = infos.get(i + 1).is_none_or(|n| n.cluster != info.cluster);
        let mut advance = Pt(f64::from(pos.x_advance) * scale);
        if last_of_cluster && tracking != Pt::ZERO {
            advance += tracking;
        }
        out.push(Glyph {
            id: info.glyph_id,
            cluster,
            advance,
            x_offset: Pt(f64::from(pos.x_offset) * scale),
            y_offset: Pt(f64::from(pos.y_offset) * scale),
            unsafe_to_break: info.unsafe_to_break(),
            span,
            face: face_id,
            added: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Paint;
    use crate::fonts::builtin_fonts;

    fn style() -> SpanStyle {
        SpanStyle::new(FaceId::Regular, Pt(10.0), Paint::Text)
    }

    #[test]
    fn kerning_and_widths() {
        let fonts = builtin_fonts();
        let s = shape_inline(&Inline::plain("AV AV", &style()), &fonts, None).unwrap();
        assert_eq!(s.glyphs.len(), 5);
        let av = s.width(0..2);
        let a = s.width(0..1);
        let v = s.width(1..2);
        assert!(av.0 > 5.0 && av.0 < 20.0);
        assert!((a + v - av).abs().0 < 1e-9, "prefix widths add up");
        // Kerned: AV is narrower than A and V shaped apart.
        let lone_a = shape_inline(&Inline::plain("A", &style()), &fonts, None)
            .unwrap()
            .width(0..1);
        let lone_v = shape_inline(&Inline::plain("V", &style()), &fonts, None)
            .unwrap()
            .width(0..1);
        assert!(av < lone_a + lone_v);
    }

    #[test]
    fn uncovered_characters_are_reported_with_positions() {
        let fonts = builtin_fonts();
        let err = shape_inline(&Inline::plain("Thai ไทย ok", &style()), &fonts, None).unwrap_err();
        let err = err.uncovered;
        assert_eq!(err.iter().map(|(_, c)| *c).collect::<String>(), "ไทย");
        assert_eq!(err[0].0, 5);
    }
}
