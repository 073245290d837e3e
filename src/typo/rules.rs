//! The rules of one language, and the rewrite of a text by them. Each rule
//! is a small pass over the characters, in the order the module lists
//! them; a character keeps the run it came from, an added one joins the
//! run of the character before it.

use super::quotes::{Quotes, curl, restyle};
use super::{NBSP, NNBSP, base};

/// What a locale chooses for its language's typography.
#[derive(Clone, Copy, Debug)]
pub struct Choices<'a> {
    /// The locale's language tag.
    pub language: &'a str,
    /// Its quotation marks, when it chooses them.
    pub quotes: Option<Quotes>,
    /// Its percent pattern: "{number}\u{a0}%".
    pub percent: &'a str,
}

/// CLDR's percent pattern for a language: a no-break space before `%` in
/// Spanish and German, a narrow one in French, none in English.
pub fn cldr_percent(language: &str) -> &'static str {
    match base(language) {
        "fr" => "{number}\u{202f}%",
        "es" | "de" => "{number}\u{a0}%",
        _ => "{number}%",
    }
}

/// How a language sets its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// Turn straight quotes and apostrophes into typographic ones.
    pub smart_quotes: bool,
    pub quotes: Quotes,
    /// French spacing: U+202F inside « » and before ; : ! ?
    pub french_spacing: bool,
    /// The space CLDR puts between a number and `%`, if any.
    pub percent_space: Option<char>,
}

impl Rules {
    /// The rules for text in `tag`. The locale's choices (quotes, percent
    /// spacing) count when it is of the same language.
    pub fn for_language(tag: &str, locale: &Choices<'_>, smart_quotes: bool) -> Rules {
        let lang = base(tag);
        let same = base(locale.language) == lang;
        let quotes = locale
            .quotes
            .filter(|_| same)
            .unwrap_or_else(|| Quotes::for_language(tag));
        let percent_space = if same {
            percent_space_in(locale.percent)
        } else {
            percent_space_in(cldr_percent(tag))
        };
        Rules {
            smart_quotes,
            quotes,
            french_spacing: lang == "fr",
            percent_space,
        }
    }

    /// English rules: typographic quotes, nothing else added.
    pub fn english() -> Rules {
        Rules {
            smart_quotes: true,
            quotes: Quotes::ENGLISH,
            french_spacing: false,
            percent_space: None,
        }
    }
}

/// The space a percent pattern such as "{number}\u{a0}%" puts before `%`.
fn percent_space_in(pattern: &str) -> Option<char> {
    let before = pattern.split("{number}").nth(1)?.strip_suffix('%')?;
    let mut c = before.chars();
    match (c.next(), c.next()) {
        (Some(s), None) if s.is_whitespace() => Some(s),
        _ => None,
    }
}

/// Rewrite a text (characters with their run) by the rules.
pub fn rewrite(stream: Vec<(char, usize)>, rules: &Rules) -> Vec<(char, usize)> {
    let (mut chars, owners): (Vec<char>, Vec<usize>) = stream.into_iter().unzip();
    if rules.smart_quotes {
        curl(&mut chars);
        restyle(&mut chars, rules.quotes);
    }
    let mut t = Text { chars, owners };
    if rules.french_spacing {
        t.french_spacing();
    }
    if let Some(space) = rules.percent_space {
        t.percent(space);
    }
    t.units();
    t.year_ranges();
    t.spaced_dashes();
    t.chars.into_iter().zip(t.owners).collect()
}

/// Characters with the run each belongs to.
struct Text {
    chars: Vec<char>,
    owners: Vec<usize>,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | NBSP | NNBSP | '\u{2009}')
}

