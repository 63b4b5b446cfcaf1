//! Reading mock files: the repository walk, detection of the format from the content, and
//! one reader per format (WireMock, Pact, Hoverfly, VCR, HAR, fixtures), all into the one
//! model of `crate::mock`.

use std::path::Path;

use crate::mock::Item;
use crate::tree::Node;

mod common;
mod fixture;
mod har;
mod hoverfly;
mod pact;
mod vcr;
mod walk;
mod wiremock;

pub(crate) use self::common::base64_bytes;
use self::common::{skipped, unreadable};
pub use self::fixture::read_fixture;
pub use self::walk::collect_files;

/// Reads one mock file. The format is detected from the content; `service` (from
/// `--mocks SERVICE=PATH`) overrides what the file says.
pub fn read_file(path: &Path, service: Option<&str>) -> Vec<Item> {
    if path.is_dir() {
        // Listed by the walk because it could not be read.
        let reason = match std::fs::read_dir(path) {
            Err(e) => format!("cannot read this directory: {e}"),
            Ok(_) => "a directory, not a mock file".to_owned(),
        };
        return vec![unreadable(path, 1, reason)];
    }
    // Refused before it is read (`parse` says why).
    if path.metadata().is_ok_and(|m| u32::try_from(m.len()).is_err()) {
        return vec![unreadable(path, 1, TOO_LARGE.to_owned())];
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) => {
            let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            return vec![unreadable(path, 1, format!("a symbolic link to {target:?}, which cannot be read: {e}"))];
        }
        Err(e) => return vec![unreadable(path, 1, format!("cannot read: {e}"))],
    };
    // The file's bytes go as soon as its tree is built: a large mock is held once.
    let root = parse(path, &bytes, service);
    drop(bytes);
    match root {
        Ok(root) => read_root(path, root, service),
        Err(items) => items,
    }
}

/// Why a file over 4 GiB is not read: mock trees hold 32-bit byte offsets.
const TOO_LARGE: &str = "larger than 4 GiB, more than a mock file is read";

/// The mocks in a file's bytes, read as if from `path` (its extension picks YAML; WireMock's
/// `bodyFileName` resolves beside it). Never panics, whatever the bytes (fuzzed in
/// `tests/fuzz.rs`): what cannot be read is an [`Item::Unreadable`] with its line.
pub fn read_bytes(path: &Path, bytes: &[u8], service: Option<&str>) -> Vec<Item> {
    match parse(path, bytes, service) {
        Ok(root) => read_root(path, root, service),
        Err(items) => items,
    }
}

/// A JSON file's tree, or what a YAML file (read whole here) or unparseable bytes give.
fn parse(path: &Path, bytes: &[u8], service: Option<&str>) -> Result<Node, Vec<Item>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if u32::try_from(bytes.len()).is_err() {
        return Err(vec![unreadable(path, 1, TOO_LARGE.to_owned())]);
    }
    if matches!(ext.as_str(), "yml" | "yaml") {
        let text = String::from_utf8_lossy(bytes);
        if text.trim().is_empty() {
            return Err(vec![skipped(path, 1, "empty file")]);
        }
        let root = match crate::yaml::parse(&text) {
            Ok(n) => n,
            Err((line, reason)) => return Err(vec![unreadable(path, line, format!("not valid YAML: {reason}"))]),
        };
        let is_cassette = root.get("http_interactions").is_some()
            || matches!(root.get("interactions").map(|i| &i.kind), Some(crate::tree::NodeKind::Array(_)));
        let vcr1 = matches!(&root.kind, crate::tree::NodeKind::Array(items) if items.first().is_some_and(|i| i.get("request").is_some()));
        let mut items = if is_cassette {
            vcr::read(path, &root)
        } else if vcr1 {
            vec![skipped(path, root.line, "VCR 1.x cassettes (before http_interactions) are not read")]
        } else {
            vec![skipped(path, root.line, "YAML file that is not a VCR cassette")]
        };
        set_service(&mut items, service);
        return Err(items);
    }
    match Node::parse(bytes, 1) {
        Ok(n) => Ok(n),
        Err(e) if ext == "json" || ext == "har" => Err(vec![unreadable(path, e.line, format!("not valid JSON: {e}"))]),
        Err(_) => Err(vec![skipped(path, 1, "not a JSON mock file")]),
    }
}

