//! The canonical pass: every part docx-rs writes is put into the shape the
//! ECMA-376 schema demands before it is packed. Children are sorted into
//! schema order ([`super::schema`]), on/off values written the way every
//! validator accepts, and attributes docx-rs invents or numbers from
//! process-wide counters are dropped.

use super::schema;
use super::xml::{Element, Node};

/// Put `root` and everything below it in canonical form.
pub fn canonicalize(e: &mut Element) {
    // Children first, so that a property emptied below is seen empty here.
    for c in e.elements_mut() {
        canonicalize(c);
    }
    fix_attributes(e);
    e.children.retain(|c| !is_empty_property(c));
    if let Some(ranks) = schema::ranks(&e.name) {
        sort_children(e, ranks);
    }
}

/// Stable sort by schema rank: children the schema leaves free keep the
/// order they were written in.
fn sort_children(e: &mut Element, ranks: &schema::Ranks) {
    let rank = |c: &Node| match c {
        Node::Element(c) => ranks.of(&c.name),
        Node::Text(_) => usize::MAX,
    };
    let keys: Vec<usize> = e.children.iter().map(rank).collect();
    if keys.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    let mut keyed: Vec<(usize, Node)> = keys.into_iter().zip(e.children.drain(..)).collect();
    keyed.sort_by_key(|(k, _)| *k);
    e.children = keyed.into_iter().map(|(_, c)| c).collect();
}

/// Empty `w:pPr` and `w:rPr` (docx-rs writes one in every paragraph and
/// run) say nothing; leaving them out keeps the parts small.
fn is_empty_property(c: &Node) -> bool {
    matches!(c, Node::Element(e)
        if (e.name == "w:pPr" || e.name == "w:rPr") && e.children.is_empty() && e.attrs.is_empty())
}

fn fix_attributes(e: &mut Element) {
    // Paragraph ids come from a process-wide counter in docx-rs: the same
    // document would get other ids after another was built. They are
    // optional (Word adds its own when it saves), so they go.
    if e.name == "w:p" {
        e.attrs.retain(|(n, _)| !n.starts_with("w14:"));
    }
    // `w:type` on a grid column is not in the schema.
    if e.name == "w:gridCol" {
        e.remove_attr("w:type");
    }
    // ST_OnOff: "true" is the default of `w:val`, so it is left out;
    // "false" is written "0". The transitional schema allows true/false,
    // but the strict one (and validators built on it) only 0/1.
    if e.name.starts_with("w:") {
        let mut drop_val = false;
        for (name, value) in &mut e.attrs {
            match value.as_str() {
                "true" | "on" if name == "w:val" => drop_val = true,
                "true" | "on" => *value = "1".into(),
                "false" | "off" => *value = "0".into(),
                _ => {}
            }
        }
        if drop_val {
            e.remove_attr("w:val");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::{parse, write};

    #[test]
    fn sorts_paragraph_properties() {
        let mut root = parse(
            br#"<w:p w14:paraId="1"><w:pPr><w:jc w:val="both"/><w:rPr/><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>a</w:t><w:rPr><w:b w:val="true"/></w:rPr></w:r></w:p>"#,
        )
        .unwrap();
        canonicalize(&mut root);
        let out = String::from_utf8(write(&root)).unwrap();
        assert!(
            out.ends_with(r#"<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r></w:p>"#),
            "{out}"
        );
    }
}
