//! Setting one paragraph into lines: collect -> shape -> break
//! opportunities -> optimal-fit breaking -> lines with justified spaces,
//! hyphens added and line ends reshaped where a break cut a ligature.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use harfrust::Language;

use super::breaks::{BreakKind, BreakPoints, Opportunity};
use super::collect::Inline;
use super::knuth_plass::{BreakItem, FIL, INFINITE_PENALTY, Params, break_lines, space_ratio};
use super::output::{PlacedGlyph, Point, TextRun};
use super::shape::{Glyph, ShapeContext, Shaped, Unshaped, shape_inline, shape_range};
use crate::fonts::FontSet;
use crate::units::Pt;

/// How far a justified space may shrink (of its width) and stretch per
/// unit of adjustment ratio.
const SHRINK: f64 = 1.0 / 3.0;
const STRETCH: f64 = 0.5;
/// Letter-spacing a justified line may add per glyph, in em, per unit of
/// adjustment ratio: a little of the shortfall goes between letters, so
/// word spaces stay closer to their width (as fine typesetting does).
const LETTER_STRETCH: f64 = 0.012;
/// The most letter-spacing a line gets, in em: more reads as s p a c e d
/// letters. The word spaces take the rest of a shortfall.
const MAX_LETTER_SPACING: f64 = 0.02;
/// Passes of increasing leniency: the tolerance of each.
const TOLERANCES: [f64; 3] = [TOLERANCE, 2.5, f64::INFINITY];
/// TeX's \\tolerance of 200 as a ratio: lines may be this loose before a
/// hyphen is preferred.
const TOLERANCE: f64 = 1.26;
/// Tolerance of the first pass, which hyphenates nothing (TeX's
/// \\pretolerance of 100).
const PRETOLERANCE: f64 = 1.0;
/// Emergency stretch as a share of the measure: TeX's customary 3 em in
/// a column of some 30.
const EMERGENCY_STRETCH: f64 = 0.1;
/// Cost of breaking at a hyphenation point. TeX uses 50; in columns of
/// some fifty characters that hyphenates one line in five. At 800 a
/// hyphen has to save a visibly loose line: fewer than one line in ten is
/// hyphenated in English running text, with word spaces at 1.3 of their
/// width on average (measured on the Bolivia factsheet and the stress
/// profiles of tests/typography.rs). Languages with longer words hyphenate
/// more, because a line may not be looser than the tolerance allows.
const HYPHEN_PENALTY: f64 = 800.0;

#[derive(Clone, Debug)]
pub struct ParagraphOptions<'a> {
    pub width: Pt,
    pub justify: bool,
    pub lang: Option<&'a Language>,
    pub hyphen_lang: Option<hypher::Lang>,
    /// Set the paragraph one line shorter when it can be (spaces a little
    /// tighter or looser, a hyphen more); used to keep a few lines from
    /// spilling onto a page of their own.
    pub tighten: bool,
    /// The paragraph runs right to left (Arabic, Hebrew): lines put its
    /// runs in visual order and align to the right.
    pub rtl: bool,
    /// The first line starts this far in (a paragraph indent).
    pub indent: Pt,
}

/// A run of a line, with what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct LineRun {
    /// Origin relative to the line's start on its baseline.
    pub run: TextRun,
    pub note: Option<u32>,
    pub link: Option<Arc<str>>,
}

/// One set line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Runs in visual order, left to right.
    pub runs: Vec<LineRun>,
    /// Width of the set line (the column width when justified).
    pub width: Pt,
    /// The width the line was set for.
    pub measure: Pt,
    /// The paragraph runs right to left: a short line aligns right.
    pub rtl: bool,
    /// Space before the line's start (a first line's indent).
    pub indent: Pt,
    /// Factor applied to the spaces: 1.0 is their natural width.
    pub space_factor: f64,
    /// Letter-spacing added for justification, in em.
    pub letter_spacing: f64,
    /// Ends with a hyphen (added, or a dash the text had).
    pub hyphenated: bool,
    /// Ends inside a word too wide for the line, with nothing added.
    pub cut: bool,
    pub justified: bool,
}

impl Line {
    pub fn notes(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs.iter().filter_map(|r| r.note)
    }
}

