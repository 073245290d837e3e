//! Optimal-fit line breaking (Knuth and Plass, "Breaking Paragraphs into
//! Lines", 1981): choose all of a paragraph's breaks at once so that the
//! sum of the lines' demerits is least, instead of filling each line
//! greedily. Demerits grow with the cube of how far a line's spaces are
//! stretched or shrunk, so evenly spaced paragraphs win.
//!
//! Besides the classic rules, a line sequence never has more than
//! `max_hyphens` hyphenated lines in a row: the count is part of each
//! active breakpoint, so the limit is a hard constraint rather than a cost.

use crate::units::Pt;

/// A penalty at or below `-INFINITE_PENALTY` forces a break; at or above
/// `INFINITE_PENALTY` forbids one.
pub const INFINITE_PENALTY: f64 = 10_000.0;

/// Stretch of the glue that ends a paragraph or a forced line ("fil"):
/// large enough to absorb any shortfall, finite so that running totals
/// across a forced break stay exact.
pub const FIL: Pt = Pt(1e7);

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    /// Unbreakable material; `stretch` is what letter-spacing may add.
    Box { width: Pt, stretch: Pt },
    /// A space: may stretch and shrink; a break here drops it.
    Glue { width: Pt, stretch: Pt, shrink: Pt },
    /// A possible break costing `cost`, adding `width` (a hyphen) when taken.
    Penalty { width: Pt, cost: f64, flagged: bool },
}

#[derive(Clone, Debug)]
pub struct Params {
    pub line_width: Pt,
    /// Largest adjustment ratio accepted (1.0: spaces up to their full
    /// stretch). `f64::INFINITY` accepts any underfull line.
    pub tolerance: f64,
    /// Ragged setting: lines may fall this much short of the width, at a
    /// cost; spaces keep their natural width.
    pub ragged: Option<Pt>,
    pub max_hyphens: u8,
    pub line_penalty: f64,
    pub double_hyphen_demerits: f64,
    pub final_hyphen_demerits: f64,
    pub adjacent_fitness_demerits: f64,
}

impl Params {
    pub fn new(line_width: Pt, tolerance: f64) -> Params {
        Params {
            line_width,
            tolerance,
            ragged: None,
            max_hyphens: 2,
            line_penalty: 10.0,
            // TeX's defaults.
            double_hyphen_demerits: 10_000.0,
            final_hyphen_demerits: 5000.0,
            adjacent_fitness_demerits: 10_000.0,
        }
    }
}

/// A chosen break: the item index and the line's adjustment ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Break {
    pub index: usize,
    pub ratio: f64,
}

#[derive(Clone, Copy, Default)]
struct Totals {
    width: f64,
    stretch: f64,
    shrink: f64,
}

struct Node {
    index: usize,
    fitness: u8,
    hyphens: u8,
    totals: Totals,
    demerits: f64,
    ratio: f64,
    prev: Option<usize>,
}

