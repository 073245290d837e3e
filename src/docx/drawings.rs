//! What docx-rs cannot write about drawings, added to its document.xml:
//! the title band's rectangle above the top margin (docx-rs writes
//! pictures only, not shapes), and the drawings' ids, names and the
//! logo's alternative text (docx-rs gives every drawing id 1 and the name
//! "Figure", and has no alt text).

use super::body::paragraph_style;
use super::styles::{hex, id};
use super::xml::{Element, Node};
use crate::design::{Design, Paint};
use crate::theme::Theme;
use crate::units::Pt;

const DRAWINGML: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const SHAPE: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";

/// Give every band-anchor paragraph its rectangle: the accent colour from
/// the page's top edge across the page, down into the band table's top
/// padding (so that no line of white shows between the two), behind the
/// text.
pub fn add_band(root: &mut Element, design: &Design, theme: &Theme) {
    let height = design.page.margin_top + design.band.pad_top;
    add_rect(root, id::BAND_ANCHOR, design, height, theme);
}

/// Give every paragraph in the style `anchor` a rectangle in the accent
/// colour, `height` tall from the page's top edge, behind the text.
pub fn add_rect(root: &mut Element, anchor: &str, design: &Design, height: Pt, theme: &Theme) {
    let rect = band_rect(design.page.width, height, &hex(theme, Paint::Accent));
    root.walk_mut(&mut |e| {
        if e.name == "w:p" && paragraph_style(e) == Some(anchor) {
            e.children.push(Node::Element(
                Element::new("w:r").child(Element::new("w:drawing").child(rect.clone())),
            ));
        }
    });
}

/// A rectangle `width` by `height` at the page's top-left corner, filled
/// with `color`, behind the text, with no outline and no wrapping.
fn band_rect(width: Pt, height: Pt, color: &str) -> Element {
    let (cx, cy) = (width.to_emu().to_string(), height.to_emu().to_string());
    let position = |axis: &str| {
        Element::new(axis)
            .attr("relativeFrom", "page")
            .child(Element::new("wp:posOffset").text("0"))
    };
    let shape = Element::new("wps:wsp")
        .child(Element::new("wps:cNvSpPr"))
        .child(
            Element::new("wps:spPr")
                .child(
                    Element::new("a:xfrm")
                        .child(Element::new("a:off").attr("x", "0").attr("y", "0"))
                        .child(Element::new("a:ext").attr("cx", &cx).attr("cy", &cy)),
                )
                .child(
                    Element::new("a:prstGeom")
                        .attr("prst", "rect")
                        .child(Element::new("a:avLst")),
                )
                .child(
                    Element::new("a:solidFill").child(Element::new("a:srgbClr").attr("val", color)),
                )
                .child(Element::new("a:ln").child(Element::new("a:noFill"))),
        )
        .child(Element::new("wps:bodyPr"));
    Element::new("wp:anchor")
        .attr("distT", "0")
        .attr("distB", "0")
        .attr("distL", "0")
        .attr("distR", "0")
        .attr("simplePos", "0")
        .attr("relativeHeight", "0")
        .attr("behindDoc", "1")
        .attr("locked", "1")
        .attr("layoutInCell", "0")
        .attr("allowOverlap", "1")
        .child(Element::new("wp:simplePos").attr("x", "0").attr("y", "0"))
        .child(position("wp:positionH"))
        .child(position("wp:positionV"))
        .child(Element::new("wp:extent").attr("cx", &cx).attr("cy", &cy))
        .child(
            Element::new("wp:effectExtent")
                .attr("l", "0")
                .attr("t", "0")
                .attr("r", "0")
                .attr("b", "0"),
        )
        .child(Element::new("wp:wrapNone"))
        // Numbered with the other drawings by `describe`.
        .child(
            Element::new("wp:docPr")
                .attr("id", "0")
                .attr("name", "Title band"),
        )
        .child(Element::new("wp:cNvGraphicFramePr"))
        .child(
            Element::new("a:graphic").attr("xmlns:a", DRAWINGML).child(
                Element::new("a:graphicData")
                    .attr("uri", SHAPE)
                    .child(shape),
            ),
        )
}

/// Number the drawings `before + 1`, `before + 2`, ... in document order
/// (ids must be unique in the document: a piece of a combined document
/// starts after the pieces before it) and name them; a picture (a logo)
/// gets the alternative text `alts` gives its relationship id as its
/// description, which screen readers and Word's accessibility checker
/// read. The band's rectangle is decoration and has none. Gives how many
/// drawings it numbered.
pub fn describe_from(root: &mut Element, alts: &[(String, String)], before: usize) -> usize {
    let mut n = before;
    number(root, alts, &mut n);
    n - before
}

fn number(e: &mut Element, alts: &[(String, String)], n: &mut usize) {
    if e.name == "wp:anchor" || e.name == "wp:inline" {
        *n += 1;
        let id = n.to_string();
        let picture = contains(e, "pic:pic");
        let alt = embedded(e)
            .and_then(|rid| alts.iter().find(|(r, _)| *r == rid))
            .map_or(String::new(), |(_, a)| a.clone());
        let alt = alt.as_str();
        e.walk_mut(&mut |d| {
            let is_doc_pr = d.name == "wp:docPr";
            if is_doc_pr || (picture && d.name == "pic:cNvPr") {
                let name = if picture {
                    format!("Logo {id}")
                } else {
                    d.get_attr("name").unwrap_or("Shape").to_string()
                };
                d.attrs.clear();
                d.set_attr("id", &id);
                d.set_attr("name", &name);
                if picture {
                    d.set_attr("descr", alt);
                }
            }
        });
        return;
    }
    for c in e.elements_mut() {
        number(c, alts, n);
    }
}

/// The relationship id of the image a drawing shows.
fn embedded(e: &Element) -> Option<String> {
    if e.name == "a:blip" {
        return e.get_attr("r:embed").map(str::to_string);
    }
    e.elements().find_map(embedded)
}

fn contains(e: &Element, name: &str) -> bool {
    e.elements().any(|c| c.name == name || contains(c, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::{parse, write};

    #[test]
    fn drawings_are_numbered_and_the_picture_described() {
        let mut root = parse(
            br#"<w:body><w:p><w:r><w:drawing><wp:anchor><wp:docPr id="0" name="Title band"/></wp:anchor></w:drawing></w:r></w:p><w:p><w:r><w:drawing><wp:anchor><wp:docPr id="1" name="Figure"/><a:graphic><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name=""/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/></pic:blipFill></pic:pic></a:graphic></wp:anchor></w:drawing></w:r></w:p></w:body>"#,
        )
        .unwrap();
        describe_from(
            &mut root,
            &[("rIdLogo".to_string(), "Logo & mark".to_string())],
            0,
        );
        let out = String::from_utf8(write(&root)).unwrap();
        assert!(
            out.contains(r#"<wp:docPr id="1" name="Title band"/>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<wp:docPr id="2" name="Logo 2" descr="Logo &amp; mark"/>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<pic:cNvPr id="2" name="Logo 2" descr="Logo &amp; mark"/>"#),
            "{out}"
        );
    }
}
