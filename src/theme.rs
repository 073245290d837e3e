//! The theme: the house style shared by every factsheet of a report pack
//! (colours, fonts, type sizes, page geometry, the organisation and its
//! logo). A profile builds without one: [`Theme::default`] is the style of
//! the bundled example. A `theme.toml` overrides any part of it.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::input::table::refuse_hidden;
use crate::input::{Spanned, TableReader, parse_toml, read_source};
use crate::units::{Mm, Pt};

/// A colour as print and screen need it: CMYK for offset printing, RGB
/// for screens. Both are given by the designer, not converted by us:
/// a naive conversion is what makes print colours look wrong.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    /// Percent, 0-100.
    pub cmyk: [u8; 4],
    pub rgb: [u8; 3],
}

impl Color {
    pub const fn new(cmyk: [u8; 4], rgb: [u8; 3]) -> Self {
        Color { cmyk, rgb }
    }

    pub fn hex(&self) -> String {
        format!("{:02X}{:02X}{:02X}", self.rgb[0], self.rgb[1], self.rgb[2])
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Colors {
    /// Title band, headings, call-out background.
    pub accent: Color,
    /// Line above the title, the call-out's edge.
    pub highlight: Color,
    /// Running text.
    pub text: Color,
    /// Notes, sources, footer.
    pub muted: Color,
    /// Background of the indicator boxes.
    pub panel: Color,
    /// Text on the accent colour.
    pub on_accent: Color,
    /// Thin rules (footnote separator, footer line).
    pub rule: Color,
}

/// The font files a theme names (defined with the fonts, which load them).
pub use crate::fonts::FontFiles;

/// Type sizes in points.
#[derive(Clone, Debug, PartialEq)]
pub struct Sizes {
    pub body: Pt,
    /// Line height as a multiple of the type size.
    pub leading: f64,
    pub title: Pt,
    pub kicker: Pt,
    pub heading: Pt,
    pub indicator_heading: Pt,
    pub indicator_label: Pt,
    pub indicator_value: Pt,
    pub indicator_detail: Pt,
    pub callout_label: Pt,
    pub callout_amount: Pt,
    pub footnote: Pt,
    pub footer: Pt,
}

/// Page geometry. The page is A4; `bleed` is the extra printed around it.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub margin_top: Mm,
    pub margin_bottom: Mm,
    pub margin_left: Mm,
    pub margin_right: Mm,
    pub column_gap: Mm,
    pub columns: u8,
    pub bleed: Mm,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TextStyle {
    /// Justified (true) or ragged-right running text.
    pub justify: bool,
    pub hyphenate: bool,
    /// Typographic quotes and dashes from straight ones.
    pub smart_quotes: bool,
    /// Labels and headings set in capitals by the style (the text stays as written).
    pub uppercase_labels: bool,
}

/// Copyfitting: how many pages a factsheet is meant to take, and how far
/// its running text may be set tighter to stay within them (see
/// `pipeline::fit`).
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The pages a factsheet should take; 0 leaves it at its natural
    /// length.
    pub pages: usize,
    /// The tightest leading, as a multiple of the type size.
    pub min_leading: f64,
    /// The smallest size of running text and headings.
    pub min_body: Pt,
}

pub use crate::assets::Logo;

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// The organisation publishing the factsheets (document author).
    pub organisation: String,
    pub logo: Option<Logo>,
    pub colors: Colors,
    pub fonts: FontFiles,
    pub sizes: Sizes,
    pub page: Page,
    pub text: TextStyle,
    pub fit: Fit,
    /// Where each value was set in the theme file, by its dotted key
    /// (`sizes.footer`): for problems found later to point at.
    pub places: Vec<(String, Loc)>,
}

