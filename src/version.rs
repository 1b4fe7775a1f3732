//! What this `rounds` is: its version and the commit it was built from (recorded by build.rs).
//!
//! `rounds --version` prints [`long`]; `rounds init` pins the publishing workflow to
//! [`COMMIT`] at [`GIT_URL`] so the site is built online by the same rounds that previewed it.

use std::sync::LazyLock;

/// The package version, e.g. `0.1.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The full commit hash this binary was built from; empty when unknown (built from a copy
/// without git history).
pub const COMMIT: &str = env!("ROUNDS_COMMIT");

/// The commit's date (YYYY-MM-DD); empty when unknown.
pub const COMMIT_DATE: &str = env!("ROUNDS_COMMIT_DATE");

/// The https address of the repository the commit came from (its `origin` remote); empty
/// when unknown or not fetchable from another machine.
pub const GIT_URL: &str = env!("ROUNDS_GIT_URL");

/// `1` when built from a published package (`cargo install rounds`), else empty.
pub const PACKAGED: &str = env!("ROUNDS_PACKAGED");

/// The version with its commit: `0.1.0 (f599a50 2026-12-04)`, or `0.1.0` alone.
pub fn long() -> &'static str {
    static LONG: LazyLock<String> = LazyLock::new(|| describe(VERSION, COMMIT, COMMIT_DATE));
    &LONG
}

fn describe(version: &str, commit: &str, date: &str) -> String {
    let short = commit.get(..7).unwrap_or(commit);
    match (short.is_empty(), date.is_empty()) {
        (true, _) => version.to_string(),
        (false, true) => format!("{version} ({short})"),
        (false, false) => format!("{version} ({short} {date})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_what_is_known() {
        let c = "f599a50a1b2c3d4e5f60718293a4b5c6d7e8f901";
        assert_eq!(describe("0.1.0", c, "2026-12-04"), "0.1.0 (f599a50 2026-12-04)");
        assert_eq!(describe("0.1.0", c, ""), "0.1.0 (f599a50)");
        assert_eq!(describe("0.1.0", "", ""), "0.1.0");
    }
}
