//! Reading and checking a profile: TOML -> [`Profile`], with every problem
//! reported at its line and column.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::DeValue;

use super::checks;
use super::inline::parse_inline;
use super::text::{bad_chars, span_in_source};
use super::*;
use crate::diag::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::input::table::NumberOrText;
use crate::input::{Spanned, TableReader, parse_toml, read_source};

/// Read and check the profile at `path`. On success the diagnostics may
/// still hold warnings.
pub fn load_profile(path: &Path, smart_quotes: bool) -> (Option<Profile>, Diagnostics) {
    match read_source(path) {
        Ok(file) => read_profile(file, smart_quotes),
        Err(diags) => (None, diags),
    }
}

/// Check the text of a profile. `None` when it has errors.
pub fn read_profile(file: SourceFile, smart_quotes: bool) -> (Option<Profile>, Diagnostics) {
    let mut diags = Diagnostics::new(file.clone());
    let text = &*file.text;
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-profile", "this profile is empty").help(
                "`factsheet new <COUNTRY>` writes a starter profile with every field explained",
            ),
        );
        return (None, diags);
    }
    let Some(doc) = parse_toml(text, &mut diags) else {
        return (None, diags);
    };
    if doc.get_ref().is_empty() {
        diags.push(
            Diagnostic::error(
                "empty-profile",
                "this profile is empty (it has only comments)",
            )
            .help("`factsheet new <COUNTRY>` writes a starter profile with every field explained"),
        );
        return (None, diags);
    }
    let mut cx = Reader {
        file: Arc::new(file.clone()),
        src: text,
        diags: &mut diags,
        smart_quotes,
        ids: HashMap::new(),
        note_refs: Vec::new(),
        rtl: false,
    };
    let profile = cx.profile(TableReader::new(doc.get_ref(), 0..0, "the profile"), &file);
    diags.sort();
    if diags.has_errors() {
        (None, diags)
    } else {
        (profile, diags)
    }
}

struct Reader<'d> {
    file: Arc<SourceFile>,
    src: &'d str,
    diags: &'d mut Diagnostics,
    smart_quotes: bool,
    /// Every id seen, with where, to report duplicates.
    ids: HashMap<String, (Range<usize>, String)>,
    /// Footnote markers: key and where.
    note_refs: Vec<(String, Range<usize>)>,
    /// Whether the profile's language is written right to left (bidi
    /// controls are then allowed in its text).
    rtl: bool,
}

