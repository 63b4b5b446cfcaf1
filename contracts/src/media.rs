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

#[cfg(test)]
mod tests {
    use super::*;

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
