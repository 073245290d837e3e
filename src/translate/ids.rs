//! The translatable texts of a profile, by id, with their places; and the
//! ids that name numbers, codes or structure, which a translation may not
//! touch.

use crate::diag::Loc;
use crate::profile::{IndicatorValue, Profile};

/// One translatable text of a profile.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceText {
    pub id: String,
    /// As written in the profile (paragraphs and notes with their markup).
    pub text: String,
    pub at: Loc,
    /// Paragraph or footnote: inline markup and note markers.
    pub markup: bool,
}

/// Every translatable text, in reading order (the order and ids of
/// [`Profile::text_ids`]).
pub fn source_texts(p: &Profile) -> Vec<SourceText> {
    let item = |id: String, text: &str, at: &Loc, markup: bool| SourceText {
        id,
        text: text.to_string(),
        at: at.clone(),
        markup,
    };
    let mut out = vec![
        item(
            "country.name".into(),
            &p.country.name,
            &p.country.name_at,
            false,
        ),
        item(
            "programme.name".into(),
            &p.programme.name,
            &p.programme.name_at,
            false,
        ),
    ];
    if let (Some(d), Some(at)) = (&p.programme.document, &p.programme.document_at) {
        out.push(item("programme.document".into(), d, at, false));
    }
    for i in &p.indicators {
        out.push(item(
            format!("indicator.{}.label", i.id),
            &i.label,
            &i.label_at,
            false,
        ));
        if let IndicatorValue::Text(t) = &i.value {
            out.push(item(
                format!("indicator.{}.value", i.id),
                t,
                &i.value_at,
                false,
            ));
        }
        if let (Some(u), Some(at)) = (&i.unit, &i.unit_at)
            && crate::profile::is_word_unit(u)
        {
            out.push(item(format!("indicator.{}.unit", i.id), u, at, false));
        }
        if let (Some(s), Some(at)) = (&i.source, &i.source_at) {
            out.push(item(format!("indicator.{}.source", i.id), s, at, false));
        }
    }
    for s in &p.sections {
        if let (Some(h), Some(at)) = (&s.heading, &s.heading_at) {
            out.push(item(format!("{}.heading", s.id), h, at, false));
        }
        for para in &s.paragraphs {
            out.push(item(para.id.clone(), &para.raw, &para.at, true));
        }
    }
    if let Some(b) = &p.budget
        && let (Some(l), Some(at)) = (&b.label, &b.label_at)
    {
        out.push(item("budget.label".into(), l, at, false));
    }
    for f in &p.footnotes {
        out.push(item(format!("footnote.{}", f.key), &f.raw, &f.at, true));
    }
    out
}

/// What an id names when it is a number, a code or structure of the
/// profile rather than text: "the budget's amount".
pub fn non_text(p: &Profile, id: &str) -> Option<String> {
    let fixed = match id {
        "language" => Some("the profile's language"),
        "country.code" => Some("the country's ISO code"),
        "programme.period" => Some("the programme's period"),
        "budget.amount" => Some("the budget's amount"),
        "budget.currency" => Some("the budget's currency code"),
        "budget.period" => Some("the budget's period"),
        "budget.after" => Some("the section the call-out follows"),
        "budget.footnote" => Some("the budget's footnote key"),
        _ => None,
    };
    if let Some(f) = fixed {
        return Some(f.to_string());
    }
    if let Some(rest) = id.strip_prefix("indicator.") {
        let (ind, field) = rest.rsplit_once('.')?;
        let i = p.indicators.iter().find(|i| i.id == ind)?;
        return match field {
            "value" if matches!(i.value, IndicatorValue::Number(_)) => {
                Some(format!("the number in indicator `{ind}`"))
            }
            "unit"
                if i.unit
                    .as_deref()
                    .is_some_and(|u| !crate::profile::is_word_unit(u)) =>
            {
                Some(format!("the unit of indicator `{ind}`, a symbol"))
            }
            "currency" | "year" | "footnote" | "sample" | "id" => {
                Some(format!("the {field} of indicator `{ind}`"))
            }
            _ => None,
        };
    }
    let (section, field) = id.rsplit_once('.')?;
    (field == "id" && p.sections.iter().any(|s| s.id == section))
        .then(|| format!("the id of section `{section}`"))
}
