//! yaml-floor: the parsing floor kh is compared with. Reads every `.yaml` file
//! below a directory and parses each into an untyped `serde_yaml::Value`, on
//! all cores (rayon); no plan semantics at all. Prints the file count, bytes
//! and elapsed time.
//!
//! ```sh
//! cargo run --release --example yaml-floor -- /tmp/kh-national-10
//! ```

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir] = args.as_slice() else {
        bail!("usage: yaml-floor DIR");
    };
    let start = Instant::now();
    let mut files = Vec::new();
    walk(Path::new(dir), &mut files)?;
    let (bytes, errors) = files
        .par_iter()
        .map(|f| -> Result<(u64, usize)> {
            let src = std::fs::read_to_string(f)
                .with_context(|| format!("cannot read {}", f.display()))?;
            let ok = serde_yaml::from_str::<serde_yaml::Value>(&src).is_ok();
            Ok((src.len() as u64, usize::from(!ok)))
        })
        .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))?;
    println!(
        "parsed {} YAML files ({:.1} MB, {} not YAML) in {:.3} s on {} threads",
        files.len(),
        bytes as f64 / 1_000_000.0,
        errors,
        start.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
    Ok(())
}
