//! Test helpers: fixture sites in temporary folders, builds, and parsed HTML.
#![allow(dead_code, unreachable_pub)] // shared by several test crates, each using a part

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use rounds::{BuildOptions, BuildReport};
use scraper::{Html, Selector};

/// The repository root (for the default theme and the demo content).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temp folder: `content/` written by the test, the repo's default theme.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

pub const SITE_YAML: &str = "title: \"Test Clinic\"\nbase_url: \"https://test.example/\"\nlanguage: en-US\ndescription: \"A test site.\"\nauthor: jdoe\ndisclaimer: \"Education only. In an emergency call 911.\"\nper_page: 2\nimage: /images/card.png\nimage_alt: \"The clinic's name on a green card\"\n";

pub const AUTHORS_YAML: &str = "jdoe:\n  name: \"Jane Doe\"\n  credentials: [MD]\n  role: \"Family physician\"\n  bio: \"Writes about prevention.\"\n  disclosures: [\"None\"]\nasmith:\n  name: \"Ann Smith\"\n  credentials: [PharmD]\n  role: \"Pharmacist\"\n  disclosures: [\"None\"]\n";

/// The pages every site needs (site.yaml's `pages:` defaults).
pub const REQUIRED_PAGES: &[(&str, &str)] = &[
    ("about", "About this site"),
    ("disclaimer", "Medical disclaimer"),
    ("privacy", "Privacy"),
    ("contact", "Contact"),
    ("advertising-policy", "Advertising policy"),
];

impl SiteTest {
    /// An empty site with site.yaml and authors.yaml.
    pub fn new() -> Self {
        let t = SiteTest { dir: tempfile::tempdir().unwrap() };
        t.write("content/site.yaml", SITE_YAML);
        t.write("content/authors.yaml", AUTHORS_YAML);
        let card = std::fs::read(repo().join("content/static/images/share-default.png")).unwrap();
        t.write_bytes("content/static/images/card.png", &card);
        for (slug, title) in REQUIRED_PAGES {
            t.write(
                &format!("content/pages/{slug}.md"),
                &format!("---\ntitle: \"{title}\"\n---\n{title} text.\n"),
            );
        }
        t
    }

    /// A copy of the repository's demo blog.
    pub fn demo() -> Self {
        let t = SiteTest { dir: tempfile::tempdir().unwrap() };
        copy_dir(&repo().join("content"), &t.root().join("content"));
        t
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn content(&self) -> PathBuf {
        self.root().join("content")
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// An article with the given front matter lines (title and date required) and body.
    pub fn article(&self, slug: &str, front: &str, body: &str) -> &Self {
        self.write(&format!("content/articles/{slug}.md"), &format!("---\n{front}\n---\n{body}"))
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            source: self.content(),
            theme: Some(repo().join("themes/default")),
            out: self.out(),
            drafts: false,
            base_url: None,
            now: jiff::civil::date(2026, 11, 26),
            progress: Default::default(),
        }
    }

    /// Builds with the library; panics on usage errors.
    pub fn build(&self) -> BuildReport {
        rounds::build(&self.options()).expect("build runs")
    }

    /// Builds and asserts there was no error.
    pub fn build_ok(&self) -> BuildReport {
        let r = self.build();
        assert!(!r.failed(), "build failed:\n{}", errors(&r));
        r
    }

    /// Runs the `rounds` binary in the site folder.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_rounds"))
            .args(args)
            .current_dir(self.root())
            .env("SOURCE_DATE_EPOCH", "1795651200") // 2026-11-26
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }
}

/// All diagnostics of a report as text, for assertion messages.
pub fn errors(r: &BuildReport) -> String {
    rounds::diag::render_all(r.diagnostics.iter(), rounds::diag::Style::Plain)
}

/// (code, location) of every diagnostic.
pub fn codes(r: &BuildReport) -> Vec<(String, String)> {
    r.diagnostics.iter().map(|d| (d.code.to_string(), d.location())).collect()
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

pub fn text(doc: &Html, css: &str) -> String {
    select(doc, css)
        .first()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    select(doc, css).first().and_then(|e| e.value().attr(name)).map(str::to_string)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Checks that every internal link and #anchor in the HTML files under `out` resolves.
/// Returns the broken ones as "page -> href".
pub fn broken_links(out: &Path) -> Vec<String> {
    let files = tree(out);
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let sel_id = Selector::parse("[id]").unwrap();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
            ids.insert(
                path.clone(),
                doc.select(&sel_id)
                    .filter_map(|e| e.value().attr("id").map(str::to_string))
                    .collect(),
            );
        }
    }
    let sel = Selector::parse("a[href], link[href], img[src]").unwrap();
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        for e in doc.select(&sel) {
            let href = e.value().attr("href").or(e.value().attr("src")).unwrap();
            if href.starts_with("http") || href.starts_with("mailto:") || href.starts_with("tel:") {
                continue;
            }
            let (target_path, fragment) = match href.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (href, None),
            };
            let target = if target_path.is_empty() {
                path.clone()
            } else if let Some(abs) = target_path.strip_prefix('/') {
                if abs.is_empty() || abs.ends_with('/') {
                    format!("{abs}index.html")
                } else {
                    abs.to_string()
                }
            } else {
                let base = Path::new(path).parent().unwrap().join(target_path);
                let s = base.to_string_lossy().to_string();
                if s.ends_with('/') { format!("{s}index.html") } else { s }
            };
            if !files.contains_key(&target) {
                broken.push(format!("{path} -> {href}"));
                continue;
            }
            if let Some(f) = fragment {
                if !ids.get(&target).is_some_and(|list| list.iter().any(|i| i == f)) {
                    broken.push(format!("{path} -> {href} (no id)"));
                }
            }
        }
    }
    broken
}
