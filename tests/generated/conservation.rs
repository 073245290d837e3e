//! Conservation, read back with a real consumer: every word of every text
//! of the document is in `pdftotext`'s output, as often as in the document,
//! and each text's words come in their order.
//!
//! Both sides are cut into tokens the same way: runs of letters and digits,
//! and runs of superscript figures (footnote markers and note numbers, kept
//! as tokens of their own, so a lost marker counts too). Everything else
//! (spaces, punctuation, line ends) separates tokens. Words the layout
//! broke at line ends are joined again: at a soft hyphen (U+00AD), also
//! across a page break (a paragraph or a note continued), and where a word
//! or a run of note markers too long for its line was broken without a
//! hyphen, when the pieces are not words of the document by themselves
//! (see [`join_broken_words`]). Counts compare tokens in lower case, since
//! labels and headings may be set in capitals; the order of a paragraph's
//! or a note's words is compared with case, that of a label or heading
//! without.

use std::collections::BTreeMap;
use std::path::Path;

use factsheet::doc::{Block, Document, Run};
use factsheet::locale::fill;

/// One text of the document, as it should read on the page.
pub struct Text {
    /// What it is, for messages ("paragraph s2.1", "note 3").
    pub what: String,
    pub text: String,
    /// Set in capitals by the style: its order is compared without case.
    pub caps: bool,
}

/// A token: letters and digits, or a footnote marker's figures.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Token(pub String);

/// The texts of `doc` laid out on `pages` pages, in reading order. Page
/// furniture comes once a page.
pub fn texts(doc: &Document, footer: &str, pages: usize) -> Vec<Text> {
    let mut out = Vec::new();
    let mut push = |what: String, text: String, caps: bool| out.push(Text { what, text, caps });
    push("the kicker".into(), doc.kicker.clone(), true);
    push("the title".into(), doc.title.clone(), false);
    if let Some(row) = &doc.indicators {
        push("the indicator heading".into(), row.heading.clone(), true);
        for b in &row.boxes {
            push(format!("indicator {} label", b.id), b.label.clone(), true);
            let mut value = b.value.clone();
            if let Some(n) = b.note {
                value.push_str(&superscript(n));
            }
            push(format!("indicator {} value", b.id), value, false);
            if let Some(d) = &b.detail {
                push(format!("indicator {} source", b.id), d.clone(), false);
            }
        }
        if let Some(note) = &row.note {
            push("the sample-data note".into(), note.clone(), false);
        }
    }
    for block in &doc.body {
        match block {
            Block::Heading(h) => push(format!("heading {}", h.id), h.text.clone(), true),
            Block::Paragraph(p) => {
                push(format!("paragraph {}", p.id), with_markers(&p.runs), false);
            }
            Block::Callout(c) => {
                push("the call-out label".into(), c.label.clone(), true);
                let mut amount = c.amount.clone();
                if let Some(n) = c.note {
                    amount.push_str(&superscript(n));
                }
                push("the call-out amount".into(), amount, false);
            }
        }
    }
    for note in &doc.notes {
        let text = format!("{} {}", superscript(note.number), with_markers(&note.runs));
        push(format!("note {}", note.number), text, false);
    }
    for page in 1..=pages {
        push(
            format!("the footer of page {page}"),
            footer.to_string(),
            false,
        );
        let number = fill(
            &doc.footer.page_pattern,
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        );
        push(format!("the page number of page {page}"), number, false);
    }
    out
}

/// Runs as text, markers as superscript figures, a raised comma between
/// two side by side.
fn with_markers(runs: &[Run]) -> String {
    let mut s = String::new();
    for (i, r) in runs.iter().enumerate() {
        match r {
            Run::Text { text, .. } => s.push_str(text),
            Run::NoteRef(n) => {
                if factsheet::doc::marker_after_marker(runs, i) {
                    s.push_str(factsheet::doc::NOTE_SEPARATOR);
                }
                s.push_str(&superscript(*n));
            }
            Run::Break => s.push(' '),
        }
    }
    s
}

