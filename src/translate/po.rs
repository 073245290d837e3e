//! GNU gettext PO files, for translators working in CAT tools (Weblate,
//! Crowdin, Poedit, memoQ), read and written by the polib crate.
//!
//! One message a text: `msgctxt` is its id, `msgid` the source text,
//! `msgstr` the translation (empty when there is none); a stale entry is
//! flagged `fuzzy`, and the fingerprint it was translated from rides along
//! as an extracted comment (`#. from: 1c9a03be`) so that importing the
//! file restores it. Entries whose id matches nothing go out with their
//! translation as the msgid and come back as they were. Exporting, then
//! importing, writes the translation file byte for byte as it was.

use std::collections::HashSet;
use std::io::BufWriter;
use std::ops::Range;

use polib::catalog::Catalog;
use polib::message::{Message, MessageFlags};
use polib::metadata::CatalogMetadata;

use super::apply::language_name;
use super::fingerprint::{fingerprint, is_fingerprint};
use super::ids::source_texts;
use super::write::Draft;
use crate::profile::Profile;

const ORPHAN: &str = "orphan: no text of the profile has this id";

/// The PO file of a translation (`drafts`, as read from the translation
/// file) of `p` into `tag`.
pub fn export_po(p: &Profile, tag: &str, drafts: &[Draft]) -> String {
    let mut meta = CatalogMetadata::new();
    let stem = p
        .path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    meta.project_id_version = format!("factsheet {stem}");
    meta.language = tag.to_string();
    meta.mime_version = "1.0".into();
    meta.content_type = "text/plain; charset=UTF-8".into();
    meta.content_transfer_encoding = "8bit".into();
    // polib names its plural-rules type only through a parsed header.
    if let Some(forms) = plural_forms(tag)
        && let Ok(header) = CatalogMetadata::parse(&format!("Plural-Forms: {forms}\n"))
    {
        meta.plural_rules = header.plural_rules;
    }
    let mut catalog = Catalog::new(meta);
    catalog.preheader = vec![
        format!(
            "{} translation of {stem}.toml, from its {} text.",
            language_name(tag),
            language_name(&p.language)
        ),
        "Written by `factsheet translate --export po`; read back with --import po.".into(),
    ];
    let sources = source_texts(p);
    for s in &sources {
        let kept = drafts.iter().find(|d| d.id == s.id);
        let text = kept.map_or("", |d| d.text.as_str());
        let now = fingerprint(&s.text);
        let from = kept.and_then(|d| d.from.clone());
        let stale = !text.trim().is_empty() && from.as_ref().is_some_and(|f| *f != now);
        let (line, _) = s.at.file.line_col(s.at.span.start);
        let mut flags = MessageFlags::new();
        let mut notes = String::new();
        if stale {
            flags.add_flag("fuzzy");
            notes = format!("from: {}", from.unwrap_or_default());
        }
        catalog.append_or_update(
            Message::build_singular()
                .with_msgctxt(s.id.clone())
                .with_msgid(s.text.clone())
                .with_msgstr(text.to_string())
                .with_source(format!("{stem}.toml:{line}"))
                .with_flags(flags)
                .with_extracted_comments(notes)
                .done(),
        );
    }
    for d in drafts
        .iter()
        .filter(|d| !sources.iter().any(|s| s.id == d.id))
    {
        let mut notes = ORPHAN.to_string();
        if let Some(f) = &d.from {
            notes.push_str(&format!("\nfrom: {f}"));
        }
        catalog.append_or_update(
            Message::build_singular()
                .with_msgctxt(d.id.clone())
                .with_msgid(d.text.clone())
                .with_msgstr(d.text.clone())
                .with_extracted_comments(notes)
                .done(),
        );
    }
    let mut out = BufWriter::new(Vec::new());
    // Writing to memory cannot fail.
    let _ = polib::po_file::write(&catalog, &mut out);
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// GNU gettext's `Plural-Forms` for a language, as CAT tools expect it in
/// the header (the texts themselves have no plural forms).
fn plural_forms(tag: &str) -> Option<&'static str> {
    Some(match crate::locale::base_language(tag) {
        "fr" => "nplurals=2; plural=(n > 1);",
        "pt" if tag.ends_with("BR") => "nplurals=2; plural=(n > 1);",
        "en" | "es" | "pt" | "nl" | "de" | "it" | "hi" => "nplurals=2; plural=(n != 1);",
        "ar" => {
            "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
        }
        _ => return None,
    })
}

