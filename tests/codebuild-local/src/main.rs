//! `codebuild-local`: serves the in-memory CodeBuild on a local address.
//!
//! ```sh
//! cargo run -p codebuild-local -- --listen 127.0.0.1:4567 [--seed builds.json] [--account-limit 60]
//! ```

use std::process::ExitCode;

use codebuild_local::{LocalCodeBuild, Seed};

const USAGE: &str = "usage: codebuild-local [--listen ADDR] [--seed FILE] [--account-limit N]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("codebuild-local: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut listen = "127.0.0.1:4567".to_owned();
    let mut seed = Seed::default();
    let mut limit = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--listen" => listen = value()?,
            "--seed" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
                seed = Seed::from_json(&text)?;
            }
            "--account-limit" => {
                limit = Some(value()?.parse::<usize>().map_err(|e| format!("--account-limit: {e}"))?);
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let mut service = LocalCodeBuild::new(seed);
    if let Some(limit) = limit {
        service = service.with_account_limit(limit);
    }
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&listen).await.map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!("codebuild-local: serving CodeBuild on http://{address} ({} builds loaded)", service.build_count());
        codebuild::server::serve(listener, service).await.map_err(|e| format!("server failed: {e}"))
    })
}
