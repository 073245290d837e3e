//! In-process timings of the Bolivia factsheet, stage by stage: `cargo bench`.
//!
//! A plain harness (no framework): each measurement has warm-up runs, then
//! timed runs, and prints median / min / max. The machine it runs on may be
//! shared and noisy: compare medians, and read min-max as the spread. Whole
//! processes (start-up included) are timed by `bench/compare.sh`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use factsheet::cli::{ColorMode, PdfStandard};
use factsheet::doc::Document;
use factsheet::docx::{self, DocxOptions};
use factsheet::layout;
use factsheet::pdf::{self, PdfOptions};
use factsheet::theme::{self, Theme};
use rayon::prelude::*;

/// Profile the stages are measured on.
const PROFILE: &str = "reports/bolivia.toml";
const THEME: &str = "reports/theme.toml";
/// Documents in a batch.
const BATCH: usize = 100;
/// Threads for the parallel batch (the machine the goals are set on has 2 cores).
const THREADS: usize = 2;
/// Set in the child processes that measure the fonts' first use.
const FONTS_CHILD: &str = "FACTSHEET_BENCH_FIRST_FONTS";

fn main() {
    // A fresh process of this binary, asked for one first-use figure only.
    if std::env::var_os(FONTS_CHILD).is_some() {
        let t = Instant::now();
        black_box(layout::builtin_fonts());
        println!("{}", t.elapsed().as_nanos());
        return;
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let profile = root.join(PROFILE);
    let theme_path = root.join(THEME);
    println!("factsheet in-process timings: {PROFILE} (release profile)");
    println!(
        "{:<44} {:>10} {:>10} {:>10}  runs",
        "measurement", "median", "min", "max"
    );

    // Paid once per process, so it is timed first, then again in fresh
    // processes for a spread.
    let t = Instant::now();
    black_box(layout::builtin_fonts());
    let here = t.elapsed();
    let mut firsts = first_use_in_fresh_processes(10);
    if firsts.is_empty() {
        firsts.push(here);
    }
    report("built-in fonts, first use (once a process)", &mut firsts);

    let theme = match theme::load_theme(&theme_path) {
        (Some(t), _) => t,
        (None, d) => panic!("{THEME} does not load: {d:?}"),
    };
    let load = || {
        factsheet::job::load_document(&profile, &theme, None)
            .0
            .expect("the profile loads")
            .1
    };
    let doc = load();

    let mut xs = time_runs(5, 50, || {
        black_box(load());
    });
    report("(a) load + check profile, document tree", &mut xs);

    let fonts = layout::fonts_for(&theme.fonts).expect("the theme's fonts load");
    let mut xs = time_runs(5, 50, || {
        black_box(layout::layout(&doc, &theme, &fonts).expect("it lays out"));
    });
    report("(b) layout only", &mut xs);

    let opts = pdf_options();
    let laid = layout::layout(&doc, &theme, &fonts).expect("it lays out");
    let mut xs = time_runs(5, 50, || {
        black_box(pdf::write(&doc, &laid, &theme, &fonts, &opts).expect("it writes"));
    });
    report("    PDF drawing + writing only (no layout)", &mut xs);

    let mut xs = time_runs(5, 50, || {
        black_box(render_pdf(&doc, &theme));
    });
    report("(c) PDF render (layout + writing)", &mut xs);

    let docx_works = match docx::render(&doc, &theme, &DocxOptions { epoch: None }) {
        Ok(_) => true,
        Err(e) => {
            println!("(d) DOCX: writer not available ({})", e.message);
            false
        }
    };
    if docx_works {
        let mut xs = time_runs(5, 100, || {
            black_box(render_docx(&doc, &theme));
        });
        report("(d) DOCX render", &mut xs);
    }

    batches(&doc, &theme, docx_works);
}

/// (e) The same document rendered `BATCH` times, in a loop and on a pool
/// of `THREADS` threads; figures are per document.
fn batches(doc: &Document, theme: &Theme, docx_works: bool) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(THREADS)
        .build()
        .expect("a thread pool");
    let per_doc = |d: Duration| d / BATCH as u32;

    let mut xs = time_runs(1, 5, || {
        for _ in 0..BATCH {
            black_box(render_pdf(doc, theme));
        }
    });
    xs.iter_mut().for_each(|d| *d = per_doc(*d));
    report(
        &format!("(e) PDF batch of {BATCH}, 1 thread, per doc"),
        &mut xs,
    );

    let mut xs = time_runs(1, 5, || {
        pool.install(|| {
            (0..BATCH).into_par_iter().for_each(|_| {
                black_box(render_pdf(doc, theme));
            })
        })
    });
    xs.iter_mut().for_each(|d| *d = per_doc(*d));
    report(
        &format!("(e) PDF batch of {BATCH}, {THREADS} threads, per doc"),
        &mut xs,
    );

    if docx_works {
        let mut xs = time_runs(1, 5, || {
            for _ in 0..BATCH {
                black_box(render_docx(doc, theme));
            }
        });
        xs.iter_mut().for_each(|d| *d = per_doc(*d));
        report(
            &format!("(e) DOCX batch of {BATCH}, 1 thread, per doc"),
            &mut xs,
        );
    }
}

fn pdf_options() -> PdfOptions {
    PdfOptions {
        color: ColorMode::Screen,
        crop_marks: false,
        standard: PdfStandard::Ua1,
        epoch: None,
    }
}

fn render_pdf(doc: &Document, theme: &Theme) -> Vec<u8> {
    pdf::render(doc, theme, &pdf_options()).expect("the PDF renders")
}

fn render_docx(doc: &Document, theme: &Theme) -> Vec<u8> {
    docx::render(doc, theme, &DocxOptions { epoch: None }).expect("the DOCX renders")
}

/// `warmup` untimed runs, then `runs` timed ones.
fn time_runs(warmup: usize, runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    for _ in 0..warmup {
        f();
    }
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

/// The fonts' first use, timed in `n` fresh processes of this binary
/// (after one uncounted, which pages the binary in). Empty if they fail.
fn first_use_in_fresh_processes(n: usize) -> Vec<Duration> {
    let Ok(exe) = std::env::current_exe() else {
        return vec![];
    };
    let once = |exe: &PathBuf| -> Option<Duration> {
        let out = Command::new(exe).env(FONTS_CHILD, "1").output().ok()?;
        let ns: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
        Some(Duration::from_nanos(ns))
    };
    if once(&exe).is_none() {
        return vec![];
    }
    (0..n).filter_map(|_| once(&exe)).collect()
}

fn report(name: &str, xs: &mut [Duration]) {
    xs.sort();
    let median = if xs.len() % 2 == 1 {
        xs[xs.len() / 2]
    } else {
        (xs[xs.len() / 2 - 1] + xs[xs.len() / 2]) / 2
    };
    println!(
        "{name:<44} {:>10} {:>10} {:>10}  {}",
        show(median),
        show(xs[0]),
        show(xs[xs.len() - 1]),
        xs.len()
    );
}

fn show(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else {
        format!("{:.2} ms", us / 1e3)
    }
}
