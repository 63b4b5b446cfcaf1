//! Redaction of everything persisted: credential headers, values under sensitive keys, and
//! values that look like secrets or personal data.
//!
//! Inference reads raw values in memory; only what reaches the store goes through here.
//! Placeholders keep the format (a redacted email is still an email, a redacted card number
//! still 16 digits), so shapes and regenerated mocks stay truthful.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::format::{self, Format};

/// Headers never stored, whatever the configuration says.
pub const CREDENTIAL_HEADERS: [&str; 4] = ["authorization", "proxy-authorization", "cookie", "set-cookie"];

/// Parts of a header name that make it a credential wherever they appear (`x-api-key`,
/// `x-auth-token`, `x-session-id`); each starts with `a`, `t` or `s`.
const SECRET_HEADER_PARTS: [&[u8]; 6] = [b"api-key", b"apikey", b"api_key", b"token", b"secret", b"session"];

/// The default sensitive key words (matched against the words of a key, see [`Redactor`]).
pub const DEFAULT_SENSITIVE_KEYS: [&str; 24] = [
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "privatekey",
    "ssn",
    "card",
    "creditcard",
    "cardnumber",
    "cvv",
    "cvc",
    "iban",
    "email",
    "phone",
    "mobile",
    "authorization",
    "cookie",
    "session",
    "sessionid",
    "otp",
    "pin",
];

/// Redaction settings (the `[redact]` table of `mockdrift.toml`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RedactConfig {
    /// Key words whose values are redacted; replaces the defaults when given.
    pub keys: Vec<String>,
    /// Key words added to the defaults.
    pub extra_keys: Vec<String>,
    /// Header names (case-insensitive) dropped besides the credential headers.
    pub extra_headers: Vec<String>,
}

impl Default for RedactConfig {
    fn default() -> Self {
        Self {
            keys: DEFAULT_SENSITIVE_KEYS.iter().map(|s| (*s).to_owned()).collect(),
            extra_keys: Vec::new(),
            extra_headers: Vec::new(),
        }
    }
}

/// What kind of secret a value looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Secret {
    /// A JSON Web Token.
    Jwt,
    /// An `Authorization`-style credential, `Bearer ...` or `Basic ...`.
    Credential,
    /// A payment card number passing the Luhn check.
    Card,
    /// An email address.
    Email,
    /// A well-known API key prefix (`sk_live_`, `ghp_`, `AKIA`, ...).
    ApiKey,
    /// A long opaque token: 24 or more characters of base64 or base64url with letters of
    /// both cases and digits mixed (`/reset/Zk3pQ9xL.../confirm`), not a prefixed id.
    Token,
}

/// Applies a [`RedactConfig`].
#[derive(Clone, Debug)]
pub struct Redactor {
    keys: Vec<String>,
    headers: Vec<String>,
}

impl Default for Redactor {
    fn default() -> Self {
        Self::new(&RedactConfig::default())
    }
}

