//! Labels with a count, in every plural form a language has. Which form a
//! number takes comes from CLDR's plural rules through icu_plurals: 1 is
//! "one" in English, 0 and 1 are "one" in French, Arabic has six forms.

use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};

/// CLDR's category names, in CLDR's order.
pub const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// A label in each plural form a locale file gives ("other" always).
#[derive(Clone, Debug, PartialEq)]
pub struct Plural {
    /// (category name, pattern), in CLDR's order.
    pub forms: Vec<(&'static str, String)>,
}

impl Plural {
    pub fn english(one: &str, other: &str) -> Plural {
        Plural {
            forms: vec![("one", one.to_string()), ("other", other.to_string())],
        }
    }

    /// The pattern for a category, "other" when the label lacks it.
    pub fn form(&self, category: &str) -> &str {
        let find = |c: &str| self.forms.iter().find(|(k, _)| *k == c).map(|(_, v)| v);
        find(category)
            .or_else(|| find("other"))
            .map_or("", String::as_str)
    }
}

/// The category name of a form given in a locale file, if it is one.
pub fn category_name(name: &str) -> Option<&'static str> {
    CATEGORIES.iter().copied().find(|c| *c == name)
}

/// A language's cardinal plural rules (the root rules, where every number
/// is "other", for a language CLDR does not know).
pub fn rules_for(language: &str) -> PluralRules {
    let locale: IcuLocale = language.parse().unwrap_or(IcuLocale::UNKNOWN);
    PluralRules::try_new_cardinal((&locale).into())
        .or_else(|_| PluralRules::try_new_cardinal((&IcuLocale::UNKNOWN).into()))
        .expect("root plural rules are compiled in")
}

/// The categories a language uses, by name, in CLDR's order.
pub fn categories_of(rules: &PluralRules) -> Vec<&'static str> {
    let used: Vec<&'static str> = rules.categories().map(name_of).collect();
    CATEGORIES
        .iter()
        .copied()
        .filter(|c| used.contains(c))
        .collect()
}

/// The category of a whole number.
pub fn category_for(rules: &PluralRules, n: u64) -> &'static str {
    name_of(rules.category_for(n))
}

fn name_of(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_categories_by_language() {
        assert_eq!(categories_of(&rules_for("en")), ["one", "other"]);
        assert_eq!(
            categories_of(&rules_for("ar")),
            ["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(categories_of(&rules_for("hi")), ["one", "other"]);
        let fr = rules_for("fr");
        assert_eq!(category_for(&fr, 0), "one");
        assert_eq!(category_for(&fr, 1), "one");
        assert_eq!(category_for(&fr, 2), "other");
        let en = rules_for("en");
        assert_eq!(category_for(&en, 0), "other");
        assert_eq!(category_for(&en, 1), "one");
        let ar = rules_for("ar");
        assert_eq!(
            [0, 1, 2, 3, 11, 100].map(|n| category_for(&ar, n)),
            ["zero", "one", "two", "few", "many", "other"]
        );
    }

    #[test]
    fn a_missing_form_falls_back_to_other() {
        let p = Plural::english("{count} page", "{count} pages");
        assert_eq!(p.form("one"), "{count} page");
        assert_eq!(p.form("few"), "{count} pages");
    }
}
