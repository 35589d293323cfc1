//! The auth gate, in process: every route and server function refuses an
//! anonymous caller unless it is on the public list; sessions (cookie flags,
//! rotation, logout, idle and lifetime, password change); API token scopes;
//! CSRF; login lockout; security headers; the audit log.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{ADMIN_PASSWORD, ADMIN_USER, body_json, fixture, header_of, send, send_anonymous};
use poolwatch::AppState;
use serde_json::json;

/// Every REST route of the router, with a method it answers. Kept next to
/// the public list below; [`every_listed_route_exists`] proves each is routed.
const ROUTES: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
    ("GET", "/api/truenas/connections"),
    ("POST", "/api/truenas/connections"),
    ("POST", "/api/truenas/connections/test"),
    ("PUT", "/api/truenas/connections/some-id"),
    ("DELETE", "/api/truenas/connections/some-id"),
    ("POST", "/api/truenas/connections/some-id/test"),
    ("GET", "/api/v2/resources"),
    ("GET", "/api/v2/events"),
    ("GET", "/api/auth/status"),
    ("GET", "/api/auth/me"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/logout"),
    ("POST", "/api/auth/setup"),
    ("POST", "/api/auth/password"),
    ("GET", "/api/auth/tokens"),
    ("POST", "/api/auth/tokens"),
    ("POST", "/api/auth/tokens/some-id/revoke"),
    ("GET", "/api/auth/audit"),
    ("GET", "/api/nope"),
    ("GET", "/"),
    ("GET", "/storage"),
    ("GET", "/settings"),
    ("GET", "/no-such-page"),
    ("GET", "/login"),
    ("GET", "/setup"),
];

/// What anyone may reach.
const PUBLIC: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/api/auth/status"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/logout"),
    ("POST", "/api/auth/setup"),
    ("GET", "/login"),
    ("GET", "/setup"),
];

fn request(method: &str, uri: &str, body: Option<serde_json::Value>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if body.is_some() {
        builder = builder.header(header::CONTENT_TYPE, "application/json");
    }
    builder
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap()
}

async fn login(state: &AppState, user: &str, password: &str) -> (StatusCode, Option<String>) {
    let response = send_anonymous(
        state,
        request(
            "POST",
            "/api/auth/login",
            Some(json!({ "username": user, "password": password })),
        ),
    )
    .await;
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned());
    (response.status(), cookie)
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

async fn with_cookie(state: &AppState, cookie: &str, mut req: Request<Body>) -> StatusCode {
    req.headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    send_anonymous(state, req).await.status()
}

#[tokio::test]
async fn every_route_and_server_function_refuses_anonymous_callers() {
    let f = fixture().await;
    let mut protected = 0;
    for (method, path) in ROUTES {
        let body = (*method != "GET").then(|| json!({}));
        let response = send_anonymous(&f.state, request(method, path, body)).await;
        let status = response.status();
        if PUBLIC.contains(&(*method, *path)) {
            assert_ne!(
                status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} is public"
            );
            continue;
        }
        protected += 1;
        if path.starts_with("/api") || *path == "/metrics" {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
            assert_eq!(
                body_json(response).await["code"],
                "unauthorized",
                "{method} {path}"
            );
        } else {
            assert_eq!(status, StatusCode::SEE_OTHER, "{method} {path}");
            let location = header_of(&response, header::LOCATION).to_owned();
            assert!(
                location.starts_with("/login?next="),
                "{method} {path} → {location}"
            );
        }
    }
    let fns = poolwatch::routes::server_fn_paths();
    assert!(fns.len() >= 15, "server functions not linked: {fns:?}");
    let public_fns = poolwatch::auth::policy::PUBLIC_FNS;
    for path in &fns {
        let name = path.trim_start_matches("/rpc/");
        let response = send_anonymous(&f.state, request("POST", path, Some(json!({})))).await;
        if public_fns.contains(&name) {
            assert_ne!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{path} is public"
            );
        } else {
            protected += 1;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        }
    }
    println!(
        "route inventory: {} REST routes and pages, {} server functions; {protected} protected, {} public",
        ROUTES.len(),
        fns.len(),
        PUBLIC.len() + public_fns.len()
    );
}

