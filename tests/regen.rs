//! `mockdrift regen` end to end: diffs, in-place writes, each format kept in its own form,
//! real corpus mocks fixed against contracts that contradict them, secrets kept out.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{all_bytes, corpus, mockdrift, repo};

const NOW: &str = "2026-11-06T00:00:00Z";
const BODY_KINDS: [&str; 5] =
    ["missing_field", "unknown_field", "type_mismatch", "format_mismatch", "enum_value_unknown"];

/// A temp dir with a store `st` learned from the example traffic and a copy of the
/// quickstart mocks in `mocks/`.
fn setup() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let traffic = repo().join("examples/traffic/payments.jsonl").display().to_string();
    assert_eq!(mockdrift(tmp.path(), &["contracts", "infer", "--store", "st", &traffic]).code, 0);
    copy_dir(&repo().join("examples/quickstart/mocks"), &tmp.path().join("mocks"));
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let p = e.expect("entry").path();
        let dest = to.join(p.file_name().expect("name"));
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

fn report(dir: &Path, contracts: &str, mocks: &str, extra: &[&str]) -> Value {
    let mut args = vec!["diff", "--contracts", contracts, "--mocks", mocks, "--format", "json", "--now", NOW];
    args.extend_from_slice(extra);
    let run = mockdrift(dir, &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("json report")
}

/// Findings of the body kinds, as `file pointer kind`.
fn body_findings(r: &Value) -> Vec<String> {
    r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| BODY_KINDS.contains(&f["kind"].as_str().unwrap_or("")) && f["severity"] != "info")
        .map(|f| format!("{} {} {}", f["file"].as_str().unwrap_or(""), f["pointer"], f["kind"]))
        .collect()
}

#[test]
fn regen_shows_the_edits_then_writes_them_and_the_mocks_pass() {
    let tmp = setup();
    let d = tmp.path();
    let mapping = d.join("mocks/wiremock/mappings/get-charge.json");
    let before = std::fs::read_to_string(&mapping).expect("read");
    let args = ["regen", "--contracts", "st", "--mocks", "mocks", "--now", NOW];
    let run = mockdrift(d, &args);
    assert_eq!(run.code, 1, "an edit would be made: {}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("--- a/mocks/wiremock/mappings/get-charge.json"), "{}", run.stdout);
    assert!(run.stdout.contains("-      \"amount_cents\": 1025,"), "{}", run.stdout);
    assert!(run.stdout.contains("+      \"risk_score\": 0.0"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&mapping).expect("read"), before, "without --write nothing is written");

    // A broken mock file is named with its line and reason; the others are still fixed.
    std::fs::write(d.join("mocks/broken.json"), "{\n  \"request\": {},\n  \"response\": {\"status\": 200,,}\n}\n")
        .expect("write");
    let run = mockdrift(d, &[&args[..], &["--write"]].concat());
    assert!(run.stdout.contains("left   mocks/broken.json:3 error mock_unreadable"), "{}", run.stdout);
    std::fs::remove_file(d.join("mocks/broken.json")).expect("rm");
    // The 404 mock serves the wrong media type: regen cannot fix that, and says so.
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("left   mocks/wiremock/mappings/charge-not-found.json:4 error content_type_mismatch"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("fixed  mocks/wiremock/mappings/get-charge.json \"get a charge\""), "{}", run.stdout);
    let after = std::fs::read_to_string(&mapping).expect("read");
    // Minimal: the request part and the untouched body lines are byte for byte the same,
    // keys keep their order, and the file is still the same JSON layout.
    let head = |s: &str| s.lines().take(12).collect::<Vec<_>>().join("\n");
    assert_eq!(head(&after), head(&before));
    let body = &after[after.find("jsonBody").expect("jsonBody")..];
    let pos = |k: &str| body.find(k).unwrap_or_else(|| panic!("{k} in {after}"));
    assert!(pos("\"id\": \"ch_001001\"") < pos("\"status\"") && pos("\"status\"") < pos("\"customer\""));
    assert!(after.contains("      \"customer\": {\n        \"id\": \"cus_000001\",\n"), "{after}");
    assert!(
        after.contains("      \"amount\": {\n        \"currency\": "),
        "new members take the file's indentation: {after}"
    );
    assert!(!after.contains("amount_cents"));

    let r = report(d, "st", "mocks", &[]);
    assert_eq!(body_findings(&r), Vec::<String>::new(), "{r:#}");
    // Nothing more to do: a second run makes no edit.
    let run = mockdrift(d, &args);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("would rewrite 0 files"), "{}", run.stdout);
}

