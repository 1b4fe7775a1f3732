//! Watch mode's incremental rebuilds give exactly what a fresh build gives: after each edit in
//! a series, the watched output tree is byte-identical to a clean build of the same source.

mod common;

use common::*;
use rounds::session::Session;

const REFS: &str = "- id: smith2020\n  type: article-journal\n  title: \"A trial of walking\"\n  author: [{family: Smith, given: Ann}]\n  container-title: \"Journal of Walking\"\n  container-title-short: \"J Walk\"\n  issued: {date-parts: [[2020]]}\n  volume: \"3\"\n  page: \"1-9\"\n- id: jones2019\n  type: article-journal\n  title: \"Sleep and the heart\"\n  author: [{family: Jones, given: Bo}]\n  container-title: \"Heart Journal\"\n  container-title-short: \"Heart J\"\n  issued: {date-parts: [[2019]]}\n  volume: \"7\"\n  page: \"10-20\"\n";

fn fixture() -> SiteTest {
    let t = SiteTest::new();
    t.write("content/references.yaml", REFS);
    for (slug, date, tags, cite) in [
        ("walking", "2026-01-10", "[exercise, heart health]", "smith2020"),
        ("sleep", "2026-02-10", "[sleep, heart health]", "jones2019"),
        ("diet", "2026-03-10", "[food]", "smith2020"),
        ("stress", "2026-04-10", "[stress]", "jones2019"),
    ] {
        t.article(
            slug,
            &format!("title: \"About {slug}\"\ndate: {date}\nreviewed_by: asmith\nreviewed_on: {date}\ntags: {tags}"),
            &format!("Why {slug} matters [@{cite}].\n\n## More\n\nDetails.\n"),
        );
    }
    // A copy of the theme, so the test can edit a template.
    copy_dir(&repo().join("themes/default"), &t.root().join("theme"));
    t
}

struct Watched {
    t: SiteTest,
    session: Session,
}

impl Watched {
    fn new() -> Self {
        let t = fixture();
        let mut opts = t.options();
        opts.theme = Some(t.root().join("theme"));
        let mut session = Session::load(&opts).unwrap();
        session.keep_hashes = true;
        let r = session.build().unwrap();
        assert!(!r.failed(), "{}", errors(&r));
        Watched { t, session }
    }

    /// Writes (or with `None` deletes) files, rebuilds incrementally, and compares with a fresh
    /// build into another folder.
    fn edit(&mut self, what: &str, changes: &[(&str, Option<&str>)]) {
        let mut paths = Vec::new();
        for (rel, text) in changes {
            let p = self.t.root().join(rel);
            match text {
                Some(text) => {
                    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                    std::fs::write(&p, text).unwrap();
                }
                None => std::fs::remove_file(&p).unwrap(),
            }
            paths.push(p);
        }
        let r = self.session.rebuild(&paths).unwrap();
        assert!(!r.report.failed(), "{what}: {}", errors(&r.report));
        let fresh_out = self.t.root().join("fresh");
        let _ = std::fs::remove_dir_all(&fresh_out);
        let mut opts = self.t.options();
        opts.theme = Some(self.t.root().join("theme"));
        opts.out = fresh_out.clone();
        let fresh = rounds::build(&opts).unwrap();
        assert!(!fresh.failed(), "{what}: {}", errors(&fresh));
        let (watched, clean) = (tree(&self.t.out()), tree(&fresh_out));
        let watched_paths: Vec<_> = watched.keys().collect();
        let clean_paths: Vec<_> = clean.keys().collect();
        assert_eq!(watched_paths, clean_paths, "{what}: different files");
        for (path, bytes) in &watched {
            assert!(bytes == &clean[path], "{what}: {path} differs from a fresh build");
        }
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.t.root().join(rel)).unwrap()
    }
}

