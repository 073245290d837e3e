//! Copyfitting. A theme may say how many pages a factsheet is meant to
//! take (`[fit] pages`), and a profile may say otherwise (`pages`). A
//! translation runs longer than its source, and a one-page factsheet that
//! spills a few lines onto a second page is not what an organisation
//! prints. When the natural layout runs over, the running text is set a
//! little tighter, as a typesetter copyfits: the leading and the size of
//! running text and headings step down by turns, to `min_leading` and
//! `min_body`. The first step that fits is kept, so text is never set
//! tighter than it must be, and its design goes to both writers: the DOCX
//! is set as the PDF is.
//!
//! When even the tightest step runs over, the factsheet keeps its natural
//! design (its pages are complete, only more of them) and the caller is
//! told by how much, to warn.

use crate::design::{self, Design};
use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::Document;
use crate::fonts::FontSet;
use crate::layout::{self, FlowRole, Layout, Measurer};
use crate::theme::{Fit, Sizes, Theme};
use crate::units::Pt;

/// One step tighter than the theme: the leading and the size of running
/// text (headings keep their proportion to it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tightening {
    /// Line height as a multiple of the type size, for every kind of text.
    pub leading: f64,
    pub body: Pt,
}

/// What fitting did to a document.
#[derive(Clone, Debug, PartialEq)]
pub enum FitOutcome {
    /// It took no more pages than the theme fits it to (or the theme
    /// fits nothing): set as designed.
    Natural,
    /// Set tighter to take `pages`.
    Tightened { step: Tightening, pages: usize },
    /// It runs over even at the tightest step: set as designed, on
    /// `natural` pages. `lines_over` lines of running text stood beyond
    /// the last page asked for at the tightest step.
    Over {
        natural: usize,
        wanted: usize,
        lines_over: usize,
        tightest: Tightening,
    },
}

/// Between two leading steps, as a multiple of the type size: a quarter
/// of a point at 10 pt, too little to see from one step to the next.
const LEADING_STEP: f64 = 0.025;
/// Between two sizes of running text.
const BODY_STEP: Pt = Pt(0.25);

/// The tightenings to try, in order, from the least: a step of leading,
/// then a step of size, and so on by turns, so that neither moves far
/// from the design while the other could still give; once one reaches
/// its floor the other goes on alone. Floors at or above the theme's own
/// values leave that dimension alone.
pub fn steps(sizes: &Sizes, fit: &Fit) -> Vec<Tightening> {
    let leadings = down_to(sizes.leading, fit.min_leading, LEADING_STEP);
    let bodies = down_to(sizes.body.0, fit.min_body.0, BODY_STEP.0);
    let mut out = Vec::new();
    let (mut leading, mut body) = (sizes.leading, sizes.body.0);
    let (mut l, mut b) = (leadings.iter(), bodies.iter());
    loop {
        let mut moved = false;
        if let Some(&next) = l.next() {
            leading = next;
            out.push(Tightening {
                leading,
                body: Pt(body),
            });
            moved = true;
        }
        if let Some(&next) = b.next() {
            body = next;
            out.push(Tightening {
                leading,
                body: Pt(body),
            });
            moved = true;
        }
        if !moved {
            return out;
        }
    }
}

/// `from - step`, `from - 2 step`, … while at least `floor`, and `floor`
/// itself last when the steps miss it.
fn down_to(from: f64, floor: f64, step: f64) -> Vec<f64> {
    // Rounded to a thousandth so that 1.3 - 4 x 0.025 is 1.2, not
    // 1.2000000000000002.
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    let mut out = Vec::new();
    let mut k = 1.0;
    loop {
        let v = round(from - step * k);
        if v < floor {
            break;
        }
        out.push(v);
        k += 1.0;
    }
    if floor < from && out.last().is_none_or(|&last| last > floor) {
        out.push(floor);
    }
    out
}

/// The theme with its running text set as `step` says.
pub fn tightened(theme: &Theme, step: &Tightening) -> Theme {
    let mut t = theme.clone();
    let ratio = step.body.0 / theme.sizes.body.0;
    t.sizes.leading = step.leading;
    t.sizes.body = step.body;
    t.sizes.heading = theme.sizes.heading * ratio;
    t
}

