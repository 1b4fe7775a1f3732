//! AMA Manual of Style (11th ed.) reference entries and in-text names, written by hand.
//!
//! Input: a [`CslItem`]. Output: the reference-list entry as HTML and as plain text (the same
//! words), and the narrative name used for in-text citations ("Jones et al").
//!
//! Rules implemented (credibility.md 1.2; AMA 3.7-3.15):
//! - authors `Family Initials` without periods, all if 6 or fewer people, else the first 3
//!   and `et al`; particles kept before the family name (`de Boer IH`, `van der Berg K`),
//!   suffixes after the initials without a period (`Wright JT Jr`), hyphenated given names
//!   keep the hyphen (`Jean-Paul` -> `J-P`); groups in full, separated from people by `;`
//!   (`Knowler WC, Barrett-Connor E, Fowler SE, et al; Diabetes Prevention Program Research
//!   Group.`);
//! - titles exactly as given (never re-cased), CSL rich text (`<i>`, `<b>`, `<sup>`, `<sub>`)
//!   kept; a period is added unless the title ends in `?`, `!` or `.`; straight quotes and
//!   apostrophes in titles, names and publishers become typographic ones (`Harrison’s`,
//!   `O’Malley`), as the Manual prints them;
//! - journal: the NLM abbreviation (`container-title-short`, periods removed) in italics,
//!   falling back to the full title; `Year;Vol(Issue):pages` with full page ranges
//!   (`1210-17` -> `1210-1217`), e-locators, `suppl`; `Published online Month Day, Year.`
//!   when there is no volume, issue or page; `In press.` for accepted articles;
//! - `doi:10...` with no final period, linked to https://doi.org/; with no DOI, `Accessed
//!   Month Day, Year. URL`; then (a `rounds` addition) `PMID: n` and `PMCID: PMCn`, linked;
//! - books `*Title*. Vol 2. 3rd ed. Publisher; Year.`, chapters `In: Editors, eds. *Book*.
//!   ... Publisher; Year:pages.`, editors `ed.`/`eds.`/`et al, eds.`, reports and guidelines
//!   `*Title*. Publisher; Year. Series. Genre Number. Updated date. Accessed date. URL`
//!   (3.13.2, 3.15.5), web pages `Title. Site. Genre Number. Published date. Updated date.
//!   Accessed date. URL` (an organisation that is also the site is not repeated as author), news releases `Title. News release. Organization; Month Day, Year.`,
//!   newspapers, theses, preprints (`Preprint posted online`), presentations;
//! - a retracted item (`status: retracted`, a `retraction-notice`, a PubMed `Retraction in:`
//!   note, or a publisher's `RETRACTED:` title prefix, which is then removed) cites its notice
//!   in brackets after its title, `[retracted in: Lancet. 2010;375(9713):445]` (see
//!   [`super::retraction`]), in a `<strong class="ref-retracted">`.
//!
//! House decisions where the Manual is silent or the data is unusual:
//! - PubMed identifiers follow the DOI as `PMID: 11832527 PMCID: PMC1370926`, with no
//!   periods (like the DOI, so that none is copied with a stray period);
//! - both CSL particles print before the family name (`van Beethoven L`), as the Manual keeps
//!   particles "as the person uses them";
//! - truncation counts people only: a group is always printed (`X, Y, Z, et al; Group.`);
//! - a report with a number but no `genre` prints `Report N`;
//! - `document` items with a URL and no DOI use the web-page form; unknown types use a
//!   generic form (`Authors. *Title*. Container. Publisher; Year.` plus identifiers).

use std::fmt::Write as _;

use super::csl::{CslDate, CslItem, CslName};
use super::escape_html;

/// The AMA entry for `item`, as HTML (italics, links) and as plain text.
pub fn format_reference(item: &CslItem) -> (String, String) {
    format_with_notice(item, None)
}

/// [`format_reference`] for a retracted item whose retraction notice `notice` is in the
/// bibliography too: the bracket after its title cites the notice.
pub(crate) fn format_with_notice(item: &CslItem, notice: Option<&CslItem>) -> (String, String) {
    let retracted = item.is_retracted();
    // The bracket replaces a publisher's "RETRACTED:" title prefix.
    let stripped = item.title.as_deref().and_then(super::csl::retracted_prefix);
    let clean;
    let item = match stripped {
        Some(t) => {
            clean = CslItem { title: Some(t.to_string()), ..item.clone() };
            &clean
        }
        None => item,
    };
    let mut out = Out {
        retraction: retracted.then(|| super::retraction::bracket(item, notice)),
        ..Out::default()
    };
    match Kind::of(item) {
        Kind::Journal { abbreviate } => journal(&mut out, item, abbreviate),
        Kind::Book => book(&mut out, item),
        Kind::Chapter => chapter(&mut out, item),
        Kind::Report => report(&mut out, item),
        Kind::Web => web(&mut out, item),
        Kind::Newspaper => newspaper(&mut out, item),
        Kind::NewsRelease => news_release(&mut out, item),
        Kind::Thesis => thesis(&mut out, item),
        Kind::Preprint => preprint(&mut out, item),
        Kind::Presentation => presentation(&mut out, item),
        Kind::Other => other(&mut out, item),
    }
    let Out { mut html, mut text, retraction } = out;
    text.truncate(text.trim_end().len());
    html.truncate(html.trim_end().len());
    // An item with no title still shows that it was retracted.
    if let Some((bracket_html, bracket_text)) = retraction {
        html.push(' ');
        html.push_str(&bracket_html);
        text.push(' ');
        text.push_str(&bracket_text);
    }
    (html, text)
}

