use proptest::prelude::*;
use serde_json::json;
use truenas_sim::Scenario;

use super::super::fixtures;
use super::super::pool::{evaluate_pool, root_dataset};
use super::*;

const POOLS: [&str; 2] = ["tank", "backup"];
const DISKS: [&str; 4] = ["sda", "sdc", "sdab", "nvme0n1"];

fn items(scenario: Scenario) -> Vec<AlertItem> {
    alert_items(&fixtures::alerts(scenario), &POOLS, &DISKS)
}

fn tank(scenario: Scenario) -> PoolHealth {
    let datasets = fixtures::rows(scenario);
    let pools = fixtures::pools(scenario);
    evaluate_pool(&pools[0], root_dataset("tank", &datasets))
}

fn text_alert(level: &str, formatted: &str) -> Alert {
    Alert {
        uuid: "u1".into(),
        level: Some(level.into()),
        klass: Some("SMART".into()),
        formatted: Some(formatted.into()),
        ..Alert::default()
    }
}

#[test]
fn volume_status_names_its_pool_and_the_dismissed_notice_its_own() {
    let list = items(Scenario::Degraded);
    let volume = list
        .iter()
        .find(|i| i.klass.as_deref() == Some("VolumeStatus"))
        .unwrap();
    assert_eq!(volume.subject, Some(subject(SubjectKind::Pool, "tank")));
    assert!(volume.message.starts_with("Pool tank state is DEGRADED"));
    assert!(volume.datetime.as_deref().is_some_and(|d| d.ends_with('Z')));
    assert!(!volume.dismissed);
    let notice = list
        .iter()
        .find(|i| i.klass.as_deref() == Some("ZpoolCapacityNotice"))
        .unwrap();
    assert_eq!(notice.subject, Some(subject(SubjectKind::Pool, "backup")));
    assert!(notice.dismissed);
}

#[test]
fn an_active_alert_adds_a_reason_but_never_makes_a_resilver_critical() {
    let list = items(Scenario::Resilvering);
    let mut pool = tank(Scenario::Resilvering);
    let before = pool.reasons.len();
    attach_to_pool(&mut pool, &list);
    assert_eq!(pool.status, Status::Warning);
    assert_eq!(pool.reasons.len(), before + 1);
    assert_eq!(pool.reasons[before].code, ReasonCode::TruenasAlert);
    assert!(
        pool.reasons[before]
            .message
            .starts_with("TrueNAS CRITICAL alert: Pool tank state is DEGRADED")
    );
}

#[test]
fn dismissed_and_informational_alerts_change_nothing() {
    let list = items(Scenario::Healthy);
    let datasets = fixtures::rows(Scenario::Healthy);
    let pools = fixtures::pools(Scenario::Healthy);
    let mut backup = evaluate_pool(&pools[1], root_dataset("backup", &datasets));
    attach_to_pool(&mut backup, &list);
    assert_eq!(backup.status, Status::Online);
    assert!(backup.reasons.is_empty());
}

#[test]
fn disk_alert_found_in_text_warns_the_disk() {
    let alert = text_alert(
        "CRITICAL",
        "Device: /dev/sdc [SAT], 8 Currently unreadable (pending) sectors.",
    );
    let item = alert_item(&alert, None, &POOLS, &DISKS);
    assert_eq!(item.subject, Some(subject(SubjectKind::Disk, "sdc")));
    let mut disk = DiskHealth {
        name: "sdc".into(),
        serial: None,
        model: None,
        size: None,
        kind: None,
        pool: None,
        temperature: None,
        vdev_state: Some("ONLINE".into()),
        status: Status::Online,
        errors: Default::default(),
        smart: Default::default(),
        reasons: Vec::new(),
    };
    attach_to_disk(&mut disk, &[item]);
    assert_eq!(disk.status, Status::Warning);
    assert_eq!(disk.reasons.len(), 1);
}

#[test]
fn args_take_precedence_over_the_text() {
    let alert = text_alert("WARNING", "Something about sda");
    let by_volume = alert_item(&alert, Some(&json!({"volume": "backup"})), &POOLS, &DISKS);
    assert_eq!(
        by_volume.subject,
        Some(subject(SubjectKind::Pool, "backup"))
    );
    let by_device = alert_item(
        &alert,
        Some(&json!({"device": "/dev/sdc1"})),
        &POOLS,
        &DISKS,
    );
    assert_eq!(by_device.subject, Some(subject(SubjectKind::Disk, "sdc")));
    let unknown = alert_item(&alert, Some(&json!({"volume": "gone"})), &POOLS, &DISKS);
    assert_eq!(unknown.subject, Some(subject(SubjectKind::Disk, "sda")));
}

#[test]
fn names_match_as_whole_words_only() {
    assert!(mentions("Pool tank state is ONLINE", "tank", false));
    assert!(mentions("pool \"tank\".", "tank", false));
    assert!(!mentions("Pool tank2 state", "tank", false));
    assert!(!mentions("Pool my-tank state", "tank", false));
    assert!(mentions("/dev/sda1 failed", "sda", true));
    assert!(!mentions("/dev/sdab failed", "sda", true));
    assert!(mentions("/dev/sdab failed", "sdab", true));
    assert!(mentions("nvme0n1p1 is slow", "nvme0n1", true));
    assert!(!mentions("nvme0n12 is slow", "nvme0n1", true));
    assert!(!mentions("anything", "", true));
    let both = ["tank", "tank-old"];
    let found = from_text("Pool tank-old is FAULTED", &both, &[]);
    assert_eq!(found, Some(subject(SubjectKind::Pool, "tank-old")));
    assert_eq!(from_text("No names here", &POOLS, &DISKS), None);
}

#[test]
fn html_is_reduced_to_text() {
    assert_eq!(
        strip_html(
            "Pool <b>tank</b> state is DEGRADED:<br>The following devices are not healthy:<ul><li>Disk sdc is FAULTED</li></ul>"
        ),
        "Pool tank state is DEGRADED: The following devices are not healthy: Disk sdc is FAULTED"
    );
    assert_eq!(
        strip_html("a &lt; b &amp;&amp; 3 < 4 <a href=\"x\">link</a>&nbsp;end"),
        "a < b && 3 < 4 link end"
    );
    assert_eq!(strip_html("unterminated <b tag"), "unterminated <b tag");
    assert_eq!(strip_html(""), "");
}

proptest! {
    #[test]
    fn no_panic_on_any_text(
        formatted in "\\PC{0,60}",
        pool in "[a-zé<>&;-]{0,6}",
        disk in "[a-z0-9p]{0,6}",
    ) {
        let alert = text_alert("WARNING", &formatted);
        let pools = [pool.as_str()];
        let disks = [disk.as_str()];
        let item = alert_item(&alert, Some(&json!({"device": formatted})), &pools, &disks);
        prop_assert!(!item.message.contains("  "));
        if let Some(found) = item.subject {
            prop_assert!(found.name == pool || found.name == disk);
        }
    }
}
