//! Flow: pour the body's items into columns and pages, with the notes
//! their markers call for at the foot of each page.
//!
//! A column ends only where an item allows it (the keep rules of
//! [`super::body`]); when none does, the rules give way rather than the
//! page overflowing. Notes span the page's foot, so a new note shortens
//! every column of its page: an item with a new marker stays on the page
//! only if, with the note's room taken, every column still fits. A note
//! that does not fit whole starts on its marker's page with at least a
//! few lines and continues at the foot of the next page (as TeX splits
//! insertions); no other note may then start on that page, so notes stay
//! in order. Notes go through one queue that must be empty when the flow
//! ends, so no note is ever left out; every item is placed or the flow
//! fails, naming it. The last page's columns are balanced.

use std::ops::Range;

use super::body::FlowItem;
use super::notes::{NoteLayout, NotePiece};
use crate::units::Pt;

/// Slack for floating-point sums of heights.
const EPS: Pt = Pt(0.01);

/// One page's share of the items and notes.
#[derive(Clone, Debug, PartialEq)]
pub struct PageFlow {
    /// Items of each column.
    pub columns: Vec<Range<usize>>,
    /// Notes at the foot of the page, in order: those continued from the
    /// page before first.
    pub notes: Vec<NotePiece>,
}

/// Why the items could not be poured.
#[derive(Clone, Debug, PartialEq)]
pub enum FlowError {
    /// Item `n` is taller than a whole column.
    TooTall(usize),
    /// Item `n`'s notes cannot start on any page it could stand on.
    NoRoomForNotes(usize),
    /// The notes called for by the page's header do not fit under it.
    HeaderNotes,
}

/// What the flow works with.
pub struct FlowInput<'a> {
    pub items: &'a [FlowItem],
    pub columns: usize,
    /// Body height of the first pages (under the header, which may take
    /// more than one page), and of the others. Only the last of the
    /// header's pages takes body items; the ones before hold the notes
    /// their boxes cite.
    pub first_heights: &'a [Pt],
    pub height: Pt,
    /// Notes whose markers are in the header, by page.
    pub header_notes: &'a [Vec<u32>],
    pub notes: &'a NoteLayout<'a>,
    /// Lines of a note that must stand on its marker's page.
    pub min_first_lines: usize,
}

/// The notes on a page being filled, and what is left for the next.
#[derive(Clone, Debug, Default)]
struct NoteState {
    pieces: Vec<NotePiece>,
    /// Lines still to set, in order, after this page.
    carry: Vec<NotePiece>,
    /// Notes started so far (this page included).
    started: Vec<u32>,
}

impl NoteState {
    /// A note split on this page (or carried past it) blocks new notes.
    fn closed(&self) -> bool {
        !self.carry.is_empty()
    }
}

/// Pour all items.
pub fn flow(input: &FlowInput<'_>) -> Result<Vec<PageFlow>, FlowError> {
    let items = input.items;
    let mut pages = Vec::new();
    let mut pos = 0;
    let mut notes = NoteState::default();
    while pos < items.len() || !notes.carry.is_empty() || pages.is_empty() {
        let page = pages.len();
        let height = input
            .first_heights
            .get(page)
            .copied()
            .unwrap_or(input.height);
        let header_notes: &[u32] = input.header_notes.get(page).map_or(&[], Vec::as_slice);
        let mut state = NoteState {
            pieces: Vec::new(),
            carry: Vec::new(),
            started: notes.started.clone(),
        };
        // A page the header's rows take may have no room under them for
        // a line of the notes carried to it: they wait for the next page.
        let header_page = page < input.first_heights.len();
        let carried_lines = place_carry(
            input,
            &mut state,
            std::mem::take(&mut notes.carry),
            height,
            header_page,
        );
        if !header_notes.is_empty() {
            let fresh: Vec<u32> = header_notes
                .iter()
                .copied()
                .filter(|n| !state.started.contains(n))
                .collect();
            if !add_notes(
                input,
                &mut state,
                &fresh,
                &|area| area <= height + EPS,
                true,
            ) {
                return Err(FlowError::HeaderNotes);
            }
        }
        let start = pos;
        // The header's rows go on past this page: the body waits for them.
        let rows_go_on = page + 1 < input.first_heights.len();
        let mut columns = if rows_go_on {
            vec![pos..pos; input.columns]
        } else {
            let (columns, next) = fill_page(input, pos, height, &state);
            state = next;
            columns
        };
        pos = columns.last().map_or(pos, |c| c.end);
        // A page the header fills may hold no body; any other page that
        // takes nothing means an item fits nowhere.
        if pos == start && carried_lines == 0 && !header_page {
            // Nothing fits on an empty page: the item is too tall, or its
            // notes cannot start anywhere.
            let area = input.notes.area_height(&state.pieces);
            return Err(if items[pos].height > height - area + EPS {
                FlowError::TooTall(pos)
            } else {
                FlowError::NoRoomForNotes(pos)
            });
        }
        if pos == items.len()
            && input.columns > 1
            && let Some(balanced) = balance(
                input,
                start,
                height - input.notes.area_height(&state.pieces),
            )
        {
            columns = balanced;
        }
        notes = state;
        pages.push(PageFlow {
            columns,
            notes: std::mem::take(&mut notes.pieces),
        });
    }
    Ok(pages)
}

