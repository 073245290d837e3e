//! Locales: the words the layout adds around a profile's own text (labels)
//! and how numbers and money are written. English is built in; other
//! languages come from `locales/<tag>.toml` files beside the profiles.
//!
//! Digit grouping and the decimal sign come from CLDR through icu_decimal
//! (1,243,315 / 1.243.315 / 1 243 315); where the currency symbol goes is
//! house style, set by the locale file's `currency` pattern.

use std::path::Path;

use fixed_decimal::{Decimal, FloatPrecision};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale as IcuLocale;

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::table::refuse_hidden;
use crate::input::{Spanned, TableReader, parse_toml, read_source};

/// The labels a factsheet needs, with their `{placeholders}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    /// Kind of document, above the title: "Country factsheet".
    pub document: String,
    /// Heading of the indicator row: "Key national indicators in {period}".
    pub indicators: String,
    /// Call-out label: "Budget {period}".
    pub budget: String,
    /// Footer page number: "Page {page} of {pages}".
    pub page: String,
    /// Marks an indicator box holding sample data: "sample data".
    pub sample: String,
    /// Under an indicator row with sample data.
    pub sample_note: String,
}

#[derive(Clone, Debug)]
pub struct Locale {
    /// BCP 47 tag of the labels' language.
    pub language: String,
    pub labels: Labels,
    /// Where the symbol stands: "{symbol} {amount}" or "{amount} {symbol}".
    pub currency: String,
    formatter: DecimalFormatter,
}

impl PartialEq for Locale {
    fn eq(&self, other: &Self) -> bool {
        self.language == other.language
            && self.labels == other.labels
            && self.currency == other.currency
    }
}

/// Placeholders each label may use.
const PLACEHOLDERS: &[(&str, &[&str])] = &[
    ("document", &[]),
    ("indicators", &["period"]),
    ("budget", &["period"]),
    ("page", &["page", "pages"]),
    ("sample", &[]),
    ("sample_note", &[]),
];

impl Locale {
    /// The built-in English locale.
    pub fn english() -> Locale {
        Locale::with(
            "en",
            Labels {
                document: "Country factsheet".into(),
                indicators: "Key national indicators in {period}".into(),
                budget: "Budget {period}".into(),
                page: "Page {page} of {pages}".into(),
                sample: "sample data".into(),
                sample_note:
                    "Sample data: illustrative figures for layout, not official statistics.".into(),
            },
            "{symbol} {amount}".into(),
        )
    }

