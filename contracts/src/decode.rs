//! Content decoding of recorded bodies: gzip, deflate (zlib or raw), br, zstd; and encoding
//! again (gzip, deflate) for mocks that are rewritten in their recorded encoding.
//!
//! Output is capped: a decompression bomb stops at the limit and counts as truncated.

use std::io::Read;

/// Why a body could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The encoding is not one we decode.
    #[error("unsupported content-encoding {0:?}")]
    Unsupported(String),
    /// The bytes are not valid for the encoding.
    #[error("invalid {encoding} data")]
    Invalid {
        /// The encoding.
        encoding: &'static str,
        /// The decoder's error.
        #[source]
        source: std::io::Error,
    },
}

/// A decoded body.
#[derive(Debug)]
pub struct Decoded {
    /// The bytes, at most the limit.
    pub bytes: Vec<u8>,
    /// Whether the decoded body was longer than the limit.
    pub truncated: bool,
}

fn read_capped(mut r: impl Read, limit: usize, encoding: &'static str) -> Result<Decoded, DecodeError> {
    let mut bytes = Vec::new();
    let n = r
        .by_ref()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| DecodeError::Invalid { encoding, source })?;
    let truncated = n > limit;
    bytes.truncate(limit);
    Ok(Decoded { bytes, truncated })
}

/// Decodes `body` as described by a `Content-Encoding` header value (a comma-separated list,
/// applied in order, so undone in reverse). `identity` and an empty value pass through.
pub fn decode(body: &[u8], content_encoding: &str, limit: usize) -> Result<Decoded, DecodeError> {
    let codings = codings(content_encoding);
    let mut cur = Decoded { truncated: body.len() > limit, bytes: body[..body.len().min(limit)].to_vec() };
    if codings.is_empty() {
        return Ok(cur);
    }
    let mut input = body.to_vec();
    for c in codings.iter().rev() {
        cur = match c.as_str() {
            "gzip" | "x-gzip" => read_capped(flate2::read::MultiGzDecoder::new(&input[..]), limit, "gzip")?,
            "deflate" => match read_capped(flate2::read::ZlibDecoder::new(&input[..]), limit, "deflate") {
                Ok(d) => d,
                // Some servers send raw deflate without the zlib wrapper.
                Err(_) => read_capped(flate2::read::DeflateDecoder::new(&input[..]), limit, "deflate")?,
            },
            "br" => read_capped(brotli_decompressor::Decompressor::new(&input[..], 4096), limit, "br")?,
            "zstd" => {
                let dec = ruzstd::decoding::StreamingDecoder::new(&input[..]).map_err(|e| DecodeError::Invalid {
                    encoding: "zstd",
                    source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
                })?;
                read_capped(dec, limit, "zstd")?
            }
            other => return Err(DecodeError::Unsupported(other.to_owned())),
        };
        if cur.truncated {
            break;
        }
        input = std::mem::take(&mut cur.bytes);
        cur.bytes = input.clone();
    }
    Ok(cur)
}

/// The codings of a `Content-Encoding` header value, in the order they were applied.
fn codings(content_encoding: &str) -> Vec<String> {
    content_encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect()
}

/// Whether `b` starts like a zlib stream: CMF/FLG, deflate, their 16-bit value a multiple of 31.
fn is_zlib(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] & 0x0f == 8 && u16::from_be_bytes([b[0], b[1]]).is_multiple_of(31)
}

