//! The pack on the command line: a progress bar on a terminal (indicatif),
//! plain lines otherwise, problems as they are found, and a summary at the
//! end (as JSON on standard output with `--json`, for CI).

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{CombinedStatus, Event, Reporter, Summary};

/// How much the console shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Verbosity {
    /// Errors, warnings and the summary only: no bar, no line per file.
    pub quiet: bool,
    /// Print the summary as JSON on standard output.
    pub json: bool,
    /// One summary a run, each on one line (JSON Lines), for `watch`:
    /// a reader takes each line as it comes.
    pub json_lines: bool,
}

/// Standard error, with a progress bar when it is a terminal.
pub struct Console {
    verbosity: Verbosity,
    bar: Option<ProgressBar>,
    err: Mutex<StandardStream>,
    /// The JSON summary could not be written (a full disk, a closed
    /// standard output): the run must not pass for a success.
    json_lost: std::sync::atomic::AtomicBool,
}

impl Console {
    /// Whether a JSON summary was asked for and could not be written.
    pub fn json_lost(&self) -> bool {
        self.json_lost.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn new(verbosity: Verbosity) -> Console {
        let terminal = std::io::stderr().is_terminal();
        let color = if terminal && std::env::var_os("NO_COLOR").is_none() {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        };
        let bar = (terminal && !verbosity.quiet).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Console {
            verbosity,
            bar,
            err: Mutex::new(StandardStream::stderr(color)),
            json_lost: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Print to standard error without tearing the bar.
    fn print(&self, f: impl FnOnce(&mut StandardStream)) {
        let mut err = self
            .err
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &self.bar {
            Some(bar) => bar.suspend(|| f(&mut err)),
            None => f(&mut err),
        }
    }
}

impl Reporter for Console {
    fn begin(&self, units: usize) {
        if let Some(bar) = &self.bar {
            // `watch` runs the pack again with the same bar.
            bar.reset();
            bar.set_length(units as u64);
        }
    }

    fn unit_done(&self, label: &str) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(label.to_string());
        }
    }

    fn event(&self, event: Event<'_>) {
        match event {
            Event::Diagnostics(d) => self.print(|err| d.render_to(err)),
            Event::Wrote { path, bytes } => {
                if !self.verbosity.quiet && self.bar.is_none() {
                    self.print(|err| {
                        let _ = writeln!(err, "wrote {} ({})", path.display(), size(bytes));
                    });
                }
            }
            Event::Failed {
                profile,
                locale,
                message,
            } => self.print(|err| {
                let _ = writeln!(err, "error: {} [{locale}]: {message}", profile.display());
            }),
            Event::Combined {
                path,
                status,
                reason,
            } => {
                let kind = match status {
                    CombinedStatus::Failed | CombinedStatus::Kept => "error",
                    _ => "warning",
                };
                let what = match status {
                    CombinedStatus::Kept => "not rebuilt",
                    CombinedStatus::Partial => "built partly",
                    CombinedStatus::Failed => "failed",
                    CombinedStatus::Built | CombinedStatus::Skipped => "",
                };
                self.print(|err| {
                    let _ = writeln!(err, "{kind}: {} {what}: {reason}", path.display());
                });
            }
            Event::Warning(message) => self.print(|err| {
                let _ = writeln!(err, "warning: {message}");
            }),
            Event::Note(message) => self.print(|err| {
                let _ = writeln!(err, "{message}");
            }),
            Event::Info(message) => {
                if !self.verbosity.quiet {
                    self.print(|err| {
                        let _ = writeln!(err, "{message}");
                    });
                }
            }
        }
    }

    fn end(&self, summary: &Summary) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        self.print(|err| {
            let _ = writeln!(err, "{}", summary.line());
        });
        if self.verbosity.json {
            let mut out = std::io::stdout().lock();
            let text = if self.verbosity.json_lines {
                serde_json::to_string(summary)
            } else {
                serde_json::to_string_pretty(summary)
            }
            .expect("a summary serialises");
            if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
                self.json_lost
                    .store(true, std::sync::atomic::Ordering::Relaxed);
                self.print(|err| {
                    let _ = writeln!(err, "error: cannot write the JSON summary: {e}");
                });
            }
        }
    }
}

fn size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}
