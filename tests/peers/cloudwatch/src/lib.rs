//! Amazon CloudWatch, generated when this crate builds from botocore's
//! model of it, which speaks Smithy RPC v2 CBOR first (botocore's
//! `protocols`: `smithy-rpc-v2-cbor`, `json`, `query`).
//!
//! The build script converts the model with
//! `tests/scripts/botocore_to_smithy.py` and generates the crate into
//! `OUT_DIR`. Without botocore (`pip install botocore`) this crate is
//! empty and its tests say that they were skipped.
#![warn(missing_docs)]
// The model deprecates members the generated builders still set; the
// generated root allows that, but `include!` cannot take its inner attributes.
#![allow(deprecated)]

#[cfg(botocore)]
include!(concat!(env!("OUT_DIR"), "/generated/src/lib.rs"));
