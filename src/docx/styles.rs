//! The style sheet: every look in the factsheet is a named style built from
//! the design's type scale, so an editor restyles the document, not each
//! paragraph, and the DOCX sets type at the sizes, leading, tracking and
//! spacing the PDF uses. Built-in styles carry Word's own names ("heading
//! 1", "footnote text"...) so Word's navigation pane, TOC and footnote
//! tools recognise them.

use docx_rs::{
    AlignmentType, BorderType, Caps, LineSpacing, LineSpacingType, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, RunFonts, Shading, ShdType, SpecialIndentType,
    Style, StyleType, Styles, Tab, TabValueType, VertAlignType,
};

use super::script::Writing;
use super::sized::Sized;
use super::xml::{Element, Node};
use crate::design::{Design, Paint, Role, RoleStyle};
use crate::fonts::FaceId;
use crate::theme::Theme;
use crate::units::Pt;

/// Style ids, as paragraphs and runs refer to them.
pub mod id {
    pub const TITLE: &str = "Title";
    pub const KICKER: &str = "Kicker";
    pub const HEADING1: &str = "Heading1";
    pub const HEADING2: &str = "Heading2";
    /// A section's heading in a combined document: the heading's look,
    /// one outline level below the country's title.
    pub const SECTION_HEADING: &str = "SectionHeading";
    pub const BODY: &str = "BodyText";
    /// A paragraph that follows another: its first line indented.
    pub const BODY_INDENT: &str = "BodyTextFirstIndent";
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
    /// The page number and its words in the footer ("Page", "of"): Word's
    /// built-in "page number" style (Word knows built-in styles by name;
    /// the id is ours, and holds no word a reader could search for).
    pub const PAGE_NUMBER: &str = "Folio";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const STRONG: &str = "Strong";
    pub const EMPHASIS: &str = "Emphasis";
    /// The near-invisible paragraph that closes a section.
    pub const SECTION_BREAK: &str = "SectionBreak";
    /// The near-invisible first paragraph of a factsheet, which holds the
    /// title band's page-anchored rectangle.
    pub const BAND_ANCHOR: &str = "BandAnchor";
    /// A combined document's cover: its anchor paragraph (the band's
    /// rectangle, the logo) and its lines.
    pub const COVER_ANCHOR: &str = "CoverAnchor";
    pub const COVER_KICKER: &str = "CoverKicker";
    pub const COVER_TITLE: &str = "CoverTitle";
    pub const COVER_LINE: &str = "CoverLine";
    /// The contents: Word's built-in "TOC Heading" and "toc 1".
    pub const CONTENTS_HEADING: &str = "TOCHeading";
    pub const CONTENTS_ENTRY: &str = "TOC1";
}

/// The Word style of each role of the design.
const ROLES: [(&str, Role); 13] = [
    (id::KICKER, Role::Kicker),
    (id::TITLE, Role::Title),
    (id::INDICATOR_HEADING, Role::IndicatorHeading),
    (id::INDICATOR_LABEL, Role::IndicatorLabel),
    (id::INDICATOR_VALUE, Role::IndicatorValue),
    (id::INDICATOR_DETAIL, Role::IndicatorDetail),
    (id::INDICATOR_NOTE, Role::SampleNote),
    (id::HEADING1, Role::Heading),
    (id::BODY, Role::Body),
    (id::CALLOUT, Role::CalloutLabel),
    (id::CALLOUT_AMOUNT, Role::CalloutAmount),
    (id::FOOTNOTE_TEXT, Role::Footnote),
    (id::FOOTER, Role::Footer),
];

/// Word's smallest type size, 1 pt, in half points: the size of the
/// near-invisible paragraphs that only hold a section break or an anchor.
pub const SMALLEST_TYPE: usize = 2;
/// Word's thinnest paragraph border, ¼ pt, in eighths of a point.
const THINNEST_BORDER: usize = 2;

pub fn twips(p: Pt) -> u32 {
    p.to_twips().max(0) as u32
}

