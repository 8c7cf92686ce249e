//! [`DateTime`], Smithy's `timestamp`.

use std::fmt;
use std::ops::{Add, AddAssign, Sub, SubAssign};
use std::time::{Duration, SystemTime};

use time::format_description::well_known::{Iso8601, Rfc2822, Rfc3339};
use time::{OffsetDateTime, PrimitiveDateTime};

const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// A point in time, as Smithy's `timestamp` type: whole seconds since the
/// Unix epoch and a nanosecond fraction, in UTC.
///
/// Reading one from the wire does no calendar arithmetic. For calendar
/// work convert it to [`time::OffsetDateTime`] (both ways with `From`) or
/// [`SystemTime`] (`From`, and [`DateTime::to_system_time`]); it prints
/// as RFC 3339 (`2026-11-24T21:29:15.63Z`). The range is that of `time`:
/// the years -9999 to 9999. Arithmetic and conversions saturate at its
/// ends instead of failing. `Default` is the epoch.
///
/// ```
/// use smithy_runtime::DateTime;
/// use std::time::Duration;
///
/// let start = DateTime::from_secs(1_731_000_000);
/// let end = start + Duration::from_millis(1_500);
/// assert_eq!(end.to_string(), "2024-11-07T17:20:01.5Z");
/// assert_eq!(end.duration_since(start), Some(Duration::from_millis(1_500)));
/// assert_eq!(time::OffsetDateTime::from(start).year(), 2024);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    /// Below one second.
    nanos: u32,
}

impl DateTime {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime { seconds: 0, nanos: 0 };
    /// The earliest value: -9999-01-01T00:00:00Z.
    pub const MIN: DateTime = DateTime { seconds: -377_705_116_800, nanos: 0 };
    /// The latest value: 9999-12-31T23:59:59.999999999Z.
    pub const MAX: DateTime = DateTime { seconds: 253_402_300_799, nanos: NANOS_PER_SECOND - 1 };

    /// The current time.
    pub fn now() -> Self {
        Self::from(SystemTime::now())
    }

    /// Whole seconds since the epoch, saturated to the range.
    pub fn from_secs(seconds: i64) -> Self {
        Self::clamped(seconds, 0)
    }

    /// Seconds since the epoch and a fraction of `nanos` (below one
    /// second); `None` when either is out of range.
    #[inline]
    pub fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Option<Self> {
        let value = DateTime { seconds, nanos };
        (nanos < NANOS_PER_SECOND && (Self::MIN..=Self::MAX).contains(&value)).then_some(value)
    }

    /// Milliseconds since the epoch, saturated to the range.
    pub fn from_millis(millis: i64) -> Self {
        // Both parts fit: the remainder is below 1000.
        Self::clamped(millis.div_euclid(1000), millis.rem_euclid(1000) as u32 * 1_000_000)
    }

