//! The organisation's logo as an inline picture. docx-rs's `image`
//! feature (which decodes whole images) is off, so the pixel size is read
//! from the PNG or JPEG header here.

use docx_rs::Pic;

use crate::doc::{ImageFormat, Logo};
use crate::units::Mm;

/// The logo's relationship id in document.xml.rels.
pub const LOGO_RID: &str = "rIdLogo";

/// Part name of the logo inside the package.
pub fn media_name(logo: &Logo) -> &'static str {
    match logo.format {
        ImageFormat::Png => "media/logo.png",
        ImageFormat::Jpeg => "media/logo.jpeg",
    }
}

/// Width and height in pixels, from the image header.
pub fn pixel_size(logo: &Logo) -> Option<(u32, u32)> {
    let d = logo.data.as_slice();
    match logo.format {
        ImageFormat::Png => png_size(d),
        ImageFormat::Jpeg => jpeg_size(d),
    }
}

/// PNG: the IHDR chunk comes first, width and height big-endian.
fn png_size(d: &[u8]) -> Option<(u32, u32)> {
    if d.len() < 24 || &d[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(d[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(d[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// JPEG: walk the marker segments to the first start-of-frame.
fn jpeg_size(d: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 4 <= d.len() {
        if d[i] != 0xFF {
            return None;
        }
        let marker = d[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([d[i + 2], d[i + 3]]) as usize;
        let is_sof = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let s = d.get(i + 5..i + 9)?;
            let h = u16::from_be_bytes([s[0], s[1]]) as u32;
            let w = u16::from_be_bytes([s[2], s[3]]) as u32;
            return (w > 0 && h > 0).then_some((w, h));
        }
        i += 2 + len;
    }
    None
}

/// The picture, `height` tall (narrowed to `max_width` if need be). The
/// bytes are packed by us, not by docx-rs, so the picture holds none.
pub fn picture(logo: &Logo, height: Mm, max_width: Mm) -> Result<Pic, String> {
    let (w, h) = pixel_size(logo).ok_or("the logo's image header cannot be read")?;
    let mut height_mm = height.0;
    let mut width_mm = height_mm * w as f64 / h as f64;
    if width_mm > max_width.0 {
        height_mm *= max_width.0 / width_mm;
        width_mm = max_width.0;
    }
    let emu = |mm: f64| Mm(mm).to_pt().to_emu();
    Ok(Pic::new_with_dimensions(Vec::new(), w, h)
        .size(emu(width_mm), emu(height_mm))
        .id(LOGO_RID))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_png_and_jpeg_sizes() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&480u32.to_be_bytes());
        png.extend_from_slice(&160u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((480, 160)));
        // SOI, an APP0 segment of 4 bytes, then SOF0 with 8-bit, 100 x 200.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 100, 0, 200,
        ];
        assert_eq!(jpeg_size(&jpeg), Some((200, 100)));
    }
}
