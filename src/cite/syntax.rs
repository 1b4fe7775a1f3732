//! Pandoc citation syntax, found in one merged text run.
//!
//! Input: the decoded text of a run and an oracle telling which `@`, `[` and `]` were
//! backslash-escaped in the Markdown source. Output: the citation groups in the run, each
//! with byte ranges into the text (so the caller can splice HTML in and map keys back to
//! file positions).
//!
//! Accepted, as in pandoc's manual (credibility.md 1.5): `[@a]`, `[@a; @b]`, prefixes
//! `[see @a]`, locators `[@a, p. 33]` / `[@a p. 33]` / `[@a, 33]` / `[@a {ii, A}]`, suffixes,
//! `[-@a]`, in-text `@a` and `@a [p. 33]`, braced keys `@{https://x?y=1}`. Not citations: an
//! escaped `\@a`, an `@` right after a word character or URL punctuation (e-mail addresses,
//! `example.org/@user`), an `@` followed by nothing key-like, and brackets in which some part
//! has no key (`[see below]`, `[mail a@b.org]`).

use std::collections::HashMap;
use std::ops::Range;

/// One citation group: a bracketed `[...]` list or an in-text `@key [locator]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Group<'t> {
    /// Bytes of the whole group in the text (brackets, or `@key` and its locator bracket).
    pub(crate) range: Range<usize>,
    /// In-text (`@a says`) rather than bracketed.
    pub(crate) narrative: bool,
    /// The cited items in order.
    pub(crate) items: Vec<Item<'t>>,
}

/// One cited key with what surrounds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item<'t> {
    /// The key, without `@` or braces.
    pub(crate) key: &'t str,
    /// Bytes of the key in the text.
    pub(crate) key_range: Range<usize>,
    /// Byte of the `@`.
    pub(crate) at: usize,
    /// `-@key`: suppress the author (the same as a plain citation in a numeric style).
    pub(crate) suppress_author: bool,
    /// Text before the key (`see`), trimmed, with its range.
    pub(crate) prefix: Option<(&'t str, Range<usize>)>,
    /// The locator (`p. 33`), if one was recognised.
    pub(crate) locator: Option<Locator>,
    /// Remaining text after the key and locator, trimmed.
    pub(crate) suffix: &'t str,
    /// A `label value` suffix whose label is not a locator term (`tab. 3`), for a warning.
    pub(crate) unknown_label: Option<Range<usize>>,
}

/// A locator: what part of the work is cited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Locator {
    /// Which term.
    pub(crate) term: Term,
    /// Plural form (`pp.`, or a range or list as value).
    pub(crate) plural: bool,
    /// The value (`33-35`), dashes normalised to hyphens.
    pub(crate) value: String,
}

/// The CSL locator terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Term {
    Appendix,
    Book,
    Chapter,
    Column,
    Equation,
    Figure,
    Folio,
    Issue,
    Line,
    Note,
    Number,
    Opus,
    Page,
    Paragraph,
    Part,
    Section,
    SubVerbo,
    Supplement,
    Table,
    Verse,
    Volume,
}

