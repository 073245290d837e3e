//! `factsheet`: country factsheets from TOML profiles, as print-ready PDF
//! and editable DOCX.
//!
//! Data flows one way:
//! profile + locale + theme -> [`profile`] (checked model) -> [`doc`]
//! (format-neutral tree) -> [`layout`] -> [`pdf`], and [`doc`] -> [`docx`].

pub mod diag;
pub mod input;
pub mod profile;
pub mod units;
