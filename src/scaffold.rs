//! Scaffolding: `rounds new` (an article with its front matter) and `rounds init` (a working
//! site skeleton with the default theme).
//!
//! The default theme is compiled into the binary so that `rounds init` works from anywhere,
//! and the starter pages carry visible `[Replace this: ...]` placeholders that the build warns
//! about until they are edited.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

/// The default theme's files, as shipped in themes/default.
pub const DEFAULT_THEME: &[(&str, &str)] = &[
    ("templates/base.html", include_str!("../themes/default/templates/base.html")),
    ("templates/index.html", include_str!("../themes/default/templates/index.html")),
    ("templates/article.html", include_str!("../themes/default/templates/article.html")),
    ("templates/page.html", include_str!("../themes/default/templates/page.html")),
    ("templates/tag.html", include_str!("../themes/default/templates/tag.html")),
    ("templates/tags.html", include_str!("../themes/default/templates/tags.html")),
    ("templates/author.html", include_str!("../themes/default/templates/author.html")),
    ("templates/archive.html", include_str!("../themes/default/templates/archive.html")),
    ("templates/corrections.html", include_str!("../themes/default/templates/corrections.html")),
    ("templates/feeds.html", include_str!("../themes/default/templates/feeds.html")),
    ("templates/404.html", include_str!("../themes/default/templates/404.html")),
    (
        "templates/partials/article_list.html",
        include_str!("../themes/default/templates/partials/article_list.html"),
    ),
    (
        "templates/partials/pagination.html",
        include_str!("../themes/default/templates/partials/pagination.html"),
    ),
    ("static/style.css", include_str!("../themes/default/static/style.css")),
];

/// The text that marks a starter page's unedited parts.
pub const PLACEHOLDER: &str = "[Replace this:";

/// The other text that `rounds new` and `rounds init` write for the author to replace
/// (besides [`PLACEHOLDER`]): publishing any of it is an error (`site.placeholder`).
/// tests/placeholders.rs checks that each one the scaffolds write is caught.
pub const PLACEHOLDER_TEXTS: &[&str] = &[
    "One or two sentences for feeds, search results and share cards.",
    "Start with what the reader most needs to know.",
    "Cite every fact with its key from references.yaml",
    "This is an example article. Replace it with your first one",
];

/// The author id that `rounds init` writes in authors.yaml (it becomes `/authors/yourid/`).
pub const PLACEHOLDER_AUTHOR_ID: &str = "yourid";

/// Why scaffolding failed.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The target exists.
    #[error("{0} already exists; rounds will not overwrite it")]
    Exists(PathBuf),
    /// The title gives no usable file name.
    #[error("the title \"{0}\" has no letters or digits to make a file name from")]
    BadTitle(String),
    /// The disk said no.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|source| ScaffoldError::Io { path: parent.to_path_buf(), source })?;
    }
    std::fs::write(path, text)
        .map_err(|source| ScaffoldError::Io { path: path.to_path_buf(), source })
}

/// Quotes a string for YAML (double quotes, escapes).
fn yaml_quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "'")))
}