/// The lowercase words of a key: `accessToken`, `access_token` and `access-token` all give
/// `["access", "token"]`.
fn key_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in key.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn normalise(word: &str) -> String {
    word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

impl Redactor {
    /// Builds a redactor from its settings.
    pub fn new(cfg: &RedactConfig) -> Self {
        let keys = cfg.keys.iter().chain(&cfg.extra_keys).map(|k| normalise(k)).filter(|k| !k.is_empty()).collect();
        let headers = cfg.extra_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
        Self { keys, headers }
    }

    /// Whether values under this key are redacted: a sensitive word equals one word of the
    /// key or two or three adjacent words joined (`api_key` → `apikey`). Whole words only, so
    /// `tokens_used` and `discard` are not sensitive while `refreshToken` is.
    pub fn is_sensitive_key(&self, key: &str) -> bool {
        if !key.is_ascii() {
            return self.matches_words(&key_words(key));
        }
        // ASCII fast path without allocation: word boundaries as byte ranges.
        let b = key.as_bytes();
        let mut bounds: [(usize, usize); 16] = [(0, 0); 16];
        let mut n = 0;
        let mut start = None;
        for i in 0..=b.len() {
            let c = b.get(i).copied();
            let alnum = c.is_some_and(|c| c.is_ascii_alphanumeric());
            let camel = alnum
                && i > 0
                && c.is_some_and(|c| c.is_ascii_uppercase())
                && (b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit());
            if let Some(s) = start
                && (!alnum || camel)
            {
                if n == bounds.len() {
                    return self.matches_words(&key_words(key));
                }
                bounds[n] = (s, i);
                n += 1;
                start = None;
            }
            if alnum && start.is_none() {
                start = Some(i);
            }
        }
        let words = &bounds[..n];
        let mut buf = [0u8; 96];
        for i in 0..words.len() {
            let mut len = 0;
            for &(s, e) in words.iter().skip(i).take(3) {
                if len + (e - s) > buf.len() {
                    break;
                }
                for (d, c) in buf[len..].iter_mut().zip(&b[s..e]) {
                    *d = c.to_ascii_lowercase();
                }
                len += e - s;
                if self.keys.iter().any(|k| k.as_bytes() == &buf[..len]) {
                    return true;
                }
            }
        }
        false
    }

    fn matches_words(&self, words: &[String]) -> bool {
        for i in 0..words.len() {
            let mut joined = String::new();
            for w in words.iter().skip(i).take(3) {
                joined.push_str(w);
                if self.keys.contains(&joined) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether a header is never stored: credentials, `*api-key*`/`*token*`/`*secret*`
    /// names, and configured extras.
    pub fn is_dropped_header(&self, name: &str) -> bool {
        // Per header of every recorded exchange: no allocation, no substring searcher (six
        // `str::contains` cost about 1k instructions a header).
        let b = name.as_bytes();
        CREDENTIAL_HEADERS
            .iter()
            .copied()
            .chain(self.headers.iter().map(String::as_str))
            .any(|h| name.eq_ignore_ascii_case(h))
            || (0..b.len()).any(|i| {
                matches!(b[i].to_ascii_lowercase(), b'a' | b't' | b's')
                    && SECRET_HEADER_PARTS
                        .iter()
                        .any(|p| b[i..].get(..p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p)))
            })
    }

    /// Redacts a JSON value in place: strings and numbers under sensitive keys, and strings
    /// that look like secrets anywhere. Iterative, so deep documents are safe.
    pub fn redact_value(&self, v: &mut Value) {
        let mut stack: Vec<(&mut Value, bool)> = vec![(v, false)];
        while let Some((v, sensitive)) = stack.pop() {
            match v {
                Value::String(s) if (sensitive || looks_secret(s).is_some()) => {
                    *s = placeholder(s);
                }
                Value::String(s) if contains_secret(s) => *s = redact_text(s),
                Value::Number(_) if sensitive => *v = Value::from(0),
                Value::Array(items) => stack.extend(items.iter_mut().map(|i| (i, sensitive))),
                Value::Object(map) => {
                    for (k, child) in map.iter_mut() {
                        let s = sensitive || self.is_sensitive_key(k);
                        stack.push((child, s));
                    }
                }
                _ => {}
            }
        }
    }

    /// Redacts the segments of a concrete path that look like secrets or personal data.
    pub fn redact_path(&self, path: &str) -> String {
        // (A segment is read as sent and percent-decoded: `bot6510451795%3AAA…`; a placeholder
        // of a decoded one keeps its spaces escaped, as a request target does.)
        path.split('/')
            .map(|seg| {
                if looks_secret(seg).is_some() {
                    return placeholder(seg);
                }
                if seg.contains('%') {
                    let decoded = decode_path(seg);
                    if looks_secret(&decoded).is_some() {
                        return placeholder(&decoded).replace(' ', "%20");
                    }
                }
                seg.to_owned()
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Redacts a raw query string: values under sensitive names or looking secret, and the
    /// secret words inside a value (a URL holding a token, `next=https://app/reset/<token>`),
    /// written back percent-encoded.
    pub fn redact_query(&self, query: &str) -> String {
        query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, v))
                    if self.is_sensitive_key(&percent_decode(k)) || looks_secret(&percent_decode(v)).is_some() =>
                {
                    format!("{k}={}", placeholder(&percent_decode(v)))
                }
                Some((k, v)) if contains_secret(&percent_decode(v)) => {
                    format!("{k}={}", percent_encode(&redact_text(&percent_decode(v))))
                }
                _ => pair.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut n = u32::from(d - b'0');
        if i % 2 == 1 {
            n *= 2;
            if n > 9 {
                n -= 9;
            }
        }
        sum += n;
    }
    sum.is_multiple_of(10)
}

/// Whether a string looks like a secret or personal data, whatever key it is under.
pub fn looks_secret(s: &str) -> Option<Secret> {
    let b = s.as_bytes();
    if b.len() < 6 {
        return None;
    }
    if s.starts_with("eyJ") && s.bytes().filter(|&c| c == b'.').count() == 2 && b.len() >= 20 {
        let b64 = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'=');
        if s.bytes().all(b64) {
            return Some(Secret::Jwt);
        }
    }
    // On bytes: the prefix may end inside a multi-byte character of `s`.
    let lower_prefix = |p: &str| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if lower_prefix("bearer ") || lower_prefix("basic ") {
        return Some(Secret::Credential);
    }
    const PREFIXES: [&str; 20] = [
        "sk_live_",
        "sk_test_",
        "rk_live_",
        "rk_test_",
        "whsec_",
        "ghp_",
        "gho_",
        "ghs_",
        "ghu_",
        "ghr_",
        "github_pat_",
        "npm_",
        "hf_",
        "shpat_",
        "xoxb-",
        "xoxp-",
        "xapp-",
        "glpat-",
        "sk-",
        "AIza",
    ];
    if PREFIXES.iter().any(|p| s.starts_with(p) && b.len() >= p.len() + 8) {
        return Some(Secret::ApiKey);
    }
    if telegram_token(s).is_some() {
        return Some(Secret::ApiKey);
    }
    // AWS access key ids: long-term (`AKIA`) and temporary (`ASIA`), whatever their length.
    if b.len() >= 16
        && (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && s.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Some(Secret::ApiKey);
    }
    if matches!(b[0], b'2'..=b'6') && b.len() <= 23 && s.bytes().all(|c| c.is_ascii_digit() || c == b' ' || c == b'-') {
        let mut digits = [0u8; 23];
        let mut n = 0;
        for c in s.bytes().filter(u8::is_ascii_digit) {
            digits[n] = c;
            n += 1;
        }
        if (13..=19).contains(&n) && luhn(&digits[..n]) {
            return Some(Secret::Card);
        }
    }
    if b.contains(&b'@') && format::detect(s).contains(Format::Email) {
        return Some(Secret::Email);
    }
    if is_token(b) {
        return Some(Secret::Token);
    }
    None
}

/// A Telegram bot token (`6510451795:AA12Oq…`: the bot's id, a colon and 35 characters
/// beginning with `A`, as gitleaks reads them), alone or after `bot` in its bot API's paths
/// (`/bot6510451795:AA12Oq…/getMe`): what comes before the secret part (`bot6510451795:`).
/// Not a method after an id (`1234567890:generateKeywordHistoricalMetrics`, Google Ads),
/// nor an id and a digest (`123456:` and 40 hex digits).
fn telegram_token(s: &str) -> Option<&str> {
    let (head, key) = s.split_once(':')?;
    let id = head.strip_prefix("bot").unwrap_or(head);
    ((5..=16).contains(&id.len())
        && id.bytes().all(|c| c.is_ascii_digit())
        && key.len() == 35
        && key.starts_with('A')
        && key.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_')))
    .then(|| &s[..=head.len()])
}

/// A long opaque token ([`Secret::Token`]).
fn is_token(b: &[u8]) -> bool {
    // base64 and base64url; dotted names (`google.ads.v16.Service`) are not secrets.
    if b.len() < 24 || !b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'+' | b'/' | b'=')) {
        return false;
    }
    // A type prefix then an id (`acct_1Nv0FGQ9RKHgCVdK...`) is an id, not a secret.
    if let Some(i) = b.iter().position(|&c| c == b'_')
        && (2..=5).contains(&i)
        && b[..i].iter().all(u8::is_ascii_lowercase)
    {
        return false;
    }
    let (mut upper, mut lower, mut digits, mut separators) = (0, 0, 0, 0);
    for c in b {
        match c {
            b'A'..=b'Z' => upper += 1,
            b'a'..=b'z' => lower += 1,
            b'0'..=b'9' => digits += 1,
            _ => separators += 1,
        }
    }
    // Slugs and sentences have separators between words; random tokens few or none.
    upper >= 2 && lower >= 2 && digits >= 2 && separators * 8 <= b.len()
}

/// Punctuation between the words of a text, and between the parts of a URL.
fn is_word_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '(' | ')' | '<' | '>' | '"' | '\'' | '[' | ']' | '/' | '?' | '&' | '=' | '#' | ':' | '{' | '}'
    )
}

