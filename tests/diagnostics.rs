//! Every diagnostic of the profile checks: its code, its position
//! (file:line:column, as the user sees it) and its wording.

mod common;

use factsheet::diag::{Diagnostics, Severity, SourceFile};
use factsheet::profile::read_profile;

const GOOD: &str = r#"language = "en"

[country]
name = "Bolivia"
code = "BO"

[programme]
name = "Down to Zero Alliance"
period = "2016-2020"

[[indicator]]
id = "tip"
label = "TIP Report ranking"
value = "Tier 2"
footnote = "tip"

[[section]]
id = "context"
paragraphs = ["Bolivia ranks in Tier 2.[^tip] Since 2017, there were protests."]

[[section]]
id = "focus"
heading = "Focus of our work"
paragraphs = ["Activities include training."]

[budget]
amount = 1243315
currency = "EUR"
after = "focus"

[footnotes]
tip = "The Trafficking in Persons Report ranks governments."
"#;

fn check(text: &str) -> Diagnostics {
    read_profile(SourceFile::new("bad.toml", text), true).1
}

/// 1-based line and column of the first `needle` in `text`; a `|` in the
/// needle marks the spot inside it.
fn pos(text: &str, needle: &str) -> (usize, usize) {
    let (before, after) = needle.split_once('|').unwrap_or(("", needle));
    let whole = format!("{before}{after}");
    let at = text
        .find(&whole)
        .unwrap_or_else(|| panic!("{needle:?} not in the profile"))
        + before.len();
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Assert a finding `code` at `needle`'s position whose rendering holds
/// every one of `words`.
fn expect(text: &str, code: &str, needle: &str, words: &[&str]) {
    let d = check(text);
    let out = d.render_plain();
    let (line, col) = pos(text, needle);
    let item = d
        .items
        .iter()
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("no {code} in:\n{out}"));
    let (l, c) = d
        .file
        .line_col(item.span.as_ref().expect("a position").start);
    assert_eq!((l, c), (line, col), "{code} at the wrong place:\n{out}");
    assert!(out.contains(&format!("bad.toml:{line}:{col}")), "{out}");
    for w in words {
        assert!(out.contains(w), "{code}: {w:?} missing from:\n{out}");
    }
    // The offending line is shown.
    let shown = factsheet::diag::escape_controls(text.lines().nth(line - 1).unwrap().trim());
    assert!(out.contains(&shown), "the line is not shown:\n{out}");
}

#[test]
fn the_good_profile_is_clean() {
    let d = check(GOOD);
    assert!(d.items.is_empty(), "{}", d.render_plain());
}

#[test]
fn toml_syntax() {
    let bad = GOOD.replace("name = \"Bolivia\"", "name = \"Bolivia");
    expect(
        &bad,
        "toml-syntax",
        "\"Bolivia|\n",
        &["error[toml-syntax]", "TOML syntax"],
    );
    let bad = GOOD.replace("code = \"BO\"", "code = BO");
    expect(&bad, "toml-syntax", "BO\n", &["text values need quotes"]);
}

#[test]
fn wrong_type() {
    let bad = GOOD.replace("amount = 1243315", "amount = \"1,243,315\"");
    expect(
        &bad,
        "wrong-type",
        "\"1,243,315\"",
        &[
            "`amount` in [budget] must be a number (no quotes), not text (a string)",
            "amount = 1243315",
        ],
    );
}

#[test]
fn missing_required_field() {
    let bad = GOOD.replace("code = \"BO\"\n", "");
    expect(
        &bad,
        "missing-key",
        "[country]",
        &[
            "[country] has no `code`",
            "add a line such as `code = \"BO\"`",
        ],
    );
    let bad = GOOD.replace("label = \"TIP Report ranking\"\n", "");
    expect(
        &bad,
        "missing-key",
        "[[indicator]]",
        &["[[indicator]] number 1 has no `label`"],
    );
}

#[test]
fn unknown_key_with_suggestion() {
    let bad = GOOD.replace("label = \"TIP", "labl = \"TIP");
    expect(
        &bad,
        "unknown-key",
        "labl",
        &[
            "unknown key `labl` in [[indicator]] number 1",
            "did you mean `label`?",
            "rename it to `label`",
        ],
    );
    let bad = GOOD.replace("period = \"2016-2020\"", "peroid = \"2016-2020\"");
    expect(&bad, "unknown-key", "peroid", &["did you mean `period`?"]);
}

