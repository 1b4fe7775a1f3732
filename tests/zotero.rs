//! Zotero with Better BibTeX keeps `references.bib` or `references.json` in the content folder
//! up to date by rewriting the whole file whenever the library changes. While `rounds watch`
//! runs, each rewrite must re-render exactly the articles whose references changed: not the
//! others (whose pages must not even be written again), and not none.
//!
//! The bodies re-rendered are counted through the build's progress hook; the pages written
//! are the rebuild's report. After the edits, the watched output equals a fresh build.

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use rounds::progress::{Hook, Progress, Stage};
use rounds::session::Session;

/// Better BibTeX's BibTeX export of two items (its layout: two-space indent, `--` ranges,
/// braces protecting capitals in titles).
const BIB: &str = r"@article{ettehad2016,
  title = {Blood pressure lowering for prevention of cardiovascular disease and death: a systematic review and meta-analysis},
  author = {Ettehad, Dena and Emdin, Connor A. and Kiran, Amit and Anderson, Simon G. and Callender, Thomas and Emberson, Jonathan and Chalmers, John and Rodgers, Anthony and Rahimi, Kazem},
  year = {2016},
  journal = {The Lancet},
  shortjournal = {Lancet},
  volume = {387},
  number = {10022},
  pages = {957--967},
  doi = {10.1016/S0140-6736(15)01225-8}
}

@article{knowler2002,
  title = {Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin},
  author = {Knowler, William C. and {Barrett-Connor}, Elizabeth and Fowler, Sarah E. and Hamman, Richard F. and Lachin, John M. and Walker, Elizabeth A. and Nathan, David M. and {Diabetes Prevention Program Research Group}},
  year = {2002},
  month = feb,
  journal = {The New England Journal of Medicine},
  shortjournal = {N Engl J Med},
  volume = {346},
  number = {6},
  pages = {393--403},
  doi = {10.1056/NEJMoa012512},
  pmid = {11832527}
}
";

/// Better CSL JSON's export of three items (citation keys as `id`).
const JSON: &str = r#"[
  {
    "id": "dpp2002",
    "type": "article-journal",
    "title": "The Diabetes Prevention Program (DPP): description of lifestyle intervention",
    "author": [{"literal": "Diabetes Prevention Program (DPP) Research Group"}],
    "container-title": "Diabetes Care",
    "container-title-short": "Diabetes Care",
    "issued": {"date-parts": [[2002, 12]]},
    "volume": "25",
    "issue": "12",
    "page": "2165-2171",
    "DOI": "10.2337/diacare.25.12.2165",
    "PMID": "12453955",
    "PMCID": "PMC1282458"
  },
  {
    "id": "ctt2022",
    "type": "article-journal",
    "title": "Effect of statin therapy on muscle symptoms: an individual participant data meta-analysis of large-scale, randomised, double-blind trials",
    "author": [{"literal": "Cholesterol Treatment Trialists' Collaboration"}],
    "container-title": "The Lancet",
    "container-title-short": "Lancet",
    "issued": {"date-parts": [[2022, 9, 10]]},
    "volume": "400",
    "issue": "10355",
    "page": "832-845",
    "DOI": "10.1016/S0140-6736(22)01545-8",
    "PMID": "36049498"
  },
  {
    "id": "herrett2021",
    "type": "article-journal",
    "title": "Statin treatment and muscle symptoms: series of randomised, placebo controlled n-of-1 trials",
    "author": [{"family": "Herrett", "given": "Emily"}, {"family": "Williamson", "given": "Elizabeth"}, {"family": "Brack", "given": "Kieran"}],
    "container-title": "BMJ",
    "container-title-short": "BMJ",
    "issued": {"date-parts": [[2021, 2, 24]]},
    "volume": "372",
    "page": "n135",
    "DOI": "10.1136/bmj.n135",
    "PMID": "33627334"
  }
]
"#;

/// (slug, the keys it cites).
const ARTICLES: &[(&str, &[&str])] = &[
    ("blood-pressure", &["ettehad2016"]),
    ("diabetes", &["knowler2002", "dpp2002"]),
    ("lifestyle", &["dpp2002"]),
    ("statins", &["ctt2022"]),
    ("muscle-aches", &["herrett2021"]),
];

/// Counts the article bodies each build renders.
#[derive(Default)]
struct Rendered(Mutex<Vec<usize>>);

