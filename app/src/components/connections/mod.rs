//! The connections page's pieces: a connection's row and the setup wizard.

pub mod connection_row;
pub mod test_report;
pub mod wizard;

pub use connection_row::{ConnectionRow, RowAction};
pub use test_report::TestReport;
pub use wizard::ConnectionWizard;
