//! The document body, laid out like the PDF: the title block across the
//! page, the indicator heading and its row of boxes, the sample-data note,
//! then the narrative (headings, paragraphs, the call-out) in columns.
//! Every paragraph names a style; nothing is formatted directly except
//! what belongs to one table (widths, shading of its cells).

use docx_rs::{
    BorderType, Docx, HeightRule, Paragraph, Run, Shading, ShdType, Table, TableCell,
    TableCellBorder, TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, WidthType,
};

use super::footer;
use super::inline::{Ctx, Part};
use super::logo;
use super::page::{self, twips};
use super::styles::{self, id};
use crate::doc::{Block, IndicatorRow};
use crate::theme::Theme;
use crate::units::{Mm, Pt};

/// The whole document, ready for docx-rs to write.
pub fn document(ctx: &mut Ctx<'_>, theme: &Theme) -> Result<Docx, String> {
    let doc = ctx.doc;
    let mut docx = Docx::new().styles(styles::styles(theme));

    // LibreOffice puts an empty line of its own before a table that opens
    // a section; a near-invisible paragraph of ours takes its place.
    docx = docx.add_paragraph(Paragraph::new().style(id::SECTION_BREAK));
    docx = docx.add_table(title_block(ctx, theme)?);

    // Section 1 (full width) ends with the paragraph under the indicators.
    let first = page::section(theme, 1, true);
    match &doc.indicators {
        Some(row) => {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style(id::INDICATOR_HEADING)
                    .add_run(ctx.label_run(&row.heading)),
            );
            docx = docx.add_table(indicator_table(ctx, theme, row));
            let closing = match &row.note {
                Some(note) => Paragraph::new()
                    .style(id::INDICATOR_NOTE)
                    .add_run(ctx.label_run(note)),
                None => Paragraph::new().style(id::SECTION_BREAK),
            };
            docx = docx.add_paragraph(closing.section_property(first));
        }
        None => {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style(id::SECTION_BREAK)
                    .section_property(first),
            );
        }
    }

    // Section 2: the narrative in columns, closed by its last paragraph.
    let mut narrative = Vec::new();
    for block in &doc.body {
        match block {
            Block::Heading(h) => narrative.push(
                Paragraph::new()
                    .style(id::HEADING1)
                    .add_run(Run::new().add_text(&h.text)),
            ),
            Block::Paragraph(p) => {
                let para = Paragraph::new().style(id::BODY);
                narrative.push(ctx.add_runs(para, &p.runs, Part::Document));
            }
            Block::Callout(c) => {
                narrative.push(
                    Paragraph::new()
                        .style(id::CALLOUT)
                        .add_run(ctx.label_run(&c.label)),
                );
                let mut amount = Paragraph::new()
                    .style(id::CALLOUT_AMOUNT)
                    .add_run(Run::new().add_text(&c.amount));
                if let Some(note) = c.note {
                    amount = amount.add_run(ctx.note_ref(note));
                }
                narrative.push(amount);
            }
        }
    }
    if let Some(last) = narrative.pop() {
        let columns = usize::from(theme.page.columns.max(1));
        narrative.push(last.section_property(page::section(theme, columns, false)));
    }
    for p in narrative {
        docx = docx.add_paragraph(p);
    }

    // Section 3: one column again, holding only an empty closing paragraph.
    docx = docx.add_paragraph(Paragraph::new().style(id::SECTION_BREAK));
    docx.document.section_property = page::section(theme, 1, false);
    docx.document.section_property.footer_reference = None;
    Ok(docx.footer(footer::footer(ctx)))
}

fn no_borders() -> TableCellBorders {
    TableCellBorders::new().clear_all()
}

fn fill(hex: String) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(hex)
}

