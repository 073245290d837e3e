//! Flow: pour the body's items into columns and pages.
//!
//! A column ends only where an item allows it (the keep rules of
//! [`super::body`]). Footnotes sit at the foot of the page of their marker
//! and span the text width, so they shorten every column of that page:
//! a page is filled, and when an item with a new marker comes up, the page
//! is filled again with room for that note; the item stays on the page only
//! if it still fits. Each page thus ends with exactly the notes its markers
//! call for, whichever column the marker lands in and however low. The
//! last page's columns are balanced.

use std::ops::Range;

use super::body::FlowItem;
use crate::units::Pt;

/// Slack for floating-point sums of heights.
const EPS: Pt = Pt(0.01);

/// One page's share of the items.
#[derive(Clone, Debug, PartialEq)]
pub struct PageFlow {
    /// Items of each column.
    pub columns: Vec<Range<usize>>,
    /// Footnotes at the foot of the page.
    pub notes: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Stop {
    Done,
    Full,
    /// Item `i` references a note not yet given room on the page.
    NeedsNote(usize),
}

/// Space between two items in a column.
fn space(items: &[FlowItem], i: usize) -> Pt {
    items[i].space_before.max(items[i - 1].gap_after)
}

/// Fill one column of height `avail` from `start`.
/// `strict`: end only where the keep rules allow, even if that leaves the
/// column empty (balancing tries heights; it must not bend the rules).
fn fill_column(
    items: &[FlowItem],
    start: usize,
    avail: Pt,
    notes: &[u32],
    done: &[u32],
    strict: bool,
) -> (usize, Stop) {
    let mut y = Pt::ZERO;
    let mut i = start;
    let mut last_ok = None;
    let stop = loop {
        if i == items.len() {
            break Stop::Done;
        }
        let it = &items[i];
        if it
            .notes
            .iter()
            .any(|n| !notes.contains(n) && !done.contains(n))
        {
            break Stop::NeedsNote(i);
        }
        let sp = if i == start {
            Pt::ZERO
        } else {
            space(items, i)
        };
        if y + sp + it.height > avail + EPS {
            break Stop::Full;
        }
        y += sp + it.height;
        i += 1;
        if i == items.len() || items[i].break_before {
            last_ok = Some(i);
        }
    };
    match stop {
        Stop::Done => (i, stop),
        _ => match last_ok {
            Some(end) if end > start => (end, stop),
            _ if strict => (start, stop),
            // No allowed break fits: break where the column is full
            // rather than overflow it; keep rules give way to that.
            _ if i > start && matches!(stop, Stop::Full) => (i, stop),
            // An item taller than an empty column still has to go
            // somewhere; it is placed alone.
            _ if i == start && matches!(stop, Stop::Full) && y == Pt::ZERO => (start + 1, stop),
            _ => (start, stop),
        },
    }
}

/// Fill `count` columns of height `avail`.
fn fill_page(
    items: &[FlowItem],
    start: usize,
    avail: Pt,
    count: usize,
    notes: &[u32],
    done: &[u32],
    strict: bool,
) -> (Vec<Range<usize>>, Stop) {
    let mut columns = Vec::with_capacity(count);
    let mut pos = start;
    let mut stop = Stop::Done;
    for _ in 0..count {
        let (end, s) = fill_column(items, pos, avail, notes, done, strict);
        columns.push(pos..end);
        pos = end;
        stop = s;
        if s == Stop::Done {
            break;
        }
    }
    while columns.len() < count {
        columns.push(pos..pos);
    }
    (columns, stop)
}

/// Flow all items. `heights[p]` gives page `p`'s body height (the first
/// page has the header); `notes_height` the room a set of notes takes.
pub fn flow(
    items: &[FlowItem],
    columns: usize,
    body_height: &dyn Fn(usize) -> Pt,
    notes_height: &dyn Fn(&[u32]) -> Pt,
) -> Vec<PageFlow> {
    let mut pages = Vec::new();
    let mut start = 0;
    // Notes already set on an earlier page (a second marker for the same
    // note needs no room again).
    let mut done: Vec<u32> = Vec::new();
    loop {
        let page = pages.len();
        let full = body_height(page);
        let mut reserved: Vec<u32> = Vec::new();
        let (mut cols, mut stop) = fill_page(items, start, full, columns, &reserved, &done, false);
        while let Stop::NeedsNote(i) = stop {
            let mut wider = reserved.clone();
            for n in &items[i].notes {
                if !wider.contains(n) && !done.contains(n) {
                    wider.push(*n);
                }
            }
            let (cols2, stop2) = fill_page(
                items,
                start,
                full - notes_height(&wider),
                columns,
                &wider,
                &done,
                false,
            );
            let reached = cols2.last().map_or(start, |c| c.end);
            if reached > i {
                reserved = wider;
                cols = cols2;
                stop = stop2;
            } else {
                break;
            }
        }
        let end = cols.last().map_or(start, |c| c.end);
        if end == items.len()
            && columns > 1
            && let Some(balanced) = balance(
                items,
                start,
                full - notes_height(&reserved),
                columns,
                &reserved,
                &done,
            )
        {
            cols = balanced;
        }
        // Guard against a page that takes nothing (it cannot happen with
        // the fallbacks of `fill_column`, but an endless loop must not).
        let progressed = end > start;
        reserved.sort_unstable();
        done.extend(&reserved);
        pages.push(PageFlow {
            columns: cols,
            notes: reserved,
        });
        if end >= items.len() || !progressed {
            break;
        }
        start = end;
    }
    pages
}

/// The shortest column height that still takes every remaining item with
/// every column ending where the keep rules allow; `None` when no height
/// does (the columns then stay as filled).
fn balance(
    items: &[FlowItem],
    start: usize,
    avail: Pt,
    columns: usize,
    notes: &[u32],
    done: &[u32],
) -> Option<Vec<Range<usize>>> {
    let fits = |h: Pt| {
        let (cols, _) = fill_page(items, start, h, columns, notes, done, true);
        cols.last().is_some_and(|c| c.end == items.len())
    };
    if !fits(avail) {
        return None;
    }
    let (mut lo, mut hi) = (Pt::ZERO, avail);
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(fill_page(items, start, hi, columns, notes, done, true).0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::place::Frame;

    fn line(break_before: bool, notes: Vec<u32>) -> FlowItem {
        FlowItem {
            height: Pt(10.0),
            space_before: Pt::ZERO,
            gap_after: Pt::ZERO,
            break_before,
            notes,
            frame: Frame::default(),
            outline: None,
            role: crate::layout::FlowRole::Callout,
        }
    }

    #[test]
    fn columns_end_only_where_allowed() {
        // Breaks allowed only before even items.
        let items: Vec<_> = (0..9).map(|i| line(i % 2 == 0, vec![])).collect();
        let pages = flow(&items, 2, &|_| Pt(35.0), &|_| Pt::ZERO);
        for p in &pages {
            for c in &p.columns {
                assert!(
                    c.end == items.len() || items[c.end].break_before,
                    "{pages:?}"
                );
            }
        }
    }

    #[test]
    fn a_note_lands_on_the_page_of_its_marker_even_at_the_bottom() {
        // 10 lines fit a page; the marker is on line 9 and its note takes
        // the room of 3 lines: the marker line must go to page 2 with it,
        // or stay with the note on page 1.
        let mut items: Vec<_> = (0..20).map(|_| line(true, vec![])).collect();
        items[9].notes = vec![1];
        let notes_h = |n: &[u32]| Pt(30.0) * n.len() as f64;
        let pages = flow(&items, 1, &|_| Pt(100.0), &notes_h);
        for (p, page) in pages.iter().enumerate() {
            let on_page: Vec<u32> = page
                .columns
                .iter()
                .flat_map(|c| c.clone())
                .flat_map(|i| items[i].notes.clone())
                .collect();
            assert_eq!(on_page, page.notes, "page {p}: {pages:?}");
        }
        assert!(pages.iter().any(|p| p.notes == vec![1]));
    }

    #[test]
    fn balancing_never_splits_a_short_paragraph() {
        // Two lines of one paragraph (no break allowed between them) left
        // for the last page: they stay together in the first column.
        let items = vec![line(true, vec![]), line(false, vec![])];
        let pages = flow(&items, 2, &|_| Pt(500.0), &|_| Pt::ZERO);
        assert_eq!(pages[0].columns, vec![0..2, 2..2]);
    }

    #[test]
    fn last_page_is_balanced() {
        let items: Vec<_> = (0..10).map(|_| line(true, vec![])).collect();
        let pages = flow(&items, 2, &|_| Pt(500.0), &|_| Pt::ZERO);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].columns, vec![0..5, 5..10]);
    }
}
