//! Fonts: parsed once per process and shared by every document and thread.
//! Each face carries what shaping needs (a harfrust font and its cached
//! shape plans), its metrics and its bytes. The module knows no output
//! format: the layout shapes with it, and the PDF writer embeds the bytes
//! (through a krilla font of its own, made once per face: krilla reads
//! fonts with another version of read-fonts than harfrust, so the two
//! cannot share one parse).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use harfrust::{Direction, Language, Script, ShapePlan};

/// The font files of a set, as a theme names them; `None` means the
/// built-in Noto Sans face.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FontFiles {
    pub regular: Option<PathBuf>,
    pub bold: Option<PathBuf>,
    pub italic: Option<PathBuf>,
    pub bold_italic: Option<PathBuf>,
    /// A font for characters the main faces lack (another script, say).
    pub fallback: Option<PathBuf>,
    /// The family name written into DOCX styles.
    pub family: String,
}

/// Which face of the set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// For characters the main faces lack: fallback face number `n` of
    /// the set (the theme's own first, then the built-in faces for other
    /// scripts).
    Fallback(u8),
}

impl FaceId {
    pub fn styled(bold: bool, italic: bool) -> FaceId {
        match (bold, italic) {
            (false, false) => FaceId::Regular,
            (true, false) => FaceId::Bold,
            (false, true) => FaceId::Italic,
            (true, true) => FaceId::BoldItalic,
        }
    }

    /// Whether the face is a bold one (a fallback for bold text should be
    /// bold too).
    pub fn is_bold(self) -> bool {
        matches!(self, FaceId::Bold | FaceId::BoldItalic)
    }
}

static NEXT_KEY: AtomicU64 = AtomicU64::new(0);

/// One font face.
pub struct Face {
    pub name: String,
    /// For shaping and coverage.
    pub shaper: harfrust::Font,
    /// The font file, for writers that embed it.
    pub data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// Unique in the process: a key for writers' caches of this face.
    pub key: u64,
    pub units_per_em: f64,
    /// Ascender and descender (negative) in em, from the font's line metrics.
    pub ascender: f64,
    pub descender: f64,
    /// Height of capitals in em.
    pub cap_height: f64,
    /// Shape plans by script and language: building one costs more than
    /// shaping a paragraph, and a factsheet needs only a few.
    plans: Mutex<Vec<CachedPlan>>,
    /// Top and bottom of glyphs' ink in em (y up), by glyph id, as they
    /// are asked for (NaN: not asked yet). Indexed, not hashed: the
    /// verifier asks about every glyph of a document.
    ink: Mutex<Vec<(f32, f32)>>,
    /// Which code points below [`COVERAGE_LIMIT`] the face has, 64 to a
    /// block, each block filled when first asked about: setting a text
    /// asks about its few blocks for every character, and a lookup in
    /// the font's character map costs a search.
    coverage: Box<[OnceLock<u64>]>,
}

/// Code points from here on are looked up in the character map each time
/// (they are rare in running text).
const COVERAGE_LIMIT: u32 = 0x3000;

/// A shape plan with the script, language and direction it was made for.
type CachedPlan = (Option<Script>, Option<Language>, bool, Arc<ShapePlan>);

impl Face {
    fn parse(name: &str, data: Arc<dyn AsRef<[u8]> + Send + Sync>) -> Result<Face, String> {
        let shaper = harfrust::Font::new(data.clone(), 0)
            .ok_or_else(|| format!("{name} is not a font file we can read"))?;
        let m = shaper.metrics();
        let upem = f64::from(m.units_per_em.max(1));
        let line = m
            .h_line()
            .ok_or_else(|| format!("{name} has no line metrics"))?;
        let ascender = line.ascender.to_f64() / upem;
        let descender = line.descender.to_f64() / upem;
        let cap_height = m.cap_height.map_or(ascender * 0.7, |c| c.to_f64() / upem);
        Ok(Face {
            name: name.to_string(),
            shaper,
            data,
            key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
            units_per_em: upem,
            ascender,
            descender,
            cap_height,
            plans: Mutex::new(Vec::new()),
            ink: Mutex::new(Vec::new()),
            coverage: (0..COVERAGE_LIMIT / 64).map(|_| OnceLock::new()).collect(),
        })
    }

