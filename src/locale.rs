//! Locales: the words the tool writes around a profile's own text (labels)
//! and how numbers and money are written. English is built in; other
//! languages come from `locales/<tag>.toml` files beside the profiles.
//!
//! A tag is looked up along a fallback chain: `es-BO` reads
//! `locales/es-BO.toml`, then `locales/es.toml`, then English; a regional
//! file gives only what differs. A label that no file of the language
//! gives stays English, with a warning naming the key and the file.
//!
//! Digit grouping and the decimal sign come from CLDR through icu_decimal
//! (1,243,315 / 1.243.315 / 1 243 315), plural forms from CLDR through
//! icu_plurals; where the currency symbol goes, and the space before a
//! percent sign or a unit, are set by the locale file (CLDR's values in the
//! bundled files).

mod currency;
mod file;
mod labels;
mod plural;

pub use file::{LocaleLayer, parse_layer, read_layer};
pub use labels::{COUNT_LABELS, CountLabel, Labels, TEXT_LABELS, TextLabel, unknown_placeholders};
pub use plural::{CATEGORIES, Plural, categories_of, category_for, rules_for};

use std::path::{Path, PathBuf};

use fixed_decimal::{Decimal, FloatPrecision};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::PluralRules;

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::Spanned;
use crate::typo::{Choices, Quotes, cldr_percent};

#[derive(Debug)]
pub struct Locale {
    /// BCP 47 tag of the labels' language.
    pub language: String,
    pub labels: Labels,
    /// Where the symbol stands: "{symbol} {amount}" or "{amount} {symbol}".
    pub currency: String,
    /// A percentage: "{number}%" (English), "{number}\u{a0}%" (Spanish).
    pub percent: String,
    /// A number with a unit: "{number}\u{a0}{unit}".
    pub unit: String,
    /// The quotation marks of the labels' language, when the locale file
    /// chooses them; otherwise the language's usual ones.
    pub quotes: Option<Quotes>,
    /// Between the items of a list, such as a source and its year: ", ",
    /// "، " in Arabic.
    pub list_separator: String,
    formatter: DecimalFormatter,
    plurals: PluralRules,
}

impl Clone for Locale {
    fn clone(&self) -> Self {
        let mut l = Locale::with(&self.language, self.labels.clone(), self.currency.clone());
        l.percent = self.percent.clone();
        l.unit = self.unit.clone();
        l.quotes = self.quotes;
        l.list_separator.clone_from(&self.list_separator);
        l
    }
}

impl PartialEq for Locale {
    fn eq(&self, other: &Self) -> bool {
        self.language == other.language
            && self.labels == other.labels
            && self.currency == other.currency
            && self.percent == other.percent
            && self.unit == other.unit
            && self.quotes == other.quotes
            && self.list_separator == other.list_separator
    }
}

impl Locale {
    /// The built-in English locale.
    pub fn english() -> Locale {
        Locale::with("en", Labels::english(), "{symbol} {amount}".into())
    }

    /// A locale for `language` with these labels and currency pattern, and
    /// CLDR's percent spacing.
    pub fn with(language: &str, labels: Labels, currency: String) -> Locale {
        Locale {
            formatter: formatter_for(language),
            plurals: rules_for(language),
            language: language.to_string(),
            labels,
            currency,
            percent: cldr_percent(language).into(),
            unit: "{number}\u{a0}{unit}".into(),
            quotes: None,
            list_separator: ", ".into(),
        }
    }

    /// A number with the locale's grouping and decimal sign, as many
    /// decimals as it has (at most `max_decimals`).
    pub fn number(&self, n: f64, max_decimals: i16) -> String {
        let mut d = Decimal::try_from_f64(n, FloatPrecision::RoundTrip).unwrap_or_default();
        d.round(-max_decimals);
        d.trim_end();
        self.formatter.format_to_string(&d)
    }

    /// A formatted number with its unit: "91,7 %", "1,098,581 km²". The
    /// locale's patterns hold the no-break spaces that keep them together.
    pub fn with_unit(&self, number: &str, unit: &str) -> String {
        if unit == "%" {
            fill(&self.percent, &[("number", number)])
        } else {
            fill(&self.unit, &[("number", number), ("unit", unit)])
        }
    }

