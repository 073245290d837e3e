//! Styles of a combined document's countries set in another design than
//! its style sheet's: a country set tighter to fit its pages (copyfitting),
//! or whose long title the design sets smaller, keeps its own sizes and
//! leading in the combined DOCX, as in its own.
//!
//! A Word document has one style sheet. Each design that differs from the
//! sheet's gets, for every style it sets differently (and every style
//! based on one of those), a copy of that style named for the first
//! country set in it ("Body Text (Bolivia)"), and that country's
//! paragraphs, runs and notes name the copies. Styles both designs set
//! alike stay shared, so an editor still restyles every country at once
//! where the countries agree.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sized;
use super::xml::{Element, Node};
use crate::design::Design;

/// For one design other than the sheet's: each style id that design sets
/// differently, with the id of its copy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StyleMap {
    ids: HashMap<String, String>,
    /// The design's number, in its copies' ids.
    n: usize,
}

impl StyleMap {
    /// The id a paragraph of this design names for style `id`. A style the
    /// body asked for by size (`Sized`) follows the style it is based on:
    /// its own settings come from that style's role.
    pub fn get(&self, id: &str) -> Option<String> {
        if let Some(v) = self.ids.get(id) {
            return Some(v.clone());
        }
        let parent = sized::based_on(id)?;
        self.get(&parent).map(|_| copy_id(id, self.n))
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Name copies in `e` and everything in it: the styles of paragraphs,
    /// runs and tables. The copies named are added to `used`.
    pub fn apply(&self, e: &mut Element, used: &mut BTreeSet<String>) {
        if self.is_empty() {
            return;
        }
        e.walk_mut(&mut |el| {
            if matches!(el.name.as_str(), "w:pStyle" | "w:rStyle" | "w:tblStyle")
                && let Some(v) = el.get_attr("w:val").map(str::to_string)
                && let Some(copy) = self.get(&v)
            {
                el.set_attr("w:val", &copy);
                used.insert(copy);
            }
        });
    }
}

/// Copies are named `<id>_v<n>`: no style id of ours has an underscore.
const SUFFIX: &str = "_v";

fn copy_id(id: &str, n: usize) -> String {
    format!("{id}{SUFFIX}{n}")
}

/// The designs of a combined document's countries, each one other than
/// the sheet's numbered from 1 in the order of the countries, with the
/// name of the first country set in it.
pub struct Designs<'a, D = Design> {
    /// The other designs, and the title of the first country in each.
    pub others: Vec<(&'a D, &'a str)>,
    same: fn(&D, &D) -> bool,
}

impl<'a, D> Designs<'a, D> {
    /// The designs of `countries` that do not look like `sheet`, each
    /// once: `same` says whether two designs look alike (for a design,
    /// [`Design::same_look`]: every country's footer names it, and that
    /// alone must not make a design of its own).
    pub fn new(
        sheet: &D,
        countries: impl Iterator<Item = (&'a D, &'a str)>,
        same: fn(&D, &D) -> bool,
    ) -> Self {
        let mut others: Vec<(&D, &str)> = Vec::new();
        for (d, title) in countries {
            if !same(d, sheet) && !others.iter().any(|(o, _)| same(o, d)) {
                others.push((d, title));
            }
        }
        Designs { others, same }
    }

    /// The number of `design` among the others (from 1), or `None` for
    /// the sheet's own.
    pub fn number(&self, design: &D) -> Option<usize> {
        self.others
            .iter()
            .position(|(d, _)| (self.same)(d, design))
            .map(|i| i + 1)
    }
}

/// The styles of a finished style sheet by id.
fn by_id(sheet: &Element) -> BTreeMap<String, &Element> {
    sheet
        .elements()
        .filter(|e| e.name == "w:style")
        .filter_map(|e| Some((e.get_attr("w:styleId")?.to_string(), e)))
        .collect()
}

