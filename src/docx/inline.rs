//! Inline content: the document tree's runs as docx-rs runs, hyperlinks
//! and footnote references. Every id is given here, from counters of this
//! one document, never from docx-rs's process-wide ones.

use std::collections::BTreeSet;

use docx_rs::{BreakType, Footnote, Hyperlink, HyperlinkData, Paragraph, Run};

use super::sized::Sized;
use super::styles::id;
use crate::design::Design;
use crate::doc::{self, Document};
use crate::theme::Theme;

/// The XML part a piece of text lands in: relationships (hyperlinks) are
/// kept per part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Document,
    Footnotes,
}

/// An external hyperlink: its relationship id and target.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub part: Part,
    pub rid: String,
    pub url: String,
}

/// One factsheet being written, and what is gathered on the way: the ids
/// given so far and the sized styles asked for. A combined document can
/// keep one `Ctx` across its factsheets, pointing `doc` and `design` at
/// each in turn, so that link ids and styles are shared; footnote ids are
/// the notes' numbers, which such a document must offset per factsheet.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub design: &'a Design,
    pub theme: &'a Theme,
    pub links: Vec<Link>,
    pub sized: Sized,
    /// Footnotes already placed (a second reference repeats the number).
    placed: BTreeSet<u32>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document, design: &'a Design, theme: &'a Theme) -> Self {
        Ctx {
            doc,
            design,
            theme,
            links: Vec::new(),
            sized: Sized::default(),
            placed: BTreeSet::new(),
        }
    }

    /// Add `runs` to `p`, as text in `part`.
    pub fn add_runs(&mut self, mut p: Paragraph, runs: &[doc::Run], part: Part) -> Paragraph {
        for r in runs {
            match r {
                doc::Run::Text {
                    text,
                    strong,
                    emphasis,
                    link,
                    ..
                } => {
                    match link {
                        Some(url) => {
                            let n = self.links.iter().filter(|l| l.part == part).count() + 1;
                            let rid = format!("rIdLink{n}");
                            self.links.push(Link {
                                part,
                                rid: rid.clone(),
                                url: url.to_string(),
                            });
                            let mut h = Hyperlink::new("", docx_rs::HyperlinkType::External);
                            h.link = HyperlinkData::External {
                                rid,
                                path: String::new(),
                            };
                            // The link's own style; strong and emphasis
                            // can only be added on top of it.
                            let mut run = Run::new().add_text(text).style(id::HYPERLINK);
                            if *strong {
                                run = run.bold();
                            }
                            if *emphasis {
                                run = run.italic();
                            }
                            p = p.add_hyperlink(h.add_run(run));
                        }
                        None => {
                            p = p.add_run(styled(Run::new().add_text(text), *strong, *emphasis));
                        }
                    }
                }
                doc::Run::NoteRef(n) => p = p.add_run(self.note_ref(*n)),
                doc::Run::Break => p = p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            }
        }
        p
    }

    /// A footnote reference. Word numbers footnotes by their order in the
    /// document, which is the order the tree numbered them in; a note
    /// referred to twice gets its number again as a plain superscript.
    pub fn note_ref(&mut self, n: u32) -> Run {
        let note = self.doc.notes.iter().find(|note| note.number == n);
        match note {
            Some(note) if self.placed.insert(n) => {
                let body = Paragraph::new().style(id::FOOTNOTE_TEXT);
                let body = self.add_runs(body, &note.runs, Part::Footnotes);
                let footnote = Footnote {
                    id: n as usize,
                    content: vec![body],
                };
                Run::new().add_footnote_reference(footnote)
            }
            _ => Run::new()
                .style(id::FOOTNOTE_REFERENCE)
                .add_text(n.to_string()),
        }
    }
}

/// Strong and emphasis through Word's character styles of those names.
fn styled(run: Run, strong: bool, emphasis: bool) -> Run {
    match (strong, emphasis) {
        (true, true) => run.style(id::STRONG).italic(),
        (true, false) => run.style(id::STRONG),
        (false, true) => run.style(id::EMPHASIS),
        (false, false) => run,
    }
}
