//! Images a theme names (the organisation's logo): read with a byte limit,
//! measured from the header before anything is decoded, validated by
//! decoding once, and kept for the whole process, so that a batch of 200
//! profiles sharing one theme reads, measures and decodes its logo once and
//! both writers embed the same bytes.
//!
//! The limits are far above what a logo needs (a 14 mm high mark printed at
//! 600 dpi is about 330 pixels high) and far below what would hurt:
//! - [`MAX_LOGO_BYTES`], 8 MiB: a logo is a few kilobytes to a few hundred;
//!   the file is embedded as it is in every DOCX and PDF.
//! - [`MAX_LOGO_SIDE`], 20,000 pixels a side, and [`MAX_LOGO_PIXELS`], 40
//!   megapixels: decoding a PNG for the PDF takes four bytes a pixel, so
//!   40 megapixels is at most 160 MB once per process. A 30,000 x 30,000
//!   PNG (3.5 MB on disk, 3.6 GB decoded) is refused from its header.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::input::file::read_limited;

/// Largest logo file read.
pub const MAX_LOGO_BYTES: u64 = 8 * 1024 * 1024;
/// Largest width or height of a logo, in pixels.
pub const MAX_LOGO_SIDE: u32 = 20_000;
/// Largest number of pixels of a logo.
pub const MAX_LOGO_PIXELS: u64 = 40_000_000;

/// The image formats a logo may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

/// The organisation's logo as the document tree and both writers use it.
/// Cloning it shares the bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Logo {
    /// The file's bytes, embedded as they are.
    pub data: Arc<Vec<u8>>,
    pub format: ImageFormat,
    /// Size in pixels, from the header (checked against the decoded image).
    pub width_px: u32,
    pub height_px: u32,
    /// Alternative text (never empty).
    pub alt: String,
    /// Unique in the process for each image file: a key for writers' caches
    /// (the PDF writer keeps one encoded image per key).
    pub key: u64,
    /// A PNG's pixels as its check decoded them, when they are few enough
    /// to keep ([`KEEP_PIXELS`]): the PDF writer uses them rather than
    /// decoding the file again.
    pub pixels: Option<Arc<Pixels>>,
}

/// Largest decoded PNG (in bytes of samples) whose pixels are kept for the
/// PDF writer; a larger one is checked a row at a time and decoded again
/// by the writer, so that it is never held whole for the whole run.
pub const KEEP_PIXELS: usize = 16 * 1024 * 1024;

/// A PNG's samples as decoded, palettes and low bit depths expanded to
/// 8 bits (`png::Transformations::EXPAND`, as the PDF writer's own PNG
/// decoder expands them), row after row.
#[derive(Debug, PartialEq)]
pub struct Pixels {
    /// Samples, `channels` a pixel, of 8 or 16 bits (big-endian).
    pub samples: Vec<u8>,
    /// Grey (1), grey and alpha (2), RGB (3) or RGBA (4).
    pub channels: usize,
    pub sixteen_bits: bool,
    /// The embedded ICC profile, if any.
    pub icc: Option<Vec<u8>>,
}

/// Why a logo cannot be used: what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq)]
pub struct AssetError {
    pub message: String,
    pub help: String,
}

impl AssetError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        AssetError {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// A checked image file, shared by every theme naming it.
#[derive(Debug)]
struct Image {
    data: Arc<Vec<u8>>,
    format: ImageFormat,
    width: u32,
    height: u32,
    key: u64,
    pixels: Option<Arc<Pixels>>,
}

struct Entry {
    image: Result<Arc<Image>, AssetError>,
    /// How often the file was decoded (tests check it is once).
    decodes: usize,
}

fn cache() -> &'static Mutex<HashMap<PathBuf, Entry>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Entry>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

static NEXT_KEY: AtomicU64 = AtomicU64::new(1);

/// Load the logo at `path` (already resolved and confined by the theme),
/// once per process: later calls for the same file share the first
/// result, success or error.
pub fn load_logo(path: &Path, alt: &str) -> Result<Logo, AssetError> {
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut cache = cache()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let entry = cache.entry(key.clone()).or_insert_with(|| {
        let mut decodes = 0;
        let image = read_image(&key, &mut decodes).map(Arc::new);
        Entry { image, decodes }
    });
    let image = entry.image.clone()?;
    Ok(Logo {
        data: image.data.clone(),
        format: image.format,
        width_px: image.width,
        height_px: image.height,
        alt: alt.to_string(),
        key: image.key,
        pixels: image.pixels.clone(),
    })
}

/// How many times the image at `path` was decoded in this process.
pub fn decode_count(path: &Path) -> usize {
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    cache()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&key)
        .map_or(0, |e| e.decodes)
}

fn read_image(path: &Path, decodes: &mut usize) -> Result<Image, AssetError> {
    let data = read_limited(path, MAX_LOGO_BYTES, true).map_err(|e| {
        AssetError::new(
            format!("the logo {}", e.describe()),
            "name a PNG or JPEG file of at most 8 MB in the theme's folder",
        )
    })?;
    let (format, width, height) = measure(&data)?;
    *decodes += 1;
    let pixels = decode(&data, format, width, height)?;
    Ok(Image {
        data: Arc::new(data),
        format,
        width,
        height,
        key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
        pixels: pixels.map(Arc::new),
    })
}

