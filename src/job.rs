//! Building and checking a batch of profiles: finding them, loading each
//! one's theme and locale, rendering, and writing every output atomically.
//! One broken profile never stops the others; events are reported in the
//! order the profiles were given, whatever order the threads finish in.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::{self, Document};
use crate::locale::{self, Locale};
use crate::output::Format;
use crate::pdf::{ColorMode, PdfStandard};
use crate::pipeline::{self, RenderOptions};
use crate::profile::{self, Profile};
use crate::theme::{self, Theme};

/// What `build` was asked to do.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub out_dir: PathBuf,
    pub formats: Vec<Format>,
    pub locale: Option<String>,
    pub theme: Option<PathBuf>,
    pub color: ColorMode,
    pub crop_marks: bool,
    pub pdf_standard: PdfStandard,
}

/// Something that happened, for the command line to print.
pub enum Event<'a> {
    Diagnostics(&'a Diagnostics),
    Wrote { path: &'a Path, bytes: u64 },
    Checked { path: &'a Path, warnings: usize },
    Failed { path: &'a Path, message: &'a str },
}

/// Tally of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub verb: &'static str,
    pub profiles: usize,
    pub files_written: usize,
    pub invalid: usize,
    pub failed: usize,
    pub warnings: usize,
}

impl Outcome {
    pub fn exit_code(&self) -> u8 {
        if self.invalid > 0 {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }

    pub fn summary(&self) -> Option<String> {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut parts = vec![];
        if self.verb == "built" {
            parts.push(plural(self.files_written, "file"));
        }
        if self.invalid > 0 {
            parts.push(format!("{} with errors", plural(self.invalid, "profile")));
        }
        if self.failed > 0 {
            parts.push(format!("{} not written", plural(self.failed, "profile")));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        Some(format!(
            "{} {}: {}",
            self.verb,
            plural(self.profiles, "profile"),
            if parts.is_empty() {
                "all good".to_string()
            } else {
                parts.join(", ")
            }
        ))
    }
}

/// Names that live in a reports folder beside profiles but are not profiles.
const NOT_PROFILES: &[&str] = &["theme.toml", "pack.toml"];

/// The profiles named on the command line, folders expanded (sorted by
/// name). Paths that do not exist come back as errors.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, Diagnostics>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = fs::read_dir(p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|f| {
                    f.is_file()
                        && f.extension().is_some_and(|e| e == "toml")
                        && !f
                            .file_name()
                            .is_some_and(|n| NOT_PROFILES.iter().any(|x| n == *x))
                })
                .collect();
            found.sort();
            if found.is_empty() {
                let mut d = Diagnostics::for_path(p);
                d.push(
                    Diagnostic::error("no-profiles", "this folder holds no profiles (.toml files)")
                        .help("`factsheet new <COUNTRY> -o FOLDER/country.toml` starts one"),
                );
                out.push(Err(d));
            }
            out.extend(found.into_iter().map(Ok));
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            let mut d = Diagnostics::for_path(p);
            d.push(
                Diagnostic::error("unreadable-file", "no such file or folder").help(
                    "check the path; `factsheet new <COUNTRY> -o FILE` writes a starter profile",
                ),
            );
            out.push(Err(d));
        }
    }
    out
}

/// The folder a profile belongs to: where its theme, locales and assets are.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Themes, loaded once per file.
#[derive(Default)]
struct Themes {
    loaded: HashMap<PathBuf, Result<Arc<Theme>, Diagnostics>>,
}

impl Themes {
    /// The theme for a profile: `explicit`, else `theme.toml` in its
    /// folder, else the built-in one. The `bool` is whether it was loaded
    /// just now (so its diagnostics are reported once).
    fn get(
        &mut self,
        explicit: Option<&Path>,
        profile: &Path,
    ) -> (Option<PathBuf>, Result<Arc<Theme>, Diagnostics>, bool) {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => Some(folder_of(profile).join("theme.toml")).filter(|p| p.exists()),
        };
        let Some(path) = path else {
            return (None, Ok(Arc::new(Theme::default())), false);
        };
        let mut fresh = false;
        let result = self
            .loaded
            .entry(path.clone())
            .or_insert_with(|| {
                fresh = true;
                match theme::load_theme(&path) {
                    (Some(t), _) => Ok(Arc::new(t)),
                    (None, d) => Err(d),
                }
            })
            .clone();
        (Some(path), result, fresh)
    }
}

