//! Converts botocore's CloudWatch model and generates the crate from it into
//! `OUT_DIR` (see `smithy_corpus::botocore_model`); without botocore the
//! crate is empty and its tests say so.

use smithy_corpus::Generation;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(botocore)");
    let generated = smithy_corpus::botocore_model("cloudwatch").and_then(|model| match model {
        Some(model) => {
            let options = Generation::new("peer_cloudwatch").options("cargo build -p peer-cloudwatch");
            smithy_corpus::generate_into_out_dir(&[model], &options).map(|()| true)
        }
        None => Ok(false),
    });
    match generated {
        Ok(true) => println!("cargo::rustc-cfg=botocore"),
        Ok(false) => {}
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
