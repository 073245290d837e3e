//! Translations of a profile's text: one file per profile and language,
//! `translations/<tag>/<profile>.toml` beside the profile, holding only
//! text matched by id (the format: `docs/translation.md`).
//!
//! - [`read_translation`] reads and checks a file;
//! - [`apply`] puts its texts into a [`Profile`], reporting missing, stale
//!   and orphaned entries (as gettext does) and entries that try to
//!   translate a number or a code;
//! - [`write_translation`] writes the file `factsheet translate` keeps up
//!   to date, and [`export_po`] / [`import_po`] convert it for CAT tools.

mod apply;
mod file;
mod fingerprint;
mod ids;
mod po;
mod write;

pub use apply::{Applied, apply, apply_chain, language_name};
pub use file::{Entry, Translation, parse_translation, read_translation};
pub use fingerprint::{fingerprint, is_fingerprint};
pub use ids::{SourceText, non_text, source_texts};
pub use po::{export_po, import_po};
pub use write::{Draft, Summary, toml_string, write_translation};

use std::path::{Path, PathBuf};

use crate::locale::{base_language, fallback_chain};

/// Where the translation of `profile` into `tag` is written:
/// `translations/<tag>/<stem>.toml` in the profile's folder.
pub fn translation_path(profile: &Path, tag: &str) -> PathBuf {
    let dir = match profile.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let stem = profile.file_stem().unwrap_or_default();
    // `translations/pt-br/` serves `pt-BR`, as it would on a Mac.
    crate::locale::tag_entry(&dir.join("translations"), tag)
        .join(Path::new(stem).with_extension("toml"))
}

/// The translation file a build into `tag` reads first: the tag's own,
/// else along its fallback chain (`es-BO`, then `es`). `None` when there
/// is none.
pub fn find_translation(profile: &Path, tag: &str) -> Option<PathBuf> {
    find_translations(profile, tag).into_iter().next()
}

/// Every translation file along the fallback chain of `tag`, the most
/// specific first: a build takes each text from the first that has it.
pub fn find_translations(profile: &Path, tag: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fallback_chain(tag)
        .into_iter()
        .map(|t| translation_path(profile, &t))
        .filter(|p| p.is_file())
        .collect();
    // Two tags of the chain may name one folder on a disk that ignores case.
    found.dedup();
    found
}

/// Whether text in `profile_language` needs a translation to be in `tag`:
/// not for the same language (an `en` profile is read as it is in `en-GB`).
pub fn needs_translation(profile_language: &str, tag: &str) -> bool {
    base_language(profile_language) != base_language(tag)
}

/// The tags of every translation of `profile` (folders of `translations/`
/// holding a file for it), sorted.
pub fn translated_tags(profile: &Path) -> Vec<String> {
    let Some(dir) = translation_path(profile, "x")
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
    else {
        return Vec::new();
    };
    let mut tags: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        // A folder named `pt-br` is the translation into `pt-BR`.
        .filter_map(|t| crate::locale::parse_tag(&t).ok())
        .filter(|t| translation_path(profile, t).is_file())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}
