//! Template views: the documented shapes templates see (docs/templates.md).
//!
//! Input: the [`Site`] model. Output: `Serialize` structs that borrow from it. Templates never
//! see internal types, so the model can change without breaking themes. Dates arrive
//! formatted (`display` for people, `iso` for `<time datetime>`), so templates need no date
//! filters.

use jiff::civil::Date;
use serde::Serialize;

use crate::config::Config;
use crate::dates;
use crate::markdown::TocEntry;
use crate::site::{Article, Site, TagRef};

use super::person::PersonView;
use super::urls;

/// A date for templates.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DateView {
    /// `2026-03-02`, for `<time datetime>`.
    pub iso: String,
    /// `March 2, 2026`, for people.
    pub display: String,
    /// The year.
    pub year: i16,
}

impl DateView {
    /// The view of a date.
    pub fn new(date: Date) -> Self {
        DateView { iso: dates::iso(date), display: dates::display(date), year: date.year() }
    }
}

/// A link.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct LinkView {
    /// Link text.
    pub title: String,
    /// Site path or absolute URL.
    pub url: String,
}

/// Site-wide data, the same on every page (`site` in templates).
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    /// Site name.
    pub title: String,
    /// One sentence about the site.
    pub description: String,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// The path every internal link starts with (`/` or `/blog/`).
    pub base_path: String,
    /// Language tag.
    pub language: String,
    /// The medical disclaimer as HTML.
    pub disclaimer_html: String,
    /// Footer links to the about, disclaimer, privacy, contact and advertising pages that exist.
    pub footer_pages: Vec<LinkView>,
    /// Other standalone pages (e.g. the social media policy).
    pub other_pages: Vec<LinkView>,
    /// Main navigation.
    pub nav: Vec<LinkView>,
    /// An urgent notice, while it is current.
    pub alert: Option<AlertView>,
    /// The practice's public contact details.
    pub practice: Option<crate::config::Practice>,
    /// The stylesheet's path.
    pub stylesheet: String,
    /// The code-highlighting stylesheet's path (linked only by pages with code).
    pub code_stylesheet: String,
    /// Feeds of the whole site.
    pub feeds: FeedLinks,
    /// The year of the newest article (for the footer's copyright line).
    pub year: i16,
}

/// An urgent notice.
#[derive(Clone, Debug, Serialize)]
pub struct AlertView {
    /// The notice.
    pub text: String,
    /// Where to read more.
    pub link: Option<String>,
    /// Last day it is shown.
    pub until: DateView,
}

/// RSS and Atom feed paths.
#[derive(Clone, Debug, Serialize)]
pub struct FeedLinks {
    /// RSS 2.0 path.
    pub rss: String,
    /// Atom path.
    pub atom: String,
}

impl SiteView {
    /// The site view of a site.
    pub fn new(site: &Site) -> Self {
        let c = &site.config;
        let base = c.base_path().to_string();
        let footer_pages = c
            .pages
            .roles()
            .iter()
            .filter_map(|(_, slug)| site.page_by_slug(slug))
            .map(|p| LinkView { title: p.source.front.title.clone(), url: p.url.clone() })
            .collect::<Vec<_>>();
        let required: Vec<&str> = c.pages.roles().iter().map(|(_, s)| *s).collect();
        let other_pages = site
            .pages
            .iter()
            .filter(|p| !required.contains(&p.source.slug.as_str()))
            .map(|p| LinkView { title: p.source.front.title.clone(), url: p.url.clone() })
            .collect();
        let mut nav = vec![
            LinkView { title: "Articles".into(), url: urls::home(&base, 1) },
            LinkView { title: "Topics".into(), url: urls::tags(&base) },
            LinkView { title: "Archive".into(), url: urls::archive(&base) },
            LinkView { title: "Corrections".into(), url: urls::corrections(&base) },
        ];
        if let Some(about) = site.page_by_slug(&c.pages.about) {
            nav.push(LinkView { title: about.source.front.title.clone(), url: about.url.clone() });
        }
        let alert = c.alert.as_ref().filter(|a| a.until >= site.now).map(|a| AlertView {
            text: a.text.clone(),
            link: a.link.clone(),
            until: DateView::new(a.until),
        });
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.clone(),
            base_path: base.clone(),
            language: c.language.clone(),
            disclaimer_html: crate::markdown::render_inline_block(&c.disclaimer),
            footer_pages,
            other_pages,
            nav,
            alert,
            practice: c.practice.clone(),
            stylesheet: urls::file(&base, "style.css"),
            code_stylesheet: urls::file(&base, "code.css"),
            feeds: FeedLinks { rss: urls::rss(&base), atom: urls::atom(&base) },
            year: site.newest_date().unwrap_or(site.now).year(),
        }
    }
}

