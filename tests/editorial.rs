//! Corrections, medical review and authorship: what patients see, and the rules that keep
//! the dates honest.

mod common;

use common::*;
use rounds::diag::Severity;

fn with_article(front: &str, body: &str) -> SiteTest {
    let t = SiteTest::new();
    t.article("a", front, body);
    t
}

/// (code, "line:col") of findings in articles/a.md.
fn findings(r: &rounds::BuildReport, severity: Severity) -> Vec<(String, String)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| {
            (
                d.code.to_string(),
                d.location()
                    .rsplit_once("a.md:")
                    .map(|x| x.1.to_string())
                    .unwrap_or_else(|| d.location()),
            )
        })
        .collect()
}

/// The review findings only (these fixtures cite nothing, which is a separate warning).
fn review_findings(r: &rounds::BuildReport, severity: Severity) -> Vec<(String, String)> {
    findings(r, severity).into_iter().filter(|(code, _)| code.starts_with("review.")).collect()
}

#[test]
fn corrections_are_dated_labelled_anchored_and_logged() {
    let t = with_article(
        "title: \"A\"\ndate: 2026-01-10\nreviewed_by: asmith\nreviewed_on: 2026-01-12\ncorrections:\n  - date: 2026-02-01\n    text: \"First fix.\"\n  - date: 2026-02-01\n    text: \"Second fix, same day.\"",
        "Body.\n\n> [!CORRECTION] 2026-03-05\n> The dose is **5 mg**.\n",
    );
    t.build_ok();
    let doc = t.html("articles/a/index.html");
    // The box at the top lists all three, oldest first; the note in the body keeps its own
    // anchor where it stands, and the box links to it.
    let ids: Vec<_> =
        select(&doc, "#corrections li").iter().map(|li| li.value().attr("id")).collect();
    assert_eq!(ids, [Some("correction-2026-02-01"), Some("correction-2026-02-01-2"), None]);
    assert!(text(&doc, "#correction-2026-02-01").starts_with("Correction February 1, 2026"));
    assert!(
        text(&doc, "#corrections li:last-child")
            .starts_with("Correction March 5, 2026 The dose is 5 mg.")
    );
    assert_eq!(
        attr(&doc, "#corrections li:last-child a", "href").as_deref(),
        Some("#correction-2026-03-05-note")
    );
    let inline = select(&doc, "aside.correction#correction-2026-03-05-note");
    assert_eq!(inline.len(), 1);
    assert!(text(&doc, "aside.correction").contains("Correction March 5, 2026 The dose is 5 mg."));
    // The newest correction is the updated date, visible and machine-readable alike.
    assert_eq!(attr(&doc, ".updated time", "datetime").as_deref(), Some("2026-03-05"));
    assert_eq!(text(&doc, ".updated time"), "March 5, 2026");
    // The log lists all three, newest first, each linking to its anchor.
    let log = t.html("corrections/index.html");
    let links: Vec<_> = select(&log, ".corrections-log a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        [
            "/articles/a/#correction-2026-03-05-note",
            "/articles/a/#correction-2026-02-01-2",
            "/articles/a/#correction-2026-02-01"
        ]
    );
    assert!(t.read("sitemap.xml").contains("https://test.example/corrections/"));
    let json: serde_json::Value = serde_json::from_str(&t.read("corrections.json")).unwrap();
    assert_eq!(json["corrections"].as_array().unwrap().len(), 3);
    assert_eq!(json["corrections"][0]["text"], "The dose is 5 mg.");
}

/// (anchor on the article, id in the corrections feed) of the correction whose text
/// contains `words`.
fn published_as(t: &SiteTest, words: &str) -> (String, String) {
    let doc = t.html("articles/a/index.html");
    let anchor = select(&doc, "[id^=\"correction-\"]")
        .into_iter()
        .find(|e| e.text().collect::<String>().contains(words))
        .and_then(|e| e.value().attr("id").map(str::to_string))
        .unwrap_or_else(|| panic!("no anchored correction says {words:?}"));
    let feed = feed_rs::parser::parse(t.read("corrections/atom.xml").as_bytes()).unwrap();
    let entry = feed
        .entries
        .iter()
        .find(|e| e.content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or("").contains(words))
        .unwrap_or_else(|| panic!("no feed entry says {words:?}"));
    assert!(entry.links[0].href.ends_with(&format!("#{anchor}")), "{}", entry.links[0].href);
    (anchor, entry.id.clone())
}

