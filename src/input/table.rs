//! A typed walk over a parsed TOML document that keeps every value's
//! position and collects every problem instead of stopping at the first.
//!
//! serde's derive stops at the first error and cannot say "did you mean"; a
//! user fixing a profile wants all findings in one run, each with its line,
//! column and a fix. So each input format reads itself through
//! [`TableReader`]: ask for a key with its expected type; whatever is asked
//! for becomes a known key, and [`TableReader::finish`] reports the rest as
//! unknown, suggesting the nearest known key.

use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};

/// A value with the byte range it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }
}

type Value<'i> = toml::Spanned<DeValue<'i>>;

/// Parse TOML text, reporting every syntax error. `None` when the text has
/// errors: checking a half-understood document would only add noise.
pub fn parse_toml<'i>(
    text: &'i str,
    diags: &mut Diagnostics,
) -> Option<toml::Spanned<DeTable<'i>>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table);
    }
    // A file that is not TOML at all (a file of carriage returns, say) has
    // an error on every line: the first few of each kind say what is wrong.
    let total = errors.len();
    let mut shown = 0;
    let mut seen: Vec<(String, usize)> = Vec::new();
    for e in errors {
        let kind = e.message().trim().to_string();
        let times = match seen.iter_mut().find(|(m, _)| *m == kind) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seen.push((kind, 1));
                1
            }
        };
        if times > MAX_SAME_SYNTAX_ERRORS || shown == MAX_SYNTAX_ERRORS {
            continue;
        }
        shown += 1;
        let span = e.span().unwrap_or(0..0);
        // TOML refuses raw control characters in strings; say what it is.
        if let Some(c) = text.get(span.start..).and_then(|t| t.chars().next())
            && c.is_control()
            && !matches!(c, '\n' | '\r' | '\t')
        {
            diags.push(
                Diagnostic::error("control-character", format!("invisible control character U+{:04X} in text", c as u32))
                    .at(span.start..span.start + c.len_utf8(), "here")
                    .help("delete it (it often comes from copying out of another program); it would print as an empty box"),
            );
            continue;
        }
        let message = e.message().trim().to_string();
        let help = syntax_help(&message, &text[span.start.min(text.len())..]);
        let mut d =
            Diagnostic::error("toml-syntax", format!("TOML syntax: {message}")).at(span, "here");
        if let Some(h) = help {
            d = d.help(h);
        }
        diags.push(d);
    }
    if total > shown {
        diags.push(
            Diagnostic::error(
                "toml-syntax",
                format!("{} more TOML syntax errors not shown", total - shown),
            )
            .help("fix the errors above first; is this a TOML file saved with another program's line endings?"),
        );
    }
    None
}

/// Syntax errors reported for one file, at most, and of one kind.
const MAX_SYNTAX_ERRORS: usize = 20;
const MAX_SAME_SYNTAX_ERRORS: usize = 3;

/// Hints for the syntax errors people make most when editing profiles.
fn syntax_help(message: &str, rest: &str) -> Option<String> {
    let m = message.to_lowercase();
    if m.contains("duplicate key") {
        Some("each key may appear once in a table; remove or rename the second one".into())
    } else if m.contains("string") && (m.contains("unterminated") || m.contains("missing")) {
        Some("close the string with a matching quote; use \"\"\" ... \"\"\" for text over several lines".into())
    } else if m.contains("recursion") {
        Some("tables and arrays are nested too deeply; a profile needs at most three levels".into())
    } else if rest.starts_with(|c: char| c.is_alphabetic()) && m.contains("value") {
        Some("text values need quotes: key = \"text\"".into())
    } else {
        None
    }
}

/// Name of a TOML value's type, as a user would say it.
pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text (a string)",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// One TOML table being read. `what` names it in messages ("[country]",
/// "[[section]] 2").
pub struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    what: String,
    known: Vec<&'static str>,
    /// Required keys found missing, with their diagnostic's index: a
    /// misspelling of one is reported once, as the misspelling.
    missing: Vec<(&'static str, usize)>,
}