/// The title block: a band in the accent colour across the whole page
/// width (the table starts in the left margin), the kicker and the
/// country's name on the left, the logo on the right.
fn title_block(ctx: &mut Ctx<'_>, theme: &Theme) -> Result<Table, String> {
    let doc = ctx.doc;
    let page_w = twips(page::A4_WIDTH);
    let ml = twips(theme.page.margin_left);
    let mr = twips(theme.page.margin_right);
    let accent = theme.colors.accent.hex();
    let pad_top = twips(Mm(4.0)) as usize;
    let pad_bottom = twips(Mm(4.5)) as usize;

    let text = TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .style(id::KICKER)
                .add_run(ctx.label_run(&doc.kicker)),
        )
        .add_paragraph(
            Paragraph::new()
                .style(id::TITLE)
                .add_run(Run::new().add_text(&doc.title)),
        )
        .shading(fill(accent.clone()))
        .vertical_align(VAlignType::Bottom)
        .set_borders(no_borders());

    let mut cells = vec![text];
    let grid = match &doc.logo {
        Some(l) => {
            let logo_w = twips(Mm(60.0)).min(page_w / 3);
            let pic = logo::picture(l, Mm(13.0), Mm(60.0) - theme.page.margin_right)?;
            let cell = TableCell::new()
                .add_paragraph(
                    Paragraph::new()
                        .style(id::LOGO)
                        .add_run(Run::new().add_image(pic)),
                )
                .shading(fill(accent))
                .vertical_align(VAlignType::Center)
                .set_borders(no_borders());
            cells.push(cell);
            vec![(page_w - logo_w) as usize, logo_w as usize]
        }
        None => vec![page_w as usize],
    };
    let last = cells.len() - 1;
    let cells: Vec<TableCell> = cells
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            c = c.width(grid[i], WidthType::Dxa);
            c.property = c
                .property
                .margin_top(pad_top, WidthType::Dxa)
                .margin_bottom(pad_bottom, WidthType::Dxa)
                .margin_left(if i == 0 { ml as usize } else { 0 }, WidthType::Dxa)
                .margin_right(if i == last { mr as usize } else { 0 }, WidthType::Dxa);
            c
        })
        .collect();
    Ok(Table::new(vec![TableRow::new(cells).cant_split()])
        .set_grid(grid)
        .width(page_w as usize, WidthType::Dxa)
        .indent(-ml)
        .layout(TableLayoutType::Fixed)
        .clear_all_border()
        .margins(TableCellMargins::new().margin(0, 0, 0, 0)))
}

/// The indicator boxes: a borderless table of shaded cells of one fixed
/// width, a narrow unshaded column between boxes as the gap, each box
/// topped by a rule in the accent colour like the PDF's.
fn indicator_table(ctx: &mut Ctx<'_>, theme: &Theme, row: &IndicatorRow) -> Table {
    let n = row.boxes.len().max(1) as i32;
    let width = page::text_width(theme);
    let gap = twips(Mm(theme.page.column_gap.0 / 2.0));
    let box_w = (width - gap * (n - 1)) / n;
    let panel = theme.colors.panel.hex();
    let accent = theme.colors.accent.hex();
    let pad_x = twips(Mm(3.0)) as usize;
    let pad_y = twips(Mm(1.5)) as usize;

    let mut grid = Vec::new();
    let mut cells = Vec::new();
    for (i, b) in row.boxes.iter().enumerate() {
        if i > 0 {
            grid.push(gap as usize);
            cells.push(
                TableCell::new()
                    .add_paragraph(Paragraph::new().style(id::SECTION_BREAK))
                    .width(gap as usize, WidthType::Dxa)
                    .set_borders(no_borders()),
            );
        }
        // The last box takes the rounding, so the row is exactly as wide
        // as the text.
        let w = if i + 1 == row.boxes.len() {
            width - (box_w + gap) * (n - 1)
        } else {
            box_w
        };
        grid.push(w as usize);
        let mut value = Paragraph::new()
            .style(id::INDICATOR_VALUE)
            .add_run(Run::new().add_text(&b.value));
        if let Some(note) = b.note {
            value = value.add_run(ctx.note_ref(note));
        }
        let mut cell = TableCell::new()
            .add_paragraph(
                Paragraph::new()
                    .style(id::INDICATOR_LABEL)
                    .add_run(Run::new().add_text(&b.label)),
            )
            .add_paragraph(value);
        if let Some(detail) = &b.detail {
            cell = cell.add_paragraph(
                Paragraph::new()
                    .style(id::INDICATOR_DETAIL)
                    .add_run(Run::new().add_text(detail)),
            );
        }
        let mut cell = cell
            .width(w as usize, WidthType::Dxa)
            .shading(fill(panel.clone()))
            .vertical_align(VAlignType::Center)
            .set_borders(
                no_borders().set(
                    TableCellBorder::new(TableCellBorderPosition::Top)
                        .border_type(BorderType::Single)
                        .size(Pt(2.25).to_eighth_points())
                        .color(accent.clone()),
                ),
            );
        cell.property = cell
            .property
            .margin_top(pad_y, WidthType::Dxa)
            .margin_bottom(pad_y, WidthType::Dxa)
            .margin_left(pad_x, WidthType::Dxa)
            .margin_right(pad_x, WidthType::Dxa);
        cells.push(cell);
    }
    let span = cells.len();
    let mut rows = vec![TableRow::new(cells).cant_split()];
    if row.note.is_none() {
        // Without a note under the boxes, an empty row is the space between
        // them and the narrative (LibreOffice drops an empty paragraph that
        // only closes a section, so that cannot hold the space).
        let spacer = TableCell::new()
            .add_paragraph(Paragraph::new().style(id::SECTION_BREAK))
            .grid_span(span)
            .width(width as usize, WidthType::Dxa)
            .set_borders(no_borders());
        rows.push(
            TableRow::new(vec![spacer])
                .row_height(twips(Mm(3.5)) as f32)
                .height_rule(HeightRule::Exact),
        );
    }
    Table::new(rows)
        .set_grid(grid)
        .width(width as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .clear_all_border()
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}
