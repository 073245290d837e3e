//! Building and checking a batch of profiles: finding them, loading each
//! one's theme and locale, rendering, and writing every output atomically.
//! One broken profile never stops the others; events are reported in the
//! order the profiles were given, whatever order the threads finish in.

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
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
    /// The command line was refused (a bad `--locale`): nothing was
    /// looked at, so there is nothing to sum up.
    pub usage: bool,
}

impl Outcome {
    fn add(&mut self, t: Tally) {
        self.files_written += t.written;
        self.warnings += t.warnings;
        self.invalid += usize::from(t.invalid);
        self.failed += usize::from(t.failed && !t.invalid);
    }

    pub fn exit_code(&self) -> u8 {
        if self.invalid > 0 || self.usage {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }

    pub fn summary(&self) -> Option<String> {
        if self.usage {
            return None;
        }
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
            outcome.usage = true;
        })
        .ok()
}

/// Names that live in a reports folder beside profiles but are not profiles.
const NOT_PROFILES: &[&str] = &["theme.toml", "pack.toml"];

/// A diagnostic about a path as a whole.
fn path_error(path: &Path, d: Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::for_path(path);
    ds.push(d);
    ds
}

/// The profiles named on the command line, folders expanded (sorted by
/// name). Paths that cannot be profiles come back as errors: missing
/// files, symlink loops, folders without profiles. Anything in a folder
/// that is named `*.toml` and is not a folder is listed, so that a FIFO or
/// a broken link there is reported rather than skipped.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, Diagnostics>> {
    let mut out = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Ok(meta) if meta.is_dir() => {
                let mut found: Vec<PathBuf> = fs::read_dir(p)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter(|e| !e.file_type().is_ok_and(|t| t.is_dir()))
                    .map(|e| e.path())
                    .filter(|f| {
                        f.extension().is_some_and(|e| e == "toml")
                            && !f
                                .file_name()
                                .is_some_and(|n| NOT_PROFILES.iter().any(|x| n == *x))
                            && !fs::metadata(f).is_ok_and(|m| m.is_dir())
                    })
                    .collect();
                found.sort();
                if found.is_empty() {
                    out.push(Err(path_error(
                        p,
                        Diagnostic::error(
                            "no-profiles",
                            "this folder holds no profiles (.toml files)",
                        )
                        .help("`factsheet new <COUNTRY> -o FOLDER/country.toml` starts one"),
                    )));
                }
                out.extend(found.into_iter().map(Ok));
            }
            Ok(_) => out.push(Ok(p.clone())),
            Err(e) if crate::input::file::is_loop(&e) => out.push(Err(path_error(
                p,
                Diagnostic::error(
                    "unreadable-file",
                    "this path cannot be opened: too many levels of symbolic links (a symlink loop)",
                )
                .help("the link points, directly or through others, back at itself: point it at the real file"),
            ))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Err(path_error(
                p,
                Diagnostic::error("unreadable-file", "no such file or folder").help(
                    "check the path; `factsheet new <COUNTRY> -o FILE` writes a starter profile",
                ),
            ))),
            Err(e) => out.push(Err(path_error(
                p,
                Diagnostic::error("unreadable-file", format!("cannot read this path: {e}"))
                    .help("check the path and its permissions"),
            ))),
        }
    }
    out
}

/// What an output file is named after: the profile's file name without
/// `.toml`, kept as the file system spells it (not necessarily UTF-8).
pub fn output_stem(profile: &Path) -> OsString {
    profile
        .file_stem()
        .map_or_else(|| OsString::from("factsheet"), OsStr::to_os_string)
}

/// The output file of `profile` in `format`.
pub fn output_path(out_dir: &Path, profile: &Path, format: Format) -> PathBuf {
    let mut name = output_stem(profile);
    name.push(".");
    name.push(format.extension());
    out_dir.join(name)
}

/// When two stems name the same output file. Names differing only in case
/// do too: the output folder may be shared with a system that ignores case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum StemKey {
    Text(String),
    Bytes(Vec<u8>),
}

fn stem_key(stem: &OsStr) -> StemKey {
    match stem.to_str() {
        Some(s) => StemKey::Text(s.to_lowercase()),
        None => StemKey::Bytes(stem.as_encoded_bytes().to_vec()),
    }
}