/// The id of the style `style` is based on.
fn based_on_of(style: &Element) -> Option<String> {
    style
        .elements()
        .find(|e| e.name == "w:basedOn")
        .and_then(|e| e.get_attr("w:val"))
        .map(str::to_string)
}

/// Which styles of `other` (the finished sheet of design number `n`) need
/// a copy beside `sheet`: those set differently, and those based on one
/// that needs a copy.
pub fn map(sheet: &Element, other: &Element, n: usize) -> StyleMap {
    let ours = by_id(sheet);
    let theirs = by_id(other);
    let mut needs: Vec<&str> = theirs
        .iter()
        .filter(|(id, s)| ours.get(*id) != Some(*s))
        .map(|(id, _)| id.as_str())
        .collect();
    // Styles based on a copied one, until none is added.
    loop {
        let more: Vec<&str> = theirs
            .iter()
            .filter(|(id, s)| {
                !needs.contains(&id.as_str())
                    && based_on_of(s).is_some_and(|b| needs.contains(&b.as_str()))
            })
            .map(|(id, _)| id.as_str())
            .collect();
        if more.is_empty() {
            break;
        }
        needs.extend(more);
    }
    StyleMap {
        ids: needs
            .into_iter()
            .map(|id| (id.to_string(), copy_id(id, n)))
            .collect(),
        n,
    }
}

/// The copies themselves: each style of `other` that `map` names and the
/// document uses (`used`, and the styles those are based on, followed by
/// or linked to), with its copy's id, a name that says whose it is, and
/// what it is based on and followed by pointing at copies too.
pub fn copies(
    other: &Element,
    map: &StyleMap,
    country: &str,
    used: &BTreeSet<String>,
) -> Vec<Element> {
    let all = all_copies(other, map, country);
    let mut keep = used.clone();
    loop {
        let more: Vec<String> = all
            .iter()
            .filter(|s| s.get_attr("w:styleId").is_some_and(|id| keep.contains(id)))
            .flat_map(Element::elements)
            .filter(|c| matches!(c.name.as_str(), "w:basedOn" | "w:next" | "w:link"))
            .filter_map(|c| c.get_attr("w:val"))
            .filter(|v| v.contains(SUFFIX) && !keep.contains(*v))
            .map(str::to_string)
            .collect();
        if more.is_empty() {
            break;
        }
        keep.extend(more);
    }
    all.into_iter()
        .filter(|s| s.get_attr("w:styleId").is_some_and(|id| keep.contains(id)))
        .collect()
}