/// Writes `articles/<slug>.md` in `source` with its front matter; returns the path.
pub fn new_article(source: &Path, title: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    let slug =
        crate::slug::slugify(title).ok_or_else(|| ScaffoldError::BadTitle(title.to_string()))?;
    let path = source.join("articles").join(format!("{slug}.md"));
    let author = std::fs::read_to_string(source.join("site.yaml"))
        .ok()
        .and_then(|t| serde_yaml::from_str::<serde_yaml::Value>(&t).ok())
        .and_then(|v| v.get("author").and_then(|a| a.as_str()).map(str::to_string));
    let author_line = match author {
        Some(a) => format!("author: {a}\n"),
        None => "author: yourid          # an id from authors.yaml\n".to_string(),
    };
    let text = format!(
        "---\n\
         title: {}\n\
         date: {today}\n\
         {author_line}\
         description: \"One or two sentences for feeds, search results and share cards.\"\n\
         tags: []\n\
         draft: true             # remove this line to publish\n\
         ---\n\n\
         Start with what the reader most needs to know.\n\n\
         Cite every fact with its key from references.yaml, written like `[@whelton2018]`.\n",
        yaml_quote(title)
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// What `rounds init` made.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Every file written.
    pub written: Vec<PathBuf>,
    /// Editor and publishing files that already existed and were left as they were.
    pub kept: Vec<PathBuf>,
}

/// Creates a new site in `dir`: content/ with starter configuration, an example article and
/// the required pages, and themes/default; then what the tools around it need: the JSON
/// Schemas and VS Code's settings for them (.vscode/), the GitHub Pages workflow
/// (.github/workflows/publish.yml) and a .gitignore for the output.
///
/// Refuses a folder that already has content/ or themes/default, before writing anything.
/// An editor or publishing file that already exists (a repository's own .gitignore, say) is
/// kept, and listed in the report.
pub fn init_site(dir: &Path, today: Date) -> Result<InitReport, ScaffoldError> {
    for taken in [dir.join("content"), dir.join("themes/default")] {
        if taken.exists() {
            return Err(ScaffoldError::Exists(taken));
        }
    }
    let mut report = InitReport::default();
    let mut put = |rel: &str, text: &str| -> Result<(), ScaffoldError> {
        let p = dir.join(rel);
        write_new(&p, text)?;
        report.written.push(p);
        Ok(())
    };
    put("content/site.yaml", SITE_YAML)?;
    put("content/authors.yaml", AUTHORS_YAML)?;
    put("content/references.yaml", REFERENCES_YAML)?;
    put("content/articles/welcome.md", &WELCOME.replace("DATE", &today.to_string()))?;
    for (slug, title, body) in STARTER_PAGES {
        put(
            &format!("content/pages/{slug}.md"),
            &format!("---\ntitle: \"{title}\"\n---\n\n{body}\n"),
        )?;
    }
    put("content/static/.keep", "")?;
    for (rel, text) in DEFAULT_THEME {
        put(&format!("themes/default/{rel}"), text)?;
    }
    let mut tools: Vec<(String, String)> = vec![
        (".gitignore".into(), GITIGNORE.into()),
        (
            ".github/workflows/publish.yml".into(),
            crate::publish::github_workflow(&crate::publish::Install::current()),
        ),
        (".vscode/settings.json".into(), crate::editor::settings("content")),
        (".vscode/extensions.json".into(), crate::editor::extensions()),
        (".vscode/tasks.json".into(), crate::editor::tasks()),
    ];
    for kind in crate::schema::Kind::ALL {
        tools.push((format!("schemas/{}", kind.file_name()), kind.to_json()));
    }
    for (rel, text) in tools {
        let p = dir.join(&rel);
        if p.exists() {
            report.kept.push(p);
        } else {
            put(&rel, &text)?;
        }
    }
    Ok(report)
}

/// The output folder and the build cache beside it are made again by every build.
const GITIGNORE: &str = "\
# Made by `rounds build`; the publishing workflow builds them again online.
/public/
/.public.rounds-cache
";

const SITE_YAML: &str = r#"# Settings for your site. Every key is explained in docs/config.md.
title: "[Replace this: your site's name]"
base_url: "https://example.org/"      # where the site will be published
language: en-US
description: "[Replace this: one sentence about the site]"
author: yourid                         # the default author, an id from authors.yaml
disclaimer: |
  This article is for general education. It is not medical advice for you and does not
  replace a visit with your own doctor. If you think you have an emergency, call 911 or go
  to the nearest emergency department.
review_interval: 12                    # months between medical reviews
per_page: 10
feeds:
  items: 20
practice:                              # your practice's public contact details
  name: "[Replace this: practice name]"
  phone: "[Replace this: public phone number]"
  email: "[Replace this: public e-mail address]"
pages:
  about: about
  disclaimer: disclaimer
  privacy: privacy
  contact: contact
  advertising: advertising-policy
readability:                           # targets for `rounds check`, per language
  en: { smog_max: 8 }                  # SMOG grade; the AMA advises 6 for patients
  es: { szigriszt_pazos_min: 55 }      # INFLESZ: 55 is "normal", 65 "bastante fácil"
glossary: []
"#;

const AUTHORS_YAML: &str = r#"# Everyone who writes or reviews. Credentials and disclosures are required.
yourid:
  name: "[Replace this: your name]"
  credentials: [MD]
  role: "[Replace this: your role, e.g. Family physician]"
  bio: "[Replace this: two or three sentences about your training and practice.]"
  disclosures: ["None"]
"#;

const REFERENCES_YAML: &str = r#"# Your bibliography, in CSL-YAML (what Zotero exports). Cite items as [@id].
- id: whelton2018
  type: article-journal
  title: "2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/NMA/PCNA guideline for the prevention, detection, evaluation, and management of high blood pressure in adults: a report of the American College of Cardiology/American Heart Association Task Force on Clinical Practice Guidelines"
  author:
    - { family: Whelton, given: Paul K. }
    - { family: Carey, given: Robert M. }
    - { family: Aronow, given: Wilbert S. }
    - { family: Casey, given: Donald E., suffix: Jr }
    - { family: Collins, given: Karen J. }
    - { family: Dennison Himmelfarb, given: Cheryl }
    - { family: DePalma, given: Sondra M. }
  container-title: Hypertension
  container-title-short: Hypertension
  issued: { date-parts: [[2018, 6]] }
  volume: "71"
  issue: "6"
  page: e13-e115
  DOI: 10.1161/HYP.0000000000000065
  PMID: "29133356"
"#;

const WELCOME: &str = r#"---
title: "Welcome to the blog"
date: DATE
author: yourid
description: "What this blog is for and how each article is written and checked."
tags: [about this site]
draft: true
---

This is an example article. Replace it with your first one, then remove `draft: true`.

Every fact in an article points to its source. For example, a blood pressure below 120/80 mm Hg
is called normal [@whelton2018].
"#;

const STARTER_PAGES: &[(&str, &str, &str)] = &[
    (
        "about",
        "About this site",
        "[Replace this: who writes this site, who owns and funds it, and how articles are reviewed. Say that there are no advertisers or sponsors, or name them.]",
    ),
    (
        "disclaimer",
        "Medical disclaimer",
        "[Replace this: the articles are for general education, they do not replace care from your own clinician, and what to do in an emergency.]",
    ),
    (
        "privacy",
        "Privacy",
        "[Replace this: what the site collects (ideally nothing), that it sets no cookies and loads nothing from other sites.]",
    ),
    (
        "contact",
        "Contact",
        "[Replace this: how to reach the practice, and that medical questions and emergencies must not be sent by e-mail.]",
    ),
    (
        "advertising-policy",
        "Advertising and sponsorship policy",
        "[Replace this: whether the site takes advertising or sponsorship, and how sponsored content would be labelled.]",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_article_has_front_matter_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let today = Date::constant(2026, 11, 26);
        let p = new_article(dir.path(), "Sleep: how much is \"enough\"?", today).unwrap();
        assert!(p.ends_with("articles/sleep-how-much-is-enough.md"));
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.starts_with(
                "---\ntitle: \"Sleep: how much is \\\"enough\\\"?\"\ndate: 2026-11-26\n"
            )
        );
        assert!(text.contains("draft: true"));
        assert!(matches!(
            new_article(dir.path(), "Sleep: how much is enough?", today),
            Err(ScaffoldError::Exists(_))
        ));
        assert!(matches!(new_article(dir.path(), "???", today), Err(ScaffoldError::BadTitle(_))));
    }
}