/// Every spelling accepted in the text (long or short, singular or plural), lowercase, with
/// its term and whether it is plural. Longest spellings first so that `pp.` wins over `p.`.
const TERMS: &[(&str, Term, bool)] = &[
    ("sub verbis", Term::SubVerbo, true),
    ("sub verbo", Term::SubVerbo, false),
    ("appendices", Term::Appendix, true),
    ("paragraphs", Term::Paragraph, true),
    ("supplements", Term::Supplement, true),
    ("paragraph", Term::Paragraph, false),
    ("supplement", Term::Supplement, false),
    ("equations", Term::Equation, true),
    ("appendix", Term::Appendix, false),
    ("chapters", Term::Chapter, true),
    ("equation", Term::Equation, false),
    ("sections", Term::Section, true),
    ("chapter", Term::Chapter, false),
    ("columns", Term::Column, true),
    ("figures", Term::Figure, true),
    ("numbers", Term::Number, true),
    ("section", Term::Section, false),
    ("volumes", Term::Volume, true),
    ("column", Term::Column, false),
    ("figure", Term::Figure, false),
    ("folios", Term::Folio, true),
    ("issues", Term::Issue, true),
    ("number", Term::Number, false),
    ("tables", Term::Table, true),
    ("verses", Term::Verse, true),
    ("volume", Term::Volume, false),
    ("books", Term::Book, true),
    ("chaps.", Term::Chapter, true),
    ("folio", Term::Folio, false),
    ("issue", Term::Issue, false),
    ("lines", Term::Line, true),
    ("notes", Term::Note, true),
    ("opera", Term::Opus, true),
    ("pages", Term::Page, true),
    ("paras.", Term::Paragraph, true),
    ("parts", Term::Part, true),
    ("suppl.", Term::Supplement, false),
    ("table", Term::Table, false),
    ("verse", Term::Verse, false),
    ("apps.", Term::Appendix, true),
    ("book", Term::Book, false),
    ("chap.", Term::Chapter, false),
    ("cols.", Term::Column, true),
    ("figs.", Term::Figure, true),
    ("fols.", Term::Folio, true),
    ("line", Term::Line, false),
    ("note", Term::Note, false),
    ("opus", Term::Opus, false),
    ("page", Term::Page, false),
    ("para.", Term::Paragraph, false),
    ("part", Term::Part, false),
    ("secs.", Term::Section, true),
    ("vols.", Term::Volume, true),
    ("app.", Term::Appendix, false),
    ("bks.", Term::Book, true),
    ("col.", Term::Column, false),
    ("eqs.", Term::Equation, true),
    ("fig.", Term::Figure, false),
    ("fol.", Term::Folio, false),
    ("nos.", Term::Number, true),
    ("opp.", Term::Opus, true),
    ("pts.", Term::Part, true),
    ("s.v.", Term::SubVerbo, false),
    ("sec.", Term::Section, false),
    ("tbl.", Term::Table, false),
    ("vol.", Term::Volume, false),
    ("bk.", Term::Book, false),
    ("ch.", Term::Chapter, false),
    ("eq.", Term::Equation, false),
    ("ll.", Term::Line, true),
    ("nn.", Term::Note, true),
    ("no.", Term::Number, false),
    ("op.", Term::Opus, false),
    ("pp.", Term::Page, true),
    ("pt.", Term::Part, false),
    ("vv.", Term::Verse, true),
    ("§§", Term::Section, true),
    ("¶¶", Term::Paragraph, true),
    ("l.", Term::Line, false),
    ("n.", Term::Note, false),
    ("p.", Term::Page, false),
    ("v.", Term::Verse, false),
    ("§", Term::Section, false),
    ("¶", Term::Paragraph, false),
];

/// The locator terms as they may be written, for help texts.
pub(crate) const TERM_HELP: &str = "p., pp., chap., sec., fig., table, para., vol., l., n., \
     no., pt., bk., col., v., app., suppl., eq. (short or long, singular or plural)";

impl Term {
    /// AMA-style abbreviation inside a superscript: `p`/`pp` closed up to the value
    /// (`5(p12)`, AMA 3.6), the others followed by a space (`2(chap 3)`, `4(fig 2)`).
    pub(crate) fn label(self, plural: bool) -> (&'static str, bool) {
        let (one, many, closed) = match self {
            Term::Page => ("p", "pp", true),
            Term::Appendix => ("app", "apps", false),
            Term::Book => ("bk", "bks", false),
            Term::Chapter => ("chap", "chaps", false),
            Term::Column => ("col", "cols", false),
            Term::Equation => ("eq", "eqs", false),
            Term::Figure => ("fig", "figs", false),
            Term::Folio => ("fol", "fols", false),
            Term::Issue => ("no.", "nos.", false),
            Term::Line => ("line", "lines", false),
            Term::Note => ("note", "notes", false),
            Term::Number => ("no.", "nos.", false),
            Term::Opus => ("op", "opp", false),
            Term::Paragraph => ("para", "paras", false),
            Term::Part => ("pt", "pts", false),
            Term::Section => ("sec", "secs", false),
            Term::SubVerbo => ("s.v.", "s.vv.", false),
            Term::Supplement => ("suppl", "suppl", false),
            Term::Table => ("table", "tables", false),
            Term::Verse => ("v", "vv", false),
            Term::Volume => ("vol", "vols", false),
        };
        (if plural { many } else { one }, closed)
    }