#[test]
fn incremental_rebuilds_equal_fresh_builds() {
    let mut w = Watched::new();
    let walking = w.read("content/articles/walking.md");

    w.edit(
        "a new title",
        &[(
            "content/articles/walking.md",
            Some(&walking.replace("About walking", "Walking, plainly")),
        )],
    );
    assert!(w.t.read("page/2/index.html").contains("Walking, plainly"));
    assert!(w.t.read("tags/exercise/index.html").contains("Walking, plainly"));

    let walking = w.read("content/articles/walking.md");
    w.edit(
        "a tag added",
        &[(
            "content/articles/walking.md",
            Some(
                &walking.replace("[exercise, heart health]", "[exercise, heart health, outdoors]"),
            ),
        )],
    );
    assert!(w.t.exists("tags/outdoors/index.html"));

    let walking = w.read("content/articles/walking.md");
    w.edit(
        "a tag removed",
        &[("content/articles/walking.md", Some(&walking.replace(", outdoors]", "]")))],
    );
    assert!(!w.t.exists("tags/outdoors/index.html"), "a tag that vanished leaves no page");

    // The oldest article's spelling names a tag on every article that has it. When the oldest
    // one drops the tag, the next one's own spelling names it, though that one is not re-read.
    let sleep = w.read("content/articles/sleep.md");
    w.edit(
        "a tag spelled another way",
        &[("content/articles/sleep.md", Some(&sleep.replace("heart health]", "Heart Health]")))],
    );
    assert!(!w.t.read("articles/sleep/index.html").contains("Heart Health"));
    let walking = w.read("content/articles/walking.md");
    w.edit(
        "the tag's first article drops it",
        &[("content/articles/walking.md", Some(&walking.replace(", heart health]", "]")))],
    );
    assert!(w.t.read("articles/sleep/index.html").contains("Heart Health"));
    w.edit(
        "both as they were",
        &[
            ("content/articles/walking.md", Some(&walking)),
            ("content/articles/sleep.md", Some(&sleep)),
        ],
    );

    w.edit("an article deleted", &[("content/articles/stress.md", None)]);
    assert!(!w.t.exists("articles/stress/index.html"));
    assert!(!w.t.exists("tags/stress/index.html"));

    w.edit(
        "an article added",
        &[("content/articles/new.md", Some("---\ntitle: \"New one\"\ndate: 2026-05-01\nreviewed_by: asmith\nreviewed_on: 2026-05-02\ntags: [food]\n---\nFresh [@jones2019].\n"))],
    );
    assert!(w.t.read("tags/food/index.html").contains("New one"));

    w.edit(
        "references edited",
        &[(
            "content/references.yaml",
            Some(&REFS.replace("A trial of walking", "A randomized trial of walking")),
        )],
    );
    assert!(w.t.read("articles/walking/index.html").contains("A randomized trial of walking"));
    assert!(w.t.read("articles/diet/index.html").contains("A randomized trial of walking"));

    let base = w.read("theme/templates/base.html");
    w.edit(
        "a template edited",
        &[(
            "theme/templates/base.html",
            Some(&base.replace("Skip to main content", "Skip to the article")),
        )],
    );
    assert!(w.t.read("articles/sleep/index.html").contains("Skip to the article"));

    let sleep = w.read("content/articles/sleep.md");
    w.edit(
        "a correction added",
        &[(
            "content/articles/sleep.md",
            Some(&sleep.replace(
                "tags:",
                "corrections:\n  - date: 2026-06-01\n    text: \"We fixed a number.\"\ntags:",
            )),
        )],
    );
    assert!(w.t.read("corrections/index.html").contains("We fixed a number."));
    assert!(w.t.read("atom.xml").contains("2026-06-01"));

    w.edit(
        "authors edited",
        &[("content/authors.yaml", Some(&AUTHORS_YAML.replace("Jane Doe", "Jane Q. Doe")))],
    );
    assert!(w.t.read("articles/sleep/index.html").contains("Jane Q. Doe"));

    let diet = w.read("content/articles/diet.md");
    w.edit(
        "made a draft",
        &[("content/articles/diet.md", Some(&diet.replace("tags:", "draft: true\ntags:")))],
    );
    assert!(!w.t.exists("articles/diet/index.html"));

    w.edit("a static file", &[("content/static/files/leaflet.txt", Some("print me"))]);
    assert_eq!(w.t.read("files/leaflet.txt"), "print me");

    w.edit(
        "a page edited",
        &[("content/pages/about.md", Some("---\ntitle: \"About us\"\n---\nWe are a clinic.\n"))],
    );
    assert!(w.t.read("index.html").contains("About us"));

    let walking = w.read("content/articles/walking.md");
    w.edit(
        "an article renamed",
        &[
            ("content/articles/walking.md", None),
            ("content/articles/walking-more.md", Some(&walking)),
        ],
    );
    assert!(w.t.exists("articles/walking-more/index.html"));
    assert!(!w.t.exists("articles/walking/index.html"));

    w.edit(
        "site.yaml edited",
        &[("content/site.yaml", Some(&SITE_YAML.replace("per_page: 2", "per_page: 1")))],
    );
    assert!(w.t.exists("page/3/index.html"));
}

