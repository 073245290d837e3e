//! Countries of ISO 3166-1 and finding one by code or name. The table is
//! generated ([`table`]) from the iso-codes data: a crate for it would add
//! dependencies for a list that changes once in a few years, and the one
//! used before (isocountry) was unmaintained and shortened names to the
//! point of ambiguity ("KP" gave "Korea").

mod table;

pub use table::{COUNTRIES, Country};

/// The country with this alpha-2 code (upper case, as profiles write it).
pub fn by_alpha2(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.alpha2 == code)
}

/// The country with this alpha-2 or alpha-3 code, in any case.
pub fn by_code(code: &str) -> Option<&'static Country> {
    let upper = code.trim().to_ascii_uppercase();
    COUNTRIES
        .iter()
        .find(|c| c.alpha2 == upper || c.alpha3 == upper)
}

/// The country whose name, or one of whose other names, is exactly
/// `name` (ignoring case, accents and punctuation).
pub fn by_name(name: &str) -> Option<&'static Country> {
    let wanted = fold(name);
    COUNTRIES
        .iter()
        .find(|c| names(c).any(|n| fold(n) == wanted))
}

fn names(c: &Country) -> impl Iterator<Item = &'static str> {
    std::iter::once(c.name).chain(c.aliases.iter().copied())
}

/// What a query for a country found.
#[derive(Debug, PartialEq)]
pub enum Lookup {
    Found(&'static Country),
    /// Several countries fit; the query must say which.
    Ambiguous(Vec<&'static Country>),
    NotFound,
}

/// Find a country by alpha-2 or alpha-3 code, by name or other name, or by
/// the start of a name when only one country's names start that way.
pub fn lookup(query: &str) -> Lookup {
    let q = fold(query);
    if q.is_empty() {
        return Lookup::NotFound;
    }
    if let Some(c) = (query.trim().len() <= 3).then(|| by_code(query)).flatten() {
        return Lookup::Found(c);
    }
    if let Some(c) = by_name(query) {
        return Lookup::Found(c);
    }
    // The start of the name a country goes by first, then the start of
    // another of its names, then the start of any word of its names: the
    // first of these that fits anything decides. "Boliv" is Bolivia, not
    // also the "Bolivarian Republic of Venezuela".
    let tiers: [&dyn Fn(&Country) -> bool; 3] = [
        &|c| fold(c.name).starts_with(&q),
        &|c| names(c).any(|n| fold(n).starts_with(&q)),
        &|c| names(c).any(|n| fold(n).split(' ').any(|w| w.starts_with(&q))),
    ];
    for fits in tiers {
        let found: Vec<&'static Country> = COUNTRIES.iter().filter(|c| fits(c)).collect();
        match found.len() {
            0 => continue,
            1 => return Lookup::Found(found[0]),
            _ => return Lookup::Ambiguous(found),
        }
    }
    Lookup::NotFound
}

/// Lower case, accents dropped, punctuation as single spaces: "Côte
/// d’Ivoire" and "cote d'ivoire" fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_aliases() {
        assert_eq!(by_alpha2("BO").unwrap().name, "Bolivia");
        assert!(by_alpha2("bo").is_none(), "profiles write codes upper case");
        assert_eq!(by_code("per").unwrap().alpha2, "PE");
        assert_eq!(by_code("KP").unwrap().name, "North Korea");
        assert_eq!(by_name("côte d’ivoire").unwrap().alpha2, "CI");
        assert_eq!(by_name("Ivory Coast").unwrap().alpha2, "CI");
        // Punctuation does not matter: the old ISO spelling is found too.
        assert_eq!(
            by_name("Bolivia (Plurinational State of)").unwrap().alpha2,
            "BO"
        );
        assert_eq!(by_name("Bolivia Plurinational"), None);
        assert_eq!(
            by_name("Plurinational State of Bolivia").unwrap().alpha2,
            "BO"
        );
        assert_eq!(COUNTRIES.len(), 249);
    }

    #[test]
    fn ambiguous_and_empty_queries_pick_nothing() {
        assert_eq!(lookup(""), Lookup::NotFound);
        assert_eq!(lookup("  "), Lookup::NotFound);
        let Lookup::Ambiguous(united) = lookup("United") else {
            panic!("United is ambiguous")
        };
        let codes: Vec<&str> = united.iter().map(|c| c.alpha2).collect();
        for code in ["AE", "GB", "US"] {
            assert!(codes.contains(&code), "{codes:?}");
        }
        assert!(matches!(lookup("a"), Lookup::Ambiguous(v) if v.len() > 10));
        assert!(matches!(lookup("Korea"), Lookup::Ambiguous(v) if v.len() == 2));
        assert_eq!(lookup("Boliv"), Lookup::Found(by_alpha2("BO").unwrap()));
        assert_eq!(lookup("Atlantis"), Lookup::NotFound);
    }
}
