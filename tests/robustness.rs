//! No input makes the tool panic: every prefix of the example profile (cut
//! at every character boundary), and the example with each line removed in
//! turn, is either refused with an error or built to the end, PDF and DOCX
//! included.

mod common;

use factsheet::diag::SourceFile;
use factsheet::profile::read_profile;

/// Refused with an error (false), or read and built by every stage (true).
fn refused_or_built(text: &str) -> bool {
    let (profile, diags) = read_profile(SourceFile::new("mutated.toml", text), true);
    // Rendering the findings must work too.
    let rendered = diags.render_plain();
    if profile.is_none() {
        assert!(diags.has_errors(), "refused without an error:\n{text}");
        assert!(rendered.contains("mutated.toml"), "{rendered}");
        return false;
    }
    if let Err(e) = common::pipeline(text) {
        panic!("a checked profile does not build: {e}\n--- profile ---\n{text}");
    }
    true
}

#[test]
fn every_prefix_of_the_example() {
    let text = std::fs::read_to_string(common::example_path()).unwrap();
    // The footnote the indicators and the text point to comes last, so a
    // prefix that stops before the end of its line must be refused.
    let note_end = text.rfind('"').unwrap() + 1;
    let mut accepted = 0;
    for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        if refused_or_built(&text[..cut]) {
            assert!(cut >= note_end, "a prefix of {cut} bytes was accepted");
            accepted += 1;
        }
    }
    // The whole file, and the file without its final line end.
    assert_eq!(accepted, text.len() + 1 - note_end);
}

#[test]
fn the_example_without_each_line() {
    let text = std::fs::read_to_string(common::example_path()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut built = 0;
    for skip in 0..lines.len() {
        let mutated: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| *l)
            .collect();
        if refused_or_built(&mutated.join("\n")) {
            built += 1;
        }
    }
    // Comments, blank lines and optional keys can go; not every line can.
    assert!(
        built > 0 && built < lines.len(),
        "{built} of {} built",
        lines.len()
    );
}
