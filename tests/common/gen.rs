//! Generated country profiles for the property tests (`tests/generated.rs`)
//! and the fuzz targets (`tests/fuzz.rs`).
//!
//! A [`Spec`] is what proptest generates and shrinks: choices (word
//! numbers, lengths, where a footnote marker goes) that do not depend on
//! the language. [`Spec::render`] turns it into profile text that today's
//! reader accepts: the generator makes valid profiles only, and the reader
//! accepting them is itself a property.
//!
//! What comes out: 1-10 sections, with headings or none; paragraphs of
//! 5-400 words, cut to a budget of 1-5 pages of text; 0-60 footnotes of
//! 3-40 words, each cited at least once from a paragraph (anywhere, right
//! after a heading, in a paragraph's last words, next to another marker),
//! from an indicator or from the budget call-out, some cited twice; 0-12
//! indicators with number, money and text values and long labels; long
//! words (40+ letters), URLs, e-mail addresses and hyphenated compounds in
//! the text; country names of 1-120 words or of about 1,000 characters; a
//! budget call-out after any section; text in English, Spanish, French,
//! Dutch, Arabic (right to left, joined letters) or Hindi (Devanagari,
//! conjuncts and vowel signs) with the profile's language tag to match.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use factsheet::diag::SourceFile;

/// Words per page of two-column body text at the built-in sizes, a little
/// under what a page holds, so that "pages" stays an estimate from below.
const WORDS_PER_PAGE: usize = 800;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
    Fr,
    Nl,
    Ar,
    Hi,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Nl => "nl",
            Lang::Ar => "ar",
            Lang::Hi => "hi",
        }
    }

    /// Written in a script of joined letters or reordered vowel signs,
    /// which poppler's text extraction does not give back letter for
    /// letter (Arabic ligatures come out reversed, a Devanagari word can
    /// gain a space): conservation is not read back with pdftotext for
    /// these, and the layout's own verifier still checks every character.
    pub fn complex(self) -> bool {
        complex_tag(self.tag())
    }

    /// The language's word list: real words, in a fixed order.
    pub fn words(self) -> &'static [String] {
        static LISTS: OnceLock<[Vec<String>; 6]> = OnceLock::new();
        let lists = LISTS.get_or_init(|| {
            let own = |l: &[&str]| l.iter().map(ToString::to_string).collect::<Vec<_>>();
            [
                english_words(),
                own(SPANISH),
                own(FRENCH),
                own(DUTCH),
                sample_words("sample-ar.toml"),
                sample_words("sample-hi.toml"),
            ]
        });
        &lists[self as usize]
    }

    /// The words made of ASCII letters only (for web and e-mail addresses);
    /// English's for a language without any.
    fn ascii_words(self) -> &'static [String] {
        static LISTS: OnceLock<[Vec<String>; 4]> = OnceLock::new();
        let lists = LISTS.get_or_init(|| {
            [Lang::En, Lang::Es, Lang::Fr, Lang::Nl].map(|l| {
                l.words()
                    .iter()
                    .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
                    .cloned()
                    .collect()
            })
        });
        lists.get(self as usize).unwrap_or(&lists[0])
    }

    fn word(self, i: u16) -> &'static str {
        let w = self.words();
        &w[usize::from(i) % w.len()]
    }

    fn ascii_word(self, i: u16) -> &'static str {
        let w = self.ascii_words();
        &w[usize::from(i) % w.len()]
    }
}

/// Whether a profile's language tag is one of [`Lang::complex`]'s.
pub fn complex_tag(tag: &str) -> bool {
    matches!(tag, "ar" | "hi")
}