/// A colour of the design as Word writes it (the theme's RGB: a DOCX has
/// no print colours).
pub fn hex(theme: &Theme, paint: Paint) -> String {
    paint.color(&theme.colors).hex()
}

/// How a role's leading becomes Word's line spacing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// Exactly the leading, as the PDF sets every line.
    Exact,
    /// At least the leading: a taller glyph pushes its line down. Word
    /// cuts off what rises above an exact line; the house font's glyphs
    /// stay within it, but a fallback font's (Thai, Devanagari) may not.
    AtLeast,
}

/// Line spacing of a role. Word's "auto" rule would multiply the font's
/// own line height (about 1.36 times the size for Noto Sans) instead, and
/// so would "at least" wherever the design's leading is smaller than
/// that: the page would hold fewer lines than the PDF's.
fn spacing(leading: Pt, before: Pt, after: Pt, lines: Lines) -> LineSpacing {
    LineSpacing::new()
        .before(twips(before))
        .after(twips(after))
        .line(twips(leading) as i32)
        .line_rule(match lines {
            Lines::Exact => LineSpacingType::Exact,
            Lines::AtLeast => LineSpacingType::AtLeast,
        })
}

/// How lines are spaced: exactly at the design's leading, unless the
/// text holds characters the house font lacks (`complex`), set in another
/// font whose glyphs may be taller; then running text and labels take at
/// least the leading, and only one-line display type (the title, figures)
/// stays exact.
pub fn lines_of(role: Role, complex: bool) -> Lines {
    let display = matches!(
        role,
        Role::Title | Role::IndicatorValue | Role::CalloutLabel | Role::CalloutAmount
    );
    if display || !complex {
        Lines::Exact
    } else {
        Lines::AtLeast
    }
}

/// A paragraph style set as `r` sets text: face, size, colour, capitals,
/// tracking (in em of the size, as twentieths of a point), alignment and
/// line spacing, with `before` and `after` of space.
pub fn role_style(
    id: &str,
    name: &str,
    r: &RoleStyle,
    lines: Lines,
    before: Pt,
    after: Pt,
    theme: &Theme,
) -> Style {
    let mut s = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .size(r.size.to_half_points())
        .color(hex(theme, r.paint))
        .align(if r.justify {
            AlignmentType::Both
        } else {
            AlignmentType::Left
        })
        .line_spacing(spacing(r.leading, before, after, lines));
    s = match r.face {
        FaceId::Bold => s.bold(),
        FaceId::Italic => s.italic(),
        FaceId::BoldItalic => s.bold().italic(),
        FaceId::Regular | FaceId::Fallback(_) => s,
    };
    if r.caps {
        s.run_property = s.run_property.caps();
    }
    let tracking = (r.size * r.tracking).to_twips();
    if tracking != 0 {
        s.run_property = s.run_property.spacing(tracking);
    }
    s
}

/// A style of the band's text, its lines ending short of the logo: an
/// indent at their end (the right, or the left in a right-to-left
/// paragraph), as wide as the logo and its gap.
pub fn clear_logo(s: Style, design: &Design) -> Style {
    let room = design.page.text_width - design.band.text_width;
    if room > Pt::ZERO {
        s.indent(None, None, Some(room.to_twips()), None)
    } else {
        s
    }
}

fn character(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Character).name(name)
}

fn keep_next(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true);
    s
}

fn keep_lines(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_lines(true);
    s
}

