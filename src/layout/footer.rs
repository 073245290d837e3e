//! Page furniture: the running footer with the programme, the country and
//! "Page 1 of 2", and in a pack the country's name at the head of its
//! continuation pages. Drawn as artifacts: a screen reader skips them.

use super::Problem;
use super::collect::Inline;
use super::frame::{Frame, rect};
use super::output::{Artifact, Item, ItemKind, Numbering, Owner, Paint, Point, RegionKind, TextId};
use super::paragraph::Line;
use super::setter::{Setter, Setting};
use crate::design::Role;
use crate::units::Pt;

/// The furniture of page `page` (from 0) of a layout of `pages`.
pub fn furniture(s: &mut Setter<'_>, page: usize, pages: usize, numbering: &Numbering) -> Frame {
    let mut frame = footer(s, page, pages, numbering);
    if numbering.running_head && page > 0 {
        frame.append(running_head(s, page), Point::default(), None);
    }
    frame
}

/// The country's name, small, centred in the top margin.
fn running_head(s: &mut Setter<'_>, page: usize) -> Frame {
    let g = s.design.page.clone();
    let style = s.span(Role::Footer);
    let leading = s.style(Role::Footer).leading;
    let mut frame = Frame::default();
    let top = (g.margin_top - leading) / 2.0;
    let region = frame.region(
        RegionKind::Header,
        rect(g.margin_left, top, g.text_width, leading),
        None,
    );
    let title = s.doc.title.clone();
    let lines = s.set(
        &Inline::plain(&title, &style),
        g.text_width,
        false,
        false,
        "the running head",
        None,
    );
    let base = s.baseline_offset(&style, leading);
    // One line: a name too long for it is cut to the margin's width in
    // the title band already; here it must still fit or is left out.
    if let [line] = lines.as_slice() {
        let x = g.margin_left + (g.text_width - line.width) / 2.0;
        push_line(
            &mut frame,
            line,
            x,
            top + base,
            TextId::RunningHead(page),
            region,
        );
    } else {
        s.problems.push(Problem::input(
            "the country's name does not fit on one line at the head of a page",
            "shorten the country's name",
            s.doc.title_at.clone(),
        ));
    }
    frame
}

fn footer(s: &mut Setter<'_>, page: usize, pages: usize, numbering: &Numbering) -> Frame {
    let g = s.design.page.clone();
    let d = s.design.footer.clone();
    let style = s.span(Role::Footer);
    let leading = s.style(Role::Footer).leading;
    let rule_y = g.body_bottom() + d.rule_offset;
    let top = rule_y + d.text_offset;
    let mut frame = Frame::default();
    let region = frame.region(
        RegionKind::Footer,
        rect(g.margin_left, rule_y, g.text_width, g.height - rule_y),
        None,
    );
    frame.push(
        ItemKind::Rule {
            from: Point {
                x: g.margin_left,
                y: rule_y,
            },
            to: Point {
                x: g.width - g.margin_right,
                y: rule_y,
            },
            width: d.rule_width,
            paint: Paint::Rule,
            dotted: false,
        },
        Owner::Artifact(Artifact::Footer),
        Some(region),
    );
    let (number, total) = numbering.label(page, pages);
    let label = s.design.footer.page_number.fill(number, total);
    let right = Inline::plain(&label, &style);
    let right_w = s.natural_width(&right, "the footer", None);
    // The measure the design chose the footer's form for (beside the
    // widest page number), the same on every page.
    let left_w = d.text_width;
    let left = Inline::plain(&s.design.footer.text, &style);
    let base = s.baseline_offset(&style, leading);
    // Set as the design measured it when it chose the footer's form (not
    // hyphenated: a running footer reads better whole, and a hyphenated
    // setting could take another line than the measure said).
    let how = Setting {
        width: left_w,
        unhyphenated: true,
        ..Setting::default()
    };
    let lines = s.set_with(&left, &how, "the footer", None);
    let max_lines = s.design.footer.max_lines;
    if lines.len() > max_lines {
        if page == 0 {
            s.problems.push(Problem::input(
                format!(
                    "the footer text \"{}\" takes {} lines; the bottom margin holds {max_lines}",
                    s.design.footer.text,
                    lines.len()
                ),
                "shorten the programme or country name, or make `footer` under [sizes] in the theme smaller",
                s.doc.title_at.clone(),
            ));
        }
        return frame;
    }
    // The page label stands beside the footer text: a label too wide for
    // the room the design left it (a locale's `page` label of a sentence)
    // would be drawn over that text. The design kept its gap beside the
    // widest page number of three figures; a pack's page numbers of four
    // may take most of it, but not all.
    let min_gap = crate::units::Mm(2.0).to_pt();
    let used = lines.iter().map(|l| l.width).fold(Pt::ZERO, Pt::max);
    if used + min_gap + right_w > g.text_width + Pt(0.01) {
        let reported = s
            .problems
            .iter()
            .any(|p| p.message.starts_with("the page label"));
        if !reported {
            let room = g.text_width - used - min_gap;
            let shown: String = if label.chars().count() > 60 {
                label.chars().take(59).chain(['…']).collect()
            } else {
                label.clone()
            };
            s.problems.push(Problem::input(
                format!(
                    "the page label \"{shown}\" is {:.0} mm wide; the footer holds {:.0} mm beside its text",
                    right_w.to_mm().0,
                    room.max(Pt::ZERO).to_mm().0
                ),
                format!(
                    "shorten `page` under [labels] in the `{0}` locale file (locales/{0}.toml beside the profile): a page label is a few words, like \"Page {{page}} of {{pages}}\"",
                    s.doc.label_lang
                ),
                None,
            ));
        }
        return frame;
    }
    // The page number stands at the end of the reading direction.
    let rtl = s.rtl;
    for (i, line) in lines.iter().enumerate() {
        let y = top + leading * i as f64 + base;
        let x = if rtl {
            g.width - g.margin_right - line.width
        } else {
            g.margin_left
        };
        push_line(&mut frame, line, x, y, TextId::Footer(page), region);
    }
    let right_lines = s.set(&right, right_w + Pt(1.0), false, true, "the footer", None);
    for line in right_lines.iter().take(1) {
        let x = if rtl {
            g.margin_left
        } else {
            g.width - g.margin_right - line.width
        };
        push_line(
            &mut frame,
            line,
            x,
            top + base,
            TextId::PageNumber(page),
            region,
        );
    }
    frame
}

fn push_line(frame: &mut Frame, line: &Line, x: Pt, baseline: Pt, text: TextId, region: usize) {
    for lr in &line.runs {
        let mut run = lr.run.clone();
        run.origin.x += x;
        run.origin.y += baseline;
        frame.items.push(Item {
            kind: ItemKind::Text(run),
            owner: Owner::Artifact(Artifact::Footer),
            text: Some(text),
            region: Some(region),
        });
    }
}
