//! Drawing one laid-out page with krilla: text as shaped glyphs, boxes and
//! rules as paths, the logo as an image, links as annotations. Every item
//! is marked as content of its structure node or as an artifact.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::{cmyk, rgb};
use krilla::geom::{PathBuilder, Point as KPoint, Rect as KRect, Size, Transform};
use krilla::image::Image;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{Artifact as KArtifact, ArtifactType, ContentTag, SpanTag};
use krilla::text::{GlyphId, KrillaGlyph};

use super::ColorMode;
use super::marks;
use super::tags::Tagger;
use crate::doc::{self, ImageFormat};
use crate::layout::{self, Artifact, ItemKind, Layout, LinkTarget, Owner, Paint, TextId, TextRun};
use crate::output::OutputError;
use crate::theme::Theme;
use crate::units::Pt;
use krilla::destination::XyzDestination;

/// What every page is drawn with.
pub struct PageSetup<'a> {
    pub theme: &'a Theme,
    pub fonts: &'a crate::fonts::FontSet,
    pub color: ColorMode,
    /// Trim to media box edge.
    pub margin: Pt,
    pub crop_marks: bool,
    pub logo: Option<&'a Image>,
    /// Index of the layout's first page in the PDF (a pack's pages follow
    /// its front matter and the countries before).
    pub page_offset: usize,
    /// Where the trim marks go.
    pub crop: crate::design::CropMarks,
}

/// The texts drawn, in order: krilla tags what it draws with a location
/// (here the index in this list, from 1), and names it in its errors, so
/// that a problem the writer finds points at the text in the profile.
/// Each text is known by the index of its layout in the PDF (a pack draws
/// several) and its id there.
#[derive(Default)]
pub struct Locations {
    pub texts: Vec<Option<(usize, TextId)>>,
    /// The layout being drawn.
    pub layout: usize,
}

impl Locations {
    fn next(&mut self, text: Option<TextId>) -> krilla::surface::Location {
        self.texts.push(text.map(|t| (self.layout, t)));
        krilla::surface::Location::new(self.texts.len() as u64).expect("from 1")
    }

    /// The text drawn at `location`, with its layout's index.
    pub fn text(&self, location: Option<krilla::surface::Location>) -> Option<(usize, TextId)> {
        let i = usize::try_from(location?.get()).ok()?;
        *self.texts.get(i.checked_sub(1)?)?
    }
}

/// The theme's logo as a krilla image, made once per process for each
/// loaded logo. krilla 0.8 decodes and deflates an image when it is made
/// and keeps the result inside the `Image` (an `Arc`); each document then
/// copies the deflated stream. Making it anew for every document would
/// decode the logo once per profile.
pub fn logo_image(logo: Option<&doc::Logo>) -> Result<Option<Image>, OutputError> {
    let Some(logo) = logo else {
        return Ok(None);
    };
    type Cache = Mutex<Vec<(u64, Image)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, image)) = cache.iter().find(|(k, _)| *k == logo.key) {
        return Ok(Some(image.clone()));
    }
    let data = krilla::Data::from(logo.data.clone());
    let image = match (logo.format, &logo.pixels) {
        // Decoded once already, when the logo was checked.
        (ImageFormat::Png, Some(pixels)) => Image::from_custom(
            Decoded::split(pixels, (logo.width_px, logo.height_px), logo.key),
            false,
        ),
        (ImageFormat::Png, None) => {
            LOGOS_DECODED_AGAIN.fetch_add(1, Ordering::Relaxed);
            Image::from_png(data, false)
        }
        (ImageFormat::Jpeg, _) => Image::from_jpeg(data, false),
    }
    .map_err(|e| OutputError::invalid(format!("the logo cannot be used: {e}")))?;
    LOGO_IMAGES_MADE.fetch_add(1, Ordering::Relaxed);
    cache.push((logo.key, image.clone()));
    Ok(Some(image))
}

/// A logo's pixels as its check decoded them, for krilla: the colour and
/// the alpha apart, as krilla splits a PNG it decodes itself (8-bit alpha
/// dropped when every pixel is opaque, 16-bit alpha kept), so that the
/// PDF is the same.
#[derive(Clone)]
struct Decoded {
    color: Arc<Vec<u8>>,
    alpha: Option<Arc<Vec<u8>>>,
    gray: bool,
    sixteen_bits: bool,
    icc: Option<Arc<Vec<u8>>>,
    /// Width and height in pixels (checked against the decoded image).
    size: (u32, u32),
    /// Hashed in place of the pixels (krilla hashes an image to tell it
    /// from others): unique per image file in the process.
    key: u64,
}

