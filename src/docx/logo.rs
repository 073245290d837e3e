//! The organisation's logo on the title band: a picture at the size the
//! design gives it (proportional to its pixels), anchored to the page
//! where the PDF draws it, at the margin where lines end and centred on
//! the band's text.

use docx_rs::{DrawingPosition, Pic, PicAlign, RelativeFromHType, RelativeFromVType};

use crate::design::{Design, LogoSize, Role};
use crate::doc::{ImageFormat, Logo};
use crate::units::Pt;

/// The relationship id of the package's picture number `n` (from 0):
/// `rIdLogo`, then `rIdLogo2`... (a document of several factsheets may
/// hold more than one logo).
pub fn rid(n: usize) -> String {
    match n {
        0 => "rIdLogo".to_string(),
        n => format!("rIdLogo{}", n + 1),
    }
}

/// Part name, under word/, of the package's picture number `n`.
pub fn media_name(logo: &Logo, n: usize) -> String {
    let ext = match logo.format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
    };
    match n {
        0 => format!("media/logo.{ext}"),
        n => format!("media/logo{}.{ext}", n + 1),
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

/// The picture on the band, `top` from the page's top edge.
pub fn picture(logo: &Logo, rid: &str, design: &Design, size: LogoSize, rtl: bool) -> Pic {
    place(logo, rid, size, top(design, size), rtl)
}

/// The picture at the end of the reading direction, `top` from the
/// page's top edge: aligned to the right margin, or to the left one in a
/// right-to-left document. Aligned rather than placed at an offset: an
/// offset from the page's edge is measured from the right in a
/// right-to-left section by LibreOffice. The bytes are packed by us, not
/// by docx-rs, so the picture holds none.
pub fn place(logo: &Logo, rid: &str, size: LogoSize, top: Pt, rtl: bool) -> Pic {
    let emu = |p: Pt| i32::try_from(p.to_emu()).unwrap_or(i32::MAX);
    let side = if rtl { PicAlign::Left } else { PicAlign::Right };
    Pic::new_with_dimensions(Vec::new(), logo.width_px, logo.height_px)
        .size(size.width.to_emu(), size.height.to_emu())
        .floating()
        .overlapping()
        .relative_from_h(RelativeFromHType::Margin)
        .relative_from_v(RelativeFromVType::Page)
        .position_h(DrawingPosition::Align(side))
        .position_v(DrawingPosition::Offset(emu(top)))
        .id(rid)
}
