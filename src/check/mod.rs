//! Editorial checks (`rounds check`): what could identify a patient, and whether patients can
//! read an article.
//!
//! Input: article text (Markdown bodies and front-matter strings). Output: findings and scores
//! as plain values; turning them into diagnostics at file:line:col is the caller's job.
//! Every engine here is pure: no files, no clock, no global state except compiled patterns.

pub mod privacy;
pub mod readability;
