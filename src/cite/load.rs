//! Reading bibliography files (CSL-YAML, CSL-JSON, BibTeX) and an article's `references:`.
//!
//! Input: a file's text (or a front-matter YAML slice and its offset in the `.md` file).
//! Output: the items, each with the span of its key, after the identifier checks. Every
//! problem becomes a diagnostic at file:line:col; a broken item never hides the others.
//!
//! serde does not keep positions, so item and field spans are found by scanning the text:
//! the block list items of a YAML file (`- id: ...` at one indentation), the objects of a
//! JSON array, then the `id`, `DOI`, `URL`... keys inside each item. When the layout is
//! unusual (flow style), items are found by their `id:` line instead.

use std::ops::Range;

use serde::Deserialize;
use serde_json::Value;

use super::bibtex;
use super::csl::CslItem;
use crate::diag::{Diagnostic, Diagnostics, SourceText, Span};

/// The file forms a bibliography can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Json,
    Bibtex,
}

impl Format {
    /// The form of a file, from its extension (`.bib`, `.json`, else YAML).
    pub(crate) fn of(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("bib" | "bibtex") => Format::Bibtex,
            Some("json") => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// One item read from a file.
#[derive(Clone, Debug)]
pub(crate) struct Loaded {
    pub(crate) item: CslItem,
    /// The key (the `id:` value or the BibTeX key).
    pub(crate) span: Span,
    /// The `accessed` field, for the "re-check the link" warning.
    pub(crate) accessed_span: Option<Span>,
}

/// Reads a whole bibliography file.
pub(crate) fn parse_file(
    file: &SourceText,
    format: Format,
    diags: &mut Diagnostics,
) -> Vec<Loaded> {
    let text: &str = &file.text;
    // A byte-order mark is not part of YAML or JSON: parse after it, keeping file offsets.
    let (offset, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (3, rest),
        None => (0, text),
    };
    match format {
        Format::Bibtex => bibtex::parse(file, diags)
            .into_iter()
            .map(|b| {
                let spans = b.field_spans;
                let mut loaded = Loaded {
                    accessed_span: spans.get("accessed").copied(),
                    span: b.key_span,
                    item: b.item,
                };
                validate(file, &mut loaded, &|f| spans.get(f).copied(), diags);
                loaded
            })
            .collect(),
        Format::Json => {
            let value: Value = match serde_json::from_str(body) {
                Ok(v) => v,
                Err(e) => {
                    let at = offset + byte_of_line_col(body, e.line(), e.column());
                    diags.push(
                        Diagnostic::error(
                            "cite.parse",
                            format!(
                                "this bibliography file is not valid JSON: {}",
                                strip_location(&e.to_string())
                            ),
                        )
                        .at(file, super::snap(&file.text, at, at + 1))
                        .with_help("check the commas, quotes and brackets near this point"),
                    );
                    return Vec::new();
                }
            };
            let regions = json_item_regions(body);
            items_from_value(file, body, offset, &value, regions, diags)
        }
        Format::Yaml => {
            let value: Value = match serde_yaml::from_str(body) {
                Ok(v) => v,
                Err(e) => {
                    let at = offset + e.location().map_or(0, |l| l.index());
                    diags.push(
                        Diagnostic::error(
                            "cite.parse",
                            format!(
                                "this bibliography file is not valid YAML: {}",
                                strip_location(&e.to_string())
                            ),
                        )
                        .at(file, super::snap(&file.text, at, at + 1))
                        .with_help(
                            "check the indentation and the `- id:` line that starts each \
                             reference; put text containing `: ` or starting with `[`, `{`, \
                             `*` or `@` in quotes",
                        ),
                    );
                    return Vec::new();
                }
            };
            let regions = yaml_item_regions(body);
            items_from_value(file, body, offset, &value, regions, diags)
        }
    }
}

/// Reads the `references:` list of an article's front matter (`yaml` starts at byte
/// `offset` of `file.text`).
pub(crate) fn parse_front_matter(
    file: &SourceText,
    yaml: &str,
    offset: usize,
    diags: &mut Diagnostics,
) -> Vec<Loaded> {
    if !yaml.contains("references") {
        return Vec::new();
    }
    #[derive(Deserialize)]
    struct Front {
        #[serde(default)]
        references: Option<Value>,
    }
    let references = match serde_yaml::from_str::<Front>(yaml) {
        Ok(front) => front.references,
        Err(e) => {
            // A front matter that is not valid YAML at all is reported by the front-matter
            // stage; report only problems inside `references:`.
            let whole: Result<serde_yaml::Value, _> = serde_yaml::from_str(yaml);
            if matches!(whole, Ok(serde_yaml::Value::Mapping(_))) {
                let at = offset + e.location().map_or(0, |l| l.index());
                diags.push(
                    Diagnostic::error(
                        "cite.parse",
                        format!("the `references:` list cannot be read: {}", strip_location(&e.to_string())),
                    )
                    .at(file, super::snap(&file.text, at, at + 1))
                    .with_help("each reference starts with `- id: key` and has CSL fields such as `type:`, `title:`, `author:`"),
                );
            }
            return Vec::new();
        }
    };
    let Some(value) = references else { return Vec::new() };
    if value.is_null() {
        return Vec::new();
    }
    let regions = yaml_item_regions(yaml);
    items_from_value(
        file,
        yaml,
        offset,
        &Value::Object(std::iter::once(("references".to_string(), value)).collect()),
        regions,
        diags,
    )
}

/// The items of a parsed file, with their spans.
fn items_from_value(
    file: &SourceText,
    text: &str,
    offset: usize,
    value: &Value,
    regions: Vec<Range<usize>>,
    diags: &mut Diagnostics,
) -> Vec<Loaded> {
    let items: &[Value] = match value {
        Value::Null => return Vec::new(),
        Value::Array(a) => a,
        Value::Object(m) => match m.get("references") {
            Some(Value::Array(a)) => a,
            Some(Value::Null) => return Vec::new(),
            None if m.contains_key("id") => std::slice::from_ref(value),
            _ => {
                let at =
                    offset + find_key(text, 0..text.len(), "references").map_or(0, |k| k.0.start);
                diags.push(
                    Diagnostic::error("cite.parse", "the references must be a list")
                        .at(file, super::snap(&file.text, at, at + 1))
                        .with_help("write each reference as a list item starting with `- id: key`"),
                );
                return Vec::new();
            }
        },
        _ => {
            diags.push(
                Diagnostic::error(
                    "cite.parse",
                    "a bibliography file must hold a list of references",
                )
                .at(file, offset..offset + 1)
                .with_help("write each reference as a list item starting with `- id: key`"),
            );
            return Vec::new();
        }
    };
    let ids: Vec<Option<String>> = items
        .iter()
        .map(|v| {
            v.get("id").and_then(|id| match id {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        })
        .collect();
    let regions = if regions.len() == items.len() { regions } else { regions_by_id(text, &ids) };

    let mut out = Vec::with_capacity(items.len());
    for (n, v) in items.iter().enumerate() {
        let region = regions.get(n).cloned().unwrap_or(0..text.len());
        let at = |r: Range<usize>| Span::new(r.start + offset, r.end + offset);
        let id_span = find_key(text, region.clone(), "id").map(|(_, v)| at(v));
        let item_span = id_span.unwrap_or_else(|| {
            let s = region.start.min(text.len());
            let e = text[s..].find('\n').map_or(text.len(), |i| s + i);
            at(s..e)
        });
        let Value::Object(map) = v else {
            diags.push(
                Diagnostic::error(
                    "cite.parse",
                    "this reference is not a list of `field: value` pairs",
                )
                .at(file, item_span)
                .with_help(
                    "start each reference with `- id: key` and put its fields below, indented",
                ),
            );
            continue;
        };
        let (item, issues) = CslItem::from_json(map);
        for issue in &issues {
            let span = find_key(text, region.clone(), &issue.field)
                .map_or(item_span, |(k, v)| at(k.start..v.end));
            diags.push(
                Diagnostic::error(
                    "cite.bad_field",
                    format!("the `{}` field of `{}` cannot be read: {}", issue.field, display_id(&item), issue.message),
                )
                .at(file, span)
                .with_help("see the CSL fields in the documentation: names are `- family: Smith` / `given: Anne B.`; dates are `2019-03-07`"),
            );
        }
        if item.id.is_empty() {
            diags.push(
                Diagnostic::error("cite.missing_id", "this reference has no `id`")
                    .at(file, item_span)
                    .with_label("no `id:` in this reference")
                    .with_help("add `id: a-short-key` (the key you cite as `[@a-short-key]`)"),
            );
            continue;
        }
        let field_span = |name: &str| -> Option<Span> {
            let alias = match name {
                "DOI" => "doi",
                "PMID" => "pmid",
                "PMCID" => "pmcid",
                "URL" => "url",
                other => other,
            };
            [name, alias]
                .iter()
                .find_map(|n| find_key(text, region.clone(), n))
                .map(|(k, v)| at(k.start..v.end))
        };
        let accessed_span = field_span("accessed");
        let mut loaded = Loaded { item, span: item_span, accessed_span };
        validate(file, &mut loaded, &field_span, diags);
        out.push(loaded);
    }
    out
}

fn display_id(item: &CslItem) -> &str {
    if item.id.is_empty() { "this reference" } else { &item.id }
}

/// Checks and normalises identifiers, and warns about what AMA style needs but is missing.
/// `span_of(field)` gives the span of a CSL field (`DOI`, `URL`, `container-title`...).
pub(crate) fn validate(
    file: &SourceText,
    loaded: &mut Loaded,
    span_of: &dyn Fn(&str) -> Option<Span>,
    diags: &mut Diagnostics,
) {
    let item = &mut loaded.item;
    let at = |field: &str| span_of(field).unwrap_or(loaded.span);
    // Zotero keeps PubMed identifiers in `note` ("PMID: 123" lines) when it has no field.
    if let Some(note) = &item.note {
        for line in note.lines() {
            let l = line.trim();
            let label =
                |n: usize, what: &str| l.get(..n).is_some_and(|p| p.eq_ignore_ascii_case(what));
            if item.pmid.is_none() && label(5, "pmid:") {
                item.pmid = Some(l[5..].trim().to_string());
            } else if item.pmcid.is_none() && label(6, "pmcid:") {
                item.pmcid = Some(l[6..].trim().to_string());
            }
        }
    }
    if let Some(doi) = item.doi.take() {
        let clean = normalize_doi(&doi);
        if !is_valid_doi(&clean) {
            diags.push(
                Diagnostic::error(
                    "cite.bad_doi",
                    format!("the DOI of `{}` is not a valid DOI: `{doi}`", item.id),
                )
                .at(file, at("DOI"))
                .with_label("not a DOI")
                .with_help(
                    "a DOI looks like `10.1056/NEJMoa012512`: `10.`, 4 to 9 digits, `/`, then \
                         the rest without spaces; copy it from the article page or doi.org",
                ),
            );
        }
        item.doi = Some(clean);
    }
    if let Some(pmid) = item.pmid.take() {
        let clean = strip_label(&pmid, "pmid");
        if clean.is_empty() || !clean.bytes().all(|b| b.is_ascii_digit()) {
            diags.push(
                Diagnostic::error("cite.bad_pmid", format!("the PMID of `{}` is not a PubMed number: `{pmid}`", item.id))
                    .at(file, at("PMID"))
                    .with_label("a PMID is digits only")
                    .with_help("copy the number shown as `PMID:` on the article's PubMed page, e.g. `11832527`"),
            );
        }
        item.pmid = Some(clean);
    }
    if let Some(pmcid) = item.pmcid.take() {
        let clean = strip_label(&pmcid, "pmcid");
        let upper = match clean.get(..3) {
            Some(p) if p.eq_ignore_ascii_case("pmc") => format!("PMC{}", &clean[3..]),
            _ => clean.clone(),
        };
        let digits = upper.strip_prefix("PMC").unwrap_or("");
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            diags.push(
                Diagnostic::error(
                    "cite.bad_pmcid",
                    format!("the PMCID of `{}` is not a PubMed Central number: `{pmcid}`", item.id),
                )
                .at(file, at("PMCID"))
                .with_label("a PMCID is `PMC` and digits")
                .with_help("write it as shown on PubMed Central, e.g. `PMC1370926`"),
            );
        }
        item.pmcid = Some(upper);
    }
    if item.kind.is_empty() {
        let guess =
            if item.container_title.is_some() && (item.volume.is_some() || item.page.is_some()) {
                "article-journal"
            } else if item.url.is_some() {
                "webpage"
            } else {
                "book"
            };
        diags.push(
            Diagnostic::warning(
                "cite.missing_type",
                format!("`{}` has no `type`; it is formatted as `{guess}`", item.id),
            )
            .at(file, loaded.span)
            .with_help("add `type: article-journal` (or book, chapter, report, webpage...)"),
        );
        item.kind = guess.to_string();
    }
    if item.kind == "article-journal"
        && item.container_title.is_some()
        && item.container_title_short.is_none()
    {
        diags.push(
            Diagnostic::warning(
                "cite.missing_journal_abbrev",
                format!(
                    "`{}` has no journal abbreviation; the full journal name is printed",
                    item.id
                ),
            )
            .at(file, at("container-title"))
            .with_label("AMA style prints the NLM abbreviation")
            .with_help(
                "add `container-title-short:` with the journal's NLM abbreviation (shown on the \
                 PubMed page, e.g. `N Engl J Med`)",
            ),
        );
    }
    if prints_url(item) && item.accessed.is_none() {
        diags.push(
            Diagnostic::warning("cite.web_not_accessed", format!("`{}` links to a web page but has no accessed date", item.id))
                .at(file, at("URL"))
                .with_label("AMA style prints when you last opened the link")
                .with_help("add `accessed: YYYY-MM-DD`, the day you last checked that the page says what you cite"),
        );
    }
}

/// True when the AMA entry prints the URL (web pages, and anything without a DOI).
pub(crate) fn prints_url(item: &CslItem) -> bool {
    item.url.is_some()
        && (item.doi.is_none() || matches!(item.kind.as_str(), "webpage" | "post" | "post-weblog"))
}

/// `https://doi.org/10.x`, `doi:10.x`, `DOI: 10.x` -> `10.x`.
pub(crate) fn normalize_doi(doi: &str) -> String {
    let mut d = doi.trim();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
        "dx.doi.org/",
        "doi:",
    ] {
        if d.len() >= prefix.len() && d[..prefix.len()].eq_ignore_ascii_case(prefix) {
            d = d[prefix.len()..].trim_start();
            break;
        }
    }
    d.to_string()
}

/// `^10\.\d{4,9}/\S+$`
pub(crate) fn is_valid_doi(doi: &str) -> bool {
    let Some(rest) = doi.strip_prefix("10.") else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(4..=9).contains(&digits) {
        return false;
    }
    let Some(suffix) = rest[digits..].strip_prefix('/') else { return false };
    !suffix.is_empty() && !suffix.chars().any(char::is_whitespace)
}

fn strip_label(s: &str, label: &str) -> String {
    let t = s.trim();
    match t.get(..label.len()) {
        Some(p) if p.eq_ignore_ascii_case(label) => {
            t[label.len()..].trim_start_matches([':', ' ']).trim().to_string()
        }
        _ => t.to_string(),
    }
}

/// Drops the " at line L column C" that YAML and JSON errors append (the diagnostic shows it).
fn strip_location(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn byte_of_line_col(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)];
    let mut byte = 0;
    for (n, (i, _)) in line_text.char_indices().enumerate() {
        if n + 1 >= col {
            byte = i;
            break;
        }
        byte = i + 1;
    }
    (start + byte).min(text.len())
}

/// The block-list items of a YAML document: of the top-level list, or of the list under a
/// top-level `references:` key.
pub(crate) fn yaml_item_regions(text: &str) -> Vec<Range<usize>> {
    let mut start = 0;
    let first_content = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .unwrap_or("");
    if !(first_content == "-" || first_content.starts_with("- ")) {
        let mut pos = 0;
        let mut found = None;
        for line in text.split_inclusive('\n') {
            if line.starts_with("references:") {
                found = Some(pos + line.len());
                break;
            }
            pos += line.len();
        }
        match found {
            Some(p) => start = p,
            None => return Vec::new(),
        }
    }
    let mut starts = Vec::new();
    let mut end = text.len();
    let mut indent_of_list = None;
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end();
        let t = content.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = content.len() - t.len();
        let is_item = t == "-" || t.starts_with("- ");
        match indent_of_list {
            None => {
                if is_item {
                    indent_of_list = Some(indent);
                    starts.push(line_start + indent);
                } else if t == "---" {
                    continue;
                } else {
                    return Vec::new();
                }
            }
            Some(li) => {
                if indent == li && is_item {
                    starts.push(line_start + indent);
                } else if indent < li || (indent == li && !t.starts_with('-')) {
                    end = line_start;
                    break;
                }
            }
        }
    }
    starts.iter().enumerate().map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(end)).collect()
}

