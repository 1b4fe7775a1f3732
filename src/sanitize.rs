//! The sanitizing policy: which URLs and which raw HTML from the site's source reach the
//! published pages, feeds and JSON-LD.
//!
//! A physician's site must never run script, whatever a source file says (a pasted embed
//! code, a link copied from a chat, a hostile pull request). Two rules:
//!
//! - **URLs** keep only the schemes on [`SCHEMES`] (and relative addresses). The scheme is read
//!   the way a browser reads it (WHATWG URL), so `JaVaScRiPt:`, a leading space or control
//!   character, and tabs or newlines inside the scheme are all still `javascript:`.
//! - **Raw HTML** keeps only the tags and attributes of [`TAGS`], through `ammonia` (an
//!   html5ever-based sanitizer). Scripts and styles go with their content; other tags go and
//!   keep their text.
//!
//! Everything blocked is also reported as a [`Finding`] (`safety.script`, `safety.url_scheme`,
//! `safety.raw_html`), found by [`report_html`]'s own small scan of the source: the scan only
//! reports, the sanitizer alone decides what is published.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::config::{Author, Config};
use crate::diag::{Diagnostic, Diagnostics, SourceText, Span};

/// The URL schemes a published link may have; relative addresses and `#fragments` are fine too.
pub const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The raw HTML an article may use, with each tag's attributes beyond [`GENERIC_ATTRIBUTES`].
pub const TAGS: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("abbr", &[]),
    ("b", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("dd", &[]),
    ("del", &["datetime"]),
    ("details", &["open"]),
    ("dfn", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("ins", &["datetime"]),
    ("kbd", &[]),
    ("li", &["value"]),
    ("mark", &[]),
    ("ol", &["start", "reversed", "type"]),
    ("p", &[]),
    ("pre", &[]),
    ("q", &[]),
    ("rp", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("thead", &[]),
    ("time", &["datetime"]),
    ("tr", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    ("wbr", &[]),
];

/// Attributes any tag of [`TAGS`] may have.
pub const GENERIC_ATTRIBUTES: &[&str] = &["title", "lang", "dir", "id"];

/// Elements removed with everything inside them (the rest keep their text).
const DROPPED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Elements whose content an HTML parser reads as plain text, not markup.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

static POLICY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().map(|(t, _)| *t).collect())
        .tag_attributes(
            TAGS.iter()
                .filter(|(_, a)| !a.is_empty())
                .map(|(t, a)| (*t, a.iter().copied().collect::<HashSet<_>>()))
                .collect::<HashMap<_, _>>(),
        )
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .url_schemes(SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .link_rel(None)
        .strip_comments(true);
    b
});

/// Sanitizes an HTML fragment with the policy above.
pub fn clean(html: &str) -> String {
    POLICY.clean(html).to_string()
}

/// Something the policy removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Where, in the text that was scanned.
    pub range: Range<usize>,
    /// `safety.script`, `safety.url_scheme` or `safety.raw_html`.
    pub code: &'static str,
    /// What was removed, in plain words.
    pub message: String,
    /// What to do instead.
    pub help: String,
}

/// The scheme of `url` as a browser reads it (lowercase), or `None` for a relative address.
///
/// WHATWG URL parsing first strips leading and trailing C0 controls and spaces and removes
/// every tab and newline; a scheme is then a letter followed by letters, digits, `+`, `-` or
/// `.`, ended by `:`.
pub fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c);
            }
            _ => return None,
        }
    }
    None
}

/// True when `url` is relative or has a scheme on [`SCHEMES`].
pub fn is_safe_url(url: &str) -> bool {
    scheme(url).is_none_or(|s| SCHEMES.contains(&s.as_str()))
}

/// A finding for a URL that is not safe, `what` naming where it was (`"this link"`).
pub fn url_finding(url: &str, what: &str, range: Range<usize>) -> Option<Finding> {
    let scheme = scheme(url).filter(|s| !SCHEMES.contains(&s.as_str()))?;
    Some(Finding {
        range,
        code: "safety.url_scheme",
        message: format!("{what} is removed: a `{scheme}:` address is not published"),
        help: "link only to web pages (`https://...`), e-mail (`mailto:`), phone numbers \
               (`tel:`) or pages of this site"
            .into(),
    })
}

