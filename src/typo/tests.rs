//! Each rule on small inputs.

use super::*;

/// A language's rules with its CLDR defaults.
fn rules(lang: &str) -> Rules {
    let choices = Choices {
        language: lang,
        quotes: None,
        percent: cldr_percent(lang),
    };
    Rules::for_language(lang, &choices, true)
}

#[test]
fn french_guillemets_and_punctuation() {
    let fr = rules("fr");
    assert_eq!(
        apply("Il a dit \"non\": c'est tout!", &fr),
        "Il a dit \u{ab}\u{202f}non\u{202f}\u{bb}\u{202f}: c\u{2019}est tout\u{202f}!"
    );
    // A space the author typed becomes the narrow no-break space.
    assert_eq!(
        apply("Note : voir « ici ».", &fr),
        "Note\u{202f}: voir \u{ab}\u{202f}ici\u{202f}\u{bb}."
    );
    // Not in addresses, times or doubled marks.
    assert_eq!(
        apply("https://x.org à 10:30 ?!", &fr),
        "https://x.org à 10:30\u{202f}?!"
    );
}

#[test]
fn spanish_quotes_follow_the_locale() {
    assert_eq!(
        apply("calificado como \"obstruido\"", &rules("es")),
        "calificado como \u{ab}obstruido\u{bb}"
    );
    let choices = Choices {
        language: "es",
        quotes: Quotes::parse("“”‘’"),
        percent: cldr_percent("es"),
    };
    let es = Rules::for_language("es", &choices, true);
    assert_eq!(
        apply("como \"obstruido\"", &es),
        "como \u{201c}obstruido\u{201d}"
    );
}

#[test]
fn apostrophes_everywhere() {
    let en = Rules::english();
    assert_eq!(
        apply("FOCUS ON D'AUTONOMISATION", &en),
        "FOCUS ON D\u{2019}AUTONOMISATION"
    );
    assert_eq!(apply("World's Day", &en), "World\u{2019}s Day");
    // Off when the theme turns smart quotes off.
    let mut plain = Rules::english();
    plain.smart_quotes = false;
    assert_eq!(apply("World's", &plain), "World's");
}

#[test]
fn percent_and_units() {
    assert_eq!(apply("el 91,7% de", &rules("es")), "el 91,7\u{a0}% de");
    assert_eq!(apply("le 91,7 % de", &rules("fr")), "le 91,7\u{202f}% de");
    assert_eq!(apply("91.7% of", &rules("en")), "91.7% of");
    assert_eq!(
        apply("1,098,581 km² and € 12 or 5 kg.", &rules("en")),
        "1,098,581\u{a0}km² and €\u{a0}12 or 5\u{a0}kg."
    );
    // A word that begins like a unit is not one.
    assert_eq!(apply("12 months", &rules("en")), "12 months");
}

#[test]
fn year_ranges_take_an_en_dash() {
    let en = rules("en");
    assert_eq!(apply("Budget 2016-2020", &en), "Budget 2016\u{2013}2020");
    assert_eq!(apply("in 1998-99.", &en), "in 1998\u{2013}99.");
    // Not codes, dates or longer numbers.
    assert_eq!(apply("ISBN 978-2016-2020-1", &en), "ISBN 978-2016-2020-1");
    assert_eq!(apply("2020-06-30", &en), "2020-06-30");
    assert_eq!(apply("12016-2020", &en), "12016-2020");
}

#[test]
fn no_line_starts_with_a_dash() {
    assert_eq!(
        apply("children – in particular", &rules("en")),
        "children\u{a0}– in particular"
    );
    assert_eq!(apply("a—b", &rules("en")), "a—b");
}

#[test]
fn rules_see_across_runs_and_skip_links() {
    let mut a = String::from("como \"");
    let mut b = String::from("obstruido");
    let mut c = String::from("\" por");
    apply_runs(
        &mut [
            Piece::Text(&mut a),
            Piece::Text(&mut b),
            Piece::Text(&mut c),
        ],
        &rules("fr"),
    );
    assert_eq!(
        (a.as_str(), b.as_str(), c.as_str()),
        ("como \u{ab}\u{202f}", "obstruido\u{202f}", "\u{bb} por")
    );
    let mut before = String::from("voir ");
    let mut after = String::from(": fin");
    apply_runs(
        &mut [
            Piece::Text(&mut before),
            Piece::Fixed,
            Piece::Text(&mut after),
        ],
        &rules("fr"),
    );
    assert_eq!(after, "\u{202f}: fin");
}
