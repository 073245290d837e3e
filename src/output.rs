//! What the writers share with the jobs that call them: the output formats
//! and the error a writer returns. It sits below the writers and the jobs,
//! so that neither imports the other for it.

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Why an output could not be made.
#[derive(Clone, Debug)]
pub struct OutputError {
    /// The input cannot be rendered (exit 2), rather than a failure of ours
    /// or of the disk (exit 1).
    pub invalid_input: bool,
    pub message: String,
    /// How to fix it, when the input is at fault.
    pub help: Option<String>,
    /// The text at fault, when known.
    pub at: Option<crate::diag::Loc>,
}

impl OutputError {
    pub fn invalid(message: impl Into<String>) -> Self {
        OutputError {
            invalid_input: true,
            message: message.into(),
            help: None,
            at: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn at(mut self, at: Option<crate::diag::Loc>) -> Self {
        self.at = at;
        self
    }

    pub fn failed(message: impl Into<String>) -> Self {
        OutputError {
            invalid_input: false,
            message: message.into(),
            help: None,
            at: None,
        }
    }
}

/// SHA-256 of an output's (or an input's) bytes, in lower-case hex: what
/// the pack's manifest records and its incremental keys are made of.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    let mut s = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(s, "{b:02x}");
    }
    s
}
