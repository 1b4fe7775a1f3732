//! Safe on any input (issue 13): numbers, columns and sizes that used to panic the binary or
//! run for minutes now get a located error and a bounded report. Sizes here are small enough
//! to keep the suite quick; benches/pathological.sh runs the issue's sizes and times them.

mod common;

use common::*;

/// Runs `rounds <cmd>` and asserts it ended with a content error (exit 1), not a panic (101).
fn fails_cleanly(t: &SiteTest, cmd: &str) -> String {
    let (code, _, stderr) = t.run(&[cmd]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_huge_review_interval_is_a_located_error_not_a_panic() {
    let t = SiteTest::new();
    t.write("content/site.yaml", &format!("{SITE_YAML}review_interval: 239977\n"));
    t.article(
        "a",
        "title: \"A\"\ndate: 2026-01-01\nreviewed_by: asmith\nreviewed_on: 2026-01-02",
        "Text.\n",
    );
    let stderr = fails_cleanly(&t, "build");
    assert!(
        stderr.contains("`review_interval` must be between 1 and 120, but it is 239977"),
        "{stderr}"
    );
    assert!(stderr.contains("content/site.yaml:10:1"), "{stderr}");
    assert!(!t.out().exists());
}

#[test]
fn a_zero_or_huge_per_page_and_feed_size_are_located_errors() {
    let t = SiteTest::new();
    let site = SITE_YAML.replace("per_page: 2\n", "per_page: 100000\nfeeds:\n  items: 0\n");
    t.write("content/site.yaml", &site);
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "Text.\n");
    let r = t.build();
    let found: Vec<(String, String)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("config."))
        .map(|d| (d.code.to_string(), d.location().rsplit("content/").next().unwrap().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("config.per_page".to_string(), "site.yaml:7:1".to_string()),
            ("config.feed_items".to_string(), "site.yaml:9:3".to_string()),
        ]
    );
    assert!(r.failed());
}

#[test]
fn an_error_past_column_65535_shows_a_window_of_the_line() {
    let t = SiteTest::new();
    let body = format!("{}[@nobody2020] ends the line.\n", "Word ".repeat(14_000));
    t.article("long", "title: \"Long\"\ndate: 2026-01-01", &body);
    let stderr = fails_cleanly(&t, "build");
    // Line 5 (after the front matter), the column of the key after `[@`.
    assert!(stderr.contains("articles/long.md:5:70003"), "{stderr}");
    assert!(stderr.contains("no reference has the key `nobody2020`"), "{stderr}");
    assert!(stderr.contains("Word Word [@nobody2020] ends the line."), "{stderr}");
    assert!(stderr.contains(" │ …"), "{stderr}");
    // A window, not the 70,000-character line.
    assert!(stderr.len() < 4_000, "{} bytes", stderr.len());
}

