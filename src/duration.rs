//! Durations on the command line: `500ms`, `5s`, `2m`, `36h`, `14d`.

use std::time::Duration;

use anyhow::{Context, bail};

/// Parses a positive duration; a bare number is in `bare` units (seconds for the proxy's
/// intervals, days for `--stale-after`).
pub(crate) fn parse(s: &str, bare: Duration) -> anyhow::Result<Duration> {
    let t = s.trim();
    let units: [(&str, f64); 5] = [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0), ("d", 86_400.0)];
    let (num, secs) = units
        .iter()
        .find_map(|(suffix, secs)| t.strip_suffix(suffix).map(|n| (n, *secs)))
        .unwrap_or((t, bare.as_secs_f64()));
    let v: f64 =
        num.trim().parse().with_context(|| format!("{s:?} is not a duration like 500ms, 5s, 2m, 36h or 14d"))?;
    if !(v.is_finite() && v > 0.0) {
        bail!("{s:?}: a duration must be positive");
    }
    Ok(Duration::from_secs_f64(v * secs))
}

/// A duration as `parse` reads it back: `100ms`, `5s`, `1.5s`.
pub(crate) fn show(d: Duration) -> String {
    if d.subsec_millis() != 0 && d < Duration::from_secs(1) {
        format!("{}ms", d.as_millis())
    } else {
        format!("{}s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_bare_numbers() {
        let sec = Duration::from_secs(1);
        let day = Duration::from_secs(86_400);
        assert_eq!(parse("500ms", sec).expect("valid"), Duration::from_millis(500));
        assert_eq!(parse("2m", sec).expect("valid"), Duration::from_secs(120));
        assert_eq!(parse("36h", day).expect("valid"), Duration::from_secs(36 * 3600));
        assert_eq!(parse("14d", sec).expect("valid"), Duration::from_secs(14 * 86_400));
        assert_eq!(parse("3", day).expect("valid"), Duration::from_secs(3 * 86_400));
        assert_eq!(parse("5", sec).expect("valid"), Duration::from_secs(5));
        assert!(parse("0s", sec).is_err());
        assert!(parse("soon", sec).is_err());
        for text in ["100ms", "5s", "1.5s"] {
            assert_eq!(show(parse(text, sec).expect("valid")), text);
        }
    }
}
