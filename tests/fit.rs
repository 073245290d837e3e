//! Copyfitting (`[fit]` in the theme): a factsheet that runs over its pages
//! is set tighter by the least step that fits, in both formats; one that
//! fits is left alone; one that cannot fit keeps its design and is warned
//! about (refused with `--strict`, nothing written).

mod common;

use std::path::Path;

use factsheet::design::{self, Role};
use factsheet::docx::DocxOptions;
use factsheet::layout::{self, ItemKind, Layout, Measurer};
use factsheet::output::Format;
use factsheet::pdf::{ColorMode, PdfOptions, PdfStandard};
use factsheet::pipeline::{self, FitOutcome, RenderOptions, fit};
use factsheet::theme::Theme;
use factsheet::units::Pt;

fn options() -> RenderOptions {
    RenderOptions {
        formats: vec![Format::Pdf, Format::Docx],
        pdf: PdfOptions {
            color: ColorMode::Screen,
            crop_marks: false,
            standard: PdfStandard::Ua1,
            epoch: Some(0),
        },
        docx: DocxOptions { epoch: Some(0) },
    }
}

/// The bundled Bolivia factsheet in `locale`, with the bundled theme.
fn bolivia(locale: Option<&str>, theme: &Theme) -> factsheet::doc::Document {
    let (loaded, diags) = factsheet::job::load_document(&common::example_path(), theme, locale);
    let shown: Vec<String> = diags
        .iter()
        .map(factsheet::diag::Diagnostics::render_plain)
        .collect();
    loaded.unwrap_or_else(|| panic!("{}", shown.join("\n"))).1
}

/// Sizes of the text runs of a layout.
fn run_sizes(l: &Layout) -> Vec<Pt> {
    l.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match &i.kind {
            ItemKind::Text(run) => Some(run.size),
            _ => None,
        })
        .collect()
}

/// Pages `doc` takes when set in `theme` as it is.
fn pages_in(doc: &factsheet::doc::Document, theme: &Theme) -> usize {
    let fonts = factsheet::fonts::fonts_for(&theme.fonts).unwrap();
    let d = design::resolve(doc, theme, &Measurer::new(&fonts, &doc.lang)).unwrap();
    layout::layout(doc, &d, &fonts).unwrap().pages.len()
}

#[test]
fn the_theme_reads_its_fit_table_and_refuses_bad_values_at_their_place() {
    let dir = common::scratch("fit-theme");
    let path = dir.join("theme.toml");
    std::fs::write(
        &path,
        "[fit]\npages = 2\nmin_leading = 1.15\nmin_body = 8\n",
    )
    .unwrap();
    let (theme, d) = factsheet::theme::load_theme(&path);
    let theme = theme.unwrap_or_else(|| panic!("{}", d.render_plain()));
    assert_eq!(theme.fit.pages, 2);
    assert_eq!(theme.fit.min_leading, 1.15);
    assert_eq!(theme.fit.min_body, Pt(8.0));
    // Built in: no fitting.
    assert_eq!(Theme::default().fit.pages, 0);

    for (text, place, words) in [
        (
            "[fit]\npages = 21\n",
            "theme.toml:2:9",
            "it must be from 0 to 20",
        ),
        (
            "[fit]\npages = -1\n",
            "theme.toml:2:9",
            "it must be from 0 to 20",
        ),
        (
            "[fit]\nmin_body = 5\n",
            "theme.toml:2:12",
            "print shops need type",
        ),
        (
            "[fit]\nmin_leading = 0.8\n",
            "theme.toml:2:15",
            "from 1 to 3",
        ),
        ("[fit]\npage = 1\n", "theme.toml:2:1", "page"),
    ] {
        std::fs::write(&path, text).unwrap();
        let (theme, d) = factsheet::theme::load_theme(&path);
        let out = d.render_plain();
        assert!(theme.is_none(), "{text} was accepted");
        assert!(out.contains(place), "{text}: {out}");
        assert!(out.contains(words), "{text}: {out}");
    }
}

