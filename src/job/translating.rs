//! `factsheet translate`: writing and updating translation files, and
//! converting them to and from PO for CAT tools. Every file is written
//! atomically; a translation file with errors is never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Event, Outcome, Tally, expand, write_atomically};
use crate::diag::{Diagnostic, Diagnostics};
use crate::locale::{base_language, parse_tag};
use crate::profile::{self, Profile};
use crate::translate::{
    self, Draft, export_po, import_po, language_name, read_translation, write_translation,
};

/// What `translate` does with each translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write or update the translation file.
    Update,
    /// Write the translation as a PO file.
    ExportPo,
    /// Read a PO file back into the translation file.
    ImportPo,
}

/// What `translate` was asked to do.
#[derive(Clone, Debug)]
pub struct TranslateOptions {
    /// Tags, separated by commas.
    pub locale: String,
    pub mode: Mode,
    /// Where PO files are written or read (default: beside the
    /// translation file).
    pub po_dir: Option<PathBuf>,
}

/// Run `translate` over profiles and folders of them.
pub fn translate(
    paths: &[PathBuf],
    opts: &TranslateOptions,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Outcome {
    let mut outcome = Outcome {
        verb: "translated",
        ..Outcome::default()
    };
    let mut tags = Vec::new();
    for t in opts.locale.split(',') {
        match parse_tag(t) {
            Ok(t) if t != "all" => tags.push(t),
            Ok(_) | Err(_) => {
                let message = format!(
                    "`{t}` is not a locale tag; name the languages to translate into, such as --locale es,fr"
                );
                on_event(Event::Failed {
                    path: Path::new("--locale"),
                    message: &message,
                });
                outcome.usage = true;
                return outcome;
            }
        }
    }
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
        let (profile, d) = profile::load_profile(&path, true);
        if !d.items.is_empty() {
            outcome.warnings += d.warning_count();
            on_event(Event::Diagnostics(&d));
        }
        let Some(profile) = profile else {
            outcome.invalid += 1;
            continue;
        };
        for tag in &tags {
            let tally = one(&profile, tag, opts, on_event);
            outcome.add(tally);
        }
    }
    outcome
}

/// One profile into one language.
fn one(
    p: &Profile,
    tag: &str,
    opts: &TranslateOptions,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Tally {
    let mut tally = Tally::default();
    if !translate::needs_translation(&p.language, tag) {
        let message = format!(
            "the profile is written in {} (language = \"{}\"): it needs no {tag} translation",
            language_name(&p.language),
            p.language
        );
        on_event(Event::Failed {
            path: &p.path,
            message: &message,
        });
        tally.invalid = true;
        return tally;
    }
    let path = translate::translation_path(&p.path, tag);
    let existing = if path.is_file() {
        let (tr, d) = read_translation(&path);
        if !d.items.is_empty() {
            tally.warnings += d.warning_count();
            on_event(Event::Diagnostics(&d));
        }
        match tr {
            Some(tr) if base_language(&tr.language) == base_language(tag) => Some(tr),
            Some(tr) => {
                let message = format!(
                    "{} says language = \"{}\", not {tag}: left as it is",
                    path.display(),
                    tr.language
                );
                on_event(Event::Failed {
                    path: &path,
                    message: &message,
                });
                tally.invalid = true;
                return tally;
            }
            None => {
                tally.invalid = true;
                return tally;
            }
        }
    } else {
        None
    };
    let drafts = existing.as_ref().map(Draft::from_file).unwrap_or_default();
    let stem = p.path.file_stem().unwrap_or_default();
    let po_path = opts
        .po_dir
        .clone()
        .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default())
        .join(Path::new(stem).with_extension("po"));
    match opts.mode {
        Mode::Update => write_file(p, tag, &drafts, &path, &mut tally, on_event),
        Mode::ExportPo => {
            let text = export_po(p, tag, &drafts);
            write(&po_path, &text, &mut tally, on_event);
        }
        Mode::ImportPo => {
            let source = match crate::input::read_source(&po_path) {
                Ok(f) => f,
                Err(d) => {
                    on_event(Event::Diagnostics(&d));
                    tally.invalid = true;
                    return tally;
                }
            };
            match import_po(&source.text) {
                Ok(drafts) => write_file(p, tag, &drafts, &path, &mut tally, on_event),
                Err(e) => {
                    let mut d = Diagnostics::new(source);
                    let mut found = Diagnostic::error("bad-po", e.message);
                    if let Some((span, label)) = e.at {
                        found = found.at(span, label);
                    }
                    d.push(found.help(
                        "export the file again with `factsheet translate --export po`, or fix it in the CAT tool",
                    ));
                    on_event(Event::Diagnostics(&d));
                    tally.invalid = true;
                }
            }
        }
    }
    tally
}

/// Write the translation file of `p` into `tag` holding `drafts`, and say
/// what it holds.
fn write_file(
    p: &Profile,
    tag: &str,
    drafts: &[Draft],
    path: &Path,
    tally: &mut Tally,
    on_event: &mut dyn FnMut(Event<'_>),
) {
    let (text, summary) = write_translation(p, tag, drafts);
    write(path, &text, tally, on_event);
    let message = summary.to_string();
    on_event(Event::Info {
        path,
        message: &message,
    });
}

fn write(path: &Path, text: &str, tally: &mut Tally, on_event: &mut dyn FnMut(Event<'_>)) {
    let made = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::create_dir_all(dir),
        _ => Ok(()),
    };
    match made.and_then(|_| write_atomically(path, text.as_bytes())) {
        Ok(()) => {
            tally.written += 1;
            on_event(Event::Wrote {
                path,
                bytes: text.len() as u64,
            });
        }
        Err(e) => {
            let message = format!("cannot write {}: {e}", path.display());
            on_event(Event::Failed {
                path,
                message: &message,
            });
            tally.failed = true;
        }
    }
}
