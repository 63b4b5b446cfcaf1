//! Plain JSON fixtures, tied to an endpoint by `[[fixture]]` in `mockdrift.toml`.

use std::path::Path;

use crate::mock::{BodyForm, BodySite, Item, Mock, MockBody, MockFormat, UrlPattern};

use crate::tree::Node;

use super::common::unreadable;

/// A plain JSON fixture tied to an endpoint by configuration (`[[fixture]]` in
/// `mockdrift.toml`): the file is the response body.
pub fn read_fixture(file: &Path, service: Option<&str>, method: &str, url: &str, status: u16) -> Item {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return unreadable(file, 1, format!("fixture: cannot read: {e}")),
    };
    let body = match Node::parse(&bytes, 1) {
        Ok(n) => MockBody::Json(n),
        Err(e) => return unreadable(file, e.line, format!("fixture is not valid JSON: {e}")),
    };
    let url = if url.contains('{') || url.contains("/:") {
        UrlPattern::Template(url.to_owned())
    } else {
        UrlPattern::Path(url.to_owned())
    };
    let name = format!("{} {} {status}", method.to_ascii_uppercase(), url.display());
    Item::Mock(Box::new(Mock {
        service: service.map(str::to_owned),
        method: Some(method.to_ascii_uppercase()),
        // A fixture is a JSON body of no stated media type: it stands for the endpoint's
        // usual one (`application/json`, `application/problem+json`, ...).
        media_type: None,
        body,
        body_site: Some(BodySite {
            file: file.to_path_buf(),
            path: Vec::new(),
            form: BodyForm::Json,
            lengths: Vec::new(),
            encoding: String::new(),
        }),
        ..Mock::new(file, MockFormat::Fixture, name, 1, url, status)
    }))
}
