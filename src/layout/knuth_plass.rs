//! Optimal-fit line breaking (Knuth and Plass, "Breaking Paragraphs into
//! Lines", 1981): choose all of a paragraph's breaks at once so that the
//! sum of the lines' demerits is least, instead of filling each line
//! greedily. Demerits grow with the cube of how far a line's spaces are
//! stretched or shrunk, so evenly spaced paragraphs win.
//!
//! Besides the classic rules, a line sequence never has more than
//! `max_hyphens` hyphenated lines in a row: the count is part of each
//! active breakpoint, so the limit is a hard constraint rather than a cost.
//!
//! Lines may also be justified by letter-spacing, up to a cap: boxes carry
//! the stretch letter-spacing would add (`Box::stretch`), and a line takes
//! its shortfall from letters and spaces in proportion until the letters
//! reach `letter_cap` (as a ratio of their stretch); the spaces take the
//! rest. A line's looseness (badness, fitness class) is judged by its word
//! spaces alone, so letter-spacing never hides a loose line.

use crate::units::Pt;

/// A penalty at or below `-INFINITE_PENALTY` forces a break; at or above
/// `INFINITE_PENALTY` forbids one.
pub const INFINITE_PENALTY: f64 = 10_000.0;

/// Stretch of the glue that ends a paragraph or a forced line ("fil"):
/// large enough to absorb any shortfall, finite so that running totals
/// across a forced break stay exact.
pub const FIL: Pt = Pt(1e7);

/// The paragraph as the line breaker sees it: boxes, glue and penalties.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BreakItem {
    /// Unbreakable material; `stretch` is what letter-spacing adds per
    /// unit of ratio.
    Box { width: Pt, stretch: Pt },
    /// A space: may stretch and shrink; a break here drops it.
    Glue { width: Pt, stretch: Pt, shrink: Pt },
    /// A possible break costing `cost`, adding `width` (a hyphen) to the
    /// line it ends and `next_width` to the line it starts (the edges of a
    /// word cut inside a ligature or kerning pair are shaped anew, and
    /// their width changes).
    Penalty {
        width: Pt,
        next_width: Pt,
        cost: f64,
        flagged: bool,
    },
}

impl BreakItem {
    /// A penalty that changes no widths.
    pub fn penalty(width: Pt, cost: f64, flagged: bool) -> BreakItem {
        BreakItem::Penalty {
            width,
            next_width: Pt::ZERO,
            cost,
            flagged,
        }
    }
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
    /// Stretch added to every line when its looseness is judged, not when
    /// it is set (TeX's \\emergencystretch): lines beyond the tolerance
    /// are then told apart by how loose they are, so that a paragraph
    /// with no good breaks spreads its looseness over several lines
    /// rather than piling it on one.
    pub emergency_stretch: Option<Pt>,
    pub max_hyphens: u8,
    /// The largest ratio letter-spacing is stretched to (see the module
    /// documentation).
    pub letter_cap: f64,
    pub line_penalty: f64,
    pub double_hyphen_demerits: f64,
    pub final_hyphen_demerits: f64,
    /// A last line shorter than this share of the width after a hyphen
    /// is refused (at a finite tolerance), or costs a hundred times the
    /// final-hyphen demerits (at none).
    pub short_last_line: f64,
    pub adjacent_fitness_demerits: f64,
}

