//! mockdrift's own HTTP requests (contracts from a sidecar's admin endpoint): hyper's client
//! over rustls, `http://` and `https://`, HTTP/1.1 or HTTP/2 by ALPN. Certificates are checked
//! against the system's roots and the CAs of one extra file ([`tls::trusting`]).

use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::tls::{self, TlsError};

/// The largest answer body read: a fleet's merged contracts are tens of megabytes.
pub const MAX_BODY: usize = 256 << 20;

/// A request that did not get an answer, and why. The URL is not in it: a webhook's URL
/// carries its token, so the caller decides whether to name it.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// Not an `http://` or `https://` URL.
    #[error("not an http:// or https:// URL")]
    BadUrl,
    /// The connection, the TLS handshake or the exchange failed: the whole chain of causes
    /// (refused, certificate unknown, ...).
    #[error("{0}")]
    Failed(String),
    /// No response head within the client's timeout, or a body that stalled that long.
    #[error("no complete answer: nothing came for {0} s")]
    Timeout(u64),
    /// A body larger than [`MAX_BODY`].
    #[error("the answer is larger than {} MiB", MAX_BODY >> 20)]
    TooLarge,
}

/// An answer: its status and whole body.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body (at most [`MAX_BODY`] bytes).
    pub body: Bytes,
}

/// An HTTP client for mockdrift's own requests; cheap to clone.
#[derive(Clone, Debug)]
pub struct HttpClient {
    client: Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>,
    timeout: Duration,
}

impl HttpClient {
    /// A client trusting the system's roots and the CAs in `extra_ca` (named by `flag` in
    /// errors). `timeout` bounds the wait for a response head and each pause in its body;
    /// a large body that keeps coming is read whole (up to [`MAX_BODY`]).
    pub fn new(extra_ca: Option<&Path>, flag: &str, timeout: Duration) -> Result<HttpClient, TlsError> {
        Ok(HttpClient::with(tls::trusting(extra_ca, flag)?, timeout))
    }

    /// A client for `http://` URLs only (no root certificates are loaded).
    pub fn plain(timeout: Duration) -> HttpClient {
        HttpClient::with(tls::no_upstream_tls(), timeout)
    }

    fn with(tls: rustls::ClientConfig, timeout: Duration) -> HttpClient {
        let connector = tls::https_connector(tls, timeout);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        HttpClient { client, timeout }
    }

    /// GETs `url` with these extra headers.
    pub async fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Answer, ClientError> {
        self.send(http::Method::GET, url, headers, Bytes::new()).await
    }

    /// POSTs `body` to `url` with these extra headers (a `content-type` among them).
    pub async fn post(&self, url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Result<Answer, ClientError> {
        self.send(http::Method::POST, url, headers, Bytes::from(body)).await
    }

    /// Whether `url` is one [`HttpClient::send`] takes: `http://` or `https://` with a host.
    pub fn valid_url(url: &str) -> bool {
        url.parse::<http::Uri>()
            .is_ok_and(|uri| matches!(uri.scheme_str(), Some("http" | "https")) && uri.host().is_some())
    }

    /// Sends one request: `method` to `url` with these extra headers and `body`.
    pub async fn send(
        &self,
        method: http::Method,
        url: &str,
        headers: &[(&str, &str)],
        body: Bytes,
    ) -> Result<Answer, ClientError> {
        if !HttpClient::valid_url(url) {
            return Err(ClientError::BadUrl);
        }
        let uri: http::Uri = url.parse().map_err(|_| ClientError::BadUrl)?;
        let mut req = http::Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(Full::new(body)).map_err(|e| failed(&e))?;
        let stalled = || ClientError::Timeout(self.timeout.as_secs());
        let resp = tokio::time::timeout(self.timeout, self.client.request(req))
            .await
            .map_err(|_| stalled())?
            .map_err(|e| failed(&e))?;
        let status = resp.status().as_u16();
        let mut body = resp.into_body();
        let mut bytes = Vec::new();
        // Each frame within the timeout: a slow, steady download is not cut off.
        while let Some(frame) = tokio::time::timeout(self.timeout, body.frame()).await.map_err(|_| stalled())? {
            if let Ok(data) = frame.map_err(|e| failed(&e))?.into_data() {
                if bytes.len() + data.len() > MAX_BODY {
                    return Err(ClientError::TooLarge);
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(Answer { status, body: Bytes::from(bytes) })
    }
}

/// The error and its causes, as one line (hyper's own says only "client error (Connect)").
fn failed(e: &(dyn std::error::Error + 'static)) -> ClientError {
    ClientError::Failed(crate::error_chain(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_silent_server_is_a_timeout_and_no_error_names_the_url_s_secret_parts() {
        let client = HttpClient::plain(Duration::from_millis(200));
        // Accepts and never answers.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let held = tokio::spawn(async move {
            let conn = listener.accept().await;
            std::future::pending::<()>().await;
            drop(conn);
        });
        let silent = client.get(&format!("http://{addr}/hooks/T000/B000/XXXXSECRET"), &[]).await;
        assert!(matches!(silent, Err(ClientError::Timeout(_))), "{silent:?}");
        held.abort();
        let refused = client.post("http://127.0.0.1:1/hooks/T000/B000/XXXXSECRET?token=abc", &[], b"{}".to_vec()).await;
        let text = refused.expect_err("nothing listens on port 1").to_string();
        assert!(!text.contains("XXXXSECRET") && !text.contains("token=abc"), "{text}");
        assert!(text.to_lowercase().contains("refused"), "{text}");
        let bad = client.get("ftp://example.com/x", &[]).await;
        assert!(matches!(bad, Err(ClientError::BadUrl)), "{bad:?}");
    }
}