pub fn superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| SUPERSCRIPTS[c.to_digit(10).unwrap() as usize])
        .collect()
}

const SUPERSCRIPTS: [char; 10] = [
    '\u{2070}', '\u{b9}', '\u{b2}', '\u{b3}', '\u{2074}', '\u{2075}', '\u{2076}', '\u{2077}',
    '\u{2078}', '\u{2079}',
];

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Word,
    Marker,
    Gap,
}

fn class(c: char) -> Class {
    if SUPERSCRIPTS.contains(&c) {
        Class::Marker
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Gap
    }
}

/// Cut text into tokens (see the module's comment).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_class = Class::Gap;
    for c in text.chars() {
        let k = class(c);
        if k != cur_class && !cur.is_empty() {
            out.push(Token(std::mem::take(&mut cur)));
        }
        if k != Class::Gap {
            cur.push(c);
        }
        cur_class = k;
    }
    if !cur.is_empty() {
        out.push(Token(cur));
    }
    out
}

/// `pdftotext -raw`: content-stream order, which our writer keeps in
/// reading order; pages end with a form feed.
pub fn pdf_text(pdf: &[u8], scratch: &Path) -> Result<String, String> {
    std::fs::write(scratch, pdf).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg("-enc")
        .arg("UTF-8")
        .arg(scratch)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext: {e}"))?;
    let _ = std::fs::remove_file(scratch);
    if !out.status.success() {
        return Err(format!(
            "pdftotext failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn fold(t: &Token) -> String {
    t.0.to_lowercase()
}

/// Check `found` (the PDF's text) against the document's texts; every
/// difference, described.
pub fn check(texts: &[Text], found: &str) -> Result<(), String> {
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for t in texts {
        for tok in tokens(&t.text) {
            *expected.entry(fold(&tok)).or_default() += 1;
        }
    }
    let pdf = join_broken_words(found, &expected);
    let mut problems = Vec::new();

    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (tok, n) in &expected {
        counts.entry(tok.clone()).or_default().0 = *n;
    }
    for tok in &pdf {
        counts.entry(fold(tok)).or_default().1 += 1;
    }
    let missing = differences(&counts, usize::saturating_sub);
    let extra = differences(&counts, |want, got| got.saturating_sub(want));
    if !missing.is_empty() || !extra.is_empty() {
        let total = |d: &[(String, usize)]| d.iter().map(|(_, n)| n).sum::<usize>();
        problems.push(format!(
            "word counts differ: {} missing, {} extra\nmissing: {}\nextra: {}",
            total(&missing),
            total(&extra),
            listed(&missing),
            listed(&extra)
        ));
    }

    for t in texts {
        let want = tokens(&t.text);
        if let Some(k) = unmatched(&want, &pdf, t.caps) {
            problems.push(format!(
                "{}: words out of order or missing from word {} ({:?}): {:?}",
                t.what,
                k + 1,
                want[k].0,
                shorten(&t.text)
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("conservation: {}", problems.join("\n")))
    }
}

/// Tokens whose counts differ, with `by(want, got)` of each, where not 0.
fn differences(
    counts: &BTreeMap<String, (usize, usize)>,
    by: fn(usize, usize) -> usize,
) -> Vec<(String, usize)> {
    counts
        .iter()
        .map(|(tok, (want, got))| (tok.clone(), by(*want, *got)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// "word×2 other×1", the first 60.
fn listed(d: &[(String, usize)]) -> String {
    let mut s: Vec<String> = d.iter().take(60).map(|(t, n)| format!("{t}×{n}")).collect();
    if d.len() > 60 {
        s.push(format!("and {} more", d.len() - 60));
    }
    s.join(" ")
}

/// The PDF text's tokens, with the pieces of words broken at line ends
/// joined again.
///
/// First the soft hyphens: the piece before one joins the first word of the
/// next line when together they begin a word of the document; otherwise (a
/// word broken at the foot of a page, with the notes and the footer between
/// its pieces, or a note continued on the next page) the first word of a
/// line of the next page that does. Then the words broken
/// without a hyphen: a piece that ends a line joins the next line's first
/// word when both are found more often than the document has them as
/// words, and together they begin a word of the document.
fn join_broken_words(found: &str, expected: &BTreeMap<String, usize>) -> Vec<Token> {
    let begins_a_word = |t: &str| {
        expected
            .range(t.to_string()..)
            .next()
            .is_some_and(|(w, _)| w.starts_with(t))
    };
    // A soft hyphen only ever ends a line of ours; where pdftotext puts
    // two lines on one (the last lines of two columns, side by side on
    // one baseline), the line is cut after it again.
    let mut lines: Vec<Line> = found
        .split('\u{c}')
        .enumerate()
        .flat_map(|(page, text)| {
            text.lines()
                .flat_map(|l| l.split_inclusive('\u{ad}'))
                .map(move |l| Line {
                    page,
                    soft: l.trim_end().ends_with('\u{ad}'),
                    tokens: tokens(l),
                })
        })
        .filter(|l| !l.tokens.is_empty())
        .collect();

    // Two passes: first each line with the one after it, then the pieces
    // still open with a line of the next page, so that a note's piece at
    // the foot of a page does not take the continuation of a body line
    // broken at the same word on the next page.
    for cross_page in [false, true] {
        let mut i = 0;
        while i < lines.len() {
            let piece = lines[i].tokens.last().filter(|t| is_word(t)).map(fold);
            let (Some(piece), true) = (piece, lines[i].soft) else {
                i += 1;
                continue;
            };
            // The next line; else a line of the next page (the body's first,
            // or a note's continuation in its notes area).
            // (Lines emptied by an earlier join are passed over.)
            let page = lines[i].page;
            let next = (i + 1..lines.len()).find(|&j| !lines[j].tokens.is_empty());
            let next_page =
                (i + 1..lines.len()).filter(|&j| cross_page && lines[j].page == page + 1);
            let continuation = next.into_iter().chain(next_page).find(|&j| {
                lines
                    .get(j)
                    .and_then(|l| l.tokens.first())
                    .is_some_and(|t| is_word(t) && begins_a_word(&format!("{piece}{}", fold(t))))
            });
            let Some(j) = continuation else {
                i += 1;
                continue;
            };
            let rest = lines[j].tokens.remove(0);
            lines[i].tokens.last_mut().unwrap().0.push_str(&rest.0);
            // A line that was all continuation passes its own line end on.
            lines[i].soft = lines[j].tokens.is_empty() && lines[j].soft;
            if lines[j].tokens.is_empty() {
                lines[j].soft = false;
            }
        }
    }

    let mut have: BTreeMap<String, usize> = BTreeMap::new();
    for tok in lines.iter().flat_map(|l| &l.tokens) {
        *have.entry(fold(tok)).or_default() += 1;
    }
    let want = |t: &str| expected.get(t).copied().unwrap_or(0);
    let mut out: Vec<Token> = Vec::new();
    // Where the line before ended in `out` (always its last token).
    let mut line_end: Option<usize> = None;
    for line in lines.into_iter().filter(|l| !l.tokens.is_empty()) {
        let mut tokens = line.tokens.into_iter();
        let first = tokens.next().unwrap();
        let mut joined = false;
        // Words, or runs of note markers ("¹⁷¹⁸¹⁹²⁰²¹" cut between two
        // markers), broken across a line end.
        if let Some(at) = line_end
            && ((is_word(&out[at]) && is_word(&first))
                || (is_marker(&out[at]) && is_marker(&first)))
        {
            let (a, b) = (fold(&out[at]), fold(&first));
            let whole = format!("{a}{b}");
            let surplus = |t: &str, have: &BTreeMap<String, usize>| {
                have.get(t).copied().unwrap_or(0) > want(t)
            };
            if surplus(&a, &have) && surplus(&b, &have) && begins_a_word(&whole) {
                for t in [&a, &b] {
                    *have.get_mut(t.as_str()).unwrap() -= 1;
                }
                *have.entry(whole).or_default() += 1;
                out[at].0.push_str(&first.0);
                joined = true;
            }
        }
        if !joined {
            out.push(first);
        }
        out.extend(tokens);
        line_end = Some(out.len() - 1);
    }
    out
}

/// One line of the PDF text.
struct Line {
    /// Page number, from 0.
    page: usize,
    /// A soft hyphen ends it.
    soft: bool,
    tokens: Vec<Token>,
}

fn is_word(t: &Token) -> bool {
    t.0.chars().all(|c| class(c) == Class::Word)
}

fn is_marker(t: &Token) -> bool {
    t.0.chars().all(|c| class(c) == Class::Marker)
}

/// The first of `want` that cannot be matched in order in `pdf`, if any.
fn unmatched(want: &[Token], pdf: &[Token], caps: bool) -> Option<usize> {
    let same = |a: &Token, b: &Token| {
        if caps { fold(a) == fold(b) } else { a == b }
    };
    let mut at = 0;
    for (k, w) in want.iter().enumerate() {
        match pdf[at..].iter().position(|p| same(w, p)) {
            Some(i) => at += i + 1,
            None => return Some(k),
        }
    }
    None
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 120 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(120).collect::<String>())
    }
}

#[cfg(test)]
mod checks {
    use super::*;

    fn text(t: &str) -> Vec<Text> {
        vec![Text {
            what: "a paragraph".into(),
            text: t.into(),
            caps: false,
        }]
    }

    #[test]
    fn words_broken_at_line_and_page_ends_are_joined() {
        let texts = text("Trafficking of children¹ is organised.");
        assert_eq!(
            check(&texts, "Traf\u{ad}\nficking of children¹ is organised."),
            Ok(())
        );
        // Across a page, with a note between the pieces.
        let mut t = text("Trafficking of children is organised.");
        t.push(Text {
            what: "a note".into(),
            text: "¹ A note.".into(),
            caps: false,
        });
        assert_eq!(
            check(
                &t,
                "Trafficking of children is organ\u{ad}\n¹ A note.\n\u{c}ised."
            ),
            Ok(())
        );
        // A note continued in the next page's notes area.
        let mut t = text("Body text.");
        t.push(Text {
            what: "a note".into(),
            text: "¹ A note on referencia.".into(),
            caps: false,
        });
        assert_eq!(
            check(&t, "Body\n¹ A note on re\u{ad}\nFooter 1\n\u{c}text.\nferencia.\nFooter 2"),
            Err("conservation: word counts differ: 0 missing, 4 extra\nmissing: \nextra: 1×1 2×1 footer×2".into())
        );
        // A word broken over three lines.
        let t = text("Trafficking media; strengthening.");
        assert_eq!(
            check(
                &t,
                "Traf\u{ad}\nfick\u{ad}\ning media;\nstrengthen\u{ad}\ning."
            ),
            Ok(())
        );
        // A label broken without a hyphen.
        let label = vec![Text {
            what: "a label".into(),
            text: "Kinderbeschermingsorganisaties".into(),
            caps: true,
        }];
        assert_eq!(check(&label, "KINDERBESCHER\nMINGSORGANISATIES"), Ok(()));
    }

    #[test]
    fn lost_letters_words_and_markers_are_found() {
        let texts = text("Trafficking of children¹ is organised.");
        // The "fi" ligature lost at a hyphen.
        assert!(check(&texts, "Traf\u{ad}\ncking of children¹ is organised.").is_err());
        assert!(check(&texts, "Trafficking of children¹ organised.").is_err());
        assert!(check(&texts, "Trafficking of children is organised.").is_err());
        assert!(check(&texts, "Trafficking of children¹ is is organised.").is_err());
        // In the wrong order.
        assert!(check(&texts, "of Trafficking children¹ is organised.").is_err());
        // Two real words at a line end stay two words.
        let two = text("Organised trafficking");
        assert!(check(&two, "Organisedtrafficking").is_err());
    }
}