impl Params {
    pub fn new(line_width: Pt, tolerance: f64) -> Params {
        Params {
            line_width,
            tolerance,
            ragged: None,
            emergency_stretch: None,
            max_hyphens: crate::design::MAX_CONSECUTIVE_HYPHENS,
            letter_cap: f64::INFINITY,
            line_penalty: 10.0,
            // TeX's defaults.
            double_hyphen_demerits: 10_000.0,
            final_hyphen_demerits: 5000.0,
            short_last_line: 0.3,
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
    /// Stretch of the spaces, and of letter-spacing.
    stretch: f64,
    letters: f64,
    shrink: f64,
}

struct Node {
    index: usize,
    /// Width the break adds to the line it starts.
    next_width: f64,
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
pub fn break_lines(items: &[BreakItem], p: &Params) -> Option<Vec<Break>> {
    let w = p.line_width.0;
    // Running totals of items before index i.
    let mut sums = Vec::with_capacity(items.len() + 1);
    let mut t = Totals::default();
    sums.push(t);
    for item in items {
        match *item {
            BreakItem::Box { width, stretch } => {
                t.width += width.0;
                t.letters += stretch.0;
            }
            BreakItem::Glue {
                width,
                stretch,
                shrink,
            } => {
                t.width += width.0;
                t.stretch += stretch.0;
                t.shrink += shrink.0;
            }
            BreakItem::Penalty { .. } => {}
        }
        sums.push(t);
    }

    let mut nodes = vec![Node {
        index: 0,
        next_width: 0.0,
        fitness: 1,
        hyphens: 0,
        totals: Totals::default(),
        demerits: 0.0,
        ratio: 0.0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];

    let last = items.len().checked_sub(1)?;
    // Slots per fitness class and run of hyphenated lines (0..=max).
    let runs = usize::from(p.max_hyphens) + 1;
    for (b, item) in items.iter().enumerate() {
        let (pen_width, next_width, cost, flagged) = match *item {
            BreakItem::Penalty {
                width,
                next_width,
                cost,
                flagged,
            } if cost < INFINITE_PENALTY => (width.0, next_width.0, cost, flagged),
            // Not at the paragraph's closing fill (TeX guards it with a
            // penalty): the line after it would be empty.
            BreakItem::Glue { stretch, .. }
                if b > 0 && stretch < FIL && matches!(items[b - 1], BreakItem::Box { .. }) =>
            {
                (0.0, 0.0, 0.0, false)
            }
            _ => continue,
        };
        let forced = cost <= -INFINITE_PENALTY;
        // Best candidate per (fitness class, hyphen run).
        let mut best: Vec<[Option<(f64, usize, f64)>; 4]> = vec![Default::default(); runs];
        let mut i = 0;
        while i < active.len() {
            let a = &nodes[active[i]];
            let line_w = sums[b].width - a.totals.width + pen_width + a.next_width;
            let mut stretch = sums[b].stretch - a.totals.stretch;
            let letters = sums[b].letters - a.totals.letters;
            let shrink = sums[b].shrink - a.totals.shrink;
            if let Some(r) = p.ragged {
                stretch += r.0;
            }
            let ratio_with = |stretch: f64| {
                if line_w < w {
                    space_ratio(w - line_w, stretch, letters, p.letter_cap)
                } else if line_w > w {
                    if shrink > 0.0 {
                        (w - line_w) / shrink
                    } else {
                        f64::NEG_INFINITY
                    }
                } else {
                    0.0
                }
            };
            let real = ratio_with(stretch);
            // With emergency stretch a line is judged against the
            // tolerance as if it could stretch further, but costs what its
            // real looseness costs, without TeX's cap: among lines looser
            // than the tolerance, the looser costs more.
            let (ratio, badness) = match p.emergency_stretch {
                Some(e) => {
                    let judged = ratio_with(stretch + e.0);
                    let r = if real.is_finite() { real } else { judged };
                    (judged, 100.0 * r.abs().powi(3))
                }
                // TeX's badness, capped (an infinite ratio too).
                None => (real, (100.0 * real.abs().powi(3)).min(INFINITE_PENALTY)),
            };
            if ratio >= -1.0 && ratio <= p.tolerance {
                let hyphens = if flagged {
                    a.hyphens.saturating_add(1)
                } else {
                    0
                };
                // A fragment ("tem.") alone on the last line after "sys-"
                // is not allowed while a tolerance is kept.
                let fragment = b == last && a.hyphens > 0 && line_w < w * p.short_last_line;
                if hyphens <= p.max_hyphens && !(fragment && p.tolerance.is_finite()) {
                    let mut d = (p.line_penalty + badness).powi(2);
                    if cost > 0.0 {
                        d += cost * cost;
                    } else if !forced {
                        d -= cost * cost;
                    }
                    if flagged && a.hyphens > 0 {
                        d += p.double_hyphen_demerits;
                    }
                    // A hyphen on the paragraph's last-but-one line
                    // (TeX's \finalhyphendemerits); other forced breaks (a
                    // line break in the text) end no paragraph.
                    if b == last && a.hyphens > 0 {
                        d += p.final_hyphen_demerits;
                        if fragment {
                            d += p.final_hyphen_demerits * 100.0;
                        }
                    }
                    let fitness = fitness_class(real);
                    if fitness.abs_diff(a.fitness) > 1 {
                        d += p.adjacent_fitness_demerits;
                    }
                    let total = a.demerits + d;
                    let slot = &mut best[usize::from(hyphens)][fitness as usize];
                    if slot.is_none_or(|(t, _, _)| total < t) {
                        *slot = Some((total, active[i], real));
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
                BreakItem::Box { .. } => break,
                BreakItem::Penalty { cost, .. } if j > b && *cost <= -INFINITE_PENALTY => break,
                _ => after = sums[j + 1],
            }
        }
        for (hyphens, row) in best.iter().enumerate() {
            for (fitness, slot) in row.iter().enumerate() {
                if let Some((demerits, prev, ratio)) = *slot {
                    nodes.push(Node {
                        index: b,
                        next_width,
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

/// How far a line's word spaces stretch to make up `shortfall`: letters
/// take their share in proportion until they reach `cap` times their
/// stretch, the spaces take the rest.
pub fn space_ratio(shortfall: f64, spaces: f64, letters: f64, cap: f64) -> f64 {
    let total = spaces + letters;
    if total <= 0.0 {
        return f64::INFINITY;
    }
    let r = shortfall / total;
    if r <= cap {
        if spaces > 0.0 {
            r
        } else if letters > 0.0 {
            0.0
        } else {
            f64::INFINITY
        }
    } else if spaces > 0.0 {
        (shortfall - cap * letters) / spaces
    } else {
        f64::INFINITY
    }
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

    fn word(w: f64) -> BreakItem {
        BreakItem::Box {
            width: Pt(w),
            stretch: Pt::ZERO,
        }
    }
    fn space() -> BreakItem {
        BreakItem::Glue {
            width: Pt(3.0),
            stretch: Pt(1.5),
            shrink: Pt(1.0),
        }
    }
    fn end() -> Vec<BreakItem> {
        vec![
            BreakItem::Glue {
                width: Pt(0.0),
                stretch: FIL,
                shrink: Pt(0.0),
            },
            BreakItem::penalty(Pt(0.0), -INFINITE_PENALTY, false),
        ]
    }
    fn paragraph(words: &[f64]) -> Vec<BreakItem> {
        let mut items = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                items.push(space());
            }
            items.push(word(*w));
        }
        items.extend(end());
        items
    }

    /// Demerits of one line of `words[a..b]` (no hyphens, no penalties), or
    /// `None` when it does not fit: the formula the breaker minimises.
    fn line_demerits(words: &[f64], a: usize, b: usize, width: f64, last: bool) -> Option<f64> {
        let n = (b - a) as f64;
        let natural: f64 = words[a..b].iter().sum::<f64>() + 3.0 * (n - 1.0);
        let ratio = if last && natural <= width {
            0.0
        } else if natural <= width {
            if n < 2.0 {
                return None;
            }
            (width - natural) / (1.5 * (n - 1.0))
        } else {
            if n < 2.0 {
                return None;
            }
            (width - natural) / (n - 1.0)
        };
        if !(-1.0..=2.0).contains(&ratio) {
            return None;
        }
        let badness = (100.0 * ratio.abs().powi(3)).min(INFINITE_PENALTY);
        Some((10.0 + badness).powi(2))
    }

    /// The best breaks by trying every set of them.
    fn brute_force(words: &[f64], width: f64) -> (f64, Vec<usize>) {
        fn go(words: &[f64], from: usize, width: f64) -> Option<(f64, Vec<usize>)> {
            if from == words.len() {
                return Some((0.0, Vec::new()));
            }
            let mut best: Option<(f64, Vec<usize>)> = None;
            for to in from + 1..=words.len() {
                let last = to == words.len();
                let Some(d) = line_demerits(words, from, to, width, last) else {
                    continue;
                };
                if let Some((rest, mut ends)) = go(words, to, width) {
                    let total = d + rest;
                    if best.as_ref().is_none_or(|(b, _)| total < *b) {
                        ends.insert(0, to);
                        best = Some((total, ends));
                    }
                }
            }
            best
        }
        go(words, 0, width).expect("some breaks fit")
    }

    /// Greedy first fit: as many words on a line as fit at natural width.
    fn greedy(words: &[f64], width: f64) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut line = 0.0;
        for (i, w) in words.iter().enumerate() {
            let add = if line == 0.0 { *w } else { 3.0 + w };
            if line > 0.0 && line + add > width {
                ends.push(i);
                line = *w;
            } else {
                line += add;
            }
        }
        ends.push(words.len());
        ends
    }

    /// Word counts at each break, from the breaker's item indices.
    fn word_ends(items: &[BreakItem], breaks: &[Break]) -> Vec<usize> {
        breaks
            .iter()
            .map(|b| {
                items[..b.index]
                    .iter()
                    .filter(|i| matches!(i, BreakItem::Box { .. }))
                    .count()
            })
            .collect()
    }

    #[test]
    fn finds_the_optimum_a_greedy_breaker_misses() {
        // First fit takes four lines, the first ones tight and the last
        // short; the optimum sets the words in three even ones.
        let words = [25.0, 15.0, 19.0, 15.0, 29.0, 15.0, 32.0, 22.0, 38.0];
        let width = 80.0;
        let items = paragraph(&words);
        let mut p = Params::new(Pt(width), 2.0);
        p.adjacent_fitness_demerits = 0.0;
        let breaks = break_lines(&items, &p).unwrap();
        let ends = word_ends(&items, &breaks);
        let (_, optimum) = brute_force(&words, width);
        assert_eq!(ends, optimum);
        assert_eq!(ends, vec![4, 7, 9]);
        assert_eq!(greedy(&words, width), vec![3, 6, 8, 9]);
    }

    #[test]
    fn matches_the_brute_force_optimum_on_many_paragraphs() {
        // Deterministic pseudo-random word widths.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / f64::from(u32::MAX >> 1)
        };
        let mut differs = 0;
        for _ in 0..200 {
            let n = 6 + (next() * 8.0) as usize;
            let words: Vec<f64> = (0..n).map(|_| 8.0 + next() * 30.0).collect();
            let width = 70.0;
            let items = paragraph(&words);
            let mut p = Params::new(Pt(width), 2.0);
            p.adjacent_fitness_demerits = 0.0;
            let Some(breaks) = break_lines(&items, &p) else {
                continue;
            };
            let ends = word_ends(&items, &breaks);
            let (_, optimum) = brute_force(&words, width);
            assert_eq!(ends, optimum, "{words:?}");
            differs += usize::from(ends != greedy(&words, width));
        }
        assert!(differs >= 3, "only {differs} cases where greedy differs");
    }

    #[test]
    fn fills_lines_within_tolerance() {
        let items = paragraph(&[20.0; 20]);
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

    /// Words that only fit when hyphenated: a hyphen on every line would
    /// be cheapest, so the limit must force plain breaks in between.
    fn hyphen_runs(max: u8) -> usize {
        let hyphen = BreakItem::penalty(Pt(2.0), 50.0, true);
        let mut items = Vec::new();
        for _ in 0..16 {
            items.extend([word(30.0), space(), word(40.0), hyphen, word(28.0), space()]);
        }
        items.pop();
        items.extend(end());
        let mut p = Params::new(Pt(75.0), f64::INFINITY);
        p.max_hyphens = max;
        p.double_hyphen_demerits = 0.0;
        let breaks = break_lines(&items, &p).unwrap();
        let (mut run, mut longest) = (0, 0);
        for b in &breaks {
            if matches!(items[b.index], BreakItem::Penalty { flagged: true, .. }) {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
        longest
    }

    #[test]
    fn hyphenated_lines_in_a_row_never_exceed_the_limit() {
        for max in [1, 2, 3, 4] {
            let longest = hyphen_runs(max);
            assert!(
                longest <= usize::from(max),
                "limit {max}: a run of {longest}"
            );
            assert!(longest > 0);
        }
    }

    #[test]
    fn final_hyphen_demerits_only_at_the_paragraph_end() {
        // A forced line break in the middle of the text: the line before it
        // may end hyphenated without the last-line penalty.
        let hyphen = BreakItem::penalty(Pt(2.0), 50.0, true);
        let forced = BreakItem::penalty(Pt::ZERO, -INFINITE_PENALTY, false);
        let fil = BreakItem::Glue {
            width: Pt::ZERO,
            stretch: FIL,
            shrink: Pt::ZERO,
        };
        // "aaaa bbbb-cc / dd" then a forced break, then more text.
        let mut items = vec![
            word(40.0),
            space(),
            word(30.0),
            hyphen,
            word(20.0),
            space(),
            word(20.0),
            fil,
            forced,
        ];
        items.extend([word(20.0), space(), word(20.0)]);
        items.extend(end());
        // Either the hyphen (a perfect line) or "aaaa" alone (as bad as a
        // line can be, 1e8 demerits); 1e9 for a final hyphen would tip it.
        let mut p = Params::new(Pt(75.0), f64::INFINITY);
        p.final_hyphen_demerits = 1e9;
        let breaks = break_lines(&items, &p).unwrap();
        assert!(
            breaks.iter().any(|b| b.index == 3),
            "the hyphen before a forced break is still chosen: {breaks:?}"
        );
        // At the paragraph's end the same penalty does count.
        let mut tail = vec![word(40.0), space(), word(30.0), hyphen, word(20.0)];
        tail.extend(end());
        let mut p = Params::new(Pt(75.0), f64::INFINITY);
        p.final_hyphen_demerits = 1e9;
        let breaks = break_lines(&tail, &p).unwrap();
        assert!(breaks.iter().all(|b| b.index != 3), "{breaks:?}");
    }

    #[test]
    fn letters_stretch_up_to_their_cap_and_spaces_take_the_rest() {
        assert_eq!(space_ratio(10.0, 10.0, 10.0, 1.0), 0.5);
        // Past the cap the letters give 5, the spaces the other 15.
        assert_eq!(space_ratio(20.0, 10.0, 5.0, 1.0), 1.5);
        assert!(space_ratio(20.0, 0.0, 5.0, 1.0).is_infinite());
    }

    #[test]
    fn emergency_stretch_spreads_looseness_that_no_break_keeps_in_tolerance() {
        // No set of breaks keeps every line within the tolerance. Without
        // emergency stretch every line past TeX's cap costs the same, and
        // the breaker piles the looseness on one line (its spaces at 10.7
        // times their stretch); with it, the loosest line is half as loose.
        let words = [
            20.0, 21.0, 21.0, 67.0, 26.0, 25.0, 18.0, 24.0, 11.0, 132.0, 19.0, 16.0,
        ];
        let items = paragraph(&words);
        assert!(break_lines(&items, &Params::new(Pt(150.0), 2.5)).is_none());
        let loosest = |p: &Params| {
            break_lines(&items, p)
                .unwrap()
                .iter()
                .map(|b| b.ratio)
                .filter(|r| r.is_finite())
                .fold(0.0_f64, f64::max)
        };
        let capped = loosest(&Params::new(Pt(150.0), f64::INFINITY));
        let mut p = Params::new(Pt(150.0), 2.5);
        p.emergency_stretch = Some(Pt(15.0));
        let spread = loosest(&p);
        assert!(capped > 10.0, "{capped}");
        assert!(spread < 6.0, "{spread} is not below 6 (capped: {capped})");
    }

    #[test]
    fn no_line_is_empty_whatever_the_settings() {
        // "100-" then "10" alone after the hyphen is refused (a fragment),
        // and "10010" is too wide. Ragged setting with emergency stretch
        // once let the breaker end the line "10" at the closing fill
        // instead, which is no last line, and add an empty one after it.
        let mut items = vec![
            word(100.0),
            BreakItem::penalty(Pt(0.0), 50.0, true),
            word(10.0),
        ];
        items.extend(end());
        let fill = items.len() - 2;
        let mut p = Params::new(Pt(105.0), 2.6);
        p.ragged = Some(Pt(105.0 * 0.3));
        p.emergency_stretch = Some(Pt(10.5));
        let breaks = break_lines(&items, &p);
        assert!(
            breaks
                .as_ref()
                .is_none_or(|b| b.iter().all(|x| x.index != fill)),
            "{breaks:?}"
        );
    }
}