    /// An amount of money: "€ 1,243,315". Whole amounts get no decimals;
    /// others the currency's usual number of decimals.
    pub fn money(&self, amount: f64, currency: &str) -> String {
        let cur = iso_currency::Currency::from_code(currency);
        let symbol = currency::symbol(currency, &self.language);
        let text = if amount.fract() == 0.0 {
            self.number(amount, 0)
        } else {
            let exp = cur.and_then(iso_currency::Currency::exponent).unwrap_or(2) as i16;
            let mut d =
                Decimal::try_from_f64(amount, FloatPrecision::RoundTrip).unwrap_or_default();
            d.round(-exp);
            d.pad_end(-exp);
            self.formatter.format_to_string(&d)
        };
        // A no-break space keeps the symbol with its amount.
        fill(&self.currency, &[("symbol", &symbol), ("amount", &text)]).replace(' ', "\u{a0}")
    }

    /// A count label for `n`, in the plural form CLDR gives the language:
    /// `count(&labels.pages, 3)` is "3 pages".
    pub fn count(&self, label: &Plural, n: u64) -> String {
        let form = label.form(category_for(&self.plurals, n));
        fill(form, &[("count", &self.number(n as f64, 0))])
    }

    /// What the locale chooses for its language's typography.
    pub fn typography(&self) -> Choices<'_> {
        Choices {
            language: &self.language,
            quotes: self.quotes,
            percent: &self.percent,
        }
    }

    /// Apply a locale file's layer over this locale.
    fn apply(&mut self, layer: &LocaleLayer) {
        for (key, v) in &layer.texts {
            if let Some(slot) = self.labels.text_mut(key) {
                slot.clone_from(v);
            }
        }
        for (key, p) in &layer.counts {
            if let Some(slot) = self.labels.count_mut(key) {
                *slot = p.clone();
            }
        }
        if let Some(c) = &layer.currency {
            self.currency.clone_from(c);
        }
        if let Some(p) = &layer.percent {
            self.percent.clone_from(p);
        }
        if let Some(u) = &layer.unit {
            self.unit.clone_from(u);
        }
        if layer.quotes.is_some() {
            self.quotes = layer.quotes;
        }
        if let Some(s) = &layer.list_separator {
            self.list_separator.clone_from(s);
        }
    }
}

fn formatter_for(language: &str) -> DecimalFormatter {
    let locale: IcuLocale = language.parse().unwrap_or(IcuLocale::UNKNOWN);
    DecimalFormatter::try_new((&locale).into(), Default::default())
        .or_else(|_| DecimalFormatter::try_new((&IcuLocale::UNKNOWN).into(), Default::default()))
        .expect("root locale data is compiled in")
}

/// Replace `{name}` placeholders. Each is replaced once, left to right, so
/// a value that itself holds braces is never read as a placeholder.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let found = values.iter().find_map(|(k, v)| {
            let name = after
                .strip_prefix('{')?
                .strip_prefix(*k)?
                .strip_prefix('}')?;
            Some((v, after.len() - name.len()))
        });
        match found {
            Some((v, len)) => {
                out.push_str(v);
                rest = &after[len..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A language tag given on the command line or as a file name: BCP 47,
/// canonical case (`es-bo` is `es-BO`). Anything else, a path above all,
/// is refused with the reason.
pub fn parse_tag(tag: &str) -> Result<String, String> {
    let t = tag.trim();
    if t.is_empty() {
        return Err("an empty locale tag".into());
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "`{t}` is not a locale tag (a tag is letters, digits and `-`, not a path)"
        ));
    }
    // `pt_BR`, as POSIX writes locales, is `pt-BR`.
    match icu_locale_core::LanguageIdentifier::try_from_str(&t.replace('_', "-")) {
        Ok(l) if l.language.as_str() != "und" => Ok(l.to_string()),
        _ => Err(format!("`{t}` is not a BCP 47 language tag")),
    }
}

/// The tags to look for, most specific first: `zh-Hant-TW`, `zh-Hant`, `zh`.
pub fn fallback_chain(tag: &str) -> Vec<String> {
    let mut out = vec![tag.to_string()];
    let mut t = tag;
    while let Some(i) = t.rfind('-') {
        t = &t[..i];
        out.push(t.to_string());
    }
    out
}

/// Languages written right to left, by their primary subtag.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Whether text in the language of BCP 47 tag `language` runs right to
/// left: by its primary subtag, or by a right-to-left script subtag
/// (`ku-Arab`).
pub fn is_rtl(language: &str) -> bool {
    RTL_LANGUAGES.contains(&base_language(language))
        || language
            .split(['-', '_'])
            .any(|s| matches!(s, "Arab" | "Hebr" | "Thaa" | "Syrc"))
}

/// Characters of scripts written right to left (Hebrew, Arabic, Syriac,
/// Thaana, NKo and their presentation forms), and the explicit marks.
pub fn is_rtl_char(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF
        | 0x1E800..=0x1EFFF | 0x200F | 0x202B | 0x202E | 0x2067)
}

