//! Share metadata: Open Graph, Twitter/X cards and JSON-LD on every page type, the same dates
//! everywhere, JSON-LD that cannot escape its script element, share images that exist, and
//! plain share links.

mod feed_site;

use feed_site::{BASE, TestSite, attr, json_ld, meta, meta1, sel};
use scraper::Html;
use serde_json::Value;

/// Every page type of the fixture: output file, og:type, JSON-LD @type, share image file.
const PAGES: &[(&str, &str, &str, &str)] = &[
    ("index.html", "website", "WebSite", "images/card.png"),
    ("page/2/index.html", "website", "CollectionPage", "images/card.png"),
    (
        "articles/blood-pressure/index.html",
        "article",
        "MedicalWebPage",
        "articles/blood-pressure/cuff.png",
    ),
    ("articles/statins/index.html", "article", "MedicalWebPage", "images/card.png"),
    ("tags/heart-health/index.html", "website", "CollectionPage", "images/card.png"),
    ("tags/index.html", "website", "CollectionPage", "images/card.png"),
    ("authors/ana/index.html", "profile", "ProfilePage", "images/card.png"),
    ("archive/index.html", "website", "CollectionPage", "images/card.png"),
    ("corrections/index.html", "website", "CollectionPage", "images/card.png"),
    ("about/index.html", "website", "WebPage", "images/card.png"),
    ("feeds/index.html", "website", "WebPage", "images/card.png"),
    ("404.html", "website", "WebPage", "images/card.png"),
];

fn url_of(file: &str) -> String {
    format!("{BASE}{}", file.strip_suffix("index.html").unwrap_or(file))
}

fn one_ld(doc: &Html) -> Value {
    let mut all = json_ld(doc);
    assert_eq!(all.len(), 1, "one JSON-LD document per page");
    all.remove(0)
}

#[test]
fn every_page_type_has_every_share_field() {
    let site = TestSite::new();
    site.build();
    for &(file, og_type, ld_type, image) in PAGES {
        let doc = site.html(file);
        let url = url_of(file);
        let description = meta1(&doc, "description");
        assert!(!description.trim().is_empty(), "{file}: description");
        assert_eq!(attr(&doc, "link[rel=\"canonical\"]", "href").as_deref(), Some(&*url), "{file}");
        assert_eq!(meta1(&doc, "og:url"), url, "{file}");
        assert_eq!(meta1(&doc, "og:type"), og_type, "{file}");
        assert_eq!(meta1(&doc, "og:site_name"), "Clinic Notes", "{file}");
        assert_eq!(meta1(&doc, "og:locale"), "en_GB", "{file}");
        assert_eq!(meta1(&doc, "og:description"), description, "{file}");
        let title = meta1(&doc, "og:title");
        assert!(!title.is_empty(), "{file}: og:title");
        assert_eq!(meta1(&doc, "twitter:title"), title, "{file}");
        assert_eq!(meta1(&doc, "twitter:description"), description, "{file}");

        // The share image: absolute, a file of the output, with its real size and alt text.
        let img = meta1(&doc, "og:image");
        assert_eq!(img, format!("{BASE}{image}"), "{file}");
        assert!(site.exists(image), "{file}: {image} is not in the output");
        let size = imagesize::size(site.out().join(image)).unwrap();
        assert_eq!(meta1(&doc, "og:image:width"), size.width.to_string(), "{file}");
        assert_eq!(meta1(&doc, "og:image:height"), size.height.to_string(), "{file}");
        assert_eq!(meta1(&doc, "og:image:type"), "image/png", "{file}");
        let alt = meta1(&doc, "og:image:alt");
        assert!(!alt.is_empty(), "{file}: og:image:alt");
        assert_eq!(meta1(&doc, "twitter:card"), "summary_large_image", "{file}");
        assert_eq!(meta1(&doc, "twitter:image"), img, "{file}");
        assert_eq!(meta1(&doc, "twitter:image:alt"), alt, "{file}");

        let ld = one_ld(&doc);
        assert_eq!(ld["@context"], "https://schema.org", "{file}");
        assert_eq!(ld["@type"], ld_type, "{file}");
        assert_eq!(ld["url"], url.as_str(), "{file}");
        assert_eq!(ld["inLanguage"], "en-GB", "{file}");

        let times = ["article:published_time", "article:modified_time", "article:author"];
        if og_type == "article" {
            for key in times {
                assert!(!meta(&doc, key).is_empty(), "{file}: {key}");
            }
            assert!(!meta(&doc, "article:tag").is_empty(), "{file}: article:tag");
        } else {
            for key in times {
                assert!(meta(&doc, key).is_empty(), "{file}: {key} on a page that is no article");
            }
        }
    }
    // The article's own image wins, with its alt text.
    let bp = site.html("articles/blood-pressure/index.html");
    assert_eq!(meta1(&bp, "og:image:alt"), "A grey blood pressure cuff");
    assert_eq!(meta1(&bp, "og:image:width"), "800");
    assert_eq!(
        meta(&bp, "article:tag"),
        ["heart health", "blood pressure"],
        "article:tag from the tags"
    );
    assert_eq!(meta(&bp, "article:author"), ["https://clinic.example/authors/ana/"]);
    let statins = site.html("articles/statins/index.html");
    assert_eq!(meta1(&statins, "og:image:alt"), "The words Clinic Notes on a blue card");
    assert_eq!(
        meta(&statins, "article:author"),
        ["https://clinic.example/authors/ana/", "https://clinic.example/authors/ben/"]
    );
}