impl<'a, 'i> TableReader<'a, 'i> {
    pub fn new(table: &'a DeTable<'i>, span: Range<usize>, what: impl Into<String>) -> Self {
        TableReader {
            table,
            span,
            what: what.into(),
            known: Vec::new(),
            missing: Vec::new(),
        }
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Whether the table has a key (it counts as known).
    pub fn has(&mut self, key: &'static str) -> bool {
        self.raw(key).is_some()
    }

    fn raw(&mut self, key: &'static str) -> Option<&'a Value<'i>> {
        if !self.known.contains(&key) {
            self.known.push(key);
        }
        self.table.get(key)
    }

    /// Report a required key as missing.
    pub fn missing(&mut self, diags: &mut Diagnostics, key: &'static str, example: &str) {
        self.missing.push((key, diags.items.len()));
        diags.push(
            Diagnostic::error("missing-key", format!("{} has no `{key}`", self.what))
                .at(self.span.clone(), format!("`{key}` is required here"))
                .help(format!("add a line such as `{example}` to {}", self.what)),
        );
    }

    fn wrong_type(
        &self,
        diags: &mut Diagnostics,
        key: &str,
        v: &Value<'_>,
        want: &str,
        example: &str,
    ) {
        diags.push(
            Diagnostic::error(
                "wrong-type",
                format!(
                    "`{key}` in {} must be {want}, not {}",
                    self.what,
                    type_name(v.get_ref())
                ),
            )
            .at(v.span(), format!("expected {want}"))
            .help(format!("write it like `{example}`")),
        );
    }

    /// An optional text value.
    pub fn string(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<String>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(s.to_string(), v.span())),
            _ => {
                self.wrong_type(diags, key, v, "text in quotes", example);
                None
            }
        }
    }

    /// A required text value.
    pub fn req_string(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<String>> {
        if self.table.get(key).is_none() {
            self.raw(key);
            self.missing(diags, key, example);
            return None;
        }
        self.string(diags, key, example)
    }

    /// An optional number, whole or decimal. TOML's `inf` and `nan` come
    /// through as such, so callers can say why they are not allowed.
    pub fn number(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<f64>> {
        let v = self.raw(key)?;
        let parsed = match v.get_ref() {
            // Checked as an integer: converted first, 2^53 + 1 would
            // already have become 2^53.
            DeValue::Integer(i) => parse_integer(i.as_str(), i.radix()).map(|n| {
                if n.unsigned_abs() > MAX_EXACT as u64 {
                    f64::MAX
                } else {
                    n as f64
                }
            }),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(diags, key, v, "a number (no quotes)", example);
                return None;
            }
        };
        match parsed {
            // Above 2^53 a number has no exact double: 9007199254740993
            // would print as …992. Refuse it rather than print other digits.
            Some(n) if n.is_finite() && n.abs() > MAX_EXACT => {
                diags.push(
                    Diagnostic::error(
                        "bad-number",
                        format!("`{key}` is too large to be printed exactly"),
                    )
                    .at(v.span(), "more than 9,007,199,254,740,992 (2^53)")
                    .help("numbers up to 2^53 are printed digit for digit; give the figure in thousands or millions, with the unit saying so"),
                );
                None
            }
            Some(n) => Some(Spanned::new(n, v.span())),
            None => {
                diags.push(
                    Diagnostic::error("bad-number", format!("`{key}` is not a number we can read"))
                        .at(v.span(), "out of range")
                        .help(format!("write it like `{example}`")),
                );
                None
            }
        }
    }

    pub fn req_number(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<f64>> {
        if self.table.get(key).is_none() {
            self.raw(key);
            self.missing(diags, key, example);
            return None;
        }
        self.number(diags, key, example)
    }

    /// An optional date, written as a TOML date: `date = 2021-06-30`.
    pub fn date(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<(i64, u8, u8)>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                Some(Spanned::new((i64::from(d.year), d.month, d.day), v.span()))
            }
            DeValue::Datetime(_) => {
                diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!("`{key}` must be a date without a time"),
                    )
                    .at(v.span(), "a date and time")
                    .help(format!("write the day only, like `{example}`")),
                );
                None
            }
            _ => {
                self.wrong_type(diags, key, v, "a date (no quotes)", example);
                None
            }
        }
    }

    /// An optional whole number.
    pub fn integer(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<i64>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match parse_integer(i.as_str(), i.radix()) {
                Some(n) => Some(Spanned::new(n, v.span())),
                None => {
                    diags.push(
                        Diagnostic::error("bad-number", format!("`{key}` is out of range"))
                            .at(v.span(), "too large")
                            .help(format!("write it like `{example}`")),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(diags, key, v, "a whole number (no quotes)", example);
                None
            }
        }
    }

    pub fn boolean(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<bool>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(*b, v.span())),
            _ => {
                self.wrong_type(diags, key, v, "true or false (no quotes)", example);
                None
            }
        }
    }

    /// A value that is either a number or text (indicator values).
    pub fn number_or_string(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<Spanned<NumberOrText>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(NumberOrText::Text(s.to_string()), v.span())),
            DeValue::Integer(_) | DeValue::Float(_) => self
                .number(diags, key, example)
                .map(|n| Spanned::new(NumberOrText::Number(n.value), n.span)),
            _ => {
                self.wrong_type(diags, key, v, "a number or text", example);
                None
            }
        }
    }

    /// An optional sub-table.
    pub fn table(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<TableReader<'a, 'i>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(TableReader::new(t, v.span(), format!("[{key}]"))),
            _ => {
                self.wrong_type(diags, key, v, "a table", example);
                None
            }
        }
    }

    pub fn req_table(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<TableReader<'a, 'i>> {
        if self.table.get(key).is_none() {
            self.raw(key);
            diags.push(
                Diagnostic::error("missing-key", format!("{} has no [{key}] table", self.what))
                    .at(
                        self.span.start..self.span.start,
                        format!("[{key}] is required"),
                    )
                    .help(format!("add a table: {example}")),
            );
            return None;
        }
        self.table(diags, key, example)
    }

    /// An optional list of tables (`[[key]]`), each with its 1-based number
    /// in its name.
    pub fn tables(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Vec<TableReader<'a, 'i>> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(diags, key, v, "a list of tables, written [[key]]", example);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => out.push(TableReader::new(
                    t,
                    item.span(),
                    format!("[[{key}]] number {}", i + 1),
                )),
                other => diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!(
                            "item {} of `{key}` must be a table, not {}",
                            i + 1,
                            type_name(other)
                        ),
                    )
                    .at(item.span(), "expected a table")
                    .help(format!("write each item as a table: {example}")),
                ),
            }
        }
        out
    }

    /// An optional list; the caller reads its items.
    pub fn array(
        &mut self,
        diags: &mut Diagnostics,
        key: &'static str,
        example: &str,
    ) -> Option<(&'a DeArray<'i>, Range<usize>)> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Array(a) => Some((a, v.span())),
            _ => {
                self.wrong_type(diags, key, v, "a list in [ ]", example);
                None
            }
        }
    }

    /// All entries, for free-form tables such as `[footnotes]`, in file
    /// order. Every key counts as known.
    pub fn entries(&mut self) -> Vec<(Spanned<String>, &'a Value<'i>)> {
        let mut out: Vec<_> = self
            .table
            .iter()
            .map(|(k, v)| (Spanned::new(k.get_ref().to_string(), k.span()), v))
            .collect();
        out.sort_by_key(|(k, _)| k.span.start);
        self.known.clear();
        self.known.push("*");
        out
    }

    /// Report every key that no one asked for.
    pub fn finish(self, diags: &mut Diagnostics) {
        if self.known.contains(&"*") {
            return;
        }
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !self.known.contains(&k.get_ref().as_ref()))
            .collect();
        unknown.sort_by_key(|(k, _)| k.span().start);
        let mut redundant = Vec::new();
        for (k, _) in unknown {
            let name = k.get_ref();
            let suggestion = did_you_mean(name, self.known.iter().copied());
            if let Some((_, index)) = self.missing.iter().find(|(m, _)| Some(*m) == suggestion) {
                redundant.push(*index);
            }
            let label = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "unknown key".to_string(),
            };
            let mut known: Vec<_> = self.known.clone();
            known.sort_unstable();
            let help = match suggestion {
                Some(s) => format!(
                    "rename it to `{s}`; {} takes: {}",
                    self.what,
                    known.join(", ")
                ),
                None => format!("remove it; {} takes: {}", self.what, known.join(", ")),
            };
            diags.push(
                Diagnostic::error(
                    "unknown-key",
                    format!("unknown key `{name}` in {}", self.what),
                )
                .at(k.span(), label)
                .help(help),
            );
        }
        redundant.sort_unstable();
        redundant.dedup();
        for index in redundant.into_iter().rev() {
            diags.items.remove(index);
        }
    }
}

