//! Source: walk the content folder and read every article, page and asset.
//!
//! Input: the content folder. Output: a [`SourceTree`] of articles and pages with their front
//! matter parsed, and the assets to copy. Files are visited in sorted order (walkdir sorted by
//! name) so that everything downstream is deterministic; reading and parsing run in parallel.
//!
//! Bad files never stop the walk: an empty file, a file that is not UTF-8, a missing or
//! unclosed front matter, a symlink loop or a YAML error each become a diagnostic at the
//! file:line:col, and the file is left out.

pub mod front_matter;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::slug;
pub use front_matter::{CorrectionSource, FrontMatter, PageFrontMatter, PrivacyOk, Split};

/// An article as read: its file, where the front matter and body are, and the parsed front
/// matter.
#[derive(Clone, Debug)]
pub struct ArticleSource {
    /// The file, with its path as shown to the user.
    pub file: SourceText,
    /// The path relative to the content folder, e.g. `articles/statins.md`.
    pub rel_path: PathBuf,
    /// Where the front matter and the body are.
    pub split: Split,
    /// The parsed front matter.
    pub front: FrontMatter,
    /// The URL slug.
    pub slug: String,
    /// A hash of the file's bytes (for watch mode's cache).
    pub hash: u64,
}

impl ArticleSource {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.file.text[self.split.body_offset..]
    }

    /// The front matter's YAML text.
    pub fn yaml(&self) -> &str {
        &self.file.text[self.split.yaml.clone()]
    }
}

/// A standalone page (about, privacy...).
#[derive(Clone, Debug)]
pub struct PageSource {
    /// The file.
    pub file: SourceText,
    /// Path relative to the content folder.
    pub rel_path: PathBuf,
    /// Where the front matter and body are.
    pub split: Split,
    /// The parsed front matter.
    pub front: PageFrontMatter,
    /// The URL slug (the file name).
    pub slug: String,
}

impl PageSource {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.file.text[self.split.body_offset..]
    }
}

/// A file copied to the output as it is (images, PDFs...).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    /// Where it is on disk.
    pub src: PathBuf,
    /// Its path in the output, with `/` separators and no leading `/`.
    pub out: String,
}

/// Everything read from the content folder.
#[derive(Clone, Debug, Default)]
pub struct SourceTree {
    /// Articles, sorted by path.
    pub articles: Vec<ArticleSource>,
    /// Pages, sorted by path.
    pub pages: Vec<PageSource>,
    /// Files to copy, sorted by output path.
    pub assets: Vec<Asset>,
}

/// What a path in the content folder is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `articles/**/*.md`
    Article,
    /// `pages/*.md`
    Page,
    /// A file to copy, with its output path.
    Asset(String),
    /// site.yaml, authors.yaml, references.*
    Config,
    /// Something rounds does not use (hidden files, editor backups...).
    Ignored,
}

/// True for editors' temporary and backup files, which are never content.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.contains("___jb_")
        || [".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".bck", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Classifies a path relative to the content folder.
pub fn classify(rel: &Path) -> Kind {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    if parts.is_empty() || parts.iter().any(|p| is_temp_file(p)) {
        return Kind::Ignored;
    }
    let is_md = rel.extension().is_some_and(|e| e == "md" || e == "markdown");
    match parts[0] {
        "articles" if is_md => Kind::Article,
        // A non-Markdown file next to an `index.md` article belongs to it; the caller decides
        // the output path once it knows the article's slug.
        "articles" if parts.len() > 2 => Kind::Asset(String::new()),
        "pages" if is_md && parts.len() == 2 => Kind::Page,
        "static" if parts.len() > 1 => Kind::Asset(parts[1..].join("/")),
        "site.yaml" | "authors.yaml" | "references.yaml" | "references.yml" | "references.json"
        | "references.bib"
            if parts.len() == 1 =>
        {
            Kind::Config
        }
        _ => Kind::Ignored,
    }
}

/// Reads a file's text: strips a BOM and reports bytes that are not UTF-8 at their position.
pub fn read_text(path: &Path, display: &Path) -> Result<SourceText, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error("source.unreadable", format!("cannot read this file: {e}"))
            .in_path(display)
            .with_help("check that the file exists and that you may read it")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(SourceText::new(display, text)),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let at = e.valid_up_to();
            let file = SourceText::new(display, lossy);
            Err(Diagnostic::error("source.not_utf8", "this file is not UTF-8 text")
                .at(&file, at..at + 1)
                .with_label("this byte is not valid UTF-8")
                .with_help(
                    "save the file as UTF-8 in your editor (\"Save with encoding\" or \
                     \"Reopen with encoding\", then UTF-8)",
                ))
        }
    }
}