/// How an item is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Journal { abbreviate: bool },
    Book,
    Chapter,
    Report,
    Web,
    Newspaper,
    NewsRelease,
    Thesis,
    Preprint,
    Presentation,
    Other,
}

impl Kind {
    fn of(item: &CslItem) -> Kind {
        let genre = item.genre.as_deref().unwrap_or("").to_ascii_lowercase();
        if genre.contains("news release") || genre.contains("press release") {
            return Kind::NewsRelease;
        }
        if genre.contains("preprint") {
            return Kind::Preprint;
        }
        match item.kind.as_str() {
            "article-journal" | "review" | "review-book" => Kind::Journal { abbreviate: true },
            "article-magazine" => {
                if item.volume.is_some() || item.issue.is_some() {
                    Kind::Journal { abbreviate: false }
                } else {
                    Kind::Newspaper
                }
            }
            "article-newspaper" => Kind::Newspaper,
            "book" | "pamphlet" | "classic" | "collection" | "periodical" | "manuscript" => {
                Kind::Book
            }
            "chapter" | "entry-encyclopedia" | "entry-dictionary" | "entry" => {
                if item.container_title.is_some() { Kind::Chapter } else { Kind::Book }
            }
            "paper-conference" => {
                if item.container_title.is_some() {
                    Kind::Chapter
                } else {
                    Kind::Presentation
                }
            }
            "speech" => Kind::Presentation,
            "report" | "standard" => Kind::Report,
            "thesis" => Kind::Thesis,
            // CSL's generic `article` is what Zotero exports for a preprint; one with a volume
            // or pages was published in a periodical.
            "article" if item.volume.is_some() || item.page.is_some() => {
                Kind::Journal { abbreviate: true }
            }
            "article" => Kind::Preprint,
            "webpage" | "post" | "post-weblog" => Kind::Web,
            "document" if item.url.is_some() && item.doi.is_none() => Kind::Web,
            _ => Kind::Other,
        }
    }
}

/// HTML and plain text written side by side.
#[derive(Default)]
struct Out {
    html: String,
    text: String,
    /// A retracted item's `[retracted in: ...]` bracket (HTML, text), written after the title.
    retraction: Option<(String, String)>,
}

impl Out {
    /// Plain words (escaped in the HTML).
    fn lit(&mut self, s: &str) {
        self.html.push_str(&escape_html(s));
        self.text.push_str(s);
    }

    /// CSL rich text (`<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`).
    fn rich(&mut self, s: &str) {
        rich_text(s, &mut self.html, &mut self.text, false);
    }

    /// Rich text in italics (journal and book titles).
    fn italic(&mut self, s: &str) {
        self.html.push_str("<i>");
        rich_text(s, &mut self.html, &mut self.text, true);
        self.html.push_str("</i>");
    }

    fn link(&mut self, href: &str, label: &str) {
        let _ = write!(self.html, "<a href=\"{}\">{}</a>", escape_html(href), escape_html(label));
        self.text.push_str(label);
    }

    /// Ends the current element with a period (unless it already ends with `.`, `?` or `!`)
    /// and a space.
    /// After a title: a retracted item's bracket, inside the title's period (AMA: "...SCNT
    /// blastocysts [retracted in: Science. 2006;311(5759):335]. Science.").
    fn retraction_bracket(&mut self) {
        if let Some((html, text)) = self.retraction.take() {
            if self.text.ends_with('.') && self.html.ends_with('.') && !self.text.ends_with("..") {
                self.text.pop();
                self.html.pop();
            }
            self.html.push(' ');
            self.html.push_str(&html);
            self.text.push(' ');
            self.text.push_str(&text);
        }
    }

    fn period(&mut self) {
        if self.text.trim_end().is_empty() {
            return;
        }
        self.text.truncate(self.text.trim_end().len());
        self.html.truncate(self.html.trim_end().len());
        if !self.text.ends_with(['.', '?', '!']) {
            self.lit(".");
        }
        self.lit(" ");
    }
}

