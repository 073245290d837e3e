//! Reading one locale file (`locales/<tag>.toml`) as a layer: the labels
//! and settings it gives, each checked (placeholders by name, plural forms
//! by the language's CLDR categories), every problem at its line and column.

use std::path::Path;

use toml::de::DeValue;

use super::labels::{COUNT_LABELS, TEXT_LABELS, unknown_placeholders};
use super::plural::{Plural, categories_of, category_name, rules_for};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::input::{Spanned, TableReader, parse_toml, read_source};
use crate::typo::Quotes;

/// What one locale file gives. Keys it leaves out come from the next file
/// of the fallback chain.
#[derive(Clone, Debug, Default)]
pub struct LocaleLayer {
    /// BCP 47 tag, canonical.
    pub language: Option<String>,
    pub texts: Vec<(&'static str, String)>,
    pub counts: Vec<(&'static str, Plural)>,
    pub currency: Option<String>,
    pub percent: Option<String>,
    pub unit: Option<String>,
    pub quotes: Option<Quotes>,
    pub list_separator: Option<String>,
}

impl LocaleLayer {
    /// Whether the layer gives the label `key`.
    pub fn has(&self, key: &str) -> bool {
        self.texts.iter().any(|(k, _)| *k == key) || self.counts.iter().any(|(k, _)| *k == key)
    }
}

/// Read a locale file. Errors and warnings are in the diagnostics; the
/// layer is `None` when there are errors.
pub fn read_layer(path: &Path) -> (Option<LocaleLayer>, Diagnostics) {
    match read_source(path) {
        Ok(file) => parse_layer(file),
        Err(d) => (None, d),
    }
}

/// Check the text of a locale file.
pub fn parse_layer(file: SourceFile) -> (Option<LocaleLayer>, Diagnostics) {
    let mut d = Diagnostics::new(file.clone());
    let Some(doc) = parse_toml(&file.text, &mut d) else {
        return (None, d);
    };
    let mut layer = LocaleLayer::default();
    let mut root = TableReader::new(doc.get_ref(), 0..0, "the locale");
    let language = root.req_string(&mut d, "language", "language = \"es\"");
    layer.language = language
        .clone()
        .and_then(|l| super::language_tag(&mut d, l));
    if let (Some(tag), Some(v)) = (&layer.language, &language) {
        check_file_name(&mut d, &file.path, tag, v);
    }
    let rules = rules_for(layer.language.as_deref().unwrap_or("und"));
    let needed = categories_of(&rules);

    if let Some(mut t) = root.table(
        &mut d,
        "labels",
        "[labels] with page = \"Page {page} of {pages}\"",
    ) {
        for spec in TEXT_LABELS {
            let example = format!("{} = \"{}\"", spec.key, spec.english);
            if let Some(v) = t.string(&mut d, spec.key, &example)
                && check_pattern(&mut d, &file.text, spec.key, spec.placeholders, &v)
            {
                layer.texts.push((spec.key, v.value));
            }
        }
        for spec in COUNT_LABELS {
            let example = format!(
                "[labels.{}] with one = \"{}\" and other = \"{}\"",
                spec.key, spec.english_one, spec.english_other
            );
            if let Some(mut forms) = t.table(&mut d, spec.key, &example) {
                let plural = read_plural(
                    &mut d,
                    &file.text,
                    &mut forms,
                    spec.key,
                    spec.placeholders,
                    &needed,
                );
                forms.finish(&mut d);
                if let Some(p) = plural {
                    layer.counts.push((spec.key, p));
                }
            }
        }
        t.finish(&mut d);
    }
    if let Some(mut t) = root.table(
        &mut d,
        "numbers",
        "[numbers] with currency = \"{amount} {symbol}\"",
    ) {
        layer.currency = pattern(
            &mut d,
            &mut t,
            "currency",
            &["amount", "symbol"],
            "\"{amount} {symbol}\" or \"{symbol} {amount}\"",
        );
        layer.percent = pattern(
            &mut d,
            &mut t,
            "percent",
            &["number"],
            "\"{number}%\" or \"{number}\\u00A0%\"",
        );
        layer.unit = pattern(
            &mut d,
            &mut t,
            "unit",
            &["number", "unit"],
            "\"{number}\\u00A0{unit}\"",
        );
        t.finish(&mut d);
    }
    if let Some(mut t) = root.table(&mut d, "typography", "[typography] with quotes = \"«»“”\"")
    {
        if let Some(v) = t.string(&mut d, "quotes", "quotes = \"«»“”\"") {
            match Quotes::parse(&v.value) {
                Some(q) => layer.quotes = Some(q),
                None => d.push(
                    Diagnostic::error("bad-quotes", "`quotes` must be four characters: opening and closing quotes, then the inner pair")
                        .at(v.span, "not four characters")
                        .help("write it like quotes = \"«»“”\" (Spanish, French) or \"“”‘’\" (English)"),
                ),
            }
        }
        if let Some(v) = t.string(&mut d, "list_separator", "list_separator = \", \"") {
            if v.value.is_empty() || v.value.chars().any(char::is_alphanumeric) {
                d.push(
                    Diagnostic::error(
                        "bad-separator",
                        "`list_separator` must be punctuation and spaces",
                    )
                    .at(v.span, "not a separator")
                    .help("write it like list_separator = \", \" (Arabic: \"، \")"),
                );
            } else {
                layer.list_separator = Some(v.value);
            }
        }
        t.finish(&mut d);
    }
    root.finish(&mut d);
    d.sort();
    if d.has_errors() {
        (None, d)
    } else {
        (Some(layer), d)
    }
}

/// A locale file's name is its tag: `es.toml` says `language = "es"`.
fn check_file_name(d: &mut Diagnostics, path: &Path, tag: &str, v: &Spanned<String>) {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return;
    };
    let named = super::parse_tag(stem).unwrap_or_else(|_| stem.to_string());
    if named != tag {
        d.push(
            Diagnostic::error(
                "locale-name",
                format!("this file is named for `{stem}` but says language = \"{tag}\""),
            )
            .at(v.span.clone(), "does not match the file name")
            .help(format!(
                "a locale file is found by its name: rename it to {tag}.toml, or write language = \"{named}\""
            )),
        );
    }
}

/// Check a pattern's placeholders; report each unknown one at its place.
fn check_pattern(
    d: &mut Diagnostics,
    text: &str,
    key: &str,
    allowed: &[&str],
    v: &Spanned<String>,
) -> bool {
    // Labels go into both outputs as written: nothing invisible in them.
    if !crate::input::table::refuse_hidden(d, key, v) {
        return false;
    }
    let unknown = unknown_placeholders(&v.value, allowed);
    for (_, name) in &unknown {
        let written = if name.starts_with('{') {
            name.to_string()
        } else {
            format!("{{{name}}}")
        };
        // Point at the placeholder itself when it is written as it reads.
        let span = text
            .get(v.span.clone())
            .and_then(|raw| raw.find(&written))
            .map_or(v.span.clone(), |i| {
                v.span.start + i..v.span.start + i + written.len()
            });
        let help = if allowed.is_empty() {
            format!("the `{key}` label takes no placeholders")
        } else {
            let names: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
            let near = crate::diag::did_you_mean(name, allowed.iter().copied())
                .map(|s| format!("did you mean {{{s}}}? "))
                .unwrap_or_default();
            format!("{near}the `{key}` label can use {}", names.join(", "))
        };
        d.push(
            Diagnostic::error(
                "bad-placeholder",
                format!("unknown placeholder {written} in `{key}`"),
            )
            .at(span, "unknown placeholder")
            .help(help),
        );
    }
    unknown.is_empty()
}

/// A number pattern under `[numbers]`: its placeholders must all be there.
fn pattern(
    d: &mut Diagnostics,
    t: &mut TableReader<'_, '_>,
    key: &'static str,
    needed: &[&str],
    example: &str,
) -> Option<String> {
    let v = t.string(d, key, &format!("{key} = {example}"))?;
    let src = d.file.text.clone();
    if !check_pattern(d, &src, key, needed, &v) {
        return None;
    }
    if needed.iter().all(|n| v.value.contains(&format!("{{{n}}}"))) {
        return Some(v.value);
    }
    let names: Vec<String> = needed.iter().map(|n| format!("{{{n}}}")).collect();
    d.push(
        Diagnostic::error(
            "bad-pattern",
            format!("the {key} pattern needs {}", names.join(" and ")),
        )
        .at(v.span, "incomplete pattern")
        .help(format!("write it like {key} = {example}")),
    );
    None
}

/// The plural forms of a count label: each a CLDR category the language
/// uses; "other" required; a category the language needs but the file
/// lacks is a warning (the "other" form stands in).
fn read_plural(
    d: &mut Diagnostics,
    text: &str,
    t: &mut TableReader<'_, '_>,
    key: &str,
    allowed: &[&str],
    needed: &[&'static str],
) -> Option<Plural> {
    let mut forms = Vec::new();
    let mut ok = true;
    for (name, value) in t.entries() {
        let Some(category) = category_name(&name.value) else {
            ok = false;
            d.push(
                Diagnostic::error(
                    "bad-plural",
                    format!("`{}` is not a CLDR plural category", name.value),
                )
                .at(name.span.clone(), "unknown category")
                .help(format!(
                    "the forms of `{key}` for this language are: {}",
                    needed.join(", ")
                )),
            );
            continue;
        };
        let DeValue::String(s) = value.get_ref() else {
            ok = false;
            d.push(
                Diagnostic::error(
                    "wrong-type",
                    format!("the `{category}` form of `{key}` must be text"),
                )
                .at(value.span(), "expected text in quotes")
                .help(format!("write it like {category} = \"{{count}} …\"")),
            );
            continue;
        };
        let v = Spanned::new(s.to_string(), value.span());
        if !needed.contains(&category) {
            d.push(
                Diagnostic::warning(
                    "unused-plural",
                    format!("this language has no `{category}` form; it is never used"),
                )
                .at(name.span.clone(), "never used")
                .help(format!(
                    "the forms of this language are: {}",
                    needed.join(", ")
                )),
            );
        }
        ok &= check_pattern(d, text, key, allowed, &v);
        forms.push((category, v.value));
    }
    if !forms.iter().any(|(c, _)| *c == "other") {
        ok = false;
        d.push(
            Diagnostic::error("bad-plural", format!("`{key}` has no `other` form"))
                .at(t.span(), "`other` is required")
                .help("add other = \"{count} …\": it is the form for any number without one of its own"),
        );
    }
    for c in needed {
        if *c != "other" && !forms.iter().any(|(f, _)| f == c) {
            d.push(
                Diagnostic::warning(
                    "missing-plural",
                    format!("`{key}` has no `{c}` form, which this language uses"),
                )
                .at(t.span(), format!("`{c}` missing"))
                .help(format!(
                    "add {c} = \"…\"; until then the `other` form is used"
                )),
            );
        }
    }
    forms.sort_by_key(|(c, _)| super::plural::CATEGORIES.iter().position(|x| x == c));
    ok.then_some(Plural { forms })
}
