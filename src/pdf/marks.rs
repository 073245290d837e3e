//! Crop (trim) marks: short hairlines at the corners of the trim, drawn
//! outside the bleed so that none shows on the trimmed page.

use krilla::geom::PathBuilder;
use krilla::paint::Stroke;
use krilla::surface::Surface;

use super::ColorMode;
use super::draw::PageSetup;
use crate::units::Pt;

/// Draw the eight marks for a trim of `w` x `h` placed `m` from the media
/// edge, as the design places them.
pub fn crop_marks(surface: &mut Surface<'_>, w: Pt, h: Pt, m: Pt, setup: &PageSetup<'_>) {
    let (gap, len) = (setup.crop.offset, setup.crop.length);
    let (l, t, r, b) = (m, m, m + w, m + h);
    let mut pb = PathBuilder::new();
    for (x, y) in [(l, t), (r, t), (l, b), (r, b)] {
        // Horizontal mark, pointing away from the page.
        let dir_x = if x == l { -1.0 } else { 1.0 };
        let dir_y = if y == t { -1.0 } else { 1.0 };
        pb.move_to((x + gap * dir_x).0 as f32, y.0 as f32);
        pb.line_to((x + (gap + len) * dir_x).0 as f32, y.0 as f32);
        pb.move_to(x.0 as f32, (y + gap * dir_y).0 as f32);
        pb.line_to(x.0 as f32, (y + (gap + len) * dir_y).0 as f32);
    }
    let Some(path) = pb.finish() else { return };
    // Registration black: all inks in print, black on screen.
    let paint = match setup.color {
        ColorMode::Print => krilla::color::cmyk::Color::new(255, 255, 255, 255).into(),
        ColorMode::Screen => krilla::color::rgb::Color::black().into(),
    };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint,
        width: setup.crop.stroke.0 as f32,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}