    /// The highest and lowest ink of `glyphs`, in em above the baseline
    /// (the lowest is negative below it): what a line really takes up,
    /// whatever the font's line metrics say.
    pub fn ink_extent(&self, glyphs: impl Iterator<Item = u32>) -> (f64, f64) {
        let mut cache = self
            .ink
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut shaper: Option<harfrust::ShaperFont<'_, '_>> = None;
        let (mut top, mut bottom) = (0.0_f32, 0.0_f32);
        for id in glyphs {
            let i = id as usize;
            if i >= cache.len() {
                cache.resize(i + 1, (f32::NAN, f32::NAN));
            }
            if cache[i].0.is_nan() {
                let s = shaper.get_or_insert_with(|| harfrust::ShaperFont::new(&self.shaper));
                let upem = self.units_per_em as f32;
                cache[i] = s
                    .glyph_extents(harfrust::GlyphId::new(id))
                    .map_or((0.0, 0.0), |e| {
                        let t = e.y_bearing as f32 / upem;
                        (t, t + e.height as f32 / upem)
                    });
            }
            let (t, b) = cache[i];
            top = top.max(t);
            bottom = bottom.min(b);
        }
        (f64::from(top), f64::from(bottom))
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let code = u32::from(c);
        let Some(block) = self.coverage.get((code / 64) as usize) else {
            return self.maps(c);
        };
        let bits = *block.get_or_init(|| {
            let base = code & !63;
            (0..64)
                .filter(|i| char::from_u32(base + i).is_some_and(|c| self.maps(c)))
                .fold(0, |bits, i| bits | 1 << i)
        });
        bits & 1 << (code % 64) != 0
    }

    /// Whether the character map has `c`.
    fn maps(&self, c: char) -> bool {
        self.shaper.charmap().map_unicode(c).is_some()
    }

    /// A shape plan for text in `script` and `language`, right to left
    /// when `rtl`.
    pub fn plan(
        &self,
        script: Option<Script>,
        language: Option<&Language>,
        rtl: bool,
    ) -> Arc<ShapePlan> {
        let mut plans = self
            .plans
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, _, _, p)) = plans
            .iter()
            .find(|(s, l, r, _)| *s == script && l.as_ref() == language && *r == rtl)
        {
            return p.clone();
        }
        let direction = if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };
        let plan = Arc::new(ShapePlan::new(
            &self.shaper,
            direction,
            script,
            language,
            &[],
        ));
        plans.push((script, language.cloned(), rtl, plan.clone()));
        plan
    }
}

/// The faces a document is set in.
pub struct FontSet {
    /// Regular, bold, italic and bold italic; a missing one is set in the
    /// regular face.
    main: [Option<Face>; 4],
    /// Faces for characters the main faces lack, in the order they are
    /// tried.
    fallbacks: Vec<Fallback>,
    /// The family name (DOCX styles, PDF metadata).
    pub family: String,
}

/// A fallback face, and whether it is the bold of its script.
pub struct Fallback {
    pub face: Face,
    pub bold: bool,
}

impl FontSet {
    pub fn face(&self, id: FaceId) -> &Face {
        let main = |i: usize| self.main[i].as_ref();
        let found = match id {
            FaceId::Regular => main(0),
            FaceId::Bold => main(1),
            FaceId::Italic => main(2),
            FaceId::BoldItalic => main(3),
            FaceId::Fallback(n) => self.fallbacks.get(usize::from(n)).map(|f| &f.face),
        };
        found
            .or(main(0))
            .expect("a font set always has a regular face")
    }

    /// The faces the set holds.
    pub fn faces(&self) -> impl Iterator<Item = &Face> {
        self.main
            .iter()
            .flatten()
            .chain(self.fallbacks.iter().map(|f| &f.face))
    }

    /// The face to set `c` in when the style asks for `want`: the style's
    /// face if it covers `c`, else the first fallback that does (a bold one
    /// for bold text when the script has one).
    pub fn face_for(&self, want: FaceId, c: char) -> Option<FaceId> {
        if self.face(want).covers(c) {
            return Some(want);
        }
        let covering = || {
            self.fallbacks
                .iter()
                .enumerate()
                .filter(|(_, f)| f.face.covers(c))
        };
        let pick = covering()
            .find(|(_, f)| f.bold == want.is_bold())
            .or_else(|| covering().next())?;
        u8::try_from(pick.0).ok().map(FaceId::Fallback)
    }
}

static NOTO_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static NOTO_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
static NOTO_ITALIC: &[u8] = include_bytes!("../fonts/NotoSans-Italic.ttf");
static NOTO_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/NotoSans-BoldItalic.ttf");
/// Built in for the scripts the bundled locales need beyond Latin: Arabic
/// and Devanagari (Hindi), each in regular and bold.
static BUILTIN_FALLBACKS: [(&str, &[u8], bool); 4] = [
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
        false,
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
        true,
    ),
    (
        "NotoSansDevanagari-Regular.ttf",
        include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf"),
        false,
    ),
    (
        "NotoSansDevanagari-Bold.ttf",
        include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf"),
        true,
    ),
];

