//! The combined documents of a locale: every country of the pack in one
//! PDF and one DOCX, behind a cover and a contents page. The pack hands
//! each writer the countries of one locale, in pack order, already
//! resolved and laid out on their own; the writers live with the others
//! ([`crate::pipeline::combined_pdf`] draws the PDF).

use crate::diag::Diagnostics;
use crate::doc::{Front, Meta};
use crate::docx::DocxOptions;
use crate::output::Format;
use crate::pdf::{ColorMode, PdfOptions, PdfStandard};
use crate::pipeline::{self, PackCountry};
use crate::theme::Theme;

use super::spec::Cover;

/// Settings of a combined document.
pub struct CombinedOptions<'a> {
    pub cover: &'a Cover,
    pub theme: &'a Theme,
    /// The heading of the contents page, in the locale's language.
    pub contents: String,
    /// Start every country on a right-hand (odd) page, for print.
    pub right_hand_starts: bool,
    pub color: ColorMode,
    pub crop_marks: bool,
    /// SOURCE_DATE_EPOCH, if set.
    pub epoch: Option<i64>,
}

/// Why a combined document was not made.
pub enum CombinedError {
    /// The writer failed, with its diagnostics; `ours` when the fault is
    /// the tool's rather than the input's.
    Failed {
        diagnostics: Vec<Diagnostics>,
        ours: bool,
    },
}

/// The cover and contents of a combined document.
pub fn front(opts: &CombinedOptions<'_>, parts: &[PackCountry]) -> Front {
    let cover = &typeset(opts.cover, opts.theme.text.smart_quotes);
    Front {
        lang: cover.locale.clone(),
        meta: Meta {
            title: match &cover.period {
                Some(p) => format!("{} {p}", cover.title),
                None => cover.title.clone(),
            },
            author: cover.organisation.clone(),
            subject: cover.title.clone(),
            keywords: parts.iter().map(|p| p.doc.title.clone()).collect(),
        },
        title: cover.title.clone(),
        organisation: cover.organisation.clone(),
        period: cover.period.clone(),
        edition: cover.edition.clone(),
        contents: opts.contents.clone(),
        // Every country is drawn with the pack's theme, so any of them
        // holds the pack's logo, read once.
        logo: parts.first().and_then(|p| p.doc.logo.clone()),
    }
}

/// The cover's texts by the typography of its language, as a factsheet's
/// are: an en dash in "2016–2020", the language's quotes.
fn typeset(cover: &Cover, smart_quotes: bool) -> Cover {
    let choices = crate::typo::Choices {
        language: &cover.locale,
        quotes: None,
        percent: crate::typo::cldr_percent(&cover.locale),
    };
    let rules = crate::typo::Rules::for_language(&cover.locale, &choices, smart_quotes);
    let fix = |t: &String| crate::typo::apply(t, &rules);
    Cover {
        locale: cover.locale.clone(),
        title: fix(&cover.title),
        organisation: fix(&cover.organisation),
        period: cover.period.as_ref().map(fix),
        edition: cover.edition.as_ref().map(fix),
    }
}

/// The combined document of `parts` in `format`. Both writers plan the
/// same pages from the countries' layouts, which they leave as they are
/// (the PDF writer numbers a copy of each for the pack).
pub fn write(
    format: Format,
    parts: &[PackCountry],
    opts: &CombinedOptions<'_>,
) -> Result<Vec<u8>, CombinedError> {
    match format {
        Format::Pdf => {
            let front = front(opts, parts);
            let pdf = pipeline::PackOptions {
                pdf: PdfOptions {
                    color: opts.color,
                    crop_marks: opts.crop_marks,
                    standard: PdfStandard::Ua1,
                    epoch: opts.epoch,
                },
                right_hand: opts.right_hand_starts,
            };
            pipeline::combined_pdf(&front, parts, opts.theme, &pdf).map_err(|f| {
                CombinedError::Failed {
                    diagnostics: f.diagnostics,
                    ours: f.ours,
                }
            })
        }
        Format::Docx => {
            let front = front(opts, parts);
            let docx = pipeline::PackDocxOptions {
                docx: DocxOptions { epoch: opts.epoch },
                right_hand: opts.right_hand_starts,
            };
            pipeline::combined_docx(&front, parts, opts.theme, &docx).map_err(|f| {
                CombinedError::Failed {
                    diagnostics: f.diagnostics,
                    ours: f.ours,
                }
            })
        }
    }
}
