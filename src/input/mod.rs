//! Reading input files: loading them safely ([`file`]) and walking their
//! TOML with positions and collected diagnostics ([`table`]).

pub mod file;
pub mod table;

pub use file::read_source;
pub use table::{Spanned, TableReader, parse_toml};
