//! JSON Schemas of the files a site is written in, for editors' completion and checks.
//!
//! Input: the serde types the build reads `site.yaml` ([`Config`]), `authors.yaml`
//! ([`Author`]s by id) and front matter ([`FrontMatter`], [`PageFrontMatter`]) with. Output:
//! one JSON Schema (draft-07) per file kind, derived by `schemars` from those same types, so a
//! key the build rejects is a key the editor marks, and a new setting appears in completion
//! the day the build accepts it. Descriptions are the types' doc comments.
//!
//! Draft-07, not 2020-12: it is the draft VS Code's YAML extension (yaml-language-server) and
//! most editors validate with. `rounds schema` writes the files; `rounds init` writes them
//! into a new site and points VS Code at them (docs/editors.md).

use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{Schema, SchemaGenerator, json_schema};

use crate::config::{Author, Config};
use crate::source::front_matter::{FrontMatter, PageFrontMatter};

/// The files rounds has a schema for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// `site.yaml`.
    Site,
    /// `authors.yaml`.
    Authors,
    /// The front matter of an article (`articles/**/*.md`).
    Article,
    /// The front matter of a page (`pages/*.md`).
    Page,
}

impl Kind {
    /// Every kind, in the order files are written.
    pub const ALL: [Kind; 4] = [Kind::Site, Kind::Authors, Kind::Article, Kind::Page];

    /// The schema's file name, e.g. `site.schema.json`.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Site => "site.schema.json",
            Kind::Authors => "authors.schema.json",
            Kind::Article => "article.schema.json",
            Kind::Page => "page.schema.json",
        }
    }

    /// The files of a site (relative to the site's folder) the schema is for, as globs.
    pub fn applies_to(self, content: &str) -> Vec<String> {
        match self {
            Kind::Site => vec![format!("{content}/site.yaml")],
            Kind::Authors => vec![format!("{content}/authors.yaml")],
            Kind::Article => vec![format!("{content}/articles/**/*.md")],
            Kind::Page => vec![format!("{content}/pages/*.md")],
        }
    }

    /// The schema.
    pub fn schema(self) -> Schema {
        let (mut schema, title, description) = match self {
            Kind::Site => (
                generator().into_root_schema_for::<Config>(),
                "rounds site.yaml",
                "The settings of a rounds site: its name, address, disclaimer, review policy, \
                 feeds and required pages.",
            ),
            Kind::Authors => (
                generator().into_root_schema_for::<Authors>(),
                "rounds authors.yaml",
                "Everyone who writes or reviews, by id. An article's `author:` and \
                 `reviewed_by:` name these ids.",
            ),
            Kind::Article => (
                generator().into_root_schema_for::<FrontMatter>(),
                "rounds article front matter",
                "The YAML between the `---` lines at the top of an article.",
            ),
            Kind::Page => (
                generator().into_root_schema_for::<PageFrontMatter>(),
                "rounds page front matter",
                "The YAML between the `---` lines at the top of a page (about, privacy...).",
            ),
        };
        schema.insert("title".into(), title.into());
        schema.insert("description".into(), description.into());
        schema.insert("markdownDescription".into(), description.into());
        schema
    }

    /// The schema as pretty-printed JSON, ending in a newline.
    pub fn to_json(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// `authors.yaml`: a map from author id to [`Author`], exactly as [`crate::config::Authors`]
/// reads it.
type Authors = std::collections::BTreeMap<String, Author>;

/// A draft-07 generator, tidied for editors:
/// - a description's wrapped lines are joined (a doc comment's line breaks are not the
///   text's), and copied into `markdownDescription`, which VS Code shows formatted;
/// - `default: null` goes: an editor would insert it as the value of a key it completes;
/// - Rust's number formats (`uint32`, `double`) go: they are not JSON Schema formats, and
///   `type: integer` with `minimum` already says it.
fn generator() -> SchemaGenerator {
    SchemaSettings::draft07()
        .with_transform(RecursiveTransform(|s: &mut Schema| {
            if let Some(d) = s.get("description").and_then(|d| d.as_str()).map(unwrap_lines) {
                s.insert("description".into(), d.clone().into());
                s.insert("markdownDescription".into(), d.into());
            }
            if s.get("default").is_some_and(serde_json::Value::is_null) {
                s.remove("default");
            }
            let rust_format = s.get("format").and_then(|f| f.as_str()).is_some_and(|f| {
                matches!(f, "uint" | "uint8" | "uint16" | "uint32" | "uint64" | "int" | "int32")
                    || matches!(f, "int64" | "float" | "double")
            });
            if rust_format {
                s.remove("format");
            }
        }))
        .into_generator()
}

/// Joins the lines of each paragraph ("built from\nit" -> "built from it"), leaving code
/// blocks as they are.
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|p| {
            if p.trim_start().starts_with("```") {
                p.to_string()
            } else {
                p.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Writes every schema into `dir` (created if needed); returns the paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    Kind::ALL
        .iter()
        .map(|k| {
            let path = dir.join(k.file_name());
            std::fs::write(&path, k.to_json())?;
            Ok(path)
        })
        .collect()
}

/// The schema of a field read with [`crate::config::one_or_many`]: one text or a list of them.
pub(crate) fn one_or_many(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "string" },
            { "type": "array", "items": { "type": "string" } }
        ]
    })
}

