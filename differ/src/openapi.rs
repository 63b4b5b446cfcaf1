//! Route templates from an OpenAPI 3 document's `paths` (JSON or YAML).

use std::path::{Path, PathBuf};

use mockdrift_contracts::template::Route;

use crate::tree::{Node, NodeKind};

/// Why an OpenAPI document gave no routes: the file, the line where known, the reason.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenApiError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The document.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not a valid document, or not an OpenAPI one, or a path key that is not a template.
    #[error("{}:{line}: {reason}", path.display())]
    Invalid {
        /// The document.
        path: PathBuf,
        /// The line (1 when the whole file is at fault).
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// The path templates of an OpenAPI document, in document order. Errors name the file and
/// line; a path key that is not a valid template is an error too.
pub fn openapi_routes(file: &Path) -> Result<Vec<Route>, OpenApiError> {
    let invalid = |line: usize, reason: String| OpenApiError::Invalid { path: file.to_path_buf(), line, reason };
    let text =
        std::fs::read_to_string(file).map_err(|source| OpenApiError::Read { path: file.to_path_buf(), source })?;
    let yaml = matches!(file.extension().and_then(|e| e.to_str()), Some("yml" | "yaml"));
    let root = if yaml {
        crate::yaml::parse(&text).map_err(|(line, reason)| invalid(line, format!("not valid YAML: {reason}")))?
    } else {
        Node::parse(text.as_bytes(), 1).map_err(|e| invalid(e.line, format!("not valid JSON: {e}")))?
    };
    if root.get("openapi").is_none() && root.get("swagger").is_none() {
        return Err(invalid(1, "not an OpenAPI document (no \"openapi\" key)".to_owned()));
    }
    let Some(NodeKind::Object(paths)) = root.get("paths").map(|p| &p.kind) else {
        return Err(invalid(1, "no \"paths\" object".to_owned()));
    };
    paths.iter().map(|(k, v)| Route::parse(k).map_err(|e| invalid(v.line, e.to_string()))).collect()
}
