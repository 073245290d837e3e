//! Diagnostics: what is wrong with an input file, where, and how to fix it.
//!
//! Every check in the project reports into a [`Diagnostics`] list instead of
//! returning at the first problem, so that one run shows a user everything
//! that is wrong with a file. Rendering (rustc-style, with the offending line
//! and a caret) is done by codespan-reporting.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding in one file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Short stable name of the check, shown as `error[code]`.
    pub code: &'static str,
    pub message: String,
    /// Byte range in the file; `None` for findings about the file as a whole.
    pub span: Option<Range<usize>>,
    /// Text shown at the caret.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            label: String::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The source text of an input file, shared by its diagnostics.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Findings about one file, in the order they were found.
#[derive(Clone, Debug)]
pub struct Diagnostics {
    pub file: SourceFile,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: SourceFile) -> Self {
        Diagnostics {
            file,
            items: Vec::new(),
        }
    }

    /// A file that could not be read or decoded: there is no text to point into.
    pub fn for_path(path: &Path) -> Self {
        Diagnostics::new(SourceFile::new(path, ""))
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sort by position so that a report reads top to bottom like the file.
    pub fn sort(&mut self) {
        self.items
            .sort_by_key(|d| d.span.as_ref().map_or((0, 0), |s| (s.start, s.end)));
    }

    /// Render every finding, plain text (for tests, logs and pipes).
    pub fn render_plain(&self) -> String {
        let mut out = termcolor::NoColor::new(Vec::new());
        self.render_to(&mut out);
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }

    /// Render every finding to a terminal-aware writer.
    pub fn render_to(&self, out: &mut dyn termcolor::WriteColor) {
        let name = self.file.path.display().to_string();
        let files = SimpleFile::new(name.clone(), &*self.file.text);
        let config = term::Config::default();
        for d in &self.items {
            let mut cd = match d.severity {
                Severity::Error => cs::Diagnostic::error(),
                Severity::Warning => cs::Diagnostic::warning(),
            }
            .with_code(d.code)
            .with_message(&d.message);
            let mut notes = Vec::new();
            match &d.span {
                Some(span) => {
                    let span = clamp_span(&self.file.text, span.clone());
                    cd = cd.with_label(cs::Label::primary((), span).with_message(&d.label));
                }
                // No position to show: still name the file, as the
                // rich view would through its `┌─` line.
                None => notes.push(format!("in {name}")),
            }
            if let Some(help) = &d.help {
                notes.push(format!("help: {help}"));
            }
            cd = cd.with_notes(notes);
            // Writing to memory or a terminal: a failure here has nowhere
            // better to be reported.
            let _ = term::emit(out, &config, &files, &cd);
        }
    }

    /// One line a finding: `path:line:col: error[code]: message`.
    pub fn render_short(&self) -> String {
        let mut s = String::new();
        for d in &self.items {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = match &d.span {
                Some(span) => {
                    let (line, col) = self.file.line_col(span.start);
                    writeln!(
                        s,
                        "{}:{line}:{col}: {kind}[{}]: {}",
                        self.file.path.display(),
                        d.code,
                        d.message
                    )
                }
                None => writeln!(
                    s,
                    "{}: {kind}[{}]: {}",
                    self.file.path.display(),
                    d.code,
                    d.message
                ),
            };
        }
        s
    }
}

/// A place in an input file, carried from the reader through the document
/// tree so that a problem found later (by the layout or a writer) points at
/// the text that caused it.
#[derive(Clone, Debug)]
pub struct Loc {
    pub file: Arc<SourceFile>,
    /// Byte range in the file.
    pub span: Range<usize>,
}

impl PartialEq for Loc {
    /// Two places are the same when they name the same range of the same
    /// file; the file's text is not compared.
    fn eq(&self, other: &Self) -> bool {
        self.span == other.span && self.file.path == other.file.path
    }
}

impl Loc {
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>) -> Loc {
        Loc {
            file: file.clone(),
            span,
        }
    }

    /// The same file, another range.
    pub fn with_span(&self, span: Range<usize>) -> Loc {
        Loc {
            file: self.file.clone(),
            span,
        }
    }
}

impl Diagnostics {
    /// Group findings by file, in the order their files first appear;
    /// findings without a place go to `fallback`'s file.
    pub fn by_file(
        items: Vec<(Diagnostic, Option<Loc>)>,
        fallback: &Arc<SourceFile>,
    ) -> Vec<Diagnostics> {
        let mut out: Vec<Diagnostics> = Vec::new();
        for (mut d, loc) in items {
            let file = match &loc {
                Some(l) => {
                    d.span = Some(l.span.clone());
                    l.file.clone()
                }
                None => fallback.clone(),
            };
            match out.iter_mut().find(|x| x.file.path == file.path) {
                Some(x) => x.push(d),
                None => {
                    let mut x = Diagnostics::new((*file).clone());
                    x.push(d);
                    out.push(x);
                }
            }
        }
        out
    }
}

/// Keep a span inside the text and on character boundaries, so that the
/// renderer never slices a string in the middle of a character.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = span.end.clamp(start, text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The closest of `candidates` to a misspelt `word`, if it is close enough
/// to be what the user meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= 2.max(c.len() / 3))
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("x.toml", "a = 1\nnäme = 2\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        // 'ä' is two bytes; the '=' after "näme " is column 6.
        assert_eq!(f.line_col(6 + "näme ".len()), (2, 6));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("labl", ["label", "value", "year"]),
            Some("label")
        );
        assert_eq!(did_you_mean("Lable", ["label", "value"]), Some("label"));
        assert_eq!(did_you_mean("zzzzzz", ["label", "value"]), None);
    }

    #[test]
    fn plain_rendering_names_file_line_and_caret() {
        let mut d = Diagnostics::new(SourceFile::new("p.toml", "a = 1\nlabl = 2\n"));
        d.push(
            Diagnostic::error("unknown-key", "unknown key `labl`")
                .at(6..10, "did you mean `label`?")
                .help("rename it"),
        );
        let out = d.render_plain();
        assert!(
            out.contains("error[unknown-key]: unknown key `labl`"),
            "{out}"
        );
        assert!(out.contains("p.toml:2:1"), "{out}");
        assert!(out.contains("^^^^ did you mean `label`?"), "{out}");
        assert!(out.contains("help: rename it"), "{out}");
        assert_eq!(
            d.render_short(),
            "p.toml:2:1: error[unknown-key]: unknown key `labl`\n"
        );
    }
}