#[test]
fn a_published_correction_keeps_its_anchor_and_feed_id_when_others_are_added() {
    let front = "title: \"A\"\ndate: 2026-09-01\nreviewed_by: asmith\nreviewed_on: 2026-09-02\ncorrections:\n  - date: 2026-10-02\n    text: \"The front-matter fix.\"";
    let t = with_article(front, "Body.\n");
    t.build_ok();
    let front_fix = published_as(&t, "The front-matter fix.");
    assert_eq!(front_fix.0, "correction-2026-10-02");

    // A note in the body, the same day: the old anchor and id stay with the old correction.
    t.article("a", front, "Body.\n\n> [!CORRECTION] 2026-10-02\n> The note in the text.\n");
    t.build_ok();
    assert_eq!(published_as(&t, "The front-matter fix."), front_fix);
    let note = published_as(&t, "The note in the text.");
    assert_eq!(note.0, "correction-2026-10-02-note");
    assert_ne!(note.1, front_fix.1);
    // The top box lists both, as /corrections/ does.
    let doc = t.html("articles/a/index.html");
    let boxed = text(&doc, "#corrections");
    assert!(boxed.contains("The front-matter fix.") && boxed.contains("The note in the text."));
    assert_eq!(select(&t.html("corrections/index.html"), ".corrections-log li").len(), 2);

    // A second front-matter correction that day takes a new anchor; neither old one moves.
    let front2 = format!("{front}\n  - date: 2026-10-02\n    text: \"A second front-matter fix.\"");
    t.article("a", &front2, "Body.\n\n> [!CORRECTION] 2026-10-02\n> The note in the text.\n");
    t.build_ok();
    assert_eq!(published_as(&t, "The front-matter fix."), front_fix);
    assert_eq!(published_as(&t, "The note in the text."), note);
    assert_eq!(published_as(&t, "A second front-matter fix.").0, "correction-2026-10-02-2");
}

#[test]
fn date_rules_are_errors_at_their_lines() {
    let t = with_article(
        "title: \"A\"\ndate: 2026-01-10\nupdated: 2026-01-05\nreviewed_by: asmith\nreviewed_on: 2026-01-11\ncorrections:\n  - date: 2026-02-01\n    text: \"Fix.\"",
        "x",
    );
    let r = t.build();
    assert_eq!(
        findings(&r, Severity::Error),
        [
            ("dates.updated_before_correction".into(), "4:10".into()),
            ("dates.updated_before_date".into(), "4:10".into())
        ]
    );
    let t = with_article(
        "title: \"A\"\ndate: 2026-01-10\nreviewed_by: asmith\nreviewed_on: 2026-12-01\ncorrections:\n  - date: 2027-01-01\n    text: \"From the future.\"",
        "> [!CORRECTION]\n> No date.\n",
    );
    let r = t.build();
    let errors = findings(&r, Severity::Error);
    assert!(errors.contains(&("correction.inline_date".into(), "10:3".into())), "{errors:?}");
    assert!(errors.contains(&("dates.future".into(), "7:3".into())), "{errors:?}");
    assert!(errors.contains(&("dates.future".into(), "5:14".into())), "{errors:?}");
    assert!(!t.out().exists());
}

