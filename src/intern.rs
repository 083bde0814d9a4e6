//! One copy of each text the loader reads (see `crate::domain::shared`).
//!
//! Plans are read on all cores, so the set is split into shards, each behind
//! its own lock, chosen by the text's hash: two threads rarely wait for each
//! other. The set only grows while files are read; [`forget`] empties it once
//! a load is done, so that it never keeps alive text the plans no longer hold.
//! Sharing is an economy, never a meaning: `Str`s compare by content.

use crate::domain::Str;
use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

type Hasher = foldhash::fast::FixedState;

const SHARDS: usize = 64;

/// Longer text (a pasted paragraph) is rarely printed twice; hashing it to
/// find out costs more than the copy saves.
const MAX_SHARED: usize = 512;

static SET: LazyLock<Vec<Mutex<HashSet<Str, Hasher>>>> =
    LazyLock::new(|| (0..SHARDS).map(|_| Mutex::default()).collect());

/// `s` as shared text: the copy already held if there is one.
pub fn str(s: &str) -> Str {
    if s.len() > MAX_SHARED {
        return Str::from(s);
    }
    let shard = &SET[shard_of(s)];
    // A poisoned shard only means another thread panicked mid-insert; the
    // set is a cache, and a fresh copy is always correct.
    let Ok(mut set) = shard.lock() else {
        return Str::from(s);
    };
    if let Some(held) = set.get(s) {
        return held.clone();
    }
    let new = Str::from(s);
    set.insert(new.clone());
    new
}

/// A shard for `s` from its length and ends: a lock to take, not a hash
/// table's slot (the set hashes `s` itself), so it need only spread texts
/// over the shards, not tell them apart.
fn shard_of(s: &str) -> usize {
    let b = s.as_bytes();
    let ends = match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => usize::from(f) * 7 + usize::from(l),
        _ => 0,
    };
    (b.len() * 31 + ends) % SHARDS
}

/// Empties the set: text is then held only by what was built from it.
pub fn forget() {
    for shard in SET.iter() {
        if let Ok(mut set) = shard.lock() {
            *set = HashSet::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_is_held_once() {
        // Another test's load may empty the set between two calls: the
        // same copy is given back on one of three tries.
        let shared = (0..3).any(|_| {
            let a = str("Ban Giám hiệu");
            let b = str(&String::from("Ban Giám hiệu"));
            assert_eq!(a, b);
            std::ptr::eq(a.as_str(), b.as_str())
        });
        assert!(shared);
        let long = "x".repeat(MAX_SHARED + 1);
        assert!(!std::ptr::eq(str(&long).as_str(), str(&long).as_str()));
        assert_eq!(str(&long), str(&long));
    }
}
