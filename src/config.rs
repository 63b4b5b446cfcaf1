//! `mockdrift.toml`: what we record and compare (run knobs stay flags).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use mockdrift_contracts::{Limits, RecorderConfig, RedactConfig};
use mockdrift_differ::{IgnoreRule, Rules, kind_from_name, severity_from_name};
use serde::Deserialize;

/// The file read when `--config` is not given, if it exists.
pub(crate) const DEFAULT_CONFIG: &str = "mockdrift.toml";

/// The configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Config {
    /// Inference limits (`[limits]`).
    pub(crate) limits: Limits,
    /// Redaction (`[redact]`).
    pub(crate) redact: RedactConfig,
    /// Route templates that win over inference.
    pub(crate) routes: Vec<String>,
    /// This recorder's name in snapshots.
    pub(crate) source: Option<String>,
    /// Severity per finding kind (`[severity]`, e.g. `format_mismatch = "error"`).
    pub(crate) severity: BTreeMap<String, String>,
    /// `[[ignore]]` rules for volatile fields.
    pub(crate) ignore: Vec<IgnoreConfig>,
    /// `[[mocks]]`: mock paths, as `--mocks` gives them.
    pub(crate) mocks: Vec<MocksConfig>,
    /// `[[fixture]]`: plain JSON body files tied to endpoints.
    pub(crate) fixture: Vec<FixtureConfig>,
    /// `[proxy]`: the sidecar's settings, as `mockdrift proxy`'s flags give them.
    pub(crate) proxy: ProxyConfig,
    /// `[changes]`: when the proxy reports an endpoint's contract changed.
    pub(crate) changes: mockdrift_contracts::changes::ChangeConfig,
    /// Where the file was read from (relative paths in it are relative to its directory).
    #[serde(skip)]
    pub(crate) dir: PathBuf,
    /// The file and its text, for naming a line in errors found after parsing.
    #[serde(skip)]
    origin: Option<(PathBuf, String)>,
}

/// `[proxy]`: every `mockdrift proxy` flag by its long name (`max_record_bytes`,
/// `record_skip`, ...), and `[[proxy.route]]` entries. Flags given on the command line win;
/// routes from both are served.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct ProxyConfig {
    pub(crate) store: Option<PathBuf>,
    pub(crate) route: Vec<toml::Spanned<ProxyRouteConfig>>,
    pub(crate) forward: Option<String>,
    pub(crate) openapi: Option<PathBuf>,
    /// `[proxy.forward_names]`: host = "service".
    pub(crate) forward_names: BTreeMap<String, String>,
    pub(crate) max_record_bytes: Option<usize>,
    pub(crate) queue_bytes: Option<usize>,
    pub(crate) flush_interval: Option<String>,
    pub(crate) preserve_host: bool,
    pub(crate) add_x_forwarded: bool,
    pub(crate) add_via: bool,
    pub(crate) sample: Option<f64>,
    pub(crate) stable_sample: Option<f64>,
    pub(crate) stable_interval: Option<String>,
    pub(crate) record_only: Vec<String>,
    pub(crate) record_skip: Vec<String>,
    pub(crate) upstream_ca: Option<PathBuf>,
    pub(crate) insecure_upstream: bool,
    pub(crate) tls_cert: Option<PathBuf>,
    pub(crate) tls_key: Option<PathBuf>,
    pub(crate) response_timeout: Option<String>,
    pub(crate) connect_timeout: Option<String>,
    pub(crate) header_timeout: Option<String>,
    pub(crate) idle_timeout: Option<String>,
    pub(crate) max_connections: Option<usize>,
    pub(crate) admin: Option<String>,
    pub(crate) admin_allow_remote: bool,
    pub(crate) admin_insecure_no_token: bool,
    pub(crate) admin_token_file: Option<PathBuf>,
    pub(crate) admin_tls_cert: Option<PathBuf>,
    pub(crate) admin_tls_key: Option<PathBuf>,
    pub(crate) publish: Option<String>,
    pub(crate) publish_interval: Option<String>,
    pub(crate) source: Option<String>,
    /// One URL or a list; never echoed in an error (it carries a token).
    #[serde(deserialize_with = "one_or_many_secret")]
    pub(crate) notify_url: Vec<String>,
}

/// A string or a list of strings, whose error never repeats the value.
fn one_or_many_secret<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    match OneOrMany::deserialize(d) {
        Ok(OneOrMany::One(s)) => Ok(vec![s]),
        Ok(OneOrMany::Many(v)) => Ok(v),
        Err(_) => Err(serde::de::Error::custom("expected a URL or a list of URLs (the value is not shown)")),
    }
}

/// One `[[proxy.route]]`: `name`, `listen`, `upstream` (as in `--route NAME@LISTEN=URL`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProxyRouteConfig {
    pub(crate) name: String,
    pub(crate) listen: String,
    pub(crate) upstream: String,
}

