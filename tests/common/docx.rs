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