/// "October 6, 2025" -> "2025-10-06".
fn iso_of_display(text: &str) -> String {
    use rounds::dates::MONTHS;
    let (month, rest) = text.trim().split_once(' ').unwrap();
    let (day, year) = rest.split_once(", ").unwrap();
    let m = MONTHS.iter().position(|x| *x == month).unwrap() + 1;
    format!("{year}-{m:02}-{:02}", day.parse::<u32>().unwrap())
}

/// `(datetime, visible text as ISO)` of the first `<time>` under `selector`.
fn time(doc: &Html, selector: &str) -> (String, String) {
    let t = doc.select(&sel(selector)).next().unwrap_or_else(|| panic!("no {selector}"));
    let text: String = t.text().collect();
    (t.value().attr("datetime").unwrap().to_string(), iso_of_display(&text))
}

#[test]
fn dates_are_the_same_instants_everywhere() {
    let site = TestSite::new();
    site.build();
    let doc = site.html("articles/blood-pressure/index.html");
    let ld = one_ld(&doc);

    let (published, shown) = time(&doc, ".dates > time");
    assert_eq!((published.as_str(), shown.as_str()), ("2025-09-10", "2025-09-10"));
    let (updated, shown) = time(&doc, ".dates .updated time");
    assert_eq!((updated.as_str(), shown.as_str()), ("2025-10-06", "2025-10-06"));
    let midnight = |day: &str| format!("{day}T00:00:00Z");
    assert_eq!(meta1(&doc, "article:published_time"), midnight(&published));
    assert_eq!(ld["datePublished"], midnight(&published));
    assert_eq!(meta1(&doc, "article:modified_time"), midnight(&updated));
    assert_eq!(ld["dateModified"], midnight(&updated));

    let (reviewed, shown) = time(&doc, "#review time");
    assert_eq!(reviewed, shown);
    assert_eq!(ld["lastReviewed"], reviewed.as_str());
    let (corrected, shown) = time(&doc, "#correction-2025-10-06 time");
    assert_eq!(corrected, shown);
    assert_eq!(ld["correction"][0]["datePublished"], midnight(&corrected));

    // The feed names the same instants.
    let atom = site.feed("atom.xml");
    let e = atom.entries.iter().find(|e| e.links[0].href == url_of("articles/blood-pressure/"));
    let e = e.unwrap();
    let published_feed = e.published.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let updated_feed = e.updated.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    assert_eq!(published_feed, Some(midnight(&published)));
    assert_eq!(updated_feed, Some(midnight(&updated)));

    // Never updated: modified is the publication day, and no "Updated" line is shown.
    let statins = site.html("articles/statins/index.html");
    assert!(statins.select(&sel(".dates .updated")).next().is_none());
    let (published, _) = time(&statins, ".dates > time");
    assert_eq!(meta1(&statins, "article:modified_time"), midnight(&published));
    assert_eq!(one_ld(&statins)["dateModified"], midnight(&published));

    // A listing shows the same days as the articles.
    let home = site.html("index.html");
    for card in home.select(&sel(".article-card")) {
        let href = card.select(&sel("h2 a")).next().unwrap().value().attr("href").unwrap();
        let t = card.select(&sel("time")).next().unwrap();
        let page = site.html(&format!("{}index.html", href.trim_start_matches('/')));
        assert_eq!(
            meta1(&page, "article:published_time"),
            midnight(t.value().attr("datetime").unwrap())
        );
    }

    // A page's visible "Updated" date is its JSON-LD dateModified.
    let about = site.html("about/index.html");
    let (updated, shown) = time(&about, "main .meta time");
    assert_eq!(updated, shown);
    assert_eq!(one_ld(&about)["dateModified"], midnight(&updated));
}

