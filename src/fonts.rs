//! Fonts: parsed once per process and shared by every document and thread.
//! Each face carries what shaping needs (a harfrust font and its cached
//! shape plans), its metrics and its bytes. The module knows no output
//! format: the layout shapes with it, and the PDF writer embeds the bytes
//! (through a krilla font of its own, made once per face: krilla reads
//! fonts with another version of read-fonts than harfrust, so the two
//! cannot share one parse).

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use harfrust::{Direction, Language, Script, ShapePlan};

use crate::theme::FontFiles;

/// Which face of the set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// For characters the main faces lack.
    Fallback,
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

    fn index(self) -> usize {
        self as usize
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
    /// Top and bottom of glyphs' ink in em (y up), as they are asked for.
    ink: Mutex<HashMap<u32, (f32, f32)>>,
}

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
            ink: Mutex::new(HashMap::new()),
        })
    }

    /// The highest and lowest ink of `glyphs`, in em above the baseline
    /// (the lowest is negative below it): what a line really takes up,
    /// whatever the font's line metrics say.
    pub fn ink_extent(&self, glyphs: impl Iterator<Item = u32>) -> (f64, f64) {
        let mut cache = self.ink.lock().unwrap_or_else(|e| e.into_inner());
        let mut shaper: Option<harfrust::ShaperFont<'_, '_>> = None;
        let (mut top, mut bottom) = (0.0_f32, 0.0_f32);
        for id in glyphs {
            let (t, b) = *cache.entry(id).or_insert_with(|| {
                let s = shaper.get_or_insert_with(|| harfrust::ShaperFont::new(&self.shaper));
                let upem = self.units_per_em as f32;
                s.glyph_extents(harfrust::GlyphId::new(id))
                    .map_or((0.0, 0.0), |e| {
                        let t = e.y_bearing as f32 / upem;
                        (t, t + e.height as f32 / upem)
                    })
            });
            top = top.max(t);
            bottom = bottom.min(b);
        }
        (f64::from(top), f64::from(bottom))
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
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
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
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
    faces: [Option<Face>; 5],
    /// The family name (DOCX styles, PDF metadata).
    pub family: String,
}

impl FontSet {
    pub fn face(&self, id: FaceId) -> &Face {
        self.faces[id.index()]
            .as_ref()
            .or(self.faces[FaceId::Regular.index()].as_ref())
            .expect("a font set always has a regular face")
    }

    /// The faces the set holds.
    pub fn faces(&self) -> impl Iterator<Item = &Face> {
        self.faces.iter().flatten()
    }

    pub fn has(&self, id: FaceId) -> bool {
        self.faces[id.index()].is_some()
    }

    /// The face to set `c` in when the style asks for `want`: the style's
    /// face if it covers `c`, else the fallback if that does.
    pub fn face_for(&self, want: FaceId, c: char) -> Option<FaceId> {
        if self.face(want).covers(c) {
            Some(want)
        } else if self.has(FaceId::Fallback) && self.face(FaceId::Fallback).covers(c) {
            Some(FaceId::Fallback)
        } else {
            None
        }
    }
}

static NOTO_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static NOTO_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
static NOTO_ITALIC: &[u8] = include_bytes!("../fonts/NotoSans-Italic.ttf");
static NOTO_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/NotoSans-BoldItalic.ttf");

fn builtin(id: FaceId) -> (&'static str, &'static [u8]) {
    match id {
        FaceId::Regular | FaceId::Fallback => ("NotoSans-Regular.ttf", NOTO_REGULAR),
        FaceId::Bold => ("NotoSans-Bold.ttf", NOTO_BOLD),
        FaceId::Italic => ("NotoSans-Italic.ttf", NOTO_ITALIC),
        FaceId::BoldItalic => ("NotoSans-BoldItalic.ttf", NOTO_BOLD_ITALIC),
    }
}

/// The built-in Noto Sans set, parsed on first use.
pub fn builtin_fonts() -> Arc<FontSet> {
    static SET: OnceLock<Arc<FontSet>> = OnceLock::new();
    SET.get_or_init(|| {
        let face = |id| {
            let (name, data) = builtin(id);
            Some(Face::parse(name, Arc::new(data)).expect("the built-in fonts parse"))
        };
        Arc::new(FontSet {
            faces: [
                face(FaceId::Regular),
                face(FaceId::Bold),
                face(FaceId::Italic),
                face(FaceId::BoldItalic),
                None,
            ],
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
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(k, _)| *k == key)
    {
        return Ok(set.clone());
    }
    let load = |id: FaceId, path: &Option<std::path::PathBuf>| -> Result<Option<Face>, String> {
        match path {
            Some(p) => Ok(Some(load_face(p)?)),
            None if id == FaceId::Fallback => Ok(None),
            None => {
                let (name, data) = builtin(id);
                Face::parse(name, Arc::new(data)).map(Some)
            }
        }
    };
    let set = Arc::new(FontSet {
        faces: [
            load(FaceId::Regular, &files.regular)?,
            load(FaceId::Bold, &files.bold)?,
            load(FaceId::Italic, &files.italic)?,
            load(FaceId::BoldItalic, &files.bold_italic)?,
            load(FaceId::Fallback, &files.fallback)?,
        ],
        family: files.family.clone(),
    });
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((key, set.clone()));
    Ok(set)
}

fn load_face(path: &Path) -> Result<Face, String> {
    let data =
        std::fs::read(path).map_err(|e| format!("cannot read the font {}: {e}", path.display()))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("font")
        .to_string();
    Face::parse(&name, Arc::new(data))
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
