//! What a build did: its diagnostics, what it wrote and how long it took.

use std::time::Duration;

use crate::diag::{self, Diagnostics};
use crate::output;

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Everything found, sorted by file and position.
    pub diagnostics: Diagnostics,
    /// Files written, unchanged and removed (zero when errors stopped the build).
    pub write: output::WriteReport,
    /// HTML pages produced.
    pub pages: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl BuildReport {
    /// True when the build found errors and wrote nothing.
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }

    /// The one-line summary printed after a build.
    pub fn summary(&self) -> String {
        use diag::Severity::*;
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        if self.failed() {
            return format!(
                "build failed: {} error(s), {} warning(s); nothing was written ({ms:.0} ms)",
                self.diagnostics.count(Error),
                self.diagnostics.count(Warning)
            );
        }
        format!(
            "built {} pages: {} files written, {} unchanged, {} removed; {} warning(s) in {ms:.0} ms",
            self.pages,
            self.write.written,
            self.write.unchanged,
            self.write.removed,
            self.diagnostics.count(Warning),
        )
    }
}
