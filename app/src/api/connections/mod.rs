//! The setup wizard's calls: the same `ConnectionService` as the REST API.

mod add_connection;
mod delete_connection;
mod list_connections;
mod test_connection;
mod update_connection;

pub use add_connection::*;
pub use delete_connection::*;
pub use list_connections::*;
pub use test_connection::*;
pub use update_connection::*;
