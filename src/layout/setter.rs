//! The context every block is set in: the design, fonts, languages, the
//! structure being built, and the problems found on the way.

use harfrust::Language;

use super::Problem;
use super::breaks::hyphenation_lang;
use super::collect::Inline;
use super::frame::{Frame, LineTarget, Structure, place_line};
use super::paragraph::{Line, ParagraphOptions, set_paragraph};
use super::shape::Unshaped;
use super::span_style::SpanStyle;
use crate::design::{Design, Role, RoleStyle};
use crate::diag::Loc;
use crate::doc::Document;
use crate::fonts::FontSet;
use crate::units::Pt;

/// How a paragraph is set.
#[derive(Clone, Copy, Debug, Default)]
pub struct Setting {
    pub width: Pt,
    pub justify: bool,
    /// In the labels' language, never hyphenated.
    pub label: bool,
    /// One line shorter where it can be (TeX's looseness -1): a page may
    /// then hold what would spill.
    pub tighten: bool,
    /// The first line's indent.
    pub indent: Pt,
    /// Never hyphenated, in the text's language (the running footer, which
    /// the design measures so when it picks the footer's form).
    pub unhyphenated: bool,
}

/// Where a block of text goes, and how it is set.
#[derive(Clone, Copy, Debug)]
pub struct Placement {
    pub x: Pt,
    pub top: Pt,
    pub width: Pt,
    pub leading: Pt,
    /// In the labels' language, never hyphenated.
    pub label: bool,
    /// Lines of equal length rather than full ones (titles, labels).
    pub balance: bool,
}

pub struct Setter<'a> {
    pub doc: &'a Document,
    pub design: &'a Design,
    pub fonts: &'a FontSet,
    pub structure: Structure,
    pub problems: Vec<Problem>,
    lang: Option<Language>,
    label_lang: Option<Language>,
    hyphen: Option<hypher::Lang>,
    /// The document's text, and its labels, run right to left.
    pub rtl: bool,
    label_rtl: bool,
}

impl<'a> Setter<'a> {
    pub fn new(doc: &'a Document, design: &'a Design, fonts: &'a FontSet) -> Setter<'a> {
        Setter {
            doc,
            design,
            fonts,
            structure: Structure::default(),
            problems: Vec::new(),
            lang: Language::new(&doc.lang),
            label_lang: Language::new(&doc.label_lang),
            hyphen: hyphenation_lang(&doc.lang),
            rtl: doc.rtl(),
            label_rtl: crate::doc::is_rtl(&doc.label_lang),
        }
    }

    pub fn style(&self, role: Role) -> &'a RoleStyle {
        self.design.style(role)
    }

    /// The span style of a role.
    pub fn span(&self, role: Role) -> SpanStyle {
        SpanStyle::of(self.design.style(role))
    }

