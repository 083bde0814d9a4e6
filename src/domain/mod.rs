//! The domain: plans, targets, thresholds, deadlines. No I/O, no rendering.

pub mod citation;
pub mod date;
pub mod deadline;
pub mod explain;
pub mod period;
pub mod plan;
pub mod school_year;
pub mod shared;
pub mod threshold;

pub use deadline::Deadline;
pub use plan::*;
pub use shared::Str;
pub use threshold::{Direction, TargetValue, Threshold};
