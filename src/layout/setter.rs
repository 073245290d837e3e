//! The context every block is set in: fonts, languages, page geometry,
//! the structure being built, and the problems found on the way.

use harfrust::Language;

use super::breaks::hyphenation_lang;
use super::collect::Inline;
use super::frame::NodeId;
use super::frame::Paint;
use super::paragraph::{Line, ParagraphOptions, set_paragraph};
use super::place::{Frame, Structure, place_line};
use super::style::TextStyle;
use crate::doc::Document;
use crate::fonts::{FaceId, FontSet};
use crate::theme::Theme;
use crate::units::{Mm, Pt};

/// A4 in points.
pub const A4_WIDTH: Mm = Mm(210.0);
pub const A4_HEIGHT: Mm = Mm(297.0);

/// Where a block of plain text goes, and how it is set.
#[derive(Clone, Copy, Debug)]
pub struct Placement {
    pub x: Pt,
    pub top: Pt,
    pub width: Pt,
    pub leading: Pt,
    /// In the labels' language, never hyphenated.
    pub label: bool,
}

/// Page geometry in points.
#[derive(Clone, Debug)]
pub struct Geometry {
    pub width: Pt,
    pub height: Pt,
    pub left: Pt,
    pub right: Pt,
    pub top: Pt,
    pub bottom: Pt,
    pub bleed: Pt,
    pub text_width: Pt,
    pub columns: usize,
    pub gap: Pt,
    pub column_width: Pt,
}

impl Geometry {
    pub fn new(theme: &Theme) -> Geometry {
        let p = &theme.page;
        let width = A4_WIDTH.to_pt();
        let (left, right) = (p.margin_left.to_pt(), p.margin_right.to_pt());
        let text_width = width - left - right;
        let columns = usize::from(p.columns.max(1));
        let gap = p.column_gap.to_pt();
        Geometry {
            width,
            height: A4_HEIGHT.to_pt(),
            left,
            right,
            top: p.margin_top.to_pt(),
            bottom: p.margin_bottom.to_pt(),
            bleed: p.bleed.to_pt(),
            text_width,
            columns,
            gap,
            column_width: (text_width - gap * (columns as f64 - 1.0)) / columns as f64,
        }
    }

    /// The lowest point body text may reach.
    pub fn body_bottom(&self) -> Pt {
        self.height - self.bottom
    }
}

pub struct Setter<'a> {
    pub doc: &'a Document,
    pub theme: &'a Theme,
    pub fonts: &'a FontSet,
    pub geo: Geometry,
    pub structure: Structure,
    pub errors: Vec<super::Problem>,
    lang: Option<Language>,
    label_lang: Option<Language>,
    hyphen: Option<hypher::Lang>,
}

impl<'a> Setter<'a> {
    pub fn new(doc: &'a Document, theme: &'a Theme, fonts: &'a FontSet) -> Setter<'a> {
        Setter {
            doc,
            theme,
            fonts,
            geo: Geometry::new(theme),
            structure: Structure::default(),
            errors: Vec::new(),
            lang: Language::new(&doc.lang),
            label_lang: Language::new(&doc.label_lang),
            hyphen: if theme.text.hyphenate {
                hyphenation_lang(&doc.lang)
            } else {
                None
            },
        }
    }

    /// The language tag for structure nodes holding labels, when it
    /// differs from the document's.
    pub fn label_lang_tag(&self) -> Option<&str> {
        (self.doc.label_lang != self.doc.lang).then_some(self.doc.label_lang.as_str())
    }

    /// Line height for type of `size`.
    pub fn leading(&self, size: Pt) -> Pt {
        size * self.theme.sizes.leading
    }

    /// From the top of a line box to its baseline: the line's extra
    /// height is shared above and below the font's ascender and descender.
    pub fn baseline_offset(&self, style: &TextStyle, leading: Pt) -> Pt {
        let face = self.fonts.face(style.face);
        let content = style.size * (face.ascender - face.descender);
        (leading - content) / 2.0 + style.size * face.ascender
    }

    pub fn body_style(&self) -> TextStyle {
        TextStyle::new(FaceId::Regular, self.theme.sizes.body, Paint::Text)
            .hyphenate(self.theme.text.hyphenate)
    }

    /// A small-capitals label style (headings, box labels).
    pub fn label_style(&self, face: FaceId, size: Pt, paint: Paint, tracking: f64) -> TextStyle {
        let caps = self.theme.text.uppercase_labels;
        TextStyle::new(face, size, paint)
            .caps(caps)
            .tracking(if caps { tracking } else { 0.0 })
    }

    /// Set text into lines. `label`: in the labels' language, never
    /// hyphenated. `what` names the text in error messages.
    pub fn set(
        &mut self,
        inline: &Inline,
        width: Pt,
        justify: bool,
        label: bool,
        what: &str,
    ) -> Vec<Line> {
        let opts = ParagraphOptions {
            width,
            justify,
            lang: if label {
                self.label_lang.as_ref()
            } else {
                self.lang.as_ref()
            },
            hyphen_lang: if label { None } else { self.hyphen },
        };
        match set_paragraph(inline, self.fonts, &opts) {
            Ok(lines) => lines,
            Err(uncovered) => {
                self.errors
                    .push(uncovered_problem(inline, &uncovered, what));
                Vec::new()
            }
        }
    }

    /// Set plain `text` ragged in `style` and place its lines into `frame`
    /// for `node`; returns the height the lines take.
    pub fn place_text(
        &mut self,
        frame: &mut Frame,
        text: &str,
        style: &TextStyle,
        at: Placement,
        node: NodeId,
        what: &str,
    ) -> Pt {
        let lines = self.set(&Inline::plain(text, style), at.width, false, at.label, what);
        let base = self.baseline_offset(style, at.leading);
        for (i, line) in lines.iter().enumerate() {
            let baseline = at.top + at.leading * i as f64 + base;
            place_line(frame, &mut self.structure, line, at.x, baseline, node);
        }
        at.leading * lines.len() as f64
    }

    /// Natural width of text on one line.
    pub fn natural_width(&mut self, inline: &Inline, what: &str) -> Pt {
        match super::shape::shape_inline(inline, self.fonts, self.label_lang.as_ref()) {
            Ok(s) => s.width(0..inline.text.len()),
            Err(uncovered) => {
                self.errors
                    .push(uncovered_problem(inline, &uncovered, what));
                Pt::ZERO
            }
        }
    }
}

/// "no font has ..." naming the characters, their code points, where they
/// are and how to fix it.
fn uncovered_problem(inline: &Inline, uncovered: &[(usize, char)], what: &str) -> super::Problem {
    let mut chars: Vec<char> = uncovered.iter().map(|(_, c)| *c).collect();
    chars.dedup();
    let codes: Vec<String> = chars
        .iter()
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    let at = uncovered[0].0;
    let text = &inline.text;
    let mut from = at.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 24).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    super::Problem {
        message: format!(
            "no font has the characters \"{}\" ({}) in {what}: \"…{}…\"",
            chars.iter().collect::<String>(),
            codes.join(" "),
            &text[from..to]
        ),
        help: "name a font that has them as `fallback` under [fonts] in theme.toml, or remove them"
            .into(),
        chars,
    }
}
