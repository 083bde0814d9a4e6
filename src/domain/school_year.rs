//! The bounds of a school year and its semesters, in one place.
//!
//! Defaults follow the ministry's yearly framework for general education,
//! Quyết định 2269/QĐ-BGDĐT (8/2025), "Khung kế hoạch thời gian năm học
//! 2025-2026 đối với giáo dục mầm non, giáo dục phổ thông và giáo dục thường
//! xuyên": opening ceremony on 5 September, semester I ends before 18
//! January, the school year ends before 31 May. The frameworks of earlier
//! years (e.g. 2045/QĐ-BGDĐT for 2024-2025) set the same days. A province or
//! a later framework may differ: kh.yaml can override each bound through
//! [`SchoolCalendar::with_overrides`].

use chrono::NaiveDate;

/// The calendar of this run: the ministry's unless kh.yaml names other bounds.
static CONFIGURED: std::sync::OnceLock<SchoolCalendar> = std::sync::OnceLock::new();

/// A day of the year, as (month, day).
pub type MonthDay = (u32, u32);

/// "5/9", "05-09", "5.9": day and month, as Vietnamese dates are written;
/// a day that no year has (31/2) is refused, 29/2 taken.
pub fn day_month(s: &str) -> Option<MonthDay> {
    let (d, m) = s.trim().split_once(['/', '-', '.'])?;
    let (d, m): (u32, u32) = (d.trim().parse().ok()?, m.trim().parse().ok()?);
    NaiveDate::from_ymd_opt(2028, m, d).map(|_| (m, d))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolCalendar {
    /// First day of the school year (khai giảng), in its first calendar year.
    pub start: MonthDay,
    /// Last day of semester I, in the second calendar year.
    pub semester_one_end: MonthDay,
    /// Last day of the school year, in the second calendar year.
    pub end: MonthDay,
}

impl Default for SchoolCalendar {
    fn default() -> SchoolCalendar {
        SchoolCalendar {
            start: (9, 5),
            semester_one_end: (1, 18),
            end: (5, 31),
        }
    }
}

impl SchoolCalendar {
    /// The calendar every deadline and period of this run is read with:
    /// kh.yaml's `school_year:` once set, else the ministry's framework.
    pub fn current() -> SchoolCalendar {
        CONFIGURED.get().copied().unwrap_or_default()
    }

    /// Sets the run's calendar from kh.yaml; once, before any plan is read.
    pub fn configure(self) {
        let _ = CONFIGURED.set(self);
    }

    /// The ministry's defaults with any bound replaced (from kh.yaml).
    pub fn with_overrides(
        start: Option<MonthDay>,
        semester_one_end: Option<MonthDay>,
        end: Option<MonthDay>,
    ) -> SchoolCalendar {
        let d = SchoolCalendar::default();
        SchoolCalendar {
            start: start.unwrap_or(d.start),
            semester_one_end: semester_one_end.unwrap_or(d.semester_one_end),
            end: end.unwrap_or(d.end),
        }
    }

    fn day(year: i32, (month, day): MonthDay) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
            .unwrap_or(if year < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            })
    }

    /// First and last day of the school year `start`-`start+1`.
    pub fn year_bounds(&self, start: i32) -> (NaiveDate, NaiveDate) {
        (
            Self::day(start, self.start),
            Self::day(start.saturating_add(1), self.end),
        )
    }

    /// First and last day of semester `term` (1 or 2) of that school year.
    pub fn semester_bounds(&self, start: i32, term: u32) -> Option<(NaiveDate, NaiveDate)> {
        let one_end = Self::day(start.saturating_add(1), self.semester_one_end);
        match term {
            1 => Some((Self::day(start, self.start), one_end)),
            2 => Some((
                one_end.succ_opt()?,
                Self::day(start.saturating_add(1), self.end),
            )),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn default_follows_the_ministry_framework() {
        let c = SchoolCalendar::default();
        assert_eq!(c.year_bounds(2026), (d(2026, 9, 5), d(2027, 5, 31)));
        assert_eq!(
            c.semester_bounds(2026, 1),
            Some((d(2026, 9, 5), d(2027, 1, 18)))
        );
        assert_eq!(
            c.semester_bounds(2026, 2),
            Some((d(2027, 1, 19), d(2027, 5, 31)))
        );
        assert_eq!(c.semester_bounds(2026, 3), None);
    }

    #[test]
    fn a_bound_is_a_day_and_a_month_that_some_year_has() {
        assert_eq!(day_month("5/9"), Some((9, 5)));
        assert_eq!(day_month(" 05-09 "), Some((9, 5)));
        assert_eq!(day_month("29/2"), Some((2, 29)));
        assert_eq!(day_month("31/6"), None);
        assert_eq!(day_month("9"), None);
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let c = SchoolCalendar::with_overrides(None, None, Some((6, 15)));
        assert_eq!(c.year_bounds(2026), (d(2026, 9, 5), d(2027, 6, 15)));
    }
}
