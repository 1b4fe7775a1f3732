//! The core build: what a patient finds in the built site, parsed from the HTML.

mod common;

use common::*;

fn three_articles() -> SiteTest {
    let t = SiteTest::new();
    t.article(
        "blood-pressure",
        "title: \"Understanding your blood pressure\"\ndate: 2026-01-15\nauthor: jdoe\nreviewed_by: asmith\nreviewed_on: 2026-02-01\ndescription: \"What the numbers mean.\"\ntags: [Heart Health, hypertension]",
        "Intro paragraph.\n\n## What the numbers mean\n\nText.\n\n## Checking at home\n\nMore.\n\n## When to call\n\nCall us.\n",
    );
    t.article(
        "statins",
        "title: \"Statins, plainly\"\ndate: 2026-03-10\ntags: [heart health]\ncorrections:\n  - date: 2026-04-01\n    text: \"An earlier version gave the wrong dose.\"",
        "Statins lower cholesterol. They are safe for most people.\n",
    );
    t.article(
        "colds",
        "title: \"Colds and antibiotics\"\ndate: 2025-12-01\ntags: [infections]",
        "Antibiotics do not treat colds.\n",
    );
    t.article("draft", "title: \"Not ready\"\ndate: 2026-02-01\ndraft: true", "Draft text.\n");
    t.article("future", "title: \"From the future\"\ndate: 2027-01-01", "Later.\n");
    t.write("content/pages/about.md", "---\ntitle: \"About this site\"\n---\nWho we are.\n");
    t.write(
        "content/pages/privacy.md",
        "---\ntitle: \"Privacy\"\ndescription: \"No cookies.\"\n---\nWe collect nothing.\n",
    );
    t.write("content/static/images/logo.txt", "static file");
    t
}

