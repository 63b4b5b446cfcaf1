//! SARIF 2.1.0: one rule per finding kind, results with line locations and `partialFingerprints`.

use serde_json::{Value, json};

use crate::finding::{Kind, Report, Severity};
use crate::kind::ALL_KINDS;

pub(crate) fn pascal(kind: Kind) -> String {
    kind.name().split('_').map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect()
}

/// SARIF 2.1.0: one rule per finding kind, results with line locations and
/// `partialFingerprints`; baselined findings carry an external suppression.
pub fn render_sarif(r: &Report, version: &str) -> String {
    let rules: Vec<Value> = ALL_KINDS
        .iter()
        .map(|k| {
            json!({
                "id": k.name(),
                "name": pascal(*k),
                "shortDescription": {"text": k.meaning()},
                "defaultConfiguration": {"level": sarif_level(k.default_severity())},
            })
        })
        .collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let mut res = json!({
                "ruleId": f.kind.name(),
                "ruleIndex": ALL_KINDS.iter().position(|k| *k == f.kind).unwrap_or(0),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "partialFingerprints": {"mockdriftFingerprint/v1": f.fingerprint},
                "properties": {
                    "service": f.service, "method": f.method, "path": f.path, "status": f.status,
                    "pointer": f.pointer, "mock": f.mock, "production": f.production,
                },
            });
            if !f.file.is_empty() {
                let mut loc =
                    json!({"physicalLocation": {"artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"}}});
                if f.line > 0 {
                    loc["physicalLocation"]["region"] = json!({"startLine": f.line});
                }
                res["locations"] = json!([loc]);
            }
            if f.suppressed {
                res["suppressions"] =
                    json!([{"kind": "external", "justification": "accepted in the mockdrift baseline"}]);
            }
            res
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mockdrift",
                "version": version,
                "informationUri": "https://github.com/mockdrift/mockdrift",
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
            "results": results,
            "properties": {"fidelity": &r.summary.fidelity},
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

pub(crate) fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
