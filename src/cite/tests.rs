//! Golden and behaviour tests for the citation engine.