/// Whether a string is a secret or holds one among its words (`"call me at x@y.example"`)
/// or the parts of a URL (`https://app.example/reset/<token>/confirm`).
pub fn contains_secret(s: &str) -> bool {
    looks_secret(s).is_some()
        || (s.contains(|c: char| c.is_whitespace() || is_word_break(c)) && secret_words(s).next().is_some())
}

/// The words of a text that look secret, as byte ranges.
fn secret_words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let split = |c: char| c.is_whitespace() || is_word_break(c);
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (start, split(c)) {
            (Some(a), true) => {
                words.push((a, i));
                start = None;
            }
            (None, false) => start = Some(i),
            _ => {}
        }
    }
    // A Telegram bot's token spans a colon, which breaks words: `bot123456789` and its key
    // are read together (`https://api.telegram.org/bot123456789:AA…/getMe`).
    let mut joined = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if let Some(&(c, d)) = words.get(i + 1)
            && c == words[i].1 + 1
            && s.as_bytes()[words[i].1] == b':'
            && telegram_token(&s[words[i].0..d]).is_some()
        {
            joined.push((words[i].0, d));
            i += 2;
        } else {
            joined.push(words[i]);
            i += 1;
        }
    }
    joined.into_iter().filter_map(move |(a, b)| {
        let w = s[a..b].trim_end_matches(['.', ':', '!', '?']);
        (w.len() >= 6 && looks_secret(w).is_some()).then_some((a, a + w.len()))
    })
}

