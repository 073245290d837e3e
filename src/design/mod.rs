//! The design: the theme, the locale's choices and the document resolved
//! into the concrete numbers both writers draw with — page geometry, the
//! type scale, the title's size, which indicator boxes share a row and at
//! what value size, the logo's placed size, the call-out, the notes and
//! the footer. Resolved once per document, before the layout; the PDF
//! layout and the DOCX writer read the same values, so the two formats
//! cannot drift apart.
//!
//! Some choices depend on how wide text is (a long title steps down in
//! size; a row's values share the largest size at which they fit). The
//! design asks a [`Measure`] for that, which the layout engine provides:
//! the design itself knows no shaping.

mod contrast;
mod indicators;
mod page;
mod page_number;
mod type_scale;

pub use indicators::{IndicatorDesign, IndicatorRowDesign};
pub use page::{A4_HEIGHT, A4_WIDTH, CropMarks, PageGeometry};
pub use page_number::{PagePattern, PagePiece};
pub use type_scale::{Paint, Role, RoleStyle, TypeScale};

use crate::doc::Document;
use crate::theme::Theme;
use crate::units::{Mm, Pt};

/// What the design needs to know about text widths.
pub trait Measure {
    /// Natural width of `text` set on one line in `style`.
    fn width(&self, text: &str, style: &RoleStyle) -> Pt;
    /// How many lines `text` takes in `style` at `width`.
    fn line_count(&self, text: &str, style: &RoleStyle, width: Pt) -> usize;
}

/// The concrete design of one factsheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Design {
    pub page: PageGeometry,
    /// Styles by role; the title's and the values' sizes are already
    /// resolved for this document.
    pub type_scale: TypeScale,
    pub band: BandDesign,
    pub indicators: Option<IndicatorDesign>,
    pub body: BodySpacing,
    pub callout: CalloutDesign,
    pub notes: NoteDesign,
    pub footer: FooterDesign,
    pub hyphenation: HyphenationDesign,
}

/// The title band across the top of the first page.
#[derive(Clone, Debug, PartialEq)]
pub struct BandDesign {
    /// From the top margin to the kicker's line box.
    pub pad_top: Pt,
    /// Between the kicker and the title.
    pub kicker_gap: Pt,
    /// Below the title to the band's lower edge.
    pub pad_bottom: Pt,
    /// The logo's placed size (proportional to its pixels), if there is one.
    pub logo: Option<LogoSize>,
    /// Between the title's text and the logo.
    pub logo_gap: Pt,
    /// Width the kicker and the title may take.
    pub text_width: Pt,
    /// Lines the title takes at its resolved size in that width (the DOCX
    /// centres the logo on them; the PDF centres it on the set lines).
    pub title_lines: usize,
    /// Between the band and what follows (indicators or the body).
    pub gap_after: Pt,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogoSize {
    pub width: Pt,
    pub height: Pt,
}

/// Vertical spacing of the narrative. Whole multiples of the body
/// leading, so that every line of both columns stands on one baseline
/// grid (the call-out's height is rounded up to whole lines too).
#[derive(Clone, Debug, PartialEq)]
pub struct BodySpacing {
    /// Body leading: the grid.
    pub line: Pt,
    /// Above a paragraph (dropped at the top of a column).
    pub paragraph: Pt,
    /// The first line of a paragraph that follows another starts in this
    /// far.
    pub indent: Pt,
    /// Above a heading.
    pub heading_before: Pt,
    /// Between a heading and its text.
    pub heading_after: Pt,
    /// Above and below the call-out.
    pub callout: Pt,
    /// Lines of a paragraph kept together at a column's foot or head.
    pub min_lines: usize,
}

/// The budget call-out: a shaded box with an edge in the highlight colour.
#[derive(Clone, Debug, PartialEq)]
pub struct CalloutDesign {
    pub inset_x: Pt,
    pub inset_y: Pt,
    /// Width of the highlight edge on the left.
    pub edge: Pt,
}

/// Footnotes at the foot of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteDesign {
    /// Between the body and the rule above the notes.
    pub area_gap: Pt,
    /// From the rule to the first note.
    pub rule_gap: Pt,
    pub rule_width: Pt,
    /// Length of the rule, as a share of the text width.
    pub rule_share: f64,
    /// Between two notes.
    pub note_gap: Pt,
    /// Width a note is set at.
    pub measure: Pt,
    /// Width of the hanging marker (the note's number).
    pub marker_width: Pt,
    /// Lines of a note that must stand on its marker's page before the
    /// rest may continue on the next.
    pub min_first_lines: usize,
}

