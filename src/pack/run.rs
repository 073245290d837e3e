//! Running the plan: locale by locale, the stale units are rendered in
//! parallel (rayon) and each file is written the moment it is made, so a
//! run holds at most one locale's laid-out countries (and only when its
//! combined documents must be made), never all the bytes of the pack.
//!
//! When the combined documents are to be made, the countries are first
//! only laid out (in parallel): the combined documents need every page
//! count before their first page. Then the combined PDF is drawn on one
//! thread, country after country, while the other threads draw and write
//! the countries' own files from the same layouts and make the combined
//! DOCX.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::job;
use crate::output::Format;
use crate::theme::{self, Theme};

use super::combined::{self, CombinedError, CombinedOptions};
use super::inputs::{Input, key, sha256_hex};
use super::manifest::{MANIFEST_FILE, Manifest, Record, State, shard_file};
use super::plan::{self, Plan, Settings, Unit};
use super::spec::{self, PackSpec};
use super::unit::{self, UnitResult};
use super::{CombinedNote, CombinedStatus, Event, Failure, PackOptions, Reporter, Summary};

/// Build the pack. Never panics on bad input; the summary says what was
/// built and carries the exit code.
pub fn pack(opts: &PackOptions, reporter: &dyn Reporter) -> Summary {
    let started = Instant::now();
    let mut summary = Summary {
        shard: opts.shard.map(|s| s.to_string()),
        ..Summary::default()
    };
    match prepare(opts, reporter, &mut summary) {
        Some((spec, theme, plan)) => run(opts, &spec, &theme, &plan, reporter, &mut summary),
        None => summary.invalid = true,
    }
    summary.seconds = started.elapsed().as_secs_f64();
    reporter.end(&summary);
    summary
}

/// Read `pack.toml` and the theme and plan the work; `None` when the pack
/// itself is unusable (reported).
fn prepare(
    opts: &PackOptions,
    reporter: &dyn Reporter,
    summary: &mut Summary,
) -> Option<(PackSpec, Arc<Theme>, Plan)> {
    let report = |d: &Diagnostics, summary: &mut Summary| {
        summary.warnings += d.warning_count();
        summary.errors.extend(d.short_errors());
        reporter.event(Event::Diagnostics(d));
    };
    if opts.out_dir.exists() && !opts.out_dir.is_dir() {
        let mut d = Diagnostics::for_path(&opts.out_dir);
        d.push(
            crate::diag::Diagnostic::error("output-not-a-folder", "the output folder is a file")
                .help("name a folder with -o, or move the file away"),
        );
        report(&d, summary);
        return None;
    }
    let spec = match spec::load_spec(&opts.dir) {
        Ok((spec, warnings)) => {
            if let Some(w) = warnings {
                report(&w, summary);
            }
            spec
        }
        Err(d) => {
            report(&d, summary);
            return None;
        }
    };
    let theme_file = spec
        .theme
        .clone()
        .or_else(|| Some(spec.dir.join("theme.toml")).filter(|p| p.exists()));
    let theme = match &theme_file {
        Some(path) => match theme::load_theme(path) {
            (Some(t), d) => {
                if !d.items.is_empty() {
                    report(&d, summary);
                }
                t
            }
            (None, d) => {
                report(&d, summary);
                return None;
            }
        },
        None => Theme::default(),
    };
    let epoch = match job::source_date_epoch() {
        Ok(e) => e,
        Err(d) => {
            report(&d, summary);
            return None;
        }
    };
    let settings = Settings {
        color: spec.color,
        crop_marks: spec.crop_marks,
        epoch,
    };
    let plan = match plan::plan(&spec, &theme, theme_file.as_deref(), settings) {
        Ok(p) => p,
        Err(d) => {
            report(&d, summary);
            return None;
        }
    };
    summary.countries = spec.countries.len();
    summary.locales = plan.locales.clone();
    Some((spec, Arc::new(theme), plan))
}