/// Format and pixel size from the header, within the limits.
pub fn measure(data: &[u8]) -> Result<(ImageFormat, u32, u32), AssetError> {
    let format = match imagesize::image_type(data) {
        Ok(imagesize::ImageType::Png) => ImageFormat::Png,
        Ok(imagesize::ImageType::Jpeg) => ImageFormat::Jpeg,
        Ok(other) => {
            return Err(AssetError::new(
                format!("the logo is a {other:?} image, not PNG or JPEG"),
                "save the logo as PNG (or JPEG) and name that file",
            ));
        }
        Err(_) => {
            return Err(AssetError::new(
                "the logo is neither PNG nor JPEG data",
                "save the logo as PNG (or JPEG); the file's name alone does not make it one",
            ));
        }
    };
    let size = imagesize::blob_size(data).map_err(|e| {
        AssetError::new(
            format!("the logo's size cannot be read from its header ({e})"),
            "the file is damaged or cut short: export the logo again",
        )
    })?;
    let too_big = || {
        AssetError::new(
            format!(
                "the logo is {} x {} pixels; a logo may have at most {MAX_LOGO_SIDE} pixels a side and {} megapixels",
                size.width,
                size.height,
                MAX_LOGO_PIXELS / 1_000_000
            ),
            "scale it down: 1,000 pixels wide is plenty for print",
        )
    };
    let (Ok(width), Ok(height)) = (u32::try_from(size.width), u32::try_from(size.height)) else {
        return Err(too_big());
    };
    if width == 0 || height == 0 {
        return Err(AssetError::new(
            "the logo is empty (0 pixels wide or high)",
            "export the logo again",
        ));
    }
    if width > MAX_LOGO_SIDE
        || height > MAX_LOGO_SIDE
        || u64::from(width) * u64::from(height) > MAX_LOGO_PIXELS
    {
        return Err(too_big());
    }
    Ok((format, width, height))
}

/// Decode the whole image once, so that a damaged file is refused here,
/// for both writers, and not halfway through a PDF. A PNG is decoded row
/// by row, its rows kept when they come to at most [`KEEP_PIXELS`] and
/// the image is not interlaced (else memory for one row). A JPEG is decoded at once (three bytes a pixel,
/// within the pixel limit) and embedded as it is.
pub(crate) fn decode(
    data: &[u8],
    format: ImageFormat,
    width: u32,
    height: u32,
) -> Result<Option<Pixels>, AssetError> {
    let damaged = |e: String| {
        AssetError::new(
            format!("the logo does not decode: {e}"),
            "the file is damaged or cut short: export the logo again",
        )
    };
    let mut pixels = None;
    let (w, h) = match format {
        ImageFormat::Png => {
            let mut decoder = png::Decoder::new(Cursor::new(data));
            decoder.set_transformations(png::Transformations::EXPAND);
            let mut reader = decoder.read_info().map_err(|e| damaged(e.to_string()))?;
            let (w, h) = (reader.info().width, reader.info().height);
            // Rows of an interlaced image come pass by pass, not in
            // order: its pixels are not kept.
            let keep = reader
                .output_buffer_size()
                .filter(|&n| n <= KEEP_PIXELS && !reader.info().interlaced);
            let mut samples = Vec::with_capacity(keep.unwrap_or(0));
            while let Some(row) = reader.next_row().map_err(|e| damaged(e.to_string()))? {
                if keep.is_some() {
                    samples.extend_from_slice(row.data());
                }
            }
            if keep.is_some() {
                let (color_type, depth) = reader.output_color_type();
                pixels = Some(Pixels {
                    samples,
                    channels: color_type.samples(),
                    sixteen_bits: depth == png::BitDepth::Sixteen,
                    icc: reader.info().icc_profile.as_ref().map(|i| i.to_vec()),
                });
            }
            reader.finish().map_err(|e| damaged(e.to_string()))?;
            (w, h)
        }
        ImageFormat::Jpeg => {
            use zune_jpeg::zune_core::options::DecoderOptions;
            let options = DecoderOptions::default()
                .set_strict_mode(true)
                .set_max_width(MAX_LOGO_SIDE as usize)
                .set_max_height(MAX_LOGO_SIDE as usize);
            let mut decoder = zune_jpeg::JpegDecoder::new_with_options(Cursor::new(data), options);
            decoder.decode().map_err(|e| damaged(format!("{e:?}")))?;
            let (w, h) = decoder
                .dimensions()
                .ok_or_else(|| damaged("no image size".into()))?;
            (w as u32, h as u32)
        }
    };
    if (w, h) != (width, height) {
        return Err(damaged(format!(
            "its header says {width} x {height} pixels, its data {w} x {h}"
        )));
    }
    Ok(pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header (signature and IHDR) claiming `w` x `h` pixels.
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut d = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        d.extend_from_slice(&w.to_be_bytes());
        d.extend_from_slice(&h.to_be_bytes());
        d.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        d
    }

    #[test]
    fn sizes_come_from_the_header_and_limits_hold() {
        assert_eq!(
            measure(&png_header(480, 160)).unwrap(),
            (ImageFormat::Png, 480, 160)
        );
        let e = measure(&png_header(30_000, 30_000)).unwrap_err();
        assert!(e.message.contains("30000 x 30000"), "{e:?}");
        let e = measure(&png_header(19_000, 19_000)).unwrap_err();
        assert!(e.message.contains("40 megapixels"), "{e:?}");
        assert!(measure(b"GIF89a\x01\0\x01\0").is_err());
        assert!(measure(b"plain text").is_err());
    }

    #[test]
    fn a_header_without_data_does_not_decode() {
        let e = decode(&png_header(2, 2), ImageFormat::Png, 2, 2).unwrap_err();
        assert!(e.message.contains("does not decode"), "{e:?}");
    }
}