/// Mocks of the same drifted endpoint in every editable form.
fn write_format_mocks(d: &Path) {
    let stale = r#"{"id": "ch_001001", "amount_cents": 1025, "status": "succeeded", "created_at": "2026-11-03T10:30:00.000Z", "customer": {"id": "cus_000001", "email": "a@example.com"}, "metadata": {"order": "5001"}, "refunded_at": null, "risk_score": 0.1}"#;
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(stale);
    let m = d.join("mocks/wiremock/mappings");
    std::fs::create_dir_all(&m).expect("mkdir");
    std::fs::create_dir_all(d.join("mocks/wiremock/__files")).expect("mkdir");
    let len = stale.len();
    let mappings = json!({"mappings": [
        {"name": "as a string", "request": {"method": "GET", "urlPath": "/v1/charges/ch_001001"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json", "Content-Length": len.to_string()}, "body": stale}},
        {"name": "in base64", "request": {"method": "GET", "urlPath": "/v1/charges/ch_001002"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "base64Body": b64}},
        {"name": "shared file A", "request": {"method": "GET", "urlPath": "/v1/charges/ch_001003"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "bodyFileName": "same.json"}},
        {"name": "shared file B", "request": {"method": "GET", "urlPath": "/v1/charges/ch_001004"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "bodyFileName": "same.json"}},
        {"name": "shared differently A", "request": {"method": "GET", "urlPath": "/v1/charges/ch_001005"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "bodyFileName": "mixed.json"}},
        {"name": "shared differently B", "request": {"method": "GET", "urlPath": "/v1/charges"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "bodyFileName": "mixed.json"}},
    ]});
    std::fs::write(m.join("stubs.json"), serde_json::to_string_pretty(&mappings).expect("json")).expect("write");
    std::fs::write(d.join("mocks/wiremock/__files/same.json"), format!("{stale}\n")).expect("write");
    std::fs::write(d.join("mocks/wiremock/__files/mixed.json"), format!("{stale}\n")).expect("write");
    // HAR with sizes and a Content-Length that state the body's length.
    let har = json!({"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [{
        "startedDateTime": "2026-11-03T10:30:00.000Z", "time": 3,
        "request": {"method": "GET", "url": "https://payments.internal/v1/charges/ch_001001", "headers": []},
        "response": {"status": 200, "bodySize": len,
            "headers": [{"name": "Content-Type", "value": "application/json"}, {"name": "Content-Length", "value": len.to_string()}],
            "content": {"size": len, "mimeType": "application/json", "text": stale}}}]}});
    std::fs::create_dir_all(d.join("mocks/other")).expect("mkdir");
    std::fs::write(d.join("mocks/other/recording.har"), serde_json::to_string_pretty(&har).expect("json"))
        .expect("write");
    // Hoverfly, base64, gzip in base64 (as Hoverfly captures it) and plain; a Pact v3 with a
    // regex matcher; a Pact v4 with a string body.
    let pair = |path: &str, body: &str, encoded: bool, headers: Value| {
        json!({"request": {"path": [{"matcher": "exact", "value": path}], "method": [{"matcher": "exact", "value": "GET"}],
                           "destination": [{"matcher": "exact", "value": "payments.internal"}]},
               "response": {"status": 200, "body": body, "encodedBody": encoded, "headers": headers}})
    };
    let plain = json!({"Content-Type": ["application/json"]});
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, stale.as_bytes()).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let gz_headers = json!({"Content-Type": ["application/json"], "Content-Encoding": ["gzip"], "Content-Length": [gz.len().to_string()]});
    let gz64 = base64::engine::general_purpose::STANDARD.encode(&gz);
    let sim = json!({"data": {"pairs": [pair("/v1/charges/ch_001001", stale, false, plain.clone()),
                                        pair("/v1/charges/ch_001002", &b64, true, plain),
                                        pair("/v1/charges/ch_001003", &gz64, true, gz_headers)]},
                     "meta": {"schemaVersion": "v5.2"}});
    std::fs::write(d.join("mocks/other/simulation.json"), serde_json::to_string_pretty(&sim).expect("json"))
        .expect("write");
    let pact = json!({"consumer": {"name": "shop"}, "provider": {"name": "payments"}, "interactions": [
        {"description": "a charge with a numeric id", "request": {"method": "GET", "path": "/v1/charges/ch_001001"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json"},
            "body": {"id": 1001, "status": "succeeded", "amount_cents": 5},
            "matchingRules": {"body": {"$.id": {"matchers": [{"match": "regex", "regex": "ch_[0-9]*[1-9][0-9]*"}]}}}}},
        {"description": "another charge with a numeric id", "request": {"method": "GET", "path": "/v1/charges/ch_001002"},
         "response": {"status": 200, "headers": {"Content-Type": "application/json"},
            "body": {"id": 1002, "status": "succeeded", "amount_cents": 5},
            "matchingRules": {"body": {"$.id": {"matchers": [{"match": "regex", "regex": "ch_[0-9]+"}]}}}}}],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}});
    std::fs::write(d.join("mocks/other/pact-v3.json"), serde_json::to_string_pretty(&pact).expect("json"))
        .expect("write");
    let pact4 = json!({"consumer": {"name": "shop"}, "provider": {"name": "payments"}, "interactions": [
        {"type": "Synchronous/HTTP", "description": "v4 string body", "request": {"method": "GET", "path": "/v1/charges/ch_001001"},
         "response": {"status": 200, "body": {"contentType": "application/json", "encoded": false, "content": stale}}}],
        "metadata": {"pactSpecification": {"version": "4.0"}}});
    std::fs::write(d.join("mocks/other/pact-v4.json"), serde_json::to_string_pretty(&pact4).expect("json"))
        .expect("write");
}

