//! Loading input files, refusing what cannot be one before any parser
//! sees it: folders, FIFOs, devices and sockets (which would block or never
//! end), symlink loops, files over a size limit, binary data, text that is
//! not UTF-8.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// Largest TOML input we read. A real profile is a few kilobytes; anything
/// near this is a wrong file, and reading it whole would only waste memory.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum FileError {
    NotFound,
    /// The path runs in a circle of symbolic links.
    SymlinkLoop,
    Folder,
    /// A FIFO, socket or device: reading one may block or never end.
    NotRegular(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl FileError {
    fn from_io(e: io::Error) -> FileError {
        match e.kind() {
            io::ErrorKind::NotFound => FileError::NotFound,
            _ if is_loop(&e) => FileError::SymlinkLoop,
            _ => FileError::Io(e),
        }
    }

    /// What went wrong, for a message that names the file elsewhere.
    pub fn describe(&self) -> String {
        match self {
            FileError::NotFound => "does not exist".into(),
            FileError::SymlinkLoop => {
                "cannot be opened: too many levels of symbolic links (a symlink loop)".into()
            }
            FileError::Folder => "is a folder, not a file".into(),
            FileError::NotRegular(kind) => {
                format!("is {kind}, not a regular file; only regular files are read")
            }
            FileError::TooLarge { size, limit } => format!(
                "is {:.1} MB; files of this kind are at most {} MB",
                *size as f64 / 1e6,
                limit / (1024 * 1024)
            ),
            FileError::Io(e) => format!("cannot be read: {e}"),
        }
    }

    /// A short diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Folder => "not-a-file",
            FileError::NotRegular(_) => "not-a-regular-file",
            FileError::TooLarge { .. } => "file-too-large",
            FileError::NotFound | FileError::SymlinkLoop | FileError::Io(_) => "unreadable-file",
        }
    }
}

/// Whether an error says the path has a loop of symbolic links (ELOOP).
pub fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// What kind of thing a path names when it is not a regular file.
fn kind_of(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Open a regular file for reading. The file is opened without blocking
/// (a FIFO with no writer would otherwise wait forever) and its type is
/// checked on the opened handle, so that nothing can swap a FIFO in
/// between a check and the read. `no_follow` refuses a symbolic link as
/// the last component (for paths already resolved).
pub fn open_regular(path: &Path, no_follow: bool) -> Result<(fs::File, u64), FileError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
        if no_follow {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) => {
            // Sockets cannot be opened at all (ENXIO); name them as such.
            if let Ok(meta) = fs::symlink_metadata(path)
                && let Some(kind) = kind_of(&meta)
                && !meta.file_type().is_symlink()
            {
                return Err(if meta.is_dir() {
                    FileError::Folder
                } else {
                    FileError::NotRegular(kind)
                });
            }
            return Err(FileError::from_io(e));
        }
    };
    let meta = file.metadata().map_err(FileError::Io)?;
    if meta.is_dir() {
        return Err(FileError::Folder);
    }
    if let Some(kind) = kind_of(&meta) {
        return Err(FileError::NotRegular(kind));
    }
    Ok((file, meta.len()))
}

/// Read a whole regular file of at most `limit` bytes. The limit holds
/// even when the file grows while it is read.
pub fn read_limited(path: &Path, limit: u64, no_follow: bool) -> Result<Vec<u8>, FileError> {
    let (file, len) = open_regular(path, no_follow)?;
    if len > limit {
        return Err(FileError::TooLarge { size: len, limit });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(FileError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Read `path` as UTF-8 text, or say why it cannot be an input file.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostics> {
    let fail = |d: Diagnostic| {
        let mut ds = Diagnostics::for_path(path);
        ds.push(d);
        ds
    };
    let bytes = read_limited(path, MAX_INPUT_BYTES, false).map_err(|e| {
        let help = match &e {
            FileError::Folder => "name a .toml file, or use `factsheet check` on the folder to check every profile in it",
            FileError::NotRegular(_) => "name a .toml file saved on disk",
            FileError::TooLarge { .. } => "a country profile is a few kilobytes of TOML: check that this is the file you meant",
            FileError::SymlinkLoop => "the link points, directly or through others, back at itself: point it at the real file",
            _ => "check the path; `factsheet new <COUNTRY> -o FILE` writes a starter profile",
        };
        let message = match &e {
            FileError::TooLarge { size, .. } => format!(
                "this file is {:.1} MB; input files are at most {} MB",
                *size as f64 / 1e6,
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            _ => format!("this file {}", e.describe()),
        };
        fail(Diagnostic::error(e.code(), message).help(help))
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

        let limited = dir.join("limited.bin");
        fs::write(&limited, [7u8; 100]).unwrap();
        assert!(matches!(
            read_limited(&limited, 99, false),
            Err(FileError::TooLarge { size: 100, .. })
        ));
        assert_eq!(read_limited(&limited, 100, false).unwrap().len(), 100);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_symlink_loops_are_named() {
        let err = read_limited(Path::new("/dev/zero"), 10, false).unwrap_err();
        assert!(matches!(err, FileError::NotRegular("a device")), "{err:?}");
        let dir = std::env::temp_dir().join(format!("factsheet-loop-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.toml");
        let _ = fs::remove_file(&a);
        std::os::unix::fs::symlink(&a, &a).unwrap();
        let err = read_limited(&a, 10, false).unwrap_err();
        assert!(matches!(err, FileError::SymlinkLoop), "{err:?}");
        assert!(err.describe().contains("too many levels of symbolic links"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
