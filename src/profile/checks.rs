//! Checks on a profile's values that the TOML types cannot express: text
//! that would show differently in the PDF and in Word, or not at all;
//! numbers that cannot be printed as written; fields that contradict each
//! other. The reader calls them where it has each value and its place;
//! none of them panics, whatever the input.

use std::ops::Range;

use super::text::span_in_source;
use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::input::Spanned;

/// The most combining marks allowed in a row: the stream-safe limit of
/// Unicode's normalization forms (UAX #15). More are only ever an attack
/// or an accident, and are drawn off the page.
pub const MAX_COMBINING_RUN: usize = 30;

pub use crate::locale::is_rtl;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What kind of text a value is: running text (paragraphs, notes), where
/// U+2028 is a forced line break, or a plain field (names, labels,
/// headings), which has no line breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    Running,
    Plain,
}

/// Check the characters of one text value; `false` when any is refused.
/// `rtl` is whether the profile's language is written right to left.
pub fn text_chars(
    diags: &mut Diagnostics,
    src: &str,
    v: &Spanned<String>,
    rtl: bool,
    kind: TextKind,
) -> bool {
    let mut ok = true;
    let mut push = |at: Range<usize>, d: Diagnostic| {
        ok = false;
        let span = span_in_source(src, &v.span, &v.value, at);
        diags.push(Diagnostic {
            span: Some(span),
            ..d
        });
    };
    let mut run_start = None;
    let mut run = 0usize;
    for (at, c) in v.value.char_indices() {
        let here = at..at + c.len_utf8();
        match c {
            '\u{2029}' => push(
                here,
                Diagnostic::error("paragraph-separator", "a paragraph separator (U+2029) inside one text")
                    .at(0..0, "paragraph separator")
                    .help(match kind {
                        TextKind::Running => "make the text after it its own paragraph: a new item in `paragraphs`",
                        TextKind::Plain => "delete it: this field is a single line of text",
                    }),
            ),
            '\u{2028}' if kind == TextKind::Plain => push(
                here,
                Diagnostic::error("line-separator", "a line separator (U+2028) in a one-line field")
                    .at(0..0, "line separator")
                    .help("delete it (or replace it with a space): names, labels and headings have no line breaks"),
            ),
            '\u{feff}' => push(
                here,
                Diagnostic::error("byte-order-mark", "an invisible byte order mark (U+FEFF) inside the text")
                    .at(0..0, "U+FEFF")
                    .help("delete it (it comes from copying text out of another file); a PDF cannot map it to a glyph"),
            ),
            c if is_bidi_control(c) && !rtl => push(
                here,
                Diagnostic::error(
                    "bidi-control",
                    format!("an invisible bidirectional control (U+{:04X}) in left-to-right text", c as u32),
                )
                .at(0..0, "bidi control")
                .help("delete it: Word would reorder the text around it and the PDF would not, so the two files would read differently"),
            ),
            _ => {}
        }
        if harfrust::unicode::combining_class(c as u32) != 0 {
            run_start.get_or_insert(at);
            run += 1;
            if run == MAX_COMBINING_RUN + 1 {
                let start = run_start.unwrap_or(at);
                push(
                    start..at + c.len_utf8(),
                    Diagnostic::error(
                        "combining-marks",
                        format!("more than {MAX_COMBINING_RUN} combining marks on one letter"),
                    )
                    .at(0..0, "too many marks")
                    .help("no writing system stacks this many; remove the extra marks (Unicode's stream-safe limit is 30)"),
                );
            }
        } else {
            run_start = None;
            run = 0;
        }
    }
    ok
}

/// A period written as two years, "2016-2020" (hyphen, en dash or "to"),
/// must not run backwards.
pub fn period(diags: &mut Diagnostics, period: &str, at: &Loc) {
    let Some((from, to)) = years_of(period) else {
        return;
    };
    if from > to {
        diags.push(
            Diagnostic::error(
                "reversed-period",
                format!("the period `{period}` ends before it starts"),
            )
            .at(at.span.clone(), "reversed")
            .help(format!("write the earlier year first: \"{to}-{from}\"")),
        );
    }
}