/// Set a paragraph into lines of `opts.width`.
pub fn set_paragraph(
    inline: &Inline,
    fonts: &FontSet,
    opts: &ParagraphOptions<'_>,
) -> Result<Vec<Line>, Unshaped> {
    if inline.text.is_empty() {
        return Ok(Vec::new());
    }
    let shaped = shape_inline(inline, fonts, opts.lang, opts.rtl)?;
    // The text is segmented once; its pieces without hyphenation points
    // are built now, those with them when a pass (or tightening) first
    // needs them, and are the same pieces when the language has no
    // patterns.
    let points = BreakPoints::new(inline);
    let plain = Pieces::build(inline, &shaped, &points.plain, fonts, opts);
    let with_hyphens = OnceCell::new();
    let hyphenated = || match opts.hyphen_lang {
        Some(lang) => with_hyphens.get_or_init(|| {
            Pieces::build(
                inline,
                &shaped,
                &points.hyphenated(inline, lang),
                fonts,
                opts,
            )
        }),
        None => &plain,
    };
    // As TeX does, try first without hyphenation: a paragraph that sets
    // well without breaking words gets none; then with hyphenation, at
    // rising tolerances. The last two are emergency passes, where hyphens
    // may end any number of lines in a row (a word of 200 letters needs
    // more than the usual limit): at hyphenation points, then with a word
    // too long for the line cut between its letters.
    let mut breaks = None;
    let mut pieces = &plain;
    // Before any line may be as loose as it likes, a pass with emergency
    // stretch looks for the breaks that spread the looseness best.
    let passes = [
        (false, PRETOLERANCE, false, false),
        (true, TOLERANCES[0], false, false),
        (true, TOLERANCES[1], false, false),
        (true, TOLERANCES[1], true, false),
        (true, TOLERANCES[2], false, false),
        (true, TOLERANCES[2], false, true),
        (false, TOLERANCES[2], false, true),
    ];
    for (hyphenate, tolerance, stretch, emergency) in passes {
        pieces = if hyphenate { hyphenated() } else { &plain };
        let mut params = Params::new(opts.width, tolerance);
        params.letter_cap = MAX_LETTER_SPACING / LETTER_STRETCH;
        if !opts.justify {
            params.ragged = Some(opts.width * 0.3);
        }
        if stretch {
            params.emergency_stretch = Some(opts.width * EMERGENCY_STRETCH);
        }
        if emergency {
            params.max_hyphens = u8::MAX - 1;
        }
        breaks = break_lines(&pieces.items, &params);
        if breaks.is_some() {
            break;
        }
    }
    if opts.tighten
        && let Some(normal) = &breaks
    {
        // Lines now cost more than loose spacing or a hyphen: the breaker
        // takes the fewest lines the tolerance allows.
        let hyphenated = hyphenated();
        let mut params = Params::new(opts.width, TOLERANCES[1]);
        params.letter_cap = MAX_LETTER_SPACING / LETTER_STRETCH;
        params.line_penalty = 10_000.0;
        if let Some(tight) = break_lines(&hyphenated.items, &params)
            && tight.len() < normal.len()
        {
            breaks = Some(tight);
            pieces = hyphenated;
        }
    }
    // The emergency pass accepts any underfull line, any run of hyphens,
    // and over-wide words are split, so it always finds breaks; this is
    // only a guard (and the verifier would refuse its overfull line).
    let breaks = breaks.unwrap_or_else(|| {
        vec![super::knuth_plass::Break {
            index: pieces.items.len() - 1,
            ratio: 0.0,
        }]
    });
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (n, b) in breaks.iter().enumerate() {
        let info = pieces.info[b.index];
        let last = n + 1 == breaks.len();
        let justify = opts.justify && !last && info.kind != Some(BreakKind::Mandatory);
        let line = build_line(
            inline,
            &shaped,
            fonts,
            opts,
            start..info.end,
            info.kind,
            justify,
        )?;
        lines.push(line);
        start = info.next;
    }
    Ok(lines)
}

/// Where a break at an item leaves the text.
#[derive(Clone, Copy, Debug, Default)]
struct BreakInfo {
    end: usize,
    next: usize,
    kind: Option<BreakKind>,
}

/// The paragraph as Knuth-Plass items, with where each break falls.
struct Pieces {
    items: Vec<BreakItem>,
    info: Vec<BreakInfo>,
}

impl Pieces {
    fn build(
        inline: &Inline,
        shaped: &Shaped,
        opps: &[Opportunity],
        fonts: &FontSet,
        opts: &ParagraphOptions<'_>,
    ) -> Pieces {
        let mut p = Pieces {
            items: Vec::new(),
            info: Vec::new(),
        };
        let mut pos = 0;
        if opts.indent > Pt::ZERO {
            p.push(
                BreakItem::Box {
                    width: opts.indent,
                    stretch: Pt::ZERO,
                },
                BreakInfo::default(),
            );
        }
        let mut hyphen_widths: Vec<(usize, Pt)> = Vec::new();
        for o in opps {
            if o.at < pos {
                continue;
            }
            p.text_box(inline, shaped, pos..o.at, fonts, opts);
            // A break that cuts through shaping (a ligature, a kerning
            // pair) gets both words' edges shaped anew: measure them so the
            // breaker counts the widths the lines will have.
            let (tail, head) = if shaped.safe_at(o.at) && shaped.safe_at(o.next) {
                (Pt::ZERO, Pt::ZERO)
            } else {
                edge_corrections(inline, shaped, fonts, opts, o)
            };
            let info = BreakInfo {
                end: o.at,
                next: o.next,
                kind: Some(o.kind),
            };
            match o.kind {
                BreakKind::Space => {
                    let w = shaped.width(o.at..o.next);
                    let (stretch, shrink) = if opts.justify {
                        (w * STRETCH, w * SHRINK)
                    } else {
                        (Pt::ZERO, Pt::ZERO)
                    };
                    p.push(
                        BreakItem::Glue {
                            width: w,
                            stretch,
                            shrink,
                        },
                        info,
                    );
                }
                BreakKind::Hyphen => {
                    // One hyphen width a span (a style), not a font lookup
                    // for each of a paragraph's many hyphenation points.
                    let span = inline.spans.partition_point(|s| s.range.end < o.at);
                    let width = match hyphen_widths.iter().find(|(s, _)| *s == span) {
                        Some((_, w)) => *w,
                        None => {
                            let w = end_mark(inline, shaped, o.at, BreakKind::Hyphen, fonts)
                                .map_or(Pt::ZERO, |g| g.advance);
                            hyphen_widths.push((span, w));
                            w
                        }
                    };
                    p.push(
                        BreakItem::Penalty {
                            width: width + tail,
                            next_width: head,
                            cost: HYPHEN_PENALTY,
                            flagged: true,
                        },
                        info,
                    );
                }
                // Opportunities never come as emergency cuts (text_box
                // makes those); treat one as an explicit break.
                BreakKind::Explicit | BreakKind::Emergency => {
                    let dash =
                        inline.text[..o.at].ends_with(['-', '\u{2010}', '\u{2013}', '\u{2014}']);
                    p.push(
                        BreakItem::Penalty {
                            width: tail,
                            next_width: head,
                            cost: if dash { 50.0 } else { 0.0 },
                            flagged: dash,
                        },
                        info,
                    );
                }
                BreakKind::Mandatory => {
                    p.push(fil(), BreakInfo::default());
                    p.push(forced(), info);
                }
            }
            pos = o.next;
        }
        p.text_box(inline, shaped, pos..inline.text.len(), fonts, opts);
        p.push(fil(), BreakInfo::default());
        let len = inline.text.len();
        p.push(
            forced(),
            BreakInfo {
                end: len,
                next: len,
                kind: None,
            },
        );
        p
    }

