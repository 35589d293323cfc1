//! Fetch and parse the simulator's large NAS, and compare the client's typed
//! parse with a bare `serde_json::from_slice` into `Value` of the same bytes
//! (goal: under 1.5×). Run with `cargo bench -p truenas --bench large_nas`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use truenas::types::{Dataset, DatasetList, DatasetRef, FromDataset};
use truenas::{Client, ConnectionConfig, TlsMode};
use truenas_sim::data::NasData;
use truenas_sim::{Scenario, SimConfig, Simulator};

const ROUNDS: usize = 10;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9)
}

fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let config = SimConfig {
        scenario: Scenario::Large,
        ..SimConfig::default()
    };
    // What `Client::datasets` asks for over JSON-RPC, in one page.
    let options = json!({
        "extra": {"properties": truenas::DATASET_PROPERTIES, "retrieve_user_props": false},
        "select": truenas::DATASET_FIELDS,
    });
    let bytes = NasData::build(&config, Scenario::Large)
        .answer("pool.dataset.query", &json!([[], options]), 0)
        .expect("the simulator answers pool.dataset.query")
        .as_bytes()
        .to_vec();
    let count = config.large.datasets;

    let typed = time(|| truenas::decode::json::<Vec<Dataset>>(&bytes, "bench").map(|v| v.len()));
    let bare = time(|| serde_json::from_slice::<Value>(&bytes).map(|v| v.is_array()));
    println!(
        "parse {count} datasets ({:.1} MB): typed {:?} ({:.0} MB/s), bare serde_json::Value {:?} ({:.0} MB/s), ratio {:.2}x",
        bytes.len() as f64 / 1e6,
        typed,
        mb_per_s(bytes.len(), typed),
        bare,
        mb_per_s(bytes.len(), bare),
        typed.as_secs_f64() / bare.as_secs_f64().max(1e-9),
    );

    let rows = time(|| {
        truenas::decode::json::<DatasetList<Probe>>(&bytes, "bench").map(|list| list.rows.len())
    });
    println!(
        "parse {count} datasets into rows (what a poll does): {rows:?} ({:.0} MB/s)",
        mb_per_s(bytes.len(), rows),
    );

    for legacy in [false, true] {
        let config = SimConfig {
            scenario: Scenario::Large,
            legacy,
            ..SimConfig::default()
        };
        let (fetched, rows, transport) = runtime.block_on(fetch_rounds(config, count));
        println!(
            "fetch+parse {count} datasets over {transport} (pages of 1000): {fetched:?} ({:.0} MB/s); as rows {rows:?} ({:.0} MB/s)",
            mb_per_s(bytes.len(), fetched),
            mb_per_s(bytes.len(), rows),
        );
    }
}

/// What a poll keeps of a dataset, roughly: its name and a few numbers.
struct Probe {
    _name: Box<str>,
    _used: Option<u64>,
    _available: Option<u64>,
    _locked: Option<bool>,
}

impl FromDataset for Probe {
    fn from_dataset(dataset: &DatasetRef<'_>) -> Self {
        Self {
            _name: dataset.full_name().into(),
            _used: dataset.used.as_ref().and_then(|p| p.as_u64()),
            _available: dataset.available.as_ref().and_then(|p| p.as_u64()),
            _locked: dataset.is_locked(),
        }
    }
}

/// Median times of `Client::datasets` and `Client::dataset_rows` (what a
/// poll calls) against a fresh simulator, after one warm-up call (connect,
/// login, simulator rendering).
async fn fetch_rounds(config: SimConfig, count: usize) -> (Duration, Duration, &'static str) {
    let sim = Simulator::start(config).await.expect("simulator starts");
    let mut client_config = ConnectionConfig::new("127.0.0.1", sim.config().api_key.as_str());
    client_config.port = sim.port();
    client_config.use_https = false;
    client_config.allow_insecure_transport = true;
    client_config.tls = TlsMode::SkipVerify;
    client_config.timeout = Duration::from_secs(60);
    let client = Client::new(client_config).expect("valid config");
    let warm = client.datasets().await.expect("datasets");
    assert_eq!(warm.len(), count);
    let mut samples = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        black_box(client.datasets().await.expect("datasets"));
        samples.push(start.elapsed());
    }
    let mut rows = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let list: Vec<Probe> = client.dataset_rows().await.expect("dataset rows");
        assert_eq!(black_box(list).len(), count);
        rows.push(start.elapsed());
    }
    let transport = client.transport().map_or("?", |t| t.as_str());
    (median(samples), median(rows), transport)
}
