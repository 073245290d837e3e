//! Shaping: text to positioned glyphs with harfrust (kerning, ligatures,
//! complex scripts). Each span is split where the face changes (a fallback
//! face for characters the style's face lacks) and where the writing
//! direction changes (the Unicode bidirectional algorithm, from
//! unicode-bidi), and each piece is shaped as a whole in its direction, so
//! kerning across word boundaries and Arabic joining are kept; later stages
//! slice the result. Glyphs are kept in text (logical) order; lines put
//! right-to-left runs back in visual order.

use std::ops::Range;

use harfrust::{Buffer, BufferFlags, Direction, Language, ShapeOptions, ShaperFont};
use unicode_bidi::{BidiInfo, Level};

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
    /// Bidirectional embedding level: odd is right to left.
    pub level: u8,
    /// A glyph the line adds (hyphen, end-of-line space), with the
    /// character it stands for; `None` for glyphs of the source text.
    pub added: Option<char>,
}

impl Glyph {
    pub fn rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// A paragraph's glyphs in text order, with a fast width of any text range.
#[derive(Clone, Debug, Default)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    /// `prefix[i]` is the width of glyphs `0..i`.
    prefix: Vec<Pt>,
    /// The paragraph's bidirectional levels by byte, when it has any
    /// right-to-left text (for shaping pieces of it again).
    pub levels: Option<Vec<Level>>,
}

impl Shaped {
    fn new(glyphs: Vec<Glyph>, levels: Option<Vec<Level>>) -> Shaped {
        let mut prefix = Vec::with_capacity(glyphs.len() + 1);
        let mut x = Pt::ZERO;
        prefix.push(x);
        for g in &glyphs {
            x += g.advance;
            prefix.push(x);
        }
        Shaped {
            glyphs,
            prefix,
            levels,
        }
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

/// What every piece of a paragraph is shaped with.
pub struct ShapeContext<'a> {
    pub text: &'a str,
    pub fonts: &'a FontSet,
    pub lang: Option<&'a Language>,
    /// Bidirectional level of each byte of the text (or of a longer text
    /// it begins); `None` when all of it runs left to right.
    pub levels: Option<&'a [Level]>,
}

/// The bidirectional levels of `text` by byte, when it has right-to-left
/// text or its paragraph direction is right to left (`rtl`).
pub fn bidi_levels(text: &str, rtl: bool) -> Option<Vec<Level>> {
    (rtl || text.chars().any(crate::locale::is_rtl_char)).then(|| {
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        BidiInfo::new(text, Some(base)).levels
    })
}

impl ShapeContext<'_> {
    fn level(&self, at: usize) -> u8 {
        self.levels
            .as_ref()
            .and_then(|l| l.get(at))
            .map_or(0, unicode_bidi::Level::number)
    }
}

/// Characters of scripts whose letters join (Arabic, Syriac, NKo,
/// Mongolian) or hang from one headline (Devanagari, Bengali, Gurmukhi):
/// space between them breaks the word apart, so they are never
/// letter-spaced, by tracking or to justify a line.
pub fn joined_script(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF | 0x1800..=0x18AF
        | 0x0900..=0x0A7F)
}

/// Whether the character at byte `at` of `text` is of a joined script.
pub fn joined_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(joined_script)
}

/// Shape a whole paragraph; `rtl`: its direction is right to left.
pub fn shape_inline(
    inline: &Inline,
    fonts: &FontSet,
    lang: Option<&Language>,
    rtl: bool,
) -> Result<Shaped, Unshaped> {
    let levels = bidi_levels(&inline.text, rtl);
    let cx = ShapeContext {
        text: &inline.text,
        fonts,
        lang,
        levels: levels.as_deref(),
    };
    let mut glyphs = Vec::with_capacity(inline.text.len());
    let mut problems = Unshaped::default();
    for (i, span) in inline.spans.iter().enumerate() {
        shape_range(
            &cx,
            span.range.clone(),
            &span.style,
            i,
            &mut glyphs,
            &mut problems,
        );
    }
    if problems.is_empty() {
        Ok(Shaped::new(glyphs, levels))
    } else {
        Err(problems)
    }
}

