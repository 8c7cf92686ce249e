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

/// Reads a body that failed with `error` again through `deserializer`,
/// tracking the member path: the path (unless it names nothing) and the
/// problem there.
#[cfg(feature = "server")]
fn explain<'de, D, T>(deserializer: D, error: String) -> (Option<String>, String)
where
    D: serde::Deserializer<'de>,
    T: DeserializeOwned,
{
    match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Err(e) => {
            let path = e.path().to_string();
            if matches!(path.as_str(), "" | ".") {
                (None, error)
            } else {
                (Some(path), e.into_inner().to_string())
            }
        }
        // Only trailing data after a valid value.
        Ok(_) => (None, error),
    }
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
        // Read again, tracking the path, only when the fast read failed.
        json::from_body(body).map_err(|error| explain::<_, T>(&mut serde_json::Deserializer::from_slice(body), error.to_string()))
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
        // An empty body reads as {}, which cannot fail.
        cbor::from_body(body).map_err(|error| explain::<_, T>(&mut cbor::Deserializer::new(body), error.to_string()))
    }
}
