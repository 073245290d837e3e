//! In-process timings of the Bolivia factsheet, stage by stage: `cargo bench`.
//!
//! A plain harness (no framework): each measurement has warm-up runs, then
//! timed runs, and prints the median / min / max wall time of a run and the
//! mean CPU time a run took. The machine it runs on may be shared and noisy:
//! wall times then include waiting for a core, CPU times much less so.
//! Compare medians, and read min-max as the spread. Whole processes
//! (start-up included) are timed by `bench/compare.sh`.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use factsheet::design;
use factsheet::doc::Document;
use factsheet::docx::{self, DocxOptions};
use factsheet::layout;
use factsheet::output::Format;
use factsheet::pdf::{self, PdfOptions};
use factsheet::pdf::{ColorMode, PdfStandard};
use factsheet::pipeline::{self, RenderOptions};
use factsheet::theme::{self, Theme};
use rayon::prelude::*;

/// Profile the stages are measured on.
const PROFILE: &str = "reports/bolivia.toml";
const THEME: &str = "reports/theme.toml";
/// Documents in a batch.
const BATCH: usize = 100;
/// Threads for the parallel batch (the machine the goals are set on has 2 cores).
const THREADS: usize = 2;
/// Set in the child processes that time a first use: `fonts` or `pdf`.
const CHILD: &str = "FACTSHEET_BENCH_FIRST_USE";
/// Fresh processes per first-use figure.
const FRESH: usize = 10;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let profile = root.join(PROFILE);
    let theme_path = root.join(THEME);

    // A fresh process of this binary, asked for one first-use figure only:
    // it prints wall and CPU nanoseconds.
    if let Some(what) = std::env::var_os(CHILD) {
        let (t, cpu) = (Instant::now(), thread_cpu());
        if what == "fonts" {
            black_box(factsheet::fonts::builtin_fonts());
        } else {
            let theme = theme::load_theme(&theme_path).0.expect("the theme loads");
            let doc = factsheet::job::load_document(&profile, &theme, None).0;
            black_box(render_pdf(&doc.expect("the profile loads").1, &theme));
        }
        let cpu = thread_cpu().zip(cpu).map(|(b, a)| b - a);
        println!(
            "{} {}",
            t.elapsed().as_nanos(),
            cpu.map_or(0, |c| c.as_nanos())
        );
        return;
    }

    println!("factsheet in-process timings: {PROFILE} (release profile)");
    println!(
        "{:<46} {:>10} {:>10} {:>10} {:>10}  runs",
        "measurement (per run)", "median", "min", "max", "cpu/run"
    );

    // Paid once per process: timed in fresh processes.
    if let Some(s) = first_use_in_fresh_processes("fonts", FRESH) {
        s.report("built-in fonts, first use (once a process)");
    }
    if let Some(s) = first_use_in_fresh_processes("pdf", FRESH) {
        s.report("first PDF in a fresh process: theme to bytes");
    }

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

    time_runs(5, 50, thread_cpu, || {
        black_box(load());
    })
    .report("(a) load + check profile, document tree");

    let fonts = factsheet::fonts::fonts_for(&theme.fonts).expect("the theme's fonts load");
    let measure = layout::Measurer::new(&fonts, &doc.lang);
    time_runs(5, 50, thread_cpu, || {
        black_box(design::resolve(&doc, &theme, &measure).expect("it resolves"));
    })
    .report("    design only");
    let design = design::resolve(&doc, &theme, &measure).expect("it resolves");
    time_runs(5, 50, thread_cpu, || {
        black_box(layout::layout(&doc, &design, &fonts).expect("it lays out"));
    })
    .report("(b) layout, verified");
    let laid = layout::layout(&doc, &design, &fonts).expect("it lays out");
    time_runs(5, 50, thread_cpu, || {
        black_box(layout::verify::verify(&doc, &design, &fonts, &laid));
    })
    .report("    the verifier alone");

    let opts = pdf_options();
    time_runs(5, 50, thread_cpu, || {
        black_box(pdf::write(&doc, &design, &laid, &theme, &fonts, &opts).expect("it writes"));
    })
    .report("    PDF drawing + writing only (no layout)");

    time_runs(5, 50, thread_cpu, || {
        black_box(render_pdf(&doc, &theme));
    })
    .report("(c) PDF render (layout + writing)");

    let docx_works = match docx::render(&doc, &design, &theme, &DocxOptions { epoch: None }) {
        Ok(_) => true,
        Err(e) => {
            println!("(d) DOCX: writer not available ({})", e.message);
            false
        }
    };
    if docx_works {
        time_runs(5, 100, thread_cpu, || {
            black_box(render_docx(&doc, &theme));
        })
        .report("(d) DOCX render");
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

    time_runs(1, 5, thread_cpu, || {
        for _ in 0..BATCH {
            black_box(render_pdf(doc, theme));
        }
    })
    .per(BATCH)
    .report(&format!("(e) PDF batch of {BATCH}, 1 thread, per doc"));

    time_runs(1, 5, process_cpu, || {
        pool.install(|| {
            (0..BATCH).into_par_iter().for_each(|_| {
                black_box(render_pdf(doc, theme));
            });
        });
    })
    .per(BATCH)
    .report(&format!(
        "(e) PDF batch of {BATCH}, {THREADS} threads, per doc"
    ));

    if docx_works {
        time_runs(1, 5, thread_cpu, || {
            for _ in 0..BATCH {
                black_box(render_docx(doc, theme));
            }
        })
        .per(BATCH)
        .report(&format!("(e) DOCX batch of {BATCH}, 1 thread, per doc"));
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

fn render(doc: &Document, theme: &Theme, format: Format) -> Vec<u8> {
    let opts = RenderOptions {
        formats: vec![format],
        pdf: pdf_options(),
        docx: DocxOptions { epoch: None },
    };
    let mut r = pipeline::render(doc, theme, &opts).expect("it renders");
    r.outputs.remove(0).1
}

/// Fonts, design, layout (verified) and the PDF writer.
fn render_pdf(doc: &Document, theme: &Theme) -> Vec<u8> {
    render(doc, theme, Format::Pdf)
}

/// Fonts, design, layout (verified) and the DOCX writer.
fn render_docx(doc: &Document, theme: &Theme) -> Vec<u8> {
    render(doc, theme, Format::Docx)
}

/// Timed runs of one measurement.
struct Samples {
    wall: Vec<Duration>,
    /// CPU time of all the runs together, where the clock can be read.
    cpu: Option<Duration>,
    /// How many units (runs, or documents) the CPU time is shared by.
    units: u32,
}

impl Samples {
    /// Per document of a batch of `n`.
    fn per(mut self, n: usize) -> Samples {
        let n = n as u32;
        self.wall.iter_mut().for_each(|d| *d /= n);
        self.units *= n;
        self
    }

    fn report(mut self, name: &str) {
        let xs = &mut self.wall;
        xs.sort();
        let median = if xs.len() % 2 == 1 {
            xs[xs.len() / 2]
        } else {
            (xs[xs.len() / 2 - 1] + xs[xs.len() / 2]) / 2
        };
        let cpu = self
            .cpu
            .map_or("-".to_string(), |c| show(c / self.units.max(1)));
        println!(
            "{name:<46} {:>10} {:>10} {:>10} {:>10}  {}",
            show(median),
            show(xs[0]),
            show(xs[xs.len() - 1]),
            cpu,
            xs.len()
        );
    }
}

/// `warmup` untimed runs, then `runs` timed ones; CPU time from `clock`.
fn time_runs(
    warmup: usize,
    runs: usize,
    clock: fn() -> Option<Duration>,
    mut f: impl FnMut(),
) -> Samples {
    for _ in 0..warmup {
        f();
    }
    let cpu_before = clock();
    let wall = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    Samples {
        wall,
        cpu: clock().zip(cpu_before).map(|(b, a)| b.saturating_sub(a)),
        units: runs as u32,
    }
}

/// CPU time this thread has used; None where the clock cannot be read.
fn thread_cpu() -> Option<Duration> {
    cpu_time::ThreadTime::try_now()
        .ok()
        .map(|t| t.as_duration())
}

/// CPU time of the whole process, all threads.
fn process_cpu() -> Option<Duration> {
    cpu_time::ProcessTime::try_now()
        .ok()
        .map(|t| t.as_duration())
}

/// A first use (`what`: see [`CHILD`]), timed in `n` fresh processes of
/// this binary after one uncounted, which pages the binary in. None if
/// they fail.
fn first_use_in_fresh_processes(what: &str, n: usize) -> Option<Samples> {
    let exe = std::env::current_exe().ok()?;
    let once = || -> Option<(Duration, Duration)> {
        let out = Command::new(&exe).env(CHILD, what).output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut ns = text.split_whitespace().map(|x| x.parse::<u64>().ok());
        Some((
            Duration::from_nanos(ns.next()??),
            Duration::from_nanos(ns.next()??),
        ))
    };
    once()?;
    let runs: Vec<_> = (0..n).filter_map(|_| once()).collect();
    if runs.is_empty() {
        return None;
    }
    let cpu: Duration = runs.iter().map(|r| r.1).sum();
    Some(Samples {
        units: runs.len() as u32,
        wall: runs.into_iter().map(|r| r.0).collect(),
        cpu: (!cpu.is_zero()).then_some(cpu),
    })
}

fn show(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else {
        format!("{:.2} ms", us / 1e3)
    }
}
