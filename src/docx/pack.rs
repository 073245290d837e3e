//! A report pack's combined DOCX: the cover and the contents
//! ([`super::front`]), then every country as its own factsheet would be
//! (the same styles, tables and notes), each beginning a new page (or the
//! next right-hand page, for print), with its own footer and page numbers
//! that run on through the document. Word's navigation pane shows each
//! country's title with its sections under it; footnote ids run on from
//! one country to the next, so that every note stays its own.
//!
//! The countries are written apart, in parallel, each into a piece of the
//! document part (its paragraphs and tables, finished and written out)
//! and of the footnotes part; the pieces are packed one after another.
//! Nothing that grows with the pack is held as a tree: a piece is a
//! string, and a thousand countries take a few bytes of XML each.

use std::collections::BTreeSet;

use docx_rs::{BuildXML, Docx};
use rayon::prelude::*;

use super::assemble::{self, Assembly, Parts};
use super::front::{self, Entry};
use super::inline::{Ctx, Link};
use super::page::{self, Start};
use super::script::{self, Writing};
use super::sized::Sized;
use super::styles;
use super::variants::{self, StyleMap};
use super::xml::{self, Element, Node};
use super::{body, canonical, footer, footnotes, text};
use crate::design::{Design, Role};
use crate::doc::{Document, Front, Logo};
use crate::output::OutputError;
use crate::theme::Theme;
use crate::units::Pt;

/// One country of a combined document.
pub struct CombinedCountry<'a> {
    pub doc: &'a Document,
    pub design: &'a Design,
    /// The page it starts on, by index from 0 (the cover is 0), as the
    /// contents show it until the reader computes its own.
    pub first_page: usize,
}

/// How a combined DOCX is made.
pub struct CombinedOptions {
    /// SOURCE_DATE_EPOCH, if set: the document's dates.
    pub epoch: Option<i64>,
    /// Each country starts on a right-hand (odd-numbered) page.
    pub right_hand: bool,
}

