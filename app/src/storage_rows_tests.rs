use model::monitor::{SourceStatuses, SystemSummary};
use model::resources::{Capacity, LayoutGroup, VdevRole};

use super::*;

fn resource(kind: ResourceType, name: &str, conn: &str, status: Status) -> Resource {
    Resource {
        id: format!("truenas:{conn}/{}:{name}", kind.as_str()),
        kind,
        name: name.to_owned(),
        parent_id: None,
        status,
        reasons: Vec::new(),
        sources: vec!["truenas".to_owned()],
        source_status: SourceStatuses {
            truenas: SourceStatus {
                status: Freshness::Online,
                last_seen: Some("2026-11-22T02:07:18Z".to_owned()),
                error: None,
            },
        },
        platform: "truenas".to_owned(),
        connection_id: conn.to_owned(),
        connection_name: format!("nas-{conn}"),
        system: None::<SystemSummary>,
        pool: None,
        dataset: None,
        disk: None,
        alert: None,
    }
}

fn dataset(name: &str, used: Option<u64>, available: Option<u64>) -> DatasetHealth {
    DatasetHealth {
        name: name.to_owned(),
        pool: Some("tank".to_owned()),
        kind: Some(DatasetKind::Volume),
        mountpoint: None,
        used,
        available,
        quota: None,
        volsize: Some(1 << 30),
        compressratio: Some(1.5),
        encrypted: Some(true),
        encryption_root: None,
        locked: Some(true),
        readonly: Some(true),
        status: Status::Warning,
        reasons: Vec::new(),
    }
}

fn rows() -> Vec<Row> {
    let mut a = resource(ResourceType::Dataset, "tank/b", "1", Status::Online);
    a.dataset = Some(dataset("tank/b", Some(10), Some(90)));
    let mut b = resource(ResourceType::Dataset, "tank/a", "2", Status::Critical);
    b.dataset = Some(dataset("tank/a", Some(50), Some(50)));
    let c = resource(ResourceType::Disk, "sdc", "1", Status::Unknown);
    let mut rows: Vec<Row> = [a, b, c].into_iter().map(Row::from_resource).collect();
    sort_by_name(&mut rows);
    rows
}

fn names(rows: &[Row], f: &Filter) -> Vec<String> {
    f.select(rows)
        .into_iter()
        .map(|i| rows[i as usize].name.clone())
        .collect()
}

#[test]
fn dataset_labels_say_zvol_compression_encryption_and_readonly() {
    let row = &rows()[2];
    assert_eq!(row.used, Some((10, 100)));
    assert_eq!(
        row.labels,
        [
            "zvol 1.0 GiB",
            "1.50× compression",
            "encrypted, locked",
            "read-only"
        ]
    );
}

#[test]
fn unknown_sizes_stay_unknown() {
    let mut r = resource(ResourceType::Dataset, "tank/x", "1", Status::Online);
    let mut d = dataset("tank/x", Some(5), None);
    d.compressratio = None;
    d.encrypted = None;
    r.dataset = Some(d);
    let row = Row::from_resource(r);
    assert_eq!(row.used, None);
    assert_eq!(row.usage(), None);
    assert!(row.labels.contains(&"compression unknown".to_owned()));
    assert!(row.labels.contains(&"encryption unknown".to_owned()));
}

#[test]
fn filters_by_type_connection_health_and_text() {
    let rows = rows();
    let all = Filter::default();
    assert_eq!(names(&rows, &all), ["sdc", "tank/a", "tank/b"]);
    let datasets = Filter {
        kind: Some(ResourceType::Dataset),
        ..Filter::default()
    };
    assert_eq!(names(&rows, &datasets), ["tank/a", "tank/b"]);
    let conn = Filter {
        connection: "1".into(),
        ..Filter::default()
    };
    assert_eq!(names(&rows, &conn), ["sdc", "tank/b"]);
    let health = |h: &str| Filter {
        health: h.into(),
        ..Filter::default()
    };
    assert_eq!(names(&rows, &health("attention")), ["tank/a"]);
    assert_eq!(names(&rows, &health("healthy")), ["tank/b"]);
    assert_eq!(names(&rows, &health("offline")), ["sdc"]);
    let text = Filter {
        q: " NAS-2 ".into(),
        ..Filter::default()
    };
    assert_eq!(names(&rows, &text), ["tank/a"]);
    let other_source = Filter {
        source: "proxmox".into(),
        ..Filter::default()
    };
    assert!(names(&rows, &other_source).is_empty());
}