impl Theme {
    /// The place in the theme file that set `key` (`"sizes.footer"`).
    pub fn loc(&self, key: &str) -> Option<Loc> {
        self.places
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| l.clone())
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            organisation: "Down to Zero Alliance".into(),
            logo: None,
            colors: Colors {
                accent: Color::new([91, 24, 0, 52], [0x0b, 0x5d, 0x7a]),
                highlight: Color::new([0, 18, 65, 0], [0xff, 0xd1, 0x66]),
                text: Color::new([0, 0, 0, 90], [0x19, 0x19, 0x19]),
                muted: Color::new([0, 0, 0, 65], [0x5a, 0x5a, 0x5a]),
                panel: Color::new([8, 3, 0, 6], [0xe2, 0xec, 0xf0]),
                on_accent: Color::new([0, 0, 0, 0], [0xff, 0xff, 0xff]),
                rule: Color::new([0, 0, 0, 30], [0xb4, 0xb4, 0xb4]),
            },
            fonts: FontFiles {
                family: "Noto Sans".into(),
                ..FontFiles::default()
            },
            sizes: Sizes {
                body: Pt(9.5),
                leading: 1.3,
                title: Pt(30.0),
                kicker: Pt(8.5),
                heading: Pt(9.5),
                indicator_heading: Pt(9.0),
                indicator_label: Pt(7.5),
                indicator_value: Pt(17.0),
                indicator_detail: Pt(7.0),
                callout_label: Pt(8.0),
                callout_amount: Pt(20.0),
                footnote: Pt(7.0),
                footer: Pt(7.5),
            },
            page: Page {
                margin_top: Mm(14.0),
                margin_bottom: Mm(16.0),
                margin_left: Mm(16.0),
                margin_right: Mm(16.0),
                column_gap: Mm(6.0),
                columns: 2,
                bleed: Mm(3.0),
            },
            text: TextStyle {
                justify: true,
                hyphenate: true,
                smart_quotes: true,
                uppercase_labels: true,
            },
            fit: Fit {
                pages: 0,
                min_leading: 1.2,
                min_body: Pt(8.5),
            },
            places: Vec::new(),
        }
    }
}

/// The most pages a factsheet may be fitted to (`[fit] pages` in a
/// theme, `pages` in a profile).
const MAX_FIT_PAGES: i64 = 20;

/// A count of pages to fit to, read as `pages`: from 0 to
/// [`MAX_FIT_PAGES`], or an error at its place with `help`.
pub fn fit_pages(d: &mut Diagnostics, v: Spanned<i64>, help: &str) -> Option<usize> {
    if (0..=MAX_FIT_PAGES).contains(&v.value) {
        return usize::try_from(v.value).ok();
    }
    d.push(
        Diagnostic::error(
            "out-of-range",
            format!(
                "`pages` is {}; it must be from 0 to {MAX_FIT_PAGES}",
                v.value
            ),
        )
        .at(v.span, "out of range")
        .help(help),
    );
    None
}

