//! The type scale: how each kind of text on a factsheet is set. The theme
//! gives the sizes and the leading; the proportions between them (the
//! title's tighter leading, the labels' letter-spacing) are the house
//! design, set here once for both writers.

use crate::fonts::FaceId;
use crate::theme::{Color, Colors, Theme};
use crate::units::Pt;

/// A colour by role; each writer maps it to the theme's RGB or CMYK.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Paint {
    Accent,
    Highlight,
    Text,
    Muted,
    Panel,
    OnAccent,
    Rule,
}

impl Paint {
    /// The theme's colour for this role.
    pub fn color(self, colors: &Colors) -> Color {
        match self {
            Paint::Accent => colors.accent,
            Paint::Highlight => colors.highlight,
            Paint::Text => colors.text,
            Paint::Muted => colors.muted,
            Paint::Panel => colors.panel,
            Paint::OnAccent => colors.on_accent,
            Paint::Rule => colors.rule,
        }
    }
}

/// Every kind of text a factsheet has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The line above the title: "COUNTRY FACTSHEET · DOWN TO ZERO ALLIANCE 2016-2020".
    Kicker,
    /// The country's name in the band.
    Title,
    /// "KEY NATIONAL INDICATORS IN 2016-2020".
    IndicatorHeading,
    IndicatorLabel,
    IndicatorValue,
    /// Source and year under a value.
    IndicatorDetail,
    /// The sample-data note under the boxes.
    SampleNote,
    /// Section headings of the narrative.
    Heading,
    /// Running text.
    Body,
    CalloutLabel,
    CalloutAmount,
    Footnote,
    Footer,
}

impl Role {
    pub const ALL: [Role; 13] = [
        Role::Kicker,
        Role::Title,
        Role::IndicatorHeading,
        Role::IndicatorLabel,
        Role::IndicatorValue,
        Role::IndicatorDetail,
        Role::SampleNote,
        Role::Heading,
        Role::Body,
        Role::CalloutLabel,
        Role::CalloutAmount,
        Role::Footnote,
        Role::Footer,
    ];
}

/// How one kind of text is set.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleStyle {
    pub face: FaceId,
    pub size: Pt,
    /// Baseline to baseline.
    pub leading: Pt,
    /// Extra space after each character, in em.
    pub tracking: f64,
    /// Set in capitals by the style; the text stays as written.
    pub caps: bool,
    pub paint: Paint,
    /// Justified (else ragged right).
    pub justify: bool,
    /// Words may be hyphenated at line ends.
    pub hyphenate: bool,
    /// Written in the locale's language (labels), not the profile's.
    pub label: bool,
}

/// The styles of every role.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeScale {
    styles: Vec<(Role, RoleStyle)>,
}

/// Letter-spacing of small capitals, in em: capitals set tight look
/// crowded; a little air makes a label read as one.
const KICKER_TRACKING: f64 = 0.08;
const LABEL_TRACKING: f64 = 0.04;
const HEADING_TRACKING: f64 = 0.03;
/// Leading of display type, as a multiple of its size: big type needs
/// less air between lines than running text.
const TITLE_LEADING: f64 = 1.12;
const VALUE_LEADING: f64 = 1.15;
/// Box labels sit a little tighter than running text.
const LABEL_LEADING: f64 = 0.9;

impl TypeScale {
    pub fn new(theme: &Theme) -> TypeScale {
        let s = &theme.sizes;
        let t = &theme.text;
        let caps = t.uppercase_labels;
        let track = |em: f64| if caps { em } else { 0.0 };
        let lead = |size: Pt| size * s.leading;
        let style = |face, size: Pt, paint| RoleStyle {
            face,
            size,
            leading: lead(size),
            tracking: 0.0,
            caps: false,
            paint,
            justify: false,
            hyphenate: false,
            label: false,
        };
        let small_caps = |size: Pt, paint, tracking: f64| RoleStyle {
            tracking: track(tracking),
            caps,
            ..style(FaceId::Bold, size, paint)
        };
        // Text the locale gives, in the labels' language; headings and box
        // labels are small capitals too, but the profile writes them.
        let label = |style: RoleStyle| RoleStyle {
            label: true,
            ..style
        };
        let styles = vec![
            (
                Role::Kicker,
                label(small_caps(s.kicker, Paint::Highlight, KICKER_TRACKING)),
            ),
            (
                Role::Title,
                RoleStyle {
                    leading: s.title * TITLE_LEADING,
                    ..style(FaceId::Bold, s.title, Paint::OnAccent)
                },
            ),
            (
                Role::IndicatorHeading,
                label(small_caps(
                    s.indicator_heading,
                    Paint::Accent,
                    LABEL_TRACKING,
                )),
            ),
            (
                Role::IndicatorLabel,
                RoleStyle {
                    leading: lead(s.indicator_label) * LABEL_LEADING,
                    ..small_caps(s.indicator_label, Paint::Accent, LABEL_TRACKING)
                },
            ),
            (
                Role::IndicatorValue,
                RoleStyle {
                    leading: s.indicator_value * VALUE_LEADING,
                    ..style(FaceId::Bold, s.indicator_value, Paint::Accent)
                },
            ),
            (
                Role::IndicatorDetail,
                style(FaceId::Italic, s.indicator_detail, Paint::Muted),
            ),
            (
                Role::SampleNote,
                label(style(FaceId::Italic, s.indicator_detail, Paint::Muted)),
            ),
            (
                Role::Heading,
                small_caps(s.heading, Paint::Accent, HEADING_TRACKING),
            ),
            (
                Role::Body,
                RoleStyle {
                    justify: t.justify,
                    hyphenate: t.hyphenate,
                    ..style(FaceId::Regular, s.body, Paint::Text)
                },
            ),
            (
                Role::CalloutLabel,
                label(small_caps(s.callout_label, Paint::OnAccent, LABEL_TRACKING)),
            ),
            (
                Role::CalloutAmount,
                RoleStyle {
                    leading: s.callout_amount * VALUE_LEADING,
                    ..style(FaceId::Bold, s.callout_amount, Paint::OnAccent)
                },
            ),
            (
                Role::Footnote,
                RoleStyle {
                    justify: t.justify,
                    hyphenate: t.hyphenate,
                    ..style(FaceId::Regular, s.footnote, Paint::Muted)
                },
            ),
            (Role::Footer, style(FaceId::Regular, s.footer, Paint::Muted)),
        ];
        TypeScale { styles }
    }

    pub fn get(&self, role: Role) -> &RoleStyle {
        &self
            .styles
            .iter()
            .find(|(r, _)| *r == role)
            .expect("every role has a style")
            .1
    }

    /// Every role's leading times `factor`.
    pub fn scale_leading(&mut self, factor: f64) {
        for (_, s) in &mut self.styles {
            s.leading = s.leading * factor;
        }
    }

    /// No letter-spacing and no capitals anywhere: for scripts whose
    /// letters join or hang from a headline (spacing breaks the word
    /// apart) and that have no capitals.
    pub fn without_tracking(&mut self) {
        for (_, s) in &mut self.styles {
            s.tracking = 0.0;
            s.caps = false;
        }
    }

    pub fn get_mut(&mut self, role: Role) -> &mut RoleStyle {
        &mut self
            .styles
            .iter_mut()
            .find(|(r, _)| *r == role)
            .expect("every role has a style")
            .1
    }
}