#[test]
fn each_format_keeps_its_form_and_derived_fields_stay_true() {
    let tmp = setup();
    let d = tmp.path();
    std::fs::remove_dir_all(d.join("mocks")).expect("rm");
    write_format_mocks(d);
    let before = report(d, "st", "payments=mocks", &[]);
    assert!(body_findings(&before).len() >= 20, "{:#?}", body_findings(&before));
    let run = mockdrift(d, &["regen", "--contracts", "st", "--mocks", "payments=mocks", "--now", NOW, "--write"]);
    assert_eq!(run.code, 1, "findings remain (the regex matcher, the mixed body file): {}{}", run.stdout, run.stderr);
    let out = &run.stdout;

    // WireMock: `body` stays a compact string, Content-Length follows it; base64 stays base64.
    let stubs: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("mocks/wiremock/mappings/stubs.json")).expect("read"))
            .expect("json");
    let body = stubs["mappings"][0]["response"]["body"].as_str().expect("still a string");
    assert!(!body.contains('\n') && body.contains(r#""amount": {"#) && !body.contains("amount_cents"), "{body}");
    assert_eq!(stubs["mappings"][0]["response"]["headers"]["Content-Length"], body.len().to_string());
    let b64 = stubs["mappings"][1]["response"]["base64Body"].as_str().expect("still base64");
    use base64::Engine as _;
    let decoded =
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(b64).expect("base64")).expect("utf8");
    assert!(decoded.contains("\"amount\"") && !decoded.contains("amount_cents"), "{decoded}");
    // A body file shared by mappings wanting the same edit is edited once; one shared by
    // mappings of different endpoints is left alone and named.
    let same = std::fs::read_to_string(d.join("mocks/wiremock/__files/same.json")).expect("read");
    assert!(same.contains("\"amount\"") && !same.contains("amount_cents") && same.ends_with("}\n"), "{same}");
    let mixed = std::fs::read_to_string(d.join("mocks/wiremock/__files/mixed.json")).expect("read");
    assert!(mixed.contains("amount_cents"), "{mixed}");
    assert!(out.contains("mixed.json is shared by 2 mocks that need different edits"), "{out}");

    // HAR: text stays a string; content.size, bodySize and Content-Length follow it.
    let har: Value = serde_json::from_str(&std::fs::read_to_string(d.join("mocks/other/recording.har")).expect("read"))
        .expect("json");
    let rsp = &har["log"]["entries"][0]["response"];
    let text = rsp["content"]["text"].as_str().expect("text");
    assert!(!text.contains("amount_cents"), "{text}");
    assert_eq!(rsp["content"]["size"], text.len());
    assert_eq!(rsp["bodySize"], text.len());
    assert_eq!(rsp["headers"][1]["value"], text.len().to_string());

    // Hoverfly: plain and encoded bodies keep their encoding.
    let sim: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("mocks/other/simulation.json")).expect("read"))
            .expect("json");
    assert!(!sim["data"]["pairs"][0]["response"]["body"].as_str().expect("string").contains("amount_cents"));
    let enc = sim["data"]["pairs"][1]["response"]["body"].as_str().expect("string");
    let dec =
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(enc).expect("still base64")).expect("utf8");
    assert!(dec.contains("\"amount\"") && !dec.contains("amount_cents"), "{dec}");
    let gz = base64::engine::general_purpose::STANDARD
        .decode(sim["data"]["pairs"][2]["response"]["body"].as_str().expect("string"))
        .expect("still base64");
    let mut unzipped = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unzipped).expect("still gzip");
    assert!(unzipped.contains("\"amount\"") && !unzipped.contains("amount_cents"), "{unzipped}");
    assert_eq!(sim["data"]["pairs"][2]["response"]["headers"]["Content-Length"][0], gz.len().to_string());

    // Pact: the matching rules stay. A synthetic id takes the recorded ids' form (`ch_000000`),
    // which satisfies `ch_[0-9]+`; one that must not be all zeros is left (with the consumer
    // test named); the other edits are made.
    let pact = std::fs::read_to_string(d.join("mocks/other/pact-v3.json")).expect("read");
    assert!(
        pact.contains("\"regex\": \"ch_[0-9]+\"") && !pact.contains("amount_cents") && pact.contains("\"id\": 1001"),
        "{pact}"
    );
    assert!(pact.contains("\"id\": \"ch_000000\"") && !pact.contains("\"id\": 1002"), "{pact}");
    assert!(out.contains("would not satisfy the interaction's regex matcher /ch_[0-9]*[1-9][0-9]*/"), "{out}");
    assert!(out.contains("pact interaction \"a charge with a numeric id\" is written by a consumer test"), "{out}");
    let pact4: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("mocks/other/pact-v4.json")).expect("read"))
            .expect("json");
    assert!(
        pact4["interactions"][0]["response"]["body"]["content"]
            .as_str()
            .expect("still a string")
            .contains("\"amount\"")
    );

    // After: only what regen named as left remains.
    let after = report(d, "st", "payments=mocks", &[]);
    let left: Vec<String> = body_findings(&after);
    assert!(left.iter().all(|f| f.contains("mixed.json") || f.contains("pact-v3.json")), "{left:#?}\n{out}");
    assert!(left.iter().any(|f| f.contains("/id") && f.contains("pact-v3.json")), "{left:#?}");

    // With recorded examples the id fits the matcher, and everything is fixed but the mixed file.
    let run = mockdrift(
        d,
        &["regen", "--contracts", "st", "--mocks", "payments=mocks", "--now", NOW, "--write", "--values", "examples"],
    );
    assert!(run.stdout.contains("fixed  mocks/other/pact-v3.json"), "{}", run.stdout);
    let after = report(d, "st", "payments=mocks", &[]);
    assert!(body_findings(&after).iter().all(|f| f.contains("mixed.json")), "{:#?}", body_findings(&after));
}

