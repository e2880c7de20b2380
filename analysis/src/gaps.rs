//! (gaps: under construction)
