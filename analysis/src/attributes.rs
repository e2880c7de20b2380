//! (attributes: under construction)
