//! The style sheet: every look in the factsheet is a named style built from
//! the theme, so an editor restyles the document, not each paragraph.
//! Built-in styles carry Word's own names ("heading 1", "footnote text"...)
//! so Word's navigation pane, TOC and footnote tools recognise them.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, RunFonts, Shading, ShdType, Style, StyleType,
    Styles, Tab, TabValueType, VertAlignType,
};

use super::xml::Element;
use crate::theme::Theme;
use crate::units::Pt;

/// Style ids, as paragraphs and runs refer to them.
pub mod id {
    pub const TITLE: &str = "Title";
    pub const KICKER: &str = "Kicker";
    pub const HEADING1: &str = "Heading1";
    pub const HEADING2: &str = "Heading2";
    pub const BODY: &str = "BodyText";
    pub const INDICATOR_HEADING: &str = "IndicatorHeading";
    pub const INDICATOR_LABEL: &str = "IndicatorLabel";
    pub const INDICATOR_VALUE: &str = "IndicatorValue";
    pub const INDICATOR_DETAIL: &str = "IndicatorDetail";
    pub const INDICATOR_NOTE: &str = "IndicatorNote";
    pub const CALLOUT: &str = "Callout";
    pub const CALLOUT_AMOUNT: &str = "CalloutAmount";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
    pub const FOOTER: &str = "Footer";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const STRONG: &str = "Strong";
    pub const EMPHASIS: &str = "Emphasis";
    /// The near-invisible paragraph that closes a section.
    pub const SECTION_BREAK: &str = "SectionBreak";
    pub const LOGO: &str = "Logo";
}

fn twips(p: Pt) -> u32 {
    p.to_twips().max(0) as u32
}

fn hex(c: &crate::theme::Color) -> String {
    c.hex()
}

/// Line spacing as a multiple of the type size, like the PDF's leading.
/// Word's "auto" rule would multiply the font's own line height (about
/// 1.36 times the size for Noto Sans) instead; "at least" keeps the lines
/// of a paragraph even and lets a larger glyph push its line down.
fn spacing(size: Pt, before: Pt, after: Pt, lines: f64) -> LineSpacing {
    LineSpacing::new()
        .before(twips(before))
        .after(twips(after))
        .line(twips(size * lines) as i32)
        .line_rule(LineSpacingType::AtLeast)
}

/// Exact line spacing, for one-line display type (the title, the figures):
/// the font's own line height would add a third of the size above it.
fn exact(size: Pt, before: Pt, after: Pt, lines: f64) -> LineSpacing {
    spacing(size, before, after, lines).line_rule(LineSpacingType::Exact)
}

fn paragraph(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(name)
}

fn character(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Character).name(name)
}

/// Small labels in capitals: by the style, so the text stays as written.
fn caps(mut s: Style, theme: &Theme) -> Style {
    if theme.text.uppercase_labels {
        s.run_property = s.run_property.caps();
    }
    s
}

fn keep_next(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true);
    s
}

fn keep_lines(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_lines(true);
    s
}

fn letter_spacing(mut s: Style, p: Pt) -> Style {
    s.run_property = s.run_property.spacing(p.to_twips());
    s
}

