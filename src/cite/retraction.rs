//! Retracted sources, cited as the AMA Manual of Style (11th ed.) shows them: the retraction
//! notice in brackets after the article's title,
//! "Hwang WS, Roh SI, Lee BC, et al. Patient-specific embryonic stem cells derived from human
//! SCNT blastocysts [retracted in: Science. 2006;311(5759):335]. Science.
//! 2005;308(5729):1777-1783."
//!
//! Input: a retracted [`CslItem`] and, when its notice is in the bibliography too, the
//! notice's item. Output: the bracket as HTML (`<strong class="ref-retracted">`, the notice
//! linked to its DOI) and as plain text.
//!
//! Where the notice comes from, first found wins (docs/writing.md tells authors):
//! 1. `retraction-notice:` (a `rounds` field; BibTeX `retraction-notice` or
//!    `retractionnotice`): the key of the notice in the bibliography, whose journal, year,
//!    volume, issue and pages make the short form; or the notice's DOI; or the short form
//!    itself (`Lancet. 2010;375(9713):445`);
//! 2. a `Retraction in:` (or `Retracted in:`) line in `note`, as PubMed prints it and Zotero
//!    keeps it in Extra: `Retraction in: Lancet. 2010 Feb 6;375(9713):445. doi: ...`; the day
//!    and month PubMed adds to the year, and the DOI and PMID after it, are left out;
//! 3. otherwise the bracket says only `[retracted]`.

use std::fmt::Write as _;

use super::csl::CslItem;
use super::escape_html;
use super::load::{is_valid_doi, normalize_doi};

/// Where an item says its retraction notice is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NoticeSource<'a> {
    /// The key of the notice's own entry in the bibliography.
    Key(&'a str),
    /// The notice's DOI (normalized).
    Doi(String),
    /// The notice's short citation, as written.
    Citation(String),
    /// No notice given.
    Unknown,
}

/// Where `item`'s retraction notice is (see the module's notes for the order).
pub(crate) fn notice_source(item: &CslItem) -> NoticeSource<'_> {
    if let Some(r) = item.retraction_notice.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        let doi = normalize_doi(r);
        if is_valid_doi(&doi) {
            return NoticeSource::Doi(doi);
        }
        if r.contains(char::is_whitespace) {
            return NoticeSource::Citation(r.trim_end_matches('.').to_string());
        }
        return NoticeSource::Key(r);
    }
    match item.note.as_deref().and_then(note_notice) {
        Some(c) => NoticeSource::Citation(c),
        None => NoticeSource::Unknown,
    }
}

/// The notice named by a `Retraction in:` line of a note, in AMA's short form.
pub(crate) fn note_notice(note: &str) -> Option<String> {
    let lower = note.to_ascii_lowercase();
    let at = ["retraction in:", "retracted in:"]
        .iter()
        .find_map(|m| lower.find(m).map(|i| i + m.len()))?;
    let mut rest = note[at..].trim_start();
    // The notice ends where PubMed's identifiers, or the note's next line, begin.
    let lower_rest = rest.to_ascii_lowercase();
    let end = ["\n", " doi:", " doi ", " pmid:", " pmid ", " epub "]
        .iter()
        .filter_map(|m| lower_rest.find(m))
        .min()
        .unwrap_or(rest.len());
    rest = rest[..end].trim().trim_end_matches(['.', ';', ',']).trim_end();
    if rest.is_empty() {
        return None;
    }
    Some(ama_date(rest))
}

/// PubMed's `Lancet. 2010 Feb 6;375(9713):445` as AMA's `Lancet. 2010;375(9713):445`: the
/// year only, before the volume.
fn ama_date(citation: &str) -> String {
    let Some((head, tail)) = citation.split_once(';') else { return citation.to_string() };
    let (journal, date) = match head.rfind(". ") {
        Some(i) => (&head[..i + 2], &head[i + 2..]),
        None => ("", head),
    };
    let year = date.split_whitespace().next().unwrap_or("");
    if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
        format!("{journal}{year};{tail}")
    } else {
        citation.to_string()
    }
}

