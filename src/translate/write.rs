//! Writing a translation file, as `factsheet translate` does: one entry
//! per text of the profile, in reading order, the source text above each
//! as a comment; translations kept, new texts added empty, stale ones
//! marked, fingerprints filled in; entries whose id matches nothing kept
//! at the end so that no translation is ever lost.
//!
//! The file is written whole each time, in this one layout: the same
//! entries give the same bytes.

use super::apply::language_name;
use super::file::Translation;
use super::fingerprint::fingerprint;
use super::ids::source_texts;
use crate::profile::Profile;

/// One entry to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub text: String,
    pub from: Option<String>,
}

impl Draft {
    /// The entries of a translation file as read.
    pub fn from_file(tr: &Translation) -> Vec<Draft> {
        tr.entries
            .iter()
            .map(|e| Draft {
                id: e.id.value.clone(),
                text: e.text.value.clone(),
                from: e.from.as_ref().map(|f| f.value.clone()),
            })
            .collect()
    }
}

/// What a written file holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub translated: usize,
    pub stale: usize,
    pub untranslated: usize,
    /// Entries this run added.
    pub added: usize,
    pub orphans: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} translated, {} stale, {} to translate ({} new), {} orphaned",
            self.translated, self.stale, self.untranslated, self.added, self.orphans
        )
    }
}

/// The translation file of `p` into `tag`, keeping `drafts`.
pub fn write_translation(p: &Profile, tag: &str, drafts: &[Draft]) -> (String, Summary) {
    let source_lang = &p.language;
    let file_name = p.path.file_name().map_or_else(
        || "the profile".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut out = format!(
        "# {} translation of {file_name}, matched to it by id.\n\
         # `text` is the translation; `from` is the fingerprint of the {} text it\n\
         # was made from, filled in by `factsheet translate`. The source text\n\
         # stands above each entry. Numbers and codes stay in the profile.\n\
         # Format: docs/translation.md\n\
         language = \"{tag}\"\n",
        language_name(tag),
        language_name(source_lang),
    );
    let mut summary = Summary::default();
    let sources = source_texts(p);
    for s in &sources {
        let now = fingerprint(&s.text);
        let kept = drafts.iter().find(|d| d.id == s.id);
        let text = kept.map_or("", |d| d.text.as_str());
        let translated = !text.trim().is_empty();
        let from = match kept.and_then(|d| d.from.clone()) {
            Some(f) => Some(f),
            None if translated => Some(now.clone()),
            None => None,
        };
        out.push_str(&format!("\n[{}]\n", toml_key(&s.id)));
        out.push_str(&comment(source_lang, &s.text));
        let stale = translated && from.as_deref() != Some(now.as_str());
        if stale {
            out.push_str(&format!(
                "# STALE: the source changed since this was translated; check the\n\
                 # translation against it, then set from = \"{now}\"\n"
            ));
            summary.stale += 1;
        }
        if kept.is_none() {
            summary.added += 1;
        }
        if translated {
            summary.translated += 1;
        } else {
            summary.untranslated += 1;
        }
        out.push_str(&format!("text = {}\n", toml_string(text)));
        if let (true, Some(f)) = (translated, from) {
            out.push_str(&format!("from = \"{f}\"\n"));
        }
    }
    let mut orphans: Vec<&Draft> = Vec::new();
    for d in drafts {
        // An id once: a second entry for it (from a PO file) would make
        // the file invalid TOML.
        if !sources.iter().any(|s| s.id == d.id) && !orphans.iter().any(|o| o.id == d.id) {
            orphans.push(d);
        }
    }
    if !orphans.is_empty() {
        out.push_str(
            "\n# No text of the profile has the ids below any more (removed, or its\n\
             # id changed). Rename an entry to the text's id, or delete it.\n",
        );
    }
    for d in orphans {
        summary.orphans += 1;
        out.push_str(&format!(
            "\n[\"{}\"]\ntext = {}\n",
            d.id,
            toml_string(&d.text)
        ));
        if let Some(f) = &d.from {
            out.push_str(&format!("from = \"{f}\"\n"));
        }
    }
    (out, summary)
}

/// The source text as a comment, wrapped: "# en: Despite …".
fn comment(lang: &str, text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let prefix = format!("# {lang}: ");
    let indent = format!("#{}", " ".repeat(prefix.chars().count() - 1));
    let mut out = String::new();
    let mut line = prefix.clone();
    let mut empty = true;
    for w in words {
        if !empty && line.chars().count() + 1 + w.chars().count() > 76 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.clone();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(w);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// A TOML basic string; multi-line (`"""`) when the text has line breaks.
/// Only `\`, `"` and control characters are escaped, so that a text reads
/// in the file as it will print (and its places map one to one).
pub fn toml_string(s: &str) -> String {
    let multi = s.contains('\n');
    let mut out = String::from(if multi { "\"\"\"\n" } else { "\"" });
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multi => out.push('\n'),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(if multi { "\"\"\"" } else { "\"" });
    out
}

/// A table header's key, quoted: `"context.1"`. Whatever an id holds (an
/// orphan's may come from a PO file), the header stays valid TOML.
fn toml_key(id: &str) -> String {
    let mut out = String::from("\"");
    for c in id.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_only_what_toml_needs() {
        assert_eq!(toml_string("l’école"), "\"l’école\"");
        assert_eq!(toml_string("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
        assert_eq!(toml_string("a\nb"), "\"\"\"\na\nb\"\"\"");
        assert_eq!(toml_string("x\u{7}"), "\"x\\u0007\"");
    }

    #[test]
    fn keys_stay_one_line() {
        assert_eq!(toml_key("context.1"), "\"context.1\"");
        assert_eq!(toml_key("a\"b\nc"), "\"a\\\"b\\u000Ac\"");
    }

    #[test]
    fn long_source_comments_wrap() {
        let c = comment("en", &"word ".repeat(40));
        assert!(c.lines().all(|l| l.chars().count() <= 76), "{c}");
        assert!(c.starts_with("# en: word"));
        assert!(c.lines().nth(1).unwrap().starts_with("#     word"));
    }
}
