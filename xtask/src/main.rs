//! Project automation. `cargo xtask codegen` regenerates `generated/` from
//! `model/`; `cargo xtask codegen --check` fails when `generated/` is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::{codegen, Mode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    match args.as_slice() {
        ["codegen"] => run(&root, Mode::Write),
        ["codegen", "--check"] => run(&root, Mode::Check),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            ExitCode::from(2)
        }
    }
}

fn run(root: &Path, mode: Mode) -> ExitCode {
    match codegen(root, mode) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}
