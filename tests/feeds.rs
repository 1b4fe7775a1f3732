//! Feeds: RSS 2.0 and Atom for the site, per tag and for corrections, parsed with feed-rs; ids
//! that survive a new title, a correction and a new slug; redirect pages for old addresses.

mod feed_site;

use feed_rs::model::{Entry, Feed, FeedType};
use feed_site::{BASE, TestSite, attr, meta1, sel};

const BP_ID: &str = "tag:clinic.example,2025-09-10:/articles/blood-pressure/";
const BP_URL: &str = "https://clinic.example/articles/blood-pressure/";

fn entry<'a>(feed: &'a Feed, id: &str) -> &'a Entry {
    let ids: Vec<&String> = feed.entries.iter().map(|e| &e.id).collect();
    feed.entries.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no entry {id} in {ids:?}"))
}

fn title(e: &Entry) -> &str {
    &e.title.as_ref().unwrap().content
}

fn content(e: &Entry) -> &str {
    e.content.as_ref().and_then(|c| c.body.as_deref()).expect("full content")
}

/// An instant from feed-rs (a chrono `DateTime<Utc>`) in RFC 3339 form, `Z` for UTC.
macro_rules! rfc3339 {
    ($t:expr) => {
        $t.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string()).unwrap_or_default()
    };
}

/// The text of every `<tag>` element in a feed's XML, in order.
fn elements(xml: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.split(&open).skip(1).filter_map(|s| s.split(&close).next().map(str::to_string)).collect()
}

#[test]
fn site_feeds_parse_and_carry_the_newest_articles_in_full() {
    let site = TestSite::new();
    site.build();

    let rss = site.feed("feed.xml");
    assert_eq!(rss.feed_type, FeedType::RSS2);
    let atom = site.feed("atom.xml");
    assert_eq!(atom.feed_type, FeedType::Atom);
    for feed in [&rss, &atom] {
        // feeds.items is 3 in the fixture: the 2024 article is left out; newest first.
        let titles: Vec<&str> = feed.entries.iter().map(title).collect();
        assert_eq!(
            titles,
            [
                "How much sleep is enough?",
                "Statins: who benefits?",
                "Understanding your blood pressure numbers"
            ]
        );
        let bp = entry(feed, BP_ID);
        assert_eq!(bp.links[0].href, BP_URL);
        let mut tags: Vec<&str> = bp.categories.iter().map(|c| c.term.as_str()).collect();
        tags.sort_unstable();
        assert_eq!(tags, ["blood pressure", "heart health"]);
        // Full content: the body and the footnotes, not only the description.
        let html = content(bp);
        assert!(html.contains("Sit quietly for five minutes first."), "{html}");
        assert!(html.contains("Rest matters for an accurate reading."), "{html}");
    }

    // The feed says who wrote it; an e-mail address only when authors.yaml makes it public.
    let atom_bp = entry(&atom, BP_ID);
    assert_eq!(atom_bp.authors[0].name.as_deref(), Some("Ana Ortiz, MD, MPH"));
    assert_eq!(atom_bp.authors[0].email.as_deref(), Some("ana@clinic.example"));
    assert_eq!(atom_bp.authors[0].uri.as_deref(), Some("https://clinic.example/authors/ana/"));
    let statins = atom.entries.iter().find(|e| title(e).starts_with("Statins")).unwrap();
    let names: Vec<_> = statins.authors.iter().map(|p| p.name.clone().unwrap()).collect();
    assert_eq!(names, ["Ana Ortiz, MD, MPH", "Ben Cole, RN"]);
    assert_eq!(statins.authors[1].email, None);
    let rss_xml = site.read("feed.xml");
    assert!(rss_xml.contains("<author>ana@clinic.example (Ana Ortiz, MD, MPH)</author>"));
    assert!(rss_xml.contains("<dc:creator>Ben Cole, RN</dc:creator>"));
    assert!(!rss_xml.contains("ben@"), "Ben has no public e-mail");

    // Self links, in RSS too (atom:link rel=self).
    assert!(rss_xml.contains(
        "<atom:link href=\"https://clinic.example/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>"
    ));
    let selfs: Vec<&str> = atom
        .links
        .iter()
        .filter(|l| l.rel.as_deref() == Some("self"))
        .map(|l| l.href.as_str())
        .collect();
    assert_eq!(selfs, ["https://clinic.example/atom.xml"]);
}