/// The files of the content folder, found by a walk, before anything is read.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// Article files, relative to the content folder, sorted.
    pub articles: Vec<PathBuf>,
    /// Page files, sorted.
    pub pages: Vec<PathBuf>,
    /// Files of static/ with their output paths.
    pub assets: Vec<Asset>,
    /// Non-Markdown files under articles/ (they belong to a folder article, if any).
    pub loose_assets: Vec<PathBuf>,
    /// Problems of the walk itself (symlink loops, unreadable folders).
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a symbolic link in the content folder leads, when that is outside the folder (whose
/// real path is `root`).
pub fn outside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    (!real.starts_with(root)).then_some(real)
}

/// The error for a link in the content folder to `target`, outside it.
pub fn outside_error(display: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(
        "source.outside",
        format!(
            "this is a link to {}, which is outside the content folder; nothing outside it \
             is read or published",
            target.display()
        ),
    )
    .in_path(display)
    .with_help("copy the file or folder into the content folder instead of linking to it")
}

/// The settings files among `names` (site.yaml, authors.yaml...) that link out of the
/// content folder, as errors: they are not read.
pub fn settings_outside(source_dir: &Path, display_dir: &Path, names: &[&str]) -> Vec<Diagnostic> {
    let root = source_dir.canonicalize().unwrap_or_else(|_| source_dir.to_path_buf());
    names
        .iter()
        .filter_map(|name| {
            let path = source_dir.join(name);
            let is_link = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
            let target = outside(&root, &path).filter(|_| is_link)?;
            Some(outside_error(&display_dir.join(name), &target))
        })
        .collect()
}

/// Walks `source_dir` (shown as `display_dir` in messages) and lists its files, sorted.
///
/// Symbolic links are followed while they stay inside the content folder; one that leads out
/// of it is an error at the link and is not followed (a link to `/etc` must not make the
/// build read `/etc`, nor publish `/etc/passwd`).
pub fn list(source_dir: &Path, display_dir: &Path) -> Listing {
    let mut listing = Listing::default();
    let root = source_dir.canonicalize().unwrap_or_else(|_| source_dir.to_path_buf());
    let walker = WalkDir::new(source_dir).follow_links(true).sort_by_file_name();
    let mut it = walker.into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let display = e
                    .path()
                    .and_then(|p| p.strip_prefix(source_dir).ok())
                    .map_or_else(|| display_dir.to_path_buf(), |r| display_dir.join(r));
                let d = if e.loop_ancestor().is_some() {
                    Diagnostic::error("source.symlink_loop", "this folder links back to itself")
                        .in_path(display)
                        .with_help(
                            "remove the symbolic link that points to one of its own parent folders",
                        )
                } else {
                    Diagnostic::error("source.unreadable", format!("cannot read this: {e}"))
                        .in_path(display)
                        .with_help("check that it exists and that you may read it")
                };
                listing.diagnostics.push(d);
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(source_dir) else { continue };
        if entry.path_is_symlink() {
            if let Some(target) = outside(&root, entry.path()) {
                listing.diagnostics.push(outside_error(&display_dir.join(rel), &target));
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() {
            let hidden = rel.file_name().and_then(|n| n.to_str()).is_some_and(is_temp_file);
            if hidden {
                it.skip_current_dir();
            }
            continue;
        }
        match classify(rel) {
            Kind::Article => listing.articles.push(rel.to_path_buf()),
            Kind::Page => listing.pages.push(rel.to_path_buf()),
            Kind::Asset(out) if out.is_empty() => listing.loose_assets.push(rel.to_path_buf()),
            Kind::Asset(out) => listing.assets.push(Asset { src: entry.path().to_path_buf(), out }),
            Kind::Config | Kind::Ignored => {}
        }
    }
    listing
}

/// Walks `source_dir` (shown as `display_dir` in messages) and reads everything.
pub fn load_all(source_dir: &Path, display_dir: &Path, diags: &mut Diagnostics) -> SourceTree {
    let listing = list(source_dir, display_dir);
    diags.extend(listing.diagnostics.iter().cloned());

    let results: Vec<_> =
        listing.articles.par_iter().map(|rel| load_article(source_dir, display_dir, rel)).collect();
    let mut articles = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(d) => diags.push(d),
        }
    }

    let results: Vec<_> =
        listing.pages.par_iter().map(|rel| load_page(source_dir, display_dir, rel)).collect();
    let mut pages = Vec::new();
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => diags.push(d),
        }
    }
    let mut assets = listing.assets;
    let refs: Vec<&ArticleSource> = articles.iter().collect();
    assets.extend(place_assets(source_dir, display_dir, &listing.loose_assets, &refs, diags));
    assets.sort();
    check_unique_slugs(&articles, diags);
    SourceTree { articles, pages, assets }
}

