//! `dist/manifest.json`: every output of the pack with its inputs, SHA-256
//! and size. It is also the pack's memory between runs: an output is
//! skipped when its record's key matches and the file on disk still has
//! the recorded digest.
//!
//! A sharded run writes `manifest-shard-K-of-N.json` instead, so that the
//! shards of a CI matrix, copied into one folder, do not overwrite each
//! other's records; the next run without `--shard` reads them all, writes
//! `manifest.json` and removes them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::inputs::{Input, TOOL, sha256_hex};

pub const MANIFEST_FILE: &str = "manifest.json";
const SHARD_PREFIX: &str = "manifest-shard-";

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Path from the output folder, with `/` separators.
    pub path: String,
    /// `country` (one profile in one locale) or `combined` (a locale's
    /// whole pack).
    pub kind: String,
    pub locale: String,
    /// The profile's file name without `.toml`; for a combined document,
    /// the pack's name.
    pub name: String,
    pub format: String,
    pub sha256: String,
    pub size: u64,
    /// Digest of the inputs, settings and tool version it was built from.
    pub key: String,
    pub inputs: Vec<Input>,
}

/// The whole file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The tool that wrote it, with its version.
    pub tool: String,
    /// Sorted by path.
    pub outputs: Vec<Record>,
}

impl Manifest {
    pub fn new(mut outputs: Vec<Record>) -> Manifest {
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        outputs.dedup_by(|a, b| a.path == b.path);
        Manifest {
            tool: TOOL.to_string(),
            outputs,
        }
    }

    /// As written to disk: pretty-printed, one key order, a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest serialises");
        bytes.push(b'\n');
        bytes
    }
}

/// The name a shard's manifest is written under.
pub fn shard_file(index: usize, count: usize) -> String {
    format!("{SHARD_PREFIX}{index}-of-{count}.json")
}

/// What earlier runs recorded, by output path.
#[derive(Default)]
pub struct State {
    records: BTreeMap<String, Record>,
    /// Manifests of shards, consumed by a run without `--shard`.
    pub shard_files: Vec<PathBuf>,
    /// Files that could not be read as manifests: their outputs are
    /// rebuilt, and the user is told.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Records (manifest, path) of paths no pack writes ([`is_output_path`]):
    /// left out, and the user is told.
    pub ignored: Vec<(PathBuf, String)>,
}

impl State {
    /// Read `manifest.json` and any shard manifests in `out_dir`. A later
    /// file's record of a path wins; a record is only ever trusted after
    /// the file's digest is checked ([`State::up_to_date`]).
    pub fn load(out_dir: &Path) -> State {
        let mut state = State::default();
        let mut files = vec![out_dir.join(MANIFEST_FILE)];
        let mut shards: Vec<PathBuf> = std::fs::read_dir(out_dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(SHARD_PREFIX) && n.ends_with(".json"))
            })
            .collect();
        shards.sort();
        files.extend(shards.iter().cloned());
        state.shard_files = shards;
        for f in files {
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            match serde_json::from_slice::<Manifest>(&bytes) {
                Ok(m) => {
                    for r in m.outputs {
                        if is_output_path(&r.path) {
                            state.records.insert(r.path.clone(), r);
                        } else {
                            // Never trusted, so never removed: a manifest
                            // is a file anyone can edit, or a shard job's
                            // artifact.
                            state.ignored.push((f.clone(), r.path));
                        }
                    }
                }
                Err(e) => state.unreadable.push((f, e.to_string())),
            }
        }
        state
    }

    /// Every record, by path.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.records.values()
    }

    pub fn get(&self, path: &str) -> Option<&Record> {
        self.records.get(path)
    }

    /// The record of `path` if it was built with `key` and the file there
    /// still holds the bytes recorded (same size and SHA-256).
    pub fn up_to_date(&self, out_dir: &Path, path: &str, key: &str) -> Option<&Record> {
        let r = self.records.get(path).filter(|r| r.key == key)?;
        let file = out_dir.join(path);
        let meta = std::fs::metadata(&file).ok()?;
        if meta.len() != r.size {
            return None;
        }
        let bytes = std::fs::read(&file).ok()?;
        (sha256_hex(&bytes) == r.sha256).then_some(r)
    }
}

