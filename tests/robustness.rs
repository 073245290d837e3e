//! No input makes the tool panic: every prefix of the example profile, and
//! the example with each line removed in turn, is either refused with
//! diagnostics or built.

mod common;

use factsheet::diag::SourceFile;
use factsheet::locale::Locale;
use factsheet::output::Format;
use factsheet::profile::read_profile;
use factsheet::theme::Theme;

fn try_everything(text: &str) -> bool {
    let (profile, diags) = read_profile(SourceFile::new("mutated.toml", text), true);
    // Rendering the findings must work too.
    let _ = diags.render_plain();
    let Some(p) = profile else {
        assert!(diags.has_errors(), "refused without an error:\n{text}");
        return false;
    };
    let theme = Theme::default();
    let doc = factsheet::doc::build(&p, &Locale::english(), &theme);
    let opts = factsheet::pipeline::RenderOptions {
        formats: vec![Format::Pdf, Format::Docx],
        pdf: factsheet::pdf::PdfOptions {
            color: factsheet::pdf::ColorMode::Screen,
            crop_marks: false,
            standard: factsheet::pdf::PdfStandard::Ua1,
            epoch: None,
        },
        docx: factsheet::docx::DocxOptions { epoch: None },
    };
    let rendered = factsheet::pipeline::render(&doc, &theme, &opts)
        .unwrap_or_else(|e| panic!("a checked profile renders: {e:?}"));
    assert_eq!(rendered.outputs.len(), 2);
    true
}

#[test]
fn every_prefix_of_the_example() {
    let text = std::fs::read_to_string(common::example_path()).unwrap();
    // The footnote the first indicator points to comes last, so a prefix
    // that stops before the footnotes must be refused.
    let notes = text.find("[footnotes]").unwrap();
    for cut in (0..text.len())
        .step_by(23)
        .filter(|&i| text.is_char_boundary(i))
    {
        let accepted = try_everything(&text[..cut]);
        assert!(
            !accepted || cut > notes,
            "a prefix of {cut} bytes was accepted"
        );
    }
    assert!(try_everything(&text));
}

#[test]
fn the_example_without_each_line() {
    let text = std::fs::read_to_string(common::example_path()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for skip in 0..lines.len() {
        let mutated: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| *l)
            .collect();
        try_everything(&mutated.join("\n"));
    }
}
