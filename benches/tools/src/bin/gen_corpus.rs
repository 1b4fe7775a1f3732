//! gen-corpus: writes the benchmark site, deterministic from a seed, with no network.
//!
//! ```text
//! gen-corpus --articles N [--seed S] --out DIR [--hugo HUGO_DIR] [--repo ROUNDS_REPO]
//!            [--shape default|tag-heavy] [shape flags, below]
//! ```
//!
//! `DIR` gets a complete rounds site in the real source format, laid out as `rounds init`
//! lays one out:
//!
//! - `DIR/content/site.yaml`, `authors.yaml`, `references.yaml` (CSL-YAML items: journal
//!   articles, books, web pages), `pages/` (the demo blog's pages),
//!   `static/images/share-default.png`, and `articles/<slug>.md` (N articles of 800-1,200
//!   words with headings, lists, emphasis, links, blockquotes, tables, code, footnotes,
//!   citations, tags, medical review and corrections);
//! - `DIR/themes/default/`, a copy of the repository's theme.
//!
//! Build it with `rounds build --source DIR/content --out DIR/public --now 2026-11-26`.
//!
//! The corpus's *shape* is a named preset (`--shape`, below) with any of its numbers
//! overridden by a flag:
//!
//! | flag | default | tag-heavy | what it sets |
//! |---|---|---|---|
//! | `--tags N` | 60 | 60 | distinct tags on the site |
//! | `--tags-per-article LO-HI` | 1-4 | 1-4 | tags on one article |
//! | `--tag-spread topic\|uniform` | topic | uniform | `topic`: the article's topic's first tag, then draws that are half the topic's other tags (so repeats cut the count and the topic tags are big); `uniform`: distinct tags drawn evenly from the pool |
//! | `--authors N` | 2 | 4 | clinicians in authors.yaml (at most 8); each article has a lead author, a co-author in 30 %, and another author as its reviewer |
//! | `--references N` | 200 | 200 | items in the bibliography |
//! | `--citations LO-HI` | 3-6 | 3-6 | citations in one article |
//! | `--feed-items N` | 20 | 20 | `feeds.items` in site.yaml: the articles in each feed, every one with its full content |
//! | `--tables P` | 20 | 20 | % of articles with a table |
//! | `--code P` | 5 | 5 | % of articles with a fenced code block |
//! | `--footnotes P` | 30 | 30 | % of articles with footnotes |
//!
//! The default shape writes the same bytes as the generator did before shapes existed, so
//! older results stay comparable. The tag-heavy shape is the corpus of issue 19: every article
//! in 1 to 4 of 60 tags drawn evenly (so every tag page and tag feed is big), and four authors.
//!
//! `--hugo HUGO_DIR` also writes the same corpus as a Hugo site: the same Markdown bodies
//! (citations left as plain text), front matter with title, date, tags and authors, the same
//! pages, and the minimal theme in `benches/hugo/` (article pages, paginated home, paginated tag
//! pages, the tag index, an archive, one page per author listing their articles, RSS with full
//! content for the home page and each tag, as many items as `--feed-items`).
//!
//! The random numbers come from SplitMix64, so a seed gives the same bytes on every machine.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The build's "today" the corpus is made for (`rounds build --now 2026-11-26`).
const NOW: (i64, u32, u32) = (2026, 11, 26);
/// Articles are dated in the ten years before this day.
const LAST_DAY: (i64, u32, u32) = (2026, 11, 1);
const YEARS: i64 = 10;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen-corpus: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(words) => {
            eprintln!("gen-corpus: {}", args.shape.describe());
            eprintln!(
                "gen-corpus: wrote {} articles ({} words on average) to {}{}",
                args.articles,
                words / args.articles.max(1),
                args.out.display(),
                args.hugo.as_ref().map(|h| format!(" and {}", h.display())).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: gen-corpus --articles N [--seed S] --out DIR [--hugo DIR] [--repo DIR]
                  [--shape default|tag-heavy] [--tags N] [--tags-per-article LO-HI]
                  [--tag-spread topic|uniform] [--authors N] [--references N]
                  [--citations LO-HI] [--feed-items N] [--tables %] [--code %] [--footnotes %]";

struct Args {
    articles: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
    repo: PathBuf,
    shape: Shape,
}

impl Args {
    fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut articles = None;
        let mut seed = 1;
        let mut out = None;
        let mut hugo = None;
        let mut preset = String::from("default");
        // Shape flags are applied over the preset, wherever they stand on the line.
        let mut overrides: Vec<(String, String)> = Vec::new();
        // benches/tools -> the repository root.
        let mut repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--articles" => {
                    articles = Some(value()?.parse().map_err(|e| format!("--articles: {e}"))?);
                }
                "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
                "--out" => out = Some(PathBuf::from(value()?)),
                "--hugo" => hugo = Some(PathBuf::from(value()?)),
                "--repo" => repo = PathBuf::from(value()?),
                "--shape" => preset = value()?,
                "-h" | "--help" => return Err("help".into()),
                other if Shape::FLAGS.contains(&other) => {
                    let v = value()?;
                    overrides.push((flag, v));
                }
                other => return Err(format!("unknown flag {other}")),
            }
        }
        let mut shape = Shape::preset(&preset)?;
        for (flag, v) in &overrides {
            shape.set(flag, v)?;
        }
        shape.check()?;
        Ok(Args {
            articles: articles.ok_or("--articles is required")?,
            seed,
            out: out.ok_or("--out is required")?,
            hugo,
            repo,
            shape,
        })
    }
}

/// How tags are given to articles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spread {
    /// The topic's first tag, then draws of which half are the topic's own tags: a few tags are
    /// very large and repeats make the count vary (the default shape).
    Topic,
    /// Distinct tags drawn evenly from the whole pool: every tag is about the same size.
    Uniform,
}

/// The corpus's shape: what varies between presets. See the module documentation.
struct Shape {
    name: String,
    tags: usize,
    tags_per_article: (usize, usize),
    spread: Spread,
    authors: usize,
    references: usize,
    citations: (usize, usize),
    feed_items: usize,
    tables: usize,
    code: usize,
    footnotes: usize,
}

impl Shape {
    const FLAGS: &[&str] = &[
        "--tags",
        "--tags-per-article",
        "--tag-spread",
        "--authors",
        "--references",
        "--citations",
        "--feed-items",
        "--tables",
        "--code",
        "--footnotes",
    ];

    fn preset(name: &str) -> Result<Shape, String> {
        let default = Shape {
            name: name.to_string(),
            tags: 60,
            tags_per_article: (1, 4),
            spread: Spread::Topic,
            authors: 2,
            references: 200,
            citations: (3, 6),
            feed_items: 20,
            tables: 20,
            code: 5,
            footnotes: 30,
        };
        match name {
            "default" => Ok(default),
            "tag-heavy" => Ok(Shape { spread: Spread::Uniform, authors: 4, ..default }),
            other => Err(format!("--shape: no preset `{other}` (default, tag-heavy)")),
        }
    }

    fn set(&mut self, flag: &str, v: &str) -> Result<(), String> {
        let num = |v: &str| v.parse::<usize>().map_err(|e| format!("{flag} {v}: {e}"));
        let range = |v: &str| -> Result<(usize, usize), String> {
            match v.split_once('-') {
                Some((lo, hi)) => Ok((num(lo)?, num(hi)?)),
                None => num(v).map(|n| (n, n)),
            }
        };
        match flag {
            "--tags" => self.tags = num(v)?,
            "--tags-per-article" => self.tags_per_article = range(v)?,
            "--tag-spread" => {
                self.spread = match v {
                    "topic" => Spread::Topic,
                    "uniform" => Spread::Uniform,
                    _ => return Err(format!("--tag-spread {v}: topic or uniform")),
                };
            }
            "--authors" => self.authors = num(v)?,
            "--references" => self.references = num(v)?,
            "--citations" => self.citations = range(v)?,
            "--feed-items" => self.feed_items = num(v)?,
            "--tables" => self.tables = num(v)?,
            "--code" => self.code = num(v)?,
            "--footnotes" => self.footnotes = num(v)?,
            _ => return Err(format!("unknown flag {flag}")),
        }
        if !self.name.ends_with('*') {
            // Changed from its preset: say so wherever the shape is printed.
            self.name.push('*');
        }
        Ok(())
    }

