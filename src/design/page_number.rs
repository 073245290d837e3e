//! The footer's page number: the locale's pattern ("Page {page} of
//! {pages}") parsed once into text and the two numbers. The PDF fills the
//! numbers in; the DOCX turns them into PAGE and NUMPAGES fields, which
//! Word and LibreOffice count themselves.

/// A piece of the pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagePiece {
    Text(String),
    /// `{page}`: this page's number.
    Page,
    /// `{pages}`: the number of pages.
    Pages,
}

/// A page-number pattern, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PagePattern {
    pub pieces: Vec<PagePiece>,
}

impl PagePattern {
    /// Split a pattern into text and numbers. Any other `{...}` stays text.
    pub fn parse(pattern: &str) -> PagePattern {
        const TAGS: [(&str, PagePiece); 2] =
            [("{pages}", PagePiece::Pages), ("{page}", PagePiece::Page)];
        let mut pieces = Vec::new();
        let mut rest = pattern;
        while !rest.is_empty() {
            // The earliest tag; at one place `{pages}` is tried before
            // `{page}`, which cannot be its prefix anyway (`s` against `}`).
            let next = TAGS
                .iter()
                .filter_map(|(tag, piece)| rest.find(tag).map(|at| (at, *tag, piece)))
                .min_by_key(|(at, _, _)| *at);
            let Some((at, tag, piece)) = next else {
                pieces.push(PagePiece::Text(rest.to_string()));
                break;
            };
            if at > 0 {
                pieces.push(PagePiece::Text(rest[..at].to_string()));
            }
            pieces.push(piece.clone());
            rest = &rest[at + tag.len()..];
        }
        PagePattern { pieces }
    }

    /// The pattern with page `page` of `pages` filled in.
    pub fn fill(&self, page: usize, pages: usize) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                PagePiece::Text(t) => out.push_str(t),
                PagePiece::Page => out.push_str(&page.to_string()),
                PagePiece::Pages => out.push_str(&pages.to_string()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_numbers() {
        let p = PagePattern::parse("Page {page} of {pages}");
        assert_eq!(
            p.pieces,
            vec![
                PagePiece::Text("Page ".into()),
                PagePiece::Page,
                PagePiece::Text(" of ".into()),
                PagePiece::Pages,
            ]
        );
        assert_eq!(p.fill(2, 3), "Page 2 of 3");
        assert_eq!(PagePattern::parse("{page}/{pages}").fill(1, 9), "1/9");
        assert_eq!(
            PagePattern::parse("p. {page} {x}").pieces,
            vec![
                PagePiece::Text("p. ".into()),
                PagePiece::Page,
                PagePiece::Text(" {x}".into()),
            ]
        );
        assert!(PagePattern::parse("").pieces.is_empty());
    }
}