/// The English list: the words of the bundled example's narrative, which
/// carries the source factsheet word for word.
fn english_words() -> Vec<String> {
    let path = super::example_path();
    let text = std::fs::read_to_string(&path).expect("the example profile");
    let (profile, d) = factsheet::profile::read_profile(SourceFile::new(path, text), false);
    let profile = profile.unwrap_or_else(|| panic!("{}", d.render_plain()));
    let mut words: Vec<String> = profile
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .flat_map(|p| {
            p.content
                .plain_text()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .collect();
    words.sort();
    words.dedup();
    assert!(words.len() > 100, "too few words in the example");
    words
}

/// The words of a sample profile's narrative and notes in
/// `reports/samples/` (sample text in Arabic or Hindi): the letters of its
/// script with their marks, without punctuation, figures or Latin words.
fn sample_words(file: &str) -> Vec<String> {
    let path = super::root().join("reports/samples").join(file);
    let text = std::fs::read_to_string(&path).expect("the sample profile");
    let (profile, d) = factsheet::profile::read_profile(SourceFile::new(path, text), false);
    let profile = profile.unwrap_or_else(|| panic!("{}", d.render_plain()));
    // Letters and the marks written with them (vowel signs, virama,
    // harakat): the Arabic and Devanagari blocks, less their punctuation
    // and digits.
    let of_script = |c: char| {
        matches!(
            c,
            '\u{0610}'..='\u{061A}'
                | '\u{0620}'..='\u{065F}'
                | '\u{066E}'..='\u{06D3}'
                | '\u{0900}'..='\u{0963}'
                | '\u{0971}'..='\u{097F}'
        )
    };
    let runs = profile
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| p.content.plain_text())
        .chain(profile.footnotes.iter().map(|n| n.content.plain_text()));
    let mut words: Vec<String> = runs
        .flat_map(|t| {
            t.split(|c: char| !of_script(c))
                .filter(|w| w.chars().any(char::is_alphabetic))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    assert!(words.len() > 30, "too few words in {file}");
    words
}

const SPANISH: &[&str] = &[
    "niños",
    "niñas",
    "adolescentes",
    "derechos",
    "protección",
    "explotación",
    "sexual",
    "comercial",
    "gobierno",
    "programa",
    "alianza",
    "organizaciones",
    "sociedad",
    "civil",
    "educación",
    "justicia",
    "víctimas",
    "trata",
    "personas",
    "informe",
    "comunidad",
    "municipio",
    "capacitación",
    "prevención",
    "violencia",
    "familias",
    "escuelas",
    "jóvenes",
    "sobrevivientes",
    "servicios",
    "atención",
    "país",
    "región",
    "desarrollo",
    "políticas",
    "públicas",
    "mecanismo",
    "referencia",
    "identificación",
    "investigación",
    "campaña",
    "redes",
    "sociales",
    "salud",
    "reproductiva",
    "mujeres",
    "hombres",
    "trabajo",
    "acceso",
    "oportunidades",
    "económicas",
    "la",
    "el",
    "los",
    "las",
    "de",
    "del",
    "en",
    "con",
    "para",
    "por",
    "sobre",
    "entre",
    "y",
    "que",
    "una",
    "un",
    "su",
    "sus",
    "más",
    "también",
    "nacional",
    "local",
    "año",
    "años",
    "resultados",
    "actividades",
    "participación",
    "fortalecimiento",
    "instituciones",
    "conciencia",
    "apoyo",
    "reintegración",
];

const FRENCH: &[&str] = &[
    "enfants",
    "filles",
    "garçons",
    "adolescents",
    "droits",
    "protection",
    "exploitation",
    "sexuelle",
    "gouvernement",
    "programme",
    "alliance",
    "organisations",
    "société",
    "civile",
    "éducation",
    "justice",
    "victimes",
    "traite",
    "êtres",
    "humains",
    "rapport",
    "communauté",
    "municipalité",
    "formation",
    "prévention",
    "violence",
    "familles",
    "écoles",
    "jeunes",
    "survivants",
    "services",
    "accès",
    "pays",
    "région",
    "développement",
    "politiques",
    "publiques",
    "mécanisme",
    "orientation",
    "identification",
    "enquête",
    "campagne",
    "réseaux",
    "sociaux",
    "santé",
    "reproductive",
    "femmes",
    "hommes",
    "travail",
    "possibilités",
    "économiques",
    "la",
    "le",
    "les",
    "des",
    "du",
    "de",
    "en",
    "avec",
    "pour",
    "par",
    "sur",
    "entre",
    "et",
    "qui",
    "une",
    "un",
    "son",
    "ses",
    "plus",
    "aussi",
    "national",
    "locale",
    "année",
    "années",
    "résultats",
    "activités",
    "participation",
    "renforcement",
    "institutions",
    "sensibilisation",
    "soutien",
    "réinsertion",
    "très",
    "déjà",
    "où",
    "été",
    "à",
];

const DUTCH: &[&str] = &[
    "kinderen",
    "meisjes",
    "jongens",
    "jongeren",
    "rechten",
    "bescherming",
    "uitbuiting",
    "seksuele",
    "regering",
    "programma",
    "alliantie",
    "organisaties",
    "maatschappelijk",
    "middenveld",
    "onderwijs",
    "justitie",
    "slachtoffers",
    "mensenhandel",
    "rapport",
    "gemeenschap",
    "gemeente",
    "training",
    "preventie",
    "geweld",
    "gezinnen",
    "scholen",
    "overlevenden",
    "diensten",
    "toegang",
    "land",
    "regio",
    "ontwikkeling",
    "beleid",
    "mechanisme",
    "doorverwijzing",
    "identificatie",
    "onderzoek",
    "campagne",
    "sociale",
    "media",
    "gezondheid",
    "vrouwen",
    "mannen",
    "werk",
    "kansen",
    "economische",
    "de",
    "het",
    "een",
    "van",
    "in",
    "met",
    "voor",
    "door",
    "over",
    "tussen",
    "en",
    "die",
    "dat",
    "zijn",
    "haar",
    "meer",
    "ook",
    "nationaal",
    "lokaal",
    "jaar",
    "jaren",
    "resultaten",
    "activiteiten",
    "deelname",
    "versterking",
    "instellingen",
    "bewustwording",
    "steun",
    "terugkeer",
    "vrijwilligers",
    "beëindiging",
    "coördinatie",
    "ruïne",
    "financiële",
];

/// ISO 3166-1 codes the reader knows.
const CODES: &[&str] = &["BO", "PE", "NL", "FR", "ES", "KE", "IN", "PH", "NP", "TH"];
const CURRENCIES: &[&str] = &["EUR", "USD", "GBP", "BOB", "JPY"];
const UNITS: &[&str] = &["%", "km", "people", "cases"];

/// One piece of running text, before punctuation.
#[derive(Clone, Debug)]
pub enum Tok {
    Word(u16),
    /// Words joined by hyphens ("well-known").
    Compound(Vec<u16>),
    /// Words run together to 40 letters or more.
    Long(Vec<u16>),
    Url(Vec<u16>),
    Email(u16, u16),
    Number(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Punct {
    None,
    Comma,
    Period,
    Semicolon,
    Colon,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub punct: Punct,
}

/// Where a footnote is cited from.
#[derive(Clone, Copy, Debug)]
pub enum Site {
    /// Any word of any paragraph.
    Anywhere,
    /// The start of the first paragraph after a heading.
    AfterHeading,
    /// One of a paragraph's last twelve words.
    LastWords,
    /// Within a few words of the marker before (same line, same sentence).
    NextToPrevious,
    /// An indicator's value (`footnote = "key"`), else anywhere.
    Indicator,
    /// The budget call-out (`footnote = "key"` under [budget]), else anywhere.
    Budget,
}

#[derive(Clone, Copy, Debug)]
pub struct Placement {
    pub site: Site,
    pub a: u32,
    pub b: u32,
    /// After the word's punctuation ("word.[^n]") rather than before it.
    pub after_punct: bool,
}

#[derive(Clone, Debug)]
pub enum Value {
    Int(u32),
    /// Hundredths.
    Decimal(u32),
    WithUnit(u32, u8),
    Money(u32, u8),
    Text(Vec<Token>),
}

#[derive(Clone, Debug)]
pub struct IndicatorSpec {
    pub label: Vec<Token>,
    pub value: Value,
    pub source: Option<Vec<Token>>,
    pub year: Option<u16>,
    pub sample: bool,
}

#[derive(Clone, Debug)]
pub struct SectionSpec {
    pub heading: Option<Vec<Token>>,
    pub paragraphs: Vec<Vec<Token>>,
}

#[derive(Clone, Debug)]
pub struct BudgetSpec {
    pub amount: u32,
    pub currency: u8,
    pub period: Option<(u16, u8)>,
    pub label: Option<Vec<Token>>,
    /// Section the call-out follows (any of them); `None`: after the last.
    pub after: Option<u8>,
}

#[derive(Clone, Debug)]
pub enum Title {
    Words(Vec<Token>),
    /// Words up to about 1,000 characters.
    Thousand(Vec<u16>),
}

/// The choices one generated profile is made of.
#[derive(Clone, Debug)]
pub struct Spec {
    pub lang: Lang,
    pub title: Title,
    pub code: u8,
    pub programme: Vec<Token>,
    pub document: Option<Vec<Token>>,
    pub period: (u16, u8),
    pub indicators: Vec<IndicatorSpec>,
    pub sections: Vec<SectionSpec>,
    pub budget: Option<BudgetSpec>,
    /// Each note's text and where it is first cited.
    pub notes: Vec<(Vec<Token>, Placement)>,
    /// Further citations of notes already cited: (note, where).
    pub again: Vec<(u16, Placement)>,
    /// Pages of body text, 1-5: the words of the paragraphs are cut to fit.
    pub pages: u8,
}

/// A generated profile: its text, and counts for reports.
#[derive(Clone)]
pub struct Generated {
    pub toml: String,
    pub lang: Lang,
    pub notes: usize,
    pub words: usize,
}

impl std::fmt::Debug for Generated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "generated profile ({}, {} notes, {} words of paragraphs):\n{}",
            self.lang.tag(),
            self.notes,
            self.words,
            self.toml
        )
    }
}

// ---------------------------------------------------------------- strategies

fn punct() -> impl Strategy<Value = Punct> {
    prop_oneof![
        80 => Just(Punct::None),
        8 => Just(Punct::Comma),
        9 => Just(Punct::Period),
        1 => Just(Punct::Semicolon),
        2 => Just(Punct::Colon),
    ]
}

fn tok() -> impl Strategy<Value = Tok> {
    prop_oneof![
        90 => any::<u16>().prop_map(Tok::Word),
        3 => vec(any::<u16>(), 2..=3).prop_map(Tok::Compound),
        2 => vec(any::<u16>(), 1..=4).prop_map(Tok::Long),
        2 => vec(any::<u16>(), 1..=4).prop_map(Tok::Url),
        1 => (any::<u16>(), any::<u16>()).prop_map(|(a, b)| Tok::Email(a, b)),
        2 => (0u32..100_000).prop_map(Tok::Number),
    ]
}

fn token() -> impl Strategy<Value = Token> {
    (tok(), punct()).prop_map(|(tok, punct)| Token { tok, punct })
}

/// Plain words (titles, labels, headings): words, compounds and long
/// words, no punctuation.
fn label_token() -> impl Strategy<Value = Token> {
    prop_oneof![
        92 => any::<u16>().prop_map(Tok::Word),
        5 => vec(any::<u16>(), 2..=3).prop_map(Tok::Compound),
        3 => vec(any::<u16>(), 1..=4).prop_map(Tok::Long),
    ]
    .prop_map(|tok| Token {
        tok,
        punct: Punct::None,
    })
}

fn words(range: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<Token>> {
    vec(label_token(), range)
}

fn paragraph() -> impl Strategy<Value = Vec<Token>> {
    prop_oneof![
        4 => vec(token(), 5..40),
        3 => vec(token(), 40..150),
        2 => vec(token(), 150..=400),
    ]
}

fn placement() -> impl Strategy<Value = Placement> {
    let site = prop_oneof![
        8 => Just(Site::Anywhere),
        2 => Just(Site::AfterHeading),
        2 => Just(Site::LastWords),
        3 => Just(Site::NextToPrevious),
        1 => Just(Site::Indicator),
        1 => Just(Site::Budget),
    ];
    (site, any::<u32>(), any::<u32>(), any::<bool>()).prop_map(|(site, a, b, after_punct)| {
        Placement {
            site,
            a,
            b,
            after_punct,
        }
    })
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => (0u32..10_000_000).prop_map(Value::Int),
        2 => (0u32..1_000_000).prop_map(Value::Decimal),
        2 => (0u32..100_000, 0u8..4).prop_map(|(n, u)| Value::WithUnit(n, u)),
        2 => (1u32..100_000_000, 0u8..5).prop_map(|(n, c)| Value::Money(n, c)),
        3 => vec(label_token(), 1..=8).prop_map(Value::Text),
    ]
}

fn indicator() -> impl Strategy<Value = IndicatorSpec> {
    let label = prop_oneof![3 => words(1..=4), 1 => words(5..=16)];
    (
        label,
        value(),
        proptest::option::weighted(0.4, words(1..=8)),
        proptest::option::weighted(0.3, 1800u16..=2200),
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(label, value, source, year, sample)| IndicatorSpec {
            label,
            value,
            source,
            year,
            sample,
        })
}

fn section() -> impl Strategy<Value = SectionSpec> {
    let heading = prop_oneof![3 => words(1..=6), 1 => words(7..=16)];
    (
        proptest::option::weighted(0.7, heading),
        vec(paragraph(), 1..=4),
    )
        .prop_map(|(heading, paragraphs)| SectionSpec {
            heading,
            paragraphs,
        })
}

fn budget() -> impl Strategy<Value = BudgetSpec> {
    (
        1u32..100_000_000,
        0u8..5,
        proptest::option::weighted(0.3, (1990u16..2030, 0u8..10)),
        proptest::option::weighted(0.3, words(1..=10)),
        proptest::option::weighted(0.8, any::<u8>()),
    )
        .prop_map(|(amount, currency, period, label, after)| BudgetSpec {
            amount,
            currency,
            period,
            label,
            after,
        })
}

fn title() -> impl Strategy<Value = Title> {
    prop_oneof![
        14 => words(1..=3).prop_map(Title::Words),
        4 => words(4..=20).prop_map(Title::Words),
        2 => words(21..=120).prop_map(Title::Words),
        1 => vec(any::<u16>(), 1..=8).prop_map(Title::Thousand),
    ]
}

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![
        Just(Lang::En),
        Just(Lang::Es),
        Just(Lang::Fr),
        Just(Lang::Nl),
        Just(Lang::Ar),
        Just(Lang::Hi)
    ]
}

fn note_count() -> impl Strategy<Value = std::ops::RangeInclusive<usize>> {
    prop_oneof![
        3 => Just(0..=5),
        3 => Just(6..=20),
        2 => Just(21..=60),
    ]
}

/// The choices of one profile.
pub fn spec() -> impl Strategy<Value = Spec> {
    let head = (
        lang(),
        title(),
        any::<u8>(),
        words(1..=6),
        proptest::option::weighted(0.2, words(1..=5)),
        (1990u16..2030, 0u8..10),
    );
    let indicators = prop_oneof![
        1 => Just(0..=0),
        3 => Just(1..=6),
        1 => Just(7..=12),
    ]
    .prop_flat_map(|n| vec(indicator(), n));
    let notes = note_count().prop_flat_map(|n| vec((vec(token(), 3..=40), placement()), n));
    let body = (
        indicators,
        vec(section(), 1..=10),
        proptest::option::weighted(0.6, budget()),
        notes,
        vec((any::<u16>(), placement()), 0..=5),
        1u8..=5,
    );
    (head, body).prop_map(
        |(
            (lang, title, code, programme, document, period),
            (indicators, sections, budget, notes, again, pages),
        )| Spec {
            lang,
            title,
            code,
            programme,
            document,
            period,
            indicators,
            sections,
            budget,
            notes,
            again,
            pages,
        },
    )
}

/// Generated profiles, ready to read.
pub fn profile() -> impl Strategy<Value = Generated> {
    spec().prop_map(|s| s.render())
}

/// The `n`th of a fixed sequence of generated profiles (for fuzz inputs
/// and censuses): the same seed gives the same profiles.
pub fn from_seed(seed: [u8; 32]) -> Generated {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    );
    profile()
        .new_tree(&mut runner)
        .expect("the generator rejects nothing")
        .current()
}