#[test]
fn sorts_by_usage_and_health_with_unknown_last() {
    let rows = rows();
    let by = |s: &str| Filter {
        sort: s.into(),
        ..Filter::default()
    };
    assert_eq!(names(&rows, &by("usage")), ["tank/a", "tank/b", "sdc"]);
    assert_eq!(names(&rows, &by("health")), ["tank/a", "sdc", "tank/b"]);
}

#[test]
fn stale_rows_say_since_when() {
    let mut r = resource(ResourceType::Pool, "tank", "1", Status::Warning);
    r.source_status.truenas.status = Freshness::Stale;
    assert_eq!(
        Row::from_resource(r).stale.as_deref(),
        Some("stale since 2026-11-22 02:07:18 UTC")
    );
}

#[test]
fn pool_labels_layout_scan_and_errors() {
    let mut r = resource(ResourceType::Pool, "tank", "1", Status::Warning);
    let leaf = |name: &str, c: u64| VdevNode {
        name: Some(name.into()),
        vdev_type: Some("DISK".into()),
        state: Some("ONLINE".into()),
        status: Status::Online,
        read_errors: Some(1),
        write_errors: Some(0),
        checksum_errors: Some(c),
        disk: Some(name.into()),
        children: Vec::new(),
    };
    let mut raidz = leaf("raidz1-0", 99);
    raidz.children = vec![leaf("sda", 2), leaf("sdc", 10)];
    r.pool = Some(PoolHealth {
        name: "tank".into(),
        guid: None,
        status: Status::Warning,
        state: Some("DEGRADED".into()),
        status_code: None,
        status_detail: None,
        layout: vec![LayoutGroup {
            role: VdevRole::Data,
            kind: "raidz1".into(),
            vdevs: 1,
            disks: 2,
            summary: "raidz1 ×1 (2 disks)".into(),
        }],
        topology: vec![model::resources::TopologyGroup {
            role: VdevRole::Data,
            vdevs: vec![raidz],
        }],
        scan: Some(ScanInfo {
            function: Some("RESILVER".into()),
            state: Some("SCANNING".into()),
            percentage: Some(42.66),
            started_at: None,
            ended_at: None,
            paused_at: None,
            errors: None,
            seconds_left: Some(3_700),
        }),
        capacity: Capacity {
            usable: UsableCapacity::Known { used: 1, total: 4 },
            raw: RawCapacity::Unknown,
        },
        fragmentation: None,
        reasons: Vec::new(),
    });
    let row = Row::from_resource(r);
    assert_eq!(
        row.labels,
        [
            "DEGRADED",
            "raidz1 ×1 (2 disks)",
            "resilver running 42.7%, 1h 1m left",
            "2 read, 0 write, 12 checksum errors"
        ]
    );
    assert_eq!(row.usage(), Some(0.25));
    assert_eq!(row.raw, None);
    assert_eq!(row.pool.as_deref(), Some("tank"));
}

#[test]
fn scan_results() {
    let mut scan = ScanInfo {
        function: Some("SCRUB".into()),
        state: Some("FINISHED".into()),
        percentage: Some(100.0),
        started_at: None,
        ended_at: Some("2026-11-20T01:00:00Z".into()),
        paused_at: None,
        errors: Some(0),
        seconds_left: None,
    };
    assert_eq!(
        scan_label(Some(&scan)),
        "last scrub 2026-11-20 01:00:00 UTC, 0 errors"
    );
    scan.function = Some("NONE".into());
    assert_eq!(scan_label(Some(&scan)), "never scrubbed");
    assert_eq!(scan_label(None), "scrub unknown");
}

