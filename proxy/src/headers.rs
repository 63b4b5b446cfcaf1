//! Headers the proxy changes: hop-by-hop headers dropped, `Via` and `X-Forwarded-*` added on request.

use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Request, Version};
use std::net::SocketAddr;

/// `Keep-Alive` and `Proxy-Connection`, which `http` has no constants for.
pub(crate) const KEEP_ALIVE: HeaderName = HeaderName::from_static("keep-alive");

pub(crate) const PROXY_CONNECTION: HeaderName = HeaderName::from_static("proxy-connection");

/// The headers that are hop-by-hop whatever `Connection` says (RFC 9110 §7.6.1), lowercase.
/// `Trailer` is end to end (§6.6.2): it declares the trailers that follow.
pub(crate) const HOP_BY_HOP: [&str; 6] =
    ["connection", "keep-alive", "proxy-connection", "te", "transfer-encoding", "upgrade"];

/// Which of [`HOP_BY_HOP`] a name (any case) is.
pub(crate) fn hop_by_hop(name: &str) -> Option<usize> {
    HOP_BY_HOP.iter().position(|h| h.eq_ignore_ascii_case(name))
}

/// Hop-by-hop headers (RFC 9110 §7.6.1), plus any named in `Connection`. `TE: trailers` is
/// kept on requests (end to end in meaning: gRPC needs it, and HTTP/1.1 servers only send
/// trailers to clients that ask), and so are `Connection: upgrade` and `Upgrade` when the
/// request asks to switch protocols.
///
/// On the hot path: most messages carry none of these, or only `Connection: keep-alive`, so
/// one pass over the names finds the ones present, only those are removed, and no name is
/// parsed unless `Connection` lists one of its own.
pub(crate) fn strip_hop_by_hop(headers: &mut HeaderMap, keep_upgrade: bool) {
    let mut present = [false; HOP_BY_HOP.len()];
    for name in headers.keys() {
        if let Some(i) = hop_by_hop(name.as_str()) {
            present[i] = true;
        }
    }
    let [connection, keep_alive, proxy_connection, te, transfer_encoding, upgrade] = present;
    if !present.contains(&true) {
        return;
    }
    let te_trailers = te
        && headers
            .get_all(header::TE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case("trailers"));
    let upgrades =
        (keep_upgrade && upgrade).then(|| headers.get_all(header::UPGRADE).iter().cloned().collect::<Vec<_>>());
    if connection {
        let named: Vec<HeaderName> = headers
            .get_all(header::CONNECTION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|n| !n.is_empty() && hop_by_hop(n).is_none())
            .filter_map(|n| HeaderName::from_bytes(n.as_bytes()).ok())
            .collect();
        for h in named {
            headers.remove(h);
        }
        headers.remove(header::CONNECTION);
    }
    let fixed = [
        (keep_alive, KEEP_ALIVE),
        (proxy_connection, PROXY_CONNECTION),
        (te, header::TE),
        (transfer_encoding, header::TRANSFER_ENCODING),
        (upgrade, header::UPGRADE),
    ];
    for (_, h) in fixed.into_iter().filter(|(present, _)| *present) {
        headers.remove(h);
    }
    if te_trailers {
        headers.insert(header::TE, HeaderValue::from_static("trailers"));
    }
    if let Some(values) = upgrades.filter(|v| !v.is_empty()) {
        headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        for v in values {
            headers.append(header::UPGRADE, v);
        }
    }
}

/// `Via: 1.1 mockdrift` (RFC 9110 §7.6.3), naming the protocol the message was received with.
pub(crate) fn via(version: Version) -> HeaderValue {
    HeaderValue::from_static(match version {
        Version::HTTP_2 => "2 mockdrift",
        Version::HTTP_10 => "1.0 mockdrift",
        _ => "1.1 mockdrift",
    })
}

/// `X-Forwarded-For` (the client's address appended), `-Proto` and `-Host` (set when absent),
/// as nginx's `$proxy_add_x_forwarded_for` and friends give them.
pub(crate) fn x_forwarded(parts: &mut http::request::Parts, peer: SocketAddr, tls: bool) {
    let ip = peer.ip().to_string();
    let chain = match parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
        Some(prev) if !prev.trim().is_empty() => format!("{prev}, {ip}"),
        _ => ip,
    };
    if let Ok(v) = HeaderValue::from_str(&chain) {
        parts.headers.insert("x-forwarded-for", v);
    }
    if !parts.headers.contains_key("x-forwarded-proto") {
        let proto = HeaderValue::from_static(if tls { "https" } else { "http" });
        parts.headers.insert("x-forwarded-proto", proto);
    }
    let host = parts
        .headers
        .get(header::HOST)
        .cloned()
        .or_else(|| parts.uri.authority().and_then(|a| HeaderValue::from_str(a.as_str()).ok()));
    if let Some(host) = host.filter(|_| !parts.headers.contains_key("x-forwarded-host")) {
        parts.headers.insert("x-forwarded-host", host);
    }
}

/// An HTTP/1.1 request asking to switch protocols (`Connection: upgrade` with `Upgrade`).
pub(crate) fn wants_upgrade<B>(req: &Request<B>) -> bool {
    req.version() == Version::HTTP_11
        && req.headers().contains_key(header::UPGRADE)
        && req
            .headers()
            .get_all(header::CONNECTION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case("upgrade"))
}
