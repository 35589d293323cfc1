//! The front end (Trunk's `dist/`) embedded in the binary, so the binary alone
//! serves the whole UI. Each file is compressed once at start (brotli, gzip),
//! negotiated per request, and cached by the browser according to its name:
//! content-hashed files for a year, everything else revalidated by ETag.

mod encoding;
mod serve;

use std::collections::HashMap;
use std::io::Write;

use axum::body::Bytes;
use axum::http::HeaderValue;

pub use encoding::{Encoding, negotiate};
pub use serve::serve;

/// Trunk's output folder, read at compile time in release builds and from
/// disk in debug builds (rust-embed's behaviour).
#[derive(rust_embed::RustEmbed)]
#[folder = "../dist/"]
struct Dist;

/// The full app's page.
const INDEX: &str = "index.html";
/// The Overview entry's page (see `Assets::shell_for`).
const OVERVIEW: &str = "overview.html";

/// How long a browser may keep a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CachePolicy {
    /// Name carries a content hash: it never changes.
    Immutable,
    /// Must be revalidated (index.html and unhashed files).
    Revalidate,
}

impl CachePolicy {
    pub fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
            CachePolicy::Revalidate => "no-cache",
        })
    }
}

#[derive(Debug)]
pub struct Asset {
    pub identity: Bytes,
    pub gzip: Option<Bytes>,
    pub brotli: Option<Bytes>,
    pub content_type: HeaderValue,
    /// Hex digest of the content; the ETag adds the encoding to it.
    pub digest: String,
    pub cache: CachePolicy,
}

impl Asset {
    pub fn body(&self, encoding: Encoding) -> &Bytes {
        match encoding {
            Encoding::Brotli => self.brotli.as_ref().unwrap_or(&self.identity),
            Encoding::Gzip => self.gzip.as_ref().unwrap_or(&self.identity),
            Encoding::Identity => &self.identity,
        }
    }

    /// Encodings this asset has a smaller variant for.
    pub fn offers(&self, encoding: Encoding) -> bool {
        match encoding {
            Encoding::Brotli => self.brotli.is_some(),
            Encoding::Gzip => self.gzip.is_some(),
            Encoding::Identity => true,
        }
    }
}

#[derive(Debug, Default)]
pub struct Assets {
    files: HashMap<String, Asset>,
}

impl Assets {
    /// The embedded `dist/`. Compresses every file, so call it off the async
    /// runtime (it takes a moment for a large debug WASM).
    pub fn embedded() -> Self {
        let files = <Dist as rust_embed::RustEmbed>::iter().filter_map(|name| {
            let file = <Dist as rust_embed::RustEmbed>::get(&name)?;
            Some((name.into_owned(), file.data.into_owned()))
        });
        Self::from_files(files)
    }

    /// Builds the set from `(path relative to the site root, content)` pairs.
    pub fn from_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        let files = files
            .into_iter()
            .map(|(name, data)| {
                let asset = build_asset(&name, data);
                (name, asset)
            })
            .collect();
        Self { files }
    }

    /// `path` as in the URL, with or without the leading slash.
    pub fn get(&self, path: &str) -> Option<&Asset> {
        self.files.get(path.trim_start_matches('/'))
    }

    pub fn index(&self) -> Option<&Asset> {
        self.get(INDEX)
    }

    /// The page a browser gets for the URL path `path`: the Overview entry
    /// (`overview.html`, the lighter bundle) for `/`, the full app for every
    /// other page. A build without the Overview entry serves the full app
    /// everywhere.
    pub fn shell_for(&self, path: &str) -> Option<&Asset> {
        let overview = (path == "/").then(|| self.get(OVERVIEW)).flatten();
        overview.or_else(|| self.index())
    }

    /// Every HTML page the server answers page URLs with (for the CSP's
    /// script hashes).
    pub fn shells(&self) -> impl Iterator<Item = &[u8]> {
        [INDEX, OVERVIEW]
            .into_iter()
            .filter_map(|name| self.get(name))
            .map(|asset| asset.identity.as_ref())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

fn build_asset(name: &str, data: Vec<u8>) -> Asset {
    let mime = mime_type(name);
    let compressible = is_compressible(mime) && data.len() >= 256;
    let (gzip, brotli) = if compressible {
        (
            smaller(&data, gzip_bytes(&data)),
            smaller(&data, brotli_bytes(&data)),
        )
    } else {
        (None, None)
    };
    let cache = if name != "index.html" && has_content_hash(name) {
        CachePolicy::Immutable
    } else {
        CachePolicy::Revalidate
    };
    let content_type = if mime.starts_with("text/") || mime == "application/javascript" {
        HeaderValue::from_str(&format!("{mime}; charset=utf-8"))
    } else {
        HeaderValue::from_str(mime)
    }
    .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    Asset {
        digest: digest(&data),
        identity: Bytes::from(data),
        gzip: gzip.map(Bytes::from),
        brotli: brotli.map(Bytes::from),
        content_type,
        cache,
    }
}

fn mime_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html",
        Some("js" | "mjs") => "application/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json" | "webmanifest") => "application/json",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

fn is_compressible(mime: &str) -> bool {
    mime.starts_with("text/")
        || matches!(
            mime,
            "application/javascript" | "application/wasm" | "image/svg+xml" | "application/json"
        )
}

/// Trunk names hashed output `stem-<16 hex>.ext` (or `stem-<hex>_bg.wasm`).
fn has_content_hash(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.split('-').skip(1).any(|part| {
        let hex_len = part.chars().take_while(char::is_ascii_hexdigit).count();
        hex_len >= 16
    })
}

fn smaller(original: &[u8], compressed: Option<Vec<u8>>) -> Option<Vec<u8>> {
    compressed.filter(|c| c.len() < original.len())
}

fn gzip_bytes(data: &[u8]) -> Option<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).ok()?;
    enc.finish().ok()
}

fn brotli_bytes(data: &[u8]) -> Option<Vec<u8>> {
    // Best quality for what users download; a large (debug) WASM gets a
    // faster setting so start-up stays quick.
    let quality = if data.len() > 1 << 20 { 5 } else { 11 };
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        enc.write_all(data).ok()?;
        enc.flush().ok()?;
    }
    Some(out)
}

/// Content digest for ETags: changes exactly when the bytes do.
fn digest(data: &[u8]) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(data);
    hash[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