/// Encodes `body` as described by a `Content-Encoding` header value, so that [`decode`] gives
/// it back. `like` is the body as it was encoded before (the bytes being replaced): a
/// `deflate` body is written with the zlib wrapper or raw, as `like` was. gzip and deflate
/// are written; br and zstd are not (no encoder is built in) and give `Unsupported`.
pub fn encode(body: &[u8], content_encoding: &str, like: &[u8]) -> Result<Vec<u8>, DecodeError> {
    use std::io::Write as _;
    let io = |encoding: &'static str| move |source| DecodeError::Invalid { encoding, source };
    let level = flate2::Compression::default();
    let mut cur = body.to_vec();
    let codings = codings(content_encoding);
    for (i, c) in codings.iter().enumerate() {
        let outermost = i + 1 == codings.len();
        cur = match c.as_str() {
            "gzip" | "x-gzip" => {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), level);
                e.write_all(&cur).and_then(|()| e.finish()).map_err(io("gzip"))?
            }
            "deflate" if outermost && !like.is_empty() && !is_zlib(like) => {
                let mut e = flate2::write::DeflateEncoder::new(Vec::new(), level);
                e.write_all(&cur).and_then(|()| e.finish()).map_err(io("deflate"))?
            }
            "deflate" => {
                let mut e = flate2::write::ZlibEncoder::new(Vec::new(), level);
                e.write_all(&cur).and_then(|()| e.finish()).map_err(io("deflate"))?
            }
            other => return Err(DecodeError::Unsupported(other.to_owned())),
        };
    }
    Ok(cur)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b).expect("write");
        e.finish().expect("finish")
    }

    #[test]
    fn decodes_gzip_deflate_and_stacks() {
        let body = br#"{"a":1}"#;
        assert_eq!(decode(&gzip(body), "gzip", 1 << 20).expect("gzip").bytes, body);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(body).expect("write");
        assert_eq!(decode(&z.finish().expect("finish"), "deflate", 1 << 20).expect("zlib").bytes, body);
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(body).expect("write");
        assert_eq!(decode(&raw.finish().expect("finish"), "Deflate", 1 << 20).expect("raw").bytes, body);
        assert_eq!(decode(&gzip(&gzip(body)), "gzip, gzip", 1 << 20).expect("twice").bytes, body);
        assert_eq!(decode(body, "identity", 1 << 20).expect("identity").bytes, body);
    }

    #[test]
    fn encode_round_trips_and_keeps_the_deflate_wrapper() {
        let body = br#"{"id":"ch_1","amount":42}"#;
        for ce in ["gzip", "x-gzip", "deflate", "gzip, deflate", ""] {
            let wire = encode(body, ce, &[]).expect("encodes");
            assert_eq!(decode(&wire, ce, 1 << 20).expect("decodes").bytes, body, "{ce}");
        }
        assert_eq!(&encode(body, "gzip", &[]).expect("gzip")[..2], &[0x1f, 0x8b]);
        let zlib = encode(body, "deflate", &[]).expect("zlib");
        assert_eq!(zlib[0], 0x78, "zlib by default");
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(b"{}").expect("write");
        let raw = raw.finish().expect("finish");
        let again = encode(body, "deflate", &raw).expect("raw");
        assert!(flate2::read::ZlibDecoder::new(&again[..]).read_to_end(&mut Vec::new()).is_err(), "raw as before");
        assert_eq!(decode(&again, "deflate", 1 << 20).expect("decodes").bytes, body);
        assert!(matches!(encode(body, "br", &[]), Err(DecodeError::Unsupported(c)) if c == "br"));
    }

    #[test]
    fn bombs_are_capped_and_garbage_is_an_error() {
        let big = vec![b'a'; 10 << 20];
        let d = decode(&gzip(&big), "gzip", 1 << 20).expect("gzip");
        assert!(d.truncated);
        assert_eq!(d.bytes.len(), 1 << 20);
        assert!(decode(b"not gzip", "gzip", 1024).is_err());
        assert!(matches!(decode(b"x", "compress", 1024), Err(DecodeError::Unsupported(_))));
    }

    #[test]
    fn brotli_and_zstd_fixtures() {
        // `printf '{"a":1}' | brotli` and `| zstd`, made once with zstd 1.5 and Python's brotli 1.1.
        let br = [0x0b, 0x03, 0x80, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d, 0x03];
        assert_eq!(decode(&br, "br", 1024).expect("br").bytes, br#"{"a":1}"#);
        let zst = [
            0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58, 0x39, 0x00, 0x00, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d, 0x48, 0x8b,
            0xfc, 0x32,
        ];
        assert_eq!(decode(&zst, "zstd", 1024).expect("zstd").bytes, br#"{"a":1}"#);
    }
}