    fn push(&mut self, item: BreakItem, info: BreakInfo) {
        self.items.push(item);
        self.info.push(info);
    }

    /// A box for unbreakable text; one wider than the line is cut between
    /// its glyph clusters (at a high cost) so that it never overflows.
    fn text_box(
        &mut self,
        inline: &Inline,
        shaped: &Shaped,
        range: Range<usize>,
        fonts: &FontSet,
        opts: &ParagraphOptions<'_>,
    ) {
        if range.is_empty() {
            return;
        }
        // Letters of a joined script are never spaced (see `build_line`).
        let joined = super::shape::joined_at(&inline.text, range.start);
        let unit = if opts.justify && !joined {
            inline.span_at(range.start).style.size * LETTER_STRETCH
        } else {
            Pt::ZERO
        };
        let boxed = |r: Range<usize>| BreakItem::Box {
            width: shaped.width(r.clone()),
            stretch: unit * (shaped.glyph_at(r.end) - shaped.glyph_at(r.start)) as f64,
        };
        // The first line is shorter by the indent, and a word may open it.
        if shaped.width(range.clone()) <= opts.width - opts.indent.max(Pt::ZERO) {
            self.push(boxed(range), BreakInfo::default());
            return;
        }
        let (a, b) = (shaped.glyph_at(range.start), shaped.glyph_at(range.end));
        // Cuts between syllables cost less, by the patterns of the text's
        // language (a label's too, though labels are not hyphenated).
        let lang = opts.hyphen_lang.or_else(|| {
            opts.lang
                .and_then(|l| super::breaks::hyphenation_lang(l.as_str()))
        });
        let syllables = lang.map_or_else(Vec::new, |lang| {
            super::breaks::cut_points(&inline.text[range.clone()], range.start, lang)
        });
        let mut piece_start = range.start;
        let word_first = inline.span_at(range.start).note.is_none();
        for g in &shaped.glyphs[a..b] {
            // Note markers belong to the word they follow: no cut before
            // one ("…travail¹⁸" / "¹⁹ déjà") when the markers from there on
            // are short; the word's own letters take the cut. (A run of
            // markers longer than half a line may still be cut.)
            if word_first
                && inline.span_at(g.cluster).note.is_some()
                && shaped.width(g.cluster..range.end) < opts.width * 0.5
            {
                continue;
            }
            // Any glyph cluster may start a piece; between a kerning pair
            // ("AT") it costs more, and the line's edge is shaped anew.
            if g.cluster > piece_start {
                let mut cost = if g.unsafe_to_break { 1500.0 } else { 1000.0 };
                if syllables.contains(&g.cluster) {
                    cost -= 500.0;
                }
                // A single letter left on either side reads worst of all.
                let letters = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count();
                let text = &inline.text;
                if letters(&text[range.start..g.cluster]) < 2
                    || letters(&text[g.cluster..range.end]) < 2
                {
                    cost += 2000.0;
                }
                let cut = Opportunity {
                    at: g.cluster,
                    next: g.cluster,
                    kind: BreakKind::Emergency,
                };
                let (tail, head) = if g.unsafe_to_break {
                    edge_corrections(inline, shaped, fonts, opts, &cut)
                } else {
                    (Pt::ZERO, Pt::ZERO)
                };
                // A word cut between letters ends with a hyphen, which
                // takes room on the line.
                let hyphen = if hyphen_at_cut(inline, g.cluster) {
                    end_mark(inline, shaped, g.cluster, BreakKind::Hyphen, fonts)
                        .map_or(Pt::ZERO, |m| m.advance)
                } else {
                    Pt::ZERO
                };
                self.push(boxed(piece_start..g.cluster), BreakInfo::default());
                self.push(
                    BreakItem::Penalty {
                        width: tail + hyphen,
                        next_width: head,
                        cost,
                        flagged: false,
                    },
                    BreakInfo {
                        end: g.cluster,
                        next: g.cluster,
                        kind: Some(BreakKind::Emergency),
                    },
                );
                piece_start = g.cluster;
            }
        }
        self.push(boxed(piece_start..range.end), BreakInfo::default());
    }
}

fn fil() -> BreakItem {
    BreakItem::Glue {
        width: Pt::ZERO,
        stretch: FIL,
        shrink: Pt::ZERO,
    }
}

fn forced() -> BreakItem {
    BreakItem::penalty(Pt::ZERO, -INFINITE_PENALTY, false)
}