/// The schema of an article's own `references:`: CSL items, as in references.yaml. The
/// citation stage reads them leniently (unknown CSL fields are ignored, numbers and text are
/// interchangeable), so the schema names the fields rounds uses and allows the rest.
pub(crate) fn csl_items(_: &mut SchemaGenerator) -> Schema {
    let text = json_schema!({ "type": ["string", "number"] });
    let names = json_schema!({
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "family": { "type": "string" },
                "given": { "type": "string" },
                "literal": { "type": "string", "description": "A group author, e.g. \"American Diabetes Association\"." }
            }
        }
    });
    let date = json_schema!({
        "description": "A date: `{date-parts: [[2018, 6]]}`, `2018-06`, or a year.",
        "type": ["object", "string", "number"]
    });
    json_schema!({
        "description": "Sources only this article cites, in CSL form like references.yaml. Cite them as `[@id]`.",
        "type": ["array", "null"],
        "items": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": { "type": "string", "description": "The key to cite it with, as `[@id]`." },
                "type": {
                    "type": "string",
                    "description": "The CSL item type.",
                    "examples": ["article-journal", "book", "chapter", "report", "webpage"]
                },
                "title": { "type": "string" },
                "author": names,
                "container-title": { "type": "string", "description": "The journal, book or website, in full." },
                "container-title-short": { "type": "string", "description": "The journal's NLM abbreviation." },
                "issued": date,
                "accessed": date,
                "volume": text,
                "issue": text,
                "page": text,
                "publisher": { "type": "string" },
                "DOI": { "type": "string", "description": "The DOI, without https://doi.org/." },
                "PMID": text,
                "PMCID": { "type": "string" },
                "URL": { "type": "string" }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_come_from_the_build_types() {
        let site = serde_json::to_value(Kind::Site.schema()).unwrap();
        assert_eq!(site["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(site["additionalProperties"], false);
        let required: Vec<&str> =
            site["required"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
        assert_eq!(required, ["title", "base_url"]);
        // The doc comment is the description, for hover text.
        assert_eq!(site["properties"]["per_page"]["description"], "Articles per listing page.",);
        let article = serde_json::to_value(Kind::Article.schema()).unwrap();
        assert_eq!(article["properties"]["date"]["format"], "date");
        assert!(article["properties"]["tags"]["anyOf"].is_array(), "one tag or a list");
        assert!(article["properties"].get("html").is_none(), "skipped fields are not keys");
    }
}
