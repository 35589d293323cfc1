//! The shapes the client returns, read from the TrueNAS API. Every field a
//! version may lack is optional and unknown fields are ignored, so an older
//! or newer NAS yields "unknown", never a parse failure.

mod alert;
mod dataset;
mod dataset_ref;
pub(crate) mod dataset_scan;
mod date;
mod de;
mod disk;
mod pool;
mod property;
mod property_ref;
mod replication;
mod snapshot;
mod system;

pub use alert::Alert;
pub use dataset::Dataset;
pub use dataset_ref::{DatasetList, DatasetRef, FromDataset};
pub use date::ApiDate;
pub use disk::{Disk, Enclosure};
pub use pool::{Pool, Scan, Topology, Vdev, VdevStats};
pub use property::Property;
pub use property_ref::{Parsed, PropertyRef, Text};
pub use replication::{ReplicationState, ReplicationTask};
pub use snapshot::Snapshot;
pub use system::SystemInfo;
