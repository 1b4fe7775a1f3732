//! The VS Code set-up `rounds init` writes, so a new site is ready to write in.
//!
//! Input: the content folder's name. Output: three files for `.vscode/`:
//! - `settings.json`: the YAML extension (redhat.vscode-yaml) checks site.yaml and
//!   authors.yaml against the schemas in `schemas/` while typing: completion, descriptions on
//!   hover, a red underline under a misspelled key or a wrong value;
//! - `extensions.json`: recommends that extension, so VS Code offers to install it;
//! - `tasks.json`: "rounds: check" (the default build task, Ctrl+Shift+B) puts every finding
//!   of `rounds check` in the Problems panel and underlines it in its file, front matter
//!   included (the YAML extension cannot read front matter inside Markdown files, see
//!   docs/editors.md); "rounds: preview" runs `rounds serve --drafts` (a new site's
//!   placeholders are errors only when it is built for publishing).
//!
//! The problem matcher reads `rounds check --format short`; a test runs the real command
//! through [`PROBLEM_PATTERN`] so the two never disagree.

use serde_json::{Value, json};

use crate::schema::Kind;

/// The regular expression of the problem matcher in tasks.json: groups are file, line,
/// column, severity, code and message of a `rounds check --format short` line.
pub const PROBLEM_PATTERN: &str = r"^(.+?):(\d+):(\d+): (error|warning|info)\[([^\]]+)\]: (.*)$";

/// The same for a finding about a whole file (`file: severity[code]: message`): groups are
/// file, severity, code and message. It never matches a line [`PROBLEM_PATTERN`] matches.
pub const FILE_PROBLEM_PATTERN: &str = r"^([^:]+): (error|warning|info)\[([^\]]+)\]: (.*)$";

/// The VS Code extension that reads the schemas.
pub const YAML_EXTENSION: &str = "redhat.vscode-yaml";

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// `.vscode/settings.json`: the schemas for site.yaml and authors.yaml (paths relative to the
/// site's folder, the folder to open in VS Code).
pub fn settings(content: &str) -> String {
    let mut schemas = serde_json::Map::new();
    for kind in [Kind::Site, Kind::Authors] {
        schemas.insert(format!("./schemas/{}", kind.file_name()), json!(kind.applies_to(content)));
    }
    pretty(&json!({
        "yaml.schemas": schemas,
        // Long Markdown lines wrap on screen instead of running off to the right.
        "[markdown]": { "editor.wordWrap": "on" }
    }))
}

/// `.vscode/extensions.json`.
pub fn extensions() -> String {
    pretty(&json!({ "recommendations": [YAML_EXTENSION] }))
}

/// `.vscode/tasks.json`.
pub fn tasks() -> String {
    pretty(&json!({
        "version": "2.0.0",
        "tasks": [
            {
                "label": "rounds: check",
                "detail": "Every finding of rounds check, in the Problems panel and underlined in its file",
                "type": "shell",
                "command": "rounds",
                "args": ["check", "--format", "short"],
                "group": { "kind": "build", "isDefault": true },
                "presentation": { "reveal": "silent", "clear": true },
                "problemMatcher": [
                    {
                        "owner": "rounds",
                        "source": "rounds",
                        "fileLocation": ["relative", "${workspaceFolder}"],
                        "pattern": {
                            "regexp": PROBLEM_PATTERN,
                            "file": 1,
                            "line": 2,
                            "column": 3,
                            "severity": 4,
                            "code": 5,
                            "message": 6
                        }
                    },
                    {
                        "owner": "rounds",
                        "source": "rounds",
                        "fileLocation": ["relative", "${workspaceFolder}"],
                        "pattern": {
                            "regexp": FILE_PROBLEM_PATTERN,
                            "kind": "file",
                            "file": 1,
                            "severity": 2,
                            "code": 3,
                            "message": 4
                        }
                    }
                ]
            },
            {
                "label": "rounds: preview",
                "detail": "rounds serve --drafts: the site with its drafts at http://127.0.0.1:1111/, rebuilt on every save",
                "type": "shell",
                "command": "rounds",
                "args": ["serve", "--drafts"],
                "isBackground": true,
                "problemMatcher": []
            }
        ]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_map_the_schemas_to_the_yaml_files() {
        let v: Value = serde_json::from_str(&settings("content")).unwrap();
        assert_eq!(v["yaml.schemas"]["./schemas/site.schema.json"], json!(["content/site.yaml"]));
        assert_eq!(
            v["yaml.schemas"]["./schemas/authors.schema.json"],
            json!(["content/authors.yaml"])
        );
        let v: Value = serde_json::from_str(&extensions()).unwrap();
        assert_eq!(v["recommendations"], json!(["redhat.vscode-yaml"]));
    }
}
