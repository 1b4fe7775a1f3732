//! Nothing from the source runs as script in the published site, and nothing outside the
//! source is read: hostile URLs from every field that becomes a link, raw HTML in Markdown and
//! correction notes, symbolic links out of the content folder, control characters, and
//! footnotes inside footnotes. The built pages, feeds and JSON-LD are parsed, as a browser or
//! feed reader would read them.

mod common;

use std::path::Path;

use common::*;
use scraper::{ElementRef, Html};

/// Scheme-based payloads; each is tried from every URL field.
const PAYLOADS: [&str; 3] = [
    "javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
];

/// The scheme of a URL as a browser reads it: C0 controls and spaces trimmed, tabs and
/// newlines removed, then letters up to a colon.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    ok.then(|| scheme.to_ascii_lowercase())
}

/// Live script in a page or a feed's HTML: links and sources whose scheme runs or carries
/// script, event handlers, script elements (other than JSON-LD) and other active elements.
fn script_in(doc: &Html, place: &str, found: &mut Vec<String>) {
    for el in doc.root_element().descendants().filter_map(ElementRef::wrap) {
        let name = el.value().name();
        let json_ld = name == "script" && el.value().attr("type") == Some("application/ld+json");
        if json_ld {
            let json: serde_json::Value =
                serde_json::from_str(&el.text().collect::<String>()).expect("JSON-LD parses");
            json_strings(&json, place, found);
            continue;
        }
        if matches!(name, "script" | "iframe" | "object" | "embed" | "form" | "style" | "base") {
            found.push(format!("{place}: <{name}>"));
        }
        for (attr, value) in el.value().attrs() {
            let is_url = matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "data" | "poster" | "xlink:href"
            );
            if attr.starts_with("on") {
                found.push(format!("{place}: <{name} {attr}>"));
            } else if attr == "style" && value.contains("url(") {
                found.push(format!("{place}: <{name} style={value}>"));
            } else if is_url && scheme(value).is_some_and(|s| !allowed(&s)) {
                found.push(format!("{place}: <{name} {attr}={value}>"));
            }
        }
    }
}

fn allowed(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "mailto" | "tel")
}

fn json_strings(v: &serde_json::Value, place: &str, found: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if scheme(s).is_some_and(|s| !allowed(&s) && s != "tag") => {
            // `tag:` is the URI scheme of feed ids, not an address.
            found.push(format!("{place}: JSON-LD {s}"));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, place, found)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, place, found)),
        _ => {}
    }
}

/// Every live script in the built site: pages, JSON-LD, and each feed's links and entry HTML.
fn live_script(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in tree(out) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            script_in(&Html::parse_document(&text), &path, &mut found);
        } else if path.ends_with(".xml") && !path.contains("sitemap") {
            let feed = feed_rs::parser::parse(bytes.as_slice()).expect("feed parses");
            let links = feed.links.iter().chain(feed.entries.iter().flat_map(|e| &e.links));
            for l in links.filter(|l| scheme(&l.href).is_some_and(|s| !allowed(&s))) {
                found.push(format!("{path}: link {}", l.href));
            }
            for e in &feed.entries {
                let bodies = e.content.iter().filter_map(|c| c.body.clone());
                let summaries = e
                    .summary
                    .iter()
                    .filter(|s| s.content_type.essence().to_string() == "text/html");
                for html in bodies.chain(summaries.map(|s| s.content.clone())) {
                    script_in(&Html::parse_fragment(&html), &path, &mut found);
                }
            }
        }
    }
    found
}

