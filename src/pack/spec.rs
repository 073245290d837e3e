//! `pack.toml`: what a pack holds and how it is titled. Read like every
//! other input, through [`TableReader`], so that every problem of the file
//! is reported at once with its line, column and a fix. A folder without
//! the file packs every profile in it with [`PackSpec::defaults`].

use std::path::{Path, PathBuf};

use toml::de::DeValue;

use crate::diag::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::input::{Spanned, TableReader, parse_toml, read_source};
use crate::output::Format;
use crate::pdf::ColorMode;

/// The file a reports folder describes its pack in.
pub const SPEC_FILE: &str = "pack.toml";

/// A text given once, or once per locale (`{ en = "…", es = "…" }`).
#[derive(Clone, Debug, PartialEq)]
pub enum Localized {
    One(String),
    /// By locale tag, in file order.
    PerLocale(Vec<(String, String)>),
}

impl Localized {
    /// The text for `tag`: its own entry, else its language's (`es` for
    /// `es-BO`), else the first one given.
    pub fn get(&self, tag: &str) -> &str {
        match self {
            Localized::One(s) => s,
            Localized::PerLocale(items) => {
                let base = tag.split('-').next().unwrap_or(tag);
                items
                    .iter()
                    .find(|(t, _)| t == tag)
                    .or_else(|| items.iter().find(|(t, _)| t == base))
                    .or(items.first())
                    .map_or("", |(_, s)| s)
            }
        }
    }
}

/// A pack, as `pack.toml` describes it (or the defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct PackSpec {
    /// The folder the pack is built from.
    pub dir: PathBuf,
    /// `pack.toml`, when the folder has one.
    pub file: Option<PathBuf>,
    /// File name (without extension) of the combined documents.
    pub name: String,
    pub title: Localized,
    /// Publisher on the cover; `None`: the theme's organisation.
    pub organisation: Option<String>,
    /// The period the pack covers, on the cover ("2016-2020").
    pub period: Option<Localized>,
    /// The edition, on the cover ("Second edition, 2021").
    pub edition: Option<Localized>,
    /// Locale tags every country is built in; `None`: each profile's own
    /// language and the languages it has a translation file for.
    pub locales: Option<Vec<String>>,
    pub formats: Vec<Format>,
    /// Theme file; `None`: `theme.toml` in the folder if there is one.
    pub theme: Option<PathBuf>,
    /// Profiles, in pack order.
    pub countries: Vec<PathBuf>,
    /// Combined PDF: every country starts on a right-hand (odd) page.
    pub right_hand_starts: bool,
    pub color: ColorMode,
    pub crop_marks: bool,
}

/// Every profile of a folder, sorted by file name: what `build` finds in
/// it.
pub fn profiles_in(dir: &Path) -> Vec<PathBuf> {
    crate::job::expand(&[dir.to_path_buf()])
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

/// A file-name-safe name: letters, digits, `-`, `_` and `.`, not starting
/// with a dot.
fn is_file_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl PackSpec {
    /// The pack of a folder without `pack.toml`: every profile, by file
    /// name, named after the folder.
    pub fn defaults(dir: &Path) -> PackSpec {
        let folder = dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().and_then(|n| n.to_str()).map(String::from))
            .filter(|n| is_file_name(n))
            .unwrap_or_else(|| "pack".to_string());
        let countries = profiles_in(dir);
        // A folder `bolivia/` holding `bolivia.toml`: the combined
        // documents cannot take the country's name.
        let taken = countries.iter().any(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.eq_ignore_ascii_case(&folder))
        });
        let name = if taken {
            format!("{folder}-factsheets")
        } else {
            folder
        };
        PackSpec {
            dir: dir.to_path_buf(),
            file: None,
            name,
            title: Localized::One("Country factsheets".into()),
            organisation: None,
            period: None,
            edition: None,
            locales: None,
            formats: vec![Format::Pdf, Format::Docx],
            theme: None,
            countries,
            right_hand_starts: false,
            color: ColorMode::Screen,
            crop_marks: false,
        }
    }
}

