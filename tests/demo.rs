//! `mockdrift demo`: the README's first command, end to end.

use crate::support::{mockdrift, repo};

#[test]
fn the_demo_records_reports_drift_shows_the_fix_and_leaves_nothing_behind() {
    let run = mockdrift(&repo(), &["demo"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let out = &run.stdout;
    // Real traffic went through the real proxy into a real store.
    assert!(out.contains("80 requests forwarded byte for byte and recorded: 4 endpoint contracts"), "{out}");
    assert!(run.stderr.contains("80 recorded, 0 sampled down, 0 dropped, 0 upstream errors"), "{}", run.stderr);
    // The drift the sample API was built with, found by the differ.
    for needle in [
        "unknown_field /amount_cents",
        "missing_field /risk_score",
        "type_mismatch /metadata/order",
        "content_type_mismatch",
        "status_never_seen [GET /v1/charges 503]",
        "6 errors, 4 warnings, 2 info in 3 files",
    ] {
        assert!(out.contains(needle), "{needle} not in:\n{out}");
    }
    // The regen diff that fixes it, and the way to do the same for real.
    assert!(out.contains("-      \"amount_cents\": 1025,"), "{out}");
    assert!(out.contains("+      \"risk_score\": 0.0"), "{out}");
    assert!(out.contains("fixed  mocks/wiremock/mappings/get-charge.json"), "{out}");
    assert!(out.contains("Do the same with your own service"), "{out}");
    // Its temporary directory is gone, and the repository's mocks are untouched.
    let dir = out.lines().find_map(|l| l.strip_prefix("Working in ")).and_then(|l| l.split(" (").next()).expect("dir");
    assert!(!std::path::Path::new(dir).exists(), "{dir} left behind");
    let mapping = std::fs::read_to_string(repo().join("examples/quickstart/mocks/wiremock/mappings/get-charge.json"))
        .expect("read");
    assert!(mapping.contains("amount_cents"));
}
