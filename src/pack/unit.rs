//! One unit of the pack: a country in a locale. Its outputs that are
//! current are skipped; the others are rendered and written at once
//! ([`job::render_and_write`], as `build` does), and its rendering is kept
//! when the locale's combined documents are to be made.

use std::sync::Arc;

use crate::diag::Diagnostics;
use crate::job;
use crate::output::Format;
use crate::pdf::{PdfOptions, PdfStandard};
use crate::pipeline::{self, PackCountry, RenderFailure, RenderOptions};
use crate::theme::Theme;

use super::PackOptions;
use super::manifest::State;
use super::plan::{Settings, Unit};

/// What became of one unit.
pub struct UnitResult {
    pub diagnostics: Vec<Diagnostics>,
    /// Output index in the unit, file size, digest.
    pub written: Vec<(usize, u64, String)>,
    pub skipped: Vec<usize>,
    pub failure: Option<String>,
    pub part: Option<PackCountry>,
}

/// Build one country in one locale: write its stale outputs, and keep its
/// rendering for the combined documents when they are to be made.
pub fn build(
    u: &Unit,
    opts: &PackOptions,
    state: &State,
    theme: &Arc<Theme>,
    settings: &Settings,
    want_part: bool,
) -> UnitResult {
    let out = &opts.out_dir;
    let mut result = UnitResult {
        diagnostics: Vec::new(),
        written: Vec::new(),
        skipped: Vec::new(),
        failure: None,
        part: None,
    };
    let mut stale = Vec::new();
    for (i, o) in u.outputs.iter().enumerate() {
        if !opts.force && state.up_to_date(out, &o.path, &o.key).is_some() {
            result.skipped.push(i);
        } else {
            stale.push(i);
        }
    }
    if stale.is_empty() && !want_part {
        return result;
    }
    let asked = (!u.own_language).then_some(u.locale.as_str());
    let (loaded, diags) = job::load_document(&u.profile, theme, asked);
    result.diagnostics = diags;
    let Some((_, document)) = loaded else {
        result.failure = Some("not built: see the errors above".into());
        return result;
    };
    let formats: Vec<Format> = stale.iter().map(|&i| u.outputs[i].format).collect();
    let render_opts = RenderOptions {
        formats: formats.clone(),
        pdf: PdfOptions {
            color: settings.color,
            crop_marks: settings.crop_marks,
            standard: PdfStandard::Ua1,
            epoch: settings.epoch,
        },
        docx: crate::docx::DocxOptions {
            epoch: settings.epoch,
        },
    };
    let fail = |result: &mut UnitResult, f: RenderFailure| {
        result.diagnostics.extend(f.diagnostics);
        result.failure = Some(if f.ours {
            "not built (a fault of the tool, not of the profile): see the errors above".into()
        } else {
            "not built: see the errors above".into()
        });
    };
    let mut design_layout = None;
    if !formats.is_empty() {
        // Every format rendered is one of the unit's outputs.
        let target = |format: Format| {
            let i = u.outputs.iter().position(|o| o.format == format);
            out.join(&u.outputs[i.unwrap_or(0)].path)
        };
        match job::render_and_write(&document, theme, &render_opts, &target) {
            Ok((files, rendered)) => {
                for file in files {
                    match file {
                        Ok(w) => {
                            let i = u.outputs.iter().position(|o| o.format == w.format);
                            result.written.extend(i.map(|i| (i, w.bytes, w.sha256)));
                        }
                        Err(message) => result.failure = Some(message),
                    }
                }
                design_layout = Some((rendered.design, rendered.layout));
            }
            Err(f) => {
                fail(&mut result, f);
                return result;
            }
        }
    }
    if want_part && result.failure.is_none() {
        // The combined documents need every country laid out.
        let (design, layout) = match design_layout {
            Some((d, Some(l))) => (d, l),
            _ => match pipeline::prepare(&document, theme) {
                Ok(p) => (p.design, p.layout),
                Err(f) => {
                    fail(&mut result, f);
                    return result;
                }
            },
        };
        result.part = Some(PackCountry {
            doc: document,
            design,
            layout,
        });
    }
    result
}
