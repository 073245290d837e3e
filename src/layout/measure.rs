//! Measuring text for the design ([`crate::design::Measure`]) with the
//! engine's own shaping and line breaking, so that the sizes the design
//! picks are the ones the layout will set.

use harfrust::Language;

use super::collect::Inline;
use super::paragraph::{ParagraphOptions, set_paragraph};
use super::shape::shape_inline;
use super::span_style::SpanStyle;
use crate::design::{Measure, RoleStyle};
use crate::fonts::FontSet;
use crate::units::Pt;

pub struct Measurer<'a> {
    fonts: &'a FontSet,
    lang: Option<Language>,
    rtl: bool,
}

impl<'a> Measurer<'a> {
    /// Measure text in `lang` (a BCP 47 tag) with `fonts`.
    pub fn new(fonts: &'a FontSet, lang: &str) -> Measurer<'a> {
        Measurer {
            fonts,
            lang: Language::new(lang),
            rtl: crate::doc::is_rtl(lang),
        }
    }
}

impl Measure for Measurer<'_> {
    fn width(&self, text: &str, style: &RoleStyle) -> Pt {
        let inline = Inline::plain(text, &SpanStyle::of(style));
        // Text no font has is reported by the layout, at its place.
        shape_inline(&inline, self.fonts, self.lang.as_ref(), self.rtl)
            .map_or(Pt::ZERO, |s| s.width(0..inline.text.len()))
    }

    fn line_count(&self, text: &str, style: &RoleStyle, width: Pt) -> usize {
        let inline = Inline::plain(text, &SpanStyle::of(style));
        let opts = ParagraphOptions {
            width,
            justify: false,
            lang: self.lang.as_ref(),
            hyphen_lang: None,
            tighten: false,
            rtl: self.rtl,
            indent: Pt::ZERO,
        };
        set_paragraph(&inline, self.fonts, &opts).map_or(1, |lines| lines.len())
    }
}
