//! `GET /api/v2/resources` and the connection list's poll status, in-process,
//! fed by the poller from a simulated NAS over real sockets.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{body_json, get, json};
use serde_json::{Value, json};
use truenas_sim::Scenario;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resources_are_filtered_paged_and_explained() {
    let w = common::watched(Scenario::Degraded).await;
    let (f, id) = (&w.fixture, w.id.clone());

    let deadline = Instant::now() + Duration::from_secs(15);
    let pools = loop {
        let page =
            body_json(get(&f.state, "/api/v2/resources?type=pool&status=warning").await).await;
        if page["total"].as_u64() == Some(1) {
            break page;
        }
        assert!(
            Instant::now() < deadline,
            "the degraded pool never showed: {page}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let pool = &pools["data"][0];
    assert_eq!(pool["id"], format!("truenas:{id}/pool:tank"));
    assert_eq!(pool["type"], "pool");
    assert_eq!(pool["sourceStatus"]["truenas"]["status"], "online");
    assert_eq!(pool["connectionName"], "Lab");
    assert!(!pool["reasons"].as_array().unwrap().is_empty());
    assert!(pool["pool"]["capacity"]["raw"].is_object());

    let all = body_json(get(&f.state, "/api/v2/resources?source=truenas&limit=5000").await).await;
    let total = all["total"].as_u64().unwrap();
    assert!(total > 5, "{all}");
    let ids: Vec<&str> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let page = body_json(get(&f.state, "/api/v2/resources?limit=2&offset=1").await).await;
    let paged: Vec<&str> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(paged, ids[1..3].to_vec(), "pages follow the stable order");
    assert_eq!(page["total"].as_u64(), Some(total));

    let none = body_json(get(&f.state, "/api/v2/resources?source=proxmox").await).await;
    assert_eq!(none["total"], 0);
    let by_connection =
        body_json(get(&f.state, "/api/v2/resources?connection=Lab&type=system").await).await;
    assert_eq!(by_connection["total"], 1);
    let searched = body_json(get(&f.state, "/api/v2/resources?q=TANK&type=pool").await).await;
    assert_eq!(searched["total"], 1);
    let attention =
        body_json(get(&f.state, "/api/v2/resources?health=attention&type=disk").await).await;
    assert!(
        attention["total"].as_u64().unwrap() >= 1,
        "the faulted disk needs attention: {attention}"
    );

    for (query, field) in [
        ("type=volume", "type"),
        ("status=bad", "status"),
        ("limit=0", "limit"),
        ("offset=x", "offset"),
    ] {
        let response = get(&f.state, &format!("/api/v2/resources?{query}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error: Value = body_json(response).await;
        assert_eq!(
            (error["code"].as_str(), error["field"].as_str()),
            (Some("invalid_query"), Some(field))
        );
    }

    let list = body_json(get(&f.state, "/api/truenas/connections").await).await;
    assert_eq!(list[0]["apiKey"], "********");
    assert!(list[0]["poll"]["lastSuccessAt"].is_string(), "{list}");
    assert_eq!(list[0]["poll"]["consecutiveFailures"], 0);
    assert_eq!(list[0]["transport"]["mode"], "jsonrpc");
    assert_eq!(list[0]["transport"]["connected"], true);
    assert!(
        list[0]["transport"]["endpoint"]
            .as_str()
            .unwrap()
            .starts_with("wss://127.0.0.1:")
    );

    let rpc = body_json(
        json(
            &f.state,
            "POST",
            "/rpc/resources/list",
            json!({ "filters": [["type", "system"]] }),
        )
        .await,
    )
    .await;
    assert_eq!(
        rpc["total"], 1,
        "the server function reads the same registry: {rpc}"
    );

    json(
        &f.state,
        "DELETE",
        &format!("/api/truenas/connections/{id}"),
        json!({}),
    )
    .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while body_json(get(&f.state, "/api/v2/resources").await).await["total"] != 0 {
        assert!(
            Instant::now() < deadline,
            "deleting a connection must empty the registry"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
