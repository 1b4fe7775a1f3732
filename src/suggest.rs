//! "Did you mean": the closest allowed name to a misspelled one.
//!
//! Input: a misspelled word and the names allowed in its place. Output: the closest name when
//! it is close enough to be a plausible typo (as `just` does, Levenshtein distance under 3, or a
//! shared prefix for longer names), otherwise nothing: a wrong guess is worse than none.

/// The allowed name closest to `wrong`, if it is close enough to be a typo of it.
pub fn closest<'a>(wrong: &str, allowed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    allowed
        .into_iter()
        .map(|name| (strsim::damerau_levenshtein(&wrong_lower, &name.to_lowercase()), name))
        .filter(|&(distance, name)| {
            distance < 3 || (distance <= name.len() / 3 && wrong.len() >= 6)
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_only_plausible_typos() {
        let keys = ["title", "date", "tags", "corrections", "reviewed_by", "reviewed_on"];
        assert_eq!(closest("corection", keys), Some("corrections"));
        assert_eq!(closest("txt", ["date", "text"]), Some("text"));
        assert_eq!(closest("reviewd_by", keys), Some("reviewed_by"));
        assert_eq!(closest("banana", keys), None);
    }
}