/// The running footer in the bottom margin.
#[derive(Clone, Debug, PartialEq)]
pub struct FooterDesign {
    /// From the body's foot to the rule.
    pub rule_offset: Pt,
    pub rule_width: Pt,
    /// From the rule to the text's line box.
    pub text_offset: Pt,
    /// Least space between the footer's left text and the page number.
    pub gap: Pt,
    /// "Page {page} of {pages}" in the locale's words, parsed.
    pub page_number: PagePattern,
    /// The footer's text: the document's, or a shorter form of it when
    /// that does not fit its lines.
    pub text: String,
    /// The measure `text` is set in on every page: the text width less the
    /// widest page number and the gap. The form is chosen by its lines at
    /// this measure, so the layout, setting it here, gets those lines.
    pub text_width: Pt,
    /// Lines the footer's text may take in the bottom margin.
    pub max_lines: usize,
}

/// Hyphenated lines in a row, at most ([`HyphenationDesign::max_consecutive`]);
/// the PDF's line breaker starts from it.
pub const MAX_CONSECUTIVE_HYPHENS: u8 = 2;

/// How words are hyphenated at line ends, where a role hyphenates at all
/// ([`RoleStyle::hyphenate`]).
#[derive(Clone, Debug, PartialEq)]
pub struct HyphenationDesign {
    /// Hyphenated lines in a row, at most: a ladder of hyphens down the
    /// right edge reads badly. The PDF's line breaker keeps to it; the DOCX
    /// asks Word and LibreOffice for it (`w:consecutiveHyphenLimit`).
    pub max_consecutive: u8,
    /// Word's hyphenation zone: a word is hyphenated only when leaving it
    /// whole would leave more than this empty at the end of a line. About
    /// two ems of the body type (Word's own default, 18 pt, is close to it
    /// at body sizes), so that justified lines are not stretched far before
    /// a word is divided.
    pub zone: Pt,
}

/// A design choice the document cannot be made to fit: which text, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct DesignProblem {
    pub message: String,
    pub help: String,
    pub at: Option<crate::diag::Loc>,
}

/// How much more leading a script that reaches far above and below its
/// baseline gets than the theme gives Latin text.
const TALL_SCRIPT_LEADING: f64 = 1.25;

/// Languages written in such scripts: Arabic, Persian, Urdu, Pashto and
/// Sindhi (Arabic script), Hindi, Marathi, Nepali, Bengali and the other
/// Indic scripts, Thai and Lao.
fn tall_script(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    matches!(
        primary,
        "ar" | "fa"
            | "ur"
            | "ps"
            | "sd"
            | "ckb"
            | "hi"
            | "mr"
            | "ne"
            | "bn"
            | "pa"
            | "gu"
            | "or"
            | "ta"
            | "te"
            | "kn"
            | "ml"
            | "si"
            | "th"
            | "lo"
            | "my"
            | "km"
    )
}

/// The title steps down to this share of its size before it takes
/// another line.
const TITLE_MIN_SCALE: f64 = 0.7;
/// Size steps tried for the title, as shares of its full size.
const TITLE_STEPS: [f64; 4] = [1.0, 0.9, 0.8, TITLE_MIN_SCALE];
/// A title that still takes more than this many lines at
/// [`TITLE_MIN_SCALE`] steps down further, through [`LONG_TITLE_STEPS`]:
/// a long official name should not push the body off the first page.
const LONG_TITLE_LINES: usize = 3;
const LONG_TITLE_STEPS: [f64; 3] = [0.6, 0.5, 0.45];
/// The most of the first page's text height the title's lines may take;
/// a longer title is refused.
const MAX_TITLE_SHARE: f64 = 0.5;