fn run(
    opts: &PackOptions,
    spec: &PackSpec,
    theme: &Arc<Theme>,
    plan: &Plan,
    reporter: &dyn Reporter,
    summary: &mut Summary,
) {
    let out = &opts.out_dir;
    // One pack at a time into a folder: a second waits, then finds the
    // first's outputs up to date. (Two at once left a manifest of one
    // run's files beside the other's.) Held until the run ends.
    let _lock = lock_folder(out, reporter);
    // Temporary files of a run that was killed, no longer held by any.
    job::clean_stray_temporaries(out);
    for locale in &plan.locales {
        job::clean_stray_temporaries(&out.join(locale));
    }
    let state = State::load(out);
    for (file, path) in &state.ignored {
        let msg = format!(
            "{} records {path:?}, which is not an output of a pack \
             (<locale>/<name>.pdf or .docx inside the output folder): ignored, and left alone",
            file.display()
        );
        summary.warnings += 1;
        reporter.event(Event::Warning(&msg));
    }
    for (file, why) in &state.unreadable {
        let msg = format!(
            "{} is not a manifest this tool can read ({why}); its outputs are rebuilt",
            file.display()
        );
        summary.warnings += 1;
        reporter.event(Event::Warning(&msg));
    }
    let mine: Vec<&Unit> = plan
        .units
        .iter()
        .filter(|u| opts.shard.is_none_or(|s| s.holds(u.index)))
        .collect();
    reporter.begin(mine.len());
    let mut records: Vec<Record> = Vec::new();
    // A profile's own errors are the same in every locale: shown once.
    let mut shown: HashSet<String> = HashSet::new();

    for locale in &plan.locales {
        let units: Vec<&Unit> = mine
            .iter()
            .copied()
            .filter(|u| &u.locale == locale)
            .collect();
        if let Err(e) = std::fs::create_dir_all(out.join(locale)) {
            let msg = format!("cannot create {}: {e}", out.join(locale).display());
            reporter.event(Event::Warning(&msg));
        }
        // The combined documents this run must make, if any: only a run
        // over the whole pack makes them.
        let combined: Vec<(Format, String)> = if opts.shard.is_some() {
            Vec::new()
        } else {
            spec.formats
                .iter()
                .map(|&f| (f, format!("{locale}/{}.{}", spec.name, f.extension())))
                .collect()
        };
        let all_keys: Vec<&str> = plan.units_of(locale).map(|u| u.key.as_str()).collect();
        let stale_combined: Vec<&(Format, String)> = combined
            .iter()
            .filter(|(f, path)| {
                let k = combined_key(spec, plan, locale, *f, &all_keys);
                opts.force || state.up_to_date(out, path, &k).is_none()
            })
            .collect();
        let want_parts = !stale_combined.is_empty();

        let mut results: Vec<UnitResult> = units
            .par_iter()
            .map(|u| {
                let r = unit::build(u, opts, &state, theme, &plan.settings, want_parts);
                if r.pending.is_empty() {
                    reporter.unit_done(&format!("{}/{}", u.locale, u.name));
                }
                r
            })
            .collect();

        // The countries laid out for the combined documents, in pack
        // order, and the keys of the units they belong to.
        let mut parts = Vec::new();
        let mut included: Vec<&str> = Vec::new();
        // Each unit's part, by its index in `parts`.
        let mut part_of: Vec<Option<usize>> = Vec::with_capacity(units.len());
        for (u, r) in units.iter().zip(results.iter_mut()) {
            part_of.push(r.part.take().map(|part| {
                parts.push(part);
                included.push(u.key.as_str());
                parts.len() - 1
            }));
        }
        let failed_before = results.iter().filter(|r| r.failure.is_some()).count();
        let no_country = parts.is_empty();
        // Made now: the stale combined documents, unless a country failed
        // and the pack must not be partial.
        let to_make: Vec<Format> = stale_combined
            .iter()
            .map(|(f, _)| *f)
            // Partial, but never empty: with no country there is nothing
            // to combine.
            .filter(|_| failed_before == 0 || (opts.allow_partial && !no_country))
            .collect();
        let cover = spec.cover(locale, &theme.organisation);
        let copts = CombinedOptions {
            cover: &cover,
            theme,
            contents: contents_word(&spec.dir, locale),
            right_hand_starts: spec.right_hand_starts,
            color: spec.color,
            crop_marks: spec.crop_marks,
            epoch: plan.settings.epoch,
        };
        // The combined PDF is drawn one country after another on one
        // thread; beside it, the other threads draw and write the
        // countries' own files from the same layouts, and make the
        // combined DOCX.
        let made_for = |format: Format| {
            to_make
                .contains(&format)
                .then(|| combined::write(format, &parts, &copts))
        };
        let ((made_pdf, made_docx), ()) = rayon::join(
            || rayon::join(|| made_for(Format::Pdf), || made_for(Format::Docx)),
            || {
                let jobs: Vec<_> = units
                    .iter()
                    .zip(results.iter_mut())
                    .zip(&part_of)
                    .filter_map(|((u, r), k)| Some((u, r, &parts[(*k)?])))
                    .filter(|(_, r, _)| !r.pending.is_empty())
                    .collect();
                jobs.into_par_iter().for_each(|(u, r, part)| {
                    unit::finish(u, opts, theme, &plan.settings, part, r);
                    reporter.unit_done(&format!("{}/{}", u.locale, u.name));
                });
            },
        );
        drop(parts);
        let mut made = [(Format::Pdf, made_pdf), (Format::Docx, made_docx)];

        let mut failed_here = 0;
        for (u, r) in units.iter().zip(results) {
            for d in &r.diagnostics {
                if shown.insert(d.render_short()) {
                    summary.warnings += d.warning_count();
                    reporter.event(Event::Diagnostics(d));
                }
            }
            for info in &r.infos {
                reporter.event(Event::Info(&format!("{}/{}: {info}", u.locale, u.name)));
                summary.fitted.push(super::Fitted {
                    profile: u.profile.clone(),
                    locale: u.locale.clone(),
                    message: info.clone(),
                });
            }
            for &i in &r.skipped {
                summary.skipped += 1;
                records.extend(state.get(&u.outputs[i].path).cloned());
            }
            for (i, size, sha) in &r.written {
                let o = &u.outputs[*i];
                summary.built += 1;
                reporter.event(Event::Wrote {
                    path: &out.join(&o.path),
                    bytes: *size,
                });
                records.push(Record {
                    path: o.path.clone(),
                    kind: "country".into(),
                    locale: u.locale.clone(),
                    name: u.name.clone(),
                    format: o.format.extension().into(),
                    sha256: sha.clone(),
                    size: *size,
                    key: o.key.clone(),
                    inputs: u.inputs.clone(),
                });
            }
            if let Some(message) = &r.failure {
                failed_here += 1;
                let done: Vec<usize> = r
                    .written
                    .iter()
                    .map(|w| w.0)
                    .chain(r.skipped.iter().copied())
                    .collect();
                for (i, o) in u.outputs.iter().enumerate() {
                    if !done.contains(&i) {
                        summary.failed += 1;
                        // The previous file, if any, stays, and so does
                        // its record: it says what that file was made from.
                        records.extend(state.get(&o.path).cloned());
                    }
                }
                reporter.event(Event::Failed {
                    profile: &u.profile,
                    locale: &u.locale,
                    message,
                });
                summary.failures.push(Failure {
                    profile: u.profile.clone(),
                    locale: u.locale.clone(),
                    message: message.clone(),
                    errors: r
                        .diagnostics
                        .iter()
                        .flat_map(Diagnostics::short_errors)
                        .collect(),
                });
            }
        }

        for (format, path) in &combined {
            let target = out.join(path);
            let note = |status, reason: Option<String>| CombinedNote {
                path: target.clone(),
                status,
                reason,
            };
            let is_stale = stale_combined.iter().any(|(f, _)| f == format);
            let result = if !is_stale {
                summary.skipped += 1;
                records.extend(state.get(path).cloned());
                note(CombinedStatus::Skipped, None)
            } else if let Some(made) = made
                .iter_mut()
                .find(|(f, _)| f == format)
                .and_then(|(_, m)| m.take())
                .filter(|_| failed_here == failed_before)
            {
                let k = combined_key(spec, plan, locale, *format, &included);
                match made {
                    Ok(bytes) => match job::write_atomically(&target, &bytes) {
                        Ok(()) => {
                            summary.built += 1;
                            reporter.event(Event::Wrote {
                                path: &target,
                                bytes: bytes.len() as u64,
                            });
                            records.push(combined_record(
                                plan, locale, spec, *format, path, &bytes, k, &units,
                            ));
                            if failed_here > 0 {
                                note(
                                    CombinedStatus::Partial,
                                    Some(format!(
                                        "built without the {failed_here} countries that failed"
                                    )),
                                )
                            } else {
                                note(CombinedStatus::Built, None)
                            }
                        }
                        Err(e) => {
                            summary.failed += 1;
                            note(
                                CombinedStatus::Failed,
                                Some(format!("cannot write it: {e}")),
                            )
                        }
                    },
                    Err(CombinedError::Failed { diagnostics, ours }) => {
                        for d in &diagnostics {
                            reporter.event(Event::Diagnostics(d));
                        }
                        summary.failed += 1;
                        let whose = if ours {
                            "a fault of the tool"
                        } else {
                            "see the errors above"
                        };
                        note(CombinedStatus::Failed, Some(format!("not made ({whose})")))
                    }
                }
            } else {
                // Not made (a country failed before it), or made with a
                // country whose own files then failed: not written.
                records.extend(state.get(path).cloned());
                summary.failed += 1;
                let reason = if opts.allow_partial && no_country {
                    "none of its countries was built; the previous file (if any) stays".to_string()
                } else if opts.allow_partial {
                    format!(
                        "{} of its countries failed while their files were written; \
                         the previous file (if any) stays",
                        failed_here - failed_before
                    )
                } else {
                    format!(
                        "{failed_here} of its countries failed; the previous file (if any) stays. \
                         Fix them, or pass --allow-partial to build it from the others"
                    )
                };
                note(CombinedStatus::Kept, Some(reason))
            };
            if result.status != CombinedStatus::Built && result.status != CombinedStatus::Skipped {
                reporter.event(Event::Combined {
                    path: &result.path,
                    status: result.status,
                    reason: result.reason.as_deref().unwrap_or(""),
                });
            }
            summary.combined.push(result);
        }
        // The locale's parts are dropped here, before the next locale.
    }

    if opts.shard.is_none() {
        remove_dropped(opts, spec, plan, &state, reporter, summary);
    }
    write_manifest(opts, &state, records, reporter, summary);
}