/// A site whose every URL field carries `payload` (and obfuscated forms of `javascript:`).
fn hostile_site(payload: &str) -> SiteTest {
    let t = SiteTest::new();
    t.write(
        "content/site.yaml",
        &format!(
            "{SITE_YAML}alert:\n  text: \"Flu shots this week\"\n  link: \"{payload}\"\n  until: 2027-01-01\n"
        ),
    );
    t.write(
        "content/authors.yaml",
        &AUTHORS_YAML.replace(
            "  bio: \"Writes about prevention.\"\n",
            &format!(
                "  bio: \"Writes about [prevention]({payload}).\"\n  links:\n    - {{ title: \"Profile\", url: \"{payload}\" }}\n    - {{ title: \"Obfuscated\", url: \" JaVa\\tScRiPt:alert(1)\" }}\n    - {{ title: \"Practice\", url: \"https://clinic.example/\" }}\n"
            ),
        ),
    );
    t.article(
        "hostile",
        &format!(
            "title: \"Links\"\ndate: 2026-03-01\ncorrections:\n  - date: 2026-03-02\n    text: \"The [source]({payload}) was wrong; see <a href='{payload}'>this</a>.\"\nreferences:\n  - id: web1\n    type: webpage\n    title: \"A page\"\n    URL: \"{payload}\"\n    issued: {{date-parts: [[2020]]}}"
        ),
        &format!(
            "A [plain link]({payload}) and an ![image]({payload}), an autolink <{payload}>, a \
             [reference link][r], a [CASED](JaVaScRiPt:alert(1)), an [encoded](javascript&#58;alert(1)) \
             and a [good one](https://example.org/) citing [@web1].\n\n\
             Raw: <a href=\"{payload}\">raw link</a> <img src=\"{payload}\" alt=\"raw image\"> \
             <a href=\"jav&#x09;ascript:alert(1)\">tab</a> <a href=\"&#106;avascript&colon;alert(1)\">entities</a> \
             <a href=\"  javascript:alert(1)\">spaces</a>\n\n[r]: {payload}\n"
        ),
    );
    t.write(
        "content/pages/about.md",
        &format!("---\ntitle: \"About this site\"\n---\nWho we are: [us]({payload}).\n"),
    );
    t
}

#[test]
fn hostile_urls_from_every_source_are_never_live() {
    for payload in PAYLOADS {
        let t = hostile_site(payload);
        let r = t.build_ok();
        assert_eq!(live_script(&t.out()), Vec::<String>::new(), "{payload}");
        // The text of each removed link is kept; safe links are kept.
        let page = t.html("articles/hostile/index.html");
        let body = text(&page, "article");
        for words in ["plain link", "reference link", "CASED", "encoded", "raw link", "entities"] {
            assert!(body.contains(words), "{words} in {body}");
        }
        assert_eq!(
            attr(&page, "a[href='https://example.org/']", "href").as_deref(),
            Some("https://example.org/")
        );
        let author = t.html("authors/jdoe/index.html");
        assert_eq!(select(&author, "a[href='https://clinic.example/']").len(), 1);
        assert!(!t.read("authors/jdoe/index.html").contains("Obfuscated"));
        assert!(
            t.read("authors/jdoe/index.html").contains("\"sameAs\":[\"https://clinic.example/\"]")
        );
        // Each blocked URL is a warning at its source: site.yaml, authors.yaml (both links
        // and the bio), the front matter's correction, the body, the page.
        let blocked: Vec<String> = codes(&r)
            .into_iter()
            .filter(|(code, _)| code == "safety.url_scheme")
            .map(|(_, at)| at)
            .collect();
        let count = |file: &str| blocked.iter().filter(|at| at.contains(file)).count();
        assert_eq!(count("site.yaml"), 1, "{blocked:?}");
        assert_eq!(count("authors.yaml"), 3, "{blocked:?}");
        assert_eq!(count("pages/about.md"), 1, "{blocked:?}");
        // Body: 6 Markdown links and images, 5 raw; front matter: 2 in the correction.
        assert_eq!(count("articles/hostile.md"), 13, "{blocked:?}");
        assert!(blocked.iter().all(|at| !at.ends_with(":1:1")), "{blocked:?}");
    }
}

