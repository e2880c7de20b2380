//! Puentes service library: storage, import/export, HTTP API.
pub mod import;
pub mod store;
