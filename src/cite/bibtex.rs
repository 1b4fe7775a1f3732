//! BibTeX and BibLaTeX (`references.bib`, what EndNote, Mendeley and JabRef export), read
//! with the `biblatex` crate and mapped to CSL items.
//!
//! Input: the text of a `.bib` file. Output: one [`BibItem`] per entry (a [`CslItem`] plus
//! the byte spans of its key and fields) and a diagnostic for every entry that cannot be
//! read. A syntax error only costs its own entry: the entry is blanked out and the file is
//! parsed again, so the other entries still load and every broken entry is reported.
//!
//! Mapping: entry types to CSL types (`@article` -> `article-journal`, `@incollection` ->
//! `chapter`, `@techreport` -> `report`, `@online` -> `webpage`...); `author`/`editor`/
//! `bookauthor` (a braced name such as `{World Health Organization}` is a group);
//! `journal`/`journaltitle`, `shortjournal` -> `container-title-short`, `booktitle`;
//! `date` or `year`/`month`/`day`; `number` -> `issue` for articles and `number` otherwise;
//! `pages` (`--` becomes `-`); `doi`; `pmid`/`pmcid` fields or `eprint` with `eprinttype =
//! {pubmed}`/`{pmc}`; `url`, `urldate` -> `accessed`; `publisher`/`institution`/`school`/
//! `organization`; `edition`; `type` -> `genre`; `note`; `pubstate`/`status`.

use std::collections::{HashMap, HashSet};

use biblatex::{
    Chunk, ChunksExt, ChunksRef, Entry, EntryType, ParseErrorKind, Person, RawBibliography, Spanned,
};

use super::csl::{CslDate, CslItem, CslName, DateParts, month_from_name, parse_date_text};
use crate::diag::{Diagnostic, Diagnostics, SourceText, Span};

/// One entry read from a `.bib` file.
#[derive(Clone, Debug)]
pub(crate) struct BibItem {
    /// The entry as CSL.
    pub(crate) item: CslItem,
    /// Where its key is.
    pub(crate) key_span: Span,
    /// Where each CSL field came from (`DOI`, `URL`, `accessed`, `container-title`...).
    pub(crate) field_spans: HashMap<&'static str, Span>,
}

