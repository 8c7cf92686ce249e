//! Generates the crate from its corpus into `OUT_DIR` (see `smithy_corpus::build`).

fn main() {
    smithy_corpus::build();
}