    /// Long name, for accessible labels ("page 12").
    pub(crate) fn spoken(self, plural: bool) -> &'static str {
        match (self, plural) {
            (Term::Page, false) => "page",
            (Term::Page, true) => "pages",
            (Term::Chapter, false) => "chapter",
            (Term::Chapter, true) => "chapters",
            (Term::Section, false) => "section",
            (Term::Section, true) => "sections",
            (Term::Figure, false) => "figure",
            (Term::Figure, true) => "figures",
            (Term::Table, false) => "table",
            (Term::Table, true) => "tables",
            (Term::Paragraph, false) => "paragraph",
            (Term::Paragraph, true) => "paragraphs",
            (Term::Volume, false) => "volume",
            (Term::Volume, true) => "volumes",
            (Term::Line, false) => "line",
            (Term::Line, true) => "lines",
            _ => "",
        }
    }
}

impl Locator {
    /// The locator as printed in a superscript: `p12`, `pp33-35`, `chap 3`.
    pub(crate) fn render(&self) -> String {
        let (label, closed) = self.term.label(self.plural);
        if closed { format!("{label}{}", self.value) } else { format!("{label} {}", self.value) }
    }
}

/// Characters allowed inside a key when followed by a letter, digit or `_`.
fn is_internal_punct(c: char) -> bool {
    matches!(c, ':' | '.' | '#' | '$' | '%' | '&' | '-' | '+' | '?' | '<' | '>' | '~' | '/')
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// An `@` right after one of these is not an in-text citation: e-mail addresses
/// (`clinic@example.org`) and URL paths (`example.org/@user`).
fn blocks_in_text(prev: char) -> bool {
    prev.is_alphanumeric()
        || matches!(
            prev,
            '_' | '/' | '.' | '@' | ':' | '=' | '+' | '&' | '%' | '#' | '~' | '$' | '\\'
        )
}

/// Parses a key right after an `@` at `start`. Returns the key, its range, and where it ends
/// (after the closing brace for a braced key).
fn parse_key<'t>(
    text: &'t str,
    start: usize,
    pairs: &Pairs,
) -> Option<(&'t str, Range<usize>, usize)> {
    let rest = &text[start..];
    if rest.starts_with('{') {
        let close = *pairs.braces.get(&start)?;
        let s = start + 1;
        let key = &text[s..close];
        if key.trim().is_empty() {
            return None;
        }
        return Some((key, s..close, close + 1));
    }
    let mut chars = rest.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !is_key_char(first) {
        return None;
    }
    let mut end = first.len_utf8();
    while let Some(&(i, c)) = chars.peek() {
        if is_key_char(c) {
            chars.next();
            end = i + c.len_utf8();
        } else if is_internal_punct(c) {
            let after = rest[i + c.len_utf8()..].chars().next();
            if after.is_some_and(is_key_char) {
                chars.next();
                end = i + c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    Some((&rest[..end], start..start + end, start + end))
}

/// The matching brackets and braces of a run, found in one pass so that scanning stays linear
/// in the run's length whatever it holds (`[@` twenty thousand times used to take seconds).
///
/// A brace pair hides the brackets inside it from the brackets outside (a braced key may hold
/// `]`); a `{` that is never closed hides nothing. A bracket pair that holds a bracket pair
/// that itself holds one is too deep to be a citation, and is left out.
#[derive(Debug, Default)]
struct Pairs {
    /// `[` -> its `]`, for brackets with at most one level of brackets inside.
    brackets: HashMap<usize, Bracket>,
    /// `{` -> its `}`.
    braces: HashMap<usize, usize>,
}

#[derive(Clone, Copy, Debug)]
struct Bracket {
    close: usize,
    /// No bracket pair inside.
    flat: bool,
}

impl Pairs {
    fn find(text: &str, escaped: &dyn Fn(usize) -> bool) -> Pairs {
        let bytes = text.as_bytes();
        let mut pairs = Pairs::default();
        let mut open_braces = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'{' => open_braces.push(i),
                b'}' => {
                    if let Some(o) = open_braces.pop() {
                        pairs.braces.insert(o, i);
                    }
                }
                _ => {}
            }
        }
        // One stack of open brackets per brace level; a closing brace drops the brackets left
        // open inside it. Each open bracket records the height of what it holds so far.
        let mut levels: Vec<Vec<(usize, u8)>> = vec![Vec::new()];
        let mut brace_ends = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'{' if pairs.braces.contains_key(&i) => {
                    brace_ends.push(pairs.braces[&i]);
                    levels.push(Vec::new());
                }
                b'}' if brace_ends.last() == Some(&i) => {
                    brace_ends.pop();
                    levels.pop();
                }
                b'[' if !escaped(i) => {
                    if let Some(stack) = levels.last_mut() {
                        stack.push((i, 0));
                    }
                }
                b']' if !escaped(i) => {
                    let Some(stack) = levels.last_mut() else { continue };
                    let Some((open, height)) = stack.pop() else { continue };
                    if height <= 1 {
                        pairs.brackets.insert(open, Bracket { close: i, flat: height == 0 });
                    }
                    if let Some(parent) = stack.last_mut() {
                        parent.1 = parent.1.max(height.saturating_add(1));
                    }
                }
                _ => {}
            }
        }
        pairs
    }

    /// The `]` matching the `[` at `open`.
    fn close(&self, open: usize) -> Option<usize> {
        self.brackets.get(&open).map(|b| b.close)
    }
}

