//! `factsheet watch`: build the pack, then build it again whenever a file
//! of the reports folder is saved. Saves come in bursts (an editor writes
//! a temporary file, renames it, touches the folder), so events are
//! debounced (notify-debouncer-mini) and one burst makes one run; the run
//! is incremental, so only what the saved file feeds is rebuilt.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::new_debouncer;
use notify_debouncer_mini::notify::RecursiveMode;

use super::{Event, PackOptions, Reporter, pack};

/// Quiet time after the last change of a burst before the pack is built.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// Watch until the process is stopped. Errors only when the folder
/// cannot be watched.
pub fn watch(opts: &PackOptions, reporter: &dyn Reporter) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut debouncer =
        new_debouncer(DEBOUNCE, tx).map_err(|e| format!("cannot watch files: {e}"))?;
    debouncer
        .watcher()
        .watch(&opts.dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", opts.dir.display()))?;
    let out = canonical(&opts.out_dir);
    pack(opts, reporter);
    let note = format!(
        "watching {} for changes (Ctrl-C to stop)",
        opts.dir.display()
    );
    reporter.event(Event::Note(&note));
    for events in rx {
        let events = match events {
            Ok(e) => e,
            Err(e) => {
                let msg = format!("watching: {e}");
                reporter.event(Event::Warning(&msg));
                continue;
            }
        };
        let changed: Vec<&Path> = events
            .iter()
            .map(|e| e.path.as_path())
            .filter(|p| is_input(p, &out))
            .collect();
        if let Some(first) = changed.first() {
            let note = format!("changed: {}", first.display());
            reporter.event(Event::Note(&note));
            pack(opts, reporter);
        }
    }
    Ok(())
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
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
}