#[test]
fn footnote_marker_without_footnote() {
    let bad = GOOD.replace("Tier 2.[^tip]", "Tier 2.[^tp]");
    expect(
        &bad,
        "unknown-footnote",
        "[^tp]",
        &[
            "footnote marker `tp` has no footnote",
            "did you mean [^tip]?",
        ],
    );
}

#[test]
fn footnote_never_referenced_is_a_warning() {
    let bad = GOOD.replace("[footnotes]\n", "[footnotes]\nspare = \"Never used.\"\n");
    expect(
        &bad,
        "unused-footnote",
        "spare",
        &[
            "warning[unused-footnote]",
            "footnote `spare` is never referenced",
        ],
    );
    let (profile, d) = read_profile(SourceFile::new("bad.toml", bad.as_str()), true);
    assert!(profile.is_some(), "a warning does not stop the build");
    assert_eq!(d.items[0].severity, Severity::Warning);
}

#[test]
fn duplicate_ids() {
    let bad = GOOD.replace("id = \"focus\"", "id = \"context\"");
    let (line, col) = pos(&bad, "\"context\"");
    expect(
        &bad.replacen("id = \"context\"", "id = \"context\" ", 1),
        "duplicate-id",
        "\"context\"\nheading",
        &[
            "duplicate id `context`",
            &format!("also the id of [[section]] number 1 at line {line}, column {col}"),
        ],
    );
}

#[test]
fn a_section_may_not_take_a_name_other_texts_use() {
    // A section `footnote` names its first paragraph `footnote.1`, the id
    // of the footnote keyed `1`: a translation wrote the id twice.
    let bad = GOOD.replace("id = \"focus\"", "id = \"footnote\"");
    expect(
        &bad,
        "reserved-id",
        "\"footnote\"",
        &["`footnote` cannot be a section's id", "`footnote-section`"],
    );
}

#[test]
fn markup_in_a_plain_field_is_a_warning() {
    // A heading of "**Focus**[^tip]" printed the asterisks and the marker
    // as written, in capitals, without a word.
    let text = GOOD.replacen("heading = \"", "heading = \"**Bold** [^tip] ", 1);
    let d = check(&text);
    let w = d
        .items
        .iter()
        .find(|i| i.code == "markup-in-plain")
        .unwrap_or_else(|| panic!("{}", d.render_plain()));
    assert!(w.message.contains("a note marker"), "{}", w.message);
    assert!(!d.has_errors(), "{}", d.render_plain());
    // Plain text with brackets is not markup.
    let text = GOOD.replacen("heading = \"", "heading = \"[2020] ", 1);
    assert!(
        !check(&text)
            .items
            .iter()
            .any(|i| i.code == "markup-in-plain"),
        "{}",
        check(&text).render_plain()
    );
}

#[test]
fn bad_budgets() {
    for (amount, word) in [
        ("-5", "negative"),
        ("0", "zero"),
        ("inf", "infinite"),
        ("nan", "not a number"),
    ] {
        let bad = GOOD.replace("amount = 1243315", &format!("amount = {amount}"));
        expect(
            &bad,
            "bad-budget",
            &format!("{amount}\n"),
            &[&format!("the budget amount is {word}")],
        );
    }
}

#[test]
fn empty_country_name() {
    let bad = GOOD.replace("name = \"Bolivia\"", "name = \"  \"");
    expect(
        &bad,
        "empty-text",
        "\"  \"",
        &["`name` in [country] is empty"],
    );
}

#[test]
fn invalid_codes() {
    let bad = GOOD.replace("currency = \"EUR\"", "currency = \"€\"");
    expect(
        &bad,
        "bad-currency",
        "\"€\"",
        &["`€` is not an ISO 4217 currency code", "currency = \"EUR\""],
    );
    let bad = GOOD.replace("code = \"BO\"", "code = \"BOL\"");
    expect(
        &bad,
        "bad-country-code",
        "\"BOL\"",
        &["`BOL` is not an ISO 3166-1 country code", "code = \"BO\""],
    );
    let bad = GOOD.replace("language = \"en\"", "language = \"english language\"");
    expect(
        &bad,
        "bad-language",
        "\"english",
        &["is not a language tag"],
    );
}

