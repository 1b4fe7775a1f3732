//! Dates as readers, machines and feeds see them.
//!
//! Content dates are calendar days (`2026-03-02`). Pages show them as "March 2, 2026" (the
//! AMA Manual's form), `<time datetime>` and JSON-LD carry the ISO day, and feeds and Open
//! Graph need instants: a day is taken as midnight UTC, so every format names the same instant.

use jiff::civil::Date;

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "March 2, 2026".
pub fn display(date: Date) -> String {
    format!("{} {}, {}", month_name(date), date.day(), date.year())
}

/// "March 2026".
pub fn month_year(date: Date) -> String {
    format!("{} {}", month_name(date), date.year())
}

/// The English name of the date's month.
pub fn month_name(date: Date) -> &'static str {
    MONTHS[(date.month() as usize).clamp(1, 12) - 1]
}

/// "2026-03-02".
pub fn iso(date: Date) -> String {
    date.to_string()
}

/// "2026-03-02T00:00:00Z" (RFC 3339, for Atom, Open Graph and JSON-LD).
pub fn rfc3339(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// "Mon, 02 Mar 2026 00:00:00 +0000" (RFC 822/2822, for RSS).
pub fn rfc2822(date: Date) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let weekday = DAYS[date.weekday().to_monday_zero_offset() as usize];
    let month = &month_name(date)[..3];
    format!("{weekday}, {:02} {month} {} 00:00:00 +0000", date.day(), date.year())
}

/// `date` plus `months`, clamped to the month's last day (Jan 31 + 1 month = Feb 28), and to
/// the last day jiff knows (9999-12-31) when the sum would pass it.
///
/// site.yaml bounds `review_interval`, but this is the one place a number from a file turns
/// into date arithmetic, so it never panics whatever the number.
pub fn add_months(date: Date, months: u32) -> Date {
    match jiff::Span::new().try_months(i64::from(months)) {
        Ok(span) => date.saturating_add(span),
        Err(_) => Date::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn formats_name_the_same_day() {
        let d = date(2026, 3, 2);
        assert_eq!(display(d), "March 2, 2026");
        assert_eq!(iso(d), "2026-03-02");
        assert_eq!(rfc3339(d), "2026-03-02T00:00:00Z");
        assert_eq!(rfc2822(d), "Mon, 02 Mar 2026 00:00:00 +0000");
        assert_eq!(add_months(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(add_months(d, 12), date(2027, 3, 2));
        // Past jiff's largest span of months, and past year 9999: the last day, no panic.
        assert_eq!(add_months(d, 239_977), Date::MAX);
        assert_eq!(add_months(d, u32::MAX), Date::MAX);
        assert_eq!(add_months(d, 100_000), Date::MAX);
    }
}
