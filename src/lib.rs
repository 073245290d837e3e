//! `factsheet`: country factsheets from TOML profiles, as print-ready PDF
//! and editable DOCX.
//!
//! Data flows one way:
//! profile + locale + theme -> [`profile`] (checked model) -> [`doc`]
//! (format-neutral tree) -> [`layout`] -> [`pdf`], and [`doc`] -> [`docx`].

pub mod assets;
pub mod cli;
pub mod countries;
pub mod design;
pub mod diag;
pub mod doc;
pub mod docx;
pub mod fonts;
pub mod input;
pub mod job;
pub mod layout;
pub mod locale;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod profile;
pub mod starter;
pub mod theme;
pub mod time;
pub mod translate;
pub mod typo;
pub mod units;