/// Read the pack of `dir`: its `pack.toml`, or the defaults. Warnings come
/// back with the spec; errors instead of it.
pub fn load_spec(dir: &Path) -> Result<(PackSpec, Option<Diagnostics>), Diagnostics> {
    let path = dir.join(SPEC_FILE);
    if !dir.is_dir() {
        let mut d = Diagnostics::for_path(dir);
        let message = if dir.exists() {
            "a pack is built from a folder, not a file"
        } else {
            "no such folder"
        };
        d.push(
            Diagnostic::error("not-a-folder", message)
                .help("name the reports folder that holds the profiles (and pack.toml)"),
        );
        return Err(d);
    }
    if !path.exists() {
        let spec = PackSpec::defaults(dir);
        if spec.countries.is_empty() {
            let mut d = Diagnostics::for_path(dir);
            d.push(
                Diagnostic::error("no-profiles", "this folder holds no profiles (.toml files)")
                    .help("`factsheet new <COUNTRY> -o FOLDER/country.toml` starts one"),
            );
            return Err(d);
        }
        return Ok((spec, None));
    }
    let file = read_source(&path)?;
    let (spec, d) = read_spec(dir, file);
    match spec {
        Some(s) if !d.has_errors() => Ok((s, (!d.items.is_empty()).then_some(d))),
        _ => Err(d),
    }
}

/// The problems of the `pack.toml` of each folder among `paths` (for
/// `factsheet check`): a pack is checked wherever its profiles are.
pub fn check_folders(paths: &[PathBuf]) -> Vec<Diagnostics> {
    paths
        .iter()
        .filter(|p| p.is_dir() && p.join(SPEC_FILE).exists())
        .filter_map(|dir| match load_spec(dir) {
            Ok((_, warnings)) => warnings,
            Err(d) => Some(d),
        })
        .collect()
}

/// Read `pack.toml` text (the folder is where its paths point).
pub fn read_spec(dir: &Path, file: SourceFile) -> (Option<PackSpec>, Diagnostics) {
    let mut d = Diagnostics::new(file.clone());
    let Some(doc) = parse_toml(&file.text, &mut d) else {
        return (None, d);
    };
    let mut spec = PackSpec::defaults(dir);
    spec.file = Some(file.path.clone());
    let mut r = TableReader::new(doc.get_ref(), 0..0, "pack.toml");
    let raw = doc.get_ref();

    if let Some(v) = r.string(&mut d, "name", "name = \"country-factsheets\"") {
        if is_file_name(&v.value) {
            spec.name = v.value;
        } else {
            d.push(
                Diagnostic::error("bad-name", format!("`{}` cannot be a file name", v.value))
                    .at(v.span, "letters, digits, `-`, `_` and `.` only")
                    .help("name the combined documents like name = \"country-factsheets\""),
            );
        }
    }
    if r.has("title")
        && let Some(t) = localized(&mut d, raw.get("title"), "title")
    {
        spec.title = t;
    }
    spec.organisation = r
        .string(
            &mut d,
            "organisation",
            "organisation = \"Down to Zero Alliance\"",
        )
        .map(|s| s.value);
    if r.has("period") {
        spec.period = localized(&mut d, raw.get("period"), "period");
    }
    if r.has("edition") {
        spec.edition = localized(&mut d, raw.get("edition"), "edition");
    }
    if let Some((items, span)) = r.array(&mut d, "locales", "locales = [\"en\", \"es\"]") {
        let mut tags = Vec::new();
        for item in items {
            let Some(text) = string_item(&mut d, item, "locales", "\"es\"") else {
                continue;
            };
            if let Some(tag) = crate::locale::language_tag(&mut d, text.clone()) {
                // Caught here, not as a failure of every country in it.
                if let Some(missing) =
                    crate::locale::unknown_locale(&crate::locale::home(dir), &tag)
                {
                    d.push(missing.at(text.span, "no locale file"));
                } else if tags.contains(&tag) {
                    d.push(
                        Diagnostic::error("duplicate", format!("`{tag}` is listed twice"))
                            .at(text.span, "again here")
                            .help("list each locale once"),
                    );
                } else {
                    tags.push(tag);
                }
            }
        }
        // A list whose entries were all refused above says so already.
        if items.is_empty() {
            d.push(
                Diagnostic::error("no-locales", "`locales` lists no locale")
                    .at(span, "empty")
                    .help("list one or more, like locales = [\"en\", \"es\"], or remove the key to build each profile in its own language"),
            );
        } else if !tags.is_empty() {
            spec.locales = Some(tags);
        }
    }
    if let Some((items, span)) = r.array(&mut d, "formats", "formats = [\"pdf\", \"docx\"]") {
        let mut formats = Vec::new();
        for item in items {
            let Some(text) = string_item(&mut d, item, "formats", "\"pdf\"") else {
                continue;
            };
            let format = match text.value.as_str() {
                "pdf" => Format::Pdf,
                "docx" => Format::Docx,
                other => {
                    d.push(
                        Diagnostic::error("bad-format", format!("unknown format `{other}`"))
                            .at(text.span, "expected \"pdf\" or \"docx\"")
                            .help("formats = [\"pdf\", \"docx\"]"),
                    );
                    continue;
                }
            };
            if formats.contains(&format) {
                d.push(
                    Diagnostic::error("duplicate", format!("`{}` is listed twice", text.value))
                        .at(text.span, "again here")
                        .help("list each format once"),
                );
            } else {
                formats.push(format);
            }
        }
        formats.sort();
        // An empty list, not one whose entries were all refused above.
        if items.is_empty() {
            d.push(
                Diagnostic::error("no-formats", "`formats` lists no format")
                    .at(span, "empty")
                    .help("formats = [\"pdf\", \"docx\"]"),
            );
        } else if !formats.is_empty() {
            spec.formats = formats;
        }
    }
    if let Some(v) = r.string(&mut d, "theme", "theme = \"theme.toml\"") {
        spec.theme = crate::theme::asset(&mut d, dir, &v, &["toml"]);
    }
    if let Some(v) = r.boolean(&mut d, "right_hand_starts", "right_hand_starts = true") {
        spec.right_hand_starts = v.value;
    }
    if let Some(v) = r.string(&mut d, "color", "color = \"print\"") {
        match v.value.as_str() {
            "screen" => spec.color = ColorMode::Screen,
            "print" => spec.color = ColorMode::Print,
            other => d.push(
                Diagnostic::error("bad-color", format!("unknown colour mode `{other}`"))
                    .at(v.span, "expected \"screen\" or \"print\"")
                    .help("color = \"screen\" (RGB) or \"print\" (the theme's CMYK)"),
            ),
        }
    }
    if let Some(v) = r.boolean(&mut d, "crop_marks", "crop_marks = true") {
        spec.crop_marks = v.value;
    }
    if let Some((items, span)) = r.array(&mut d, "countries", "countries = [\"bolivia\", \"peru\"]")
    {
        spec.countries = countries(&mut d, dir, items.iter(), span);
    }
    r.finish(&mut d);
    untranslated(&mut d, &spec, raw);
    d.sort();
    let ok = !d.has_errors();
    (ok.then_some(spec), d)
}