/// The profiles of a run in order: folders expanded, the same file named
/// twice kept once (silently: `a.toml a.toml`, `./r/../r/a.toml`), and
/// different profiles whose outputs would have the same name refused,
/// all of them, before anything is built.
pub fn plan(paths: &[PathBuf]) -> Vec<Result<PathBuf, Diagnostics>> {
    let expanded = expand(paths);
    let mut seen: HashSet<(PathBuf, OsString)> = HashSet::new();
    let mut kept = Vec::new();
    for item in expanded {
        match item {
            Ok(p) => {
                let identity = p.canonicalize().unwrap_or_else(|_| p.clone());
                if seen.insert((identity, output_stem(&p))) {
                    kept.push(Ok(p));
                }
            }
            Err(d) => kept.push(Err(d)),
        }
    }
    let mut by_stem: HashMap<StemKey, Vec<PathBuf>> = HashMap::new();
    for p in kept.iter().flatten() {
        by_stem
            .entry(stem_key(&output_stem(p)))
            .or_default()
            .push(p.clone());
    }
    kept.into_iter()
        .map(|item| {
            let p = item?;
            let group = &by_stem[&stem_key(&output_stem(&p))];
            if group.len() == 1 {
                return Ok(p);
            }
            let others: Vec<String> = group
                .iter()
                .filter(|o| **o != p)
                .map(|o| o.display().to_string())
                .collect();
            Err(path_error(
                &p,
                Diagnostic::error(
                    "output-collision",
                    format!(
                        "not built: its outputs would have the same name as those of {} ({}.pdf, {}.docx)",
                        others.join(", "),
                        output_stem(&p).to_string_lossy(),
                        output_stem(&p).to_string_lossy()
                    ),
                )
                .help("outputs are named after the profile's file: rename one of the profiles"),
            ))
        })
        .collect()
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
    /// just now (so its diagnostics are reported once). A `theme.toml`
    /// found beside a profile must be a file of that folder: one that
    /// links out of it is refused, as asset paths are.
    fn get(
        &mut self,
        explicit: Option<&Path>,
        profile: &Path,
    ) -> (Option<PathBuf>, Result<Arc<Theme>, Diagnostics>, bool) {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            // Anything by that name, even a broken link or a FIFO, is
            // meant as the theme: reading it reports what is wrong.
            None => Some(folder_of(profile).join("theme.toml"))
                .filter(|p| fs::symlink_metadata(p).is_ok()),
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
                if explicit.is_none()
                    && let Some(d) = outside_folder(&path, &folder_of(profile))
                {
                    return Err(d);
                }
                match theme::load_theme(&path) {
                    (Some(t), _) => Ok(Arc::new(t)),
                    (None, d) => Err(d),
                }
            })
            .clone();
        (Some(path), result, fresh)
    }
}

/// An error when `path` resolves (through links) to a file outside
/// `folder`: a reports folder is shipped as a whole, and a link out of it
/// would read, and echo in diagnostics, files the folder does not own.
pub fn outside_folder(path: &Path, folder: &Path) -> Option<Diagnostics> {
    let (Ok(file), Ok(dir)) = (path.canonicalize(), folder.canonicalize()) else {
        return None;
    };
    (!file.starts_with(&dir)).then(|| {
        path_error(
            path,
            Diagnostic::error(
                "outside-folder",
                format!(
                    "this file links to {}, outside the reports folder",
                    file.display()
                ),
            )
            .help("copy the file into the reports folder instead of linking to it"),
        )
    })
}

/// Everything that happened to one profile, reported after the batch.
struct ProfileResult {
    path: PathBuf,
    diagnostics: Vec<Diagnostics>,
    written: Vec<(PathBuf, u64)>,
    failures: Vec<String>,
    /// What is worth telling beyond the files (set tighter to fit).
    infos: Vec<String>,
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
    let epoch = match source_date_epoch() {
        Ok(e) => e,
        Err(d) => {
            on_event(Event::Diagnostics(&d));
            outcome.invalid += 1;
            return outcome;
        }
    };
    let Some(locales) = locales_or_report(opts.locale.as_deref(), &mut outcome, on_event) else {
        return outcome;
    };
    let mut themes = Themes::default();
    let mut jobs = Vec::new();
    for item in plan(paths) {
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
        for target in locales.targets(&path) {
            jobs.push((path.clone(), theme.clone(), target));
        }
    }

    // A folder this run makes is removed again if it ends up empty (every
    // profile failed): a failed build leaves nothing behind.
    let made_folder = !jobs.is_empty() && !opts.out_dir.exists();
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
    // Temporary files of a run that was killed: a later run cleans up.
    clean_stray_temporaries(&opts.out_dir);

