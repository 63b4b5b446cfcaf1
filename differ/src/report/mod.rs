//! Rendering a report: text (the default), Markdown, SARIF, JUnit XML, GitHub Actions
//! annotations and a fidelity badge, one module each (JSON is the `Report` itself).

mod fidelity;
mod github;
mod group;
mod junit;
mod markdown;
mod sarif;
mod text;

pub use self::fidelity::render_badge;
pub use self::github::render_github;
pub use self::junit::render_junit;
pub use self::markdown::render_markdown;
pub use self::sarif::render_sarif;
pub use self::text::{paint_diff_line, plural, render_text};
