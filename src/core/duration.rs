//! Durations as people type them: `250ms`, `2s`, `90s`, `5m`, `1h`, `1d`, `2 weeks`.
//!
//! Stored internally as whole milliseconds so comparisons and band look-ups are exact.

use std::fmt;

/// A non-negative span of time, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration(pub u64);

/// Why a duration could not be read; the text is meant for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DurationError(pub String);

const UNITS: &[(&[&str], u64)] = &[
    (&["ms", "msec", "msecs", "millisecond", "milliseconds"], 1),
    (&["s", "sec", "secs", "second", "seconds"], 1_000),
    (&["m", "min", "mins", "minute", "minutes"], 60_000),
    (&["h", "hr", "hrs", "hour", "hours"], 3_600_000),
    (&["d", "day", "days"], 86_400_000),
    (&["w", "wk", "wks", "week", "weeks"], 604_800_000),
];

/// The longest duration accepted, in milliseconds (about 31,700 years): beyond it values stop being exact.
pub const MAX_MS: u64 = 1_000_000_000_000_000;

const HINT: &str = "write a number and a unit, e.g. 250ms, 2s, 90s, 5m, 1h, 1d or 2 weeks";

impl Duration {
    /// Builds a duration from seconds.
    pub const fn from_secs(s: u64) -> Self {
        Duration(s * 1_000)
    }

    /// Milliseconds in this duration.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// Parses text such as `250ms`, `1.5s`, `2 weeks` or `1h 30m` (parts are added up).
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(DurationError(format!("empty duration: {HINT}")));
        }
        let mut total: u64 = 0;
        let mut rest = t;
        while !rest.is_empty() {
            let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
            let num = &rest[..num_len];
            if num.is_empty() {
                return Err(DurationError(format!("`{t}` is not a duration: expected a number at `{rest}`; {HINT}")));
            }
            let value: f64 =
                num.parse().map_err(|_| DurationError(format!("`{num}` is not a number in `{t}`; {HINT}")))?;
            rest = rest[num_len..].trim_start();
            let unit_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            let unit = rest[..unit_len].to_ascii_lowercase();
            if unit.is_empty() {
                return Err(DurationError(format!("`{t}` has no unit after {num}; {HINT}")));
            }
            let factor = UNITS
                .iter()
                .find(|(names, _)| names.contains(&unit.as_str()))
                .map(|(_, f)| *f)
                .ok_or_else(|| DurationError(format!("unknown unit `{unit}` in `{t}`; {HINT}")))?;
            let ms = value * factor as f64;
            // Checked per part and for the sum, so every accepted value prints and parses back.
            total =
                total.saturating_add(if ms.is_finite() && ms <= MAX_MS as f64 { ms.round() as u64 } else { u64::MAX });
            if total > MAX_MS {
                return Err(DurationError(format!(
                    "`{t}` is too long; durations up to a few thousand years are accepted"
                )));
            }
            rest = rest[unit_len..].trim_start_matches([' ', ',']);
        }
        Ok(Duration(total))
    }
}

impl fmt::Display for Duration {
    /// Prints the largest unit that represents the value exactly, e.g. `90s`, `5m`, `2w`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0;
        if ms == 0 {
            return f.write_str("0s");
        }
        for (names, factor) in UNITS.iter().rev() {
            if ms.is_multiple_of(*factor) {
                return write!(f, "{}{}", ms / factor, names[0]);
            }
        }
        write!(f, "{ms}ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        let cases = [
            ("250ms", 250),
            ("2s", 2_000),
            ("90s", 90_000),
            ("5m", 300_000),
            ("1h", 3_600_000),
            ("1d", 86_400_000),
            ("2 weeks", 1_209_600_000),
            ("1.5s", 1_500),
            ("1h 30m", 5_400_000),
            (" 10 Minutes ", 600_000),
        ];
        for (text, ms) in cases {
            assert_eq!(Duration::parse(text), Ok(Duration(ms)), "{text}");
        }
    }

    #[test]
    fn rejects_nonsense_with_a_hint() {
        for bad in ["", "soon", "5", "5 parsecs", "ms", "1..2s", "-3s"] {
            let err = Duration::parse(bad).unwrap_err();
            assert!(err.0.contains("250ms"), "{bad}: {err}");
        }
    }

    #[test]
    fn displays_in_the_largest_exact_unit() {
        assert_eq!(Duration(250).to_string(), "250ms");
        assert_eq!(Duration(90_000).to_string(), "90s");
        assert_eq!(Duration(300_000).to_string(), "5m");
        assert_eq!(Duration(1_209_600_000).to_string(), "2w");
        assert_eq!(Duration(0).to_string(), "0s");
    }

    #[test]
    fn sums_over_the_limit_are_refused() {
        // Found by the duration fuzz target: parts under the limit whose sum is over it.
        assert!(Duration::parse("3s3s1s1s999999999993s3s1s").unwrap_err().0.contains("too long"));
        assert_eq!(Duration::parse(&Duration(MAX_MS).to_string()), Ok(Duration(MAX_MS)));
    }

    #[test]
    fn display_parses_back() {
        for ms in [1, 999, 1_000, 61_000, 3_600_000, 86_400_001] {
            let d = Duration(ms);
            assert_eq!(Duration::parse(&d.to_string()), Ok(d));
        }
    }
}