    /// Fractional seconds since the epoch, rounded to the microsecond (the
    /// precision an `f64` keeps for present-day values), as awsJson sends
    /// timestamps; `None` for NaN, infinities and values out of range.
    #[inline]
    pub fn from_secs_f64(seconds: f64) -> Option<Self> {
        // Whole seconds, as most services send them, need no rounding.
        let whole = seconds as i64;
        if whole as f64 == seconds {
            return Self::from_secs_and_nanos(whole, 0);
        }
        let micros = seconds * 1e6;
        if !micros.is_finite() || micros.abs() > 9.0e18 {
            return None;
        }
        // Rounded half away from zero, as `f64::round` does (a libm call on
        // the baseline x86-64 target): the cast truncates, the fraction is
        // exact.
        let whole = micros as i64;
        let fraction = micros - whole as f64;
        let micros = whole + i64::from(fraction >= 0.5) - i64::from(fraction <= -0.5);
        // Below one million, so the product fits.
        Self::from_secs_and_nanos(micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000) as u32 * 1000)
    }

    /// Parses the text forms a timestamp is known to arrive in: epoch
    /// seconds, RFC 3339 / ISO 8601 (UTC when it has no offset) or an HTTP
    /// date (RFC 2822).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Ok(seconds) = text.parse::<f64>() {
            return Self::from_secs_f64(seconds);
        }
        OffsetDateTime::parse(text, &Rfc3339)
            .or_else(|_| OffsetDateTime::parse(text, &Iso8601::DEFAULT))
            .or_else(|_| PrimitiveDateTime::parse(text, &Iso8601::DEFAULT).map(PrimitiveDateTime::assume_utc))
            .or_else(|_| OffsetDateTime::parse(text, &Rfc2822))
            .ok()
            .map(Self::from)
    }

    /// Whole seconds since the epoch (rounded down: before 1970 the
    /// fraction counts forward from them).
    pub fn secs(self) -> i64 {
        self.seconds
    }

    /// The fraction of the second, in nanoseconds.
    pub fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Milliseconds since the epoch, rounded down.
    pub fn to_millis(self) -> i64 {
        self.seconds * 1000 + i64::from(self.nanos / 1_000_000)
    }

    /// Seconds since the epoch as an `f64`, as awsJson writes timestamps.
    pub fn as_secs_f64(self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }

    /// The same instant as a [`SystemTime`]; `None` where the platform's
    /// `SystemTime` cannot represent it.
    pub fn to_system_time(self) -> Option<SystemTime> {
        let whole = Duration::from_secs(self.seconds.unsigned_abs());
        let at = if self.seconds >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(whole)
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(whole)
        };
        at?.checked_add(Duration::from_nanos(u64::from(self.nanos)))
    }

    /// The time elapsed from `earlier` to `self`; `None` when `earlier` is
    /// later.
    pub fn duration_since(self, earlier: DateTime) -> Option<Duration> {
        if self < earlier {
            return None;
        }
        let (seconds, nanos) = if self.nanos >= earlier.nanos {
            (self.seconds - earlier.seconds, self.nanos - earlier.nanos)
        } else {
            (self.seconds - earlier.seconds - 1, self.nanos + NANOS_PER_SECOND - earlier.nanos)
        };
        // Within the range, the difference is positive and fits.
        Some(Duration::new(seconds.unsigned_abs(), nanos))
    }

    /// `self` moved by `duration`, forward or back, saturating at the range.
    fn moved(self, duration: Duration, forward: bool) -> Self {
        let (seconds, nanos) = (i64::try_from(duration.as_secs()).unwrap_or(i64::MAX), duration.subsec_nanos());
        if forward {
            let nanos = self.nanos + nanos;
            let carry = i64::from(nanos >= NANOS_PER_SECOND);
            Self::clamped(self.seconds.saturating_add(seconds).saturating_add(carry), nanos % NANOS_PER_SECOND)
        } else {
            let borrow = i64::from(self.nanos < nanos);
            let nanos = self.nanos + borrow as u32 * NANOS_PER_SECOND - nanos;
            Self::clamped(self.seconds.saturating_sub(seconds).saturating_sub(borrow), nanos)
        }
    }

    /// `seconds` and `nanos` (below one second), saturated to the range.
    fn clamped(seconds: i64, nanos: u32) -> Self {
        DateTime { seconds, nanos }.clamp(Self::MIN, Self::MAX)
    }
}

impl From<OffsetDateTime> for DateTime {
    fn from(value: OffsetDateTime) -> Self {
        Self::clamped(value.unix_timestamp(), value.nanosecond())
    }
}

impl From<DateTime> for OffsetDateTime {
    fn from(value: DateTime) -> Self {
        // The range is `time`'s, so both steps succeed; the fallback only
        // keeps this free of panics.
        OffsetDateTime::from_unix_timestamp(value.seconds)
            .and_then(|t| t.replace_nanosecond(value.nanos))
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

impl From<SystemTime> for DateTime {
    fn from(value: SystemTime) -> Self {
        match value.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(after) => Self::UNIX_EPOCH + after,
            Err(before) => Self::UNIX_EPOCH - before.duration(),
        }
    }
}

impl Add<Duration> for DateTime {
    type Output = DateTime;

    /// Saturates at [`DateTime::MAX`].
    fn add(self, duration: Duration) -> DateTime {
        self.moved(duration, true)
    }
}

impl AddAssign<Duration> for DateTime {
    fn add_assign(&mut self, duration: Duration) {
        *self = *self + duration;
    }
}

impl Sub<Duration> for DateTime {
    type Output = DateTime;