/// The objects of the first array in a JSON document.
pub(crate) fn json_item_regions(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let (mut depth, mut list_depth, mut in_str, mut esc) = (0usize, None, false, false);
    let mut item_start = 0;
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if in_str {
            if esc {
                esc = false;
            } else if b == b'\\' {
                esc = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' => {
                depth += 1;
                if list_depth.is_none() {
                    list_depth = Some(depth);
                }
            }
            b']' => {
                if list_depth == Some(depth) {
                    break;
                }
                depth = depth.saturating_sub(1);
            }
            b'{' => {
                if list_depth == Some(depth) {
                    item_start = i;
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if list_depth == Some(depth) {
                    out.push(item_start..i + 1);
                }
            }
            _ => {}
        }
    }
    out
}

/// Regions found by each item's `id` line, in order (for flow-style YAML and the like).
fn regions_by_id(text: &str, ids: &[Option<String>]) -> Vec<Range<usize>> {
    let mut starts = Vec::with_capacity(ids.len());
    let mut cursor = 0;
    for id in ids {
        let mut found = None;
        let mut from = cursor;
        while let Some((k, v)) = find_key(text, from..text.len(), "id") {
            let value = text[v.clone()].trim_matches(|c| c == '"' || c == '\'');
            if id.as_deref().is_none_or(|id| value == id) {
                found = Some(k.start);
                break;
            }
            from = v.end.max(k.end);
        }
        let s = found.unwrap_or(cursor);
        let line_start = text[..s].rfind(['\n', '{']).map_or(0, |i| i + 1);
        starts.push(line_start.max(cursor.min(s)));
        cursor = found.map_or(cursor, |f| f + 2);
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| s..starts.get(i + 1).copied().filter(|&e| e > s).unwrap_or(text.len()))
        .collect()
}