#[test]
fn each_blocked_url_is_reported_at_its_line_and_column() {
    let t = SiteTest::new();
    t.article(
        "a",
        "title: \"A\"\ndate: 2026-03-01\ncorrections:\n  - date: 2026-03-02\n    text: \"See [this](vbscript:x).\"",
        "Intro.\n\nSee [here](javascript:alert(1)) and\n<a href=\"data:text/html,x\">there</a>.\n",
    );
    let r = t.build_ok();
    let at: Vec<(String, String)> =
        codes(&r).into_iter().filter(|(c, _)| c.starts_with("safety.")).collect();
    let file = t.content().join("articles/a.md").display().to_string();
    assert_eq!(
        at,
        [
            ("safety.url_scheme".to_string(), format!("{file}:6:16")),
            ("safety.url_scheme".to_string(), format!("{file}:10:5")),
            ("safety.url_scheme".to_string(), format!("{file}:11:4")),
        ]
    );
    // `rounds check` reports them too, with the same codes.
    let (code, stdout, _) = t.run(&["check", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found = json["findings"].as_array().unwrap();
    let safety: Vec<_> = found
        .iter()
        .filter(|f| f["code"] == "safety.url_scheme")
        .map(|f| {
            (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap(), f["severity"].clone())
        })
        .collect();
    assert_eq!(safety.len(), 3, "{stdout}");
    assert!(safety.iter().all(|(_, _, s)| s == "warning"));
}

#[test]
fn build_prints_each_removal_in_full() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-03-01", "Text <img src=x onerror=alert(1)>.\n");
    let (code, _, stderr) = t.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("safety.script"), "{stderr}");
    assert!(stderr.contains("the `onerror` event handler"), "{stderr}");
    assert!(stderr.contains("content/articles/a.md:5:17"), "{stderr}");
}

const HOSTILE_HTML: &str = r#"<details>
<summary>What the numbers mean</summary>

The *top* number is systolic.

</details>

The <abbr title="World Health Organization">WHO</abbr> says x<sup>2</sup> and H<sub>2</sub>O.

<script>alert(1)</script>

<img src="cuff.png" alt="A cuff" onerror="alert(2)">

<span onmouseover="alert(3)">hover here</span>

<iframe src="https://evil.example/"></iframe>

<p style="background:url(javascript:alert(4))">styled text</p>

<style>body { background: url(javascript:alert(5)) }</style>

<form action="https://evil.example/"><input name="q"></form>

<object data="x.swf"></object><embed src="x.swf">

Inline <script>alert(6)</script> script and <b onclick="alert(7)">bold words</b>.
"#;

#[test]
fn raw_html_keeps_the_safe_subset_and_loses_script() {
    let t = SiteTest::new();
    t.article(
        "html",
        "title: \"Raw HTML\"\ndate: 2026-03-01\ncorrections:\n  - date: 2026-03-02\n    text: |\n      The dose was <b onmouseover=\"alert(8)\">wrong</b><script>alert(9)</script><img src=x onerror=alert(10)> <iframe src=\"https://evil.example/\"></iframe><abbr title=\"milligrams\">mg</abbr>.",
        HOSTILE_HTML,
    );
    let r = t.build_ok();
    assert_eq!(live_script(&t.out()), Vec::<String>::new());

    let page = t.html("articles/html/index.html");
    assert_eq!(text(&page, ".article-body details > summary"), "What the numbers mean");
    assert_eq!(text(&page, ".article-body details em"), "top");
    assert_eq!(
        attr(&page, ".article-body abbr", "title").as_deref(),
        Some("World Health Organization")
    );
    assert_eq!(text(&page, ".article-body abbr"), "WHO");
    assert_eq!(text(&page, ".article-body p sup"), "2");
    assert_eq!(text(&page, ".article-body p sub"), "2");
    assert_eq!(attr(&page, ".article-body img[alt='A cuff']", "src").as_deref(), Some("cuff.png"));
    let body = text(&page, ".article-body");
    for kept in ["hover here", "styled text", "script and", "bold words"] {
        assert!(body.contains(kept), "{kept}: {body}");
    }
    for gone in ["alert(", "background"] {
        assert!(!body.contains(gone), "{gone}: {body}");
    }
    // The correction note, on the page and in the corrections feed.
    let note = text(&page, ".corrections");
    assert!(note.contains("The dose was wrong"), "{note}");
    assert_eq!(attr(&page, ".corrections abbr", "title").as_deref(), Some("milligrams"));
    assert!(!t.read("corrections/atom.xml").contains("alert("));

    // Each removal is a located warning: script, event handlers, the rest.
    let found: Vec<(String, String)> =
        codes(&r).into_iter().filter(|(c, _)| c.starts_with("safety.")).collect();
    let file = t.content().join("articles/html.md").display().to_string();
    let line = |needle: &str| {
        let text = std::fs::read_to_string(t.content().join("articles/html.md")).unwrap();
        let at = text.find(needle).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let col = at - text[..at].rfind('\n').map_or(0, |k| k + 1) + 1;
        format!("{file}:{line}:{col}")
    };
    for (code, needle) in [
        ("safety.script", "<script>alert(1)"),
        ("safety.script", "onerror=\"alert(2)\""),
        ("safety.script", "onmouseover=\"alert(3)\""),
        ("safety.raw_html", "<iframe src=\"https://evil.example/\"></iframe>\n\n<p"),
        ("safety.raw_html", "style=\"background"),
        ("safety.raw_html", "<style>"),
        ("safety.raw_html", "<form"),
        ("safety.raw_html", "<input"),
        ("safety.raw_html", "<object"),
        ("safety.raw_html", "<embed"),
        ("safety.script", "<script>alert(6)"),
        ("safety.script", "onclick"),
        ("safety.script", "onmouseover=\"alert(8)\""),
        ("safety.script", "<script>alert(9)"),
        ("safety.script", "onerror=alert(10)"),
    ] {
        let at = (code.to_string(), line(needle));
        assert!(found.contains(&at), "{at:?} not in {found:#?}");
    }
    assert_eq!(found.len(), 16, "{found:#?}");
}

