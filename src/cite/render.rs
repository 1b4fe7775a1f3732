//! Per-article citation state: numbering, superscripts, the reference list.
//!
//! Input: the article's text runs in document order (footnote definitions where they occur),
//! each with the Markdown source it came from. Output: HTML for the runs that hold
//! citations, then the numbered [`CitedReferences`] and the article's diagnostics.
//!
//! AMA 3.6 in the text: numbers in order of first citation; a repeated source keeps its
//! number; numbers sorted within a group; 3 or more consecutive numbers joined with a hyphen
//! (`1-3`), pairs with a comma (`2,3`); a locator closed up inside the superscript (`5(p12)`)
//! and never part of a range; the superscript after a directly following period or comma and
//! before a colon or semicolon; no space before it; adjacent groups (`[@a][@b]`, `[@a] [@b]`)
//! merged into one superscript; an in-text `@a` prints "Jones et al" before the number.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use super::syntax::{self, Item};
use super::{ArticleBibliography, CiteKey, CslItem, Entry, escape_html, escape_html_into, snap};
use crate::diag::{Diagnostic, SourceText};

/// Per-article citation state. Feed it every text run in document order, then call
/// [`Citer::finish`].
#[derive(Debug)]
pub struct Citer<'a> {
    bib: &'a ArticleBibliography<'a>,
    file: SourceText,
    numbers: HashMap<&'a str, usize>,
    /// Cited entries by number - 1, with how many times each was cited so far.
    cited: Vec<(&'a Entry, usize)>,
    diags: Vec<Diagnostic>,
}

/// The references an article cites, numbered in order of first citation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CitedReferences {
    /// The entries, number 1 first.
    pub entries: Vec<FormattedReference>,
}

/// One numbered entry of an article's reference list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormattedReference {
    /// Its number in this article (1-based).
    pub number: usize,
    /// The citation key.
    pub key: CiteKey,
    /// The id of its list item, `ref-3`.
    pub anchor: String,
    /// The AMA entry as HTML (italic journal, linked DOI/PMID/PMCID, "Retracted" label).
    pub html: String,
    /// The same entry as plain text.
    pub text: String,
    /// The ids of every place it is cited, in order (`cite-3-1`, `cite-3-2`).
    pub backlinks: Vec<String>,
    /// True when the source was retracted (its entry then cites the retraction notice).
    pub retracted: bool,
    /// The data, for schema.org `citation` (DOI, PMID, URL, title...).
    pub item: CslItem,
}

/// Where the `@`, `[` and `]` of a text run are in its Markdown source.
#[derive(Clone, Copy, Debug)]
struct Mark {
    text: usize,
    source: usize,
    escaped: bool,
}

/// Aligns a decoded text run with its Markdown source, recording each `@`, `[` and `]`:
/// its source offset and whether it was written escaped (`\@`) or as an entity (`&#64;`).
fn align(text: &str, source: &str) -> Vec<Mark> {
    let (t, s) = (text.as_bytes(), source.as_bytes());
    let (mut i, mut j) = (0, 0);
    let mut marks = Vec::new();
    while i < t.len() {
        let c = t[i];
        let special = matches!(c, b'@' | b'[' | b']');
        if j + 1 < s.len() && s[j] == b'\\' && s[j + 1] == c && c.is_ascii_punctuation() {
            if special {
                marks.push(Mark { text: i, source: j + 1, escaped: true });
            }
            i += 1;
            j += 2;
            continue;
        }
        if j < s.len() && s[j] == c {
            if special {
                marks.push(Mark { text: i, source: j, escaped: false });
            }
            i += 1;
            j += 1;
            continue;
        }
        if j < s.len() && s[j] == b'&' {
            if let Some(semi) = entity_end(s, j) {
                if special {
                    marks.push(Mark { text: i, source: j, escaped: true });
                }
                i += utf8_len(c);
                j = semi + 1;
                continue;
            }
        }
        if j < s.len() {
            j += 1;
            continue;
        }
        if special {
            marks.push(Mark { text: i, source: s.len(), escaped: false });
        }
        i += 1;
    }
    marks
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The `;` closing an HTML entity starting at `j`, if it is one.
fn entity_end(s: &[u8], j: usize) -> Option<usize> {
    let end = (j + 34).min(s.len());
    for (k, &b) in s.iter().enumerate().take(end).skip(j + 1) {
        if b == b';' {
            return (k > j + 1).then_some(k);
        }
        if !(b.is_ascii_alphanumeric() || b == b'#') {
            return None;
        }
    }
    None
}

/// A citation group after merging adjacent ones.
struct Merged<'t> {
    range: Range<usize>,
    narrative: bool,
    items: Vec<Item<'t>>,
}