#[test]
fn now_comes_from_the_flag_or_source_date_epoch() {
    let t = with_article(
        "title: \"A\"\ndate: 2026-01-10\nreviewed_by: asmith\nreviewed_on: 2026-01-11",
        "x",
    );
    // As of 2026-01-09 the article is in the future: left out, no error.
    let (code, _, _) = t.run(&["build", "--now", "2026-01-09"]);
    assert_eq!(code, 0);
    assert!(!t.exists("articles/a/index.html"));
    let (code, _, stderr) = t.run(&["build", "--now", "2026-01-12"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(t.exists("articles/a/index.html"));
}

#[test]
fn review_byline_due_date_and_warnings() {
    let t = with_article(
        "title: \"A\"\ndate: 2025-01-10\nreviewed_by: asmith\nreviewed_on: 2025-02-01",
        "x",
    );
    let r = t.build_ok();
    let doc = t.html("articles/a/index.html");
    assert_eq!(
        text(&doc, "#review"),
        "Medically reviewed by Ann Smith, PharmD on February 1, 2025. Next review due February 1, 2026."
    );
    assert_eq!(
        review_findings(&r, Severity::Warning),
        [("review.overdue".to_string(), "5:14".to_string())]
    );

    // Self-review is allowed and shown as such.
    let t = with_article(
        "title: \"A\"\ndate: 2026-10-01\nauthor: jdoe\nreviewed_by: jdoe\nreviewed_on: 2026-10-02",
        "x",
    );
    t.build_ok();
    assert!(
        text(&t.html("articles/a/index.html"), "#review")
            .contains("Jane Doe, MD (one of the authors) on October 2, 2026")
    );

    // No review: a warning, or an error when the site requires review.
    let t = with_article("title: \"A\"\ndate: 2026-10-01", "x");
    let r = t.build_ok();
    assert_eq!(
        review_findings(&r, Severity::Warning),
        [("review.missing".to_string(), "1:1".to_string())]
    );
    t.write("content/site.yaml", &format!("{SITE_YAML}review_required: true\n"));
    let r = t.build();
    assert_eq!(
        review_findings(&r, Severity::Error),
        [("review.missing".to_string(), "1:1".to_string())]
    );

    // The review comes after publication, and the reviewer must exist.
    let t = with_article(
        "title: \"A\"\ndate: 2026-10-01\nreviewed_by: asmth\nreviewed_on: 2026-09-01",
        "x",
    );
    let r = t.build();
    let errors = review_findings(&r, Severity::Error);
    assert!(errors.contains(&("review.unknown_reviewer".into(), "4:14".into())), "{errors:?}");
}

#[test]
fn authors_need_credentials_and_disclosures() {
    let t = with_article("title: \"A\"\ndate: 2026-10-01", "x");
    t.write(
        "content/authors.yaml",
        "jdoe:\n  name: \"Jane Doe\"\n  credentials: [MD]\n  disclosures: [\"Consults for a device maker\"]\nasmith:\n  name: \"Ann Smith\"\n",
    );
    let r = t.build();
    let errs: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.as_ref(), d.location()))
        .collect();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs.iter().all(|(_, loc)| loc.ends_with("authors.yaml:5:1")), "{errs:?}");
    assert!(errs.iter().any(|(c, _)| *c == "author.no_credentials"));
    assert!(errs.iter().any(|(c, _)| *c == "author.no_disclosures"));
}

#[test]
fn author_page_shows_role_bio_disclosures_and_articles() {
    let t = with_article("title: \"A\"\ndate: 2026-10-01", "x");
    t.write(
        "content/authors.yaml",
        "jdoe:\n  name: \"Jane Doe\"\n  credentials: [MD, FAAFP]\n  role: \"Family physician\"\n  bio: \"Writes about *prevention*.\"\n  disclosures: [\"Unpaid board member, Heart Charity\"]\n  email: jane@test.example\n  links:\n    - title: \"Clinic profile\"\n      url: \"https://test.example/jane\"\nasmith:\n  name: \"Ann Smith\"\n  credentials: [PharmD]\n  disclosures: [\"None\"]\n",
    );
    t.build_ok();
    let doc = t.html("authors/jdoe/index.html");
    assert_eq!(text(&doc, "h1"), "Jane Doe, MD, FAAFP");
    assert_eq!(text(&doc, ".lead"), "Family physician");
    assert_eq!(select(&doc, ".bio em").len(), 1);
    assert_eq!(text(&doc, "#disclosures + ul"), "Unpaid board member, Heart Charity");
    assert_eq!(
        attr(&doc, "a[href='https://test.example/jane']", "href").as_deref(),
        Some("https://test.example/jane")
    );
    assert_eq!(
        attr(&doc, "section[aria-labelledby=written] a", "href").as_deref(),
        Some("/articles/a/")
    );
    assert_eq!(text(&t.html("authors/asmith/index.html"), "#disclosures + ul"), "None");
}

