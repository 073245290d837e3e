//! `factsheet new`: a commented starter profile for a country, which passes
//! `factsheet check` as written and shows every field of the format.

use std::fs;
use std::path::{Path, PathBuf};

use crate::countries::{self, Lookup};

/// Find a country by ISO code (alpha-2 or alpha-3), by name or by another
/// name it is known by ("Ivory Coast"), or by the start of its name when
/// that fits one country only. Empty and ambiguous queries are refused,
/// listing the candidates: a starter for the wrong country is worse than
/// none. Returns the display name and the alpha-2 code.
pub fn find_country(query: &str) -> Result<(String, &'static str), String> {
    match countries::lookup(query) {
        Lookup::Found(c) => Ok((c.name.to_string(), c.alpha2)),
        Lookup::NotFound if query.trim().is_empty() => Err(
            "no country given: give its English name (\"Peru\") or its ISO 3166 code (\"PE\")"
                .into(),
        ),
        Lookup::NotFound => Err(format!(
            "no country named `{}`: give its English name (\"Peru\") or its ISO 3166 code (\"PE\")",
            query.trim()
        )),
        Lookup::Ambiguous(found) => {
            const SHOWN: usize = 12;
            let mut list: Vec<String> = found
                .iter()
                .take(SHOWN)
                .map(|c| format!("{} ({})", c.name, c.alpha2))
                .collect();
            if found.len() > SHOWN {
                list.push(format!("and {} more", found.len() - SHOWN));
            }
            Err(format!(
                "`{}` could be any of {} countries: {}; give the full name or the code",
                query.trim(),
                found.len(),
                list.join(", ")
            ))
        }
    }
}

/// A file name from a country name: "Côte d'Ivoire" -> "cote-d-ivoire".
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in countries::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// The starter profile's text.
pub fn starter_profile(name: &str, code: &str) -> String {
    STARTER.replace("{NAME}", name).replace("{CODE}", code)
}

/// The starter profile for `country`, or why there is none.
pub fn starter_text(country: &str) -> Result<String, String> {
    let (name, code) = find_country(country)?;
    Ok(starter_profile(&name, code))
}

/// Write a starter profile. Returns the path written.
pub fn write_starter(
    country: &str,
    output: Option<&Path>,
    force: bool,
) -> Result<Option<PathBuf>, String> {
    let (name, code) = find_country(country)?;
    let text = starter_profile(&name, code);
    let path = output.map_or_else(
        || PathBuf::from(format!("{}.toml", slug(&name))),
        Path::to_path_buf,
    );
    if path.exists() && !force {
        return Err(format!(
            "{} exists already; pass --force to replace it, or -o to write elsewhere",
            path.display()
        ));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    crate::job::write_atomically(&path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(Some(path))
}

const STARTER: &str = r#"# Country profile for `factsheet`: one file, one factsheet.
# Build it:  factsheet build THIS_FILE      Check it:  factsheet check THIS_FILE
# Every field is described in docs/profile-format.md.

# The language the text below is written in (BCP 47: "en", "es", "fr", "pt-BR").
# It sets hyphenation and spell-checking, and picks locales/<language>.toml.
language = "en"

# The factsheet's date (a TOML date, no quotes): the date the PDF and DOCX
# carry, and needed for PDF/A (--pdf-standard a2b) unless SOURCE_DATE_EPOCH
# is set.
# date = 2025-06-30

# The pages this factsheet should take, when not the theme's ([fit] pages):
# text that runs over is set a little tighter to fit, or you are told by
# how much it runs over.
# pages = 2

[country]
name = "{NAME}"
code = "{CODE}"          # ISO 3166-1 alpha-2

[programme]
name = "Programme name"
period = "2021-2025"
# document = "Country factsheet"   # the line above the title (default: the locale's)

# Key national indicators: one [[indicator]] a box, two to six in a row.
# value is text ("Tier 2") or a number (11.7); numbers are written in the
# locale's style. Add currency = "EUR" for money, unit = "%" for a unit,
# year, source, and footnote = "key" for a note on the value.
# sample = true labels a figure as sample data on the factsheet itself:
# replace it with a real figure and its source before publishing.
[[indicator]]
id = "example"
label = "Example indicator"
value = 42
unit = "%"
year = 2024
source = "Replace with the real source"
sample = true

# Narrative sections, in reading order. A section's heading is optional.
# Paragraph text may use *emphasis*, **strong**, [links](https://example.org)
# and footnote markers [^key] (the note goes in [footnotes] below).
[[section]]
id = "context"
paragraphs = [
  "Write the country context here.[^example]",
  "A second paragraph is a second item in this list.",
]

[[section]]
id = "focus"
heading = "Focus of our work"
paragraphs = [
  "Describe the programme's focus here.",
]

# The budget call-out. It stands after the section named by `after`
# (default: after the last section). Uncomment and fill in the real amount.
# [budget]
# amount = 1000000         # a number, no currency sign or separators
# currency = "EUR"         # ISO 4217
# period = "2021-2025"     # default: the programme's period
# after = "focus"

# Footnotes by key, numbered in reading order on the factsheet.
[footnotes]
example = "Write the note's text here, or remove it and its marker."
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_name_and_code() {
        assert_eq!(find_country("Bolivia"), Ok(("Bolivia".into(), "BO")));
        assert_eq!(find_country("bo"), Ok(("Bolivia".into(), "BO")));
        assert_eq!(find_country("PER"), Ok(("Peru".into(), "PE")));
        assert_eq!(find_country("KP"), Ok(("North Korea".into(), "KP")));
        assert!(
            find_country("Atlantis")
                .unwrap_err()
                .contains("no country named")
        );
        assert!(find_country("").unwrap_err().contains("no country given"));
        let e = find_country("United").unwrap_err();
        assert!(
            e.contains("United Kingdom (GB)") && e.contains("United States (US)"),
            "{e}"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("Bolivia"), "bolivia");
    }
}