/// The combined DOCX of `countries`, in order, behind the cover and the
/// contents `front` describes, set in `front_design` (the pack's design:
/// page, band and logo).
pub fn render_pack(
    front: &Front,
    front_design: &Design,
    countries: &[CombinedCountry<'_>],
    theme: &Theme,
    opts: &CombinedOptions,
) -> Result<Vec<u8>, OutputError> {
    let mut texts: Vec<&str> = vec![
        &front.title,
        &front.organisation,
        &front.contents,
        &front.meta.title,
        &front.meta.author,
        &front.meta.subject,
    ];
    texts.extend(front.period.as_deref());
    texts.extend(front.edition.as_deref());
    texts.extend(front.logo.as_ref().map(|l| l.alt.as_str()));
    texts.extend(front.meta.keywords.iter().map(String::as_str));
    for c in countries {
        text::each_text(c.doc, &mut |t| texts.push(t));
    }
    text::check(texts.iter().copied()).map_err(OutputError::invalid)?;
    let fonts = crate::fonts::fonts_for(&theme.fonts).map_err(OutputError::invalid)?;
    let writing = Writing::of(&front.lang, texts, &fonts);
    let w = Writer {
        theme,
        writing: &writing,
        pictures: pictures(front, countries),
        fonts: &fonts,
    };

    // The cover and the contents.
    let bare = Document::bare(&front.lang);
    let mut ctx = w.ctx(&bare, front_design);
    let docx = front::cover(Docx::new(), &mut ctx, front);
    let entries: Vec<Entry<'_>> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| Entry {
            title: &c.doc.title,
            bookmark: front::bookmark(i + 1),
            page: c.first_page,
        })
        .collect();
    let docx = front::contents(docx, front_design, &front.contents, &entries);
    let cover_band = Some(front::cover_band(front_design));
    let cover = w.piece(docx, &ctx, 0, cover_band, false, None)?;

    // The style sheet follows the countries' design (the same theme's),
    // with its indicator spacing where a country has boxes: the first
    // such country set as designed, not one set tighter to fit its pages.
    // A country in another design (set tighter) names copies of the
    // styles that design sets differently (`variants`).
    let natural = |d: &Design| {
        d.type_scale.get(Role::Body).size >= front_design.type_scale.get(Role::Body).size
            && d.body.line >= front_design.body.line
    };
    let all_designs = || countries.iter().map(|c| c.design);
    let sheet = all_designs()
        .find(|d| d.indicators.is_some() && natural(d))
        .or_else(|| all_designs().find(|d| d.indicators.is_some()))
        .or_else(|| countries.first().map(|c| c.design))
        .unwrap_or(front_design);
    let designs = variants::Designs::new(
        sheet,
        countries.iter().map(|c| (c.design, c.doc.title.as_str())),
        Design::same_look,
    );
    let a = Assembly {
        design: sheet,
        theme,
        writing: &writing,
        lang: &front.lang,
        label_lang: &front.lang,
        meta: &front.meta,
        cover_band,
        update_fields: true,
        epoch: opts.epoch,
    };
    let sheet_of = |design: &Design, sized: &Sized| {
        let xml = styles::styles(design, theme, sized, &writing, true).build();
        assemble::finished_sheet(&xml, &Assembly { design, ..a })
    };
    // Which styles each other design copies: those its sheet sets
    // differently (styles made to measure follow their parents).
    let base = sheet_of(sheet, &Sized::default())?;
    let maps = designs
        .others
        .iter()
        .enumerate()
        .map(|(i, (d, _))| {
            Ok(variants::map(
                &base,
                &sheet_of(d, &Sized::default())?,
                i + 1,
            ))
        })
        .collect::<Result<Vec<StyleMap>, OutputError>>()?;

    // The countries, each with its own ids: its notes' after the notes of
    // the countries before it, its links', drawings' and bookmark's its
    // own by its number.
    let start = if opts.right_hand {
        Start::OddPage
    } else {
        Start::NewPage
    };
    let mut note_offsets = Vec::with_capacity(countries.len());
    let mut notes = 0;
    for c in countries {
        note_offsets.push(notes);
        notes += super::inline::last_note(c.doc);
    }
    let pieces = countries
        .par_iter()
        .zip(note_offsets)
        .enumerate()
        .map(|(i, (c, note_offset))| {
            let mut ctx = w.ctx(c.doc, c.design);
            ctx.country = i + 1;
            ctx.note_offset = note_offset;
            ctx.footer = page::footer_rid(i + 1);
            let map = designs.number(c.design).map(|n| &maps[n - 1]);
            let docx = body::factsheet(Docx::new(), &mut ctx, start);
            let mut piece = w.piece(docx, &ctx, (i + 1) * DRAWINGS, None, false, map)?;
            let footer = assemble::footer_with(&footer::footer(&ctx), &writing, &mut |f| {
                if let Some(m) = map {
                    m.apply(f, &mut piece.copies);
                }
            })?;
            piece.footer = Some(footer);
            Ok(piece)
        })
        .collect::<Result<Vec<Piece>, OutputError>>()?;

    // One column again, and the document's last section properties.
    let (last_doc, last_design) = countries
        .last()
        .map_or((&bare, front_design), |c| (c.doc, c.design));
    let ctx = w.ctx(last_doc, last_design);
    let docx = body::close(Docx::new(), &ctx);
    let last_map = designs.number(last_design).map(|n| &maps[n - 1]);
    let closing = w.piece(docx, &ctx, 0, None, true, last_map)?;

    let all: Vec<&Piece> = std::iter::once(&cover)
        .chain(&pieces)
        .chain(std::iter::once(&closing))
        .collect();
    let mut sized = Sized::default();
    let mut links: Vec<Link> = Vec::new();
    let mut used = BTreeSet::new();
    for p in &all {
        sized.merge(&p.sized);
        links.extend(p.links.iter().cloned());
        used.extend(p.copies.iter().cloned());
    }
    let document_head = format!("{}{}", xml::DECLARATION, cover.document_tags.0);
    let document_tail = cover.document_tags.1.clone();
    let mut document: Vec<&[u8]> = vec![document_head.as_bytes()];
    document.extend(all.iter().map(|p| p.body.as_bytes()));
    document.push(document_tail.as_bytes());

    let notes_tags = pieces.iter().find_map(|p| p.notes_tags.as_ref());
    let separators = notes_tags.map(|(start, _)| {
        let mut out = format!("{}{start}", xml::DECLARATION);
        for mut s in footnotes::separators() {
            w.finish_into(&mut s, &mut out);
        }
        out
    });
    let footnotes = notes_tags.zip(separators.as_ref()).map(|((_, end), head)| {
        let mut f: Vec<&[u8]> = vec![head.as_bytes()];
        f.extend(pieces.iter().map(|p| p.notes.as_bytes()));
        f.push(end.as_bytes());
        f
    });

    // The style sheet, with copies of the styles each other design sets
    // differently, named for its first country.
    let mut style_sheet = sheet_of(sheet, &sized)?;
    for (i, (design, title)) in designs.others.iter().enumerate() {
        let label = if designs.others[..i].iter().any(|(_, t)| t == title) {
            format!("{title}, {}", i + 1)
        } else {
            title.to_string()
        };
        let other = sheet_of(design, &sized)?;
        let copies = variants::copies(&other, &maps[i], &label, &used);
        style_sheet
            .children
            .extend(copies.into_iter().map(Node::Element));
    }
    let style_sheet = xml::write(&style_sheet);
    let footers: Vec<Vec<u8>> = pieces.iter().filter_map(|p| p.footer.clone()).collect();
    let parts = Parts {
        document: &document,
        styles: &style_sheet,
        footers: &footers,
        footnotes,
        pictures: &w.pictures,
        links: &links,
    };
    assemble::pack(&a, &parts)
}