/// The built-in face of a main style.
fn builtin(index: usize) -> (&'static str, &'static [u8]) {
    match index {
        0 => ("NotoSans-Regular.ttf", NOTO_REGULAR),
        1 => ("NotoSans-Bold.ttf", NOTO_BOLD),
        2 => ("NotoSans-Italic.ttf", NOTO_ITALIC),
        _ => ("NotoSans-BoldItalic.ttf", NOTO_BOLD_ITALIC),
    }
}

fn builtin_face(name: &str, data: &'static [u8]) -> Face {
    Face::parse(name, Arc::new(data)).expect("the built-in fonts parse")
}

/// The built-in fallback faces (parsed once a process, shared by every
/// set through the faces' cheap clones of their data).
fn builtin_fallbacks() -> Vec<Fallback> {
    BUILTIN_FALLBACKS
        .iter()
        .map(|(name, data, bold)| Fallback {
            face: builtin_face(name, data),
            bold: *bold,
        })
        .collect()
}

/// The built-in Noto Sans set with its fallbacks, parsed on first use.
pub fn builtin_fonts() -> Arc<FontSet> {
    static SET: OnceLock<Arc<FontSet>> = OnceLock::new();
    SET.get_or_init(|| {
        let face = |i| {
            let (name, data) = builtin(i);
            Some(builtin_face(name, data))
        };
        Arc::new(FontSet {
            main: [face(0), face(1), face(2), face(3)],
            fallbacks: builtin_fallbacks(),
            family: "Noto Sans".into(),
        })
    })
    .clone()
}

/// The fonts a theme names (built-in faces where it names none), cached
/// by the theme's files so that a batch parses each font once.
pub fn fonts_for(files: &FontFiles) -> Result<Arc<FontSet>, String> {
    let custom = [
        &files.regular,
        &files.bold,
        &files.italic,
        &files.bold_italic,
        &files.fallback,
    ];
    if custom.iter().all(|f| f.is_none()) {
        return Ok(builtin_fonts());
    }
    type Cache = Mutex<Vec<(Vec<Option<std::path::PathBuf>>, Arc<FontSet>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key: Vec<_> = custom.iter().map(|f| (*f).clone()).collect();
    let cache = CACHE.get_or_init(Default::default);
    if let Some((_, set)) = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .find(|(k, _)| *k == key)
    {
        return Ok(set.clone());
    }
    let load = |i: usize, path: &Option<std::path::PathBuf>| -> Result<Option<Face>, String> {
        match path {
            Some(p) => Ok(Some(load_face(p)?)),
            None => {
                let (name, data) = builtin(i);
                Face::parse(name, Arc::new(data)).map(Some)
            }
        }
    };
    // The theme's fallback is tried before the built-in ones.
    let mut fallbacks = Vec::new();
    if let Some(p) = &files.fallback {
        fallbacks.push(Fallback {
            face: load_face(p)?,
            bold: false,
        });
    }
    fallbacks.extend(builtin_fallbacks());
    let set = Arc::new(FontSet {
        main: [
            load(0, &files.regular)?,
            load(1, &files.bold)?,
            load(2, &files.italic)?,
            load(3, &files.bold_italic)?,
        ],
        fallbacks,
        family: files.family.clone(),
    });
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((key, set.clone()));
    Ok(set)
}

fn load_face(path: &Path) -> Result<Face, String> {
    let data =
        font_bytes(path).map_err(|e| format!("the font {} {}", path.display(), e.message))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("font")
        .to_string();
    Face::parse(&name, data)
}

/// Largest font file read. Fonts for Chinese, Japanese or Korean run to
/// 20-30 MB; nothing a factsheet uses comes near this.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// What every main face (regular, bold, italic, bold italic) must draw:
/// the digits numbers are written with, the letters of the built-in labels
/// and the punctuation around figures. A face without them would set
/// labels and figures as invisible or missing text.
pub const REQUIRED_CHARS: &str =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .,:%()-";

/// Why a font file cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub struct FontError {
    /// Completes "the font FILE …".
    pub message: String,
    pub help: String,
}

/// A font file's bytes, read once per process (by resolved path).
fn font_bytes(path: &Path) -> Result<Arc<Vec<u8>>, FontError> {
    type Cache = Mutex<Vec<(std::path::PathBuf, Result<Arc<Vec<u8>>, FontError>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, r)) = cache.iter().find(|(k, _)| *k == key) {
        return r.clone();
    }
    let read = crate::input::file::read_limited(&key, MAX_FONT_BYTES, false)
        .map(Arc::new)
        .map_err(|e| FontError {
            message: e.describe(),
            help: "name a TrueType (.ttf) or OpenType (.otf) file in the theme's folder".into(),
        });
    cache.push((key, read.clone()));
    read
}