/// The direction a label runs in (`true`: right to left): its language's.
/// But where the labels' language runs the other way from the document's
/// (an Arabic profile with English labels, for want of an Arabic locale),
/// a label's text may be the profile's own (an indicator's label, a
/// heading, the kicker's kind of document): it takes the direction of its
/// first letter. The PDF's layout and the DOCX's kicker follow this.
pub fn label_runs_rtl(text: &str, labels_rtl: bool, rtl: bool) -> bool {
    if labels_rtl == rtl {
        return labels_rtl;
    }
    text.chars()
        .find(|c| c.is_alphabetic())
        .map_or(labels_rtl, is_rtl_char)
}

/// The primary language subtag: `es` of `es-BO`.
pub fn base_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// A locale found along its fallback chain, with the warnings its files
/// gave (labels left English, plural forms missing).
pub struct FoundLocale {
    pub locale: Locale,
    pub warnings: Vec<Diagnostics>,
}

/// The entry `name` of `folder`, found as a language tag is matched:
/// whatever the case of its letters, and with `_` for `-` (`pt-br.toml`,
/// `pt_BR.toml` for `pt-BR.toml`), as a Mac or a Windows machine would
/// find it. The name as given when nothing matches; the exact name first.
pub fn tag_entry(folder: &Path, name: &str) -> PathBuf {
    let exact = folder.join(name);
    if std::fs::symlink_metadata(&exact).is_ok() {
        return exact;
    }
    let fold = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let wanted = fold(name);
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| fold(n) == wanted))
        .map(|e| e.path())
        .collect();
    // Several spellings on a case-sensitive disk: the same one every time.
    found.sort();
    found.into_iter().next().unwrap_or(exact)
}

/// The error for a locale `tag` with no file along its fallback chain in
/// `dir/locales` (English needs none), with the locales there are; `None`
/// when it has one.
pub fn unknown_locale(dir: &Path, tag: &str) -> Option<Diagnostic> {
    let folder = dir.join("locales");
    let found = fallback_chain(tag)
        .iter()
        .any(|t| std::fs::symlink_metadata(tag_entry(&folder, &format!("{t}.toml"))).is_ok());
    if found || base_language(tag) == "en" {
        return None;
    }
    let available = available_locales(dir);
    Some(
        Diagnostic::error("unknown-locale", format!("no locale file for `{tag}`")).help(format!(
            "create {} (copy locales/en.toml and translate the labels); available: {}",
            folder
                .join(format!("{}.toml", base_language(tag)))
                .display(),
            if available.is_empty() {
                "en (built in)".to_string()
            } else {
                available.join(", ")
            }
        )),
    )
}

