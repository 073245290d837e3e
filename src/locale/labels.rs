//! The words the tool writes itself, one label a key, with the
//! placeholders each may use. English is built in; a locale file replaces
//! what it gives.

use super::plural::Plural;

/// A label written as one text.
pub struct TextLabel {
    pub key: &'static str,
    /// The `{names}` it may use.
    pub placeholders: &'static [&'static str],
    pub english: &'static str,
    /// What it is for, as the starter and the docs say.
    pub purpose: &'static str,
}

/// A label with a count, written once per CLDR plural category.
pub struct CountLabel {
    pub key: &'static str,
    /// The `{names}` it may use; `count` is always one of them.
    pub placeholders: &'static [&'static str],
    pub english_one: &'static str,
    pub english_other: &'static str,
    pub purpose: &'static str,
}

/// Every text label, in the order a locale file lists them.
pub const TEXT_LABELS: &[TextLabel] = &[
    TextLabel {
        key: "document",
        placeholders: &[],
        english: "Country factsheet",
        purpose: "kind of document, above the title",
    },
    TextLabel {
        key: "indicators",
        placeholders: &["period"],
        english: "Key national indicators in {period}",
        purpose: "heading of the indicator row",
    },
    TextLabel {
        key: "budget",
        placeholders: &["period"],
        english: "Budget {period}",
        purpose: "label of the budget call-out",
    },
    TextLabel {
        key: "page",
        placeholders: &["page", "pages"],
        english: "Page {page} of {pages}",
        purpose: "page number in the footer",
    },
    TextLabel {
        key: "sample",
        placeholders: &[],
        english: "sample data",
        purpose: "marks an indicator box holding sample data",
    },
    TextLabel {
        key: "sample_note",
        placeholders: &[],
        english: "Sample data: illustrative figures for layout, not official statistics.",
        purpose: "note under an indicator row with sample data",
    },
    TextLabel {
        key: "title",
        placeholders: &["country", "document", "period"],
        english: "{country} \u{2013} {document} {period}",
        purpose: "document title in the PDF and DOCX properties",
    },
    TextLabel {
        key: "contents",
        placeholders: &[],
        english: "Contents",
        purpose: "heading of a pack's contents page",
    },
    TextLabel {
        key: "continued",
        placeholders: &[],
        english: "continued",
        purpose: "a note or table continued on the next page",
    },
    TextLabel {
        key: "edition",
        placeholders: &["edition"],
        english: "Edition {edition}",
        purpose: "edition line on a pack's cover",
    },
    TextLabel {
        key: "period",
        placeholders: &["period"],
        english: "Period {period}",
        purpose: "period line on a pack's cover",
    },
    TextLabel {
        key: "published_by",
        placeholders: &["organisation"],
        english: "Published by {organisation}",
        purpose: "publisher line on a pack's cover",
    },
];

/// Every label with a count.
pub const COUNT_LABELS: &[CountLabel] = &[
    CountLabel {
        key: "pages",
        placeholders: &["count"],
        english_one: "{count} page",
        english_other: "{count} pages",
        purpose: "number of pages (pack contents, cover)",
    },
    CountLabel {
        key: "countries",
        placeholders: &["count"],
        english_one: "{count} country",
        english_other: "{count} countries",
        purpose: "number of countries in a pack",
    },
];

/// The labels of a locale.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    /// Kind of document, above the title: "Country factsheet".
    pub document: String,
    /// Heading of the indicator row: "Key national indicators in {period}".
    pub indicators: String,
    /// Call-out label: "Budget {period}".
    pub budget: String,
    /// Footer page number: "Page {page} of {pages}".
    pub page: String,
    /// Marks an indicator box holding sample data: "sample data".
    pub sample: String,
    /// Under an indicator row with sample data.
    pub sample_note: String,
    /// Document title in the file's properties: "{country} – {document} {period}".
    pub title: String,
    /// Heading of a contents page: "Contents".
    pub contents: String,
    /// A note or table continued on the next page: "continued".
    pub continued: String,
    /// Pack cover: "Edition {edition}".
    pub edition: String,
    /// Pack cover: "Period {period}".
    pub period: String,
    /// Pack cover: "Published by {organisation}".
    pub published_by: String,
    /// "{count} pages".
    pub pages: Plural,
    /// "{count} countries".
    pub countries: Plural,
}

impl Labels {
    pub fn english() -> Labels {
        let text = |key: &str| {
            TEXT_LABELS
                .iter()
                .find(|l| l.key == key)
                .map(|l| l.english.to_string())
                .unwrap_or_default()
        };
        let count = |key: &str| {
            let l = COUNT_LABELS
                .iter()
                .find(|l| l.key == key)
                .expect("count label");
            Plural::english(l.english_one, l.english_other)
        };
        Labels {
            document: text("document"),
            indicators: text("indicators"),
            budget: text("budget"),
            page: text("page"),
            sample: text("sample"),
            sample_note: text("sample_note"),
            title: text("title"),
            contents: text("contents"),
            continued: text("continued"),
            edition: text("edition"),
            period: text("period"),
            published_by: text("published_by"),
            pages: count("pages"),
            countries: count("countries"),
        }
    }

    /// The text label named `key`.
    pub fn text_mut(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "document" => &mut self.document,
            "indicators" => &mut self.indicators,
            "budget" => &mut self.budget,
            "page" => &mut self.page,
            "sample" => &mut self.sample,
            "sample_note" => &mut self.sample_note,
            "title" => &mut self.title,
            "contents" => &mut self.contents,
            "continued" => &mut self.continued,
            "edition" => &mut self.edition,
            "period" => &mut self.period,
            "published_by" => &mut self.published_by,
            _ => return None,
        })
    }

    /// The count label named `key`.
    pub fn count_mut(&mut self, key: &str) -> Option<&mut Plural> {
        Some(match key {
            "pages" => &mut self.pages,
            "countries" => &mut self.countries,
            _ => return None,
        })
    }
}

/// The `{name}`s in a pattern that are not in `allowed`, with their byte
/// offsets in the pattern. An unclosed `{` is reported as a name too.
pub fn unknown_placeholders<'p>(pattern: &'p str, allowed: &[&str]) -> Vec<(usize, &'p str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = pattern[from..].find('{').map(|i| from + i) {
        let Some(close) = pattern[open..].find('}').map(|i| open + i) else {
            out.push((open, &pattern[open..]));
            break;
        };
        let name = &pattern[open + 1..close];
        if !allowed.contains(&name) {
            out.push((open, name));
        }
        from = close + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_checked_by_name() {
        assert_eq!(
            unknown_placeholders("Budget {perod} {period}", &["period"]),
            vec![(7, "perod")]
        );
        assert!(unknown_placeholders("Page {page} of {pages}", &["page", "pages"]).is_empty());
        assert_eq!(unknown_placeholders("a {b", &[]), vec![(2, "{b")]);
    }

    #[test]
    fn every_label_has_an_english_text_and_a_slot() {
        let mut l = Labels::english();
        for t in TEXT_LABELS {
            assert!(!t.english.is_empty());
            assert!(unknown_placeholders(t.english, t.placeholders).is_empty());
            assert_eq!(l.text_mut(t.key).map(|s| s.clone()), Some(t.english.into()));
        }
        for c in COUNT_LABELS {
            assert!(c.placeholders.contains(&"count"));
            assert!(l.count_mut(c.key).is_some());
        }
    }
}