#[test]
fn control_characters() {
    let bad = GOOD.replace("Since 2017", "Since\u{7} 2017");
    expect(
        &bad,
        "control-character",
        "\u{7}",
        &["invisible control character U+0007"],
    );
    // Escaped in TOML: the whole string is pointed at.
    let bad = GOOD.replace("Activities include", "Activities\\u0008 include");
    expect(&bad, "control-character", "\"Activities", &["U+0008"]);
}

#[test]
fn unknown_section_for_the_call_out() {
    let bad = GOOD.replace("after = \"focus\"", "after = \"focs\"");
    expect(
        &bad,
        "unknown-section",
        "\"focs\"",
        &["no section has the id `focs`", "did you mean `focus`?"],
    );
}

#[test]
fn block_markup_in_a_paragraph() {
    let bad = GOOD.replace(
        "paragraphs = [\"Activities include training.\"]",
        "paragraphs = [\"\"\"Activities include:\n- training\"\"\"]",
    );
    expect(&bad, "markup", "- training", &["becomes a list"]);
}

#[test]
fn several_errors_in_one_run() {
    let bad = GOOD
        .replace("label = \"TIP", "labl = \"TIP")
        .replace("amount = 1243315", "amount = -1")
        .replace("currency = \"EUR\"", "currency = \"XYZ\"")
        .replace("[^tip] Since", "[^nope] Since");
    let d = check(&bad);
    let codes: Vec<&str> = d.items.iter().map(|i| i.code).collect();
    for c in [
        "unknown-key",
        "bad-budget",
        "bad-currency",
        "unknown-footnote",
    ] {
        assert!(codes.contains(&c), "{c} missing: {}", d.render_plain());
    }
    // Reported top to bottom.
    let starts: Vec<usize> = d
        .items
        .iter()
        .filter_map(|i| i.span.as_ref().map(|s| s.start))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn theme_asset_paths() {
    let dir = common::scratch("theme-assets");
    std::fs::write(
        dir.join("theme.toml"),
        "[organisation]\nlogo = \"assets/missing.png\"\n",
    )
    .unwrap();
    let (theme, d) = factsheet::theme::load_theme(&dir.join("theme.toml"));
    assert!(theme.is_none());
    let out = d.render_plain();
    assert!(out.contains("theme.toml:2:8"), "{out}");
    assert!(out.contains("`assets/missing.png` does not exist"), "{out}");

    let outside = dir.parent().unwrap().join("outside-logo.png");
    std::fs::write(&outside, b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(
        dir.join("theme.toml"),
        "[organisation]\nlogo = \"../outside-logo.png\"\n",
    )
    .unwrap();
    let (theme, d) = factsheet::theme::load_theme(&dir.join("theme.toml"));
    assert!(theme.is_none());
    let out = d.render_plain();
    assert!(out.contains("theme.toml:2:8"), "{out}");
    assert!(out.contains("is outside the reports folder"), "{out}");
    assert!(out.contains("copy the file into"), "{out}");
}

#[test]
fn links_other_than_web_and_mail_are_refused() {
    for (link, words) in [
        (
            "[x](javascript:alert(1))",
            "`javascript:` links are not allowed",
        ),
        ("[x](file:///etc/passwd)", "`file:` links are not allowed"),
        ("[x](www.example.org)", "not a full address"),
    ] {
        let bad = GOOD.replace("Activities include", &format!("Activities {link} include"));
        expect(&bad, "markup", link, &[words]);
    }
    let good = GOOD.replace(
        "Activities include",
        "Activities [see](https://example.org) and <info@example.org> include",
    );
    assert!(
        check(&good).items.is_empty(),
        "{}",
        check(&good).render_plain()
    );
}

#[test]
fn numbers_that_cannot_be_shown_exactly() {
    let bad = GOOD.replace("amount = 1243315", "amount = 9007199254740993");
    expect(
        &bad,
        "bad-number",
        "9007199254740993",
        &["too large to be printed exactly"],
    );
    let bad = GOOD.replace("amount = 1243315", "amount = 0.004");
    expect(
        &bad,
        "below-precision",
        "0.004",
        &["would print as zero", "2 decimal places"],
    );
    let bad = GOOD.replace("value = \"Tier 2\"", "value = 0.001\ncurrency = \"USD\"");
    expect(&bad, "below-precision", "0.001", &["USD"]);
    // Not money: a share of 0.000001 % printed "0 %".
    let bad = GOOD.replace("value = \"Tier 2\"", "value = 0.000001\nunit = \"%\"");
    expect(
        &bad,
        "below-precision",
        "0.000001",
        &["would print as 0", "2 decimal places"],
    );
    // Zero itself, and a figure that keeps a digit, are fine.
    for ok in ["0", "0.006", "-0.01"] {
        let good = GOOD.replace("value = \"Tier 2\"", &format!("value = {ok}"));
        assert!(!check(&good).has_errors(), "{ok}");
    }
}

#[test]
fn fields_that_contradict_each_other() {
    let bad = GOOD.replace("period = \"2016-2020\"", "period = \"2020-2016\"");
    expect(
        &bad,
        "reversed-period",
        "\"2020-2016\"",
        &["ends before it starts", "\"2016-2020\""],
    );
    let bad = GOOD.replace("value = \"Tier 2\"", "value = \"Tier 2\"\nunit = \"%\"");
    expect(
        &bad,
        "unit-on-text",
        "\"%\"",
        &[
            "`unit` is given for a value that is text",
            "line 14, column 9",
        ],
    );
    let bad = GOOD.replace(
        "after = \"focus\"",
        "after = \"focus\"\nlabel = \"Budget {period}\"",
    );
    expect(
        &bad,
        "placeholder-in-label",
        "\"Budget {period}\"",
        &["`{period}`", "printed as it is"],
    );
    let bad = GOOD.replace("code = \"BO\"", "code = \"PE\"");
    expect(
        &bad,
        "country-mismatch",
        "\"PE\"",
        &["the code `PE` is Peru's, but the name is Bolivia"],
    );
    let d = check(&bad);
    assert_eq!(d.items[0].severity, Severity::Warning, "a warning only");
    assert!(!d.has_errors());
}

#[test]
fn unicode_that_the_two_formats_would_show_differently() {
    let bad = GOOD.replace("Since 2017", "Since\u{2029}2017");
    expect(
        &bad,
        "paragraph-separator",
        "\u{2029}",
        &["make the text after it its own paragraph"],
    );
    let bad = GOOD.replace("Since 2017", "Since \u{202e}2017");
    expect(&bad, "bidi-control", "\u{202e}", &["U+202E", "Word"]);
    // In a right-to-left language the same control is allowed.
    let rtl = bad.replace("language = \"en\"", "language = \"ar\"");
    assert!(!check(&rtl).has_errors(), "{}", check(&rtl).render_plain());
    let bad = GOOD.replace("Since 2017", "Since \u{feff}2017");
    expect(&bad, "byte-order-mark", "\u{feff}", &["U+FEFF"]);
    let marks = "\u{301}".repeat(500);
    let bad = GOOD.replace("Since 2017", &format!("Since e{marks} 2017"));
    let d = check(&bad);
    let item = d
        .items
        .iter()
        .find(|i| i.code == "combining-marks")
        .expect("refused");
    let (line, col) = d.file.line_col(item.span.as_ref().unwrap().start);
    assert_eq!((line, col), pos(&bad, "e|\u{301}"));
    let out = d.render_plain();
    assert!(out.contains("more than 30 combining marks"), "{out}");
    assert!(
        out.len() < 3_000,
        "the 500 marks are not all shown: {} bytes",
        out.len()
    );
    let bad = GOOD.replace("name = \"Bolivia\"", "name = \"Bol\u{2028}ivia\"");
    expect(&bad, "line-separator", "\u{2028}", &["no line breaks"]);
    // In running text U+2028 is a forced line break.
    let good = GOOD.replace("Since 2017", "Since\u{2028}2017");
    let (p, d) = read_profile(SourceFile::new("good.toml", good), true);
    assert!(!d.has_errors(), "{}", d.render_plain());
    let p = p.unwrap();
    assert!(
        p.sections[0].paragraphs[0]
            .content
            .0
            .contains(&factsheet::profile::Mark::Break)
    );
}

#[test]
fn the_profile_date() {
    let dated = GOOD.replace("language = \"en\"", "language = \"en\"\ndate = 2021-06-30");
    let (p, d) = read_profile(SourceFile::new("dated.toml", dated), true);
    assert!(!d.has_errors(), "{}", d.render_plain());
    assert_eq!(p.unwrap().date, Some(1_625_011_200));
    let bad = GOOD.replace(
        "language = \"en\"",
        "language = \"en\"\ndate = \"2021-06-30\"",
    );
    expect(&bad, "wrong-type", "\"2021-06-30\"", &["must be a date"]);
}
