//! Body codecs: how a protocol turns values into body bytes and back, one
//! module per format ([`json`], [`cbor`] with the feature `cbor`). The
//! generated types are written once against serde; a codec is the serde
//! format a protocol picks, chosen by type so that a crate compiles only
//! the readers and writers of its own protocol.

#[cfg(feature = "cbor")]
pub mod cbor;
pub mod json;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A body format.
pub trait Codec: Copy + Send + Sync + 'static {
    /// The media type of its bodies.
    const MEDIA_TYPE: &'static str;

    /// `value`'s body.
    fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String>;

    /// Reads a body; an empty one reads as an empty structure. The error
    /// says what is wrong and where.
    fn from_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String>;

    /// Reads a body as [`Codec::from_body`] does, but on failure names the
    /// path of the member at fault (`.tags[2].key`), when there is one.
    #[cfg(feature = "server")]
    fn from_body_tracked<T: DeserializeOwned>(body: &[u8]) -> Result<T, (Option<String>, String)>;
}

/// The member path serde_path_to_error reports, unless it names nothing.
#[cfg(feature = "server")]
fn member_path(path: &serde_path_to_error::Path) -> Option<String> {
    let path = path.to_string();
    (!matches!(path.as_str(), "" | ".")).then_some(path)
}

/// JSON bodies (awsJson, restJson1, rpcv2Json).
#[derive(Clone, Copy, Debug, Default)]
pub struct Json;

impl Codec for Json {
    const MEDIA_TYPE: &'static str = "application/json";

    fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
        serde_json::to_vec(value).map_err(|e| e.to_string())
    }

    fn from_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
        json::from_body(body).map_err(|e| e.to_string())
    }

    #[cfg(feature = "server")]
    fn from_body_tracked<T: DeserializeOwned>(body: &[u8]) -> Result<T, (Option<String>, String)> {
        json::from_body(body).map_err(|error| {
            // Read again, tracking the path, only when the fast read failed.
            let mut deserializer = serde_json::Deserializer::from_slice(body);
            match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                Err(e) => match member_path(e.path()) {
                    Some(path) => (Some(path), e.into_inner().to_string()),
                    None => (None, error.to_string()),
                },
                Ok(_) => (None, error.to_string()),
            }
        })
    }
}

/// CBOR bodies (rpcv2Cbor).
#[cfg(feature = "cbor")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Cbor;

#[cfg(feature = "cbor")]
impl Codec for Cbor {
    const MEDIA_TYPE: &'static str = cbor::MEDIA_TYPE;

    fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
        cbor::to_vec(value).map_err(|e| e.to_string())
    }

    fn from_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
        cbor::from_body(body).map_err(|e| e.to_string())
    }

    #[cfg(feature = "server")]
    fn from_body_tracked<T: DeserializeOwned>(body: &[u8]) -> Result<T, (Option<String>, String)> {
        cbor::from_body(body).map_err(|error| {
            let body = if body.is_empty() { &[0xa0][..] } else { body };
            let mut deserializer = cbor::Deserializer::new(body);
            match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                Err(e) => match member_path(e.path()) {
                    Some(path) => (Some(path), e.into_inner().to_string()),
                    None => (None, error.to_string()),
                },
                Ok(_) => (None, error.to_string()),
            }
        })
    }
}
