//! The indicator boxes: which share a row, how wide each row's boxes are,
//! and the one size every value is set at.

use super::{Measure, PageGeometry, Role, RoleStyle, TypeScale};
use crate::doc::IndicatorRow;
use crate::units::{Mm, Pt};

/// Boxes side by side, at most: narrower boxes would not hold a value.
pub const MAX_PER_ROW: usize = 6;
/// A row's values shrink to this share of their size before one wraps.
pub const MIN_VALUE_SCALE: f64 = 0.6;

/// The rows of boxes.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorDesign {
    pub rows: Vec<IndicatorRowDesign>,
    /// Between two boxes, across and down.
    pub gap: Pt,
    /// Inside a box, around its text.
    pub inset: Pt,
    /// The accent rule along a box's top.
    pub rule: Pt,
    /// Below the heading, before the first row.
    pub heading_gap: Pt,
    /// Between a box's label and value, and value and detail.
    pub label_gap: Pt,
    pub detail_gap: Pt,
    /// Above the sample-data note.
    pub note_gap: Pt,
}

/// One row of boxes.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRowDesign {
    /// Indices of the boxes in the document's row.
    pub boxes: std::ops::Range<usize>,
    pub box_width: Pt,
    /// The size every value is set at (the same in every row: the values
    /// read as one series).
    pub value_size: Pt,
}

impl IndicatorDesign {
    /// Width inside a box of `row`.
    pub fn inner_width(&self, row: &IndicatorRowDesign) -> Pt {
        row.box_width - self.inset * 2.0
    }
}

impl IndicatorRowDesign {
    /// The value style of this row: `full` (the indicator value's role
    /// style) at the row's size, its leading scaled with it, so that a
    /// value that wraps keeps the proportions of the full size.
    pub fn value_style(&self, full: &RoleStyle) -> RoleStyle {
        RoleStyle {
            size: self.value_size,
            leading: full.leading * (self.value_size / full.size),
            ..full.clone()
        }
    }
}

/// How many boxes each row holds, at most `most` a row: as even as
/// possible, fuller rows first (7 boxes are 4 + 3), each row filling the
/// text width.
pub fn row_counts(n: usize, most: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let rows = n.div_ceil(most.max(1));
    let base = n / rows;
    let extra = n % rows;
    (0..rows).map(|r| base + usize::from(r < extra)).collect()
}

/// The rows of boxes: as many boxes a row as [`MAX_PER_ROW`] allows, or
/// fewer when a value's longest figure (with its currency, which a
/// no-break space holds together) would not fit a box even at the least
/// size: fewer, wider boxes rather than a figure cut in two. A word of
/// letters does not count: it is hyphenated where it does not fit. Nor
/// does a figure that would not fit even one box a row: it is cut in any
/// case, and the boxes keep their rows.
pub(super) fn rows(
    row: &IndicatorRow,
    page: &PageGeometry,
    scale: &TypeScale,
    measure: &dyn Measure,
) -> IndicatorDesign {
    // Each value measured once, whatever the rows: its natural width and
    // that of its longest word, at the full value size.
    let value_style = scale.get(Role::IndicatorValue);
    let widths: Vec<(Pt, Pt)> = row
        .boxes
        .iter()
        .map(|b| {
            let text = value_text(&b.value, b.note);
            let longest = text
                .split([' ', '\t', '\n'])
                .filter(|w| w.chars().any(char::is_numeric))
                .map(|w| measure.width(w, value_style))
                .fold(Pt::ZERO, Pt::max);
            (measure.width(&text, value_style), longest)
        })
        .collect();
    (1..=MAX_PER_ROW)
        .rev()
        .map(|most| rows_of(&widths, page, value_style.size, most))
        .find_map(|(design, words_fit)| words_fit.then_some(design))
        .unwrap_or_else(|| rows_of(&widths, page, value_style.size, MAX_PER_ROW).0)
}

