//! Applying a translation to a profile: every text with an entry is
//! replaced, its place pointing into the translation file; a text without
//! one stays as written, with a warning. Stale entries (the source changed
//! since) are used, with a warning; orphans (an id that matches nothing)
//! are reported; an entry for a number or a code is an error.

use std::collections::{HashMap, HashSet};

use super::file::{Entry, Translation};
use super::fingerprint::fingerprint;
use super::ids::{SourceText, non_text, source_texts};
use crate::diag::{Diagnostic, Diagnostics, Loc, did_you_mean};
use crate::profile::{
    IndicatorValue, Markup, Profile, bad_chars, checks, parse_inline, span_in_source,
};

/// A translated profile (`None` when the translation has errors) and what
/// was found, by file: the translation's and the profile's.
pub struct Applied {
    pub profile: Option<Profile>,
    pub diagnostics: Vec<Diagnostics>,
}

/// A text ready to go into the profile.
struct Translated {
    text: String,
    at: Loc,
    markup: Option<Markup>,
}

/// Apply `tr` to `p`. `smart_quotes` is the theme's setting, as for the
/// profile's own paragraphs.
pub fn apply(p: &Profile, tr: &Translation, smart_quotes: bool) -> Applied {
    apply_chain(p, std::slice::from_ref(tr), smart_quotes)
}

/// Apply the translations of one language along its fallback chain, the
/// most specific first (`translations/es-BO/`, then `translations/es/`):
/// each text takes the first that translates it, so a regional file gives
/// only what differs, as a regional locale file does. The profile takes
/// the first one's language.
pub fn apply_chain(p: &Profile, chain: &[Translation], smart_quotes: bool) -> Applied {
    let mut pd = Diagnostics::new((*p.source).clone());
    let sources = source_texts(p);
    let by_id: HashMap<&str, &SourceText> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let Some(first) = chain.first() else {
        return Applied {
            profile: Some(p.clone()),
            diagnostics: Vec::new(),
        };
    };
    let language = language_name(&first.language);
    let mut done: HashMap<String, Translated> = HashMap::new();
    let mut entered: HashSet<&str> = HashSet::new();
    // Entries left empty, with their file: untranslated unless a file
    // further down the chain translates them.
    let mut empty: Vec<(usize, &Entry)> = Vec::new();
    let mut tds: Vec<Diagnostics> = chain
        .iter()
        .map(|tr| Diagnostics::new((*tr.file).clone()))
        .collect();

    for (k, tr) in chain.iter().enumerate() {
        let td = &mut tds[k];
        for e in &tr.entries {
            let id = e.id.value.as_str();
            if let Some(what) = non_text(p, id) {
                td.push(
                    Diagnostic::error("untranslatable", format!("`{id}` is {what}, not text"))
                        .at(e.id.span.clone(), "numbers, codes and structure stay in the profile")
                        .help("delete this entry: a translation holds text only; numbers are written in the locale's style by themselves"),
                );
                continue;
            }
            let Some(source) = by_id.get(id) else {
                let near = did_you_mean(id, sources.iter().map(|s| s.id.as_str()));
                td.push(
                    Diagnostic::warning("orphan-translation", format!("no text of the profile has the id `{id}`"))
                        .at(e.id.span.clone(), match near {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => "matches nothing".into(),
                        })
                        .help("the text was removed or its id changed: rename the entry to the text's id, or delete it (`factsheet translate` lists the ids)"),
                );
                continue;
            };
            entered.insert(source.id.as_str());
            if done.contains_key(id) {
                // A more specific file translates it.
                continue;
            }
            if e.text.value.trim().is_empty() {
                empty.push((k, e));
                continue;
            }
            check_fingerprint(td, e, source);
            if let Some(t) = translate(td, tr, e, source, smart_quotes) {
                done.insert(id.to_string(), t);
            }
        }
    }
    for (k, e) in empty {
        if done.contains_key(e.id.value.as_str()) {
            continue;
        }
        tds[k].push(
            Diagnostic::warning(
                "untranslated",
                format!(
                    "`{}` is not translated yet: the {} text is used",
                    e.id.value,
                    language_name(&p.language)
                ),
            )
            .at(e.text.span.clone(), "empty")
            .help(format!("write the {language} text here")),
        );
    }
    for s in &sources {
        if !entered.contains(&s.id.as_str()) {
            pd.push(
                Diagnostic::warning(
                    "untranslated",
                    format!(
                        "`{}` has no {language} translation: this text stays as written",
                        s.id
                    ),
                )
                .at(s.at.span.clone(), "not translated")
                .help(format!(
                    "add it to {} (`factsheet translate {} --locale {}` adds every missing entry)",
                    first.file.path.display(),
                    p.path.display(),
                    first.language
                )),
            );
        }
    }
    for td in &mut tds {
        td.sort();
    }
    pd.sort();
    let profile = tds.iter().all(|td| !td.has_errors()).then(|| {
        let mut out = p.clone();
        out.language.clone_from(&first.language);
        for (id, t) in done {
            set_text(&mut out, &id, t);
        }
        out
    });
    Applied {
        profile,
        diagnostics: std::iter::once(pd)
            .chain(tds)
            .filter(|d| !d.items.is_empty())
            .collect(),
    }
}