/// A path a pack writes its outputs at: `<locale>/<name>.pdf` or
/// `.docx`, two plain names inside the output folder. Nothing else in a
/// manifest is trusted: not an absolute path, `..`, a drive or a
/// backslash, which would have a later run read or remove a file outside
/// the folder.
pub fn is_output_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let plain = |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains(['\\', ':', '\0']);
    parts.len() == 2
        && parts.iter().all(|p| plain(p))
        && (path.ends_with(".pdf") || path.ends_with(".docx"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str, bytes: &[u8]) -> Record {
        Record {
            path: path.into(),
            kind: "country".into(),
            locale: "en".into(),
            name: "x".into(),
            format: "pdf".into(),
            sha256: sha256_hex(bytes),
            size: bytes.len() as u64,
            key: "k1".into(),
            inputs: vec![],
        }
    }

    #[test]
    fn a_record_is_trusted_only_with_its_key_and_bytes() {
        let dir = std::env::temp_dir().join(format!("factsheet-manifest-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("en")).unwrap();
        std::fs::write(dir.join("en/x.pdf"), b"pdf").unwrap();
        let m = Manifest::new(vec![record("en/x.pdf", b"pdf")]);
        std::fs::write(dir.join(MANIFEST_FILE), m.to_bytes()).unwrap();
        let state = State::load(&dir);
        assert!(state.up_to_date(&dir, "en/x.pdf", "k1").is_some());
        assert!(state.up_to_date(&dir, "en/x.pdf", "k2").is_none());
        std::fs::write(dir.join("en/x.pdf"), b"PDF").unwrap();
        assert!(state.up_to_date(&dir, "en/x.pdf", "k1").is_none(), "edited");
        std::fs::remove_file(dir.join("en/x.pdf")).unwrap();
        assert!(state.up_to_date(&dir, "en/x.pdf", "k1").is_none(), "gone");

        // Shard manifests are read too, and a broken one is reported.
        let shard = Manifest::new(vec![record("es/x.pdf", b"pdf")]);
        std::fs::write(dir.join(shard_file(2, 3)), shard.to_bytes()).unwrap();
        std::fs::write(dir.join(shard_file(3, 3)), b"{ not json").unwrap();
        let state = State::load(&dir);
        assert!(state.get("es/x.pdf").is_some());
        assert_eq!(state.shard_files.len(), 2);
        assert_eq!(state.unreadable.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_output_paths_are_trusted() {
        for ok in ["en/bolivia.pdf", "es-BO/country-factsheets.docx"] {
            assert!(is_output_path(ok), "{ok}");
        }
        for bad in [
            "../reports/bolivia.toml",
            "en/../../x.pdf",
            "/tmp/x.pdf",
            "en/x.toml",
            "x.pdf",
            "en/sub/x.pdf",
            "en/..",
            "C:\\x.pdf",
            "en\\..\\x.pdf",
            "./x.pdf",
        ] {
            assert!(!is_output_path(bad), "{bad}");
        }
        // A record outside the folder is reported and left out.
        let dir =
            std::env::temp_dir().join(format!("factsheet-manifest-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let m = Manifest::new(vec![
            record("../victim.pdf", b"x"),
            record("en/x.pdf", b"y"),
        ]);
        std::fs::write(dir.join(MANIFEST_FILE), m.to_bytes()).unwrap();
        let state = State::load(&dir);
        assert!(state.get("../victim.pdf").is_none());
        assert!(state.get("en/x.pdf").is_some());
        assert_eq!(
            state.ignored,
            vec![(dir.join(MANIFEST_FILE), "../victim.pdf".to_string())]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn written_sorted_with_the_tool() {
        let m = Manifest::new(vec![record("es/b.pdf", b"1"), record("en/a.pdf", b"2")]);
        let text = String::from_utf8(m.to_bytes()).unwrap();
        assert!(text.find("en/a.pdf").unwrap() < text.find("es/b.pdf").unwrap());
        assert!(text.contains(TOOL));
        let back: Manifest = serde_json::from_str(&text).unwrap();
        assert_eq!(back, m);
    }
}