/// Reads every entry of a `.bib` file, reporting the broken ones.
pub(crate) fn parse(file: &SourceText, diags: &mut Diagnostics) -> Vec<BibItem> {
    let mut work = file.text.to_string();
    // Pass 1: syntax. When the file does not parse, parse each entry alone, report and blank
    // out the broken ones (offsets stay valid), and parse the rest again.
    if RawBibliography::parse(&work).is_err() {
        let starts = entry_starts(&work);
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(work.len());
            let Err(e) = RawBibliography::parse(&work[start..end]) else { continue };
            let chunk = &work[start..end];
            let at_end = e.span.start + 2 >= chunk.trim_end().len();
            let span = if at_end {
                // An unclosed brace or quote: point at the entry, not at the next one.
                let line_end = chunk.find('\n').unwrap_or(chunk.len());
                start..start + line_end
            } else {
                start + e.span.start..start + e.span.end.max(e.span.start + 1)
            };
            diags.push(
                Diagnostic::error(
                    "cite.parse",
                    format!("this BibTeX entry cannot be read: {}", e.kind),
                )
                .at(file, span)
                .with_label(if at_end {
                    "this entry is not closed".to_string()
                } else {
                    e.kind.to_string()
                })
                .with_help(
                    "check the braces, quotes and commas of this entry: it should look like \
                         `@article{key, title = {...}, year = {2020}}`",
                ),
            );
            work = blank(&work, start..end);
        }
        if let Err(e) = RawBibliography::parse(&work) {
            let at = e.span.start.min(work.len());
            diags.push(
                Diagnostic::error(
                    "cite.parse",
                    format!("this BibTeX file cannot be read: {}", e.kind),
                )
                .at(file, super::snap(&file.text, at, at + 1))
                .with_help("check the braces, quotes and commas near this point"),
            );
            return Vec::new();
        }
    }
    let Ok(raw) = RawBibliography::parse(&work) else { return Vec::new() };

    // Pass 2: keys. The same key twice in one file is an error at the second one.
    let mut seen = HashSet::new();
    let mut key_spans: HashMap<String, Span> = HashMap::new();
    let mut entries = Vec::with_capacity(raw.entries.len());
    for entry in &raw.entries {
        let key = entry.v.key.v;
        let span = Span::from(entry.v.key.span.clone());
        if !seen.insert(key) {
            diags.push(
                Diagnostic::error(
                    "cite.duplicate_key",
                    format!("the key `{key}` is used by two entries in this file"),
                )
                .at(file, span)
                .with_label("second entry with this key")
                .with_help("rename one of the two entries, or delete the copy"),
            );
            continue;
        }
        key_spans.insert(key.to_string(), span);
        entries.push(entry.clone());
    }

    // Pass 3: fields (abbreviations, LaTeX commands). Drop each entry whose fields fail.
    let mut kinds: HashMap<String, String> =
        entries.iter().map(|e| (e.v.key.v.to_string(), e.v.kind.v.to_ascii_lowercase())).collect();
    let bib = loop {
        let attempt = RawBibliography {
            preamble: raw.preamble.clone(),
            entries: entries.clone(),
            abbreviations: raw.abbreviations.clone(),
        };
        match biblatex::Bibliography::from_raw(attempt) {
            Ok(bib) => break bib,
            Err(e) => {
                let culprit = entries
                    .iter()
                    .position(|en| en.span.start <= e.span.start && e.span.start < en.span.end);
                let (message, help) = match &e.kind {
                    ParseErrorKind::UnknownAbbreviation(a) => (
                        format!(
                            "`{a}` is written without braces or quotes, and no @string defines it"
                        ),
                        "put the value in braces, e.g. `journal = {JAMA}`".to_string(),
                    ),
                    other => (
                        format!("this BibTeX entry cannot be read: {other}"),
                        "check the LaTeX commands and braces in this entry".to_string(),
                    ),
                };
                diags.push(
                    Diagnostic::error("cite.parse", message)
                        .at(
                            file,
                            super::snap(&file.text, e.span.start, e.span.end.max(e.span.start + 1)),
                        )
                        .with_help(help),
                );
                match culprit {
                    Some(i) => {
                        kinds.remove(entries[i].v.key.v);
                        entries.remove(i);
                    }
                    None => return Vec::new(),
                }
            }
        }
    };

    bib.iter()
        .filter_map(|entry| {
            let key_span = *key_spans.get(&entry.key)?;
            let raw_kind = kinds.get(&entry.key).map_or("misc", String::as_str);
            Some(to_csl(entry, raw_kind, key_span))
        })
        .collect()
}

/// Byte offsets of the `@` that start entries: the first `@` on a line (after blanks).
fn entry_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('@') {
            out.push(pos + (line.len() - t.len()));
        }
        pos += line.len();
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text with `range` replaced by spaces (newlines kept), so offsets stay valid.
fn blank(text: &str, range: std::ops::Range<usize>) -> String {
    let start = floor_boundary(text, range.start);
    let end = floor_boundary(text, range.end);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    for c in text[start..end].chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out.push_str(&text[end..]);
    out
}

fn field(entry: &Entry, names: &[&str]) -> Option<(String, Span)> {
    for name in names {
        if let Some(chunks) = entry.get(name) {
            let text = chunks.format_verbatim();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                let span = chunks.span();
                return Some((text, Span::new(span.start, span.end)));
            }
        }
    }
    None
}