/// Finds every citation group in `text`. `escaped(i)` tells whether the `@`, `[` or `]` at
/// byte `i` was backslash-escaped in the source.
pub(crate) fn parse<'t>(text: &'t str, escaped: &dyn Fn(usize) -> bool) -> Vec<Group<'t>> {
    let bytes = text.as_bytes();
    let pairs = Pairs::find(text, escaped);
    let mut groups = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some(off) = bytes[i..].iter().position(|&b| b == b'[' || b == b'@') else {
            break;
        };
        let p = i + off;
        if bytes[p] == b'[' {
            if !escaped(p) {
                if let Some(g) = parse_bracket(text, p, escaped, &pairs) {
                    i = g.range.end;
                    groups.push(g);
                    continue;
                }
            }
            i = p + 1;
            continue;
        }
        // An `@` outside a citation bracket: maybe an in-text citation.
        let prev = text[..p].chars().next_back();
        if !escaped(p) && !prev.is_some_and(blocks_in_text) {
            if let Some((key, key_range, after)) = parse_key(text, p + 1, &pairs) {
                let mut item = Item {
                    key,
                    key_range,
                    at: p,
                    suppress_author: false,
                    prefix: None,
                    locator: None,
                    suffix: "",
                    unknown_label: None,
                };
                let mut end = after;
                // `@a [p. 33]`: a following bracket without a key is the locator.
                let gap = text[after..].len() - text[after..].trim_start_matches([' ', '\t']).len();
                let open = after + gap;
                if gap <= 1 && bytes.get(open) == Some(&b'[') && !escaped(open) {
                    if let Some(&Bracket { close, flat: true }) = pairs.brackets.get(&open) {
                        let inner = &text[open + 1..close];
                        if !inner.contains('@') {
                            let (loc, suffix, unknown) = parse_locator(text, open + 1..close);
                            item.locator = loc;
                            item.suffix = suffix;
                            item.unknown_label = unknown;
                            end = close + 1;
                        }
                    }
                }
                groups.push(Group { range: p..end, narrative: true, items: vec![item] });
                i = end;
                continue;
            }
        }
        i = p + 1;
    }
    groups
}

