//! The `puentes` binary: parse arguments, set up logging, run the command.

use clap::Parser;
use puentes::cli::{self, Cli, Command};
use puentes::i18n::Refusal;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "puentes=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => refused_or_exit(&e),
    };
    // Every sentence, progress line and error of the command in the chosen language; the
    // error is printed inside the language's scope so it is worded in it too.
    let lang = cli.lang;
    puentes::import::set_input_limit(usize::try_from(cli.max_input_bytes).unwrap_or(usize::MAX));
    let code = puentes::i18n::with_lang(lang, async move {
        match run(cli.command).await {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e:#}");
                1
            }
        }
    })
    .await;
    std::process::exit(code);
}

/// Runs one command; the process exit code (0 done, 2 refused input).
async fn run(command: Command) -> anyhow::Result<i32> {
    let done = match command {
        Command::Serve(args) => cli::serve(args).await,
        Command::Import(args) => return cli::import(args).await,
        Command::Fixtures(args) => cli::fixtures(&args),
        Command::Metrics(args) => cli::metrics(args).await,
        Command::Summary(args) => cli::summary(args).await,
        Command::Export(args) => cli::export(args).await,
        Command::Communities(args) => cli::communities(args).await,
        Command::Gaps(args) => cli::gaps(args).await,
        Command::Analytics(args) => cli::analytics(args).await,
        Command::Render(args) => cli::render(args).await,
        Command::Suggest(args) => cli::suggest(args).await,
        Command::Backtest(args) => cli::backtest(args).await,
        Command::WhatIf(args) => cli::what_if(args).await,
        Command::Generate(args) => cli::generate(&args),
        Command::Changes(args) => cli::time::changes(args).await,
        Command::Timeline(args) => cli::time::timeline(args).await,
        Command::Report(args) => cli::report(args).await,
    };
    done.map(|()| 0)
}

/// A value refused by its parameter's constructor (`puentes::params`, called by clap as the
/// argument's `value_parser`) is printed as that refusal's sentence, the one the API answers
/// for the same value, in the language the command line asks for; exit code 2 (refused
/// input). Any other clap error (an unknown argument, `--help`) is clap's own.
fn refused_or_exit(e: &clap::Error) -> ! {
    let refusal = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<Refusal>());
    match refusal {
        Some(r) => {
            let args: Vec<String> = std::env::args().collect();
            eprintln!("error: {}", r.render(cli::requested_lang(&args)));
            std::process::exit(2)
        }
        None => e.exit(),
    }
}
