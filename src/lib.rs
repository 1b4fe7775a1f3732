//! `rounds` turns a physician's Markdown articles, with citations and correction notes, into a
//! static site that patients read in a browser and feed readers subscribe to.

pub mod diag;

pub mod cite;