    // One profile is built on this thread, so that its two formats can be
    // made side by side on the pool (pipeline::render); several are the
    // pool's units of work.
    let results: Vec<ProfileResult> = if jobs.len() == 1 {
        jobs.iter()
            .map(|(path, theme, target)| build_one(path, theme, opts, epoch, target))
            .collect()
    } else {
        jobs.par_iter()
            .map(|(path, theme, target)| build_one(path, theme, opts, epoch, target))
            .collect()
    };
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
        for msg in &r.infos {
            on_event(Event::Info {
                path: &r.path,
                message: msg,
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
    if made_folder && outcome.files_written == 0 {
        // `remove_dir` removes only an empty folder: anything another
        // process put there meanwhile stays.
        let _ = fs::remove_dir(&opts.out_dir);
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
    let result = localized.map(|(profile, locale)| {
        let document = doc::build(&profile, &locale, theme);
        (profile, document)
    });
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
        infos: Vec::new(),
        invalid: false,
    };
    let (loaded, diags) = load_localized(path, theme, target, opts.strict);
    result.diagnostics = diags;
    let Some((profile, document)) = loaded else {
        result.invalid = true;
        return result;
    };
    let date = match document_date(epoch, &profile, opts.pdf_standard) {
        Ok(d) => d,
        Err(d) => {
            result.diagnostics.push(d);
            result.invalid = true;
            return result;
        }
    };
    let render_opts = RenderOptions {
        formats: opts.formats.clone(),
        pdf: crate::pdf::PdfOptions {
            color: opts.color,
            crop_marks: opts.crop_marks,
            standard: opts.pdf_standard,
            epoch: date,
        },
        docx: crate::docx::DocxOptions { epoch: date },
    };
    // A language's files go in a folder of their own, made once there is
    // something to put in it.
    let out_dir = target.out_dir(&opts.out_dir, &profile.language);
    let file_for = |format: Format| output_path(&out_dir, path, format);
    match render_and_write(&document, theme, &render_opts, opts.strict, &file_for) {
        Ok((files, rendered)) => {
            result
                .diagnostics
                .extend(rendered.fit.warning(&document, theme));
            result.infos.extend(rendered.fit.info(theme));
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
/// `strict` refuses a document that runs over the pages its theme fits it
/// to (a warning otherwise), before anything is written.
pub fn render_and_write(
    document: &Document,
    theme: &Theme,
    opts: &RenderOptions,
    strict: bool,
    target: &dyn Fn(Format) -> PathBuf,
) -> Result<(Vec<Result<Written, String>>, pipeline::Rendered), pipeline::RenderFailure> {
    let mut rendered = pipeline::render(document, theme, opts)?;
    if strict && let Some(warning) = rendered.fit.warning(document, theme) {
        let mut diagnostics = vec![warning];
        escalate(&mut diagnostics);
        return Err(pipeline::RenderFailure {
            diagnostics,
            ours: false,
        });
    }
    let files = write_files(std::mem::take(&mut rendered.outputs), target);
    Ok((files, rendered))
}

/// Write each rendered file where `target` says, atomically, dropping its
/// bytes once written.
pub fn write_files(
    outputs: Vec<(Format, Vec<u8>)>,
    target: &dyn Fn(Format) -> PathBuf,
) -> Vec<Result<Written, String>> {
    outputs
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
        .collect()
}

/// The prefix of this tool's temporary files: a run that is killed
/// leaves them, and the next run into the same folder removes them.
pub const TEMP_PREFIX: &str = ".factsheet-";
/// The suffix of this tool's temporary files.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Write to a temporary file beside the target, then rename: a reader, or
/// a build that fails or is killed, never sees half a file, and a failed
/// build leaves the old one. The temporary file has an unpredictable name
/// and is created exclusively (`O_EXCL`), so a link planted in a shared
/// output folder is never followed; it is locked while it is written, so
/// that [`clean_stray_temporaries`] leaves it alone. A file that is
/// replaced keeps its permissions. The data is not forced to disk (fsync):
/// a factsheet is rebuilt in milliseconds, and forcing each file out took
/// longer than making it (bench/RESULTS.md).
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match write_once(target, bytes) {
        // A concurrent run's clean-up removed the file in the instant
        // between its creation and its lock: write it again.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => write_once(target, bytes),
        other => other,
    }
}

fn write_once(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        // Like a file made with File::create: 0666 less the umask (tempfile
        // would make it 0600).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.as_file().lock()?;
    if let Ok(old) = fs::symlink_metadata(target)
        && old.is_file()
    {
        tmp.as_file().set_permissions(old.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().flush()?;
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Remove temporary files of this tool that no running process holds: a
/// run killed mid-write leaves one. Files another run is writing are
/// locked and stay. Problems are ignored: this is tidying, not the job.
pub fn clean_stray_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_file() => {
                let Ok(file) = fs::File::open(&path) else {
                    continue;
                };
                if file.try_lock().is_ok() {
                    let _ = fs::remove_file(&path);
                }
            }
            // A link or anything else under our prefix: not ours to keep.
            Ok(t) if !t.is_dir() => {
                let _ = fs::remove_file(&path);
            }
            _ => {}
        }
    }
}

/// The date outputs carry: SOURCE_DATE_EPOCH, else the profile's own
/// `date`, else none, so that the same sources always give the same bytes
/// (a file's modification time would differ in a fresh clone). PDF/A
/// requires a date: without either, it is an error that says how to give
/// one.
pub fn document_date(
    epoch: Option<i64>,
    profile: &Profile,
    standard: PdfStandard,
) -> Result<Option<i64>, Diagnostics> {
    let date = epoch.or(profile.date);
    if date.is_none() && standard == PdfStandard::A2b {
        let mut d = Diagnostics::new((*profile.source).clone());
        d.push(
            Diagnostic::error("pdfa-needs-date", "PDF/A requires a document date, and this profile has none")
                .help("add the factsheet's date at the top of the profile, such as `date = 2021-06-30`, or set SOURCE_DATE_EPOCH"),
        );
        return Err(d);
    }
    Ok(date)
}

/// SOURCE_DATE_EPOCH, when set: the one date written into outputs. Without
/// it no date is written at all, so outputs never depend on the clock. A
/// value that is not a whole number of seconds from 1970 to the end of 9999
/// is an error (the reproducible-builds convention), not ignored: a build
/// that meant to be reproducible would silently not be.
pub fn source_date_epoch() -> Result<Option<i64>, Diagnostics> {
    let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = raw.to_string_lossy();
    crate::time::parse_epoch(&text).map(Some).map_err(|problem| {
        path_error(
            Path::new("SOURCE_DATE_EPOCH"),
            Diagnostic::error(
                "bad-source-date-epoch",
                format!("the environment variable SOURCE_DATE_EPOCH {problem}"),
            )
            .help(format!(
                "set it to seconds since 1970-01-01 UTC, from 0 to {} (for example `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`), or unset it",
                crate::time::MAX_EPOCH
            )),
        )
    })
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
    let epoch = match source_date_epoch() {
        Ok(e) => e,
        Err(d) => {
            on_event(Event::Diagnostics(&d));
            outcome.invalid += 1;
            None
        }
    };
    let Some(locales) = locales_or_report(locale, &mut outcome, on_event) else {
        return outcome;
    };
    let mut themes = Themes::default();
    let mut checked_locales: Vec<PathBuf> = Vec::new();
    for item in plan(paths) {
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
            // Errors are counted below, with the warnings.
            let mut found = match locale::load_locale(&lp) {
                Ok(found) => found.warnings,
                Err(ds) => ds,
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
    let Some((profile, document)) = loaded else {
        outcome.invalid += 1;
        return;
    };
    let date = epoch.or(profile.date);
    let opts = RenderOptions {
        formats: vec![Format::Pdf, Format::Docx],
        pdf: crate::pdf::PdfOptions {
            color: crate::pdf::ColorMode::Screen,
            crop_marks: false,
            standard: PdfStandard::Ua1,
            epoch: date,
        },
        docx: crate::docx::DocxOptions { epoch: date },
    };
    match pipeline::render(&document, theme, &opts) {
        Ok(rendered) => {
            if let Some(mut d) = rendered.fit.warning(&document, theme) {
                if strict {
                    escalate(std::slice::from_mut(&mut d));
                    outcome.invalid += 1;
                    on_event(Event::Diagnostics(&d));
                    return;
                }
                warnings += d.warning_count();
                outcome.warnings += d.warning_count();
                on_event(Event::Diagnostics(&d));
            }
            if let Some(info) = rendered.fit.info(theme) {
                on_event(Event::Info {
                    path,
                    message: &info,
                });
            }
            on_event(Event::Checked {
                path,
                locale: target.tag(),
                warnings,
            });
        }
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
