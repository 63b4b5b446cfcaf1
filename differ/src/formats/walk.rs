//! The repository walk: which files under `--mocks` are read as mocks.

use std::path::PathBuf;

/// Mock files under the given paths: files as given; directories walked recursively in
/// sorted order, respecting `.gitignore` (and `.ignore`), taking `.json`, `.har`, `.yml` and
/// `.yaml` files, and skipping hidden entries, `node_modules`, `target` and WireMock `__files`
/// (bodies, read through their mappings).
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let walk = ignore::WalkBuilder::new(p)
            .hidden(true)
            .git_ignore(true)
            .git_global(false)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(|e| {
                let name = e.file_name().to_str().unwrap_or("");
                !(e.depth() > 0
                    && e.file_type().is_some_and(|t| t.is_dir())
                    && matches!(name, "node_modules" | "target" | "__files"))
            })
            .build();
        let mock_ext = |path: &std::path::Path| {
            matches!(path.extension().and_then(|e| e.to_str()), Some("json" | "har" | "yml" | "yaml"))
        };
        for entry in walk {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let file = entry.file_type().is_some_and(|t| t.is_file());
                    // A link to a mock file is read through; a dangling one is listed, so that
                    // reading it reports it (`mock_unreadable`) instead of it vanishing.
                    let link = entry.path_is_symlink() && path.metadata().is_ok_and(|m| m.is_file())
                        || entry.path_is_symlink() && path.metadata().is_err();
                    if (file || link) && mock_ext(path) {
                        out.push(path.to_path_buf());
                    }
                }
                // A directory that cannot be read is listed too: reading it says why.
                Err(e) => out.extend(error_path(&e).map(std::path::Path::to_path_buf)),
            }
        }
    }
    out
}

/// The path a walk error is about.
fn error_path(e: &ignore::Error) -> Option<&std::path::Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}