/// The short form of a notice that is in the bibliography: `Journal. Year;Vol(Issue):Pages`
/// (the form PubMed and the Manual use), else its title and year; and the address to link it
/// to (its DOI, else its URL).
fn short_form(notice: &CslItem) -> (String, Option<String>) {
    let journal = notice
        .container_title_short
        .as_deref()
        .map(super::ama::journal_abbreviation)
        .or_else(|| notice.container_title.clone());
    let location = super::ama::journal_location(notice);
    let text = match (journal, location) {
        (Some(j), Some(l)) => format!("{}. {l}", super::ama::strip_tags(&j)),
        (Some(j), None) => super::ama::strip_tags(&j),
        (None, l) => {
            let title = notice.title.as_deref().map(super::ama::strip_tags).unwrap_or_default();
            match l {
                Some(l) if !title.is_empty() => format!("{title}. {l}"),
                Some(l) => l,
                None => title,
            }
        }
    };
    let href = match (&notice.doi, &notice.url) {
        (Some(doi), _) => Some(super::ama::doi_url(&normalize_doi(doi))),
        (None, Some(url)) if url.starts_with("https://") || url.starts_with("http://") => {
            Some(url.clone())
        }
        _ => None,
    };
    (text, href)
}

/// The bracket for a retracted `item` as (HTML, text): `[retracted in: <notice>]`, or
/// `[retracted]` when the notice is unknown. `notice` is the notice's item when
/// `retraction-notice:` names one in the bibliography.
pub(crate) fn bracket(item: &CslItem, notice: Option<&CslItem>) -> (String, String) {
    let (citation, href) = match (notice, notice_source(item)) {
        (Some(n), _) => {
            let (text, href) = short_form(n);
            (Some(text), href)
        }
        (None, NoticeSource::Doi(doi)) => {
            (Some(format!("doi:{doi}")), Some(super::ama::doi_url(&doi)))
        }
        (None, NoticeSource::Citation(c)) => (Some(c), None),
        (None, NoticeSource::Key(_) | NoticeSource::Unknown) => (None, None),
    };
    let Some(citation) = citation.filter(|c| !c.is_empty()) else {
        return (
            "<strong class=\"ref-retracted\">[retracted]</strong>".into(),
            "[retracted]".into(),
        );
    };
    let text = format!("[retracted in: {citation}]");
    let mut html = String::from("<strong class=\"ref-retracted\">[retracted in: ");
    match href {
        Some(h) => {
            let _ = write!(html, "<a href=\"{}\">{}</a>", escape_html(&h), escape_html(&citation));
        }
        None => html.push_str(&escape_html(&citation)),
    }
    html.push_str("]</strong>");
    (html, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pubmed_notes_give_the_ama_short_form() {
        assert_eq!(
            note_notice(
                "Retraction in: Lancet. 2010 Feb 6;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4. PMID: 20137807."
            )
            .as_deref(),
            Some("Lancet. 2010;375(9713):445")
        );
        assert_eq!(
            note_notice("PMID: 9500320\nRetracted in: Science. 2006;311(5759):335.").as_deref(),
            Some("Science. 2006;311(5759):335")
        );
        assert_eq!(note_notice("PMID: 9500320"), None);
        assert_eq!(note_notice("Retraction in:"), None);
    }

    #[test]
    fn where_the_notice_is() {
        let with = |r: &str| CslItem { retraction_notice: Some(r.into()), ..CslItem::default() };
        assert_eq!(notice_source(&with("lancet2010")), NoticeSource::Key("lancet2010"));
        assert_eq!(
            notice_source(&with("https://doi.org/10.1016/S0140-6736(10)60175-4")),
            NoticeSource::Doi("10.1016/S0140-6736(10)60175-4".into())
        );
        assert_eq!(
            notice_source(&with("Lancet. 2010;375(9713):445.")),
            NoticeSource::Citation("Lancet. 2010;375(9713):445".into())
        );
        assert_eq!(notice_source(&CslItem::default()), NoticeSource::Unknown);
    }
}
