//! Inline text: the CommonMark subset a paragraph may use (*emphasis*,
//! **strong**, [links](https://…), footnote markers `[^key]`, a hard line
//! break), parsed by pulldown-cmark into a flat list of marks.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A paragraph's content.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Markup(pub Vec<Mark>);

/// One piece of inline content.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// Text; `at` is its byte range in the source (see [`Markup::rebase`]).
    Text {
        text: String,
        strong: bool,
        emphasis: bool,
        link: Option<String>,
        at: Range<usize>,
    },
    /// A footnote marker, by key; `at` is its byte range in the source text.
    NoteRef { key: String, at: Range<usize> },
    /// A forced line break.
    Break,
}

impl Markup {
    /// Plain text: marks' text joined, markers left out.
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for m in &self.0 {
            match m {
                Mark::Text { text, .. } => s.push_str(text),
                Mark::Break => s.push(' '),
                Mark::NoteRef { .. } => {}
            }
        }
        s
    }

    pub fn note_refs(&self) -> impl Iterator<Item = (&str, &Range<usize>)> {
        self.0.iter().filter_map(|m| match m {
            Mark::NoteRef { key, at } => Some((key.as_str(), at)),
            _ => None,
        })
    }

    /// The links, in order: each one's address and where its text starts
    /// (the marks of one link's text, bold or not, are one link).
    pub fn links(&self) -> Vec<(&str, &Range<usize>)> {
        let mut out: Vec<(&str, &Range<usize>)> = Vec::new();
        let mut previous: Option<&str> = None;
        for m in &self.0 {
            let link = match m {
                Mark::Text { link, .. } => link.as_deref(),
                _ => None,
            };
            if let (Some(l), Mark::Text { at, .. }) = (link, m)
                && previous != Some(l)
            {
                out.push((l, at));
            }
            previous = link;
        }
        out
    }

    /// Plain text without markup (headings, labels).
    pub fn plain(text: &str) -> Markup {
        Markup(vec![Mark::Text {
            text: text.to_string(),
            strong: false,
            emphasis: false,
            link: None,
            at: 0..text.len(),
        }])
    }

    /// Map every mark's range from the parsed text to the file it was read
    /// from (`to_file` gives a precise range, or the whole value's).
    pub fn rebase(&mut self, to_file: impl Fn(Range<usize>) -> Range<usize>) {
        for m in &mut self.0 {
            match m {
                Mark::Text { at, .. } | Mark::NoteRef { at, .. } => *at = to_file(at.clone()),
                Mark::Break => {}
            }
        }
    }
}

/// A problem in inline text, at a byte range of that text.
#[derive(Clone, Debug, PartialEq)]
pub struct InlineProblem {
    pub at: Range<usize>,
    pub message: String,
    pub help: String,
}