/// Load a theme file over the defaults. Asset paths (logo, fonts) must
/// exist inside the theme's folder.
pub fn load_theme(path: &Path) -> (Option<Theme>, Diagnostics) {
    let file = match read_source(path) {
        Ok(f) => f,
        Err(d) => return (None, d),
    };
    let mut diags = Diagnostics::new(file.clone());
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let Some(doc) = parse_toml(&file.text, &mut diags) else {
        return (None, diags);
    };
    let mut theme = Theme::default();
    let shared = Arc::new(file.clone());
    let mut root = TableReader::new(doc.get_ref(), 0..0, "the theme");
    let d = &mut diags;
    if let Some(mut t) = root.table(d, "organisation", "[organisation] with name = \"…\"") {
        if let Some(name) = t.string(d, "name", "name = \"Down to Zero Alliance\"")
            && refuse_hidden(d, "name", &name)
        {
            theme.organisation = name.value;
        }
        let logo = t.string(d, "logo", "logo = \"assets/logo.png\"");
        let alt = t
            .string(d, "logo_alt", "logo_alt = \"Organisation logo\"")
            .filter(|a| refuse_hidden(d, "logo_alt", a));
        if let Some(a) = alt.as_ref().filter(|a| a.value.trim().is_empty()) {
            d.push(
                Diagnostic::error("empty-alt-text", "`logo_alt` is empty")
                    .at(a.span.clone(), "empty")
                    .help("describe the logo in a few words (screen readers read it out), or remove the line to get \"<organisation> logo\""),
            );
        }
        if let Some(logo) = logo
            && let Some(p) = asset(d, &base, &logo, &["png", "jpg", "jpeg"])
        {
            let alt = alt
                .map(|a| a.value.trim().to_string())
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| format!("{} logo", theme.organisation));
            match crate::assets::load_logo(&p, &alt) {
                Ok(l) => theme.logo = Some(l),
                Err(e) => d.push(
                    Diagnostic::error("bad-logo", e.message)
                        .at(logo.span.clone(), "this logo")
                        .help(e.help),
                ),
            }
        }
        t.finish(d);
    }
    if let Some(mut t) = root.table(
        d,
        "colors",
        "[colors] with accent = { cmyk = [91, 24, 0, 52], rgb = \"#0b5d7a\" }",
    ) {
        let c = &mut theme.colors;
        for (key, slot) in [
            ("accent", &mut c.accent),
            ("highlight", &mut c.highlight),
            ("text", &mut c.text),
            ("muted", &mut c.muted),
            ("panel", &mut c.panel),
            ("on_accent", &mut c.on_accent),
            ("rule", &mut c.rule),
        ] {
            if let Some((v, span)) = color(d, &mut t, key) {
                *slot = v;
                theme
                    .places
                    .push((format!("colors.{key}"), Loc::new(&shared, span)));
            }
        }
        t.finish(d);
    }
    if let Some(mut t) = root.table(d, "fonts", "[fonts] with regular = \"fonts/X-Regular.ttf\"") {
        let f = &mut theme.fonts;
        for (key, slot) in [
            ("regular", &mut f.regular),
            ("bold", &mut f.bold),
            ("italic", &mut f.italic),
            ("bold_italic", &mut f.bold_italic),
            ("fallback", &mut f.fallback),
        ] {
            if let Some(v) = t.string(d, key, "regular = \"fonts/MyFont-Regular.ttf\"") {
                *slot = asset(d, &base, &v, &["ttf", "otf"]);
                if let Some(path) = slot.as_deref()
                    && let Err(e) = crate::fonts::check_font_file(path, key != "fallback")
                {
                    d.push(
                        Diagnostic::error("bad-font", e.message)
                            .at(v.span.clone(), "this font")
                            .help(e.help),
                    );
                    *slot = None;
                }
            }
        }
        if let Some(v) = t.string(d, "family", "family = \"Noto Sans\"")
            && refuse_hidden(d, "family", &v)
        {
            f.family = v.value;
        }
        t.finish(d);
    }
    if let Some(mut t) = root.table(d, "sizes", "[sizes] with body = 9.5") {
        let s = &mut theme.sizes;
        for (key, slot, min) in [
            ("body", &mut s.body, 6.0),
            ("title", &mut s.title, 6.0),
            ("kicker", &mut s.kicker, 6.0),
            ("heading", &mut s.heading, 6.0),
            ("indicator_heading", &mut s.indicator_heading, 6.0),
            ("indicator_label", &mut s.indicator_label, 6.0),
            ("indicator_value", &mut s.indicator_value, 6.0),
            ("indicator_detail", &mut s.indicator_detail, 6.0),
            ("callout_label", &mut s.callout_label, 6.0),
            ("callout_amount", &mut s.callout_amount, 6.0),
            ("footnote", &mut s.footnote, 6.0),
            ("footer", &mut s.footer, 6.0),
        ] {
            if let Some((v, span)) = bounded(d, &mut t, key, min, 96.0, "points") {
                *slot = Pt(v);
                theme
                    .places
                    .push((format!("sizes.{key}"), Loc::new(&shared, span)));
            }
        }
        if let Some((v, _)) = bounded(d, &mut t, "leading", 1.0, 3.0, "times the type size") {
            s.leading = v;
        }
        t.finish(d);
    }
    if let Some(mut t) = root.table(d, "page", "[page] with margin_top = 14") {
        let p = &mut theme.page;
        for (key, slot, min, max) in [
            ("margin_top", &mut p.margin_top, 5.0, 80.0),
            ("margin_bottom", &mut p.margin_bottom, 8.0, 80.0),
            ("margin_left", &mut p.margin_left, 5.0, 60.0),
            ("margin_right", &mut p.margin_right, 5.0, 60.0),
            ("column_gap", &mut p.column_gap, 2.0, 30.0),
            ("bleed", &mut p.bleed, 0.0, 10.0),
        ] {
            if let Some((v, span)) = bounded(d, &mut t, key, min, max, "millimetres") {
                *slot = Mm(v);
                theme
                    .places
                    .push((format!("page.{key}"), Loc::new(&shared, span)));
            }
        }
        if let Some(v) = t.integer(d, "columns", "columns = 2") {
            if (1..=3).contains(&v.value) {
                p.columns = v.value as u8;
            } else {
                d.push(
                    Diagnostic::error(
                        "out-of-range",
                        format!("`columns` is {}; it must be 1, 2 or 3", v.value),
                    )
                    .at(v.span, "out of range")
                    .help("an A4 factsheet has room for one to three columns of running text"),
                );
            }
        }
        t.finish(d);
    }
    if let Some(mut t) = root.table(d, "text", "[text] with justify = true") {
        let x = &mut theme.text;
        for (key, slot) in [
            ("justify", &mut x.justify),
            ("hyphenate", &mut x.hyphenate),
            ("smart_quotes", &mut x.smart_quotes),
            ("uppercase_labels", &mut x.uppercase_labels),
        ] {
            if let Some(v) = t.boolean(d, key, "justify = true") {
                *slot = v.value;
            }
        }
        t.finish(d);
    }
    if let Some(mut t) = root.table(d, "fit", "[fit] with pages = 1") {
        let f = &mut theme.fit;
        if let Some(v) = t.integer(d, "pages", "pages = 1") {
            let span = v.span.clone();
            let help = "the pages a factsheet should take, 1 for a one-page factsheet; 0 leaves every factsheet at its natural length";
            if let Some(pages) = fit_pages(d, v, help) {
                f.pages = pages;
                theme
                    .places
                    .push(("fit.pages".into(), Loc::new(&shared, span)));
            }
        }
        if let Some((v, span)) = bounded(d, &mut t, "min_leading", 1.0, 3.0, "times the type size")
        {
            f.min_leading = v;
            theme
                .places
                .push(("fit.min_leading".into(), Loc::new(&shared, span)));
        }
        if let Some((v, span)) = bounded(d, &mut t, "min_body", 6.0, 96.0, "points") {
            f.min_body = Pt(v);
            theme
                .places
                .push(("fit.min_body".into(), Loc::new(&shared, span)));
        }
        t.finish(d);
    }
    root.finish(d);
    diags.sort();
    if diags.has_errors() {
        (None, diags)
    } else {
        (Some(theme), diags)
    }
}

