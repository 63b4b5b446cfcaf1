//! Reading contracts from a running proxy's admin endpoint (`http://` or `https://`), with
//! the proxy crate's HTTP client ([`mockdrift_proxy::client`]).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use mockdrift_proxy::client::HttpClient;

/// The admin bearer token, read from the environment (never from argv).
pub(crate) const ADMIN_TOKEN_ENV: &str = "MOCKDRIFT_ADMIN_TOKEN";

/// A PEM file of CA certificates trusted beside the system's roots for `https://` sources.
pub(crate) const CA_FILE_ENV: &str = "MOCKDRIFT_CA_FILE";

/// `--contracts-ca`, given once at start.
static CA_FILE: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// Sets `--contracts-ca` (before any source is read).
pub(crate) fn set_ca_file(file: Option<PathBuf>) {
    let _ = CA_FILE.set(file);
}

/// The URL of a contracts source: an admin address's `/contracts` when it names no path.
fn contracts_url(url: &str) -> String {
    let path = url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..])).unwrap_or("");
    if path.is_empty() || path == "/" { format!("{}/contracts", url.trim_end_matches('/')) } else { url.to_owned() }
}

/// GETs `url` (`http[s]://host:port[/path]`; the path defaults to `/contracts`) and returns
/// the body.
pub(crate) fn get_contracts(url: &str) -> anyhow::Result<String> {
    let full = contracts_url(url);
    let ca = CA_FILE
        .get()
        .cloned()
        .flatten()
        .or_else(|| std::env::var_os(CA_FILE_ENV).filter(|v| !v.is_empty()).map(PathBuf::from));
    let token = std::env::var(ADMIN_TOKEN_ENV).ok().map(|t| format!("Bearer {}", t.trim()));
    let answer = std::thread::scope(|s| {
        s.spawn(|| -> anyhow::Result<_> {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            let timeout = Duration::from_secs(30);
            let client = if full.starts_with("https://") {
                HttpClient::new(ca.as_deref(), "--contracts-ca", timeout)?
            } else {
                HttpClient::plain(timeout)
            };
            let mut headers = vec![("accept", "application/json")];
            if let Some(t) = &token {
                headers.push(("authorization", t.as_str()));
            }
            Ok(rt.block_on(client.get(&full, &headers))?)
        })
        .join()
        .unwrap_or_else(|_| bail!("{url}: the request's thread panicked"))
    })?;
    let text = String::from_utf8(Vec::from(answer.body)).with_context(|| format!("{url}: the body is not UTF-8"))?;
    match answer.status {
        200 => Ok(text),
        401 | 403 => bail!("{url}: HTTP {}: the admin endpoint wants a token; set {ADMIN_TOKEN_ENV}", answer.status),
        code => bail!("{url}: HTTP {code}: {}", text.trim().chars().take(200).collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use super::contracts_url;

    #[test]
    fn an_admin_address_without_a_path_means_its_contracts() {
        assert_eq!(contracts_url("http://127.0.0.1:9477"), "http://127.0.0.1:9477/contracts");
        assert_eq!(contracts_url("http://127.0.0.1:9477/"), "http://127.0.0.1:9477/contracts");
        assert_eq!(contracts_url("https://staging:9477"), "https://staging:9477/contracts");
        assert_eq!(contracts_url("http://h:1/contracts?service=a"), "http://h:1/contracts?service=a");
        assert_eq!(contracts_url("https://h/prefix/contracts"), "https://h/prefix/contracts");
    }
}
