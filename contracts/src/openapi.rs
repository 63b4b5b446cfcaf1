//! OpenAPI 3.1 export of what was recorded: one document per service.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::contract::{Contract, EndpointKey};
use crate::schema::schema_of;
use crate::snapshot::Snapshot;

/// The services a snapshot records.
pub fn services(snap: &Snapshot) -> Vec<&str> {
    let mut s: Vec<&str> = snap.contracts.keys().map(|k| k.service.as_str()).collect();
    s.dedup();
    s
}

fn operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_ascii_lowercase();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        id.push('_');
        id.extend(part.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }));
    }
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    out.trim_end_matches('_').to_owned()
}

fn path_params(template: &str) -> Vec<Value> {
    let mut names: Vec<&str> = Vec::new();
    for name in template.split('/').flat_map(crate::template::param_names) {
        // (A name again in a file name made of the path's values: one parameter.)
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
        .into_iter()
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
        .collect()
}

fn annotations(c: &Contract) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("x-mockdrift-count".into(), json!(c.count));
    if c.sampled_out > 0 {
        m.insert("x-mockdrift-sampled-out".into(), json!(c.sampled_out));
    }
    m.insert("x-mockdrift-first-seen".into(), json!(c.first_seen.to_rfc3339()));
    m.insert("x-mockdrift-last-seen".into(), json!(c.last_seen.to_rfc3339()));
    m
}

/// The OpenAPI 3.1 document of one service's contracts.
pub fn to_openapi(snap: &Snapshot, service: &str) -> Value {
    let mut paths: BTreeMap<&str, BTreeMap<String, Value>> = BTreeMap::new();
    let mut by_op: BTreeMap<(&str, &str), Vec<(&EndpointKey, &Contract)>> = BTreeMap::new();
    for (k, c) in snap.service(service) {
        by_op.entry((k.path.as_str(), k.method.as_str())).or_default().push((k, c));
    }
    for ((path, method), contracts) in by_op {
        let mut responses = Map::new();
        let mut statuses: BTreeMap<u16, Vec<(&EndpointKey, &Contract)>> = BTreeMap::new();
        for (k, c) in &contracts {
            statuses.entry(k.status).or_default().push((k, c));
        }
        for (status, cs) in statuses {
            let count: u64 = cs.iter().map(|(_, c)| c.count).sum();
            let mut rsp = Map::new();
            rsp.insert("description".into(), json!(format!("{count} recorded responses")));
            let mut content = Map::new();
            for (k, c) in &cs {
                if k.media_type.is_empty() {
                    continue;
                }
                let mut media = Map::new();
                if !c.response.is_empty() {
                    media.insert("schema".into(), schema_of(&c.response));
                }
                if let Some(e) = c.examples.first() {
                    media.insert("example".into(), e.body.clone());
                }
                media.extend(annotations(c));
                content.insert(k.media_type.clone(), Value::Object(media));
            }
            if !content.is_empty() {
                rsp.insert("content".into(), Value::Object(content));
            }
            rsp.insert("x-mockdrift-count".into(), json!(count));
            // Latency over every media type of the status.
            let mut latency = crate::latency::Latency::default();
            for (_, c) in &cs {
                latency.merge(&c.latency);
            }
            if let Some([p50, p90, p99]) = latency.summary() {
                rsp.insert(
                    "x-mockdrift-latency".into(),
                    json!({"unit": "ms", "p50": p50, "p90": p90, "p99": p99, "count": latency.count}),
                );
            }
            responses.insert(status.to_string(), Value::Object(rsp));
        }
        let mut params = path_params(path);
        // Query parameters: the union over the operation's contracts.
        let mut query: BTreeMap<String, bool> = BTreeMap::new();
        let mut request: Option<Value> = None;
        for (_, c) in &contracts {
            if let Some(o) = &c.query.object {
                for (name, f) in &o.fields {
                    let required = o.is_required(f) && o.count == c.observed();
                    let e = query.entry(name.clone()).or_insert(required);
                    *e = *e && required;
                }
            }
            if request.is_none() && !c.request.is_empty() {
                request = Some(json!({"content": {"application/json": {"schema": schema_of(&c.request)}}}));
            }
        }
        for (name, required) in query {
            params.push(json!({"name": name, "in": "query", "required": required, "schema": {"type": "string"}}));
        }
        let mut op = Map::new();
        op.insert("operationId".into(), json!(operation_id(method, path)));
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if let Some(r) = request {
            op.insert("requestBody".into(), r);
        }
        op.insert("responses".into(), Value::Object(responses));
        paths.entry(path).or_default().insert(method.to_ascii_lowercase(), Value::Object(op));
    }
    let window = snap.window();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": format!("{service} (as recorded by mockdrift)"),
            "version": window.map_or_else(|| "unrecorded".to_owned(), |(_, last)| last.date()),
            "description": format!(
                "What {service} was seen to return{}. Generated from recorded traffic: required fields were present in every response; x-mockdrift-* annotations give the evidence.",
                window.map_or_else(String::new, |(f, l)| format!(" from {} to {}", f.date(), l.date()))
            ),
        },
        "paths": paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_are_readable_and_unique_per_path() {
        assert_eq!(operation_id("GET", "/v1/charges/{charge_id}"), "get_v1_charges_charge_id");
        assert_eq!(operation_id("POST", "/"), "post");
    }

    #[test]
    fn a_file_name_made_of_the_paths_values_lists_each_parameter_once() {
        let names = |t: &str| -> Vec<String> {
            path_params(t).iter().map(|p| p["name"].as_str().expect("a name").to_owned()).collect()
        };
        assert_eq!(names("/flat/{id}/{version}/{id}.{version}.nupkg"), ["id", "version"]);
        assert_eq!(names("/flat/{id}/{version}/{id}.nuspec"), ["id", "version"]);
        assert_eq!(names("/Calls/{sid}.json"), ["sid"]);
        assert_eq!(names("/compare/{base}...{head}"), ["base", "head"]);
        assert_eq!(names("/users/:id"), ["id"]);
        // A route may name a parameter again only in a segment with text around it.
        assert!(crate::template::Route::parse("/flat/{id}/{version}/{id}.nuspec").is_ok());
        assert!(crate::template::Route::parse("/flat/{id}/{id}").is_err());
    }
}
