//! The small fixed parts of the package, written here rather than taken
//! from docx-rs: the content types and relationships (docx-rs lists
//! hyperlinks out of a HashMap, in a different order each run, and always
//! adds comments, numbering and custom-property parts a factsheet has no
//! use for), the settings and the font table.

use super::inline::{Link, Part};
use super::script::Writing;
use super::xml::{Element, write};
use crate::design::{Design, Role};
use crate::theme::Theme;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// What the package holds, besides the fixed parts.
pub struct Contents<'a> {
    pub has_footnotes: bool,
    /// Footer parts: footer1.xml to footerN.xml.
    pub footers: usize,
    /// The pictures: relationship id and part name under word/
    /// (`media/logo.png`).
    pub pictures: &'a [(String, String)],
    pub links: &'a [Link],
}

pub fn content_types(c: &Contents<'_>) -> Vec<u8> {
    let mut root = Element::new("Types")
        .attr(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )
        .child(Element::new("Default").attr("Extension", "rels").attr(
            "ContentType",
            "application/vnd.openxmlformats-package.relationships+xml",
        ))
        .child(
            Element::new("Default")
                .attr("Extension", "xml")
                .attr("ContentType", "application/xml"),
        );
    for (ext, mime) in [("png", "image/png"), ("jpeg", "image/jpeg")] {
        if c.pictures.iter().any(|(_, name)| name.ends_with(ext)) {
            root = root.child(
                Element::new("Default")
                    .attr("Extension", ext)
                    .attr("ContentType", mime),
            );
        }
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut overrides = vec![
        (
            "/word/document.xml".to_string(),
            format!("{wml}.document.main+xml"),
        ),
        ("/word/styles.xml".into(), format!("{wml}.styles+xml")),
        ("/word/settings.xml".into(), format!("{wml}.settings+xml")),
        ("/word/fontTable.xml".into(), format!("{wml}.fontTable+xml")),
    ];
    for n in 1..=c.footers {
        overrides.push((
            format!("/word/{}", footer_part(n)),
            format!("{wml}.footer+xml"),
        ));
    }
    overrides.push((
        "/word/theme/theme1.xml".into(),
        "application/vnd.openxmlformats-officedocument.theme+xml".into(),
    ));
    if c.has_footnotes {
        overrides.push(("/word/footnotes.xml".into(), format!("{wml}.footnotes+xml")));
    }
    overrides.push((
        "/docProps/core.xml".into(),
        "application/vnd.openxmlformats-package.core-properties+xml".into(),
    ));
    overrides.push((
        "/docProps/app.xml".into(),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
    ));
    for (part, kind) in overrides {
        root = root.child(
            Element::new("Override")
                .attr("PartName", &part)
                .attr("ContentType", &kind),
        );
    }
    write(&root)
}

/// Part name, under word/, of footer number `n` (from 1).
pub fn footer_part(n: usize) -> String {
    format!("footer{n}.xml")
}

fn relationship(id: &str, kind: &str, target: &str) -> Element {
    Element::new("Relationship")
        .attr("Id", id)
        .attr("Type", kind)
        .attr("Target", target)
}

/// _rels/.rels: the main document and the two property parts.
pub fn package_rels() -> Vec<u8> {
    let root = Element::new("Relationships")
        .attr("xmlns", REL_NS)
        .child(relationship(
            "rId1",
            &format!("{OFFICE_REL}/officeDocument"),
            "word/document.xml",
        ))
        .child(relationship(
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ))
        .child(relationship(
            "rId3",
            &format!("{OFFICE_REL}/extended-properties"),
            "docProps/app.xml",
        ));
    write(&root)
}

/// word/_rels/document.xml.rels: fixed parts first, then the logo, then
/// hyperlinks in reading order.
pub fn document_rels(c: &Contents<'_>) -> Vec<u8> {
    let mut root = Element::new("Relationships")
        .attr("xmlns", REL_NS)
        .child(relationship(
            "rIdStyles",
            &format!("{OFFICE_REL}/styles"),
            "styles.xml",
        ))
        .child(relationship(
            "rIdSettings",
            &format!("{OFFICE_REL}/settings"),
            "settings.xml",
        ))
        .child(relationship(
            "rIdFontTable",
            &format!("{OFFICE_REL}/fontTable"),
            "fontTable.xml",
        ))
        .child(relationship(
            "rIdTheme",
            &format!("{OFFICE_REL}/theme"),
            "theme/theme1.xml",
        ));
    for n in 1..=c.footers {
        root = root.child(relationship(
            &super::page::footer_rid(n),
            &format!("{OFFICE_REL}/footer"),
            &footer_part(n),
        ));
    }
    if c.has_footnotes {
        root = root.child(relationship(
            "rIdFootnotes",
            &format!("{OFFICE_REL}/footnotes"),
            "footnotes.xml",
        ));
    }
    for (rid, name) in c.pictures {
        root = root.child(relationship(rid, &format!("{OFFICE_REL}/image"), name));
    }
    root = add_links(root, c.links, Part::Document);
    write(&root)
}

/// word/_rels/footnotes.xml.rels, when a note holds a hyperlink.
pub fn footnote_rels(c: &Contents<'_>) -> Option<Vec<u8>> {
    if !c.links.iter().any(|l| l.part == Part::Footnotes) {
        return None;
    }
    let root = Element::new("Relationships").attr("xmlns", REL_NS);
    Some(write(&add_links(root, c.links, Part::Footnotes)))
}

fn add_links(mut root: Element, links: &[Link], part: Part) -> Element {
    for l in links.iter().filter(|l| l.part == part) {
        root = root.child(
            relationship(&l.rid, &format!("{OFFICE_REL}/hyperlink"), &l.url)
                .attr("TargetMode", "External"),
        );
    }
    root
}

/// What settings.xml says besides the design's hyphenation.
pub struct Settings<'a> {
    pub lang: &'a str,
    pub writing: &'a Writing,
    pub has_footnotes: bool,
    /// Ask Word to update the fields (page references) when it opens the
    /// document.
    pub update_fields: bool,
}

