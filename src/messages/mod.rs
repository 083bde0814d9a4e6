pub mod parse_en;
pub mod parse_vi;
