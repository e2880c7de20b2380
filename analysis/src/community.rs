//! (community: under construction)
