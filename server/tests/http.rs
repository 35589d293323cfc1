//! The router driven in-process with `oneshot`: health, readiness, the
//! REST namespace, static files and the server-function round trip.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use common::{body_json, config, fixture_with, get, header_of, send};
use poolwatch::assets::Assets;

async fn fixture(assets: Assets) -> common::Fixture {
    fixture_with(assets, config()).await
}

fn site() -> Assets {
    Assets::from_files([
        (
            "index.html".to_owned(),
            b"<!doctype html><title>poolwatch</title><body></body>".repeat(10),
        ),
        ("app-0123456789abcdef_bg.wasm".to_owned(), vec![0x61; 8192]),
        (
            "favicon.svg".to_owned(),
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        ),
    ])
}

#[tokio::test]
async fn healthz_is_ok_and_says_nothing_about_the_host() {
    let f = fixture(site()).await;
    let response = get(&f.state, "/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-store");
    assert_eq!(
        body_json(response).await,
        serde_json::json!({"status": "ok"})
    );
}

#[tokio::test]
async fn readyz_follows_the_data_dir() {
    let f = fixture(site()).await;
    let response = get(&f.state, "/readyz").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    assert_eq!(body["status"], "ready");
    assert_eq!(body["checks"]["dataDir"], "ok");

    std::fs::remove_dir_all(f.state.services.data_dir().path()).unwrap();
    let response = get(&f.state, "/readyz").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = body_json(response).await;
    assert_eq!(body["status"], "not_ready");
    let text = body.to_string();
    assert!(
        !text.contains(f.dir.path().to_str().unwrap()),
        "readyz leaks the path: {text}"
    );
}

#[tokio::test]
async fn unknown_rest_path_is_json_404_not_the_app_shell() {
    let f = fixture(site()).await;
    let response = get(&f.state, "/api/nope").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(header_of(&response, header::CONTENT_TYPE).starts_with("application/json"));
    let body = body_json(response).await;
    assert_eq!(body["code"], "not_found");
    assert!(body["error"].as_str().unwrap().contains("/api/nope"));
}

#[tokio::test]
async fn pages_get_the_shell_with_the_right_status() {
    let f = fixture(site()).await;
    for page in model::pages::PAGES {
        let response = get(&f.state, page.path).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", page.path);
        assert_eq!(
            header_of(&response, header::CONTENT_TYPE),
            "text/html; charset=utf-8"
        );
        assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-cache");
    }
    let response = get(&f.state, "/storage?source=truenas&health=attention").await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = get(
        &f.state,
        "/storage/pools/3f1c2a9e-0000-4000-8000-000000000001/tank",
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "a pool's detail page is a deep link"
    );
    let response = get(&f.state, "/storage/pools/only-one-segment").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = get(&f.state, "/no-such-page").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    let response = get(&f.state, "/missing-0123456789abcdef.js").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!header_of(&response, header::CONTENT_TYPE).starts_with("text/html"));
}

/// `/` answers with the Overview entry and every other page with the full
/// app; the CSP lets both loaders run.
#[tokio::test]
async fn the_root_gets_the_overview_entry() {
    let loader = |bundle: &str| {
        format!("<!doctype html><script type=\"module\">import init from '/{bundle}.js';</script>")
    };
    let mut files = vec![
        ("index.html".to_owned(), loader("app").into_bytes()),
        ("overview.html".to_owned(), loader("overview").into_bytes()),
    ];
    files.push(("favicon.svg".to_owned(), b"<svg/>".to_vec()));
    let f = fixture(Assets::from_files(files)).await;
    let text = |response: axum::response::Response| async {
        String::from_utf8(
            to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap()
                .to_vec(),
        )
        .unwrap()
    };

    let root = get(&f.state, "/?x=1").await;
    assert_eq!(root.status(), StatusCode::OK);
    assert_eq!(header_of(&root, header::CACHE_CONTROL), "no-cache");
    let csp = header_of(&root, header::CONTENT_SECURITY_POLICY);
    assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
    assert!(text(root).await.contains("/overview.js"));
    for path in ["/storage", "/alerts", "/login", "/no-such-page"] {
        let page = get(&f.state, path).await;
        assert!(text(page).await.contains("/app.js"), "{path}");
    }
}

#[tokio::test]
async fn assets_are_compressed_cached_and_revalidated() {
    let f = fixture(site()).await;
    let wasm = "/app-0123456789abcdef_bg.wasm";
    let request = Request::get(wasm)
        .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
        .body(Body::empty())
        .unwrap();
    let response = send(&f.state, request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/wasm"
    );
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "br");
    assert_eq!(header_of(&response, header::VARY), "accept-encoding");
    assert_eq!(
        header_of(&response, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    let etag = header_of(&response, header::ETAG).to_owned();
    assert!(etag.ends_with("-br\""), "{etag}");
    let br_len = to_bytes(response.into_body(), 1 << 20).await.unwrap().len();
    assert!(br_len < 8192);

    let request = Request::get(wasm)
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let response = send(&f.state, request).await;
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "gzip");

    let response = get(&f.state, wasm).await;
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "");
    assert_eq!(
        to_bytes(response.into_body(), 1 << 20).await.unwrap().len(),
        8192
    );

    let request = Request::get(wasm)
        .header(header::ACCEPT_ENCODING, "br")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    let response = send(&f.state, request).await;
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header_of(&response, header::ETAG), etag);
    assert!(
        to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn writes_to_static_paths_are_refused() {
    let f = fixture(site()).await;
    let response = send(
        &f.state,
        Request::post("/storage").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header_of(&response, header::ALLOW), "GET, HEAD");
}

#[tokio::test]
async fn a_build_without_front_end_says_so() {
    let f = fixture(Assets::default()).await;
    let response = get(&f.state, "/").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let text = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    assert!(String::from_utf8_lossy(&text).contains("front end is not part of this build"));
    assert_eq!(get(&f.state, "/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn server_function_round_trip() {
    assert!(
        poolwatch::routes::server_fn_paths()
            .iter()
            .any(|p| p == "/rpc/server_status"),
        "server function not registered: {:?}",
        poolwatch::routes::server_fn_paths()
    );
    let f = fixture(site()).await;
    let request = Request::post("/rpc/server_status")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    let response = send(&f.state, request).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    assert_eq!(body["version"], "1.2.3");
    assert_eq!(body["demo"], false);
    assert_eq!(body["dataDir"]["writable"], true);
    assert!(body["startedAt"].as_str().unwrap().ends_with('Z'));
}
