//! Puentes service library: storage, import/export, HTTP API.
pub mod store;