fn years_of(period: &str) -> Option<(u32, u32)> {
    let p = period.trim();
    let (a, b) = p
        .split_once(['-', '\u{2013}', '\u{2014}', '/'])
        .or_else(|| p.split_once(" to "))?;
    let year = |s: &str| {
        let s = s.trim();
        (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    Some((year(a)?, year(b)?))
}

/// A positive amount of money must not print as zero: below the currency's
/// smallest unit (a cent for EUR) it would show as "€ 0.00".
pub fn money_precision(diags: &mut Diagnostics, amount: f64, currency: &str, span: Range<usize>) {
    let exponent = iso_currency::Currency::from_code(currency)
        .and_then(iso_currency::Currency::exponent)
        .unwrap_or(2);
    let smallest = 10f64.powi(-i32::from(exponent));
    if amount > 0.0 && amount.fract() != 0.0 && amount.abs() < smallest / 2.0 {
        diags.push(
            Diagnostic::error(
                "below-precision",
                format!("{amount} {currency} is less than the currency's smallest unit and would print as zero"),
            )
            .at(span, "rounds to 0")
            .help(format!(
                "{currency} amounts are printed to {exponent} decimal places: give the amount in {currency} (not thousands), or check the figure"
            )),
        );
    }
}

/// Markup in a field that takes none (a heading, a label, a name) is
/// printed as written, "**Contexto**[^a]": a warning at it. Paragraphs
/// and notes take markup.
pub fn markup_in_plain(diags: &mut Diagnostics, src: &str, v: &Spanned<String>) {
    let value = v.value.as_str();
    let find = |pat: &str| value.find(pat).map(|at| at..at + pat.len());
    let bold = ["**", "__"]
        .into_iter()
        .find_map(|pat| find(pat).filter(|at| value[at.end..].contains(pat)));
    let found = find("[^")
        .map(|at| (at, "a note marker"))
        .or_else(|| find("](").map(|at| (at, "a link")))
        .or_else(|| bold.map(|at| (at, "bold")));
    if let Some((at, what)) = found {
        diags.push(
            Diagnostic::warning(
                "markup-in-plain",
                format!("{what} in a field that takes no markup is printed as written"),
            )
            .at(span_in_source(src, &v.span, value, at), "printed as written")
            .help("only paragraphs and notes take Markdown and note markers; an indicator or the budget cites a note with its `footnote` key"),
        );
    }
}

/// Decimals an indicator's number is printed to (`doc::build`).
pub const NUMBER_DECIMALS: i32 = 2;

/// A number other than zero that would print as "0" (0.004 at two
/// decimals) says the opposite of the profile: an error, as for money.
pub fn number_precision(diags: &mut Diagnostics, n: f64, span: Range<usize>) {
    let half = 10f64.powi(-NUMBER_DECIMALS) / 2.0;
    // At the half, CLDR rounding goes to the even digit: 0.005 prints 0.
    if n != 0.0 && n.abs() <= half {
        diags.push(
            Diagnostic::error(
                "below-precision",
                format!("{n} would print as 0: numbers are printed to {NUMBER_DECIMALS} decimal places"),
            )
            .at(span, "rounds to 0")
            .help("give the figure in a larger unit (per thousand, per 100,000), or as text in quotes"),
        );
    }
}

/// A unit belongs after a number; after text ("Obstructed %") it is a
/// mistake.
pub fn unit_on_text(diags: &mut Diagnostics, unit_at: &Loc, value_at: &Loc) {
    let (line, col) = diags.file.line_col(value_at.span.start);
    diags.push(
        Diagnostic::error("unit-on-text", "`unit` is given for a value that is text")
            .at(
                unit_at.span.clone(),
                format!("the value at line {line}, column {col} is text"),
            )
            .help("write the value as a number (value = 11.7) to give it a unit, or remove `unit`"),
    );
}

/// A custom budget label is printed as written: a `{placeholder}` in it
/// would show braces on the factsheet.
pub fn custom_label(diags: &mut Diagnostics, label: &str, at: &Loc) {
    let Some(open) = label.find('{') else {
        return;
    };
    let Some(close) = label[open..].find('}') else {
        return;
    };
    let name = &label[open..=open + close];
    diags.push(
        Diagnostic::error(
            "placeholder-in-label",
            format!("the label holds `{name}`, which would be printed as it is"),
        )
        .at(at.span.clone(), "printed as written")
        .help("a custom label is not filled in: write the period itself (\"Budget 2016-2020\"), or remove `label` to use the locale's \"Budget {period}\""),
    );
}

/// The country code should be the one of the country named (when the name
/// is one we know: a translated name is not checked).
pub fn country_code_matches(diags: &mut Diagnostics, name: &str, code: &str, at: &Loc) {
    let Some(named) = crate::countries::by_name(name) else {
        return;
    };
    if named.alpha2 != code {
        let coded = crate::countries::by_alpha2(code).map_or("another country", |c| c.name);
        diags.push(
            Diagnostic::warning(
                "country-mismatch",
                format!("the code `{code}` is {coded}'s, but the name is {name}"),
            )
            .at(at.span.clone(), format!("{name} is {}", named.alpha2))
            .help(format!(
                "write code = \"{}\" if this is {name}; the code goes into the document's keywords",
                named.alpha2
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;

    fn chars(text: &str, rtl: bool, kind: TextKind) -> Vec<&'static str> {
        let src = format!("a = \"{text}\"\n");
        let mut d = Diagnostics::new(SourceFile::new("t.toml", src.clone()));
        let v = Spanned::new(text.to_string(), 4..src.len() - 1);
        text_chars(&mut d, &src, &v, rtl, kind);
        d.items.iter().map(|i| i.code).collect()
    }

    #[test]
    fn unicode_that_renders_differently_is_refused() {
        assert!(chars("plain text", false, TextKind::Running).is_empty());
        assert_eq!(
            chars("a\u{2029}b", false, TextKind::Running),
            ["paragraph-separator"]
        );
        assert!(chars("a\u{2028}b", false, TextKind::Running).is_empty());
        assert_eq!(
            chars("a\u{2028}b", false, TextKind::Plain),
            ["line-separator"]
        );
        assert_eq!(
            chars("x\u{202e}y", false, TextKind::Running),
            ["bidi-control"]
        );
        assert!(chars("x\u{202e}y", true, TextKind::Running).is_empty());
        assert_eq!(
            chars("x\u{feff}y", false, TextKind::Plain),
            ["byte-order-mark"]
        );
        let marks = "\u{301}".repeat(30);
        assert!(chars(&format!("e{marks}"), false, TextKind::Plain).is_empty());
        let marks = "\u{301}".repeat(500);
        assert_eq!(
            chars(&format!("e{marks}"), false, TextKind::Plain),
            ["combining-marks"]
        );
    }

    #[test]
    fn right_to_left_languages() {
        for l in ["ar", "he", "fa", "ur", "ar-EG", "ku-Arab"] {
            assert!(is_rtl(l), "{l}");
        }
        for l in ["en", "es", "fr", "ku", "pt-BR"] {
            assert!(!is_rtl(l), "{l}");
        }
    }

    #[test]
    fn periods_and_precision() {
        assert_eq!(years_of("2016-2020"), Some((2016, 2020)));
        assert_eq!(years_of("2020 \u{2013} 2016"), Some((2020, 2016)));
        assert_eq!(years_of("2016 to 2020"), Some((2016, 2020)));
        assert_eq!(years_of("since 2016"), None);
        let file = std::sync::Arc::new(SourceFile::new("t.toml", "period = \"2020-2016\""));
        let mut d = Diagnostics::new((*file).clone());
        period(&mut d, "2020-2016", &Loc::new(&file, 9..20));
        assert!(d.items[0].help.as_deref().unwrap().contains("2016-2020"));
        let mut d = Diagnostics::new((*file).clone());
        money_precision(&mut d, 0.004, "EUR", 0..1);
        money_precision(&mut d, 0.005, "EUR", 0..1);
        money_precision(&mut d, 0.4, "JPY", 0..1);
        money_precision(&mut d, 12.0, "JPY", 0..1);
        assert_eq!(d.items.len(), 2, "{:?}", d.items);
    }
}
