//! How one stretch of a paragraph is set: face, size, colour and the
//! small adjustments labels and footnote markers need. A role's style
//! from the design, narrowed to what shaping and breaking look at.

use crate::design::{Paint, RoleStyle};
use crate::fonts::FaceId;
use crate::units::Pt;

#[derive(Clone, Debug, PartialEq)]
pub struct SpanStyle {
    pub face: FaceId,
    pub size: Pt,
    pub paint: Paint,
    /// Extra space after each character, in em (letter-spacing for capitals).
    pub tracking: f64,
    /// Set in capitals (the text itself is left as written).
    pub caps: bool,
    /// Baseline shift upwards (footnote markers).
    pub rise: Pt,
    /// Whether words may be hyphenated at line ends.
    pub hyphenate: bool,
}

impl SpanStyle {
    pub fn new(face: FaceId, size: Pt, paint: Paint) -> Self {
        SpanStyle {
            face,
            size,
            paint,
            tracking: 0.0,
            caps: false,
            rise: Pt::ZERO,
            hyphenate: false,
        }
    }

    /// The span style of a role.
    pub fn of(role: &RoleStyle) -> Self {
        SpanStyle {
            face: role.face,
            size: role.size,
            paint: role.paint,
            tracking: role.tracking,
            caps: role.caps,
            rise: Pt::ZERO,
            hyphenate: role.hyphenate,
        }
    }

    pub fn tracking(mut self, em: f64) -> Self {
        self.tracking = em;
        self
    }

    pub fn caps(mut self, caps: bool) -> Self {
        self.caps = caps;
        self
    }

    pub fn hyphenate(mut self, on: bool) -> Self {
        self.hyphenate = on;
        self
    }

    pub fn size(mut self, size: Pt) -> Self {
        self.size = size;
        self
    }

    /// The style of a footnote marker set in this text when the font has
    /// no superscript figures: smaller and raised.
    pub fn superscript(&self) -> SpanStyle {
        SpanStyle {
            size: self.size * 0.62,
            rise: self.size * 0.36,
            tracking: 0.0,
            caps: false,
            hyphenate: false,
            ..self.clone()
        }
    }
}