/// Check a font file a theme names: it reads as a font, its tables lie
/// inside the file, it has outlines, and a main face (`main_face`) has a
/// glyph for every one of [`REQUIRED_CHARS`]. The fallback face only has
/// to be sound: it is there for another script.
pub fn check_font_file(path: &Path, main_face: bool) -> Result<(), FontError> {
    let data = font_bytes(path)?;
    let damaged = |what: String| FontError {
        message: what,
        help: "the file is damaged or cut short: copy the font again from its source".into(),
    };
    validate_font(&data, main_face).map_err(|problem| match problem {
        FontProblem::Damaged(what) => damaged(what),
        FontProblem::Missing(chars) => FontError {
            message: if chars.chars().count() >= REQUIRED_CHARS.chars().count() - 1 {
                "has no Latin letters or digits".to_string()
            } else {
                format!("lacks characters every factsheet uses: {chars}")
            },
            help: "labels and figures need Latin letters, digits and basic punctuation in the \
                   regular, bold and italic faces; use a font that has them, and name a font \
                   for another script as `fallback`"
                .into(),
        },
    })
}

enum FontProblem {
    Damaged(String),
    Missing(String),
}

fn validate_font(data: &[u8], main_face: bool) -> Result<(), FontProblem> {
    use read_fonts::types::Tag;
    use read_fonts::{FontRef, TableProvider};
    let bad = |what: &str, e: read_fonts::ReadError| {
        FontProblem::Damaged(format!("has a damaged `{what}` table ({e})"))
    };
    let font = FontRef::new(data)
        .map_err(|e| FontProblem::Damaged(format!("is not a font file we can read ({e})")))?;
    for record in font.table_directory().table_records() {
        let tag = record.tag();
        if font.table_data(tag).is_none() {
            return Err(FontProblem::Damaged(format!(
                "is cut short or damaged: its `{tag}` table runs past the end of the file"
            )));
        }
    }
    for tag in ["head", "hhea", "maxp", "cmap", "hmtx"] {
        if font
            .table_data(Tag::new_checked(tag.as_bytes()).expect("four letters"))
            .is_none()
        {
            return Err(FontProblem::Damaged(format!(
                "has no `{tag}` table, which every font needs"
            )));
        }
    }
    font.head().map_err(|e| bad("head", e))?;
    font.hhea().map_err(|e| bad("hhea", e))?;
    font.hmtx().map_err(|e| bad("hmtx", e))?;
    let num_glyphs = font.maxp().map_err(|e| bad("maxp", e))?.num_glyphs();
    let cmap = font.cmap().map_err(|e| bad("cmap", e))?;
    let outlines = if font.table_data(Tag::new(b"glyf")).is_some() {
        Some((
            font.loca(None).map_err(|e| bad("loca", e))?,
            font.glyf().map_err(|e| bad("glyf", e))?,
        ))
    } else if font.table_data(Tag::new(b"CFF ")).is_some() {
        font.cff().map_err(|e| bad("CFF", e))?;
        None
    } else if font.table_data(Tag::new(b"CFF2")).is_some() {
        None
    } else {
        return Err(FontProblem::Damaged(
            "has no glyph outlines (no `glyf`, `CFF` or `CFF2` table)".into(),
        ));
    };
    let mut missing = String::new();
    for c in REQUIRED_CHARS.chars() {
        let Some(gid) = cmap.map_codepoint(c) else {
            if main_face {
                missing.push(c);
            }
            continue;
        };
        if gid.to_u32() >= u32::from(num_glyphs) {
            return Err(FontProblem::Damaged(format!(
                "maps `{c}` to glyph {gid}, but has only {num_glyphs} glyphs"
            )));
        }
        if let Some((loca, glyf)) = &outlines
            && loca.get_glyf(gid, glyf).is_err()
        {
            return Err(FontProblem::Damaged(format!(
                "has an unreadable outline for `{c}` (glyph {gid}): the file is cut short or damaged"
            )));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(FontProblem::Missing(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_set_covers_latin_and_has_metrics() {
        let set = builtin_fonts();
        let r = set.face(FaceId::Regular);
        assert!(r.covers('é') && r.covers('€') && r.covers('–'));
        assert!(!r.covers('ก'), "Noto Sans has no Thai");
        assert!(
            r.ascender > 0.9 && r.descender < -0.2,
            "{} {}",
            r.ascender,
            r.descender
        );
        assert!(r.cap_height > 0.6 && r.cap_height < 0.8);
        assert_eq!(set.face_for(FaceId::Bold, 'ก'), None);
        // The same set is shared, not parsed again.
        assert!(Arc::ptr_eq(&set, &builtin_fonts()));
    }
}