#[test]
fn relative_links_in_content_are_made_absolute() {
    let site = TestSite::new();
    site.build();
    for path in ["atom.xml", "feed.xml", "tags/heart-health/atom.xml"] {
        let feed = site.feed(path);
        let html = content(entry(&feed, BP_ID));
        for expected in [
            "href=\"https://clinic.example/about/\"",
            "href=\"https://clinic.example/articles/blood-pressure/cuff.png\"",
            "src=\"https://clinic.example/articles/blood-pressure/cuff.png\"",
            "href=\"https://clinic.example/articles/statins/\"",
            "href=\"https://clinic.example/articles/blood-pressure/#measuring-at-home\"",
        ] {
            assert!(html.contains(expected), "{path}: {expected} missing in\n{html}");
        }
        for bad in ["href=\"/", "href=\"#", "src=\"/", "href=\"../", "src=\"cuff"] {
            assert!(!html.contains(bad), "{path}: relative {bad} left in\n{html}");
        }
    }
}

#[test]
fn dates_follow_the_content_in_each_format() {
    let site = TestSite::new();
    site.build();

    // RSS: RFC 822 dates; lastBuildDate is the newest item's date, not the clock.
    let rss_xml = site.read("feed.xml");
    assert_eq!(
        elements(&rss_xml, "pubDate"),
        [
            "Sun, 01 Feb 2026 00:00:00 +0000",
            "Mon, 05 Jan 2026 00:00:00 +0000",
            "Wed, 10 Sep 2025 00:00:00 +0000"
        ]
    );
    assert_eq!(elements(&rss_xml, "lastBuildDate"), ["Sun, 01 Feb 2026 00:00:00 +0000"]);

    // Atom: RFC 3339; published is the publication day, updated the correction's day.
    let atom_xml = site.read("atom.xml");
    let rfc3339 = |s: &String| s.len() == 25 && s.as_bytes()[10] == b'T' && s.ends_with("+00:00");
    assert!(elements(&atom_xml, "updated").iter().all(rfc3339), "{atom_xml}");
    assert!(elements(&atom_xml, "published").iter().all(rfc3339), "{atom_xml}");
    let atom = site.feed("atom.xml");
    assert_eq!(rfc3339!(atom.updated), "2026-02-01T00:00:00Z");
    let bp = entry(&atom, BP_ID);
    assert_eq!(rfc3339!(bp.published), "2025-09-10T00:00:00Z");
    assert_eq!(rfc3339!(bp.updated), "2025-10-06T00:00:00Z");

    // A tag feed's own date is its newest item's.
    let tag = site.feed("tags/heart-health/atom.xml");
    assert_eq!(rfc3339!(tag.updated), "2026-01-05T00:00:00Z");
    let rss = site.feed("feed.xml");
    assert_eq!(rfc3339!(entry(&rss, BP_ID).published), "2025-09-10T00:00:00Z");
}

#[test]
fn ids_survive_a_correction_and_a_new_title_and_updated_bumps() {
    let site = TestSite::new();
    site.build();
    let before = site.feed("atom.xml");
    let rss_before = site.feed("feed.xml");
    let bp = entry(&before, BP_ID);
    assert_eq!(rfc3339!(bp.updated), "2025-10-06T00:00:00Z");
    assert!(content(bp).starts_with("<div class=\"corrections\">"));

    site.edit("articles/blood-pressure/index.md", |t| {
        t.replace(
            "title: \"Understanding your blood pressure numbers\"",
            "title: \"Blood pressure numbers, explained\"",
        )
        .replace(
            "corrections:\n",
            "corrections:\n  - date: 2026-03-01\n    text: \"We fixed the cuff size advice.\"\n",
        )
    });
    site.build();

    for (path, old) in [("atom.xml", &before), ("feed.xml", &rss_before)] {
        let after = site.feed(path);
        let ids = |f: &Feed| f.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&after), ids(old), "{path}: ids must not change");
        let bp = entry(&after, BP_ID);
        assert_eq!(title(bp), "Blood pressure numbers, explained");
        // The correction notes are the first block, newest first, dated and labelled.
        let html = content(bp);
        let first = html.find("We fixed the cuff size advice.").unwrap();
        let second = html.find("the old 140/90 mm Hg threshold").unwrap();
        let body = html.find("A reading has two numbers.").unwrap();
        assert!(html.starts_with("<div class=\"corrections\">\n<p><strong>Correction</strong>"));
        assert!(first < second && second < body, "{html}");
        assert!(
            html.contains(&format!("href=\"{BP_URL}#correction-2026-03-01\">March 1, 2026</a>"))
        );
    }
    let atom = site.feed("atom.xml");
    let bp = entry(&atom, BP_ID);
    assert_eq!(rfc3339!(bp.updated), "2026-03-01T00:00:00Z", "updated bumps with a correction");
    assert_eq!(rfc3339!(bp.published), "2025-09-10T00:00:00Z", "published never changes");
    // The RSS description carries the correction first too, for readers that show only it.
    let rss = site.feed("feed.xml");
    let summary = &entry(&rss, BP_ID).summary.as_ref().unwrap().content;
    assert!(summary.starts_with("<div class=\"corrections\">"), "{summary}");
}

