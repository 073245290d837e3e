//! Inline content: the document tree's runs as docx-rs runs, hyperlinks
//! and footnote references. Every id is given here, from counters of this
//! one document, never from docx-rs's process-wide ones.

use std::collections::BTreeSet;

use docx_rs::{BreakType, Footnote, Hyperlink, HyperlinkData, Paragraph, Run};

use super::page;
use super::script::Writing;
use super::sized::Sized;
use super::styles::id;
use crate::design::Design;
use crate::doc::{self, Document, Logo};
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
/// given so far, the sized styles asked for and the pictures used. A
/// document of several factsheets (a report pack) writes each with a
/// `Ctx` of its own, given the country's number (its links' and
/// bookmark's ids), the notes before it (its footnote ids) and every
/// picture of the document (their ids).
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub design: &'a Design,
    pub theme: &'a Theme,
    /// How the text is written (direction, scripts).
    pub writing: &'a Writing,
    pub links: Vec<Link>,
    pub sized: Sized,
    /// The pictures of the package (logos), in the order first used.
    pub pictures: Vec<Logo>,
    /// Added to a note's number to make its footnote id: the notes of the
    /// factsheets before this one.
    pub note_offset: u32,
    /// The relationship id of the footer this factsheet's sections name.
    pub footer: String,
    /// Country headings one level above the sections (a combined
    /// document's outline: country, then section).
    pub nested: bool,
    /// In a combined document, the factsheet's number, from 1 (0 before
    /// the first): its title holds the bookmark the contents link to.
    pub country: usize,
    /// Footnote ids already placed (a second reference repeats the number).
    placed: BTreeSet<u32>,
    /// Measures with the fonts the PDF is set in, to find the words too
    /// long for their place ([`Ctx::fit`]); none: words are written as
    /// they are.
    measure: Option<crate::layout::measure::Measurer<'a>>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        doc: &'a Document,
        design: &'a Design,
        theme: &'a Theme,
        writing: &'a Writing,
    ) -> Self {
        Ctx {
            doc,
            design,
            theme,
            writing,
            links: Vec::new(),
            sized: Sized::default(),
            pictures: Vec::new(),
            note_offset: 0,
            footer: page::FOOTER_RID.to_string(),
            nested: false,
            country: 0,
            placed: BTreeSet::new(),
            measure: None,
        }
    }

    /// Measure words with `fonts`, the PDF's, for [`Ctx::fit`].
    pub fn measure_with(&mut self, fonts: &'a crate::fonts::FontSet) {
        self.measure = Some(crate::layout::measure::Measurer::new(fonts, &self.doc.lang));
    }

    /// `text` with optional hyphens between the syllables of its words
    /// too long for `width` in `style` (`long_words`), as the PDF cuts
    /// them.
    pub fn fit<'t>(
        &self,
        text: &'t str,
        width: crate::units::Pt,
        style: &crate::design::RoleStyle,
    ) -> std::borrow::Cow<'t, str> {
        let Some(measure) = &self.measure else {
            return std::borrow::Cow::Borrowed(text);
        };
        let lang = crate::layout::breaks::hyphenation_lang(&self.doc.lang);
        super::long_words::soften(text, width, style, measure, lang)
    }

    /// The relationship id of a picture, the same for the same image.
    pub fn picture_rid(&mut self, logo: &Logo) -> String {
        let at = match self.pictures.iter().position(|p| p.data == logo.data) {
            Some(i) => i,
            None => {
                self.pictures.push(logo.clone());
                self.pictures.len() - 1
            }
        };
        super::logo::rid(at)
    }

    /// Add `runs` to `p`, as text in `part`.
    pub fn add_runs(&mut self, mut p: Paragraph, runs: &[doc::Run], part: Part) -> Paragraph {
        for (i, r) in runs.iter().enumerate() {
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
                            // A combined document writes its countries
                            // apart: their ids are the country's own.
                            let rid = match self.country {
                                0 => format!("rIdLink{n}"),
                                c => format!("rIdLink{c}x{n}"),
                            };
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
                doc::Run::NoteRef(n) => {
                    if doc::marker_after_marker(runs, i) {
                        p = p.add_run(
                            Run::new()
                                .style(id::FOOTNOTE_REFERENCE)
                                .add_text(doc::NOTE_SEPARATOR),
                        );
                    }
                    p = p.add_run(self.note_ref(*n));
                }
                doc::Run::Break => p = p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            }
        }
        p
    }

    /// A footnote reference. Word numbers footnotes by their order in the
    /// document, which is the order the tree numbered them in, and on
    /// through a combined document (the id's number); a note referred to
    /// twice gets its number again as a plain superscript.
    pub fn note_ref(&mut self, n: u32) -> Run {
        let note = self.doc.notes.iter().find(|note| note.number == n);
        match note {
            Some(note) if self.placed.insert(self.note_offset + n) => {
                let body = Paragraph::new().style(id::FOOTNOTE_TEXT);
                let body = self.add_runs(body, &note.runs, Part::Footnotes);
                let footnote = Footnote {
                    id: (self.note_offset + n) as usize,
                    content: vec![body],
                };
                Run::new().add_footnote_reference(footnote)
            }
            _ => Run::new()
                .style(id::FOOTNOTE_REFERENCE)
                .add_text((self.note_offset + n).to_string()),
        }
    }
}

/// The highest note number of a factsheet.
pub fn last_note(doc: &Document) -> u32 {
    doc.notes.iter().map(|n| n.number).max().unwrap_or(0)
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