    fn check(&self) -> Result<(), String> {
        let (lo, hi) = self.tags_per_article;
        if lo == 0 || lo > hi || hi > self.tags {
            return Err(format!("--tags-per-article {lo}-{hi}: need 1 <= LO <= HI <= --tags"));
        }
        if self.spread == Spread::Topic && self.tags < TAGS.len() {
            return Err(format!(
                "--tags {}: the topic spread needs at least the {} named tags (or --tag-spread uniform)",
                self.tags,
                TAGS.len()
            ));
        }
        if !(2..=CLINICIANS.len()).contains(&self.authors) {
            return Err(format!("--authors {}: 2 to {}", self.authors, CLINICIANS.len()));
        }
        let (lo, hi) = self.citations;
        if lo > hi || hi > self.references {
            return Err(format!("--citations {lo}-{hi}: need LO <= HI <= --references"));
        }
        if self.feed_items == 0 {
            return Err("--feed-items: at least 1".into());
        }
        for (flag, p) in
            [("--tables", self.tables), ("--code", self.code), ("--footnotes", self.footnotes)]
        {
            if p > 100 {
                return Err(format!("{flag} {p}: a percentage"));
            }
        }
        Ok(())
    }

    /// One line for the record: every number of the shape.
    fn describe(&self) -> String {
        format!(
            "shape {}: {} tags, {}-{} per article ({}), {} authors, {} references, {}-{} citations \
             per article, {} feed items, tables {} %, code {} %, footnotes {} %",
            self.name,
            self.tags,
            self.tags_per_article.0,
            self.tags_per_article.1,
            if self.spread == Spread::Topic { "topic" } else { "uniform" },
            self.authors,
            self.references,
            self.citations.0,
            self.citations.1,
            self.feed_items,
            self.tables,
            self.code,
            self.footnotes
        )
    }
}

/// Writes everything; returns the total number of words in the article bodies.
fn run(args: &Args) -> io::Result<usize> {
    let mut rng = Rng::new(args.seed);
    let content = args.out.join("content");
    if args.out.exists() {
        fs::remove_dir_all(&args.out)?;
    }
    fs::create_dir_all(content.join("articles"))?;
    fs::create_dir_all(content.join("static/images"))?;
    fs::copy(
        args.repo.join("content/static/images/share-default.png"),
        content.join("static/images/share-default.png"),
    )?;
    copy_dir(&args.repo.join("content/pages"), &content.join("pages"))?;
    copy_dir(&args.repo.join("themes/default"), &args.out.join("themes/default"))?;
    let shape = &args.shape;
    let site_yaml = SITE_YAML.replace("{feed_items}", &shape.feed_items.to_string());
    fs::write(content.join("site.yaml"), site_yaml)?;
    fs::write(content.join("authors.yaml"), authors_yaml(shape.authors))?;

    let refs = references(&mut rng, shape.references);
    let mut yaml = String::from(
        "# The benchmark corpus's shared bibliography (CSL-YAML), generated by gen-corpus.\n\
         # Real-shaped but invented: the people, titles, DOIs and PMIDs do not exist.\n",
    );
    for r in &refs {
        yaml.push_str(&r.yaml);
    }
    fs::write(content.join("references.yaml"), yaml)?;

    let pool = tag_pool(shape.tags);
    let metas = article_metas(&mut rng, args.articles, shape, &pool);
    let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
    let mut total_words = 0;
    let mut bodies = Vec::with_capacity(metas.len());
    for (i, m) in metas.iter().enumerate() {
        let body = article_body(&mut rng, m, &metas, i, &keys, shape);
        total_words += body.words;
        let (front, people) = front_matter(&mut rng, m, shape.authors);
        fs::write(
            content.join("articles").join(format!("{}.md", m.slug)),
            format!("{front}{}", body.markdown),
        )?;
        bodies.push((body.markdown, people));
    }
    if let Some(hugo) = &args.hugo {
        write_hugo(args, hugo, &metas, &bodies)?;
    }
    Ok(total_words)
}

// ---------------------------------------------------------------------------------------------
// Random numbers and dates

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (the modulo bias is irrelevant at these sizes).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// lo..=hi
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// One of a list of words or templates.
    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }

    /// `k` distinct indices below `n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

/// A calendar day as days since 1970-01-01 (Howard Hinnant's civil-date algorithms).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(i64);