/// word/settings.xml, children in CT_Settings order. Hyphenation as the
/// design sets it: on where the body hyphenates, no more hyphenated lines
/// in a row than the PDF allows, the design's zone, and no words in
/// capitals divided (acronyms, as the PDF leaves them whole).
pub fn settings(design: &Design, s: &Settings<'_>) -> Vec<u8> {
    let h = &design.hyphenation;
    let mut root = Element::new("w:settings")
        .attr("xmlns:w", W_NS)
        .child(Element::new("w:zoom").attr("w:percent", "100"));
    if design.style(Role::Body).hyphenate {
        root = root
            .child(Element::new("w:autoHyphenation"))
            .child(
                Element::new("w:consecutiveHyphenLimit")
                    .attr("w:val", &h.max_consecutive.to_string()),
            )
            .child(Element::new("w:hyphenationZone").attr("w:val", &h.zone.to_twips().to_string()))
            .child(Element::new("w:doNotHyphenateCaps"));
    }
    root = root.child(Element::new("w:characterSpacingControl").attr("w:val", "doNotCompress"));
    if s.update_fields {
        root = root.child(Element::new("w:updateFields"));
    }
    if s.has_footnotes {
        // The separator notes, as Word lists them.
        root = root.child(
            Element::new("w:footnotePr")
                .child(Element::new("w:footnote").attr("w:id", "-1"))
                .child(Element::new("w:footnote").attr("w:id", "0")),
        );
    }
    root = root
        .child(
            // Word 2013 and later layout rules (tables measured to the
            // cell edge, as the title band's indent assumes).
            Element::new("w:compat").child(
                Element::new("w:compatSetting")
                    .attr("w:name", "compatibilityMode")
                    .attr("w:uri", "http://schemas.microsoft.com/office/word")
                    .attr("w:val", "15"),
            ),
        )
        .child(s.writing.lang(Element::new("w:themeFontLang"), s.lang));
    write(&root)
}

/// word/fontTable.xml: the theme's family, and the complex-script font
/// where the text needs one, so Word substitutes a like font if one is
/// not installed.
pub fn font_table(theme: &Theme, writing: &Writing) -> Vec<u8> {
    let font = |name: &str| {
        Element::new("w:font")
            .attr("w:name", name)
            .child(Element::new("w:charset").attr("w:val", "00"))
            .child(Element::new("w:family").attr("w:val", "swiss"))
            .child(Element::new("w:pitch").attr("w:val", "variable"))
    };
    let mut root = Element::new("w:fonts")
        .attr("xmlns:w", W_NS)
        .child(font(&theme.fonts.family));
    if let Some(cs) = writing
        .complex_font
        .as_deref()
        .filter(|f| *f != theme.fonts.family)
    {
        root = root.child(font(cs));
    }
    write(&root)
}
