//! Route templates from an OpenAPI 3 document's `paths` (JSON or YAML).

use std::path::Path;

use mockdrift_contracts::template::Route;

use crate::tree::{Node, NodeKind};

/// The path templates of an OpenAPI document, in document order. Errors name the file and
/// line; a path key that is not a valid template is an error too.
pub fn openapi_routes(file: &Path) -> Result<Vec<Route>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    let yaml = matches!(file.extension().and_then(|e| e.to_str()), Some("yml" | "yaml"));
    let root = if yaml {
        crate::yaml::parse(&text)
            .map_err(|(line, reason)| format!("{}:{line}: not valid YAML: {reason}", file.display()))?
    } else {
        Node::parse(text.as_bytes(), 1).map_err(|e| format!("{}:{}: not valid JSON: {e}", file.display(), e.line))?
    };
    if root.get("openapi").is_none() && root.get("swagger").is_none() {
        return Err(format!("{}: not an OpenAPI document (no \"openapi\" key)", file.display()));
    }
    let Some(NodeKind::Object(paths)) = root.get("paths").map(|p| &p.kind) else {
        return Err(format!("{}: no \"paths\" object", file.display()));
    };
    paths.iter().map(|(k, v)| Route::parse(k).map_err(|e| format!("{}:{}: {e}", file.display(), v.line))).collect()
}
