//! Document properties and the outline (bookmarks).

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};

use crate::doc::Meta;
use crate::layout::Layout;
use crate::time::UtcDateTime;
use crate::units::Pt;

pub fn metadata(meta: &Meta, lang: &str, epoch: Option<i64>) -> Metadata {
    let mut m = Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .description(meta.subject.clone())
        .keywords(meta.keywords.clone())
        .language(lang.to_string())
        .creator(format!("factsheet {}", env!("CARGO_PKG_VERSION")));
    if let Some(secs) = epoch {
        let t = UtcDateTime::from_epoch(secs);
        m = m.creation_date(
            DateTime::new(t.year.clamp(0, 9999) as u16)
                .month(t.month)
                .day(t.day)
                .hour(t.hour)
                .minute(t.minute)
                .second(t.second)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    m
}

/// The title, with the section headings under it.
pub fn outline(laid: &Layout, margin: Pt) -> Outline {
    let mut outline = Outline::new();
    for node in outline_nodes(laid, margin, 0) {
        outline.push_child(node);
    }
    outline
}

/// A layout's outline entries as nodes (headings under the title before
/// them), its pages starting at page `offset` of the PDF.
pub fn outline_nodes(laid: &Layout, margin: Pt, offset: usize) -> Vec<OutlineNode> {
    let mut out = Vec::new();
    let mut top: Option<OutlineNode> = None;
    for e in &laid.outline {
        let dest = XyzDestination::new(
            offset + e.page,
            Point::from_xy(margin.0 as f32, (e.y + margin).0.max(0.0) as f32),
        );
        let node = OutlineNode::new(e.title.clone(), dest);
        if e.level <= 1 {
            out.extend(top.take());
            top = Some(node.with_open(true));
        } else if let Some(t) = top.as_mut() {
            t.push_child(node);
        } else {
            out.push(node);
        }
    }
    out.extend(top);
    out
}