#[tokio::test]
async fn every_listed_route_exists() {
    let f = fixture().await;
    for (method, path) in ROUTES {
        let body = (*method != "GET" && !path.ends_with("/logout")).then(|| json!({}));
        if *path == "/api/v2/events" {
            continue;
        }
        let status = send(&f.state, request(method, path, body)).await.status();
        let expect_missing =
            *path == "/api/nope" || *path == "/no-such-page" || path.contains("some-id");
        if !expect_missing {
            assert_ne!(
                status,
                StatusCode::NOT_FOUND,
                "{method} {path} is not routed"
            );
        }
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
    }
}

#[tokio::test]
async fn session_cookie_flags_rotation_and_logout() {
    let f = fixture().await;
    let (status, first) = login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let first = first.unwrap();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(first.contains(flag), "{flag} missing: {first}");
    }
    assert!(
        !first.contains("Secure"),
        "plain HTTP cookie marked Secure: {first}"
    );
    assert!(first.starts_with("poolwatch_session="), "{first}");
    let first = cookie_pair(&first);
    assert_eq!(
        with_cookie(&f.state, &first, request("GET", "/api/auth/me", None)).await,
        StatusCode::OK
    );

    let mut again = request(
        "POST",
        "/api/auth/login",
        Some(json!({"username": ADMIN_USER, "password": ADMIN_PASSWORD})),
    );
    again
        .headers_mut()
        .insert(header::COOKIE, first.parse().unwrap());
    let response = send_anonymous(&f.state, again).await;
    let second = cookie_pair(header_of(&response, header::SET_COOKIE));
    assert_ne!(first, second, "the session id must change at login");
    assert_eq!(
        with_cookie(&f.state, &first, request("GET", "/api/auth/me", None)).await,
        StatusCode::UNAUTHORIZED,
        "the id from before the login no longer works"
    );

    let mut out = request("POST", "/api/auth/logout", None);
    out.headers_mut()
        .insert(header::COOKIE, second.parse().unwrap());
    let response = send_anonymous(&f.state, out).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let removal = header_of(&response, header::SET_COOKIE);
    assert!(
        removal.contains("Max-Age=0") || removal.contains("expires=Thu, 01 Jan 1970"),
        "{removal}"
    );
    assert_eq!(
        with_cookie(&f.state, &second, request("GET", "/api/auth/me", None)).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn under_tls_the_cookie_is_secure_with_a_host_prefix() {
    let mut f = fixture().await;
    let mut security = (*f.state.security).clone();
    security.tls = true;
    f.state.security = Arc::new(security);
    let (_, cookie) = login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
    let cookie = cookie.unwrap();
    assert!(cookie.starts_with("__Host-poolwatch_session="), "{cookie}");
    assert!(cookie.contains("Secure"), "{cookie}");
    let response = send(&f.state, request("GET", "/healthz", None)).await;
    assert!(header_of(&response, header::STRICT_TRANSPORT_SECURITY).contains("max-age="));
}

#[tokio::test]
async fn idle_and_lifetime_limits_end_sessions() {
    for (idle, lifetime, keep_busy) in [(1, 3600, false), (3600, 2, true)] {
        let mut f = fixture().await;
        let mut security = (*f.state.security).clone();
        security.sessions.idle = Duration::from_secs(idle);
        security.sessions.lifetime = Duration::from_secs(lifetime);
        f.state.security = Arc::new(security);
        let (_, cookie) = login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
        let cookie = cookie_pair(&cookie.unwrap());
        let me = || request("GET", "/api/auth/me", None);
        assert_eq!(with_cookie(&f.state, &cookie, me()).await, StatusCode::OK);
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(600)).await;
            if keep_busy {
                with_cookie(&f.state, &cookie, me()).await;
            }
        }
        assert_eq!(
            with_cookie(&f.state, &cookie, me()).await,
            StatusCode::UNAUTHORIZED,
            "idle {idle} s, lifetime {lifetime} s"
        );
        let page = with_cookie(&f.state, &cookie, request("GET", "/storage", None)).await;
        assert_eq!(
            page,
            StatusCode::SEE_OTHER,
            "an ended session sends pages to login"
        );
    }
}

