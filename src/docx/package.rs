//! The zip container: entries in a fixed order, the XML deflated, with one
//! fixed timestamp (from SOURCE_DATE_EPOCH, else the zip epoch 1980-01-01)
//! and fixed permissions, so the same document gives the same bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::time::UtcDateTime;

/// Deflate level: XML this repetitive packs nearly as small at a low level
/// as at the default 6, in a fraction of the time.
const LEVEL: i64 = 1;

/// Pack `(name, pieces)` entries in the order given, each entry's bytes
/// the concatenation of its pieces.
pub fn pack(entries: &[(&str, Vec<&[u8]>)], epoch: Option<i64>) -> Result<Vec<u8>, String> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(timestamp(epoch))
        .unix_permissions(0o644);
    let size: usize = entries
        .iter()
        .flat_map(|(_, pieces)| pieces.iter().map(|b| b.len()))
        .sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 3 + 1024)));
    // Images are compressed already: stored as they are.
    let stored = options
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    for (name, pieces) in entries {
        let is_xml = name.ends_with(".xml") || name.ends_with(".rels");
        zip.start_file(*name, if is_xml { options } else { stored })
            .map_err(|e| format!("cannot add {name} to the DOCX: {e}"))?;
        for bytes in pieces {
            zip.write_all(bytes)
                .map_err(|e| format!("cannot add {name} to the DOCX: {e}"))?;
        }
    }
    let cursor = zip
        .finish()
        .map_err(|e| format!("cannot finish the DOCX: {e}"))?;
    Ok(cursor.into_inner())
}

/// The entries' time: SOURCE_DATE_EPOCH when set (zip times run from 1980
/// to 2107, in local time without a zone; we write UTC), else 1980-01-01.
fn timestamp(epoch: Option<i64>) -> DateTime {
    epoch
        .and_then(|e| {
            let t = UtcDateTime::from_epoch(e);
            let year = u16::try_from(t.year).ok()?;
            DateTime::from_date_and_time(year, t.month, t.day, t.hour, t.minute, t.second).ok()
        })
        .unwrap_or_default()
}
