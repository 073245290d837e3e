//! One document through every stage after the tree: fonts, the design,
//! the layout and its verification, then each writer — all in memory, so
//! that a document is either wholly rendered in every format asked for or
//! not at all (nothing is written by this module). `check` runs the same
//! stages as `build`, so it fails wherever a build would.

pub mod fit;

use std::sync::Arc;

use crate::design::{self, Design};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::doc::Document;
use crate::docx::DocxOptions;
use crate::fonts::{self, FontSet};
use crate::layout::{self, Layout, Measurer};
use crate::output::{Format, OutputError};
use crate::pdf::PdfOptions;
use crate::theme::Theme;

pub use fit::FitOutcome;

/// What to render.
pub struct RenderOptions {
    pub formats: Vec<Format>,
    pub pdf: PdfOptions,
    pub docx: DocxOptions,
}

/// A document rendered in every format asked for.
pub struct Rendered {
    pub outputs: Vec<(Format, Vec<u8>)>,
    pub design: Design,
    /// The PDF's layout, when a PDF was asked for.
    pub layout: Option<Layout>,
    /// Whether the document was set tighter to fit its pages.
    pub fit: FitOutcome,
}

/// Why a document could not be rendered.
#[derive(Debug)]
pub struct RenderFailure {
    /// Every problem, grouped by the file it points into.
    pub diagnostics: Vec<Diagnostics>,
    /// A fault of ours or of the machine (exit 1) rather than the input's
    /// (exit 2).
    pub ours: bool,
}

/// Fonts, design and layout of a document (no writer).
pub struct Prepared {
    pub fonts: Arc<FontSet>,
    pub design: Design,
    pub layout: Layout,
    pub fit: FitOutcome,
}

/// Resolve the design and lay the document out (and verify the layout),
/// fitted to the pages the theme asks for.
pub fn prepare(doc: &Document, theme: &Theme) -> Result<Prepared, RenderFailure> {
    let (fonts, design) = resolve(doc, theme)?;
    let laid = lay_out(doc, &design, &fonts)?;
    let (tight, layout, fit) = fit::fit(doc, theme, &fonts, laid);
    Ok(Prepared {
        fonts,
        design: tight.unwrap_or(design),
        layout,
        fit,
    })
}

/// The fonts and the design of a document.
pub fn resolve(doc: &Document, theme: &Theme) -> Result<(Arc<FontSet>, Design), RenderFailure> {
    let fallback = fallback_file(doc);
    let fonts = fonts::fonts_for(&theme.fonts).map_err(|message| RenderFailure {
        diagnostics: vec![single(
            &fallback,
            Diagnostic::error("font", message)
                .help("check the font files named under [fonts] in the theme"),
        )],
        ours: false,
    })?;
    let design =
        design::resolve(doc, theme, &Measurer::new(&fonts, &doc.lang)).map_err(|problems| {
            let items = problems
                .into_iter()
                .map(|p| (Diagnostic::error("design", p.message).help(p.help), p.at))
                .collect();
            RenderFailure {
                diagnostics: Diagnostics::by_file(items, &fallback),
                ours: false,
            }
        })?;
    Ok((fonts, design))
}

/// Lay a document out in its design; problems become diagnostics at their
/// places in the profile.
pub fn lay_out(doc: &Document, design: &Design, fonts: &FontSet) -> Result<Layout, RenderFailure> {
    let fallback = fallback_file(doc);
    layout::layout(doc, design, fonts).map_err(|e| {
        let ours = e.is_bug();
        let items =
            e.0.into_iter()
                .map(|p| {
                    let code = if p.bug { "layout-bug" } else { "layout" };
                    (Diagnostic::error(code, p.message).help(p.help), p.at)
                })
                .collect();
        RenderFailure {
            diagnostics: Diagnostics::by_file(items, &fallback),
            ours,
        }
    })
}

