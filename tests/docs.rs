//! The documentation stays true: every field a template can use is documented in
//! docs/templates.md, and every diagnostic code in docs/checks.md.

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// (struct, field) of every serialized view struct in a source file.
fn view_fields(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut serialize = false;
    for line in source.lines() {
        let t = line.trim();
        if t.starts_with("#[derive(") {
            serialize = t.contains("Serialize");
        } else if let Some(rest) = t.strip_prefix("pub struct ") {
            let name: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            current = (serialize && rest.trim_end().ends_with('{')).then_some(name);
        } else if t == "}" {
            current = None;
        } else if let (Some(s), Some(rest)) = (&current, t.strip_prefix("pub ")) {
            if let Some((field, _)) = rest.split_once(':') {
                out.push((s.clone(), field.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_template_field_is_documented() {
    let doc = read("docs/templates.md");
    let mut missing = Vec::new();
    for file in [
        "src/render/view.rs",
        "src/render/share.rs",
        "src/render/feeds.rs",
        "src/render/feedback.rs",
    ] {
        for (s, field) in view_fields(&read(file)) {
            let Some(start) = doc.find(&format!("### `{s}`")) else {
                missing.push(format!("{s} (whole struct)"));
                continue;
            };
            let section = &doc[start..];
            let end = section[4..].find("\n### ").map_or(section.len(), |i| i + 4);
            if !section[..end].contains(&format!("| `{field}` |")) {
                missing.push(format!("{s}.{field}"));
            }
        }
    }
    assert!(missing.is_empty(), "not in docs/templates.md: {missing:?}");
}

#[test]
fn every_diagnostic_code_is_documented() {
    let doc = read("docs/checks.md");
    let namespaces = [
        "yaml",
        "front_matter",
        "source",
        "config",
        "author",
        "review",
        "dates",
        "correction",
        "site",
        "page",
        "theme",
        "cite",
        "citation",
        "privacy",
        "readability",
        "links",
        "images",
        "sources",
        "share",
        "feed",
        "alias",
        "safety",
    ];
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for literal in text.split('"').skip(1).step_by(2) {
            let Some((ns, name)) = literal.split_once('.') else { continue };
            let is_code = namespaces.contains(&ns)
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !["html", "xml", "css", "json", "md", "yaml", "bib"].contains(&name)
                // VS Code's `yaml.schemas` setting, which rounds init writes.
                && literal != "yaml.schemas";
            if !is_code {
                continue;
            }
            // Either the whole code, or `ns.x` / `.name` shorthand on one line of a table.
            let documented = doc.contains(&format!("`{literal}`"))
                || doc
                    .lines()
                    .any(|l| l.contains(&format!("`{ns}.")) && l.contains(&format!("`.{name}`")));
            if !documented {
                missing.push(literal.to_string());
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "codes missing from docs/checks.md: {missing:?}");
}