/// Files in an article's own folder (articles/<folder>/index.md) go next to its page; others
/// are reported as unused. A folder whose index.md is there but could not be read (an error in
/// its front matter, say) keeps its files quietly: the article's error is the finding.
pub fn place_assets(
    source_dir: &Path,
    display_dir: &Path,
    loose: &[PathBuf],
    articles: &[&ArticleSource],
    diags: &mut Diagnostics,
) -> Vec<Asset> {
    let mut assets = Vec::new();
    for rel in loose {
        let folder: PathBuf = rel.iter().take(2).collect();
        let owner = articles.iter().find(|a| {
            a.rel_path.starts_with(&folder) && a.rel_path.file_stem().is_some_and(|s| s == "index")
        });
        match owner {
            Some(a) => {
                let inner: Vec<&str> = rel.iter().skip(2).filter_map(|p| p.to_str()).collect();
                assets.push(Asset {
                    src: source_dir.join(rel),
                    out: format!("articles/{}/{}", a.slug, inner.join("/")),
                });
            }
            None if source_dir.join(&folder).join("index.md").is_file() => {}
            None => diags.push(
                Diagnostic::warning("source.unused_file", "this file is not used")
                    .in_path(display_dir.join(rel))
                    .with_help(
                        "files in an article's folder are published with it only when the \
                         folder has an index.md; put shared files in static/",
                    ),
            ),
        }
    }
    assets
}

/// Refuses a front-matter text with a control character, which YAML lets through when it is
/// escaped (`"a\0b"`): no page or feed can show it.
fn no_control_chars<'a>(
    file: &SourceText,
    split: &Split,
    texts: impl IntoIterator<Item = (&'static str, Option<&'a String>)>,
) -> Result<(), Diagnostic> {
    let is_control = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    for (key, text) in texts {
        let Some(c) = text.and_then(|t| t.chars().find(|&c| is_control(c))) else { continue };
        return Err(Diagnostic::error(
            "safety.control_char",
            format!(
                "`{key}` holds a control character (U+{:04X}), which no page can show",
                c as u32
            ),
        )
        .at(file, front_matter::key_span(file, split, key))
        .with_help("remove the escape that writes it (`\\0`, `\\x01`, `\\a`...) from the text"));
    }
    Ok(())
}

/// Reads and parses one page file.
pub fn load_page(
    source_dir: &Path,
    display_dir: &Path,
    rel: &Path,
) -> Result<PageSource, Diagnostic> {
    read_text(&source_dir.join(rel), &display_dir.join(rel)).and_then(|f| parse_page(f, rel))
}

/// Reads and parses one article file (used by the full walk and by watch mode).
pub fn load_article(
    source_dir: &Path,
    display_dir: &Path,
    rel: &Path,
) -> Result<ArticleSource, Diagnostic> {
    read_text(&source_dir.join(rel), &display_dir.join(rel)).and_then(|f| {
        let hash = crate::hashing::fingerprint(&*f.text);
        parse_article(f, rel, hash)
    })
}

