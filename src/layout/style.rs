//! How a piece of text is set: face, size, colour and the small
//! adjustments labels and footnote markers need.

use super::frame::Paint;
use crate::fonts::FaceId;
use crate::units::Pt;

#[derive(Clone, Debug, PartialEq)]
pub struct TextStyle {
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

impl TextStyle {
    pub fn new(face: FaceId, size: Pt, paint: Paint) -> Self {
        TextStyle {
            face,
            size,
            paint,
            tracking: 0.0,
            caps: false,
            rise: Pt::ZERO,
            hyphenate: false,
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

    /// The style of a footnote marker set in this text: smaller and raised.
    pub fn superscript(&self) -> TextStyle {
        TextStyle {
            size: self.size * 0.62,
            rise: self.size * 0.36,
            tracking: 0.0,
            caps: false,
            hyphenate: false,
            ..self.clone()
        }
    }
}
