//! The indicator boxes, in the rows the design breaks them into: each row
//! a table of its own, its boxes as wide as the design makes them and its
//! values at the row's size (a sized style per row), the boxes' text at
//! the top with the design's insets as cell margins.
//!
//! A box is a column of three cells, one table row each: label, value and
//! source. Cells of one table row share their height, so the values of a
//! row line up whatever the number of lines its labels take, as in the
//! PDF. Between boxes is a narrow unshaded grid column: the gap. Word
//! could space the cells itself (`w:tblCellSpacing`), but LibreOffice 7.4
//! ignores it and the boxes would touch. Between rows is an empty
//! paragraph of the gap's height (two tables next to each other would
//! merge into one).

use docx_rs::{
    BorderType, Docx, Paragraph, Run, Table, TableAlignmentType, TableCell, TableCellBorder,
    TableCellBorderPosition, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::band::{fill, no_borders};
use super::inline::Ctx;
use super::page::twips;
use super::styles::{self, id};
use crate::design::{IndicatorDesign, IndicatorRowDesign, Paint, Role, RoleStyle};
use crate::doc::{IndicatorBox, IndicatorRow};
use crate::units::Pt;

/// The heading, the rows of boxes and the sample-data note.
pub fn add(mut docx: Docx, ctx: &mut Ctx<'_>, row: &IndicatorRow, d: &IndicatorDesign) -> Docx {
    docx = docx.add_paragraph(
        Paragraph::new()
            .style(id::INDICATOR_HEADING)
            .add_run(Run::new().add_text(&row.heading)),
    );
    for (i, r) in d.rows.iter().enumerate() {
        if i > 0 {
            docx = docx.add_paragraph(Paragraph::new().style(&ctx.sized.space(d.gap)));
        }
        docx = docx.add_table(row_table(ctx, &row.boxes[r.boxes.clone()], r, d));
    }
    if let Some(note) = &row.note {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(id::INDICATOR_NOTE)
                .add_run(Run::new().add_text(note)),
        );
    }
    docx
}

/// The three parts of a box, top to bottom.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Label,
    Value,
    Source,
}

/// One row of boxes.
fn row_table(
    ctx: &mut Ctx<'_>,
    boxes: &[IndicatorBox],
    r: &IndicatorRowDesign,
    d: &IndicatorDesign,
) -> Table {
    let n = boxes.len();
    let box_w = twips(r.box_width);
    let gap = twips(d.gap);
    let value_style = ctx.sized.value(ctx.design, r.value_size);
    let value_role = r.value_style(ctx.design.style(Role::IndicatorValue));
    let has_source = boxes.iter().any(|b| b.detail.is_some());
    let mut parts = vec![Part::Label, Part::Value];
    if has_source {
        parts.push(Part::Source);
    }
    // Space below each part: the gap to the next, or the inset at the foot
    // (with the source's gap where a row has no source, as in the PDF).
    let below = |part: Part| match part {
        Part::Label => d.label_gap,
        Part::Value if has_source => d.detail_gap,
        Part::Value | Part::Source => {
            if has_source {
                d.inset
            } else {
                d.detail_gap + d.inset
            }
        }
    };

    let mut grid = Vec::new();
    for k in 0..n {
        if k > 0 {
            grid.push(gap as usize);
        }
        grid.push(box_w as usize);
    }
    let rows = parts
        .iter()
        .map(|&part| {
            let mut cells = Vec::new();
            for (k, b) in boxes.iter().enumerate() {
                if k > 0 {
                    cells.push(gap_cell(gap));
                }
                let content =
                    match part {
                        Part::Label => Paragraph::new().style(id::INDICATOR_LABEL).add_run(
                            Run::new().add_text(ctx.fit(
                                &b.label,
                                d.inner_width(r),
                                ctx.design.style(Role::IndicatorLabel),
                            )),
                        ),
                        Part::Value => value(ctx, b, &value_style, d.inner_width(r), &value_role),
                        Part::Source => {
                            let p = Paragraph::new().style(id::INDICATOR_DETAIL);
                            match &b.detail {
                                Some(detail) => p.add_run(Run::new().add_text(detail)),
                                None => p,
                            }
                        }
                    };
                let top = if part == Part::Label {
                    d.inset
                } else {
                    Pt::ZERO
                };
                cells.push(box_cell(ctx, content, box_w, part, d, top, below(part)));
            }
            TableRow::new(cells).cant_split()
        })
        .collect();
    let table = Table::new(rows)
        .set_grid(grid)
        .width(
            (box_w * n as i32 + gap * (n as i32 - 1)) as usize,
            WidthType::Dxa,
        )
        .layout(TableLayoutType::Fixed)
        .clear_all_border()
        .margins(TableCellMargins::new().margin(0, 0, 0, 0));
    // A lone box, a column wide, stands where lines start: at the right
    // in a right-to-left document, as in the PDF. (A table of one column
    // is not mirrored by `w:bidiVisual`: see `script::mark`.)
    if ctx.writing.rtl && n == 1 {
        table.align(TableAlignmentType::Right)
    } else {
        table
    }
}

/// A box's value, with its note's reference; its words too long for
/// `width` in `role` get optional hyphens.
fn value(
    ctx: &mut Ctx<'_>,
    b: &IndicatorBox,
    style: &str,
    width: Pt,
    role: &RoleStyle,
) -> Paragraph {
    let text = ctx.fit(&b.value, width, role).into_owned();
    let mut p = Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text));
    if let Some(note) = b.note {
        p = p.add_run(ctx.note_ref(note));
    }
    p
}

/// One part of a box: shaded, the accent rule along the box's top, the
/// design's inset left and right.
fn box_cell(
    ctx: &Ctx<'_>,
    content: Paragraph,
    width: i32,
    part: Part,
    d: &IndicatorDesign,
    top: Pt,
    bottom: Pt,
) -> TableCell {
    let mut borders = no_borders();
    if part == Part::Label {
        borders = borders.set(
            TableCellBorder::new(TableCellBorderPosition::Top)
                .border_type(BorderType::Single)
                .size(d.rule.to_eighth_points())
                .color(styles::hex(ctx.theme, Paint::Accent)),
        );
    }
    let mut cell = TableCell::new()
        .add_paragraph(content)
        .width(width as usize, WidthType::Dxa)
        .shading(fill(ctx, Paint::Panel))
        .vertical_align(VAlignType::Top)
        .set_borders(borders);
    let inset = twips(d.inset) as usize;
    cell.property = cell
        .property
        .margin_top(twips(top).max(0) as usize, WidthType::Dxa)
        .margin_bottom(twips(bottom).max(0) as usize, WidthType::Dxa)
        .margin_left(inset, WidthType::Dxa)
        .margin_right(inset, WidthType::Dxa);
    cell
}

/// The gap between two boxes: unshaded, holding only a hairline
/// paragraph (a cell must hold one).
fn gap_cell(width: i32) -> TableCell {
    TableCell::new()
        .add_paragraph(Paragraph::new().style(id::SECTION_BREAK))
        .width(width as usize, WidthType::Dxa)
        .set_borders(no_borders())
}
