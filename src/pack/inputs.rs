//! What an output is made from, and a key that changes whenever any of it
//! does: the incremental rule is "same key, same bytes", so an output is
//! rebuilt exactly when one of its inputs, the options or the tool's
//! version differ from the build that wrote it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The tool's version: a new release may write different bytes, so it is
/// part of every key. (The built-in fonts are compiled into the tool and
/// so covered by it too.)
pub const TOOL: &str = concat!("factsheet ", env!("CARGO_PKG_VERSION"));

pub use crate::output::sha256_hex;

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// One input file, by its path from the pack's folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    /// What the file is to the output: profile, translation, locale,
    /// theme, font, logo, pack.
    pub role: String,
    /// Path from the pack's folder, with `/` separators.
    pub path: String,
    pub sha256: String,
}

/// Digests of input files, each file read once per run however many
/// outputs share it (the theme, its fonts and logo are shared by all).
pub struct Digests {
    root: PathBuf,
    known: HashMap<PathBuf, Option<String>>,
}

impl Digests {
    /// Paths are reported relative to `root`, the pack's folder.
    pub fn new(root: &Path) -> Digests {
        Digests {
            root: root.to_path_buf(),
            known: HashMap::new(),
        }
    }

    /// The input record of a file; `None` when it cannot be read (the
    /// build that needs it reports why).
    pub fn input(&mut self, role: &str, path: &Path) -> Option<Input> {
        let sha = self
            .known
            .entry(path.to_path_buf())
            .or_insert_with(|| std::fs::read(path).ok().map(|b| sha256_hex(&b)))
            .clone()?;
        Some(Input {
            role: role.to_string(),
            path: self.relative(path),
            sha256: sha,
        })
    }

    /// `path` from the pack's folder, with `/` separators (the manifest
    /// reads the same on every system).
    pub fn relative(&self, path: &Path) -> String {
        let rel: PathBuf = match path.strip_prefix(&self.root) {
            Ok(r) => r.to_path_buf(),
            // Theme assets come back canonicalised.
            Err(_) => match (path.canonicalize(), self.root.canonicalize()) {
                (Ok(p), Ok(r)) => p.strip_prefix(&r).map(Path::to_path_buf).unwrap_or(p),
                _ => path.to_path_buf(),
            },
        };
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A key over inputs and settings: SHA-256 of each in a fixed order, each
/// length-prefixed so that no two different lists hash alike.
pub fn key(inputs: &[Input], settings: &[(&str, String)]) -> String {
    let mut h = Sha256::new();
    let mut feed = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    feed(TOOL);
    for (name, value) in settings {
        feed(name);
        feed(value);
    }
    for i in inputs {
        // The role and content, not the path: moving the reports folder
        // does not make its outputs stale.
        feed(&i.role);
        feed(&i.sha256);
    }
    hex(&h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(role: &str, sha: &str) -> Input {
        Input {
            role: role.into(),
            path: "x".into(),
            sha256: sha.into(),
        }
    }

    #[test]
    fn digest_of_known_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn keys_change_with_any_input_or_setting() {
        let base = key(&[input("profile", "a")], &[("locale", "en".into())]);
        assert_eq!(
            base,
            key(&[input("profile", "a")], &[("locale", "en".into())])
        );
        assert_ne!(
            base,
            key(&[input("profile", "b")], &[("locale", "en".into())])
        );
        assert_ne!(
            base,
            key(&[input("theme", "a")], &[("locale", "en".into())])
        );
        assert_ne!(
            base,
            key(&[input("profile", "a")], &[("locale", "es".into())])
        );
        assert_ne!(
            base,
            key(
                &[input("profile", "a"), input("translation", "c")],
                &[("locale", "en".into())]
            )
        );
    }

    #[test]
    fn paths_are_relative_with_slashes() {
        let d = Digests::new(Path::new("reports"));
        assert_eq!(
            d.relative(Path::new("reports/translations/es/bolivia.toml")),
            "translations/es/bolivia.toml"
        );
    }
}