/// How much wider (or narrower) the line ending at `o` and the line
/// starting after it get when the words cut by the break are shaped on
/// their own, as [`build_line`] shapes them.
fn edge_corrections(
    inline: &Inline,
    shaped: &Shaped,
    fonts: &FontSet,
    opts: &ParagraphOptions<'_>,
    o: &Opportunity,
) -> (Pt, Pt) {
    let text = &inline.text;
    let word_start = text[..o.at].rfind([' ', '\n']).map_or(0, |i| i + 1);
    let word_end = text[o.next..]
        .find([' ', '\n'])
        .map_or(text.len(), |i| o.next + i);
    let exact = |r: Range<usize>| -> Pt {
        reshape(inline, shaped, r, fonts, opts)
            .map_or(Pt::ZERO, |g| g.iter().map(|g| g.advance).sum())
    };
    let tail = if shaped.safe_at(o.at) || word_start >= o.at {
        Pt::ZERO
    } else {
        exact(word_start..o.at) - shaped.width(word_start..o.at)
    };
    let head = if shaped.safe_at(o.next) || o.next >= word_end {
        Pt::ZERO
    } else {
        exact(o.next..word_end) - shaped.width(o.next..word_end)
    };
    (tail, head)
}

/// A glyph the line adds at its end: the hyphen of a hyphenated word, or
/// the space after the last word. Each stands for a character of its own
/// (a soft hyphen, a space), so that text extraction and screen readers
/// join the word again, or see the word boundary, and no glyph ever maps
/// to two different texts.
fn end_mark(
    inline: &Inline,
    shaped: &Shaped,
    at: usize,
    kind: BreakKind,
    fonts: &FontSet,
) -> Option<Glyph> {
    let span_index = inline
        .spans
        .partition_point(|s| s.range.end < at)
        .min(inline.spans.len() - 1);
    let style = &inline.spans[span_index].style;
    let kind = if kind == BreakKind::Emergency && hyphen_at_cut(inline, at) {
        BreakKind::Hyphen
    } else {
        kind
    };
    match kind {
        BreakKind::Hyphen => {
            let face = fonts.face(style.face);
            let charmap = face.shaper.charmap();
            let id = ['\u{ad}', '\u{2010}', '-']
                .iter()
                .find_map(|&c| charmap.map_unicode(c))?;
            let advance = harfrust::ShaperFont::new(&face.shaper).glyph_h_advance(id);
            Some(Glyph {
                id: id.to_u32(),
                cluster: at,
                advance: Pt(f64::from(advance) * style.size.0 / face.units_per_em),
                x_offset: Pt::ZERO,
                y_offset: Pt::ZERO,
                unsafe_to_break: false,
                span: span_index,
                face: style.face,
                // The hyphen goes where the word it ends runs.
                level: shaped
                    .glyphs
                    .get(shaped.glyph_at(at).saturating_sub(1))
                    .map_or(0, |g| g.level),
                added: Some('\u{ad}'),
            })
        }
        BreakKind::Space => shaped
            .glyphs
            .get(shaped.glyph_at(at))
            .filter(|g| g.cluster == at)
            .map(|g| Glyph {
                advance: Pt::ZERO,
                added: Some(' '),
                ..g.clone()
            }),
        _ => None,
    }
}

/// Whether a word cut at `at` for want of room (an emergency break) gets a
/// hyphen: between two letters of a script written with hyphens (Latin,
/// Greek, Cyrillic, Armenian), and not in a link or a web or mail address,
/// where a hyphen would read as part of it. Elsewhere (figures, marks,
/// scripts that break words without one) the cut stays bare.
fn hyphen_at_cut(inline: &Inline, at: usize) -> bool {
    let text = &inline.text;
    let hyphenates = |c: char| {
        let u = u32::from(c);
        c.is_alphabetic() && (u < 0x0590 || (0x1E00..0x2000).contains(&u))
    };
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    if !before.is_some_and(hyphenates) || !after.is_some_and(hyphenates) {
        return false;
    }
    if inline.span_at(at).link.is_some() {
        return false;
    }
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let word = &text[start..end];
    !(word.contains("://") || word.contains("www.") || word.contains('@'))
}

