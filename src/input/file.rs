//! Loading an input file as text, refusing what cannot be a profile before
//! any parser sees it: folders, huge files, binary data, text that is not
//! UTF-8.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// Largest input we read. A real profile is a few kilobytes; anything near
/// this is a wrong file, and reading it whole would only waste memory.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Read `path` as UTF-8 text, or say why it cannot be an input file.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostics> {
    let fail = |d: Diagnostic| {
        let mut ds = Diagnostics::for_path(path);
        ds.push(d);
        ds
    };
    let meta = fs::metadata(path).map_err(|e| {
        fail(
            Diagnostic::error("unreadable-file", format!("cannot read this file: {e}"))
                .help("check the path; `factsheet new <COUNTRY> -o FILE` writes a starter profile"),
        )
    })?;
    if meta.is_dir() {
        return Err(fail(
            Diagnostic::error("not-a-file", "this is a folder, not a file")
                .help("name a .toml file, or use `factsheet check` on the folder to check every profile in it"),
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(fail(
            Diagnostic::error(
                "file-too-large",
                format!(
                    "this file is {:.1} MB; input files are at most {} MB",
                    meta.len() as f64 / 1e6,
                    MAX_INPUT_BYTES / (1024 * 1024)
                ),
            )
            .help("a country profile is a few kilobytes of TOML: check that this is the file you meant"),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            fail(Diagnostic::error(
                "unreadable-file",
                format!("cannot read this file: {e}"),
            ))
        })?;
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = byte_line_col(&bytes, at);
        return Err(fail(
            Diagnostic::error(
                "binary-file",
                format!(
                    "this is a binary file, not TOML text (NUL byte at line {line}, column {col})"
                ),
            )
            .help("a profile is a plain-text .toml file; check that this is the file you meant"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let (line, col) = byte_line_col(e.as_bytes(), at);
            Err(fail(
                Diagnostic::error(
                    "not-utf8",
                    format!(
                        "this file is not UTF-8 text (invalid byte at line {line}, column {col})"
                    ),
                )
                .help(
                    "save the file with UTF-8 encoding (in most editors: Save As, Encoding: UTF-8)",
                ),
            ))
        }
    }
}

/// 1-based line and column of a byte offset, counting columns in bytes
/// (the text may not be valid UTF-8).
fn byte_line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, at - start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_non_utf8_are_refused_with_positions() {
        let dir = std::env::temp_dir().join(format!("factsheet-file-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let bin = dir.join("bin.toml");
        fs::write(&bin, b"a = 1\nb\0c").unwrap();
        let err = read_source(&bin).unwrap_err();
        assert_eq!(err.items[0].code, "binary-file");
        assert!(err.items[0].message.contains("line 2, column 2"));

        let latin1 = dir.join("latin1.toml");
        fs::write(&latin1, b"name = \"Bol\xedvia\"").unwrap();
        let err = read_source(&latin1).unwrap_err();
        assert_eq!(err.items[0].code, "not-utf8");
        assert!(err.items[0].message.contains("line 1, column 12"));

        let err = read_source(&dir).unwrap_err();
        assert_eq!(err.items[0].code, "not-a-file");
        fs::remove_dir_all(&dir).unwrap();
    }
}