/// Lock the output folder itself (no lock file is left in it), waiting
/// for another run that holds it. Where a folder cannot be opened to be
/// locked (not on Unix), the run goes on unlocked.
fn lock_folder(out: &std::path::Path, reporter: &dyn Reporter) -> Option<std::fs::File> {
    std::fs::create_dir_all(out).ok()?;
    let folder = std::fs::File::open(out).ok()?;
    if folder.try_lock().is_err() {
        let note = format!("waiting for another run writing {}", out.display());
        reporter.event(Event::Note(&note));
        folder.lock().ok()?;
    }
    Some(folder)
}

/// Remove the files an earlier run made for what the pack no longer holds
/// (a country taken out of `countries`, a locale or format dropped), so
/// that the output folder and its manifest say the same. Only files whose
/// bytes are still those the manifest recorded are removed: a file edited
/// since, or never the pack's, is left alone.
fn remove_dropped(
    opts: &PackOptions,
    spec: &PackSpec,
    plan: &Plan,
    state: &State,
    reporter: &dyn Reporter,
    summary: &mut Summary,
) {
    let mut planned: HashSet<String> = plan
        .units
        .iter()
        .flat_map(|u| u.outputs.iter().map(|o| o.path.clone()))
        .collect();
    for locale in &plan.locales {
        for f in &spec.formats {
            planned.insert(format!("{locale}/{}.{}", spec.name, f.extension()));
        }
    }
    for r in state.records() {
        if planned.contains(&r.path) || state.up_to_date(&opts.out_dir, &r.path, &r.key).is_none() {
            continue;
        }
        let file = opts.out_dir.join(&r.path);
        let note = match std::fs::remove_file(&file) {
            Ok(()) => {
                summary.removed += 1;
                format!("removed {} (no longer in the pack)", file.display())
            }
            Err(e) => format!(
                "cannot remove {}, no longer in the pack: {e}",
                file.display()
            ),
        };
        reporter.event(Event::Note(&note));
    }
}