// ---------------------------------------------------------------- rendering

/// A footnote marker to write at a word: which note, and on which side of
/// the word's punctuation.
#[derive(Clone, Debug)]
struct Marker {
    note: usize,
    after_punct: bool,
}

/// Markers by (paragraph, word); word `None`: before the first word.
type Markers = BTreeMap<(usize, Option<usize>), Vec<Marker>>;

impl Spec {
    /// The profile's TOML text.
    pub fn render(&self) -> Generated {
        let lang = self.lang;
        let sections = self.sections_within_budget();
        let paragraphs: Vec<(usize, &Vec<Token>)> = sections
            .iter()
            .enumerate()
            .flat_map(|(s, sec)| sec.paragraphs.iter().map(move |p| (s, p)))
            .collect();

        // Where each note is cited.
        let mut markers = Markers::new();
        let mut indicator_notes: Vec<Option<usize>> = vec![None; self.indicators.len()];
        let mut budget_note = None;
        let mut last: Option<(usize, usize)> = None;
        let citations = self
            .notes
            .iter()
            .enumerate()
            .map(|(i, (_, p))| (i, *p))
            .chain(
                self.again
                    .iter()
                    .filter(|_| !self.notes.is_empty())
                    .map(|(n, p)| (usize::from(*n) % self.notes.len(), *p)),
            );
        for (note, place) in citations {
            let first = note_is_new(note, &markers, &indicator_notes, budget_note);
            let site = match place.site {
                // An indicator or the call-out holds one note each, cited
                // first there.
                Site::Indicator if first && !self.indicators.is_empty() => {
                    let i = place.a as usize % self.indicators.len();
                    if indicator_notes[i].is_none() {
                        indicator_notes[i] = Some(note);
                        continue;
                    }
                    Site::Anywhere
                }
                Site::Budget if first && self.budget.is_some() && budget_note.is_none() => {
                    budget_note = Some(note);
                    continue;
                }
                Site::Indicator | Site::Budget => Site::Anywhere,
                s => s,
            };
            let (p, w) = match site {
                Site::AfterHeading => {
                    let firsts: Vec<usize> = starts_after_headings(&sections);
                    let p = firsts[place.a as usize % firsts.len()];
                    // Before the first word, or at it.
                    (p, (place.b % 2 == 1).then_some(0))
                }
                Site::LastWords => {
                    let p = place.a as usize % paragraphs.len();
                    let len = paragraphs[p].1.len();
                    (p, Some(len - 1 - place.b as usize % len.min(12)))
                }
                Site::NextToPrevious if last.is_some() => {
                    let (p, w) = last.unwrap();
                    let len = paragraphs[p].1.len();
                    (p, Some((w + place.b as usize % 4).min(len - 1)))
                }
                _ => {
                    let p = place.a as usize % paragraphs.len();
                    (p, Some(place.b as usize % paragraphs[p].1.len()))
                }
            };
            last = Some((p, w.unwrap_or(0)));
            markers.entry((p, w)).or_default().push(Marker {
                note,
                after_punct: place.after_punct,
            });
        }

        let mut t = String::new();
        let q = |s: &str| quote(s);
        writeln!(t, "# A generated profile.\nlanguage = {}\n", q(lang.tag())).unwrap();
        let title = self.title_text();
        writeln!(t, "[country]\nname = {}", q(&title)).unwrap();
        // A title that happens to be a country's name ("Bolivia") takes
        // that country's code: the reader warns of a mismatch otherwise.
        let code = factsheet::countries::by_name(&title)
            .map_or(CODES[usize::from(self.code) % CODES.len()], |c| c.alpha2);
        writeln!(t, "code = {}\n", q(code)).unwrap();
        writeln!(
            t,
            "[programme]\nname = {}",
            q(&plain(lang, &self.programme))
        )
        .unwrap();
        writeln!(t, "period = {}", q(&period(self.period))).unwrap();
        if let Some(d) = &self.document {
            writeln!(t, "document = {}", q(&plain(lang, d))).unwrap();
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            writeln!(t, "\n[[indicator]]\nid = \"i{}\"", i + 1).unwrap();
            writeln!(t, "label = {}", q(&plain(lang, &ind.label))).unwrap();
            match &ind.value {
                Value::Int(n) => writeln!(t, "value = {n}").unwrap(),
                Value::Decimal(n) => writeln!(t, "value = {}.{:02}", n / 100, n % 100).unwrap(),
                Value::WithUnit(n, u) => {
                    writeln!(t, "value = {n}").unwrap();
                    writeln!(t, "unit = {}", q(UNITS[usize::from(*u) % UNITS.len()])).unwrap();
                }
                Value::Money(n, c) => {
                    writeln!(t, "value = {n}").unwrap();
                    let c = CURRENCIES[usize::from(*c) % CURRENCIES.len()];
                    writeln!(t, "currency = {}", q(c)).unwrap();
                }
                Value::Text(words) => writeln!(t, "value = {}", q(&plain(lang, words))).unwrap(),
            }
            if let Some(s) = &ind.source {
                writeln!(t, "source = {}", q(&plain(lang, s))).unwrap();
            }
            if let Some(y) = ind.year {
                writeln!(t, "year = {y}").unwrap();
            }
            if let Some(n) = indicator_notes[i] {
                writeln!(t, "footnote = \"n{}\"", n + 1).unwrap();
            }
            if ind.sample {
                writeln!(t, "sample = true").unwrap();
            }
        }
        let mut p = 0;
        let mut words = 0;
        for (s, sec) in sections.iter().enumerate() {
            writeln!(t, "\n[[section]]\nid = \"s{}\"", s + 1).unwrap();
            if let Some(h) = &sec.heading {
                writeln!(t, "heading = {}", q(&plain(lang, h))).unwrap();
            }
            writeln!(t, "paragraphs = [").unwrap();
            for para in &sec.paragraphs {
                words += para.len();
                writeln!(t, "  {},", q(&running(lang, para, p, &markers))).unwrap();
                p += 1;
            }
            writeln!(t, "]").unwrap();
        }
        if let Some(b) = &self.budget {
            writeln!(t, "\n[budget]\namount = {}", b.amount).unwrap();
            let c = CURRENCIES[usize::from(b.currency) % CURRENCIES.len()];
            writeln!(t, "currency = {}", q(c)).unwrap();
            if let Some(pd) = b.period {
                writeln!(t, "period = {}", q(&period(pd))).unwrap();
            }
            if let Some(l) = &b.label {
                writeln!(t, "label = {}", q(&plain(lang, l))).unwrap();
            }
            if let Some(a) = b.after {
                writeln!(t, "after = \"s{}\"", usize::from(a) % sections.len() + 1).unwrap();
            }
            if let Some(n) = budget_note {
                writeln!(t, "footnote = \"n{}\"", n + 1).unwrap();
            }
        }
        if !self.notes.is_empty() {
            writeln!(t, "\n[footnotes]").unwrap();
            for (i, (text, _)) in self.notes.iter().enumerate() {
                let text = running(lang, text, usize::MAX, &Markers::new());
                writeln!(t, "n{} = {}", i + 1, q(&text)).unwrap();
            }
        }
        Generated {
            toml: t,
            lang,
            notes: self.notes.len(),
            words,
        }
    }

