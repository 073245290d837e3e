//! The layout engine: from the document tree and its design to positioned
//! glyphs on A4 pages. One stage a file, data flowing one way:
//! [`collect`] -> [`shape`] -> [`breaks`] -> [`knuth_plass`] ->
//! [`paragraph`] (lines) -> blocks ([`header`], [`body`], [`notes`]) ->
//! [`flow`] (columns, pages, footnotes) -> [`pages`] (furniture, outline)
//! -> [`verify`] (the proof that nothing was lost or misplaced).

pub mod body;
pub mod breaks;
pub mod collect;
pub mod flow;
pub mod footer;
pub mod frame;
pub mod front;
pub mod header;
pub mod knuth_plass;
pub mod measure;
pub mod notes;
pub mod output;
pub mod pages;
pub mod paragraph;
pub mod setter;
pub mod shape;
pub mod span_style;
pub mod verify;

use std::fmt;

pub use measure::Measurer;
pub use output::*;

use crate::design::Design;
use crate::diag::Loc;
use crate::doc::Document;
use crate::fonts::FontSet;

/// Something the layout cannot do with a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub message: String,
    pub help: String,
    /// The text at fault in the profile (or theme), when known.
    pub at: Option<Loc>,
    /// A fault of ours, found by the verifier, rather than of the input.
    pub bug: bool,
}

impl Problem {
    pub fn input(message: impl Into<String>, help: impl Into<String>, at: Option<Loc>) -> Problem {
        Problem {
            message: message.into(),
            help: help.into(),
            at,
            bug: false,
        }
    }

    pub fn bug(message: impl Into<String>, at: Option<Loc>) -> Problem {
        Problem {
            message: message.into(),
            help: "this is a bug in factsheet: please report it with the profile".into(),
            at,
            bug: true,
        }
    }
}

/// Why a document could not be laid out: every problem found.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutError(pub Vec<Problem>);

impl LayoutError {
    /// Whether any problem is a fault of ours (exit 1) rather than the
    /// input's (exit 2).
    pub fn is_bug(&self) -> bool {
        self.0.iter().any(|p| p.bug)
    }
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self
            .0
            .iter()
            .map(|p| format!("{}; {}", p.message, p.help))
            .collect();
        f.write_str(&lines.join("\n"))
    }
}

/// Lay out a document in its design, then verify the result: every
/// character placed once and in order, everything inside its region and
/// the page, every note on its marker's page. A layout that fails the
/// verifier is never returned (and debug builds panic, so tests catch it).
pub fn layout(doc: &Document, design: &Design, fonts: &FontSet) -> Result<Layout, LayoutError> {
    let laid = pages::lay_out(doc, design, fonts)?;
    let violations = verify::verify(doc, design, fonts, &laid);
    if violations.is_empty() {
        return Ok(laid);
    }
    if cfg!(debug_assertions) && std::env::var_os("FACTSHEET_NO_VERIFY_PANIC").is_none() {
        let list: Vec<String> = violations.iter().map(|p| p.message.clone()).collect();
        panic!("the layout failed its verification:\n{}", list.join("\n"));
    }
    Err(LayoutError(violations))
}

/// Number a verified layout's pages as part of a larger document (a
/// pack), and verify it again.
pub fn renumber(
    laid: &mut Layout,
    doc: &Document,
    design: &Design,
    fonts: &FontSet,
    numbering: Numbering,
) -> Result<(), LayoutError> {
    pages::renumber(laid, doc, design, fonts, numbering)?;
    let violations = verify::verify(doc, design, fonts, laid);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(LayoutError(violations))
    }
}