#[test]
fn json_ld_describes_articles_people_and_the_site() {
    let site = TestSite::new();
    site.build();
    let bp = one_ld(&site.html("articles/blood-pressure/index.html"));
    assert_eq!(bp["headline"], "Understanding your blood pressure numbers");
    assert_eq!(bp["description"], "What the two numbers mean and how to measure at home.");
    assert_eq!(bp["mainEntityOfPage"]["@id"], url_of("articles/blood-pressure/"));
    assert_eq!(bp["image"]["url"], format!("{BASE}articles/blood-pressure/cuff.png"));
    assert_eq!(bp["image"]["width"], 800);
    let author = &bp["author"][0];
    assert_eq!(author["@type"], "Person");
    assert_eq!(author["name"], "Ana Ortiz");
    assert_eq!(author["honorificSuffix"], "MD, MPH");
    assert_eq!(author["url"], format!("{BASE}authors/ana/"));
    assert_eq!(bp["reviewedBy"]["name"], "Ben Cole");
    assert_eq!(bp["reviewedBy"]["honorificSuffix"], "RN");
    assert_eq!(bp["reviewedBy"]["url"], format!("{BASE}authors/ben/"));
    assert_eq!(bp["publisher"]["@type"], "Organization");
    assert_eq!(bp["publisher"]["name"], "Harbour Street Clinic");
    assert_eq!(bp["publisher"]["url"], BASE);
    let correction = &bp["correction"][0];
    assert_eq!(correction["@type"], "CorrectionComment");
    assert!(correction["text"].as_str().unwrap().contains("130/80 mm Hg"));
    assert!(bp.get("citation").is_none(), "no cited sources yet, so no citation");

    let statins = one_ld(&site.html("articles/statins/index.html"));
    let names: Vec<&str> =
        statins["author"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ana Ortiz", "Ben Cole"]);
    assert!(statins.get("reviewedBy").is_none() && statins.get("correction").is_none());

    let home = one_ld(&site.html("index.html"));
    assert_eq!(home["name"], "Clinic Notes");
    assert_eq!(home["publisher"]["name"], "Harbour Street Clinic");

    let ana = one_ld(&site.html("authors/ana/index.html"));
    let person = &ana["mainEntity"];
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Ana Ortiz");
    assert_eq!(person["honorificSuffix"], "MD, MPH");
    assert_eq!(person["jobTitle"], "Family physician");
    assert_eq!(person["email"], "ana@clinic.example");
    let ben = one_ld(&site.html("authors/ben/index.html"));
    assert!(ben["mainEntity"].get("email").is_none(), "no public e-mail, none shown");
}

#[test]
fn a_title_with_a_script_tag_cannot_leave_the_json_ld() {
    let site = TestSite::new();
    let title = r#"Is "</script><script>alert(1)</script>" safe? <!-- & -->"#;
    site.edit("articles/sleep.md", |t| {
        t.replace("title: \"How much sleep is enough?\"", &format!("title: '{title}'"))
    });
    site.build();
    let raw = site.read("articles/sleep/index.html");
    assert_eq!(raw.matches("<script").count(), 1, "only the JSON-LD script, nothing injected");
    let open = "<script type=\"application/ld+json\">";
    let start = raw.find(open).unwrap() + open.len();
    let end = start + raw[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&raw[start..end]).expect("the whole JSON-LD is inside");
    assert_eq!(ld["headline"], title);
    assert!(!raw[start..end].contains('<'));

    let doc = site.html("articles/sleep/index.html");
    assert_eq!(one_ld(&doc)["headline"], title);
    assert_eq!(meta1(&doc, "og:title"), title);
    let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(h1, title);
    // Feeds escape it too.
    let atom = site.feed("atom.xml");
    assert!(atom.entries.iter().any(|e| e.title.as_ref().unwrap().content == title));
}

#[test]
fn share_links_are_plain_links_and_nothing_loads_from_elsewhere() {
    let site = TestSite::new();
    site.build();
    let doc = site.html("articles/blood-pressure/index.html");
    let links: Vec<(String, String)> = doc
        .select(&sel("#share a"))
        .map(|a| (a.text().collect(), a.value().attr("href").unwrap().to_string()))
        .collect();
    let u = "https%3A%2F%2Fclinic.example%2Farticles%2Fblood-pressure%2F";
    let names: Vec<&str> = links.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Facebook", "LinkedIn", "X", "Mastodon", "E-mail"]);
    assert_eq!(links[0].1, format!("https://www.facebook.com/sharer/sharer.php?u={u}"));
    assert_eq!(links[1].1, format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"));
    assert!(links[2].1.starts_with("https://x.com/intent/tweet?text=Understanding%20your"));
    assert!(links[2].1.ends_with(&format!("&url={u}")));
    assert!(links[3].1.starts_with("https://social.example/share?text=Understanding%20your"));
    assert!(links[3].1.ends_with(u));
    assert!(links[4].1.starts_with("mailto:?subject=Understanding%20your"));
    assert!(links[4].1.contains(u));

    // No script, stylesheet, image or frame comes from another site.
    for (selector, name) in
        [("script[src]", "src"), ("link[href]", "href"), ("img[src]", "src"), ("iframe", "src")]
    {
        for e in doc.select(&sel(selector)) {
            let v = e.value().attr(name).unwrap_or("");
            let rel = e.value().attr("rel").unwrap_or("");
            assert!(
                !v.starts_with("http") || v.starts_with(BASE) || rel == "canonical",
                "{selector} loads {v}"
            );
        }
    }
    assert!(doc.select(&sel("script:not([type=\"application/ld+json\"])")).next().is_none());
}

#[test]
fn a_missing_or_unusable_share_image_is_an_error_at_its_line() {
    let site = TestSite::new();
    site.edit("articles/statins.md", |t| t.replacen("---\n", "---\nimage: missing.png\n", 1));
    site.edit("articles/sleep.md", |t| t.replacen("---\n", "---\nimage: /images/card.svg\n", 1));
    site.edit("site.yaml", |t| t.replace("image: /images/card.png", "image: /images/nope.png"));
    let report = site.try_build();
    assert!(report.failed());
    let mut found: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "share.image")
        .map(|d| d.location())
        .collect();
    found.sort();
    let content = site.content();
    let mut expected = vec![
        format!("{}:2:8", content.join("articles/sleep.md").display()),
        format!("{}:2:8", content.join("articles/statins.md").display()),
        format!("{}:11:8", content.join("site.yaml").display()),
    ];
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn the_sitemap_lists_the_feeds_page_and_no_redirect() {
    let site = TestSite::new();
    site.edit("articles/statins.md", |t| t.replacen("---\n", "---\naliases: [/old-statins/]\n", 1));
    site.build();
    assert!(site.exists("old-statins/index.html"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://clinic.example/feeds/</loc>"));
    assert!(!sitemap.contains("old-statins"));
    assert!(!sitemap.contains("404"));
    let redirect = Html::parse_document(&site.read("old-statins/index.html"));
    assert_eq!(meta1(&redirect, "robots"), "noindex");
}