fn all_copies(other: &Element, map: &StyleMap, country: &str) -> Vec<Element> {
    let mut out = Vec::new();
    for style in other.elements().filter(|e| e.name == "w:style") {
        let Some(id) = style.get_attr("w:styleId") else {
            continue;
        };
        let Some(copy) = map.get(id) else {
            continue;
        };
        let mut s = style.clone();
        s.set_attr("w:styleId", &copy);
        // A copy is never a type's default style.
        s.remove_attr("w:default");
        for child in &mut s.children {
            let Node::Element(c) = child else { continue };
            match c.name.as_str() {
                "w:name" => {
                    let name = c.get_attr("w:val").unwrap_or(id).to_string();
                    c.set_attr("w:val", &format!("{name} ({country})"));
                }
                "w:basedOn" | "w:next" | "w:link" => {
                    if let Some(v) = c.get_attr("w:val").map(str::to_string)
                        && let Some(to) = map.get(&v)
                    {
                        c.set_attr("w:val", &to);
                    }
                }
                _ => {}
            }
        }
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(id: &str, based: Option<&str>, size: &str) -> Element {
        let mut s = Element::new("w:style")
            .attr("w:type", "paragraph")
            .attr("w:styleId", id)
            .child(Element::new("w:name").attr("w:val", id));
        if let Some(b) = based {
            s = s.child(Element::new("w:basedOn").attr("w:val", b));
        }
        s.child(Element::new("w:rPr").child(Element::new("w:sz").attr("w:val", size)))
    }

    fn sheet(styles: Vec<Element>) -> Element {
        styles
            .into_iter()
            .fold(Element::new("w:styles"), Element::child)
    }

    #[test]
    fn a_style_set_differently_and_those_based_on_it_are_copied() {
        let ours = sheet(vec![
            style("Normal", None, "19"),
            style("BodyText", Some("Normal"), "19"),
            style("BodyTextFirstIndent", Some("BodyText"), "19"),
            style("Title", Some("Normal"), "40"),
        ]);
        let theirs = sheet(vec![
            style("Normal", None, "19"),
            style("BodyText", Some("Normal"), "18"),
            style("BodyTextFirstIndent", Some("BodyText"), "19"),
            style("Title", Some("Normal"), "40"),
        ]);
        let m = map(&ours, &theirs, 2);
        assert_eq!(m.get("BodyText").as_deref(), Some("BodyText_v2"));
        assert_eq!(
            m.get("BodyTextFirstIndent").as_deref(),
            Some("BodyTextFirstIndent_v2")
        );
        assert_eq!(m.get("Title"), None);
        assert_eq!(m.get("Normal"), None);

        // Only the indent is used: the body text comes as its base.
        let used = BTreeSet::from(["BodyTextFirstIndent_v2".to_string()]);
        let made = copies(&theirs, &m, "Bolivia", &used);
        assert_eq!(made.len(), 2);
        assert!(copies(&theirs, &m, "Bolivia", &BTreeSet::new()).is_empty());
        let indent = &made[1];
        assert_eq!(indent.get_attr("w:styleId"), Some("BodyTextFirstIndent_v2"));
        let child = |name: &str| {
            indent
                .elements()
                .find(|e| e.name == name)
                .and_then(|e| e.get_attr("w:val"))
                .map(str::to_string)
        };
        assert_eq!(child("w:basedOn").as_deref(), Some("BodyText_v2"));
        assert_eq!(
            child("w:name").as_deref(),
            Some("BodyTextFirstIndent (Bolivia)")
        );
    }

    #[test]
    fn a_style_made_to_measure_follows_its_parent() {
        let ours = sheet(vec![style("IndicatorValue", None, "34")]);
        let theirs = sheet(vec![style("IndicatorValue", None, "33")]);
        let m = map(&ours, &theirs, 1);
        // IndicatorValue30 is made to measure from IndicatorValue; a
        // space is made from the section break, which this design sets
        // alike.
        assert_eq!(
            m.get("IndicatorValue30").as_deref(),
            Some("IndicatorValue30_v1")
        );
        assert_eq!(m.get("Space200"), None);

        let mut body = Element::new("w:body").child(Element::new("w:p").child(
            Element::new("w:pPr").child(Element::new("w:pStyle").attr("w:val", "IndicatorValue30")),
        ));
        let mut used = BTreeSet::new();
        m.apply(&mut body, &mut used);
        assert_eq!(used, BTreeSet::from(["IndicatorValue30_v1".to_string()]));
        let mut seen = Vec::new();
        body.walk_mut(&mut |e| {
            if e.name == "w:pStyle" {
                seen.push(e.get_attr("w:val").unwrap_or_default().to_string());
            }
        });
        assert_eq!(seen, ["IndicatorValue30_v1"]);
    }

    #[test]
    fn the_same_design_is_numbered_once() {
        // Designs stand in as numbers: those of the same tens look alike.
        let (a, b, c, d) = (10, 20, 21, 12);
        let same: fn(&i32, &i32) -> bool = |x, y| x / 10 == y / 10;
        let ds = Designs::new(
            &a,
            [(&a, "A"), (&b, "B"), (&c, "C"), (&d, "D")].into_iter(),
            same,
        );
        assert_eq!(ds.others.len(), 1);
        assert_eq!(ds.number(&a), None);
        assert_eq!(ds.number(&d), None);
        assert_eq!(ds.number(&b), Some(1));
        assert_eq!(ds.number(&c), Some(1));
        assert_eq!(ds.others[0].1, "B");
    }
}
