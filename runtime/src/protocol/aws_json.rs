//! Facts of the awsJson protocols shared by clients and servers.

/// The awsJson protocol version of a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonVersion {
    /// `awsJson1_0`: `application/x-amz-json-1.0`.
    V1_0,
    /// `awsJson1_1`: `application/x-amz-json-1.1`.
    V1_1,
}

impl JsonVersion {
    /// The request and response content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::V1_0 => "application/x-amz-json-1.0",
            Self::V1_1 => "application/x-amz-json-1.1",
        }
    }
}