/// What every page has (`page` in templates).
#[derive(Clone, Debug, Serialize)]
pub struct PageMeta {
    /// Which template rendered it: `index`, `article`, `tag`, `tags`, `author`, `archive`,
    /// `corrections`, `page`, `feeds` or `404`.
    pub kind: &'static str,
    /// The page's own title (without the site name).
    pub title: String,
    /// The `<title>` text.
    pub head_title: String,
    /// The meta description.
    pub description: String,
    /// Site path.
    pub url: String,
    /// Absolute URL (canonical).
    pub permalink: String,
    /// True when the page has highlighted code (link `site.code_stylesheet`).
    pub has_code: bool,
    /// Feeds to announce in `<head>` besides the site's own.
    pub alternate_feeds: Vec<FeedLinkView>,
    /// Tell search engines not to index it (drafts, 404).
    pub noindex: bool,
    /// Open Graph, Twitter/X card and JSON-LD data.
    pub share: super::share::ShareView,
}

impl PageMeta {
    /// Metadata for a page at `url` (a site path).
    pub fn new(
        config: &Config,
        kind: &'static str,
        title: &str,
        description: &str,
        url: &str,
    ) -> Self {
        let head_title = if kind == "index" && title == config.title {
            config.title.clone()
        } else {
            format!("{title} | {}", config.title)
        };
        PageMeta {
            kind,
            title: title.to_string(),
            head_title,
            description: description.to_string(),
            url: url.to_string(),
            permalink: config.absolute(url),
            has_code: false,
            alternate_feeds: Vec::new(),
            noindex: false,
            share: super::share::ShareView::default(),
        }
    }
}

/// A feed announced in `<head>`.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FeedLinkView {
    /// Its title in feed readers.
    pub title: String,
    /// Its path.
    pub url: String,
    /// `application/rss+xml` or `application/atom+xml`.
    pub mime: &'static str,
}

/// A tag link.
#[derive(Clone, Debug, Serialize)]
pub struct TagLink {
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Tag page path.
    pub url: String,
}

impl TagLink {
    /// The link to a tag's page.
    pub fn new(config: &Config, t: &TagRef) -> Self {
        TagLink {
            name: t.name.clone(),
            slug: t.slug.clone(),
            url: urls::tag(config.base_path(), &t.slug),
        }
    }
}

/// A medical review as shown in the byline.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewView {
    /// Who reviewed it.
    pub reviewer: PersonView,
    /// When.
    pub date: DateView,
    /// When the next review is due.
    pub next_due: DateView,
    /// The reviewer is one of the authors.
    pub self_review: bool,
}

/// A correction.
#[derive(Clone, Debug, Serialize)]
pub struct CorrectionView {
    /// When.
    pub date: DateView,
    /// Anchor id on the article.
    pub anchor: String,
    /// The note as HTML.
    pub html: String,
    /// The note as plain text.
    pub text: String,
    /// True for a note written in the body (shown where it stands, not in the top list).
    pub inline: bool,
}

/// A section in the nested table of contents.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TocNode {
    /// The heading's id.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Its subsections.
    pub children: Vec<TocNode>,
}

impl TocNode {
    /// Nests level 3 headings under the level 2 heading before them.
    pub fn tree(toc: &[TocEntry]) -> Vec<TocNode> {
        let mut out: Vec<TocNode> = Vec::new();
        for t in toc {
            let node = TocNode { id: t.id.clone(), title: t.title.clone(), children: Vec::new() };
            match out.last_mut() {
                Some(parent) if t.level > 2 => parent.children.push(node),
                _ => out.push(node),
            }
        }
        out
    }
}

