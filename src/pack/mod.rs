//! The report pack: every country of a reports folder in every locale and
//! format, and per locale the combined documents, built in parallel,
//! incrementally, optionally as one shard of a CI matrix.
//!
//! - [`spec`] reads `pack.toml` (or packs every profile with defaults);
//! - [`plan`] lists the work (a country in a locale is a *unit*) with each
//!   output's inputs and key ([`inputs`]);
//! - [`run`] renders the stale units ([`unit`]) in parallel, writes each
//!   file as soon as it is made, then the combined documents ([`combined`]);
//! - [`manifest`] records every output for the next run and for users;
//! - [`shard`] deals the units out to CI jobs; [`watch`] rebuilds on save;
//! - [`report`] shows progress and the summary on the command line.

pub mod combined;
pub mod inputs;
pub mod manifest;
pub mod plan;
pub mod report;
pub mod run;
pub mod shard;
pub mod spec;
pub mod unit;
pub mod watch;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::Diagnostics;

pub use run::pack;
pub use shard::Shard;

/// What `pack` was asked to do.
#[derive(Clone, Debug)]
pub struct PackOptions {
    /// The reports folder (with `pack.toml`, or every profile in it).
    pub dir: PathBuf,
    pub out_dir: PathBuf,
    /// Rebuild every output, current or not.
    pub force: bool,
    /// Make the combined documents from the countries that succeeded when
    /// some failed (by default a failure leaves the previous ones).
    pub allow_partial: bool,
    /// Build only this part of the per-country work, and no combined
    /// documents.
    pub shard: Option<Shard>,
}

/// Something that happened, for the command line to show.
pub enum Event<'a> {
    Diagnostics(&'a Diagnostics),
    Wrote {
        path: &'a Path,
        bytes: u64,
    },
    /// A country in a locale could not be built.
    Failed {
        profile: &'a Path,
        locale: &'a str,
        message: &'a str,
    },
    /// A combined document was not (re)made.
    Combined {
        path: &'a Path,
        status: CombinedStatus,
        reason: &'a str,
    },
    Warning(&'a str),
    /// Information for people (what `watch` is doing).
    Note(&'a str),
    /// Progress a `--quiet` run leaves out: a country set tighter to fit
    /// (the summary's `fitted` lists them all the same).
    Info(&'a str),
}

/// Receives the pack's progress and events. `unit_done` is called from
/// the worker threads as each unit finishes; `event` in pack order from
/// one thread, so that what is printed is the same on every run.
pub trait Reporter: Sync {
    /// The run starts with `units` units to look at.
    fn begin(&self, units: usize);
    fn unit_done(&self, label: &str);
    fn event(&self, event: Event<'_>);
    /// The run is over.
    fn end(&self, summary: &Summary);
}

/// What became of a combined document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CombinedStatus {
    Built,
    /// Built from the countries that succeeded (`--allow-partial`).
    Partial,
    /// Its inputs are unchanged and the file is there.
    Skipped,
    /// Not rebuilt because a country failed: the previous file stays.
    Kept,
    /// The writer failed.
    Failed,
}

/// A country that failed in a locale.
#[derive(Clone, Debug, Serialize)]
pub struct Failure {
    pub profile: PathBuf,
    pub locale: String,
    pub message: String,
    /// The errors, `file:line:col: error[code]: message` each, for
    /// readers of the JSON summary, which has no "errors above".
    pub errors: Vec<String>,
}

/// A country set tighter in a locale to keep to its pages (`[fit]`).
#[derive(Clone, Debug, Serialize)]
pub struct Fitted {
    pub profile: PathBuf,
    pub locale: String,
    /// What was done: "set tighter to fit 1 page: leading 1.25 …".
    pub message: String,
}

/// A combined document's fate.
#[derive(Clone, Debug, Serialize)]
pub struct CombinedNote {
    pub path: PathBuf,
    pub status: CombinedStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Tally of a run (`--json` prints it).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Files written.
    pub built: usize,
    /// Files already current.
    pub skipped: usize,
    /// Files that could not be made (a country's formats in a locale, and
    /// combined documents that failed).
    pub failed: usize,
    /// Files of earlier runs removed because the pack no longer holds
    /// them.
    pub removed: usize,
    pub seconds: f64,
    pub countries: usize,
    pub locales: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    pub failures: Vec<Failure>,
    /// Countries set tighter to keep to their pages, in pack order.
    pub fitted: Vec<Fitted>,
    pub combined: Vec<CombinedNote>,
    /// `pack.toml`, the theme or the folder is unusable: nothing was built.
    pub invalid: bool,
    /// Why the pack is invalid: its errors, a line each.
    pub errors: Vec<String>,
    pub warnings: usize,
}

impl Summary {
    /// 0 when everything was built or current, 1 when something failed,
    /// 2 when the pack itself is invalid.
    pub fn exit_code(&self) -> u8 {
        if self.invalid {
            2
        } else if self.failed > 0 || !self.failures.is_empty() {
            1
        } else {
            0
        }
    }

    /// One line for people.
    pub fn line(&self) -> String {
        if self.invalid {
            return "pack not built: see the errors above".into();
        }
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut parts = vec![
            format!("{} built", plural(self.built, "file")),
            format!("{} current", self.skipped),
        ];
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        if self.removed > 0 {
            parts.push(format!("{} removed", self.removed));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        let shard = self
            .shard
            .as_ref()
            .map(|s| format!(" (shard {s})"))
            .unwrap_or_default();
        format!(
            "packed {} x {}{shard}: {} in {:.2} s",
            plural(self.countries, "country").replace("countrys", "countries"),
            plural(self.locales.len(), "locale"),
            parts.join(", "),
            self.seconds
        )
    }
}
