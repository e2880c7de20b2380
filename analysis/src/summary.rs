//! (summary: under construction)