/// Parses an article's text (split and front matter) and works out its slug.
pub fn parse_article(file: SourceText, rel: &Path, hash: u64) -> Result<ArticleSource, Diagnostic> {
    let split = front_matter::split(&file)?;
    let mut front = front_matter::parse_article(&file, &split)?;
    let texts = [("title", Some(&front.title)), ("description", front.description.as_ref())]
        .into_iter()
        .chain([("image_alt", front.image_alt.as_ref()), ("sponsored", front.sponsored.as_ref())])
        .chain([("funding", front.funding.as_ref())])
        .chain(front.tags.iter().map(|t| ("tags", Some(t))))
        .chain(front.corrections.iter().map(|c| ("corrections", Some(&c.text))));
    no_control_chars(&file, &split, texts)?;
    front_matter::check_limits(&front, &file, &split)?;
    // Rendered once here, not on every assembly of the site in watch mode.
    for c in &mut front.corrections {
        c.html = crate::markdown::render_inline_block(&c.text);
        c.plain = crate::markdown::plain_text(&c.text);
    }
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let natural = if stem == "index" {
        rel.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or("")
    } else {
        stem
    };
    let slug = match &front.slug {
        Some(s) if slug::is_slug(s) => s.clone(),
        Some(s) => {
            let span = front_matter::key_span(&file, &split, "slug");
            let fixed = slug::slugify(s).unwrap_or_else(|| "my-article".into());
            return Err(Diagnostic::error(
                "front_matter.bad_slug",
                format!("`{s}` cannot be used in a web address"),
            )
            .at(&file, span)
            .with_help(format!(
                "use lowercase letters, digits and hyphens only, like `slug: {fixed}`"
            )));
        }
        None => match slug::slugify(natural) {
            Some(s) => s,
            None => {
                return Err(Diagnostic::error(
                    "source.bad_file_name",
                    "this file name cannot be turned into a web address",
                )
                .in_file(&file)
                .with_help("rename the file with letters or digits, like `blood-pressure.md`"));
            }
        },
    };
    Ok(ArticleSource { file, rel_path: rel.to_path_buf(), split, front, slug, hash })
}

/// Parses a page's text.
pub fn parse_page(file: SourceText, rel: &Path) -> Result<PageSource, Diagnostic> {
    let split = front_matter::split(&file)?;
    let front = front_matter::parse_page(&file, &split)?;
    let texts = [("title", Some(&front.title)), ("description", front.description.as_ref())];
    no_control_chars(&file, &split, texts)?;
    if front.title.chars().nth(front_matter::MAX_TITLE_CHARS).is_some() {
        return Err(Diagnostic::error(
            "front_matter.too_long",
            format!("the title is longer than {} characters", front_matter::MAX_TITLE_CHARS),
        )
        .at(&file, front_matter::key_span(&file, &split, "title"))
        .with_help("a page title is a line: put the rest in the text"));
    }
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let slug = slug::slugify(stem).ok_or_else(|| {
        Diagnostic::error(
            "source.bad_file_name",
            "this file name cannot be turned into a web address",
        )
        .in_file(&file)
        .with_help("rename the file with letters or digits, like `about.md`")
    })?;
    Ok(PageSource { file, rel_path: rel.to_path_buf(), split, front, slug })
}

/// Reports articles that would share a URL.
pub fn check_unique_slugs<'a>(
    articles: impl IntoIterator<Item = &'a ArticleSource>,
    diags: &mut Diagnostics,
) {
    let mut seen: crate::hashing::Map<&str, &ArticleSource> = Default::default();
    for a in articles {
        if let Some(first) = seen.insert(&a.slug, a) {
            diags.push(
                Diagnostic::error(
                    "source.duplicate_slug",
                    format!(
                        "two articles would be published at /articles/{}/: this one and {}",
                        a.slug,
                        first.file.path.display()
                    ),
                )
                .in_file(&a.file)
                .with_help("rename one of the files, or give one of them a different `slug:`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_content_paths() {
        assert_eq!(classify(Path::new("articles/a.md")), Kind::Article);
        assert_eq!(classify(Path::new("articles/bp/index.md")), Kind::Article);
        assert_eq!(classify(Path::new("articles/bp/cuff.jpg")), Kind::Asset(String::new()));
        assert_eq!(classify(Path::new("pages/about.md")), Kind::Page);
        assert_eq!(classify(Path::new("static/img/a.png")), Kind::Asset("img/a.png".into()));
        assert_eq!(classify(Path::new("site.yaml")), Kind::Config);
        assert_eq!(classify(Path::new("articles/.a.md.swp")), Kind::Ignored);
        assert_eq!(classify(Path::new("articles/a.md~")), Kind::Ignored);
        assert_eq!(classify(Path::new("articles/a.md___jb_tmp___")), Kind::Ignored);
        assert_eq!(classify(Path::new("articles/#a.md#")), Kind::Ignored);
        assert_eq!(classify(Path::new("notes.txt")), Kind::Ignored);
    }

    #[test]
    fn bom_is_stripped_and_bad_bytes_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"\xEF\xBB\xBF---\ntitle: x\n").unwrap();
        let f = read_text(&p, Path::new("a.md")).unwrap();
        assert!(f.text.starts_with("---"));
        std::fs::write(&p, b"---\ntitle: caf\xE9\n").unwrap();
        let e = read_text(&p, Path::new("a.md")).unwrap_err();
        assert_eq!(e.code, "source.not_utf8");
        assert_eq!(e.location(), "a.md:2:11");
    }
}
