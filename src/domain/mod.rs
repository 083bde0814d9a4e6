//! The domain: plans, targets, thresholds, deadlines. No I/O, no rendering.

pub mod deadline;
pub mod plan;
pub mod threshold;

pub use deadline::Deadline;
pub use plan::*;
pub use threshold::{Direction, TargetValue, Threshold};
