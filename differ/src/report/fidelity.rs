//! Mock fidelity in the reports: a line per service for people, a shields.io badge.

use serde_json::json;

use super::group::thousands;
use crate::finding::{FidelityCounts, Report};

/// `part` of `whole` as a whole percentage, rounded down: 100% only when every one counts.
pub(crate) fn percent(part: u64, whole: u64) -> String {
    match whole {
        0 => "-".to_owned(),
        _ => format!("{}%", part.saturating_mul(100) / whole),
    }
}

/// One line: `62% (5 of 8 mocks confirmed, 2 stale, 1 unverified); coverage 91% of 12,345
/// production requests`.
pub(crate) fn line(c: &FidelityCounts) -> String {
    format!(
        "{} ({} of {} {} confirmed, {} stale, {} unverified); coverage {} of {} production requests",
        percent(c.confirmed as u64, c.mocks as u64),
        c.confirmed,
        c.mocks,
        if c.mocks == 1 { "mock" } else { "mocks" },
        c.stale,
        c.unverified,
        percent(c.covered_requests, c.requests),
        thousands(c.requests),
    )
}

/// A shields.io endpoint badge (<https://shields.io/badges/endpoint-badge>): the overall
/// fidelity, green from 90%, red below 50%.
pub fn render_badge(r: &Report) -> String {
    let c = &r.summary.fidelity.overall;
    let (message, color) = match (c.confirmed * 100).checked_div(c.mocks) {
        None => ("no mocks".to_owned(), "lightgrey"),
        Some(pct) => {
            let color = match pct {
                90.. => "green",
                75..=89 => "yellowgreen",
                60..=74 => "yellow",
                50..=59 => "orange",
                _ => "red",
            };
            (percent(c.confirmed as u64, c.mocks as u64), color)
        }
    };
    let doc = json!({"schemaVersion": 1, "label": "mock fidelity", "message": message, "color": color});
    serde_json::to_string(&doc).expect("badges serialize") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(mocks: usize, confirmed: usize, stale: usize, requests: u64, covered: u64) -> FidelityCounts {
        FidelityCounts {
            mocks,
            confirmed,
            stale,
            unverified: mocks - confirmed - stale,
            requests,
            covered_requests: covered,
            ..FidelityCounts::default()
        }
    }

    #[test]
    fn percentages_round_down_and_lines_say_the_counts() {
        assert_eq!(percent(29, 100), "29%");
        assert_eq!(percent(999, 1000), "99%");
        assert_eq!(percent(0, 0), "-");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(
            line(&counts(8, 5, 2, 12_345, 11_300)),
            "62% (5 of 8 mocks confirmed, 2 stale, 1 unverified); coverage 91% of 12,345 production requests"
        );
    }

    #[test]
    fn the_badge_is_a_shields_endpoint_document() {
        let mut r = Report::default();
        r.summary.fidelity.overall = counts(100, 93, 5, 10, 10);
        let badge: serde_json::Value = serde_json::from_str(&render_badge(&r)).expect("JSON");
        assert_eq!(badge, json!({"schemaVersion": 1, "label": "mock fidelity", "message": "93%", "color": "green"}));
        r.summary.fidelity.overall = counts(10, 4, 6, 10, 10);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&render_badge(&r)).expect("JSON")["color"], "red");
        r.summary.fidelity.overall = counts(0, 0, 0, 0, 0);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&render_badge(&r)).expect("JSON")["message"], "no mocks");
    }
}
