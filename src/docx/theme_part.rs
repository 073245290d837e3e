//! word/theme/theme1.xml: Word expects a document theme. Ours carries the
//! house colours and font, so Word's colour and font pickers offer the
//! factsheet's own (accent 1 is the accent colour, and so on).

use super::xml::{Element, write};
use crate::design::Design;
use crate::theme::{Color, Theme};

fn color(slot: &str, c: &Color) -> Element {
    Element::new(&format!("a:{slot}")).child(Element::new("a:srgbClr").attr("val", &c.hex()))
}

fn font(slot: &str, family: &str) -> Element {
    Element::new(&format!("a:{slot}"))
        .child(Element::new("a:latin").attr("typeface", family))
        .child(Element::new("a:ea").attr("typeface", ""))
        .child(Element::new("a:cs").attr("typeface", ""))
}

fn placeholder_fill() -> Element {
    Element::new("a:solidFill").child(Element::new("a:schemeClr").attr("val", "phClr"))
}

/// A list of three styles, as the format scheme requires.
fn three(name: &str, item: impl Fn() -> Element) -> Element {
    (0..3).fold(Element::new(name), |e, _| e.child(item()))
}

pub fn theme(theme: &Theme, design: &Design) -> Vec<u8> {
    let c = &theme.colors;
    let family = theme.fonts.family.as_str();
    let colors = Element::new("a:clrScheme")
        .attr("name", "Factsheet")
        .child(color("dk1", &c.text))
        .child(color("lt1", &c.on_accent))
        .child(color("dk2", &c.accent))
        .child(color("lt2", &c.panel))
        .child(color("accent1", &c.accent))
        .child(color("accent2", &c.highlight))
        .child(color("accent3", &c.muted))
        .child(color("accent4", &c.rule))
        .child(color("accent5", &c.panel))
        .child(color("accent6", &c.text))
        .child(color("hlink", &c.accent))
        .child(color("folHlink", &c.muted));
    let fonts = Element::new("a:fontScheme")
        .attr("name", "Factsheet")
        .child(font("majorFont", family))
        .child(font("minorFont", family));
    let formats = Element::new("a:fmtScheme")
        .attr("name", "Factsheet")
        .child(three("a:fillStyleLst", placeholder_fill))
        // Lines drawn in the document: the weight of the page's rules.
        .child(three("a:lnStyleLst", || {
            Element::new("a:ln")
                .attr("w", &design.notes.rule_width.to_emu().to_string())
                .child(placeholder_fill())
        }))
        .child(three("a:effectStyleLst", || {
            Element::new("a:effectStyle").child(Element::new("a:effectLst"))
        }))
        .child(three("a:bgFillStyleLst", placeholder_fill));
    let root = Element::new("a:theme")
        .attr(
            "xmlns:a",
            "http://schemas.openxmlformats.org/drawingml/2006/main",
        )
        .attr("name", "Factsheet")
        .child(
            Element::new("a:themeElements")
                .child(colors)
                .child(fonts)
                .child(formats),
        )
        .child(Element::new("a:objectDefaults"))
        .child(Element::new("a:extraClrSchemeLst"));
    write(&root)
}
