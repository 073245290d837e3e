//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod docx;
pub mod pack;
// `gen` is a keyword since the 2024 edition.
#[path = "gen.rs"]
pub mod generator;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factsheet::diag::SourceFile;
use factsheet::doc::{self, Document};
use factsheet::docx::DocxOptions;
use factsheet::layout::Layout;
use factsheet::locale::Locale;
use factsheet::output::Format;
use factsheet::pdf::{ColorMode, PdfOptions, PdfStandard};
use factsheet::pipeline::RenderOptions;
use factsheet::profile::Profile;
use factsheet::theme::Theme;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example_path() -> PathBuf {
    root().join("reports/bolivia.toml")
}

/// The bundled example's theme.
pub fn example_theme() -> Theme {
    let (theme, d) = factsheet::theme::load_theme(&root().join("reports/theme.toml"));
    theme.unwrap_or_else(|| panic!("{}", d.render_plain()))
}

/// The bundled example as a document tree.
pub fn example_doc() -> Document {
    let (loaded, diags) = factsheet::job::load_document(&example_path(), &example_theme(), None);
    let rendered: Vec<String> = diags
        .iter()
        .map(factsheet::diag::Diagnostics::render_plain)
        .collect();
    loaded
        .unwrap_or_else(|| panic!("{}", rendered.join("\n")))
        .1
}

/// A document tree from profile text (built-in theme, English labels).
pub fn doc_from(toml: &str) -> Document {
    let (p, d) = factsheet::profile::read_profile(SourceFile::new("generated.toml", toml), true);
    let p = p.unwrap_or_else(|| panic!("{}\n{toml}", d.render_plain()));
    doc::build(&p, &Locale::english(), &Theme::default())
}

/// A fresh folder under the target directory, removed first if present.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names in a folder, sorted; none when it does not exist.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Run the `factsheet` binary.
pub fn factsheet(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run factsheet")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether an external tool is here. Missing: a notice and `false`, so the
/// test can skip -- except under CI=true, where every tool must be present.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        missing(tool);
    }
    found
}

/// A tool the test needs cannot be run: a notice, so that the test can
/// skip -- or, under CI=true, a failure.
pub fn missing(tool: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{tool} is required under CI=true (.ci/run installs it)");
    }
    eprintln!("NOTICE: {tool} is not installed; skipping the checks that need it");
}

/// Run an external tool and return its standard output.
pub fn run_tool(tool: &str, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(tool).args(args).output().expect("run tool");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A word pdftotext found: its page (from 1), text and box, in points
/// from the page's top left.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub x_max: f64,
}

/// Every word of a PDF with its box, as `pdftotext -bbox` reads them.
pub fn pdf_words(pdf: &Path) -> Vec<Word> {
    let (ok, out, err) = run_tool("pdftotext", &["-bbox", &pdf.to_string_lossy(), "-"]);
    assert!(ok, "pdftotext: {err}");
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..at + line[at..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let mut page = 0;
    let mut words = Vec::new();
    for line in out.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        } else if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            words.push(Word {
                page,
                text: text.replace("&amp;", "&"),
                x: attr(line, "xMin"),
                y: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
            });
        }
    }
    words
}

/// Text as a reader sees it: typographic quotes straightened, soft hyphens
/// and the line breaks after them removed, footnote markers dropped, and
/// whitespace collapsed.
pub fn normalise(s: &str) -> String {
    let s = s
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{b9}', '\u{b2}', '\u{b3}'], "")
        .replace('\u{a0}', " ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences of a text (split after . ! ? followed by a space).
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        cur.push(*c);
        if matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
            let s = cur.trim().to_string();
            if s.len() > 3 {
                out.push(s);
            }
            cur.clear();
        }
    }
    if cur.trim().len() > 3 {
        out.push(cur.trim().to_string());
    }
    out
}

/// Everything one profile becomes (built-in theme, English labels).
pub struct Built {
    pub profile: Profile,
    /// The reader's warnings, rendered (empty when there are none).
    pub warnings: String,
    pub doc: Document,
    /// The footer's text as the design chose it (a shorter form when the
    /// document's does not fit).
    pub footer: String,
    pub layout: Layout,
    pub pdf: Vec<u8>,
    pub docx: Vec<u8>,
}

/// Profile text through every stage, as `factsheet build` takes it: the
/// reader and its checks, the document tree, then `pipeline::render` (the
/// design, the layout and its verification, the PDF and the DOCX writers).
/// The error names the stage that refused and why.
///
/// The property tests and fuzz targets reach the library through this one
/// function, so that a change of the library's API is met here.
pub fn pipeline(toml: &str) -> Result<Built, String> {
    let (profile, diags) =
        factsheet::profile::read_profile(SourceFile::new("gen.toml", toml), true);
    let Some(profile) = profile else {
        return Err(format!("the reader refused it:\n{}", diags.render_plain()));
    };
    let warnings = if diags.warning_count() > 0 {
        diags.render_plain()
    } else {
        String::new()
    };
    let theme = Theme::default();
    let doc = doc::build(&profile, &Locale::english(), &theme);
    let options = RenderOptions {
        formats: vec![Format::Pdf, Format::Docx],
        pdf: PdfOptions {
            color: ColorMode::Screen,
            crop_marks: false,
            standard: PdfStandard::Ua1,
            epoch: None,
        },
        docx: DocxOptions { epoch: None },
    };
    let rendered = factsheet::pipeline::render(&doc, &theme, &options).map_err(|f| {
        let found: Vec<String> = f
            .diagnostics
            .iter()
            .map(factsheet::diag::Diagnostics::render_plain)
            .collect();
        format!("rendering failed:\n{}", found.join("\n"))
    })?;
    let output = |format: Format| {
        rendered
            .outputs
            .iter()
            .find(|(f, _)| *f == format)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| format!("no {} was made", format.extension()))
    };
    let (pdf, docx) = (output(Format::Pdf)?, output(Format::Docx)?);
    let layout = rendered.layout.ok_or("no layout for the PDF")?;
    Ok(Built {
        profile,
        warnings,
        doc,
        footer: rendered.design.footer.text.clone(),
        layout,
        pdf,
        docx,
    })
}

/// A short profile in `lang` with one indicator box (an Arabic one's
/// text, whatever the language: the box's place is what is tested).
pub fn one_box_profile(lang: &str) -> String {
    std::fs::read_to_string(
        root().join("tests/fixtures/regress/arabic-name-and-figures-in-an-english-kicker.toml"),
    )
    .unwrap()
    .replace(
        "[[section]]",
        "[[indicator]]\nid = \"a\"\nlabel = \"نص\"\nvalue = 42\n\n[[section]]",
    )
    .replace("language = \"ar\"", &format!("language = \"{lang}\""))
}

/// The Arabic sample alone in a scratch folder `name`, so without its
/// locale file: English labels among its Arabic text (it warns
/// `no-locale`), with the default theme.
pub fn arabic_sample_without_its_locale(name: &str) -> (Document, Theme) {
    let dir = scratch(name);
    let text = std::fs::read_to_string(root().join("reports/samples/sample-ar.toml")).unwrap();
    std::fs::write(dir.join("sample-ar.toml"), text).unwrap();
    let theme = Theme::default();
    let (loaded, _) = factsheet::job::load_document(&dir.join("sample-ar.toml"), &theme, None);
    let doc = loaded.expect("the Arabic sample loads").1;
    assert_eq!(doc.label_lang, "en", "no Arabic locale: English labels");
    (doc, theme)
}