/// Set the lines carried from the page before first: as many as fit the
/// page; the rest is carried again. At least one line is set, so that
/// every page makes progress, unless the page `may_wait` (the header's
/// rows fill it, and pages with room follow). Returns how many lines were
/// set.
fn place_carry(
    input: &FlowInput<'_>,
    state: &mut NoteState,
    carry: Vec<NotePiece>,
    height: Pt,
    may_wait: bool,
) -> usize {
    let mut placed = 0;
    let mut rest = carry.into_iter();
    for piece in rest.by_ref() {
        let mut whole = state.pieces.clone();
        whole.push(piece.clone());
        if input.notes.area_height(&whole) <= height + EPS {
            placed += piece.lines.len();
            state.pieces = whole;
            continue;
        }
        let mut first = state.pieces.clone();
        first.push(NotePiece {
            number: piece.number,
            lines: piece.lines.start..piece.lines.start + 1,
        });
        if may_wait && input.notes.area_height(&first) > height + EPS {
            state.carry.push(piece);
            break;
        }
        // Split it: the most lines that fit (at least one, or the page
        // would make no progress).
        let mut k = piece.lines.len();
        while k > 1 {
            k -= 1;
            let mut trial = state.pieces.clone();
            trial.push(NotePiece {
                number: piece.number,
                lines: piece.lines.start..piece.lines.start + k,
            });
            if input.notes.area_height(&trial) <= height + EPS {
                break;
            }
        }
        // Not after a hyphenated line: the word would run across pages.
        while k > 1
            && input
                .notes
                .hyphenated(piece.number, piece.lines.start + k - 1)
        {
            k -= 1;
        }
        state.pieces.push(NotePiece {
            number: piece.number,
            lines: piece.lines.start..piece.lines.start + k,
        });
        placed += k;
        state.carry.push(NotePiece {
            number: piece.number,
            lines: piece.lines.start + k..piece.lines.end,
        });
        break;
    }
    state.carry.extend(rest);
    placed
}

