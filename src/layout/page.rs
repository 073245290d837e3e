//! Page furniture: the running footer with the programme, the country and
//! "Page 1 of 2". Drawn as artifacts: a screen reader skips them.

use super::collect::Inline;
use super::frame::{Artifact, ItemKind, Owner, Paint, Point, Region, RegionKind};
use super::place::Frame;
use super::setter::Setter;
use super::style::TextStyle;
use crate::fonts::FaceId;
use crate::locale::fill;
use crate::units::{Mm, Pt};

pub fn footer(s: &mut Setter<'_>, page: usize, pages: usize) -> Frame {
    let g = s.geo.clone();
    let style = TextStyle::new(FaceId::Regular, s.theme.sizes.footer, Paint::Muted);
    let rule_y = g.body_bottom() + Mm(3.5).to_pt();
    let baseline = rule_y + Mm(1.2).to_pt() + style.size;
    let mut frame = Frame::default();
    frame.regions.push(Region {
        kind: RegionKind::Footer,
        rect: super::place::rect(g.left, rule_y, g.text_width, g.height - rule_y),
    });
    frame.push(
        ItemKind::Rule {
            from: Point {
                x: g.left,
                y: rule_y,
            },
            to: Point {
                x: g.width - g.right,
                y: rule_y,
            },
            width: Pt(0.4),
            paint: Paint::Rule,
        },
        Owner::Artifact(Artifact::Footer),
    );
    let label = fill(
        &s.doc.footer.page_pattern,
        &[
            ("page", &(page + 1).to_string()),
            ("pages", &pages.to_string()),
        ],
    );
    let right = Inline::plain(&label, &style);
    let right_w = s.natural_width(&right, "the footer");
    let left_w = g.text_width - right_w - Mm(5.0).to_pt();
    let left = Inline::plain(&s.doc.footer.text, &style);
    // The footer is one line: a long programme name is cut, never wrapped
    // into the trim.
    let lines = s.set(&left, left_w.max(Pt(10.0)), false, false, "the footer");
    if let Some(line) = lines.first() {
        push_line(&mut frame, line, g.left, baseline);
    }
    for line in s
        .set(&right, right_w + Pt(1.0), false, true, "the footer")
        .iter()
        .take(1)
    {
        push_line(&mut frame, line, g.width - g.right - line.width, baseline);
    }
    frame
}

fn push_line(frame: &mut Frame, line: &super::paragraph::Line, x: Pt, baseline: Pt) {
    for lr in &line.runs {
        let mut run = lr.run.clone();
        run.origin.x += x;
        run.origin.y += baseline;
        frame.push(ItemKind::Text(run), Owner::Artifact(Artifact::Footer));
    }
}