/// One number of a superscript with its label (locator and suffix).
struct Part<'a> {
    number: usize,
    label: Option<String>,
    spoken: Option<String>,
    entry: &'a Entry,
}

/// How the numbers of a superscript are laid out.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// One number (index into the sorted parts).
    One(usize),
    /// A run `first-last` of 3 or more consecutive numbers; the middle indices are hidden.
    Range(usize, Vec<usize>, usize),
}

/// Sorts numbers, drops repeats, and finds the runs to collapse.
fn layout(parts: &[(usize, Option<&str>)]) -> Vec<Piece> {
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| parts[i].0);
    let mut kept: Vec<usize> = Vec::with_capacity(order.len());
    for i in order {
        if !kept.iter().any(|&k| parts[k] == parts[i]) {
            kept.push(i);
        }
    }
    let mut pieces = Vec::new();
    let mut t = 0;
    while t < kept.len() {
        let mut u = t;
        if parts[kept[t]].1.is_none() {
            while u + 1 < kept.len()
                && parts[kept[u + 1]].1.is_none()
                && parts[kept[u + 1]].0 == parts[kept[u]].0 + 1
            {
                u += 1;
            }
        }
        if u - t >= 2 {
            pieces.push(Piece::Range(kept[t], kept[t + 1..u].to_vec(), kept[u]));
        } else {
            for &k in &kept[t..=u] {
                pieces.push(Piece::One(k));
            }
        }
        t = u + 1;
    }
    pieces
}

/// The AMA superscript text for a group: sorted, 3+ consecutive numbers as a range (`1-3`),
/// pairs and the rest with commas (`2,3`, `1,4-6,9`), locators closed up (`5(p12)`). Each
/// part is a number and an optional locator such as `p12`.
pub fn superscript_label(parts: &[(usize, Option<String>)]) -> String {
    let view: Vec<(usize, Option<&str>)> = parts.iter().map(|(n, l)| (*n, l.as_deref())).collect();
    let one = |k: usize| match view[k].1 {
        Some(l) => format!("{}({l})", view[k].0),
        None => view[k].0.to_string(),
    };
    layout(&view)
        .iter()
        .map(|p| match p {
            Piece::One(k) => one(*k),
            Piece::Range(a, _, b) => format!("{}-{}", view[*a].0, view[*b].0),
        })
        .collect::<Vec<_>>()
        .join(",")
}

impl<'a> Citer<'a> {
    /// A fresh state for one article.
    pub fn new(bib: &'a ArticleBibliography<'a>, file: &SourceText) -> Self {
        Citer {
            bib,
            file: file.clone(),
            numbers: HashMap::new(),
            cited: Vec::new(),
            diags: Vec::new(),
        }
    }

