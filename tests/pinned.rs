//! The demo blog's output, pinned byte for byte: the SHA-256 of every file the build writes,
//! kept in tests/fixtures/demo-output.sha256 (`sha256sum` format, so `sha256sum -c` checks a
//! `public/` folder against it). A refactoring of the render layer must leave every byte as it
//! was; a change that means to alter the output updates the fixture, and the diff of the
//! fixture shows reviewers which pages it touched.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

const FIXTURE: &str = "tests/fixtures/demo-output.sha256";
const UPDATE: &str = "ROUNDS_UPDATE_PINNED";

/// Output path -> SHA-256 in hex, for every file but the build's own bookkeeping (dot-files
/// such as the manifest, which records the executable that wrote the pages).
fn digests(out: &Path) -> BTreeMap<String, String> {
    tree(out)
        .into_iter()
        .filter(|(path, _)| !path.split('/').any(|part| part.starts_with('.')))
        .map(|(path, bytes)| {
            let hex = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            (path, hex)
        })
        .collect()
}

fn to_sha256sum(digests: &BTreeMap<String, String>) -> String {
    digests.iter().map(|(path, hex)| format!("{hex}  {path}\n")).collect()
}

fn from_sha256sum(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(hex, path)| (path.to_string(), hex.to_string()))
        .collect()
}

#[test]
fn the_demo_blog_builds_to_the_pinned_bytes() {
    let t = SiteTest::demo();
    t.build_ok();
    let now = digests(&t.out());
    let fixture = repo().join(FIXTURE);
    if std::env::var_os(UPDATE).is_some() {
        std::fs::write(&fixture, to_sha256sum(&now)).unwrap();
        return;
    }
    let pinned = from_sha256sum(&std::fs::read_to_string(&fixture).unwrap_or_default());
    let mut differences = Vec::new();
    for (path, hex) in &now {
        match pinned.get(path) {
            None => differences.push(format!("new file      {path}")),
            Some(old) if old != hex => differences.push(format!("changed       {path}")),
            Some(_) => {}
        }
    }
    for path in pinned.keys().filter(|p| !now.contains_key(*p)) {
        differences.push(format!("no longer out {path}"));
    }
    assert!(
        differences.is_empty(),
        "the demo blog's output differs from {FIXTURE}:\n  {}\n\n\
         A refactoring must not change a byte of the output: find what changed by building the \
         demo before and after and diffing the two folders.\n\
         If the change is intended, update the fixture and commit it with the change:\n    \
         {UPDATE}=1 cargo test --test pinned\n",
        differences.join("\n  ")
    );
    // The demo is a whole site, not an empty one: every page kind is among the pinned files.
    for kind in [
        "index.html",
        "articles/statins-what-to-know/index.html",
        "tags/index.html",
        "archive/index.html",
        "corrections/index.html",
        "feeds/index.html",
        "about/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
    ] {
        assert!(now.contains_key(kind), "{kind} is not in the demo's output");
    }
    assert!(now.keys().any(|p| p.starts_with("authors/")));
    assert!(now.keys().any(|p| p.starts_with("tags/") && p != "tags/index.html"));
}