/// Fit a document, `laid` out in its natural design, to the pages its
/// theme asks for: the tighter design and its layout when a step fits,
/// or no design and the natural layout.
pub fn fit(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
    laid: Layout,
) -> (Option<Design>, Layout, FitOutcome) {
    let wanted = pages_wanted(doc, theme);
    if wanted == 0 || laid.pages.len() <= wanted {
        return (None, laid, FitOutcome::Natural);
    }
    let measure = Measurer::new(fonts, &doc.lang);
    let try_step = |step: &Tightening| {
        let theme = tightened(theme, step);
        // A step whose design or layout is refused (a title that no longer
        // fits its band, say) is passed over.
        let d = design::resolve(doc, &theme, &measure).ok()?;
        let l = layout::layout(doc, &d, fonts).ok()?;
        Some((d, l))
    };
    let natural = laid.pages.len();
    let steps = steps(&theme.sizes, &theme.fit);
    let over = |tightest: Tightening, lines_over: usize| FitOutcome::Over {
        natural,
        wanted,
        lines_over,
        tightest,
    };
    // The tightest step first: when even it runs over, no step fits
    // (tighter type takes no more pages), and a factsheet far too long
    // for its pages costs one more layout, not one a step.
    let Some(last) = steps.last().copied() else {
        let theme_own = Tightening {
            leading: theme.sizes.leading,
            body: theme.sizes.body,
        };
        let lines = lines_beyond(&laid, wanted);
        return (None, laid, over(theme_own, lines));
    };
    let tightest = try_step(&last);
    if let Some((_, l)) = &tightest
        && l.pages.len() > wanted
    {
        let lines = lines_beyond(l, wanted);
        return (None, laid, over(last, lines));
    }
    for step in &steps[..steps.len() - 1] {
        if let Some((d, l)) = try_step(step)
            && l.pages.len() <= wanted
        {
            let pages = l.pages.len();
            return (Some(d), l, FitOutcome::Tightened { step: *step, pages });
        }
    }
    match tightest {
        Some((d, l)) => {
            let pages = l.pages.len();
            (Some(d), l, FitOutcome::Tightened { step: last, pages })
        }
        // The tightest step was refused and no other fits.
        None => {
            let lines = lines_beyond(&laid, wanted);
            (None, laid, over(last, lines))
        }
    }
}

/// The pages `doc` is fitted to: its profile's `pages`, or its theme's;
/// 0 for none.
pub fn pages_wanted(doc: &Document, theme: &Theme) -> usize {
    doc.pages.unwrap_or(theme.fit.pages)
}

/// Lines of running text (headings too) set after page `pages`.
fn lines_beyond(laid: &Layout, pages: usize) -> usize {
    laid.columns
        .iter()
        .filter(|c| c.page >= pages)
        .flat_map(|c| &c.items)
        .filter(|r| matches!(r, FlowRole::Line { .. } | FlowRole::Heading { .. }))
        .count()
}

impl FitOutcome {
    /// What to tell the user of a document set tighter, if it was.
    pub fn info(&self, theme: &Theme) -> Option<String> {
        let FitOutcome::Tightened { step, pages } = self else {
            return None;
        };
        let s = &theme.sizes;
        let mut changes = vec![format!(
            "leading {} (theme: {})",
            num(step.leading),
            num(s.leading)
        )];
        if step.body != s.body {
            changes.push(format!(
                "running text {} pt (theme: {} pt)",
                num(step.body.0),
                num(s.body.0)
            ));
        }
        Some(format!(
            "set tighter to fit {pages} {}: {}",
            page_noun(*pages),
            changes.join(", ")
        ))
    }