/// Reports what [`clean`] removes from raw HTML written in a source file: tags and attributes
/// outside the policy, event handlers, scripts and unsafe URLs. Ranges are in `html`.
pub fn report_html(html: &str) -> Vec<Finding> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]).map(|k| i + k) {
        i = lt + 1;
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(bytes.len(), |k| lt + 4 + k + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(bytes.len(), |k| lt + k + 1);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len() - 1);
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let (attrs, end) = attributes(html, lt + 1 + name_len);
        i = end;
        let tag_range = lt..end;
        let allowed = TAGS.iter().find(|(t, _)| *t == name).map(|(_, a)| *a);
        match allowed {
            None if name == "script" => found.push(Finding {
                range: tag_range,
                code: "safety.script",
                message: "this `<script>` is removed with its content: published pages run \
                          no script from the site's text"
                    .into(),
                help: "remove it; to show code to readers, put it in a fenced code block".into(),
            }),
            None => found.push(Finding {
                range: tag_range,
                code: "safety.raw_html",
                message: if DROPPED_WITH_CONTENT.contains(&name.as_str()) {
                    format!("this `<{name}>` is removed with its content")
                } else {
                    format!("this `<{name}>` tag is removed (its text is kept)")
                },
                help: format!(
                    "`<{name}>` is not in the raw HTML rounds publishes (docs/writing.md lists \
                     what is); {}",
                    match name.as_str() {
                        "iframe" | "object" | "embed" | "video" | "audio" =>
                            "link to the video or page instead of embedding it",
                        "form" | "input" | "button" | "select" | "textarea" =>
                            "link to a page where readers can fill in the form",
                        "style" | "link" => "the theme's stylesheet styles every page",
                        _ => "use Markdown or one of the listed tags",
                    }
                ),
            }),
            Some(tag_attrs) => {
                for (attr, value, range) in attrs {
                    if attr.starts_with("on") {
                        found.push(Finding {
                            range,
                            code: "safety.script",
                            message: format!(
                                "the `{attr}` event handler of this `<{name}>` is removed: \
                                 published pages run no script from the site's text"
                            ),
                            help: "remove the attribute".into(),
                        });
                    } else if !(GENERIC_ATTRIBUTES.contains(&attr.as_str())
                        || tag_attrs.contains(&attr.as_str()))
                    {
                        found.push(Finding {
                            range,
                            code: "safety.raw_html",
                            message: format!(
                                "the `{attr}` attribute of this `<{name}>` is removed"
                            ),
                            help: if attr == "style" || attr == "class" {
                                "the theme styles every page; use Markdown or the tags listed in \
                                 docs/writing.md"
                                    .into()
                            } else {
                                format!(
                                    "`<{name}>` may have {}",
                                    GENERIC_ATTRIBUTES
                                        .iter()
                                        .chain(tag_attrs)
                                        .map(|a| format!("`{a}`"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            },
                        });
                    } else if matches!(attr.as_str(), "href" | "src") {
                        let url = decode_entities(&value);
                        found.extend(url_finding(&url, &format!("this `{attr}`"), range));
                    }
                }
            }
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower = html[i..].to_ascii_lowercase();
            i = lower.find(&close).map_or(bytes.len(), |k| i + k);
        } else if name == "plaintext" {
            break;
        }
    }
    found
}

/// Where `snippet` (text the sanitizer removed, taken from a YAML string) stands in
/// `text[region]`: the snippet itself, or its start up to the first character YAML may have
/// escaped.
pub fn locate(text: &str, region: Range<usize>, snippet: &str) -> Option<Range<usize>> {
    let hay = text.get(region.clone())?;
    if let Some(k) = hay.find(snippet).filter(|_| !snippet.is_empty()) {
        return Some(region.start + k..region.start + k + snippet.len());
    }
    let cut = snippet.find(|c: char| matches!(c, '"' | '\'' | '\\') || c < ' ');
    let prefix = &snippet[..cut.unwrap_or(snippet.len())];
    let k = hay.find(prefix).filter(|_| prefix.len() >= 3)?;
    Some(region.start + k..region.start + k + prefix.len())
}

/// Checks the URLs and Markdown of site.yaml: an unsafe alert link is dropped, and what the
/// disclaimer's sanitizing removes is reported.
pub fn check_config(config: &mut Config, file: &SourceText, diags: &mut Diagnostics) {
    let whole = 0..file.text.len();
    if let Some(alert) = &mut config.alert {
        let url = alert.link.clone().unwrap_or_default();
        let at = locate(&file.text, whole.clone(), &url).unwrap_or(0..0);
        if let Some(f) = url_finding(&url, "the alert's `link`", at) {
            diags.push(diagnostic(f, file));
            alert.link = None;
        }
    }
    let (_, problems) = crate::markdown::render_inline_checked(&config.disclaimer);
    report_markdown(&config.disclaimer, problems, file, whole.clone(), diags);
    let alert = config.alert.as_ref().map(|a| &a.text);
    let texts = [("title", Some(&config.title)), ("description", Some(&config.description))];
    for (key, text) in texts.into_iter().chain([("text", alert)]) {
        control_chars(key, text, file, whole.clone(), diags);
    }
}

/// An error for a YAML value of `file` that holds a control character (YAML lets one
/// through when it is escaped, `"a\0b"`): no page or feed can show it.
fn control_chars(
    key: &str,
    text: Option<&String>,
    file: &SourceText,
    region: Range<usize>,
    diags: &mut Diagnostics,
) {
    let is_control = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    let Some(c) = text.and_then(|t| t.chars().find(|&c| is_control(c))) else { return };
    let at = locate(&file.text, region.clone(), &format!("{key}:"))
        .unwrap_or(region.start..region.start);
    diags.push(
        Diagnostic::error(
            "safety.control_char",
            format!(
                "`{key}` holds a control character (U+{:04X}), which no page can show",
                c as u32
            ),
        )
        .at(file, at)
        .with_help("remove the escape that writes it (`\\0`, `\\x01`, `\\a`...) from the text"),
    );
}

/// Checks authors.yaml: links with unsafe addresses are dropped (from the author pages and
/// the JSON-LD `sameAs`), and what the bios' sanitizing removes is reported.
pub fn check_authors(
    by_id: &mut BTreeMap<String, Author>,
    file: &SourceText,
    diags: &mut Diagnostics,
) {
    for (id, author) in by_id.iter_mut() {
        let entry = file.text.find(&format!("{id}:")).unwrap_or(0);
        let region = entry..file.text.len();
        author.links.retain(|link| {
            // The address after the link's title: the bio may hold the same one.
            let title = locate(&file.text, region.clone(), &link.title);
            let from = title.clone().map_or(entry, |t| t.end);
            let at = locate(&file.text, from..file.text.len(), &link.url)
                .or(title)
                .unwrap_or(entry..entry);
            let what = format!("the link \"{}\" of `{id}`", link.title);
            match url_finding(&link.url, &what, at) {
                Some(f) => {
                    diags.push(diagnostic(f, file));
                    false
                }
                None => true,
            }
        });
        let texts = [("name", Some(&author.name)), ("role", author.role.as_ref())];
        for (key, text) in texts.into_iter().chain([("bio", author.bio.as_ref())]) {
            control_chars(key, text, file, region.clone(), diags);
        }
        if let Some(bio) = &author.bio {
            let (_, problems) = crate::markdown::render_inline_checked(bio);
            report_markdown(bio, problems, file, region.clone(), diags);
        }
    }
}

/// Reports the problems of Markdown taken from a YAML string of `file`, each located by its
/// text within `region`.
pub fn report_markdown(
    markdown: &str,
    problems: Vec<crate::markdown::Problem>,
    file: &SourceText,
    region: Range<usize>,
    diags: &mut Diagnostics,
) {
    for mut p in problems {
        let snippet = markdown.get(p.span.start..p.span.end).unwrap_or("");
        let at = locate(&file.text, region.clone(), snippet).unwrap_or(region.start..region.start);
        p.span = Span::new(at.start, at.end);
        diags.push(p.diagnostic(file));
    }
}

fn diagnostic(f: Finding, file: &SourceText) -> Diagnostic {
    let mut d = Diagnostic::warning("", f.message).at(file, f.range).with_help(f.help);
    d.code = f.code.into();
    d
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// The attributes of a start tag whose name ends at `at`: (lowercase name, raw value, range),
/// and the offset just past the tag.
fn attributes(html: &str, mut at: usize) -> (Vec<(String, String, Range<usize>)>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            return (attrs, at);
        }
        if bytes[at] == b'>' {
            return (attrs, at + 1);
        }
        let start = at;
        at += 1; // a name may start with `=`
        while at < bytes.len() && !matches!(bytes[at], b'=' | b'>' | b'/') {
            if bytes[at].is_ascii_whitespace() {
                break;
            }
            at += 1;
        }
        let name = html[start..at].to_ascii_lowercase();
        let mut value = String::new();
        let mut probe = at;
        while probe < bytes.len() && bytes[probe].is_ascii_whitespace() {
            probe += 1;
        }
        if probe < bytes.len() && bytes[probe] == b'=' {
            at = probe + 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[at + 1..].find(q as char).map_or(bytes.len(), |k| at + 1 + k);
                    value = html[at + 1..end].to_string();
                    at = (end + 1).min(bytes.len());
                }
                _ => {
                    let end = html[at..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(bytes.len(), |k| at + k);
                    value = html[at..end].to_string();
                    at = end;
                }
            }
        }
        attrs.push((name, value, start..at));
    }
}