/// The first character of `text` that would be invisible or would change
/// how the text around it reads: a control character (tab and line breaks
/// aside), a bidi control, a line or paragraph separator, a byte order
/// mark or a non-character. Labels and names of a theme or a locale may
/// hold none: they go into both outputs as they are, and a control
/// character makes a DOCX that Word refuses to open.
pub fn hidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(
                c,
                '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{feff}'
                    | '\u{fdd0}'..='\u{fdef}'
            )
            || (c as u32 & 0xFFFE) == 0xFFFE
    })
}

/// Report a hidden character (see [`hidden_char`]) in a text value.
pub fn refuse_hidden(diags: &mut Diagnostics, key: &str, v: &Spanned<String>) -> bool {
    let Some(c) = hidden_char(&v.value) else {
        return true;
    };
    diags.push(
        Diagnostic::error(
            "control-character",
            format!("`{key}` holds an invisible character, U+{:04X}", c as u32),
        )
        .at(v.span.clone(), "invisible character")
        .help(
            "delete it (it often comes from copying out of another program, or from a \\u escape)",
        ),
    );
    false
}

/// The largest magnitude a number may have and still be printed exactly.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// A number or a piece of text, as an indicator value may be.
#[derive(Clone, Debug, PartialEq)]
pub enum NumberOrText {
    Number(f64),
    Text(String),
}