/// Resolve the design of `doc`.
pub fn resolve(
    doc: &Document,
    theme: &Theme,
    measure: &dyn Measure,
) -> Result<Design, Vec<DesignProblem>> {
    let page = PageGeometry::new(theme);
    let mut type_scale = TypeScale::new(theme);
    // Arabic and the Indic scripts reach higher and lower than Latin:
    // their lines need more room, or marks and descenders collide.
    if tall_script(&doc.lang) {
        type_scale.scale_leading(TALL_SCRIPT_LEADING);
    }
    // Labels in such a script are not letter-spaced small capitals, in
    // the PDF or the DOCX: Arabic letters join, Devanagari's hang from a
    // headline, and neither has capitals.
    if tall_script(&doc.lang) || tall_script(&doc.label_lang) {
        type_scale.without_tracking();
    }
    let mut problems = Vec::new();

    let logo = doc.logo.as_ref().map(|l| {
        // The logo keeps its proportions: its height is set, its width
        // follows, and a very wide logo is scaled down as a whole.
        let height = Mm(14.0).to_pt();
        let aspect = f64::from(l.width_px) / f64::from(l.height_px.max(1));
        let max_width = page.text_width * 0.35;
        let width = height * aspect;
        if width > max_width {
            LogoSize {
                width: max_width,
                height: max_width / aspect,
            }
        } else {
            LogoSize { width, height }
        }
    });
    let logo_gap = Mm(6.0).to_pt();
    let band_text = match logo {
        Some(l) => page.text_width - l.width - logo_gap,
        None => page.text_width,
    };
    fit_title(doc, &mut type_scale, measure, band_text);
    let title_lines = measure
        .line_count(&doc.title, type_scale.get(Role::Title), band_text)
        .max(1);
    // The band must leave the first page room for more than itself: past
    // that share, the title is not a title but a paragraph.
    let title_style = type_scale.get(Role::Title);
    let title_block = title_style.leading * title_lines as f64;
    let band_room = (page.body_bottom() - page.margin_top) * MAX_TITLE_SHARE;
    if title_block > band_room {
        problems.push(DesignProblem {
            message: format!(
                "the title takes {title_lines} lines even at its smallest size ({:.1} pt), \
                 more than {:.0}% of the page's height",
                title_style.size.0,
                MAX_TITLE_SHARE * 100.0
            ),
            help: "shorten `name` under [country]: use the short form of the country's name".into(),
            at: doc.title_at.clone(),
        });
    }

    let indicators = doc
        .indicators
        .as_ref()
        .map(|row| indicators::rows(row, &page, &type_scale, measure));

    let body_line = type_scale.get(Role::Body).leading;
    // Headings keep the body's line pitch, so lines stay on the grid.
    type_scale.get_mut(Role::Heading).leading = body_line;
    let footer = FooterDesign {
        rule_offset: Mm(3.5).to_pt(),
        rule_width: Pt(0.4),
        text_offset: Mm(1.2).to_pt(),
        gap: Mm(5.0).to_pt(),
        page_number: PagePattern::parse(&doc.footer.page_pattern),
        text: String::new(),
        text_width: Pt::ZERO,
        max_lines: 2,
    };
    let (text, text_width) = footer_text(doc, &footer, &page, &type_scale, measure);
    let footer = FooterDesign {
        text,
        text_width,
        ..footer
    };
    check_measures(&page, &type_scale, theme, &mut problems);
    contrast::check(theme, &type_scale, &mut problems);
    let footer_style = type_scale.get(Role::Footer);
    let footer_bottom =
        page.body_bottom() + footer.rule_offset + footer.text_offset + footer_style.leading * 2.0;
    if footer_bottom > page.height {
        problems.push(DesignProblem {
            message: format!(
                "the footer's type ({} pt) does not fit in the bottom margin ({:.0} mm)",
                footer_style.size.0,
                page.margin_bottom.to_mm().0
            ),
            help: "make `footer` under [sizes] smaller, or `margin_bottom` under [page] larger"
                .into(),
            at: theme.loc("sizes.footer"),
        });
    }

    let design = Design {
        notes: NoteDesign {
            area_gap: Mm(4.0).to_pt(),
            rule_gap: Mm(1.8).to_pt(),
            rule_width: Pt(0.5),
            rule_share: 1.0 / 3.0,
            note_gap: Pt(2.0),
            measure: page.text_width,
            marker_width: type_scale.get(Role::Footnote).size * 1.2,
            min_first_lines: 2,
        },
        callout: CalloutDesign {
            inset_x: Mm(4.0).to_pt(),
            inset_y: Mm(3.5).to_pt(),
            edge: Pt(4.0),
        },
        body: BodySpacing {
            line: body_line,
            // Whole lines: the two columns' baselines stay on one grid.
            // Paragraphs follow each other with no space, marked by an
            // indent of one em.
            paragraph: Pt::ZERO,
            indent: type_scale.get(Role::Body).size,
            heading_before: body_line,
            heading_after: Pt::ZERO,
            callout: body_line,
            min_lines: 2,
        },
        band: BandDesign {
            pad_top: Mm(1.0).to_pt(),
            kicker_gap: Mm(2.0).to_pt(),
            pad_bottom: Mm(6.0).to_pt(),
            logo,
            logo_gap,
            text_width: band_text,
            title_lines,
            gap_after: if doc.indicators.is_some() {
                Mm(5.0).to_pt()
            } else {
                Mm(7.0).to_pt()
            },
        },
        hyphenation: HyphenationDesign {
            max_consecutive: MAX_CONSECUTIVE_HYPHENS,
            zone: type_scale.get(Role::Body).size * 2.0,
        },
        footer,
        page,
        type_scale,
        indicators,
    };
    if problems.is_empty() {
        Ok(design)
    } else {
        Err(problems)
    }
}