/// The whole style sheet, with the sized variants the body asked for.
/// A combined document (`nested`) puts the country's title at the top of
/// Word's outline and the sections below it.
pub fn styles(
    design: &Design,
    theme: &Theme,
    sized: &Sized,
    writing: &Writing,
    nested: bool,
) -> Styles {
    let complex = writing.complex;
    let role = |id: &str, name: &str, r: Role, before: Pt, after: Pt| {
        role_style(
            id,
            name,
            design.style(r),
            lines_of(r, complex),
            before,
            after,
            theme,
        )
    };
    let body = &design.body;
    let band = &design.band;
    let zero = Pt::ZERO;
    let mut list = Vec::new();

    list.push(role(
        id::BODY,
        "Body Text",
        Role::Body,
        body.paragraph,
        zero,
    ));
    list.push(
        Style::new(id::BODY_INDENT, StyleType::Paragraph)
            .name("Body Text First Indent")
            .based_on(id::BODY)
            .next(id::BODY_INDENT)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(body.indent.to_twips())),
                None,
                None,
            ),
    );
    // Word adds the space after one paragraph to the space before the
    // next, where the PDF takes the larger of the two: the space after a
    // heading or a call-out is what it adds to a paragraph's own.
    let heading = role(
        id::HEADING1,
        "heading 1",
        Role::Heading,
        body.heading_before,
        (body.heading_after - body.paragraph).max(zero),
    )
    .next(id::BODY)
    .outline_lvl(0);
    list.push(keep_next(heading));
    // Not used by the profile format yet; defined so sub-headings typed in
    // Word look like the house style, in the heading's type as written.
    let sub = RoleStyle {
        caps: false,
        tracking: 0.0,
        ..design.style(Role::Heading).clone()
    };
    let h2 = role_style(
        id::HEADING2,
        "heading 2",
        &sub,
        lines_of(Role::Heading, complex),
        body.heading_before,
        (body.heading_after - body.paragraph).max(zero),
        theme,
    );
    list.push(keep_next(h2.next(id::BODY).outline_lvl(1)));

    let title =
        clear_logo(role(id::TITLE, "Title", Role::Title, zero, zero), design).next(id::BODY);
    if nested {
        list.push(title.outline_lvl(0));
        // The sections of a country: the heading's look, one level down.
        list.push(
            keep_next(Style::new(id::SECTION_HEADING, StyleType::Paragraph))
                .name("Section Heading")
                .based_on(id::HEADING1)
                .next(id::BODY)
                .outline_lvl(1),
        );
        list.extend(super::front::styles(design, theme, complex));
    } else {
        list.push(title);
    }
    list.push(
        clear_logo(
            role(id::KICKER, "Kicker", Role::Kicker, zero, band.kicker_gap),
            design,
        )
        .next(id::TITLE),
    );
    let (heading_gap, note_gap) = design
        .indicators
        .as_ref()
        .map_or((zero, zero), |d| (d.heading_gap, d.note_gap));
    list.push(
        role(
            id::INDICATOR_HEADING,
            "Indicator Heading",
            Role::IndicatorHeading,
            band.gap_after,
            heading_gap,
        )
        .based_on(id::HEADING1)
        .next(id::BODY),
    );
    // Labels and values keep with the next paragraph: Word then keeps a
    // box's rows on one page.
    list.push(keep_next(
        role(
            id::INDICATOR_LABEL,
            "Indicator Label",
            Role::IndicatorLabel,
            zero,
            zero,
        )
        .next(id::INDICATOR_VALUE),
    ));
    list.push(keep_next(
        role(
            id::INDICATOR_VALUE,
            "Indicator Value",
            Role::IndicatorValue,
            zero,
            zero,
        )
        .next(id::INDICATOR_DETAIL),
    ));
    list.push(role(
        id::INDICATOR_DETAIL,
        "Indicator Detail",
        Role::IndicatorDetail,
        zero,
        zero,
    ));
    list.push(
        role(
            id::INDICATOR_NOTE,
            "Indicator Note",
            Role::SampleNote,
            note_gap,
            zero,
        )
        .next(id::BODY),
    );
    let (label, amount_borders) = callout(design, theme, writing.rtl);
    list.push(label);
    let mut amount = keep_lines(
        role(
            id::CALLOUT_AMOUNT,
            "Callout Amount",
            Role::CalloutAmount,
            zero,
            (body.callout - body.paragraph).max(zero),
        )
        .based_on(id::CALLOUT)
        .next(id::BODY),
    );
    // The amount ends the block: it keeps its lines, not the next
    // paragraph; and it is set as written, not in the label's spaced
    // capitals it would inherit.
    amount.paragraph_property = amount
        .paragraph_property
        .keep_next(false)
        .set_borders(amount_borders);
    amount.run_property.caps = Some(Caps::new().disable());
    amount.run_property = amount.run_property.spacing(0);
    list.push(amount);
    list.push(
        role(
            id::FOOTNOTE_TEXT,
            "footnote text",
            Role::Footnote,
            zero,
            design.notes.note_gap,
        )
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
    list.push(footer(design, theme, complex));
    list.push(
        character(id::PAGE_NUMBER, "page number")
            .ui_priority(99)
            .unhide_when_used(),
    );
    list.push(
        character(id::HYPERLINK, "Hyperlink")
            .color(hex(theme, Paint::Accent))
            .underline("single")
            .ui_priority(99)
            .unhide_when_used(),
    );
    list.push(character(id::STRONG, "Strong").bold());
    list.push(character(id::EMPHASIS, "Emphasis").italic());
    for (id, name) in [
        (id::SECTION_BREAK, "Section Break"),
        (id::BAND_ANCHOR, "Title Band"),
    ] {
        list.push(hairline(id, name).semi_hidden());
    }
    list.extend(sized.styles(design, theme));

    let family = theme.fonts.family.as_str();
    let mut styles = Styles::new()
        .default_fonts(
            RunFonts::new()
                .ascii(family)
                .hi_ansi(family)
                .cs(family)
                .east_asia(family),
        )
        .default_size(design.style(Role::Body).size.to_half_points());
    for st in list {
        styles = styles.add_style(st);
    }
    styles
}

