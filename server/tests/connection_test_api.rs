//! "Test connection" over REST against the project's TrueNAS simulator on
//! real sockets: success over both transports, and each failure class with
//! its code.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use axum::http::StatusCode;
use common::{body_json, fixture, json};
use serde_json::{Value, json};
use truenas_sim::{DEFAULT_API_KEY, SimConfig, Simulator};

const URL: &str = "/api/truenas/connections";

async fn sim(config: SimConfig) -> truenas_sim::RunningSim {
    Simulator::start(config).await.unwrap()
}

fn body_for(sim: &truenas_sim::RunningSim, tls: &Value) -> Value {
    let mut body = json!({
        "name": "sim",
        "host": "127.0.0.1",
        "port": sim.port(),
        "apiKey": DEFAULT_API_KEY,
        "useHttps": sim.fingerprint().is_some(),
        "allowInsecureTransport": sim.fingerprint().is_none(),
    });
    body.as_object_mut()
        .unwrap()
        .extend(tls.as_object().unwrap().clone());
    body
}

#[tokio::test]
async fn pinned_tls_over_json_rpc_reports_what_the_wizard_shows() {
    let nas = sim(SimConfig {
        tls: true,
        hostname: "attic".into(),
        ..SimConfig::default()
    })
    .await;
    let pin = nas.fingerprint().unwrap().to_owned();
    let f = fixture().await;
    let response = json(
        &f.state,
        "POST",
        &format!("{URL}/test"),
        body_for(&nas, &json!({ "tlsMode": "pin", "fingerprint": pin })),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let outcome = body_json(response).await;
    assert_eq!(outcome["success"], true);
    assert_eq!(outcome["hostname"], "attic");
    assert_eq!(outcome["version"], "25.10.1");
    assert_eq!(outcome["transport"], "jsonrpc");
    assert_eq!(
        outcome["fingerprint"].as_str().unwrap().to_uppercase(),
        pin.to_uppercase()
    );
    assert_eq!(
        body_json(common::get(&f.state, URL).await).await,
        json!([]),
        "a test saves nothing"
    );
}

#[tokio::test]
async fn a_legacy_box_is_tested_over_rest() {
    let nas = sim(SimConfig {
        legacy: true,
        ..SimConfig::default()
    })
    .await;
    let f = fixture().await;
    let outcome = body_json(
        json(
            &f.state,
            "POST",
            &format!("{URL}/test"),
            body_for(&nas, &json!({})),
        )
        .await,
    )
    .await;
    assert_eq!(outcome["transport"], "rest", "{outcome}");
    assert_eq!(outcome["version"], "TrueNAS-SCALE-24.10.2");
    assert_eq!(outcome["fingerprint"], Value::Null);
}

#[tokio::test]
async fn failures_are_classified() {
    let f = fixture().await;
    let nas = sim(SimConfig {
        tls: true,
        ..SimConfig::default()
    })
    .await;

    let wrong_key = json!({ "tlsMode": "skipVerify", "apiKey": "1-wrongwrongwrong" });
    let response = json(
        &f.state,
        "POST",
        &format!("{URL}/test"),
        body_for(&nas, &wrong_key),
    )
    .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error = body_json(response).await;
    assert_eq!(error["code"], "auth", "{error}");
    assert!(!error.to_string().contains("1-wrongwrongwrong"), "{error}");

    let response = json(
        &f.state,
        "POST",
        &format!("{URL}/test"),
        body_for(&nas, &json!({ "tlsMode": "verify" })),
    )
    .await;
    let error = body_json(response).await;
    assert_eq!(error["code"], "tls", "{error}");
    assert_eq!(
        error["fingerprint"].as_str().unwrap().to_uppercase(),
        nas.fingerprint().unwrap().to_uppercase(),
        "the certificate seen is offered for pinning"
    );

    let other = "00:".repeat(31) + "00";
    let response = json(
        &f.state,
        "POST",
        &format!("{URL}/test"),
        body_for(&nas, &json!({ "tlsMode": "pin", "fingerprint": other })),
    )
    .await;
    assert_eq!(body_json(response).await["code"], "tls");

    let port = nas.port();
    drop(nas);
    let closed = json!({ "name": "x", "host": "127.0.0.1", "port": port, "apiKey": "k", "tlsMode": "skipVerify" });
    let error = body_json(json(&f.state, "POST", &format!("{URL}/test"), closed).await).await;
    assert_eq!(error["code"], "connection", "{error}");

    let invalid = json!({ "host": "127.0.0.1", "apiKey": "k", "tlsMode": "pin" });
    let error = body_json(json(&f.state, "POST", &format!("{URL}/test"), invalid).await).await;
    assert_eq!(
        (error["code"].as_str(), error["field"].as_str()),
        (Some("invalid_config"), Some("fingerprint"))
    );
}

#[tokio::test]
async fn a_stored_connection_is_tested_with_its_stored_key_and_unsaved_changes() {
    let nas = sim(SimConfig {
        tls: true,
        ..SimConfig::default()
    })
    .await;
    let f = fixture().await;
    let created = body_json(
        json(
            &f.state,
            "POST",
            URL,
            body_for(&nas, &json!({ "tlsMode": "skipVerify" })),
        )
        .await,
    )
    .await;
    let id = created["id"].as_str().unwrap();

    let response = json(&f.state, "POST", &format!("{URL}/{id}/test"), json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body_json(response).await["success"], true);

    let response = common::send(
        &f.state,
        axum::http::Request::post(format!("{URL}/{id}/test"))
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "an empty body tests the stored settings"
    );

    let change = json!({ "tlsMode": "verify" });
    let error = body_json(json(&f.state, "POST", &format!("{URL}/{id}/test"), change).await).await;
    assert_eq!(error["code"], "tls");
    let stored = f.state.services.connections().get_stored(id).unwrap();
    assert_eq!(
        stored.tls_mode,
        model::connections::TlsMode::SkipVerify,
        "a test must not save"
    );

    let error =
        body_json(json(&f.state, "POST", &format!("{URL}/nope/test"), json!({})).await).await;
    assert_eq!(error["code"], "not_found");
}