#[test]
fn the_spanish_factsheet_is_set_by_the_least_step_that_keeps_it_on_one_page() {
    let theme = common::example_theme();
    assert_eq!(theme.fit.pages, 1, "the bundled theme fits to one page");
    let doc = bolivia(Some("es"), &theme);
    let mut natural = theme.clone();
    natural.fit.pages = 0;
    assert_eq!(pages_in(&doc, &natural), 2, "Spanish runs over as designed");

    let r = pipeline::render(&doc, &theme, &options()).unwrap();
    let FitOutcome::Tightened { step, pages } = r.fit.clone() else {
        panic!("not set tighter: {:?}", r.fit);
    };
    assert_eq!(pages, 1);
    let laid = r.layout.as_ref().unwrap();
    assert_eq!(laid.pages.len(), 1);
    // The least step: every step before it still runs over.
    let steps = fit::steps(&theme.sizes, &theme.fit);
    let at = steps.iter().position(|s| *s == step).unwrap();
    assert!(
        at > 0,
        "the first step fits; the test would not see minimality"
    );
    for earlier in &steps[..at] {
        assert_eq!(
            pages_in(&doc, &fit::tightened(&theme, earlier)),
            2,
            "{earlier:?} fits already, before {step:?}"
        );
    }
    // Both writers set it so: the PDF's running text, the DOCX's styles.
    assert_eq!(r.design.type_scale.get(Role::Body).size, step.body);
    assert!(run_sizes(laid).contains(&step.body));
    assert!(!run_sizes(laid).contains(&theme.sizes.body) || step.body == theme.sizes.body);
    let docx = &r
        .outputs
        .iter()
        .find(|(f, _)| *f == Format::Docx)
        .unwrap()
        .1;
    let styles = common::docx::part(docx, "word/styles.xml");
    let half_points = (step.body.0 * 2.0).round() as u32;
    assert!(
        styles.contains(&format!("<w:sz w:val=\"{half_points}\" />"))
            || styles.contains(&format!("<w:sz w:val=\"{half_points}\"/>")),
        "no {half_points} half-points in the DOCX styles"
    );
    let line = (r.design.body.line.0 * 20.0).round() as u32;
    assert!(
        styles.contains(&format!("w:line=\"{line}\"")),
        "no line of {line} twentieths in the DOCX styles"
    );
    assert_eq!(
        r.fit.info(&theme).unwrap(),
        format!(
            "set tighter to fit 1 page: leading {} (theme: 1.3), running text {} pt (theme: 9.5 pt)",
            step.leading, step.body.0
        )
    );
}

#[test]
fn a_factsheet_that_fits_is_not_touched() {
    let theme = common::example_theme();
    let doc = bolivia(None, &theme);
    let fitted = pipeline::render(&doc, &theme, &options()).unwrap();
    assert_eq!(fitted.fit, FitOutcome::Natural);
    let mut off = theme.clone();
    off.fit.pages = 0;
    let plain = pipeline::render(&doc, &off, &options()).unwrap();
    assert_eq!(
        fitted.outputs, plain.outputs,
        "same bytes with fitting on and off"
    );
}

#[test]
fn a_docx_alone_is_set_in_the_fitted_design() {
    let theme = common::example_theme();
    let doc = bolivia(Some("es"), &theme);
    let both = pipeline::render(&doc, &theme, &options()).unwrap();
    let mut opts = options();
    opts.formats = vec![Format::Docx];
    let alone = pipeline::render(&doc, &theme, &opts).unwrap();
    assert!(matches!(alone.fit, FitOutcome::Tightened { .. }));
    let docx = |r: &pipeline::Rendered| {
        r.outputs
            .iter()
            .find(|(f, _)| *f == Format::Docx)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(docx(&both), docx(&alone));
}

/// A copy of the four-page fixture with the bundled theme beside it.
fn too_long(dir: &Path) {
    let fixture = common::root().join("tests/fixtures/typography/four-pages-ten-notes.toml");
    std::fs::copy(fixture, dir.join("long.toml")).unwrap();
    std::fs::copy(
        common::root().join("reports/theme.toml"),
        dir.join("theme.toml"),
    )
    .unwrap();
    let assets = dir.join("assets");
    std::fs::create_dir_all(&assets).unwrap();
    for e in std::fs::read_dir(common::root().join("reports/assets")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), assets.join(e.file_name())).unwrap();
    }
}