/// One `[[mocks]]` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct MocksConfig {
    pub(crate) service: Option<String>,
    pub(crate) path: PathBuf,
}

/// One `[[fixture]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FixtureConfig {
    pub(crate) service: Option<String>,
    pub(crate) method: String,
    pub(crate) path: String,
    #[serde(default = "ok_status")]
    pub(crate) status: u16,
    pub(crate) file: PathBuf,
}

fn ok_status() -> u16 {
    200
}

/// One `[[ignore]]` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct IgnoreConfig {
    service: Option<String>,
    path: Option<String>,
    pointer: Option<String>,
    kind: Option<String>,
}

impl Config {
    /// Reads `--config FILE`, or `mockdrift.toml` in the working directory if present.
    /// The file read, if any.
    pub(crate) fn file(&self) -> Option<&Path> {
        self.origin.as_ref().map(|(p, _)| p.as_path())
    }

    /// Whether the file has a `[proxy]` table.
    pub(crate) fn has_proxy_table(&self) -> bool {
        self.origin
            .as_ref()
            .and_then(|(_, text)| text.parse::<toml::Table>().ok())
            .is_some_and(|t| t.contains_key("proxy"))
    }

    pub(crate) fn load(explicit: Option<&Path>) -> anyhow::Result<Config> {
        let path: PathBuf = match explicit {
            Some(p) => p.to_path_buf(),
            None if Path::new(DEFAULT_CONFIG).is_file() => PathBuf::from(DEFAULT_CONFIG),
            None => return Ok(Config::default()),
        };
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading config {}", path.display()))?;
        let mut cfg: Config = toml::from_str(&text).with_context(|| format!("invalid config {}", path.display()))?;
        cfg.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        cfg.origin = Some((path.clone(), text));
        cfg.validate().with_context(|| format!("invalid config {}", path.display()))
    }

    fn validate(self) -> anyhow::Result<Config> {
        let limits = self.limits.clone().validate()?;
        for r in &self.routes {
            mockdrift_contracts::template::Route::parse(r)?;
        }
        self.rules()?;
        for (i, f) in self.fixture.iter().enumerate() {
            if !(100..=999).contains(&f.status) {
                bail!("[[fixture]] #{}: status {} is not an HTTP status code", i + 1, f.status);
            }
            if !f.path.starts_with('/') {
                bail!("[[fixture]] #{}: path {:?} must start with '/'", i + 1, f.path);
            }
        }
        Ok(Config { limits, ..self })
    }

    /// `FILE:LINE` of a byte offset in the file (`FILE` alone without one, `config` for no file).
    pub(crate) fn at(&self, offset: Option<usize>) -> String {
        match (&self.origin, offset) {
            (Some((file, text)), Some(o)) => {
                let line = text.as_bytes()[..o.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1;
                format!("{}:{line}", file.display())
            }
            (Some((file, _)), None) => file.display().to_string(),
            (None, _) => "config".to_owned(),
        }
    }

    /// A path from the file, relative to the file's directory.
    pub(crate) fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() { p.to_path_buf() } else { self.dir.join(p) }
    }

    /// The recorder settings.
    pub(crate) fn recorder(&self, extra_routes: &[String]) -> RecorderConfig {
        let mut routes = self.routes.clone();
        routes.extend(extra_routes.iter().cloned());
        RecorderConfig { limits: self.limits.clone(), redact: self.redact.clone(), routes, source: self.source.clone() }
    }

    /// The differ's severity overrides and ignore rules.
    pub(crate) fn rules(&self) -> anyhow::Result<Rules> {
        let mut rules = Rules::default();
        for (k, v) in &self.severity {
            let Some(kind) = kind_from_name(k) else { bail!("[severity] {k}: unknown finding kind") };
            let Some(sev) = severity_from_name(v) else {
                bail!("[severity] {k} = {v:?}: expected \"error\", \"warning\" or \"info\"")
            };
            rules.severities.insert(kind, sev);
        }
        for (i, r) in self.ignore.iter().enumerate() {
            let kind = match &r.kind {
                Some(k) => Some(
                    kind_from_name(k).with_context(|| format!("[[ignore]] #{}: unknown finding kind {k:?}", i + 1))?,
                ),
                None => None,
            };
            if r.service.is_none() && r.path.is_none() && r.pointer.is_none() && kind.is_none() {
                bail!("[[ignore]] #{}: give at least one of service, path, pointer, kind", i + 1);
            }
            rules.ignore.push(IgnoreRule {
                service: r.service.clone(),
                path: r.path.clone(),
                pointer: r.pointer.clone(),
                kind,
            });
        }
        Ok(rules)
    }
}
