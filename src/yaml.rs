//! YAML with positioned, plain-language errors.
//!
//! Input: a YAML slice that starts at a byte offset of a source file (site.yaml, a front matter
//! block, a bibliography). Output: the deserialized value, or one [`Diagnostic`] at the right
//! file:line:col of the whole file.
//!
//! serde's messages name Rust types ("invalid type: sequence, expected a string"); physicians
//! should read "`title` should be text". Unknown keys get a "did you mean" from the keys that
//! are allowed at that place (serde lists them in its message), never from a global list.

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, SourceText, Span};

/// Deserializes `yaml`, which starts at byte `offset` of `file.text`.
///
/// `what` names the thing for messages ("front matter", "site.yaml"). `example` gives a short
/// example for a key, used in the help of missing and mistyped keys.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &SourceText,
    offset: usize,
    what: &str,
    example: fn(&str) -> Option<&'static str>,
) -> Result<T, Diagnostic> {
    // An empty document is an empty map, so that missing keys are reported by name.
    let text = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(text).map_err(|e| describe(&e, yaml, file, offset, what, example))
}

/// Turns a serde_yaml error into a diagnostic at the right place, in plain words.
pub fn describe(
    err: &serde_yaml::Error,
    yaml: &str,
    file: &SourceText,
    offset: usize,
    what: &str,
    example: fn(&str) -> Option<&'static str>,
) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; the location is rendered separately.
    let msg = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => &raw[..],
    };
    let index = err.location().map_or(0, |l| l.index()).min(yaml.len());
    // "corrections[0]: unknown field ..." -> path "corrections[0]", rest "unknown field ..."
    let (path, rest) = split_path(msg);
    let at = |len: usize| Span::new(offset + index, offset + (index + len).min(yaml.len()));
    let whole_first_line = Span::new(offset, offset + yaml.find('\n').unwrap_or(yaml.len()));

    if let Some(unknown) = between(rest, "unknown field `", "`") {
        let allowed = expected_list(rest);
        let mut d = Diagnostic::error("yaml.unknown_key", unknown_message(unknown, path, what))
            .at(file, at(unknown.len()))
            .with_label("not a key rounds knows");
        let suggestion = crate::suggest::closest(unknown, allowed.iter().map(String::as_str));
        let listed = allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        d = d.with_help(match suggestion {
            Some(s) => format!("did you mean `{s}`? The keys allowed here are {listed}."),
            None => format!("the keys allowed here are {listed}. Remove or rename this one."),
        });
        return d;
    }
    if let Some(missing) = between(rest, "missing field `", "`") {
        let place = if path.is_empty() { what.to_string() } else { format!("`{path}`") };
        let span = if index == 0 { whole_first_line } else { at(1) };
        let mut d = Diagnostic::error("yaml.missing_key", format!("{place} has no `{missing}`"))
            .at(file, span);
        d = d.with_help(match example(missing) {
            Some(ex) => format!("add a line like `{ex}`"),
            None => format!("add `{missing}:` with a value"),
        });
        return d;
    }
    if let Some(dup) = between(rest, "duplicate field `", "`") {
        let span = find_second_key(yaml, dup).map_or(whole_first_line, |s| s.shift(offset));
        return Diagnostic::error("yaml.duplicate_key", format!("`{dup}` is given twice"))
            .at(file, span)
            .with_label("second time")
            .with_help(format!("keep one `{dup}:` line and delete the other"));
    }
    let key = path.rsplit(['.', '[']).next().unwrap_or(path);
    let value_len = yaml[index..].find(['\n', '#']).unwrap_or(yaml.len() - index);
    let value_span = at(yaml[index..index + value_len].trim_end().len().max(1));
    if let Some(found) = between(rest, "invalid type: ", ", expected ") {
        let expected = rest.rsplit(", expected ").next().unwrap_or("");
        let mut d = Diagnostic::error(
            "yaml.wrong_type",
            format!(
                "`{}` should be {}, but it is {}",
                if path.is_empty() { what } else { path },
                plain_expected(expected),
                plain_found(found)
            ),
        )
        .at(file, value_span);
        if let Some(ex) = example(key) {
            d = d.with_help(format!("write it like `{ex}`"));
        }
        return d;
    }
    if rest.contains("month") || rest.contains("day") || rest.contains("year") {
        return Diagnostic::error("yaml.bad_date", format!("`{path}` is not a valid date"))
            .at(file, value_span)
            .with_label(rest.rsplit(": ").next().unwrap_or(rest).to_string())
            .with_help(
                "write dates as year-month-day with two-digit months and days, like `2026-01-15`",
            );
    }
    if let Some(variant) = between(rest, "unknown variant `", "`") {
        return Diagnostic::error(
            "yaml.bad_value",
            format!("`{variant}` is not one of the values `{path}` can take"),
        )
        .at(file, value_span)
        .with_help(format!("use one of: {}", expected_list(rest).join(", ")));
    }
    if !path.is_empty() {
        let mut d =
            Diagnostic::error("yaml.bad_value", format!("`{path}`: {rest}")).at(file, value_span);
        if let Some(ex) = example(key) {
            d = d.with_help(format!("write it like `{ex}`"));
        }
        return d;
    }
    Diagnostic::error("yaml.syntax", format!("the {what} is not valid YAML: {rest}"))
        .at(file, at(1))
        .with_help(
            "check the indentation and the quotes; text that contains `: ` or starts with \
             `[`, `{`, `@` or `*` must be put in double quotes",
        )
}

