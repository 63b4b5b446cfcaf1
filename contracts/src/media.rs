//! Media types: normalised for endpoint keys.

/// Normalises a `Content-Type` value: lowercase `type/subtype`, parameters dropped.
/// An empty or missing value gives `""`.
pub fn normalise(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.to_ascii_lowercase()
}

/// Whether a normalised media type carries JSON (`application/json`, any `+json` suffix,
/// `text/json`).
pub fn is_json(media: &str) -> bool {
    media == "application/json" || media == "text/json" || media.ends_with("+json")
}

/// Whether a body without a declared media type looks like JSON (first non-space byte).
pub fn sniff_json(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, b'{' | b'['))
}

/// A JSON body without the guard some servers put before it against cross-site script
/// inclusion: `)]}'` and a line break (Gerrit, AngularJS' convention), or `)]}',` and one
/// (Google's). The body as it is without one. The guard makes the body unreadable as JSON
/// on purpose, for browsers; every client strips it, and so does the recorder (a Gerrit
/// server's answers were all parse errors, and with no response shapes its collections
/// merged).
pub fn without_xssi_guard(body: &[u8]) -> &[u8] {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let Some(rest) = body[start..].strip_prefix(b")]}'") else { return body };
    let rest = rest.strip_prefix(b",").unwrap_or(rest);
    match rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")) {
        Some(json) => json,
        None => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xssi_guard_before_json_is_left_out() {
        assert_eq!(without_xssi_guard(b")]}'\n{\"a\": 1}"), b"{\"a\": 1}");
        assert_eq!(without_xssi_guard(b")]}',\r\n[1]"), b"[1]");
        // Not a guard: as it is.
        assert_eq!(without_xssi_guard(b")]}' {}"), b")]}' {}");
        assert_eq!(without_xssi_guard(b"{\"a\": \")]}'\"}"), b"{\"a\": \")]}'\"}");
        assert_eq!(without_xssi_guard(b""), b"");
        assert_eq!(without_xssi_guard(b"  \n)]}'\n"), b"");
        assert_eq!(without_xssi_guard(b")]}'\r{}"), b")]}'\r{}");
        assert_eq!(without_xssi_guard(b")]}'"), b")]}'");
    }

    #[test]
    fn normalises_and_recognises_json() {
        assert_eq!(normalise("Application/JSON; charset=UTF-8"), "application/json");
        assert_eq!(normalise(""), "");
        assert!(is_json("application/problem+json"));
        assert!(is_json("application/vnd.github.v3+json"));
        assert!(!is_json("text/html"));
        assert!(sniff_json(b"  \n{\"a\":1}"));
        assert!(!sniff_json(b"<html>"));
    }
}