/// A paragraph style of the smallest type on an exact line of its size:
/// a paragraph that is there for the structure, not to be read.
pub fn hairline(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .size(SMALLEST_TYPE)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(SMALLEST_TYPE as i32 * 10)
                .line_rule(LineSpacingType::Exact),
        )
}

/// The budget call-out: accent ground, the highlight colour as an edge on
/// the left, white text. Paragraph borders and shading (rather than a
/// table) keep it one block that Word and LibreOffice never split: every
/// paragraph keeps its lines, and the label keeps with the amount. The
/// borders' spacing is the design's inset; the indents bring the block's
/// outer edges to the column's. The label is padded above and the amount
/// below, each with borders of its own: two paragraphs with the same
/// borders would be joined into one box, and LibreOffice keeps the
/// padding between them.
fn callout(design: &Design, theme: &Theme, rtl: bool) -> (Style, ParagraphBorders) {
    let d = &design.callout;
    let mut st = keep_lines(keep_next(
        role_style(
            id::CALLOUT,
            "Callout",
            design.style(Role::CalloutLabel),
            lines_of(Role::CalloutLabel, false),
            design.body.callout,
            Pt::ZERO,
            theme,
        )
        .next(id::CALLOUT_AMOUNT),
    ));
    // Indents are the paragraph's start and end (right and left in a
    // right-to-left paragraph); borders are the page's left and right.
    let start = (d.edge + d.inset_x).to_twips();
    let end = d.inset_x.to_twips();
    st.paragraph_property = st
        .paragraph_property
        .set_borders(callout_borders(design, theme, d.inset_y, Pt::ZERO, rtl))
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(hex(theme, Paint::Accent)),
        )
        .indent(Some(start), None, Some(end), None);
    (st, callout_borders(design, theme, Pt::ZERO, d.inset_y, rtl))
}