/// Render a document in every format of `opts`.
pub fn render(
    doc: &Document,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Rendered, RenderFailure> {
    let fallback = fallback_file(doc);
    let (fonts, design) = resolve(doc, theme)?;
    let wants = |f: Format| opts.formats.contains(&f);
    // A theme that fits factsheets to their pages needs the layout even
    // for a DOCX alone: the DOCX is set in the design the PDF fits in.
    let fitting = fit::pages_wanted(doc, theme) > 0;
    let pdf = || {
        if !wants(Format::Pdf) && !fitting {
            return Ok(None);
        }
        let laid = lay_out(doc, &design, &fonts)?;
        let (tight, laid, fit) = fit::fit(doc, theme, &fonts, laid);
        let bytes = wants(Format::Pdf).then(|| {
            let d = tight.as_ref().unwrap_or(&design);
            crate::pdf::write(doc, d, &laid, theme, &fonts, &opts.pdf)
        });
        Ok::<_, RenderFailure>(Some((tight, laid, fit, bytes)))
    };
    let docx = || {
        // The logo's PDF image (decoded and compressed once per process)
        // is made here, beside the layout, when both run side by side.
        if wants(Format::Pdf) {
            crate::pdf::prepare_logo(doc.logo.as_ref());
        }
        // In the natural design: made again below in the rare case the
        // layout had to be set tighter.
        wants(Format::Docx).then(|| crate::docx::render(doc, &design, theme, &opts.docx))
    };
    // One document alone (called from outside the thread pool) is made on
    // two threads: the DOCX and the logo beside the PDF's layout; Word
    // lays the DOCX out and needs nothing of ours. Inside the pool (a
    // batch), documents are the unit of parallel work and each is made on
    // one thread: a thread waiting in a join would run other documents'
    // work on its own stack, nesting without bound.
    let (pdf, docx) = if rayon::current_thread_index().is_none() {
        rayon::join(pdf, docx)
    } else {
        let docx = docx();
        (pdf(), docx)
    };
    let (tight, layout, fit, pdf) = match pdf? {
        Some((tight, laid, fit, bytes)) => (tight, wants(Format::Pdf).then_some(laid), fit, bytes),
        None => (None, None, FitOutcome::Natural, None),
    };
    let docx = match &tight {
        Some(d) if wants(Format::Docx) => Some(crate::docx::render(doc, d, theme, &opts.docx)),
        _ => docx,
    };
    let design = tight.unwrap_or(design);
    let outputs = gather(opts, pdf, docx, &fallback)?;
    Ok(Rendered {
        outputs,
        design,
        layout,
        fit,
    })
}

/// The outputs of a document already resolved and laid out: a pack lays
/// its countries out first, to number its combined documents, and draws
/// each country's own files from the same layout.
pub fn write_prepared(
    doc: &Document,
    theme: &Theme,
    opts: &RenderOptions,
    design: &Design,
    laid: &Layout,
) -> Result<Vec<(Format, Vec<u8>)>, RenderFailure> {
    let wants = |f: Format| opts.formats.contains(&f);
    // The theme's fonts were loaded (and cached) when it was laid out.
    let fonts = fonts::fonts_for(&theme.fonts);
    let pdf = wants(Format::Pdf).then(|| {
        let fonts = fonts
            .as_ref()
            .map_err(|e| OutputError::invalid(e.clone()))?;
        crate::pdf::write(doc, design, laid, theme, fonts, &opts.pdf)
    });
    let docx = wants(Format::Docx).then(|| crate::docx::render(doc, design, theme, &opts.docx));
    gather(opts, pdf, docx, &fallback_file(doc))
}

/// Each writer's bytes in the order of `opts.formats`, or every writer's
/// problem.
fn gather(
    opts: &RenderOptions,
    mut pdf: Option<Result<Vec<u8>, OutputError>>,
    mut docx: Option<Result<Vec<u8>, OutputError>>,
    fallback: &Arc<SourceFile>,
) -> Result<Vec<(Format, Vec<u8>)>, RenderFailure> {
    let mut outputs = Vec::new();
    let mut problems: Vec<(Diagnostic, Option<crate::diag::Loc>, bool)> = Vec::new();
    for format in &opts.formats {
        let result = match format {
            Format::Pdf => pdf.take(),
            Format::Docx => docx.take(),
        };
        match result {
            Some(Ok(bytes)) => outputs.push((*format, bytes)),
            Some(Err(e)) => problems.push(writer_problem(*format, e)),
            None => {}
        }
    }
    if problems.is_empty() {
        return Ok(outputs);
    }
    let ours = problems.iter().any(|(_, _, ours)| *ours);
    let items = problems.into_iter().map(|(d, at, _)| (d, at)).collect();
    Err(RenderFailure {
        diagnostics: Diagnostics::by_file(items, fallback),
        ours,
    })
}

fn writer_problem(format: Format, e: OutputError) -> (Diagnostic, Option<crate::diag::Loc>, bool) {
    let code = match format {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    };
    let d = Diagnostic::error(code, format!("no {}: {}", format.extension(), e.message));
    let d = match e.help {
        Some(h) => d.help(h),
        None => d,
    };
    (d, e.at, !e.invalid_input)
}

/// The file problems without a place of their own are reported against:
/// the profile.
fn fallback_file(doc: &Document) -> Arc<SourceFile> {
    match &doc.title_at {
        Some(l) => l.file.clone(),
        None => Arc::new(SourceFile::new("<document>", "")),
    }
}

fn single(file: &Arc<SourceFile>, d: Diagnostic) -> Diagnostics {
    let mut out = Diagnostics::new((**file).clone());
    out.push(d);
    out
}

/// One country of a pack: its document, its design and its layout (as
/// laid out on its own, verified).
pub struct PackCountry {
    pub doc: Document,
    pub design: Design,
    pub layout: Layout,
}

/// How a pack's combined PDF is made.
pub struct PackOptions {
    pub pdf: crate::pdf::PdfOptions,
    /// Each country starts on a right-hand (odd-numbered) page, for print.
    pub right_hand: bool,
}

/// The combined PDF of a pack: a cover and contents, then every country
/// with continuous page numbers and its name as running head. Each
/// country's layout is copied and numbered for the pack when its turn
/// comes (nothing else moves), and the copy is dropped once drawn; the
/// countries' own layouts are left as they are, so their own PDFs can be
/// drawn from them at the same time.
pub fn combined_pdf(
    front: &crate::doc::Front,
    countries: &[PackCountry],
    theme: &Theme,
    opts: &PackOptions,
) -> Result<Vec<u8>, RenderFailure> {
    let (fonts, design) = front_design(front, theme)?;
    let plan = plan_pack(front, countries, &design, &fonts, opts.right_hand)?;
    let mut stopped = None;
    let mut numbered = |i: usize| {
        let c: &PackCountry = &countries[i];
        let numbering = layout::Numbering {
            first: plan.starts[i].0,
            total: plan.total,
            running_head: true,
        };
        let mut laid = c.layout.clone();
        match layout::renumber(&mut laid, &c.doc, &c.design, &fonts, numbering) {
            Ok(()) => Some(laid),
            Err(e) => {
                stopped = Some(pack_failure(e));
                None
            }
        }
    };
    let pack = crate::pdf::Pack {
        front,
        design: &design,
        front_layout: &plan.front_layout,
        countries: countries
            .iter()
            .zip(&plan.starts)
            .map(|(c, (_, blank))| (&c.doc, *blank))
            .collect(),
    };
    let written = crate::pdf::write_pack(&pack, &mut numbered, theme, &fonts, &opts.pdf);
    if let Some(failure) = stopped {
        return Err(failure);
    }
    written.map_err(|e| pack_writer_failure(Format::Pdf, e))
}

/// How a pack's combined DOCX is made.
pub struct PackDocxOptions {
    pub docx: DocxOptions,
    /// Each country starts on a right-hand (odd-numbered) page, for print.
    pub right_hand: bool,
}

/// The combined DOCX of a pack: the cover and contents, then every
/// country after a page break, with page numbers that run on, the same
/// styles as a factsheet's, and footnotes kept apart per country. The
/// contents show the page each country starts on in the combined PDF
/// (computed from the countries' layouts, as [`combined_pdf`] places
/// them), until Word or LibreOffice fill in their own.
pub fn combined_docx(
    front: &crate::doc::Front,
    countries: &[PackCountry],
    theme: &Theme,
    opts: &PackDocxOptions,
) -> Result<Vec<u8>, RenderFailure> {
    let (fonts, design) = front_design(front, theme)?;
    let plan = plan_pack(front, countries, &design, &fonts, opts.right_hand)?;
    let parts: Vec<crate::docx::CombinedCountry<'_>> = countries
        .iter()
        .zip(&plan.starts)
        .map(|(c, (start, _))| crate::docx::CombinedCountry {
            doc: &c.doc,
            design: &c.design,
            first_page: *start,
        })
        .collect();
    let docx = crate::docx::CombinedOptions {
        epoch: opts.docx.epoch,
        right_hand: opts.right_hand,
    };
    crate::docx::render_pack(front, &design, &parts, theme, &docx)
        .map_err(|e| pack_writer_failure(Format::Docx, e))
}

/// The fonts and the design of a pack's front matter.
fn front_design(
    front: &crate::doc::Front,
    theme: &Theme,
) -> Result<(Arc<FontSet>, Design), RenderFailure> {
    let mut bare = Document::bare(&front.lang);
    bare.logo = front.logo.clone();
    resolve(&bare, theme)
}

/// Where a pack's countries start, and its front matter laid out.
struct PackPlan {
    front_layout: Layout,
    /// Each country's first page (index from 0) and whether a blank page
    /// precedes it.
    starts: Vec<(usize, bool)>,
    total: usize,
}

fn plan_pack(
    front: &crate::doc::Front,
    countries: &[PackCountry],
    design: &Design,
    fonts: &FontSet,
    right_hand: bool,
) -> Result<PackPlan, RenderFailure> {
    let counts: Vec<usize> = countries.iter().map(|c| c.layout.pages.len()).collect();
    // The contents' length decides where the countries start, and their
    // start decides the contents' numbers: lay the contents out until the
    // page count holds (it changes at most once, when numbers grow a digit).
    let mut front_pages = 2;
    loop {
        let (starts, total) = layout::front::plan(front_pages, &counts, right_hand);
        let entries: Vec<layout::front::ContentsEntry> = countries
            .iter()
            .zip(&starts)
            .map(|(c, (start, _))| layout::front::ContentsEntry {
                title: c.doc.title.clone(),
                page: *start,
            })
            .collect();
        let front_layout =
            layout::front::front(front, &entries, design, fonts).map_err(pack_failure)?;
        if front_layout.pages.len() == front_pages {
            return Ok(PackPlan {
                front_layout,
                starts,
                total,
            });
        }
        front_pages = front_layout.pages.len();
    }
}

fn pack_failure(e: layout::LayoutError) -> RenderFailure {
    let ours = e.is_bug();
    let fallback = Arc::new(SourceFile::new("<pack>", ""));
    let items =
        e.0.into_iter()
            .map(|p| (Diagnostic::error("layout", p.message).help(p.help), p.at))
            .collect();
    RenderFailure {
        diagnostics: Diagnostics::by_file(items, &fallback),
        ours,
    }
}

fn pack_writer_failure(format: Format, e: OutputError) -> RenderFailure {
    let (d, at, ours) = writer_problem(format, e);
    RenderFailure {
        diagnostics: Diagnostics::by_file(vec![(d, at)], &Arc::new(SourceFile::new("<pack>", ""))),
        ours,
    }
}