/// Writes CSL rich text: the HTML keeps the small set of formatting tags CSL allows; the plain
/// text drops them. Anything else is escaped text.
fn rich_text(s: &str, html: &mut String, text: &mut String, in_italic: bool) {
    const TAGS: &[(&str, &str)] = &[
        ("<i>", "i"),
        ("<b>", "b"),
        ("<sup>", "sup"),
        ("<sub>", "sub"),
        ("<span class=\"nocase\">", "span"),
        ("<span style=\"font-variant:small-caps;\">", "span"),
        ("<span style=\"font-variant: small-caps;\">", "span"),
    ];
    // Quotes are decided on the whole string, so that `"<i>x</i>"` opens and closes.
    let typeset = typographic_quotes(s);
    let s = typeset.as_str();
    if !s.contains('<') {
        html.push_str(&escape_html(s));
        text.push_str(s);
        return;
    }
    let mut open: Vec<&str> = Vec::new();
    let mut rest = s;
    'outer: while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            html.push_str(&escape_html(rest));
            text.push_str(rest);
            break;
        };
        html.push_str(&escape_html(&rest[..lt]));
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        for &(tag, name) in TAGS {
            if rest.starts_with(tag) {
                // Italics inside an italic title would vanish; they are dropped, and spans
                // carry no visible formatting here.
                if !(name == "span" || (name == "i" && in_italic)) {
                    html.push_str(tag);
                }
                open.push(name);
                rest = &rest[tag.len()..];
                continue 'outer;
            }
        }
        if let Some(after) = rest.strip_prefix("</") {
            if let Some(gt) = after.find('>') {
                let name = &after[..gt];
                if let Some(pos) = open.iter().rposition(|n| *n == name) {
                    // Close everything opened after it too, so the HTML stays balanced.
                    while open.len() > pos {
                        let n = open.pop().unwrap_or_default();
                        if !(n == "span" || (n == "i" && in_italic)) {
                            let _ = write!(html, "</{n}>");
                        }
                    }
                    rest = &after[gt + 1..];
                    continue;
                }
            }
        }
        html.push_str("&lt;");
        text.push('<');
        rest = &rest[1..];
    }
    while let Some(n) = open.pop() {
        if !(n == "span" || (n == "i" && in_italic)) {
            let _ = write!(html, "</{n}>");
        }
    }
}

/// Straight quotes as the Manual prints them (its examples have "didn’t" and “wind down”):
/// an apostrophe or closing single quote `’`, an opening `‘` at the start of a word that
/// follows a space or an opening bracket, and `“` `”` likewise. Quotes inside a tag
/// (`<span class="nocase">`) are left alone.
pub(crate) fn typographic_quotes(s: &str) -> String {
    if !s.contains(['\'', '"']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut in_tag = false;
    let mut before: Option<char> = None;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ => {}
        }
        let opens = before.is_none_or(|b| b.is_whitespace() || "([{‘“-–—/".contains(b));
        let typeset = match c {
            '\'' if !in_tag => {
                if opens {
                    '‘'
                } else {
                    '’'
                }
            }
            '"' if !in_tag => {
                if opens {
                    '“'
                } else {
                    '”'
                }
            }
            other => other,
        };
        out.push(typeset);
        if !in_tag && c != '>' {
            before = Some(typeset);
        }
    }
    out
}

// ---- names ------------------------------------------------------------------------------

/// `Family Initials Suffix` for a person, the name in full for a group.
fn person_name(n: &CslName) -> String {
    if let Some(l) = &n.literal {
        return typographic_quotes(l.trim());
    }
    let mut s = String::new();
    for particle in [&n.non_dropping_particle, &n.dropping_particle].into_iter().flatten() {
        let p = particle.trim();
        if p.is_empty() {
            continue;
        }
        s.push_str(p);
        if !p.ends_with(['\'', '’', '-']) {
            s.push(' ');
        }
    }
    s.push_str(n.family.as_deref().unwrap_or("").trim());
    let mut s = typographic_quotes(&s);
    if let Some(given) = &n.given {
        let i = initials(given);
        if !i.is_empty() {
            s.push(' ');
            s.push_str(&i);
        }
    }
    if let Some(suffix) = &n.suffix {
        let suffix = suffix.trim().trim_end_matches('.').trim_start_matches(',').trim();
        if !suffix.is_empty() {
            s.push(' ');
            s.push_str(suffix);
        }
    }
    s
}

/// Initials from given names: "Paul K." -> "PK", "J. Larry" -> "JL", "Jean-Paul" -> "J-P",
/// "AB" (already initials) -> "AB".
pub(crate) fn initials(given: &str) -> String {
    let mut out = String::new();
    for word in given.split(|c: char| c.is_whitespace()) {
        let word = word.trim_matches(|c: char| c == ',' || c == '(' || c == ')' || c == '"');
        if word.is_empty() {
            continue;
        }
        // Already initials: "AB", "A.B.", "J.-P."
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        let all_upper = !letters.is_empty() && letters.chars().all(char::is_uppercase);
        if all_upper && (letters.chars().count() <= 3 || word.contains('.')) && !word.contains('-')
        {
            out.push_str(&letters);
            continue;
        }
        if word.contains('.')
            && !word.contains('-')
            && word.chars().filter(|c| *c == '.').count() > 1
        {
            // "J.L." style.
            for piece in word.split('.') {
                if let Some(c) = piece.chars().find(|c| c.is_alphabetic()) {
                    out.extend(c.to_uppercase());
                }
            }
            continue;
        }
        let mut first_piece = true;
        for piece in word.split('-') {
            if let Some(c) = piece.chars().find(|c| c.is_alphabetic()) {
                if !first_piece {
                    out.push('-');
                }
                out.extend(c.to_uppercase());
                first_piece = false;
            }
        }
    }
    out
}

/// The AMA name list: people as `Family Initials` joined by commas, groups in full after a
/// semicolon; more than 6 people -> the first 3 and `et al`. No final period.
pub(crate) fn name_list(names: &[CslName]) -> String {
    let people = names.iter().filter(|n| !n.is_group()).count();
    let truncate = people > 6;
    let mut segments: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut seen = 0;
    for n in names {
        if n.is_group() {
            if !run.is_empty() {
                segments.push(run.join(", "));
                run.clear();
            }
            segments.push(person_name(n));
            continue;
        }
        seen += 1;
        if truncate && seen > 3 {
            continue;
        }
        run.push(person_name(n));
        if truncate && seen == 3 {
            run.push("et al".to_string());
        }
    }
    if !run.is_empty() {
        segments.push(run.join(", "));
    }
    segments.retain(|s| !s.is_empty());
    segments.join("; ")
}

