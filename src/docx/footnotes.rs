//! Footnotes as Word writes them. docx-rs writes each note's paragraphs
//! only; Word also expects the two separator notes (the short rule above
//! the notes, and the one used when a note runs on to the next page) and,
//! at the start of each note, a `w:footnoteRef` mark: the note's own
//! number, which Word and LibreOffice fill in.

use super::styles::id;
use super::xml::{Element, Node};

/// Ids of the separator notes (Word's own choice; notes count from 1).
pub const SEPARATOR_IDS: [i32; 2] = [-1, 0];

/// Add the separators and the number marks; order the notes by id.
pub fn finish(root: &mut Element) {
    let notes = notes(root);
    let mut children: Vec<Node> = separators().into_iter().map(Node::Element).collect();
    children.extend(notes.into_iter().map(Node::Element));
    root.children = children;
}

/// The notes of a footnotes part docx-rs wrote, ordered by id, each with
/// its number mark.
pub fn notes(root: &Element) -> Vec<Element> {
    let mut notes: Vec<Element> = root
        .elements()
        .filter(|e| e.name == "w:footnote")
        .cloned()
        .collect();
    notes.sort_by_key(|n| n.get_attr("w:id").and_then(|v| v.parse::<i64>().ok()));
    notes.dedup_by(|a, b| a.get_attr("w:id") == b.get_attr("w:id"));
    for note in &mut notes {
        add_mark(note);
    }
    notes
}

/// The two separator notes every footnotes part begins with.
pub fn separators() -> [Element; 2] {
    [
        separator("separator", SEPARATOR_IDS[0]),
        separator("continuationSeparator", SEPARATOR_IDS[1]),
    ]
}

/// Single line spacing: "auto" spacing counts 240ths of a line.
const SINGLE_LINE: &str = "240";

/// A separator note as Word writes it: the rule, in a paragraph of single
/// line spacing (LibreOffice draws a rule of its own instead).
fn separator(kind: &str, id: i32) -> Element {
    let spacing = Element::new("w:spacing")
        .attr("w:after", "0")
        .attr("w:line", SINGLE_LINE)
        .attr("w:lineRule", "auto");
    Element::new("w:footnote")
        .attr("w:type", kind)
        .attr("w:id", &id.to_string())
        .child(
            Element::new("w:p")
                .child(Element::new("w:pPr").child(spacing))
                .child(Element::new("w:r").child(Element::new(&format!("w:{kind}")))),
        )
}

/// The note's number, then a space, at the start of its first paragraph.
fn add_mark(note: &mut Element) {
    let Some(p) = note.find_mut("w:p") else {
        return;
    };
    let at = usize::from(matches!(p.children.first(), Some(Node::Element(e)) if e.name == "w:pPr"));
    let mark = Element::new("w:r")
        .child(
            Element::new("w:rPr")
                .child(Element::new("w:rStyle").attr("w:val", id::FOOTNOTE_REFERENCE)),
        )
        .child(Element::new("w:footnoteRef"));
    let space =
        Element::new("w:r").child(Element::new("w:t").attr("xml:space", "preserve").text(" "));
    p.children.insert(at, Node::Element(space));
    p.children.insert(at, Node::Element(mark));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::{parse, write};

    #[test]
    fn adds_separators_and_marks() {
        let mut root = parse(
            br#"<w:footnotes><w:footnote w:id="2"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>a</w:t></w:r></w:p></w:footnote></w:footnotes>"#,
        )
        .unwrap();
        finish(&mut root);
        let out = String::from_utf8(write(&root)).unwrap();
        let sep = out.find(r#"w:type="separator" w:id="-1""#).unwrap();
        let cont = out
            .find(r#"w:type="continuationSeparator" w:id="0""#)
            .unwrap();
        let one = out.find(r#"<w:footnote w:id="1">"#).unwrap();
        let two = out.find(r#"<w:footnote w:id="2">"#).unwrap();
        assert!(sep < cont && cont < one && one < two, "{out}");
        assert_eq!(out.matches("<w:footnoteRef/>").count(), 2);
        assert!(out.contains(r#"<w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/>"#));
    }
}
