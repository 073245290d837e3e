//! The layout engine: from the document tree to positioned glyphs on A4
//! pages. One stage a file, data flowing one way:
//! [`collect`] -> [`shape`] -> [`breaks`] -> [`knuth_plass`] ->
//! [`paragraph`] (lines) -> blocks -> flow (columns, pages, footnotes).

pub mod breaks;
pub mod collect;
pub mod fonts;
pub mod frame;
pub mod knuth_plass;
pub mod paragraph;
pub mod shape;
pub mod style;