    /// Renders one merged text run. `text` is the decoded text; `source` the raw Markdown
    /// it came from, starting at byte `source_offset` of the file. Returns `None` when the
    /// run holds no citation (emit the text as usual), else the whole run as HTML: the text
    /// escaped and each citation replaced by its superscript.
    pub fn render_text(
        &mut self,
        text: &str,
        source: &str,
        source_offset: usize,
    ) -> Option<String> {
        if !text.as_bytes().contains(&b'@') {
            return None;
        }
        let marks = align(text, source);
        let escaped =
            |i: usize| marks.binary_search_by_key(&i, |m| m.text).is_ok_and(|k| marks[k].escaped);
        let groups = syntax::parse(text, &escaped);
        if groups.is_empty() {
            return None;
        }
        // Text position -> file offset, through the nearest recorded mark at or before it.
        let to_file = |i: usize| -> usize {
            let k = marks.partition_point(|m| m.text <= i);
            let base = match k.checked_sub(1).map(|k| marks[k]) {
                Some(m) => m.source + (i - m.text),
                None => i.min(source.len()),
            };
            source_offset + base.min(source.len())
        };

        let mut merged: Vec<Merged<'_>> = Vec::with_capacity(groups.len());
        for g in groups {
            if let Some(last) = merged.last_mut() {
                let between = &text[last.range.end..g.range.start];
                if !g.narrative
                    && between.bytes().all(|b| b == b' ' || b == b'\t' || b == b'\n' || b == b'\r')
                {
                    last.range.end = g.range.end;
                    last.items.extend(g.items);
                    continue;
                }
            }
            merged.push(Merged { range: g.range, narrative: g.narrative, items: g.items });
        }

        let mut out = String::with_capacity(text.len() + 400 * merged.len());
        let mut pos = 0;
        for g in &merged {
            let has_prefix = g.items.iter().any(|it| it.prefix.is_some());
            let mut before = &text[pos..g.range.start];
            if !g.narrative && !has_prefix {
                before = before.trim_end_matches([' ', '\t', '\n', '\r', '\u{a0}']);
            }
            escape_html_into(&mut out, before);
            if !g.narrative && !has_prefix && before.ends_with(|c: char| c.is_ascii_digit()) {
                let at = to_file(g.items[0].at);
                self.diags.push(
                    Diagnostic::info("cite.after_number", "a superscript right after a number reads like an exponent")
                        .at(&self.file, snap(&self.file.text, at, at + 1))
                        .with_help("reword so that the citation follows a word, e.g. \"in 26 patients [@key]\""),
                );
            }
            if g.narrative {
                let it = &g.items[0];
                match self.bib.entry(it.key) {
                    Some(e) => out.push_str(&e.narrative),
                    None => {
                        out.push('@');
                        escape_html_into(&mut out, it.key);
                    }
                }
            }
            if has_prefix {
                let mut first = true;
                for it in &g.items {
                    let Some((prefix, range)) = &it.prefix else { continue };
                    if !first {
                        out.push(' ');
                    }
                    first = false;
                    escape_html_into(&mut out, prefix);
                    let start = to_file(it.at).saturating_sub(it.at - range.start);
                    self.diags.push(
                        Diagnostic::warning(
                            "cite.prefix_in_numeric_style",
                            format!("\"{prefix}\" inside the citation brackets is printed before the superscript number"),
                        )
                        .at(&self.file, snap(&self.file.text, start, start + prefix.len()))
                        .with_label("prefix in a numbered citation")
                        .with_help(format!(
                            "AMA style cites with bare numbers: move \"{prefix}\" into the sentence, before the brackets"
                        )),
                    );
                }
            }
            let mut end = g.range.end;
            if !has_prefix {
                let rest = &text[end..];
                if let Some(c @ ('.' | ',')) = rest.chars().next() {
                    if !rest[1..].starts_with('.') {
                        out.push(c);
                        end += 1;
                    }
                }
            }
            self.write_superscript(&mut out, &g.items, &to_file);
            pos = end;
        }
        escape_html_into(&mut out, &text[pos..]);
        Some(out)
    }

    /// The number of a cited entry, assigning the next one on first citation.
    fn number_of(&mut self, entry: &'a Entry) -> usize {
        let key: &'a str = &entry.item.id;
        if let Some(&n) = self.numbers.get(key) {
            return n;
        }
        self.cited.push((entry, 0));
        let n = self.cited.len();
        self.numbers.insert(key, n);
        n
    }

