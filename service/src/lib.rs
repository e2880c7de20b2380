//! Puentes service library: storage, import/export, HTTP API.

#![warn(missing_docs, unreachable_pub)]
pub mod analyses;
pub mod board;
pub mod cli;
pub mod export;
pub mod fixtures;
pub mod http;
pub mod i18n;
pub mod import;
pub mod map;
pub mod metrics;
pub mod paging;
pub mod params;
pub mod report;
pub mod server;
pub mod store;
pub mod survey;
pub mod time;