/// Break `items` into lines. `None` when no set of breaks keeps every
/// line within the tolerance (the caller retries with looser settings).
/// The last item must be a forced break.
pub fn break_lines(items: &[Item], p: &Params) -> Option<Vec<Break>> {
    let w = p.line_width.0;
    // Running totals of items before index i.
    let mut sums = Vec::with_capacity(items.len() + 1);
    let mut t = Totals::default();
    sums.push(t);
    for item in items {
        match *item {
            Item::Box { width, stretch } => {
                t.width += width.0;
                t.stretch += stretch.0;
            }
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                t.width += width.0;
                t.stretch += stretch.0;
                t.shrink += shrink.0;
            }
            Item::Penalty { .. } => {}
        }
        sums.push(t);
    }

    let mut nodes = vec![Node {
        index: 0,
        fitness: 1,
        hyphens: 0,
        totals: Totals::default(),
        demerits: 0.0,
        ratio: 0.0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];

    for (b, item) in items.iter().enumerate() {
        let (pen_width, cost, flagged) = match *item {
            Item::Penalty {
                width,
                cost,
                flagged,
            } if cost < INFINITE_PENALTY => (width.0, cost, flagged),
            Item::Glue { .. } if b > 0 && matches!(items[b - 1], Item::Box { .. }) => {
                (0.0, 0.0, false)
            }
            _ => continue,
        };
        let forced = cost <= -INFINITE_PENALTY;
        // Best candidate per (fitness class, hyphen run).
        let mut best: [[Option<(f64, usize, f64)>; 3]; 4] = Default::default();
        let mut i = 0;
        while i < active.len() {
            let a = &nodes[active[i]];
            let line_w = sums[b].width - a.totals.width + pen_width;
            let mut stretch = sums[b].stretch - a.totals.stretch;
            let shrink = sums[b].shrink - a.totals.shrink;
            if let Some(r) = p.ragged {
                stretch += r.0;
            }
            let ratio = if line_w < w {
                if stretch > 0.0 {
                    (w - line_w) / stretch
                } else {
                    f64::INFINITY
                }
            } else if line_w > w {
                if shrink > 0.0 {
                    (w - line_w) / shrink
                } else {
                    f64::NEG_INFINITY
                }
            } else {
                0.0
            };
            if ratio >= -1.0 && ratio <= p.tolerance {
                let badness = if ratio.is_infinite() {
                    INFINITE_PENALTY
                } else {
                    (100.0 * ratio.abs().powi(3)).min(INFINITE_PENALTY)
                };
                let hyphens = if flagged { a.hyphens + 1 } else { 0 };
                if hyphens <= p.max_hyphens {
                    let mut d = (p.line_penalty + badness).powi(2);
                    if cost > 0.0 {
                        d += cost * cost;
                    } else if !forced {
                        d -= cost * cost;
                    }
                    if flagged && a.hyphens > 0 {
                        d += p.double_hyphen_demerits;
                    }
                    if forced && a.hyphens > 0 {
                        d += p.final_hyphen_demerits;
                    }
                    let fitness = fitness_class(ratio);
                    if fitness.abs_diff(a.fitness) > 1 {
                        d += p.adjacent_fitness_demerits;
                    }
                    let total = a.demerits + d;
                    let slot = &mut best[fitness as usize][hyphens.min(2) as usize];
                    if slot.is_none_or(|(t, _, _)| total < t) {
                        *slot = Some((total, active[i], ratio));
                    }
                }
            }
            if ratio < -1.0 || forced {
                active.swap_remove(i);
            } else {
                i += 1;
            }
        }
        // Totals after the break: glue and penalties right after it vanish.
        let mut after = sums[b];
        for (j, next) in items.iter().enumerate().skip(b) {
            match next {
                Item::Box { .. } => break,
                Item::Penalty { cost, .. } if j > b && *cost <= -INFINITE_PENALTY => break,
                _ => after = sums[j + 1],
            }
        }
        for (fitness, row) in best.iter().enumerate() {
            for (hyphens, slot) in row.iter().enumerate() {
                if let Some((demerits, prev, ratio)) = *slot {
                    nodes.push(Node {
                        index: b,
                        fitness: fitness as u8,
                        hyphens: hyphens as u8,
                        totals: after,
                        demerits,
                        ratio,
                        prev: Some(prev),
                    });
                    active.push(nodes.len() - 1);
                }
            }
        }
        if active.is_empty() {
            return None;
        }
    }

    let last = items.len().checked_sub(1)?;
    let end = active
        .iter()
        .copied()
        .filter(|&n| nodes[n].index == last)
        .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
    let mut breaks = Vec::new();
    let mut cur = Some(end);
    while let Some(n) = cur {
        if nodes[n].prev.is_some() {
            breaks.push(Break {
                index: nodes[n].index,
                ratio: nodes[n].ratio,
            });
        }
        cur = nodes[n].prev;
    }
    breaks.reverse();
    Some(breaks)
}

/// TeX's fitness classes: tight, decent, loose, very loose.
fn fitness_class(ratio: f64) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: f64) -> Item {
        Item::Box {
            width: Pt(w),
            stretch: Pt::ZERO,
        }
    }
    fn space() -> Item {
        Item::Glue {
            width: Pt(3.0),
            stretch: Pt(1.5),
            shrink: Pt(1.0),
        }
    }
    fn end() -> Vec<Item> {
        vec![
            Item::Glue {
                width: Pt(0.0),
                stretch: FIL,
                shrink: Pt(0.0),
            },
            Item::Penalty {
                width: Pt(0.0),
                cost: -INFINITE_PENALTY,
                flagged: false,
            },
        ]
    }

    #[test]
    fn fills_lines_within_tolerance() {
        let mut items = Vec::new();
        for _ in 0..20 {
            items.push(word(20.0));
            items.push(space());
        }
        items.pop();
        items.extend(end());
        let breaks = break_lines(&items, &Params::new(Pt(100.0), 3.0)).unwrap();
        assert!(breaks.len() >= 4);
        for b in &breaks[..breaks.len() - 1] {
            assert!(b.ratio >= -1.0 && b.ratio <= 3.0, "{b:?}");
        }
        assert_eq!(breaks.last().unwrap().index, items.len() - 1);
    }

    #[test]
    fn no_solution_when_too_tight() {
        let items = [vec![word(150.0)], end()].concat();
        assert!(break_lines(&items, &Params::new(Pt(100.0), 1.0)).is_none());
    }

    #[test]
    fn at_most_two_hyphenated_lines_in_a_row() {
        // Words that only fit when hyphenated: a hyphen on every line would
        // be cheapest, so the limit must force plain breaks in between.
        let hyphen = Item::Penalty {
            width: Pt(2.0),
            cost: 50.0,
            flagged: true,
        };
        let mut items = Vec::new();
        for _ in 0..12 {
            items.extend([word(30.0), space(), word(40.0), hyphen, word(28.0), space()]);
        }
        items.pop();
        items.extend(end());
        let mut p = Params::new(Pt(75.0), f64::INFINITY);
        p.max_hyphens = 2;
        let breaks = break_lines(&items, &p).unwrap();
        let mut run = 0;
        for b in &breaks {
            if matches!(items[b.index], Item::Penalty { flagged: true, .. }) {
                run += 1;
                assert!(run <= 2, "three hyphenated lines in a row: {breaks:?}");
            } else {
                run = 0;
            }
        }
    }
}