/// A cited source.
#[derive(Clone, Debug, Serialize)]
pub struct ReferenceView {
    /// Its number.
    pub number: usize,
    /// Anchor of its list entry (`ref-3`).
    pub anchor: String,
    /// The AMA entry as HTML.
    pub html: String,
    /// The AMA entry as plain text.
    pub text: String,
    /// DOI (without `https://doi.org/`).
    pub doi: Option<String>,
    /// PubMed id.
    pub pmid: Option<String>,
    /// Web address.
    pub url: Option<String>,
    /// The work was retracted.
    pub retracted: bool,
}

impl ReferenceView {
    /// The view of a cited source.
    pub fn new(r: &crate::site::CitedSource) -> Self {
        ReferenceView {
            number: r.number,
            anchor: r.anchor.clone(),
            html: r.html.clone(),
            text: r.text.clone(),
            doi: r.doi.clone(),
            pmid: r.pmid.clone(),
            url: r.url.clone(),
            retracted: r.retracted,
        }
    }
}

/// Labels shown above an article.
#[derive(Clone, Debug, Serialize)]
pub struct LabelsView {
    /// An opinion piece.
    pub opinion: bool,
    /// Sponsor, if sponsored.
    pub sponsored: Option<String>,
    /// Funder, if funded.
    pub funding: Option<String>,
    /// A composite case story ("Details changed to protect privacy").
    pub composite: bool,
    /// A draft or future article shown with `--drafts`.
    pub preview: bool,
}

/// An article page (`article` in article.html).
#[derive(Clone, Debug, Serialize)]
pub struct ArticleView {
    /// Headline.
    pub title: String,
    /// Site path.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// First published.
    pub date: DateView,
    /// Last updated, if ever.
    pub updated: Option<DateView>,
    /// Description.
    pub description: String,
    /// Authors.
    pub authors: Vec<PersonView>,
    /// Medical review.
    pub review: Option<ReviewView>,
    /// Tags.
    pub tags: Vec<TagLink>,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Words.
    pub words: usize,
    /// Table of contents, flat (level 2 and 3 headings in order).
    pub toc: Vec<TocEntry>,
    /// Table of contents, nested: level 2 sections with their level 3 subsections.
    pub toc_tree: Vec<TocNode>,
    /// Whether to show the table of contents.
    pub show_toc: bool,
    /// The body as HTML.
    pub body_html: String,
    /// The numbered reference list (`<ol class="references">`), empty when nothing is cited.
    pub references_html: String,
    /// The cited sources, in reference-list order.
    pub references: Vec<ReferenceView>,
    /// Corrections, oldest first.
    pub corrections: Vec<CorrectionView>,
    /// True when some correction is listed at the top (not inline).
    pub has_listed_corrections: bool,
    /// The next older article.
    pub older: Option<LinkView>,
    /// The next newer article.
    pub newer: Option<LinkView>,
    /// Labels.
    pub labels: LabelsView,
    /// How to cite this article, AMA style, with the accessed date left for the reader.
    pub cite_this: String,
    /// Plain links to share it (no script, nothing loaded from the networks).
    pub share_links: Vec<super::share::ShareLinkView>,
    /// "Spotted an error? Have a question?": where readers write, when the site says.
    pub feedback: Option<super::feedback::FeedbackView>,
}

/// The AMA citation of an article as a web page: authors, title, site, published and updated
/// dates, an "Accessed" date for the reader to fill in, and the URL.
pub fn cite_this(site: &Site, a: &Article) -> String {
    let names: Vec<String> = a
        .authors
        .iter()
        .filter_map(|id| site.authors.get(id))
        .map(crate::config::Author::ama_name)
        .collect();
    let authors = if names.len() > 6 {
        format!("{}, et al", names[..3].join(", "))
    } else {
        names.join(", ")
    };
    let title = a.title().trim_end_matches(['.', ' ']);
    let end = if title.ends_with(['?', '!']) { "" } else { "." };
    let mut s = String::new();
    if !authors.is_empty() {
        s.push_str(&authors);
        s.push_str(". ");
    }
    s.push_str(&format!(
        "{title}{end} {}. Published {}.",
        site.config.title,
        dates::display(a.date)
    ));
    if let Some(u) = a.updated {
        s.push_str(&format!(" Updated {}.", dates::display(u)));
    }
    s.push_str(&format!(" Accessed [date]. {}", site.config.absolute(&a.url)));
    s
}

