//! The floor under any HAR learner, for `bench/scale.py --genson`: reads a HAR file with
//! `serde_json` (entries borrowed from the file's bytes, as fast as serde reads them) and
//! parses every response body's text into a `serde_json::Value`, on one thread, learning
//! nothing. `contracts infer` does this and more (templates, shapes, the store); genson does
//! it in Python and more. Prints the entries and JSON bodies read.
//!
//!     cargo run --release -p mockdrift-contracts --example har_parse -- FILE.har

use serde::Deserialize;
use std::borrow::Cow;

#[derive(Deserialize)]
struct Har<'a> {
    #[serde(borrow)]
    log: Log<'a>,
}

#[derive(Deserialize)]
struct Log<'a> {
    #[serde(borrow)]
    entries: Vec<Entry<'a>>,
}

#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    request: Request<'a>,
    #[serde(borrow)]
    response: Response<'a>,
}

#[derive(Deserialize)]
struct Request<'a> {
    #[serde(borrow)]
    method: Cow<'a, str>,
    #[serde(borrow)]
    url: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Response<'a> {
    status: u16,
    #[serde(borrow)]
    content: Content<'a>,
}

#[derive(Deserialize)]
struct Content<'a> {
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: har_parse FILE.har")?;
    let bytes = std::fs::read(&path)?;
    let har: Har = serde_json::from_slice(&bytes).map_err(|e| format!("{path}: {e}"))?;
    let (mut bodies, mut touched) = (0usize, 0usize);
    for e in &har.log.entries {
        touched += e.request.method.len() + e.request.url.len() + usize::from(e.response.status);
        if let Some(text) = &e.response.content.text
            && serde_json::from_str::<serde_json::Value>(text).is_ok()
        {
            bodies += 1;
        }
    }
    println!("{} entries, {bodies} JSON bodies ({touched})", har.log.entries.len());
    Ok(())
}
