//! The book in `docs/` stays true: its command reference is what the binary says, every page
//! is in the table of contents, and every link between pages leads somewhere.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{mockdrift, repo};

/// `docs/src/reference/commands.md` is `mockdrift reference`: a flag added, renamed or
/// dropped without the page regenerated fails here.
#[test]
fn the_command_reference_is_generated_from_the_binary() {
    let generated = mockdrift(&repo(), &["reference"]);
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    let committed = std::fs::read_to_string(repo().join("docs/src/reference/commands.md")).expect("the page");
    if committed != generated.stdout {
        let first = committed.lines().zip(generated.stdout.lines()).position(|(a, b)| a != b);
        panic!(
            "docs/src/reference/commands.md is stale (first difference at line {}); regenerate it: \
             cargo run -q -- reference > docs/src/reference/commands.md",
            first.map_or(committed.lines().count().min(generated.stdout.lines().count()), |i| i + 1)
        );
    }
    // Every flag of every command is in it.
    for flag in
        ["--admin-tls-cert", "--contracts-ca", "--write", "--new-format", "--from", "--check", "--max-connections"]
    {
        assert!(committed.contains(&format!("`{flag}")), "{flag} is missing from the reference");
    }
}

/// `mockdrift man` prints roff pages for mockdrift and each of its commands.
#[test]
fn man_pages_are_printed_for_every_command() {
    let top = mockdrift(&repo(), &["man"]);
    assert_eq!(top.code, 0, "{}", top.stderr);
    assert!(top.stdout.contains(".TH mockdrift 1") && top.stdout.contains("mockdrift\\-diff"), "{}", top.stdout);
    let infer = mockdrift(&repo(), &["man", "contracts", "infer"]);
    assert!(infer.stdout.contains(".TH mockdrift-contracts-infer 1") && infer.stdout.contains("\\-\\-service"));
    let bad = mockdrift(&repo(), &["man", "nonsense"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no command `mockdrift nonsense`"), "{}", bad.stderr);
}

/// Every page under `docs/src` is in `SUMMARY.md`, and every relative link in the book and in
/// the README leads to a file that exists.
#[test]
fn every_page_is_in_the_summary_and_every_link_resolves() {
    let src = repo().join("docs/src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).expect("SUMMARY.md");
    let mut pages = BTreeSet::new();
    collect(&src, &src, &mut pages);
    for page in &pages {
        if page != "SUMMARY.md" {
            assert!(summary.contains(&format!("]({page})")), "{page} is not in docs/src/SUMMARY.md");
        }
    }
    let mut checked = 0;
    for page in pages.iter().map(|p| src.join(p)).chain([repo().join("README.md")]) {
        let text = std::fs::read_to_string(&page).expect("read");
        for target in links(&text) {
            let file = target.split('#').next().unwrap_or("");
            if file.is_empty() || file.contains("://") || file.starts_with("mailto:") {
                continue;
            }
            let resolved = page.parent().expect("a directory").join(file);
            assert!(resolved.exists(), "{}: the link to {target} leads nowhere", page.display());
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} links checked");
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            collect(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.insert(p.strip_prefix(root).expect("under the root").to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The targets of Markdown links `[text](target)` outside code.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
        }
        if fence {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            out.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    out
}