#[test]
fn a_renamed_article_keeps_its_id_and_its_old_address_redirects() {
    let site = TestSite::new();
    site.build();
    let before = site.read("atom.xml");
    assert!(before.contains(BP_ID));

    site.rename("articles/blood-pressure", "articles/bp-numbers");
    site.edit("articles/bp-numbers/index.md", |t| {
        t.replacen("---\n", "---\naliases: [/articles/blood-pressure/, /2025/09/bp.html]\n", 1)
    });
    site.build();

    let atom = site.feed("atom.xml");
    let bp = entry(&atom, BP_ID);
    assert_eq!(bp.links[0].href, "https://clinic.example/articles/bp-numbers/");
    assert!(content(bp).contains("https://clinic.example/articles/bp-numbers/cuff.png"));
    assert_eq!(entry(&site.feed("feed.xml"), BP_ID).links[0].href, bp.links[0].href);

    // Each old address is a small page that sends readers on, and is never indexed.
    for old in ["articles/blood-pressure/index.html", "2025/09/bp.html"] {
        let page = site.html(old);
        let refresh = attr(&page, "meta[http-equiv=\"refresh\"]", "content").unwrap();
        assert_eq!(refresh, "0; url=https://clinic.example/articles/bp-numbers/");
        assert_eq!(
            attr(&page, "link[rel=\"canonical\"]", "href").as_deref(),
            Some("https://clinic.example/articles/bp-numbers/")
        );
        assert_eq!(meta1(&page, "robots"), "noindex");
        assert_eq!(
            attr(&page, "main a", "href").as_deref(),
            Some("https://clinic.example/articles/bp-numbers/")
        );
    }
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://clinic.example/articles/bp-numbers/</loc>"));
    assert!(!sitemap.contains("articles/blood-pressure"), "{sitemap}");
    assert!(!sitemap.contains("bp.html"), "{sitemap}");

    // A pinned id wins over the derived one.
    site.edit("articles/sleep.md", |t| {
        t.replacen("---\n", "---\nid: \"urn:uuid:6f1c1a52-3b1e-4d55-9d0c-1f0f4f1d2a10\"\n", 1)
    });
    site.build();
    let atom = site.feed("atom.xml");
    entry(&atom, "urn:uuid:6f1c1a52-3b1e-4d55-9d0c-1f0f4f1d2a10");
}

#[test]
fn bad_aliases_and_ids_are_errors_at_their_line() {
    let site = TestSite::new();
    site.edit("articles/statins.md", |t| {
        t.replacen(
            "---\n",
            "---\naliases:\n  - /about/\n  - /../../etc/x/\n  - https://elsewhere.example/x/\n  - /feed.xml/\nid: not a uri\n",
            1,
        )
    });
    let report = site.try_build();
    assert!(report.failed());
    let found: Vec<(&str, String)> =
        report.diagnostics.iter().map(|d| (d.code.as_ref(), d.location())).collect();
    let at = |code: &str| -> Vec<String> {
        found.iter().filter(|(c, _)| *c == code).map(|(_, l)| l.clone()).collect()
    };
    let file = site.content().join("articles/statins.md");
    let file = file.display();
    assert_eq!(at("alias.collision"), [format!("{file}:3:3"), format!("{file}:6:3")], "{found:?}");
    assert_eq!(at("alias.bad"), [format!("{file}:4:3"), format!("{file}:5:3")], "{found:?}");
    assert_eq!(at("feed.bad_id"), [format!("{file}:7:5")], "{found:?}");
    assert!(!site.exists("index.html"), "nothing is written when there are errors");
}

