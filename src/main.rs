//! The `factsheet` command. All the work is in the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    factsheet::cli::run(factsheet::cli::Cli::parse())
}