/// Editors with `ed.` or `eds.`.
fn editor_list(names: &[CslName]) -> String {
    let list = name_list(names);
    let one = names.len() == 1;
    format!("{list}, {}", if one { "ed." } else { "eds." })
}

/// The names for an in-text citation (AMA 3.6): "Jones", "Smith and Green", "Jones et al",
/// a group name in full. Falls back to editors, then to the title.
pub fn narrative_name(item: &CslItem) -> String {
    let names = if !item.author.is_empty() {
        &item.author
    } else if !item.editor.is_empty() {
        &item.editor
    } else {
        &item.container_author
    };
    let short = |n: &CslName| -> String {
        if let Some(l) = &n.literal {
            return typographic_quotes(l.trim());
        }
        let mut s = String::new();
        for particle in [&n.non_dropping_particle, &n.dropping_particle].into_iter().flatten() {
            let p = particle.trim();
            if !p.is_empty() {
                s.push_str(p);
                if !p.ends_with(['\'', '’', '-']) {
                    s.push(' ');
                }
            }
        }
        s.push_str(n.family.as_deref().unwrap_or("").trim());
        typographic_quotes(&s)
    };
    match names.as_slice() {
        [] => item
            .title_short
            .as_deref()
            .or(item.title.as_deref())
            .map(|t| strip_tags(t).trim().to_string())
            .unwrap_or_else(|| item.id.clone()),
        [one] => short(one),
        [a, b] => format!("{} and {}", short(a), short(b)),
        [first, ..] => format!("{} et al", short(first)),
    }
}

/// Text without CSL formatting tags.
pub(crate) fn strip_tags(s: &str) -> String {
    let mut html = String::new();
    let mut text = String::new();
    rich_text(s, &mut html, &mut text, false);
    text
}

// ---- pieces -----------------------------------------------------------------------------

/// `Month Day, Year`, `Month Year` or `Year`; seasons by name; a literal as given.
pub(crate) fn format_date(d: &CslDate) -> Option<String> {
    use crate::dates::MONTHS;
    const SEASONS: [&str; 4] = ["Spring", "Summer", "Autumn", "Winter"];
    let Some(p) = d.start() else {
        return d.literal.clone();
    };
    let month = match p.month {
        Some(m @ 1..=12) => Some(MONTHS[usize::from(m) - 1]),
        Some(m @ 13..=16) => Some(SEASONS[usize::from(m) - 13]),
        Some(m @ 21..=24) => Some(SEASONS[usize::from(m) - 21]),
        _ => None,
    };
    Some(match (month, p.day) {
        (Some(m), Some(day)) if p.month.is_some_and(|m| m <= 12) => {
            format!("{m} {day}, {}", p.year)
        }
        (Some(m), _) => format!("{m} {}", p.year),
        (None, _) => p.year.to_string(),
    })
}

fn year(item: &CslItem) -> Option<String> {
    let d = item.issued.as_ref()?;
    match d.year() {
        Some(y) => Some(y.to_string()),
        None => d.literal.clone(),
    }
}