impl Decoded {
    fn split(p: &crate::assets::Pixels, size: (u32, u32), key: u64) -> Decoded {
        let gray = p.channels <= 2;
        let has_alpha = p.channels.is_multiple_of(2);
        let sample = if p.sixteen_bits { 2 } else { 1 };
        let (color, alpha) = if has_alpha {
            let colors = (p.channels - 1) * sample;
            let pixel = p.channels * sample;
            let n = p.samples.len() / pixel;
            let mut color = vec![0; n * colors];
            let mut alpha = vec![0; n * sample];
            let pieces = color
                .chunks_exact_mut(colors)
                .zip(alpha.chunks_exact_mut(sample));
            for (s, (c, a)) in p.samples.chunks_exact(pixel).zip(pieces) {
                c.copy_from_slice(&s[..colors]);
                a.copy_from_slice(&s[colors..]);
            }
            let opaque = !p.sixteen_bits && alpha.iter().all(|&a| a == 255);
            (color, (!opaque).then_some(alpha))
        } else {
            (p.samples.clone(), None)
        };
        Decoded {
            color: Arc::new(color),
            alpha: alpha.map(Arc::new),
            gray,
            sixteen_bits: p.sixteen_bits,
            icc: p.icc.clone().map(Arc::new),
            size,
            key,
        }
    }
}

impl std::hash::Hash for Decoded {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl krilla::image::CustomImage for Decoded {
    fn color_channel(&self) -> &[u8] {
        &self.color
    }

    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(Vec::as_slice)
    }