    fn write_superscript(
        &mut self,
        out: &mut String,
        items: &[Item<'_>],
        to_file: &dyn Fn(usize) -> usize,
    ) {
        let bib: &'a ArticleBibliography<'a> = self.bib;
        let mut parts: Vec<Part<'a>> = Vec::with_capacity(items.len());
        let mut missing: Vec<&str> = Vec::new();
        for it in items {
            if let Some(range) = &it.unknown_label {
                let start = to_file(it.at) + (range.start - it.at);
                self.diags.push(
                    Diagnostic::warning(
                        "cite.unknown_locator",
                        format!("\"{}\" is not a locator term; it is printed as it is", &it.suffix),
                    )
                    .at(&self.file, snap(&self.file.text, start, start + (range.end - range.start)))
                    .with_label("unknown locator label")
                    .with_help(format!("write the locator with one of {}", syntax::TERM_HELP)),
                );
            }
            let Some(entry) = bib.entry(it.key) else {
                self.unknown_key(it, to_file);
                missing.push(it.key);
                continue;
            };
            let number = self.number_of(entry);
            let locator = it.locator.as_ref().map(syntax::Locator::render);
            let label = match (locator, it.suffix.is_empty()) {
                (Some(l), true) => Some(l),
                (Some(l), false) => Some(format!("{l}, {}", it.suffix)),
                (None, false) => Some(it.suffix.to_string()),
                (None, true) => None,
            };
            let spoken = it.locator.as_ref().and_then(|l| {
                let word = l.term.spoken(l.plural);
                (!word.is_empty()).then(|| format!("{word} {}", l.value))
            });
            parts.push(Part { number, label, spoken, entry });
        }

        out.push_str("<sup class=\"cite\">");
        let view: Vec<(usize, Option<&str>)> =
            parts.iter().map(|p| (p.number, p.label.as_deref())).collect();
        let mut first = true;
        for piece in layout(&view) {
            if !first {
                out.push(',');
            }
            first = false;
            match piece {
                Piece::One(k) => self.write_item(out, &parts[k]),
                Piece::Range(a, middle, b) => {
                    self.write_item(out, &parts[a]);
                    out.push_str(
                        "<span class=\"cite-range\"><span aria-hidden=\"true\">-</span><span class=\"visually-hidden\"> to </span>",
                    );
                    for m in middle {
                        let id = self.next_id(parts[m].number);
                        let _ = write!(out, "<span id=\"{id}\"></span>");
                    }
                    out.push_str("</span>");
                    self.write_item(out, &parts[b]);
                }
            }
        }
        for key in missing {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str("<span class=\"cite-missing\">?");
            escape_html_into(out, key);
            out.push_str("</span>");
        }
        out.push_str("</sup>");
    }

    /// `cite-N-K`: the K-th place reference N is cited.
    fn next_id(&mut self, number: usize) -> String {
        let uses = &mut self.cited[number - 1].1;
        *uses += 1;
        format!("cite-{number}-{uses}")
    }

    fn write_item(&mut self, out: &mut String, part: &Part<'_>) {
        let n = part.number;
        let id = self.next_id(n);
        let retracted = part.entry.item.is_retracted();
        let _ = write!(
            out,
            "<span class=\"cite-item{}\"><a href=\"#ref-{n}\" id=\"{id}\" class=\"cite-link\" aria-label=\"Reference {n}{}{}\" aria-describedby=\"{id}-preview\">{n}</a>",
            if retracted { " cite-retracted" } else { "" },
            part.spoken.as_deref().map(|s| format!(", {}", escape_html(s))).unwrap_or_default(),
            if retracted { ", retracted source" } else { "" },
        );
        if let Some(label) = &part.label {
            out.push('(');
            escape_html_into(out, label);
            out.push(')');
        }
        let _ = write!(
            out,
            "<span class=\"cite-preview\" id=\"{id}-preview\" role=\"tooltip\" aria-hidden=\"true\">{}</span></span>",
            part.entry.preview
        );
    }

    fn unknown_key(&mut self, it: &Item<'_>, to_file: &dyn Fn(usize) -> usize) {
        let start = to_file(it.at) + (it.key_range.start - it.at);
        let span = snap(&self.file.text, start, start + it.key.len());
        let suggestion = self
            .bib
            .all_keys()
            .map(|k| (strsim::levenshtein(&k.to_lowercase(), &it.key.to_lowercase()), k))
            .filter(|(d, _)| *d <= 3 && *d < it.key.chars().count())
            .min_by_key(|(d, k)| (*d, *k));
        let help = match suggestion {
            Some((_, k)) => format!("did you mean `{k}`?"),
            None => format!(
                "add a reference with `id: {}` to content/references.yaml (or to this article's \
                 `references:`), or fix the spelling; write `\\@` for an @ that is not a citation",
                it.key
            ),
        };
        self.diags.push(
            Diagnostic::error("cite.unknown_key", format!("no reference has the key `{}`", it.key))
                .at(&self.file, span)
                .with_label("unknown citation key")
                .with_help(help),
        );
    }

    /// Finishes the article: the numbered reference list (order of first citation) and the
    /// diagnostics (unknown keys, prefixes, locators).
    pub fn finish(self) -> (CitedReferences, Vec<Diagnostic>) {
        let entries = self
            .cited
            .iter()
            .enumerate()
            .map(|(i, (entry, uses))| {
                let number = i + 1;
                FormattedReference {
                    number,
                    key: CiteKey(entry.item.id.clone()),
                    anchor: format!("ref-{number}"),
                    html: entry.html.clone(),
                    text: entry.text.clone(),
                    backlinks: (1..=*uses).map(|k| format!("cite-{number}-{k}")).collect(),
                    retracted: entry.item.is_retracted(),
                    item: entry.item.clone(),
                }
            })
            .collect();
        (CitedReferences { entries }, self.diags)
    }
}

impl CitedReferences {
    /// The `<ol class="references">` for the article's References section (the template adds
    /// the heading); empty when nothing was cited.
    pub fn render_list_html(&self) -> String {
        if self.entries.is_empty() {
            return String::new();
        }
        let mut out = String::with_capacity(self.entries.len() * 600);
        out.push_str("<ol class=\"references\">\n");
        for e in &self.entries {
            let _ = write!(
                out,
                "<li id=\"{}\" class=\"reference{}\">{}",
                e.anchor,
                if e.retracted { " reference-retracted" } else { "" },
                e.html
            );
            out.push_str(" <span class=\"ref-backlinks\">");
            match e.backlinks.as_slice() {
                [] => {}
                [one] => {
                    let _ = write!(
                        out,
                        "<a class=\"ref-backlink\" href=\"#{one}\" aria-label=\"Back to where reference {} is cited\">↩\u{fe0e}</a>",
                        e.number
                    );
                }
                many => {
                    out.push_str("<span aria-hidden=\"true\">↩\u{fe0e}</span>");
                    for (k, id) in many.iter().enumerate() {
                        let _ = write!(
                            out,
                            " <a class=\"ref-backlink\" href=\"#{id}\" aria-label=\"Back to citation {} of reference {}\">{}</a>",
                            k + 1,
                            e.number,
                            backlink_letter(k)
                        );
                    }
                }
            }
            out.push_str("</span></li>\n");
        }
        out.push_str("</ol>\n");
        out
    }