#[test]
fn tag_feeds_and_the_corrections_feed() {
    let site = TestSite::new();
    site.build();
    for tag in ["heart-health", "blood-pressure", "medicines", "sleep", "infections"] {
        for file in ["feed.xml", "atom.xml"] {
            let feed = site.feed(&format!("tags/{tag}/{file}"));
            assert!(!feed.entries.is_empty(), "tags/{tag}/{file}");
        }
    }
    let heart = site.feed("tags/heart-health/feed.xml");
    let titles: Vec<&str> = heart.entries.iter().map(title).collect();
    assert_eq!(titles, ["Statins: who benefits?", "Understanding your blood pressure numbers"]);
    // The 2024 article is beyond the site feed's 3 items, but in its tag's feed.
    let infections = site.feed("tags/infections/atom.xml");
    assert_eq!(infections.entries.len(), 1);

    // Every correction, newest first, linking to the note on its article.
    site.edit("articles/sleep.md", |t| {
        t.replacen(
            "---\n",
            "---\ncorrections:\n  - date: 2026-04-02\n    text: \"We corrected the hours for teenagers.\"\n",
            1,
        )
    });
    site.build();
    let corrections = site.feed("corrections/atom.xml");
    assert_eq!(corrections.feed_type, FeedType::Atom);
    assert_eq!(rfc3339!(corrections.updated), "2026-04-02T00:00:00Z");
    let links: Vec<&str> = corrections.entries.iter().map(|e| e.links[0].href.as_str()).collect();
    assert_eq!(
        links,
        [
            "https://clinic.example/articles/sleep/#correction-2026-04-02",
            "https://clinic.example/articles/blood-pressure/#correction-2025-10-06"
        ]
    );
    assert_eq!(corrections.entries[1].id, format!("{BP_ID}#correction-2025-10-06"));
    for e in &corrections.entries {
        let (page, anchor) = e.links[0].href.strip_prefix(BASE).unwrap().split_once('#').unwrap();
        let doc = site.html(&format!("{page}index.html"));
        assert!(doc.select(&sel(&format!("[id=\"{anchor}\"]"))).next().is_some(), "{anchor}");
        assert!(content(e).contains("<strong>Correction</strong>"));
    }
    // Announced on the corrections page.
    let page = site.html("corrections/index.html");
    assert_eq!(
        attr(&page, "link[rel=\"alternate\"][href$=\"corrections/atom.xml\"]", "type").as_deref(),
        Some("application/atom+xml")
    );
}

#[test]
fn the_feeds_page_lists_every_feed_and_is_in_the_sitemap() {
    let site = TestSite::new();
    site.build();
    let page = site.html("feeds/index.html");
    let hrefs: Vec<&str> =
        page.select(&sel("main a[type]")).filter_map(|a| a.value().attr("href")).collect();
    for feed in [
        "/feed.xml",
        "/atom.xml",
        "/corrections/atom.xml",
        "/tags/heart-health/feed.xml",
        "/tags/heart-health/atom.xml",
        "/tags/sleep/feed.xml",
    ] {
        assert!(hrefs.contains(&feed), "{feed} not in {hrefs:?}");
        assert!(site.exists(feed.trim_start_matches('/')), "{feed} is not written");
    }
    let text: String = page.select(&sel("main")).next().unwrap().text().collect();
    assert!(text.contains("What is a feed?"));
    assert!(text.contains("https://clinic.example/feed.xml"), "addresses to copy are shown");
    assert!(site.read("sitemap.xml").contains("<loc>https://clinic.example/feeds/</loc>"));
    assert!(!site.read("sitemap.xml").contains("404"));
    // Every page announces the site's feeds.
    let home = site.html("index.html");
    assert_eq!(
        attr(&home, "link[rel=\"alternate\"][type=\"application/rss+xml\"]", "href").as_deref(),
        Some("/feed.xml")
    );
}