    /// The sections with their paragraphs cut to the page budget: whole
    /// sections are dropped past it, and the paragraph that crosses it is
    /// shortened (to no fewer than five words).
    fn sections_within_budget(&self) -> Vec<SectionSpec> {
        let mut left = usize::from(self.pages.clamp(1, 5)) * WORDS_PER_PAGE;
        let mut out: Vec<SectionSpec> = Vec::new();
        for sec in &self.sections {
            if left == 0 && !out.is_empty() {
                break;
            }
            let mut kept = SectionSpec {
                heading: sec.heading.clone(),
                paragraphs: Vec::new(),
            };
            for para in &sec.paragraphs {
                if left == 0 && !kept.paragraphs.is_empty() {
                    break;
                }
                let n = para.len().min(left.max(5));
                kept.paragraphs.push(para[..n].to_vec());
                left = left.saturating_sub(n);
            }
            out.push(kept);
        }
        out
    }

    fn title_text(&self) -> String {
        match &self.title {
            Title::Words(w) => plain(self.lang, w),
            Title::Thousand(idx) => {
                let mut s = String::new();
                for i in idx.iter().cycle() {
                    let w = self.lang.word(*i);
                    if s.chars().count() + 1 + w.chars().count() > 1000 {
                        break;
                    }
                    if !s.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(&capitalise(w));
                }
                s
            }
        }
    }
}