fn to_csl(entry: &Entry, raw_kind: &str, key_span: Span) -> BibItem {
    let mut spans: HashMap<&'static str, Span> = HashMap::new();
    let mut get = |csl: &'static str, names: &[&str]| -> Option<String> {
        let (v, s) = field(entry, names)?;
        spans.entry(csl).or_insert(s);
        Some(v)
    };
    let subtype = get("entrysubtype", &["entrysubtype"]).map(|s| s.to_ascii_lowercase());
    let has_journal = entry.get("journal").is_some() || entry.get("journaltitle").is_some();
    let has_url = entry.get("url").is_some();
    let kind = match &entry.entry_type {
        EntryType::Article => match subtype.as_deref() {
            Some("newspaper") => "article-newspaper",
            Some("magazine") => "article-magazine",
            _ => "article-journal",
        },
        EntryType::Book
        | EntryType::MvBook
        | EntryType::Manual
        | EntryType::Collection
        | EntryType::MvCollection
        | EntryType::Proceedings
        | EntryType::MvProceedings
        | EntryType::Reference
        | EntryType::MvReference => "book",
        EntryType::Booklet => "pamphlet",
        EntryType::InBook
        | EntryType::BookInBook
        | EntryType::InCollection
        | EntryType::SuppBook
        | EntryType::SuppCollection => "chapter",
        EntryType::InReference => "entry-encyclopedia",
        EntryType::InProceedings => "paper-conference",
        EntryType::Report | EntryType::TechReport => "report",
        EntryType::Thesis | EntryType::MastersThesis | EntryType::PhdThesis => "thesis",
        EntryType::Online => "webpage",
        EntryType::Unpublished => "manuscript",
        EntryType::Patent => "patent",
        EntryType::Software => "software",
        EntryType::Dataset => "dataset",
        EntryType::Periodical | EntryType::SuppPeriodical => "periodical",
        EntryType::Misc if has_journal => "article-journal",
        EntryType::Misc if has_url => "webpage",
        _ => match raw_kind {
            "webpage" | "website" => "webpage",
            "standard" => "standard",
            "preprint" => "article",
            "newsarticle" | "newspaper" => "article-newspaper",
            "pressrelease" => "report",
            _ => "document",
        },
    };
    let article = kind.starts_with("article");
    let mut item = CslItem { id: entry.key.clone(), kind: kind.to_string(), ..CslItem::default() };

    item.title = get("title", &["title"]);
    item.title_short = get("title-short", &["shorttitle"]);
    item.container_title = if article {
        get("container-title", &["journaltitle", "journal"])
    } else {
        get("container-title", &["booktitle", "journaltitle", "journal", "maintitle"])
    };
    item.container_title_short = get(
        "container-title-short",
        &[
            "shortjournal",
            "shortjournaltitle",
            "journalabbrev",
            "journal-abbreviation",
            "journalabbreviation",
            "abbrev_journal",
        ],
    );
    item.volume = get("volume", &["volume"]);
    if article {
        item.issue = get("issue", &["number", "issue"]);
        item.page = get("page", &["pages", "eid"]);
    } else {
        item.number = get("number", &["number"]);
        item.page = get("page", &["pages"]);
        item.chapter_number = get("chapter-number", &["chapter"]);
    }
    item.edition = get("edition", &["edition"]);
    let publisher_fields: &[&str] = match kind {
        "report" => &["institution", "publisher", "organization"],
        "thesis" => &["school", "institution", "publisher"],
        _ => &["publisher", "organization", "institution"],
    };
    item.publisher = get("publisher", publisher_fields);
    item.publisher_place = get("publisher-place", &["location", "address"]);
    item.genre = get("genre", &["type"]).or_else(|| match &entry.entry_type {
        EntryType::MastersThesis => Some("Master's thesis".to_string()),
        EntryType::PhdThesis => Some("PhD thesis".to_string()),
        _ if raw_kind == "pressrelease" => Some("News release".to_string()),
        _ => None,
    });
    item.collection_title = get("collection-title", &["series"]);
    item.event_title = get("event-title", &["eventtitle"]);
    item.event_place = get("event-place", &["venue"]);
    item.version = get("version", &["version"]);
    item.doi = get("DOI", &["doi"]);
    item.url = get("URL", &["url"]);
    item.isbn = get("ISBN", &["isbn"]);
    item.issn = get("ISSN", &["issn"]);
    item.note = get("note", &["note"]);
    item.status = get("status", &["pubstate", "status"]);
    item.retraction_notice = get("retraction-notice", &["retraction-notice", "retractionnotice"]);
    item.pmid = get("PMID", &["pmid"]);
    item.pmcid = get("PMCID", &["pmcid"]);
    if let Some((eprint, span)) = field(entry, &["eprint"]) {
        let etype = field(entry, &["eprinttype", "archiveprefix"])
            .map(|(t, _)| t.to_ascii_lowercase())
            .unwrap_or_default();
        match etype.as_str() {
            "pubmed" | "pmid" if item.pmid.is_none() => {
                item.pmid = Some(eprint);
                spans.insert("PMID", span);
            }
            "pmc" | "pmcid" | "pubmedcentral" if item.pmcid.is_none() => {
                item.pmcid = Some(eprint);
                spans.insert("PMCID", span);
            }
            _ => {}
        }
    }
    item.issued = date(entry, &["date"], &mut spans, "issued").or_else(|| year_month_day(entry));
    item.accessed = date(entry, &["urldate"], &mut spans, "accessed");
    item.updated = date(entry, &["updated"], &mut spans, "updated");
    item.event_date = date(entry, &["eventdate"], &mut spans, "event-date");
    item.author = names(entry.get("author"));
    item.editor = names(entry.get("editor"));
    item.container_author = names(entry.get("bookauthor"));
    BibItem { item, key_span, field_spans: spans }
}