impl Progress for Rendered {
    fn stage(&self, stage: Stage, total: Option<usize>) {
        if stage == Stage::Rendering {
            self.0.lock().unwrap().push(total.unwrap_or(0));
        }
    }
    fn advance(&self, _: usize) {}
}

impl Rendered {
    /// The bodies rendered since the last call.
    fn take(&self) -> usize {
        std::mem::take(&mut *self.0.lock().unwrap()).into_iter().sum()
    }
}

fn site() -> SiteTest {
    let t = SiteTest::new();
    t.write("content/references.bib", BIB);
    t.write("content/references.json", JSON);
    for (i, (slug, keys)) in ARTICLES.iter().enumerate() {
        let cites: Vec<String> = keys.iter().map(|k| format!("[@{k}]")).collect();
        t.article(
            slug,
            &format!(
                "title: \"About {slug}\"\ndate: 2026-0{}-10\nreviewed_by: asmith\nreviewed_on: 2026-0{}-11",
                i + 1,
                i + 1
            ),
            &format!("What the best studies show {}.\n", cites.join(" and ")),
        );
    }
    t
}

struct Watched {
    t: SiteTest,
    session: Session,
    rendered: Arc<Rendered>,
}

impl Watched {
    fn new() -> Watched {
        let t = site();
        let rendered = Arc::new(Rendered::default());
        let mut opts = t.options();
        opts.progress = Hook::new(rendered.clone());
        let mut session = Session::load(&opts).unwrap();
        session.keep_hashes = true;
        let r = session.build().unwrap();
        assert!(!r.failed(), "{}", errors(&r));
        assert_eq!(rendered.take(), ARTICLES.len(), "the first build renders every article");
        Watched { t, session, rendered }
    }

    /// Rewrites a bibliography file as Better BibTeX does (the whole file), rebuilds, and
    /// returns the articles re-rendered and the article pages written.
    fn export(&mut self, file: &str, text: &str) -> (usize, BTreeSet<String>) {
        let path = self.t.root().join("content").join(file);
        std::fs::write(&path, text).unwrap();
        let r = self.session.rebuild(&[path]).unwrap();
        assert!(!r.report.failed(), "{}", errors(&r.report));
        let pages = r
            .outputs
            .iter()
            .filter_map(|p| p.strip_prefix("articles/")?.strip_suffix("/index.html"))
            .map(str::to_string)
            .collect();
        (self.rendered.take(), pages)
    }
}

