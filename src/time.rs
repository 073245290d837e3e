//! Dates for document properties, from SOURCE_DATE_EPOCH (seconds since
//! 1970 in UTC). Only this one date is ever written, so outputs never
//! depend on the clock.

/// The last second of 9999: later dates have five-digit years, which
/// neither PDF dates nor W3CDTF (DOCX) can hold.
pub const MAX_EPOCH: i64 = 253_402_300_799;

/// A SOURCE_DATE_EPOCH value: whole seconds from 0 to [`MAX_EPOCH`]. The
/// error completes "SOURCE_DATE_EPOCH …".
pub fn parse_epoch(text: &str) -> Result<i64, String> {
    let shown: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| format!("is `{shown}`, not a whole number of seconds"))?;
    if !(0..=MAX_EPOCH).contains(&n) {
        return Err(format!(
            "is {n}, outside the dates a document can carry (1970 to 9999)"
        ));
    }
    Ok(n)
}

/// Seconds since 1970 of midnight UTC on a calendar date (proleptic
/// Gregorian calendar; `month` 1-12, `day` 1-31).
pub fn epoch_of_date(year: i64, month: u8, day: u8) -> i64 {
    // Howard Hinnant's days-from-civil algorithm.
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// A UTC calendar date and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcDateTime {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl UtcDateTime {
    /// The date of a Unix timestamp (proleptic Gregorian calendar).
    pub fn from_epoch(seconds: i64) -> UtcDateTime {
        let days = seconds.div_euclid(86_400);
        let secs = seconds.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        UtcDateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    /// ISO 8601 with a Z, as W3CDTF in DOCX core properties wants it.
    pub fn iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(UtcDateTime::from_epoch(0).iso8601(), "1970-01-01T00:00:00Z");
        assert_eq!(
            UtcDateTime::from_epoch(951_782_400).iso8601(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            UtcDateTime::from_epoch(1_700_000_000).iso8601(),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(
            UtcDateTime::from_epoch(MAX_EPOCH).iso8601(),
            "9999-12-31T23:59:59Z"
        );
    }

    #[test]
    fn dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2021, 6, 30), (9999, 12, 31)] {
            let t = UtcDateTime::from_epoch(epoch_of_date(y, m, d));
            assert_eq!((t.year, t.month, t.day, t.hour), (y, m, d, 0));
        }
    }

    #[test]
    fn epochs_are_checked() {
        assert_eq!(parse_epoch(" 1700000000\n"), Ok(1_700_000_000));
        assert!(parse_epoch("abc").unwrap_err().contains("`abc`"));
        assert!(parse_epoch("-1").unwrap_err().contains("1970 to 9999"));
        assert!(parse_epoch("253402300800").is_err());
        assert!(parse_epoch("99999999999999999999").is_err());
    }
}
