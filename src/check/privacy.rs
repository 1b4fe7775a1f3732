//! Patient privacy lint (placeholder).
