//! String formats recognised in values: the JSON Schema ones and number-like strings.

use serde::{Deserialize, Serialize};

/// A string format. A string may match several (an integer-like string is also decimal-like).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Format {
    /// RFC 3339 date-time, `2026-11-03T10:00:00Z`.
    DateTime,
    /// Full date, `2026-11-03`.
    Date,
    /// Time of day, `10:00:00` with optional fraction and offset.
    Time,
    /// RFC 4122 UUID.
    Uuid,
    /// An email address.
    Email,
    /// An absolute URI (`scheme://...`, `mailto:`, `urn:`).
    Uri,
    /// Dotted IPv4 address.
    Ipv4,
    /// IPv6 address.
    Ipv6,
    /// A string of an integer, `"42"`, `"-7"`.
    IntegerString,
    /// A string of a decimal number, `"12.50"` (integers match too).
    DecimalString,
}

impl Format {
    /// Every format, in a fixed order (the index of the per-format counters).
    pub const ALL: [Format; 10] = [
        Format::DateTime,
        Format::Date,
        Format::Time,
        Format::Uuid,
        Format::Email,
        Format::Uri,
        Format::Ipv4,
        Format::Ipv6,
        Format::IntegerString,
        Format::DecimalString,
    ];

    /// The name used in reports and in `x-mockdrift-format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Time => "time",
            Format::Uuid => "uuid",
            Format::Email => "email",
            Format::Uri => "uri",
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::IntegerString => "integer-string",
            Format::DecimalString => "decimal-string",
        }
    }

    /// The JSON Schema `format` keyword value, where the format has one.
    pub fn json_schema(self) -> Option<&'static str> {
        match self {
            Format::IntegerString | Format::DecimalString => None,
            f => Some(f.name()),
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of formats a string matched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Formats(u16);

impl Formats {
    /// Whether `f` is in the set.
    pub fn contains(self, f: Format) -> bool {
        self.0 & f.bit() != 0
    }

    /// Whether no format matched.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The formats in the set, in `Format::ALL` order.
    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    fn with(mut self, f: Format) -> Self {
        self.0 |= f.bit();
        self
    }
}

fn digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

fn num(b: &[u8]) -> u32 {
    b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

fn is_date(b: &[u8]) -> bool {
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(&b[0..4])
        && digits(&b[5..7])
        && digits(&b[8..10])
        && (1..=12).contains(&num(&b[5..7]))
        && (1..=31).contains(&num(&b[8..10]))
}

/// `HH:MM:SS(.frac)?(Z|±HH:MM)?`; `need_offset` as in RFC 3339 `full-time`.
fn is_time(b: &[u8], need_offset: bool) -> bool {
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    if !(digits(&b[0..2]) && digits(&b[3..5]) && digits(&b[6..8])) {
        return false;
    }
    if num(&b[0..2]) > 23 || num(&b[3..5]) > 59 || num(&b[6..8]) > 60 {
        return false;
    }
    let mut rest = &b[8..];
    if let Some(r) = rest.strip_prefix(b".") {
        let n = r.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &r[n..];
    }
    match rest {
        [] => !need_offset,
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => digits(&[*h1, *h2, *m1, *m2]),
        _ => false,
    }
}

fn is_uuid(b: &[u8]) -> bool {
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && local.len() <= 64
        && domain.len() >= 3
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.bytes().any(|c| c.is_ascii_whitespace() || c == b'<' || c == b'>')
        && !domain.contains('@')
}

fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut sc = scheme.bytes();
    let scheme_ok = sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    let body_ok = match rest.strip_prefix("//") {
        Some(authority) => !authority.is_empty(),
        None => matches!(scheme.to_ascii_lowercase().as_str(), "mailto" | "urn" | "tel" | "data") && !rest.is_empty(),
    };
    scheme_ok && body_ok && !s.bytes().any(|c| c.is_ascii_whitespace() || c.is_ascii_control())
}

/// Detects the formats of a string. Cheap on the common case: most checks fail on length
/// or the first bytes.
pub fn detect(s: &str) -> Formats {
    let b = s.as_bytes();
    let mut f = Formats::default();
    if b.is_empty() || b.len() > 2048 {
        return f;
    }
    let first = b[0];
    if first.is_ascii_digit() || first == b'-' || first == b'+' {
        let body = if first == b'-' || first == b'+' { &b[1..] } else { b };
        if digits(body) && body.len() <= 40 {
            f = f.with(Format::IntegerString).with(Format::DecimalString);
        } else if let Some((i, frac)) = s.trim_start_matches(['-', '+']).split_once('.')
            && digits(i.as_bytes())
            && digits(frac.as_bytes())
            && body.len() <= 40
        {
            f = f.with(Format::DecimalString);
        }
    }
    if first.is_ascii_digit() {
        if b.len() == 10 && is_date(b) {
            f = f.with(Format::Date);
        } else if b.len() > 10 && matches!(b[10], b'T' | b't') && is_date(&b[..10]) && is_time(&b[11..], true) {
            f = f.with(Format::DateTime);
        } else if b.len() >= 8 && b[2] == b':' && is_time(b, false) {
            f = f.with(Format::Time);
        }
        if b.len() <= 15 && b.contains(&b'.') && s.parse::<std::net::Ipv4Addr>().is_ok() {
            f = f.with(Format::Ipv4);
        }
    }
    if b.len() == 36 && is_uuid(b) {
        f = f.with(Format::Uuid);
    }
    if b.contains(&b':') && b.len() <= 45 && s.parse::<std::net::Ipv6Addr>().is_ok() {
        f = f.with(Format::Ipv6);
    } else if first.is_ascii_alphabetic() && is_uri(s) {
        f = f.with(Format::Uri);
    }
    if b.contains(&b'@') && is_email(s) {
        f = f.with(Format::Email);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(s: &str) -> Vec<&'static str> {
        detect(s).iter().map(Format::name).collect()
    }

    #[test]
    fn detects_each_format() {
        assert_eq!(has("2026-11-03T10:00:00Z"), ["date-time"]);
        assert_eq!(has("2026-11-03T10:00:00.123+02:00"), ["date-time"]);
        assert_eq!(has("2026-11-03"), ["date"]);
        assert_eq!(has("10:00:00"), ["time"]);
        assert_eq!(has("9f1c2e4a-0b6d-4c3e-8f2a-1b2c3d4e5f60"), ["uuid"]);
        assert_eq!(has("ana@example.com"), ["email"]);
        assert_eq!(has("https://example.com/x"), ["uri"]);
        assert_eq!(has("urn:isbn:0451450523"), ["uri"]);
        assert_eq!(has("10.0.0.1"), ["ipv4"]);
        assert_eq!(has("::1"), ["ipv6"]);
        assert_eq!(has("42"), ["integer-string", "decimal-string"]);
        assert_eq!(has("-12.50"), ["decimal-string"]);
        assert!(has("hello").is_empty());
        assert!(has("2026-13-03").is_empty());
        assert!(has("2026-11-03 10:00").is_empty());
        assert!(has("a@b").is_empty());
        assert!(has("").is_empty());
    }
}