/// `regen --new DIR --new-format FORMAT` on the mocks under `mocks`.
fn regen_new(d: &Path, mocks: &str, dir: &str, format: &str) -> crate::support::Run {
    let args = ["regen", "--contracts", "st", "--mocks", mocks, "--now", NOW, "--new", dir, "--new-format", format];
    // Without --write nothing is written, new mocks included: they are listed.
    let listing = || std::fs::read_dir(d.join(dir)).map(|r| r.count()).unwrap_or(0);
    let before = listing();
    let dry = mockdrift(d, &args);
    assert_eq!(listing(), before, "{format}: --new wrote without --write: {}", dry.stdout);
    assert!(dry.stdout.contains("new    would write "), "{format}: {}", dry.stdout);
    assert!(dry.stdout.contains(" to write") && dry.stdout.contains("run again with --write"), "{}", dry.stdout);
    mockdrift(d, &[&args[..], &["--write"]].concat())
}

#[test]
fn new_mocks_cover_what_no_mock_covers_and_pass_the_diff() {
    for (format, ext) in [
        ("wiremock", "json"),
        ("pact", "json"),
        ("hoverfly", "json"),
        ("har", "har"),
        ("vcr", "json"),
        ("fixture", "json"),
    ] {
        let tmp = setup();
        let d = tmp.path();
        let dir = format!("mocks/new-{format}");
        let run = regen_new(d, "payments=mocks", &dir, format);
        // A plain-text endpoint cannot be a JSON fixture: said, not written.
        let health = if format == "fixture" {
            "new    GET /health 200: production's bodies are not JSON (text/plain)".to_owned()
        } else {
            format!("new    {dir}/payments-get-health-200.{ext}")
        };
        assert!(run.stdout.contains(&health), "{format}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains(&format!("payments-get-v1-charges-charge-id-404.{ext}")),
            "{format}: {}",
            run.stdout
        );
        if format == "fixture" {
            // Fixtures are tied to endpoints by mockdrift.toml: the printed entries, as given.
            let keys = ["file = ", "service = ", "method = ", "path = ", "status = "];
            let entries: String = run
                .stdout
                .lines()
                .filter(|l| *l == "[[fixture]]" || keys.iter().any(|k| l.starts_with(k)))
                .map(|l| format!("{l}\n"))
                .collect();
            assert_eq!(entries.matches("[[fixture]]").count(), 1, "{}", run.stdout);
            std::fs::write(d.join("mockdrift.toml"), entries).expect("write");
        }
        let r = report(d, "st", "payments=mocks", &[]);
        let kinds: Vec<&str> =
            r["findings"].as_array().expect("findings").iter().filter_map(|f| f["kind"].as_str()).collect();
        let uncovered = kinds.iter().filter(|k| **k == "uncovered_endpoint" || **k == "uncovered_status").count();
        assert_eq!(uncovered, usize::from(format == "fixture"), "{format}: {r:#}");
        let new_bad: Vec<&Value> = r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["file"].as_str().is_some_and(|p| p.contains("new-")) && f["severity"] != "info")
            .collect();
        assert!(new_bad.is_empty(), "{format}: new mocks have findings: {new_bad:#?}");
        // Running again leaves existing files alone (a fixture in mockdrift.toml now covers
        // its endpoint, so nothing is asked for).
        let again = regen_new(d, "payments=mocks/wiremock", &dir, format);
        if format == "fixture" {
            assert!(!again.stdout.contains("404.json ("), "{}", again.stdout);
        } else {
            assert!(again.stdout.contains("exists: left alone"), "{format}: {}", again.stdout);
        }
    }
}

