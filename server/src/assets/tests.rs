use super::*;

fn sample() -> Assets {
    let wasm = vec![0u8; 4096];
    let js = "export function init() { return 1; }\n"
        .repeat(40)
        .into_bytes();
    Assets::from_files([
        (
            "index.html".to_owned(),
            b"<!doctype html><title>t</title>".repeat(20),
        ),
        ("app-0123456789abcdef_bg.wasm".to_owned(), wasm),
        ("app-0123456789abcdef.js".to_owned(), js),
        ("favicon.svg".to_owned(), b"<svg/>".to_vec()),
        ("fonts/x.bin".to_owned(), vec![1, 2, 3]),
    ])
}

#[test]
fn content_types() {
    let a = sample();
    let ct = |p: &str| a.get(p).unwrap().content_type.to_str().unwrap().to_owned();
    assert_eq!(ct("/index.html"), "text/html; charset=utf-8");
    assert_eq!(ct("app-0123456789abcdef_bg.wasm"), "application/wasm");
    assert_eq!(
        ct("app-0123456789abcdef.js"),
        "application/javascript; charset=utf-8"
    );
    assert_eq!(ct("favicon.svg"), "image/svg+xml");
    assert_eq!(ct("fonts/x.bin"), "application/octet-stream");
}

#[test]
fn cache_policy_follows_the_content_hash() {
    let a = sample();
    assert_eq!(a.index().unwrap().cache, CachePolicy::Revalidate);
    assert_eq!(
        a.get("app-0123456789abcdef_bg.wasm").unwrap().cache,
        CachePolicy::Immutable
    );
    assert_eq!(
        a.get("app-0123456789abcdef.js").unwrap().cache,
        CachePolicy::Immutable
    );
    assert_eq!(a.get("favicon.svg").unwrap().cache, CachePolicy::Revalidate);
    assert!(!has_content_hash("main-abc.css"));
    assert!(has_content_hash("dir/main-fedcba9876543210.css"));
}

#[test]
fn compressed_variants_decode_to_the_original() {
    use std::io::Read;
    let a = sample();
    let js = a.get("app-0123456789abcdef.js").unwrap();
    let gz = js.gzip.as_ref().expect("gzip variant");
    let br = js.brotli.as_ref().expect("brotli variant");
    assert!(gz.len() < js.identity.len() && br.len() < js.identity.len());
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, js.identity);
    let mut out = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, js.identity);
    // Tiny or incompressible files are not given useless variants.
    let svg = a.get("favicon.svg").unwrap();
    assert!(svg.gzip.is_none() && svg.brotli.is_none());
    assert!(a.get("fonts/x.bin").unwrap().brotli.is_none());
}

#[test]
fn digest_changes_with_content() {
    assert_eq!(digest(b"a"), digest(b"a"));
    assert_ne!(digest(b"a"), digest(b"b"));
    assert_eq!(digest(b"a").len(), 32);
}

#[test]
fn negotiation() {
    let all = |_| true;
    let none = |e| e == Encoding::Identity;
    assert_eq!(negotiate(None, all), Encoding::Identity);
    assert_eq!(
        negotiate(Some("gzip, deflate, br, zstd"), all),
        Encoding::Brotli
    );
    assert_eq!(negotiate(Some("gzip"), all), Encoding::Gzip);
    assert_eq!(negotiate(Some("br;q=0, gzip;q=0.5"), all), Encoding::Gzip);
    assert_eq!(negotiate(Some("*"), all), Encoding::Brotli);
    assert_eq!(negotiate(Some("*;q=0"), all), Encoding::Identity);
    assert_eq!(negotiate(Some("BR"), all), Encoding::Brotli);
    assert_eq!(negotiate(Some("br, gzip"), none), Encoding::Identity);
    assert_eq!(negotiate(Some("identity"), all), Encoding::Identity);
    assert_eq!(negotiate(Some(";;,q=,br;q=abc"), all), Encoding::Brotli);
}

#[test]
fn the_overview_entry_answers_only_the_root() {
    let a = Assets::from_files([
        ("index.html".to_owned(), b"full app".to_vec()),
        ("overview.html".to_owned(), b"overview entry".to_vec()),
    ]);
    let shell = |path: &str| a.shell_for(path).map(|s| s.identity.as_ref().to_vec());
    assert_eq!(shell("/").as_deref(), Some(b"overview entry".as_slice()));
    for path in [
        "/storage",
        "/alerts",
        "/login",
        "/nowhere",
        "/storage/pools/c/tank",
    ] {
        assert_eq!(
            shell(path).as_deref(),
            Some(b"full app".as_slice()),
            "{path}"
        );
    }
    assert_eq!(a.shells().count(), 2);
}

#[test]
fn without_the_overview_entry_the_full_app_answers_everywhere() {
    let a = sample();
    let index = a.index().map(|s| s.identity.clone());
    assert_eq!(a.shell_for("/").map(|s| s.identity.clone()), index);
    assert_eq!(a.shells().count(), 1);
    assert!(Assets::default().shell_for("/").is_none());
}