#[test]
fn the_safe_subset_is_published_as_written() {
    // Nothing to remove, nothing reported, and Markdown inside HTML blocks still works.
    let t = SiteTest::new();
    t.article(
        "ok",
        "title: \"Fine\"\ndate: 2026-03-01",
        "<figure>\n<img src=\"cuff.png\" alt=\"A cuff\" width=\"300\">\n<figcaption>A home cuff</figcaption>\n</figure>\n\nPress <kbd>Start</kbd>, then read the <mark>top</mark> number<sup>1</sup>.<br>\nNext line [with a link](https://example.org/a?b=1#c) and <a href=\"/about/\">about</a>.\n",
    );
    let r = t.build_ok();
    assert!(codes(&r).iter().all(|(c, _)| !c.starts_with("safety.")), "{}", errors(&r));
    let html = t.read("articles/ok/index.html");
    for kept in [
        "<figure>\n<img src=\"cuff.png\" alt=\"A cuff\" width=\"300\">\n<figcaption>A home cuff</figcaption>\n</figure>",
        "Press <kbd>Start</kbd>, then read the <mark>top</mark> number<sup>1</sup>.<br>\nNext line <a href=\"https://example.org/a?b=1#c\">with a link</a> and <a href=\"/about/\">about</a>.",
    ] {
        assert!(html.contains(kept), "{kept}\n---\n{html}");
    }
}