/// Decodes the character references that can hide a URL's scheme (`&#106;`, `&#x6A`,
/// `&colon;`, `&Tab;`...), with or without their `;`, as an HTML parser does in attributes.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .find(|c: char| !(if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }))
                .unwrap_or(digits.len());
            let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
            if let Some(c) = code.and_then(char::from_u32).filter(|_| len > 0) {
                out.push(c);
                rest = &digits[len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
            out.push('&');
            continue;
        }
        let named = [
            ("colon", ':'),
            ("Tab", '\t'),
            ("NewLine", '\n'),
            ("period", '.'),
            ("plus", '+'),
            ("amp", '&'),
            ("lpar", '('),
            ("rpar", ')'),
        ];
        match named.iter().find(|(n, _)| rest.starts_with(n)) {
            Some((n, c)) => {
                out.push(*c);
                rest = &rest[n.len()..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
        for good in [
            "https://example.org/a?b=c:d",
            "HTTP://example.org",
            "mailto:a@example.org",
            "tel:+15551234567",
            "/articles/x/",
            "../x.png",
            "#ref-1",
            "x.html?next=javascript:alert(1)",
            "",
        ] {
            assert!(is_safe_url(good), "{good:?}");
        }
    }

    #[test]
    fn entity_encoded_schemes_are_decoded_for_the_report() {
        assert_eq!(decode_entities("javascript&#58;x"), "javascript:x");
        assert_eq!(decode_entities("javascript&colon;x"), "javascript:x");
        assert_eq!(decode_entities("&#x6A;ava&Tab;script&#x3A"), "java\tscript:");
        assert_eq!(decode_entities("a&b&#;"), "a&b&#;");
        let found = report_html("<a href=\"jav&#x09;ascript&#58;alert(1)\">x</a>");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "safety.url_scheme");
    }

    #[test]
    fn the_policy_keeps_the_safe_subset_and_removes_the_rest() {
        assert_eq!(
            clean(
                "<details open><summary>More</summary><abbr title=\"World Health Organization\">WHO</abbr> H<sub>2</sub>O x<sup>2</sup></details>"
            ),
            "<details open=\"\"><summary>More</summary><abbr title=\"World Health Organization\">WHO</abbr> H<sub>2</sub>O x<sup>2</sup></details>"
        );
        assert_eq!(
            clean(
                "<img src=x onerror=alert(1)><script>alert(2)</script><iframe src=\"https://e.x\">t</iframe><span style=\"background:url(javascript:x)\" onmouseover=\"y\">s</span><a href=\"javascript&#58;z\">l</a>"
            ),
            "<img src=\"x\">t<span>s</span><a>l</a>"
        );
    }

    #[test]
    fn the_report_names_each_removed_construct_where_it_is() {
        let html = "<p onclick=\"x()\">a</p><script>if (a<b) {}</script><iframe src=x></iframe><abbr title=t style=\"color:red\">b</abbr><a href=\"vbscript:x\">c</a><!-- <script> -->";
        let found = report_html(html);
        let codes: Vec<_> = found.iter().map(|f| (f.code, &html[f.range.clone()])).collect();
        assert_eq!(
            codes,
            [
                ("safety.script", "onclick=\"x()\""),
                ("safety.script", "<script>"),
                ("safety.raw_html", "<iframe src=x>"),
                ("safety.raw_html", "style=\"color:red\""),
                ("safety.url_scheme", "href=\"vbscript:x\""),
            ]
        );
        assert!(
            report_html("<details><summary>s</summary><abbr title=\"a\">b</abbr></details><br/>")
                .is_empty()
        );
    }
}