/// The rows at most `most` boxes wide, for values of `widths` (natural,
/// longest word) at `full` size, and whether every value's longest word
/// fits its box at the least size.
fn rows_of(
    widths: &[(Pt, Pt)],
    page: &PageGeometry,
    full: Pt,
    most: usize,
) -> (IndicatorDesign, bool) {
    let gap = page.column_gap / 2.0;
    let inset = Mm(3.0).to_pt();
    let mut rows = Vec::new();
    let mut start = 0;
    let mut words_fit = true;
    for count in row_counts(widths.len(), most) {
        // A lone indicator is as wide as a column of text, not the whole
        // page; boxes one a row (for a long figure) take the text's width.
        let box_width = if widths.len() == 1 {
            page.column_width
        } else if count == 1 {
            page.text_width
        } else {
            (page.text_width - gap * (count as f64 - 1.0)) / count as f64
        };
        let inner = box_width - inset * 2.0;
        // The largest size at which every value of the row fits on a
        // line, but no smaller than the limit (a value then wraps).
        let mut scale_down: f64 = 1.0;
        for &(natural, longest) in &widths[start..start + count] {
            if natural > inner {
                scale_down = scale_down.min(inner / natural * 0.995);
            }
            words_fit &= longest * MIN_VALUE_SCALE <= inner;
        }
        let value_size = full * scale_down.max(MIN_VALUE_SCALE);
        rows.push(IndicatorRowDesign {
            boxes: start..start + count,
            box_width,
            value_size,
        });
        start += count;
    }
    // One size for every row: a row of three wider boxes would otherwise
    // set its values larger than the row of four above it.
    let smallest = rows.iter().map(|r| r.value_size).reduce(Pt::min);
    if let Some(size) = smallest {
        for r in &mut rows {
            r.value_size = size;
        }
    }
    let design = IndicatorDesign {
        rows,
        gap,
        inset,
        rule: Pt(2.5),
        heading_gap: Mm(1.5).to_pt(),
        label_gap: Mm(2.5).to_pt(),
        detail_gap: Mm(1.5).to_pt(),
        note_gap: Mm(1.5).to_pt(),
    };
    (design, words_fit)
}