/// A colour: `{ cmyk = [c, m, y, k], rgb = "#rrggbb" }`.
fn color(
    d: &mut Diagnostics,
    t: &mut TableReader<'_, '_>,
    key: &'static str,
) -> Option<(Color, std::ops::Range<usize>)> {
    let example = "accent = { cmyk = [91, 24, 0, 52], rgb = \"#0b5d7a\" }";
    let mut c = t.table(d, key, example)?;
    let cmyk = c.array(d, "cmyk", "cmyk = [91, 24, 0, 52]");
    let rgb = c.string(d, "rgb", "rgb = \"#0b5d7a\"");
    let span = c.span();
    if cmyk.is_none() || rgb.is_none() {
        d.push(
            Diagnostic::error(
                "incomplete-color",
                format!("colour `{key}` needs both `cmyk` and `rgb`"),
            )
            .at(span.clone(), "incomplete colour")
            .help(format!(
                "print uses CMYK and screens RGB; give both, like `{example}`"
            )),
        );
    }
    c.finish(d);
    let (items, cmyk_span) = cmyk?;
    let mut values = Vec::new();
    for item in items {
        match item.get_ref() {
            toml::de::DeValue::Integer(i) => {
                values.push(i64::from_str_radix(i.as_str(), i.radix()).unwrap_or(-1));
            }
            toml::de::DeValue::Float(f) => {
                // 91.0 is a whole percentage; 91.5 would be cut to 91 by
                // every print workflow, so it is refused, not rounded.
                let v = f.as_str().replace('_', "").parse::<f64>().unwrap_or(-1.0);
                if v.fract() != 0.0 {
                    d.push(
                        Diagnostic::error(
                            "bad-color",
                            format!("`cmyk` of `{key}` holds {v}, not a whole percentage"),
                        )
                        .at(item.span(), "not a whole number")
                        .help(format!(
                            "CMYK values are whole percentages from 0 to 100: write {} or {}",
                            v.floor(),
                            v.ceil()
                        )),
                    );
                    return None;
                }
                values.push(v as i64);
            }
            _ => values.push(-1),
        }
    }
    if values.len() != 4 || values.iter().any(|v| !(0..=100).contains(v)) {
        d.push(
            Diagnostic::error(
                "bad-color",
                format!("`cmyk` of `{key}` must be four percentages from 0 to 100"),
            )
            .at(cmyk_span, "expected [cyan, magenta, yellow, black]")
            .help("for example cmyk = [91, 24, 0, 52]"),
        );
        return None;
    }
    let rgb = rgb?;
    let hex = rgb.value.trim().trim_start_matches('#');
    let parsed = (hex.len() == 6)
        .then(|| u32::from_str_radix(hex, 16).ok())
        .flatten();
    let Some(n) = parsed else {
        d.push(
            Diagnostic::error(
                "bad-color",
                format!("`rgb` of `{key}` is not a #rrggbb colour"),
            )
            .at(rgb.span, "expected six hex digits")
            .help("for example rgb = \"#0b5d7a\""),
        );
        return None;
    };
    Some((
        Color {
            cmyk: [
                values[0] as u8,
                values[1] as u8,
                values[2] as u8,
                values[3] as u8,
            ],
            rgb: [(n >> 16) as u8, (n >> 8) as u8, n as u8],
        },
        span,
    ))
}

