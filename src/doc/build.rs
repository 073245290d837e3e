//! Resolving a profile, a locale and a theme into a [`Document`].

use std::collections::HashMap;
use std::sync::Arc;

use super::*;
use crate::locale::{Locale, fill};
use crate::profile::{self, IndicatorValue, Mark, Markup, Profile};
use crate::theme::Theme;

/// The line above the title: "Country factsheet · Programme 2016–2020".
/// A programme name that runs the other way from the line (an Arabic name
/// in an English line) is closed by a mark of the line's direction, so
/// that the period after it is read in the line's order: without it the
/// bidirectional algorithm takes the figures into the name's run and
/// "2016–2020" reads "2020–2016".
pub fn kicker(kind: &str, programme: &str, period: &str, rtl: bool) -> String {
    let opposite = |c: char| {
        let c_rtl = crate::locale::is_rtl_char(c);
        c.is_alphabetic() && c_rtl != rtl
    };
    let mark = if programme.chars().any(opposite) {
        if rtl { "\u{200f}" } else { "\u{200e}" }
    } else {
        ""
    };
    format!("{kind} \u{b7} {programme}{mark} {period}")
}

/// Build the document tree. Files are not read here: the logo comes loaded
/// with the theme.
pub fn build(p: &Profile, locale: &Locale, theme: &Theme) -> Document {
    let mut notes = NoteNumbers::default();
    let period = &p.programme.period;
    let document_kind = p
        .programme
        .document
        .clone()
        .unwrap_or_else(|| locale.labels.document.clone());

    let indicators = (!p.indicators.is_empty()).then(|| {
        let boxes: Vec<IndicatorBox> = p
            .indicators
            .iter()
            .map(|i| IndicatorBox {
                id: i.id.clone(),
                label: i.label.clone(),
                value: indicator_value(i, locale),
                detail: indicator_detail(i, locale),
                note: i.footnote.as_deref().map(|k| notes.number(k)),
                sample: i.sample,
                at: Some(i.at.clone()),
                label_at: Some(i.label_at.clone()),
                value_at: Some(i.value_at.clone()),
                detail_at: i.source_at.clone().or_else(|| Some(i.at.clone())),
            })
            .collect();
        let note = boxes
            .iter()
            .any(|b| b.sample)
            .then(|| locale.labels.sample_note.clone());
        IndicatorRow {
            heading: fill(&locale.labels.indicators, &[("period", period)]),
            boxes,
            note,
        }
    });

    let callout_after = p
        .budget
        .as_ref()
        .and_then(|b| b.after.clone())
        .or_else(|| p.sections.last().map(|s| s.id.clone()));
    // Notes are numbered in reading order: the call-out's marker counts
    // where the call-out stands, after its section's paragraphs.
    let make_callout = |b: &profile::Budget, notes: &mut NoteNumbers| {
        Block::Callout(Callout {
            id: "budget".into(),
            label: b
                .label
                .clone()
                .unwrap_or_else(|| fill(&locale.labels.budget, &[("period", &b.period)])),
            amount: locale.money(b.amount, &b.currency),
            note: b.footnote.as_deref().map(|k| notes.number(k)),
            at: Some(b.at.clone()),
            label_at: b.label_at.clone(),
        })
    };

    let mut body = Vec::new();
    for s in &p.sections {
        if let Some(h) = &s.heading {
            body.push(Block::Heading(Heading {
                id: s.id.clone(),
                text: h.clone(),
                at: s.heading_at.clone(),
            }));
        }
        for para in &s.paragraphs {
            body.push(Block::Paragraph(Paragraph {
                id: para.id.clone(),
                runs: runs(&para.content, &para.at, &mut notes),
                at: Some(para.at.clone()),
            }));
        }
        if callout_after.as_deref() == Some(s.id.as_str())
            && let Some(b) = &p.budget
        {
            body.push(make_callout(b, &mut notes));
        }
    }

    // Footnote text may not hold markers (checked), so numbering is final.
    let by_key: HashMap<&str, &profile::Footnote> =
        p.footnotes.iter().map(|f| (f.key.as_str(), f)).collect();
    let mut doc_notes: Vec<Note> = notes
        .order
        .iter()
        .enumerate()
        .filter_map(|(i, key)| {
            let f = by_key.get(key.as_str())?;
            Some(Note {
                number: i as u32 + 1,
                key: key.clone(),
                runs: runs(&f.content, &f.at, &mut NoteNumbers::default()),
                at: Some(f.at.clone()),
            })
        })
        .collect();
    doc_notes.sort_by_key(|n| n.number);

    // The kicker runs in the direction of its first letter where labels and
    // text run different ways (`locale::label_runs_rtl`); its kind of
    // document comes first.
    let kicker_rtl = crate::locale::label_runs_rtl(
        &document_kind,
        crate::locale::is_rtl(&locale.language),
        crate::locale::is_rtl(&p.language),
    );
    let mut document = Document {
        lang: p.language.clone(),
        label_lang: locale.language.clone(),
        meta: Meta {
            title: fill(
                &locale.labels.title,
                &[
                    ("country", &p.country.name),
                    ("document", &document_kind),
                    ("period", period),
                ],
            ),
            author: theme.organisation.clone(),
            subject: format!("{} {}", p.programme.name, period),
            keywords: vec![
                p.country.name.clone(),
                p.country.code.clone(),
                p.programme.name.clone(),
                document_kind.clone(),
            ],
        },
        kicker: kicker(&document_kind, &p.programme.name, period, kicker_rtl),
        title: p.country.name.clone(),
        title_at: Some(p.country.name_at.clone()),
        kicker_at: Some(
            p.programme
                .document_at
                .clone()
                .unwrap_or_else(|| p.programme.name_at.clone()),
        ),
        indicators,
        body,
        notes: doc_notes,
        footer: Footer {
            text: format!("{} {period} \u{b7} {}", p.programme.name, p.country.name),
            shorter: vec![
                format!("{} {period}", p.programme.name),
                p.country.name.clone(),
                p.country.code.clone(),
            ],
            page_pattern: locale.labels.page.clone(),
        },
        logo: theme.logo.clone(),
        pages: p.pages,
    };
    // Quotes, spacing and dashes by the language of each text.
    super::apply_typography(&mut document, locale, theme.text.smart_quotes);
    document
}