/// Shape `range` of the context's text in `style` (one span), appending
/// to `out`.
pub fn shape_range(
    cx: &ShapeContext<'_>,
    range: Range<usize>,
    style: &SpanStyle,
    span: usize,
    out: &mut Vec<Glyph>,
    problems: &mut Unshaped,
) {
    // Split where the face or the direction changes. Spaces and combining
    // marks stay with the face before them.
    let text = cx.text;
    let mut start = range.start;
    let mut current: Option<(FaceId, u8)> = None;
    let piece = |r: Range<usize>,
                 (face, level): (FaceId, u8),
                 out: &mut Vec<Glyph>,
                 problems: &mut Unshaped| {
        shape_segment(cx, r, face, level, style, span, out, problems);
    };
    for (off, c) in text[range.clone()].char_indices() {
        let at = range.start + off;
        if c == '\n' {
            if let Some(cur) = current.take() {
                piece(start..at, cur, out, problems);
            }
            start = at + 1;
            continue;
        }
        let follows = c.is_whitespace() || is_mark(c) || c == '\u{ad}';
        let face = match (follows, current) {
            (true, Some((f, _))) => f,
            _ => cx.fonts.face_for(style.face, c).unwrap_or_else(|| {
                if !c.is_whitespace() && !c.is_control() && c != '\u{ad}' {
                    problems.uncovered.push((at, c));
                }
                style.face
            }),
        };
        let level = cx.level(at);
        if let Some(cur) = current
            && cur != (face, level)
        {
            piece(start..at, cur, out, problems);
            start = at;
        }
        current = Some((face, level));
    }
    if let Some(cur) = current {
        piece(start..range.end, cur, out, problems);
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[allow(clippy::too_many_arguments)]
fn shape_segment(
    cx: &ShapeContext<'_>,
    range: Range<usize>,
    face_id: FaceId,
    level: u8,
    style: &SpanStyle,
    span: usize,
    out: &mut Vec<Glyph>,
    problems: &mut Unshaped,
) {
    if range.is_empty() {
        return;
    }
    let text = cx.text;
    let face = cx.fonts.face(face_id);
    let rtl = level % 2 == 1;
    let mut buffer = Buffer::new();
    buffer.push_str(&text[range.clone()]);
    // Context so that shaping at the edges sees its neighbours.
    buffer.set_pre_context(&text[..range.start]);
    buffer.set_post_context(&text[range.end..]);
    if range.start == 0 {
        buffer.set_flags(BufferFlags::BEGINNING_OF_TEXT);
    }
    if let Some(l) = cx.lang {
        buffer.set_language(Some(l.clone()));
    }
    buffer.guess_segment_properties();
    let direction = if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    };
    buffer.set_direction(direction);
    let plan = face.plan(buffer.script(), cx.lang, rtl);
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
    let first = out.len();
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let cluster = range.start + info.cluster as usize;
        // Tracking goes after the last glyph of each cluster.
        let last_of_cluster = infos.get(i + 1).is_none_or(|n| n.cluster != info.cluster);
        let mut advance = Pt(f64::from(pos.x_advance) * scale);
        if last_of_cluster && tracking != Pt::ZERO && !joined_at(cx.text, cluster) {
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
            level,
            added: None,
        });
    }
    // Right-to-left glyphs come out in visual order: keep text order here
    // (lines reverse them again).
    if rtl {
        out[first..].reverse();
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
        let s = shape_inline(&Inline::plain("AV AV", &style()), &fonts, None, false).unwrap();
        assert_eq!(s.glyphs.len(), 5);
        let av = s.width(0..2);
        let a = s.width(0..1);
        let v = s.width(1..2);
        assert!(av.0 > 5.0 && av.0 < 20.0);
        assert!((a + v - av).abs().0 < 1e-9, "prefix widths add up");
        // Kerned: AV is narrower than A and V shaped apart.
        let lone_a = shape_inline(&Inline::plain("A", &style()), &fonts, None, false)
            .unwrap()
            .width(0..1);
        let lone_v = shape_inline(&Inline::plain("V", &style()), &fonts, None, false)
            .unwrap()
            .width(0..1);
        assert!(av < lone_a + lone_v);
    }

    #[test]
    fn uncovered_characters_are_reported_with_positions() {
        let fonts = builtin_fonts();
        let err =
            shape_inline(&Inline::plain("Thai ไทย ok", &style()), &fonts, None, false).unwrap_err();
        let err = err.uncovered;
        assert_eq!(err.iter().map(|(_, c)| *c).collect::<String>(), "ไทย");
        assert_eq!(err[0].0, 5);
    }
}