#[test]
fn secrets_in_recorded_traffic_never_reach_a_written_mock() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let mut traffic = String::new();
    for i in 0..25 {
        let user = json!({"id": i, "name": format!("user {i}"), "api_token": format!("sk_live_PLANTED{i:04}abcdefghijkl"),
                          "email": format!("planted{i}@corp-secret.example"), "card": "4111111111111111",
                          "note": format!("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.PLANTEDsig{i}")});
        let session = json!({"session_token": format!("PLANTEDSESSION{i:04}xyz0123456789"), "user_id": i});
        for (path, status, body) in
            [(format!("/v1/users/{}", 100 + i), 200, user), ("/v1/sessions".to_owned(), 201, session)]
        {
            let ex = json!({"service": "accounts", "method": if status == 201 { "POST" } else { "GET" }, "path": path, "status": status,
                            "time": "2026-11-05T10:00:00Z",
                            "response": {"headers": [["content-type", "application/json"]], "body": body.to_string()}});
            traffic.push_str(&format!("{ex}\n"));
        }
    }
    std::fs::write(d.join("traffic.jsonl"), traffic).expect("write");
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "st", "traffic.jsonl"]).code, 0);
    std::fs::create_dir_all(d.join("mocks")).expect("mkdir");
    for values in ["examples", "synthetic"] {
        std::fs::write(
            d.join("mocks/user.json"),
            r#"{"request": {"method": "GET", "urlPathTemplate": "/v1/users/{id}"}, "response": {"status": 200, "jsonBody": {"id": 1, "name": "x"}}}"#,
        )
        .expect("write");
        let new = format!("new-{values}");
        let run = mockdrift(
            d,
            &[
                "regen",
                "--contracts",
                "st",
                "--mocks",
                "accounts=mocks",
                "--now",
                NOW,
                "--write",
                "--values",
                values,
                "--new",
                &new,
                "--new-format",
                "wiremock",
            ],
        );
        assert!(run.stdout.contains("fixed  mocks/user.json"), "{}{}", run.stdout, run.stderr);
        let written =
            String::from_utf8_lossy(&[all_bytes(&d.join("mocks")), all_bytes(&d.join(&new))].concat()).into_owned();
        assert!(written.contains("api_token") && written.contains("session_token"), "the fields are there: {written}");
        for planted in ["PLANTED", "sk_live", "corp-secret", "4111111111111111"] {
            assert!(!written.contains(planted), "{planted} reached a mock ({values}): {written}");
        }
    }
}