/// Everything that happened to one profile, reported after the batch.
struct ProfileResult {
    path: PathBuf,
    diagnostics: Vec<Diagnostics>,
    written: Vec<(PathBuf, u64)>,
    failures: Vec<String>,
    invalid: bool,
}

/// Build every profile into every format.
pub fn build(
    paths: &[PathBuf],
    opts: &BuildOptions,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Outcome {
    let mut outcome = Outcome {
        verb: "built",
        ..Outcome::default()
    };
    let mut themes = Themes::default();
    let mut jobs = Vec::new();
    let mut claimed: HashMap<PathBuf, PathBuf> = HashMap::new();
    for item in expand(paths) {
        outcome.profiles += 1;
        let path = match item {
            Ok(p) => p,
            Err(d) => {
                outcome.profiles -= usize::from(d.file.path.is_dir());
                on_event(Event::Diagnostics(&d));
                outcome.invalid += 1;
                continue;
            }
        };
        let (theme_path, theme, fresh) = themes.get(opts.theme.as_deref(), &path);
        let theme = match theme {
            Ok(t) => t,
            Err(d) => {
                if fresh {
                    on_event(Event::Diagnostics(&d));
                }
                let msg = format!(
                    "not built: its theme {} has errors",
                    theme_path.as_deref().unwrap_or(Path::new("")).display()
                );
                on_event(Event::Failed {
                    path: &path,
                    message: &msg,
                });
                outcome.invalid += 1;
                continue;
            }
        };
        // Two profiles with the same name would overwrite each other's files.
        let stem = path.file_stem().map(PathBuf::from).unwrap_or_default();
        if let Some(first) = claimed.get(&stem) {
            let msg = format!(
                "not built: its outputs would overwrite those of {} (same file name); rename one of them",
                first.display()
            );
            on_event(Event::Failed {
                path: &path,
                message: &msg,
            });
            outcome.invalid += 1;
            continue;
        }
        claimed.insert(stem, path.clone());
        jobs.push((path, theme));
    }

    if !jobs.is_empty()
        && let Err(e) = fs::create_dir_all(&opts.out_dir)
    {
        let msg = format!("cannot create the output folder: {e}");
        on_event(Event::Failed {
            path: &opts.out_dir,
            message: &msg,
        });
        outcome.failed += jobs.len();
        return outcome;
    }

    let epoch = source_date_epoch();
    let results: Vec<ProfileResult> = jobs
        .par_iter()
        .map(|(path, theme)| build_one(path, theme, opts, epoch))
        .collect();
    for r in &results {
        for d in &r.diagnostics {
            outcome.warnings += d.warning_count();
            on_event(Event::Diagnostics(d));
        }
        for (p, bytes) in &r.written {
            outcome.files_written += 1;
            on_event(Event::Wrote {
                path: p,
                bytes: *bytes,
            });
        }
        for msg in &r.failures {
            on_event(Event::Failed {
                path: &r.path,
                message: msg,
            });
        }
        if r.invalid {
            outcome.invalid += 1;
        } else if !r.failures.is_empty() {
            outcome.failed += 1;
        }
    }
    outcome
}

/// The profile's locale: the one asked for, else its own language's,
/// else English labels (with a warning).
fn locale_for(
    profile: &Profile,
    asked: Option<&str>,
) -> Result<(Locale, Option<Diagnostic>), Diagnostics> {
    let dir = folder_of(&profile.path);
    match asked {
        Some(tag) => locale::find_locale(&dir, tag).map(|l| (l, None)),
        None => match locale::find_locale(&dir, &profile.language) {
            Ok(l) => Ok((l, None)),
            Err(_) => {
                let base = profile.language.split('-').next().unwrap_or("en");
                match locale::find_locale(&dir, base) {
                    Ok(l) => Ok((l, None)),
                    Err(_) => Ok((
                        Locale::english(),
                        Some(
                            Diagnostic::warning(
                                "no-locale",
                                format!(
                                    "no locale file for `{}`: labels are in English",
                                    profile.language
                                ),
                            )
                            .help(format!(
                                "add {} to translate the labels",
                                dir.join("locales").join(format!("{base}.toml")).display()
                            )),
                        ),
                    )),
                }
            }
        },
    }
}

/// Load and check a profile, then resolve its document tree.
pub fn load_document(
    path: &Path,
    theme: &Theme,
    locale: Option<&str>,
) -> (Option<(Profile, Document)>, Vec<Diagnostics>) {
    let (profile, mut diags) = profile::load_profile(path, theme.text.smart_quotes);
    let Some(profile) = profile else {
        return (None, vec![diags]);
    };
    let (locale, warning) = match locale_for(&profile, locale) {
        Ok(x) => x,
        Err(d) => {
            let mut all = vec![];
            if !diags.items.is_empty() {
                all.push(diags);
            }
            all.push(d);
            return (None, all);
        }
    };
    if let Some(w) = warning {
        diags.push(w);
    }
    match doc::build(&profile, &locale, theme) {
        Ok(document) => {
            let all = if diags.items.is_empty() {
                vec![]
            } else {
                vec![diags]
            };
            (Some((profile, document)), all)
        }
        Err(message) => {
            diags.push(Diagnostic::error("asset", message));
            (None, vec![diags])
        }
    }
}

fn build_one(
    path: &Path,
    theme: &Arc<Theme>,
    opts: &BuildOptions,
    epoch: Option<i64>,
) -> ProfileResult {
    let mut result = ProfileResult {
        path: path.to_path_buf(),
        diagnostics: Vec::new(),
        written: Vec::new(),
        failures: Vec::new(),
        invalid: false,
    };
    let (loaded, diags) = load_document(path, theme, opts.locale.as_deref());
    result.diagnostics = diags;
    let Some((_, document)) = loaded else {
        result.invalid = true;
        return result;
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("factsheet");
    let render_opts = RenderOptions {
        formats: opts.formats.clone(),
        pdf: crate::pdf::PdfOptions {
            color: opts.color,
            crop_marks: opts.crop_marks,
            standard: opts.pdf_standard,
            epoch: pdf_date(epoch, opts.pdf_standard, path),
        },
        docx: crate::docx::DocxOptions { epoch },
    };
    let target = |format: Format| opts.out_dir.join(format!("{stem}.{}", format.extension()));
    match render_and_write(&document, theme, &render_opts, &target) {
        Ok((files, _)) => {
            for file in files {
                match file {
                    Ok(w) => result.written.push((w.path, w.bytes)),
                    Err(message) => result.failures.push(message),
                }
            }
        }
        Err(failure) => {
            result.diagnostics.extend(failure.diagnostics);
            if failure.ours {
                result
                    .failures
                    .push("not built: see the errors above".into());
            } else {
                result.invalid = true;
            }
        }
    }
    result
}

/// A file written by [`render_and_write`].
#[derive(Clone, Debug)]
pub struct Written {
    pub format: Format,
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
}

/// Render a document in every format of `opts`, then write each file
/// atomically to `target(format)`: how `build` and `pack` make their
/// files. Every format is rendered in memory first: when one fails, none
/// of the document's files is replaced, so those in an output folder
/// always belong together. Each file's bytes are dropped once written;
/// the design and layout come back (with no outputs) for callers that go
/// on with them. A file that cannot be written is an `Err` in its place.
pub fn render_and_write(
    document: &Document,
    theme: &Theme,
    opts: &RenderOptions,
    target: &dyn Fn(Format) -> PathBuf,
) -> Result<(Vec<Result<Written, String>>, pipeline::Rendered), pipeline::RenderFailure> {
    let mut rendered = pipeline::render(document, theme, opts)?;
    let files = std::mem::take(&mut rendered.outputs)
        .into_iter()
        .map(|(format, bytes)| {
            let path = target(format);
            match write_atomically(&path, &bytes) {
                Ok(()) => Ok(Written {
                    format,
                    bytes: bytes.len() as u64,
                    sha256: crate::output::sha256_hex(&bytes),
                    path,
                }),
                Err(e) => Err(format!("cannot write {}: {e}", path.display())),
            }
        })
        .collect();
    Ok((files, rendered))
}

/// Write to a temporary file beside the target, then rename: a reader, or
/// a build that fails or is killed, never sees half a file, and a failed
/// build leaves the old one. The data is not forced to disk (fsync): a
/// factsheet is rebuilt in milliseconds, and forcing each file out took
/// longer than making it (bench/RESULTS.md).
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let tmp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&tmp).and_then(|mut f| f.write_all(bytes));
    match written.and_then(|_| fs::rename(&tmp, target)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The date a PDF carries: SOURCE_DATE_EPOCH, else none -- except that
/// PDF/A requires one; it then gets the profile's modification time, which
/// depends on the input, not on the clock.
fn pdf_date(epoch: Option<i64>, standard: PdfStandard, profile: &Path) -> Option<i64> {
    epoch.or_else(|| {
        if standard != PdfStandard::A2b {
            return None;
        }
        let modified = fs::metadata(profile).and_then(|m| m.modified()).ok()?;
        let secs = modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        i64::try_from(secs).ok()
    })
}

/// SOURCE_DATE_EPOCH, when set: the one date written into outputs. Without
/// it no date is written at all, so outputs never depend on the clock.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// Check profiles (and the themes and locales beside them): everything a
/// build does but writing, so that `check` fails wherever `build` would.
pub fn check(
    paths: &[PathBuf],
    theme_path: Option<&Path>,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Outcome {
    let mut outcome = Outcome {
        verb: "checked",
        ..Outcome::default()
    };
    let mut themes = Themes::default();
    let mut checked_locales: Vec<PathBuf> = Vec::new();
    let epoch = source_date_epoch();
    for item in expand(paths) {
        let path = match item {
            Ok(p) => p,
            Err(d) => {
                on_event(Event::Diagnostics(&d));
                outcome.invalid += 1;
                continue;
            }
        };
        outcome.profiles += 1;
        let (_, theme, fresh) = themes.get(theme_path, &path);
        let theme = match theme {
            Ok(t) => t,
            Err(d) => {
                if fresh {
                    on_event(Event::Diagnostics(&d));
                }
                outcome.invalid += 1;
                continue;
            }
        };
        // Every locale file of the folder, once.
        for tag in locale::available_locales(&folder_of(&path)) {
            let lp = folder_of(&path).join("locales").join(format!("{tag}.toml"));
            if checked_locales.contains(&lp) {
                continue;
            }
            checked_locales.push(lp.clone());
            if let Err(d) = locale::load_locale(&lp) {
                on_event(Event::Diagnostics(&d));
                outcome.invalid += 1;
            }
        }
        let (loaded, diags) = load_document(&path, &theme, None);
        let mut warnings = 0;
        for d in &diags {
            warnings += d.warning_count();
            on_event(Event::Diagnostics(d));
        }
        outcome.warnings += warnings;
        let Some((_, document)) = loaded else {
            outcome.invalid += 1;
            continue;
        };
        // Render both formats in memory (nothing is written): a problem
        // the layout, its verifier or a writer finds shows up now.
        let opts = RenderOptions {
            formats: vec![Format::Pdf, Format::Docx],
            pdf: crate::pdf::PdfOptions {
                color: crate::pdf::ColorMode::Screen,
                crop_marks: false,
                standard: PdfStandard::Ua1,
                epoch,
            },
            docx: crate::docx::DocxOptions { epoch },
        };
        match pipeline::render(&document, &theme, &opts) {
            Ok(_) => on_event(Event::Checked {
                path: &path,
                warnings,
            }),
            Err(failure) => {
                for d in &failure.diagnostics {
                    on_event(Event::Diagnostics(d));
                }
                if failure.ours {
                    outcome.failed += 1;
                } else {
                    outcome.invalid += 1;
                }
            }
        }
    }
    outcome
}