/// A title, period or edition given per locale but not for every locale of the
/// pack: the cover falls back to another language, which is said.
fn untranslated(d: &mut Diagnostics, spec: &PackSpec, raw: &toml::de::DeTable<'_>) {
    let Some(locales) = &spec.locales else {
        return;
    };
    for (key, text) in [
        ("title", Some(&spec.title)),
        ("period", spec.period.as_ref()),
        ("edition", spec.edition.as_ref()),
    ] {
        let (Some(Localized::PerLocale(items)), Some(v)) = (text, raw.get(key)) else {
            continue;
        };
        for tag in locales {
            let base = tag.split('-').next().unwrap_or(tag);
            if !items.iter().any(|(t, _)| t == tag || t == base) {
                d.push(
                    Diagnostic::warning(
                        "untranslated",
                        format!(
                            "`{key}` has no text for `{tag}`; its `{}` text is used",
                            items[0].0
                        ),
                    )
                    .at(v.span(), format!("no {tag} here"))
                    .help(format!("add {tag} = \"…\" to `{key}`")),
                );
            }
        }
    }
}

/// A text, or a table of texts by locale tag.
fn localized(
    d: &mut Diagnostics,
    v: Option<&toml::Spanned<DeValue<'_>>>,
    key: &str,
) -> Option<Localized> {
    let v = v?;
    match v.get_ref() {
        DeValue::String(s) => Some(Localized::One(s.to_string())),
        DeValue::Table(t) => {
            let mut items: Vec<(usize, String, String)> = Vec::new();
            for (k, val) in t {
                let tag = Spanned::new(k.get_ref().to_string(), k.span());
                let Some(tag) = crate::locale::language_tag(d, tag) else {
                    continue;
                };
                match val.get_ref() {
                    DeValue::String(s) => items.push((k.span().start, tag, s.to_string())),
                    other => d.push(
                        Diagnostic::error(
                            "wrong-type",
                            format!(
                                "`{key}.{tag}` must be text (a string), not {}",
                                crate::input::table::type_name(other)
                            ),
                        )
                        .at(val.span(), "expected text in quotes")
                        .help(format!("write it like {tag} = \"…\"")),
                    ),
                }
            }
            items.sort();
            if items.is_empty() {
                d.push(
                    Diagnostic::error("empty", format!("`{key}` gives no text"))
                        .at(v.span(), "empty table")
                        .help(format!("{key} = {{ en = \"…\", es = \"…\" }}")),
                );
                return None;
            }
            Some(Localized::PerLocale(
                items.into_iter().map(|(_, t, s)| (t, s)).collect(),
            ))
        }
        other => {
            d.push(
                Diagnostic::error(
                    "wrong-type",
                    format!(
                        "`{key}` must be text, or a table of texts by locale, not {}",
                        crate::input::table::type_name(other)
                    ),
                )
                .at(v.span(), "expected text")
                .help(format!(
                    "write {key} = \"…\", or {key} = {{ en = \"…\", es = \"…\" }}"
                )),
            );
            None
        }
    }
}