impl Text {
    fn get(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.get(j))
    }

    /// The run of character `a`, or of `b` when `a` is a link's text.
    fn owner_near(&self, a: usize, b: usize) -> usize {
        match self.owners[a] {
            usize::MAX => self.owners[b],
            o => o,
        }
    }

    /// Put `space` between `i - 1` and `i`: replace a space there, or add one.
    fn space_before(&mut self, i: usize, space: char) -> usize {
        match self.prev(i) {
            Some(c) if is_space(c) => {
                self.chars[i - 1] = space;
                i
            }
            Some(_) => {
                let owner = self.owner_near(i - 1, i);
                self.chars.insert(i, space);
                self.owners.insert(i, owner);
                i + 1
            }
            None => i,
        }
    }

    /// Put `space` between `i` and `i + 1`.
    fn space_after(&mut self, i: usize, space: char) {
        match self.get(i + 1) {
            Some(c) if is_space(c) => self.chars[i + 1] = space,
            Some(_) => {
                let owner = self.owner_near(i, i + 1);
                self.chars.insert(i + 1, space);
                self.owners.insert(i + 1, owner);
            }
            None => {}
        }
    }

    fn french_spacing(&mut self) {
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i];
            let next = self.get(i + 1);
            // U+FFFC: a note marker or a link text, after the mark.
            let ends = next.is_none_or(|n| {
                n.is_whitespace()
                    || matches!(
                        n,
                        '\u{bb}' | ')' | '\u{201d}' | '!' | '?' | '.' | ',' | '\u{fffc}'
                    )
            });
            match c {
                '\u{ab}' => self.space_after(i, NNBSP),
                '\u{bb}' => i = self.space_before(i, NNBSP),
                // Not in "https://", "10:30" or "?!".
                ';' | ':' | '!' | '?'
                    if ends
                        && self
                            .prev(i)
                            .is_some_and(|p| !matches!(p, '!' | '?' | ';' | ':'))
                        && !(c == ':' && self.prev(i).is_some_and(|p| p.is_ascii_digit())) =>
                {
                    i = self.space_before(i, NNBSP);
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn percent(&mut self, space: char) {
        let mut i = 0;
        while i < self.chars.len() {
            if self.chars[i] == '%' {
                let digit_before = |j: usize| j > 0 && self.chars[j - 1].is_ascii_digit();
                if digit_before(i) || (self.prev(i).is_some_and(is_space) && digit_before(i - 1)) {
                    i = self.space_before(i, space);
                }
            }
            i += 1;
        }
    }

    /// A number and its unit or currency sign are kept together.
    fn units(&mut self) {
        for i in 1..self.chars.len().saturating_sub(1) {
            if self.chars[i] != ' ' {
                continue;
            }
            let before_digit = self.chars[i - 1].is_ascii_digit();
            let after_digit = self.chars[i + 1].is_ascii_digit();
            let unit_after = before_digit && self.unit_at(i + 1);
            let sign_before = after_digit && is_currency(self.chars[i - 1]);
            let sign_after = before_digit && is_currency(self.chars[i + 1]);
            if unit_after || sign_before || sign_after {
                self.chars[i] = NBSP;
            }
        }
    }

    /// Whether a unit symbol starts at `i` and ends a word.
    fn unit_at(&self, i: usize) -> bool {
        UNITS.iter().any(|u| {
            let n = u.chars().count();
            self.chars.len() >= i + n
                && self.chars[i..i + n].iter().copied().eq(u.chars())
                && self.get(i + n).is_none_or(|c| !c.is_alphanumeric())
        })
    }

    /// 2016-2020 and 2016-20 take an en dash.
    fn year_ranges(&mut self) {
        let digits = |t: &Text, from: usize, n: usize| {
            (from..from + n).all(|j| t.get(j).is_some_and(|c| c.is_ascii_digit()))
        };
        let word =
            |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '\u{fffc}');
        for i in 4..self.chars.len() {
            if self.chars[i] != '-' || !digits(self, i - 4, 4) || word(self.prev(i - 4)) {
                continue;
            }
            if !matches!(self.chars[i - 4], '1' | '2') {
                continue;
            }
            let after = [4, 2]
                .into_iter()
                .find(|&n| digits(self, i + 1, n) && !word(self.get(i + 1 + n)));
            if after.is_some() {
                self.chars[i] = '\u{2013}';
            }
        }
    }

    /// "text – text": the space before the dash does not break.
    fn spaced_dashes(&mut self) {
        for i in 1..self.chars.len().saturating_sub(1) {
            if matches!(self.chars[i], '\u{2013}' | '\u{2014}')
                && self.chars[i - 1] == ' '
                && self.get(i + 1).is_some_and(char::is_whitespace)
            {
                self.chars[i - 1] = NBSP;
            }
        }
    }
}

fn is_currency(c: char) -> bool {
    matches!(c, '€' | '$' | '£' | '¥' | '₹' | '₩' | '₽' | '฿')
}

/// Unit symbols kept with their number (longest first where one is a
/// prefix of another).
const UNITS: &[&str] = &[
    "km²", "km2", "km", "m²", "m³", "mm", "cm", "m", "kg", "mg", "g", "t", "ha", "ml", "l", "L",
    "°C", "°F", "kWh", "GWh", "kW", "MW", "h", "min", "s", "%",
];