fn write_manifest(
    opts: &PackOptions,
    state: &State,
    records: Vec<Record>,
    reporter: &dyn Reporter,
    summary: &mut Summary,
) {
    let out = &opts.out_dir;
    let name = match opts.shard {
        Some(s) => shard_file(s.index, s.count),
        None => MANIFEST_FILE.to_string(),
    };
    let target = out.join(&name);
    if let Err(e) = std::fs::create_dir_all(out)
        .and_then(|_| job::write_atomically(&target, &Manifest::new(records).to_bytes()))
    {
        summary.failed += 1;
        let msg = format!("cannot write {}: {e}", target.display());
        reporter.event(Event::Warning(&msg));
        return;
    }
    if opts.shard.is_none() {
        // Their records are in manifest.json now.
        for f in &state.shard_files {
            let _ = std::fs::remove_file(f);
        }
    }
}

/// The key of a combined document: its format and cover, the pack's file
/// and shared inputs, and the keys of the countries it holds, in order.
fn combined_key(
    spec: &PackSpec,
    plan: &Plan,
    locale: &str,
    format: Format,
    units: &[&str],
) -> String {
    let cover = spec.cover(locale, "");
    let mut settings = vec![
        ("combined", format.extension().to_string()),
        ("locale", locale.to_string()),
        ("title", cover.title),
        ("organisation", cover.organisation),
        ("period", format!("{:?}", cover.period)),
        ("right_hand_starts", spec.right_hand_starts.to_string()),
    ];
    settings.extend(units.iter().map(|k| ("country", k.to_string())));
    let inputs: Vec<Input> = plan.spec_input.iter().cloned().collect();
    key(&inputs, &settings)
}

#[allow(clippy::too_many_arguments)]
fn combined_record(
    plan: &Plan,
    locale: &str,
    spec: &PackSpec,
    format: Format,
    path: &str,
    bytes: &[u8],
    key: String,
    units: &[&Unit],
) -> Record {
    let mut inputs: Vec<Input> = plan.spec_input.iter().cloned().collect();
    for u in units {
        for i in &u.inputs {
            if !inputs.iter().any(|x| x.path == i.path) {
                inputs.push(i.clone());
            }
        }
    }
    Record {
        path: path.to_string(),
        kind: "combined".into(),
        locale: locale.to_string(),
        name: spec.name.clone(),
        format: format.extension().into(),
        sha256: sha256_hex(bytes),
        size: bytes.len() as u64,
        key,
        inputs,
    }
}

/// The heading of a combined document's contents page in `locale`, from
/// its locale file. When the locale cannot be loaded its countries fail
/// too, saying why, so English is only a placeholder nobody publishes.
fn contents_word(dir: &std::path::Path, locale: &str) -> String {
    crate::locale::find_locale(&crate::locale::home(dir), locale).map_or_else(
        |_| crate::locale::Locale::english().labels.contents,
        |found| found.locale.labels.contents,
    )
}