impl ArticleView {
    /// The view of article `i`.
    pub fn new(site: &Site, i: usize) -> Self {
        let a = &site.articles[i];
        let c = &site.config;
        let link = |j: Option<usize>| {
            j.map(|j| LinkView {
                title: site.articles[j].title().to_string(),
                url: site.articles[j].url.clone(),
            })
        };
        let front = &a.source.front;
        ArticleView {
            title: a.title().to_string(),
            url: a.url.clone(),
            permalink: c.absolute(&a.url),
            date: DateView::new(a.date),
            updated: a.updated.map(DateView::new),
            description: a.description.clone(),
            authors: a.authors.iter().map(|id| PersonView::new(site, id)).collect(),
            review: a.review.as_ref().map(|r| ReviewView {
                reviewer: PersonView::new(site, &r.reviewer),
                date: DateView::new(r.date),
                next_due: DateView::new(r.next_due),
                self_review: r.self_review,
            }),
            tags: a.tags.iter().map(|t| TagLink::new(c, t)).collect(),
            reading_minutes: a.reading_minutes,
            words: a.body.words,
            toc: a.body.toc.clone(),
            toc_tree: TocNode::tree(&a.body.toc),
            show_toc: front.toc.unwrap_or(a.body.toc.iter().filter(|t| t.level == 2).count() >= 3),
            body_html: a.body.html.clone(),
            references_html: a.body.references_html.clone(),
            references: a.body.references.iter().map(ReferenceView::new).collect(),
            corrections: a.corrections.iter().map(correction_view).collect(),
            has_listed_corrections: a.corrections.iter().any(|c| !c.inline),
            older: link(a.older),
            newer: link(a.newer),
            labels: LabelsView {
                opinion: front.opinion,
                sponsored: front.sponsored.clone(),
                funding: front.funding.clone(),
                composite: front.composite,
                preview: a.preview,
            },
            cite_this: cite_this(site, a),
            share_links: super::share::links(c, a.title(), &a.description, &c.absolute(&a.url)),
            feedback: super::feedback::link(c, a.title(), &c.absolute(&a.url)),
        }
    }
}

fn correction_view(c: &crate::site::Correction) -> CorrectionView {
    CorrectionView {
        date: DateView::new(c.date),
        anchor: c.anchor.clone(),
        html: c.html.clone(),
        text: c.text.clone(),
        inline: c.inline,
    }
}

/// An article in a listing.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleSummary {
    /// Headline.
    pub title: String,
    /// Site path.
    pub url: String,
    /// Published.
    pub date: DateView,
    /// Updated.
    pub updated: Option<DateView>,
    /// Description.
    pub description: String,
    /// Authors.
    pub authors: Vec<PersonView>,
    /// Tags.
    pub tags: Vec<TagLink>,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Number of corrections.
    pub corrections: usize,
    /// An opinion piece.
    pub opinion: bool,
}

/// An [`ArticleSummary`] as a template value (see [`Summaries`]).
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct SummaryValue(tera::Value);

/// Every article's summary as a template value, made on first use and then shared by every
/// listing that shows the article (home page, tag pages, author pages, archive): copying a
/// `tera::Value` only counts a reference, where serializing a summary again costs its
/// author and tag views. A 10,000-article site lists each article five to seven times.
pub struct Summaries<'a> {
    site: &'a Site,
    values: Vec<std::sync::OnceLock<tera::Value>>,
}

impl<'a> Summaries<'a> {
    /// No summary made yet.
    pub fn new(site: &'a Site) -> Self {
        Summaries { site, values: (0..site.articles.len()).map(|_| Default::default()).collect() }
    }

    /// The summary of article `i`.
    pub fn get(&self, i: usize) -> SummaryValue {
        let value = self.values[i]
            .get_or_init(|| tera::Value::from_serializable(&ArticleSummary::new(self.site, i)));
        SummaryValue(value.clone())
    }
}

impl ArticleSummary {
    /// The summary of article `i`.
    pub fn new(site: &Site, i: usize) -> Self {
        let a: &Article = &site.articles[i];
        ArticleSummary {
            title: a.title().to_string(),
            url: a.url.clone(),
            date: DateView::new(a.date),
            updated: a.updated.map(DateView::new),
            description: a.description.clone(),
            authors: a.authors.iter().map(|id| PersonView::new(site, id)).collect(),
            tags: a.tags.iter().map(|t| TagLink::new(&site.config, t)).collect(),
            reading_minutes: a.reading_minutes,
            corrections: a.corrections.len(),
            opinion: a.source.front.opinion,
        }
    }
}

