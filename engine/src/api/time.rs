//! Simulated wall-clock time: milliseconds since the Unix epoch, rendered as RFC 3339.

use super::decode::FromJson;
use serde::{Serialize, Serializer};
use serde_json::Value as Json;

/// The instant a fresh simulated cluster starts at: 2025-01-01T00:00:00Z.
pub const EPOCH_MS: i64 = 1_735_689_600_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i64);

impl Time {
    pub fn from_secs(s: i64) -> Time {
        Time(s * 1000)
    }
    pub fn millis(self) -> i64 {
        self.0
    }
    pub fn plus_ms(self, ms: i64) -> Time {
        Time(self.0.saturating_add(ms))
    }
    pub fn plus_secs(self, s: i64) -> Time {
        self.plus_ms(s.saturating_mul(1000))
    }

    /// `2025-01-01T00:00:00Z` (seconds precision, as metav1.Time serialises).
    pub fn rfc3339(self) -> String {
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            y,
            m,
            d,
            rem / 3600,
            (rem % 3600) / 60,
            rem % 60
        )
    }

    pub fn parse_rfc3339(s: &str) -> Option<Time> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b't') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse().ok() };
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
            return None;
        }
        let mut rest = &s[19..];
        if let Some(r) = rest.strip_prefix('.') {
            rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
        }
        let offset = match rest {
            "Z" | "z" => 0,
            r if r.len() == 6 && (r.starts_with('+') || r.starts_with('-')) => {
                let oh: i64 = r.get(1..3)?.parse().ok()?;
                let om: i64 = r.get(4..6)?.parse().ok()?;
                let o = oh * 3600 + om * 60;
                if r.starts_with('-') {
                    -o
                } else {
                    o
                }
            }
            _ => return None,
        };
        let days = days_from_civil(y, mo as u32, d as u32);
        Some(Time(
            (days * 86_400 + h * 3600 + mi * 60 + se - offset) * 1000,
        ))
    }
}

// Howard Hinnant's civil-date algorithms.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

/// kubectl's AGE column (`duration.HumanDuration`).
pub fn human_duration(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    if secs < 0 {
        return "<invalid>".into();
    }
    if secs < 60 * 2 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{}h", hours / 24, h)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{}d", hours / 24 / 365, dy)
        };
    }
    format!("{}y", hours / 24 / 365)
}

impl FromJson for Time {
    fn from_json(v: Json) -> Result<Self, String> {
        let s = String::from_json(v)?;
        Time::parse_rfc3339(&s).ok_or_else(|| format!("invalid time {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn round_trip() {
        let t = Time(EPOCH_MS);
        assert_eq!(t.rfc3339(), "2025-01-01T00:00:00Z");
        assert_eq!(Time::parse_rfc3339("2025-01-01T00:00:00Z"), Some(t));
        assert_eq!(
            Time::parse_rfc3339("2024-02-29T12:34:56+01:00")
                .unwrap()
                .rfc3339(),
            "2024-02-29T11:34:56Z"
        );
    }
    #[test]
    fn ages() {
        assert_eq!(human_duration(5_000), "5s");
        assert_eq!(human_duration(119_000), "119s");
        assert_eq!(human_duration(150_000), "2m30s");
        assert_eq!(human_duration(600_000), "10m");
        assert_eq!(human_duration(3 * 3_600_000 + 60_000), "3h1m");
        assert_eq!(human_duration(50 * 3_600_000), "2d2h");
    }
}
