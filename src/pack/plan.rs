//! The pack's work list: every country in every locale (a *unit*, one
//! render), with the outputs it makes, the files it is made from and the
//! key that decides whether an existing output is still current.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::locale;
use crate::output::Format;
use crate::theme::Theme;
use crate::translate::{find_translations, needs_translation};

use super::inputs::{Digests, Input, key};
use super::spec::PackSpec;

/// Settings that change the bytes of every output, beside the inputs.
#[derive(Clone, Debug)]
pub struct Settings {
    pub color: crate::pdf::ColorMode,
    pub crop_marks: bool,
    /// SOURCE_DATE_EPOCH, if set.
    pub epoch: Option<i64>,
}

impl Settings {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("color", format!("{:?}", self.color)),
            ("crop_marks", self.crop_marks.to_string()),
            ("epoch", format!("{:?}", self.epoch)),
            ("pdf_standard", "ua1".into()),
        ]
    }
}

/// One output file of a unit.
#[derive(Clone, Debug)]
pub struct Output {
    pub format: Format,
    /// Path from the output folder: `<locale>/<name>.<ext>`.
    pub path: String,
    pub key: String,
}

/// One country in one locale.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Position in pack order, over all locales: what shards are dealt by.
    pub index: usize,
    pub profile: PathBuf,
    /// The profile's file name without `.toml`.
    pub name: String,
    pub locale: String,
    /// The locale is the profile's own language (its labels fall back to
    /// English with a warning when there is no locale file, as in `build`).
    pub own_language: bool,
    pub inputs: Vec<Input>,
    pub key: String,
    pub outputs: Vec<Output>,
}

/// Everything the pack makes, in pack order: locale by locale, the
/// countries in the order of `pack.toml`.
pub struct Plan {
    pub locales: Vec<String>,
    pub units: Vec<Unit>,
    /// Inputs every output shares (theme, its fonts and logo).
    pub shared: Vec<Input>,
    /// `pack.toml`, an input of the combined documents only.
    pub spec_input: Option<Input>,
    pub settings: Settings,
}

impl Plan {
    pub fn units_of<'a>(&'a self, locale: &'a str) -> impl Iterator<Item = &'a Unit> + 'a {
        self.units.iter().filter(move |u| u.locale == locale)
    }
}

/// The logo file a theme file names (`[organisation] logo`), from the
/// theme's folder.
fn logo_path(theme_file: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(theme_file).ok()?;
    let table = toml::de::DeTable::parse(&text).ok()?;
    let toml::de::DeValue::Table(org) = table.get_ref().get("organisation")?.get_ref() else {
        return None;
    };
    match org.get("logo")?.get_ref() {
        toml::de::DeValue::String(s) => Some(theme_file.parent()?.join(s.trim())),
        _ => None,
    }
}