#[test]
fn required_pages_placeholders_labels_and_cite_this() {
    let t = with_article(
        "title: \"Is it a cold?\"\ndate: 2026-10-01\nupdated: 2026-10-20\nopinion: true\nsponsored: \"Heart Charity\"\nfunding: \"A public grant\"",
        "x",
    );
    t.remove("content/pages/contact.md");
    t.write("content/pages/about.md", "---\ntitle: \"About\"\n---\n[Replace this: who you are]\n");
    let r = t.build();
    let errs: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.as_ref(), d.message.clone()))
        .collect();
    assert_eq!(
        errs,
        [
            (
                "site.placeholder",
                "this is still placeholder text from `rounds new` or `rounds init`".to_string()
            ),
            (
                "site.missing_page",
                "the site has no `contact` page: it needs a contact page".to_string()
            )
        ]
    );
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "site.placeholder" && d.location().ends_with("about.md:4:1")),
        "{}",
        errors(&r)
    );

    t.write("content/pages/contact.md", "---\ntitle: \"Contact\"\n---\nCall us.\n");
    t.write("content/pages/about.md", "---\ntitle: \"About\"\n---\nWe are a clinic.\n");
    t.build_ok();
    let doc = t.html("articles/a/index.html");
    let labels: Vec<_> =
        select(&doc, ".labels .label").iter().map(|l| l.text().collect::<String>()).collect();
    assert_eq!(labels, ["Opinion", "Sponsored by Heart Charity", "Funded by A public grant"]);
    assert_eq!(
        text(&doc, "#cite-this p"),
        "Doe J. Is it a cold? Test Clinic. Published October 1, 2026. Updated October 20, 2026. Accessed [date]. https://test.example/articles/a/"
    );
}

#[test]
fn a_vanished_correction_is_reported() {
    let t = with_article(
        "title: \"A\"\ndate: 2026-01-10\nreviewed_by: asmith\nreviewed_on: 2026-11-01\ncorrections:\n  - date: 2026-02-01\n    text: \"Fix.\"",
        "x",
    );
    t.build_ok();
    t.article(
        "a",
        "title: \"A\"\ndate: 2026-01-10\nreviewed_by: asmith\nreviewed_on: 2026-11-01",
        "x",
    );
    let r = t.build_ok();
    let w: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "correction.vanished").collect();
    assert_eq!(w.len(), 1);
    assert!(w[0].help.as_deref().unwrap().contains("Fix."));

    // Two same-day corrections swapped in the front matter would swap their anchors.
    let front = "title: \"A\"\ndate: 2026-01-10\nreviewed_by: asmith\nreviewed_on: 2026-11-01\ncorrections:";
    let one = "\n  - date: 2026-02-01\n    text: \"One.\"";
    let two = "\n  - date: 2026-02-01\n    text: \"Two.\"";
    t.article("a", &format!("{front}{one}{two}"), "x");
    t.build_ok();
    t.article("a", &format!("{front}{two}{one}"), "x");
    let r = t.build_ok();
    let moved: Vec<_> =
        r.diagnostics.iter().filter(|d| d.code == "correction.anchor_moved").collect();
    assert_eq!(moved.len(), 2, "{}", errors(&r));
    assert!(moved[0].message.contains("#correction-2026-02-01"), "{}", moved[0].message);
}

#[test]
fn a_health_alert_shows_on_every_page_until_its_date() {
    let t = with_article(
        "title: \"A\"\ndate: 2026-10-01\nreviewed_by: asmith\nreviewed_on: 2026-10-02",
        "Text.",
    );
    t.write(
        "content/site.yaml",
        &format!("{SITE_YAML}alert:\n  text: \"Measles cases in the county: check your vaccines.\"\n  link: \"https://test.example/measles/\"\n  until: 2026-12-31\n"),
    );
    t.build_ok();
    for page in ["index.html", "articles/a/index.html", "about/index.html", "tags/index.html"] {
        let doc = t.html(page);
        assert!(text(&doc, ".site-alert").contains("Measles cases in the county"), "{page}");
        assert_eq!(
            attr(&doc, ".site-alert a", "href").as_deref(),
            Some("https://test.example/measles/")
        );
    }
    // After its last day (the build's "today" is 2026-11-26 in these tests) it is gone.
    t.write(
        "content/site.yaml",
        &format!("{SITE_YAML}alert:\n  text: \"Old news.\"\n  until: 2026-11-25\n"),
    );
    t.build_ok();
    assert!(select(&t.html("index.html"), ".site-alert").is_empty());
}
