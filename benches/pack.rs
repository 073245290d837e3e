//! The combined PDF of a pack, timed: every profile of a folder loaded,
//! laid out (verified) and drawn into one PDF through
//! `pipeline::combined_pdf`, as a pack makes it.
//!
//!     cargo bench --bench pack                      100 copies of reports/bolivia.toml
//!     cargo bench --bench pack -- DIR [-o FILE]     every *.toml profile of DIR
//!
//! A folder's `theme.toml` is its theme (else the built-in one). The last
//! line printed is a JSON object of wall times per stage, so that
//! `bench/proc_time.py` can summarise it; CPU time and peak memory are
//! measured from outside by that script (bench/compare.sh runs it).
//! Profiles are loaded and laid out in parallel (rayon, all cores unless
//! RAYON_NUM_THREADS says otherwise); the combined PDF is written by one
//! thread.

// The front matter of the pack tests' combined documents.
#[path = "../tests/common/pack.rs"]
#[allow(dead_code)]
mod pack_common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use factsheet::doc::Document;
use factsheet::pdf::{ColorMode, PdfOptions, PdfStandard};
use factsheet::pipeline::{PackCountry, PackOptions, combined_pdf, prepare};
use factsheet::theme::{Theme, load_theme};
use rayon::prelude::*;

/// Copies of the example in a pack when no folder is given.
const DEFAULT_COUNT: usize = 100;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let (mut dir, mut out) = (None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" => out = args.next().map(PathBuf::from),
            _ if a.starts_with('-') => {
                eprintln!("unknown option {a}; usage: pack [DIR] [-o FILE]");
                std::process::exit(2);
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }

    let t = Instant::now();
    let (theme, profiles) = match &dir {
        Some(d) => (folder_theme(d), profiles_in(d)),
        None => (
            folder_theme(&root.join("reports")),
            vec![root.join("reports/bolivia.toml"); DEFAULT_COUNT],
        ),
    };
    let docs: Vec<Document> = profiles
        .par_iter()
        .map(|p| match factsheet::job::load_document(p, &theme, None) {
            (Some((_, doc)), _) => doc,
            (None, d) => {
                let text: Vec<String> = d
                    .iter()
                    .map(factsheet::diag::Diagnostics::render_plain)
                    .collect();
                panic!("{} does not load:\n{}", p.display(), text.join("\n"))
            }
        })
        .collect();
    let load_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let countries: Vec<PackCountry> = docs
        .into_par_iter()
        .map(|doc| {
            let p = prepare(&doc, &theme).unwrap_or_else(|_| panic!("{} lays out", doc.title));
            PackCountry {
                doc,
                design: p.design,
                layout: p.layout,
            }
        })
        .collect();
    let layout_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let front = pack_common::front(countries.first().and_then(|c| c.doc.logo.clone()));
    let opts = PackOptions {
        pdf: PdfOptions {
            color: ColorMode::Screen,
            crop_marks: false,
            standard: PdfStandard::Ua1,
            epoch: None,
        },
        right_hand: false,
    };
    let pdf = combined_pdf(&front, &countries, &theme, &opts)
        .unwrap_or_else(|_| panic!("the combined PDF renders"));
    let combine_s = t.elapsed().as_secs_f64();
    if let Some(out) = &out {
        std::fs::write(out, &pdf).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    }
    let pages: usize = countries.iter().map(|c| c.layout.pages.len()).sum();
    println!(
        "{{\"countries\": {}, \"pages\": {pages}, \"bytes\": {}, \"load_s\": {load_s:.4}, \"layout_s\": {layout_s:.4}, \"combine_s\": {combine_s:.4}}}",
        countries.len(),
        pdf.len()
    );
}

/// The folder's `theme.toml`, else the built-in theme.
fn folder_theme(dir: &Path) -> Theme {
    let path = dir.join("theme.toml");
    if !path.exists() {
        return Theme::default();
    }
    match load_theme(&path) {
        (Some(t), _) => t,
        (None, d) => panic!("{}", d.render_plain()),
    }
}

/// The profiles of a folder, by name.
fn profiles_in(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("theme.toml"))
        .collect();
    paths.sort();
    paths
}