/// Start notes `fresh` on the page: whole if `fits` the resulting note
/// area; else each with at least its first lines here (the last ones
/// given the fewest), the rest carried to the next page in order. `false`
/// when they cannot all start here. Notes whose markers cannot move to
/// another page (`fixed`: the indicator boxes') are split after a
/// hyphenated line when no other split fits, rather than refused.
fn add_notes(
    input: &FlowInput<'_>,
    state: &mut NoteState,
    fresh: &[u32],
    fits: &dyn Fn(Pt) -> bool,
    fixed: bool,
) -> bool {
    if fresh.is_empty() {
        return true;
    }
    if state.closed() {
        return false;
    }
    let totals: Vec<usize> = fresh.iter().map(|&n| input.notes.line_count(n)).collect();
    let least: Vec<usize> = totals
        .iter()
        .map(|&t| input.min_first_lines.min(t).max(1).min(t))
        .collect();
    let area = |counts: &[usize]| {
        let mut pieces = state.pieces.clone();
        pieces.extend(fresh.iter().zip(counts).map(|(&n, &k)| NotePiece {
            number: n,
            lines: 0..k,
        }));
        input.notes.area_height(&pieces)
    };
    let mut counts = totals.clone();
    if !fits(area(&counts)) {
        let hyphen_at_cut =
            |j: usize, k: usize| k < totals[j] && input.notes.hyphenated(fresh[j], k - 1);
        // Cut from the last note back: notes before the cut stay whole,
        // the cut one gets as many lines as fit, those after their least.
        // The first cut that keeps every rule wins; failing that, a fixed
        // note's first cut that fits.
        let split = |j: usize, rules: bool| -> Option<Vec<usize>> {
            let mut counts = totals.clone();
            for (c, &l) in counts[j..].iter_mut().zip(&least[j..]) {
                *c = l;
            }
            if !fits(area(&counts)) {
                return None;
            }
            while counts[j] < totals[j] {
                counts[j] += 1;
                if !fits(area(&counts)) {
                    counts[j] -= 1;
                    break;
                }
            }
            if !rules {
                return Some(counts);
            }
            // No split after a hyphenated line: the word would run across
            // pages. That rule outranks the least lines a note starts with
            // (a note may then start with one line, or not at all).
            for (i, count) in counts.iter_mut().enumerate() {
                while *count > 1 && hyphen_at_cut(i, *count) {
                    *count -= 1;
                }
            }
            // Fewer lines need not fit: the note columns pour lines in
            // order, so a shorter piece can move a break and make the area
            // taller. Then the split notes give up lines, the last first,
            // down to one each, at cuts the rule allows, until it fits.
            while !fits(area(&counts)) {
                let i = (0..fresh.len())
                    .rev()
                    .find(|&i| counts[i] < totals[i] && counts[i] > 1)?;
                counts[i] -= 1;
                while counts[i] > 1 && hyphen_at_cut(i, counts[i]) {
                    counts[i] -= 1;
                }
            }
            // A note whose first line is hyphenated and must be cut there
            // cannot start on this page: its marker moves to the next.
            if (0..fresh.len()).any(|i| hyphen_at_cut(i, counts[i])) {
                return None;
            }
            Some(counts)
        };
        let first_split = |rules: bool| (0..fresh.len()).rev().find_map(|j| split(j, rules));
        let found = first_split(true).or_else(|| if fixed { first_split(false) } else { None });
        let Some(found) = found else {
            return false;
        };
        counts = found;
    }
    for ((&n, &k), &t) in fresh.iter().zip(&counts).zip(&totals) {
        state.pieces.push(NotePiece {
            number: n,
            lines: 0..k,
        });
        if k < t {
            state.carry.push(NotePiece {
                number: n,
                lines: k..t,
            });
        }
    }
    state.started.extend_from_slice(fresh);
    true
}

/// Space between items `i - 1` and `i` in a column.
fn space(items: &[FlowItem], i: usize) -> Pt {
    items[i].space_before.max(items[i - 1].gap_after)
}

/// Fill a page's columns from `start`, the page's body being `height`
/// tall and `state` its notes so far. Returns each column's items and the
/// page's notes after them.
///
/// The page is filled as one sequence, not column by column: the notes
/// span the page's foot, so a note called for in the last column shortens
/// the first one too. An item stays on the page if, with its new notes'
/// room taken, the items so far still go into the columns
/// ([`columns_for`]); the columns are then cut at the height that leaves.
/// (Filling the first column to the full height first would leave no room
/// for any new note in the others, and they would end early.)
fn fill_page(
    input: &FlowInput<'_>,
    start: usize,
    height: Pt,
    state: &NoteState,
) -> (Vec<Range<usize>>, NoteState) {
    let items = input.items;
    let mut cur = state.clone();
    let mut i = start;
    // The last place the page may end, with the notes there.
    let mut last_ok: Option<(usize, NoteState)> = None;
    while i < items.len() {
        let mut fresh: Vec<u32> = Vec::new();
        for n in &items[i].notes {
            if !cur.started.contains(n) && !fresh.contains(n) {
                fresh.push(*n);
            }
        }
        let fits = |area: Pt| {
            columns_for(items, start..i + 1, height - area, input.columns, true).is_some()
        };
        let mut next = cur.clone();
        let ok = if fresh.is_empty() {
            fits(input.notes.area_height(&cur.pieces))
        } else {
            add_notes(input, &mut next, &fresh, &fits, false)
        };
        if !ok {
            break;
        }
        cur = next;
        i += 1;
        if i == items.len() || items[i].break_before {
            last_ok = Some((i, cur.clone()));
        }
    }
    let (end, notes) = match last_ok {
        Some((end, at)) if end > start && i < items.len() => (end, at),
        // No allowed break fits: break where the page is full rather
        // than overflow it; the keep rules give way to that.
        _ => (i, cur),
    };
    let columns = columns_for(
        items,
        start..end,
        height - input.notes.area_height(&notes.pieces),
        input.columns,
        true,
    )
    .unwrap_or_else(|| vec![start..start; input.columns]);
    (columns, notes)
}