#[test]
fn alerts_of_a_level_come_newest_first_and_undated_last() {
    let times = [
        None,
        Some("2026-11-22T02:07:18Z"),
        Some("2026-11-23T00:00:00.250Z"),
        Some("garbage"),
        Some("2025-01-01T00:00:00Z"),
        Some("2026-11-22T02:07:18.900Z"),
    ];
    assert_eq!(newest_first(&times), [2, 1, 5, 4, 0, 3]);
    assert_eq!(newest_first(&[]), Vec::<u32>::new());
}

#[test]
fn a_row_renders_as_escaped_html_with_its_links_and_facts() {
    let mut hostile = resource(ResourceType::Dataset, "tank/<b>x</b>", "1", Status::Warning);
    hostile.dataset = Some(dataset("tank/<b>x</b>", Some(10), Some(90)));
    hostile.connection_name = "nas \"one\" & <two>".to_owned();
    hostile.reasons = vec![model::resources::Reason {
        code: model::resources::ReasonCode::DatasetLocked,
        status: Status::Warning,
        message: "<script>alert(1)</script>".to_owned(),
        subject: None,
    }];
    let row = Row::from_resource(hostile);
    let html = crate::components::storage::storage_rows(std::iter::once(&row));
    assert!(
        !html.contains("<b>") && !html.contains("<script>"),
        "{html}"
    );
    assert!(
        html.contains("data-name=\"tank/&lt;b&gt;x&lt;/b&gt;\""),
        "{html}"
    );
    assert!(
        html.contains("<td>nas &quot;one&quot; &amp; &lt;two&gt;</td>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"reason\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"));
    assert!(
        html.contains("in <a href=\"/storage/pools/1/tank\">tank</a>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"badge badge-warn\" data-status=\"warning\">Attention</span>")
    );
    assert!(
        html.contains(
            "<span class=\"bar p10\" role=\"meter\" aria-valuemin=\"0\" aria-valuemax=\"100\" \
             aria-valuenow=\"10\" aria-label=\"used: 10 B of 100 B\"></span>"
        ),
        "{html}"
    );
    assert_eq!(html.matches("<tr").count(), 1);
    assert_eq!(html.matches("</td>").count(), 5);
}

#[test]
fn a_pool_row_links_its_name_and_shows_raw_space_and_unknowns() {
    let rows = rows();
    let disk = rows.iter().find(|r| r.name == "sdc").unwrap();
    let html = crate::components::storage::storage_rows(std::iter::once(disk));
    assert!(
        html.contains("<a>sdc</a>"),
        "a disk outside any pool links nowhere: {html}"
    );
    assert!(
        html.contains(
            "<span class=\"usage muted\"><span class=\"usage-text\">size: unknown</span></span>"
        ),
        "{html}"
    );
    let mut pool = resource(ResourceType::Pool, "tank", "1", Status::Online);
    pool.pool = None;
    let mut row = Row::from_resource(pool);
    row.pool = Some("tank".to_owned());
    row.stale = Some("stale since 10:00".to_owned());
    let html = crate::components::storage::storage_rows(std::iter::once(&row));
    assert!(html.starts_with("<tr class=\"stale\""), "{html}");
    assert!(
        html.contains("<a href=\"/storage/pools/1/tank\">tank</a>"),
        "{html}"
    );
    assert!(!html.contains("in <a"), "{html}");
    assert!(html.contains("raw: unknown"), "{html}");
    assert!(html.contains("<span class=\"stale-since\">stale since 10:00</span>"));
}

#[test]
fn bars_step_by_whole_percent_and_warn_past_four_fifths() {
    use crate::components::storage::usage_bar::{bar_class, percent};
    assert_eq!(percent(0, 10), (0, false));
    assert_eq!(percent(79, 100), (79, false));
    assert_eq!(percent(4, 5), (80, true));
    assert_eq!(percent(15, 10), (100, true));
    assert_eq!(bar_class(1, 3), ("bar p34".to_owned(), 33));
    assert_eq!(bar_class(1, 10), ("bar p10".to_owned(), 10));
    assert_eq!(bar_class(999, 1000), ("bar p100 is-high".to_owned(), 100));
}

/// Rows named from a small alphabet, so searches overlap a lot.
fn many_rows(names: &[String]) -> Vec<Row> {
    let mut rows: Vec<Row> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let status = [Status::Online, Status::Warning, Status::Unknown][i % 3];
            let kind = [ResourceType::Dataset, ResourceType::Disk][i % 2];
            let mut r = resource(kind, name, &(i % 4).to_string(), status);
            if kind == ResourceType::Dataset {
                r.dataset = Some(dataset(name, Some(i as u64), Some(100)));
            }
            Row::from_resource(r)
        })
        .collect();
    sort_by_name(&mut rows);
    rows
}