/// An item's HTML as a feed reader shows it, with no stylesheet: the text of each block on a
/// line of its own, list items with their marker (`1. `, `a. `), whitespace collapsed.
fn reader_text(html: &str) -> String {
    fn walk(el: scraper::ElementRef<'_>, marker: &mut Option<String>, out: &mut String) {
        let name = el.value().name();
        let block = matches!(
            name,
            "p" | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "div"
                | "section"
                | "ol"
                | "ul"
                | "aside"
                | "blockquote"
                | "pre"
                | "table"
                | "tr"
        );
        if block {
            out.push('\n');
        }
        let lettered = name == "ol" && el.value().attr("type") == Some("a");
        let mut n = 0u8;
        for child in el.children() {
            if let Some(e) = scraper::ElementRef::wrap(child) {
                if name == "ol" && e.value().name() == "li" {
                    n += 1;
                    *marker = Some(if lettered {
                        format!("{}. ", char::from(b'a' + n - 1))
                    } else {
                        format!("{n}. ")
                    });
                }
                walk(e, marker, out);
            } else if let Some(t) = child.value().as_text() {
                // A list item's marker goes before its first words.
                if !t.trim().is_empty() {
                    if let Some(m) = marker.take() {
                        out.push_str(&m);
                    }
                }
                out.push_str(t);
            }
        }
        if block {
            out.push('\n');
        }
    }
    let doc = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    walk(doc.root_element(), &mut None, &mut out);
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn feed_items_read_cleanly_without_the_sites_stylesheet() {
    let site = TestSite::new();
    let refs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/references.yaml"),
    )
    .unwrap();
    site.write("references.yaml", &refs);
    site.edit("articles/blood-pressure/index.md", |t| {
        t.replace(
            "Sit quietly for five minutes first.[^1]",
            "Sit quietly for five minutes first. [^1]\n\n## Why it matters\n\nLower is better \
             for most adults [@whelton2018]. Three large studies agree\n[@whelton2018; \
             @sprint2015; @ettehad2016].\n\n> [!CORRECTION] 2025-11-02\n> We added the \
             studies to this section.",
        )
    });
    site.build();
    let permalink = BP_URL;
    let mut checked = 0;
    for path in [
        "feed.xml",
        "atom.xml",
        "tags/heart-health/feed.xml",
        "tags/heart-health/atom.xml",
        "corrections/atom.xml",
    ] {
        for e in &site.feed(path).entries {
            let html = content(e);
            let text = reader_text(html);
            let doc = scraper::Html::parse_fragment(html);
            // No self-link "#" after headings, no screen-reader text shown as text.
            assert!(!text.contains('#'), "{path}: a stray # in\n{text}");
            assert!(!text.contains("- to "), "{path}: a range reads \"- to\" in\n{text}");
            assert!(!text.contains('\u{21a9}'), "{path}: a back link arrow in\n{text}");
            // Every address works away from the site.
            for a in doc.select(&sel("a[href], img[src]")) {
                let url = a.value().attr("href").or(a.value().attr("src")).unwrap();
                assert!(
                    url.starts_with("https://") || url.starts_with("mailto:"),
                    "{path}: {url} is not absolute"
                );
            }
            checked += 1;
            if path.starts_with("corrections") || e.links[0].href != permalink {
                continue;
            }
            // The body reads as written, superscripts closed up with no reference text after
            // them; the letter of a note is not a citation number.
            for line in [
                "Sit quietly for five minutes first.a",
                "Why it matters",
                "Lower is better for most adults.1 Three large studies agree.1-3",
                "Correction November 2, 2025",
                "We added the studies to this section.",
                "Notes",
                "a. Rest matters for an accurate reading.",
                "References",
            ] {
                assert!(text.lines().any(|l| l == line), "{path}: no line {line:?} in\n{text}");
            }
            // The reference list ends the item, after the notes, and each entry appears
            // there only.
            let lines: Vec<&str> = text.lines().collect();
            let refs_at = lines.iter().position(|l| *l == "References").unwrap();
            let notes_at = lines.iter().position(|l| *l == "Notes").unwrap();
            assert!(notes_at < refs_at, "{path}: the notes come after the references");
            let entries = &lines[refs_at + 1..];
            assert_eq!(entries.len(), 3, "{path}: {entries:#?}");
            for (k, entry) in entries.iter().enumerate() {
                let words = entry.strip_prefix(&format!("{}. ", k + 1)).unwrap();
                let start: String = words.chars().take(40).collect();
                assert_eq!(text.matches(&start).count(), 1, "{path}: {start:?} is repeated");
            }
            assert!(entries[0].starts_with("1. Whelton PK, Carey RM, Aronow WS, et al."));
            // Each superscript opens its entry in the list on the article page.
            let hrefs: Vec<&str> =
                doc.select(&sel("sup.cite a")).filter_map(|a| a.value().attr("href")).collect();
            assert_eq!(
                hrefs,
                [
                    format!("{permalink}#ref-1"),
                    format!("{permalink}#ref-1"),
                    format!("{permalink}#ref-3")
                ],
                "{path}"
            );
        }
    }
    assert!(checked >= 9, "only {checked} items checked");
}
