//! Writing systems in Word's terms. Word and LibreOffice set text in two
//! families of fonts: the "Latin" slot for the house font's scripts, and
//! the "complex script" slot (`w:cs`) for Arabic, Hebrew, Devanagari,
//! Thai...; a document whose text runs right to left also needs each
//! paragraph (`w:bidi`), section (`w:bidi`: columns from the right), table
//! (`w:bidiVisual`: cells from the right) and right-to-left run (`w:rtl`)
//! marked as such, which docx-rs has no API for. The marks are added to
//! its output here; the style sheet's share is in
//! [`super::styles::finish`].

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

use super::styles::id;
use super::xml::{Element, Node};
use crate::doc::Document;
use crate::fonts::{FaceId, FontSet};

/// How a document's text is written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Writing {
    /// The document's language runs right to left: paragraphs, columns
    /// and tables are mirrored.
    pub rtl: bool,
    /// The text holds characters the house font lacks (another script).
    pub complex: bool,
    /// The family of the font that has them, named for complex script.
    pub complex_font: Option<String>,
    /// Paragraph styles of label text that run the other way from the
    /// document, with their direction (`true`: right to left). Where the
    /// labels' language runs the other way from the document's (an Arabic
    /// profile without an Arabic locale: English labels), a label takes
    /// the direction of its first letter, as the PDF sets it
    /// (`locale::label_runs_rtl`): the kicker ("Country factsheet · ...",
    /// or the profile's own kind of document, with the programme's name
    /// and period in it) and the sample-data note. Empty in most
    /// documents.
    pub turned: Vec<(&'static str, bool)>,
}

impl Writing {
    /// How `texts`, in the language `lang`, are written with `fonts`.
    pub fn of<'t>(lang: &str, texts: impl IntoIterator<Item = &'t str>, fonts: &FontSet) -> Self {
        let regular = fonts.face(FaceId::Regular);
        let foreign = texts
            .into_iter()
            .flat_map(str::chars)
            .find(|&c| !c.is_whitespace() && !c.is_control() && !regular.covers(c));
        let complex_font = foreign
            .and_then(|c| fonts.face_for(FaceId::Regular, c))
            .and_then(|id| family_name(fonts, id));
        let rtl = crate::doc::is_rtl(lang);
        Writing {
            rtl,
            complex: foreign.is_some(),
            complex_font,
            turned: Vec::new(),
        }
    }

    /// The direction of paragraphs in `style` where it is not the
    /// document's.
    pub fn turned(&self, style: &str) -> Option<bool> {
        self.turned
            .iter()
            .find(|(s, _)| *s == style)
            .map(|(_, rtl)| *rtl)
    }

    /// `e` (`w:lang`, `w:themeFontLang`) saying the text is in `lang`:
    /// where it is in a complex script, that language is also the one
    /// Word checks such text in (`w:bidi`, for Arabic and Devanagari
    /// alike).
    pub fn lang(&self, e: Element, lang: &str) -> Element {
        let e = e.attr("w:val", lang);
        if self.complex {
            e.attr("w:bidi", lang)
        } else {
            e
        }
    }

    /// How a factsheet is written.
    pub fn of_document(doc: &Document, fonts: &FontSet) -> Self {
        let mut texts = Vec::new();
        super::text::each_text(doc, &mut |t| texts.push(t));
        let rtl = doc.rtl();
        let labels_rtl = crate::doc::is_rtl(&doc.label_lang);
        let note = doc.indicators.as_ref().and_then(|r| r.note.as_deref());
        let turned = [
            (id::KICKER, Some(doc.kicker.as_str())),
            (id::INDICATOR_NOTE, note),
        ]
        .into_iter()
        .filter_map(|(style, text)| {
            let r = crate::locale::label_runs_rtl(text?, labels_rtl, rtl);
            (r != rtl).then_some((style, r))
        })
        .collect();
        Writing {
            turned,
            ..Writing::of(&doc.lang, texts, fonts)
        }
    }
}