proptest::proptest! {
    /// Typing and erasing, with the other filters changing now and then:
    /// narrowing the previous answer, and the recent answers, always give
    /// what a fresh select gives.
    #[test]
    fn select_after_agrees_with_select(
        names in proptest::collection::vec("[ab/]{1,6}", 0..60),
        steps in proptest::collection::vec(
            ("[ab/ A]{0,5}", proptest::option::of(0usize..4), 0usize..3),
            1..25,
        ),
    ) {
        let rows = many_rows(&names);
        let mut previous = Filter::default();
        let mut before = previous.select(&rows);
        let mut selections = Selections::default();
        for (q, health, sort) in steps {
            let mut filter = previous.clone();
            filter.q = q;
            if let Some(h) = health {
                filter.health = ["", "healthy", "attention", "offline"][h].to_owned();
            }
            filter.sort = ["", "usage", "health"][sort].to_owned();
            let narrowed = filter.select_after(&rows, &previous, &before);
            proptest::prop_assert_eq!(&narrowed, &filter.select(&rows));
            proptest::prop_assert_eq!(&selections.select(&rows, &filter), &narrowed);
            previous = filter;
            before = narrowed;
        }
    }
}

#[test]
fn select_after_narrows_a_lengthened_search_and_starts_over_otherwise() {
    let rows = rows();
    let typed = |q: &str| Filter {
        q: q.to_owned(),
        ..Filter::default()
    };
    let all = typed("").select(&rows);
    assert_eq!(all.len(), 3);
    // A lengthened search only looks at what the previous one kept: a row
    // it had dropped stays dropped even though it matches.
    let tank_b = all
        .iter()
        .copied()
        .filter(|&i| rows[i as usize].name == "tank/b")
        .collect::<Vec<u32>>();
    assert_eq!(typed("TANK").select(&rows).len(), 2);
    assert_eq!(
        typed("TANK").select_after(&rows, &typed(""), &tank_b),
        tank_b
    );
    // Erasing, or any other filter changing, selects from every row again.
    assert_eq!(
        typed("tank").select_after(&rows, &typed("tank/a"), &[]),
        typed("tank").select(&rows)
    );
    let healthy = Filter {
        health: "healthy".to_owned(),
        ..typed("tank")
    };
    assert_eq!(
        healthy.select_after(&rows, &typed(""), &all),
        healthy.select(&rows)
    );
    assert_ne!(healthy.select(&rows), typed("tank").select(&rows));
}

#[test]
fn selections_keep_a_bounded_number_of_recent_answers() {
    let rows = rows();
    let mut selections = Selections::default();
    for n in 0..(RECENT + 10) {
        let filter = Filter {
            q: "x".repeat(n),
            ..Filter::default()
        };
        let _ = selections.select(&rows, &filter);
    }
    assert_eq!(selections.recent.len(), RECENT);
    // Erasing back to a recent search answers from memory, and right.
    let back = Filter {
        q: format!("  {} ", "X".repeat(RECENT)),
        ..Filter::default()
    };
    let before = selections.recent.len();
    assert_eq!(selections.select(&rows, &back), back.select(&rows));
    assert_eq!(selections.recent.len(), before);
}
