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
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile};
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

    /// Render every finding to a terminal-aware writer. What comes from
    /// the input (the file's lines, its name, values quoted in messages)
    /// is shown with control characters escaped, so that a profile can
    /// never retitle, recolour or clear the user's terminal; and only an
    /// excerpt of a long line is shown, cut around the place at fault.
    pub fn render_to(&self, out: &mut dyn termcolor::WriteColor) {
        let name = escape_controls(&self.file.path.display().to_string());
        let config = term::Config::default();
        if self.items.len() > MAX_RENDERED {
            let more = self.items.len() - MAX_RENDERED;
            let _ = writeln!(
                out,
                "note: {name} has {} findings; the first {MAX_RENDERED} are shown, {more} more are not",
                self.items.len()
            );
        }
        for d in self.items.iter().take(MAX_RENDERED) {
            let mut cd = match d.severity {
                Severity::Error => cs::Diagnostic::error(),
                Severity::Warning => cs::Diagnostic::warning(),
            }
            .with_code(d.code)
            .with_message(escape_controls(&d.message));
            let mut notes = Vec::new();
            let excerpt = match &d.span {
                Some(span) => {
                    let span = clamp_span(&self.file.text, span.clone());
                    let (excerpt, shown) = Excerpt::new(&name, &self.file, span);
                    cd = cd.with_label(
                        cs::Label::primary((), shown).with_message(escape_controls(&d.label)),
                    );
                    excerpt
                }
                // No position to show: still name the file, as the
                // rich view would through its `┌─` line.
                None => {
                    notes.push(format!("in {name}"));
                    Excerpt::empty(&name)
                }
            };
            if let Some(help) = &d.help {
                notes.push(format!("help: {}", escape_controls(help)));
            }
            cd = cd.with_notes(notes);
            // Writing to memory or a terminal: a failure here has nowhere
            // better to be reported.
            let _ = term::emit(out, &config, &excerpt, &cd);
        }
    }

    /// One line a finding: `path:line:col: error[code]: message`.
    pub fn render_short(&self) -> String {
        let mut s = String::new();
        for d in &self.items {
            s.push_str(&self.short(d));
            s.push('\n');
        }
        s
    }

    /// The errors alone, a line each as [`Diagnostics::render_short`]
    /// writes them (for a JSON summary).
    pub fn short_errors(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| self.short(d))
            .collect()
    }

    fn short(&self, d: &Diagnostic) -> String {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = escape_controls(&self.file.path.display().to_string());
        let message = escape_controls(&d.message);
        match &d.span {
            Some(span) => {
                let (line, col) = self.file.line_col(span.start);
                format!("{path}:{line}:{col}: {kind}[{}]: {message}", d.code)
            }
            None => format!("{path}: {kind}[{}]: {message}", d.code),
        }
    }
}

/// Whether a character is shown escaped: C0 and C1 controls (ESC starts
/// terminal commands, BEL rings, CR rewrites the line), DEL, the bidi
/// controls that reorder what a terminal shows, line and paragraph
/// separators, and the byte order mark.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}' | '\u{feff}'
        )
}

/// Text with every character of [`needs_escape`] written as `\u{1b}`.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_shown(&mut out, c);
    }
    out
}