/// The family a face says it belongs to (the typographic family, else
/// the family), as Word names fonts.
fn family_name(fonts: &FontSet, id: FaceId) -> Option<String> {
    use harfrust::font::name::NameId;
    let names = fonts.face(id).shaper.names();
    [NameId::TYPOGRAPHIC_FAMILY_NAME, NameId::FAMILY_NAME]
        .into_iter()
        .find_map(|n| names.get(n)?.english_or_first())
        .map(|l| l.name().chars().collect::<String>())
        .filter(|s| !s.trim().is_empty())
}

/// Mark what runs right to left in a part docx-rs wrote: every section
/// and table of a right-to-left document, and in any document the runs
/// whose text the bidirectional algorithm sets right to left (split from
/// their left-to-right neighbours, so "Down to Zero" inside an Arabic
/// sentence stays a left-to-right run).
pub fn mark(root: &mut Element, w: &Writing) {
    root.walk_mut(&mut |e| {
        if w.rtl {
            match e.name.as_str() {
                "w:sectPr" => e.children.push(Node::Element(Element::new("w:bidi"))),
                // A table of one column (the band) has no order to
                // mirror, and keeps its place from the left edge.
                "w:tbl" if columns(e) > 1 => e
                    .find_or_insert("w:tblPr")
                    .children
                    .push(Node::Element(Element::new("w:bidiVisual"))),
                _ => {}
            }
        }
        if e.name == "w:p" || e.name == "w:hyperlink" {
            let rtl = if e.name == "w:p" {
                // (A combined document is written in its locale's
                // direction, labels and all: none of its styles is turned.)
                super::body::paragraph_style(e)
                    .and_then(|s| w.turned(s))
                    .unwrap_or(w.rtl)
            } else {
                w.rtl
            };
            split_runs(e, rtl);
        }
    });
}

/// The grid columns of a table.
fn columns(table: &Element) -> usize {
    table
        .elements()
        .filter(|c| c.name == "w:tblGrid")
        .map(|g| g.elements().filter(|c| c.name == "w:gridCol").count())
        .sum()
}

/// Split the text runs among `parent`'s children by direction.
///
/// Directions are resolved over the paragraph's whole text, not run by
/// run: a space or a page number takes its direction from the letters
/// around it. In "Page 1 of 3", an English label in a right-to-left
/// document, the spaces and figures between the English words run left
/// to right with them; resolved run by run they were marked right to
/// left, and LibreOffice set "1 Page 1 of".
fn split_runs(parent: &mut Element, rtl: bool) {
    // The paragraph's text, and each splittable run's share of it. Other
    // runs (fields' instructions, tabs, note references) and children
    // stand as one neutral character, a tab as a tab.
    let mut text = String::new();
    let mut shares: Vec<Option<std::ops::Range<usize>>> = Vec::new();
    for child in &parent.children {
        match child {
            Node::Element(r) if r.name == "w:r" => match run_text(r) {
                Some(t) => {
                    let start = text.len();
                    text.push_str(&t);
                    shares.push(Some(start..text.len()));
                }
                None => {
                    let tab = r.elements().any(|c| c.name == "w:tab");
                    let shown = r.elements().any(|c| {
                        c.name != "w:rPr" && c.name != "w:instrText" && c.name != "w:fldChar"
                    });
                    if tab {
                        text.push('\t');
                    } else if shown {
                        text.push('\u{fffc}');
                    }
                    shares.push(None);
                }
            },
            _ => {
                text.push('\u{fffc}');
                shares.push(None);
            }
        }
    }
    // Most paragraphs of a left-to-right document hold no right-to-left
    // letter: nothing to resolve.
    let right_to_left = |c: char| matches!(bidi_class(c), BidiClass::R | BidiClass::AL);
    if !rtl && !text.chars().any(right_to_left) {
        return;
    }
    let pieces = direction_ranges(&text, rtl);
    let mut out = Vec::with_capacity(parent.children.len());
    for (child, share) in parent.children.drain(..).zip(shares) {
        match (child, share) {
            (Node::Element(r), Some(share)) => {
                let cut: Vec<(&str, bool)> = pieces
                    .iter()
                    .filter(|(range, _)| range.start < share.end && range.end > share.start)
                    .map(|(range, right_to_left)| {
                        let (start, end) = (range.start.max(share.start), range.end.min(share.end));
                        (&text[start..end], *right_to_left)
                    })
                    .collect();
                out.extend(split_run(r, &cut));
            }
            (child, _) => out.push(child),
        }
    }
    parent.children = out;
}