/// Pagination of a listing.
#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    /// This page's number (1-based).
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Path of the previous (newer) page.
    pub prev: Option<String>,
    /// Path of the next (older) page.
    pub next: Option<String>,
    /// Numbered links: the first and last pages and the two on each side of this one (a
    /// listing never carries all its page numbers, so each page stays small).
    pub pages: Vec<PageLink>,
}

/// A numbered page link.
#[derive(Clone, Debug, Serialize)]
pub struct PageLink {
    /// Page number.
    pub number: usize,
    /// Path.
    pub url: String,
    /// True for the page being shown.
    pub current: bool,
    /// Pages are skipped before this one (show an ellipsis).
    pub gap_before: bool,
}

impl Pagination {
    /// Page `current` of `total` for a listing whose first page is at `first_url`
    /// (later pages at `first_url` + `page/N/`).
    pub fn new(first_url: &str, current: usize, total: usize) -> Self {
        let url = |n: usize| urls::paged(first_url, n);
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: {
                let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
                let mut numbers: Vec<usize> = near.collect();
                numbers.push(1);
                numbers.push(total);
                numbers.sort_unstable();
                numbers.dedup();
                let mut last = 0;
                numbers
                    .into_iter()
                    .map(|n| {
                        let link = PageLink {
                            number: n,
                            url: url(n),
                            current: n == current,
                            gap_before: n > last + 1,
                        };
                        last = n;
                        link
                    })
                    .collect()
            },
        }
    }
}

/// A listing page: the home page and its later pages, or one page of a tag.
#[derive(Clone, Debug, Serialize)]
pub struct ListView {
    /// This page's articles only.
    pub articles: Vec<SummaryValue>,
    /// Pagination.
    pub pagination: Pagination,
}

/// A tag's page (`tag` in tag.html).
#[derive(Clone, Debug, Serialize)]
pub struct TagView {
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Path of the tag's first page.
    pub url: String,
    /// Number of articles.
    pub count: usize,
    /// The tag's RSS feed path.
    pub rss: String,
    /// The tag's Atom feed path.
    pub atom: String,
}

/// An author's page (`author` in author.html).
#[derive(Clone, Debug, Serialize)]
pub struct AuthorView {
    /// The person.
    pub person: PersonView,
    /// Role.
    pub role: Option<String>,
    /// Biography as HTML.
    pub bio_html: String,
    /// Conflicts of interest ("None" when declared so).
    pub disclosures: Vec<String>,
    /// Professional links.
    pub links: Vec<LinkView>,
    /// Public e-mail.
    pub email: Option<String>,
    /// Their articles, newest first.
    pub articles: Vec<SummaryValue>,
    /// Articles they reviewed, newest first.
    pub reviewed: Vec<SummaryValue>,
}

/// A year of the archive.
#[derive(Clone, Debug, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i16,
    /// Its articles, newest first.
    pub articles: Vec<SummaryValue>,
}

/// A line of the corrections log.
#[derive(Clone, Debug, Serialize)]
pub struct LoggedCorrectionView {
    /// The correction.
    pub correction: CorrectionView,
    /// The corrected article's title.
    pub article_title: String,
    /// Link to the correction on the article (`/articles/x/#correction-2026-03-02`).
    pub url: String,
}

/// A standalone page's content (`content` in page.html).
#[derive(Clone, Debug, Serialize)]
pub struct ContentView {
    /// Title.
    pub title: String,
    /// Body HTML.
    pub body_html: String,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Last updated, if given.
    pub updated: Option<DateView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links_a_window_not_every_page() {
        let p = Pagination::new("/", 50, 1000);
        let numbers: Vec<(usize, bool)> =
            p.pages.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            numbers,
            [
                (1, false),
                (48, true),
                (49, false),
                (50, false),
                (51, false),
                (52, false),
                (1000, true)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("/page/49/"));
        assert_eq!(p.next.as_deref(), Some("/page/51/"));
        let p = Pagination::new("/tags/x/", 1, 2);
        let numbers: Vec<usize> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2]);
        assert_eq!(p.pages[0].url, "/tags/x/");
        assert_eq!(p.pages[1].url, "/tags/x/page/2/");
    }
}
