//! Typography a print proofreader would pass, measured on the engine's
//! output for a corpus of stress profiles (tests/fixtures/typography/):
//! long titles, 1 to 9 indicators with long labels and values, addresses,
//! long compound words, Spanish, French and Dutch text, a four-page
//! profile with ten notes, a one-paragraph profile, and the Bolivia
//! factsheet. Prints a table of the figures (docs/typography.md holds one)
//! and holds each to its bound.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use factsheet::layout::{FlowRole, ItemKind, Layout, NodeKind, Owner, RegionKind, TextId};
use factsheet::theme::Theme;
use factsheet::units::Pt;

/// The figures of one profile.
#[derive(Debug, Default)]
struct Figures {
    lang: String,
    pages: usize,
    lines: usize,
    /// Lines of running text ending in a hyphen (inserted or the text's).
    hyphenated: usize,
    /// Greatest letter-spacing added to justify a line, in em.
    max_tracking: f64,
    /// Mean factor of justified lines' word spaces.
    mean_space: f64,
    /// Largest factor of a justified line's word spaces.
    max_space: f64,
    /// Lines wider than their column.
    past_column: usize,
    /// Columns or pages ending in a hyphenated word.
    hyphen_across: usize,
    /// A hyphen before a last line shorter than a third of the column.
    hyphen_before_fragment: usize,
    /// Columns of one line beside a fuller one.
    one_line_columns: usize,
    /// Greatest distance of a baseline from the page's line grid, in pt.
    baseline_spread: f64,
    /// Indicator rows whose values are set at more than one size.
    mixed_value_rows: usize,
    /// Hyphens inserted inside a web or e-mail address.
    hyphens_in_addresses: usize,
}

fn figures(path: &Path, theme: &Theme) -> Figures {
    let (loaded, diags) = factsheet::job::load_document(path, theme, None);
    let rendered: Vec<String> = diags
        .iter()
        .map(factsheet::diag::Diagnostics::render_plain)
        .collect();
    let doc = loaded
        .unwrap_or_else(|| panic!("{}: {}", path.display(), rendered.join("\n")))
        .1;
    let p = factsheet::pipeline::prepare(&doc, theme).unwrap_or_else(|e| {
        panic!(
            "{}: {}",
            path.display(),
            e.diagnostics
                .iter()
                .map(factsheet::diag::Diagnostics::render_plain)
                .collect::<String>()
        )
    });
    let l = &p.layout;
    let mut f = Figures {
        lang: doc.lang.clone(),
        pages: l.pages.len(),
        lines: l.lines.len(),
        ..Figures::default()
    };
    let justified: Vec<_> = l
        .lines
        .iter()
        .filter(|r| r.justified && r.has_spaces)
        .collect();
    f.mean_space =
        justified.iter().map(|r| r.space_factor).sum::<f64>() / justified.len().max(1) as f64;
    f.max_space = justified.iter().map(|r| r.space_factor).fold(0.0, f64::max);
    for (i, r) in l.lines.iter().enumerate() {
        f.hyphenated += usize::from(r.hyphenated);
        f.max_tracking = f.max_tracking.max(r.letter_spacing);
        f.past_column += usize::from(r.width.0 > r.measure.0 + 0.01);
        if r.hyphenated
            && let Some(next) = l.lines.get(i + 1)
            && next.last
            && next.block == r.block
            && next.width.0 < next.measure.0 / 3.0
        {
            f.hyphen_before_fragment += 1;
        }
    }
    for c in &l.columns {
        f.hyphen_across += usize::from(c.ends_hyphenated);
        let lines = c
            .items
            .iter()
            .filter(|i| matches!(i, FlowRole::Line { .. }))
            .count();
        let beside = l
            .columns
            .iter()
            .filter(|o| o.page == c.page && o.column != c.column)
            .map(|o| o.items.len())
            .max()
            .unwrap_or(0);
        if lines == 1 && c.items.len() == 1 && beside > 2 {
            f.one_line_columns += 1;
        }
    }
    f.baseline_spread = baseline_spread(l, p.design.body.line);
    f.mixed_value_rows = mixed_value_rows(l, &p.design);
    f.hyphens_in_addresses = hyphens_in_addresses(l);
    f
}

/// How far any body baseline is from the grid of whole body lines, set by
/// the page's first body baseline: 0 when the columns' lines line up.
fn baseline_spread(l: &Layout, line: Pt) -> f64 {
    let mut worst: f64 = 0.0;
    for page in &l.pages {
        let mut baselines = Vec::new();
        for item in &page.items {
            let (ItemKind::Text(run), Some(TextId::Block(_))) = (&item.kind, item.text) else {
                continue;
            };
            let in_column = item
                .region
                .and_then(|r| page.regions.get(r))
                .is_some_and(|r| r.kind == RegionKind::Column);
            // Raised markers sit off the baseline by design.
            if in_column && run.origin.y == run.origin.y.max(Pt::ZERO) && run.size.0 > 6.0 {
                baselines.push(run.origin.y.0);
            }
        }
        let Some(first) = baselines.iter().copied().reduce(f64::min) else {
            continue;
        };
        for y in baselines {
            let k = ((y - first) / line.0).round();
            worst = worst.max((y - first - k * line.0).abs());
        }
    }
    worst
}

