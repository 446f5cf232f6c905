//! `dangos import` and `dangos export`: a quarter's figures from a spreadsheet into
//! the indicators' files, and every figure out to one.

pub mod front;
#[cfg(test)]
mod front_proptest;
mod toml_front;
pub mod yaml_front;
