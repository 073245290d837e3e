//! The organisation's logo as an inline picture. docx-rs's `image`
//! feature (which decodes whole images) is off: the pixel size comes with
//! the loaded logo ([`crate::assets`]).

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

/// The picture, `height` tall (narrowed to `max_width` if need be). The
/// bytes are packed by us, not by docx-rs, so the picture holds none.
pub fn picture(logo: &Logo, height: Mm, max_width: Mm) -> Result<Pic, String> {
    let (w, h) = (logo.width_px, logo.height_px);
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
