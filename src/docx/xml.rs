//! A small XML tree for reworking the parts docx-rs writes: parse, move
//! elements about, write back. Text and attribute values are kept exactly
//! as they were escaped in the source, so a round trip never escapes twice;
//! values set by us go through [`escape`].

use quick_xml::Reader;
use quick_xml::events::Event;

/// One element. Names keep their prefix (`w:pPr`): every part uses the
/// usual prefixes, so prefix and namespace are one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    pub name: String,
    /// Name and escaped value, in source order.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Element(Element),
    /// Escaped character data.
    Text(String),
}

impl Element {
    pub fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            ..Element::default()
        }
    }

    /// Builder: an attribute with a value that still needs escaping.
    pub fn attr(mut self, name: &str, value: &str) -> Element {
        self.set_attr(name, value);
        self
    }

    /// Builder: a child element.
    pub fn child(mut self, child: Element) -> Element {
        self.children.push(Node::Element(child));
        self
    }

    /// Builder: character data that still needs escaping.
    pub fn text(mut self, text: &str) -> Element {
        self.children.push(Node::Text(escape(text)));
        self
    }

    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Set (or replace) an attribute; `value` is escaped here.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        let value = escape(value);
        match self.attrs.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((name.to_string(), value)),
        }
    }

    pub fn remove_attr(&mut self, name: &str) {
        self.attrs.retain(|(n, _)| n != name);
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn find_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child `name`, created (at the end) if missing.
    pub fn find_or_insert(&mut self, name: &str) -> &mut Element {
        let at = self
            .children
            .iter()
            .position(|c| matches!(c, Node::Element(e) if e.name == name));
        let at = match at {
            Some(i) => i,
            None => {
                self.children.push(Node::Element(Element::new(name)));
                self.children.len() - 1
            }
        };
        match &mut self.children[at] {
            Node::Element(e) => e,
            Node::Text(_) => unreachable!("position found an element"),
        }
    }

    /// Visit this element and every element below it, parents first.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Element)) {
        f(self);
        for c in self.elements_mut() {
            c.walk_mut(f);
        }
    }
}

/// Escape character data or an attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Parse a part into its root element (declaration, comments and
/// processing instructions are dropped).
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Element> = vec![Element::new("")];
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(s) => stack.push(start(&s)?),
            Event::Empty(s) => {
                let e = start(&s)?;
                push(&mut stack, Node::Element(e));
            }
            Event::End(_) => {
                let e = stack.pop().filter(|_| !stack.is_empty());
                match e {
                    Some(e) => push(&mut stack, Node::Element(e)),
                    None => return Err("unbalanced end tag".into()),
                }
            }
            Event::Text(t) => push(&mut stack, Node::Text(utf8(&t)?.to_string())),
            Event::GeneralRef(r) => push(&mut stack, Node::Text(format!("&{};", utf8(&r)?))),
            Event::CData(c) => push(&mut stack, Node::Text(escape(utf8(&c)?))),
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    let mut top = stack.pop().filter(|_| stack.is_empty());
    let root = top
        .as_mut()
        .and_then(|t| {
            t.children.iter_mut().find_map(|c| match c {
                Node::Element(e) => Some(std::mem::take(e)),
                Node::Text(_) => None,
            })
        })
        .ok_or("no root element")?;
    Ok(root)
}

fn push(stack: &mut [Element], node: Node) {
    let parent = stack.last_mut().expect("the stack keeps its bottom");
    // Adjacent text (split around entity references) is joined.
    if let (Node::Text(t), Some(Node::Text(last))) = (&node, parent.children.last_mut()) {
        last.push_str(t);
        return;
    }
    parent.children.push(node);
}

fn utf8(b: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(b).map_err(|e| format!("not UTF-8: {e}"))
}

fn start(s: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let mut e = Element::new(utf8(s.name().as_ref())?);
    // docx-rs writes each attribute once: the duplicate check is skipped.
    for a in s.attributes().with_checks(false) {
        let a = a.map_err(|e| format!("bad attribute: {e}"))?;
        e.attrs.push((
            utf8(a.key.as_ref())?.to_string(),
            utf8(&a.value)?.to_string(),
        ));
    }
    Ok(e)
}

/// Write a part: the XML declaration, then the tree.
pub fn write(root: &Element) -> Vec<u8> {
    let mut out = String::with_capacity(4096);
    out.push_str(DECLARATION);
    write_element(root, &mut out);
    out.into_bytes()
}

/// The XML declaration every part begins with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// The start tag of `e` (with its attributes), for a part written in
/// pieces: its children are written one by one between this and
/// [`end_tag`].
pub fn start_tag(e: &Element) -> String {
    let mut out = String::new();
    open(e, &mut out);
    out.push('>');
    out
}

/// The end tag of `e`.
pub fn end_tag(e: &Element) -> String {
    format!("</{}>", e.name)
}

/// `<name` and the attributes of `e`, the tag not yet closed.
fn open(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&e.name);
    for (n, v) in &e.attrs {
        out.push(' ');
        out.push_str(n);
        out.push_str("=\"");
        out.push_str(v);
        out.push('"');
    }
}

/// Write `e` and everything below it at the end of `out`.
pub fn write_element(e: &Element, out: &mut String) {
    open(e, out);
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for c in &e.children {
        match c {
            Node::Element(c) => write_element(c, out),
            Node::Text(t) => out.push_str(t),
        }
    }
    out.push_str("</");
    out.push_str(&e.name);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_escapes() {
        let src = r#"<a x="1 &amp; 2"><b/>T &lt;&amp;&gt; &#233;<c k="v">z</c></a>"#;
        let root = parse(src.as_bytes()).unwrap();
        let out = String::from_utf8(write(&root)).unwrap();
        assert!(out.ends_with(src), "{out}");
    }
}
