//! Styles made to measure while the body is written: a row of indicator
//! values set at the size the design chose for that row, and empty
//! paragraphs of an exact height that stand for the design's vertical gaps
//! between tables. Each is a named style derived from its role's, made
//! once per size, so the body carries no direct formatting and an editor
//! still restyles the document by its styles.

use std::collections::BTreeSet;

use docx_rs::{LineSpacing, LineSpacingType, Style};

use super::styles::{self, id};
use crate::design::{Design, Role};
use crate::theme::Theme;
use crate::units::Pt;

/// The variants asked for, by size.
#[derive(Clone, Debug, Default)]
pub struct Sized {
    /// Value sizes below the role's, in half points.
    values: BTreeSet<usize>,
    /// Gap heights, in twentieths of a point.
    spaces: BTreeSet<u32>,
}

/// Half points at or below `size`: Word sizes type in half points, and a
/// value rounded up could overrun the box the design fitted it to.
fn half_points_below(size: Pt) -> usize {
    (size.0 * 2.0 + 1e-6).floor().max(0.0) as usize
}

impl Sized {
    /// The style for a row of values set at `size`.
    pub fn value(&mut self, design: &Design, size: Pt) -> String {
        let full = design.style(Role::IndicatorValue).size.to_half_points();
        let hp = half_points_below(size).min(full);
        if hp == full {
            return id::INDICATOR_VALUE.to_string();
        }
        self.values.insert(hp);
        value_id(hp)
    }

    /// The style of an empty paragraph `height` tall.
    pub fn space(&mut self, height: Pt) -> String {
        let tw = styles::twips(height).max(styles::SMALLEST_TYPE as u32 * 10);
        self.spaces.insert(tw);
        space_id(tw)
    }

    /// Ask for every variant `other` asked for too (the parts of a
    /// combined document are written apart, its style sheet once).
    pub fn merge(&mut self, other: &Sized) {
        self.values.extend(&other.values);
        self.spaces.extend(&other.spaces);
    }

    /// The variants' styles, in a fixed order.
    pub fn styles(&self, design: &Design, theme: &Theme) -> Vec<Style> {
        let full = design.style(Role::IndicatorValue);
        let mut out = Vec::new();
        for &hp in &self.values {
            let size = Pt(hp as f64 / 2.0);
            let row = crate::design::RoleStyle {
                size,
                leading: full.leading * (size / full.size),
                ..full.clone()
            };
            out.push(
                styles::role_style(
                    &value_id(hp),
                    &format!("Indicator Value {} pt", size.0),
                    &row,
                    // A value is one line of display type: set exactly.
                    styles::Lines::Exact,
                    Pt::ZERO,
                    Pt::ZERO,
                    theme,
                )
                .based_on(id::INDICATOR_VALUE)
                .next(id::INDICATOR_DETAIL),
            );
        }
        for &tw in &self.spaces {
            let mut s =
                styles::hairline(&space_id(tw), &format!("Space {} pt", f64::from(tw) / 20.0))
                    .based_on(id::SECTION_BREAK)
                    .semi_hidden();
            s = s.line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(tw as i32)
                    .line_rule(LineSpacingType::Exact),
            );
            out.push(s);
        }
        out
    }
}

/// The style a style made to measure is based on, from its id; `None`
/// for any other id.
pub fn based_on(id: &str) -> Option<String> {
    let digits = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    if id
        .strip_prefix(styles::id::INDICATOR_VALUE)
        .is_some_and(digits)
    {
        Some(styles::id::INDICATOR_VALUE.to_string())
    } else if id.strip_prefix("Space").is_some_and(digits) {
        Some(styles::id::SECTION_BREAK.to_string())
    } else {
        None
    }
}

fn value_id(hp: usize) -> String {
    format!("{}{hp}", id::INDICATOR_VALUE)
}

fn space_id(tw: u32) -> String {
    format!("Space{tw}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_made_to_measure_name_their_parent() {
        assert_eq!(
            based_on(&value_id(30)).as_deref(),
            Some(id::INDICATOR_VALUE)
        );
        assert_eq!(based_on(&space_id(240)).as_deref(), Some(id::SECTION_BREAK));
        assert_eq!(based_on(id::INDICATOR_VALUE), None);
        assert_eq!(based_on("SpaceX"), None);
        assert_eq!(based_on(id::BODY), None);
    }

    #[test]
    fn sizes_round_down_to_half_points() {
        assert_eq!(half_points_below(Pt(14.49)), 28);
        assert_eq!(half_points_below(Pt(14.5)), 29);
        assert_eq!(half_points_below(Pt(17.0)), 34);
    }
}