#[tokio::test]
async fn a_password_change_ends_every_session() {
    let f = fixture().await;
    let (_, a) = login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
    let (_, b) = login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
    let (a, b) = (cookie_pair(&a.unwrap()), cookie_pair(&b.unwrap()));
    let mut change = request(
        "POST",
        "/api/auth/password",
        Some(json!({"currentPassword": ADMIN_PASSWORD, "newPassword": "a brand new passphrase"})),
    );
    change
        .headers_mut()
        .insert(header::COOKIE, a.parse().unwrap());
    let response = send_anonymous(&f.state, change).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let renewed = cookie_pair(header_of(&response, header::SET_COOKIE));
    let me = || request("GET", "/api/auth/me", None);
    assert_eq!(
        with_cookie(&f.state, &b, me()).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        with_cookie(&f.state, &a, me()).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(with_cookie(&f.state, &renewed, me()).await, StatusCode::OK);
    assert_eq!(
        login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&f.state, ADMIN_USER, "a brand new passphrase")
            .await
            .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn token_scopes_and_revocation() {
    let f = fixture().await;
    let created = body_json(
        send(
            &f.state,
            request(
                "POST",
                "/api/auth/tokens",
                Some(json!({"name": "grafana", "scope": "read"})),
            ),
        )
        .await,
    )
    .await;
    // The fixture's own token is an API token, not a session: it may not mint tokens.
    assert_eq!(created["code"], "forbidden", "{created}");

    let (_, cookie) = login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
    let cookie = cookie_pair(&cookie.unwrap());
    let mut make = request(
        "POST",
        "/api/auth/tokens",
        Some(json!({"name": "grafana", "scope": "read"})),
    );
    make.headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    let response = send_anonymous(&f.state, make).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created = body_json(response).await;
    let secret = created["secret"].as_str().unwrap().to_owned();
    let id = created["token"]["id"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("pwt_") && secret.len() > 40);
    assert!(secret.starts_with(created["token"]["prefix"].as_str().unwrap()));

    let bearer = |mut req: Request<Body>| {
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {secret}").parse().unwrap(),
        );
        req
    };
    let read = send_anonymous(
        &f.state,
        bearer(request("GET", "/api/truenas/connections", None)),
    )
    .await;
    assert_eq!(read.status(), StatusCode::OK);
    let nas = json!({"name": "x", "host": "nas.lan", "apiKey": "1-abc"});
    let write = send_anonymous(
        &f.state,
        bearer(request("POST", "/api/truenas/connections", Some(nas))),
    )
    .await;
    assert_eq!(write.status(), StatusCode::FORBIDDEN);
    assert_eq!(body_json(write).await["code"], "forbidden");
    let rpc = send_anonymous(
        &f.state,
        bearer(request(
            "POST",
            "/rpc/connections/delete",
            Some(json!({"id": "x"})),
        )),
    )
    .await;
    assert_eq!(
        rpc.status(),
        StatusCode::FORBIDDEN,
        "server functions check scope too"
    );
    let listed = body_json(send(&f.state, request("GET", "/api/auth/tokens", None)).await).await;
    assert!(
        !listed.to_string().contains(&secret),
        "a listing shows a secret"
    );

    let revoked = send(
        &f.state,
        request("POST", &format!("/api/auth/tokens/{id}/revoke"), None),
    )
    .await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let after = send_anonymous(
        &f.state,
        bearer(request("GET", "/api/truenas/connections", None)),
    )
    .await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cookie_authenticated_changes_must_come_from_this_origin() {
    let f = fixture().await;
    let (_, cookie) = login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
    let cookie = cookie_pair(&cookie.unwrap());
    let attempt = |headers: &[(&'static str, &'static str)]| {
        let mut req = request(
            "POST",
            "/rpc/connections/delete",
            Some(json!({"id": "nope"})),
        );
        req.headers_mut()
            .insert(header::COOKIE, cookie.parse().unwrap());
        req.headers_mut()
            .insert(header::HOST, "127.0.0.1:7655".parse().unwrap());
        for (k, v) in headers {
            req.headers_mut().insert(*k, v.parse().unwrap());
        }
        req
    };
    for refused in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("origin", "https://evil.example")],
        vec![
            ("sec-fetch-site", "same-site"),
            ("origin", "http://127.0.0.1:7655"),
        ],
    ] {
        let response = send_anonymous(&f.state, attempt(&refused)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{refused:?}");
        assert_eq!(body_json(response).await["code"], "csrf");
    }
    for allowed in [
        vec![("sec-fetch-site", "same-origin")],
        vec![("origin", "http://127.0.0.1:7655")],
    ] {
        let status = send_anonymous(&f.state, attempt(&allowed)).await.status();
        assert_ne!(status, StatusCode::FORBIDDEN, "{allowed:?}");
    }
    let audit = body_json(send(&f.state, request("GET", "/api/auth/audit", None)).await).await;
    assert!(
        audit["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "csrf" && e["outcome"] == "denied")
    );
}

#[tokio::test]
async fn repeated_failures_lock_the_login_out() {
    let f = fixture().await;
    for _ in 0..5 {
        let (status, cookie) = login(&f.state, ADMIN_USER, "wrong password!!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(cookie.is_none());
    }
    let unknown = send_anonymous(
        &f.state,
        request(
            "POST",
            "/api/auth/login",
            Some(json!({"username": "nobody", "password": "whatever at all"})),
        ),
    )
    .await;
    assert_eq!(
        body_json(unknown).await["error"],
        "invalid credentials",
        "one message for every failure"
    );
    let response = send_anonymous(
        &f.state,
        request(
            "POST",
            "/api/auth/login",
            Some(json!({"username": ADMIN_USER, "password": ADMIN_PASSWORD})),
        ),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry: u64 = header_of(&response, header::RETRY_AFTER).parse().unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    assert_eq!(body_json(response).await["code"], "locked_out");
}

#[tokio::test]
async fn security_headers_on_pages_and_api() {
    let f = fixture().await;
    for path in ["/healthz", "/api/v2/resources", "/login"] {
        let response = send(&f.state, request("GET", path, None)).await;
        let csp = header_of(&response, header::CONTENT_SECURITY_POLICY);
        assert!(
            csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(header_of(&response, header::X_FRAME_OPTIONS), "DENY");
        assert_eq!(
            header_of(&response, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff"
        );
        assert_eq!(header_of(&response, header::REFERRER_POLICY), "no-referrer");
    }
}

#[tokio::test]
async fn first_run_setup_needs_the_printed_token() {
    let dir = tempfile::tempdir().unwrap();
    let auth = domain::auth::AuthService::open(dir.path(), domain::auth::ThrottleConfig::default())
        .await
        .unwrap();
    let domain::auth::Bootstrap::SetupToken(token) = auth.bootstrap(None, false).await.unwrap()
    else {
        panic!("an empty database must ask for setup");
    };
    let input = |token: &str| model::auth::SetupInput {
        setup_token: token.to_owned(),
        username: "owner".to_owned(),
        password: "long enough password".to_owned(),
    };
    let wrong = auth.setup(&input("guess"), None).await.unwrap_err();
    assert_eq!(wrong.field(), Some("setupToken"));
    let short = model::auth::SetupInput {
        password: "short".into(),
        ..input(&token)
    };
    assert_eq!(
        auth.setup(&short, None).await.unwrap_err().field(),
        Some("password")
    );
    let user = auth.setup(&input(&token), None).await.unwrap();
    assert_eq!(user.username, "owner");
    assert!(!auth.setup_required().await.unwrap());
    assert!(matches!(
        auth.setup(&input(&token), None).await,
        Err(domain::auth::AuthError::SetupDone)
    ));
    assert_eq!(
        auth.bootstrap(None, false).await.unwrap(),
        domain::auth::Bootstrap::Ready
    );
    let demo = auth.bootstrap(None, true).await.unwrap();
    assert_eq!(
        demo,
        domain::auth::Bootstrap::Ready,
        "no demo login beside a real admin"
    );
}

#[tokio::test]
async fn the_audit_log_records_who_did_what_and_refuses_rewrites() {
    let f = fixture().await;
    login(&f.state, ADMIN_USER, "not the password").await;
    login(&f.state, ADMIN_USER, ADMIN_PASSWORD).await;
    let nas = json!({"name": "audited", "host": "nas.lan", "apiKey": "1-auditedsecretkey"});
    let created = body_json(
        send(
            &f.state,
            request("POST", "/api/truenas/connections", Some(nas)),
        )
        .await,
    )
    .await;
    let id = created["id"].as_str().unwrap();
    send(
        &f.state,
        request("DELETE", &format!("/api/truenas/connections/{id}"), None),
    )
    .await;
    let log =
        body_json(send(&f.state, request("GET", "/api/auth/audit?limit=50", None)).await).await;
    let entries = log["data"].as_array().unwrap();
    let has = |action: &str, outcome: &str| {
        entries
            .iter()
            .any(|e| e["action"] == action && e["outcome"] == outcome)
    };
    assert!(has("login", "failure") && has("login", "success"), "{log}");
    assert!(
        has("connection.create", "success") && has("connection.delete", "success"),
        "{log}"
    );
    assert!(has("token.create", "success"), "{log}");
    let create = entries
        .iter()
        .find(|e| e["action"] == "connection.create")
        .unwrap();
    assert_eq!(create["actor"], "token:tests");
    assert_eq!(create["target"], id);
    let text = log.to_string();
    for secret in ["1-auditedsecretkey", ADMIN_PASSWORD, "not the password"] {
        assert!(!text.contains(secret), "the audit log holds a secret");
    }
    let bad = send(&f.state, request("GET", "/api/auth/audit?limit=x", None)).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);

    let rewrite = sqlx::query("UPDATE audit_log SET outcome = 'success'")
        .execute(f.state.auth.pool())
        .await;
    assert!(rewrite.unwrap_err().to_string().contains("append-only"));
    let erase = sqlx::query("DELETE FROM audit_log")
        .execute(f.state.auth.pool())
        .await;
    assert!(erase.unwrap_err().to_string().contains("append-only"));
}

#[tokio::test]
async fn the_login_server_function_answers_like_the_rest_login() {
    let f = fixture().await;
    let call = |password: &str| {
        request(
            "POST",
            "/rpc/auth/login",
            Some(json!({"input": {"username": ADMIN_USER, "password": password}})),
        )
    };
    let good = send_anonymous(&f.state, call(ADMIN_PASSWORD)).await;
    assert_eq!(good.status(), StatusCode::OK);
    assert!(header_of(&good, header::SET_COOKIE).contains("HttpOnly"));
    for _ in 0..5 {
        let bad = send_anonymous(&f.state, call("wrong wrong wrong")).await;
        assert_eq!(bad.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(body_json(bad).await["code"], "invalid_credentials");
    }
    let locked = send_anonymous(&f.state, call(ADMIN_PASSWORD)).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(!header_of(&locked, header::RETRY_AFTER).is_empty());
}
