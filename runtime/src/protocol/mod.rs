//! What clients and servers share of each protocol: one module per
//! protocol ([`aws_json`], [`rest_json`], [`rpc_v2`]), the HTTP binding
//! pieces every HTTP-bound protocol uses ([`http`]), and body compression.

pub mod aws_json;
pub mod http;
pub mod rest_json;
pub mod rpc_v2;

/// The protocol of a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `smithy.protocols#rpcv2Cbor`.
    #[cfg(feature = "cbor")]
    RpcV2Cbor,
    /// `smithy.protocols#rpcv2Json`.
    RpcV2Json,
}

impl Protocol {
    /// The content type of bodies.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::AwsJson1_0 => "application/x-amz-json-1.0",
            Self::AwsJson1_1 => "application/x-amz-json-1.1",
            Self::RestJson1 | Self::RpcV2Json => "application/json",
            #[cfg(feature = "cbor")]
            Self::RpcV2Cbor => crate::codec::cbor::MEDIA_TYPE,
        }
    }

    /// The `Smithy-Protocol` header of RPC v2 requests and responses.
    pub fn smithy_protocol(self) -> Option<&'static str> {
        match self {
            Self::AwsJson1_0 | Self::AwsJson1_1 | Self::RestJson1 => None,
            #[cfg(feature = "cbor")]
            Self::RpcV2Cbor => Some("rpc-v2-cbor"),
            Self::RpcV2Json => Some("rpc-v2-json"),
        }
    }

    /// Whether errors name their type by shape id (`__type`).
    #[cfg(feature = "server")]
    pub(crate) fn absolute_error_types(self) -> bool {
        !matches!(self, Self::AwsJson1_1 | Self::RestJson1)
    }

    /// A body the framework writes (an error it raises), in the protocol's
    /// codec.
    #[cfg(feature = "server")]
    pub(crate) fn encode(self, value: &serde_json::Value) -> Vec<u8> {
        match self {
            #[cfg(feature = "cbor")]
            Self::RpcV2Cbor => crate::codec::cbor::to_vec(value).unwrap_or_default(),
            _ => value.to_string().into_bytes(),
        }
    }
}

/// `body` compressed with gzip (`Content-Encoding: gzip`).
#[cfg(feature = "client")]
pub(crate) fn gzip(body: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 2), flate2::Compression::default());
    // Writing into a `Vec` cannot fail.
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}

/// A gzip-compressed `body` expanded, refusing to grow past `limit` bytes
/// (a small body can expand enormously).
#[cfg(feature = "server")]
pub(crate) fn gunzip(body: &[u8], limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut out = Vec::with_capacity(body.len().saturating_mul(4).min(limit));
    let read = flate2::read::GzDecoder::new(body).take(limit as u64 + 1).read_to_end(&mut out)?;
    if read > limit {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("the body expands past {limit} bytes")));
    }
    Ok(out)
}

#[cfg(all(test, feature = "client", feature = "server"))]
mod tests {
    #[test]
    fn gzip_round_trips_within_the_limit() {
        let body = b"{\"data\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}".repeat(100);
        let packed = super::gzip(&body);
        assert!(packed.len() < body.len() / 10);
        assert_eq!(super::gunzip(&packed, body.len()).unwrap(), body);
        assert!(super::gunzip(&packed, body.len() - 1).is_err());
        assert!(super::gunzip(b"not gzip", 100).is_err());
    }
}