    /// The warning for a document that runs over even at the tightest
    /// step, reported against its profile.
    pub fn warning(&self, doc: &Document, theme: &Theme) -> Option<Diagnostics> {
        let FitOutcome::Over {
            natural,
            wanted,
            lines_over,
            tightest,
        } = self
        else {
            return None;
        };
        let message = format!(
            "`{}` ({}) takes {natural} {}, more than the {wanted} it is fitted to, even set at the \
             tightest the theme allows (leading {}, running text {} pt)",
            doc.title,
            doc.lang,
            page_noun(*natural),
            num(tightest.leading),
            num(tightest.body.0),
        );
        let help = format!(
            "shorten the text by about {lines_over} lines; or allow more pages, with `pages = {natural}` \
             in the profile or under [fit] in the theme{}, or tighter type there (`min_leading`, \
             `min_body`)",
            theme
                .loc("fit.pages")
                .map(|l| format!(" ({})", l.file.path.display()))
                .unwrap_or_default()
        );
        let mut out = Diagnostics::new((*super::fallback_file(doc)).clone());
        out.push(Diagnostic::warning("over-pages", message).help(help));
        Some(out)
    }
}

fn page_noun(n: usize) -> &'static str {
    if n == 1 { "page" } else { "pages" }
}

/// A number as a person writes it: `1.25`, `9`, not `9.0`.
fn num(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(body: f64, leading: f64) -> Sizes {
        let mut s = Theme::default().sizes;
        s.body = Pt(body);
        s.leading = leading;
        s
    }

    fn fit(min_leading: f64, min_body: f64) -> Fit {
        Fit {
            pages: 1,
            min_leading,
            min_body: Pt(min_body),
        }
    }

    /// The steps from a theme's body size and leading to floors, as
    /// (leading, body size) pairs.
    fn pairs(body: f64, leading: f64, min_leading: f64, min_body: f64) -> Vec<(f64, f64)> {
        steps(&sizes(body, leading), &fit(min_leading, min_body))
            .iter()
            .map(|t| (t.leading, t.body.0))
            .collect()
    }

    #[test]
    fn leading_and_size_step_down_by_turns_from_the_least_change() {
        assert_eq!(
            pairs(9.5, 1.3, 1.2, 8.5),
            vec![
                (1.275, 9.5),
                (1.275, 9.25),
                (1.25, 9.25),
                (1.25, 9.0),
                (1.225, 9.0),
                (1.225, 8.75),
                (1.2, 8.75),
                (1.2, 8.5),
            ]
        );
    }

    #[test]
    fn once_one_reaches_its_floor_the_other_goes_on_alone() {
        assert_eq!(
            pairs(9.5, 1.3, 1.25, 8.5),
            vec![
                (1.275, 9.5),
                (1.275, 9.25),
                (1.25, 9.25),
                (1.25, 9.0),
                (1.25, 8.75),
                (1.25, 8.5),
            ]
        );
    }

    #[test]
    fn a_floor_between_steps_is_the_last_step() {
        assert_eq!(
            pairs(9.0, 1.25, 1.21, 8.6),
            vec![(1.225, 9.0), (1.225, 8.75), (1.21, 8.75), (1.21, 8.6)]
        );
    }

    #[test]
    fn floors_at_or_above_the_theme_leave_that_dimension_alone() {
        assert!(steps(&sizes(9.5, 1.3), &fit(1.3, 9.5)).is_empty());
        assert!(steps(&sizes(8.0, 1.1), &fit(1.2, 8.5)).is_empty());
        let only_size = steps(&sizes(9.5, 1.2), &fit(1.2, 9.0));
        assert_eq!(only_size.len(), 2);
        assert!(only_size.iter().all(|t| t.leading == 1.2));
    }

    #[test]
    fn headings_keep_their_proportion_to_the_running_text() {
        let mut theme = Theme::default();
        theme.sizes.body = Pt(10.0);
        theme.sizes.heading = Pt(12.0);
        let t = tightened(
            &theme,
            &Tightening {
                leading: 1.2,
                body: Pt(9.0),
            },
        );
        assert_eq!(t.sizes.body, Pt(9.0));
        assert!((t.sizes.heading.0 - 10.8).abs() < 1e-9);
        assert_eq!(t.sizes.leading, 1.2);
        // Everything else is the theme's.
        assert_eq!(t.sizes.footnote, theme.sizes.footnote);
        assert_eq!(t.page, theme.page);
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(num(1.25), "1.25");
        assert_eq!(num(9.0), "9");
        assert_eq!(num(1.2000000000000002), "1.2");
    }
}
