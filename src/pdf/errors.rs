//! What krilla reports when it refuses to finish a PDF, said in words a
//! user can act on, pointing at the text in the profile where krilla says
//! which content was at fault.

use krilla::configure::ValidationError;
use krilla::error::KrillaError;

use super::PdfStandard;
use super::draw::Locations;
use crate::doc::Document;
use crate::layout::verify::{describe, loc};
use crate::output::OutputError;

/// The first of krilla's errors, explained.
pub fn explain(
    e: KrillaError,
    docs: &[&Document],
    locations: &Locations,
    standard: PdfStandard,
) -> OutputError {
    let place = |l| {
        let (layout, id) = locations.text(l)?;
        let doc = docs.get(layout)?;
        Some((describe(doc, id), loc(doc, id)))
    };
    let named = |l, what: &str| match place(l) {
        Some((name, at)) => (format!("{what} in {name}"), at),
        None => (what.to_string(), None),
    };
    let standard_name = match standard {
        PdfStandard::Ua1 => "PDF/UA-1",
        PdfStandard::A2b => "PDF/A-2b",
        PdfStandard::None => "PDF",
    };
    match e {
        KrillaError::Validation(errors) => {
            let Some((first, _)) = errors.into_iter().next() else {
                return OutputError::failed("the PDF was refused by its validator");
            };
            match first {
                ValidationError::InvalidCodepointMapping(_, _, c, l)
                | ValidationError::UnicodePrivateArea(_, _, c, l) => {
                    let (message, at) = named(
                        l,
                        &format!("the character U+{:04X}, which {standard_name} does not allow,", c as u32),
                    );
                    OutputError::invalid(message)
                        .with_help("remove the character (it is invisible, or private to one font)")
                        .at(at)
                }
                ValidationError::ContainsNotDefGlyph(_, l, text) => {
                    let (message, at) = named(l, &format!("\"{text}\", which the font has no glyph for,"));
                    OutputError::invalid(message)
                        .with_help("name a font that has it as `fallback` under [fonts] in the theme")
                        .at(at)
                }
                ValidationError::MissingAltText(_) => OutputError::invalid(
                    "the logo has no alternative text, which a tagged PDF needs",
                )
                .with_help("set `logo_alt` under [organisation] in the theme"),
                ValidationError::MissingDocumentDate => OutputError::invalid(format!(
                    "{standard_name} needs the document's date"
                ))
                .with_help("set SOURCE_DATE_EPOCH, or use --pdf-standard ua1"),
                ValidationError::MissingCMYKProfile => OutputError::invalid(format!(
                    "{standard_name} with CMYK colour needs a CMYK colour profile, which is not bundled"
                ))
                .with_help("use --color screen with this standard, or --pdf-standard ua1 for print"),
                ValidationError::TooLongString
                | ValidationError::TooLongName
                | ValidationError::TooLongArray
                | ValidationError::TooLongDictionary => OutputError::invalid(format!(
                    "a text is longer than {standard_name} allows in one piece (32,767 bytes)"
                ))
                .with_help("shorten the longest texts of the profile (title, names, notes), or use --pdf-standard ua1"),
                other => OutputError::failed(format!(
                    "the {standard_name} validator refused the file: {other:?}"
                )),
            }
        }
        KrillaError::Font(_, message) => {
            OutputError::invalid(format!("a font cannot be embedded in the PDF: {message}"))
                .with_help("check the font files named under [fonts] in the theme")
        }
        #[allow(unreachable_patterns)]
        KrillaError::Image(_, _, message) => {
            OutputError::invalid(format!("the logo cannot be used in the PDF: {message}"))
                .with_help("save the logo again as a plain PNG or JPEG")
        }
        other => OutputError::failed(format!("the PDF could not be written: {other:?}")),
    }
}
