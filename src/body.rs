//! One article's body rendered with its citations: the cite and markdown stages of the
//! pipeline for a single article, so that a build can run them in parallel and watch mode can
//! run them again for the one article that changed.

use std::sync::Arc;

use jiff::civil::Date;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::RenderedBody;
use crate::source::{self, ArticleSource};
use crate::{cite, markdown, sanitize};

/// Renders one article's body with its citations; returns it with the problems found in it.
/// `source_dir` is the content folder, where its images are read for their size.
pub fn render_article(
    a: &ArticleSource,
    bib: &cite::Bibliography,
    now: Date,
    source_dir: &std::path::Path,
) -> (RenderedBody, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let local =
        cite::ArticleBibliography::new(bib, &a.file, a.yaml(), a.split.yaml.start, &mut diags);
    local.check(now, &mut diags);
    let mut citer = cite::Citer::new(&local, &a.file);
    let size_of = |src: &str| {
        markdown::images::local_file(source_dir, &a.rel_path, src)
            .and_then(|p| markdown::images::file_size(&p))
    };
    let mut body =
        markdown::render_with_images(a.body(), a.split.body_offset, &mut citer, &size_of);
    let (cited, cite_diags) = citer.finish();
    diags.extend(cite_diags);
    body.references_html = cited.render_list_html();
    body.references =
        Arc::new(cited.entries.iter().map(cite::FormattedReference::to_cited_source).collect());
    body.seal();
    for p in &body.diagnostics {
        diags.push(p.diagnostic(&a.file));
    }
    // Correction notes from the front matter are rendered when the file is read; what their
    // sanitizing removed is reported here, with the body's findings (and cached with them).
    for (n, c) in a.front.corrections.iter().enumerate() {
        let (_, problems) = markdown::render_inline_checked(&c.text);
        if !problems.is_empty() {
            let item = source::front_matter::item_span(&a.file, &a.split, "corrections", n);
            let region = item.start..a.split.yaml.end;
            sanitize::report_markdown(&c.text, problems, &a.file, region, &mut diags);
        }
    }
    (body, diags.into_vec())
}