/// Find the locale `tag` in `dir/locales` along its fallback chain
/// (`es-BO`, `es`, then English). English needs no file.
pub fn find_locale(dir: &Path, tag: &str) -> Result<FoundLocale, Vec<Diagnostics>> {
    let folder = dir.join("locales");
    let tag = parse_tag(tag).map_err(|reason| {
        let mut d = Diagnostics::for_path(&folder);
        d.push(
            Diagnostic::error("bad-locale", reason).help(
                "name a locale by its language tag, such as es, fr or pt-BR; it is read from locales/<tag>.toml beside the profile",
            ),
        );
        vec![d]
    })?;
    let english = base_language(&tag) == "en";
    // Most specific first; English (en.toml over the built-in) last.
    // Anything by a locale's name is meant as that locale, even a FIFO or a
    // broken link: reading it says what is wrong. A file that links out of
    // the locales folder is refused, so a locale never echoes another file.
    let present = |p: &PathBuf| std::fs::symlink_metadata(p).is_ok();
    let mut files: Vec<PathBuf> = fallback_chain(&tag)
        .into_iter()
        .map(|t| tag_entry(&folder, &format!("{t}.toml")))
        .filter(present)
        .collect();
    if files.is_empty()
        && let Some(missing) = unknown_locale(dir, &tag)
    {
        let mut d = Diagnostics::for_path(&folder.join(format!("{tag}.toml")));
        d.push(missing);
        return Err(vec![d]);
    }
    let en_file = tag_entry(&folder, "en.toml");
    if !english && present(&en_file) {
        files.push(en_file);
    }
    if let Some(d) = files.iter().find_map(|f| outside_locales(f, &folder)) {
        return Err(vec![d]);
    }

    let mut layers = Vec::new();
    let mut reports = Vec::new();
    let mut failed = false;
    for path in &files {
        let (layer, d) = read_layer(path);
        failed |= layer.is_none();
        if !d.items.is_empty() {
            reports.push(d);
        }
        if let Some(l) = layer {
            layers.push((path.clone(), l));
        }
    }
    if failed {
        return Err(reports);
    }
    let mut locale = Locale::with(&tag, Labels::english(), "{symbol} {amount}".into());
    for (_, layer) in layers.iter().rev() {
        locale.apply(layer);
    }
    // Labels no file of the language gives stay English: say so, at the
    // language's most general file.
    if !english
        && let Some((path, _)) = layers.iter().rev().find(|(_, l)| {
            l.language
                .as_deref()
                .is_some_and(|t| base_language(t) != "en")
        })
    {
        let own: Vec<&LocaleLayer> = layers
            .iter()
            .filter(|(_, l)| {
                l.language
                    .as_deref()
                    .is_some_and(|t| base_language(t) != "en")
            })
            .map(|(_, l)| l)
            .collect();
        let missing: Vec<&str> = TEXT_LABELS
            .iter()
            .map(|l| l.key)
            .chain(COUNT_LABELS.iter().map(|l| l.key))
            .filter(|k| !own.iter().any(|l| l.has(k)))
            .collect();
        if !missing.is_empty() {
            let at = reports.iter().position(|d| &d.file.path == path);
            let mut d = match at {
                Some(i) => reports.remove(i),
                None => match crate::input::read_source(path) {
                    Ok(f) => Diagnostics::new(f),
                    Err(d) => d,
                },
            };
            for key in missing {
                d.push(missing_key(path, key));
            }
            reports.push(d);
        }
    }
    Ok(FoundLocale {
        locale,
        warnings: reports,
    })
}

/// An error when `file` resolves (through links) to a file outside
/// `folder`.
fn outside_locales(file: &Path, folder: &Path) -> Option<Diagnostics> {
    let (Ok(real), Ok(dir)) = (file.canonicalize(), folder.canonicalize()) else {
        return None;
    };
    (!real.starts_with(&dir)).then(|| {
        let mut d = Diagnostics::for_path(file);
        d.push(
            Diagnostic::error(
                "outside-folder",
                format!(
                    "this file links to {}, outside the reports folder",
                    real.display()
                ),
            )
            .help("copy the locale file into the locales folder instead of linking to it"),
        );
        d
    })
}

fn missing_key(path: &Path, key: &str) -> Diagnostic {
    let english = TEXT_LABELS
        .iter()
        .find(|l| l.key == key)
        .map(|l| l.english)
        .or_else(|| {
            COUNT_LABELS
                .iter()
                .find(|l| l.key == key)
                .map(|l| l.english_other)
        })
        .unwrap_or("");
    Diagnostic::warning(
        "missing-label",
        format!(
            "{} has no `{key}` label: the English \"{english}\" is used",
            path.display()
        ),
    )
    .help(format!(
        "add {key} = \"…\" under [labels] (see locales/en.toml for every label)"
    ))
}

/// The folder whose `locales/` serves profiles in `profile_dir`: the
/// profile's own folder, or the one above it when only that has locales
/// (a reports folder's subfolders share its locale files).
pub fn home(profile_dir: &Path) -> PathBuf {
    let has = |d: &Path| d.join("locales").is_dir();
    match profile_dir.parent() {
        Some(up) if !has(profile_dir) && has(up) => up.to_path_buf(),
        _ => profile_dir.to_path_buf(),
    }
}