fn push_shown(out: &mut String, c: char) {
    if needs_escape(c) {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}

/// Findings rendered for one file, at most: past this the report would
/// only scroll the first ones out of sight.
pub const MAX_RENDERED: usize = 50;

/// Characters of a line shown around the place at fault; a longer line is
/// cut, with `…` where it was cut.
pub const SNIPPET_WIDTH: usize = 120;
/// Characters shown before the place at fault when a line is cut.
const SNIPPET_LEAD: usize = 40;
/// Lines a snippet shows at most; a longer span is shown by its first line.
const SNIPPET_LINES: usize = 4;

/// What a snippet shows of a file: the lines of one span, escaped and cut,
/// numbered as in the file. codespan renders it like a whole file.
struct Excerpt {
    file: SimpleFile<String, String>,
    /// Line number (1-based) of the excerpt's first line.
    first_line: usize,
    /// Where the span starts in the excerpt, and its column in the file.
    start: usize,
    column: usize,
}

impl Excerpt {
    fn empty(name: &str) -> Excerpt {
        Excerpt {
            file: SimpleFile::new(name.to_string(), String::new()),
            first_line: 1,
            start: 0,
            column: 1,
        }
    }

    /// The excerpt for `span` of `source`, and the span within it.
    fn new(name: &str, source: &SourceFile, span: Range<usize>) -> (Excerpt, Range<usize>) {
        let text = &*source.text;
        let (first_line, column) = source.line_col(span.start);
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut at = line_start;
        loop {
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            lines.push(at..end);
            if end >= span.end.max(span.start + 1) || end == text.len() {
                break;
            }
            if lines.len() == SNIPPET_LINES {
                // A long span: show where it starts.
                lines.truncate(1);
                break;
            }
            at = end + 1;
        }
        let span_end = span.end.min(lines.last().map_or(span.end, |l| l.end));
        let mut shown = String::new();
        let (mut start, mut end) = (None, None);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                shown.push('\n');
            }
            let body = &text[line.clone()];
            let body = body.strip_suffix('\r').unwrap_or(body);
            let chars: Vec<(usize, char)> = body.char_indices().collect();
            let (from, to) = if chars.len() <= SNIPPET_WIDTH {
                (0, chars.len())
            } else {
                let focus = if i == 0 { column - 1 } else { 0 };
                let from = focus
                    .saturating_sub(SNIPPET_LEAD)
                    .min(chars.len() - SNIPPET_WIDTH);
                (from, from + SNIPPET_WIDTH)
            };
            if from > 0 {
                shown.push('…');
            }
            for &(offset, c) in &chars[from..to] {
                let offset = line.start + offset;
                if offset == span.start {
                    start = Some(shown.len());
                }
                if offset == span_end {
                    end = Some(shown.len());
                }
                push_shown(&mut shown, c);
            }
            let cut = to < chars.len();
            let line_end = line.start + chars.get(to).map_or(body.len(), |(o, _)| *o);
            if start.is_none() && span.start >= line.start && span.start <= line_end {
                start = Some(shown.len());
            }
            if end.is_none() && span_end >= line.start && span_end <= line_end {
                end = Some(shown.len());
            }
            if cut {
                shown.push('…');
            }
        }
        let start = start.unwrap_or(0);
        let end = end.unwrap_or(shown.len()).max(start);
        let excerpt = Excerpt {
            file: SimpleFile::new(name.to_string(), shown),
            first_line,
            start,
            column,
        };
        (excerpt, start..end)
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<String, FilesError> {
        Files::name(&self.file, ())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Files::source(&self.file, ())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        self.file.line_index((), byte_index)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        self.file.line_range((), line_index)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.first_line + line_index)
    }

    /// The column in the file, not in the escaped, cut excerpt.
    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        if line_index == 0 && byte_index == self.start {
            return Ok(self.column);
        }
        let range = self.file.line_range((), line_index)?;
        Ok(codespan_reporting::files::column_index(self.file.source(), range, byte_index) + 1)
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
    fn control_characters_are_shown_escaped() {
        let text = "a = 1\nname = \"x\u{1b}]0;pwned\u{7}\u{1b}[2Jy\"\n";
        let mut d = Diagnostics::new(SourceFile::new("p\u{1b}[31m.toml", text));
        let at = text.find('\u{1b}').unwrap();
        d.push(
            Diagnostic::error(
                "control-character",
                "invisible control character in `x\u{1b}[2J`",
            )
            .at(at..at + 1, "here \u{7}"),
        );
        let out = d.render_plain();
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"), "{out}");
        assert!(out.contains("p\\u{1b}[31m.toml:2:10"), "{out}");
        assert!(!d.render_short().contains('\u{1b}'));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!(
            "key = \"{}\u{1b}{}\"",
            "x".repeat(100_000),
            "y".repeat(100_000)
        );
        let text = format!("a = 1\n{line}\nb = 2\n");
        let mut d = Diagnostics::new(SourceFile::new("p.toml", text.clone()));
        let at = text.find('\u{1b}').unwrap();
        d.push(Diagnostic::error("control-character", "control").at(at..at + 1, "here"));
        let out = d.render_plain();
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains("p.toml:2:100008"), "{out}");
        assert!(out.contains("x…") || out.contains("…x"), "{out}");
        assert!(out.contains("xx\\u{1b}yy"), "{out}");
        // The caret stands under the escaped character.
        let shown = out.lines().find(|l| l.contains("\\u{1b}")).unwrap();
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        let column = |l: &str, i: usize| l[..i].chars().count();
        assert_eq!(
            column(shown, shown.find("\\u{1b}").unwrap()),
            column(caret, caret.find('^').unwrap()),
            "{out}"
        );

        // A file of carriage returns only is one long line.
        let cr = "a = 1\r".repeat(40_000);
        let mut d = Diagnostics::new(SourceFile::new("cr.toml", cr.clone()));
        d.push(Diagnostic::error("toml-syntax", "syntax").at(cr.len() - 3..cr.len() - 2, "here"));
        let out = d.render_plain();
        assert!(out.len() < 2_000, "{} bytes:\n{out}", out.len());
        assert!(out.contains("\\u{d}"), "{out}");
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