fn check_fingerprint(d: &mut Diagnostics, e: &Entry, source: &SourceText) {
    let now = fingerprint(&source.text);
    match &e.from {
        Some(f) if f.value == now => {}
        Some(f) => d.push(
            Diagnostic::warning("stale-translation", format!("the source text of `{}` changed since it was translated", source.id))
                .at(f.span.clone(), format!("translated from an older text (now {now})"))
                .help(format!(
                    "check the translation against the text now in the profile, then set from = \"{now}\" (`factsheet translate` shows the new text beside the entry)"
                )),
        ),
        None => d.push(
            Diagnostic::warning("no-fingerprint", format!("`{}` does not say which source text it translates", source.id))
                .at(e.text.span.clone(), "no `from` line")
                .help(format!("add from = \"{now}\" if it translates the text now in the profile, or run `factsheet translate`")),
        ),
    }
}

/// Check one entry's text and parse it like the profile's own.
fn translate(
    d: &mut Diagnostics,
    tr: &Translation,
    e: &Entry,
    source: &SourceText,
    smart_quotes: bool,
) -> Option<Translated> {
    let src = &tr.file.text;
    let value = &e.text.value;
    // The checks of the profile's own text: a bidirectional override in
    // Spanish text, say, would reverse it in the PDF and not in Word.
    let kind = if source.markup {
        checks::TextKind::Running
    } else {
        checks::TextKind::Plain
    };
    let mut ok = checks::text_chars(d, src, &e.text, crate::locale::is_rtl(&tr.language), kind);
    for (i, c) in bad_chars(value) {
        ok = false;
        d.push(
            Diagnostic::error("control-character", format!("invisible control character U+{:04X} in text", c as u32))
                .at(span_in_source(src, &e.text.span, value, i..i + c.len_utf8()), "here")
                .help("delete it (it often comes from copying out of another program); it would print as an empty box"),
        );
    }
    let at = Loc::new(&tr.file, e.text.span.clone());
    if !source.markup {
        checks::markup_in_plain(d, src, &e.text);
        return ok.then(|| Translated {
            text: value.trim().to_string(),
            at,
            markup: None,
        });
    }
    let mut m = match parse_inline(value, smart_quotes) {
        Ok(m) => m,
        Err(problems) => {
            for p in problems {
                d.push(
                    Diagnostic::error("markup", p.message)
                        .at(span_in_source(src, &e.text.span, value, p.at), "here")
                        .help(p.help),
                );
            }
            return None;
        }
    };
    m.rebase(|r| span_in_source(src, &e.text.span, value, r));
    ok &= same_markers(d, e, source, &m);
    same_links(d, e, source, &m);
    ok.then(|| Translated {
        text: value.clone(),
        at,
        markup: Some(m),
    })
}

/// A translated paragraph links where its source does: a link dropped,
/// added or sent elsewhere is worth a look (a translation may mean to
/// link to a page in its own language, so it is a warning).
fn same_links(d: &mut Diagnostics, e: &Entry, source: &SourceText, m: &Markup) {
    let Ok(parsed) = parse_inline(&source.text, false) else {
        return;
    };
    // The source's links not found in the translation, and the
    // translation's not found in the source, in order.
    let mut wanted: Vec<&str> = parsed.links().iter().map(|(l, _)| *l).collect();
    let mut extra = Vec::new();
    for (link, at) in m.links() {
        match wanted.iter().position(|l| *l == link) {
            Some(i) => {
                wanted.remove(i);
            }
            None => extra.push((link, at)),
        }
    }
    let mut wanted = wanted.into_iter();
    for (link, at) in extra {
        let (code, message, help) = match wanted.next() {
            Some(was) => (
                "link-changed",
                format!(
                    "the translation of `{}` links to {link} where its source links to {was}",
                    source.id
                ),
                format!("use {was} unless a page in this language is meant"),
            ),
            None => (
                "link-added",
                format!(
                    "the translation of `{}` links to {link}, which its source does not",
                    source.id
                ),
                "remove the link unless it is meant".to_string(),
            ),
        };
        d.push(
            Diagnostic::warning(code, message)
                .at(at.clone(), "not the source's link")
                .help(help),
        );
    }
    for link in wanted {
        d.push(
            Diagnostic::warning(
                "link-dropped",
                format!(
                    "the translation of `{}` drops the link to {link}",
                    source.id
                ),
            )
            .at(e.text.span.clone(), "link missing")
            .help(format!("write the linked words as [words]({link})")),
        );
    }
}