fn string_item(
    d: &mut Diagnostics,
    item: &toml::Spanned<DeValue<'_>>,
    key: &str,
    example: &str,
) -> Option<Spanned<String>> {
    match item.get_ref() {
        DeValue::String(s) => Some(Spanned::new(s.to_string(), item.span())),
        other => {
            d.push(
                Diagnostic::error(
                    "wrong-type",
                    format!(
                        "items of `{key}` must be text, not {}",
                        crate::input::table::type_name(other)
                    ),
                )
                .at(item.span(), "expected text in quotes")
                .help(format!("write each item like {example}")),
            );
            None
        }
    }
}

/// The profiles `countries` names, in its order: each a profile of the
/// folder, by file name with or without `.toml`, listed once.
fn countries<'a, 'i: 'a>(
    d: &mut Diagnostics,
    dir: &Path,
    items: impl Iterator<Item = &'a toml::Spanned<DeValue<'i>>>,
    span: std::ops::Range<usize>,
) -> Vec<PathBuf> {
    let available = profiles_in(dir);
    let stems: Vec<String> = available
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(String::from))
        .collect();
    let mut out: Vec<PathBuf> = Vec::new();
    for item in items {
        let Some(name) = string_item(d, item, "countries", "\"bolivia\"") else {
            continue;
        };
        let stem = name.value.strip_suffix(".toml").unwrap_or(&name.value);
        let Some(i) = stems.iter().position(|s| s == stem) else {
            let help = match did_you_mean(stem, stems.iter().map(String::as_str)) {
                Some(s) => format!(
                    "did you mean \"{s}\"? The folder's profiles: {}",
                    stems.join(", ")
                ),
                None if stems.is_empty() => format!(
                    "add {stem}.toml to {} (`factsheet new` starts one)",
                    dir.display()
                ),
                None => format!("the folder's profiles: {}", stems.join(", ")),
            };
            d.push(
                Diagnostic::error(
                    "unknown-country",
                    format!("no profile `{stem}.toml` in this folder"),
                )
                .at(name.span, "no such profile")
                .help(help),
            );
            continue;
        };
        if out.contains(&available[i]) {
            d.push(
                Diagnostic::error("duplicate", format!("`{stem}` is listed twice"))
                    .at(name.span, "again here")
                    .help("list each country once, in the order the pack shows them"),
            );
            continue;
        }
        out.push(available[i].clone());
    }
    if out.is_empty() && !d.has_errors() {
        d.push(
            Diagnostic::error("no-countries", "`countries` lists no profile")
                .at(span.clone(), "empty")
                .help("list the profiles in pack order, or remove the key to pack every profile of the folder"),
        );
    }
    for (p, stem) in available.iter().zip(&stems) {
        if !out.contains(p) && !d.has_errors() {
            d.push(
                Diagnostic::warning(
                    "not-in-pack",
                    format!("{stem}.toml is in the folder but not in `countries`"),
                )
                .at(span.start..span.start, "left out of the pack")
                .help(format!(
                    "add \"{stem}\" to `countries`, or move the file out of the folder"
                )),
            );
        }
    }
    out
}

