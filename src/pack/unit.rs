//! One unit of the pack: a country in a locale. Its outputs that are
//! current are skipped; the others are rendered and written at once
//! ([`job::render_and_write`], as `build` does). When the locale's
//! combined documents are to be made, the unit is only laid out here
//! ([`build`] keeps it as a part) and its files are drawn from that
//! layout later ([`finish`]), beside the combined PDF.

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
    /// The country laid out, for the combined documents.
    pub part: Option<PackCountry>,
    /// The outputs still to be drawn from `part` and written ([`finish`]).
    pub pending: Vec<usize>,
    /// What is worth telling beyond the files (set tighter to fit).
    pub infos: Vec<String>,
}

/// Build one country in one locale: write its stale outputs; or, when
/// the combined documents are to be made (`want_part`), lay it out and
/// keep it as a part, its stale outputs pending for [`finish`].
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
        pending: Vec::new(),
        infos: Vec::new(),
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
    if want_part {
        // Laid out now, drawn later: the combined documents need every
        // country's page count before the first is drawn.
        match pipeline::prepare(&document, theme) {
            Ok(p) => {
                result.diagnostics.extend(p.fit.warning(&document, theme));
                result.infos.extend(p.fit.info(theme));
                result.part = Some(PackCountry {
                    doc: document,
                    design: p.design,
                    layout: p.layout,
                });
                result.pending = stale;
            }
            Err(f) => fail(&mut result, f),
        }
        return result;
    }
    let formats: Vec<Format> = stale.iter().map(|&i| u.outputs[i].format).collect();
    let target = |format: Format| {
        let i = u.outputs.iter().position(|o| o.format == format);
        out.join(&u.outputs[i.unwrap_or(0)].path)
    };
    match job::render_and_write(
        &document,
        theme,
        &render_options(formats, settings),
        false,
        &target,
    ) {
        Ok((files, rendered)) => {
            result
                .diagnostics
                .extend(rendered.fit.warning(&document, theme));
            result.infos.extend(rendered.fit.info(theme));
            record(&mut result, u, files);
        }
        Err(f) => fail(&mut result, f),
    }
    result
}

/// Draw the pending outputs of a unit [`build`] laid out, and write them.
pub fn finish(
    u: &Unit,
    opts: &PackOptions,
    theme: &Theme,
    settings: &Settings,
    part: &PackCountry,
    result: &mut UnitResult,
) {
    if result.pending.is_empty() {
        return;
    }
    let formats: Vec<Format> = result
        .pending
        .iter()
        .map(|&i| u.outputs[i].format)
        .collect();
    let target = |format: Format| {
        let i = u.outputs.iter().position(|o| o.format == format);
        opts.out_dir.join(&u.outputs[i.unwrap_or(0)].path)
    };
    let render_opts = render_options(formats, settings);
    match pipeline::write_prepared(&part.doc, theme, &render_opts, &part.design, &part.layout) {
        Ok(outputs) => record(result, u, job::write_files(outputs, &target)),
        Err(f) => fail(result, f),
    }
    result.pending.clear();
}

fn render_options(formats: Vec<Format>, settings: &Settings) -> RenderOptions {
    RenderOptions {
        formats,
        pdf: PdfOptions {
            color: settings.color,
            crop_marks: settings.crop_marks,
            standard: PdfStandard::Ua1,
            epoch: settings.epoch,
        },
        docx: crate::docx::DocxOptions {
            epoch: settings.epoch,
        },
    }
}

fn record(result: &mut UnitResult, u: &Unit, files: Vec<Result<job::Written, String>>) {
    for file in files {
        match file {
            Ok(w) => {
                let i = u.outputs.iter().position(|o| o.format == w.format);
                result.written.extend(i.map(|i| (i, w.bytes, w.sha256)));
            }
            Err(message) => result.failure = Some(message),
        }
    }
}

fn fail(result: &mut UnitResult, f: RenderFailure) {
    result.diagnostics.extend(f.diagnostics);
    result.failure = Some(if f.ours {
        "not built (a fault of the tool, not of the profile): see the errors above".into()
    } else {
        "not built: see the errors above".into()
    });
}
