//! The wizard's server functions: same service, same errors as REST.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use axum::http::StatusCode;
use common::{body_json, config, fixture, fixture_with, json};
use poolwatch::assets::Assets;
use serde_json::json;

#[tokio::test]
async fn every_connection_server_function_is_registered() {
    let paths = poolwatch::routes::server_fn_paths();
    for expected in [
        "/rpc/server_status",
        "/rpc/connections/list",
        "/rpc/connections/add",
        "/rpc/connections/update",
        "/rpc/connections/delete",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} missing from {paths:?}"
        );
    }
}

#[tokio::test]
async fn add_list_update_delete_through_server_functions() {
    let f = fixture().await;
    let input =
        json!({ "input": { "name": "Attic", "host": "attic.lan", "apiKey": "9-wizardkey" } });
    let response = json(&f.state, "POST", "/rpc/connections/add", input).await;
    assert_eq!(response.status(), StatusCode::OK);
    let created = body_json(response).await;
    assert_eq!(created["apiKey"], "********");
    let id = created["id"].as_str().unwrap().to_owned();

    let list = body_json(json(&f.state, "POST", "/rpc/connections/list", json!({})).await).await;
    assert_eq!(list[0]["name"], "Attic");
    let rest_list = body_json(common::get(&f.state, "/api/truenas/connections").await).await;
    assert_eq!(
        list, rest_list,
        "server functions and REST must show the same state"
    );

    let change = json!({ "id": id, "input": { "enabled": false, "apiKey": "********" } });
    let updated = body_json(json(&f.state, "POST", "/rpc/connections/update", change).await).await;
    assert_eq!(updated["enabled"], false);
    assert_eq!(
        f.state
            .services
            .connections()
            .get_stored(&id)
            .unwrap()
            .api_key
            .expose(),
        "9-wizardkey"
    );

    let deleted = body_json(
        json(
            &f.state,
            "POST",
            "/rpc/connections/delete",
            json!({ "id": id }),
        )
        .await,
    )
    .await;
    assert_eq!(deleted, json!({ "success": true, "id": id }));
}

#[tokio::test]
async fn validation_errors_reach_the_wizard_with_their_field() {
    let f = fixture().await;
    let input =
        json!({ "input": { "name": "x", "host": "nas", "apiKey": "k", "pollIntervalSeconds": 1 } });
    let response = json(&f.state, "POST", "/rpc/connections/add", input).await;
    // The same status the REST API answers: refused input is the caller's.
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error = body_json(response).await;
    assert_eq!(error["code"], "invalid_config");
    assert_eq!(error["field"], "pollIntervalSeconds");
}

#[tokio::test]
async fn switched_off_server_functions_refuse() {
    let f = fixture_with(
        Assets::default(),
        domain::ServicesConfig {
            truenas_enabled: false,
            ..config()
        },
    )
    .await;
    let error = body_json(json(&f.state, "POST", "/rpc/connections/list", json!({})).await).await;
    assert_eq!(error["code"], "truenas_disabled");
}