fn unknown_message(key: &str, path: &str, what: &str) -> String {
    if path.is_empty() {
        format!("unknown key `{key}` in the {what}")
    } else {
        format!("unknown key `{key}` in `{path}`")
    }
}

/// Splits serde's "path: message" prefix. Paths look like `corrections[0]` or `feeds.items`.
fn split_path(msg: &str) -> (&str, &str) {
    if let Some(i) = msg.find(": ") {
        let head = &msg[..i];
        let is_path = !head.is_empty()
            && head.chars().all(|c| c.is_alphanumeric() || "_-.[]".contains(c))
            && !head.contains(' ');
        if is_path {
            return (head, &msg[i + 2..]);
        }
    }
    ("", msg)
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// The keys serde lists after "expected": "one of `a`, `b`", "`a` or `b`", "`a`".
fn expected_list(msg: &str) -> Vec<String> {
    let Some(i) = msg.find("expected") else { return Vec::new() };
    msg[i..].split('`').skip(1).step_by(2).map(str::to_string).collect()
}

fn plain_expected(e: &str) -> String {
    match e {
        "a sequence" => "a list, like `[a, b]`".into(),
        "a string" => "text".into(),
        "a boolean" => "`true` or `false`".into(),
        "a map" => "a group of `key: value` lines".into(),
        "u32" | "u64" | "usize" | "u8" | "u16" | "i64" | "i32" => "a whole number".into(),
        "f64" | "f32" => "a number".into(),
        e if e.starts_with("struct ") || e.starts_with("a map") => {
            "a group of `key: value` lines".into()
        }
        e if e.contains("Date") || e.contains("date") => "a date like `2026-01-15`".into(),
        e if e.starts_with("a ") || e.starts_with("an ") => e.into(),
        e => format!("a {e}"),
    }
}

fn plain_found(f: &str) -> String {
    match f {
        "sequence" => "a list".into(),
        "map" => "a group of keys".into(),
        "unit value" => "empty".into(),
        f if f.starts_with("string ") => format!("the text {}", &f[7..]),
        f if f.starts_with("integer ") => format!("the number {}", &f[8..]),
        f if f.starts_with("floating point ") => format!("the number {}", &f[15..]),
        f if f.starts_with("boolean ") => format!("`{}`", &f[8..]),
        f => f.to_string(),
    }
}

/// Finds the second `key:` at the start of a line (any indentation) for duplicate-key errors.
fn find_second_key(yaml: &str, key: &str) -> Option<Span> {
    let mut seen = 0;
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '-']);
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with(':') {
            seen += 1;
            if seen == 2 {
                return Some(Span::new(pos + indent, pos + indent + key.len()));
            }
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Correction {
        date: jiff::civil::Date,
        text: String,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        date: jiff::civil::Date,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        corrections: Vec<Correction>,
    }

    fn example(key: &str) -> Option<&'static str> {
        match key {
            "title" => Some("title: \"Understanding your blood pressure\""),
            "tags" => Some("tags: [hypertension, heart health]"),
            _ => None,
        }
    }

    fn err(yaml: &str) -> (String, String, (usize, usize)) {
        // The YAML starts after a `---\n` line, as in a Markdown file.
        let text = format!("---\n{yaml}---\n");
        let file = SourceText::new("a.md", text.as_str());
        let d = parse::<Front>(yaml, &file, 4, "front matter", example).unwrap_err();
        let (start, _) = d.range().unwrap();
        (d.message, d.help.unwrap_or_default(), start)
    }

    #[test]
    fn unknown_nested_key_suggests_from_its_own_struct() {
        let (msg, help, pos) =
            err("title: x\ndate: 2026-01-15\ncorrections:\n  - date: 2026-01-01\n    txt: y\n");
        assert_eq!(msg, "unknown key `txt` in `corrections[0]`");
        assert!(help.starts_with("did you mean `text`?"), "{help}");
        assert_eq!(pos, (6, 5));
    }

    #[test]
    fn misspelled_top_level_key() {
        let (msg, help, pos) = err("title: x\ndate: 2026-01-15\ncorection: 1\n");
        assert_eq!(msg, "unknown key `corection` in the front matter");
        assert!(help.starts_with("did you mean `corrections`?"), "{help}");
        assert_eq!(pos, (4, 1));
    }

    #[test]
    fn wrong_type_and_bad_date_are_plain() {
        let (msg, help, pos) = err("title: x\ndate: 2026-01-15\ntags: foo\n");
        assert_eq!(msg, "`tags` should be a list, like `[a, b]`, but it is the text \"foo\"");
        assert_eq!(help, "write it like `tags: [hypertension, heart health]`");
        assert_eq!(pos, (4, 7));
        let (msg, help, pos) = err("title: x\ndate: 2026-13-15\n");
        assert_eq!(msg, "`date` is not a valid date");
        assert!(help.contains("2026-01-15"));
        assert_eq!(pos, (3, 7));
    }

    #[test]
    fn missing_and_duplicate_keys() {
        let (msg, help, pos) = err("date: 2026-01-15\n");
        assert_eq!(msg, "front matter has no `title`");
        assert_eq!(help, "add a line like `title: \"Understanding your blood pressure\"`");
        assert_eq!(pos, (2, 1));
        let (msg, _, pos) = err("title: x\ntitle: y\ndate: 2026-01-01\n");
        assert_eq!(msg, "`title` is given twice");
        assert_eq!(pos, (3, 1));
    }
}