#[test]
fn a_broken_save_keeps_the_last_good_output_and_the_next_good_save_recovers() {
    let mut w = Watched::new();
    let before = tree(&w.t.out());
    let sleep = w.read("content/articles/sleep.md");
    let path = w.t.root().join("content/articles/sleep.md");
    std::fs::write(&path, sleep.replace("date:", "dat:")).unwrap();
    let r = w.session.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(r.report.failed());
    assert!(r.outputs.is_empty());
    assert_eq!(tree(&w.t.out()), before, "nothing written on error");
    w.edit("fixed again", &[("content/articles/sleep.md", Some(&sleep))]);
    // A save that changes nothing writes nothing.
    let r = w.session.rebuild(&[path]).unwrap();
    assert_eq!(r.report.write.written, 0);
    assert!(r.outputs.is_empty());
}

/// The privacy check's results are kept per article: a watch rebuild scans only the saved
/// article, a build reads the others' findings from the build cache, and a finding comes back
/// with them.
#[test]
fn unchanged_articles_are_not_scanned_for_privacy_again() {
    let t = fixture();
    t.article(
        "walking",
        "title: \"About walking\"\ndate: 2026-01-10\nreviewed_by: asmith\nreviewed_on: 2026-01-10",
        "My patient lives in Millbrook and walks [@smith2020].\n",
    );
    let pages = std::fs::read_dir(t.content().join("pages")).map_or(0, |d| d.count());
    let articles = 4;
    let build = |expect_scans: usize| {
        let mut session = Session::load(&t.options()).unwrap();
        let r = session.build().unwrap();
        assert!(!r.failed(), "{}", errors(&r));
        assert_eq!(session.privacy_scans(), expect_scans);
        let places: Vec<_> = codes(&r).into_iter().filter(|(c, _)| c == "privacy.place").collect();
        assert_eq!(places.len(), 1, "the finding is reported whether scanned or cached");
        session
    };
    build(articles + pages); // into an empty folder: no cache is written
    build(articles + pages); // writes the cache
    let mut session = build(pages); // every article's findings come from the cache

    session.keep_hashes = true;
    std::fs::write(
        t.content().join("articles/diet.md"),
        "---\ntitle: \"About diet\"\ndate: 2026-03-10\nreviewed_by: asmith\nreviewed_on: 2026-03-10\n---\nEat greens [@smith2020].\n",
    )
    .unwrap();
    let before = session.privacy_scans();
    let r = session.rebuild(&[t.content().join("articles/diet.md")]).unwrap();
    assert!(!r.report.failed(), "{}", errors(&r.report));
    assert_eq!(session.privacy_scans() - before, 1, "only the saved article is scanned");
}
