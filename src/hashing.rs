//! Hashing for fingerprints and in-memory maps.
//!
//! Watch mode hashes every page's inputs and looks up ~13,000 output paths on each save, so
//! the hash function is on its critical path. foldhash (the hash behind hashbrown) is several
//! times faster than the standard library's SipHash on these short keys, and its fixed-seed
//! form is deterministic, which fingerprints kept between runs need (the manifest, the build
//! cache). foldhash may change its output between versions; that is harmless here, because
//! every page fingerprint also covers the rounds executable (see `render::incremental`) and a
//! build-cache entry whose hashes do not match is simply rendered again.

use std::hash::{BuildHasher, Hash};

/// A deterministic hasher for fingerprints.
pub(crate) type Hasher = foldhash::quality::FoldHasher<'static>;

/// A map keyed by strings or paths, hashed with foldhash (no fingerprint survives it).
pub(crate) type Map<K, V> = foldhash::HashMap<K, V>;

/// A set hashed with foldhash.
pub(crate) type Set<T> = foldhash::HashSet<T>;

/// A new deterministic hasher.
pub(crate) fn hasher() -> Hasher {
    foldhash::quality::FixedState::with_seed(0x726f_756e_6473).build_hasher()
}

/// The fingerprint of one value.
pub(crate) fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher as _;
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_deterministic_and_tell_values_apart() {
        assert_eq!(fingerprint("a page"), fingerprint("a page"));
        assert_ne!(fingerprint("a page"), fingerprint("a page."));
        assert_ne!(fingerprint(&("ab", "c")), fingerprint(&("a", "bc")));
    }
}
