//! Reading a DOCX back: its parts, and LibreOffice's PDF of it.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The text of one part of the package.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the DOCX"));
    let mut s = String::new();
    file.read_to_string(&mut s).expect("UTF-8");
    s
}

/// Convert DOCX files to PDF with LibreOffice, in one run, with a profile
/// of its own in `dir` (tests running at once do not clash); the PDFs'
/// paths, in order.
pub fn libreoffice(dir: &Path, docx: &[PathBuf]) -> Vec<PathBuf> {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(docx)
        .output()
        .expect("run soffice");
    let pdfs: Vec<PathBuf> = docx.iter().map(|p| p.with_extension("pdf")).collect();
    for pdf in &pdfs {
        assert!(
            out.status.success() && pdf.exists(),
            "soffice did not write {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    pdfs
}

/// Text to compare across renderers: typographic quotes as straight ones;
/// spaces, line breaks and hyphens (a renderer may hyphenate at a line
/// end) left out.
pub fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{2010}'))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect()
}

/// The styles a style sheet defines, by id: each style's XML without its
/// name, id, the styles it is based on and followed by (which a copy
/// renames) and its outline level.
pub fn style_bodies(docx: &[u8]) -> std::collections::BTreeMap<String, String> {
    let styles = part(docx, "word/styles.xml");
    styles
        .split("<w:style ")
        .skip(1)
        .filter_map(|s| {
            let mut s = s[..s.find("</w:style>")?].to_string();
            let id = attr_value(&s, "w:styleId=\"")?;
            s = s.replace(&format!(" w:styleId=\"{id}\""), "");
            for tag in [
                "<w:name w:val=\"",
                "<w:basedOn w:val=\"",
                "<w:next w:val=\"",
                "<w:link w:val=\"",
                // A combined document puts titles and sections one
                // level down Word's outline.
                "<w:outlineLvl w:val=\"",
            ] {
                if let Some(v) = attr_value(&s, tag) {
                    s = s.replace(&format!("{tag}{v}\"/>"), "");
                }
            }
            Some((id, s))
        })
        .collect()
}

/// The value that follows `prefix` in `s`, up to the closing quote.
fn attr_value(s: &str, prefix: &str) -> Option<String> {
    let at = s.find(prefix)? + prefix.len();
    let len = s[at..].find('"')?;
    Some(s[at..at + len].to_string())
}

/// In a combined DOCX, the paragraphs and runs of `country` name styles set
/// as its `own` DOCX sets the styles of the same name (a copy `<id>_v<n>`
/// stands for `<id>`).
pub fn assert_country_keeps_its_styles(own: &[u8], combined: &[u8], country: &str) {
    let own_styles = style_bodies(own);
    let combined_styles = style_bodies(combined);
    // The country's part: from its kicker to the next country's.
    let document = part(combined, "word/document.xml");
    let titles: Vec<usize> = document
        .match_indices(r#"<w:pStyle w:val="Title"#)
        .map(|(i, _)| i)
        .collect();
    let start = *titles
        .iter()
        .find(|&&t| {
            let p = &document[t..];
            p[..p.find("</w:p>").unwrap()].contains(&format!(">{country}<"))
        })
        .expect("the country's title");
    // A country begins with its kicker, above its title.
    let kickers: Vec<usize> = document
        .match_indices(r#"<w:pStyle w:val="Kicker"#)
        .map(|(i, _)| i)
        .collect();
    let start = *kickers.iter().rfind(|&&k| k < start).expect("its kicker");
    let end = kickers
        .iter()
        .find(|&&k| k > start)
        .copied()
        .unwrap_or(document.len());
    let part = &document[start..end];
    let used: Vec<String> = ["<w:pStyle w:val=\"", "<w:rStyle w:val=\""]
        .iter()
        .flat_map(|tag| {
            part.split(tag)
                .skip(1)
                .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        })
        .collect();
    let mut compared = std::collections::BTreeSet::new();
    for id in &used {
        let original = id.split("_v").next().unwrap();
        let (Some(mine), Some(theirs)) = (combined_styles.get(id), own_styles.get(original)) else {
            continue;
        };
        assert_eq!(
            mine, theirs,
            "{id} in the combined DOCX against {original} in its own"
        );
        compared.insert(id);
    }
    assert!(compared.len() > 8, "only {compared:?} compared");
}
