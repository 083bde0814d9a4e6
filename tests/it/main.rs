//! kh's integration tests: one binary, one module per area, every run of kh
//! through `util::kh()`.

mod util;

mod bad_catalog;
mod bad_input;
mod cache;
mod calendar;
mod changed;
mod context;
mod diff;
mod due;
mod editor_and_ci;
mod examples;
mod exit_codes;
mod explain;
mod export;
mod fidelity;
mod generator;
mod golden;
mod import;
mod json_shape;
mod kinds;
mod language;
mod memo;
mod national;
mod parents;
mod plans;
mod properties;
mod readme;
mod reports_xlsx;
mod rules;
mod security;
mod status;