/// The whole style sheet.
pub fn styles(theme: &Theme) -> Styles {
    let s = &theme.sizes;
    let c = &theme.colors;
    let family = theme.fonts.family.as_str();
    let body_align = if theme.text.justify {
        AlignmentType::Both
    } else {
        AlignmentType::Left
    };
    let lead = s.leading;
    let mut list = Vec::new();

    list.push(
        paragraph(id::BODY, "Body Text")
            .based_on("Normal")
            .size(s.body.to_half_points())
            .align(body_align)
            .line_spacing(spacing(s.body, Pt(0.0), s.body * 0.35, lead)),
    );
    let heading = |id: &str, name: &str, level: usize, size: Pt| {
        keep_next(caps(
            paragraph(id, name)
                .based_on("Normal")
                .next(id::BODY)
                .size(size.to_half_points())
                .bold()
                .color(hex(&c.accent))
                .line_spacing(spacing(size, size * 0.8, size * 0.3, 1.15))
                .outline_lvl(level),
            theme,
        ))
    };
    list.push(heading(id::HEADING1, "heading 1", 0, s.heading));
    // Not used by the profile format yet; defined so sub-headings typed in
    // Word look like the house style.
    let mut h2 = heading(id::HEADING2, "heading 2", 1, s.heading);
    h2.run_property.caps = None;
    list.push(h2);
    list.push(
        paragraph(id::TITLE, "Title")
            .based_on("Normal")
            .next(id::BODY)
            .size(s.title.to_half_points())
            .bold()
            .color(hex(&c.on_accent))
            .line_spacing(exact(s.title, Pt(0.0), Pt(0.0), 1.15)),
    );
    list.push(letter_spacing(
        caps(
            paragraph(id::KICKER, "Kicker")
                .based_on("Normal")
                .next(id::TITLE)
                .size(s.kicker.to_half_points())
                .bold()
                .color(hex(&c.highlight))
                .line_spacing(spacing(s.kicker, Pt(0.0), s.kicker * 0.5, 1.0)),
            theme,
        ),
        Pt(0.6),
    ));
    list.push(
        paragraph(id::INDICATOR_HEADING, "Indicator Heading")
            .based_on(id::HEADING1)
            .next(id::BODY)
            .size(s.indicator_heading.to_half_points())
            .line_spacing(spacing(
                s.indicator_heading,
                s.indicator_heading * 0.8,
                s.indicator_heading * 0.4,
                1.15,
            )),
    );
    list.push(keep_next(caps(
        paragraph(id::INDICATOR_LABEL, "Indicator Label")
            .based_on("Normal")
            .next(id::INDICATOR_VALUE)
            .size(s.indicator_label.to_half_points())
            .bold()
            .color(hex(&c.accent))
            .line_spacing(spacing(
                s.indicator_label,
                Pt(0.0),
                s.indicator_label * 0.5,
                1.1,
            )),
        theme,
    )));
    list.push(keep_next(
        paragraph(id::INDICATOR_VALUE, "Indicator Value")
            .based_on("Normal")
            .next(id::INDICATOR_DETAIL)
            .size(s.indicator_value.to_half_points())
            .bold()
            .color(hex(&c.accent))
            .line_spacing(exact(
                s.indicator_value,
                Pt(0.0),
                s.indicator_value * 0.25,
                1.15,
            )),
    ));
    list.push(
        paragraph(id::INDICATOR_DETAIL, "Indicator Detail")
            .based_on("Normal")
            .size(s.indicator_detail.to_half_points())
            .italic()
            .color(hex(&c.muted))
            .line_spacing(spacing(s.indicator_detail, Pt(0.0), Pt(0.0), 1.1)),
    );
    list.push(
        paragraph(id::INDICATOR_NOTE, "Indicator Note")
            .based_on("Normal")
            .next(id::BODY)
            .size(s.indicator_detail.to_half_points())
            .italic()
            .color(hex(&c.muted))
            .line_spacing(spacing(
                s.indicator_detail,
                s.indicator_detail * 0.6,
                s.indicator_detail * 1.2,
                1.1,
            )),
    );
    list.push(callout(theme));
    let mut amount = paragraph(id::CALLOUT_AMOUNT, "Callout Amount")
        .based_on(id::CALLOUT)
        .next(id::BODY)
        .size(s.callout_amount.to_half_points())
        .line_spacing(exact(s.callout_amount, Pt(0.0), s.body * 0.5, 1.1));
    // The amount ends the block: it keeps its lines, not the next paragraph.
    amount.paragraph_property = amount.paragraph_property.keep_next(false);
    amount.run_property.caps = None;
    list.push(amount);
    list.push(
        paragraph(id::FOOTNOTE_TEXT, "footnote text")
            .based_on("Normal")
            .size(s.footnote.to_half_points())
            .line_spacing(spacing(s.footnote, Pt(0.0), s.footnote * 0.3, 1.15))
            .ui_priority(99)
            .unhide_when_used(),
    );
    let mut reference = character(id::FOOTNOTE_REFERENCE, "footnote reference")
        .ui_priority(99)
        .unhide_when_used();
    reference.run_property = reference
        .run_property
        .vert_align(VertAlignType::SuperScript);
    list.push(reference);
    list.push(footer(theme));
    list.push(
        character(id::HYPERLINK, "Hyperlink")
            .color(hex(&c.accent))
            .underline("single")
            .ui_priority(99)
            .unhide_when_used(),
    );
    list.push(character(id::STRONG, "Strong").bold());
    list.push(character(id::EMPHASIS, "Emphasis").italic());
    list.push(
        paragraph(id::SECTION_BREAK, "Section Break")
            .based_on("Normal")
            .size(2)
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(20)
                    .line_rule(LineSpacingType::Exact),
            )
            .semi_hidden(),
    );

    list.push(
        paragraph(id::LOGO, "Logo")
            .based_on("Normal")
            .align(AlignmentType::Right)
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(240)
                    .line_rule(LineSpacingType::Auto),
            ),
    );

    let mut styles = Styles::new()
        .default_fonts(
            RunFonts::new()
                .ascii(family)
                .hi_ansi(family)
                .cs(family)
                .east_asia(family),
        )
        .default_size(s.body.to_half_points());
    for st in list {
        styles = styles.add_style(st);
    }
    styles
}

