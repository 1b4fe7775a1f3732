//! A person of authors.yaml as pages and feeds show them: name, credentials and the address
//! of their page. Shared by the page views, the share metadata and the feeds.

use serde::Serialize;

use crate::site::Site;

/// A person as an article shows them.
#[derive(Clone, Debug, Serialize)]
pub struct PersonView {
    /// Id in authors.yaml.
    pub id: String,
    /// Name.
    pub name: String,
    /// Credentials joined with ", " (e.g. "MD, FAAFP").
    pub credentials: String,
    /// "Name, MD".
    pub name_with_credentials: String,
    /// Author page path.
    pub url: String,
}

impl PersonView {
    /// The view of author `id` (which assembling checked exists).
    pub fn new(site: &Site, id: &str) -> Self {
        let (name, credentials) = match site.authors.get(id) {
            Some(a) => (a.name.clone(), a.credentials.join(", ")),
            None => (id.to_string(), String::new()),
        };
        let name_with_credentials =
            if credentials.is_empty() { name.clone() } else { format!("{name}, {credentials}") };
        PersonView {
            id: id.to_string(),
            name,
            credentials,
            name_with_credentials,
            url: super::urls::author(site.config.base_path(), id),
        }
    }
}
