//! `factsheet watch`: build the pack, then build it again whenever a file
//! of the reports folder is saved. Saves come in bursts (an editor writes
//! a temporary file, renames it, touches the folder), so changes are
//! gathered until the folder has been quiet for [`DEBOUNCE`] and one burst
//! makes one run; the run is incremental, so only what the saved file
//! feeds is rebuilt.
//!
//! notify reports files being opened and read too, the pack's own reads
//! among them; only creations, changes and removals count, or every run
//! would start the next. (notify-debouncer-mini passes every kind of
//! event on without saying which, so the few lines of debouncing are
//! written here.)

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::{Event, PackOptions, Reporter, pack};

/// Quiet time after the last change of a burst before the pack is built.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// Watch until the process is stopped. Errors only when the folder
/// cannot be watched.
pub fn watch(opts: &PackOptions, reporter: &dyn Reporter) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(&opts.dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", opts.dir.display()))?;
    let out = canonical(&opts.out_dir);
    pack(opts, reporter);
    let note = format!(
        "watching {} for changes (Ctrl-C to stop)",
        opts.dir.display()
    );
    reporter.event(Event::Note(&note));
    // Each turn: wait for a change, then for the burst to end.
    while let Ok(first) = rx.recv() {
        let mut changed = changes(first, &out, reporter);
        while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
            changed.extend(changes(more, &out, reporter));
        }
        if let Some(path) = changed.first() {
            let note = format!("changed: {}", path.display());
            reporter.event(Event::Note(&note));
            pack(opts, reporter);
        }
    }
    Ok(())
}

/// The input files an event changed.
fn changes(
    event: notify::Result<notify::Event>,
    out: &Path,
    reporter: &dyn Reporter,
) -> Vec<PathBuf> {
    match event {
        Ok(e)
            if matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) =>
        {
            e.paths.into_iter().filter(|p| is_input(p, out)).collect()
        }
        Ok(_) => Vec::new(),
        Err(e) => {
            let msg = format!("watching: {e}");
            reporter.event(Event::Warning(&msg));
            Vec::new()
        }
    }
}

/// `p` made absolute with its links resolved, as far as it exists: the
/// output folder before the first run has made it, a file just removed.
/// (Compared as written, "dist" never contained the events' absolute
/// paths, and each run's own writes set off the next, forever.)
fn canonical(p: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut at = p;
    loop {
        let here = if at.as_os_str().is_empty() {
            Path::new(".")
        } else {
            at
        };
        if let Ok(found) = here.canonicalize() {
            return rest.iter().rev().fold(found, |path, name| path.join(name));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                at = parent;
            }
            _ => return p.to_path_buf(),
        }
    }
}

/// Whether a changed path can feed the pack: not inside the output folder
/// (the pack's own writes), not an editor's or the pack's temporary file.
fn is_input(path: &Path, out: &Path) -> bool {
    let path = canonical(path);
    if path.starts_with(out) {
        return false;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !(name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_writes_and_temporary_files_are_not_inputs() {
        let out = Path::new("/r/dist");
        assert!(is_input(Path::new("/r/bolivia.toml"), out));
        assert!(is_input(Path::new("/r/translations/es/bolivia.toml"), out));
        assert!(!is_input(Path::new("/r/dist/en/bolivia.pdf"), out));
        assert!(!is_input(Path::new("/r/.bolivia.toml.swp"), out));
        assert!(!is_input(Path::new("/r/bolivia.toml~"), out));
    }

    #[test]
    fn an_output_folder_not_made_yet_is_still_the_output_folder() {
        let dir = std::env::temp_dir().join(format!("factsheet-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = canonical(&dir.join("./dist"));
        assert_eq!(out, dir.canonicalize().unwrap().join("dist"));
        assert!(!is_input(&dir.join("./dist/manifest.json"), &out));
        assert!(!is_input(&dir.join("dist/en/bolivia.pdf"), &out));
        assert!(is_input(&dir.join("./bolivia.toml"), &out));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
