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

mod localized;
mod translating;

pub use localized::{Locales, Target, escalate, localize};
pub use translating::{Mode, TranslateOptions, translate};

use crate::diag::{Diagnostic, Diagnostics};
use crate::doc::{self, Document};
use crate::locale;
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
    /// `--locale`: a tag, tags separated by commas, or `all`.
    pub locale: Option<String>,
    /// Warnings (untranslated, stale or orphaned entries, missing labels)
    /// are errors.
    pub strict: bool,
    pub theme: Option<PathBuf>,
    pub color: ColorMode,
    pub crop_marks: bool,
    pub pdf_standard: PdfStandard,
}

/// Something that happened, for the command line to print.
pub enum Event<'a> {
    Diagnostics(&'a Diagnostics),
    Wrote {
        path: &'a Path,
        bytes: u64,
    },
    /// Checked, in the profile's own language or in `locale`.
    Checked {
        path: &'a Path,
        locale: Option<&'a str>,
        warnings: usize,
    },
    Failed {
        path: &'a Path,
        message: &'a str,
    },
    /// Something worth telling about a file, such as what it holds.
    Info {
        path: &'a Path,
        message: &'a str,
    },
}

/// What happened to one item of a run.
#[derive(Debug, Default)]
struct Tally {
    written: usize,
    warnings: usize,
    invalid: bool,
    failed: bool,
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
    fn add(&mut self, t: Tally) {
        self.files_written += t.written;
        self.warnings += t.warnings;
        self.invalid += usize::from(t.invalid);
        self.failed += usize::from(t.failed && !t.invalid);
    }

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
        if self.verb == "built" || self.verb == "translated" {
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

/// The languages `--locale` asks for; a bad tag is reported (exit 2).
fn locales_or_report(
    arg: Option<&str>,
    outcome: &mut Outcome,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Option<Locales> {
    Locales::parse(arg)
        .map_err(|message| {
            on_event(Event::Failed {
                path: Path::new("--locale"),
                message: &message,
            });
            outcome.invalid += 1;
        })
        .ok()
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
pub(crate) fn folder_of(path: &Path) -> PathBuf {
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
    let Some(locales) = locales_or_report(opts.locale.as_deref(), &mut outcome, on_event) else {
        return outcome;
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
        for target in locales.targets(&path) {
            jobs.push((path.clone(), theme.clone(), target));
        }
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
        .map(|(path, theme, target)| build_one(path, theme, opts, epoch, target))
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

/// Load and check a profile, then resolve its document tree in the
/// profile's own language (`locale: None`) or in the locale `tag`.
pub fn load_document(
    path: &Path,
    theme: &Theme,
    locale: Option<&str>,
) -> (Option<(Profile, Document)>, Vec<Diagnostics>) {
    let target = match locale {
        None => Target::Own { in_folder: false },
        Some(tag) => Target::Tag(tag.to_string()),
    };
    load_localized(path, theme, &target, false)
}

/// As [`load_document`], for one target of a build; `strict` makes every
/// warning an error.
pub fn load_localized(
    path: &Path,
    theme: &Theme,
    target: &Target,
    strict: bool,
) -> (Option<(Profile, Document)>, Vec<Diagnostics>) {
    let (profile, diags) = profile::load_profile(path, theme.text.smart_quotes);
    let mut all = vec![diags];
    let localized = profile.and_then(|p| localize(p, target, theme.text.smart_quotes, &mut all));
    let built = localized.map(|(profile, locale)| {
        let document = doc::build(&profile, &locale, theme);
        (profile, document)
    });
    let result = match built {
        Some((profile, Ok(document))) => Some((profile, document)),
        Some((_, Err(message))) => {
            all[0].push(Diagnostic::error("asset", message));
            None
        }
        None => None,
    };
    all.retain(|d| !d.items.is_empty());
    if strict {
        escalate(&mut all);
    }
    let ok = all.iter().all(|d| !d.has_errors());
    (result.filter(|_| ok), all)
}

fn build_one(
    path: &Path,
    theme: &Arc<Theme>,
    opts: &BuildOptions,
    epoch: Option<i64>,
    target: &Target,
) -> ProfileResult {
    let mut result = ProfileResult {
        path: path.to_path_buf(),
        diagnostics: Vec::new(),
        written: Vec::new(),
        failures: Vec::new(),
        invalid: false,
    };
    let (loaded, diags) = load_localized(path, theme, target, opts.strict);
    result.diagnostics = diags;
    let Some((profile, document)) = loaded else {
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
    // A language's files go in a folder of their own, made once there is
    // something to put in it.
    let out_dir = target.out_dir(&opts.out_dir, &profile.language);
    let file_for = |format: Format| out_dir.join(format!("{stem}.{}", format.extension()));
    match render_and_write(&document, theme, &render_opts, &file_for) {
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
/// atomically to `target(format)` (its folder made first): how `build`
/// and `pack` make their files. Every format is rendered in memory first: when one fails, none
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
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(Err(e)) = folder.map(fs::create_dir_all) {
                return Err(format!(
                    "cannot create {}: {e}",
                    folder.unwrap_or(&path).display()
                ));
            }
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
    locale: Option<&str>,
    strict: bool,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Outcome {
    let mut outcome = Outcome {
        verb: "checked",
        ..Outcome::default()
    };
    let Some(locales) = locales_or_report(locale, &mut outcome, on_event) else {
        return outcome;
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
        let home = locale::home(&folder_of(&path));
        for tag in locale::available_locales(&home) {
            let lp = home.join("locales").join(format!("{tag}.toml"));
            if checked_locales.contains(&lp) {
                continue;
            }
            checked_locales.push(lp.clone());
            let mut found = match locale::load_locale(&lp) {
                Ok(found) => found.warnings,
                Err(ds) => {
                    outcome.invalid += 1;
                    ds
                }
            };
            if strict {
                escalate(&mut found);
            }
            for d in &found {
                outcome.warnings += d.warning_count();
                outcome.invalid += usize::from(d.has_errors());
                on_event(Event::Diagnostics(d));
            }
        }
        for target in locales.targets(&path) {
            check_one(
                &path,
                &theme,
                &target,
                strict,
                epoch,
                &mut outcome,
                on_event,
            );
        }
    }
    outcome
}

/// Check one profile in one language: everything a build does but
/// writing. Both formats are rendered in memory, so that a problem the
/// layout, its verifier or a writer finds shows up now, not at build.
fn check_one(
    path: &Path,
    theme: &Theme,
    target: &Target,
    strict: bool,
    epoch: Option<i64>,
    outcome: &mut Outcome,
    on_event: &mut dyn FnMut(Event<'_>),
) {
    let (loaded, diags) = load_localized(path, theme, target, strict);
    let mut warnings = 0;
    for d in &diags {
        warnings += d.warning_count();
        on_event(Event::Diagnostics(d));
    }
    outcome.warnings += warnings;
    let Some((_, document)) = loaded else {
        outcome.invalid += 1;
        return;
    };
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
    match pipeline::render(&document, theme, &opts) {
        Ok(_) => on_event(Event::Checked {
            path,
            locale: target.tag(),
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