/// The budget call-out: accent ground, the highlight colour as a thick
/// rule on the left, white text. Paragraph borders and shading (rather
/// than a table) keep it one block that Word and LibreOffice never split:
/// every paragraph keeps its lines, and the label keeps with the amount.
fn callout(theme: &Theme) -> Style {
    let c = &theme.colors;
    let s = &theme.sizes;
    let accent = hex(&c.accent);
    // Borders in the ground colour pad the text inside the block.
    let pad = |pos| {
        ParagraphBorder::new(pos)
            .val(BorderType::Single)
            .size(4)
            .space(3)
            .color(accent.clone())
    };
    let borders = ParagraphBorders::with_empty()
        .set(
            ParagraphBorder::new(ParagraphBorderPosition::Left)
                .val(BorderType::Single)
                .size(Pt(4.5).to_eighth_points())
                .space(9)
                .color(hex(&c.highlight)),
        )
        .set(pad(ParagraphBorderPosition::Top))
        .set(pad(ParagraphBorderPosition::Bottom))
        .set(pad(ParagraphBorderPosition::Right));
    let mut st = keep_lines(keep_next(caps(
        paragraph(id::CALLOUT, "Callout")
            .based_on("Normal")
            .next(id::CALLOUT_AMOUNT)
            .size(s.callout_label.to_half_points())
            .bold()
            .color(hex(&c.on_accent))
            .line_spacing(exact(s.callout_label, s.body * 0.4, Pt(0.0), 1.3)),
        theme,
    )));
    let inset = twips(Pt(10.0)) as i32;
    st.paragraph_property = st
        .paragraph_property
        .set_borders(borders)
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(accent),
        )
        .indent(Some(inset), None, Some(inset), None);
    st
}

/// The page footer: a thin rule above, the programme left, the page
/// number at a right tab on the margin.
fn footer(theme: &Theme) -> Style {
    let c = &theme.colors;
    let p = &theme.page;
    let text_width = crate::units::Mm(210.0 - p.margin_left.0 - p.margin_right.0).to_pt();
    let mut st = paragraph(id::FOOTER, "footer")
        .based_on("Normal")
        .size(theme.sizes.footer.to_half_points())
        .color(hex(&c.muted))
        .line_spacing(spacing(theme.sizes.footer, Pt(0.0), Pt(0.0), 1.0))
        .ui_priority(99)
        .unhide_when_used();
    st.paragraph_property = st
        .paragraph_property
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos(twips(text_width) as usize),
        )
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Top)
                    .val(BorderType::Single)
                    .size(Pt(0.5).to_eighth_points())
                    .space(4)
                    .color(hex(&c.rule)),
            ),
        );
    st
}

/// Paragraph styles whose text is hyphenated; headings, labels and figures
/// never are.
const HYPHENATED: &[&str] = &[id::BODY, id::FOOTNOTE_TEXT, "Normal"];

/// What docx-rs cannot say in styles.xml: the text colour and language of
/// the document defaults (so spell-checking knows the language), and which
/// styles are not hyphenated.
pub fn finish(styles: &mut Element, theme: &Theme, lang: &str) {
    for style in styles.elements_mut() {
        let is_paragraph = style.name == "w:style" && style.get_attr("w:type") == Some("paragraph");
        let id = style.get_attr("w:styleId").unwrap_or_default();
        if is_paragraph && !HYPHENATED.contains(&id) {
            style
                .find_or_insert("w:pPr")
                .find_or_insert("w:suppressAutoHyphens");
        }
    }
    let Some(defaults) = styles.find_mut("w:docDefaults") else {
        return;
    };
    let rpr = defaults
        .find_or_insert("w:rPrDefault")
        .find_or_insert("w:rPr");
    rpr.children.retain(
        |c| !matches!(c, super::xml::Node::Element(e) if e.name == "w:color" || e.name == "w:lang"),
    );
    let rpr = rpr
        .clone()
        .child(Element::new("w:color").attr("w:val", &hex(&theme.colors.text)))
        .child(Element::new("w:lang").attr("w:val", lang));
    *defaults
        .find_or_insert("w:rPrDefault")
        .find_or_insert("w:rPr") = rpr;
}