/// Tags of the locale files in `dir/locales`, sorted.
pub fn available_locales(dir: &Path) -> Vec<String> {
    let mut tags: Vec<String> = std::fs::read_dir(dir.join("locales"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "toml").then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    tags.sort();
    tags
}

/// Read one locale file as a whole locale (its own chain, as a build would
/// use it). Warnings come with the locale; errors instead of it.
pub fn load_locale(path: &Path) -> Result<FoundLocale, Vec<Diagnostics>> {
    let dir = path
        .parent()
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return Err(vec![Diagnostics::for_path(path)]);
    };
    if parse_tag(stem).is_err() {
        let (_, mut d) = read_layer(path);
        d.push(
            Diagnostic::error(
                "bad-locale",
                format!("`{stem}` is not a language tag, so this locale file can never be used"),
            )
            .help("name a locale file after its language tag: es.toml, pt-BR.toml"),
        );
        return Err(vec![d]);
    }
    find_locale(&dir, stem)
}

/// A BCP 47 language tag, canonicalised; reported when it is not one.
pub fn language_tag(d: &mut Diagnostics, v: Spanned<String>) -> Option<String> {
    match icu_locale_core::LanguageIdentifier::try_from_str(v.value.trim()) {
        Ok(l) if !v.value.trim().is_empty() && l.language.as_str() != "und" => Some(l.to_string()),
        _ => {
            d.push(
                Diagnostic::error(
                    "bad-language",
                    format!("`{}` is not a language tag", v.value),
                )
                .at(v.span, "expected a BCP 47 language tag")
                .help("use a tag such as \"en\", \"es\", \"fr\", \"pt-BR\""),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_numbers_follow_cldr() {
        let en = Locale::english();
        assert_eq!(en.money(1_243_315.0, "EUR"), "€\u{a0}1,243,315");
        assert_eq!(en.money(12.5, "USD"), "$\u{a0}12.50");
        assert_eq!(en.number(11.7, 2), "11.7");
        let es = Locale::with("es", Labels::english(), "{amount} {symbol}".into());
        assert_eq!(es.money(1_243_315.0, "EUR"), "1.243.315\u{a0}€");
        let fr = Locale::with("fr", Labels::english(), "{amount} {symbol}".into());
        assert_eq!(fr.number(1_243_315.0, 0), "1\u{202f}243\u{202f}315");
        assert_eq!(fr.number(11.7, 2), "11,7");
    }

    #[test]
    fn fill_replaces_placeholders_once() {
        assert_eq!(
            fill("Page {page} of {pages}", &[("page", "1"), ("pages", "2")]),
            "Page 1 of 2"
        );
        assert_eq!(fill("{a} {b}", &[("a", "{b}"), ("b", "x")]), "{b} x");
        assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
    }

    #[test]
    fn counts_take_the_languages_plural_form() {
        let en = Locale::english();
        assert_eq!(en.count(&en.labels.pages, 1), "1 page");
        assert_eq!(en.count(&en.labels.pages, 0), "0 pages");
        assert_eq!(en.count(&en.labels.countries, 1200), "1,200 countries");
        let mut fr = Locale::with("fr", Labels::english(), "{amount} {symbol}".into());
        fr.labels.pages = Plural {
            forms: vec![
                ("one", "{count} page".into()),
                ("other", "{count} pages".into()),
            ],
        };
        // 0 is singular in French.
        assert_eq!(fr.count(&fr.labels.pages, 0), "0 page");
    }

    #[test]
    fn tags_are_checked_and_chained() {
        assert_eq!(parse_tag("es-bo"), Ok("es-BO".to_string()));
        assert!(parse_tag("../x").is_err());
        assert!(parse_tag("/etc/passwd").is_err());
        assert!(parse_tag("e$").is_err());
        assert!(parse_tag("").is_err());
        assert_eq!(
            fallback_chain("zh-Hant-TW"),
            ["zh-Hant-TW", "zh-Hant", "zh"]
        );
        assert_eq!(base_language("es-BO"), "es");
    }
}