/// Titles and names for the combined documents of one locale.
#[derive(Clone, Debug, PartialEq)]
pub struct Cover {
    pub locale: String,
    pub title: String,
    pub organisation: String,
    pub period: Option<String>,
    pub edition: Option<String>,
}

impl PackSpec {
    /// The cover of the combined documents in `locale`.
    pub fn cover(&self, locale: &str, theme_organisation: &str) -> Cover {
        Cover {
            locale: locale.to_string(),
            title: self.title.get(locale).to_string(),
            organisation: self
                .organisation
                .clone()
                .unwrap_or_else(|| theme_organisation.to_string()),
            period: self.period.as_ref().map(|p| p.get(locale).to_string()),
            edition: self.edition.as_ref().map(|p| p.get(locale).to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("factsheet-spec-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        for n in ["bolivia", "peru", "kenya"] {
            std::fs::write(d.join(format!("{n}.toml")), "").unwrap();
        }
        // The locales a pack may list have their files.
        std::fs::create_dir_all(d.join("locales")).unwrap();
        std::fs::write(d.join("locales/es.toml"), "").unwrap();
        d
    }

    fn read(text: &str) -> (Option<PackSpec>, Diagnostics) {
        read_spec(&dir(), SourceFile::new("pack.toml", text))
    }

    #[test]
    fn a_full_spec() {
        let (spec, d) = read(
            "name = \"factsheets\"\ntitle = { en = \"Country sheets\", es = \"Fichas\" }\n\
             period = \"2016-2020\"\nlocales = [\"en\", \"es\"]\nformats = [\"pdf\"]\n\
             countries = [\"peru\", \"bolivia.toml\", \"kenya\"]\nright_hand_starts = true\n",
        );
        let spec = spec.unwrap_or_else(|| panic!("{}", d.render_plain()));
        assert!(d.items.is_empty(), "{}", d.render_plain());
        assert_eq!(spec.name, "factsheets");
        assert_eq!(spec.title.get("es"), "Fichas");
        assert_eq!(spec.title.get("es-BO"), "Fichas");
        assert_eq!(spec.title.get("fr"), "Country sheets");
        assert_eq!(
            spec.locales.as_deref(),
            Some(&["en".to_string(), "es".into()][..])
        );
        assert_eq!(spec.formats, [Format::Pdf]);
        let names: Vec<_> = spec
            .countries
            .iter()
            .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["peru", "bolivia", "kenya"]);
        assert!(spec.right_hand_starts);
    }

    #[test]
    fn every_problem_at_once_with_places() {
        let (spec, d) = read(
            "nmae = \"x\"\nlocales = [\"en\", \"../es\"]\nformats = [\"pdf\", \"odt\"]\n\
             countries = [\"bolvia\", \"peru\", \"peru\"]\n",
        );
        assert!(spec.is_none());
        let short = d.render_short();
        for want in [
            "pack.toml:1:1: error[unknown-key]",
            "pack.toml:2:18: error[bad-language]",
            "pack.toml:3:19: error[bad-format]",
            "pack.toml:4:14: error[unknown-country]",
            "pack.toml:4:32: error[duplicate]",
        ] {
            assert!(short.contains(want), "{want} in\n{short}");
        }
        assert!(d.render_plain().contains("did you mean \"bolivia\"?"));
    }

    #[test]
    fn empty_lists_are_errors() {
        let (spec, d) = read("locales = []\nformats = []\n");
        assert!(spec.is_none());
        let codes: Vec<&str> = d.items.iter().map(|i| i.code).collect();
        assert!(
            codes.contains(&"no-locales") && codes.contains(&"no-formats"),
            "{codes:?}"
        );
    }

    #[test]
    fn a_profile_left_out_is_a_warning() {
        let (spec, d) = read("countries = [\"peru\", \"bolivia\"]\n");
        assert!(spec.is_some());
        assert_eq!(d.items.len(), 1);
        assert_eq!(d.items[0].code, "not-in-pack");
        assert!(d.items[0].message.contains("kenya.toml"));
    }

    #[test]
    fn defaults_pack_every_profile_by_name() {
        let spec = PackSpec::defaults(&dir());
        assert_eq!(spec.countries.len(), 3);
        assert!(spec.countries[0].ends_with("bolivia.toml"));
        assert!(spec.locales.is_none());
    }
}