fn date(
    entry: &Entry,
    names: &[&str],
    spans: &mut HashMap<&'static str, Span>,
    csl: &'static str,
) -> Option<CslDate> {
    let (text, span) = field(entry, names)?;
    spans.insert(csl, span);
    parse_date_text(&text)
}

fn year_month_day(entry: &Entry) -> Option<CslDate> {
    let (year, _) = field(entry, &["year"])?;
    let digits: String = year.chars().filter(char::is_ascii_digit).take(4).collect();
    let Ok(year) = digits.parse::<i32>() else {
        return Some(CslDate { parts: Vec::new(), literal: Some(year) });
    };
    let month = field(entry, &["month"]).and_then(|(m, _)| {
        m.trim()
            .parse::<u8>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .or_else(|| month_from_name(m.trim().trim_end_matches('.')))
    });
    let day = month
        .and(field(entry, &["day"]))
        .and_then(|(d, _)| d.trim().parse::<u8>().ok())
        .filter(|d| (1..=31).contains(d));
    Some(CslDate { parts: vec![DateParts { year, month, day }], literal: None })
}

/// Splits a name list on `and` (outside braces) and reads each name; a name that is one
/// braced group (`{World Health Organization}`) is a group author.
fn names(chunks: Option<ChunksRef<'_>>) -> Vec<CslName> {
    let Some(chunks) = chunks else { return Vec::new() };
    let mut parts: Vec<Vec<Spanned<Chunk>>> = vec![Vec::new()];
    for c in chunks {
        match &c.v {
            Chunk::Normal(s) => {
                let mut rest = s.as_str();
                loop {
                    match find_and(rest) {
                        Some((before, after)) => {
                            push_normal(parts.last_mut(), before, c.span.clone());
                            parts.push(Vec::new());
                            rest = after;
                        }
                        None => {
                            push_normal(parts.last_mut(), rest, c.span.clone());
                            break;
                        }
                    }
                }
            }
            _ => {
                if let Some(last) = parts.last_mut() {
                    last.push(c.clone());
                }
            }
        }
    }
    let mut out = Vec::new();
    for part in parts {
        let meaningful: Vec<&Spanned<Chunk>> = part
            .iter()
            .filter(|c| !matches!(&c.v, Chunk::Normal(s) if s.trim().is_empty()))
            .collect();
        match meaningful.as_slice() {
            [] => {}
            [one] if matches!(one.v, Chunk::Verbatim(_)) => {
                let name = one.v.get().split_whitespace().collect::<Vec<_>>().join(" ");
                out.push(CslName::literal(name));
            }
            [one] if matches!(&one.v, Chunk::Normal(s) if s.trim() == "others") => {}
            _ => {
                let p = Person::parse(&part);
                let opt = |s: String| {
                    let s = s.trim().to_string();
                    (!s.is_empty()).then_some(s)
                };
                let (family, given) = (opt(p.name), opt(p.given_name));
                let mut name = CslName {
                    family,
                    given,
                    suffix: opt(p.suffix),
                    non_dropping_particle: opt(p.prefix),
                    ..CslName::default()
                };
                if name.family.is_none() {
                    name.literal = name.given.take();
                }
                if name.family.is_some() || name.literal.is_some() {
                    out.push(name);
                }
            }
        }
    }
    out
}