    /// Saturates at [`DateTime::MIN`].
    fn sub(self, duration: Duration) -> DateTime {
        self.moved(duration, false)
    }
}

impl SubAssign<Duration> for DateTime {
    fn sub_assign(&mut self, duration: Duration) {
        *self = *self - duration;
    }
}

impl fmt::Display for DateTime {
    /// RFC 3339 in UTC, with as many fraction digits as the value needs.
    /// Years before 0000, which RFC 3339 cannot write, get ISO 8601's
    /// signed form (`-0044-03-15T12:00:00.000000000Z`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = OffsetDateTime::from(*self);
        match t.format(&Rfc3339) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(
                f,
                "{:+05}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
                t.nanosecond()
            ),
        }
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractional_seconds_round_to_the_microsecond_like_f64_round() {
        let parts = |s: f64| DateTime::from_secs_f64(s).map(|t| (t.secs(), t.subsec_nanos()));
        assert_eq!(parts(1731000000.123), Some((1731000000, 123_000_000)));
        assert_eq!(parts(-1.25), Some((-2, 750_000_000)));
        for s in [0.0f64, -0.0, 1.5e-6, -1.5e-6, 2.5e-6, 1.0000005, -1.0000005, 4.999_999e-7, 1_731_000_000.123_456_5] {
            let micros = (s * 1e6).round() as i64;
            let expected = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000) as u32 * 1000);
            assert_eq!(parts(s), Some(expected), "{s}");
        }
        // Whole seconds take the short way, to the same values.
        assert_eq!(parts(1_796_083_200.0), Some((1_796_083_200, 0)));
        assert_eq!(parts(-5.0), Some((-5, 0)));
        assert_eq!(parts(DateTime::MAX.secs() as f64), Some((DateTime::MAX.secs(), 0)));
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300, 9.3e18, 3e11, -4e11] {
            assert_eq!(DateTime::from_secs_f64(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_range_is_times_and_conversions_round_trip() {
        for t in [DateTime::MIN, DateTime::MAX, DateTime::UNIX_EPOCH, DateTime::from_millis(-1), DateTime::now()] {
            assert_eq!(DateTime::from(OffsetDateTime::from(t)), t);
            assert_eq!(t.to_system_time().map(DateTime::from), Some(t));
        }
        assert_eq!(OffsetDateTime::from(DateTime::MIN).year(), -9999);
        // Every value prints, including years RFC 3339 cannot write.
        assert_eq!(DateTime::MIN.to_string(), "-9999-01-01T00:00:00.000000000Z");
        assert_eq!(format!("{:?}", DateTime::MAX), "9999-12-31T23:59:59.999999999Z");
        assert_eq!(OffsetDateTime::from(DateTime::MAX).year(), 9999);
        assert_eq!(DateTime::from_millis(-1).to_string(), "1969-12-31T23:59:59.999Z");
        assert_eq!(DateTime::from_millis(-1).secs(), -1);
        assert_eq!(DateTime::from_millis(-1).to_millis(), -1);
        assert_eq!(DateTime::from_secs_and_nanos(0, NANOS_PER_SECOND), None);
        assert_eq!(DateTime::from_secs_and_nanos(DateTime::MAX.secs() + 1, 0), None);
        assert_eq!(DateTime::from_secs(i64::MAX), DateTime::MAX);
        assert_eq!(DateTime::default(), DateTime::UNIX_EPOCH);
    }

    #[test]
    fn arithmetic_carries_and_saturates() {
        let t = DateTime::from_secs_and_nanos(10, 900_000_000).unwrap();
        assert_eq!(t + Duration::from_millis(200), DateTime::from_secs_and_nanos(11, 100_000_000).unwrap());
        assert_eq!(t - Duration::from_millis(950), DateTime::from_secs_and_nanos(9, 950_000_000).unwrap());
        assert_eq!(t - Duration::from_secs(20), DateTime::from_secs_and_nanos(-10, 900_000_000).unwrap());
        assert_eq!(t + Duration::MAX, DateTime::MAX);
        assert_eq!(t - Duration::MAX, DateTime::MIN);
        let later = t + Duration::from_millis(1_250);
        assert_eq!(later.duration_since(t), Some(Duration::from_millis(1_250)));
        assert_eq!(t.duration_since(later), None);
        assert_eq!(DateTime::MAX.duration_since(DateTime::MIN).map(|d| d.as_secs()), Some(631_107_417_599));
    }

    #[test]
    fn text_in_every_form() {
        let t = |s: &str| DateTime::parse(s).map(|t| (t.secs(), t.subsec_nanos() / 1_000_000));
        assert_eq!(t("1515531081.123"), Some((1515531081, 123)));
        assert_eq!(t("2018-01-09T20:51:21.123Z"), Some((1515531081, 123)));
        assert_eq!(t("2018-01-09T21:51:21.123+01:00"), Some((1515531081, 123)));
        assert_eq!(t("2018-01-09T20:51:21"), Some((1515531081, 0)));
        assert_eq!(t("Tue, 09 Jan 2018 20:51:21 GMT"), Some((1515531081, 0)));
        assert_eq!(t("yesterday"), None);
        assert_eq!(t("NaN"), None);
        assert_eq!(format!("{:?}", DateTime::from_secs(1515531081)), "2018-01-09T20:51:21Z");
    }
}