fn parse_integer(s: &str, radix: u32) -> Option<i64> {
    // The parser has already dropped `_` separators and any `0x` prefix.
    i64::from_str_radix(s, radix).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;

    fn read(text: &str, f: impl FnOnce(&mut TableReader, &mut Diagnostics)) -> Diagnostics {
        let mut d = Diagnostics::new(SourceFile::new("t.toml", text));
        let doc = parse_toml(text, &mut d).expect("valid toml");
        let mut r = TableReader::new(doc.get_ref(), doc.span(), "the file");
        f(&mut r, &mut d);
        r.finish(&mut d);
        d
    }

    #[test]
    fn collects_several_problems_at_once() {
        let d = read("name = 3\nlabl = \"x\"\nyear = \"2020\"\n", |r, d| {
            r.req_string(d, "name", "name = \"Bolivia\"");
            r.string(d, "label", "label = \"x\"");
            r.integer(d, "year", "year = 2020");
            r.req_string(d, "code", "code = \"BO\"");
        });
        let codes: Vec<_> = d.items.iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            ["wrong-type", "wrong-type", "missing-key", "unknown-key"]
        );
        assert_eq!(d.items[3].label, "did you mean `label`?");
    }

    #[test]
    fn numbers_keep_infinity_for_the_caller() {
        let mut got = None;
        read("a = inf\nb = 1_000\nc = 0x10\n", |r, d| {
            got = Some((
                r.number(d, "a", "").unwrap().value,
                r.number(d, "b", "").unwrap().value,
                r.integer(d, "c", "").unwrap().value,
            ));
        });
        let (a, b, c) = got.unwrap();
        assert!(a.is_infinite());
        assert_eq!((b, c), (1000.0, 16));
    }

    #[test]
    fn numbers_beyond_2_pow_53_and_dates() {
        let mut got = None;
        let d = read(
            "big = 9007199254740993\nok = 9007199254740992\nday = 2021-06-30\nwhen = 2021-06-30T10:00:00\n",
            |r, d| {
                got = Some((
                    r.number(d, "big", ""),
                    r.number(d, "ok", "").map(|n| n.value),
                    r.date(d, "day", "").map(|x| x.value),
                    r.date(d, "when", ""),
                ));
            },
        );
        let (big, ok, day, when) = got.unwrap();
        assert!(big.is_none() && when.is_none());
        assert_eq!(ok, Some(9_007_199_254_740_992.0));
        assert_eq!(day, Some((2021, 6, 30)));
        let codes: Vec<_> = d.items.iter().map(|i| i.code).collect();
        assert_eq!(codes, ["bad-number", "wrong-type"]);
        assert!(
            d.items[0]
                .message
                .contains("too large to be printed exactly")
        );
    }

    #[test]
    fn hidden_characters() {
        assert_eq!(hidden_char("Down to Zero"), None);
        assert_eq!(hidden_char("a\u{1b}[2J"), Some('\u{1b}'));
        assert_eq!(hidden_char("x\u{202e}y"), Some('\u{202e}'));
        assert_eq!(hidden_char("x\u{feff}"), Some('\u{feff}'));
        assert_eq!(hidden_char("\u{ffff}"), Some('\u{ffff}'));
    }

    #[test]
    fn syntax_errors_are_all_reported() {
        let mut d = Diagnostics::new(SourceFile::new("t.toml", ""));
        assert!(parse_toml("a = \nb = = 2\n", &mut d).is_none());
        assert!(d.items.len() >= 2, "{:?}", d.items);
        assert!(d.items.iter().all(|i| i.code == "toml-syntax"));
    }
}
