//! `cargo xtask sweep`: every service of the installed botocore that the
//! generator supports, converted to Smithy (`tests/scripts/botocore_to_smithy.py`),
//! generated, and checked as a user would build it: `cargo clippy -D warnings`
//! in each of [`FEATURE_SETS`]. The crates form one scratch workspace with
//! one target directory, so the dependencies build once and cargo checks the
//! crates side by side.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::FEATURE_SETS;

/// What the sweep found for one model.
#[derive(Debug, Default)]
struct Outcome {
    /// Generated lines (all files).
    lines: usize,
    /// Seconds to load and generate.
    codegen: f64,
    /// Seconds cargo spent checking the crate, over all feature sets.
    check: f64,
    /// Why it failed: the first problem of each failing step.
    failures: Vec<String>,
}

/// Options of [`sweep`].
#[derive(Debug)]
pub struct SweepOptions {
    /// The scratch directory: `models/`, `crates/`, `target/`.
    pub dir: PathBuf,
    /// Only these botocore services (all when empty).
    pub services: Vec<String>,
}

/// Runs the sweep; the report has one line per model and a summary, and is
/// an error when any model failed.
pub fn sweep(root: &Path, options: &SweepOptions) -> Result<String, String> {
    let models_dir = options.dir.join("models");
    let crates_dir = options.dir.join("crates");
    let _ = std::fs::remove_dir_all(&models_dir);
    let started = Instant::now();
    let status = Command::new("python3")
        .arg(root.join("tests/scripts/botocore_to_smithy.py"))
        .arg(&models_dir)
        .args(&options.services)
        .status()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !status.success() {
        return Err(format!("converting botocore's models failed ({status}); is botocore installed (pip install botocore)?\n"));
    }
    let mut models: Vec<PathBuf> = std::fs::read_dir(&models_dir)
        .map_err(|e| format!("{}: {e}", models_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    let converted = started.elapsed().as_secs_f64();

    // Generate each into a crate of its own name.
    let codegen_options = smithy_codegen::Options {
        regenerate_command: "cargo xtask sweep".to_owned(),
        unsupported_operations: smithy_codegen::Unsupported::Skip,
        ..smithy_codegen::Options::default()
    };
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut members = Vec::new();
    let _ = std::fs::remove_dir_all(&crates_dir);
    for model in &models {
        let stem = model.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let name = format!("sweep-{}", stem.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        let out = crates_dir.join(&stem);
        let start = Instant::now();
        let crate_options = crate::crate_options(root, &name, false, codegen_options.clone());
        let result = smithy_codegen_cli::generate_crate(std::slice::from_ref(model), &out, &crate_options);
        let outcome = outcomes.entry(name.clone()).or_default();
        outcome.codegen = start.elapsed().as_secs_f64();
        match result {
            Ok(_) => {
                outcome.lines = crate::rust_files(&out.join("src"))
                    .iter()
                    .filter_map(|f| std::fs::read_to_string(f).ok())
                    .map(|t| t.lines().count())
                    .sum();
                members.push(format!("\"crates/{stem}\""));
            }
            Err(e) => outcome.failures.push(format!("generate: {}", first_line(&e))),
        }
    }
    crate::scratch_workspace(root, &options.dir, &members)?;

    // Check them all, once per feature set.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut steps = Vec::new();
    for features in FEATURE_SETS {
        let step = format!("clippy {}", features.join(" "));
        eprintln!("sweep: cargo {step} over {} crates", members.len());
        let start = Instant::now();
        let mut child = Command::new(&cargo)
            .current_dir(&options.dir)
            .args(["clippy", "--workspace", "--keep-going", "--message-format=json", "--timings"])
            .args(features)
            .args(["--", "-D", "warnings"])
            .env("CARGO_INCREMENTAL", "0")
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run cargo {step}: {e}"))?;
        let stdout = child.stdout.take().ok_or("no cargo output")?;
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
                continue;
            }
            let Some(name) = message["package_id"].as_str().and_then(package_name) else { continue };
            if let Some(outcome) = outcomes.get_mut(&name) {
                if outcome.failures.iter().all(|f| !f.starts_with(&step)) {
                    let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                    outcome.failures.push(format!("{step}: {}", first_line(rendered)));
                }
            }
        }
        let status = child.wait().map_err(|e| format!("cargo {step}: {e}"))?;
        for (name, seconds) in unit_durations(&options.dir.join("target/cargo-timings/cargo-timing.html")) {
            if let Some(outcome) = outcomes.get_mut(&name) {
                outcome.check += seconds;
            }
        }
        steps.push(format!("{step}: {:.0} s ({status})", start.elapsed().as_secs_f64()));
    }

    let mut report = String::new();
    let mut failed = 0;
    for (name, outcome) in &outcomes {
        let verdict = if outcome.failures.is_empty() { "ok".to_owned() } else { format!("FAILED: {}", outcome.failures.join("; ")) };
        failed += usize::from(!outcome.failures.is_empty());
        let _ = writeln!(
            report,
            "{name}: {verdict} ({} lines, codegen {:.2} s, check {:.1} s)",
            outcome.lines, outcome.codegen, outcome.check
        );
    }
    let lines: usize = outcomes.values().map(|o| o.lines).sum();
    let codegen: f64 = outcomes.values().map(|o| o.codegen).sum();
    let _ = writeln!(
        report,
        "sweep: {} models, {} failed; {lines} lines; conversion {converted:.0} s, codegen {codegen:.0} s; {}; {:.0} s in all",
        outcomes.len(),
        failed,
        steps.join(", "),
        started.elapsed().as_secs_f64()
    );
    if failed > 0 {
        return Err(report);
    }
    Ok(report)
}

fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or(text).trim()
}

/// The package name in a cargo package id: `path+file:///…/dir#name@0.1.0`
/// (or `…/name#0.1.0` when the directory is the name), or the older
/// `name 0.1.0 (path+file:///…)`.
fn package_name(id: &str) -> Option<String> {
    if let Some((path, fragment)) = id.rsplit_once('#') {
        return Some(match fragment.split_once('@') {
            Some((name, _)) => name.to_owned(),
            None => path.rsplit('/').next()?.to_owned(),
        });
    }
    id.split_whitespace().next().map(str::to_owned)
}

/// Seconds per package from a `cargo --timings` report (its `UNIT_DATA`).
fn unit_durations(report: &Path) -> Vec<(String, f64)> {
    let Ok(html) = std::fs::read_to_string(report) else { return Vec::new() };
    let Some(start) = html.find("const UNIT_DATA = ").map(|i| i + "const UNIT_DATA = ".len()) else { return Vec::new() };
    let Some(end) = html[start..].find(";\n").map(|i| start + i) else { return Vec::new() };
    let Ok(serde_json::Value::Array(units)) = serde_json::from_str(&html[start..end]) else { return Vec::new() };
    units
        .iter()
        .filter_map(|u| Some((u["name"].as_str()?.to_owned(), u["duration"].as_f64()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_in_both_id_forms() {
        assert_eq!(package_name("path+file:///tmp/s/crates/kms#sweep-kms@0.1.0").as_deref(), Some("sweep-kms"));
        assert_eq!(package_name("path+file:///tmp/s/sweep-kms#0.1.0").as_deref(), Some("sweep-kms"));
        assert_eq!(package_name("sweep-kms 0.1.0 (path+file:///tmp/s/crates/kms)").as_deref(), Some("sweep-kms"));
    }
}
