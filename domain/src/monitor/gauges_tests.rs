use model::monitor::SystemSummary;
use model::resources::Status;
use truenas_sim::Scenario;

use super::*;
use crate::connections::StoredConnection;
use crate::health::fixtures;
use crate::monitor::entry::NasData;

fn entry(scenario: Scenario) -> NasEntry {
    let storage = fixtures::storage(scenario);
    let mut e = NasEntry::new(StoredConnection::example("c1", "Lab"));
    e.data = Some(NasData {
        system: SystemSummary::default(),
        storage,
    });
    e
}

fn scrape(e: &NasEntry) -> String {
    let gauges = Gauges::default();
    gauges.add(e, Instant::now());
    let mut prom = Prom::default();
    gauges.register(&mut prom);
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &prom).expect("encodes");
    text
}

#[test]
fn pool_status_is_the_damped_one() {
    let mut e = entry(Scenario::Degraded);
    let raw = r#"poolwatch_pool_status{instance="Lab",name="tank"} 2"#;
    assert!(scrape(&e).contains(raw), "{}", scrape(&e));

    // Two healthy polls before this degraded one: one bad poll shows nothing yet.
    for _ in 0..2 {
        e.dampers
            .observe(ResourceType::Pool, "tank", Status::Online);
        e.dampers.end_poll();
    }
    e.dampers
        .observe(ResourceType::Pool, "tank", Status::Warning);
    e.dampers.end_poll();
    let text = scrape(&e);
    assert!(
        text.contains(r#"poolwatch_pool_status{instance="Lab",name="tank"} 0"#),
        "{text}"
    );

    e.dampers
        .observe(ResourceType::Pool, "tank", Status::Warning);
    e.dampers.end_poll();
    assert!(scrape(&e).contains(raw));
}

#[test]
fn dataset_series_are_bounded_to_the_largest_per_nas() {
    let e = entry(Scenario::Large);
    let datasets = &e.data.as_ref().expect("data").storage.datasets;
    let mut top: Vec<u64> = datasets
        .iter()
        .filter(|d| d.name().matches('/').count() <= 1)
        .filter_map(|d| d.used())
        .collect();
    assert!(top.len() > DATASETS_PER_NAS * 10, "{} datasets", top.len());
    top.sort_unstable_by(|a, b| b.cmp(a));

    let text = scrape(&e);
    let series: Vec<u64> = text
        .lines()
        .filter(|l| l.starts_with("poolwatch_dataset_used_bytes{"))
        .map(|l| {
            l.rsplit(' ')
                .next()
                .and_then(|v| v.parse().ok())
                .expect("a value")
        })
        .collect();
    assert_eq!(series.len(), DATASETS_PER_NAS);
    let mut shown = series;
    shown.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(shown, top[..DATASETS_PER_NAS]);
}