/// The call-out's borders with `above` and `below` of padding: the edge
/// where lines start (the left, or the right in a right-to-left
/// document), hairlines in the ground colour elsewhere (their spacing
/// pads the text; the lines themselves do not show).
fn callout_borders(
    design: &Design,
    theme: &Theme,
    above: Pt,
    below: Pt,
    rtl: bool,
) -> ParagraphBorders {
    let d = &design.callout;
    let accent = hex(theme, Paint::Accent);
    // A border's `space` is in whole points.
    let points = |p: Pt| p.0.round().max(0.0) as usize;
    let pad = |pos, space: Pt| {
        ParagraphBorder::new(pos)
            .val(BorderType::Single)
            .size(THINNEST_BORDER)
            .space(points(space))
            .color(accent.clone())
    };
    let (edge_side, other_side) = if rtl {
        (
            ParagraphBorderPosition::Right,
            ParagraphBorderPosition::Left,
        )
    } else {
        (
            ParagraphBorderPosition::Left,
            ParagraphBorderPosition::Right,
        )
    };
    ParagraphBorders::with_empty()
        .set(
            ParagraphBorder::new(edge_side)
                .val(BorderType::Single)
                .size(d.edge.to_eighth_points())
                .space(points(d.inset_x))
                .color(hex(theme, Paint::Highlight)),
        )
        .set(pad(ParagraphBorderPosition::Top, above))
        .set(pad(ParagraphBorderPosition::Bottom, below))
        .set(pad(other_side, d.inset_x))
}

/// The page footer: a rule above (the design's width, its distance from
/// the text), the programme left, the page number at a right tab on the
/// margin.
fn footer(design: &Design, theme: &Theme, complex: bool) -> Style {
    let f = &design.footer;
    let mut st = role_style(
        id::FOOTER,
        "footer",
        design.style(Role::Footer),
        lines_of(Role::Footer, complex),
        Pt::ZERO,
        Pt::ZERO,
        theme,
    )
    .ui_priority(99)
    .unhide_when_used();
    st.paragraph_property = st
        .paragraph_property
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos(twips(design.page.text_width) as usize),
        )
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Top)
                    .val(BorderType::Single)
                    .size(f.rule_width.to_eighth_points().max(THINNEST_BORDER))
                    .space(f.text_offset.0.round().max(0.0) as usize)
                    .color(hex(theme, Paint::Rule)),
            ),
        );
    st
}

/// What docx-rs cannot say in styles.xml: the text colour and language of
/// the document defaults (so spell-checking knows the language), the
/// labels' language on the styles of label text, which styles are not
/// hyphenated, that the call-out's amount does not keep with the next
/// paragraph as its label does, and how the text is written: the font
/// and language of complex script, and right to left.
pub fn finish(
    styles: &mut Element,
    design: &Design,
    theme: &Theme,
    langs: (&str, &str),
    writing: &Writing,
) {
    let (lang, label_lang) = langs;
    for style in styles.elements_mut() {
        if style.name != "w:style" {
            continue;
        }
        let id = style.get_attr("w:styleId").unwrap_or_default().to_string();
        let role = ROLES.iter().find(|(i, _)| *i == id).map(|(_, r)| *r);
        let is_paragraph = style.get_attr("w:type") == Some("paragraph");
        // Normal is what a user types into: hyphenated like the body.
        let hyphenated = match role {
            Some(r) => design.style(r).hyphenate,
            None => id == "Normal" || !is_paragraph || style_based_on_role(style),
        };
        if is_paragraph && !hyphenated {
            style
                .find_or_insert("w:pPr")
                .find_or_insert("w:suppressAutoHyphens");
        }
        if id == id::CALLOUT_AMOUNT {
            // docx-rs leaves out a property set to false, and the style
            // would inherit the label's keep-with-next.
            style
                .find_or_insert("w:pPr")
                .children
                .push(Node::Element(Element::new("w:keepNext").attr("w:val", "0")));
        }
        if let Some(rtl) = writing.turned(&id) {
            turn(style, rtl);
        }
        let is_label = role.is_some_and(|r| design.style(r).label) || id == id::PAGE_NUMBER;
        if is_label && label_lang != lang {
            style.find_or_insert("w:rPr").children.push(Node::Element(
                writing.lang(Element::new("w:lang"), label_lang),
            ));
        }
    }
    let Some(defaults) = styles.find_mut("w:docDefaults") else {
        return;
    };
    let rpr = defaults
        .find_or_insert("w:rPrDefault")
        .find_or_insert("w:rPr");
    rpr.children
        .retain(|c| !matches!(c, Node::Element(e) if e.name == "w:color" || e.name == "w:lang"));
    if let (Some(font), Some(fonts)) = (&writing.complex_font, rpr.find_mut("w:rFonts")) {
        fonts.set_attr("w:cs", font);
    }
    rpr.children.push(Node::Element(
        Element::new("w:color").attr("w:val", &hex(theme, Paint::Text)),
    ));
    rpr.children
        .push(Node::Element(writing.lang(Element::new("w:lang"), lang)));
    if writing.rtl {
        defaults
            .find_or_insert("w:pPrDefault")
            .find_or_insert("w:pPr")
            .children
            .push(Node::Element(Element::new("w:bidi")));
    }
}

