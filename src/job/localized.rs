//! Building in several languages: which languages a `--locale` asks for,
//! where each one's files go, and loading a profile in one of them (its
//! translation applied, the locale's labels and numbers).

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::locale::{self, Locale, base_language, parse_tag};
use crate::profile::Profile;
use crate::translate::{self, language_name};

/// What `--locale` asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Locales {
    /// No `--locale`: the profile's own language, files in the output folder.
    Own,
    /// These tags, each into `<output>/<tag>/`.
    Tags(Vec<String>),
    /// Every language the profile has a translation for, and its own, each
    /// into `<output>/<tag>/`.
    All,
}

impl Locales {
    /// Read `--locale`: a tag, tags separated by commas, or `all`. A tag
    /// that is malformed (or a path) is refused with the reason.
    pub fn parse(arg: Option<&str>) -> Result<Locales, String> {
        let Some(arg) = arg else {
            return Ok(Locales::Own);
        };
        if arg.trim() == "all" {
            return Ok(Locales::All);
        }
        let mut tags = Vec::new();
        for t in arg.split(',') {
            let tag = parse_tag(t)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(Locales::Tags(tags))
    }

    /// The builds one profile gets.
    pub fn targets(&self, profile: &Path) -> Vec<Target> {
        match self {
            Locales::Own => vec![Target::Own { in_folder: false }],
            Locales::Tags(tags) => tags.iter().map(|t| Target::Tag(t.clone())).collect(),
            Locales::All => {
                // The profile's own language is built once, as `Own`; its
                // problems are reported by that build, not here.
                let own = crate::profile::load_profile(profile, true)
                    .0
                    .map(|p| p.language);
                let other = |tag: &String| {
                    own.as_deref()
                        .is_none_or(|o| base_language(o) != base_language(tag))
                };
                std::iter::once(Target::Own { in_folder: true })
                    .chain(
                        translate::translated_tags(profile)
                            .into_iter()
                            .filter(other)
                            .map(Target::Tag),
                    )
                    .collect()
            }
        }
    }
}

/// One language of one profile's build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The profile's own language; into `<output>/<language>/` when
    /// `in_folder`, else straight into the output folder.
    Own { in_folder: bool },
    /// Another tag, into `<output>/<tag>/`.
    Tag(String),
}

impl Target {
    /// The tag asked for, if any.
    pub fn tag(&self) -> Option<&str> {
        match self {
            Target::Own { .. } => None,
            Target::Tag(tag) => Some(tag),
        }
    }

    /// Where this build's files go.
    pub fn out_dir(&self, out: &Path, profile_language: &str) -> PathBuf {
        match self {
            Target::Own { in_folder: false } => out.to_path_buf(),
            Target::Own { in_folder: true } => out.join(profile_language),
            Target::Tag(tag) => out.join(tag),
        }
    }
}

/// The profile in the target's language, and the locale to build it with.
/// Diagnostics are added to `diags`; `None` when there are errors.
pub fn localize(
    profile: Profile,
    target: &Target,
    smart_quotes: bool,
    diags: &mut Vec<Diagnostics>,
) -> Option<(Profile, Locale)> {
    let dir = locale::home(&crate::job::folder_of(&profile.path));
    let Some(tag) = target.tag() else {
        let locale = own_locale(&profile, &dir, diags)?;
        return Some((profile, locale));
    };
    // The locale first: without its labels nothing is built, and its
    // error matters more than a missing translation.
    let locale = match locale::find_locale(&dir, tag) {
        Ok(found) => {
            diags.extend(found.warnings);
            found.locale
        }
        Err(ds) => {
            diags.extend(ds);
            return None;
        }
    };
    let profile = if translate::needs_translation(&profile.language, tag) {
        translated(profile, tag, smart_quotes, diags)?
    } else {
        profile
    };
    Some((profile, locale))
}

/// The profile with its translation into `tag` applied; the source text,
/// with a warning, when there is no translation file.
fn translated(
    profile: Profile,
    tag: &str,
    smart_quotes: bool,
    diags: &mut Vec<Diagnostics>,
) -> Option<Profile> {
    let paths = translate::find_translations(&profile.path, tag);
    if paths.is_empty() {
        let w = Diagnostic::warning(
            "no-translation",
            format!(
                "no {} translation of this profile: its text stays {}",
                language_name(tag),
                language_name(&profile.language)
            ),
        )
        .help(format!(
            "`factsheet translate {} --locale {tag}` writes {} with every text to translate",
            profile.path.display(),
            translate::translation_path(&profile.path, tag).display()
        ));
        push(diags, &profile, w);
        return Some(profile);
    }
    let mut chain = Vec::new();
    let mut failed = false;
    for path in &paths {
        let (tr, d) = translate::read_translation(path);
        if !d.items.is_empty() {
            diags.push(d);
        }
        let Some(tr) = tr else {
            failed = true;
            continue;
        };
        if base_language(&tr.language) != base_language(tag) {
            let mut d = Diagnostics::new((*tr.file).clone());
            d.push(
                Diagnostic::error(
                    "translation-language",
                    format!("this file is the translation into `{tag}` but says language = \"{}\"", tr.language),
                )
                .at(tr.language_at.clone(), "wrong language")
                .help(format!("a translation into {tag} lives in translations/{tag}/ and says language = \"{tag}\"")),
            );
            diags.push(d);
            failed = true;
            continue;
        }
        chain.push(tr);
    }
    if failed {
        return None;
    }
    let applied = translate::apply_chain(&profile, &chain, smart_quotes);
    diags.extend(applied.diagnostics);
    applied.profile
}

/// The profile's own locale: its language's file (along the fallback
/// chain), else English labels with a warning.
fn own_locale(profile: &Profile, dir: &Path, diags: &mut Vec<Diagnostics>) -> Option<Locale> {
    match locale::find_locale(dir, &profile.language) {
        Ok(found) => {
            diags.extend(found.warnings);
            Some(found.locale)
        }
        Err(ds)
            if ds
                .iter()
                .all(|d| d.items.iter().all(|i| i.code == "unknown-locale")) =>
        {
            let base = base_language(&profile.language);
            push(
                diags,
                profile,
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
            );
            Some(Locale::english())
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    }
}

/// Add a finding about the profile file to the diagnostics.
fn push(diags: &mut Vec<Diagnostics>, profile: &Profile, d: Diagnostic) {
    match diags.iter_mut().find(|x| x.file.path == profile.path) {
        Some(x) => x.push(d),
        None => {
            let mut x = Diagnostics::new((*profile.source).clone());
            x.push(d);
            diags.push(x);
        }
    }
}

/// `--strict`: every warning becomes an error.
pub fn escalate(diags: &mut [Diagnostics]) {
    for d in diags {
        for item in &mut d.items {
            item.severity = Severity::Error;
        }
    }
}