    /// The language tag for structure nodes holding labels, when it
    /// differs from the document's.
    pub fn label_lang_tag(&self) -> Option<&'a str> {
        (self.doc.label_lang != self.doc.lang).then_some(self.doc.label_lang.as_str())
    }

    /// From the top of a line box to its baseline: the line's extra
    /// height is shared above and below the font's ascender and descender.
    pub fn baseline_offset(&self, style: &SpanStyle, leading: Pt) -> Pt {
        let face = self.fonts.face(style.face);
        let content = style.size * (face.ascender - face.descender);
        (leading - content) / 2.0 + style.size * face.ascender
    }

    /// Set text into lines. `label`: in the labels' language, never
    /// hyphenated. `what` and `at` name the text in problems.
    pub fn set(
        &mut self,
        inline: &Inline,
        width: Pt,
        justify: bool,
        label: bool,
        what: &str,
        at: Option<&Loc>,
    ) -> Vec<Line> {
        let how = Setting {
            width,
            justify,
            label,
            ..Setting::default()
        };
        self.set_with(inline, &how, what, at)
    }

    /// The direction a label runs in (`locale::label_runs_rtl`).
    fn label_rtl(&self, text: &str) -> bool {
        crate::locale::label_runs_rtl(text, self.label_rtl, self.rtl)
    }

    fn options(&self, how: &Setting, text: &str) -> ParagraphOptions<'_> {
        ParagraphOptions {
            width: how.width,
            justify: how.justify,
            lang: if how.label {
                self.label_lang.as_ref()
            } else {
                self.lang.as_ref()
            },
            hyphen_lang: if how.label || how.unhyphenated {
                None
            } else {
                self.hyphen
            },
            tighten: how.tighten,
            rtl: if how.label {
                self.label_rtl(text)
            } else {
                self.rtl
            },
            indent: how.indent,
        }
    }

    /// Set text into lines as `how` says.
    pub fn set_with(
        &mut self,
        inline: &Inline,
        how: &Setting,
        what: &str,
        at: Option<&Loc>,
    ) -> Vec<Line> {
        let fonts = self.fonts;
        let result = set_paragraph(inline, fonts, &self.options(how, &inline.text));
        match result {
            // A label's line stands on the side the document's lines start,
            // whichever way its own text runs (as Word sets it, the
            // paragraph taking the document's direction).
            Ok(mut lines) => {
                if how.label {
                    for l in &mut lines {
                        l.rtl = self.rtl;
                    }
                }
                lines
            }
            Err(unshaped) => {
                self.problems
                    .extend(unshaped_problems(inline, &unshaped, what, at));
                Vec::new()
            }
        }
    }

    /// Set text ragged into lines of about equal length: the fewest lines
    /// it takes at `width`, at the narrowest width that keeps that count.
    pub fn set_balanced(
        &mut self,
        inline: &Inline,
        width: Pt,
        label: bool,
        what: &str,
        at: Option<&Loc>,
    ) -> Vec<Line> {
        let lines = self.set(inline, width, false, label, what, at);
        if lines.len() < 2 {
            return lines;
        }
        let count = lines.len();
        // A narrower measure may not cut a word the full one does not.
        let cuts = lines.iter().filter(|l| l.cut).count();
        let (mut lo, mut hi) = (width / count as f64, width);
        let mut best = lines;
        for _ in 0..12 {
            let mid = (lo + hi) / 2.0;
            let trial = self.set(inline, mid, false, label, what, at);
            if trial.len() <= count
                && trial.iter().filter(|l| l.cut).count() <= cuts
                && trial.iter().all(|l| l.width <= mid + Pt(0.01))
            {
                hi = mid;
                best = trial;
            } else {
                lo = mid;
            }
        }
        // The lines stand in the full measure (right-to-left ones align
        // to its right edge).
        for line in &mut best {
            line.measure = width;
        }
        best
    }

    /// Set plain `text` ragged and place its lines into `frame`; returns
    /// the height the lines take. `what` and `source` name the text in
    /// problems.
    #[allow(clippy::too_many_arguments)]
    pub fn place_text(
        &mut self,
        frame: &mut Frame,
        text: &str,
        style: &SpanStyle,
        at: Placement,
        to: LineTarget,
        what: &str,
        source: Option<&Loc>,
    ) -> Pt {
        let inline = Inline::plain(text, style);
        let lines = if at.balance {
            self.set_balanced(&inline, at.width, at.label, what, source)
        } else {
            self.set(&inline, at.width, false, at.label, what, source)
        };
        self.place_lines(frame, &lines, style, at, to)
    }

    /// Place set lines from `at.top`, one leading apart; returns their height.
    pub fn place_lines(
        &mut self,
        frame: &mut Frame,
        lines: &[Line],
        style: &SpanStyle,
        at: Placement,
        to: LineTarget,
    ) -> Pt {
        let base = self.baseline_offset(style, at.leading);
        for (i, line) in lines.iter().enumerate() {
            let baseline = at.top + at.leading * i as f64 + base;
            place_line(frame, &mut self.structure, line, at.x, baseline, to);
        }
        at.leading * lines.len() as f64
    }

    /// Natural width of text on one line.
    pub fn natural_width(&mut self, inline: &Inline, what: &str, at: Option<&Loc>) -> Pt {
        match super::shape::shape_inline(
            inline,
            self.fonts,
            self.label_lang.as_ref(),
            self.label_rtl,
        ) {
            Ok(s) => s.width(0..inline.text.len()),
            Err(unshaped) => {
                self.problems
                    .extend(unshaped_problems(inline, &unshaped, what, at));
                Pt::ZERO
            }
        }
    }
}

/// "no font has ..." naming the characters, their code points, where they
/// are and how to fix it; and any text the shaper refused.
fn unshaped_problems(inline: &Inline, u: &Unshaped, what: &str, at: Option<&Loc>) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(&(first, _)) = u.uncovered.first() {
        let mut chars: Vec<char> = u.uncovered.iter().map(|(_, c)| *c).collect();
        chars.dedup();
        let codes: Vec<String> = chars
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        out.push(Problem::input(
            format!(
                "no font has the characters \"{}\" ({}) in {what}: \"…{}…\"",
                chars.iter().collect::<String>(),
                codes.join(" "),
                context(&inline.text, first)
            ),
            "name a font that has them as `fallback` under [fonts] in theme.toml, or remove them",
            char_loc(at, chars[0]),
        ));
    }
    if let Some((first, reason)) = u.failed.first() {
        out.push(Problem::input(
            format!(
                "the text of {what} could not be shaped ({reason}): \"…{}…\"",
                context(&inline.text, *first)
            ),
            "check the text's script and language; right-to-left text needs a font that covers it",
            at.cloned(),
        ));
    }
    out
}

/// The place of character `c` inside a text's place: the first time it
/// appears there, when the text is written as it reads.
fn char_loc(at: Option<&Loc>, c: char) -> Option<Loc> {
    let at = at?;
    let text = at.file.text.get(at.span.clone())?;
    match text.find(c) {
        Some(i) => Some(at.with_span(at.span.start + i..at.span.start + i + c.len_utf8())),
        None => Some(at.clone()),
    }
}

/// A few words either side of byte `at`.
fn context(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 24).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    &text[from..to]
}
