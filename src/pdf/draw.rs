//! Drawing one laid-out page with krilla: text as shaped glyphs, boxes and
//! rules as paths, the logo as an image, links as annotations. Every item
//! is marked as content of its structure node or as an artifact.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::{cmyk, rgb};
use krilla::geom::{PathBuilder, Point as KPoint, Rect as KRect, Size, Transform};
use krilla::image::Image;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
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
/// (with its `rayon` feature, on a thread of the pool, while the caller
/// goes on) and keeps the result inside the `Image` (an `Arc`); each
/// document then copies the deflated stream. Making it anew for every document would
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
    let image = match logo.format {
        ImageFormat::Png => Image::from_png(data, false),
        ImageFormat::Jpeg => Image::from_jpeg(data, false),
    }
    .map_err(|e| OutputError::invalid(format!("the logo cannot be used: {e}")))?;
    LOGO_IMAGES_MADE.fetch_add(1, Ordering::Relaxed);
    cache.push((logo.key, image.clone()));
    Ok(Some(image))
}

static LOGO_IMAGES_MADE: AtomicUsize = AtomicUsize::new(0);

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
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(f(from.x), f(from.y));
            pb.line_to(f(to.x), f(to.y));
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: paint(setup.theme, *p, setup.color),
                    width: f(*width),
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
                (g.x_offset.0 / size) as f32,
                // Shaping measures offsets upwards; the page's y grows down.
                (-g.y_offset.0 / size) as f32,
                0.0,
                g.text.clone(),
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
