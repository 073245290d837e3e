//! Quotation marks by language, and turning straight quotes into them.

/// A language's quotation marks: the outer pair, then the pair for a
/// quotation inside a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotes {
    pub open: char,
    pub close: char,
    pub inner_open: char,
    pub inner_close: char,
}

impl Quotes {
    pub const ENGLISH: Quotes = Quotes::new('\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}');
    pub const GUILLEMETS: Quotes = Quotes::new('\u{ab}', '\u{bb}', '\u{201c}', '\u{201d}');

    pub const fn new(open: char, close: char, inner_open: char, inner_close: char) -> Quotes {
        Quotes {
            open,
            close,
            inner_open,
            inner_close,
        }
    }

    /// Four characters, as a locale file writes them: `"«»“”"`.
    pub fn parse(s: &str) -> Option<Quotes> {
        let c: Vec<char> = s.chars().collect();
        match c[..] {
            [a, b, x, y] if c.iter().all(|c| !c.is_alphanumeric() && !c.is_whitespace()) => {
                Some(Quotes::new(a, b, x, y))
            }
            _ => None,
        }
    }

    /// The usual marks of a language (CLDR's delimiters): guillemets in
    /// French, Spanish, Portuguese and Arabic, “ ” in English, Dutch and
    /// Hindi, „ “ in German.
    pub fn for_language(tag: &str) -> Quotes {
        match super::base(tag) {
            "fr" | "es" | "ar" | "ru" | "it" | "ca" => Quotes::GUILLEMETS,
            "pt" if tag.ends_with("BR") => Quotes::ENGLISH,
            "pt" => Quotes::GUILLEMETS,
            "de" => Quotes::new('\u{201e}', '\u{201c}', '\u{201a}', '\u{2018}'),
            _ => Quotes::ENGLISH,
        }
    }

    fn is_english(self) -> bool {
        self == Quotes::ENGLISH
    }
}

/// Opening characters after which a quote opens rather than closes.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '\u{2013}'
                        | '\u{2014}'
                        | '/'
                        | '\u{201c}'
                        | '\u{2018}'
                        | '\u{ab}'
                )
        }
    }
}

/// Straight quotes to typographic ones, by their neighbours: `'` between
/// letters is an apostrophe (’), as after a word; `"` opens after a space
/// or at the start and closes elsewhere.
pub fn curl(chars: &mut [char]) {
    for i in 0..chars.len() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        chars[i] = match chars[i] {
            '\'' if prev.is_some_and(char::is_alphanumeric) => '\u{2019}',
            '\'' if opens_after(prev) && next.is_some_and(|n| !n.is_whitespace()) => '\u{2018}',
            '\'' => '\u{2019}',
            '"' if opens_after(prev) => '\u{201c}',
            '"' => '\u{201d}',
            c => c,
        };
    }
}

/// Typographic quotes in the language's marks, nested ones in its inner
/// marks. English text keeps the pairs its author chose.
pub fn restyle(chars: &mut [char], quotes: Quotes) {
    if quotes.is_english() {
        return;
    }
    // Open quotations, outermost first: whether each is a single-quote pair.
    let mut open: Vec<bool> = Vec::new();
    for i in 0..chars.len() {
        let next = chars.get(i + 1).copied();
        let c = chars[i];
        let single = match c {
            '\u{201c}' | '\u{ab}' | '\u{201e}' | '\u{2018}' | '\u{201a}' => {
                // A closing “ of German style is an opener elsewhere; treat
                // every one of these as opening a quotation.
                let single = matches!(c, '\u{2018}' | '\u{201a}');
                chars[i] = if open.len().is_multiple_of(2) {
                    quotes.open
                } else {
                    quotes.inner_open
                };
                open.push(single);
                continue;
            }
            '\u{201d}' | '\u{bb}' => false,
            // ’ closes a single quotation when one is open and no letter
            // follows; otherwise it is an apostrophe.
            '\u{2019}'
                if open.last() == Some(&true) && !next.is_some_and(char::is_alphanumeric) =>
            {
                true
            }
            _ => continue,
        };
        if let Some(pos) = open.iter().rposition(|s| *s == single) {
            open.truncate(pos);
            chars[i] = if pos.is_multiple_of(2) {
                quotes.close
            } else {
                quotes.inner_close
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, f: impl Fn(&mut [char])) -> String {
        let mut c: Vec<char> = s.chars().collect();
        f(&mut c);
        c.into_iter().collect()
    }

    #[test]
    fn apostrophes_and_quotes_curl() {
        assert_eq!(run("D'AUTONOMISATION", curl), "D\u{2019}AUTONOMISATION");
        assert_eq!(run("World's", curl), "World\u{2019}s");
        assert_eq!(
            run("as 'obstructed' by \"Civicus\"", curl),
            "as \u{2018}obstructed\u{2019} by \u{201c}Civicus\u{201d}"
        );
        assert_eq!(
            run("the programmes' aims", curl),
            "the programmes\u{2019} aims"
        );
    }

    #[test]
    fn restyled_by_nesting_level() {
        let q = Quotes::GUILLEMETS;
        assert_eq!(
            run("“a ‘b’ c”", |c| restyle(c, q)),
            "\u{ab}a \u{201c}b\u{201d} c\u{bb}"
        );
        assert_eq!(
            run("‘obstruido’", |c| restyle(c, q)),
            "\u{ab}obstruido\u{bb}"
        );
        // Apostrophes stay.
        assert_eq!(run("l’école", |c| restyle(c, q)), "l\u{2019}école");
        // English keeps the author's pairs.
        assert_eq!(run("‘a’", |c| restyle(c, Quotes::ENGLISH)), "‘a’");
    }

    #[test]
    fn parse_four_marks() {
        assert_eq!(Quotes::parse("«»“”"), Some(Quotes::GUILLEMETS));
        assert_eq!(Quotes::parse("«»"), None);
        assert_eq!(Quotes::parse("ab“”"), None);
    }
}
