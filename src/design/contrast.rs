//! Contrast of every text colour against the background it is set on
//! (WCAG 2.1): text must reach 4.5:1, large text 3:1, or people with low
//! vision cannot read it, and neither can a grey photocopy.

use super::{DesignProblem, Paint, Role, TypeScale};
use crate::fonts::FaceId;
use crate::theme::{Color, Theme};

/// What each kind of text is set on.
fn background(role: Role) -> Option<Paint> {
    match role {
        Role::Kicker | Role::Title | Role::CalloutLabel | Role::CalloutAmount => {
            Some(Paint::Accent)
        }
        Role::IndicatorLabel | Role::IndicatorValue | Role::IndicatorDetail => Some(Paint::Panel),
        // On the paper.
        _ => None,
    }
}

fn color(theme: &Theme, p: Paint) -> Color {
    p.color(&theme.colors)
}

fn key(p: Paint) -> &'static str {
    match p {
        Paint::Accent => "accent",
        Paint::Highlight => "highlight",
        Paint::Text => "text",
        Paint::Muted => "muted",
        Paint::Panel => "panel",
        Paint::OnAccent => "on_accent",
        Paint::Rule => "rule",
    }
}

/// WCAG relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

/// The contrast ratio of two colours, from 1 to 21.
pub fn ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Every role whose colour does not stand out enough from its background.
pub(super) fn check(theme: &Theme, scale: &TypeScale, out: &mut Vec<DesignProblem>) {
    let paper = [0xff, 0xff, 0xff];
    let mut seen: Vec<(Paint, Option<Paint>)> = Vec::new();
    for role in Role::ALL {
        let style = scale.get(role);
        let bold = matches!(style.face, FaceId::Bold | FaceId::BoldItalic);
        // WCAG's large text: 18 pt, or 14 pt bold.
        let large = style.size.0 >= 18.0 || (bold && style.size.0 >= 14.0);
        let need = if large { 3.0 } else { 4.5 };
        let bg = background(role);
        let fg = style.paint;
        let r = ratio(
            color(theme, fg).rgb,
            bg.map_or(paper, |b| color(theme, b).rgb),
        );
        if r + 1e-9 < need && !seen.contains(&(fg, bg)) {
            seen.push((fg, bg));
            let on = bg.map_or("the white page".to_string(), |b| format!("`{}`", key(b)));
            out.push(DesignProblem {
                message: format!(
                    "`{}` text on {on} has a contrast of {r:.2}:1; {} needs at least {need}:1",
                    key(fg),
                    if large {
                        "large text"
                    } else {
                        "text of this size"
                    }
                ),
                help: format!(
                    "make `{}` under [colors] darker or lighter against {on} (WCAG 2.1 AA)",
                    key(fg)
                ),
                at: theme.loc(&format!("colors.{}", key(fg))),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag() {
        assert!((ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        // The kicker's old yellow on the accent, and the new one.
        let accent = [0x0b, 0x5d, 0x7a];
        assert!((ratio([0xf2, 0xa9, 0x00], accent) - 3.65).abs() < 0.01);
        assert!((ratio([0xff, 0xd1, 0x66], accent) - 5.09).abs() < 0.01);
    }

    #[test]
    fn the_default_theme_passes_and_a_pale_one_fails() {
        let theme = Theme::default();
        let mut out = Vec::new();
        check(&theme, &TypeScale::new(&theme), &mut out);
        assert!(out.is_empty(), "{out:?}");
        let mut pale = Theme::default();
        pale.colors.highlight = Color::new([0, 30, 100, 5], [0xf2, 0xa9, 0x00]);
        let mut out = Vec::new();
        check(&pale, &TypeScale::new(&pale), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].message.contains("highlight"), "{out:?}");
    }
}