/// A bracketed citation group at `open`, or `None` when some part has no key.
fn parse_bracket<'t>(
    text: &'t str,
    open: usize,
    escaped: &dyn Fn(usize) -> bool,
    pairs: &Pairs,
) -> Option<Group<'t>> {
    let close = pairs.close(open)?;
    let inner = &text[open + 1..close];
    if !inner.contains('@') {
        return None;
    }
    let mut items = Vec::new();
    let mut start = open + 1;
    let mut braces = 0usize;
    for (i, b) in text.as_bytes()[open + 1..close].iter().enumerate() {
        match b {
            b'{' => braces += 1,
            b'}' => braces = braces.saturating_sub(1),
            b';' if braces == 0 => {
                items.push(parse_part(text, start..open + 1 + i, escaped, pairs)?);
                start = open + 2 + i;
            }
            _ => {}
        }
    }
    items.push(parse_part(text, start..close, escaped, pairs)?);
    Some(Group { range: open..close + 1, narrative: false, items })
}

/// One `;`-separated part of a bracketed group: `prefix -@key locator suffix`.
fn parse_part<'t>(
    text: &'t str,
    range: Range<usize>,
    escaped: &dyn Fn(usize) -> bool,
    pairs: &Pairs,
) -> Option<Item<'t>> {
    let part = &text[range.clone()];
    let mut search = 0;
    while let Some(off) = part[search..].find('@') {
        let q = search + off;
        let at = range.start + q;
        search = q + 1;
        if escaped(at) {
            continue;
        }
        let before = &part[..q];
        let (suppress, prefix_end) = match before.strip_suffix('-') {
            Some(b) if b.is_empty() || b.ends_with(char::is_whitespace) => (true, b.len()),
            _ => (false, q),
        };
        let prefix_text = &part[..prefix_end];
        if !(prefix_text.is_empty() || prefix_text.ends_with(char::is_whitespace)) {
            continue;
        }
        let Some((key, key_range, after)) = parse_key(text, at + 1, pairs) else { continue };
        if after > range.end {
            continue;
        }
        let trimmed = prefix_text.trim();
        let prefix = (!trimmed.is_empty()).then(|| {
            let lead = prefix_text.len() - prefix_text.trim_start().len();
            let s = range.start + lead;
            (trimmed, s..s + trimmed.len())
        });
        let (locator, suffix, unknown_label) = parse_locator(text, after..range.end);
        return Some(Item {
            key,
            key_range,
            at,
            suppress_author: suppress,
            prefix,
            locator,
            suffix,
            unknown_label,
        });
    }
    None
}

