//! Fingerprints of source texts, to tell when a translation's source has
//! changed (gettext's "fuzzy").
//!
//! A fingerprint is the first 8 hex digits of the SHA-256 of the source
//! text with its whitespace collapsed (runs of spaces, tabs and line breaks
//! become one space; the ends are trimmed): re-wrapping a paragraph in the
//! profile does not make its translations stale, changing a word does.
//! 32 bits tell edits of one text apart; they are no security measure.

use sha2::{Digest, Sha256};

/// Length of a fingerprint in hex digits.
pub const LEN: usize = 8;

/// The fingerprint of a source text.
pub fn fingerprint(source: &str) -> String {
    let collapsed = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let digest = Sha256::digest(collapsed.as_bytes());
    digest[..LEN / 2]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `s` looks like a fingerprint (8 lower-case hex digits).
pub fn is_fingerprint(s: &str) -> bool {
    s.len() == LEN
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_short_and_whitespace_blind() {
        // `printf Bolivia | sha256sum` begins 9621c073.
        let f = fingerprint("Bolivia");
        assert_eq!(f, "9621c073");
        assert_eq!(f, fingerprint("  Bolivia\n"));
        assert_eq!(fingerprint("a  b\n c"), fingerprint("a b c"));
        assert_ne!(fingerprint("a b c"), fingerprint("a b d"));
        assert!(!is_fingerprint("XYZ"));
    }
}
