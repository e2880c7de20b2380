//! Puentes service library: storage, import/export, HTTP API.
pub mod cache;
pub mod cli;
pub mod export;
pub mod fixtures;
pub mod http;
pub mod import;
pub mod metrics;
pub mod report;
pub mod store;
