//! The service's integration tests, one binary (each file a module): the app driven in
//! process, the real `puentes` binary, a real Neo4j server (`NEO4J_TEST_URI`), headless
//! Chromium. Run one file with its module name: `cargo test -p puentes --test integration survey::`.

mod support;

mod api;
mod browser;
mod cli;
mod cli_analyses;
mod crash;
mod data_dir;
mod export;
mod export_csv;
mod fixture;
mod fuzz_readers;
mod http_edge;
mod import_limits;
mod limits;
mod map;
mod neo4j_store;
mod params_parity;
mod report;
mod restricted_fields;
mod security;
mod server;
mod suggest;
mod survey;
mod survey_generated;
mod tie_attributes;
mod time;
mod words;
