//! `contracts show`: one endpoint's contract as a readable tree.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::bail;
use mockdrift_contracts::template::resolve;
use mockdrift_contracts::{Contract, EndpointKey, Shape, Snapshot};

use crate::exit::Exit;

pub(crate) fn show(
    snap: &Snapshot,
    service: Option<&str>,
    status: Option<u16>,
    method: &str,
    path: &str,
    explain: bool,
    json: bool,
) -> anyhow::Result<Exit> {
    let method = method.to_ascii_uppercase();
    let candidates: Vec<&EndpointKey> =
        snap.contracts.keys().filter(|k| k.method == method && service.is_none_or(|s| k.service == s)).collect();
    let template = if candidates.iter().any(|k| k.path == path) {
        path.to_owned()
    } else {
        match resolve(candidates.iter().map(|k| k.path.as_str()), path.split('?').next().unwrap_or(path)) {
            Some(t) => t.to_owned(),
            None => bail!(
                "no recorded endpoint matches {method} {path}{}",
                service.map(|s| format!(" for service {s}")).unwrap_or_default()
            ),
        }
    };
    let keys: Vec<&EndpointKey> =
        candidates.into_iter().filter(|k| k.path == template && status.is_none_or(|s| k.status == s)).collect();
    if keys.is_empty() {
        bail!("{method} {template} was recorded, but never with status {}", status.unwrap_or_default());
    }
    let services: std::collections::BTreeSet<&str> = keys.iter().map(|k| k.service.as_str()).collect();
    if services.len() > 1 {
        bail!(
            "{method} {template} was recorded for several services ({}); pick one with --service",
            services.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    if json {
        let one = Snapshot {
            sources: snap.sources.clone(),
            contracts: keys.iter().map(|k| ((*k).clone(), snap.contracts[*k].clone())).collect(),
        };
        crate::output::stdout().write_all(one.to_json().as_bytes())?;
        return Ok(Exit::Ok);
    }
    let mut out = String::new();
    if explain {
        let samples: Vec<&str> =
            keys.iter().flat_map(|k| snap.contracts[*k].paths.iter().map(|p| p.path.as_str())).collect();
        let mut why = mockdrift_contracts::template::explain(&template, &samples);
        // What the learner recorded when it merged the values, where it did.
        for (name, reason) in &mut why {
            if let Some(learned) = keys.iter().find_map(|k| snap.contracts[*k].learned.get(name.as_str())) {
                *reason = format!("learned from the values seen there: {learned}");
            }
        }
        if why.is_empty() {
            let _ = writeln!(out, "{template}: every segment is literal");
        } else {
            let _ = writeln!(out, "{template}: why each parameter is one");
            for (name, reason) in why {
                // (A segment made of the values before it is named by its text.)
                if mockdrift_contracts::template::param_parts(&name).is_some() {
                    let _ = writeln!(out, "  {name}: {reason}");
                } else {
                    let _ = writeln!(out, "  {{{name}}}: {reason}");
                }
            }
        }
        out.push('\n');
    }
    for k in keys {
        render(&mut out, k, &snap.contracts[k]);
    }
    crate::output::stdout().write_all(out.as_bytes())?;
    Ok(Exit::Ok)
}

fn render(out: &mut String, k: &EndpointKey, c: &Contract) {
    let _ = writeln!(out, "{k}");
    let _ = writeln!(out, "  {} responses, first {} last {}", c.count, c.first_seen, c.last_seen);
    if let Some([p50, p90, p99]) = c.latency.summary() {
        let _ = writeln!(out, "  latency p50 {p50} ms, p90 {p90} ms, p99 {p99} ms ({} timed)", c.latency.count);
    }
    if c.sampled_out > 0 {
        let _ = writeln!(
            out,
            "  {} of them inferred, {} only counted (sampled down once the contract stopped changing)",
            c.observed(),
            c.sampled_out
        );
    }
    let b = &c.bodies;
    let _ = writeln!(
        out,
        "  bodies: {} json, {} not json (not compared), {} empty, {} truncated, {} unparseable",
        b.json,
        b.not_json,
        b.empty,
        b.truncated,
        b.parse_errors + b.decode_errors
    );
    if let Some(e) = &b.error_example {
        let _ = writeln!(out, "  e.g. {e}");
    }
    if !c.query.is_empty() {
        let _ = writeln!(out, "  query:");
        tree(out, &c.query, 2);
    }
    if !c.response.is_empty() {
        let _ = writeln!(out, "  response body: {}", label(&c.response));
        tree(out, &c.response, 2);
    }
    if !c.paths.is_empty() {
        let paths: Vec<&str> = c.paths.iter().map(|p| p.path.as_str()).collect();
        let _ = writeln!(out, "  seen at: {}", paths.join(", "));
    }
    out.push('\n');
}

/// A one-line description of a shape: kinds, format, enum, nullability, lengths.
pub(crate) fn label(s: &Shape) -> String {
    let mut parts: Vec<String> = Vec::new();
    for k in s.kinds() {
        let mut p = k.name().to_owned();
        match k {
            mockdrift_contracts::Kind::String => {
                if let Some(st) = &s.string {
                    if let Some(f) = st.format() {
                        let _ = write!(p, "<{}>", f.name());
                    }
                    if let Some(vals) = st.enum_values() {
                        let _ = write!(p, " enum[{}]", vals.join(", "));
                    }
                }
            }
            mockdrift_contracts::Kind::Array => {
                if let Some(a) = &s.array {
                    if a.is_tuple() {
                        let items: Vec<String> = a.positions.iter().flatten().map(label).collect();
                        p = format!("tuple[{}]", items.join(", "));
                    } else {
                        let _ = write!(p, "<{}> len {}..{}", label(&a.items), a.min_len, a.max_len);
                    }
                }
            }
            mockdrift_contracts::Kind::Object => {
                if let Some(o) = &s.object {
                    if let Some(m) = &o.map {
                        p = format!("map<~{} keys, {}>", m.distinct_keys(), label(&m.values));
                    } else if o.is_map() {
                        p = format!("map<{} keys>", o.fields.len());
                    }
                }
            }
            _ => {}
        }
        parts.push(p);
    }
    if s.cut > 0 {
        parts.push(format!("(cut at depth limit {}x)", s.cut));
    }
    if parts.is_empty() { "never seen".to_owned() } else { parts.join(" | ") }
}

fn tree(out: &mut String, s: &Shape, indent: usize) {
    let pad = "  ".repeat(indent);
    if let Some(o) = &s.object {
        if let Some(m) = &o.map {
            tree(out, &m.values, indent + 1);
        }
        let width = o.fields.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        for (name, f) in &o.fields {
            let presence = if o.is_required(f) {
                format!("required   {}/{}", f.present, o.count)
            } else if f.present_since_first_seen() {
                format!("optional   {}/{} (in every response since {})", f.present, o.count, f.first_seen.date())
            } else {
                format!(
                    "optional   {}/{} ({:.0}%)",
                    f.present,
                    o.count,
                    100.0 * f.present as f64 / o.count.max(1) as f64
                )
            };
            let null = if f.shape.null > 0 { format!(", null {}x", f.shape.null) } else { String::new() };
            let _ = writeln!(
                out,
                "{pad}{name:<width$}  {}  [{presence}{null}, last {}]",
                label(&f.shape),
                f.last_seen.date()
            );
            tree(out, &f.shape, indent + 1);
        }
    }
    if let Some(a) = &s.array
        && a.items.object.is_some()
    {
        let _ = writeln!(out, "{pad}[] items:");
        tree(out, &a.items, indent + 1);
    }
}
