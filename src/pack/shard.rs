//! `--shard K/N`: one of N deterministic parts of the per-country work,
//! for CI matrix jobs on several machines. Work items (a country in a
//! locale) are dealt out in pack order, round-robin, so that every item
//! falls in exactly one shard and the shards differ in size by one item
//! at most.

use std::fmt;
use std::str::FromStr;

/// Shard `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Whether item number `i` (0-based, in pack order) is this shard's.
    pub fn holds(self, i: usize) -> bool {
        i % self.count == self.index - 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let usage = || format!("`{s}` is not a shard: write K/N, like 2/4 (the second of four)");
        let (k, n) = s.split_once('/').ok_or_else(usage)?;
        let index: usize = k.trim().parse().map_err(|_| usage())?;
        let count: usize = n.trim().parse().map_err(|_| usage())?;
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "shard {s}: K must be from 1 to N, and N at least 1 (like 2/4)"
            ));
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_in_exactly_one_shard() {
        for count in 1..=7 {
            for items in 0..30 {
                let mut seen = vec![0; items];
                for index in 1..=count {
                    let s = Shard { index, count };
                    let mine: Vec<usize> = (0..items).filter(|&i| s.holds(i)).collect();
                    assert!(mine.len() <= items.div_ceil(count));
                    for i in mine {
                        seen[i] += 1;
                    }
                }
                assert!(
                    seen.iter().all(|&n| n == 1),
                    "{count} shards, {items} items"
                );
            }
        }
    }

    #[test]
    fn parsing() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "a/b", "3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
