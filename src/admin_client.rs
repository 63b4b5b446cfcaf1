//! Reading contracts from a running proxy's admin endpoint: a minimal HTTP/1.1 GET over a
//! plain TCP connection (admin ports are loopback or cluster-internal; no TLS client here).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use anyhow::{Context, bail};

/// The admin bearer token, read from the environment (never from argv).
pub(crate) const ADMIN_TOKEN_ENV: &str = "MOCKDRIFT_ADMIN_TOKEN";

/// GETs `url` (`http://host:port[/path]`; the path defaults to `/contracts`) and returns the body.
pub(crate) fn get_contracts(url: &str) -> anyhow::Result<String> {
    let Some(rest) = url.strip_prefix("http://") else {
        bail!("{url}: only http:// admin URLs are supported (the admin port is plain HTTP)");
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = if path.is_empty() || path == "/" { "/contracts" } else { path };
    let mut stream = TcpStream::connect(authority).with_context(|| format!("connecting to {authority}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let auth =
        std::env::var(ADMIN_TOKEN_ENV).map(|t| format!("Authorization: Bearer {}\r\n", t.trim())).unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nAccept: application/json\r\n{auth}Connection: close\r\n\r\n"
    )?;
    let mut r = BufReader::new(stream);
    let mut status = String::new();
    r.read_line(&mut status)?;
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .with_context(|| format!("{url}: not an HTTP response"))?;
    let mut length: Option<usize> = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = v.trim().parse().ok(),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                _ => {}
            }
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            r.read_line(&mut size)?;
            let n =
                usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16).context("bad chunk size")?;
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk)?;
            body.extend_from_slice(&chunk[..n]);
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        r.read_exact(&mut body)?;
    } else {
        r.read_to_end(&mut body)?;
    }
    let text = String::from_utf8(body).with_context(|| format!("{url}: the body is not UTF-8"))?;
    match code {
        200 => Ok(text),
        401 | 403 => bail!("{url}: HTTP {code}: the admin endpoint wants a token; set {ADMIN_TOKEN_ENV}"),
        _ => bail!("{url}: HTTP {code}: {}", text.trim().chars().take(200).collect::<String>()),
    }
}
