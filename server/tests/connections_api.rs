//! The connection REST API of the runbook, driven in-process: the contract,
//! every class of bad input, the limits and the feature switch.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{body_json, config, fixture, fixture_with, get, json, send};
use poolwatch::assets::Assets;
use serde_json::json;

const URL: &str = "/api/truenas/connections";

fn nas(name: &str) -> serde_json::Value {
    json!({ "name": name, "host": "https://nas.example.org:8443", "apiKey": "3-topsecretkeyvalue" })
}

#[tokio::test]
async fn create_list_update_delete() {
    let f = fixture().await;
    let response = json(&f.state, "POST", URL, nas("Basement")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created = body_json(response).await;
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["apiKey"], "********");
    assert_eq!(created["host"], "nas.example.org");
    assert_eq!(created["port"], 8443);
    assert_eq!(created["useHttps"], true);
    assert_eq!(created["tlsMode"], "verify");
    assert_eq!(created["enabled"], true);
    assert_eq!(created["pollIntervalSeconds"], 60);
    assert_eq!(created["allowInsecureTransport"], false);

    let list = body_json(get(&f.state, URL).await).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["apiKey"], "********");

    let change = json!({ "name": "Basement NAS", "apiKey": "********", "pollIntervalSeconds": 30 });
    let response = json(&f.state, "PUT", &format!("{URL}/{id}"), change).await;
    assert_eq!(response.status(), StatusCode::OK);
    let updated = body_json(response).await;
    assert_eq!(updated["name"], "Basement NAS");
    assert_eq!(updated["pollIntervalSeconds"], 30);
    let stored = f.state.services.connections().get_stored(&id).unwrap();
    assert_eq!(
        stored.api_key.expose(),
        "3-topsecretkeyvalue",
        "******** must keep the key"
    );

    let response = send(
        &f.state,
        Request::delete(format!("{URL}/{id}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        body_json(response).await,
        json!({ "success": true, "id": id })
    );
    let response = send(
        &f.state,
        Request::delete(format!("{URL}/{id}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(body_json(response).await["code"], "not_found");
    assert_eq!(body_json(get(&f.state, URL).await).await, json!([]));
}

#[tokio::test]
async fn each_validation_error_names_its_field() {
    let f = fixture().await;
    let cases = [
        (json!({ "host": "nas", "apiKey": "k" }), "name"),
        (json!({ "name": "a", "apiKey": "k" }), "host"),
        (
            json!({ "name": "a", "host": "admin:pw@nas", "apiKey": "k" }),
            "host",
        ),
        (
            json!({ "name": "a", "host": "nas", "apiKey": "k", "port": 70000 }),
            "port",
        ),
        (json!({ "name": "a", "host": "nas" }), "apiKey"),
        (
            json!({ "name": "a", "host": "nas", "apiKey": "k", "tlsMode": "pin" }),
            "fingerprint",
        ),
        (
            json!({ "name": "a", "host": "nas", "apiKey": "k", "useHttps": false }),
            "useHttps",
        ),
        (
            json!({ "name": "a", "host": "nas", "apiKey": "k", "pollIntervalSeconds": 5 }),
            "pollIntervalSeconds",
        ),
        (
            json!({ "name": "a", "host": "nas", "apiKey": "k", "tlsMode": "loose" }),
            "tlsMode",
        ),
        (
            json!({ "name": "a", "host": "nas", "apikey": "k" }),
            "apikey",
        ),
        (
            json!({ "name": "a", "host": "nas", "apiKey": "k", "enabled": "yes" }),
            "enabled",
        ),
    ];
    for (body, field) in cases {
        let response = json(&f.state, "POST", URL, body.clone()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        let error = body_json(response).await;
        assert_eq!(error["field"], field, "{body} -> {error}");
        assert_eq!(error["code"], "invalid_config", "{body} -> {error}");
        assert!(!error["error"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        body_json(get(&f.state, URL).await).await,
        json!([]),
        "nothing may be stored"
    );

    json(&f.state, "POST", URL, nas("Taken")).await;
    let response = json(&f.state, "POST", URL, nas("taken")).await;
    let error = body_json(response).await;
    assert_eq!(
        (error["field"].as_str(), error["code"].as_str()),
        (Some("name"), Some("invalid_config"))
    );
}

#[tokio::test]
async fn malformed_oversized_and_non_json_bodies() {
    let f = fixture().await;
    let request = |body: Body, content_type: &str| {
        Request::post(URL)
            .header(header::CONTENT_TYPE, content_type)
            .body(body)
            .unwrap()
    };
    let response = send(
        &f.state,
        request(Body::from("{\"name\":"), "application/json"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body_json(response).await["code"], "invalid_json");

    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(40 * 1024));
    let response = send(&f.state, request(Body::from(big), "application/json")).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body_json(response).await["code"], "body_too_large");

    let response = send(
        &f.state,
        request(Body::from(nas("a").to_string()), "text/plain"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(body_json(response).await["code"], "unsupported_media_type");

    let response = json(&f.state, "PUT", &format!("{URL}/missing"), nas("a")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(body_json(response).await["code"], "not_found");
}

#[tokio::test]
async fn the_connection_limit_is_enforced() {
    let f = fixture_with(
        Assets::default(),
        domain::ServicesConfig {
            max_connections: 2,
            ..config()
        },
    )
    .await;
    for name in ["a", "b"] {
        assert_eq!(
            json(&f.state, "POST", URL, nas(name)).await.status(),
            StatusCode::CREATED
        );
    }
    let response = json(&f.state, "POST", URL, nas("c")).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error = body_json(response).await;
    assert_eq!(error["code"], "limit_reached");
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("POOLWATCH_MAX_CONNECTIONS")
    );
}

#[tokio::test]
async fn switched_off_every_connection_route_is_truenas_disabled() {
    let f = fixture_with(
        Assets::default(),
        domain::ServicesConfig {
            truenas_enabled: false,
            ..config()
        },
    )
    .await;
    let responses = [
        get(&f.state, URL).await,
        json(&f.state, "POST", URL, nas("a")).await,
        json(&f.state, "PUT", &format!("{URL}/x"), nas("a")).await,
        send(
            &f.state,
            Request::delete(format!("{URL}/x"))
                .body(Body::empty())
                .unwrap(),
        )
        .await,
        json(&f.state, "POST", &format!("{URL}/test"), nas("a")).await,
    ];
    for response in responses {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(body_json(response).await["code"], "truenas_disabled");
    }
    assert_eq!(get(&f.state, "/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_unreadable_store_is_reported_and_writes_refused() {
    let f = fixture().await;
    let data = f.state.services.data_dir().path().to_owned();
    std::fs::write(data.join("truenas.enc"), b"PWSTORE1 not really").unwrap();
    let services =
        domain::Services::open(config(), domain::DataDir::prepare(&data).unwrap()).unwrap();
    let state = poolwatch::AppState {
        services: std::sync::Arc::new(services),
        ..f.state.clone()
    };
    let response = get(&state, "/readyz").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        body_json(response).await["checks"]["credentials"],
        "unreadable"
    );
    let response = json(&state, "POST", URL, nas("a")).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body_json(response).await["code"], "store_unreadable");
    assert_eq!(
        std::fs::read(data.join("truenas.enc")).unwrap(),
        b"PWSTORE1 not really"
    );
}
