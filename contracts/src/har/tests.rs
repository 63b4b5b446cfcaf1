use super::*;

fn entry(i: usize, body: &str) -> String {
    format!(
        r#"{{"startedDateTime": "2026-11-03T10:00:0{}Z", "time": {i},
  "request": {{"method": "GET", "url": "https://api.example.com/items/{i}", "headers": [{{"name": "Accept", "value": "*/*"}}]}},
  "response": {{"status": 200, "headers": [{{"name": "Content-Type", "value": "application/json"}}],
"content": {{"mimeType": "application/json", "text": {}}}}}}}"#,
        i % 10,
        serde_json::to_string(body).expect("a string")
    )
}

fn har(entries: &[String]) -> String {
    format!(
        "\u{feff}{{\"log\": {{\"version\": \"1.2\", \"creator\": {{\"name\": \"x]}}\\\"[{{\"}},\n  \"pages\": [[[{{}}]]],\n  \"entries\": [\n{}\n]}}}}\n",
        entries.join(",\n")
    )
}

fn all(text: &str, capacity: usize) -> Vec<Result<Exchange, LineError>> {
    read_har(std::io::BufReader::with_capacity(capacity, text.as_bytes()), None).collect()
}

#[test]
fn entries_stream_alike_whatever_the_chunks() {
    let bodies = [r#"{"id": 1, "s": "a \"quoted\" ]} value"}"#, "[1, 2, {\"x\": [\"]\"]}]", "", "not json ] }"];
    let text = har(&bodies.iter().enumerate().map(|(i, b)| entry(i, b)).collect::<Vec<_>>());
    let whole = all(&text, 1 << 20);
    assert_eq!(whole.len(), 4);
    for (i, x) in whole.iter().enumerate() {
        let x = x.as_ref().expect("valid");
        assert_eq!(x.path, format!("/items/{i}"));
        assert_eq!(x.response.body, bodies[i].as_bytes());
        assert_eq!(x.response.header("content-type"), Some("application/json"));
    }
    for capacity in [1, 2, 3, 7, 64] {
        let chunked = all(&text, capacity);
        assert_eq!(chunked.len(), whole.len(), "capacity {capacity}");
        for (a, b) in chunked.iter().zip(&whole) {
            assert_eq!(a.as_ref().ok(), b.as_ref().ok(), "capacity {capacity}");
        }
    }
}

#[test]
fn errors_name_the_file_line_and_reading_goes_on() {
    // The good entries' bodies hold escapes, so that a chunk may end between a backslash and
    // the byte it escapes.
    let good = entry(1, r#"{"s": "a \"quoted\" \\ value"}"#);
    let bad_json =
        "{\"request\": {\"method\": \"GET\",\n \"url\": \"/x\"},\n \"response\": {\"status\": 20x}}".to_owned();
    let no_url = "{\"request\": {\"method\": \"GET\"}, \"response\": {\"status\": 200}}".to_owned();
    let text = har(&[good.clone(), bad_json, no_url, "42".to_owned(), good]);
    let got = all(&text, 5);
    assert_eq!(got.len(), 5);
    // The same errors, at the same lines, whatever the chunks.
    let errors = |got: &[Result<Exchange, LineError>]| -> Vec<(usize, String)> {
        got.iter().filter_map(|x| x.as_ref().err()).map(|e| (e.line, e.reason.clone())).collect()
    };
    for capacity in [1, 2, 3, 7, 64, 1 << 20] {
        assert_eq!(errors(&all(&text, capacity)), errors(&got), "capacity {capacity}");
    }
    let lines: Vec<usize> = got.iter().filter_map(|x| x.as_ref().err()).map(|e| e.line).collect();
    // The entries list starts on line 4; each entry of `entry` is four lines long.
    assert_eq!(lines, [10, 11, 12], "{got:?}");
    let reasons: Vec<&str> = got.iter().filter_map(|x| x.as_ref().err()).map(|e| e.reason.as_str()).collect();
    assert!(reasons[0].starts_with("entry 2: "), "{reasons:?}");
    assert_eq!(reasons[1], "entry 3: request has no url");
    assert!(reasons[2].starts_with("entry 4: invalid type"), "{reasons:?}");
    assert!(got[4].is_ok());
}

#[test]
fn a_cut_file_keeps_what_came_before_and_a_document_without_entries_is_named() {
    let text = har(&[entry(0, "{}"), entry(1, "{}")]);
    let cut = &text[..text.len() - 40];
    let got = all(cut, 16);
    assert_eq!(got.len(), 2);
    assert!(got[0].is_ok());
    let e = got[1].as_ref().expect_err("cut");
    assert_eq!((e.line, e.reason.as_str()), (8, "entry 2: the file ends inside it (truncated)"));

    // Cut right after an entry: what came before is kept, and the cut is named.
    let first_end = text.find("}}},\n").expect("the first entry's end") + 3;
    let got = all(&text[..first_end + 1], 16);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].is_ok());
    let e = got[1].as_ref().expect_err("cut");
    assert_eq!(e.reason, "the file ends before log.entries does (truncated after entry 1)");

    for text in ["{\"log\": {\"pages\": []}}", "[1, 2]", "", "{\"entries\": [{}]}"] {
        let got = all(text, 8);
        assert_eq!(got.len(), 1, "{text}");
        let e = got[0].as_ref().expect_err("not a HAR");
        assert_eq!((e.line, e.reason.as_str()), (1, "not a HAR file: no log.entries array"));
        assert!(read_har_text(text, None).is_err());
    }
    // No entries at all is a HAR of nothing.
    assert!(all("{\"log\": {\"entries\": []}}", 3).is_empty());
}

#[test]
fn objects_of_the_wrong_type_are_missing_not_fatal() {
    let e = r#"{"request": {"method": "GET", "url": "https://api.example.com/a", "headers": ["x", null, {"name": "Accept", "value": "*/*"}],
        "postData": "text"}, "response": {"status": 200, "headers": {"not": "a list"}, "content": "plain"}}"#;
    let got = all(&har(&[e.to_owned()]), 8);
    let x = got[0].as_ref().expect("lenient");
    assert_eq!(x.request.headers, [("Accept".to_owned(), "*/*".to_owned())]);
    assert!(x.response.body.is_empty() && x.request.body.is_empty());
    let no_request = all(&har(&["{\"request\": \"GET /\", \"response\": {\"status\": 200}}".to_owned()]), 8);
    assert_eq!(no_request[0].as_ref().expect_err("no request").reason, "entry 1: no request");
}

#[test]
fn an_entry_over_the_cap_is_skipped_and_named() {
    let text = har(&[entry(0, &"x".repeat(5_000)), entry(1, "{}")]);
    let mut r = read_har(std::io::BufReader::with_capacity(64, text.as_bytes()), None);
    r.max_entry = 4_000;
    let got: Vec<_> = r.collect();
    assert_eq!(got.len(), 2);
    assert!(got[0].as_ref().expect_err("too big").reason.starts_with("entry 1: larger than"));
    assert_eq!(got[1].as_ref().expect("valid").path, "/items/1");
}