fn push_normal(part: Option<&mut Vec<Spanned<Chunk>>>, s: &str, span: std::ops::Range<usize>) {
    if let (Some(part), false) = (part, s.is_empty()) {
        part.push(Spanned::new(Chunk::Normal(s.to_string()), span));
    }
}

/// Finds a whitespace-delimited `and` in `s`: returns the text before and after it.
fn find_and(s: &str) -> Option<(&str, &str)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("and") {
        let i = from + i;
        let before_ok = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let after_ok = bytes.get(i + 3).is_some_and(u8::is_ascii_whitespace);
        if before_ok && after_ok {
            return Some((&s[..i], &s[i + 3..]));
        }
        from = i + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Vec<BibItem>, Diagnostics) {
        let file = SourceText::new("content/references.bib", text);
        let mut diags = Diagnostics::new();
        let items = parse(&file, &mut diags);
        (items, diags)
    }

    #[test]
    fn maps_an_article() {
        let (items, diags) = load(
            "@article{knowler2002,\n  author = {Knowler, William C. and Barrett-Connor, Elizabeth and {Diabetes Prevention Program Research Group}},\n  title = {Reduction in the incidence of type 2 diabetes},\n  journal = {New England Journal of Medicine},\n  shortjournal = {N Engl J Med},\n  year = 2002, month = feb,\n  volume = {346}, number = {6}, pages = {393--403},\n  doi = {10.1056/NEJMoa012512},\n  eprint = {11832527}, eprinttype = {pubmed},\n}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let it = &items[0].item;
        assert_eq!(it.kind, "article-journal");
        assert_eq!(it.author.len(), 3);
        assert_eq!(it.author[0].family.as_deref(), Some("Knowler"));
        assert_eq!(it.author[0].given.as_deref(), Some("William C."));
        assert_eq!(
            it.author[2].literal.as_deref(),
            Some("Diabetes Prevention Program Research Group")
        );
        assert_eq!(it.issue.as_deref(), Some("6"));
        assert_eq!(it.issued, Some(CslDate::ymd(2002, Some(2), None)));
        assert_eq!(it.pmid.as_deref(), Some("11832527"));
        assert_eq!(it.container_title_short.as_deref(), Some("N Engl J Med"));
    }

    #[test]
    fn particles_and_suffixes() {
        let (items, _) = load(
            "@book{a, author = {de Boer, Ian H. and Wright, Jr., Jackson T.}, title = {T}, year = {2017}}",
        );
        let a = &items[0].item.author;
        assert_eq!(a[0].non_dropping_particle.as_deref(), Some("de"));
        assert_eq!(a[0].family.as_deref(), Some("Boer"));
        assert_eq!(a[1].suffix.as_deref(), Some("Jr."));
        assert_eq!(a[1].given.as_deref(), Some("Jackson T."));
    }

    #[test]
    fn broken_entries_are_reported_and_the_rest_load() {
        let text = "@article{good1, title = {One}, year = {2001}}\n\n@article{bad, title = {Two, year = {2002}\n\n@article{good2, title = {Three}, year = {2003}}\n@book{good1, title = {Dup}}\n";
        let (items, diags) = load(text);
        let keys: Vec<_> = items.iter().map(|i| i.item.id.as_str()).collect();
        assert!(keys.contains(&"good1"), "{keys:?}");
        assert!(diags.iter().any(|d| d.code == "cite.parse"), "{diags:?}");
        let dup = diags.iter().find(|d| d.code == "cite.duplicate_key").expect("duplicate");
        assert_eq!(dup.range().unwrap().0.0, 6);
    }

    #[test]
    fn undefined_string_macros_are_reported() {
        let (items, diags) =
            load("@article{a, journal = jama, title = {T}}\n@article{b, title = {U}}\n");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].item.id, "b");
        assert!(diags.iter().any(|d| d.message.contains("`jama`")), "{diags:?}");
    }
}