/// Finds `key:` (or `"key":`) in `region`; returns the key's span and its value's span (the
/// rest of the line, without quotes or a trailing comma).
pub(crate) fn find_key(
    text: &str,
    region: Range<usize>,
    key: &str,
) -> Option<(Range<usize>, Range<usize>)> {
    let end = region.end.min(text.len());
    let hay = text.get(region.start..end)?;
    let bytes = text.as_bytes();
    let delim = |i: usize| -> bool {
        i == region.start
            || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'{' | b',' | b'[' | b'-')
    };
    let mut from = 0;
    while let Some(off) = hay[from..].find(key) {
        let k = region.start + from + off;
        from += off + key.len();
        let mut kstart = k;
        let mut after = k + key.len();
        let quote = if k > region.start { bytes.get(k - 1).copied() } else { None };
        match quote {
            Some(q @ (b'"' | b'\'')) => {
                if bytes.get(after) != Some(&q) || !delim(k - 1) {
                    continue;
                }
                kstart = k - 1;
                after += 1;
            }
            _ => {
                if !delim(k) {
                    continue;
                }
            }
        }
        while bytes.get(after).is_some_and(|b| *b == b' ' || *b == b'\t') {
            after += 1;
        }
        if bytes.get(after) != Some(&b':') {
            continue;
        }
        let mut v = after + 1;
        while bytes.get(v).is_some_and(|b| *b == b' ' || *b == b'\t') {
            v += 1;
        }
        let line_end = text[v..end].find(['\n', '\r']).map_or(end, |i| v + i);
        let mut value = text[v..line_end].trim_end();
        if let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let inner = &value[1..];
            let close = inner.find(q).unwrap_or(inner.len());
            return Some((kstart..after + 1, v + 1..v + 1 + close));
        }
        value = value.trim_end_matches(',');
        if let Some(hash) = value.find(" #") {
            value = value[..hash].trim_end();
        }
        let vend = if value.is_empty() { after + 1 } else { v + value.len() };
        let vstart = if value.is_empty() { kstart } else { v };
        return Some((kstart..after + 1, vstart..vend));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doi_rules() {
        assert_eq!(normalize_doi("https://doi.org/10.1056/NEJMoa012512"), "10.1056/NEJMoa012512");
        assert_eq!(normalize_doi("doi: 10.1056/x"), "10.1056/x");
        assert!(is_valid_doi("10.1016/S0140-6736(97)11096-0"));
        assert!(is_valid_doi("10.1161/HYP.0000000000000065"));
        assert!(!is_valid_doi("10.123/x"));
        assert!(!is_valid_doi("10.1056/"));
        assert!(!is_valid_doi("10.1056/a b"));
        assert!(!is_valid_doi("NEJMoa012512"));
    }

    #[test]
    fn yaml_regions_and_keys() {
        let text = "# refs\n- id: a\n  title: \"A: b\"\n  DOI: 10.1/x\n\n- id: 'b'\n  author:\n    - family: X\n";
        let r = yaml_item_regions(text);
        assert_eq!(r.len(), 2);
        let (_, v) = find_key(text, r[0].clone(), "id").unwrap();
        assert_eq!(&text[v], "a");
        let (_, v) = find_key(text, r[1].clone(), "id").unwrap();
        assert_eq!(&text[v], "b");
        let (_, v) = find_key(text, r[0].clone(), "title").unwrap();
        assert_eq!(&text[v], "A: b");
        assert!(find_key(text, r[1].clone(), "DOI").is_none());
        let fm = "title: x\nreferences:\n  - id: loc\n    type: book\ntags: [a]\n";
        let r = yaml_item_regions(fm);
        assert_eq!(r.len(), 1);
        assert!(!fm[r[0].clone()].contains("tags"));
    }

    #[test]
    fn json_regions() {
        let text = r#"[{"id": "a", "title": "x}{["}, {"id":"b","author":[{"family":"Y"}]}]"#;
        let r = json_item_regions(text);
        assert_eq!(r.len(), 2);
        let (_, v) = find_key(text, r[1].clone(), "id").unwrap();
        assert_eq!(&text[v], "b");
        // `pmid` is not `id`.
        let t = r#"[{"PMID": "1", "id": "c"}]"#;
        let (_, v) = find_key(t, 0..t.len(), "id").unwrap();
        assert_eq!(&t[v], "c");
    }
}
