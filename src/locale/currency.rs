//! The symbol an amount of money is written with. The ISO 4217 table of
//! the iso_currency crate gives one symbol a currency, but many share
//! theirs ("$" for 18 dollars and pesos, "kr" for four crowns, "¥" for yen
//! and yuan), some carry a symbol no reader knows today (the Swiss franc
//! as "₣") and 30 have only the generic sign "¤". A factsheet read abroad
//! must not leave "$ 1,000" to be guessed at.
//!
//! So: the well-known currencies take CLDR's symbol for readers anywhere
//! (its root locale: "US$", "CA$", "JP¥"), English readers the dollar and
//! the yen as CLDR's English gives them ("$", "¥"); any other currency
//! whose symbol the table shares or lacks is written by its code
//! ("CHF 1,000", "SEK 1,000"); the rest keep the table's symbol ("₹",
//! "Ksh", "S/").

/// CLDR's root-locale symbols of the currencies most amounts are in.
const INTERNATIONAL: [(&str, &str); 19] = [
    ("AUD", "A$"),
    ("BRL", "R$"),
    ("CAD", "CA$"),
    ("CNY", "CN¥"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("HKD", "HK$"),
    ("ILS", "₪"),
    ("INR", "₹"),
    ("JPY", "JP¥"),
    ("KRW", "₩"),
    ("MXN", "MX$"),
    ("NZD", "NZ$"),
    ("PHP", "₱"),
    ("TWD", "NT$"),
    ("USD", "US$"),
    ("VND", "₫"),
    ("XAF", "FCFA"),
    ("XCD", "EC$"),
];

/// Where CLDR's English differs from its root.
const ENGLISH: [(&str, &str); 2] = [("USD", "$"), ("JPY", "¥")];

/// Symbols the table gives more than one currency (the franc sign "₣"
/// six), or none ("¤"); a test checks the list against the table.
const AMBIGUOUS: [&str; 16] = [
    "¤", "$", "₣", "£", "₨", "kr", "K", "L", "Bs.", "₱", "₩", "ƒ", "¥", "S$", "Le", "Br",
];

/// The symbol of `code` for readers of `language` (a BCP 47 tag); the
/// code itself when it is no ISO 4217 currency.
pub fn symbol(code: &str, language: &str) -> String {
    let english = super::base_language(language) == "en";
    let known = |table: &[(&str, &str)]| {
        table
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, s)| (*s).to_string())
    };
    if english && let Some(s) = known(&ENGLISH) {
        return s;
    }
    if let Some(s) = known(&INTERNATIONAL) {
        return s;
    }
    iso_currency::Currency::from_code(code)
        .map(|c| c.symbol().to_string())
        .filter(|s| !AMBIGUOUS.contains(&s.as_str()))
        .unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn no_two_currencies_are_written_alike() {
        // Every ISO 4217 code the table knows, by brute force over the
        // three-letter codes (the crate lists them only with a feature).
        let letters = || 'A'..='Z';
        let mut by_symbol: HashMap<String, Vec<String>> = HashMap::new();
        let mut table: HashMap<String, usize> = HashMap::new();
        for a in letters() {
            for b in letters() {
                for c in letters() {
                    let code: String = [a, b, c].iter().collect();
                    if let Some(cur) = iso_currency::Currency::from_code(&code) {
                        *table.entry(cur.symbol().to_string()).or_default() += 1;
                        for lang in ["en", "es", "fr"] {
                            by_symbol
                                .entry(format!("{lang} {}", symbol(&code, lang)))
                                .or_default()
                                .push(code.clone());
                        }
                    }
                }
            }
        }
        // The list of shared symbols is the table's.
        for (s, n) in &table {
            assert_eq!(
                *n > 1 || s == "¤",
                AMBIGUOUS.contains(&s.as_str()),
                "{s} is used by {n}"
            );
        }
        let shared: Vec<_> = by_symbol.iter().filter(|(_, v)| v.len() > 1).collect();
        assert!(shared.is_empty(), "{shared:?}");
    }

    #[test]
    fn well_known_currencies_take_cldr_symbols() {
        assert_eq!(symbol("USD", "en"), "$");
        assert_eq!(symbol("USD", "es"), "US$");
        assert_eq!(symbol("MXN", "es-MX"), "MX$");
        assert_eq!(symbol("CHF", "fr"), "CHF");
        assert_eq!(symbol("SEK", "en"), "SEK");
        assert_eq!(symbol("EUR", "ar"), "€");
        assert_eq!(symbol("INR", "hi"), "₹");
        assert_eq!(symbol("KES", "en"), "Ksh");
        assert_eq!(symbol("XYZ", "en"), "XYZ");
    }
}