#[test]
fn a_bad_field_in_minified_json_is_located_without_a_panic() {
    let t = SiteTest::new();
    let mut items: Vec<String> = (0..800)
        .map(|i| format!(r#"{{"id":"item{i}","type":"book","title":"Book number {i}"}}"#))
        .collect();
    items.push(r#"{"id":"bad","type":"book","title":"Bad","DOI":"not a doi"}"#.into());
    t.write("content/references.json", &format!("[{}]", items.join(",")));
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "See [@item1].\n");
    let stderr = fails_cleanly(&t, "build");
    assert!(stderr.contains("the DOI of `bad` is not a valid DOI"), "{stderr}");
    assert!(stderr.contains("content/references.json:1:"), "{stderr}");
    assert!(stderr.len() < 4_000, "{} bytes", stderr.len());
}

#[test]
fn thousands_of_unknown_citations_print_a_bounded_report() {
    let t = SiteTest::new();
    let body: Vec<String> = (0..2_000).map(|i| format!("[@nobody{i}]")).collect();
    t.article("many", "title: \"Many\"\ndate: 2026-01-01", &format!("{}\n", body.join(" ")));
    let stderr = fails_cleanly(&t, "build");
    let shown = stderr.matches("no reference has the key").count();
    assert_eq!(shown, rounds::diag::SHOWN_PER_FILE, "{stderr}");
    assert!(stderr.contains("and 1950 more finding(s) in"), "{stderr}");
    assert!(stderr.contains("build failed: 2000 error(s)"), "{stderr}");
    assert!(stderr.len() < 60_000, "{} bytes", stderr.len());
}

#[test]
fn control_characters_from_files_are_escaped_in_the_report() {
    let t = SiteTest::new();
    t.article("esc", "title: \"Esc\"\ndate: 2026-01-01", "Red \x1b[31m text [@no\x07body].\n");
    let stderr = fails_cleanly(&t, "build");
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(!stderr.contains('\x07'), "{stderr:?}");
    assert!(stderr.contains("\\u{1b}[31m"), "{stderr}");
}

#[test]
fn absurd_front_matter_is_a_located_error() {
    let t = SiteTest::new();
    let tags: Vec<String> = (0..500).map(|i| format!("topic {i}")).collect();
    t.article(
        "tags",
        &format!("title: \"Tags\"\ndate: 2026-01-01\ntags: [{}]", tags.join(", ")),
        "Text.\n",
    );
    t.article("title", &format!("title: \"{}\"\ndate: 2026-01-01", "Long ".repeat(20_000)), "x\n");
    let r = t.build();
    let found: Vec<(String, String)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "front_matter.too_long")
        .map(|d| (d.location().rsplit("content/").next().unwrap().to_string(), d.message.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "articles/tags.md:4:7".to_string(),
                "this article has 500 tags; at most 50 are allowed".to_string()
            ),
            (
                "articles/title.md:2:8".to_string(),
                "the title is longer than 300 characters".to_string()
            ),
        ]
    );
    assert!(!t.out().exists());
}

#[test]
fn thousands_of_headings_named_alike_get_distinct_ids() {
    let t = SiteTest::new();
    t.article("h", "title: \"H\"\ndate: 2026-01-01", &"## Risks\n\nText.\n\n".repeat(2_000));
    t.build_ok();
    let doc = t.html("articles/h/index.html");
    let ids: Vec<String> = select(&doc, "article h2[id]")
        .iter()
        .map(|h| h.value().attr("id").unwrap().to_string())
        .filter(|id| id.starts_with("risks"))
        .collect();
    assert_eq!(ids.len(), 2_000);
    assert_eq!(ids[0], "risks");
    assert_eq!(ids[1999], "risks-1999");
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), 2_000);
}

#[test]
fn unclosed_citation_brackets_are_text() {
    let t = SiteTest::new();
    t.article(
        "b",
        "title: \"B\"\ndate: 2026-01-01\nreferences:\n  - id: known\n    type: book\n    title: \"Known\"",
        &format!("{} and [@known].\n", "[@".repeat(5_000)),
    );
    t.build_ok();
    let doc = t.html("articles/b/index.html");
    let p = text(&doc, "article p");
    assert!(p.starts_with("[@[@[@"), "{}", &p[..40]);
    // The one closed group still cites.
    assert_eq!(select(&doc, "article p sup").len(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn a_build_removes_the_half_staged_folder_a_killed_build_left() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "Text.\n");
    t.build_ok();
    // A build killed while staging: its folder has pages but no manifest yet, and its process
    // is gone (pid 0x7ffffffe is above Linux's largest).
    let partial = t.root().join(".public.new-2147483646");
    std::fs::create_dir_all(partial.join("articles/a")).unwrap();
    std::fs::write(partial.join("articles/a/index.html"), "half").unwrap();
    // A folder of the user's that only looks alike is not touched.
    let other = t.root().join(".public.notes");
    std::fs::create_dir_all(&other).unwrap();
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "Changed text.\n");
    t.build_ok();
    assert!(!partial.exists(), "the killed build's staging folder is removed");
    assert!(other.exists());
    assert!(t.read("articles/a/index.html").contains("Changed text."));
    let left: Vec<String> = std::fs::read_dir(t.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.new") || n.starts_with(".public.old"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_base_url_that_does_not_parse_is_a_usage_error() {
    let t = SiteTest::new();
    t.article("a", "title: \"A\"\ndate: 2026-01-01", "Text.\n");
    let (code, _, stderr) = t.run(&["build", "--base-url", "http://[::1"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--base-url \"http://[::1\" is not a valid web address"), "{stderr}");
    assert!(!t.out().exists());
}
