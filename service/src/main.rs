//! The `puentes` binary: parse arguments, set up logging, run the command.

use clap::Parser;
use puentes::cli::{self, Cli, Command};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "puentes=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => cli::serve(args).await,
        Command::Import(args) => {
            let code = cli::import(args).await?;
            if code != 0 {
                std::process::exit(code);
            }
            Ok(())
        }
        Command::Fixtures(args) => cli::fixtures(&args),
        Command::Metrics(args) => cli::metrics(args).await,
        Command::Summary(args) => cli::summary(args).await,
        Command::Export(args) => cli::export(args).await,
        Command::Communities(args) => cli::communities(args).await,
        Command::Gaps(args) => cli::gaps(args).await,
        Command::Analytics(args) => cli::analytics(args).await,
        Command::Render(args) => cli::render(args).await,
        Command::Suggest(args) => cli::suggest::suggest(args).await,
        Command::Backtest(args) => cli::suggest::backtest(args).await,
        Command::WhatIf(args) => cli::suggest::what_if(args).await,
        Command::Generate(args) => cli::generate(&args),
    }
}
