//! Reading a translation file (`translations/<tag>/<profile>.toml`): its
//! language and one entry a text, each with its place in the file.
//!
//! ```toml
//! language = "es"
//!
//! ["context.1"]
//! # en: Despite improvements regarding …
//! text = "A pesar de las mejoras …"
//! from = "1c9a03be"
//! ```

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::DeValue;

use super::fingerprint::is_fingerprint;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::input::{Spanned, TableReader, parse_toml, read_source};

/// A translation of one profile into one language.
#[derive(Clone, Debug)]
pub struct Translation {
    pub file: Arc<SourceFile>,
    /// BCP 47 tag of the translated text.
    pub language: String,
    /// Where the file says it (its `language = …` value).
    pub language_at: Range<usize>,
    pub entries: Vec<Entry>,
}

/// One translated text.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The id, and where the entry's header names it.
    pub id: Spanned<String>,
    /// The translation; empty when not translated yet.
    pub text: Spanned<String>,
    /// Fingerprint of the source text it was translated from.
    pub from: Option<Spanned<String>>,
    /// The whole entry table.
    pub at: Range<usize>,
}

/// Read a translation file. `None` when it has errors.
pub fn read_translation(path: &Path) -> (Option<Translation>, Diagnostics) {
    match read_source(path) {
        Ok(file) => parse_translation(file),
        Err(d) => (None, d),
    }
}

/// Check the text of a translation file.
pub fn parse_translation(file: SourceFile) -> (Option<Translation>, Diagnostics) {
    let mut d = Diagnostics::new(file.clone());
    let Some(doc) = parse_toml(&file.text, &mut d) else {
        return (None, d);
    };
    let mut root = TableReader::new(doc.get_ref(), 0..0, "the translation");
    let mut language = None;
    let mut language_at = 0..0;
    let mut entries = Vec::new();
    for (key, value) in root.entries() {
        if key.value == "language" {
            match value.get_ref() {
                DeValue::String(s) => {
                    language_at = value.span();
                    language = crate::locale::language_tag(
                        &mut d,
                        Spanned::new(s.to_string(), value.span()),
                    );
                }
                _ => d.push(
                    Diagnostic::error("wrong-type", "`language` must be text")
                        .at(value.span(), "expected a language tag in quotes")
                        .help("write it like language = \"es\""),
                ),
            }
            continue;
        }
        let DeValue::Table(t) = value.get_ref() else {
            d.push(
                Diagnostic::error(
                    "wrong-type",
                    format!("`{}` must be an entry table", key.value),
                )
                .at(key.span.clone(), "expected a table")
                .help(format!(
                    "write each translation as a table:\n[\"{}\"]\ntext = \"…\"",
                    key.value
                )),
            );
            continue;
        };
        let what = format!("the entry [\"{}\"]", key.value);
        let mut t = TableReader::new(t, value.span(), what);
        let text = t.req_string(&mut d, "text", "text = \"…\"");
        let from = t.string(&mut d, "from", "from = \"1c9a03be\"");
        t.finish(&mut d);
        if let Some(f) = &from
            && !is_fingerprint(&f.value)
        {
            d.push(
                Diagnostic::error(
                    "bad-fingerprint",
                    format!("`{}` is not a fingerprint", f.value),
                )
                .at(f.span.clone(), "expected 8 hex digits")
                .help("delete the `from` line; `factsheet translate` fills it in"),
            );
        }
        if let Some(text) = text {
            entries.push(Entry {
                id: key,
                text,
                from,
                at: value.span(),
            });
        }
    }
    if language.is_none() && !d.has_errors() {
        d.push(
            Diagnostic::error("missing-key", "the translation has no `language`")
                .at(0..0, "`language` is required")
                .help("add a first line such as language = \"es\""),
        );
    }
    d.sort();
    match (language, d.has_errors()) {
        (Some(language), false) => (
            Some(Translation {
                file: Arc::new(file),
                language,
                language_at,
                entries,
            }),
            d,
        ),
        _ => (None, d),
    }
}
