//! The command line: clap definitions and dispatch. Each command's work is
//! in the library ([`crate::job`], [`crate::starter`]); this file only
//! turns arguments into calls and results into exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::diag::Diagnostics;
use crate::job::{self, BuildOptions, Outcome};
use crate::output::Format;
use crate::pdf::{ColorMode, PdfStandard};

const EXAMPLES: &str = "\
Examples:
  factsheet build reports/bolivia.toml            PDF and DOCX in out/
  factsheet build reports/*.toml -o dist --format pdf
  factsheet build reports/bolivia.toml --locale es   wholly in Spanish, in out/es/
  factsheet build reports/ --locale all           every translation, in out/<tag>/
  factsheet check reports/ --locale es --strict   missing, stale or orphaned entries are errors
  factsheet translate reports/bolivia.toml --locale fr   write or update the French translation
  factsheet check reports/                        check every profile in a folder
  factsheet new Peru -o reports/peru.toml         start a new profile
  factsheet pack reports/ -o dist                 every country, locale and format, and the combined documents
  factsheet watch reports/ -o dist                rebuild the pack on every save

Exit status: 0 all built, 1 some output could not be written, 2 invalid input or usage.";

#[derive(Parser, Debug)]
#[command(
    name = "factsheet",
    version,
    about = "Country factsheets from TOML profiles, as print-ready PDF and editable DOCX",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build factsheets from profiles (a folder means every profile in it)
    #[command(after_help = EXAMPLES)]
    Build(BuildArgs),
    /// Check profiles, their theme and locales without building anything
    Check {
        /// Profiles, or folders of profiles
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Theme file (default: theme.toml beside each profile, if any)
        #[arg(long)]
        theme: Option<PathBuf>,
        /// Check in these languages too: tags separated by commas, or `all`
        /// (with their translations: missing, stale and orphaned entries)
        #[arg(long, value_name = "TAGS")]
        locale: Option<String>,
        /// Treat every warning as an error (exit 2)
        #[arg(long)]
        strict: bool,
    },
    /// Build the report pack of a folder (see its pack.toml): every country
    /// in every locale and format, and per locale the combined documents
    Pack(PackArgs),
    /// Build the pack, then rebuild what changed whenever a file is saved
    Watch(PackArgs),
    /// Write or update translation files, or convert them to and from PO
    Translate(TranslateArgs),
    /// Write a commented starter profile for a country
    New {
        /// Country name ("Peru") or ISO 3166 code ("PE")
        country: String,
        /// Where to write it (default: <country>.toml here; "-" for standard output)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `factsheet man > factsheet.1`
    Man,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Country profiles (.toml), or folders of them
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// Output folder
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Formats to write, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["pdf", "docx"])]
    pub format: Vec<Format>,
    /// Languages to build, each into <OUTPUT>/<TAG>/: tags separated by
    /// commas (es,fr), or `all` (the profile's language and every
    /// translation it has). Text from translations/<TAG>/, labels and
    /// numbers from locales/<TAG>.toml. Default: the profile's language,
    /// into <OUTPUT>
    #[arg(long, value_name = "TAGS")]
    pub locale: Option<String>,
    /// Treat every warning (untranslated, stale or orphaned entries,
    /// missing labels) as an error (exit 2)
    #[arg(long)]
    pub strict: bool,
    /// Theme file (default: theme.toml beside each profile, if any)
    #[arg(long)]
    pub theme: Option<PathBuf>,
    /// Colour for print (CMYK) or screen (RGB)
    #[arg(long, value_enum, default_value = "screen")]
    pub color: ColorMode,
    /// Add trim marks outside the trimmed page (PDF)
    #[arg(long)]
    pub crop_marks: bool,
    /// PDF conformance: tagged PDF/UA-1 (default) or PDF/A-2b and PDF/UA-1
    #[arg(long, value_enum, default_value = "ua1")]
    pub pdf_standard: PdfStandard,
}

/// Options of `pack` and `watch`.
#[derive(clap::Args, Debug)]
pub struct PackArgs {
    /// The reports folder (profiles, pack.toml, theme, locales, translations)
    pub folder: PathBuf,
    /// Output folder: <locale>/<country>.<pdf|docx>, the combined documents and manifest.json
    #[arg(short, long, default_value = "dist")]
    pub output: PathBuf,
    /// Rebuild every output, even those whose inputs are unchanged
    #[arg(long)]
    pub force: bool,
    /// Build the combined documents from the countries that succeeded when
    /// some failed (by default the previous ones are left in place)
    #[arg(long)]
    pub allow_partial: bool,
    /// Build only part K of N of the per-country work (CI matrix jobs); no
    /// combined documents. A later run without --shard makes them.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::pack::Shard>,
    /// No progress bar and no line per file: problems and the summary only
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the summary as JSON on standard output
    #[arg(long)]
    pub json: bool,
}

/// Run `pack` or `watch`.
fn pack(args: PackArgs, watch: bool) -> ExitCode {
    use crate::pack::report::{Console, Verbosity};
    let opts = crate::pack::PackOptions {
        dir: args.folder,
        out_dir: args.output,
        force: args.force,
        allow_partial: args.allow_partial,
        shard: args.shard,
    };
    let console = Console::new(Verbosity {
        quiet: args.quiet,
        json: args.json,
        json_lines: watch,
    });
    if watch {
        match crate::pack::watch::watch(&opts, &console) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
        }
    } else {
        let code = crate::pack::pack(&opts, &console).exit_code();
        // A summary CI cannot read is a failure of the run.
        ExitCode::from(if console.json_lost() {
            code.max(1)
        } else {
            code
        })
    }
}

#[derive(clap::Args, Debug)]
pub struct TranslateArgs {
    /// Country profiles (.toml), or folders of them
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// Languages to translate into, separated by commas; each translation
    /// is translations/<TAG>/<profile>.toml beside the profile
    #[arg(long, value_name = "TAGS", required = true)]
    pub locale: String,
    /// Write each translation as a GNU gettext PO file for a CAT tool
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "import")]
    pub export: Option<Exchange>,
    /// Read PO files back into the translation files
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub import: Option<Exchange>,
    /// Folder of the PO files (default: beside each translation file)
    #[arg(long, value_name = "DIR")]
    pub po_dir: Option<PathBuf>,
}

/// Exchange formats for translators' tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Exchange {
    /// GNU gettext PO
    Po,
}

/// Run the command line; the exit code follows the help text.
pub fn run(cli: Cli) -> ExitCode {
    let mut err = stderr();
    match cli.command {
        Command::Build(args) => {
            let formats = dedup(&args.format);
            let opts = BuildOptions {
                out_dir: args.output,
                formats,
                locale: args.locale,
                strict: args.strict,
                theme: args.theme,
                color: args.color,
                crop_marks: args.crop_marks,
                pdf_standard: args.pdf_standard,
            };
            let outcome = job::build(&args.profiles, &opts, &mut |event| report(&mut err, event));
            exit(&outcome)
        }
        Command::Check {
            paths,
            theme,
            locale,
            strict,
        } => {
            // A folder's pack.toml is checked with its profiles.
            let specs = crate::pack::spec::check_folders(&paths);
            for d in &specs {
                print_diagnostics(&mut err, d);
            }
            let outcome = job::check(
                &paths,
                theme.as_deref(),
                locale.as_deref(),
                strict,
                &mut |event| report(&mut err, event),
            );
            let code = exit(&outcome);
            if specs.iter().any(super::diag::Diagnostics::has_errors) {
                ExitCode::from(2)
            } else {
                code
            }
        }
        Command::Translate(args) => {
            let mode = match (args.export, args.import) {
                (Some(Exchange::Po), _) => job::Mode::ExportPo,
                (_, Some(Exchange::Po)) => job::Mode::ImportPo,
                _ => job::Mode::Update,
            };
            let opts = job::TranslateOptions {
                locale: args.locale,
                mode,
                po_dir: args.po_dir,
            };
            let outcome =
                job::translate(&args.profiles, &opts, &mut |event| report(&mut err, event));
            exit(&outcome)
        }
        Command::Pack(args) => pack(args, false),
        Command::Watch(args) => pack(args, true),
        Command::New {
            country, output, ..
        } if output.as_deref() == Some(std::path::Path::new("-")) => {
            match crate::starter::starter_text(&country) {
                Ok(text) => print_stdout(text.as_bytes(), "the starter profile"),
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::New {
            country,
            output,
            force,
        } => match crate::starter::write_starter(&country, output.as_deref(), force) {
            Ok(Some(path)) => {
                eprintln!(
                    "wrote {}; edit it, then run: factsheet check {}",
                    path.display(),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Ok(None) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Completions { shell } => {
            // Into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "factsheet", &mut script);
            print_stdout(&script, "the completion script")
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => print_stdout(&page, "the manual page"),
                Err(e) => {
                    eprintln!("error: cannot make the manual page: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// Write `bytes` to standard output, as ripgrep and cargo do: a reader
/// that stops early (`| head`, a broken pipe) ends the command quietly and
/// successfully; any other failure (a full disk, a closed descriptor) is
/// an error with exit 1.
fn print_stdout(bytes: &[u8], what: &str) -> ExitCode {
    match write_stdout(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {what} to standard output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Rust's standard output handle treats a closed descriptor 1 as a sink
/// that accepts everything; writing through a duplicate of the descriptor
/// reports it instead (EBADF), along with every other write error.
#[cfg(unix)]
fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    use std::os::fd::AsFd;
    if stdout_was_closed() {
        return Err(std::io::Error::other("standard output is closed"));
    }
    let fd = std::io::stdout().as_fd().try_clone_to_owned()?;
    let mut out = std::fs::File::from(fd);
    out.write_all(bytes)?;
    out.flush()
}

/// Whether descriptor 1 was closed when the program started. Rust's
/// runtime then opens /dev/null on it, read-write, before `main`: so a
/// read-write /dev/null there means "closed", where a shell's `>
/// /dev/null` opens it write-only. Linux shows both through /proc; other
/// systems are not checked.
#[cfg(unix)]
fn stdout_was_closed() -> bool {
    let null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == Path::new("/dev/null"));
    null && std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 0o2)
    })
}

#[cfg(not(unix))]
fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

fn dedup(formats: &[Format]) -> Vec<Format> {
    let mut out = Vec::new();
    for f in formats {
        if !out.contains(f) {
            out.push(*f);
        }
    }
    out
}

fn stderr() -> StandardStream {
    let choice = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    StandardStream::stderr(choice)
}

/// Print one event of a build or check as it happens.
fn report(err: &mut StandardStream, event: job::Event<'_>) {
    match event {
        job::Event::Diagnostics(d) => print_diagnostics(err, d),
        job::Event::Wrote { path, bytes } => {
            let _ = writeln!(err, "wrote {} ({})", path.display(), human_size(bytes));
        }
        job::Event::Checked {
            path,
            locale,
            warnings,
        } => {
            let what = match locale {
                Some(tag) => format!("{} [{tag}]", path.display()),
                None => path.display().to_string(),
            };
            let _ = match warnings {
                0 => writeln!(err, "ok {what}"),
                n => writeln!(
                    err,
                    "ok {what} ({n} warning{})",
                    if n == 1 { "" } else { "s" }
                ),
            };
        }
        job::Event::Info { path, message } => {
            let _ = writeln!(err, "{}: {message}", path.display());
        }
        job::Event::Failed { path, message } => {
            let _ = writeln!(err, "error: {}: {message}", path.display());
        }
    }
}

fn print_diagnostics(err: &mut StandardStream, d: &Diagnostics) {
    d.render_to(err);
}

fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

fn exit(outcome: &Outcome) -> ExitCode {
    let mut err = std::io::stderr();
    if let Some(summary) = outcome.summary() {
        let _ = writeln!(err, "{summary}");
    }
    ExitCode::from(outcome.exit_code())
}
