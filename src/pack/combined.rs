//! The combined documents of a locale: every country of the pack in one
//! PDF and one DOCX, behind a cover and a contents page. The pack hands
//! each writer the countries of one locale, in pack order, already
//! resolved and laid out; the writers themselves live with the other
//! writers (src/pdf, src/docx).

use std::sync::Arc;

use crate::design::Design;
use crate::doc::Document;
use crate::fonts::FontSet;
use crate::layout::Layout;
use crate::output::{Format, OutputError};
use crate::pdf::ColorMode;
use crate::theme::Theme;

use super::spec::Cover;

/// One country of a combined document, rendered in memory.
pub struct CountryPart {
    /// The profile's file name without `.toml`.
    pub name: String,
    /// The country's name, as the profile gives it.
    pub country: String,
    pub document: Document,
    pub design: Design,
    /// The PDF layout, when the pack makes PDFs.
    pub layout: Option<Layout>,
    pub fonts: Arc<FontSet>,
}

/// Settings of a combined document.
pub struct CombinedOptions<'a> {
    pub cover: &'a Cover,
    pub theme: &'a Theme,
    /// Start every country on a right-hand (odd) page, for print.
    pub right_hand_starts: bool,
    pub color: ColorMode,
    pub crop_marks: bool,
    /// SOURCE_DATE_EPOCH, if set.
    pub epoch: Option<i64>,
}

/// Why a combined document was not made.
pub enum CombinedError {
    /// This build of the tool has no writer for it.
    Unavailable(&'static str),
    Failed(OutputError),
}

/// Whether this build of the tool can make the combined document in
/// `format` (the pack lays the countries out for it only then).
pub fn available(format: Format) -> bool {
    match format {
        Format::Pdf | Format::Docx => false,
    }
}

/// The combined document of `parts` in `format`.
pub fn write(
    format: Format,
    parts: &[CountryPart],
    opts: &CombinedOptions<'_>,
) -> Result<Vec<u8>, CombinedError> {
    // The one call point of each combined writer. They take the parts in
    // pack order and the options above, and return the file's bytes.
    let _ = (parts, opts);
    match format {
        Format::Pdf => Err(CombinedError::Unavailable(
            "the combined PDF writer is not part of this build yet",
        )),
        Format::Docx => Err(CombinedError::Unavailable(
            "the combined DOCX writer is not part of this build yet",
        )),
    }
}