/// `2nd ed.` from "2", "2nd", "2nd edition", "Second edition"; nothing for a first edition.
pub(crate) fn edition(e: &str) -> Option<String> {
    let e = e.trim();
    if e.is_empty() {
        return None;
    }
    if let Ok(n) = e.parse::<u32>() {
        return (n > 1).then(|| format!("{} ed.", ordinal(n)));
    }
    let lower = e.to_ascii_lowercase();
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let first_word = lower.split_whitespace().next().unwrap_or("");
    if let Some(i) = WORDS.iter().position(|w| *w == first_word) {
        return (i > 0).then(|| format!("{} ed.", ordinal(i as u32 + 1)));
    }
    let digits: String = lower.chars().take_while(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse::<u32>() {
        let rest = lower[digits.len()..].trim_start_matches(['s', 't', 'n', 'd', 'r', 'h']).trim();
        if rest.is_empty() || rest.starts_with("ed") {
            return (n > 1).then(|| format!("{} ed.", ordinal(n)));
        }
    }
    if lower.ends_with("ed.") || lower.ends_with(" ed") {
        let e = e.trim_end_matches('.');
        return Some(format!("{e}."));
    }
    if let Some(stem) = lower.strip_suffix("edition") {
        let stem = e[..stem.len()].trim();
        return Some(format!("{stem} ed."));
    }
    Some(format!("{e} ed."))
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Full page ranges with hyphens (AMA 3.11.1): `1210-17` -> `1210-1217`, `S158-78` ->
/// `S158-S178`, `e13–e115` -> `e13-e115`.
pub(crate) fn pages(p: &str) -> String {
    let p = p.trim();
    let p = p.strip_prefix("pp.").or_else(|| p.strip_prefix("p.")).map_or(p, str::trim_start);
    let normalized = p.replace(['–', '—'], "-").replace("--", "-");
    normalized
        .split(',')
        .map(|seg| {
            let seg = seg.trim();
            let Some((a, b)) = seg.split_once('-') else {
                return seg.to_string();
            };
            let (a, b) = (a.trim(), b.trim());
            let (ap, ad) = split_alpha_prefix(a);
            let (bp, bd) = split_alpha_prefix(b);
            let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
            if !all_digits(ad) || !all_digits(bd) {
                return format!("{a}-{b}");
            }
            let prefix = if bp.is_empty() { ap } else { bp };
            let mut end = bd.to_string();
            if bd.len() < ad.len() && bp.is_empty() {
                end = format!("{}{}", &ad[..ad.len() - bd.len()], bd);
                if end.parse::<u64>().ok() < ad.parse::<u64>().ok() {
                    end = bd.to_string();
                }
            }
            format!("{ap}{ad}-{prefix}{end}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn split_alpha_prefix(s: &str) -> (&str, &str) {
    let i = s.find(|c: char| c.is_ascii_digit()).unwrap_or(s.len());
    (&s[..i], &s[i..])
}

/// Issues keep their text, with AMA's lowercase `suppl`.
fn issue(i: &str) -> String {
    let mut out = String::with_capacity(i.len());
    for (n, word) in i.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let lower = word.to_ascii_lowercase();
        if lower == "supplement" || lower == "suppl." || lower == "suppl" || lower == "supp" {
            out.push_str("suppl");
        } else {
            out.push_str(word);
        }
    }
    out
}

/// NLM abbreviations carry no periods (`N. Engl. J. Med.` -> `N Engl J Med`).
pub(crate) fn journal_abbreviation(s: &str) -> String {
    s.replace(". ", " ")
        .trim_end_matches('.')
        .replace('.', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_http(url: &str) -> bool {
    let l = url.trim_start().get(..8).unwrap_or("").to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

/// Percent-encodes the characters of a DOI that cannot stand in a URL path.
pub(crate) fn doi_url(doi: &str) -> String {
    let mut url = String::from("https://doi.org/");
    for c in doi.chars() {
        match c {
            '%' => url.push_str("%25"),
            '"' => url.push_str("%22"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            ' ' => url.push_str("%20"),
            '<' => url.push_str("%3C"),
            '>' => url.push_str("%3E"),
            '{' => url.push_str("%7B"),
            '}' => url.push_str("%7D"),
            '^' => url.push_str("%5E"),
            '`' => url.push_str("%60"),
            '|' => url.push_str("%7C"),
            '\\' => url.push_str("%5C"),
            c => url.push(c),
        }
    }
    url
}

/// Authors then a period, or nothing.
fn authors(out: &mut Out, names: &[CslName]) {
    let list = name_list(names);
    if !list.is_empty() {
        out.lit(&list);
        out.period();
    }
}

fn title(out: &mut Out, item: &CslItem) {
    if let Some(t) = &item.title {
        out.rich(t);
        out.retraction_bracket();
        out.period();
    }
}

fn italic_title(out: &mut Out, item: &CslItem) {
    if let Some(t) = &item.title {
        out.italic(t);
        out.retraction_bracket();
        out.period();
    }
}

/// `Vol 2. 3rd ed.`
fn volume_edition(out: &mut Out, item: &CslItem) {
    if let Some(v) = &item.volume {
        out.lit(&format!("Vol {v}"));
        out.period();
    }
    if let Some(e) = item.edition.as_deref().and_then(edition) {
        out.lit(&e);
        out.period();
    }
}

/// `Publisher; Year` (no final punctuation).
fn publisher_year(out: &mut Out, item: &CslItem) -> bool {
    let y = year(item);
    match (item.publisher.as_deref().map(typographic_quotes), y) {
        (Some(p), Some(y)) => out.lit(&format!("{p}; {y}")),
        (Some(p), None) => out.lit(&p),
        (None, Some(y)) => out.lit(&y),
        (None, None) => return false,
    }
    true
}

/// `doi:...` (no period), or `Accessed date. URL`; then PMID and PMCID.
fn identifiers(out: &mut Out, item: &CslItem) {
    if let Some(doi) = &item.doi {
        doi_link(out, doi);
    } else if let Some(url) = &item.url {
        accessed(out, item);
        url_link(out, url);
    }
    pubmed_ids(out, item);
}

/// Web pages always carry the accessed date, then the URL (or the DOI when there is no URL).
fn web_tail(out: &mut Out, item: &CslItem) {
    accessed(out, item);
    match (&item.url, &item.doi) {
        (Some(url), _) => url_link(out, url),
        (None, Some(doi)) => doi_link(out, doi),
        (None, None) => {}
    }
    pubmed_ids(out, item);
}

fn accessed(out: &mut Out, item: &CslItem) {
    if let Some(acc) = item.accessed.as_ref().and_then(format_date) {
        out.lit(&format!("Accessed {acc}"));
        out.period();
    }
}

fn doi_link(out: &mut Out, doi: &str) {
    out.link(&doi_url(doi), &format!("doi:{doi}"));
    out.lit(" ");
}

fn url_link(out: &mut Out, url: &str) {
    if is_http(url) {
        out.link(url, url);
    } else {
        out.lit(url);
    }
    out.lit(" ");
}

fn pubmed_ids(out: &mut Out, item: &CslItem) {
    if let Some(pmid) = &item.pmid {
        out.lit("PMID: ");
        out.link(&format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"), pmid);
        out.lit(" ");
    }
    if let Some(pmcid) = &item.pmcid {
        out.lit("PMCID: ");
        out.link(&format!("https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/"), pmcid);
        out.lit(" ");
    }
}

fn status_in_press(item: &CslItem) -> bool {
    item.status.as_deref().is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(['-', '_'], " ");
        s.contains("in press")
            || s.contains("inpress")
            || s.contains("forthcoming")
            || s.contains("accepted")
    })
}

// ---- layouts ----------------------------------------------------------------------------

fn journal(out: &mut Out, item: &CslItem, abbreviate: bool) {
    authors(out, &item.author);
    title(out, item);
    let journal = if abbreviate {
        item.container_title_short
            .as_deref()
            .map(journal_abbreviation)
            .or_else(|| item.container_title.clone())
    } else {
        item.container_title.clone()
    };
    if let Some(j) = &journal {
        out.italic(j);
        out.period();
    }
    let page = item.page.as_deref().or(item.number.as_deref());
    if status_in_press(item) && item.volume.is_none() && page.is_none() {
        out.lit("In press");
        out.period();
    } else if item.volume.is_none() && item.issue.is_none() && page.is_none() {
        let date = item.issued.as_ref().and_then(format_date);
        match date {
            Some(d) => out.lit(&format!("Published online {d}")),
            None => out.lit("Published online"),
        }
        out.period();
    } else if let Some(location) = journal_location(item) {
        out.lit(&location);
        out.period();
    }
    identifiers(out, item);
}

/// `Year;Vol(Issue):pages` of a journal article (the pages or article number in full).
pub(crate) fn journal_location(item: &CslItem) -> Option<String> {
    let page = item.page.as_deref().or(item.number.as_deref());
    let mut s = String::new();
    if let Some(y) = year(item) {
        s.push_str(&y);
        s.push(';');
    }
    if let Some(v) = &item.volume {
        s.push_str(v.trim());
    }
    if let Some(i) = &item.issue {
        let _ = write!(s, "({})", issue(i));
    }
    if let Some(p) = page {
        if s.ends_with(';') {
            s.pop();
        }
        let _ = write!(s, ":{}", pages(p));
    }
    (!s.is_empty()).then_some(s)
}

fn book(out: &mut Out, item: &CslItem) {
    let by_editors = item.author.is_empty() && !item.editor.is_empty();
    if by_editors {
        out.lit(&editor_list(&item.editor));
        out.lit(" ");
    } else {
        authors(out, &item.author);
    }
    italic_title(out, item);
    volume_edition(out, item);
    if !by_editors && !item.editor.is_empty() {
        out.lit(&editor_list(&item.editor));
        out.lit(" ");
    }
    if publisher_year(out, item) {
        out.period();
    }
    identifiers(out, item);
}

fn chapter(out: &mut Out, item: &CslItem) {
    authors(out, &item.author);
    title(out, item);
    out.lit("In: ");
    if !item.editor.is_empty() {
        out.lit(&editor_list(&item.editor));
        out.lit(" ");
    } else if !item.container_author.is_empty() {
        out.lit(&name_list(&item.container_author));
        out.period();
    }
    if let Some(book) = &item.container_title {
        out.italic(book);
        out.period();
    }
    volume_edition(out, item);
    let wrote = publisher_year(out, item);
    if let Some(p) = &item.page {
        out.lit(&format!("{}{}", if wrote { ":" } else { "" }, pages(p)));
    } else if let Some(c) = &item.chapter_number {
        out.lit(&format!("{}chap {c}", if wrote { ":" } else { "" }));
    }
    out.period();
    identifiers(out, item);
}

fn report(out: &mut Out, item: &CslItem) {
    authors(out, &item.author);
    italic_title(out, item);
    volume_edition(out, item);
    if !item.editor.is_empty() {
        out.lit(&editor_list(&item.editor));
        out.lit(" ");
    }
    if publisher_year(out, item) {
        out.period();
    }
    // After the publisher and year, as the Manual's reports show ("National Institute on Drug
    // Abuse; 2010. Monitoring the Future. NIH publication 10-7586."): the series, then the
    // report's own number, then the date it was last updated (3.15.5).
    let series = item.collection_title.as_deref().map(|t| match &item.collection_number {
        Some(n) => format!("{} {n}", t.trim()),
        None => t.trim().to_string(),
    });
    match (&item.genre, &item.number, series) {
        (Some(g), Some(n), series) => {
            if let Some(s) = series {
                out.rich(&s);
                out.period();
            }
            out.lit(&format!("{g} {n}"));
            out.period();
        }
        (genre, None, series) => {
            for part in [series.as_deref(), genre.as_deref()].into_iter().flatten() {
                out.rich(part);
                out.period();
            }
        }
        // A number with a series and no genre is the number in the series ("NCHS Data Brief
        // 364"); on its own it is a report number.
        (None, Some(n), Some(s)) if item.collection_number.is_none() => {
            out.rich(&format!("{s} {n}"));
            out.period();
        }
        (None, Some(n), series) => {
            if let Some(s) = series {
                out.rich(&s);
                out.period();
            }
            out.lit(&format!("Report {n}"));
            out.period();
        }
    }
    updated(out, item);
    identifiers(out, item);
}

/// `Updated Month Day, Year.` when the source says when it was last updated.
fn updated(out: &mut Out, item: &CslItem) {
    if let Some(d) = item.updated.as_ref().and_then(format_date) {
        out.lit(&format!("Updated {d}"));
        out.period();
    }
}

/// The site name: `container-title`, else the publisher.
fn site_name(item: &CslItem) -> Option<&str> {
    item.container_title.as_deref().or(item.publisher.as_deref())
}

fn web(out: &mut Out, item: &CslItem) {
    let site = site_name(item);
    // An organisation that is also the site is not repeated as the author (AMA 3.15.1).
    let org_is_site = matches!(item.author.as_slice(), [one] if one.is_group()
        && site.is_some_and(|s| person_name(one).eq_ignore_ascii_case(s.trim())));
    if !org_is_site {
        authors(out, &item.author);
    }
    title(out, item);
    if let Some(s) = site {
        out.lit(&typographic_quotes(s));
        out.period();
    }
    // A guideline's or document's own number, where its publisher's name would stand in a
    // report ("NICE guideline NG136").
    match (&item.genre, &item.number) {
        (Some(g), Some(n)) => out.lit(&format!("{g} {n}")),
        (Some(g), None) => out.lit(g),
        (None, Some(n)) => out.lit(n),
        (None, None) => {}
    }
    out.period();
    published_updated_tail(out, item, item.issued.as_ref().and_then(format_date));
}

/// "Published <date>. Updated <date>." then the accessed date and URL (web pages and news
/// without pages).
fn published_updated_tail(out: &mut Out, item: &CslItem, published: Option<String>) {
    if let Some(d) = published {
        out.lit(&format!("Published {d}"));
        out.period();
    }
    updated(out, item);
    web_tail(out, item);
}

fn newspaper(out: &mut Out, item: &CslItem) {
    authors(out, &item.author);
    title(out, item);
    if let Some(p) = &item.container_title {
        out.italic(p);
        out.period();
    }
    let date = item.issued.as_ref().and_then(format_date);
    if let Some(page) = &item.page {
        let mut s = date.unwrap_or_default();
        let _ = write!(s, ":{}", page.trim());
        out.lit(&s);
        out.period();
        identifiers(out, item);
    } else {
        published_updated_tail(out, item, date);
    }
}

fn news_release(out: &mut Out, item: &CslItem) {
    title(out, item);
    out.lit("News release");
    out.period();
    let org = item
        .publisher
        .clone()
        .or_else(|| item.container_title.clone())
        .or_else(|| item.author.first().map(person_name));
    let date = item.issued.as_ref().and_then(format_date);
    match (org, date) {
        (Some(o), Some(d)) => out.lit(&format!("{o}; {d}")),
        (Some(o), None) => out.lit(&o),
        (None, Some(d)) => out.lit(&d),
        (None, None) => {}
    }
    out.period();
    web_tail(out, item);
}

fn thesis(out: &mut Out, item: &CslItem) {
    authors(out, &item.author);
    italic_title(out, item);
    let genre = item.genre.as_deref().unwrap_or("");
    let lower = genre.to_ascii_lowercase();
    let label = if lower.contains("master") {
        "Master's thesis".to_string()
    } else if lower.is_empty()
        || lower.contains("phd")
        || lower.contains("ph.d")
        || lower.contains("doctor")
        || lower.contains("dissertation")
    {
        "Dissertation".to_string()
    } else {
        genre.to_string()
    };
    out.lit(&label);
    out.period();
    if publisher_year(out, item) {
        out.period();
    }
    identifiers(out, item);
}

fn preprint(out: &mut Out, item: &CslItem) {
    authors(out, &item.author);
    title(out, item);
    if let Some(server) = item.container_title.as_deref().or(item.publisher.as_deref()) {
        out.lit(server);
        out.period();
    }
    match item.issued.as_ref().and_then(format_date) {
        Some(d) => out.lit(&format!("Preprint posted online {d}")),
        None => out.lit("Preprint"),
    }
    out.period();
    identifiers(out, item);
}

fn presentation(out: &mut Out, item: &CslItem) {
    authors(out, &item.author);
    title(out, item);
    let what = item.genre.as_deref().or(item.medium.as_deref());
    let mut s = match what {
        Some(g) => format!("{g} presented at: "),
        None => "Presented at: ".to_string(),
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(e) = &item.event_title {
        parts.push(e.clone());
    }
    if let Some(d) = item.event_date.as_ref().or(item.issued.as_ref()).and_then(format_date) {
        parts.push(d);
    }
    if let Some(p) = &item.event_place {
        parts.push(p.clone());
    }
    if parts.is_empty() {
        s.truncate(s.trim_end_matches([':', ' ']).len());
    }
    s.push_str(&parts.join("; "));
    out.lit(&s);
    out.period();
    identifiers(out, item);
}

fn other(out: &mut Out, item: &CslItem) {
    authors(out, &item.author);
    if item.container_title.is_some() {
        title(out, item);
        if let Some(c) = &item.container_title {
            out.italic(c);
            out.period();
        }
    } else {
        italic_title(out, item);
    }
    if let Some(v) = &item.version {
        out.lit(&format!("Version {v}"));
        out.period();
    }
    if let Some(g) = &item.genre {
        match &item.number {
            Some(n) => out.lit(&format!("{g} {n}")),
            None => out.lit(g),
        }
        out.period();
    }
    if publisher_year(out, item) {
        out.period();
    }
    identifiers(out, item);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_follow_ama() {
        assert_eq!(initials("Paul K."), "PK");
        assert_eq!(initials("J. Larry"), "JL");
        assert_eq!(initials("Jean-Paul"), "J-P");
        assert_eq!(initials("AB"), "AB");
        assert_eq!(initials("A.B."), "AB");
        assert_eq!(initials("A. B."), "AB");
        assert_eq!(initials("Ian H."), "IH");
        assert_eq!(initials("Émile"), "É");
        assert_eq!(initials("Li"), "L");
        assert_eq!(initials("  "), "");
    }

    #[test]
    fn name_lists() {
        let p = |f: &str, g: &str| CslName::person(f, g);
        let six: Vec<_> = (0..6).map(|i| p(&format!("N{i}"), "A")).collect();
        assert_eq!(name_list(&six), "N0 A, N1 A, N2 A, N3 A, N4 A, N5 A");
        let seven: Vec<_> = (0..7).map(|i| p(&format!("N{i}"), "A")).collect();
        assert_eq!(name_list(&seven), "N0 A, N1 A, N2 A, et al");
        let mut with_group = seven.clone();
        with_group.push(CslName::literal("X Study Group"));
        assert_eq!(name_list(&with_group), "N0 A, N1 A, N2 A, et al; X Study Group");
        let mut suffixed = p("Wright", "Jackson T.");
        suffixed.suffix = Some("Jr.".into());
        let mut particle = p("Vries", "Jan M.");
        particle.non_dropping_particle = Some("de".into());
        assert_eq!(name_list(&[suffixed, particle]), "Wright JT Jr, de Vries JM");
    }

    #[test]
    fn narrative_names() {
        let mut item =
            CslItem { author: vec![CslName::person("Jones", "A")], ..CslItem::default() };
        assert_eq!(narrative_name(&item), "Jones");
        item.author.push(CslName::person("Green", "B"));
        assert_eq!(narrative_name(&item), "Jones and Green");
        item.author.push(CslName::person("Smith", "C"));
        assert_eq!(narrative_name(&item), "Jones et al");
        item.author = vec![CslName::literal("World Health Organization")];
        assert_eq!(narrative_name(&item), "World Health Organization");
        let mut db = CslName::person("Boer", "Ian H.");
        db.non_dropping_particle = Some("de".into());
        item.author = vec![db, CslName::person("Bangalore", "S")];
        assert_eq!(narrative_name(&item), "de Boer and Bangalore");
    }

    #[test]
    fn page_ranges_are_full() {
        assert_eq!(pages("1210-17"), "1210-1217");
        assert_eq!(pages("637-41"), "637-641");
        assert_eq!(pages("393–403"), "393-403");
        assert_eq!(pages("e13-e115"), "e13-e115");
        assert_eq!(pages("e13–115"), "e13-e115");
        assert_eq!(pages("S158-78"), "S158-S178");
        assert_eq!(pages("e20152488"), "e20152488");
        assert_eq!(pages("1273--1284"), "1273-1284");
        assert_eq!(pages("95-105, 110-2"), "95-105, 110-112");
        assert_eq!(pages("xi-xv"), "xi-xv");
        assert_eq!(pages("99-101"), "99-101");
    }

    #[test]
    fn editions_and_dates() {
        assert_eq!(edition("1"), None);
        assert_eq!(edition("2"), Some("2nd ed.".into()));
        assert_eq!(edition("20th"), Some("20th ed.".into()));
        assert_eq!(edition("3rd ed."), Some("3rd ed.".into()));
        assert_eq!(edition("11th edition"), Some("11th ed.".into()));
        assert_eq!(edition("Second edition"), Some("2nd ed.".into()));
        assert_eq!(edition("21"), Some("21st ed.".into()));
        assert_eq!(edition("12"), Some("12th ed.".into()));
        assert_eq!(format_date(&CslDate::ymd(2016, Some(7), Some(7))).unwrap(), "July 7, 2016");
        assert_eq!(format_date(&CslDate::ymd(2016, Some(7), None)).unwrap(), "July 2016");
        assert_eq!(format_date(&CslDate::ymd(2016, Some(21), None)).unwrap(), "Spring 2016");
        assert_eq!(format_date(&CslDate::ymd(2016, None, None)).unwrap(), "2016");
    }

    #[test]
    fn rich_text_is_kept_balanced_and_escaped() {
        let mut h = String::new();
        let mut t = String::new();
        rich_text("Effect of <i>H pylori</i> & <sup>13</sup>C <b>unclosed", &mut h, &mut t, false);
        assert_eq!(h, "Effect of <i>H pylori</i> &amp; <sup>13</sup>C <b>unclosed</b>");
        assert_eq!(t, "Effect of H pylori & 13C unclosed");
        let mut h = String::new();
        let mut t = String::new();
        rich_text("a <script>x</script> <span class=\"nocase\">pH</span>", &mut h, &mut t, false);
        assert_eq!(h, "a &lt;script&gt;x&lt;/script&gt; pH");
    }

    #[test]
    fn journal_abbreviations_lose_periods() {
        assert_eq!(journal_abbreviation("N. Engl. J. Med."), "N Engl J Med");
        assert_eq!(journal_abbreviation("JAMA"), "JAMA");
    }
}
