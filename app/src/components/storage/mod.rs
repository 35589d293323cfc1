//! The storage page, the pool detail and the alerts list.

pub mod alert_table;
pub mod filter_select;
pub mod scan_progress;
pub mod storage_filters;
pub mod storage_row;
pub mod storage_table;
pub mod usage_bar;
pub mod vdev_tree;

pub use alert_table::AlertTable;
pub use filter_select::FilterSelect;
pub use scan_progress::ScanProgress;
pub use storage_filters::{StorageFilters, source_options};
pub use storage_row::{STORAGE_COLUMNS, storage_rows};
pub use storage_table::StorageTable;
pub use usage_bar::UsageBar;
pub use vdev_tree::VdevTree;