    fn with(language: &str, labels: Labels, currency: String) -> Locale {
        Locale {
            formatter: formatter_for(language),
            language: language.to_string(),
            labels,
            currency,
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

    /// An amount of money: "€ 1,243,315". Whole amounts get no decimals;
    /// others the currency's usual number of decimals.
    pub fn money(&self, amount: f64, currency: &str) -> String {
        let cur = iso_currency::Currency::from_code(currency);
        let symbol = cur
            .map(|c| c.symbol().to_string())
            .unwrap_or_else(|| currency.to_string());
        let text = if amount.fract() == 0.0 {
            self.number(amount, 0)
        } else {
            let exp = cur.and_then(|c| c.exponent()).unwrap_or(2) as i16;
            let mut d =
                Decimal::try_from_f64(amount, FloatPrecision::RoundTrip).unwrap_or_default();
            d.round(-exp);
            d.pad_end(-exp);
            self.formatter.format_to_string(&d)
        };
        // A no-break space keeps the symbol with its amount.
        fill(&self.currency, &[("symbol", &symbol), ("amount", &text)]).replace(' ', "\u{a0}")
    }
}

fn formatter_for(language: &str) -> DecimalFormatter {
    let locale: IcuLocale = language.parse().unwrap_or(IcuLocale::UNKNOWN);
    DecimalFormatter::try_new((&locale).into(), Default::default())
        .or_else(|_| DecimalFormatter::try_new((&IcuLocale::UNKNOWN).into(), Default::default()))
        .expect("root locale data is compiled in")
}

/// Replace `{name}` placeholders.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A locale tag as it may name a file: a BCP 47 language tag (letters,
/// digits and hyphens), so that `--locale ../../x` or `--locale /abs/x`
/// can never reach a file outside `locales/`. The error completes "…".
pub fn checked_tag(tag: &str) -> Result<&str, String> {
    let plain = !tag.is_empty()
        && tag.len() <= 64
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    match icu_locale_core::LanguageIdentifier::try_from_str(tag) {
        Ok(l) if plain && l.language.as_str() != "und" => Ok(tag),
        _ => Err(format!(
            "`{}` is not a language tag",
            crate::diag::escape_controls(&tag.chars().take(64).collect::<String>())
        )),
    }
}

/// Find the locale `tag`: `locales/<tag>.toml` in `dir` if there is one,
/// else the built-in English for "en". The tag must be a language tag, and
/// the file must be inside `dir/locales` (a link out of it is refused).
pub fn find_locale(dir: &Path, tag: &str) -> Result<Locale, Diagnostics> {
    let tag = match checked_tag(tag) {
        Ok(t) => t,
        Err(message) => {
            let mut d = Diagnostics::for_path(&dir.join("locales"));
            d.push(
                Diagnostic::error("bad-locale-tag", message).help(
                    "a locale is named by a BCP 47 tag such as \"es\" or \"pt-BR\" and read from locales/<tag>.toml beside the profile",
                ),
            );
            return Err(d);
        }
    };
    let path = dir.join("locales").join(format!("{tag}.toml"));
    // Anything by that name is meant as the locale, even a FIFO or a
    // broken link: reading it says what is wrong.
    if std::fs::symlink_metadata(&path).is_ok() {
        if let (Ok(file), Ok(folder)) = (path.canonicalize(), dir.join("locales").canonicalize())
            && !file.starts_with(&folder)
        {
            let mut d = Diagnostics::for_path(&path);
            d.push(
                Diagnostic::error(
                    "outside-folder",
                    format!(
                        "this file links to {}, outside the reports folder",
                        file.display()
                    ),
                )
                .help("copy the locale file into the locales folder instead of linking to it"),
            );
            return Err(d);
        }
        return load_locale(&path);
    }
    if tag == "en" || tag.starts_with("en-") {
        let mut l = Locale::english();
        if tag != "en" {
            l.formatter = formatter_for(tag);
            l.language = tag.to_string();
        }
        return Ok(l);
    }
    let mut d = Diagnostics::for_path(&path);
    let available = available_locales(dir);
    d.push(
        Diagnostic::error("unknown-locale", format!("no locale file for `{tag}`")).help(format!(
            "create {} (copy locales/en.toml and translate the labels); available: {}",
            path.display(),
            if available.is_empty() {
                "en (built in)".to_string()
            } else {
                available.join(", ")
            }
        )),
    );
    Err(d)
}

/// Languages written right to left, by their primary subtag.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Whether text in the language of BCP 47 tag `language` runs right to
/// left: by its primary subtag, or by a right-to-left script subtag
/// (`ku-Arab`).
pub fn is_rtl(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    RTL_LANGUAGES.contains(&primary)
        || language
            .split(['-', '_'])
            .any(|s| matches!(s, "Arab" | "Hebr" | "Thaa" | "Syrc"))
}

/// Whether [`find_locale`] failed only because there is no file for the tag.
pub fn is_missing(d: &Diagnostics) -> bool {
    d.items.iter().all(|i| i.code == "unknown-locale")
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

/// Read a locale file. Labels it leaves out stay English.
pub fn load_locale(path: &Path) -> Result<Locale, Diagnostics> {
    let file = read_source(path)?;
    let mut d = Diagnostics::new(file.clone());
    let Some(doc) = parse_toml(&file.text, &mut d) else {
        return Err(d);
    };
    let mut root = TableReader::new(doc.get_ref(), 0..0, "the locale");
    let language = root.req_string(&mut d, "language", "language = \"es\"");
    let mut locale = Locale::english();
    if let Some(mut t) = root.table(
        &mut d,
        "labels",
        "[labels] with page = \"Page {page} of {pages}\"",
    ) {
        let l = &mut locale.labels;
        for (key, slot) in [
            ("document", &mut l.document),
            ("indicators", &mut l.indicators),
            ("budget", &mut l.budget),
            ("page", &mut l.page),
            ("sample", &mut l.sample),
            ("sample_note", &mut l.sample_note),
        ] {
            if let Some(v) = t.string(&mut d, key, "page = \"Página {page} de {pages}\"")
                && refuse_hidden(&mut d, key, &v)
            {
                check_placeholders(&mut d, key, &v);
                *slot = v.value;
            }
        }
        t.finish(&mut d);
    }
    if let Some(mut t) = root.table(
        &mut d,
        "numbers",
        "[numbers] with currency = \"{amount} {symbol}\"",
    ) {
        if let Some(v) = t.string(&mut d, "currency", "currency = \"{amount} {symbol}\"")
            && refuse_hidden(&mut d, "currency", &v)
        {
            if v.value.contains("{amount}") && v.value.contains("{symbol}") {
                locale.currency = v.value;
            } else {
                d.push(
                    Diagnostic::error(
                        "bad-pattern",
                        "the currency pattern needs {amount} and {symbol}",
                    )
                    .at(v.span, "incomplete pattern")
                    .help(
                        "write it like currency = \"{amount} {symbol}\" or \"{symbol} {amount}\"",
                    ),
                );
            }
        }
        t.finish(&mut d);
    }
    root.finish(&mut d);
    if let Some(tag) = language.and_then(|l| language_tag(&mut d, l)) {
        locale.formatter = formatter_for(&tag);
        locale.language = tag;
    }
    d.sort();
    if d.has_errors() { Err(d) } else { Ok(locale) }
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

/// Every `{name}` in a label must be one the label knows.
fn check_placeholders(d: &mut Diagnostics, key: &str, v: &Spanned<String>) {
    let allowed = PLACEHOLDERS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[][..], |(_, a)| *a);
    let mut rest = v.value.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if !allowed.contains(&name) {
            let help = if allowed.is_empty() {
                format!("the `{key}` label takes no placeholders")
            } else {
                format!(
                    "the `{key}` label can use {}",
                    allowed
                        .iter()
                        .map(|a| format!("{{{a}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            d.push(
                Diagnostic::error(
                    "bad-placeholder",
                    format!("unknown placeholder {{{name}}} in `{key}`"),
                )
                .at(v.span.clone(), "unknown placeholder")
                .help(help),
            );
        }
        rest = &rest[open + close + 1..];
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
        let es = Locale::with("es", Locale::english().labels, "{amount} {symbol}".into());
        assert_eq!(es.money(1_243_315.0, "EUR"), "1.243.315\u{a0}€");
        let fr = Locale::with("fr", Locale::english().labels, "{amount} {symbol}".into());
        assert_eq!(fr.number(1_243_315.0, 0), "1\u{202f}243\u{202f}315");
        assert_eq!(fr.number(11.7, 2), "11,7");
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(
            fill("Page {page} of {pages}", &[("page", "1"), ("pages", "2")]),
            "Page 1 of 2"
        );
    }
}