    fn bits_per_component(&self) -> krilla::image::BitsPerComponent {
        if self.sixteen_bits {
            krilla::image::BitsPerComponent::Sixteen
        } else {
            krilla::image::BitsPerComponent::Eight
        }
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn icc_profile(&self) -> Option<&[u8]> {
        self.icc.as_deref().map(Vec::as_slice)
    }

    fn color_space(&self) -> krilla::image::ImageColorspace {
        if self.gray {
            krilla::image::ImageColorspace::Luma
        } else {
            krilla::image::ImageColorspace::Rgb
        }
    }
}

static LOGO_IMAGES_MADE: AtomicUsize = AtomicUsize::new(0);
static LOGOS_DECODED_AGAIN: AtomicUsize = AtomicUsize::new(0);

/// How many PNG logos krilla decoded again (their pixels too many to keep
/// from their check): tests check that a small one is decoded once.
pub fn logos_decoded_again() -> usize {
    LOGOS_DECODED_AGAIN.load(Ordering::Relaxed)
}

/// How many krilla images of logos this process has made (tests check
/// that a batch makes one per logo).
pub fn logo_images_made() -> usize {
    LOGO_IMAGES_MADE.load(Ordering::Relaxed)
}

fn f(p: Pt) -> f32 {
    p.0 as f32
}

/// A theme colour for the output's colour mode.
pub fn paint(theme: &Theme, p: Paint, mode: ColorMode) -> krilla::paint::Paint {
    let color = p.color(&theme.colors);
    match mode {
        ColorMode::Screen => rgb::Color::new(color.rgb[0], color.rgb[1], color.rgb[2]).into(),
        ColorMode::Print => {
            let k = |v: u8| (f64::from(v) * 2.55).round() as u8;
            cmyk::Color::new(
                k(color.cmyk[0]),
                k(color.cmyk[1]),
                k(color.cmyk[2]),
                k(color.cmyk[3]),
            )
            .into()
        }
    }
}

/// A page's media, trim and bleed boxes.
fn page_settings(laid: &Layout, setup: &PageSetup<'_>) -> PageSettings {
    let m = setup.margin;
    let (w, h, bleed) = (laid.width, laid.height, laid.bleed);
    PageSettings::from_wh(f(w + m * 2.0), f(h + m * 2.0))
        .expect("A4 has a size")
        .with_trim_box(KRect::from_xywh(f(m), f(m), f(w), f(h)))
        .with_bleed_box(KRect::from_xywh(
            f(m - bleed),
            f(m - bleed),
            f(w + bleed * 2.0),
            f(h + bleed * 2.0),
        ))
}

/// An empty page (the back of a page before a country that starts on a
/// right-hand page).
pub fn blank_page(pdf: &mut Document, laid: &Layout, setup: &PageSetup<'_>) {
    let page = pdf.start_page_with(page_settings(laid, setup));
    page.finish();
}

pub fn page(
    pdf: &mut Document,
    page: &layout::PageLayout,
    laid: &Layout,
    setup: &PageSetup<'_>,
    tagger: &mut Tagger,
    locations: &mut Locations,
) {
    let m = setup.margin;
    let (w, h) = (laid.width, laid.height);
    let mut kpage = pdf.start_page_with(page_settings(laid, setup));
    let mut links = Vec::new();
    {
        let mut surface = kpage.surface();
        surface.push_transform(&Transform::from_translate(f(m), f(m)));
        for item in &page.items {
            let tag = match item.owner {
                Owner::Node(n) => {
                    ContentTag::Span(SpanTag::empty().with_lang(laid.nodes[n].lang.as_deref()))
                }
                Owner::Artifact(a) => ContentTag::Artifact(KArtifact::with_kind(match a {
                    Artifact::Layout => ArtifactType::Layout,
                    Artifact::Footer => ArtifactType::Footer,
                })),
            };
            if let ItemKind::Link { rect, target } = &item.kind {
                if let Owner::Node(n) = item.owner {
                    links.push((*rect, target.clone(), n));
                }
                continue;
            }
            surface.set_location(locations.next(item.text));
            let id = surface.start_tagged(tag);
            draw_item(&mut surface, &item.kind, setup);
            surface.end_tagged();
            if let Owner::Node(n) = item.owner {
                tagger.leaf(n, id);
            }
        }
        surface.pop();
        if setup.crop_marks {
            surface.start_tagged(ContentTag::Artifact(KArtifact::with_kind(
                ArtifactType::Page,
            )));
            marks::crop_marks(&mut surface, w, h, m, setup);
            surface.end_tagged();
        }
        surface.finish();
    }
    for (rect, target, node) in links {
        let Some(r) = KRect::from_xywh(f(rect.x + m), f(rect.y + m), f(rect.w), f(rect.h)) else {
            continue;
        };
        let (target, alt) = match target {
            LinkTarget::Url(url) => (
                Target::Action(LinkAction::new(url.to_string()).into()),
                url.to_string(),
            ),
            LinkTarget::Page { page, y } => (
                Target::Destination(
                    XyzDestination::new(
                        setup.page_offset + page,
                        KPoint::from_xy(f(m), f(y + m).max(0.0)),
                    )
                    .into(),
                ),
                format!("page {}", setup.page_offset + page + 1),
            ),
        };
        let annotation = Annotation::new_link(LinkAnnotation::new(r, target), Some(alt));
        let id = kpage.add_tagged_annotation(annotation);
        tagger.leaf(node, id);
    }
    kpage.finish();
}

fn draw_item(surface: &mut Surface<'_>, kind: &ItemKind, setup: &PageSetup<'_>) {
    match kind {
        ItemKind::Text(run) => draw_text(surface, run, setup),
        ItemKind::Fill { rect, paint: p } => {
            let mut pb = PathBuilder::new();
            if let Some(r) = KRect::from_xywh(f(rect.x), f(rect.y), f(rect.w), f(rect.h)) {
                pb.push_rect(r);
            }
            if let Some(path) = pb.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: paint(setup.theme, *p, setup.color),
                    ..Fill::default()
                }));
                surface.draw_path(&path);
            }
        }
        ItemKind::Rule {
            from,
            to,
            width,
            paint: p,
            dotted,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(f(from.x), f(from.y));
            pb.line_to(f(to.x), f(to.y));
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                // Dots: dashes of no length with round caps, four widths
                // apart.
                let (line_cap, dash) = if *dotted {
                    (
                        LineCap::Round,
                        Some(StrokeDash {
                            array: vec![0.0, f(*width) * 4.0],
                            offset: 0.0,
                        }),
                    )
                } else {
                    (LineCap::Butt, None)
                };
                surface.set_stroke(Some(Stroke {
                    paint: paint(setup.theme, *p, setup.color),
                    width: f(*width),
                    line_cap,
                    dash,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        ItemKind::Image { rect } => {
            if let (Some(image), Some(size)) = (setup.logo, Size::from_wh(f(rect.w), f(rect.h))) {
                surface.push_transform(&Transform::from_translate(f(rect.x), f(rect.y)));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
        ItemKind::Link { .. } => {}
    }
}

fn draw_text(surface: &mut Surface<'_>, run: &TextRun, setup: &PageSetup<'_>) {
    let face = setup.fonts.face(run.face);
    let size = run.size.0;
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(g.id),
                (g.advance.0 / size) as f32,
                g.x_offset,
                // Shaping measures offsets upwards; the page's y grows down.
                -g.y_offset,
                0.0,
                g.text(),
                None,
            )
        })
        .collect();
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: paint(setup.theme, run.paint, setup.color),
        ..Fill::default()
    }));
    // Every face was checked by `pdf_font` before the first page.
    let Some(font) = super::fonts::pdf_font(face) else {
        return;
    };
    surface.draw_glyphs(
        KPoint::from_xy(f(run.origin.x), f(run.origin.y)),
        &glyphs,
        font,
        &run.text,
        size as f32,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use png::{BitDepth, ColorType};

    /// A one-page PDF showing `image`.
    fn pdf_with(image: Image) -> Vec<u8> {
        let mut doc = Document::new();
        let mut page = doc.start_page_with(PageSettings::new(Size::from_wh(100.0, 100.0).unwrap()));
        let mut surface = page.surface();
        surface.draw_image(image, Size::from_wh(50.0, 50.0).unwrap());
        surface.finish();
        page.finish();
        doc.finish().unwrap()
    }

    /// A 5 x 3 PNG of `color`, `depth`, with varied samples (and a palette
    /// and transparency chunk where asked).
    fn png_of(color: ColorType, depth: BitDepth, trns: bool, alpha: u8) -> Vec<u8> {
        let (w, h) = (5u32, 3u32);
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(color);
        e.set_depth(depth);
        if color == ColorType::Indexed {
            e.set_palette(vec![255, 0, 0, 0, 128, 255, 10, 200, 30, 90, 90, 90]);
        }
        if trns {
            e.set_trns(match color {
                ColorType::Indexed => vec![0, 128, 255, 40],
                ColorType::Grayscale => vec![0, 7],
                _ => vec![0, 1, 0, 2, 0, 3],
            });
        }
        let samples = match color {
            ColorType::Grayscale | ColorType::Indexed => 1,
            ColorType::GrayscaleAlpha => 2,
            ColorType::Rgb => 3,
            ColorType::Rgba => 4,
        };
        let bits = match depth {
            BitDepth::Sixteen => 16,
            BitDepth::Eight => 8,
            BitDepth::Four => 4,
            BitDepth::Two => 2,
            BitDepth::One => 1,
        };
        let row = (w as usize * samples * bits).div_ceil(8);
        let mut data: Vec<u8> = (0..row * h as usize)
            .map(|i| (i * 37 % 251) as u8)
            .collect();
        if color == ColorType::Indexed && bits == 8 {
            data.iter_mut().for_each(|v| *v %= 4);
        }
        // Alpha samples (8 bits): every fourth byte of RGBA, every second
        // of grey and alpha, all `alpha` when it is 255 (an opaque image).
        if alpha == 255 && bits == 8 {
            let step = match color {
                ColorType::Rgba => 4,
                ColorType::GrayscaleAlpha => 2,
                _ => 0,
            };
            if step > 0 {
                data.iter_mut()
                    .skip(step - 1)
                    .step_by(step)
                    .for_each(|v| *v = 255);
            }
        }
        let mut wr = e.write_header().unwrap();
        wr.write_image_data(&data).unwrap();
        wr.finish().unwrap();
        out
    }

    /// A logo decoded once (for its check) gives krilla the same samples
    /// its own PNG decoder would: the PDF is the same byte for byte.
    #[test]
    fn a_logo_decoded_for_its_check_draws_as_krilla_decodes_it() {
        use ColorType::*;
        let cases = [
            (Rgba, BitDepth::Eight, false, 0),
            (Rgba, BitDepth::Eight, false, 255),
            (Rgba, BitDepth::Sixteen, false, 0),
            (Rgb, BitDepth::Eight, false, 0),
            (Rgb, BitDepth::Eight, true, 0),
            (Rgb, BitDepth::Sixteen, false, 0),
            (Grayscale, BitDepth::Eight, false, 0),
            (Grayscale, BitDepth::Two, false, 0),
            (Grayscale, BitDepth::Eight, true, 0),
            (Grayscale, BitDepth::Sixteen, false, 0),
            (GrayscaleAlpha, BitDepth::Eight, false, 0),
            (GrayscaleAlpha, BitDepth::Eight, false, 255),
            (GrayscaleAlpha, BitDepth::Sixteen, false, 0),
            (Indexed, BitDepth::Eight, false, 0),
            (Indexed, BitDepth::Two, true, 0),
        ];
        for (color, depth, trns, alpha) in cases {
            let case = format!("{color:?} {depth:?} tRNS {trns} alpha {alpha}");
            let data = png_of(color, depth, trns, alpha);
            let pixels = crate::assets::decode(&data, ImageFormat::Png, 5, 3)
                .unwrap()
                .expect("a small PNG's pixels are kept");
            let theirs = Image::from_png(krilla::Data::from(data.clone()), false).unwrap();
            let decoded = Decoded::split(&pixels, (5, 3), 1);
            let ours = Image::from_custom(decoded, false).unwrap();
            assert!(pdf_with(theirs) == pdf_with(ours), "{case}");
        }
    }
}
