//! The JSON Schemas editors check with agree with the build: the demo blog's site.yaml,
//! authors.yaml and every front matter validate, and a key or value the build rejects is one
//! the schema rejects (and what the build accepts, the schema accepts).

mod common;

use std::path::Path;

use common::*;
use rounds::config::{Authors, Config};
use rounds::diag::{Diagnostics, SourceText};
use rounds::schema::Kind;
use rounds::source::front_matter;
use serde_json::Value;

fn validator(kind: Kind) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&kind.to_json()).unwrap();
    // The schemas are draft-07 for the editors; the validator follows their `$schema`.
    assert!(jsonschema::meta::is_valid(&schema), "{kind:?} is a valid JSON Schema");
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

/// YAML as the editor's language server sees it: a JSON value (dates stay text, as YAML 1.2
/// reads them).
fn yaml_value(yaml: &str) -> Value {
    if yaml.trim().is_empty() {
        return Value::Object(Default::default());
    }
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}:\n{yaml}"))
}

fn schema_errors(kind: Kind, yaml: &str) -> Vec<String> {
    let v = validator(kind);
    v.iter_errors(&yaml_value(yaml)).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// The front matter of a Markdown file, as the build splits it off.
fn front(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let file = SourceText::new(path, text);
    let split = front_matter::split(&file).unwrap();
    file.text[split.yaml].to_string()
}

#[test]
fn the_demo_blog_validates() {
    let content = repo().join("content");
    let site = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    assert_eq!(schema_errors(Kind::Site, &site), Vec::<String>::new(), "site.yaml");
    let authors = std::fs::read_to_string(content.join("authors.yaml")).unwrap();
    assert_eq!(schema_errors(Kind::Authors, &authors), Vec::<String>::new(), "authors.yaml");
    let mut articles = 0;
    for entry in walkdir::WalkDir::new(content.join("articles")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let errors = schema_errors(Kind::Article, &front(entry.path()));
            assert_eq!(errors, Vec::<String>::new(), "{}", entry.path().display());
            articles += 1;
        }
    }
    assert!(articles >= 7, "every demo article was checked ({articles})");
    let mut pages = 0;
    for entry in std::fs::read_dir(content.join("pages")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(schema_errors(Kind::Page, &front(&path)), Vec::<String>::new(), "{path:?}");
        pages += 1;
    }
    assert!(pages >= 5);
}

#[test]
fn a_new_sites_files_validate() {
    let dir = tempfile::tempdir().unwrap();
    rounds::scaffold::init_site(dir.path(), jiff::civil::date(2026, 11, 26)).unwrap();
    let read = |rel: &str| std::fs::read_to_string(dir.path().join(rel)).unwrap();
    assert!(schema_errors(Kind::Site, &read("content/site.yaml")).is_empty());
    assert!(schema_errors(Kind::Authors, &read("content/authors.yaml")).is_empty());
    let welcome = dir.path().join("content/articles/welcome.md");
    assert!(schema_errors(Kind::Article, &front(&welcome)).is_empty());
    // The schemas it wrote are today's.
    for kind in Kind::ALL {
        assert_eq!(read(&format!("schemas/{}", kind.file_name())), kind.to_json());
    }
}