/// A paragraph style set in the other direction from the document's:
/// its own `w:bidi`, and its alignment and indents on the sides they
/// had, so that the paragraph stands where it stood (the kicker at the
/// start of the document's lines, its indent on the logo's side).
fn turn(style: &mut Element, rtl: bool) {
    let ppr = style.find_or_insert("w:pPr");
    let bidi = Element::new("w:bidi");
    ppr.children.push(Node::Element(if rtl {
        bidi
    } else {
        bidi.attr("w:val", "0")
    }));
    for e in ppr.elements_mut() {
        match e.name.as_str() {
            "w:jc" => {
                if let Some(v) = e.get_attr("w:val").and_then(other_side) {
                    e.set_attr("w:val", v);
                }
            }
            "w:ind" => {
                for (name, _) in &mut e.attrs {
                    if let Some(side) = name.strip_prefix("w:").and_then(other_side) {
                        *name = format!("w:{side}");
                    }
                }
            }
            _ => {}
        }
    }
}

/// The side facing `side` (an alignment or an indent's side).
fn other_side(side: &str) -> Option<&'static str> {
    Some(match side {
        "left" => "right",
        "right" => "left",
        "start" => "end",
        "end" => "start",
        _ => return None,
    })
}

/// A sized variant inherits hyphenation from the role style it is based
/// on, so it needs no setting of its own.
fn style_based_on_role(style: &Element) -> bool {
    style.elements().any(|e| {
        e.name == "w:basedOn"
            && e.get_attr("w:val")
                .is_some_and(|b| ROLES.iter().any(|(i, _)| *i == b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::{parse, write};

    #[test]
    fn a_turned_style_keeps_its_sides() {
        // The kicker of a right-to-left document: aligned where its lines
        // start (the right) and kept clear of the logo at their end (the
        // left). Turned left to right, it stays there.
        let xml = r#"<w:style w:styleId="Kicker"><w:pPr><w:ind w:right="1200"/><w:jc w:val="left"/></w:pPr></w:style>"#;
        let mut style = parse(xml.as_bytes()).unwrap();
        turn(&mut style, false);
        let out = String::from_utf8(write(&style)).unwrap();
        assert!(out.contains(r#"<w:bidi w:val="0"/>"#), "{out}");
        assert!(out.contains(r#"<w:ind w:left="1200"/>"#), "{out}");
        assert!(out.contains(r#"<w:jc w:val="right"/>"#), "{out}");
        // And the other way round, for labels that run right to left in
        // a left-to-right document.
        let mut style = parse(xml.as_bytes()).unwrap();
        turn(&mut style, true);
        let out = String::from_utf8(write(&style)).unwrap();
        assert!(out.contains("<w:bidi/>"), "{out}");
        // Centred and justified text has no side to keep.
        let mut style =
            parse(br#"<w:style><w:pPr><w:jc w:val="center"/></w:pPr></w:style>"#.as_slice())
                .unwrap();
        turn(&mut style, false);
        let out = String::from_utf8(write(&style)).unwrap();
        assert!(out.contains(r#"<w:jc w:val="center"/>"#), "{out}");
    }
}