#[test]
fn html_that_swallows_the_text_after_it_is_shown_as_text() {
    // An unclosed inline <script> would hide the rest of the article: it is published as
    // text, with a warning, and the text after it survives.
    let t = SiteTest::new();
    t.article(
        "a",
        "title: \"A\"\ndate: 2026-03-01",
        "Before <script>alert(1) and <abbr title=\"t\">after</abbr> it.\n\nNext paragraph.\n",
    );
    let r = t.build_ok();
    assert_eq!(live_script(&t.out()), Vec::<String>::new());
    let page = t.html("articles/a/index.html");
    let body = text(&page, "article");
    assert!(
        body.contains("Before <script>alert(1) and <abbr title=\"t\">after</abbr> it."),
        "{body}"
    );
    assert!(body.contains("Next paragraph."), "{body}");
    let codes: Vec<String> = codes(&r).into_iter().map(|(c, _)| c).collect();
    assert!(codes.contains(&"safety.script".to_string()), "{codes:?}");
    assert!(codes.contains(&"safety.raw_html".to_string()), "{codes:?}");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_content_folder_are_refused_at_the_link() {
    use std::os::unix::fs::symlink;
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-03-01", "Text.\n");
    t.write("outside/secret.txt", "SECRET FILE");
    t.write("outside/nested/more.txt", "SECRET FOLDER");
    t.write("outside/leak.md", "---\ntitle: \"Leak\"\ndate: 2026-03-01\n---\nSECRET ARTICLE\n");
    let content = t.content();
    symlink(t.root().join("outside/secret.txt"), content.join("static/secret.txt")).unwrap();
    symlink(t.root().join("outside"), content.join("static/etc")).unwrap();
    symlink(t.root().join("outside/leak.md"), content.join("articles/leak.md")).unwrap();
    // Links that stay inside the content folder keep working.
    symlink(content.join("static/images"), content.join("static/pictures")).unwrap();
    symlink(content.join("articles/a.md"), content.join("articles/b.md")).unwrap();

    let r = t.build();
    assert!(r.failed());
    let mut refused: Vec<(String, String)> =
        codes(&r).into_iter().filter(|(c, _)| c == "source.outside").collect();
    refused.sort();
    let at = |rel: &str| content.join(rel).display().to_string();
    assert_eq!(
        refused,
        [
            ("source.outside".to_string(), at("articles/leak.md")),
            ("source.outside".to_string(), at("static/etc")),
            ("source.outside".to_string(), at("static/secret.txt")),
        ],
        "{}",
        errors(&r)
    );
    assert!(errors(&r).contains("outside the content folder"));

    // Without them, the build publishes what is inside, through its links, and nothing else.
    for link in ["static/secret.txt", "static/etc", "articles/leak.md"] {
        std::fs::remove_file(content.join(link)).unwrap();
    }
    t.build_ok();
    assert!(t.exists("pictures/card.png"));
    assert!(t.exists("articles/b/index.html"));
    for (path, bytes) in tree(&t.out()) {
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET"), "{path}");
    }
}

#[test]
fn a_footnote_inside_a_footnote_is_numbered_linked_and_kept() {
    let t = SiteTest::new();
    t.article(
        "notes",
        "title: \"Notes\"\ndate: 2026-03-01",
        "Text with a note[^a] and another[^b].\n\n[^a]: Outer note, citing an inner one[^c].\n\n[^b]: Second note.\n\n[^c]: Inner note text.\n",
    );
    t.build_ok();
    let page = t.html("articles/notes/index.html");
    let inner = select(&page, "#fn-a a[href='#fn-c']");
    assert_eq!(inner.len(), 1, "{}", t.read("articles/notes/index.html"));
    assert_eq!(inner[0].text().collect::<String>(), "c");
    assert_eq!(text(&page, "#fn-c p"), "Inner note text.");
    let items: Vec<String> = select(&page, "section.footnotes li")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(items, ["fn-a", "fn-b", "fn-c"]);
    assert!(broken_links(&t.out()).is_empty(), "{:?}", broken_links(&t.out()));
}

#[test]
fn control_characters_never_reach_pages_or_feeds() {
    let t = SiteTest::new();
    t.article(
        "nul",
        "title: \"Nul\"\ndate: 2026-03-01",
        "A NUL\u{0} here, a bell\u{7} and a form feed\u{c}.\n\n`co\u{0}de` and [li\u{1}nk](https://example.org/\u{0}x)\n\n<span>raw\u{0}</span>\n",
    );
    let r = t.build_ok();
    let published = tree(&t.out()).into_iter().filter(|(p, _)| !p.ends_with(".png"));
    for (path, bytes) in published {
        let bad = bytes.iter().position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
        assert!(bad.is_none(), "{path} has a control character at byte {bad:?}");
    }
    assert!(t.read("articles/nul/index.html").contains("A NUL\u{FFFD} here"));
    let file = t.content().join("articles/nul.md").display().to_string();
    let found: Vec<(String, String)> =
        codes(&r).into_iter().filter(|(c, _)| c == "safety.control_char").collect();
    assert_eq!(found, [("safety.control_char".to_string(), format!("{file}:5:6"))]);
}

#[test]
fn control_characters_escaped_in_front_matter_are_refused_at_their_key() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\\0title\"\ndate: 2026-03-01", "Text.\n");
    t.article("b", "title: \"B\"\ndate: 2026-03-01\ntags: [ok, \"bell\\a\"]", "Text.\n");
    let r = t.build();
    assert!(r.failed());
    let found: Vec<(String, String)> =
        codes(&r).into_iter().filter(|(c, _)| c == "safety.control_char").collect();
    let at = |rel: &str, line: usize, col: usize| {
        (
            "safety.control_char".to_string(),
            format!("{}:{line}:{col}", t.content().join(rel).display()),
        )
    };
    assert_eq!(found, [at("articles/a.md", 2, 8), at("articles/b.md", 4, 7)], "{}", errors(&r));

    // site.yaml and authors.yaml too.
    let t2 = SiteTest::new();
    t2.write(
        "content/site.yaml",
        &SITE_YAML.replace("title: \"Test Clinic\"", "title: \"Test\\0Clinic\""),
    );
    t2.write(
        "content/authors.yaml",
        &AUTHORS_YAML.replace("role: \"Pharmacist\"", "role: \"Pharm\\x01acist\""),
    );
    let r = t2.build();
    assert!(r.failed());
    let mut found: Vec<(String, String)> =
        codes(&r).into_iter().filter(|(c, _)| c == "safety.control_char").collect();
    found.sort();
    let at = |rel: &str, line: usize, col: usize| {
        let path = t2.content().join(rel).display().to_string();
        ("safety.control_char".to_string(), format!("{path}:{line}:{col}"))
    };
    assert_eq!(found, [at("authors.yaml", 10, 3), at("site.yaml", 1, 1)], "{}", errors(&r));
}

