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

use std::io::BufWriter;

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

/// The entries a PO file holds, ready to write as a translation file.
/// A message without `msgctxt` cannot be matched to a text: it is an error,
/// as is a file polib cannot read.
pub fn import_po(text: &str) -> Result<Vec<Draft>, String> {
    let catalog = polib::po_file::parse_from_reader(text.as_bytes())
        .map_err(|e| format!("not a PO file polib can read: {e}"))?;
    let mut drafts = Vec::new();
    for m in catalog.messages() {
        let Some(id) = m.msgctxt().filter(|c| !c.is_empty()) else {
            return Err(format!(
                "the message \"{}\" has no msgctxt: each message's msgctxt is the id of its text",
                m.msgid().chars().take(40).collect::<String>()
            ));
        };
        let text = m
            .msgstr()
            .map_err(|_| format!("`{id}` has plural forms; texts have none"))?;
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