/// Reshape `range` on its own (a line end cut a ligature or kerning pair).
fn reshape(
    inline: &Inline,
    shaped: &Shaped,
    range: Range<usize>,
    fonts: &FontSet,
    opts: &ParagraphOptions<'_>,
) -> Result<Vec<Glyph>, Unshaped> {
    let mut out = Vec::new();
    let mut problems = Unshaped::default();
    for (i, span) in inline.spans.iter().enumerate() {
        let a = span.range.start.max(range.start);
        let b = span.range.end.min(range.end);
        if a < b {
            // Shape the piece with nothing after it, so that what follows
            // the line's end does not influence it.
            let cx = ShapeContext {
                text: &inline.text[..b],
                fonts,
                lang: opts.lang,
                levels: shaped.levels.as_deref(),
            };
            shape_range(&cx, a..b, &span.style, i, &mut out, &mut problems);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn build_line(
    inline: &Inline,
    shaped: &Shaped,
    fonts: &FontSet,
    opts: &ParagraphOptions<'_>,
    range: Range<usize>,
    end: Option<BreakKind>,
    justify: bool,
) -> Result<Line, Unshaped> {
    let text = &inline.text;
    let hyphen = end == Some(BreakKind::Hyphen);
    // A word cut between letters for want of room ends with a hyphen too,
    // though the line does not count as hyphenated (for the rules about
    // hyphens at the foot of a column, a cut is forced).
    let marked = hyphen || (end == Some(BreakKind::Emergency) && hyphen_at_cut(inline, range.end));
    // The words at the line's edges, reshaped when the break cut through
    // shaping (or added a hyphen).
    let first_space = text[range.clone()]
        .find(' ')
        .map_or(range.end, |i| range.start + i);
    let last_space = text[range.clone()]
        .rfind(' ')
        .map_or(range.start, |i| range.start + i + 1);
    let head_cut = !shaped.safe_at(range.start);
    let tail_cut = hyphen || !shaped.safe_at(range.end);
    let mut glyphs: Vec<Glyph> = Vec::new();
    let mid_start = if head_cut {
        first_space.min(range.end)
    } else {
        range.start
    };
    let mid_end = if tail_cut {
        last_space.max(mid_start)
    } else {
        range.end
    };
    if head_cut {
        glyphs.extend(reshape(
            inline,
            shaped,
            range.start..mid_start,
            fonts,
            opts,
        )?);
    }
    let (a, b) = (shaped.glyph_at(mid_start), shaped.glyph_at(mid_end));
    glyphs.extend_from_slice(&shaped.glyphs[a..b]);
    if tail_cut && mid_end < range.end {
        glyphs.extend(reshape(
            inline,
            shaped,
            mid_end.max(mid_start)..range.end,
            fonts,
            opts,
        )?);
    }

    // Justify: spread the shortfall over the spaces and, a little, over
    // the letters; shrink only the spaces.
    let mark = end.and_then(|k| end_mark(inline, shaped, range.end, k, fonts));
    // A hyphen takes room on the line; the zero-width space does not.
    let hyphen_width = mark
        .as_ref()
        .filter(|_| marked)
        .map_or(Pt::ZERO, |g| g.advance);
    let natural: Pt = glyphs.iter().map(|g| g.advance).sum::<Pt>() + hyphen_width;
    let is_space = |g: &Glyph| text[g.cluster..].starts_with(' ');
    let spaces: Vec<usize> = glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| is_space(g))
        .map(|(i, _)| i)
        .collect();
    let space_width: Pt = spaces.iter().map(|&i| glyphs[i].advance).sum();
    // Letter-spacing goes between letters: not after the last one.
    let last = if marked {
        glyphs.len()
    } else {
        glyphs.len().saturating_sub(1)
    };
    // Not between the letters of a script that joins them (Arabic) or
    // hangs them from a headline (Devanagari): those lines take their
    // whole shortfall in the word spaces.
    let letters: Vec<usize> = (0..last)
        .filter(|&i| {
            let g = &glyphs[i];
            !is_space(g) && g.advance > Pt::ZERO && !super::shape::joined_at(text, g.cluster)
        })
        .collect();
    let unit = |g: &Glyph| inline.spans[g.span].style.size * LETTER_STRETCH;
    let letter_stretch: Pt = letters.iter().map(|&i| unit(&glyphs[i])).sum();
    // The first line is shorter by the indent.
    let indent = if range.start == 0 {
        opts.indent
    } else {
        Pt::ZERO
    };
    let shortfall = opts.width - indent - natural;
    let (mut factor, mut letter_ratio) = (1.0, 0.0);
    if justify && shortfall > Pt::ZERO && space_width > Pt::ZERO {
        // Letters take their share up to the cap; the spaces the rest (as
        // the breaker reckoned it).
        let space_stretch = space_width * STRETCH;
        let cap = MAX_LETTER_SPACING / LETTER_STRETCH;
        let r = space_ratio(shortfall.0, space_stretch.0, letter_stretch.0, cap);
        if !letters.is_empty() {
            letter_ratio = (shortfall.0 / (space_stretch.0 + letter_stretch.0)).min(cap);
        }
        factor = 1.0 + r * STRETCH;
        for &i in &spaces {
            glyphs[i].advance = glyphs[i].advance * factor;
        }
        for &i in &letters {
            let extra = unit(&glyphs[i]) * letter_ratio;
            glyphs[i].advance += extra;
        }
    } else if shortfall < Pt::ZERO && space_width > Pt::ZERO {
        // An overfull line, justified or a paragraph's last: its spaces
        // shrink, never below the limit the breaker worked with.
        factor = (1.0 + shortfall / space_width).max(1.0 - SHRINK);
        for &i in &spaces {
            glyphs[i].advance = glyphs[i].advance * factor;
        }
    }
    glyphs.extend(mark);
    let width: Pt = glyphs.iter().map(|g| g.advance).sum();
    visual_order(&mut glyphs);
    Ok(Line {
        runs: group_runs(inline, fonts, &glyphs, range.clone()),
        width,
        measure: opts.width,
        rtl: opts.rtl,
        indent,
        space_factor: factor,
        letter_spacing: letter_ratio * LETTER_STRETCH,
        hyphenated: hyphen || text[..range.end].ends_with(['-', '\u{2010}']),
        cut: end == Some(BreakKind::Emergency),
        justified: justify,
    })
}

/// Put a line's glyphs (in text order) in the order they are seen: runs
/// at each right-to-left level reversed, highest level first (rule L2 of
/// the bidirectional algorithm).
fn visual_order(glyphs: &mut [Glyph]) {
    let Some(lowest_odd) = glyphs.iter().map(|g| g.level).filter(|l| l % 2 == 1).min() else {
        return;
    };
    let highest = glyphs.iter().map(|g| g.level).max().unwrap_or(0);
    for level in (lowest_odd..=highest).rev() {
        let mut i = 0;
        while i < glyphs.len() {
            if glyphs[i].level >= level {
                let start = i;
                while i < glyphs.len() && glyphs[i].level >= level {
                    i += 1;
                }
                glyphs[start..i].reverse();
            } else {
                i += 1;
            }
        }
    }
}

/// Cut a line's glyphs (in visual order) into runs of one span, face and
/// direction, each with the text its glyphs stand for.
fn group_runs(
    inline: &Inline,
    fonts: &FontSet,
    glyphs: &[Glyph],
    line: Range<usize>,
) -> Vec<LineRun> {
    // Each source glyph stands for the text from its cluster to the next
    // cluster of the line in text order.
    let mut clusters: Vec<usize> = glyphs
        .iter()
        .filter(|g| g.added.is_none())
        .map(|g| g.cluster)
        .collect();
    clusters.sort_unstable();
    clusters.dedup();
    let end_of = |c: usize| {
        let i = clusters.partition_point(|&x| x <= c);
        clusters.get(i).copied().unwrap_or(line.end).max(c)
    };
    let mut runs: Vec<LineRun> = Vec::new();
    let mut x = Pt::ZERO;
    let mut i = 0;
    while i < glyphs.len() {
        // A run keeps to one bidi level, not just one direction: a run of
        // one level in visual order is one stretch of the text, where
        // levels 0 and 2 side by side (figures after Arabic in a
        // left-to-right line) are two stretches far apart in the text,
        // and one run over both would hold the text between them twice.
        let key = |g: &Glyph| (g.span, g.face, g.level);
        let mut j = i;
        while j < glyphs.len() && key(&glyphs[j]) == key(&glyphs[i]) {
            j += 1;
        }
        let group = &glyphs[i..j];
        let span = &inline.spans[glyphs[i].span];
        let source = group.iter().filter(|g| g.added.is_none());
        let text_start = source.clone().map(|g| g.cluster).min().unwrap_or(line.end);
        let text_end = source
            .map(|g| end_of(g.cluster))
            .max()
            .unwrap_or(line.end)
            .max(text_start);
        let mut text = inline.text[text_start..text_end].to_string();
        let mut placed = Vec::with_capacity(group.len());
        let run_x = x;
        for g in group {
            let range = match g.added {
                Some(c) => {
                    let from = text.len();
                    text.push(c);
                    from..text.len()
                }
                None => (g.cluster - text_start)..(end_of(g.cluster) - text_start),
            };
            let size = span.style.size.0;
            placed.push(PlacedGlyph {
                id: g.id,
                advance: g.advance,
                x_offset: (g.x_offset.0 / size) as f32,
                y_offset: (g.y_offset.0 / size) as f32,
                text: to_u32(range.start)..to_u32(range.end),
            });
            x += g.advance;
        }
        let face_info = fonts.face(glyphs[i].face);
        runs.push(LineRun {
            run: TextRun {
                origin: Point {
                    x: run_x,
                    y: -span.style.rise,
                },
                face: glyphs[i].face,
                size: span.style.size,
                paint: span.style.paint,
                glyphs: placed,
                text,
                ascent: span.style.size * face_info.ascender,
                descent: span.style.size * -face_info.descender,
                logical: text_start,
                rtl: glyphs[i].rtl(),
            },
            note: span.note,
            link: span.link.clone(),
        });
        i = j;
    }
    runs
}

/// A byte offset in a run's text; a run is one line's worth of text, far
/// below 4 GiB (the profile's size limit).
fn to_u32(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Paint;
    use crate::fonts::{FaceId, builtin_fonts};
    use crate::layout::span_style::SpanStyle;

    const TEXT: &str = "Despite improvements regarding the social economic situation in the last decade, large inequalities in Bolivia continue to exist. The patriarchal conceptions continue to reduce women, girls, boys, and adolescents to objects without rights.";

    fn set(text: &str, width: f64, justify: bool) -> Vec<Line> {
        let style = SpanStyle::new(FaceId::Regular, Pt(9.5), Paint::Text).hyphenate(true);
        let inline = Inline::plain(text, &style);
        let lang = Language::new("en").unwrap();
        let opts = ParagraphOptions {
            width: Pt(width),
            justify,
            lang: Some(&lang),
            hyphen_lang: Some(hypher::Lang::English),
            tighten: false,
            rtl: false,
            indent: Pt::ZERO,
        };
        set_paragraph(&inline, &builtin_fonts(), &opts).unwrap()
    }

    fn line_text(l: &Line) -> String {
        l.runs.iter().map(|r| r.run.text.as_str()).collect()
    }

    #[test]
    fn justified_lines_fill_the_width_and_keep_all_text() {
        let lines = set(TEXT, 244.0, true);
        assert!(lines.len() >= 4);
        for l in &lines[..lines.len() - 1] {
            assert!(
                (l.width.0 - 244.0).abs() < 0.01,
                "{} {}",
                l.width,
                line_text(l)
            );
            assert!(
                l.space_factor > 0.66 && l.space_factor < 2.0,
                "{}",
                l.space_factor
            );
        }
        let joined: String = lines
            .iter()
            .map(line_text)
            .collect::<Vec<_>>()
            .join(" ")
            .replace("\u{ad} ", "")
            .replace("  ", " ");
        assert_eq!(joined, TEXT);
    }

    #[test]
    fn a_tightened_paragraph_is_a_line_shorter_where_it_can_be() {
        let style = SpanStyle::new(FaceId::Regular, Pt(9.5), Paint::Text).hyphenate(true);
        let text = format!("{} It is.", [TEXT; 2].join(" "));
        let inline = Inline::plain(&text, &style);
        let lang = Language::new("en").unwrap();
        let mut shorter = 0;
        for w in 150..330 {
            let lines = |tighten| {
                let opts = ParagraphOptions {
                    width: Pt(f64::from(w)),
                    justify: true,
                    lang: Some(&lang),
                    hyphen_lang: Some(hypher::Lang::English),
                    tighten,
                    rtl: false,
                    indent: Pt::ZERO,
                };
                set_paragraph(&inline, &builtin_fonts(), &opts).unwrap()
            };
            let (normal, tight) = (lines(false), lines(true));
            assert!(tight.len() <= normal.len());
            for l in &tight[..tight.len() - 1] {
                assert!((l.width.0 - f64::from(w)).abs() < 0.01, "{}", l.width);
                assert!(l.space_factor >= 1.0 - SHRINK - 1e-9);
            }
            shorter += usize::from(tight.len() < normal.len());
        }
        assert!(shorter > 0, "no width where a line could be saved");
    }

    #[test]
    fn joined_letters_are_never_spaced_to_justify_a_line() {
        // Arabic letters join: a justified line takes its whole shortfall
        // in the word spaces.
        let text = "تستبدل هذه الفقرة بنص حقيقي عند إعداد صحيفة وقائع فعلية مع مصادر \
                    موثوقة لكل رقم وتظهر كيف يكتب النص العربي من اليمين إلى اليسار";
        let style = SpanStyle::new(FaceId::Regular, Pt(9.5), Paint::Text);
        let inline = Inline::plain(text, &style);
        let lang = Language::new("ar").unwrap();
        let opts = ParagraphOptions {
            width: Pt(150.0),
            justify: true,
            lang: Some(&lang),
            hyphen_lang: None,
            tighten: false,
            rtl: true,
            indent: Pt::ZERO,
        };
        let lines = set_paragraph(&inline, &builtin_fonts(), &opts).unwrap();
        assert!(lines.len() > 2);
        for l in &lines[..lines.len() - 1] {
            assert_eq!(l.letter_spacing, 0.0, "{}", line_text(l));
            assert!((l.width.0 - 150.0).abs() < 0.01, "{}", l.width);
        }
    }

    #[test]
    fn ragged_lines_keep_natural_spaces() {
        let lines = set(TEXT, 200.0, false);
        for l in &lines {
            assert_eq!(l.space_factor, 1.0);
            assert!(l.width.0 <= 200.0 + 0.01);
        }
    }

    #[test]
    fn an_unbreakable_word_wider_than_the_line_is_cut() {
        let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
        let lines = set(&word, 120.0, true);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.width.0 <= 120.0 + 0.01, "{}", l.width);
        }
    }

    #[test]
    fn a_word_needing_more_hyphens_in_a_row_than_allowed_still_fits() {
        // A word of 196 letters in a paragraph: at most widths the usual
        // passes fail (too many hyphens in a row, or a line too loose
        // before the word); the emergency passes set every line inside
        // the width, with all of its letters.
        let text = format!(
            "Activities {} include training on how to report cases of sexual \
             exploitation, discuss issues related to sexual exploitation and the \
             detection of grooming on social media.",
            "antidisestablishmentarianism".repeat(7)
        );
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).collect::<String>();
        for w in (150..330).step_by(7) {
            let w = f64::from(w);
            let lines = set(&text, w, true);
            for l in &lines {
                assert!(l.width.0 <= w + 0.01, "{} > {w}: {}", l.width, line_text(l));
            }
            let joined: String = lines.iter().map(line_text).collect();
            assert_eq!(letters(&joined), letters(&text));
        }
    }

    /// Set `text` at `width` in `lang` as a label is set: not hyphenated,
    /// not justified.
    fn set_label(text: &str, width: f64, lang: &str) -> Vec<Line> {
        let style = SpanStyle::new(FaceId::Regular, Pt(9.5), Paint::Text);
        let inline = Inline::plain(text, &style);
        let lang = Language::new(lang).unwrap();
        let opts = ParagraphOptions {
            width: Pt(width),
            justify: false,
            lang: Some(&lang),
            hyphen_lang: None,
            tighten: false,
            rtl: false,
            indent: Pt::ZERO,
        };
        set_paragraph(&inline, &builtin_fonts(), &opts).unwrap()
    }

    /// Whether a line ends with the hyphen its break added.
    fn ends_with_hyphen(l: &Line) -> bool {
        line_text(l).ends_with('\u{ad}')
    }

    #[test]
    fn a_long_word_is_cut_in_its_letters_not_before_its_note_markers() {
        // "…travail¹⁸¹⁹" longer than the line: the cut goes into the word
        // (with a hyphen), not before or between the markers, which would
        // start the next line with "¹⁹" (found by a census).
        let fonts = builtin_fonts();
        let style = SpanStyle::new(FaceId::Regular, Pt(9.5), Paint::Text);
        let runs = vec![
            crate::doc::Run::text(
                "Du texte puis Communautétravailcampagnecommunautétravail".to_string(),
            ),
            crate::doc::Run::NoteRef(18),
            crate::doc::Run::NoteRef(19),
            crate::doc::Run::text(" déjà économiques justice avec droits.".to_string()),
        ];
        let inline = Inline::from_runs(&runs, &style, &fonts);
        let lang = Language::new("fr").unwrap();
        let letters = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        };
        for width in (60..260).step_by(5) {
            let opts = ParagraphOptions {
                width: Pt(f64::from(width)),
                justify: true,
                lang: Some(&lang),
                hyphen_lang: super::super::breaks::hyphenation_lang("fr"),
                tighten: false,
                rtl: false,
                indent: Pt::ZERO,
            };
            let lines = set_paragraph(&inline, &fonts, &opts).unwrap();
            for l in &lines[1..] {
                let t = line_text(l);
                assert!(
                    !t.starts_with(['¹', '²', '³', '⁰', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']),
                    "{width}: a line starts with a marker: {t:?}"
                );
            }
            for l in &lines {
                assert!(
                    l.width.0 <= f64::from(width) + 0.01,
                    "{width}: {}",
                    line_text(l)
                );
            }
            let joined: String = lines.iter().map(line_text).collect();
            assert_eq!(letters(&joined), letters(&inline.text));
        }
    }

    #[test]
    fn figures_after_arabic_in_a_left_to_right_line_are_set_once() {
        // Levels 0 ("ABC · "), 1 (the Arabic, the space, the dash) and 2
        // (each figure group): in visual order the first figures follow
        // "ABC · " directly, at an even level like it. Each run must hold
        // only its own stretch of the text.
        for (text, rtl) in [
            ("ABC · أي 1990–1990", false),
            ("ABC · أي 1990–1990", true),
            ("The name الأردن 2021 and 2022 ends here.", false),
        ] {
            let style = SpanStyle::new(FaceId::Bold, Pt(8.5), Paint::Text);
            let inline = Inline::plain(text, &style);
            let lang = Language::new("ar").unwrap();
            let opts = ParagraphOptions {
                width: Pt(400.0),
                justify: false,
                lang: Some(&lang),
                hyphen_lang: None,
                tighten: false,
                rtl,
                indent: Pt::ZERO,
            };
            let lines = set_paragraph(&inline, &builtin_fonts(), &opts).unwrap();
            assert_eq!(lines.len(), 1);
            let mut runs: Vec<&str> = lines[0].runs.iter().map(|r| r.run.text.as_str()).collect();
            let placed: usize = runs.iter().map(|t| t.chars().count()).sum();
            assert_eq!(placed, text.chars().count(), "{text}: {runs:?}");
            runs.sort_unstable();
            let mut all: Vec<char> = runs.concat().chars().collect();
            let mut want: Vec<char> = text.chars().collect();
            all.sort_unstable();
            want.sort_unstable();
            assert_eq!(all, want, "{text}: {runs:?}");
        }
    }

    #[test]
    fn a_word_cut_for_want_of_room_ends_with_a_hyphen() {
        let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
        for w in [60.0, 90.0, 120.0] {
            let lines = set(&word, w, true);
            assert!(lines.len() > 2);
            for l in &lines[..lines.len() - 1] {
                assert!(ends_with_hyphen(l), "{w}: {:?}", line_text(l));
                assert!(l.cut && !l.hyphenated, "{w}: {:?}", line_text(l));
            }
            // With its hyphen, every line still fits.
            for l in &lines {
                assert!(l.width.0 <= w + 0.01, "{} > {w}", l.width);
            }
        }
    }

    #[test]
    fn an_address_or_figures_cut_for_want_of_room_get_no_hyphen() {
        for text in [
            "https://www.example.org/averyveryveryverylongpathwithoutanybreakopportunity",
            "campaign.officer.of.the.programme@example.org",
            "123456789012345678901234567890123456789012345678901234567890",
        ] {
            let lines = set(text, 60.0, false);
            assert!(lines.len() > 1, "{text}");
            assert!(lines.iter().all(|l| !ends_with_hyphen(l)), "{text}");
        }
    }

    #[test]
    fn a_label_word_too_long_for_its_box_is_cut_between_syllables() {
        // Labels are not hyphenated; a word wider than the box must still
        // be cut, and the language's patterns say where it reads best
        // (where the line is not too short for that: a ragged line may
        // fall short by a third of the width).
        let word = "vanmannengemeenschap".repeat(2);
        let syllables = super::super::breaks::cut_points(&word, 0, hypher::Lang::Dutch);
        let cuts = |lang: &str, w: f64| -> Vec<usize> {
            let lines = set_label(&word, w, lang);
            let mut at = 0;
            let mut out = Vec::new();
            for l in &lines[..lines.len() - 1] {
                at += line_text(l).trim_end_matches('\u{ad}').len();
                out.push(at);
            }
            out
        };
        let (mut with, mut without, mut all) = (0, 0, 0);
        for w in (50..130).step_by(5) {
            let w = f64::from(w);
            let nl = cuts("nl", w);
            all += nl.len();
            with += nl.iter().filter(|c| syllables.contains(c)).count();
            // A language without patterns: cuts wherever the line is full.
            without += cuts("und", w)
                .iter()
                .filter(|c| syllables.contains(c))
                .count();
        }
        assert!(with * 4 >= all * 3, "{with} of {all}");
        assert!(with > without, "{with} with patterns, {without} without");
    }

    #[test]
    fn a_cut_leaves_more_than_one_letter_where_the_line_allows() {
        // Without the extra cost these widths cut "Locale M-unicipalité".
        let text =
            "Aussi Le Résultats Locale Municipalitéjeunespolitiquessensibilisation des enfants";
        for (w, justify) in [(49.0, false), (94.0, true)] {
            let lines = set(text, w, justify);
            assert!(lines.iter().any(|l| l.cut), "{w}: no cut");
            for l in lines.iter().filter(|l| l.cut) {
                let t = line_text(l);
                let last = t.trim_end_matches('\u{ad}').split_whitespace().last();
                assert!(last.is_some_and(|w| w.chars().count() > 1), "{w}: {t:?}");
            }
        }
    }
}
