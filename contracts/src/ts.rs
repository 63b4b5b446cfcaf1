//! Timestamps: milliseconds since the Unix epoch, written as RFC 3339.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A point in time with millisecond resolution (UTC), serialized as RFC 3339.
///
/// Contracts keep first-seen and last-seen times; a small `Copy` integer keeps the
/// shapes compact and the merge (min/max) trivial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ts(pub i64);

impl Ts {
    /// The current wall-clock time.
    pub fn now() -> Self {
        Self::from_datetime(OffsetDateTime::now_utc())
    }

    /// Converts from a `time` date-time.
    pub fn from_datetime(dt: OffsetDateTime) -> Self {
        Ts((dt.unix_timestamp_nanos() / 1_000_000) as i64)
    }

    /// Parses an RFC 3339 date-time (`2026-11-03T10:00:00Z`, fractional seconds and offsets allowed).
    pub fn parse(s: &str) -> Result<Self, time::error::Parse> {
        OffsetDateTime::parse(s.trim(), &Rfc3339).map(Self::from_datetime)
    }

    /// The RFC 3339 form in UTC with milliseconds, e.g. `2026-11-03T10:00:00.000Z`.
    pub fn to_rfc3339(self) -> String {
        let nanos = i128::from(self.0) * 1_000_000;
        match OffsetDateTime::from_unix_timestamp_nanos(nanos) {
            Ok(dt) => {
                let (y, mo, d) = (dt.year(), u8::from(dt.month()), dt.day());
                let (h, mi, s) = (dt.hour(), dt.minute(), dt.second());
                let ms = dt.millisecond();
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
            }
            Err(_) => "invalid-time".to_owned(),
        }
    }

    /// The calendar date part, `2026-11-03`.
    pub fn date(self) -> String {
        let mut s = self.to_rfc3339();
        s.truncate(10);
        s
    }
}

impl fmt::Display for Ts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Ts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Ts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ts::parse(&s).map_err(|e| serde::de::Error::custom(format!("invalid RFC 3339 time {s:?}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrips_rfc3339_with_offsets() {
        let t = Ts::parse("2026-11-03T12:30:05.250+02:00").expect("valid");
        assert_eq!(t.to_rfc3339(), "2026-11-03T10:30:05.250Z");
        assert_eq!(Ts::parse(&t.to_rfc3339()).expect("valid"), t);
        assert_eq!(t.date(), "2026-11-03");
        assert!(Ts::parse("2026-13-03T00:00:00Z").is_err());
    }
}
