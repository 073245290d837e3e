//! The DOCX writer (in progress).

use crate::doc::Document;
use crate::job::OutputError;
use crate::theme::Theme;

pub struct DocxOptions {
    pub epoch: Option<i64>,
}

pub fn render(
    _doc: &Document,
    _theme: &Theme,
    _opts: &DocxOptions,
) -> Result<Vec<u8>, OutputError> {
    Err(OutputError::failed("the DOCX writer is not built yet"))
}