/// Splits what follows a key into a locator and a suffix.
fn parse_locator(text: &str, range: Range<usize>) -> (Option<Locator>, &str, Option<Range<usize>>) {
    let raw = &text[range.clone()];
    let mut r = raw.trim_start();
    if let Some(rest) = r.strip_prefix(',') {
        r = rest.trim_start();
    }
    let r_start = range.end - r.len();
    if r.trim().is_empty() {
        return (None, "", None);
    }
    // Braced locator: `{ii, A, D-Z}` or `{pp. iv, vi-xi}`.
    if let Some(inner) = r.strip_prefix('{') {
        if let Some(end) = inner.find('}') {
            let body = inner[..end].trim();
            let suffix = clean_suffix(&inner[end + 1..]);
            let (term, plural, value) = match match_term(body) {
                Some((term, plural, len)) => (term, plural, body[len..].trim()),
                None => (Term::Page, false, body),
            };
            if !value.is_empty() {
                let plural = plural || value.contains(['-', '–', ',', '&']);
                let locator = Locator { term, plural, value: normalize_value(value) };
                return (Some(locator), suffix, None);
            }
        }
        return (None, clean_suffix(r), None);
    }
    if let Some((term, plural, len)) = match_term(r) {
        let after = &r[len..];
        let (value, used) = take_value(after);
        if !value.is_empty() {
            let plural = plural || value.contains(['-', '–', ',', '&']);
            let locator = Locator { term, plural, value: normalize_value(&value) };
            return (Some(locator), clean_suffix(&after[used..]), None);
        }
        return (None, clean_suffix(r), None);
    }
    if r.starts_with(|c: char| c.is_ascii_digit()) {
        let (value, used) = take_value(r);
        let plural = value.contains(['-', '–', ',', '&']);
        let locator = Locator { term: Term::Page, plural, value: normalize_value(&value) };
        return (Some(locator), clean_suffix(&r[used..]), None);
    }
    // `tab. 3`: a label we do not know followed by a value, and nothing else.
    let word_len = r
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(r.len(), |(i, _)| i);
    if word_len > 0 && r[word_len..].starts_with(char::is_whitespace) {
        let after = &r[word_len..];
        let value_start = after.len() - after.trim_start().len();
        let after_trim = after.trim_start();
        if after_trim.starts_with(|c: char| c.is_ascii_digit()) {
            let (_, used) = take_value(after_trim);
            if after_trim[used..].trim().is_empty() {
                let end = r_start + word_len + value_start + used;
                return (None, clean_suffix(r), Some(r_start..end));
            }
        }
    }
    (None, clean_suffix(r), None)
}

/// Matches a locator term at the start of `s` (case-insensitive). The term must be followed
/// by whitespace, a digit (after a period or symbol), or a brace.
fn match_term(s: &str) -> Option<(Term, bool, usize)> {
    for &(spelling, term, plural) in TERMS {
        let Some(head) = s.get(..spelling.len()) else { continue };
        if !head.eq_ignore_ascii_case(spelling) {
            continue;
        }
        let next = s[spelling.len()..].chars().next();
        let ok = match next {
            Some(c) if c.is_whitespace() => true,
            Some(c) if c.is_ascii_digit() => !spelling.ends_with(char::is_alphabetic),
            _ => false,
        };
        if ok {
            return Some((term, plural, spelling.len()));
        }
    }
    None
}

/// True for a word that can be (part of) a locator value: it has a digit, or it is a roman
/// numeral.
fn is_value_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    if w.is_empty() {
        return false;
    }
    if w.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    w.split(['-', '–']).all(|p| {
        let p = p.trim_matches(|c| c == '(' || c == ')');
        !p.is_empty()
            && (p.bytes().all(|b| b"ivxlcdm".contains(&b))
                || p.bytes().all(|b| b"IVXLCDM".contains(&b)))
    })
}

/// Takes a locator value from the start of `s` ("33-35", "33, 35", "iv-vi", "33 - 35").
/// Returns the value and the bytes used.
fn take_value(s: &str) -> (String, usize) {
    let lead = s.len() - s.trim_start().len();
    let mut pos = lead;
    let mut value = String::new();
    loop {
        let rest = &s[pos..];
        let w_len =
            rest.find(|c: char| c.is_whitespace() || c == ',' || c == ';').unwrap_or(rest.len());
        let word = &rest[..w_len];
        if !is_value_word(word) {
            break;
        }
        let word = word.trim_end_matches('.');
        value.push_str(word);
        pos += w_len;
        // Continue after `, 35`, `-35`, ` - 35` or ` & 35`.
        let after = &s[pos..];
        let t = after.trim_start();
        let (joiner, rest2) = if let Some(r) = t.strip_prefix(',') {
            (", ", r)
        } else if let Some(r) = t.strip_prefix(['-', '–', '&']) {
            (if t.starts_with('&') { " & " } else { "-" }, r)
        } else {
            break;
        };
        let next = rest2.trim_start();
        let nw =
            next.find(|c: char| c.is_whitespace() || c == ',' || c == ';').unwrap_or(next.len());
        if !is_value_word(&next[..nw]) {
            break;
        }
        value.push_str(joiner);
        pos = s.len() - next.len();
    }
    (value, pos)
}