/// A text with each word that looks secret replaced by its placeholder.
pub fn redact_text(s: &str) -> String {
    if looks_secret(s).is_some() {
        return placeholder(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (a, b) in secret_words(s) {
        out.push_str(&s[last..a]);
        out.push_str(&placeholder(&s[a..b]));
        last = b;
    }
    out.push_str(&s[last..]);
    out
}

/// Whether `s` is one of the placeholders [`placeholder`] gives a secret with no format of
/// its own (a token): a value that was redacted, in a path kept since.
pub fn is_placeholder(s: &str) -> bool {
    matches!(s, "redacted-token" | "<redacted>")
        || s.strip_suffix(":<redacted>").is_some_and(|head| {
            let id = head.strip_prefix("bot").unwrap_or(head);
            (5..=16).contains(&id.len()) && id.bytes().all(|c| c.is_ascii_digit())
        })
}

/// A deterministic placeholder that keeps the value's format.
pub fn placeholder(s: &str) -> String {
    // A Telegram bot's token keeps the bot's id (`bot6510451795:<redacted>`, public: the
    // bot's user id), so that paths of several bots still tell them apart.
    if let Some(head) = telegram_token(s) {
        return format!("{head}<redacted>");
    }
    match looks_secret(s) {
        Some(Secret::Jwt) => return "eyJhbGciOiJub25lIn0.e30.".to_owned(),
        Some(Secret::Credential) => {
            let scheme = s.split(' ').next().unwrap_or("Bearer");
            return format!("{scheme} REDACTED");
        }
        Some(Secret::Card) => return s.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect(),
        Some(Secret::Email) => return "redacted@example.com".to_owned(),
        Some(Secret::Token) => return "redacted-token".to_owned(),
        _ => {}
    }
    let formats = format::detect(s);
    let first = formats.iter().next();
    match first {
        Some(Format::DateTime) => "1970-01-01T00:00:00Z".to_owned(),
        Some(Format::Date) => "1970-01-01".to_owned(),
        Some(Format::Time) => "00:00:00".to_owned(),
        Some(Format::Uuid) => "00000000-0000-4000-8000-000000000000".to_owned(),
        Some(Format::Email) => "redacted@example.com".to_owned(),
        Some(Format::Uri) => "https://redacted.example/".to_owned(),
        Some(Format::Ipv4) => "192.0.2.0".to_owned(),
        Some(Format::Ipv6) => "2001:db8::".to_owned(),
        Some(Format::IntegerString) => "0".repeat(s.trim_start_matches('-').len().max(1)),
        Some(Format::DecimalString) => "0.0".to_owned(),
        _ => "<redacted>".to_owned(),
    }
}

/// Escapes all but the unreserved characters of a URL and `/`, `:` (RFC 3986: a query value
/// written back).
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (form encoding); invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    decode(s, true)
}

/// Decodes a path segment's `%XX` escapes; `+` is itself there (invalid escapes are kept as
/// written).
pub fn decode_path(s: &str) -> String {
    decode(s, false)
}

fn decode(s: &str, form: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' if form => out.push(b' '),
            b'%' => match s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(v) => {
                    out.push(v);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sensitive_keys_match_whole_words() {
        let r = Redactor::default();
        for k in
            ["password", "accessToken", "refresh_token", "api_key", "X-Api-Key", "card_number", "email", "userEmail"]
        {
            assert!(r.is_sensitive_key(k), "{k} should be sensitive");
        }
        for k in ["tokens_used", "discard", "id", "status", "author", "pinned"] {
            assert!(!r.is_sensitive_key(k), "{k} should not be sensitive");
        }
    }

    #[test]
    fn secrets_are_found_anywhere_and_keep_their_format() {
        let mut v = json!({
            "user": {"contact": "ana@example.org", "password": "hunter2", "pin": 1234},
            "notes": ["Bearer abc.def.ghi", "4111 1111 1111 1111", "plain text"],
            "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x",
            "tokens_used": 17
        });
        Redactor::default().redact_value(&mut v);
        assert_eq!(v["user"]["contact"], "redacted@example.com");
        assert_eq!(v["user"]["password"], "<redacted>");
        assert_eq!(v["user"]["pin"], 0);
        assert_eq!(v["notes"][0], "Bearer REDACTED");
        assert_eq!(v["notes"][1], "0000 0000 0000 0000");
        assert_eq!(v["notes"][2], "plain text");
        assert_eq!(v["jwt"], "eyJhbGciOiJub25lIn0.e30.");
        assert_eq!(v["tokens_used"], 17);
        assert!(format::detect(v["user"]["contact"].as_str().expect("string")).contains(Format::Email));
    }

    proptest::proptest! {
        #[test]
        fn fast_key_check_agrees_with_word_split(key in "[a-zA-Z0-9_ -]{0,40}") {
            let r = Redactor::default();
            proptest::prop_assert_eq!(r.is_sensitive_key(&key), r.matches_words(&key_words(&key)));
        }

        // Any text reaches the redactor (a bio with a curly quote crashed it once).
        #[test]
        fn any_text_is_checked_without_panicking(s in "\\PC{0,30}") {
            let _ = looks_secret(&s);
            Redactor::default().redact_value(&mut serde_json::json!({"bio": s.clone(), "k": [s]}));
        }
    }

    #[test]
    fn multi_byte_text_is_not_cut_inside_a_character() {
        assert_eq!(looks_secret("World’s foremost expert"), None);
        assert_eq!(looks_secret("Bearer’s token"), None);
        assert_eq!(looks_secret("bearer abcdefgh"), Some(Secret::Credential));
    }

    #[test]
    fn card_numbers_need_luhn_and_headers_are_dropped() {
        assert_eq!(looks_secret("4111111111111111"), Some(Secret::Card));
        assert_eq!(looks_secret("4111111111111112"), None);
        let r = Redactor::default();
        for h in [
            "Authorization",
            "cookie",
            "Set-Cookie",
            "X-API-Key",
            "x-auth-token",
            "Proxy-Authorization",
            "x-apikey",
            "API_KEY",
            "X-Session-Id",
            "x-client-SECRET",
            "token",
        ] {
            assert!(r.is_dropped_header(h), "{h}");
        }
        for h in ["content-type", "x-request-id", "tok", "x-api", "x-sessio", "set", "accept-encoding", "", "x-tokn"] {
            assert!(!r.is_dropped_header(h), "{h}");
        }
        let extra = Redactor::new(&RedactConfig { extra_headers: vec!["x-tenant".into()], ..RedactConfig::default() });
        assert!(extra.is_dropped_header("X-Tenant") && !extra.is_dropped_header("x-tenant-id"));
        assert_eq!(r.redact_query("q=shoes&access_token=abc123&page=2"), "q=shoes&access_token=<redacted>&page=2");
        // A URL in a value, holding a token: the token goes, the rest is kept, encoded.
        assert_eq!(
            r.redact_query(
                "next=https%3A%2F%2Fapp.example%2Freset%2FZk3pQ9xLmN2vB7rT5yW8aC1dE4fG6hJ0%2Fconfirm&page=2"
            ),
            "next=https://app.example/reset/redacted-token/confirm&page=2"
        );
        let bot = "next=https://api.telegram.org/bot6510451795:AA12OqZjoHt3CGZZSQjRBAvTfJcEYGdfNYJ/getMe";
        assert_eq!(r.redact_query(bot), "next=https://api.telegram.org/bot6510451795:%3Credacted%3E/getMe");
        assert_eq!(r.redact_query("q=new+york&page=2"), "q=new+york&page=2");
        assert_eq!(r.redact_path("/users/ana@example.org/orders"), "/users/redacted@example.com/orders");
    }

    #[test]
    fn aws_keys_of_any_length_tokens_and_secrets_inside_text() {
        let r = Redactor::default();
        for key in ["AKIAIOSFODNN7EXAMPLE", "AKIAPLANTED1234567", "AKIAPLANTED12345678", "ASIAY34FZKBOKMUTVV7A"] {
            assert_eq!(looks_secret(key), Some(Secret::ApiKey), "{key}");
        }
        assert_eq!(looks_secret("Zk3pQ9xLmN2vB7rT5yW8aC1dE4fG6hJ0"), Some(Secret::Token));
        assert_eq!(looks_secret("dGhpcyBpcyBhIHRva2Vu-Q2x4Yk9Z-Rz2_w9Q"), Some(Secret::Token));
        assert_eq!(looks_secret("npm_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c"), Some(Secret::ApiKey));
        assert_eq!(looks_secret("google.ads.googleads.v16.services.GoogleAdsService"), None);
        // Telegram's bot tokens, alone and in its bot API's paths; not a time, nor an id after
        // a colon (`urn:isbn:…`, `sha256:…`).
        let telegram = "6510451795:AA12OqZjoHt3CGZZSQjRBAvTfJcEYGdfNYJ";
        assert_eq!(looks_secret(telegram), Some(Secret::ApiKey));
        assert_eq!(looks_secret(&format!("bot{telegram}")), Some(Secret::ApiKey));
        // The bot's id is kept (public), the secret part never: also percent-encoded.
        for path in [
            format!("/bot{telegram}/getMe"),
            format!("/bot{}/getMe", telegram.replace(':', "%3A")),
            format!("/bot{}/getMe", telegram.replace(':', "%3a")),
        ] {
            assert_eq!(r.redact_path(&path), "/bot6510451795:<redacted>/getMe", "{path}");
        }
        assert_eq!(r.redact_path("/users/jdoe%40acme.com/calendar"), "/users/redacted@example.com/calendar");
        assert_eq!(r.redact_path("/cards/4111%201111%201111%201111/x"), "/cards/0000%200000%200000%200000/x");
        // In a path, `+` is itself: a base64 token with one is still a token.
        assert_eq!(r.redact_path("/reset/Zk3pQ9xL+mN2vB7rT5yW8aC1dE4fG6hJ0%3D"), "/reset/redacted-token");
        // In text, the token across its colon.
        let url = format!("see https://api.telegram.org/bot{telegram}/getMe now");
        assert_eq!(redact_text(&url), "see https://api.telegram.org/bot6510451795:<redacted>/getMe now");
        assert!(is_placeholder("bot6510451795:<redacted>") && is_placeholder("6510451795:<redacted>"));
        assert!(!is_placeholder("bot:<redacted>") && !is_placeholder("user:<redacted>"));
        for not in [
            "12:30:45",
            "sha256:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
            // Google Ads' methods after a customer's id, and an id with a digest.
            "1234567890:generateKeywordHistoricalMetrics",
            "1234567890:generateAudienceCompositionInsights",
            "123456:2d711642b726b04401627ca9fbac32f5c8530fb1",
        ] {
            assert_eq!(looks_secret(not), None, "{not}");
        }
        for not in [
            "acct_1Nv0FGQ9RKHgCVdKx7yZ",
            "how-to-install-python-3-on-ubuntu-22-04",
            "ASIAN-FOOD-RECIPES",
            "UserProfileSettings2024",
            "0123456789abcdef0123456789",
        ] {
            assert_ne!(looks_secret(not), Some(Secret::Token), "{not}");
        }
        let url = "https://app.example/reset/Zk3pQ9xLmN2vB7rT5yW8aC1dE4fG6hJ0/confirm?next=/home";
        assert_eq!(redact_text(url), "https://app.example/reset/redacted-token/confirm?next=/home");
        assert!(!contains_secret("2024-01-01T00:00:00Z") && !contains_secret("https://example.com/a/b?c=d"));
        let text = "Call me at planted.person@corp.example, or use key AKIAPLANTED1234567.";
        assert!(contains_secret(text) && !contains_secret("call me at nine"));
        assert_eq!(redact_text(text), "Call me at redacted@example.com, or use key <redacted>.");
        assert_eq!(
            redact_text("naïve\u{a0}café x@y.example\u{3000}ok"),
            "naïve\u{a0}café redacted@example.com\u{3000}ok"
        );
        let mut v = json!({"note": text});
        Redactor::default().redact_value(&mut v);
        assert_eq!(v["note"], "Call me at redacted@example.com, or use key <redacted>.");
    }
}