#[test]
fn real_corpus_mocks_are_fixed_against_contracts_that_contradict_them() {
    let Some(corpus) = corpus() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // The corpus's mock files that regen edits, in their original layout.
    let tsv = std::fs::read_to_string(corpus.join("SOURCES.tsv")).expect("SOURCES.tsv");
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [format, file, repo, path, ..] = cols[..] else { continue };
        if !["wiremock", "pact", "hoverfly", "har", "polly-har", "vcrpy", "vcr-ruby", "go-vcr"].contains(&format) {
            continue;
        }
        let dest = d.join("mocks").join(repo).join(path);
        std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        std::fs::copy(corpus.join(format).join(file), &dest).expect("copy");
    }
    // Traffic that contradicts each mock with a JSON object body: its first field dropped, a
    // field added, its second scalar field's type changed.
    let mut traffic = String::new();
    let mut contradicted = 0;
    for file in mockdrift_differ::collect_files(&[d.join("mocks")]) {
        for item in mockdrift_differ::read_file(&file, Some("corpus")) {
            let mockdrift_differ::Item::Mock(m) = item else { continue };
            let path = match &m.url {
                mockdrift_differ::UrlPattern::Path(p) => p.clone(),
                // A template's parameters filled in, as a real request would.
                mockdrift_differ::UrlPattern::Template(t) => t
                    .split('/')
                    .map(|seg| if seg.starts_with('{') || seg.starts_with(':') { "1" } else { seg })
                    .collect::<Vec<_>>()
                    .join("/"),
                _ => continue,
            };
            let mockdrift_differ::MockBody::Json(node) = &m.body else { continue };
            if m.templated || !path.starts_with('/') {
                continue;
            }
            // An object body, or each object of an array body, contradicted the same way.
            let contradict = |v: &mut Value| {
                let Value::Object(obj) = v else { return false };
                if obj.len() < 2 {
                    return false;
                }
                let first = obj.keys().next().cloned().expect("two keys");
                obj.remove(&first);
                obj.insert("mockdrift_added".to_owned(), json!(7));
                if let Some((_, v)) = obj
                    .iter_mut()
                    .find(|(k, v)| *k != "mockdrift_added" && (v.is_string() || v.is_number() || v.is_boolean()))
                {
                    *v = if v.is_string() { json!(42) } else { json!("changed") };
                }
                true
            };
            let mut body = node.to_value();
            let changed = match &mut body {
                Value::Array(items) => items.iter_mut().map(contradict).filter(|c| *c).count() > 0,
                v => contradict(v),
            };
            if !changed {
                continue;
            }
            contradicted += 1;
            for _ in 0..2 {
                let ex = json!({"service": "corpus", "method": m.method.clone().unwrap_or_else(|| "GET".to_owned()), "path": path,
                                "status": m.status, "time": "2026-11-05T10:00:00Z",
                                "response": {"headers": [["content-type", m.media_type.clone().unwrap_or_else(|| "application/json".to_owned())]],
                                             "body": body.to_string()}});
                traffic.push_str(&format!("{ex}\n"));
            }
        }
    }
    assert!(contradicted >= 50, "only {contradicted} corpus mocks with object bodies");
    std::fs::write(d.join("traffic.jsonl"), traffic).expect("write");
    let run = mockdrift(d, &["contracts", "infer", "--store", "st", "traffic.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flags = ["--min-samples", "1"];
    // What each file holds as read: its mocks and unreadable parts.
    let readings = || -> Vec<(std::path::PathBuf, usize, usize)> {
        mockdrift_differ::collect_files(&[d.join("mocks")])
            .into_iter()
            .map(|f| {
                let items = mockdrift_differ::read_file(&f, None);
                let mocks = items.iter().filter(|i| matches!(i, mockdrift_differ::Item::Mock(_))).count();
                let bad = items.iter().filter(|i| matches!(i, mockdrift_differ::Item::Unreadable(_))).count();
                (f, mocks, bad)
            })
            .collect()
    };
    let read_before = readings();
    let before = body_findings(&report(d, "st", "corpus=mocks", &flags));
    let run = mockdrift(
        d,
        &[&["regen", "--contracts", "st", "--mocks", "corpus=mocks", "--now", NOW, "--write"][..], &flags].concat(),
    );
    assert!(run.code == 0 || run.code == 1, "{}{}", run.stdout, run.stderr);
    let after = body_findings(&report(d, "st", "corpus=mocks", &flags));
    // Every body finding regen did not fix is one it named, with a reason.
    let unexplained: Vec<&String> = after
        .iter()
        .filter(|f| {
            let file = f.split(' ').next().unwrap_or("");
            !run.stdout.lines().any(|l| l.starts_with("left") && l.contains(file))
        })
        .collect();
    eprintln!(
        "corpus regen: {} body findings before, {} after\n{}",
        before.len(),
        after.len(),
        run.stdout.lines().last().unwrap_or("")
    );
    assert!(before.len() >= 150, "the traffic contradicts the mocks: {}", before.len());
    assert!(after.len() * 10 <= before.len(), "regen fixes most: {} of {} left\n{after:#?}", after.len(), before.len());
    assert!(unexplained.is_empty(), "{unexplained:#?}\n{}", run.stdout);
    // Every file reads as before: as many mocks, nothing unreadable that was not.
    let read_after = readings();
    assert_eq!(read_before.len(), read_after.len());
    let broken: Vec<_> = read_before.iter().zip(&read_after).filter(|(b, a)| b != a).collect();
    assert!(broken.is_empty(), "regen broke {broken:#?}");
}

#[test]
fn yaml_cassettes_are_edited_in_scalars_blocks_and_gzip_binary_and_folded_blocks_are_named() {
    use base64::Engine as _;
    use std::io::{Read as _, Write as _};
    let tmp = setup();
    let d = tmp.path();
    std::fs::remove_dir_all(d.join("mocks")).expect("rm");
    std::fs::create_dir_all(d.join("mocks")).expect("mkdir");
    let stale = r#"{"id": "ch_001001", "amount_cents": 1025, "status": "succeeded", "created_at": "2026-11-03T10:30:00.000Z", "customer": {"id": "cus_000001", "email": "a@example.com"}, "metadata": {"order": "5001"}, "refunded_at": null, "risk_score": 0.1}"#;
    let quoted = stale.replace('\'', "''");
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Value>(stale).expect("json")).expect("pretty");
    let block: String = pretty.lines().map(|l| format!("        {l}\n")).collect();
    // vcrpy's form of a gzip body: `!!binary` base64 of the gzip bytes, wrapped at 76.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(stale.as_bytes()).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&gz);
    let wrapped: String =
        b64.as_bytes().chunks(76).map(|c| format!("        {}\n", std::str::from_utf8(c).expect("ascii"))).collect();
    let interaction = |id: &str, headers: &str, body: &str| {
        format!(
            "- request:\n    method: get\n    uri: https://payments.internal/v1/charges/{id}\n  response:\n    status:\n      code: 200\n      message: OK\n    headers:\n      Content-Type:\n      - application/json\n{headers}    body:\n{body}"
        )
    };
    let cassette = [
        "---\n# recorded by hand\nhttp_interactions:\n".to_owned(),
        interaction(
            "ch_001001",
            &format!("      Content-Length:\n      - '{}'\n", stale.len()),
            &format!("      encoding: UTF-8\n      string: '{quoted}'\n  recorded_at: Tue, 03 Nov 2026 10:30:00 GMT\n"),
        ),
        interaction("ch_001002", "", &format!("      string: |\n{block}\n")),
        interaction(
            "ch_001003",
            &format!("      Content-Encoding:\n      - gzip\n      Content-Length:\n      - '{}'\n", gz.len()),
            &format!("      string: !!binary |\n{wrapped}"),
        ),
        interaction("ch_001004", "", &format!("      string: >\n        {stale}\n")),
        "recorded_with: VCR 6.2.0\n".to_owned(),
    ]
    .concat();
    std::fs::write(d.join("mocks/charges.yml"), &cassette).expect("write");
    let before = report(d, "st", "payments=mocks", &[]);
    let drifting = |r: &Value| -> Vec<u64> {
        let mut lines: Vec<u64> = r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["kind"] == "unknown_field")
            .map(|f| f["line"].as_u64().expect("line"))
            .collect();
        lines.dedup();
        lines
    };
    assert_eq!(drifting(&before).len(), 4, "every interaction drifts, the gzip one is read: {before:#}");
    let run = mockdrift(d, &["regen", "--contracts", "st", "--mocks", "payments=mocks", "--now", NOW, "--write"]);
    let after = std::fs::read_to_string(d.join("mocks/charges.yml")).expect("read");
    // The comment and the layout are untouched; the one-line body is a double-quoted scalar
    // now, and Content-Length follows it.
    assert!(after.starts_with("---\n# recorded by hand\nhttp_interactions:\n"), "{after}");
    let line = after.lines().find(|l| l.trim_start().starts_with("string: \"")).expect("the edited body");
    let body: String = serde_json::from_str(line.trim_start().trim_start_matches("string: ")).expect("a JSON string");
    assert!(body.contains("\"amount\"") && !body.contains("amount_cents"), "{body}");
    assert!(after.contains(&format!("      - '{}'\n", body.len())), "Content-Length follows: {after}");
    // The literal block stays a literal block in its indentation, one line per line.
    let lit_start = after.find("      string: |\n").expect("the literal block stays") + "      string: |\n".len();
    let lit: Vec<&str> = after[lit_start..].lines().take_while(|l| l.starts_with("        ")).collect();
    let lit: Value = serde_json::from_str(&lit.join("\n")).expect("the block holds the JSON body");
    assert!(lit.get("amount").is_some() && lit.get("amount_cents").is_none(), "{lit}");
    assert_eq!(lit["created_at"], "2026-11-03T10:30:00.000Z", "the mock's own values stay");
    // The gzip body is gzip again, in base64 wrapped at the same width, Content-Length its size.
    let bin_start = after.find("      string: !!binary |\n").expect("the binary block stays") + 25;
    let bin: Vec<&str> = after[bin_start..].lines().take_while(|l| l.starts_with("        ")).collect();
    assert!(bin.iter().rev().skip(1).all(|l| l.len() == 8 + 76), "wrapped at 76: {bin:?}");
    let gz_after = base64::engine::general_purpose::STANDARD.decode(bin.concat().replace(' ', "")).expect("base64");
    assert_eq!(&gz_after[..2], &[0x1f, 0x8b], "still gzip");
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&gz_after[..]).read_to_string(&mut unzipped).expect("gunzip");
    assert!(unzipped.contains("\"amount\"") && !unzipped.contains("amount_cents"), "{unzipped}");
    assert!(after.contains(&format!("      - gzip\n      Content-Length:\n      - '{}'\n", gz_after.len())), "{after}");
    // The folded block is left, and named with why.
    assert!(after.contains(&format!("      string: >\n        {stale}\n")), "the folded block is left: {after}");
    assert!(run.stdout.contains("folded block scalar"), "and named: {}", run.stdout);
    // The cassette still reads, and only the folded interaction still drifts.
    let lines = drifting(&report(d, "st", "payments=mocks", &[]));
    assert_eq!(lines.len(), 1, "{lines:?}");
    let folded = after.lines().position(|l| l.contains("string: >")).expect("folded") as u64 + 1;
    assert!((folded..=folded + 1).contains(&lines[0]), "the folded interaction, line {folded}: {lines:?}");
}