/// Parse one paragraph's inline markup. `smart` turns straight quotes and
/// `--` into typographic ones.
pub fn parse_inline(text: &str, smart: bool) -> Result<Markup, Vec<InlineProblem>> {
    // Leading indentation (from a TOML multi-line string) would make an
    // indented code block; it carries no meaning in a paragraph.
    let lead = text.len() - text.trim_start().len();
    let body = &text[lead..];
    let mut problems = Vec::new();
    if let Some(blank) = find_blank_line(body) {
        problems.push(InlineProblem {
            at: lead + blank.clone().start..lead + blank.end,
            message: "a blank line inside one paragraph".into(),
            help: "make each paragraph its own item in `paragraphs`".into(),
        });
        return Err(problems);
    }

    // Ordinary sentences can begin like block markup ("2019. Survivors…",
    // "- " as a dash): a paragraph is running text, so escape such a start
    // rather than make a list of it. Offsets after the inserted backslash
    // are shifted back below.
    let escape_at = block_start_escape(body);
    let owned;
    let body = match escape_at {
        Some(i) => {
            owned = format!("{}\\{}", &body[..i], &body[i..]);
            owned.as_str()
        }
        None => body,
    };
    let map = |r: Range<usize>| -> Range<usize> {
        let shift = |x: usize| match escape_at {
            Some(i) if x > i => x - 1,
            _ => x,
        };
        lead + shift(r.start)..lead + shift(r.end)
    };

    let mut options = Options::ENABLE_OLD_FOOTNOTES;
    if smart {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut marks = Vec::new();
    let (mut strong, mut emphasis) = (0u32, 0u32);
    let mut link: Option<String> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let at = map(range);
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong -= 1,
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis -= 1,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let dest = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.trim().to_string()
                };
                if let Some((message, help)) = link_problem(&dest) {
                    problems.push(InlineProblem { at, message, help });
                }
                link = Some(dest);
            }
            Event::End(TagEnd::Link) => link = None,
            Event::Text(t) | Event::Code(t) => {
                push_text(&mut marks, &t, strong > 0, emphasis > 0, &link, at);
            }
            Event::SoftBreak => push_text(&mut marks, " ", strong > 0, emphasis > 0, &link, at),
            Event::HardBreak => marks.push(Mark::Break),
            Event::FootnoteReference(key) => marks.push(Mark::NoteRef {
                key: key.to_string(),
                at,
            }),
            Event::Html(_) | Event::InlineHtml(_) => problems.push(InlineProblem {
                at,
                message: "HTML is not supported in profile text".into(),
                help:
                    "use *emphasis*, **strong** or [links](https://…); write < as &lt; to show it"
                        .into(),
            }),
            Event::Start(tag) => {
                depth += 1;
                if depth == 1 {
                    problems.push(block_problem(&tag, at));
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            other => problems.push(InlineProblem {
                at,
                message: format!("unsupported markup ({other:?})"),
                help: "paragraphs take *emphasis*, **strong**, [links](…) and [^notes]".into(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(Markup(marks))
    } else {
        Err(problems)
    }
}

/// What is wrong with a link's address, if anything: a factsheet links
/// only to web pages (http, https) and e-mail addresses (mailto). Any
/// other scheme (`javascript:`, `file:`, `data:`) would be a live link in
/// the PDF and the DOCX to something a reader did not expect, and an
/// address without a scheme is a relative link that leads nowhere.
pub fn link_problem(dest: &str) -> Option<(String, String)> {
    let help = "write links as [text](https://example.org) or [name](mailto:name@example.org)";
    if dest.is_empty() {
        return Some(("a link without an address".into(), help.into()));
    }
    let scheme = dest
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| {
            s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
        .map(str::to_ascii_lowercase);
    let shown: String = dest.chars().take(60).collect();
    match scheme.as_deref() {
        None => Some((
            format!("the link `{shown}` is not a full address"),
            format!(
                "give the whole address with its scheme, such as https://{}",
                shown.trim_start_matches('/')
            ),
        )),
        Some("http" | "https") => {
            let rest = &dest[dest.find(':').map_or(0, |i| i + 1)..];
            let host = rest
                .strip_prefix("//")
                .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
            match host {
                Some(h) if !h.is_empty() => None,
                _ => Some((
                    format!("the link `{shown}` has no site name"),
                    "write it like https://example.org/page".into(),
                )),
            }
        }
        Some("mailto") if dest.contains('@') => None,
        Some("mailto") => Some((
            format!("the link `{shown}` has no e-mail address"),
            "write it like mailto:name@example.org".into(),
        )),
        Some(other) => Some((
            format!(
                "`{other}:` links are not allowed; a factsheet links only to http, https and mailto addresses"
            ),
            help.into(),
        )),
    }
}

fn push_text(
    marks: &mut Vec<Mark>,
    t: &str,
    strong: bool,
    emphasis: bool,
    link: &Option<String>,
    range: Range<usize>,
) {
    // U+2028 LINE SEPARATOR is a forced line break, like a Markdown hard
    // break; the text around it is pushed as usual.
    if t.contains('\u{2028}') {
        for (i, part) in t.split('\u{2028}').enumerate() {
            if i > 0 {
                marks.push(Mark::Break);
            }
            if !part.is_empty() {
                push_text(marks, part, strong, emphasis, link, range.clone());
            }
        }
        return;
    }
    // Merge with the previous run when the style is the same: fewer, longer
    // runs shape better and make smaller output.
    if let Some(Mark::Text {
        text,
        strong: s,
        emphasis: e,
        link: l,
        at,
    }) = marks.last_mut()
        && *s == strong
        && *e == emphasis
        && l == link
    {
        text.push_str(t);
        at.end = at.end.max(range.end);
        return;
    }
    marks.push(Mark::Text {
        text: t.to_string(),
        strong,
        emphasis,
        link: link.clone(),
        at: range,
    });
}

fn block_problem(tag: &Tag<'_>, at: Range<usize>) -> InlineProblem {
    let kind = match tag {
        Tag::Heading { .. } => "a heading (`#` at the start)",
        Tag::List(Some(_)) => "a numbered list (a number and `.` at the start)",
        Tag::List(None) | Tag::Item => "a list (`-`, `+` or `*` at the start)",
        Tag::BlockQuote(_) => "a quotation (`>` at the start)",
        Tag::CodeBlock(_) => "a code block",
        Tag::Image { .. } => "an image",
        Tag::Table(_) => "a table",
        Tag::FootnoteDefinition(_) => "a footnote definition",
        _ => "a block",
    };
    InlineProblem {
        at,
        message: format!("this text is read as Markdown and becomes {kind}"),
        help: "paragraphs hold running text only; put a backslash before the first character \
               (written \\\\ inside a TOML \"…\" string) to keep it as text"
            .into(),
    }
}

/// Where a backslash keeps the start of `s` from being read as block
/// markup: before the `.` or `)` of "2019. ", before a list bullet or `#`
/// followed by a space, before `>`, a code fence or a thematic break.
fn block_start_escape(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let spaced = |i: usize| i >= b.len() || b[i] == b' ' || b[i] == b'\t' || b[i] == b'\n';
    if (1..=9).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) && spaced(digits + 1)
    {
        return Some(digits);
    }
    match b.first()? {
        b'-' | b'+' | b'*' | b'#' if spaced(1) => Some(0),
        b'>' => Some(0),
        b'#' if b.iter().take_while(|&&c| c == b'#').count() <= 6 && {
            let n = b.iter().take_while(|&&c| c == b'#').count();
            spaced(n)
        } =>
        {
            Some(0)
        }
        b'`' | b'~' if s.starts_with("```") || s.starts_with("~~~") => Some(0),
        b'-' | b'*' | b'_'
            if {
                let line = s.lines().next().unwrap_or("");
                let c = b[0] as char;
                line.chars().filter(|&x| x == c).count() >= 3
                    && line.chars().all(|x| x == c || x == ' ')
            } =>
        {
            Some(0)
        }
        _ => None,
    }
}

/// The first run of two line breaks with only spaces between, if any.
fn find_blank_line(s: &str) -> Option<Range<usize>> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(off) = s[i..].find('\n') {
        let nl = i + off;
        let mut j = nl + 1;
        while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            // A blank line at the very end is only trailing whitespace.
            if s[j..].trim().is_empty() {
                return None;
            }
            return Some(nl..j + 1);
        }
        i = nl + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, strong: bool, emphasis: bool) -> Mark {
        Mark::Text {
            text: t.into(),
            strong,
            emphasis,
            link: None,
            at: 0..0,
        }
    }

    /// Marks with the ranges of text cleared (markers keep theirs).
    fn unplaced(m: Markup) -> Vec<Mark> {
        m.0.into_iter()
            .map(|mut m| {
                if let Mark::Text { at, .. } = &mut m {
                    *at = 0..0;
                }
                m
            })
            .collect()
    }

    #[test]
    fn emphasis_strong_and_markers() {
        let m = parse_inline("Bolivia *ranks* in **Tier 2**.[^tip] Done", false).unwrap();
        let Mark::Text { at, .. } = &m.0[3] else {
            panic!("{m:?}")
        };
        assert_eq!(*at, 21..27, "the strong text's place");
        assert_eq!(
            unplaced(m),
            vec![
                text("Bolivia ", false, false),
                text("ranks", false, true),
                text(" in ", false, false),
                text("Tier 2", true, false),
                text(".", false, false),
                Mark::NoteRef {
                    key: "tip".into(),
                    at: 30..36
                },
                text(" Done", false, false),
            ]
        );
    }

    #[test]
    fn sentences_that_look_like_block_markup_stay_text() {
        for t in [
            "2019. Survivors shared[^a] it",
            "- a dash",
            "# 5 of them",
            "> more",
            "--- so",
        ] {
            let m = parse_inline(t, false).unwrap();
            let plain = m.plain_text();
            assert_eq!(plain, t.replace("[^a]", ""), "{t}");
        }
        let m = parse_inline("2019. Survivors shared[^a] it", false).unwrap();
        let (_, at) = m.note_refs().next().unwrap();
        assert_eq!(at, &(22..26));
    }

    #[test]
    fn links_keep_their_address() {
        let m = parse_inline("See [the report](https://example.org/tip).", false).unwrap();
        assert!(unplaced(m).contains(&Mark::Text {
            text: "the report".into(),
            strong: false,
            emphasis: false,
            link: Some("https://example.org/tip".into()),
            at: 0..0,
        }));
    }

    #[test]
    fn only_web_and_mail_links() {
        for ok in [
            "[a](https://example.org)",
            "[a](HTTP://example.org/x?y#z)",
            "[a](mailto:me@example.org)",
            "<https://example.org>",
            "<me@example.org>",
        ] {
            let m = parse_inline(ok, false);
            assert!(m.is_ok(), "{ok}: {m:?}");
        }
        let m = parse_inline("<me@example.org>", false).unwrap();
        assert!(m.0.iter().any(
            |x| matches!(x, Mark::Text { link: Some(l), .. } if l == "mailto:me@example.org")
        ));
        for (bad, words) in [
            (
                "[x](javascript:alert(1))",
                "`javascript:` links are not allowed",
            ),
            ("[x](file:///etc/passwd)", "`file:` links are not allowed"),
            ("[x](data:text/html,hi)", "`data:` links"),
            ("[x](www.example.org)", "not a full address"),
            ("[x](https:example.org)", "has no site name"),
            ("[x](mailto:nobody)", "no e-mail address"),
        ] {
            let e = parse_inline(&format!("See {bad} now."), false).unwrap_err();
            assert!(e[0].message.contains(words), "{bad}: {e:?}");
            assert_eq!(e[0].at, 4..4 + bad.len(), "{bad}");
        }
    }

    #[test]
    fn a_line_separator_is_a_forced_break() {
        let m = parse_inline("one\u{2028}two", false).unwrap();
        assert_eq!(
            unplaced(m),
            vec![
                text("one", false, false),
                Mark::Break,
                text("two", false, false)
            ]
        );
    }

    #[test]
    fn smart_quotes_when_asked() {
        let m = parse_inline("Bolivia's 'obstructed'", true).unwrap();
        assert_eq!(
            m.plain_text(),
            "Bolivia\u{2019}s \u{2018}obstructed\u{2019}"
        );
        let m = parse_inline("Bolivia's", false).unwrap();
        assert_eq!(m.plain_text(), "Bolivia's");
    }

    #[test]
    fn indented_multiline_text_is_still_a_paragraph() {
        let m = parse_inline(
            "\n    Despite improvements\n    in the last decade.\n",
            false,
        )
        .unwrap();
        assert_eq!(m.plain_text(), "Despite improvements in the last decade.");
    }

    #[test]
    fn block_markup_and_blank_lines_are_refused() {
        let e = parse_inline("one\n- two", false).unwrap_err();
        assert!(e[0].message.contains("list"), "{e:?}");
        let e = parse_inline("one\n# Two", false).unwrap_err();
        assert!(e[0].message.contains("heading"), "{e:?}");
        let e = parse_inline("one\n\ntwo", false).unwrap_err();
        assert!(e[0].message.contains("blank line"));
        let e = parse_inline("a <b>bold</b> move", false).unwrap_err();
        assert!(e[0].message.contains("HTML"));
    }
}
