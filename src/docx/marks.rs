//! What docx-rs has no API for, added to its output: the language of runs
//! in another language than the text's (from the marks left by
//! [`super::inline::Ctx::in_label_lang`]), and the picture's alt text and
//! drawing ids.

use super::inline::LANG_MARK;
use super::xml::Element;

/// Turn each language mark (`<w:rStyle w:val="lang:es"/>`) into
/// `<w:lang w:val="es"/>`.
pub fn apply_lang_marks(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name != "w:rPr" {
            return;
        }
        for c in e.elements_mut() {
            if c.name != "w:rStyle" {
                continue;
            }
            let lang = match c.get_attr("w:val") {
                Some(v) if v.starts_with(LANG_MARK) => v[LANG_MARK.len()..].to_string(),
                _ => continue,
            };
            c.name = "w:lang".into();
            c.attrs = vec![("w:val".into(), lang)];
        }
    });
}

/// Number the drawings 1, 2, ... in document order (ids must be unique in
/// the document; docx-rs writes its own) and give the picture its name and
/// alt text, which screen readers and Word's accessibility checker read.
pub fn describe_pictures(root: &mut Element, alt: &str) {
    let mut n = 0;
    root.walk_mut(&mut |e| {
        if e.name == "wp:docPr" {
            n += 1;
            e.attrs.clear();
            e.set_attr("id", &n.to_string());
            e.set_attr("name", &format!("Logo {n}"));
            e.set_attr("descr", alt);
        } else if e.name == "pic:cNvPr" {
            e.attrs.clear();
            e.set_attr("id", &n.to_string());
            e.set_attr("name", &format!("Logo {n}"));
            e.set_attr("descr", alt);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::{parse, write};

    #[test]
    fn lang_marks_become_lang() {
        let mut root = parse(br#"<w:r><w:rPr><w:rStyle w:val="lang:es"/></w:rPr></w:r>"#).unwrap();
        apply_lang_marks(&mut root);
        let out = String::from_utf8(write(&root)).unwrap();
        assert!(out.contains(r#"<w:lang w:val="es"/>"#), "{out}");
    }
}