fn note_is_new(
    note: usize,
    markers: &Markers,
    indicator_notes: &[Option<usize>],
    budget_note: Option<usize>,
) -> bool {
    !markers.values().flatten().any(|m| m.note == note)
        && !indicator_notes.contains(&Some(note))
        && budget_note != Some(note)
}

/// Paragraph numbers that open a section with a heading (all section
/// openings when no section has one).
fn starts_after_headings(sections: &[SectionSpec]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut with_heading = Vec::new();
    let mut p = 0;
    for sec in sections {
        starts.push(p);
        if sec.heading.is_some() {
            with_heading.push(p);
        }
        p += sec.paragraphs.len();
    }
    if with_heading.is_empty() {
        starts
    } else {
        with_heading
    }
}

fn period((start, len): (u16, u8)) -> String {
    format!("{start}-{}", start + u16::from(len))
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A token's text; `start`: it opens a sentence.
fn token_text(lang: Lang, tok: &Tok, start: bool) -> String {
    let cap = |w: &str| if start { capitalise(w) } else { w.to_string() };
    match tok {
        Tok::Word(i) => cap(lang.word(*i)),
        Tok::Compound(ws) => cap(&ws
            .iter()
            .map(|i| lang.word(*i))
            .collect::<Vec<_>>()
            .join("-")),
        Tok::Long(ws) => {
            let mut s = String::new();
            for i in ws.iter().cycle() {
                s.push_str(lang.word(*i));
                if s.chars().count() >= 40 {
                    break;
                }
            }
            cap(&s)
        }
        Tok::Url(ws) => {
            let path: Vec<&str> = ws.iter().map(|i| lang.ascii_word(*i)).collect();
            format!("https://www.example.org/{}", path.join("/"))
        }
        Tok::Email(a, b) => format!(
            "{}.{}@example.org",
            lang.ascii_word(*a),
            lang.ascii_word(*b)
        ),
        Tok::Number(n) => n.to_string(),
    }
}

fn punct_text(p: Punct) -> &'static str {
    match p {
        Punct::None => "",
        Punct::Comma => ",",
        Punct::Period => ".",
        Punct::Semicolon => ";",
        Punct::Colon => ":",
    }
}

