//! The "Spotted an error? Have a question?" link under every article.
//!
//! Input: the site's `feedback:` settings (a form's address, or an e-mail address, which
//! defaults to `practice.email`) and the article's title and permalink. Output: the link, with
//! the article filled in so that the practice knows which article the reader means:
//! - a form: `{title}` and `{url}` in its address are replaced by the percent-encoded title
//!   and address; an address without them gets `title=` and `url=` query parameters;
//! - e-mail: `mailto:` with a subject naming the article and a body that starts with its
//!   address (RFC 6068, everything but unreserved characters percent-encoded).
//!
//! No link at all when the site gives neither: a link to nowhere is worse than none.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::config::Config;

/// What RFC 3986 leaves unencoded in a query value: letters, digits and `-._~`.
const QUERY_VALUE: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The feedback link of an article (`article.feedback` in article.html).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FeedbackView {
    /// The link's address: the form, or a `mailto:` address.
    pub href: String,
    /// `form` or `email`.
    pub kind: &'static str,
    /// The e-mail address, to show as text next to a `mailto:` link.
    pub email: Option<String>,
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// The feedback link for an article with this title and absolute address, if the site has
/// somewhere to send it.
pub fn link(config: &Config, title: &str, permalink: &str) -> Option<FeedbackView> {
    let form = config.feedback.form.as_deref().map(str::trim).filter(|f| !f.is_empty());
    if let Some(form) = form {
        let href = if form.contains("{title}") || form.contains("{url}") {
            form.replace("{title}", &encode(title)).replace("{url}", &encode(permalink))
        } else {
            let sep = if form.contains('?') { '&' } else { '?' };
            format!("{form}{sep}title={}&url={}", encode(title), encode(permalink))
        };
        return Some(FeedbackView { href, kind: "form", email: None });
    }
    let email = config
        .feedback
        .email
        .as_deref()
        .or(config.practice.as_ref().and_then(|p| p.email.as_deref()))
        .map(str::trim)
        .filter(|e| !e.is_empty())?;
    let subject = format!("About your article: {title}");
    let body = format!("About {title}\n{permalink}\n\n");
    Some(FeedbackView {
        href: format!(
            "mailto:{}?subject={}&body={}",
            encode_address(email),
            encode(&subject),
            encode(&body)
        ),
        kind: "email",
        email: Some(email.to_string()),
    })
}

/// An e-mail address as RFC 6068 writes it in a `mailto:` URI: the `@` kept, anything that
/// could end the address (`?`, `#`, `%`, spaces...) encoded.
fn encode_address(email: &str) -> String {
    const ADDRESS: &AsciiSet = &QUERY_VALUE.remove(b'@').remove(b'+').remove(b'!');
    utf8_percent_encode(email, ADDRESS).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml: &str) -> Config {
        serde_yaml::from_str(&format!("title: T\nbase_url: https://clinic.example/\n{yaml}"))
            .unwrap()
    }

    const TITLE: &str = "Statins: who benefits & why?";
    const URL: &str = "https://clinic.example/articles/statins/";

    #[test]
    fn email_from_the_practice_or_feedback() {
        let c = config("practice:\n  email: office@clinic.example\n");
        let f = link(&c, TITLE, URL).unwrap();
        assert_eq!(
            f.href,
            "mailto:office@clinic.example?subject=About%20your%20article%3A%20Statins%3A%20who%20benefits%20%26%20why%3F&body=About%20Statins%3A%20who%20benefits%20%26%20why%3F%0Ahttps%3A%2F%2Fclinic.example%2Farticles%2Fstatins%2F%0A%0A"
        );
        assert_eq!(f.kind, "email");
        let c = config(
            "practice:\n  email: office@clinic.example\nfeedback:\n  email: questions@clinic.example\n",
        );
        assert!(link(&c, TITLE, URL).unwrap().href.starts_with("mailto:questions@clinic.example?"));
    }

    #[test]
    fn a_form_wins_and_gets_the_article() {
        let c = config(
            "practice:\n  email: office@clinic.example\nfeedback:\n  form: https://forms.example/f?id=7&page={url}&t={title}\n",
        );
        let f = link(&c, TITLE, URL).unwrap();
        assert_eq!(
            f.href,
            "https://forms.example/f?id=7&page=https%3A%2F%2Fclinic.example%2Farticles%2Fstatins%2F&t=Statins%3A%20who%20benefits%20%26%20why%3F"
        );
        let c = config("feedback:\n  form: https://forms.example/ask\n");
        assert_eq!(
            link(&c, "A", URL).unwrap().href,
            "https://forms.example/ask?title=A&url=https%3A%2F%2Fclinic.example%2Farticles%2Fstatins%2F"
        );
    }

    #[test]
    fn nothing_without_a_contact() {
        assert_eq!(link(&config(""), TITLE, URL), None);
        assert_eq!(link(&config("practice:\n  name: Clinic\n"), TITLE, URL), None);
    }
}