/// Numbers footnotes in the order their first markers are read.
#[derive(Default)]
struct NoteNumbers {
    order: Vec<String>,
}

impl NoteNumbers {
    fn number(&mut self, key: &str) -> u32 {
        match self.order.iter().position(|k| k == key) {
            Some(i) => i as u32 + 1,
            None => {
                self.order.push(key.to_string());
                self.order.len() as u32
            }
        }
    }
}

/// A text's runs; `source` is the place of the whole text, whose file the
/// marks' ranges are in.
fn runs(m: &Markup, source: &Loc, notes: &mut NoteNumbers) -> Vec<Run> {
    let runs: Vec<Run> =
        m.0.iter()
            .map(|mark| match mark {
                Mark::Text {
                    text,
                    strong,
                    emphasis,
                    link,
                    at,
                } => Run::Text {
                    text: text.clone(),
                    strong: *strong,
                    emphasis: *emphasis,
                    link: link.as_deref().map(Arc::from),
                    at: Some(source.with_span(at.clone())),
                },
                Mark::NoteRef { key, .. } => Run::NoteRef(notes.number(key)),
                Mark::Break => Run::Break,
            })
            .collect();
    markers_side_by_side(runs)
}

/// Markers with only white space between them ("[^a] [^b]") stand side
/// by side: a marker belongs to the word before it, and the writers put
/// [`super::NOTE_SEPARATOR`] between two markers.
fn markers_side_by_side(runs: Vec<Run>) -> Vec<Run> {
    let blank = |r: &Run| matches!(r, Run::Text { text, .. } if text.trim().is_empty());
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for (i, run) in runs.iter().enumerate() {
        let between_markers = blank(run)
            && matches!(out.last(), Some(Run::NoteRef(_)))
            && matches!(
                runs[i + 1..].iter().find(|r| !blank(r)),
                Some(Run::NoteRef(_))
            );
        if !between_markers {
            out.push(run.clone());
        }
    }
    out
}

fn indicator_value(i: &profile::Indicator, locale: &Locale) -> String {
    match (&i.value, &i.currency) {
        (IndicatorValue::Number(n), Some(c)) => locale.money(*n, c),
        (IndicatorValue::Number(n), None) => {
            let num = locale.number(*n, crate::profile::checks::NUMBER_DECIMALS as i16);
            match &i.unit {
                // "%" and similar sit close; words take a no-break space.
                Some(u) => locale.with_unit(&num, u),
                None => num,
            }
        }
        (IndicatorValue::Text(t), _) => match &i.unit {
            Some(u) => format!("{t}\u{a0}{u}"),
            None => t.clone(),
        },
    }
}

fn indicator_detail(i: &profile::Indicator, locale: &Locale) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(s) = &i.source {
        parts.push(s.clone());
    }
    if let Some(y) = i.year {
        parts.push(y.to_string());
    }
    if i.sample {
        parts.push(locale.labels.sample.clone());
    }
    (!parts.is_empty()).then(|| parts.join(&locale.list_separator))
}

#[cfg(test)]
mod tests {
    use super::kicker;

    #[test]
    fn a_programme_name_of_the_other_direction_is_closed_by_a_mark() {
        // Without the mark the bidirectional algorithm sets the period
        // inside the Arabic name's run, reversed.
        assert_eq!(
            kicker("Country factsheet", "تحالف", "2016–2020", false),
            "Country factsheet · تحالف\u{200e} 2016–2020"
        );
        assert_eq!(
            kicker("صحيفة", "Down to Zero", "2016–2020", true),
            "صحيفة · Down to Zero\u{200f} 2016–2020"
        );
        // Names in the line's own direction, or of no letters, are left bare.
        for (name, rtl) in [("Down to Zero", false), ("تحالف", true), ("2030", false)] {
            assert_eq!(kicker("K", name, "2016", rtl), format!("K · {name} 2016"));
        }
    }
}