impl Reader<'_> {
    fn profile(&mut self, mut root: TableReader<'_, '_>, file: &SourceFile) -> Option<Profile> {
        let d = &mut *self.diags;
        let language = root.req_string(d, "language", "language = \"en\"");
        let country = root.req_table(
            d,
            "country",
            "[country] with name = \"Bolivia\" and code = \"BO\"",
        );
        let programme = root.req_table(d, "programme", "[programme] with name and period");
        let indicators = root.tables(d, "indicator", "[[indicator]] with id, label and value");
        let sections = root.tables(d, "section", "[[section]] with id and paragraphs");
        let budget = root.table(d, "budget", "[budget] with amount and currency");
        let footnotes = root.table(d, "footnotes", "[footnotes] with key = \"text\" lines");
        let date = root.date(d, "date", "date = 2021-06-30");
        let pages = root.integer(d, "pages", "pages = 2");
        root.finish(d);
        let pages = pages.and_then(|v| self.pages(v));

        let language = language.and_then(|l| crate::locale::language_tag(self.diags, l));
        self.rtl = language.as_deref().is_some_and(checks::is_rtl);
        let date = date.and_then(|v| self.date(v));
        let country = country.and_then(|t| self.country(t));
        let programme = programme.and_then(|t| self.programme(t));
        let indicators: Vec<_> = indicators
            .into_iter()
            .filter_map(|t| self.indicator(t))
            .collect();
        if sections.is_empty() {
            self.diags.push(
                Diagnostic::error("no-sections", "the profile has no [[section]]")
                    .help("add at least one [[section]] with id and paragraphs = [\"…\"]"),
            );
        }
        let sections: Vec<_> = sections
            .into_iter()
            .filter_map(|t| self.section(t))
            .collect();
        let budget = budget.and_then(|t| self.budget(t, &sections, programme.as_ref()));
        let footnotes = self.footnotes(footnotes);
        Some(Profile {
            path: file.path.clone(),
            source: self.file.clone(),
            language: language?,
            country: country?,
            programme: programme?,
            indicators,
            sections,
            budget: budget.flatten(),
            footnotes,
            date,
            pages,
        })
    }

    /// The pages this factsheet is fitted to, in place of its theme's.
    fn pages(&mut self, v: Spanned<i64>) -> Option<usize> {
        let help = "the pages this factsheet should take (its theme's `[fit] pages` otherwise); 0 leaves it at its natural length";
        crate::theme::fit_pages(self.diags, v, help)
    }

    /// The profile's date, as seconds since 1970 (midnight UTC).
    fn date(&mut self, v: Spanned<(i64, u8, u8)>) -> Option<i64> {
        let (year, month, day) = v.value;
        if !(1970..=9999).contains(&year) {
            self.diags.push(
                Diagnostic::error(
                    "bad-date",
                    format!("the year {year} is outside 1970 to 9999"),
                )
                .at(v.span, "out of range")
                .help("write the date of the factsheet's figures, such as date = 2021-06-30"),
            );
            return None;
        }
        Some(crate::time::epoch_of_date(year, month, day))
    }

    fn loc(&self, span: Range<usize>) -> Loc {
        Loc::new(&self.file, span)
    }

    /// A plain text value that must not be empty, checked for bad
    /// characters, with its place.
    fn text_at(
        &mut self,
        t: &mut TableReader<'_, '_>,
        key: &'static str,
        required: bool,
        example: &str,
    ) -> Option<(String, Loc)> {
        let v = if required {
            t.req_string(self.diags, key, example)?
        } else {
            t.string(self.diags, key, example)?
        };
        if v.value.trim().is_empty() {
            self.diags.push(
                Diagnostic::error("empty-text", format!("`{key}` in {} is empty", t.what()))
                    .at(v.span.clone(), "empty")
                    .help(format!(
                        "write the text, like `{example}`, or remove the line"
                    )),
            );
            return None;
        }
        self.check_chars(&v, checks::TextKind::Plain)?;
        checks::markup_in_plain(self.diags, self.src, &v);
        let at = self.loc(v.span.clone());
        Some((v.value.trim().to_string(), at))
    }

    fn check_chars(&mut self, v: &Spanned<String>, kind: checks::TextKind) -> Option<()> {
        let mut ok = checks::text_chars(self.diags, self.src, v, self.rtl, kind);
        for (at, c) in bad_chars(&v.value) {
            ok = false;
            let span = span_in_source(self.src, &v.span, &v.value, at..at + c.len_utf8());
            self.diags.push(
                Diagnostic::error(
                    "control-character",
                    format!("invisible control character U+{:04X} in text", c as u32),
                )
                .at(span, "here")
                .help("delete it (it often comes from copying out of another program); it would print as an empty box"),
            );
        }
        ok.then_some(())
    }

    fn markup(&mut self, v: &Spanned<String>) -> Option<Markup> {
        // Keep going after bad characters: the markers in the same text
        // are still worth checking in this run.
        let chars_ok = self.check_chars(v, checks::TextKind::Running).is_some();
        if v.value.trim().is_empty() {
            self.diags.push(
                Diagnostic::error("empty-text", "empty paragraph")
                    .at(v.span.clone(), "empty")
                    .help("write the paragraph's text or remove the item"),
            );
            return None;
        }
        match parse_inline(&v.value, self.smart_quotes) {
            Ok(mut m) => {
                m.rebase(|r| span_in_source(self.src, &v.span, &v.value, r));
                for (key, at) in m.note_refs() {
                    self.note_refs.push((key.to_string(), at.clone()));
                }
                chars_ok.then_some(m)
            }
            Err(problems) => {
                for p in problems {
                    let span = span_in_source(self.src, &v.span, &v.value, p.at);
                    self.diags.push(
                        Diagnostic::error("markup", p.message)
                            .at(span, "here")
                            .help(p.help),
                    );
                }
                None
            }
        }
    }

    /// Record an id; report it when it is malformed or taken.
    fn id(&mut self, v: Spanned<String>, owner: &str) -> Option<String> {
        let id = v.value.clone();
        let well_formed = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !well_formed {
            let suggestion: String = id
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            self.diags.push(
                Diagnostic::error("bad-id", format!("id `{id}` is not a valid id"))
                    .at(v.span, "invalid id")
                    .help(format!(
                        "ids start with a lower-case letter and use a-z, 0-9, - and _ (for example `{}`)",
                        suggestion.trim_matches('-')
                    )),
            );
            return None;
        }
        if let Some((first, first_owner)) = self.ids.get(&id) {
            let (line, col) = self.diags.file.line_col(first.start);
            self.diags.push(
                Diagnostic::error("duplicate-id", format!("duplicate id `{id}`"))
                    .at(
                        v.span,
                        format!("also the id of {first_owner} at line {line}, column {col}"),
                    )
                    .help(
                        "every id in a profile must be different: translations are matched by id",
                    ),
            );
            return None;
        }
        self.ids.insert(id.clone(), (v.span, owner.to_string()));
        Some(id)
    }

    /// A section's id names its texts (`<section>.heading`, `<section>.1`)
    /// beside the profile's own (`footnote.1`, `country.name`): the first
    /// words of those are not section ids, or two texts could share an id.
    fn section_id_free(&mut self, v: Spanned<String>) -> Option<Spanned<String>> {
        const TAKEN: [&str; 6] = [
            "country",
            "programme",
            "indicator",
            "budget",
            "footnote",
            "language",
        ];
        if !TAKEN.contains(&v.value.as_str()) {
            return Some(v);
        }
        self.diags.push(
            Diagnostic::error("reserved-id", format!("`{}` cannot be a section's id", v.value))
                .at(v.span, "names other texts of the profile")
                .help(format!(
                    "rename the section, for example `{}-section`: translations name its texts `<id>.heading` and `<id>.1`, and `{}.…` names others",
                    v.value, v.value
                )),
        );
        None
    }

    fn country(&mut self, mut t: TableReader<'_, '_>) -> Option<Country> {
        let name = self.text_at(&mut t, "name", true, "name = \"Bolivia\"");
        let code = t.req_string(self.diags, "code", "code = \"BO\"");
        t.finish(self.diags);
        let code_at = code.as_ref().map(|c| self.loc(c.span.clone()));
        let code = code.and_then(|c| self.country_code(c));
        if let (Some((name, _)), Some(code), Some(code_at)) = (&name, &code, &code_at) {
            checks::country_code_matches(self.diags, name, code, code_at);
        }
        let (name, name_at) = name?;
        Some(Country {
            name,
            code: code?,
            name_at,
        })
    }

    fn country_code(&mut self, v: Spanned<String>) -> Option<String> {
        let code = v.value.trim();
        if crate::countries::by_alpha2(code).is_some() {
            return Some(code.to_string());
        }
        let help = match crate::countries::by_code(code) {
            Some(c) => format!(
                "write the two-letter upper-case code: code = \"{}\" ({})",
                c.alpha2, c.name
            ),
            None => {
                "use the ISO 3166-1 alpha-2 code, two upper-case letters such as \"BO\" for Bolivia"
                    .into()
            }
        };
        self.diags.push(
            Diagnostic::error(
                "bad-country-code",
                format!("`{code}` is not an ISO 3166-1 country code"),
            )
            .at(v.span, "unknown country code")
            .help(help),
        );
        None
    }

    fn currency(&mut self, v: Spanned<String>) -> Option<String> {
        let code = v.value.trim();
        if code.len() == 3
            && code.chars().all(|c| c.is_ascii_uppercase())
            && iso_currency::Currency::from_code(code).is_some()
        {
            return Some(code.to_string());
        }
        let upper = code.to_uppercase();
        let help = if iso_currency::Currency::from_code(&upper).is_some() {
            format!("write the code in upper case: currency = \"{upper}\"")
        } else if let Some(c) = currency_for_symbol(code) {
            format!("write the ISO 4217 code, not the symbol: currency = \"{c}\"")
        } else {
            "use an ISO 4217 code such as \"EUR\", \"USD\" or \"BOB\"".into()
        };
        self.diags.push(
            Diagnostic::error(
                "bad-currency",
                format!("`{code}` is not an ISO 4217 currency code"),
            )
            .at(v.span, "unknown currency")
            .help(help),
        );
        None
    }

    fn programme(&mut self, mut t: TableReader<'_, '_>) -> Option<Programme> {
        let name = self.text_at(&mut t, "name", true, "name = \"Down to Zero Alliance\"");
        let period = self.text_at(&mut t, "period", true, "period = \"2016-2020\"");
        if let Some((p, at)) = &period {
            checks::period(self.diags, p, at);
        }
        let period = period.map(|(p, _)| p);
        let document = self.text_at(
            &mut t,
            "document",
            false,
            "document = \"Country factsheet\"",
        );
        t.finish(self.diags);
        let (name, name_at) = name?;
        let (document, document_at) = document.unzip();
        Some(Programme {
            name,
            period: period?,
            document,
            name_at,
            document_at,
        })
    }

    fn indicator(&mut self, mut t: TableReader<'_, '_>) -> Option<Indicator> {
        let what = t.what().to_string();
        let at = self.loc(t.span());
        let id = t.req_string(self.diags, "id", "id = \"civic-space\"");
        let label = self.text_at(&mut t, "label", true, "label = \"Civic space\"");
        let value = t.number_or_string(
            self.diags,
            "value",
            "value = \"Obstructed\" or value = 11.7",
        );
        if value.is_none() && !t.has("value") {
            t.missing(self.diags, "value", "value = \"Tier 2\"");
        }
        let unit = self.text_at(&mut t, "unit", false, "unit = \"%\"");
        let currency = t.string(self.diags, "currency", "currency = \"EUR\"");
        let year = t.integer(self.diags, "year", "year = 2020");
        let source = self.text_at(&mut t, "source", false, "source = \"TIP Report 2020\"");
        let value_at = value.as_ref().map(|v| self.loc(v.span.clone()));
        let footnote = t.string(self.diags, "footnote", "footnote = \"tip\"");
        let sample = t.boolean(self.diags, "sample", "sample = true");
        t.finish(self.diags);

        let id = id.and_then(|i| self.id(i, &what));
        let value = match value {
            Some(Spanned {
                value: NumberOrText::Text(s),
                span,
            }) => {
                let v = Spanned::new(s, span);
                if v.value.trim().is_empty() {
                    self.diags.push(
                        Diagnostic::error("empty-text", "indicator value is empty")
                            .at(v.span.clone(), "empty")
                            .help("write the value, or remove the indicator"),
                    );
                    None
                } else {
                    self.check_chars(&v, checks::TextKind::Plain)
                        .map(|_| IndicatorValue::Text(v.value.trim().to_string()))
                }
            }
            Some(Spanned {
                value: NumberOrText::Number(n),
                span,
            }) => {
                if n.is_finite() {
                    Some(IndicatorValue::Number(n))
                } else {
                    self.diags.push(
                        Diagnostic::error("bad-number", "indicator value is not a finite number")
                            .at(span, "inf or nan")
                            .help("write a number such as 11.7, or text in quotes"),
                    );
                    None
                }
            }
            None => None,
        };
        let currency = currency.and_then(|c| {
            if !matches!(value, Some(IndicatorValue::Number(_)) | None) {
                self.diags.push(
                    Diagnostic::error("currency-on-text", "`currency` needs a number as the value")
                        .at(c.span.clone(), "the value is text")
                        .help("write the value as a number (value = 1243315) so it can be formatted as money"),
                );
            }
            self.currency(c)
        });
        if let Some(y) = &year
            && !(1800..=2200).contains(&y.value)
        {
            self.diags.push(
                Diagnostic::error("bad-year", format!("year {} is out of range", y.value))
                    .at(y.span.clone(), "not a plausible year")
                    .help("write the four-digit year the figure refers to, such as 2020"),
            );
        }
        if let Some(f) = &footnote {
            self.note_refs.push((f.value.clone(), f.span.clone()));
        }
        if let (Some((_, unit_at)), Some(IndicatorValue::Text(_)), Some(value_at)) =
            (&unit, &value, &value_at)
        {
            checks::unit_on_text(self.diags, unit_at, value_at);
        }
        if let (Some(IndicatorValue::Number(n)), Some(c), Some(value_at)) =
            (&value, &currency, &value_at)
        {
            checks::money_precision(self.diags, *n, c, value_at.span.clone());
        }
        if let (Some(IndicatorValue::Number(n)), None, Some(value_at)) =
            (&value, &currency, &value_at)
        {
            checks::number_precision(self.diags, *n, value_at.span.clone());
        }
        let (unit, unit_at) = unit.unzip();
        let (label, label_at) = label?;
        let (source, source_at) = source.unzip();
        Some(Indicator {
            id: id?,
            label,
            value: value?,
            unit,
            currency,
            year: year.map(|y| y.value),
            source,
            footnote: footnote.map(|f| f.value),
            sample: sample.is_some_and(|s| s.value),
            at,
            label_at,
            value_at: value_at?,
            source_at,
            unit_at,
        })
    }

    fn section(&mut self, mut t: TableReader<'_, '_>) -> Option<Section> {
        let what = t.what().to_string();
        let id = t.req_string(self.diags, "id", "id = \"focus\"");
        let heading = self.text_at(&mut t, "heading", false, "heading = \"Focus of our work\"");
        let list = t.array(
            self.diags,
            "paragraphs",
            "paragraphs = [\"First paragraph.\", \"Second.\"]",
        );
        if list.is_none() && !t.has("paragraphs") {
            t.missing(
                self.diags,
                "paragraphs",
                "paragraphs = [\"First paragraph.\", \"Second.\"]",
            );
        }
        t.finish(self.diags);
        let id = id
            .and_then(|i| self.section_id_free(i))
            .and_then(|i| self.id(i, &what));
        let mut paragraphs = Vec::new();
        if let Some((items, span)) = list {
            if items.is_empty() {
                self.diags.push(
                    Diagnostic::error(
                        "no-paragraphs",
                        format!("{what} has an empty `paragraphs` list"),
                    )
                    .at(span, "empty")
                    .help("add the section's text, or remove the section"),
                );
            }
            for (n, item) in items.iter().enumerate() {
                if let Some(p) = self.paragraph(item, n + 1, id.as_deref().unwrap_or("section")) {
                    paragraphs.push(p);
                }
            }
        }
        let (heading, heading_at) = heading.unzip();
        Some(Section {
            id: id?,
            heading,
            heading_at,
            paragraphs,
        })
    }

    /// A paragraph is a string, or `{ id = "…", text = "…" }` when it needs
    /// an id of its own.
    fn paragraph(
        &mut self,
        item: &toml::Spanned<DeValue<'_>>,
        n: usize,
        section: &str,
    ) -> Option<Paragraph> {
        match item.get_ref() {
            DeValue::String(s) => {
                let v = Spanned::new(s.to_string(), item.span());
                let content = self.markup(&v)?;
                Some(Paragraph {
                    id: format!("{section}.{n}"),
                    raw: v.value.trim().to_string(),
                    content,
                    at: self.loc(v.span),
                })
            }
            DeValue::Table(t) => {
                let mut r = TableReader::new(
                    t,
                    item.span(),
                    format!("paragraph {n} of section `{section}`"),
                );
                let id = r.req_string(self.diags, "id", "id = \"tier-ranking\"");
                let text = r.req_string(self.diags, "text", "text = \"…\"");
                r.finish(self.diags);
                let id =
                    id.and_then(|i| self.id(i, &format!("paragraph {n} of section `{section}`")));
                let text = text?;
                let content = self.markup(&text);
                Some(Paragraph {
                    id: id?,
                    raw: text.value.trim().to_string(),
                    content: content?,
                    at: self.loc(text.span),
                })
            }
            _ => {
                self.diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!(
                            "paragraph {n} of section `{section}` must be text, not {}",
                            crate::input::table::type_name(item.get_ref())
                        ),
                    )
                    .at(item.span(), "expected text in quotes")
                    .help("write each paragraph as \"text\", or { id = \"…\", text = \"…\" }"),
                );
                None
            }
        }
    }

    fn budget(
        &mut self,
        mut t: TableReader<'_, '_>,
        sections: &[Section],
        programme: Option<&Programme>,
    ) -> Option<Option<Budget>> {
        let at = self.loc(t.span());
        let amount = t.req_number(self.diags, "amount", "amount = 1243315");
        let currency = t.req_string(self.diags, "currency", "currency = \"EUR\"");
        let period = self.text_at(&mut t, "period", false, "period = \"2016-2020\"");
        if let Some((p, at)) = &period {
            checks::period(self.diags, p, at);
        }
        let period = period.map(|(p, _)| p);
        let label = self.text_at(&mut t, "label", false, "label = \"Budget 2016-2020\"");
        if let Some((l, at)) = &label {
            checks::custom_label(self.diags, l, at);
        }
        let after = t.string(self.diags, "after", "after = \"focus\"");
        let footnote = t.string(self.diags, "footnote", "footnote = \"audit\"");
        t.finish(self.diags);
        if let Some(f) = &footnote {
            self.note_refs.push((f.value.clone(), f.span.clone()));
        }
        let (label, label_at) = label.unzip();

        let amount_span = amount.as_ref().map(|a| a.span.clone());
        let amount = amount.and_then(|a| {
            let problem = if a.value.is_nan() {
                Some("not a number (nan)")
            } else if a.value.is_infinite() {
                Some("infinite")
            } else if a.value < 0.0 {
                Some("negative")
            } else if a.value == 0.0 {
                Some("zero")
            } else {
                None
            };
            match problem {
                Some(p) => {
                    self.diags.push(
                        Diagnostic::error("bad-budget", format!("the budget amount is {p}"))
                            .at(a.span, format!("{p} amount"))
                            .help("write the programme budget as a positive number without currency sign or separators, such as amount = 1243315"),
                    );
                    None
                }
                None => Some(a.value),
            }
        });
        let currency = currency.and_then(|c| self.currency(c));
        if let (Some(a), Some(c), Some(span)) = (amount, &currency, &amount_span) {
            checks::money_precision(self.diags, a, c, span.clone());
        }
        let after = match after {
            Some(a) if sections.iter().any(|s| s.id == a.value) => Some(a.value),
            Some(a) => {
                let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
                let help = match did_you_mean(&a.value, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? `after` names the id of a [[section]]"),
                    None => format!(
                        "`after` names the id of a [[section]]: one of {}",
                        ids.join(", ")
                    ),
                };
                self.diags.push(
                    Diagnostic::error(
                        "unknown-section",
                        format!("no section has the id `{}`", a.value),
                    )
                    .at(a.span, "unknown section")
                    .help(help),
                );
                return Some(None);
            }
            None => None,
        };
        let period = period.or_else(|| programme.map(|p| p.period.clone()))?;
        Some(Some(Budget {
            amount: amount?,
            currency: currency?,
            period,
            label,
            after,
            footnote: footnote.map(|f| f.value),
            at,
            label_at,
        }))
    }

    /// `[footnotes]`: key = "text". Checks markers against keys both ways.
    fn footnotes(&mut self, table: Option<TableReader<'_, '_>>) -> Vec<Footnote> {
        let mut notes: Vec<(Footnote, Range<usize>)> = Vec::new();
        if let Some(mut t) = table {
            for (key, value) in t.entries() {
                let DeValue::String(s) = value.get_ref() else {
                    self.diags.push(
                        Diagnostic::error(
                            "wrong-type",
                            format!(
                                "footnote `{}` must be text, not {}",
                                key.value,
                                crate::input::table::type_name(value.get_ref())
                            ),
                        )
                        .at(value.span(), "expected text in quotes")
                        .help(format!("write it as {} = \"The note's text.\"", key.value)),
                    );
                    continue;
                };
                let v = Spanned::new(s.to_string(), value.span());
                if let Some(content) = self.markup(&v) {
                    if content.note_refs().next().is_some() {
                        self.diags.push(
                            Diagnostic::error("nested-footnote", format!("footnote `{}` holds a footnote marker", key.value))
                                .at(v.span.clone(), "marker inside a note")
                                .help("notes cannot have notes of their own; fold the text into this note"),
                        );
                    }
                    notes.push((
                        Footnote {
                            key: key.value.clone(),
                            raw: v.value.trim().to_string(),
                            content,
                            at: Loc::new(&self.file, v.span.clone()),
                        },
                        key.span.clone(),
                    ));
                }
            }
            t.finish(self.diags);
        }
        let keys: Vec<&str> = notes.iter().map(|(n, _)| n.key.as_str()).collect();
        for (key, span) in &self.note_refs {
            if !keys.contains(&key.as_str()) {
                let help = match did_you_mean(key, keys.iter().copied()) {
                    Some(s) => {
                        format!("did you mean [^{s}]? Or add `{key} = \"…\"` to [footnotes]")
                    }
                    None => format!("add `{key} = \"The note's text.\"` to [footnotes]"),
                };
                self.diags.push(
                    Diagnostic::error(
                        "unknown-footnote",
                        format!("footnote marker `{key}` has no footnote"),
                    )
                    .at(span.clone(), "no such footnote")
                    .help(help),
                );
            }
        }
        notes
            .into_iter()
            .filter_map(|(note, span)| {
                if self.note_refs.iter().any(|(k, _)| *k == note.key) {
                    Some(note)
                } else {
                    self.diags.push(
                        Diagnostic::warning("unused-footnote", format!("footnote `{}` is never referenced", note.key))
                            .at(span, "not used in any text")
                            .help(format!(
                                "put [^{}] in the text where the note belongs, or delete it; it is left out of the factsheet",
                                note.key
                            )),
                    );
                    None
                }
            })
            .collect()
    }
}

/// The ISO code of a currency written as its symbol, for a helpful message.
fn currency_for_symbol(symbol: &str) -> Option<&'static str> {
    match symbol {
        "€" => Some("EUR"),
        "$" | "US$" => Some("USD"),
        "£" => Some("GBP"),
        "¥" => Some("JPY"),
        "Bs" | "Bs." => Some("BOB"),
        _ => None,
    }
}
