//! New mocks for recorded behaviour no mock covers (`regen --new`), one file per endpoint and
//! status, in the format asked for. Bodies come from the contract's redacted examples and
//! its shape, never from raw traffic.

use mockdrift_contracts::{Contract, EndpointKey};
use serde_json::{Value, json};

use crate::mock::MockFormat;

/// A mock file to write: its readable name and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMock {
    /// The file name: `{service}-{method}-{path}-{status}.json` (`.har` for HAR).
    pub file_name: String,
    /// The file's text.
    pub text: String,
    /// For fixtures: the `mockdrift.toml` entry that ties the file to its endpoint, with
    /// `FILE` where the file's path goes.
    pub fixture_entry: Option<String>,
}

/// A mock of `key` in `format`, from `contract`.
pub fn new_mock(key: &EndpointKey, contract: &Contract, format: MockFormat) -> NewMock {
    let examples: Vec<&Value> = contract.examples.iter().map(|e| &e.body).collect();
    let body = (contract.bodies.json > 0 && !contract.response.is_empty())
        .then(|| mockdrift_contracts::synth::body(&contract.response, &examples));
    let media = (!key.media_type.is_empty()).then_some(key.media_type.as_str());
    let path = concrete_path(key, contract);
    let name = format!("{} {} {}", key.method, key.path, key.status);
    let body_text = body.as_ref().map(|b| serde_json::to_string(b).expect("values serialize")).unwrap_or_default();
    let ext = if format == MockFormat::Har { "har" } else { "json" };
    let file_name =
        format!("{}-{}-{}-{}.{ext}", slug(&key.service), key.method.to_ascii_lowercase(), slug(&key.path), key.status);
    let url = format!("http://{}{path}", key.service);
    let doc = match format {
        MockFormat::WireMock => {
            let templated = key.path.contains('{');
            let mut req = json!({"method": key.method});
            req[if templated { "urlPathTemplate" } else { "urlPath" }] = json!(key.path);
            let mut rsp = json!({"status": key.status});
            if let Some(m) = media {
                rsp["headers"] = json!({"Content-Type": m});
            }
            if let Some(b) = &body {
                rsp["jsonBody"] = b.clone();
            }
            json!({"name": format!("{name} (from mockdrift recordings of {})", key.service), "request": req, "response": rsp})
        }
        MockFormat::Pact => {
            let mut rsp = json!({"status": key.status});
            if let Some(m) = media {
                rsp["headers"] = json!({"Content-Type": m});
            }
            if let Some(b) = &body {
                rsp["body"] = b.clone();
            }
            json!({
                "consumer": {"name": "consumer"},
                "provider": {"name": key.service},
                "interactions": [{
                    "description": format!("{name} (from mockdrift recordings)"),
                    "request": {"method": key.method, "path": path},
                    "response": rsp,
                }],
                "metadata": {"pactSpecification": {"version": "3.0.0"}},
            })
        }
        MockFormat::Hoverfly => {
            let exact = |v: &str| json!([{"matcher": "exact", "value": v}]);
            let mut rsp = json!({"status": key.status, "body": body_text, "encodedBody": false, "templated": false});
            if let Some(m) = media {
                rsp["headers"] = json!({"Content-Type": [m]});
            }
            json!({
                "data": {
                    "pairs": [{
                        "request": {"method": exact(&key.method), "path": exact(&path), "destination": exact(&key.service)},
                        "response": rsp,
                    }],
                    "globalActions": {"delays": []},
                },
                "meta": {"schemaVersion": "v5"},
            })
        }
        MockFormat::Har => {
            let headers: Vec<Value> = media.map(|m| json!({"name": "Content-Type", "value": m})).into_iter().collect();
            json!({"log": {
                "version": "1.2",
                "creator": {"name": "mockdrift", "version": env!("CARGO_PKG_VERSION")},
                "entries": [{
                    "startedDateTime": contract.last_seen.to_rfc3339(),
                    "time": 0,
                    "request": {"method": key.method, "url": url, "httpVersion": "HTTP/1.1", "headers": [],
                                "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
                    "response": {"status": key.status, "statusText": "", "httpVersion": "HTTP/1.1",
                                 "headers": headers, "cookies": [],
                                 "content": {"size": body_text.len(), "mimeType": media.unwrap_or(""), "text": body_text},
                                 "redirectURL": "", "headersSize": -1, "bodySize": body_text.len()},
                    "cache": {},
                    "timings": {"send": 0, "wait": 0, "receive": 0},
                }],
            }})
        }
        MockFormat::Vcr => {
            let headers = media.map_or(json!({}), |m| json!({"Content-Type": [m]}));
            json!({
                "http_interactions": [{
                    "request": {"method": key.method.to_ascii_lowercase(), "uri": url,
                                "body": {"encoding": "UTF-8", "string": ""}, "headers": {}},
                    "response": {"status": {"code": key.status, "message": ""}, "headers": headers,
                                 "body": {"encoding": "UTF-8", "string": body_text}},
                    "recorded_at": contract.last_seen.to_rfc3339(),
                }],
                "recorded_with": "mockdrift",
            })
        }
        MockFormat::Fixture => body.clone().unwrap_or(Value::Null),
    };
    let fixture_entry = (format == MockFormat::Fixture).then(|| {
        format!(
            "[[fixture]]\nfile = \"FILE\"\nservice = {}\nmethod = {}\npath = {}\nstatus = {}\n",
            toml_string(&key.service),
            toml_string(&key.method),
            toml_string(&key.path),
            key.status
        )
    });
    NewMock { file_name, text: serde_json::to_string_pretty(&doc).expect("values serialize") + "\n", fixture_entry }
}

/// A concrete path for the endpoint: a recorded (redacted) one, else the template with each
/// parameter filled in.
fn concrete_path(key: &EndpointKey, contract: &Contract) -> String {
    if let Some(p) = contract.paths.first().map(|p| p.path.split('?').next().unwrap_or("").to_owned())
        && !p.is_empty()
    {
        return p;
    }
    key.path
        .split('/')
        .map(|seg| match mockdrift_contracts::template::param_parts(seg) {
            Some((pre, _, suf)) => format!("{pre}1{suf}"),
            None => seg.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A TOML basic string: JSON's escapes (`\"`, `\\`, `\n`, `\u001f`) are TOML's too.
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// A file-name-safe rendering: letters and digits, runs of anything else as one `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    // Cut so that the whole file name stays under the usual 255-byte limit.
    let t: String = out.trim_matches('-').chars().take(80).collect();
    let t = t.trim_end_matches('-');
    if t.is_empty() { "root".to_owned() } else { t.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_without_a_sampled_path_is_filled_in_with_its_affixes_kept() {
        let key = EndpointKey {
            service: "twilio".into(),
            method: "GET".into(),
            path: "/2010-04-01/Accounts/{account_id}/Calls/{call_id}.json".into(),
            status: 200,
            media_type: "application/json".into(),
        };
        let contract = Contract::new(mockdrift_contracts::Ts(0));
        assert_eq!(concrete_path(&key, &contract), "/2010-04-01/Accounts/1/Calls/1.json");
    }
}