/// A translated paragraph cites the same notes as its source, as often.
fn same_markers(d: &mut Diagnostics, e: &Entry, source: &SourceText, m: &Markup) -> bool {
    let mut wanted: Vec<String> = match parse_inline(&source.text, false) {
        Ok(s) => s.note_refs().map(|(k, _)| k.to_string()).collect(),
        Err(_) => Vec::new(),
    };
    let mut ok = true;
    for (key, at) in m.note_refs() {
        match wanted.iter().position(|k| k == key) {
            Some(i) => {
                wanted.remove(i);
            }
            None => {
                ok = false;
                d.push(
                    Diagnostic::error(
                        "marker-added",
                        format!(
                            "the marker [^{key}] is not in the source text of `{}`",
                            source.id
                        ),
                    )
                    .at(at.clone(), "not in the source")
                    .help("a translation cites the same notes as its source: remove this marker"),
                );
            }
        }
    }
    for key in wanted {
        ok = false;
        d.push(
            Diagnostic::error(
                "marker-dropped",
                format!(
                    "the translation of `{}` drops the marker [^{key}]",
                    source.id
                ),
            )
            .at(e.text.span.clone(), format!("[^{key}] missing"))
            .help(format!(
                "put [^{key}] where the note belongs in the translated sentence"
            )),
        );
    }
    ok
}

/// Put a translated text in its place in the profile.
fn set_text(p: &mut Profile, id: &str, t: Translated) {
    match id {
        "country.name" => (p.country.name, p.country.name_at) = (t.text, t.at),
        "programme.name" => (p.programme.name, p.programme.name_at) = (t.text, t.at),
        "programme.document" => {
            p.programme.document = Some(t.text);
            p.programme.document_at = Some(t.at);
        }
        "budget.label" => {
            if let Some(b) = &mut p.budget {
                b.label = Some(t.text);
                b.label_at = Some(t.at);
            }
        }
        _ => {
            if let Some(key) = id.strip_prefix("footnote.")
                && let Some(f) = p.footnotes.iter_mut().find(|f| f.key == key)
            {
                f.raw = t.text;
                f.at = t.at;
                f.content = t.markup.unwrap_or_default();
                return;
            }
            if let Some(rest) = id.strip_prefix("indicator.")
                && let Some((ind, field)) = rest.rsplit_once('.')
                && let Some(i) = p.indicators.iter_mut().find(|i| i.id == ind)
            {
                match field {
                    "label" => (i.label, i.label_at) = (t.text, t.at),
                    "value" => (i.value, i.value_at) = (IndicatorValue::Text(t.text), t.at),
                    "source" => (i.source, i.source_at) = (Some(t.text), Some(t.at)),
                    "unit" => (i.unit, i.unit_at) = (Some(t.text), Some(t.at)),
                    _ => {}
                }
                return;
            }
            for s in &mut p.sections {
                if id.strip_suffix(".heading") == Some(s.id.as_str()) {
                    s.heading = Some(t.text);
                    s.heading_at = Some(t.at);
                    return;
                }
                if let Some(para) = s.paragraphs.iter_mut().find(|x| x.id == id) {
                    para.raw = t.text;
                    para.at = t.at;
                    para.content = t.markup.unwrap_or_default();
                    return;
                }
            }
        }
    }
}

/// A language's name in English, for messages: "Spanish" for `es`.
pub fn language_name(tag: &str) -> String {
    let name = match crate::locale::base_language(tag) {
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "nl" => "Dutch",
        "pt" => "Portuguese",
        "de" => "German",
        "ar" => "Arabic",
        "hi" => "Hindi",
        "th" => "Thai",
        _ => return format!("`{tag}`"),
    };
    name.to_string()
}
