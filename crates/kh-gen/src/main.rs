//! kh-gen: writes a generated national plans repository (see the kh_gen library).
//!
//! ```sh
//! cargo run --release -p kh-gen -- --scale 10 --seed 1 --out /tmp/kh-national-10
//! ```

use anyhow::{Context, Result, bail};
use kh_gen::{Options, generate};
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str = "usage: kh-gen --out DIR [--scale PERCENT] [--seed N]

Writes a generated plans repository of Vietnam's education sector into DIR
(which must not exist or be empty): 1 national plan and, at --scale 100, 34
province, 3,321 commune and about 44,000 school plans, one achieved-values
CSV per plan, kh.yaml, and planted.csv listing the findings planted on purpose.

  --scale PERCENT  share of the country, 1 to 100 (default 1)
  --seed N         seed of the generator (default 1); same seed, same bytes
  --out DIR        where to write";

fn main() {
    match run() {
        Ok(()) => {}
        Err(e) => {
            eprintln!("kh-gen: {e:#}");
            std::process::exit(2);
        }
    }
}

fn run() -> Result<()> {
    let mut opts = Options::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |what: &str| -> Result<String> {
            match inline.clone().or_else(|| args.next()) {
                Some(v) => Ok(v),
                None => bail!("{what} needs a value\n\n{USAGE}"),
            }
        };
        match name.as_str() {
            "--scale" => {
                let v = value("--scale")?;
                opts.scale = v.trim_end_matches('%').parse().with_context(|| {
                    format!("--scale {v}: expected a whole number from 1 to 100")
                })?;
            }
            "--seed" => {
                let v = value("--seed")?;
                opts.seed = v
                    .parse()
                    .with_context(|| format!("--seed {v}: expected a whole number"))?;
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => bail!("unknown argument `{other}`\n\n{USAGE}"),
        }
    }
    let Some(out) = out else {
        bail!("--out DIR is required\n\n{USAGE}");
    };
    let start = Instant::now();
    let s = generate(&out, &opts)?;
    println!(
        "wrote {}: {} plans (1 national, {} province, {} commune, {} school plans), {} YAML files, {} report files, {} files, {:.1} MB, {} planted findings (planted.csv), in {:.1} s",
        out.display(),
        s.plans,
        s.provinces,
        s.communes,
        s.schools,
        s.yaml_files,
        s.report_files,
        s.files,
        s.bytes as f64 / 1_000_000.0,
        s.planted,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