fn bounded(
    d: &mut Diagnostics,
    t: &mut TableReader<'_, '_>,
    key: &'static str,
    min: f64,
    max: f64,
    unit: &str,
) -> Option<(f64, std::ops::Range<usize>)> {
    let v = t.number(d, key, &format!("{key} = {min}"))?;
    if v.value.is_finite() && (min..=max).contains(&v.value) {
        return Some((v.value, v.span));
    }
    d.push(
        Diagnostic::error(
            "out-of-range",
            format!(
                "`{key}` is {}; it must be from {min} to {max} {unit}",
                v.value
            ),
        )
        .at(v.span, "out of range")
        .help(if unit == "points" && min >= 6.0 {
            "print shops need type of at least 6 pt; 8 pt or more reads well".to_string()
        } else {
            format!("use a value from {min} to {max}")
        }),
    );
    None
}

/// Resolve an asset path written in a file of `base`: it must exist, stay
/// inside `base` (a report folder is shipped as a whole; a path out of it
/// breaks on the next machine) and have one of the `kinds` of extension.
pub fn asset(
    d: &mut Diagnostics,
    base: &Path,
    v: &Spanned<String>,
    kinds: &[&str],
) -> Option<PathBuf> {
    // A theme named by its bare file name (`--theme theme.toml`) has an
    // empty parent: the current folder.
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let rel = Path::new(v.value.trim());
    let joined = base.join(rel);
    let found = match joined.canonicalize() {
        Ok(found) => found,
        Err(e) if crate::input::file::is_loop(&e) => {
            d.push(
                Diagnostic::error(
                    "unreadable-file",
                    format!(
                        "`{}` cannot be opened: too many levels of symbolic links (a symlink loop)",
                        v.value
                    ),
                )
                .at(v.span.clone(), "symlink loop")
                .help("the link points, directly or through others, back at itself: point it at the real file"),
            );
            return None;
        }
        Err(_) => {
            d.push(
                Diagnostic::error("missing-asset", format!("`{}` does not exist", v.value))
                    .at(v.span.clone(), "no such file")
                    .help(format!(
                        "paths are relative to {}; put the file there or correct the path",
                        display_dir(base)
                    )),
            );
            return None;
        }
    };
    let inside = base.canonicalize().is_ok_and(|b| found.starts_with(b));
    if !inside {
        d.push(
            Diagnostic::error("asset-outside", format!("`{}` is outside the reports folder", v.value))
                .at(v.span.clone(), "outside the folder")
                .help(format!(
                    "copy the file into {} and give its path from there, so the folder works on any machine",
                    display_dir(base)
                )),
        );
        return None;
    }
    let ext = found
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if let Ok(meta) = std::fs::metadata(&found)
        && !meta.is_file()
    {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a FIFO, socket or device)"
        };
        d.push(
            Diagnostic::error("not-a-regular-file", format!("`{}` is {what}", v.value))
                .at(v.span.clone(), "not a file")
                .help(format!("name a {} file", kinds.join(" or "))),
        );
        return None;
    }
    if !kinds.contains(&ext.as_str()) {
        d.push(
            Diagnostic::error(
                "bad-asset",
                format!("`{}` is not a {} file", v.value, kinds.join(" or ")),
            )
            .at(v.span.clone(), "unsupported file type")
            .help(format!("use a {} file", kinds.join(" or "))),
        );
        return None;
    }
    Some(found)
}

fn display_dir(base: &Path) -> String {
    if base.as_os_str().is_empty() || base == Path::new(".") {
        "the current folder".into()
    } else {
        format!("the folder {}", base.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_reference_style() {
        let t = Theme::default();
        assert_eq!(t.colors.accent.hex(), "0B5D7A");
        assert_eq!(t.page.columns, 2);
        assert!(t.sizes.footnote.0 >= 6.0);
    }
}
