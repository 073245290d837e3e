//! Words too long for their place in Word's layout: the title, a heading,
//! a box's label or value. The PDF cuts such a word between syllables
//! (`layout::breaks::cut_points`, with a hyphen); Word and LibreOffice,
//! whose automatic hyphenation is off for these styles, cut it anywhere
//! between two letters and add no hyphen ("IDENTIFICA / TION",
//! "Organisatio / ns"). The DOCX marks the same syllables of such a word
//! with optional hyphens (`w:softHyphen`), which both honour whatever the
//! hyphenation setting. A word that fits is left alone, so an editor who
//! widens a box or shortens a title finds the words as they were written.

use std::borrow::Cow;

use super::xml::{Element, Node};
use crate::design::{Measure, RoleStyle};
use crate::units::Pt;

/// The optional hyphen while a text is handled as a string; each becomes
/// a `w:softHyphen` element in the part ([`mark`]).
const SOFT_HYPHEN: char = '\u{ad}';

/// A word is long when it takes more than this share of its width: the
/// fonts Word substitutes, or its own spacing, may be a little wider.
const ROOM: f64 = 0.97;

/// `text` with optional hyphens between the syllables of each word wider
/// than `width` in `style`, by the patterns of `lang` (none: no patterns,
/// the text as it is).
pub fn soften<'t>(
    text: &'t str,
    width: Pt,
    style: &RoleStyle,
    measure: &dyn Measure,
    lang: Option<hypher::Lang>,
) -> Cow<'t, str> {
    let Some(lang) = lang else {
        return Cow::Borrowed(text);
    };
    let long = |word: &str| {
        let shown = if style.caps {
            Cow::Owned(word.to_uppercase())
        } else {
            Cow::Borrowed(word)
        };
        measure.width(&shown, style) > width * ROOM
    };
    // Most texts fit on one line whole: one measure, not one a word.
    if !long(text) {
        return Cow::Borrowed(text);
    }
    let mut cuts: Vec<usize> = Vec::new();
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let bare = word.trim_end();
        if !bare.is_empty() && long(bare) {
            cuts.extend(crate::layout::breaks::cut_points(bare, at, lang));
        }
        at += word.len();
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + cuts.len() * 2);
    let mut from = 0;
    for cut in cuts {
        out.push_str(&text[from..cut]);
        out.push(SOFT_HYPHEN);
        from = cut;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// Turn the optional hyphens in the text of the runs under `root` into
/// `w:softHyphen` elements between the run's pieces of text.
pub fn mark(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name != "w:r" || !e.children.iter().any(has_soft_hyphen) {
            return;
        }
        let mut children = Vec::with_capacity(e.children.len() + 2);
        for child in e.children.drain(..) {
            match child {
                Node::Element(t) if t.name == "w:t" && has_soft_hyphen_text(&t) => {
                    let text: String = t
                        .children
                        .iter()
                        .map(|c| match c {
                            Node::Text(s) => s.as_str(),
                            Node::Element(_) => "",
                        })
                        .collect();
                    for (i, piece) in text.split(SOFT_HYPHEN).enumerate() {
                        if i > 0 {
                            children.push(Node::Element(Element::new("w:softHyphen")));
                        }
                        if !piece.is_empty() {
                            let mut t = Element {
                                name: t.name.clone(),
                                attrs: t.attrs.clone(),
                                children: Vec::new(),
                            };
                            // Already escaped: kept as it is.
                            t.children.push(Node::Text(piece.to_string()));
                            children.push(Node::Element(t));
                        }
                    }
                }
                other => children.push(other),
            }
        }
        e.children = children;
    });
}

fn has_soft_hyphen(n: &Node) -> bool {
    matches!(n, Node::Element(t) if t.name == "w:t" && has_soft_hyphen_text(t))
}

fn has_soft_hyphen_text(t: &Element) -> bool {
    t.children
        .iter()
        .any(|c| matches!(c, Node::Text(s) if s.contains(SOFT_HYPHEN)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::{parse, write};

    /// Widths by character count: 5 pt a character.
    struct Chars;
    impl Measure for Chars {
        fn width(&self, text: &str, _: &RoleStyle) -> Pt {
            Pt(text.chars().count() as f64 * 5.0)
        }
        fn line_count(&self, _: &str, _: &RoleStyle, _: Pt) -> usize {
            1
        }
    }

    fn style(caps: bool) -> RoleStyle {
        let theme = crate::theme::Theme::default();
        RoleStyle {
            caps,
            ..crate::design::TypeScale::new(&theme)
                .get(crate::design::Role::Heading)
                .clone()
        }
    }

    #[test]
    fn only_words_too_long_get_optional_hyphens() {
        let en = Some(hypher::Lang::English);
        // 60 pt: twelve letters.
        let out = soften(
            "the identification process",
            Pt(60.0),
            &style(false),
            &Chars,
            en,
        );
        assert_eq!(out, "the iden\u{ad}ti\u{ad}fi\u{ad}ca\u{ad}tion process");
        // Room for every word: the text as written.
        let out = soften(
            "the identification process",
            Pt(100.0),
            &style(false),
            &Chars,
            en,
        );
        assert!(matches!(out, Cow::Borrowed(_)));
        // No patterns (Arabic, Hindi): as written.
        let out = soften("identification", Pt(20.0), &style(false), &Chars, None);
        assert_eq!(out, "identification");
    }

    #[test]
    fn soft_hyphens_become_elements_between_the_runs_texts() {
        let xml = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">iden\u{ad}ti\u{ad}fi &amp; co</w:t></w:r></w:p>";
        let mut root = parse(xml.as_bytes()).unwrap();
        mark(&mut root);
        let out = String::from_utf8(write(&root)).unwrap();
        let out = &out[out.find("<w:p>").unwrap()..];
        assert_eq!(
            out,
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">iden</w:t><w:softHyphen/>\
             <w:t xml:space=\"preserve\">ti</w:t><w:softHyphen/>\
             <w:t xml:space=\"preserve\">fi &amp; co</w:t></w:r></w:p>"
        );
    }
}
