//! Strategies for JSON shaped like `pool.query` and `pool.dataset.query`
//! entries: mostly plausible values, some of any JSON type, some absent,
//! so that many samples still deserialise and reach the health rules.

use proptest::prelude::*;
use serde_json::{Value, json};

fn json_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop_oneof![
            Just("ONLINE"),
            Just("DEGRADED"),
            Just("FAULTED"),
            Just("RESILVER"),
            Just("SCANNING"),
            Just("RESILVERING"),
            Just("7"),
            Just("-3"),
            Just(""),
        ]
        .prop_map(Value::from),
        "[a-z%.0-9]{0,6}".prop_map(Value::from),
    ]
    .boxed()
}

/// A field that is usually plausible, sometimes of any JSON type, sometimes absent.
fn field(plausible: impl Strategy<Value = Value> + 'static) -> BoxedStrategy<Option<Value>> {
    prop::option::of(prop_oneof![3 => plausible, 1 => json_leaf()]).boxed()
}

/// For string fields inside vdevs: a wrong type there fails the whole
/// pool, which would leave the topology code almost untested.
fn text_field(options: &'static [&'static str]) -> BoxedStrategy<Option<Value>> {
    prop::option::of(prop_oneof![4 => words(options), 1 => Just(Value::Null)]).boxed()
}

fn words(options: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::sample::select(options).prop_map(Value::from)
}

fn count() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(0)),
        (0u64..1000).prop_map(Value::from),
        any::<u64>().prop_map(Value::from)
    ]
}

fn object(fields: Vec<(&'static str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect(),
    )
}

const STATES: &[&str] = &[
    "ONLINE", "DEGRADED", "FAULTED", "OFFLINE", "REMOVED", "UNAVAIL", "AVAIL", "odd",
];

fn stats() -> impl Strategy<Value = Value> {
    (field(count()), field(count()), field(count())).prop_map(|(r, w, c)| {
        object(vec![
            ("read_errors", r),
            ("write_errors", w),
            ("checksum_errors", c),
        ])
    })
}

fn vdev_json() -> impl Strategy<Value = Value> {
    let fields = || {
        (
            text_field(STATES),
            text_field(&["DISK", "MIRROR", "RAIDZ1", "REPLACING", "SPARE"]),
            text_field(&["sda", "sdb", "nvme0n1", ""]),
            text_field(&["raidz1-0", "mirror-0", "3f2a"]),
            field(stats()),
        )
            .prop_map(|(state, kind, disk, name, stats)| {
                vec![
                    ("status", state),
                    ("type", kind),
                    ("disk", disk),
                    ("name", name),
                    ("stats", stats),
                ]
            })
    };
    fields()
        .prop_map(object)
        .prop_recursive(3, 32, 4, move |inner| {
            (fields(), prop::collection::vec(inner, 0..4)).prop_map(|(mut f, children)| {
                f.push(("children", Some(Value::Array(children))));
                object(f)
            })
        })
}

pub fn pool_json() -> impl Strategy<Value = Value> {
    let vdevs = || {
        prop::option::of(prop_oneof![
            4 => prop::collection::vec(vdev_json(), 0..3).prop_map(Value::Array),
            1 => Just(Value::Null),
        ])
    };
    let topology = (vdevs(), vdevs(), vdevs()).prop_map(|(data, cache, spare)| {
        object(vec![("data", data), ("cache", cache), ("spare", spare)])
    });
    let date = prop_oneof![
        any::<i64>().prop_map(|ms| json!({"$date": ms})),
        json_leaf()
    ];
    let scan = (
        field(words(&["SCRUB", "RESILVER", "NONE"])),
        field(words(&["SCANNING", "FINISHED", "CANCELED"])),
        field(any::<f64>().prop_map(|f| json!(f))),
        field(count()),
        field(count()),
        field(date.clone()),
        field(date),
    )
        .prop_map(|(function, state, pct, errors, left, start, end)| {
            object(vec![
                ("function", function),
                ("state", state),
                ("percentage", pct),
                ("errors", errors),
                ("total_secs_left", left),
                ("start_time", start),
                ("end_time", end),
            ])
        });
    (
        field(words(&["tank", ""])),
        field(words(STATES)),
        field(words(&[
            "OK",
            "RESILVERING",
            "CORRUPT_DATA",
            "FEAT_DISABLED",
        ])),
        field(any::<bool>().prop_map(Value::Bool)),
        field(count()),
        field(count()),
        field(count()),
        field(prop_oneof![words(&["7", "7%", "-1", "1e99", "x"]), count()]),
        field(scan),
        prop_oneof![4 => topology.prop_map(Some), 1 => Just(Some(Value::Null)), 1 => Just(None)],
    )
        .prop_map(
            |(name, status, code, healthy, size, allocated, free, frag, scan, topology)| {
                object(vec![
                    ("name", name),
                    ("status", status),
                    ("status_code", code),
                    ("healthy", healthy),
                    ("size", size),
                    ("allocated", allocated),
                    ("free", free),
                    ("fragmentation", frag),
                    ("scan", scan),
                    ("topology", topology),
                ])
            },
        )
}

pub fn dataset_json() -> impl Strategy<Value = Value> {
    let property = prop_oneof![
        count().prop_map(|n| json!({"parsed": n, "rawvalue": n.to_string()})),
        json_leaf().prop_map(|v| json!({"parsed": v})),
        json_leaf(),
    ];
    (
        field(words(&["tank", "backup"])),
        field(property.clone()),
        field(property),
    )
        .prop_map(|(id, used, available)| {
            object(vec![("id", id), ("used", used), ("available", available)])
        })
}
