//! The organisation's logo on the title band: a picture at the size the
//! design gives it (proportional to its pixels), anchored to the page
//! where the PDF draws it, at the right margin and centred on the band's
//! text.

use docx_rs::{DrawingPosition, Pic, RelativeFromHType, RelativeFromVType};

use crate::design::{Design, LogoSize, Role};
use crate::doc::{ImageFormat, Logo};
use crate::units::Pt;

/// The logo's relationship id in document.xml.rels.
pub const LOGO_RID: &str = "rIdLogo";

/// Part name of the logo inside the package.
pub fn media_name(logo: &Logo) -> &'static str {
    match logo.format {
        ImageFormat::Png => "media/logo.png",
        ImageFormat::Jpeg => "media/logo.jpeg",
    }
}

/// Top of the logo from the page's top edge: centred on the kicker and
/// title (the band's text starts at the top margin plus the band's
/// padding), never above the middle of the top margin, as in the PDF.
pub fn top(design: &Design, size: LogoSize) -> Pt {
    let band = &design.band;
    let page = &design.page;
    let text = design.style(Role::Kicker).leading
        + band.kicker_gap
        + design.style(Role::Title).leading * band.title_lines as f64;
    let middle = page.margin_top + band.pad_top + text / 2.0;
    (middle - size.height / 2.0).max(page.margin_top / 2.0)
}

/// The picture. The bytes are packed by us, not by docx-rs, so the
/// picture holds none.
pub fn picture(logo: &Logo, design: &Design, size: LogoSize) -> Pic {
    let page = &design.page;
    let left = page.width - page.margin_right - size.width;
    let emu = |p: Pt| i32::try_from(p.to_emu()).unwrap_or(i32::MAX);
    Pic::new_with_dimensions(Vec::new(), logo.width_px, logo.height_px)
        .size(size.width.to_emu(), size.height.to_emu())
        .floating()
        .overlapping()
        .relative_from_h(RelativeFromHType::Page)
        .relative_from_v(RelativeFromVType::Page)
        .position_h(DrawingPosition::Offset(emu(left)))
        .position_v(DrawingPosition::Offset(emu(top(design, size))))
        .id(LOGO_RID)
}