#[test]
fn articles_have_titles_dates_authors_and_reading_time() {
    let t = three_articles();
    t.build_ok();
    let doc = t.html("articles/blood-pressure/index.html");
    assert_eq!(text(&doc, "h1"), "Understanding your blood pressure");
    assert_eq!(text(&doc, "title"), "Understanding your blood pressure | Test Clinic");
    assert_eq!(attr(&doc, ".dates time", "datetime").as_deref(), Some("2026-01-15"));
    assert_eq!(text(&doc, ".dates time"), "January 15, 2026");
    assert_eq!(text(&doc, ".authors a"), "Jane Doe, MD");
    assert_eq!(attr(&doc, ".authors a", "href").as_deref(), Some("/authors/jdoe/"));
    assert!(text(&doc, ".dates").contains("1 min read"));
    assert!(
        text(&doc, ".review")
            .contains("Medically reviewed by Ann Smith, PharmD on February 1, 2026")
    );
    assert!(text(&doc, ".review").contains("Next review due February 1, 2027"));
    // The disclaimer from site.yaml is on every article.
    assert!(text(&doc, "#disclaimer").contains("Education only. In an emergency call 911."));
    // Three sections give a table of contents with working anchors.
    let toc: Vec<_> = select(&doc, ".toc a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(toc, ["#what-the-numbers-mean", "#checking-at-home", "#when-to-call"]);
    assert_eq!(select(&doc, "h2#checking-at-home").len(), 1);
    // Tags link to their pages.
    let tags: Vec<_> = select(&doc, ".article-tags a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(tags, ["/tags/heart-health/", "/tags/hypertension/"]);
}

#[test]
fn corrections_set_the_updated_date_and_are_shown_first() {
    let t = three_articles();
    t.build_ok();
    let doc = t.html("articles/statins/index.html");
    assert_eq!(attr(&doc, ".updated time", "datetime").as_deref(), Some("2026-04-01"));
    assert_eq!(text(&doc, ".updated time"), "April 1, 2026");
    assert_eq!(select(&doc, "#correction-2026-04-01").len(), 1);
    assert!(text(&doc, "#corrections").contains("An earlier version gave the wrong dose."));
    let log = t.html("corrections/index.html");
    assert_eq!(
        attr(&log, ".corrections-log a", "href").as_deref(),
        Some("/articles/statins/#correction-2026-04-01")
    );
}

#[test]
fn drafts_and_future_articles_are_left_out_unless_asked() {
    let t = three_articles();
    t.build_ok();
    assert!(!t.exists("articles/draft/index.html"));
    assert!(!t.exists("articles/future/index.html"));
    assert!(!t.read("sitemap.xml").contains("draft"));
    assert!(!t.read("index.html").contains("Not ready"));
    let mut opts = t.options();
    opts.drafts = true;
    let r = rounds::build(&opts).unwrap();
    assert!(!r.failed());
    let doc = t.html("articles/draft/index.html");
    assert!(text(&doc, ".labels").contains("Draft preview"));
    assert_eq!(attr(&doc, "meta[name=robots]", "content").as_deref(), Some("noindex"));
    assert!(t.exists("articles/future/index.html"));
    // Previews never reach the sitemap.
    assert!(!t.read("sitemap.xml").contains("/articles/draft/"));
}

#[test]
fn listings_are_newest_first_and_paginated() {
    let t = three_articles();
    t.build_ok();
    // per_page is 2: statins (March), blood pressure (January) on page 1; colds on page 2.
    let home = t.html("index.html");
    let titles: Vec<_> =
        select(&home, ".card-title a").iter().map(|a| a.text().collect::<String>()).collect();
    assert_eq!(titles, ["Statins, plainly", "Understanding your blood pressure"]);
    assert_eq!(attr(&home, ".pagination a[rel=next]", "href").as_deref(), Some("/page/2/"));
    let page2 = t.html("page/2/index.html");
    let titles: Vec<_> =
        select(&page2, ".card-title a").iter().map(|a| a.text().collect::<String>()).collect();
    assert_eq!(titles, ["Colds and antibiotics"]);
    assert_eq!(attr(&page2, ".pagination a[rel=prev]", "href").as_deref(), Some("/"));
    assert!(!t.exists("page/3/index.html"));
}

#[test]
fn prev_next_tags_archive_and_authors_link_up() {
    let t = three_articles();
    t.build_ok();
    let doc = t.html("articles/blood-pressure/index.html");
    assert_eq!(attr(&doc, ".prev-next a[rel=next]", "href").as_deref(), Some("/articles/statins/"));
    assert_eq!(attr(&doc, ".prev-next a[rel=prev]", "href").as_deref(), Some("/articles/colds/"));
    // "Heart Health" and "heart health" are one tag, named by its first use.
    let tag = t.html("tags/heart-health/index.html");
    assert_eq!(text(&tag, "h1"), "Heart Health");
    assert_eq!(select(&tag, ".card-title a").len(), 2);
    let tags = t.html("tags/index.html");
    assert_eq!(select(&tags, ".tag-index li").len(), 3);
    let archive = t.html("archive/index.html");
    let years: Vec<_> =
        select(&archive, ".archive-year h2").iter().map(|h| h.text().collect::<String>()).collect();
    assert_eq!(years, ["2026", "2025"]);
    let author = t.html("authors/jdoe/index.html");
    assert_eq!(text(&author, "h1"), "Jane Doe, MD");
    assert!(text(&author, "#disclosures + ul").contains("None"));
    assert_eq!(select(&author, "section[aria-labelledby=written] li").len(), 3);
    let reviewer = t.html("authors/asmith/index.html");
    assert_eq!(select(&reviewer, "section[aria-labelledby=reviewed] li").len(), 1);
}

#[test]
fn pages_sitemap_robots_404_and_static_files() {
    let t = three_articles();
    t.build_ok();
    let about = t.html("about/index.html");
    assert_eq!(text(&about, "h1"), "About this site");
    let footer: Vec<_> = select(&t.html("index.html"), ".site-footer a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(footer.contains(&"/about/".to_string()) && footer.contains(&"/privacy/".to_string()));
    let sitemap = t.read("sitemap.xml");
    let doc = roxmltree_like(&sitemap);
    assert!(doc.contains(&(
        "https://test.example/articles/statins/".to_string(),
        Some("2026-04-01".to_string())
    )));
    assert!(doc.contains(&(
        "https://test.example/articles/colds/".to_string(),
        Some("2025-12-01".to_string())
    )));
    assert!(doc.iter().any(|(u, _)| u == "https://test.example/tags/heart-health/"));
    assert!(!doc.iter().any(|(u, _)| u.contains("404")));
    assert_eq!(
        t.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://test.example/sitemap.xml\n"
    );
    assert!(text(&t.html("404.html"), "h1").contains("Page not found"));
    assert_eq!(t.read("images/logo.txt"), "static file");
    assert!(t.exists("style.css"));
    assert!(broken_links(&t.out()).is_empty(), "{:?}", broken_links(&t.out()));
}

/// (loc, lastmod) pairs of a sitemap, read with a real XML parser.
fn roxmltree_like(xml: &str) -> Vec<(String, Option<String>)> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut field = String::new();
    let mut loc = String::new();
    let mut lastmod = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if name == "url" {
                    loc.clear();
                    lastmod = None;
                }
                current = Some(name);
            }
            Event::Text(t) => field = t.decode().unwrap().to_string(),
            Event::End(e) => {
                match String::from_utf8_lossy(e.name().as_ref()).as_ref() {
                    "loc" => loc = field.clone(),
                    "lastmod" => lastmod = Some(field.clone()),
                    "url" => out.push((loc.clone(), lastmod.clone())),
                    _ => {}
                }
                current = None;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let _ = current;
    out
}

#[test]
fn markdown_features_render() {
    let t = SiteTest::new();
    t.article(
        "features",
        "title: \"Features\"\ndate: 2026-01-01",
        "Smart \"quotes\" -- dashes.\n\n| Dose | When |\n|---|---|\n| 5 mg | daily |\n\nA note[^1].\n\n[^1]: The footnote.\n\n- [x] done\n\n~~gone~~\n\n```rust\nfn main() {}\n```\n\n## Same\n\n## Same\n",
    );
    t.build_ok();
    let doc = t.html("articles/features/index.html");
    assert!(text(&doc, ".article-body p").contains("\u{201c}quotes\u{201d} \u{2013} dashes"));
    assert_eq!(text(&doc, "table td"), "5 mg");
    assert_eq!(attr(&doc, ".fn-ref a", "href").as_deref(), Some("#fn-1"));
    assert!(text(&doc, ".footnotes").contains("The footnote."));
    assert_eq!(select(&doc, "del").len(), 1);
    assert_eq!(select(&doc, "input[type=checkbox][checked]").len(), 1);
    assert!(!select(&doc, "pre.code span[class^=hl-]").is_empty());
    assert_eq!(select(&doc, "link[href='/code.css']").len(), 1);
    assert!(t.exists("code.css"));
    assert_eq!(select(&doc, "h2#same").len(), 1);
    assert_eq!(select(&doc, "h2#same-1").len(), 1);
    // A page without code does not load the code stylesheet.
    assert!(select(&t.html("index.html"), "link[href='/code.css']").is_empty());
}

#[test]
fn the_demo_blog_builds_the_same_bytes_twice() {
    let a = SiteTest::demo();
    let b = SiteTest::demo();
    let mut oa = a.options();
    oa.theme = Some(repo().join("themes/default"));
    let ra = rounds::build(&oa).unwrap();
    assert!(!ra.failed(), "{}", errors(&ra));
    let rb = rounds::build(&b.options()).unwrap();
    assert!(!rb.failed());
    let (ta, tb) = (tree(&a.out()), tree(&b.out()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
    assert!(ta.len() > 25);
    assert!(broken_links(&a.out()).is_empty(), "{:?}", broken_links(&a.out()));
}

#[test]
fn rebuilding_unchanged_content_writes_nothing() {
    let t = three_articles();
    let first = t.build_ok();
    assert!(first.write.written > 10);
    let second = t.build_ok();
    assert_eq!(second.write.written, 0);
    assert_eq!(second.write.removed, 0);
    assert_eq!(second.write.unchanged, first.write.written);
    // A page deleted from the output by hand is rendered again, not trusted.
    std::fs::remove_file(t.out().join("articles/statins/index.html")).unwrap();
    let again = t.build_ok();
    assert_eq!(again.write.written, 1);
    assert!(t.read("articles/statins/index.html").contains("Statins, plainly"));
    // Deleting an article removes its page and it leaves every listing.
    t.remove("content/articles/colds.md");
    let third = t.build_ok();
    // The article, the infections tag page and its two feeds, and home page 2.
    assert_eq!(third.write.removed, 5);
    assert!(!t.exists("articles/colds/index.html"));
    assert!(!t.exists("tags/infections/index.html"));
    assert!(!t.read("archive/index.html").contains("Colds and antibiotics"));
}

#[test]
fn builds_that_reuse_cached_bodies_equal_fresh_builds() {
    let t = SiteTest::demo();
    let fresh = |label: &str| {
        let out = t.root().join(format!("fresh-{label}"));
        let mut opts = t.options();
        opts.out = out.clone();
        assert!(!rounds::build(&opts).unwrap().failed());
        let cache = t.root().join(format!(".fresh-{label}.rounds-cache"));
        assert!(!cache.exists(), "a first build into an empty folder writes no cache");
        tree(&out)
    };
    t.build_ok();
    t.build_ok();
    let cache = t.root().join(".public.rounds-cache");
    assert!(cache.exists(), "the second build keeps its bodies for the next");
    // Edit one article and the shared references: the next build renders that article and
    // every article citing the changed item, and reuses the rest.
    let statins = t.root().join("content/articles/statins-what-to-know.md");
    let text = std::fs::read_to_string(&statins).unwrap();
    std::fs::write(&statins, text.replacen("Statins", "Statin medicines", 1)).unwrap();
    let refs = t.root().join("content/references.yaml");
    let text = std::fs::read_to_string(&refs).unwrap();
    std::fs::write(&refs, text.replacen("title: \"", "title: \"Revised: ", 1)).unwrap();
    t.build_ok();
    let watched = tree(&t.out());
    let clean = fresh("after-edit");
    assert_eq!(watched.keys().collect::<Vec<_>>(), clean.keys().collect::<Vec<_>>());
    for (path, bytes) in &watched {
        assert!(bytes == &clean[path], "{path} differs from a fresh build");
    }
    assert!(
        t.read("index.html").contains("Statin medicines")
            || t.read("page/2/index.html").contains("Statin medicines")
    );
}

#[test]
fn note_markers_are_letters_closed_up_to_the_text() {
    let t = SiteTest::new();
    t.write(
        "content/references.yaml",
        "- id: placebo2010\n  type: article-journal\n  title: A trial\n  container-title-short: BMJ\n  issued: 2010\n  volume: \"340\"\n  page: c1\n",
    );
    t.article(
        "notes",
        "title: \"Notes\"\ndate: 2026-01-01",
        "Half felt better on a dummy pill [@placebo2010]. [^why] Others did not [^who].\n\n[^why]: A placebo.\n[^who]: The rest.\n",
    );
    t.build_ok();
    let doc = t.html("articles/notes/index.html");
    // Letters, so that "pill.¹ᵃ" is not read as references 1 and 5.
    let markers: Vec<String> =
        select(&doc, ".article-body sup.fn-ref a").iter().map(|a| a.text().collect()).collect();
    assert_eq!(markers, ["a", "b"]);
    assert_eq!(select(&doc, ".footnotes ol[type=a] > li").len(), 2);
    // No space (a whitespace text node) before any superscript.
    for sup in select(&doc, ".article-body sup") {
        let before = sup.prev_sibling().and_then(|n| n.value().as_text().map(|t| t.to_string()));
        let before = before.unwrap_or_default();
        assert!(!before.ends_with(char::is_whitespace), "space before a superscript: {before:?}");
    }
    // The citation's number, then the note's letter, right after the period.
    let cite = select(&doc, ".article-body sup.cite")[0];
    let before = cite.prev_sibling().and_then(|n| n.value().as_text().map(|t| t.to_string()));
    assert_eq!(before.as_deref(), Some("Half felt better on a dummy pill."));
    let next = cite.next_sibling().and_then(scraper::ElementRef::wrap).unwrap();
    assert_eq!(next.value().attr("class"), Some("fn-ref"));
}

#[test]
fn body_images_have_the_files_width_and_height() {
    let t = SiteTest::new();
    let png = std::fs::read(repo().join("content/static/images/share-default.png")).unwrap();
    t.write_bytes("content/articles/cuff/photo one.png", &png);
    t.write(
        "content/articles/cuff/index.md",
        "---\ntitle: \"Cuff\"\ndate: 2026-01-01\n---\n![A cuff on an arm](photo%20one.png)\n\n![The clinic's card](/images/card.png)\n\n![Elsewhere](https://example.org/x.png)\n",
    );
    t.build_ok();
    let info = png::Decoder::new(std::io::Cursor::new(&png)).read_info().unwrap().info().clone();
    let (w, h) = (info.width.to_string(), info.height.to_string());
    let doc = t.html("articles/cuff/index.html");
    let imgs = select(&doc, ".article-body img");
    assert_eq!(imgs.len(), 3);
    for img in &imgs[..2] {
        assert_eq!(img.value().attr("width"), Some(w.as_str()), "{:?}", img.value());
        assert_eq!(img.value().attr("height"), Some(h.as_str()), "{:?}", img.value());
    }
    assert_eq!(imgs[0].value().attr("alt"), Some("A cuff on an arm"));
    assert_eq!(imgs[2].value().attr("width"), None);
    // The theme keeps them responsive: the attributes give the aspect ratio only.
    let css = t.read("style.css");
    assert!(css.contains("img { max-width: 100%; height: auto; }"));
}

#[test]
fn every_article_asks_for_feedback_where_the_site_says() {
    let t = SiteTest::new();
    t.article("flu", "title: \"Flu shots: who & when?\"\ndate: 2026-01-01", "Text.\n");
    let feedback = |t: &SiteTest| {
        let doc = t.html("articles/flu/index.html");
        select(&doc, "footer section#feedback").first().map(|s| {
            let heading: String =
                s.select(&scraper::Selector::parse("h2").unwrap()).next().unwrap().text().collect();
            let text: String = s.text().collect();
            let href = s
                .select(&scraper::Selector::parse("a[href]").unwrap())
                .next()
                .and_then(|a| a.value().attr("href").map(str::to_string))
                .unwrap();
            (heading, text, href)
        })
    };
    // No contact in site.yaml: no link to nowhere.
    t.build_ok();
    assert_eq!(feedback(&t), None);

    // The practice's public e-mail address: a mailto link naming the article.
    t.write("content/site.yaml", &format!("{SITE_YAML}practice:\n  email: office@test.example\n"));
    t.build_ok();
    let (heading, text, href) = feedback(&t).expect("a feedback section");
    assert_eq!(heading, "Spotted an error? Have a question?");
    assert!(text.contains("Please do not send personal health information"), "{text}");
    let (address, query) = href.strip_prefix("mailto:").unwrap().split_once('?').unwrap();
    assert_eq!(address, "office@test.example");
    let fields: std::collections::BTreeMap<&str, String> = query
        .split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            assert!(!v.contains([' ', '&', '?', '#', '\n']), "not encoded: {v}");
            (k, percent_encoding::percent_decode_str(v).decode_utf8().unwrap().into_owned())
        })
        .collect();
    assert_eq!(fields["subject"], "About your article: Flu shots: who & when?");
    assert!(fields["body"].contains("https://test.example/articles/flu/"), "{:?}", fields["body"]);

    // A form wins, with the article's title and address filled in.
    t.write(
        "content/site.yaml",
        &format!(
            "{SITE_YAML}practice:\n  email: office@test.example\nfeedback:\n  form: \"https://forms.example/ask?t={{title}}&u={{url}}\"\n"
        ),
    );
    t.build_ok();
    let (_, _, href) = feedback(&t).unwrap();
    assert_eq!(
        href,
        "https://forms.example/ask?t=Flu%20shots%3A%20who%20%26%20when%3F&u=https%3A%2F%2Ftest.example%2Farticles%2Fflu%2F"
    );

    // A form that is not a web address is an error at its line.
    t.write("content/site.yaml", &format!("{SITE_YAML}feedback:\n  form: forms.example/ask\n"));
    let r = t.build();
    assert!(r.failed());
    assert!(codes(&r).iter().any(|(c, _)| c == "config.feedback_form"), "{:?}", codes(&r));
}
