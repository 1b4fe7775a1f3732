//! `rounds` turns a physician's Markdown articles, with citations and correction notes, into a
//! static site that patients read in a browser and feed readers subscribe to.

pub mod config;
pub mod dates;
pub mod diag;
pub mod html;
pub mod markdown;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod yaml;