#[test]
fn a_factsheet_too_long_to_fit_keeps_its_design_with_a_warning_or_is_refused_when_strict() {
    let dir = common::scratch("fit-too-long");
    too_long(&dir);
    let o = common::factsheet(&["build", "long.toml", "-o", "out"], &dir);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[over-pages]"), "{err}");
    assert!(err.contains("more than the 1 it is fitted to"), "{err}");
    assert!(err.contains("shorten the text by about"), "{err}");
    assert!(err.contains("long.toml"), "{err}");
    // Its natural design: as many pages as with no fitting at all.
    let theme = {
        let (t, d) = factsheet::theme::load_theme(&dir.join("theme.toml"));
        t.unwrap_or_else(|| panic!("{}", d.render_plain()))
    };
    let (loaded, _) = factsheet::job::load_document(&dir.join("long.toml"), &theme, None);
    let doc = loaded.unwrap().1;
    let mut off = theme.clone();
    off.fit.pages = 0;
    let natural = pages_in(&doc, &off);
    assert!(natural > 1);
    let bytes = std::fs::read(dir.join("out/long.pdf")).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(pdf.get_pages().len(), natural);

    let o = common::factsheet(&["build", "long.toml", "-o", "strict", "--strict"], &dir);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("error[over-pages]"), "{err}");
    assert!(common::files_in(&dir.join("strict")).is_empty(), "{err}");
    let o = common::factsheet(&["check", "long.toml", "--strict"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    let o = common::factsheet(&["check", "long.toml"], &dir);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[over-pages]"), "{err}");
}

#[test]
fn the_pack_says_which_country_was_set_tighter() {
    let dir = common::scratch("fit-pack");
    let o = common::factsheet(
        &[
            "pack",
            common::root().join("reports").to_str().unwrap(),
            "-o",
            dir.join("dist").to_str().unwrap(),
        ],
        &dir,
    );
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("es/bolivia: set tighter to fit 1 page"),
        "{err}"
    );
    assert!(!err.contains("en/bolivia: set tighter"), "{err}");
    // And in the summary for CI.
    let o = common::factsheet(
        &[
            "pack",
            common::root().join("reports").to_str().unwrap(),
            "-o",
            dir.join("dist").to_str().unwrap(),
            "--force",
            "--json",
            "--quiet",
        ],
        &dir,
    );
    // --quiet: problems and the summary only, not this line.
    assert!(
        !common::stderr(&o).contains("set tighter"),
        "{}",
        common::stderr(&o)
    );
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fitted = summary["fitted"].as_array().unwrap();
    assert_eq!(fitted.len(), 1, "{summary}");
    assert_eq!(fitted[0]["locale"], "es");
    assert!(
        fitted[0]["profile"]
            .as_str()
            .unwrap()
            .ends_with("bolivia.toml")
    );
    assert!(
        fitted[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("set tighter to fit 1 page")
    );
    let bytes = std::fs::read(dir.join("dist/es/bolivia.pdf")).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(pdf.get_pages().len(), 1);
    // Its own DOCX is set tighter. The combined DOCX, one style sheet for
    // every country, keeps the theme's size (19 half-points) in the sheet,
    // and Bolivia names copies of the styles set tighter, as in its own.
    let own = std::fs::read(dir.join("dist/es/bolivia.docx")).unwrap();
    let combined = std::fs::read(dir.join("dist/es/country-factsheets.docx")).unwrap();
    let body_size = |docx: &[u8]| {
        let styles = common::docx::part(docx, "word/styles.xml");
        let defaults = &styles[styles.find("<w:docDefaults>").unwrap()..];
        let at = defaults.find("<w:sz w:val=\"").unwrap() + 13;
        defaults[at..at + 2].to_string()
    };
    assert_eq!(body_size(&combined), "19");
    assert_eq!(body_size(&own), "18");
    common::docx::assert_country_keeps_its_styles(&own, &combined, "Bolivia");
    assert!(
        common::docx::part(&combined, "word/styles.xml").contains("Body Text (Bolivia)"),
        "no copy of the body style named for Bolivia"
    );
    if common::have("soffice") && common::have("pdftotext") {
        // LibreOffice sets Bolivia on one page of the combined document:
        // the next country's title starts page 4 (cover, contents, Bolivia).
        let pdf = common::docx::libreoffice(&dir, &[dir.join("dist/es/country-factsheets.docx")])
            .remove(0);
        let (ok, page4, err) = common::run_tool(
            "pdftotext",
            &["-f", "4", "-l", "4", pdf.to_str().unwrap(), "-"],
        );
        assert!(ok, "{err}");
        assert!(
            page4.contains("Perú"),
            "page 4 of the combined DOCX:\n{page4}"
        );
    } else {
        common::missing("soffice or pdftotext");
    }
}

#[test]
fn a_profile_sets_its_own_pages_in_place_of_the_theme() {
    let dir = common::scratch("fit-profile-pages");
    too_long(&dir);
    let long = std::fs::read_to_string(dir.join("long.toml")).unwrap();
    for (pages, warned) in [
        ("pages = 4\n", false),
        ("pages = 0\n", false),
        ("pages = 2\n", true),
    ] {
        std::fs::write(dir.join("own.toml"), format!("{pages}{long}")).unwrap();
        let o = common::factsheet(&["build", "own.toml", "-o", "out"], &dir);
        let err = common::stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{pages}{err}");
        assert_eq!(err.contains("warning[over-pages]"), warned, "{pages}{err}");
        if warned {
            assert!(err.contains("more than the 2 it is fitted to"), "{err}");
        }
    }
    std::fs::write(dir.join("own.toml"), format!("pages = 21\n{long}")).unwrap();
    let o = common::factsheet(&["build", "own.toml", "-o", "bad"], &dir);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("own.toml:1:9"), "{err}");
    assert!(err.contains("it must be from 0 to 20"), "{err}");
    assert!(common::files_in(&dir.join("bad")).is_empty());
}
