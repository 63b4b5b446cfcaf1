//! mockdrift's own HTTP requests (contracts from a sidecar's admin endpoint): hyper's client
//! over rustls, `http://` and `https://`, HTTP/1.1 or HTTP/2 by ALPN. Certificates are checked
//! against the system's roots and the CAs of one extra file ([`tls::trusting`]).

use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::tls::{self, TlsError};

/// The largest answer body read (a fleet's merged contracts are tens of megabytes).
pub const MAX_BODY: usize = 1 << 30;

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
    /// No whole answer within the client's timeout.
    #[error("no answer within {0} s")]
    Timeout(u64),
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
    /// errors), giving each whole request `timeout`.
    pub fn new(extra_ca: Option<&Path>, flag: &str, timeout: Duration) -> Result<HttpClient, TlsError> {
        let connector = tls::https_connector(tls::trusting(extra_ca, flag)?, timeout);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Ok(HttpClient { client, timeout })
    }

    /// GETs `url` with these extra headers.
    pub async fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Answer, ClientError> {
        self.send(http::Method::GET, url, headers, Bytes::new()).await
    }

    /// POSTs `body` to `url` with these extra headers (a `content-type` among them).
    pub async fn post(&self, url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Result<Answer, ClientError> {
        self.send(http::Method::POST, url, headers, Bytes::from(body)).await
    }

    /// Sends one request: `method` to `url` with these extra headers and `body`.
    pub async fn send(
        &self,
        method: http::Method,
        url: &str,
        headers: &[(&str, &str)],
        body: Bytes,
    ) -> Result<Answer, ClientError> {
        let uri: http::Uri = url.parse().map_err(|_| ClientError::BadUrl)?;
        if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none() {
            return Err(ClientError::BadUrl);
        }
        let mut req = http::Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(Full::new(body)).map_err(|e| failed(&e))?;
        let exchange = async {
            let resp = self.client.request(req).await.map_err(|e| failed(&e))?;
            let status = resp.status().as_u16();
            let body = Limited::new(resp.into_body(), MAX_BODY).collect().await.map_err(|e| failed(&*e))?;
            Ok(Answer { status, body: body.to_bytes() })
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(answer) => answer,
            Err(_) => Err(ClientError::Timeout(self.timeout.as_secs())),
        }
    }
}

/// The error and its causes, as one line (hyper's own says only "client error (Connect)").
fn failed(e: &(dyn std::error::Error + 'static)) -> ClientError {
    ClientError::Failed(crate::error_chain(e))
}
