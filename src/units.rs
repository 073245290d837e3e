//! Lengths. Layout works in PostScript points (1/72 inch) as `Pt`; people
//! write page geometry in millimetres (`Mm`). Keeping the two apart as types
//! stops a margin in mm from being added to a position in pt by accident.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Points per millimetre: 72 / 25.4.
const PT_PER_MM: f64 = 72.0 / 25.4;

/// A length in PostScript points.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f64);

/// A length in millimetres.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Mm(pub f64);

impl Pt {
    pub const ZERO: Pt = Pt(0.0);

    pub fn get(self) -> f64 {
        self.0
    }

    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }

    pub fn abs(self) -> Pt {
        Pt(self.0.abs())
    }

    pub fn to_mm(self) -> Mm {
        Mm(self.0 / PT_PER_MM)
    }

    /// Twentieths of a point, the unit of most WordprocessingML lengths.
    pub fn to_twips(self) -> i32 {
        (self.0 * 20.0).round() as i32
    }

    /// Half points, the unit of WordprocessingML font sizes.
    pub fn to_half_points(self) -> usize {
        (self.0 * 2.0).round().max(0.0) as usize
    }

    /// Eighths of a point, the unit of WordprocessingML border widths.
    pub fn to_eighth_points(self) -> usize {
        (self.0 * 8.0).round().max(0.0) as usize
    }

    /// English Metric Units (914400 per inch), the unit of DrawingML sizes.
    pub fn to_emu(self) -> u32 {
        (self.0 * 12700.0).round().max(0.0) as u32
    }
}

impl Mm {
    pub fn to_pt(self) -> Pt {
        Pt(self.0 * PT_PER_MM)
    }
}

impl From<Mm> for Pt {
    fn from(mm: Mm) -> Pt {
        mm.to_pt()
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}pt", self.0)
    }
}

impl fmt::Display for Mm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}mm", self.0)
    }
}

macro_rules! length_ops {
    ($t:ident) => {
        impl Add for $t {
            type Output = $t;
            fn add(self, rhs: $t) -> $t {
                $t(self.0 + rhs.0)
            }
        }
        impl Sub for $t {
            type Output = $t;
            fn sub(self, rhs: $t) -> $t {
                $t(self.0 - rhs.0)
            }
        }
        impl AddAssign for $t {
            fn add_assign(&mut self, rhs: $t) {
                self.0 += rhs.0;
            }
        }
        impl SubAssign for $t {
            fn sub_assign(&mut self, rhs: $t) {
                self.0 -= rhs.0;
            }
        }
        impl Neg for $t {
            type Output = $t;
            fn neg(self) -> $t {
                $t(-self.0)
            }
        }
        impl Mul<f64> for $t {
            type Output = $t;
            fn mul(self, rhs: f64) -> $t {
                $t(self.0 * rhs)
            }
        }
        impl Div<f64> for $t {
            type Output = $t;
            fn div(self, rhs: f64) -> $t {
                $t(self.0 / rhs)
            }
        }
        impl Div for $t {
            type Output = f64;
            fn div(self, rhs: $t) -> f64 {
                self.0 / rhs.0
            }
        }
        impl Sum for $t {
            fn sum<I: Iterator<Item = $t>>(iter: I) -> $t {
                $t(iter.map(|l| l.0).sum())
            }
        }
    };
}

length_ops!(Pt);
length_ops!(Mm);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_width_in_points() {
        assert!((Mm(210.0).to_pt().0 - 595.2756).abs() < 1e-3);
    }

    #[test]
    fn word_units() {
        assert_eq!(Pt(9.5).to_half_points(), 19);
        assert_eq!(Mm(16.0).to_pt().to_twips(), 907);
        assert_eq!(Pt(0.5).to_eighth_points(), 4);
        assert_eq!(Mm(25.4).to_pt().to_emu(), 914_400);
    }
}
