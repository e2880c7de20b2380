//! `puentes generate`: a seeded synthetic network as a SNAP edge list.

use super::cannot_write;
use crate::i18n::{say, Notice};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// `puentes generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Organizations.
    #[arg(long, default_value_t = 1_000_000,
          value_parser = clap::value_parser!(u32).range(2..=100_000_000))]
    pub nodes: u32,
    /// Ties each new organization makes (the network has about nodes × this many ties).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub ties_per_node: u32,
    /// Probability that a tie after the first closes a triangle (clustering).
    #[arg(long, default_value_t = 0.5)]
    pub triangles: f64,
    /// Generator seed.
    #[arg(long, default_value_t = puentes_analysis::policy::DEFAULT_SEED)]
    pub seed: u64,
    /// Output file: a SNAP edge list, gzip-compressed when the name ends in `.gz`.
    #[arg(long)]
    pub out: PathBuf,
}

/// `puentes generate`.
pub fn generate(args: &GenerateArgs) -> Result<()> {
    use std::io::Write;
    let (n, m) = (args.nodes as usize, args.ties_per_node as usize);
    let ties = puentes_analysis::generate::powerlaw_cluster(n, m, args.triangles, args.seed)?;
    let file = std::fs::File::create(&args.out).map_err(|e| cannot_write(&args.out, &e))?;
    let header = format!(
        "# Synthetic Holme-Kim power-law cluster graph (puentes generate --nodes {n} \
         --ties-per-node {m} --triangles {} --seed {})\n# Nodes: {n} Edges: {}\n\
         # FromNodeId\tToNodeId\n",
        args.triangles,
        args.seed,
        ties.len()
    );
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        out.write_all(header.as_bytes())?;
        for (a, b) in &ties {
            writeln!(out, "{a}\t{b}")?;
        }
        out.flush()
    };
    let buffered = std::io::BufWriter::new(file);
    let written = if args.out.extension().is_some_and(|e| e == "gz") {
        let mut gz = flate2::write::GzEncoder::new(buffered, flate2::Compression::fast());
        write(&mut gz).and_then(|()| gz.finish()?.flush())
    } else {
        let mut plain = buffered;
        write(&mut plain)
    };
    written.map_err(|e| cannot_write(&args.out, &e))?;
    println!(
        "{}",
        say(&Notice::WroteGenerated {
            orgs: n,
            ties: ties.len(),
            path: args.out.display().to_string(),
            seed: args.seed,
        })
    );
    Ok(())
}