/// Words for a title, label or heading: capitalised, no punctuation.
fn plain(lang: Lang, tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| token_text(lang, &t.tok, true))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Running text: sentences with punctuation, ending in a full stop, with
/// the footnote markers of paragraph `p`.
fn running(lang: Lang, tokens: &[Token], p: usize, markers: &Markers) -> String {
    let refs = |ms: &[Marker], after: bool| -> String {
        ms.iter()
            .filter(|m| m.after_punct == after)
            .map(|m| format!("[^n{}]", m.note + 1))
            .collect()
    };
    let mut s = String::new();
    if let Some(ms) = markers.get(&(p, None)) {
        s.push_str(&refs(ms, false));
        s.push_str(&refs(ms, true));
        s.push(' ');
    }
    let mut start = true;
    for (w, t) in tokens.iter().enumerate() {
        if w > 0 {
            s.push(' ');
        }
        s.push_str(&token_text(lang, &t.tok, start));
        let punct = if w + 1 == tokens.len() {
            Punct::Period
        } else {
            t.punct
        };
        let ms = markers.get(&(p, Some(w))).map_or(&[][..], Vec::as_slice);
        s.push_str(&refs(ms, false));
        s.push_str(punct_text(punct));
        s.push_str(&refs(ms, true));
        start = punct == Punct::Period;
    }
    s
}