/// What is wrong with a PO file, and where (a byte range of the file)
/// when it is one line.
#[derive(Clone, Debug, PartialEq)]
pub struct PoError {
    pub message: String,
    pub at: Option<(Range<usize>, &'static str)>,
}

impl PoError {
    fn whole(message: String) -> PoError {
        PoError { message, at: None }
    }
}

/// Check the lines of a PO file before polib reads it: polib takes
/// `msgstr Banco Mundial` (no quotes) as "anco Mundia", skips a line it
/// does not know, and lets a second message of the same id replace the
/// first. Each is an error here, at its line.
fn check_syntax(text: &str) -> Result<(), PoError> {
    let mut contexts: HashSet<String> = HashSet::new();
    let mut plural = false;
    let mut in_message = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        let lead = body.len() - body.trim_start().len();
        let at = start + lead..start + lead + trimmed.len();
        let fail = |message: String, label: &'static str| PoError {
            message,
            at: Some((at.clone(), label)),
        };
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with('"') {
            if !in_message {
                return Err(fail(
                    "a quoted line that belongs to no keyword".into(),
                    "no msgid, msgstr or msgctxt before it",
                ));
            }
            quoted(trimmed).map_err(|why| fail(format!("a broken string: {why}"), "here"))?;
            continue;
        }
        let (keyword, rest) = trimmed.split_once([' ', '\t']).unwrap_or((trimmed, ""));
        let value = quoted(rest.trim()).map_err(|why| {
            fail(
                format!("the text of `{keyword}` is not a string in double quotes: {why}"),
                "expected \"…\"",
            )
        })?;
        match keyword {
            "msgctxt" => {
                if !contexts.insert(value.clone()) {
                    return Err(fail(
                        format!("a second message with the msgctxt \"{value}\""),
                        "the id of a text appears once",
                    ));
                }
                plural = false;
            }
            "msgid" => plural = false,
            "msgid_plural" => plural = true,
            "msgstr" => {}
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                if !plural {
                    return Err(fail(
                        format!("`{k}` on a message without msgid_plural"),
                        "texts have no plural forms: write msgstr",
                    ));
                }
            }
            _ => {
                return Err(fail(
                    format!("`{keyword}` is not a PO keyword"),
                    "expected msgctxt, msgid, msgstr, a quoted line or a # comment",
                ));
            }
        }
        in_message = true;
    }
    Ok(())
}

/// The text of a PO string (`"…"`, with C escapes), or why it is not one.
fn quoted(s: &str) -> Result<String, &'static str> {
    let inner = s
        .strip_prefix('"')
        .ok_or("it does not start with a double quote")?;
    let mut out = String::new();
    let mut chars = inner.chars();
    loop {
        match chars.next() {
            None => return Err("it has no closing double quote"),
            Some('"') => {
                return if chars.as_str().trim().is_empty() {
                    Ok(out)
                } else {
                    Err("text follows its closing double quote (write a quote inside as \\\")")
                };
            }
            Some('\\') => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(c @ ('"' | '\\')) => out.push(c),
                Some(c @ ('a' | 'b' | 'f' | 'v' | '?')) => {
                    out.push('\\');
                    out.push(c);
                }
                _ => return Err("an unknown escape after a backslash"),
            },
            Some(c) => out.push(c),
        }
    }
}

