//! The fixture site of tests/feeds.rs and tests/share.rs: tests/fixtures/feeds/content copied
//! into a temporary folder, built with the default theme, and helpers to edit the content and
//! read the output (HTML through scraper, feeds through feed-rs).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rounds::diag::{Diagnostic, Severity, Style};
use rounds::{BuildOptions, BuildReport};
use scraper::{Html, Selector};
use serde_json::Value;

/// The build's "today" in every test: later than every fixture date.
pub(crate) const NOW: jiff::civil::Date = jiff::civil::Date::constant(2026, 11, 26);
/// The fixture's base URL.
pub(crate) const BASE: &str = "https://clinic.example/";

/// A copy of the fixture site in a temporary folder.
pub(crate) struct TestSite {
    dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// A fresh copy of tests/fixtures/feeds.
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/content");
        copy_dir(&fixture, &dir.path().join("content"));
        TestSite { dir }
    }

    /// The content folder.
    pub(crate) fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    /// The output folder.
    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Writes a content file (relative to content/).
    pub(crate) fn write(&self, rel: &str, text: &str) {
        let p = self.content().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Changes a content file.
    pub(crate) fn edit(&self, rel: &str, change: impl FnOnce(String) -> String) {
        let p = self.content().join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(p, change(text)).unwrap();
    }

    /// Moves a content file or folder.
    pub(crate) fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.content().join(from), self.content().join(to)).unwrap();
    }

    /// Builds, whatever the outcome.
    pub(crate) fn try_build(&self) -> BuildReport {
        let opts = BuildOptions {
            source: self.content(),
            theme: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")),
            out: self.out(),
            drafts: false,
            base_url: None,
            now: NOW,
            progress: Default::default(),
        };
        rounds::build(&opts).expect("the build can start")
    }

    /// Builds and fails the test on any error.
    pub(crate) fn build(&self) -> BuildReport {
        let report = self.try_build();
        let problems: Vec<&Diagnostic> =
            report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert!(
            problems.is_empty(),
            "the fixture should build cleanly:\n{}",
            rounds::diag::render_all(problems, Style::Plain)
        );
        report
    }

    /// An output file's text.
    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel))
            .unwrap_or_else(|e| panic!("cannot read public/{rel}: {e}"))
    }

    /// True when the output has this file.
    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).is_file()
    }

    /// An output page, parsed.
    pub(crate) fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// An output feed, parsed with feed-rs.
    pub(crate) fn feed(&self, rel: &str) -> feed_rs::model::Feed {
        feed_rs::parser::parse(self.read(rel).as_bytes())
            .unwrap_or_else(|e| panic!("public/{rel} is not a feed: {e}"))
    }
}

/// A CSS selector.
pub(crate) fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The `content` of every `<meta property=key>` or `<meta name=key>` in the head.
pub(crate) fn meta(doc: &Html, key: &str) -> Vec<String> {
    let s = sel(&format!("head meta[property=\"{key}\"], head meta[name=\"{key}\"]"));
    doc.select(&s).filter_map(|m| m.value().attr("content").map(str::to_string)).collect()
}

/// The one `content` of a meta tag; fails when there is none or several.
pub(crate) fn meta1(doc: &Html, key: &str) -> String {
    let v = meta(doc, key);
    assert_eq!(v.len(), 1, "expected exactly one {key}, found {v:?}");
    v.into_iter().next().unwrap()
}

/// Every JSON-LD document of a page, parsed.
pub(crate) fn json_ld(doc: &Html) -> Vec<Value> {
    doc.select(&sel("script[type=\"application/ld+json\"]"))
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}"))
        })
        .collect()
}

/// The `href` of the first element matching `selector`.
pub(crate) fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    doc.select(&sel(selector)).next().and_then(|e| e.value().attr(name).map(str::to_string))
}
