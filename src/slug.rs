//! Slugs: the URL-safe names of articles, tags and pages.
//!
//! Input: a title, tag or file name. Output: a string of `[a-z0-9-]` that is never empty, so a
//! slug can never climb out of the output folder (`..`, `/` and `\` cannot survive).

/// The slug of `text`: lowercase ASCII letters, digits and single hyphens (via `slug`, which
/// transliterates accents and other scripts with deunicode). Empty input gives `None`.
pub fn slugify(text: &str) -> Option<String> {
    let s = slug::slugify(text);
    (!s.is_empty()).then_some(s)
}

/// True when `s` is already a slug (what an explicit `slug:` must be).
pub fn is_slug(s: &str) -> bool {
    slugify(s).as_deref() == Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_readable() {
        assert_eq!(slugify("Heart Health").as_deref(), Some("heart-health"));
        assert_eq!(slugify("Vaccins & sécurité").as_deref(), Some("vaccins-securite"));
        assert_eq!(slugify("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slugify("  --  "), None);
        assert!(is_slug("type-2-diabetes"));
        assert!(!is_slug("Type 2"));
    }
}