impl Day {
    fn from_ymd((y, m, d): (i64, u32, u32)) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    fn ymd(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// A day in lo..=hi.
    fn between(rng: &mut Rng, lo: Day, hi: Day) -> Day {
        Day(lo.0 + rng.below((hi.0 - lo.0 + 1) as usize) as i64)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

// ---------------------------------------------------------------------------------------------
// site.yaml and authors.yaml

const SITE_YAML: &str = r#"# The benchmark corpus, generated by benches/tools (gen-corpus). Build it with
#   rounds build --source <dir>/content --out <dir>/public --now 2026-11-26
title: "Willow Creek Family Medicine: Plain Talk (benchmark corpus)"
base_url: "https://bench.rounds-demo.example/"
language: en-US
description: "Clear, careful health information for patients, written and checked by our own clinicians."
author: aoyelaran
disclaimer: |
  This site is for general education only. It is not medical advice for you,
  and it does not replace a visit with your own doctor, nurse practitioner or
  pharmacist. Reading it does not create a doctor-patient relationship.

  **In an emergency, call 911 or go to the nearest emergency room.** For a
  mental health crisis, call or text 988. For a possible poisoning, call
  Poison Control at 1-800-222-1222.
review_interval: 12
review_required: false
per_page: 10
feeds:
  items: {feed_items}
image: /images/share-default.png
image_alt: "Willow Creek Family Medicine. Plain Talk: clear, careful health information for patients."
practice:
  name: "Willow Creek Family Medicine"
  phone: "(555) 010-0123"
  email: "office@rounds-demo.example"
  address: "410 Larkspur Lane, Suite 2, Fairview, Example State 00000"
pages:
  about: about
  disclaimer: disclaimer
  privacy: privacy
  contact: contact
  advertising: advertising-policy
share:
  mastodon: mastodon.social
"#;

/// The fictional clinicians of authors.yaml, in order: `--authors N` takes the first N.
const CLINICIANS: &[(&str, &str)] = &[
    (
        "aoyelaran",
        r#"aoyelaran:
  name: "Amara Oyelaran-Castillo"
  credentials: [MD, MPH]
  role: "Family physician"
  bio: |
    Dr. Oyelaran-Castillo is a board-certified family physician who cares for
    whole families and writes most of the articles on this site.
  disclosures:
    - "Unpaid adviser to the Fairview Walking Club, a nonprofit."
  email: "dr.oyelaran@rounds-demo.example"
  links:
    - title: "About Dr. Oyelaran-Castillo"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
    (
        "dkowalczyk",
        r#"dkowalczyk:
  name: "Daniel Kowalczyk"
  credentials: [PharmD, BCACP]
  role: "Clinical pharmacist and medical reviewer"
  bio: |
    Dr. Kowalczyk is a clinical pharmacist who checks each article against its
    sources before it is published and again at each yearly review.
  disclosures: ["None"]
  links:
    - title: "How our articles are reviewed"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
    (
        "mfairbanks",
        r#"mfairbanks:
  name: "Maren Fairbanks"
  credentials: [MD, FAAP]
  role: "Pediatrician"
  bio: |
    Dr. Fairbanks is a pediatrician who looks after the practice's youngest
    patients and writes about children's health and vaccines.
  disclosures: ["None"]
  links:
    - title: "About Dr. Fairbanks"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
    (
        "tnakagawa",
        r#"tnakagawa:
  name: "Tomas Nakagawa-Reyes"
  credentials: [DNP, FNP-BC]
  role: "Family nurse practitioner"
  bio: |
    Tomas Nakagawa-Reyes is a family nurse practitioner who runs the practice's
    chronic care visits for diabetes, blood pressure and heart failure.
  disclosures:
    - "Speaker fees from a regional nursing association (2025)."
  email: "t.nakagawa@rounds-demo.example"
  links:
    - title: "About our nurse practitioners"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
    (
        "sokonkwo",
        r#"sokonkwo:
  name: "Simone Okonkwo"
  credentials: [MD]
  role: "Internist"
  bio: |
    Dr. Okonkwo is an internist who cares for adults with several long-term
    conditions and writes about medicines and healthy aging.
  disclosures: ["None"]
  links:
    - title: "About Dr. Okonkwo"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
    (
        "plindgren",
        r#"plindgren:
  name: "Per Lindgren"
  credentials: [MD, PhD]
  role: "Family physician and researcher"
  bio: |
    Dr. Lindgren is a family physician who also teaches evidence-based medicine
    and checks how new studies are reported on this site.
  disclosures:
    - "Research grant from a national public health agency (2024-2026)."
  links:
    - title: "About Dr. Lindgren"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
    (
        "rhaddad",
        r#"rhaddad:
  name: "Rania Haddad"
  credentials: [RD, CDCES]
  role: "Registered dietitian"
  bio: |
    Rania Haddad is a registered dietitian and diabetes educator who writes
    about food, weight and blood sugar.
  disclosures: ["None"]
  links:
    - title: "About our dietitian"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
    (
        "jbrennan",
        r#"jbrennan:
  name: "Julia Brennan"
  credentials: [PharmD]
  role: "Clinical pharmacist"
  bio: |
    Dr. Brennan is a clinical pharmacist who reviews the practice's articles
    about medicines, side effects and interactions.
  disclosures: ["None"]
  links:
    - title: "How our articles are reviewed"
      url: "https://bench.rounds-demo.example/about/"
"#,
    ),
];

const NUMBER_WORDS: &[&str] = &["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"];

/// authors.yaml with the first `n` clinicians.
fn authors_yaml(n: usize) -> String {
    let mut y =
        format!("# {} fictional clinicians, invented for the benchmark corpus.\n", NUMBER_WORDS[n]);
    for (_, entry) in &CLINICIANS[..n] {
        y.push_str(entry);
    }
    y
}

// ---------------------------------------------------------------------------------------------
// The bibliography

struct Reference {
    key: String,
    yaml: String,
}

const FAMILY: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Alvarez",
    "Andersen",
    "Bailey",
    "Banerjee",
    "Becker",
    "Bianchi",
    "Brennan",
    "Carter",
    "Castro",
    "Chen",
    "Clarke",
    "Costa",
    "Dahl",
    "Delgado",
    "Dubois",
    "Eriksson",
    "Evans",
    "Fischer",
    "Fitzgerald",
    "Garcia",
    "Gupta",
    "Haddad",
    "Hansen",
    "Hartmann",
    "Hughes",
    "Ibrahim",
    "Ito",
    "Jensen",
    "Johansson",
    "Kaplan",
    "Kato",
    "Keller",
    "Kim",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Laurent",
    "Lee",
    "Lindqvist",
    "Lopez",
    "Mahmoud",
    "Martin",
    "Mendes",
    "Meyer",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Ortiz",
    "Patel",
    "Peters",
    "Petrov",
    "Quinn",
    "Ramirez",
    "Reddy",
    "Richter",
    "Rossi",
    "Russo",
    "Sato",
    "Schmidt",
    "Silva",
    "Singh",
    "Sorensen",
    "Suzuki",
    "Tanaka",
    "Thompson",
    "Torres",
    "Umar",
    "Van Dyke",
    "Vargas",
    "Wagner",
    "Walsh",
    "Wang",
    "Weber",
    "Williams",
    "Wong",
    "Yamamoto",
    "Yilmaz",
    "Young",
    "Zhang",
    "Zimmermann",
];

const GIVEN: &[&str] = &[
    "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ingrid", "James", "Kofi",
    "Laura", "Miguel", "Nadia", "Oscar", "Priya", "Rafael", "Sara", "Thomas", "Uma", "Victor",
    "Wen", "Yusuf", "Zoe", "Ahmed", "Beatriz", "Chloe", "Daniel", "Emma", "Felix",
];

/// (title, short title, DOI prefix, DOI stem)
const JOURNALS: &[(&str, &str, &str, &str)] = &[
    ("The New England Journal of Medicine", "N Engl J Med", "10.1056", "NEJMoa"),
    ("JAMA", "JAMA", "10.1001", "jama"),
    ("JAMA Internal Medicine", "JAMA Intern Med", "10.1001", "jamainternmed"),
    ("The Lancet", "Lancet", "10.1016", "S0140-6736"),
    ("BMJ", "BMJ", "10.1136", "bmj"),
    ("Annals of Internal Medicine", "Ann Intern Med", "10.7326", "M"),
    ("Circulation", "Circulation", "10.1161", "CIRCULATIONAHA"),
    ("Hypertension", "Hypertension", "10.1161", "HYPERTENSIONAHA"),
    ("Diabetes Care", "Diabetes Care", "10.2337", "dc"),
    ("Pediatrics", "Pediatrics", "10.1542", "peds"),
    (
        "The Cochrane Database of Systematic Reviews",
        "Cochrane Database Syst Rev",
        "10.1002",
        "14651858.CD",
    ),
    ("Clinical Infectious Diseases", "Clin Infect Dis", "10.1093", "cid"),
    ("Stroke", "Stroke", "10.1161", "STROKEAHA"),
    ("Journal of the American College of Cardiology", "J Am Coll Cardiol", "10.1016", "j.jacc"),
    ("Obstetrics and Gynecology", "Obstet Gynecol", "10.1097", "AOG"),
    ("American Journal of Preventive Medicine", "Am J Prev Med", "10.1016", "j.amepre"),
    ("Annals of Family Medicine", "Ann Fam Med", "10.1370", "afm"),
    ("Journal of General Internal Medicine", "J Gen Intern Med", "10.1007", "s11606"),
    ("Vaccine", "Vaccine", "10.1016", "j.vaccine"),
    ("Thorax", "Thorax", "10.1136", "thoraxjnl"),
    ("Diabetologia", "Diabetologia", "10.1007", "s00125"),
    ("The Lancet Infectious Diseases", "Lancet Infect Dis", "10.1016", "S1473-3099"),
    ("Journal of the American Geriatrics Society", "J Am Geriatr Soc", "10.1111", "jgs"),
    ("Sleep", "Sleep", "10.1093", "sleep"),
    ("Neurology", "Neurology", "10.1212", "WNL"),
    ("Chest", "Chest", "10.1016", "j.chest"),
    ("PLoS Medicine", "PLoS Med", "10.1371", "journal.pmed"),
    ("American Family Physician", "Am Fam Physician", "", ""),
];

const STUDY_START: &[&str] = &[
    "Effect of",
    "Long-term outcomes of",
    "Association of",
    "Cost-effectiveness of",
    "Benefits and harms of",
    "Adherence to",
    "Trends in",
];
const INTERVENTIONS: &[&str] = &[
    "intensive blood pressure control",
    "home blood pressure monitoring",
    "influenza vaccination",
    "statin therapy",
    "brief counseling by primary care clinicians",
    "text message reminders",
    "structured exercise programs",
    "pharmacist-led medication review",
    "low-dose aspirin",
    "delayed antibiotic prescribing",
    "cognitive behavioral therapy",
    "intensive lifestyle intervention",
    "continuous glucose monitoring",
    "smoking cessation support",
    "HPV vaccination",
    "screening colonoscopy",
    "vitamin D supplementation",
    "a Mediterranean diet",
    "shared decision making",
    "telehealth follow-up",
];
const OUTCOMES: &[&str] = &[
    "cardiovascular events",
    "hospital admissions",
    "all-cause mortality",
    "glycemic control",
    "quality of life",
    "falls and fractures",
    "medication adherence",
    "antibiotic use",
    "depressive symptoms",
    "cancer incidence",
    "kidney function",
    "emergency department visits",
];
const POPULATIONS: &[&str] = &[
    "older adults",
    "adults with type 2 diabetes",
    "children and adolescents",
    "primary care patients",
    "pregnant women",
    "people with chronic kidney disease",
    "adults with hypertension",
    "nursing home residents",
    "adults with obesity",
    "smokers",
];
const DESIGNS: &[&str] = &[
    "a randomized clinical trial",
    "a systematic review and meta-analysis",
    "a cohort study",
    "a cluster randomized trial",
    "a pooled analysis",
];
const PUBLISHERS: &[(&str, &str)] = &[
    ("McGraw Hill", "New York, NY"),
    ("Elsevier", "Philadelphia, PA"),
    ("Wolters Kluwer", "Philadelphia, PA"),
    ("Oxford University Press", "Oxford, UK"),
    ("National Academies Press", "Washington, DC"),
    ("Springer", "Cham, Switzerland"),
];
const BOOK_TITLES: &[&str] = &[
    "Textbook of Family Medicine",
    "Principles of Preventive Medicine",
    "Clinical Pharmacology for Primary Care",
    "Patient Education in Practice",
    "Essentials of Geriatric Care",
    "The Primary Care Guide to Chronic Disease",
    "Health Literacy: Evidence and Practice",
];
/// (organization, domain)
const WEB_ORGS: &[(&str, &str)] = &[
    ("Centers for Disease Control and Prevention", "www.cdc.gov"),
    ("MedlinePlus", "medlineplus.gov"),
    ("National Institute of Diabetes and Digestive and Kidney Diseases", "www.niddk.nih.gov"),
    ("U.S. Preventive Services Task Force", "www.uspreventiveservicestaskforce.org"),
    ("World Health Organization", "www.who.int"),
    ("National Heart, Lung, and Blood Institute", "www.nhlbi.nih.gov"),
];

/// `count` CSL items with keys like `chen2019` (`chen2019b` for the second).
fn references(rng: &mut Rng, count: usize) -> Vec<Reference> {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let year = 2000 + rng.below(26) as i64;
        let kind = match rng.below(100) {
            0..=79 => "article-journal",
            80..=89 => "book",
            _ => "webpage",
        };
        // Authors: people, and now and then a group in the first place.
        let people: Vec<(String, String)> = (0..rng.range(1, 7))
            .map(|_| {
                let family = rng.pick(FAMILY).to_string();
                let given = if rng.percent(40) {
                    format!("{} {}.", rng.pick(GIVEN), (b'A' + rng.below(26) as u8) as char)
                } else {
                    rng.pick(GIVEN).to_string()
                };
                (family, given)
            })
            .collect();
        let (org, domain) = *rng.pick(WEB_ORGS);
        let topic = rng.pick(TOPICS);
        let stem = match kind {
            "webpage" => org.split_whitespace().next().unwrap_or("web"),
            _ => people[0].0.as_str(),
        };
        let stem: String = stem
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let base = format!("{stem}{year}");
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        let key = match *n {
            1 => base,
            // The letters a bibliography uses, then numbers (only very large ones get there).
            2..=26 => format!("{base}{}", (b'a' + *n as u8 - 1) as char),
            _ => format!("{base}-{n}"),
        };

        let mut y = String::new();
        let _ = writeln!(y, "\n- id: {key}\n  type: {kind}");
        let authors = |y: &mut String, field: &str, people: &[(String, String)]| {
            let _ = writeln!(y, "  {field}:");
            for (family, given) in people {
                let _ = writeln!(y, "    - {{family: {family}, given: {given}}}");
            }
        };
        match kind {
            "article-journal" => {
                let (journal, short, prefix, doi_stem) = *rng.pick(JOURNALS);
                let title = format!(
                    "{} {} on {} in {}{}",
                    rng.pick(STUDY_START),
                    rng.pick(INTERVENTIONS),
                    rng.pick(OUTCOMES),
                    rng.pick(POPULATIONS),
                    if rng.percent(50) {
                        format!(": {}", rng.pick(DESIGNS))
                    } else {
                        String::new()
                    }
                );
                let _ = writeln!(y, "  title: {}", yaml_str(&capitalize(&title)));
                if rng.percent(8) {
                    let _ = writeln!(
                        y,
                        "  author:\n    - {{literal: \"{} Study Group\"}}",
                        topic.short
                    );
                    for (family, given) in &people {
                        let _ = writeln!(y, "    - {{family: {family}, given: {given}}}");
                    }
                } else {
                    authors(&mut y, "author", &people);
                }
                let _ = writeln!(y, "  container-title: {}", yaml_str(journal));
                let _ = writeln!(y, "  container-title-short: {}", yaml_str(short));
                let month = rng.range(1, 12);
                if rng.percent(60) {
                    let _ = writeln!(
                        y,
                        "  issued: {{date-parts: [[{year}, {month}, {}]]}}",
                        rng.range(1, 28)
                    );
                } else {
                    let _ = writeln!(y, "  issued: {{date-parts: [[{year}, {month}]]}}");
                }
                let _ = writeln!(y, "  volume: \"{}\"", rng.range(5, 400));
                let _ = writeln!(y, "  issue: \"{}\"", rng.range(1, 24));
                let first = rng.range(100, 2400);
                let _ = writeln!(y, "  page: \"{first}-{}\"", first + rng.range(4, 14));
                if !prefix.is_empty() {
                    let _ = writeln!(
                        y,
                        "  DOI: \"{prefix}/{doi_stem}.{year}.{:05}\"",
                        rng.below(100_000) + i
                    );
                }
                let _ = writeln!(y, "  PMID: \"{}\"", 10_000_000 + rng.below(29_000_000));
                if rng.percent(35) {
                    let _ = writeln!(y, "  PMCID: \"PMC{}\"", 1_000_000 + rng.below(9_000_000));
                }
            }
            "book" => {
                let (publisher, place) = *rng.pick(PUBLISHERS);
                let _ = writeln!(y, "  title: {}", yaml_str(rng.word(BOOK_TITLES)));
                if rng.percent(50) {
                    authors(&mut y, "author", &people[..people.len().min(3)]);
                } else {
                    authors(&mut y, "editor", &people[..people.len().min(4)]);
                }
                let _ = writeln!(y, "  edition: \"{}\"", rng.range(2, 9));
                let _ = writeln!(y, "  publisher: {}", yaml_str(publisher));
                let _ = writeln!(y, "  publisher-place: {}", yaml_str(place));
                let _ = writeln!(y, "  issued: {{date-parts: [[{year}]]}}");
                if publisher == "National Academies Press" {
                    let _ = writeln!(y, "  DOI: \"10.17226/{}\"", 10_000 + rng.below(20_000));
                }
            }
            _ => {
                let _ = writeln!(
                    y,
                    "  title: {}",
                    yaml_str(&format!("{}: {}", capitalize(topic.name), rng.pick(WEB_TITLES)))
                );
                let _ = writeln!(y, "  container-title: {}", yaml_str(org));
                if rng.percent(60) {
                    let _ = writeln!(
                        y,
                        "  issued: {{date-parts: [[{year}, {}, {}]]}}",
                        rng.range(1, 12),
                        rng.range(1, 28)
                    );
                }
                let _ = writeln!(
                    y,
                    "  URL: \"https://{domain}/{}/{}.html\"",
                    slugify(topic.name),
                    rng.range(100, 999)
                );
                // Checked within the last 24 months, as rounds asks of web sources.
                let accessed =
                    Day::between(rng, Day::from_ymd((2025, 1, 15)), Day::from_ymd(NOW).plus(-5));
                let (ay, am, ad) = accessed.ymd();
                let _ = writeln!(y, "  accessed: {{date-parts: [[{ay}, {am}, {ad}]]}}");
            }
        }
        out.push(Reference { key, yaml: y });
    }
    out
}

const WEB_TITLES: &[&str] = &[
    "basics for patients",
    "symptoms and causes",
    "testing and diagnosis",
    "treatment and care",
    "prevention",
    "frequently asked questions",
];

// ---------------------------------------------------------------------------------------------
// Article metadata

struct Topic {
    name: &'static str,
    short: &'static str,
    medicine: &'static str,
    test: &'static str,
    symptom: &'static str,
    tags: &'static [&'static str],
}

const TOPICS: &[Topic] = &[
    Topic {
        name: "high blood pressure",
        short: "Blood Pressure",
        medicine: "lisinopril",
        test: "blood pressure reading",
        symptom: "headaches",
        tags: &["blood pressure", "heart health"],
    },
    Topic {
        name: "type 2 diabetes",
        short: "Diabetes",
        medicine: "metformin",
        test: "A1C test",
        symptom: "constant thirst",
        tags: &["diabetes", "nutrition"],
    },
    Topic {
        name: "high cholesterol",
        short: "Cholesterol",
        medicine: "atorvastatin",
        test: "cholesterol panel",
        symptom: "no symptoms at all",
        tags: &["cholesterol", "heart health"],
    },
    Topic {
        name: "asthma",
        short: "Asthma",
        medicine: "an inhaled steroid",
        test: "breathing test",
        symptom: "wheezing",
        tags: &["asthma", "lungs"],
    },
    Topic {
        name: "COPD",
        short: "COPD",
        medicine: "a long-acting inhaler",
        test: "spirometry",
        symptom: "shortness of breath",
        tags: &["lungs", "smoking"],
    },
    Topic {
        name: "the common cold",
        short: "Respiratory Infection",
        medicine: "saline spray",
        test: "throat swab",
        symptom: "a runny nose",
        tags: &["infections", "antibiotics"],
    },
    Topic {
        name: "the flu",
        short: "Influenza",
        medicine: "oseltamivir",
        test: "rapid flu test",
        symptom: "fever and body aches",
        tags: &["infections", "vaccines"],
    },
    Topic {
        name: "depression",
        short: "Depression",
        medicine: "sertraline",
        test: "mood questionnaire",
        symptom: "low mood",
        tags: &["mental health", "sleep"],
    },
    Topic {
        name: "anxiety",
        short: "Anxiety",
        medicine: "talk therapy",
        test: "anxiety questionnaire",
        symptom: "racing thoughts",
        tags: &["mental health", "stress"],
    },
    Topic {
        name: "low back pain",
        short: "Back Pain",
        medicine: "ibuprofen",
        test: "physical exam",
        symptom: "stiffness in the morning",
        tags: &["back pain", "exercise"],
    },
    Topic {
        name: "osteoarthritis",
        short: "Osteoarthritis",
        medicine: "acetaminophen",
        test: "joint exam",
        symptom: "sore knees",
        tags: &["arthritis", "healthy aging"],
    },
    Topic {
        name: "osteoporosis",
        short: "Osteoporosis",
        medicine: "alendronate",
        test: "bone density scan",
        symptom: "a loss of height",
        tags: &["bone health", "healthy aging"],
    },
    Topic {
        name: "heart failure",
        short: "Heart Failure",
        medicine: "a water pill",
        test: "echocardiogram",
        symptom: "swollen ankles",
        tags: &["heart health", "medicines"],
    },
    Topic {
        name: "atrial fibrillation",
        short: "Atrial Fibrillation",
        medicine: "a blood thinner",
        test: "ECG",
        symptom: "a fluttering heartbeat",
        tags: &["heart health", "stroke"],
    },
    Topic {
        name: "migraine",
        short: "Migraine",
        medicine: "a triptan",
        test: "headache diary",
        symptom: "a throbbing headache",
        tags: &["headaches", "neurology"],
    },
    Topic {
        name: "chronic kidney disease",
        short: "Kidney Disease",
        medicine: "an ACE inhibitor",
        test: "urine albumin test",
        symptom: "tiredness",
        tags: &["kidney health", "blood pressure"],
    },
    Topic {
        name: "acid reflux",
        short: "Reflux",
        medicine: "omeprazole",
        test: "symptom check",
        symptom: "heartburn",
        tags: &["digestive health", "nutrition"],
    },
    Topic {
        name: "sleep apnea",
        short: "Sleep Apnea",
        medicine: "a CPAP machine",
        test: "sleep study",
        symptom: "loud snoring",
        tags: &["sleep", "weight"],
    },
    Topic {
        name: "insomnia",
        short: "Insomnia",
        medicine: "sleep therapy",
        test: "sleep diary",
        symptom: "waking up at night",
        tags: &["sleep", "mental health"],
    },
    Topic {
        name: "childhood vaccines",
        short: "Vaccine Safety",
        medicine: "the MMR vaccine",
        test: "vaccine record check",
        symptom: "a sore arm",
        tags: &["vaccines", "children"],
    },
    Topic {
        name: "ear infections in children",
        short: "Otitis Media",
        medicine: "amoxicillin",
        test: "ear exam",
        symptom: "ear pain",
        tags: &["children", "antibiotics"],
    },
    Topic {
        name: "colon cancer screening",
        short: "Colorectal Cancer",
        medicine: "a bowel prep",
        test: "colonoscopy",
        symptom: "blood in the stool",
        tags: &["cancer screening", "prevention"],
    },
    Topic {
        name: "breast cancer screening",
        short: "Breast Cancer",
        medicine: "tamoxifen",
        test: "mammogram",
        symptom: "a new lump",
        tags: &["cancer screening", "women's health"],
    },
    Topic {
        name: "prostate health",
        short: "Prostate Cancer",
        medicine: "tamsulosin",
        test: "PSA test",
        symptom: "trouble passing urine",
        tags: &["men's health", "cancer screening"],
    },
    Topic {
        name: "thyroid problems",
        short: "Thyroid Disease",
        medicine: "levothyroxine",
        test: "TSH test",
        symptom: "feeling cold",
        tags: &["thyroid", "medicines"],
    },
    Topic {
        name: "pregnancy care",
        short: "Prenatal Care",
        medicine: "folic acid",
        test: "glucose test",
        symptom: "morning sickness",
        tags: &["pregnancy", "women's health"],
    },
    Topic {
        name: "menopause",
        short: "Menopause",
        medicine: "hormone therapy",
        test: "symptom review",
        symptom: "hot flashes",
        tags: &["women's health", "healthy aging"],
    },
    Topic {
        name: "smoking and vaping",
        short: "Tobacco Cessation",
        medicine: "nicotine patches",
        test: "lung check",
        symptom: "a morning cough",
        tags: &["smoking", "lungs"],
    },
    Topic {
        name: "healthy weight",
        short: "Obesity",
        medicine: "a GLP-1 medicine",
        test: "waist measurement",
        symptom: "joint strain",
        tags: &["weight", "nutrition"],
    },
    Topic {
        name: "falls in older adults",
        short: "Fall Prevention",
        medicine: "vitamin D",
        test: "balance test",
        symptom: "dizziness",
        tags: &["healthy aging", "bone health"],
    },
    Topic {
        name: "allergies",
        short: "Allergic Rhinitis",
        medicine: "a steroid nose spray",
        test: "allergy skin test",
        symptom: "itchy eyes",
        tags: &["allergies", "seasonal health"],
    },
    Topic {
        name: "skin cancer",
        short: "Melanoma",
        medicine: "sunscreen",
        test: "skin check",
        symptom: "a changing mole",
        tags: &["skin health", "cancer screening"],
    },
];

/// The pool of 60 tags; each article takes its topic's first tag and up to three more.
const TAGS: &[&str] = &[
    "blood pressure",
    "heart health",
    "diabetes",
    "nutrition",
    "cholesterol",
    "asthma",
    "lungs",
    "smoking",
    "infections",
    "antibiotics",
    "vaccines",
    "mental health",
    "sleep",
    "stress",
    "back pain",
    "exercise",
    "arthritis",
    "healthy aging",
    "bone health",
    "medicines",
    "stroke",
    "headaches",
    "neurology",
    "kidney health",
    "digestive health",
    "weight",
    "children",
    "cancer screening",
    "prevention",
    "women's health",
    "men's health",
    "thyroid",
    "pregnancy",
    "allergies",
    "seasonal health",
    "skin health",
    "travel health",
    "first aid",
    "emergencies",
    "pain relief",
    "eye health",
    "hearing",
    "dental health",
    "caregiving",
    "telehealth",
    "lab tests",
    "screening",
    "evidence",
    "myths",
    "patient safety",
    "insurance",
    "pharmacy",
    "family health",
    "teen health",
    "men over 50",
    "women over 50",
    "chronic illness",
    "self-care",
    "wellness",
    "research news",
];

const TITLES: &[&str] = &[
    "What to know about {topic}",
    "{Topic}: questions to ask at your next visit",
    "Understanding your {test} results",
    "Living with {topic}: a practical guide",
    "{Topic} in older adults",
    "Myths and facts about {topic}",
    "When to worry about {symptom}",
    "How {medicine} works, and who should take it",
    "Five things I tell every patient about {topic}",
    "{Topic}: what the newest studies say",
    "A plain guide to {topic}",
    "Is it {topic}? Signs to watch for",
];

struct Meta {
    topic: usize,
    title: String,
    slug: String,
    date: Day,
    tags: Vec<String>,
}

/// The site's `n` tags: the named ones first, then (past 60) each named tag for a group of
/// readers ("heart health for caregivers"), then numbered.
fn tag_pool(n: usize) -> Vec<String> {
    const FOR: &[&str] = &[
        "for caregivers",
        "in children",
        "after 65",
        "in pregnancy",
        "at work",
        "on a budget",
        "for athletes",
        "while travelling",
    ];
    (0..n)
        .map(|i| {
            let (base, round) = (TAGS[i % TAGS.len()], i / TAGS.len());
            match round {
                0 => base.to_string(),
                r if r <= FOR.len() => format!("{base} {}", FOR[r - 1]),
                r => format!("{base} {r}"),
            }
        })
        .collect()
}

fn article_metas(rng: &mut Rng, n: usize, shape: &Shape, pool: &[String]) -> Vec<Meta> {
    let last = Day::from_ymd(LAST_DAY).plus(-1);
    let (y, m, d) = LAST_DAY;
    let first = Day::from_ymd((y - YEARS, m, d));
    let mut seen: HashMap<String, usize> = HashMap::new();
    let (lo, hi) = shape.tags_per_article;
    (0..n)
        .map(|_| {
            let topic = rng.below(TOPICS.len());
            let t = &TOPICS[topic];
            let title = capitalize(&fill(rng.word(TITLES), t, rng, false));
            let base = slugify(&title);
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            let slug = if *count == 1 { base } else { format!("{base}-{count}") };
            let tags = match shape.spread {
                Spread::Topic => {
                    let mut tags = vec![t.tags[0].to_string()];
                    for _ in 0..rng.range(lo, hi) - 1 {
                        let tag = if rng.percent(50) {
                            (*rng.pick(t.tags)).to_string()
                        } else {
                            rng.pick(pool).clone()
                        };
                        if !tags.contains(&tag) {
                            tags.push(tag);
                        }
                    }
                    tags
                }
                Spread::Uniform => {
                    let k = rng.range(lo, hi);
                    rng.sample(pool.len(), k).into_iter().map(|i| pool[i].clone()).collect()
                }
            };
            Meta { topic, title, slug, date: Day::between(rng, first, last), tags }
        })
        .collect()
}

/// The front matter, and the ids of the people who wrote or reviewed the article (for the Hugo
/// side's author pages, which list both as rounds' author pages do).
fn front_matter(rng: &mut Rng, m: &Meta, authors: usize) -> (String, Vec<&'static str>) {
    let t = &TOPICS[m.topic];
    let now = Day::from_ymd(NOW);
    let mut f = String::from("---\n");
    let _ = writeln!(f, "title: {}", yaml_str(&m.title));
    let _ = writeln!(f, "date: {}", m.date);
    // Everyone writes; most articles have one author and another as the reviewer, some are
    // written by two. With two authors, the first writes 70 % (the shape before --authors).
    let (lead, other) = if authors == 2 {
        if rng.percent(70) { (0, 1) } else { (1, 0) }
    } else {
        let lead = rng.below(authors);
        (lead, (lead + 1 + rng.below(authors - 1)) % authors)
    };
    let (lead, other) = (CLINICIANS[lead].0, CLINICIANS[other].0);
    let mut people = vec![lead];
    if rng.percent(30) {
        let _ = writeln!(f, "author: [{lead}, {other}]");
        people.push(other);
    } else {
        let _ = writeln!(f, "author: {lead}");
    }
    // Most articles are reviewed within the last year (a yearly review keeps them current).
    if rng.percent(95) {
        let lo = m.date.max(now.plus(-330));
        let _ = writeln!(f, "reviewed_by: {other}");
        let _ = writeln!(f, "reviewed_on: {}", Day::between(rng, lo, now));
        if !people.contains(&other) {
            people.push(other);
        }
    }
    let _ = writeln!(
        f,
        "description: {}",
        yaml_str(&capitalize(&fill(rng.word(DESCRIPTIONS), t, rng, false)))
    );
    let tags: Vec<String> = m.tags.iter().map(|t| yaml_str(t)).collect();
    let _ = writeln!(f, "tags: [{}]", tags.join(", "));
    if rng.percent(5) {
        let when = Day::between(rng, m.date.plus(1), now.plus(-1).min(m.date.plus(400)));
        let _ = writeln!(f, "corrections:\n  - date: {when}");
        let _ = writeln!(f, "    text: {}", yaml_str(&fill(rng.word(CORRECTIONS), t, rng, false)));
    } else if rng.percent(10) {
        let _ = writeln!(f, "updated: {}", Day::between(rng, m.date, now.plus(-1)));
    }
    f.push_str("---\n\n");
    (f, people)
}

const DESCRIPTIONS: &[&str] = &[
    "what {topic} is, who is at risk, and what you can do about it, in plain words.",
    "a plain guide to {topic}: the tests, the treatments, and the questions worth asking.",
    "how we check for {topic}, what {test} numbers mean, and when to call us.",
    "what the best studies say about {medicine}, and how we decide together whether you need it.",
];

const CORRECTIONS: &[&str] = &[
    "An earlier version said the {test} should be repeated every month; the right interval is every year.",
    "An earlier version gave the wrong starting dose of {medicine}. We corrected the number.",
    "An earlier version linked the wrong study in the section on treatment.",
];

// ---------------------------------------------------------------------------------------------
// Article bodies

const SENTENCES: &[&str] = &[
    "Many people live with {topic} for years before they know it",
    "The good news is that small, steady changes add up over time",
    "You do not have to make every change at once",
    "Bring your questions to {person}, and write them down before the visit so you do not forget",
    "It is normal to feel worried when you first hear the words {topic}",
    "We will go over your {test} results together and decide on the next step",
    "Some people notice {symptom}, but many notice nothing at all",
    "If you take {medicine}, keep taking it unless we agree on a change",
    "A list of your medicines, including vitamins and supplements, helps us keep you safe",
    "Your family history matters, so tell us if a parent or sibling had {topic}",
    "Sleep, stress and what you eat all play a part",
    "There is no single right answer for everyone",
    "We look at the whole picture, not just one number",
    "Ask {person} to explain any word you do not understand",
    "Try to keep a simple diary of how you feel for {time}",
    "Most people can keep doing the things they enjoy",
    "Walking for thirty minutes on most days is a good place to start",
    "Please do not stop a medicine on your own because of something you read online",
    "Let us know if money makes it hard to fill a prescription, because there are often cheaper options",
    "Our nurses can help you plan the next steps",
];

/// Sentences that state a finding and can carry a citation; none ends in a number.
const CLAIMS: &[&str] = &[
    "Large studies show that treating {topic} early lowers the chance of serious problems later",
    "People who take {medicine} as prescribed tend to have fewer hospital visits",
    "Regular exercise improves symptoms of {topic} in most adults",
    "The {test} is the most reliable way to find {topic} before it causes harm",
    "Current guidelines recommend checking for {topic} in adults at higher risk",
    "In careful trials, side effects of {medicine} were uncommon and usually mild",
    "A healthy diet with more vegetables and less salt helps people with {topic}",
    "Quitting smoking lowers the risk of {topic} within a few years",
    "Reviews of many studies found that {symptom} alone is not a reliable sign of {topic}",
    "Screening works best when it is repeated at the recommended interval",
    "Pharmacist reviews of medicines reduce harmful drug interactions",
    "Support from family and friends makes it easier to stay on track",
];

const HEADINGS: &[&str] = &[
    "What is {topic}?",
    "Who is at risk",
    "Common signs and symptoms",
    "How {topic} is diagnosed",
    "Treatment options",
    "What you can do at home",
    "Questions to ask at your visit",
    "When to call us",
    "Living well with {topic}",
    "What the research says",
    "Myths and facts",
    "Medicines and side effects",
];

const SUBHEADINGS: &[&str] = &[
    "Lifestyle changes",
    "Medicines",
    "Tests we may order",
    "If you are pregnant",
    "For older adults",
    "For children",
    "Tracking your progress",
];

const LIST_ITEMS: &[&str] = &[
    "Take {medicine} at the same time each day",
    "Write down your questions before the visit",
    "Bring all your medicine bottles to your next appointment",
    "Keep a record of your {test} results",
    "Walk, swim or cycle on most days of the week",
    "Eat more vegetables, beans and whole grains",
    "Limit alcohol, and do not smoke",
    "Call us if you notice {symptom} that is new or getting worse",
    "Ask whether you are due for a {test}",
    "Get a flu shot every fall",
    "Tell us about any side effects, even small ones",
    "Keep a list of your allergies in your wallet",
];

const QUOTES: &[&str] = &[
    "**Tip:** set a reminder on your phone so that you never miss a dose of {medicine}.",
    "**Call 911** if you have chest pain, trouble breathing, or weakness on one side of the body.",
    "\"I wish someone had told me sooner that {topic} can be treated.\" (one of our patients)",
    "**Remember:** a single {test} result is a snapshot, not the whole story.",
];

const FOOTNOTES: &[&str] = &[
    "This is general information; your own plan may be different.",
    "Prices vary by pharmacy and insurance plan.",
    "The exact numbers differ a little between studies.",
    "Ask us for a printed copy of this list.",
];

const TIMES: &[&str] = &["a week", "two weeks", "a month", "three months"];
const PEOPLE: &[&str] = &["your doctor", "your nurse", "your pharmacist", "a family member"];

/// Fills `{topic}`, `{Topic}`, `{medicine}`, `{test}`, `{symptom}`, `{time}` and `{person}`;
/// with `emphasis`, now and then sets a filled-in phrase in bold or italics.
fn fill(template: &str, t: &Topic, rng: &mut Rng, emphasis: bool) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("template slots are closed");
        let value = match &rest[open + 1..close] {
            "topic" => t.name.to_string(),
            "Topic" => capitalize(t.name),
            "medicine" => t.medicine.to_string(),
            "test" => t.test.to_string(),
            "symptom" => t.symptom.to_string(),
            "time" => rng.pick(TIMES).to_string(),
            "person" => rng.pick(PEOPLE).to_string(),
            other => panic!("unknown slot {other}"),
        };
        match (emphasis, rng.below(12)) {
            (true, 0) => {
                let _ = write!(out, "**{value}**");
            }
            (true, 1) => {
                let _ = write!(out, "*{value}*");
            }
            _ => out.push_str(&value),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

struct Sentence {
    text: String,
    citable: bool,
    cite: Option<String>,
    footnote: Option<usize>,
}

enum Block {
    Heading(usize, String),
    Para(Vec<Sentence>),
    List(bool, Vec<String>),
    Quote(String),
    Raw(String),
}

struct Body {
    markdown: String,
    words: usize,
}

fn paragraph(rng: &mut Rng, t: &Topic, links: &[String]) -> Block {
    let mut sentences = Vec::new();
    for _ in 0..rng.range(3, 6) {
        let citable = rng.percent(35);
        let pool = if citable { CLAIMS } else { SENTENCES };
        sentences.push(Sentence {
            text: capitalize(&fill(rng.word(pool), t, rng, true)),
            citable,
            cite: None,
            footnote: None,
        });
    }
    if rng.percent(25) {
        let link = rng.pick(links).clone();
        sentences.push(Sentence { text: link, citable: false, cite: None, footnote: None });
    }
    Block::Para(sentences)
}

fn article_body(
    rng: &mut Rng,
    m: &Meta,
    all: &[Meta],
    index: usize,
    keys: &[&str],
    shape: &Shape,
) -> Body {
    let t = &TOPICS[m.topic];
    let target = rng.range(800, 1200);
    // Links: public health pages, our own pages, and other articles on the site.
    let other = &all[(index + 1 + rng.below(all.len())) % all.len()];
    let links = vec![
        format!(
            "You can read more on [the MedlinePlus page about {}](https://medlineplus.gov/{}.html)",
            t.name,
            slugify(t.name).replace('-', "")
        ),
        format!(
            "The [CDC](https://www.cdc.gov/{}/index.html) keeps an up-to-date summary as well",
            slugify(t.name)
        ),
        "If you have a question about your own care, [contact the office](/contact/)".to_string(),
        format!("See also [{}](/articles/{}/)", other.title, other.slug),
    ];
    let mut blocks = vec![paragraph(rng, t, &links)];
    if rng.percent(50) {
        blocks.push(paragraph(rng, t, &links));
    }
    let mut table = rng.percent(shape.tables);
    let mut code = rng.percent(shape.code);
    let mut quote = rng.percent(60);
    let mut headings = rng.sample(HEADINGS.len(), HEADINGS.len());
    let mut words = count_words(&blocks);
    // Stop a section early: the last section and "The bottom line" add about 150 words.
    while words + 150 < target && !headings.is_empty() {
        let h = headings.pop().unwrap_or(0);
        blocks.push(Block::Heading(2, fill(HEADINGS[h], t, rng, false)));
        blocks.push(paragraph(rng, t, &links));
        match rng.below(6) {
            0 | 1 => {
                let n = rng.range(3, 6);
                let picked = rng.sample(LIST_ITEMS.len(), n);
                let items: Vec<String> = picked
                    .iter()
                    .map(|&i| capitalize(&fill(LIST_ITEMS[i], t, rng, true)))
                    .collect();
                blocks.push(Block::List(rng.percent(30), items));
            }
            2 => {
                blocks.push(Block::Heading(3, rng.pick(SUBHEADINGS).to_string()));
                blocks.push(paragraph(rng, t, &links));
            }
            3 if quote => {
                quote = false;
                blocks.push(Block::Quote(fill(rng.word(QUOTES), t, rng, false)));
            }
            4 if table => {
                table = false;
                blocks.push(Block::Raw(table_markdown(rng, t)));
            }
            5 if code => {
                code = false;
                blocks.push(Block::Raw(code_markdown(rng, t)));
            }
            _ => blocks.push(paragraph(rng, t, &links)),
        }
        words = count_words(&blocks);
    }
    // What did not fit in the loop still goes in, so the shares hold across the corpus.
    if table {
        blocks.push(Block::Raw(table_markdown(rng, t)));
    }
    if code {
        blocks.push(Block::Raw(code_markdown(rng, t)));
    }
    blocks.push(Block::Heading(2, "The bottom line".into()));
    blocks.push(paragraph(rng, t, &links));

    place_citations(rng, &mut blocks, keys, shape.citations);
    let mut notes = Vec::new();
    if rng.percent(shape.footnotes) {
        for _ in 0..rng.range(1, 2) {
            let mut spots: Vec<&mut Sentence> = blocks
                .iter_mut()
                .filter_map(|b| if let Block::Para(s) = b { Some(s) } else { None })
                .flatten()
                .filter(|s| s.cite.is_none() && s.footnote.is_none())
                .collect();
            if spots.is_empty() {
                break;
            }
            let i = rng.below(spots.len());
            notes.push(rng.word(FOOTNOTES));
            spots[i].footnote = Some(notes.len());
        }
    }
    let mut md = String::with_capacity(8 * 1024);
    for b in &blocks {
        match b {
            Block::Heading(level, text) => {
                let _ = writeln!(md, "{} {text}\n", "#".repeat(*level));
            }
            Block::Para(sentences) => {
                let mut p = String::new();
                for s in sentences {
                    if !p.is_empty() {
                        p.push(' ');
                    }
                    p.push_str(&s.text);
                    if let Some(c) = &s.cite {
                        p.push(' ');
                        p.push_str(c);
                    }
                    p.push('.');
                    if let Some(n) = s.footnote {
                        let _ = write!(p, "[^{n}]");
                    }
                }
                wrap(&p, &mut md);
                md.push('\n');
            }
            Block::List(ordered, items) => {
                for (i, item) in items.iter().enumerate() {
                    if *ordered {
                        let _ = writeln!(md, "{}. {item}.", i + 1);
                    } else {
                        let _ = writeln!(md, "- {item}.");
                    }
                }
                md.push('\n');
            }
            Block::Quote(text) => {
                let _ = writeln!(md, "> {text}\n");
            }
            Block::Raw(text) => {
                md.push_str(text);
                md.push('\n');
            }
        }
    }
    for (i, note) in notes.iter().enumerate() {
        let _ = writeln!(md, "[^{}]: {note}", i + 1);
    }
    Body { markdown: md, words }
}

/// `lo`-`hi` cited sources (3-6 by default): single keys, now and then two keys in one bracket
/// or a page locator, and sometimes a key cited again later; each goes on a sentence that
/// states a finding.
fn place_citations(rng: &mut Rng, blocks: &mut [Block], keys: &[&str], (lo, hi): (usize, usize)) {
    let n = rng.range(lo, hi);
    if n == 0 {
        return;
    }
    let chosen: Vec<&str> = rng.sample(keys.len(), n).iter().map(|&i| keys[i]).collect();
    let mut cites = Vec::new();
    let mut i = 0;
    while i < chosen.len() {
        if i + 1 < chosen.len() && rng.percent(20) {
            cites.push(format!("[@{}; @{}]", chosen[i], chosen[i + 1]));
            i += 2;
        } else if rng.percent(12) {
            cites.push(format!("[@{}, p. {}]", chosen[i], rng.range(2, 400)));
            i += 1;
        } else {
            cites.push(format!("[@{}]", chosen[i]));
            i += 1;
        }
    }
    if rng.percent(30) {
        cites.push(format!("[@{}]", chosen[0]));
    }
    let mut spots: Vec<&mut Sentence> = blocks
        .iter_mut()
        .filter_map(|b| if let Block::Para(s) = b { Some(s) } else { None })
        .flatten()
        .collect();
    let citable: Vec<usize> = (0..spots.len()).filter(|&i| spots[i].citable).collect();
    // In reading order, so the first key gets number 1 as in a real article.
    let mut places = if citable.len() >= cites.len() {
        let mut p: Vec<usize> =
            rng.sample(citable.len(), cites.len()).into_iter().map(|i| citable[i]).collect();
        p.sort_unstable();
        p
    } else {
        let mut p: Vec<usize> = rng.sample(spots.len(), cites.len());
        p.sort_unstable();
        p
    };
    places.truncate(cites.len());
    for (place, cite) in places.into_iter().zip(cites) {
        spots[place].cite = Some(cite);
    }
}

fn table_markdown(rng: &mut Rng, t: &Topic) -> String {
    let mut s =
        format!("| {} result | What it means | What to do |\n|---|---|---|\n", capitalize(t.test));
    let rows: &[(&str, &str, &str)] = &[
        ("In the normal range", "No sign of a problem today", "Check again at your usual visit"),
        ("A little high", "Worth watching", "Make the lifestyle changes above and recheck"),
        ("High", "A problem that needs treatment", "Book a visit to talk about a plan"),
        ("Very high", "A possible emergency", "Call us the same day"),
        ("Low", "Sometimes a side effect", "Tell us about your medicines"),
    ];
    for (a, b, c) in &rows[..rng.range(3, 5)] {
        let _ = writeln!(s, "| {a} | {b} | {c} |");
    }
    s
}

fn code_markdown(rng: &mut Rng, t: &Topic) -> String {
    match rng.below(3) {
        0 => format!(
            "Some patients keep their log in a simple text file, like this:\n\n```yaml\n# my {} log\n- date: 2026-01-05\n  time: \"08:00\"\n  reading: normal\n  note: took {} with breakfast\n- date: 2026-01-06\n  time: \"08:10\"\n  reading: a little high\n```\n",
            t.test, t.medicine
        ),
        1 => format!(
            "If your meter exports its readings, the file looks something like this:\n\n```json\n{{\n  \"test\": \"{}\",\n  \"readings\": [\n    {{ \"date\": \"2026-01-05\", \"value\": \"normal\" }},\n    {{ \"date\": \"2026-01-06\", \"value\": \"a little high\" }}\n  ]\n}}\n```\n",
            t.test
        ),
        _ => "For the technically minded, this is how a spreadsheet might average a week of readings:\n\n```python\nreadings = [128, 131, 126, 135, 129, 130, 127]\naverage = sum(readings) / len(readings)\nprint(f\"average: {average:.0f}\")\n```\n".to_string(),
    }
}

fn count_words(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading(_, t) | Block::Quote(t) | Block::Raw(t) => t.split_whitespace().count(),
            Block::Para(s) => s.iter().map(|s| s.text.split_whitespace().count()).sum(),
            Block::List(_, items) => items.iter().map(|i| i.split_whitespace().count()).sum(),
        })
        .sum()
}

/// Hard-wraps a paragraph at about 78 columns, as editors do. Breaks only outside brackets and
/// before a word that starts with a letter, `[` or `*` (never `* `, `- `, `1. `, `#` or `>`),
/// so no line starts a list or a heading and no citation or link is split.
fn wrap(text: &str, out: &mut String) {
    let mut col = 0;
    let mut depth = 0i32;
    for (i, word) in text.split(' ').enumerate() {
        let breakable = depth == 0
            && word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '[' || c == '*');
        if i > 0 {
            if breakable && col + 1 + word.len() > 78 {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(word);
        col += word.len();
        for c in word.chars() {
            match c {
                '[' | '(' => depth += 1,
                ']' | ')' => depth -= 1,
                _ => {}
            }
        }
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------------------------
// The Hugo side

fn write_hugo(
    args: &Args,
    dir: &Path,
    metas: &[Meta],
    bodies: &[(String, Vec<&str>)],
) -> io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let theme = args.repo.join("benches/hugo");
    copy_dir(&theme.join("layouts"), &dir.join("layouts"))?;
    fs::create_dir_all(dir.join("static"))?;
    fs::copy(args.repo.join("themes/default/static/style.css"), dir.join("static/style.css"))?;
    fs::create_dir_all(dir.join("static/images"))?;
    fs::copy(
        args.repo.join("content/static/images/share-default.png"),
        dir.join("static/images/share-default.png"),
    )?;
    // The feeds carry as many items as rounds' (`feeds.items`).
    let config = fs::read_to_string(theme.join("config.toml"))?;
    let limit = "limit = 20";
    if !config.contains(limit) {
        return Err(io::Error::other(format!("benches/hugo/config.toml has no `{limit}`")));
    }
    let config = config.replace(limit, &format!("limit = {}", args.shape.feed_items));
    fs::write(dir.join("config.toml"), config)?;
    let articles = dir.join("content/articles");
    fs::create_dir_all(&articles)?;
    for entry in fs::read_dir(args.repo.join("content/pages"))? {
        let entry = entry?;
        fs::copy(entry.path(), dir.join("content").join(entry.file_name()))?;
    }
    // One page per author, with the author's name, and (like rounds) no feed.
    for (id, entry) in &CLINICIANS[..args.shape.authors] {
        let name = entry
            .lines()
            .find_map(|l| l.trim().strip_prefix("name: "))
            .unwrap_or(id)
            .trim_matches('"');
        let page = dir.join("content/authors").join(id);
        fs::create_dir_all(&page)?;
        fs::write(
            page.join("_index.md"),
            format!("---\ntitle: {}\noutputs: [html]\n---\n", yaml_str(name)),
        )?;
    }
    for (m, (body, people)) in metas.iter().zip(bodies) {
        let tags: Vec<String> = m.tags.iter().map(|t| yaml_str(t)).collect();
        let text = format!(
            "---\ntitle: {}\ndate: {}\ntags: [{}]\nauthors: [{}]\n---\n\n{body}",
            yaml_str(&m.title),
            m.date,
            tags.join(", "),
            people.join(", ")
        );
        fs::write(articles.join(format!("{}.md", m.slug)), text)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

/// A YAML double-quoted string.
fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for ymd in [(1970, 1, 1), (2000, 2, 29), (2016, 11, 1), (2026, 11, 26), (2024, 12, 31)] {
            assert_eq!(Day::from_ymd(ymd).ymd(), ymd);
        }
        assert_eq!(Day::from_ymd((1970, 1, 2)).0, 1);
        assert_eq!(Day::from_ymd((2026, 3, 1)).plus(-1).to_string(), "2026-02-28");
    }

    #[test]
    fn shape_flags_override_the_preset() {
        let args = |v: &[&str]| Args::parse(v.iter().map(|s| s.to_string()));
        let a =
            args(&["--articles", "5", "--out", "x", "--feed-items", "50", "--shape", "tag-heavy"])
                .unwrap();
        assert_eq!((a.shape.authors, a.shape.feed_items), (4, 50));
        assert!(a.shape.spread == Spread::Uniform && a.shape.name == "tag-heavy*");
        assert!(args(&["--articles", "5", "--out", "x", "--tags-per-article", "3-2"]).is_err());
        assert!(args(&["--articles", "5", "--out", "x", "--tags", "20"]).is_err(), "topic spread");
    }

    #[test]
    fn uniform_tags_are_distinct_and_in_range() {
        let mut shape = Shape::preset("tag-heavy").unwrap();
        shape.tags = 130;
        shape.tags_per_article = (2, 5);
        let pool = tag_pool(shape.tags);
        assert_eq!(pool.len(), 130);
        assert_eq!(pool[60], "blood pressure for caregivers");
        let metas = article_metas(&mut Rng::new(7), 500, &shape, &pool);
        for m in &metas {
            let mut t = m.tags.clone();
            t.sort();
            t.dedup();
            assert!(t.len() == m.tags.len() && (2..=5).contains(&t.len()), "{:?}", m.tags);
        }
        let used: std::collections::HashSet<&String> = metas.iter().flat_map(|m| &m.tags).collect();
        assert!(used.len() > 120, "the whole pool is used: {}", used.len());
    }

    #[test]
    fn wrap_never_starts_a_line_with_block_syntax() {
        let text = "word ".repeat(40) + "1. not a list [@a; @b] and - dash";
        let mut out = String::new();
        wrap(&text, &mut out);
        assert!(out.lines().all(|l| l.starts_with(|c: char| c.is_ascii_alphabetic() || c == '[')));
        assert!(out.contains("[@a; @b]"));
    }
}