fn mixed_value_rows(l: &Layout, design: &factsheet::design::Design) -> usize {
    let Some(ind) = &design.indicators else {
        return 0;
    };
    let mut sizes: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
    for item in &l.pages[0].items {
        if let (ItemKind::Text(run), Some(TextId::BoxValue(n))) = (&item.kind, item.text) {
            // A note's number is set at a marker's size by design.
            let marker = matches!(item.owner, Owner::Node(id)
                if matches!(l.nodes[id].kind, NodeKind::Reference));
            if !marker {
                sizes
                    .entry(n)
                    .or_default()
                    .push((run.size.0 * 100.0).round() as u64);
            }
        }
    }
    ind.rows
        .iter()
        .filter(|r| {
            let mut all: Vec<u64> = r
                .boxes
                .clone()
                .flat_map(|n| sizes.get(&n).cloned().unwrap_or_default())
                .collect();
            all.sort_unstable();
            all.dedup();
            all.len() > 1
        })
        .count()
}

/// Lines that end in an inserted hyphen inside something that looks like
/// an address (the run's text before the soft hyphen has a dot, `@` or
/// slash in its last word).
fn hyphens_in_addresses(l: &Layout) -> usize {
    let mut n = 0;
    for page in &l.pages {
        for item in &page.items {
            if let ItemKind::Text(run) = &item.kind
                && let Some(body) = run.text.strip_suffix('\u{ad}')
            {
                let word = body.rsplit(' ').next().unwrap_or("");
                if word.contains(['.', '@', '/']) && !word.ends_with('.') {
                    n += 1;
                }
            }
        }
    }
    n
}

#[test]
fn stress_profiles_pass_a_proofreader() {
    let dir = common::root().join("tests/fixtures/typography");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths.push(common::example_path());
    let theme = common::example_theme();
    let mut rows = Vec::new();
    let (mut en_lines, mut en_hyphens) = (0, 0);
    let mut failures = Vec::new();
    println!(
        "| profile | pages | lines | hyphenated | max tracking (em) | mean space | max space | past column | hyphen across | hyphen before fragment | one-line columns | baseline spread (pt) | mixed value rows | hyphens in addresses |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for path in &paths {
        let f = figures(path, &theme);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        println!(
            "| {name} | {} | {} | {} ({:.1}%) | {:.3} | {:.2} | {:.2} | {} | {} | {} | {} | {:.2} | {} | {} |",
            f.pages,
            f.lines,
            f.hyphenated,
            100.0 * f.hyphenated as f64 / f.lines.max(1) as f64,
            f.max_tracking,
            f.mean_space,
            f.max_space,
            f.past_column,
            f.hyphen_across,
            f.hyphen_before_fragment,
            f.one_line_columns,
            f.baseline_spread,
            f.mixed_value_rows,
            f.hyphens_in_addresses
        );
        if f.lang == "en" && name != "compounds" && name != "urls" {
            en_lines += f.lines;
            en_hyphens += f.hyphenated;
        }
        let mut check = |ok: bool, what: &str| {
            if !ok {
                failures.push(format!("{name}: {what}"));
            }
        };
        check(f.max_tracking <= 0.02 + 1e-9, "tracking above 0.02 em");
        // Emergency stretch spreads the looseness of a paragraph without
        // good breaks: before it, a line of `urls` had its spaces at 10.5
        // times their width.
        check(f.max_space <= 4.0, "word spaces above 4 times their width");
        check(f.past_column == 0, "a line past its column");
        check(
            f.hyphen_across == 0,
            "a word hyphenated across a column or page",
        );
        check(
            f.hyphen_before_fragment == 0,
            "a hyphen before a short last line",
        );
        check(f.one_line_columns == 0, "a one-line column");
        check(f.baseline_spread <= 0.5, "column baselines off the grid");
        check(
            f.mixed_value_rows == 0,
            "an indicator row with mixed value sizes",
        );
        check(f.hyphens_in_addresses == 0, "a hyphen inside an address");
        rows.push((name, f));
    }
    let share = en_hyphens as f64 / en_lines.max(1) as f64;
    println!(
        "\nEnglish running text: {en_hyphens} of {en_lines} lines hyphenated ({:.1}%)",
        share * 100.0
    );
    assert!(
        share <= 0.12,
        "{:.1}% of English lines hyphenated",
        share * 100.0
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rows.len() >= 15, "the corpus is all there");
}
