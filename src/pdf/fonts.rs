//! krilla fonts for the faces of a [`FontSet`]: made once per face and
//! process, then shared by every document and thread. krilla parses the
//! font again with its own version of read-fonts (see [`crate::fonts`]).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use krilla::text::Font;

use crate::fonts::Face;

/// The krilla font of `face`; `None` when krilla cannot read it.
pub fn pdf_font(face: &Face) -> Option<Font> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Option<Font>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    map.entry(face.key)
        .or_insert_with(|| Font::new(krilla::Data::from(face.data.clone()), 0))
        .clone()
}
