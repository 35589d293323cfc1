use model::resources::Status;
use truenas_sim::Scenario;

use super::*;
use crate::health::fixtures;

fn tank(registry: &Registry) -> Status {
    registry
        .resources()
        .iter()
        .find(|r| r.id == "truenas:c1/pool:tank")
        .expect("the pool is listed")
        .status
}

/// Flap damping as a poll sequence sees it: two bad polls raise a problem,
/// two good ones clear it, and a failed poll in between counts for neither.
#[test]
fn damping_spans_polls_and_a_failed_poll_never_clears() {
    let registry = Registry::new(Duration::from_secs(120), None);
    registry.track(&StoredConnection::example("c1", "Lab"));
    let poll = |scenario| {
        let took = Duration::from_millis(5);
        registry.record_success(
            "c1",
            SystemSummary::default(),
            fixtures::storage(scenario),
            None,
            took,
        );
    };

    poll(Scenario::Healthy);
    poll(Scenario::Healthy);
    assert_eq!(tank(&registry), Status::Online);
    poll(Scenario::Degraded);
    assert_eq!(
        tank(&registry),
        Status::Online,
        "one bad poll is not enough"
    );
    poll(Scenario::Degraded);
    assert_eq!(tank(&registry), Status::Warning);

    registry.record_failure("c1", "timeout", "timed out".into(), Duration::from_secs(1));
    assert_eq!(
        tank(&registry),
        Status::Warning,
        "a failed poll is no recovery"
    );
    poll(Scenario::Healthy);
    assert_eq!(
        tank(&registry),
        Status::Warning,
        "one good poll is not enough"
    );
    poll(Scenario::Healthy);
    assert_eq!(tank(&registry), Status::Online);
}

#[test]
fn data_goes_stale_no_sooner_than_two_intervals() {
    let minute = StoredConnection::example("c1", "Lab");
    assert_eq!(minute.poll_interval_seconds, 60);
    let short = Registry::new(Duration::from_secs(30), None);
    assert_eq!(short.stale_after(&minute), Duration::from_secs(120));
    let long = Registry::new(Duration::from_secs(300), None);
    assert_eq!(long.stale_after(&minute), Duration::from_secs(300));
    let fast = Registry::new(Duration::from_secs(1), Some(Duration::from_millis(100)));
    assert_eq!(fast.stale_after(&minute), Duration::from_secs(1));
    let floor = Registry::new(Duration::from_millis(50), Some(Duration::from_millis(100)));
    assert_eq!(floor.stale_after(&minute), Duration::from_millis(200));
}