/// Items `range` poured into `columns` columns `h` tall, each column as
/// full as it can be and ending where the keep rules allow; when no
/// allowed end fits a column and `lenient`, where it is full. `None`
/// unless they all go in.
fn columns_for(
    items: &[FlowItem],
    range: Range<usize>,
    h: Pt,
    columns: usize,
    lenient: bool,
) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::with_capacity(columns);
    let mut pos = range.start;
    for _ in 0..columns {
        let mut y = Pt::ZERO;
        let mut i = pos;
        let mut allowed = pos;
        while i < range.end {
            let sp = if i == pos { Pt::ZERO } else { space(items, i) };
            if y + sp + items[i].height > h + EPS {
                break;
            }
            y += sp + items[i].height;
            i += 1;
            if i == range.end || items[i].break_before {
                allowed = i;
            }
        }
        let end = if allowed > pos || !lenient {
            allowed
        } else {
            i
        };
        out.push(pos..end);
        pos = end;
    }
    (pos == range.end).then_some(out)
}

/// The shortest column height that still takes every remaining item with
/// every column ending where the keep rules allow; `None` when no height
/// does (the columns then stay as filled). The notes are those of the
/// page already: the same items stand on it.
fn balance(input: &FlowInput<'_>, start: usize, avail: Pt) -> Option<Vec<Range<usize>>> {
    let fits = |h: Pt| {
        columns_for(
            input.items,
            start..input.items.len(),
            h,
            input.columns,
            false,
        )
    };
    fits(avail)?;
    let (mut lo, mut hi) = (Pt::ZERO, avail);
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if fits(mid).is_some() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    fits(hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::Frame;

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
            at: None,
            what: String::new(),
            hyphenated: false,
        }
    }

    fn run(items: &[FlowItem], columns: usize, page: f64, notes: &[usize]) -> Vec<PageFlow> {
        let blocks = crate::layout::notes::test_blocks(notes, false);
        let design = crate::layout::notes::test_design();
        let layout = crate::layout::notes::test_layout(&blocks, &design, 1);
        flow(&FlowInput {
            items,
            columns,
            first_heights: &[Pt(page)],
            height: Pt(page),
            header_notes: &[],
            notes: &layout,
            min_first_lines: 2,
        })
        .unwrap()
    }

    /// Every item once, in order, over all pages and columns.
    fn all_placed(items: &[FlowItem], pages: &[PageFlow]) {
        let placed: Vec<usize> = pages
            .iter()
            .flat_map(|p| p.columns.iter().flat_map(std::clone::Clone::clone))
            .collect();
        assert_eq!(placed, (0..items.len()).collect::<Vec<_>>(), "{pages:?}");
    }

    /// Each note's lines once, in order, its first on its marker's page.
    fn notes_complete(items: &[FlowItem], pages: &[PageFlow], lines: &[usize]) {
        for (n, &count) in lines.iter().enumerate() {
            let number = n as u32 + 1;
            let mut seen = Vec::new();
            let mut first_page = None;
            for (p, page) in pages.iter().enumerate() {
                for piece in page.notes.iter().filter(|x| x.number == number) {
                    first_page.get_or_insert(p);
                    seen.extend(piece.lines.clone());
                }
            }
            if !items.iter().any(|i| i.notes.contains(&number)) {
                continue;
            }
            assert_eq!(
                seen,
                (0..count).collect::<Vec<_>>(),
                "note {number}: {pages:?}"
            );
            let marker_page = pages
                .iter()
                .position(|p| {
                    p.columns
                        .iter()
                        .flat_map(std::clone::Clone::clone)
                        .any(|i| items[i].notes.contains(&number))
                })
                .unwrap();
            assert_eq!(first_page, Some(marker_page), "note {number}: {pages:?}");
        }
    }

    #[test]
    fn columns_end_only_where_allowed() {
        // Breaks allowed only before even items.
        let items: Vec<_> = (0..9).map(|i| line(i % 2 == 0, vec![])).collect();
        let pages = run(&items, 2, 35.0, &[]);
        for p in &pages {
            for c in &p.columns {
                assert!(
                    c.end == items.len() || items[c.end].break_before,
                    "{pages:?}"
                );
            }
        }
        all_placed(&items, &pages);
    }

    #[test]
    fn a_note_lands_on_the_page_of_its_marker_even_at_the_bottom() {
        // 10 lines fit a page; the marker is on line 9 and its note takes
        // the room of 3 lines.
        let mut items: Vec<_> = (0..20).map(|_| line(true, vec![])).collect();
        items[9].notes = vec![1];
        let pages = run(&items, 1, 100.0, &[3]);
        all_placed(&items, &pages);
        notes_complete(&items, &pages, &[3]);
    }

    #[test]
    fn two_notes_in_a_kept_group_lose_nothing() {
        // A paragraph whose lines may not be split (no break allowed inside),
        // with two notes in it near the foot of a page: the old flow dropped
        // everything after it.
        let mut items: Vec<_> = (0..30).map(|i| line(i % 6 == 0, vec![])).collect();
        items[8].notes = vec![1];
        items[9].notes = vec![2];
        let pages = run(&items, 2, 100.0, &[2, 2]);
        all_placed(&items, &pages);
        notes_complete(&items, &pages, &[2, 2]);
    }

    #[test]
    fn a_note_taller_than_the_room_left_continues_on_the_next_page() {
        let mut items: Vec<_> = (0..12).map(|_| line(true, vec![])).collect();
        items[5].notes = vec![1];
        let pages = run(&items, 1, 100.0, &[8]);
        all_placed(&items, &pages);
        notes_complete(&items, &pages, &[8]);
        let p = pages
            .iter()
            .position(|p| p.notes.iter().any(|n| n.number == 1))
            .unwrap();
        assert!(pages[p].notes[0].lines.len() < 8, "split: {pages:?}");
    }

    #[test]
    fn a_note_called_for_in_the_second_column_shortens_both() {
        // 20 lines a column, two columns; a two-line note called for in
        // the second column. Filling the first column to the full height
        // first left no room for it, and the second column ended at the
        // marker, 13 lines short, every page the same.
        let mut items: Vec<_> = (0..60).map(|_| line(true, vec![])).collect();
        items[25].notes = vec![1];
        items[45].notes = vec![2];
        let pages = run(&items, 2, 200.0, &[2, 2]);
        all_placed(&items, &pages);
        notes_complete(&items, &pages, &[2, 2]);
        let first = &pages[0];
        assert_eq!(first.columns, vec![0..18, 18..36], "{pages:?}");
        assert_eq!(first.notes.len(), 1, "{pages:?}");
        assert_eq!(pages[1].columns, vec![36..48, 48..60], "{pages:?}");
    }

    #[test]
    fn many_notes_on_one_line_flow_onto_further_pages() {
        // Six notes of five lines from one line, 20 lines a page: each
        // starts on the marker's page, the rest continues on the next.
        let mut items: Vec<_> = (0..6).map(|_| line(true, vec![])).collect();
        items[2].notes = (1..=6).collect();
        let lines = vec![5; 6];
        let pages = run(&items, 2, 200.0, &lines);
        all_placed(&items, &pages);
        notes_complete(&items, &pages, &lines);
        assert_eq!(pages[0].notes.len(), 6, "{pages:?}");
        assert!(pages.len() >= 2);
    }

    #[test]
    fn a_note_longer_than_a_page_is_spread_over_pages() {
        let mut items: Vec<_> = (0..3).map(|_| line(true, vec![])).collect();
        items[0].notes = vec![1];
        let pages = run(&items, 1, 100.0, &[25]);
        all_placed(&items, &pages);
        notes_complete(&items, &pages, &[25]);
        assert!(pages.len() >= 3);
    }

    #[test]
    fn balancing_never_splits_a_short_paragraph() {
        let items = vec![line(true, vec![]), line(false, vec![])];
        let pages = run(&items, 2, 500.0, &[]);
        assert_eq!(pages[0].columns, vec![0..2, 2..2]);
    }

    #[test]
    fn last_page_is_balanced() {
        let items: Vec<_> = (0..10).map(|_| line(true, vec![])).collect();
        let pages = run(&items, 2, 500.0, &[]);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].columns, vec![0..5, 5..10]);
    }

    #[test]
    fn an_item_taller_than_a_page_is_an_error() {
        let mut items = vec![line(true, vec![])];
        items[0].height = Pt(150.0);
        let blocks = crate::layout::notes::test_blocks(&[], false);
        let design = crate::layout::notes::test_design();
        let layout = crate::layout::notes::test_layout(&blocks, &design, 1);
        let r = flow(&FlowInput {
            items: &items,
            columns: 1,
            first_heights: &[Pt(100.0)],
            height: Pt(100.0),
            header_notes: &[],
            notes: &layout,
            min_first_lines: 2,
        });
        assert_eq!(r, Err(FlowError::TooTall(0)));
    }
}