/// The first of the footer's forms that fits its lines beside the widest
/// page number (the last form, the country's code, always does), and the
/// measure it was fitted to.
fn footer_text(
    doc: &Document,
    footer: &FooterDesign,
    page: &PageGeometry,
    scale: &TypeScale,
    measure: &dyn Measure,
) -> (String, Pt) {
    let style = scale.get(Role::Footer);
    let number = measure.width(&footer.page_number.fill(888, 888), style);
    let width = (page.text_width - number - footer.gap).max(page.text_width / 3.0);
    // The whole text on one line, else the first shorter form that takes
    // one (a running footer of two lines crowds the trim edge and reads
    // as text), else the first that takes the lines the margin holds.
    let forms = || std::iter::once(&doc.footer.text).chain(&doc.footer.shorter);
    let lines = |t: &str| measure.line_count(t, style, width);
    let text = forms()
        .find(|t| lines(t) == 1)
        .or_else(|| forms().find(|t| lines(t) <= footer.max_lines))
        .or(doc.footer.shorter.last())
        .unwrap_or(&doc.footer.text)
        .clone();
    (text, width)
}

/// Text set in a measure too narrow for its size reads as a word or two a
/// line, or not at all: each wrapping role needs room for at least this
/// many average characters (half an em each) a line.
const MIN_CHARACTERS: [(Role, &str, f64); 4] = [
    (Role::Body, "body", 24.0),
    (Role::Heading, "heading", 16.0),
    (Role::Footnote, "footnote", 24.0),
    (Role::CalloutLabel, "callout_label", 10.0),
];

fn check_measures(
    page: &PageGeometry,
    scale: &TypeScale,
    theme: &Theme,
    out: &mut Vec<DesignProblem>,
) {
    for (role, key, chars) in MIN_CHARACTERS {
        let size = scale.get(role).size;
        let needed = size * 0.5 * chars;
        if needed > page.column_width {
            let largest = page.column_width / (0.5 * chars);
            out.push(DesignProblem {
                message: format!(
                    "`{key}` type at {} pt is too large for a column {:.0} mm wide: at most {:.0} pt fits",
                    size.0,
                    page.column_width.to_mm().0,
                    largest.0.floor()
                ),
                help: format!(
                    "make `{key}` under [sizes] smaller, or use fewer `columns` under [page]"
                ),
                at: theme.loc(&format!("sizes.{key}")),
            });
        }
    }
    let body = scale.get(Role::Body).leading;
    let room = page.body_bottom() - page.margin_top;
    if body * 20.0 > room {
        out.push(DesignProblem {
            message: format!(
                "the body's line height ({:.1} pt) leaves room for fewer than 20 lines a page",
                body.0
            ),
            help: "make `body` or `leading` under [sizes] smaller".into(),
            at: theme.loc("sizes.body"),
        });
    }
}

/// Step the title down until it fits on one line, down to a limit; past
/// that it takes more lines at that size (the layout balances them). A
/// title still longer than [`LONG_TITLE_LINES`] lines there steps down
/// further, until it is that short or the smallest step is reached.
fn fit_title(doc: &Document, scale: &mut TypeScale, measure: &dyn Measure, width: Pt) {
    let full = scale.get(Role::Title).clone();
    let natural = measure.width(&doc.title, &full);
    let at = |step: f64| {
        let mut style = full.clone();
        style.size = full.size * step;
        style.leading = full.leading * step;
        style
    };
    let mut chosen = TITLE_STEPS
        .into_iter()
        .find(|step| natural * *step <= width)
        .unwrap_or(TITLE_MIN_SCALE);
    if chosen == TITLE_MIN_SCALE {
        for step in LONG_TITLE_STEPS {
            if measure.line_count(&doc.title, &at(chosen), width) <= LONG_TITLE_LINES {
                break;
            }
            chosen = step;
        }
    }
    *scale.get_mut(Role::Title) = at(chosen);
}

impl Design {
    pub fn style(&self, role: Role) -> &RoleStyle {
        self.type_scale.get(role)
    }

    /// The same design but for the footer's text, which names the
    /// document: two factsheets that look alike, whatever they say (a
    /// combined DOCX gives them one set of styles).
    pub fn same_look(&self, other: &Design) -> bool {
        let footer = FooterDesign {
            text: self.footer.text.clone(),
            ..other.footer.clone()
        };
        self.page == other.page
            && self.type_scale == other.type_scale
            && self.band == other.band
            && self.indicators == other.indicators
            && self.body == other.body
            && self.callout == other.callout
            && self.notes == other.notes
            && self.footer == footer
            && self.hyphenation == other.hyphenation
    }
}