    /// True when nothing was cited.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// a, b, ... z, then 27, 28...
fn backlink_letter(k: usize) -> String {
    if k < 26 { char::from(b'a' + k as u8).to_string() } else { (k + 1).to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscript_labels() {
        let p = |v: &[usize]| v.iter().map(|&n| (n, None)).collect::<Vec<_>>();
        assert_eq!(superscript_label(&p(&[1, 2, 3])), "1-3");
        assert_eq!(superscript_label(&p(&[2, 3])), "2,3");
        assert_eq!(superscript_label(&p(&[9, 1, 5, 4, 6])), "1,4-6,9");
        assert_eq!(superscript_label(&p(&[3, 1, 2, 2])), "1-3");
        assert_eq!(superscript_label(&p(&[7])), "7");
        assert_eq!(superscript_label(&[(5, Some("p12".into()))]), "5(p12)");
        assert_eq!(superscript_label(&[(12, Some("p4".into())), (19, None)]), "12(p4),19");
        assert_eq!(superscript_label(&[(1, None), (2, Some("p3".into())), (3, None)]), "1,2(p3),3");
        assert_eq!(superscript_label(&[]), "");
    }

    #[test]
    fn alignment_finds_escapes_and_entities() {
        let m = align("a @b \\@c", "a \\@b \\\\@c");
        assert_eq!(m.len(), 2);
        assert!(m[0].escaped);
        assert_eq!(m[0].source, 3);
        assert!(!m[1].escaped);
        assert_eq!(m[1].source, 8);
        let m = align("x @y", "x &#64;y");
        assert!(m[0].escaped);
        let m = align("[@a]", "[@a]");
        assert_eq!(m.iter().map(|m| m.source).collect::<Vec<_>>(), vec![0, 1, 3]);
    }
}