/// A value as it is set: with its note's number as a superscript figure.
pub fn value_text(value: &str, note: Option<u32>) -> String {
    match note {
        Some(n) => format!("{value}{}", crate::doc::superscript(n)),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_even_and_full() {
        let counts = |n| row_counts(n, MAX_PER_ROW);
        assert_eq!(counts(1), vec![1]);
        assert_eq!(counts(4), vec![4]);
        assert_eq!(counts(6), vec![6]);
        assert_eq!(counts(7), vec![4, 3]);
        assert_eq!(counts(9), vec![5, 4]);
        assert_eq!(counts(12), vec![6, 6]);
        assert_eq!(counts(13), vec![5, 4, 4]);
        assert!(counts(0).is_empty());
        assert_eq!(row_counts(12, 5), vec![4, 4, 4]);
    }

    /// Widths by character count: 5 pt a character at 17 pt.
    struct Chars;
    impl Measure for Chars {
        fn width(&self, text: &str, style: &RoleStyle) -> Pt {
            Pt(text.chars().count() as f64 * 5.0 * style.size.0 / 17.0)
        }
        fn line_count(&self, _: &str, _: &RoleStyle, _: Pt) -> usize {
            1
        }
    }

    #[test]
    fn every_row_sets_its_values_at_one_size() {
        let theme = crate::theme::Theme::default();
        let page = PageGeometry::new(&theme);
        let scale = TypeScale::new(&theme);
        // A value too wide for a box of a row of four, beside short ones;
        // three boxes below, wider, whose values fit at the full size.
        let row = boxes_with(&["1,098,581 km2 of land", "1", "2", "3", "4", "5", "6"]);
        let d = rows(&row, &page, &scale, &Chars);
        assert_eq!(d.rows.len(), 2);
        let full = scale.get(Role::IndicatorValue).size;
        assert!(d.rows[0].value_size < full, "the long value is not scaled");
        assert_eq!(d.rows[0].value_size, d.rows[1].value_size);
    }

    fn boxes_with(values: &[&str]) -> IndicatorRow {
        let boxes = values
            .iter()
            .map(|value| crate::doc::IndicatorBox {
                id: String::new(),
                label: "Label".into(),
                value: (*value).into(),
                detail: None,
                note: None,
                sample: false,
                at: None,
                label_at: None,
                value_at: None,
                detail_at: None,
            })
            .collect();
        IndicatorRow {
            heading: "Key national indicators".into(),
            boxes,
            note: None,
        }
    }

    #[test]
    fn a_figure_too_wide_for_a_box_at_the_least_size_makes_rows_narrower() {
        let theme = crate::theme::Theme::default();
        let page = PageGeometry::new(&theme);
        let scale = TypeScale::new(&theme);
        let counts =
            |d: &IndicatorDesign| -> Vec<usize> { d.rows.iter().map(|r| r.boxes.len()).collect() };
        // Twelve short values: two rows of six.
        let short = boxes_with(&["1"; 12]);
        let d6 = rows(&short, &page, &scale, &Chars);
        assert_eq!(counts(&d6), vec![6, 6]);
        // One figure held together by no-break spaces, 25 characters:
        // at the least size wider than a box of a row of six, so rows of
        // four, in which it fits whole.
        let mut values = vec!["1"; 12];
        values[7] = "1\u{a0}234\u{a0}567\u{a0}890\u{a0}123\u{a0}456\u{a0}789";
        let d = rows(&boxes_with(&values), &page, &scale, &Chars);
        assert_eq!(counts(&d), vec![4, 4, 4]);
        let inner = d.inner_width(&d.rows[1]);
        let at_size = Chars.width(
            values[7],
            &d.rows[1].value_style(scale.get(Role::IndicatorValue)),
        );
        assert!(at_size <= inner, "{at_size:?} in {inner:?}");
        // Words apart by plain spaces wrap instead: rows stay six wide.
        let mut values = vec!["1"; 12];
        values[7] = "one two three four five six seven";
        assert_eq!(
            counts(&rows(&boxes_with(&values), &page, &scale, &Chars)),
            vec![6, 6]
        );
        // A long word of letters is hyphenated: rows stay six wide (they
        // were one box a row in a half-width column).
        values[7] = "Aussicommunautéaussicommunautéaussicommunauté";
        assert_eq!(
            counts(&rows(&boxes_with(&values), &page, &scale, &Chars)),
            vec![6, 6]
        );
        // A figure too wide even for a box across the page: no row count
        // helps, so the rows stay full.
        let endless = "1234567890".repeat(40);
        values[7] = &endless;
        assert_eq!(
            counts(&rows(&boxes_with(&values), &page, &scale, &Chars)),
            vec![6, 6]
        );
    }

    #[test]
    fn boxes_one_a_row_take_the_texts_width() {
        let theme = crate::theme::Theme::default();
        let page = PageGeometry::new(&theme);
        let scale = TypeScale::new(&theme);
        // A figure that fits a box only when it has the row to itself.
        let long = "1234567890".repeat(12);
        let wide = Chars.width(&long, scale.get(Role::IndicatorValue)) * MIN_VALUE_SCALE;
        assert!(wide > page.column_width && wide < page.text_width - Mm(6.0).to_pt());
        let d = rows(&boxes_with(&["1", &long, "3"]), &page, &scale, &Chars);
        assert_eq!(d.rows.len(), 3);
        assert!(d.rows.iter().all(|r| r.box_width == page.text_width));
        // A lone indicator is a column wide.
        let d = rows(&boxes_with(&["1"]), &page, &scale, &Chars);
        assert_eq!(d.rows[0].box_width, page.column_width);
    }
}