/// The entries a PO file holds, ready to write as a translation file.
/// A message without `msgctxt` cannot be matched to a text: it is an error,
/// as is a line that is not PO, or a file polib cannot read.
pub fn import_po(text: &str) -> Result<Vec<Draft>, PoError> {
    check_syntax(text)?;
    let catalog = polib::po_file::parse_from_reader(text.as_bytes())
        .map_err(|e| PoError::whole(format!("not a PO file polib can read: {e}")))?;
    let mut drafts = Vec::new();
    for m in catalog.messages() {
        let Some(id) = m.msgctxt().filter(|c| !c.is_empty()) else {
            return Err(PoError::whole(format!(
                "the message \"{}\" has no msgctxt: each message's msgctxt is the id of its text",
                m.msgid().chars().take(40).collect::<String>()
            )));
        };
        let text = m
            .msgstr()
            .map_err(|_| PoError::whole(format!("`{id}` has plural forms; texts have none")))?;
        let noted = m
            .extracted_comments()
            .lines()
            .find_map(|l| l.strip_prefix("from: "))
            .filter(|f| is_fingerprint(f))
            .map(String::from);
        let orphan = m.extracted_comments().lines().any(|l| l == ORPHAN);
        let from = if text.trim().is_empty() {
            None
        } else if m.is_fuzzy() || orphan {
            noted
        } else {
            // Translated and reviewed: it translates the msgid it carries.
            Some(fingerprint(m.msgid()))
        };
        drafts.push(Draft {
            id: id.to_string(),
            text: text.to_string(),
            from,
        });
    }
    Ok(drafts)
}

#[cfg(test)]
mod tests {
    use super::{check_syntax, quoted};

    const GOOD: &str = "# comment\nmsgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\n\
                        #. from: 1c9a03be\nmsgctxt \"indicator.gdp.source\"\nmsgid \"World \\\"Bank\\\"\"\n\
                        msgstr \"Banco \"\n\"Mundial\"\n";

    /// The line (1-based) an error points at.
    fn line_of(text: &str) -> Option<usize> {
        let e = check_syntax(text).unwrap_err();
        e.at.map(|(r, _)| text[..r.start].matches('\n').count() + 1)
    }

    #[test]
    fn strings_are_read_with_their_escapes() {
        assert_eq!(quoted("\"a \\\"b\\\"\\n\"").as_deref(), Ok("a \"b\"\n"));
        assert!(quoted("Banco Mundial").is_err());
        assert!(quoted("\"Banco Mundial").is_err());
        assert!(quoted("\"Banco\" Mundial\"").is_err());
        assert!(quoted("\"a \\q\"").is_err());
    }

    #[test]
    fn what_polib_would_misread_is_an_error_at_its_line() {
        assert_eq!(check_syntax(GOOD), Ok(()));
        // Unquoted, unclosed, an unquoted msgctxt, a stray line.
        for (bad, line) in [
            (GOOD.replace("msgstr \"Banco \"", "msgstr Banco"), 9),
            (GOOD.replace("msgstr \"Banco \"", "msgstr \"Banco"), 9),
            (
                GOOD.replace(
                    "msgctxt \"indicator.gdp.source\"",
                    "msgctxt indicator.gdp.source",
                ),
                7,
            ),
            (GOOD.replace("# comment\n", "GARBAGE LINE\n"), 1),
            (GOOD.replace("msgstr \"Banco \"", "msgstr[0] \"Banco \""), 9),
            (
                GOOD.replace(
                    "\"Mundial\"",
                    "\"Mundial\"\nmsgctxt \"indicator.gdp.source\"\nmsgid \"x\"\nmsgstr \"y\"",
                ),
                11,
            ),
        ] {
            assert_eq!(line_of(&bad), Some(line), "{bad}");
        }
        assert!(check_syntax("\"orphan\"\n").is_err());
    }
}