/// What the build says of a file: `Ok` or the code of its first error.
fn build_verdict(kind: Kind, yaml: &str) -> Result<(), String> {
    let mut diags = Diagnostics::new();
    let first_error = |diags: &Diagnostics| {
        diags
            .iter()
            .find(|d| d.severity == rounds::diag::Severity::Error)
            .map(|d| format!("{}: {}", d.code, d.message))
    };
    match kind {
        Kind::Site | Kind::Authors => {
            let dir = tempfile::tempdir().unwrap();
            let name = if kind == Kind::Site { "site.yaml" } else { "authors.yaml" };
            std::fs::write(dir.path().join(name), yaml).unwrap();
            if kind == Kind::Site {
                Config::load(dir.path(), Path::new("content"), &mut diags).unwrap();
            } else {
                Authors::load(dir.path(), Path::new("content"), &mut diags);
            }
        }
        Kind::Article | Kind::Page => {
            let file = SourceText::new("content/articles/a.md", format!("---\n{yaml}---\nText.\n"));
            let split = front_matter::split(&file).unwrap();
            let parsed = if kind == Kind::Article {
                front_matter::parse_article(&file, &split).map(drop)
            } else {
                front_matter::parse_page(&file, &split).map(drop)
            };
            if let Err(d) = parsed {
                diags.push(d);
            }
        }
    }
    match first_error(&diags) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

const SITE: &str = "title: \"Plain Talk\"\nbase_url: \"https://example.org/\"\n";
const AUTHORS: &str =
    "jdoe:\n  name: \"Jane Doe\"\n  credentials: [MD]\n  disclosures: [\"None\"]\n";
const ARTICLE: &str = "title: \"Statins\"\ndate: 2026-01-15\n";

/// The same verdict from the build and the schema for each file; returns the build's.
fn agree(kind: Kind, yaml: &str) -> Result<(), String> {
    let build = build_verdict(kind, yaml);
    let schema = schema_errors(kind, yaml);
    if let Err(e) = &build {
        assert!(!schema.is_empty(), "the build rejects ({e}) but the schema accepts:\n{yaml}");
    } else {
        assert!(schema.is_empty(), "the build accepts but the schema rejects:\n{yaml}\n{schema:?}");
    }
    build
}

#[test]
fn what_the_build_rejects_the_schema_rejects() {
    let rejected: &[(Kind, String)] = &[
        // Misspelled keys, at the top and inside.
        (Kind::Site, format!("{SITE}review_intervall: 6\n")),
        (Kind::Site, format!("{SITE}feeds:\n  item: 20\n")),
        (Kind::Site, format!("{SITE}practice:\n  phone_number: \"555\"\n")),
        (Kind::Site, format!("{SITE}readability:\n  de:\n    smog_max: 9\n")),
        (Kind::Authors, format!("{AUTHORS}  bio_text: \"x\"\n")),
        (Kind::Article, format!("{ARTICLE}corection: \"x\"\n")),
        (Kind::Article, format!("{ARTICLE}corrections:\n  - date: 2026-02-01\n    txt: \"x\"\n")),
        (Kind::Article, format!("{ARTICLE}privacy_ok:\n  - text: \"May 3\"\n    why: \"x\"\n")),
        (Kind::Page, "title: \"About\"\ndate: 2026-01-01\n".to_string()),
        // Wrong types.
        (Kind::Site, format!("{SITE}per_page: five\n")),
        (Kind::Site, format!("{SITE}review_required: \"yes\"\n")),
        (Kind::Site, format!("{SITE}glossary: statin\n")),
        (Kind::Authors, format!("{AUTHORS}  credentials: 5\n")),
        (Kind::Authors, "jdoe: \"Jane Doe\"\n".to_string()),
        (Kind::Article, format!("{ARTICLE}draft: \"yes\"\n")),
        (Kind::Article, format!("{ARTICLE}tags: 5\n")),
        (Kind::Article, "title: [\"a\", \"b\"]\ndate: 2026-01-15\n".to_string()),
        (Kind::Article, format!("{ARTICLE}corrections: \"fixed a typo\"\n")),
        // Dates that are not dates.
        (Kind::Article, "title: \"Statins\"\ndate: 15/01/2026\n".to_string()),
        (Kind::Article, "title: \"Statins\"\ndate: 2026-13-01\n".to_string()),
        (Kind::Article, format!("{ARTICLE}reviewed_on: soon\n")),
        // Values out of range.
        (Kind::Site, format!("{SITE}per_page: 0\n")),
        (Kind::Site, format!("{SITE}review_interval: 0\n")),
        (Kind::Site, "title: \"Plain Talk\"\nbase_url: example.org\n".to_string()),
        // Missing what is required.
        (Kind::Site, "title: \"Plain Talk\"\n".to_string()),
        (Kind::Authors, "jdoe:\n  credentials: [MD]\n".to_string()),
        (Kind::Authors, format!("{AUTHORS}  links:\n    - title: \"Profile\"\n")),
        (Kind::Article, "date: 2026-01-15\n".to_string()),
        (Kind::Article, format!("{ARTICLE}corrections:\n  - text: \"x\"\n")),
    ];
    for (kind, yaml) in rejected {
        assert!(agree(*kind, yaml).is_err(), "the build accepts:\n{yaml}");
    }
}

#[test]
fn what_the_build_accepts_the_schema_accepts() {
    let accepted: &[(Kind, String)] = &[
        (Kind::Site, SITE.to_string()),
        (Kind::Site, format!("{SITE}feeds:\n  items: 5\nshare:\n  mastodon: mstdn.social\n")),
        (Kind::Site, format!("{SITE}alert:\n  text: \"Measles\"\n  until: 2026-12-31\n")),
        (Kind::Site, format!("{SITE}reading_grade_max: 7.5\nglossary: [statin]\n")),
        (Kind::Site, format!("{SITE}readability:\n  es: {{ szigriszt_pazos_min: 55 }}\n")),
        (Kind::Authors, AUTHORS.to_string()),
        (Kind::Authors, "jdoe:\n  name: \"Jane Doe\"\n  credentials: MD\n".to_string()),
        (Kind::Authors, String::new()),
        (Kind::Article, ARTICLE.to_string()),
        (Kind::Article, "title: \"Statins\"\ndate: \"2026-01-15\"\n".to_string()),
        (Kind::Article, format!("{ARTICLE}author: jdoe\ntags: statins\n")),
        (Kind::Article, format!("{ARTICLE}author: [jdoe, asmith]\ntags: [a, b]\ntoc: false\n")),
        (Kind::Article, format!("{ARTICLE}description:\nimage:\n")),
        (
            Kind::Article,
            format!(
                "{ARTICLE}references:\n  - id: local2020\n    type: report\n    title: \"A report\"\n    issued: {{date-parts: [[2020]]}}\n    PMID: 123\n"
            ),
        ),
        (Kind::Page, "title: \"About\"\nupdated: 2026-02-01\n".to_string()),
    ];
    for (kind, yaml) in accepted {
        assert_eq!(agree(*kind, yaml), Ok(()), "{yaml}");
    }
}

#[test]
fn rounds_schema_writes_and_prints_the_schemas() {
    let t = SiteTest::new();
    let (code, _, stderr) = t.run(&["schema", "--out", "editor/schemas"]);
    assert_eq!(code, 0, "{stderr}");
    for kind in Kind::ALL {
        let written =
            std::fs::read_to_string(t.root().join("editor/schemas").join(kind.file_name()))
                .unwrap();
        assert_eq!(written, kind.to_json());
    }
    let (code, stdout, _) = t.run(&["schema", "article"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["title"], "rounds article front matter");
    assert_eq!(v["properties"]["corrections"]["description"], "Corrections, oldest first.");
}
