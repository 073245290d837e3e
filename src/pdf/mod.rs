//! The PDF writer (in progress).

use crate::cli::{ColorMode, PdfStandard};
use crate::doc::Document;
use crate::job::OutputError;
use crate::theme::Theme;

pub struct PdfOptions {
    pub color: ColorMode,
    pub crop_marks: bool,
    pub standard: PdfStandard,
    pub epoch: Option<i64>,
}

pub fn render(_doc: &Document, _theme: &Theme, _opts: &PdfOptions) -> Result<Vec<u8>, OutputError> {
    Err(OutputError::failed("the PDF writer is not built yet"))
}