/// The text of a run that holds only text (its properties and one
/// `w:t`), unescaped; `None` for any other run.
fn run_text(run: &Element) -> Option<String> {
    let only_text = run.elements().all(|c| c.name == "w:rPr" || c.name == "w:t");
    let texts: Vec<&Element> = run.elements().filter(|c| c.name == "w:t").collect();
    if !only_text || texts.len() != 1 {
        return None;
    }
    let raw: String = texts[0]
        .children
        .iter()
        .map(|c| match c {
            Node::Text(t) => t.as_str(),
            Node::Element(_) => "",
        })
        .collect();
    quick_xml::escape::unescape(&raw)
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// A text run cut into `pieces` of one direction each, right-to-left ones
/// marked `w:rtl`; left as it is when nothing in it runs right to left.
fn split_run(run: Element, pieces: &[(&str, bool)]) -> Vec<Node> {
    if pieces.iter().all(|(_, r)| !r) {
        return vec![Node::Element(run)];
    }
    pieces
        .iter()
        .map(|&(piece, right_to_left)| {
            let mut r = Element::new("w:r");
            r.attrs = run.attrs.clone();
            let mut props = run
                .elements()
                .find(|c| c.name == "w:rPr")
                .cloned()
                .unwrap_or_else(|| Element::new("w:rPr"));
            if right_to_left {
                props.children.push(Node::Element(Element::new("w:rtl")));
            }
            if !props.children.is_empty() {
                r.children.push(Node::Element(props));
            }
            r.children.push(Node::Element(
                Element::new("w:t")
                    .attr("xml:space", "preserve")
                    .text(piece),
            ));
            Node::Element(r)
        })
        .collect()
}

/// `text` cut where its resolved direction changes (byte ranges), in a paragraph of the
/// given base direction: each piece and whether it runs right to left.
/// Spaces and punctuation between right-to-left words go with them, as
/// the bidirectional algorithm resolves them. In a right-to-left
/// paragraph only words of left-to-right letters make a left-to-right
/// piece: figures stay in the right-to-left run around them, which Word
/// sets left to right all the same, so "2022،" is one run.
fn direction_ranges(text: &str, rtl: bool) -> Vec<(std::ops::Range<usize>, bool)> {
    if text.is_empty() {
        return Vec::new();
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(base));
    // Runs of one resolved level parity.
    let mut levels: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let r = info.levels[i].is_rtl();
        match levels.last_mut() {
            Some(last) if last.2 == r => last.1 = i + c.len_utf8(),
            _ => levels.push((i, i + c.len_utf8(), r)),
        }
    }
    // Pieces by direction: byte range and whether right to left.
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    for (start, end, odd) in levels {
        let right_to_left = if rtl {
            odd || !text[start..end]
                .chars()
                .any(|c| bidi_class(c) == BidiClass::L)
        } else {
            odd
        };
        match pieces.last_mut() {
            Some(last) if last.2 == right_to_left => last.1 = end,
            _ => pieces.push((start, end, right_to_left)),
        }
    }
    pieces
        .into_iter()
        .map(|(start, end, r)| (start..end, r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::{parse, write};

    /// `xml` marked as in a right-to-left document, written out.
    fn marked_rtl(xml: &str) -> String {
        let mut root = parse(xml.as_bytes()).unwrap();
        let w = Writing {
            rtl: true,
            ..Writing::default()
        };
        mark(&mut root, &w);
        String::from_utf8(write(&root)).unwrap()
    }

    fn directions(text: &str, rtl: bool) -> Vec<(&str, bool)> {
        direction_ranges(text, rtl)
            .into_iter()
            .map(|(range, r)| (&text[range], r))
            .collect()
    }

    #[test]
    fn latin_inside_arabic_is_its_own_run() {
        let pieces = directions("يظهر اسم Down to Zero والرقم", true);
        assert_eq!(
            pieces,
            vec![
                ("يظهر اسم ", true),
                ("Down to Zero", false),
                (" والرقم", true)
            ]
        );
        assert_eq!(directions("Only Latin", true), vec![("Only Latin", false)]);
        // Figures stay in the Arabic run around them.
        assert_eq!(
            directions("والرقم 42.5% والسنة 2022، بيانات", true),
            vec![("والرقم 42.5% والسنة 2022، بيانات", true)]
        );
        // Arabic inside an English sentence, figures left to right.
        assert_eq!(
            directions("The partner عمل في in 2017", false),
            vec![
                ("The partner ", false),
                ("عمل في", true),
                (" in 2017", false)
            ]
        );
        assert_eq!(directions("Only Latin", false), vec![("Only Latin", false)]);
    }

    #[test]
    fn runs_are_split_and_marked() {
        let out = marked_rtl(
            "<w:body><w:sectPr/><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid></w:tbl><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid></w:tbl><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>عن Down &amp; Up</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p></w:body>",
        );
        assert!(out.contains("<w:sectPr><w:bidi/></w:sectPr>"), "{out}");
        assert_eq!(out.matches("<w:bidiVisual/>").count(), 1, "{out}");
        assert!(
            out.contains("<w:tblPr><w:bidiVisual/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/>"),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:r><w:rPr><w:b/><w:rtl/></w:rPr><w:t xml:space="preserve">عن </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Down &amp; Up</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>"#),
            "{out}"
        );
    }

    #[test]
    fn a_left_to_right_document_marks_only_right_to_left_runs() {
        let mut root = parse(
            "<w:body><w:sectPr/><w:p><w:r><w:t>Plain text</w:t></w:r></w:p></w:body>".as_bytes(),
        )
        .unwrap();
        let before = write(&root);
        mark(&mut root, &Writing::default());
        assert_eq!(write(&root), before);
    }

    /// An English page label in an Arabic footer: the spaces and figures
    /// between its words stay left to right with them; between Arabic
    /// words they stay right to left.
    #[test]
    fn runs_without_letters_go_with_the_letters_around_them() {
        let run = |t: &str| format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>");
        let field = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>";
        let footer = format!(
            "<w:p>{}<w:r><w:tab/></w:r>{}{}{field}{}{}{}{}{field}{}</w:p>",
            run("عن البرنامج"),
            run("Page"),
            run(" "),
            run("1"),
            run(" "),
            run("of"),
            run(" "),
            run("3"),
        );
        let out = marked_rtl(&format!(
            "<w:body>{footer}{}</w:body>",
            "<w:p>".to_string()
                + &run("عن")
                + &run(" ")
                + &run("2")
                + &run(" ")
                + &run("عن")
                + "</w:p>"
        ));
        let (footer, sentence) = out.split_once("</w:p>").unwrap();
        // Only the Arabic text is marked in the footer.
        assert_eq!(footer.matches("<w:rtl/>").count(), 1, "{footer}");
        assert!(
            footer.contains("<w:rPr><w:rtl/></w:rPr><w:t xml:space=\"preserve\">عن البرنامج"),
            "{footer}"
        );
        // Between Arabic words, the space and the figure run right to left.
        assert_eq!(sentence.matches("<w:rtl/>").count(), 5, "{sentence}");
    }
}