/// Dashes to hyphens and no spaces around them, as AMA prints ranges (`33-35`).
fn normalize_value(v: &str) -> String {
    let v = v.replace(['–', '—'], "-");
    let mut out = String::with_capacity(v.len());
    for piece in v.split('-') {
        if !out.is_empty() {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('-');
        }
        out.push_str(if out.is_empty() { piece.trim_end() } else { piece.trim() });
    }
    out.trim().to_string()
}

fn clean_suffix(s: &str) -> &str {
    let s = s.trim_start();
    s.strip_prefix(',').unwrap_or(s).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: usize) -> bool {
        false
    }

    fn keys(text: &str) -> Vec<Vec<&str>> {
        parse(text, &none)
            .into_iter()
            .map(|g| g.items.into_iter().map(|i| i.key).collect())
            .collect()
    }

    #[test]
    fn bracketed_groups_and_semicolons() {
        assert_eq!(keys("a [@doe99] b"), vec![vec!["doe99"]]);
        assert_eq!(keys("[@doe99; @smith2000]"), vec![vec!["doe99", "smith2000"]]);
        // Spaces do not separate keys: `@b` is part of the suffix.
        let g = parse("[@a @b]", &none);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].items.len(), 1);
        assert_eq!(g[0].items[0].suffix, "@b");
    }

    #[test]
    fn key_grammar() {
        assert_eq!(keys("@Foo_bar.baz."), vec![vec!["Foo_bar.baz"]]);
        assert_eq!(keys("@Foo_bar--baz"), vec![vec!["Foo_bar"]]);
        assert_eq!(keys("@1999smith"), vec![vec!["1999smith"]]);
        assert_eq!(keys("@_under"), vec![vec!["_under"]]);
        assert_eq!(keys("[@whelton:2018/hbp]"), vec![vec!["whelton:2018/hbp"]]);
        assert_eq!(keys("@müller2020 says"), vec![vec!["müller2020"]]);
        assert_eq!(
            keys("[@{https://example.com/bib?name=foo&date=2000}, p. 33]"),
            vec![vec!["https://example.com/bib?name=foo&date=2000"]]
        );
        assert_eq!(keys("@a, and"), vec![vec!["a"]]);
    }

    #[test]
    fn not_citations() {
        assert!(keys("mail clinic@example.org today").is_empty());
        assert!(keys("see example.org/@user").is_empty());
        assert!(keys("an @ sign, @@ and @-").is_empty());
        assert!(keys("[see below] and [1]").is_empty());
        assert!(keys("[mail a@b.org]").is_empty());
        // Escaped `@` (the oracle says so).
        let text = "@a";
        assert!(parse(text, &|i| i == 0).is_empty());
    }

    #[test]
    fn prefixes_locators_suffixes() {
        let g = parse("[see @doe99, pp. 33-35 and passim; @smith04, chap. 1]", &none);
        let a = &g[0].items[0];
        assert_eq!(a.prefix.as_ref().map(|p| p.0), Some("see"));
        assert_eq!(
            a.locator,
            Some(Locator { term: Term::Page, plural: true, value: "33-35".into() })
        );
        assert_eq!(a.suffix, "and passim");
        let b = &g[0].items[1];
        assert_eq!(b.locator.as_ref().unwrap().render(), "chap 1");
        let loc = |s: &str| {
            parse(s, &none)[0].items[0].locator.as_ref().map(Locator::render).unwrap_or_default()
        };
        assert_eq!(loc("[@a, p. 33]"), "p33");
        assert_eq!(loc("[@a p. 33]"), "p33");
        assert_eq!(loc("[@a, 33]"), "p33");
        assert_eq!(loc("[@a 33]"), "p33");
        assert_eq!(loc("[@a, pp. 33–35]"), "pp33-35");
        assert_eq!(loc("[@a, p. 33-35]"), "pp33-35");
        assert_eq!(loc("[@a, page 12]"), "p12");
        assert_eq!(loc("[@a, pages 12, 15]"), "pp12, 15");
        assert_eq!(loc("[@a, chapter 2]"), "chap 2");
        assert_eq!(loc("[@a, sec. 4]"), "sec 4");
        assert_eq!(loc("[@a, fig. 2]"), "fig 2");
        assert_eq!(loc("[@a, figs. 2-3]"), "figs 2-3");
        assert_eq!(loc("[@a, table 3]"), "table 3");
        assert_eq!(loc("[@a, para. 5]"), "para 5");
        assert_eq!(loc("[@a, vol. 2]"), "vol 2");
        assert_eq!(loc("[@a, l. 12]"), "line 12");
        assert_eq!(loc("[@a, p. iv]"), "piv");
        assert_eq!(loc("[@a, § 3]"), "sec 3");
        assert_eq!(loc("[@smith {ii, A, D-Z}, with a suffix]"), "ppii, A, D-Z");
        assert_eq!(loc("[@a, p.33]"), "p33");
        let g = parse("[@a, p. 33, with a suffix]", &none);
        assert_eq!(g[0].items[0].suffix, "with a suffix");
        let g = parse("[@a, tab. 3]", &none);
        assert!(g[0].items[0].locator.is_none());
        assert!(g[0].items[0].unknown_label.is_some());
        assert_eq!(g[0].items[0].suffix, "tab. 3");
        let g = parse("[@a, and others]", &none);
        assert!(g[0].items[0].unknown_label.is_none());
    }

    #[test]
    fn suppress_author_and_narrative() {
        let g = parse("[-@doe99] and [@a; -@b]", &none);
        assert!(g[0].items[0].suppress_author);
        assert!(!g[1].items[0].suppress_author);
        assert!(g[1].items[1].suppress_author);
        let g = parse("@doe99 [p. 33] says", &none);
        assert!(g[0].narrative);
        assert_eq!(g[0].range, 0..14);
        assert_eq!(g[0].items[0].locator.as_ref().unwrap().render(), "p33");
        let g = parse("(@doe99) says", &none);
        assert_eq!(g[0].items[0].key, "doe99");
        // A following bracket with a key is its own group.
        let g = parse("@a [@b]", &none);
        assert_eq!(g.len(), 2);
        assert!(g[0].narrative && !g[1].narrative);
    }

    #[test]
    fn ranges_point_into_the_text() {
        let text = "Claim [see @whelton2018, p. 3]. More.";
        let g = parse(text, &none);
        assert_eq!(&text[g[0].range.clone()], "[see @whelton2018, p. 3]");
        let it = &g[0].items[0];
        assert_eq!(&text[it.key_range.clone()], "whelton2018");
        assert_eq!(&text[it.prefix.as_ref().unwrap().1.clone()], "see");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "[",
            "]",
            "@",
            "[@",
            "[@]",
            "@{",
            "@{}",
            "[@{a]",
            "[;@a;]",
            "@a [",
            "@a [p. 3",
            "[@a, {",
            "[@a, {p. }]",
            "é@é",
            "[@é]",
            "@{a}}",
            "[[@a]]",
            "[@a]]",
            "[-@]",
            "[ - @a]",
        ] {
            let _ = parse(s, &none);
        }
    }
}