/// The mocks in a parsed JSON mock file.
fn read_root(path: &Path, mut root: Node, service: Option<&str>) -> Vec<Item> {
    let mut items = match detect(&root) {
        Detected::WireMock => wiremock::read(path, &mut root),
        Detected::Pact => pact::read(path, &root),
        Detected::Hoverfly => hoverfly::read(path, &root),
        Detected::Har => har::read(path, &mut root),
        Detected::Vcr => vcr::read(path, &root),
        Detected::Unsupported(what) => vec![skipped(path, root.line, what)],
    };
    set_service(&mut items, service);
    items
}

fn set_service(items: &mut [Item], service: Option<&str>) {
    if let Some(s) = service {
        for item in items {
            if let Item::Mock(m) = item {
                m.service = Some(s.to_owned());
            }
        }
    }
}

enum Detected {
    WireMock,
    Pact,
    Hoverfly,
    Har,
    Vcr,
    Unsupported(&'static str),
}

fn detect(root: &Node) -> Detected {
    use crate::tree::NodeKind;
    let has = |k| root.get(k).is_some();
    let first_item = |n: Option<&Node>| match n.map(|n| &n.kind) {
        Some(NodeKind::Array(items)) => items.first().cloned(),
        _ => None,
    };
    if let NodeKind::Array(items) = &root.kind {
        let first = items.first();
        let has_in = |k| first.is_some_and(|f| f.get(k).is_some());
        return if has_in("scope") && has_in("status") {
            Detected::Unsupported("nock recordings are not supported")
        } else if has_in("httpRequest") {
            Detected::Unsupported("MockServer expectations are not supported")
        } else if has_in("Request") || has_in("Guid") {
            Detected::Unsupported("WireMock.Net mappings are not read yet")
        } else if has_in("request") && has_in("response") {
            Detected::Unsupported(
                "a top-level array of mappings (WireMock.Net style) is not read yet; use {\"mappings\": [...]}",
            )
        } else {
            Detected::Unsupported("not a recognised mock format")
        };
    }
    let legacy_hoverfly = first_item(root.get("data")).is_some_and(|p| p.get("response").is_some());
    if (has("interactions") || has("messages")) && (has("consumer") || has("provider")) {
        Detected::Pact
    } else if has("http_interactions")
        || matches!(root.get("interactions").map(|i| &i.kind), Some(crate::tree::NodeKind::Array(_)))
    {
        Detected::Vcr
    } else if has("mappings") || (has("request") && has("response")) {
        Detected::WireMock
    } else if has("trigger") || has("actions") && !has("request") {
        Detected::Unsupported("WireMock message stub mapping (not HTTP)")
    } else if has("Request") && has("Response") || has("Guid") {
        Detected::Unsupported("WireMock.Net mappings are not read yet")
    } else if root.get("data").is_some_and(|d| d.get("pairs").is_some()) || legacy_hoverfly {
        Detected::Hoverfly
    } else if has("routes") && (has("lastMigration") || has("uuid")) {
        Detected::Unsupported("Mockoon environments are not supported")
    } else if root.get("entries").is_some_and(|e| matches!(e.kind, NodeKind::Object(_))) && has("created_at") {
        Detected::Unsupported("the old Polly.js recording format (before HAR) is not supported")
    } else if root.get("data").is_some_and(|d| d.get("globalActions").is_some()) {
        Detected::Unsupported("Hoverfly delay settings, not a simulation")
    } else if root.get("log").is_some_and(|l| l.get("entries").is_some()) {
        Detected::Har
    } else if has("imposters") || has("stubs") && has("port") {
        Detected::Unsupported("Mountebank imposters are not supported")
    } else if has("httpRequest") {
        Detected::Unsupported("MockServer expectations are not supported")
    } else if root.get("info").is_some_and(|i| i.get("_postman_id").is_some() || i.get("schema").is_some())
        || has("item") && has("info")
    {
        Detected::Unsupported("Postman collections are not supported")
    } else {
        Detected::Unsupported("not a recognised mock format")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_4_gib_gets_a_note_without_being_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("huge.json");
        // Sparse: no disk is used, and reading it would take minutes and 5 GiB of memory.
        std::fs::File::create(&path).expect("create").set_len(5 << 30).expect("set_len");
        match read_file(&path, None).as_slice() {
            [Item::Unreadable(n)] => assert_eq!((n.line, n.reason.as_str()), (1, TOO_LARGE)),
            other => panic!("{other:?}"),
        }
    }
}
