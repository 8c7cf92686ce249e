//! AWS's rpcv2Cbor suite for services that are not query-compatible (`aws.protocoltests.rpcv2cbor#NonQueryCompatibleRpcV2Protocol`) with its protocol tests, generated when this crate builds.
//!
//! The build script generates the crate from Smithy's protocol suites (`smithy_corpus::CRATES`), found through
//! `SMITHY_CORPORA` or in `../shared` beside the workspace, into `OUT_DIR`. Without them this crate is
//! empty and its tests say that they were skipped.
#![warn(missing_docs)]

#[cfg(corpus)]
include!(concat!(env!("OUT_DIR"), "/generated/src/lib.rs"));