fn set(slugs: &[&str]) -> BTreeSet<String> {
    slugs.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_bibtex_export_re_renders_only_the_articles_citing_what_changed() {
    let mut w = Watched::new();
    assert!(!w.t.read("articles/blood-pressure/index.html").contains("26724178"));

    // The PMID of one item was added in Zotero.
    let bib = BIB.replace(
        "  doi = {10.1016/S0140-6736(15)01225-8}\n",
        "  doi = {10.1016/S0140-6736(15)01225-8},\n  pmid = {26724178}\n",
    );
    let (rendered, pages) = w.export("references.bib", &bib);
    assert_eq!(pages, set(&["blood-pressure"]));
    assert_eq!(rendered, 1);
    assert!(w.t.read("articles/blood-pressure/index.html").contains("26724178"));

    // A title fixed in the other item: only the article citing it (and a JSON item) re-renders.
    let bib = bib.replace("Reduction in the incidence", "Reduction in the Incidence");
    let (rendered, pages) = w.export("references.bib", &bib);
    assert_eq!(pages, set(&["diabetes"]));
    assert_eq!(rendered, 1);

    // The same export again (Better BibTeX rewrites after any change in the collection).
    let (rendered, pages) = w.export("references.bib", &bib);
    assert_eq!((rendered, pages), (0, set(&[])));

    // Entries in another order, same data: nothing to re-render.
    let (first, second) = bib.split_once("\n\n@article{knowler2002").unwrap();
    let reordered = format!("@article{{knowler2002{second}\n{first}\n");
    let (rendered, pages) = w.export("references.bib", &reordered);
    assert_eq!((rendered, pages), (0, set(&[])));
}

#[test]
fn a_csl_json_export_re_renders_only_the_articles_citing_what_changed() {
    let mut w = Watched::new();

    // The page range of one item corrected in Zotero.
    let json = JSON.replace("\"page\": \"832-845\"", "\"page\": \"832-843\"");
    let (rendered, pages) = w.export("references.json", &json);
    assert_eq!(pages, set(&["statins"]));
    assert_eq!(rendered, 1);
    assert!(w.t.read("articles/statins/index.html").contains("832-843"));

    // An item two articles cite: both, and only they.
    let json = json
        .replace("description of lifestyle intervention", "Description of lifestyle intervention");
    let (rendered, pages) = w.export("references.json", &json);
    assert_eq!(pages, set(&["diabetes", "lifestyle"]));
    assert_eq!(rendered, 2);

    // Compact JSON with the same items (another exporter setting): nothing changes.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (rendered, pages) = w.export("references.json", &serde_json::to_string(&value).unwrap());
    assert_eq!((rendered, pages), (0, set(&[])));

    // An article cites a source before it is in Zotero: the build fails and writes nothing;
    // the export that adds it re-renders that article and the site builds again.
    let path = w.t.root().join("content/articles/muscle-aches.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("[@herrett2021]", "[@herrett2021; @newman2019]")).unwrap();
    let r = w.session.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(r.report.failed(), "an unknown key is an error");
    assert_eq!(w.rendered.take(), 1);
    let newman = r#"  {
    "id": "newman2019",
    "type": "article-journal",
    "title": "Statin Safety and Associated Adverse Events: A Scientific Statement From the American Heart Association",
    "author": [{"family": "Newman", "given": "Connie B."}],
    "container-title": "Arteriosclerosis, Thrombosis, and Vascular Biology",
    "container-title-short": "Arterioscler Thromb Vasc Biol",
    "issued": {"date-parts": [[2019, 2]]},
    "volume": "39",
    "issue": "2",
    "page": "e38-e81",
    "DOI": "10.1161/ATV.0000000000000073",
    "PMID": "30580575"
  }
]
"#;
    let json = format!("{},\n{newman}", json.trim_end().trim_end_matches(']').trim_end());
    let (rendered, pages) = w.export("references.json", &json);
    assert_eq!(pages, set(&["muscle-aches"]));
    assert_eq!(rendered, 1);
    assert!(w.t.read("articles/muscle-aches/index.html").contains("Statin Safety"));

    // What watch mode wrote is what a fresh build writes.
    let fresh = w.t.root().join("fresh");
    let mut opts = w.t.options();
    opts.out = fresh.clone();
    let r = rounds::build(&opts).unwrap();
    assert!(!r.failed(), "{}", errors(&r));
    assert_eq!(tree(&w.t.out()), tree(&fresh));
}

/// The same through the watch loop itself: the file system's event for the rewritten file
/// reaches a rebuild of the article citing the changed item.
#[test]
fn rounds_watch_picks_up_a_better_bibtex_export() {
    use rounds::watch::{self, Update, WatchOptions, Watcher};
    let t = site();
    let opts = t.options();
    let mut watcher = Watcher::for_site(&opts, WatchOptions::default()).unwrap();
    let stopper = watcher.stopper();
    let (tx, rx) = std::sync::mpsc::channel();
    let loop_opts = opts.clone();
    let watching = std::thread::spawn(move || {
        watch::run(&loop_opts, &mut watcher, |u| {
            if let Update::Built(b) = u {
                let failed = b.result.as_ref().map_or(true, |r| r.failed());
                let _ = tx.send((failed, b.outputs.clone()));
            }
        })
    });
    let (failed, _) = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    assert!(!failed, "the first build");
    // Better BibTeX writes the export next to the file, then renames it into place.
    let bib = BIB.replace("pages = {393--403}", "pages = {393--404}");
    let temp = t.root().join("content/.references.bib.tmp");
    std::fs::write(&temp, bib).unwrap();
    std::fs::rename(&temp, t.root().join("content/references.bib")).unwrap();
    let (failed, outputs) = rx.recv_timeout(Duration::from_secs(30)).expect("a rebuild");
    stopper.stop();
    watching.join().unwrap().unwrap();
    assert!(!failed);
    let pages: BTreeSet<&str> = outputs
        .iter()
        .filter_map(|p| p.strip_prefix("articles/")?.strip_suffix("/index.html"))
        .collect();
    assert_eq!(pages, BTreeSet::from(["diabetes"]));
    assert!(t.read("articles/diabetes/index.html").contains("393-404"));
}