/// The language a profile is written in, read without checking the rest
/// (a broken profile is reported when it is built).
fn profile_language(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let table = toml::de::DeTable::parse(&text).ok()?;
    match table.get_ref().get("language")?.get_ref() {
        toml::de::DeValue::String(s) => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Plan the pack of `spec` with its loaded theme (whose file, fonts and
/// logo are inputs of every output).
pub fn plan(
    spec: &PackSpec,
    theme: &Theme,
    theme_file: Option<&Path>,
    settings: Settings,
) -> Result<Plan, Diagnostics> {
    let dir = &spec.dir;
    let mut digests = Digests::new(dir);
    let mut shared = Vec::new();
    if let Some(t) = theme_file {
        shared.extend(digests.input("theme", t));
    }
    let f = &theme.fonts;
    for path in [&f.regular, &f.bold, &f.italic, &f.bold_italic, &f.fallback]
        .into_iter()
        .flatten()
    {
        shared.extend(digests.input("font", path));
    }
    if let Some(logo) = &theme.logo {
        // The logo is loaded with the theme: its digest is of the bytes
        // embedded, its path the one the theme file gives.
        let path = theme_file
            .and_then(logo_path)
            .map_or_else(|| "logo".to_string(), |p| digests.relative(&p));
        shared.push(Input {
            role: "logo".into(),
            path,
            sha256: crate::output::sha256_hex(&logo.data),
        });
    }
    let spec_input = spec.file.as_ref().and_then(|p| digests.input("pack", p));

    // Each country's locales: the pack's, or its own language and those it
    // has a translation for.
    let mut countries: Vec<(PathBuf, String, Option<String>, Vec<String>)> = Vec::new();
    // Names compared without case: on macOS and Windows `Bolivia.pdf`
    // and `bolivia.pdf` are one file, and one would overwrite the other.
    let mut names: HashMap<String, &Path> = HashMap::new();
    for profile in &spec.countries {
        let name = profile
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("factsheet")
            .to_string();
        if let Some(other) = names.insert(name.to_lowercase(), profile) {
            let mut d = Diagnostics::for_path(spec.file.as_deref().unwrap_or(dir));
            d.push(
                Diagnostic::error(
                    "output-collision",
                    format!(
                        "{} and {} would write outputs of the same name but for case \
                         (one file on macOS and Windows)",
                        other.display(),
                        profile.display()
                    ),
                )
                .help("outputs are named after the profile's file: rename one of the profiles"),
            );
            return Err(d);
        }
        if name.to_lowercase() == spec.name.to_lowercase() {
            let mut d = Diagnostics::for_path(spec.file.as_deref().unwrap_or(dir));
            d.push(
                Diagnostic::error(
                    "name-taken",
                    format!(
                        "the combined documents would be named `{name}`, like the profile {}",
                        profile.display()
                    ),
                )
                .help("give the pack another `name` in pack.toml"),
            );
            return Err(d);
        }
        let own = profile_language(profile);
        let locales = match &spec.locales {
            Some(l) => l.clone(),
            None => {
                let mut l: Vec<String> = own.iter().cloned().collect();
                l.extend(crate::translate::translated_tags(profile));
                l.sort();
                l.dedup();
                l
            }
        };
        countries.push((profile.clone(), name, own, locales));
    }
    let mut locales: Vec<String> = match &spec.locales {
        Some(l) => l.clone(),
        None => {
            let mut all: Vec<String> = countries.iter().flat_map(|c| c.3.iter().cloned()).collect();
            all.sort();
            all.dedup();
            all
        }
    };
    if locales.is_empty() {
        // Only profiles whose language cannot be read: they are built (and
        // fail, saying why) in English.
        locales.push("en".into());
    }
    for c in &mut countries {
        if c.3.is_empty() {
            // A profile whose language cannot be read fails in every
            // locale of the pack, holding back each combined document.
            c.3 = locales.clone();
        }
    }

    let pairs = settings.pairs();
    let mut units = Vec::new();
    for locale in &locales {
        for (profile, name, own, country_locales) in &countries {
            if !country_locales.contains(locale) {
                continue;
            }
            // What the build reads: the profile, its translation and the
            // locale files along the tag's fallback chain (es-BO, es).
            let mut inputs: Vec<Input> = digests.input("profile", profile).into_iter().collect();
            let translated = own.as_deref().is_none_or(|o| needs_translation(o, locale));
            if translated {
                for file in find_translations(profile, locale) {
                    inputs.extend(digests.input("translation", &file));
                }
            }
            let home = locale::home(&crate::job::folder_of(profile));
            for tag in locale::fallback_chain(locale) {
                let file = locale::tag_entry(&home.join("locales"), &format!("{tag}.toml"));
                inputs.extend(digests.input("locale", &file));
            }
            inputs.extend(shared.iter().cloned());
            let mut unit_settings = pairs.clone();
            unit_settings.push(("locale", locale.clone()));
            let unit_key = key(&inputs, &unit_settings);
            let outputs = spec
                .formats
                .iter()
                .map(|&format| Output {
                    format,
                    path: format!("{locale}/{name}.{}", format.extension()),
                    key: key(
                        &[],
                        &[
                            ("unit", unit_key.clone()),
                            ("format", format.extension().into()),
                        ],
                    ),
                })
                .collect();
            units.push(Unit {
                index: units.len(),
                profile: profile.clone(),
                name: name.clone(),
                locale: locale.clone(),
                own_language: own.as_deref() == Some(locale.as_str()),
                inputs,
                key: unit_key,
                outputs,
            });
        }
    }
    Ok(Plan {
        locales,
        units,
        shared,
        spec_input,
        settings,
    })
}