/// The drawings of country `n` are numbered from `n * DRAWINGS + 1` (ids
/// must be unique in the document, and the countries are written apart);
/// a factsheet has two or three (the band, the logo).
const DRAWINGS: usize = 1000;

/// Every logo of the document, the cover's first: each piece is written
/// with a `Ctx` of its own, and all number the pictures alike.
fn pictures(front: &Front, countries: &[CombinedCountry<'_>]) -> Vec<Logo> {
    let mut pictures: Vec<Logo> = Vec::new();
    let logos = front
        .logo
        .iter()
        .chain(countries.iter().filter_map(|c| c.doc.logo.as_ref()));
    for l in logos {
        if !pictures.iter().any(|p| p.data == l.data) {
            pictures.push(l.clone());
        }
    }
    pictures
}

/// What every piece of a combined document is written with.
struct Writer<'a> {
    theme: &'a Theme,
    writing: &'a Writing,
    pictures: Vec<Logo>,
    fonts: &'a crate::fonts::FontSet,
}

/// A piece of the combined document: the cover and contents, a country,
/// or the close.
struct Piece {
    /// Its paragraphs and tables, finished and written out.
    body: String,
    /// Its footnotes, finished and written out.
    notes: String,
    /// The document part's opening (`w:document`, `w:body`) and closing
    /// tags, the same in every piece.
    document_tags: (String, String),
    /// The footnotes part's opening and closing tags, when it has notes.
    notes_tags: Option<(String, String)>,
    /// A country's footer part.
    footer: Option<Vec<u8>>,
    links: Vec<Link>,
    sized: Sized,
    /// The copies of styles it names (`variants`).
    copies: BTreeSet<String>,
}

impl<'a> Writer<'a> {
    fn ctx<'d>(&self, doc: &'d Document, design: &'d Design) -> Ctx<'d>
    where
        'a: 'd,
    {
        let mut ctx = Ctx::new(doc, design, self.theme, self.writing);
        ctx.measure_with(self.fonts);
        ctx.nested = true;
        ctx.pictures = self.pictures.clone();
        ctx
    }

    /// Finish the body docx-rs built from `docx` (and its notes) as the
    /// single document is finished, in `ctx`'s design, drawings numbered
    /// after `drawings_before`, naming the copies of styles `map` names;
    /// the document's own section properties are kept only in the `last`
    /// piece.
    fn piece(
        &self,
        mut docx: Docx,
        ctx: &Ctx<'_>,
        drawings_before: usize,
        cover_band: Option<Pt>,
        last: bool,
        map: Option<&StyleMap>,
    ) -> Result<Piece, OutputError> {
        let has_notes = docx.collect_footnotes();
        let mut root = xml::parse(&docx.document.build()).map_err(assemble::failed("document"))?;
        let Some(at) = root.children.iter().position(is_body) else {
            return Err(OutputError::failed("DOCX document: no body"));
        };
        let Node::Element(mut body) = root.children.remove(at) else {
            unreachable!("is_body");
        };
        let document_tags = (
            format!("{}{}", xml::start_tag(&root), xml::start_tag(&body)),
            format!("{}{}", xml::end_tag(&body), xml::end_tag(&root)),
        );
        if !last {
            body.children
                .retain(|c| !matches!(c, Node::Element(e) if e.name == "w:sectPr"));
        }
        let alts = assemble::alts(&self.pictures);
        let drawn = assemble::finish_body(
            &mut body,
            ctx.design,
            self.theme,
            cover_band,
            &alts,
            drawings_before,
        );
        if drawn >= DRAWINGS {
            return Err(OutputError::failed(format!(
                "DOCX document: a factsheet with {drawn} drawings"
            )));
        }
        let mut copies = BTreeSet::new();
        if let Some(m) = map {
            m.apply(&mut body, &mut copies);
        }
        let mut out = String::new();
        for child in &mut body.children {
            if let Node::Element(e) = child {
                self.finish_into(e, &mut out);
            }
        }

        let mut notes = String::new();
        let mut notes_tags = None;
        if has_notes {
            let root =
                xml::parse(&docx.footnotes.build()).map_err(assemble::failed("footnotes"))?;
            for mut note in footnotes::notes(&root) {
                if let Some(m) = map {
                    m.apply(&mut note, &mut copies);
                }
                self.finish_into(&mut note, &mut notes);
            }
            notes_tags = Some((xml::start_tag(&root), xml::end_tag(&root)));
        }
        Ok(Piece {
            body: out,
            notes,
            document_tags,
            notes_tags,
            footer: None,
            links: ctx.links.clone(),
            sized: ctx.sized.clone(),
            copies,
        })
    }

    /// Mark what runs right to left, put `e` in schema order, and write
    /// it at the end of `out`.
    fn finish_into(&self, e: &mut Element, out: &mut String) {
        script::mark(e, self.writing);
        super::long_words::mark(e);
        canonical::canonicalize(e);
        xml::write_element(e, out);
    }
}

fn is_body(n: &Node) -> bool {
    matches!(n, Node::Element(e) if e.name == "w:body")
}