#[cfg(unix)]
#[test]
fn watch_refuses_a_link_out_of_the_content_folder_made_while_it_runs() {
    use std::os::unix::fs::symlink;
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-03-01", "Text.\n");
    t.write("outside/leak.md", "---\ntitle: \"Leak\"\ndate: 2026-03-01\n---\nSECRET ARTICLE\n");
    t.write("outside/secret.txt", "SECRET FILE");
    let mut session = rounds::session::Session::load(&t.options()).unwrap();
    assert!(!session.build().unwrap().failed());

    let article = t.content().join("articles/leak.md");
    let file = t.content().join("static/secret.txt");
    symlink(t.root().join("outside/leak.md"), &article).unwrap();
    symlink(t.root().join("outside/secret.txt"), &file).unwrap();
    let r = session.rebuild(&[article.clone(), file.clone()]).unwrap();
    assert!(r.report.failed(), "{}", errors(&r.report));
    let refused: Vec<String> = r
        .report
        .diagnostics
        .iter()
        .filter(|d| d.code == "source.outside")
        .map(|d| d.location())
        .collect();
    assert_eq!(refused, [article.display().to_string(), file.display().to_string()]);
    for (path, bytes) in tree(&t.out()) {
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET"), "{path}");
    }
}

#[cfg(unix)]
#[test]
fn settings_files_that_link_out_of_the_content_folder_are_not_read() {
    use std::os::unix::fs::symlink;
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-03-01", "Text.\n");
    t.write(
        "outside/refs.yaml",
        "- id: x\n  type: book\n  title: \"SECRET TITLE\"\n  issued: {date-parts: [[2020]]}\n",
    );
    t.write("outside/authors.yaml", &AUTHORS_YAML.replace("Jane Doe", "SECRET NAME"));
    symlink(t.root().join("outside/refs.yaml"), t.content().join("references.yaml")).unwrap();
    std::fs::remove_file(t.content().join("authors.yaml")).unwrap();
    symlink(t.root().join("outside/authors.yaml"), t.content().join("authors.yaml")).unwrap();
    let r = t.build();
    assert!(r.failed());
    let mut refused: Vec<String> =
        r.diagnostics.iter().filter(|d| d.code == "source.outside").map(|d| d.location()).collect();
    refused.sort();
    let at = |name: &str| t.content().join(name).display().to_string();
    assert_eq!(refused, [at("authors.yaml"), at("references.yaml")], "{}", errors(&r));
    assert!(!errors(&r).contains("SECRET"));
    assert!(!t.out().exists());
}
