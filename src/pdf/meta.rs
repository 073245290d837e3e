//! Document properties and the outline (bookmarks).

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};

use crate::doc::Document;
use crate::layout::Layout;
use crate::time::UtcDateTime;
use crate::units::Pt;

pub fn metadata(doc: &Document, epoch: Option<i64>) -> Metadata {
    let mut m = Metadata::new()
        .title(doc.meta.title.clone())
        .authors(vec![doc.meta.author.clone()])
        .description(doc.meta.subject.clone())
        .keywords(doc.meta.keywords.clone())
        .language(doc.lang.clone())
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
    let mut top: Option<OutlineNode> = None;
    for e in &laid.outline {
        let dest = XyzDestination::new(
            e.page,
            Point::from_xy(margin.0 as f32, (e.y + margin).0.max(0.0) as f32),
        );
        let node = OutlineNode::new(e.title.clone(), dest);
        if e.level <= 1 {
            if let Some(t) = top.take() {
                outline.push_child(t);
            }
            top = Some(node.with_open(true));
        } else if let Some(t) = top.as_mut() {
            t.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(t) = top {
        outline.push_child(t);
    }
    outline
}
