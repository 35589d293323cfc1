use std::sync::Arc;

use crate::assets::Assets;

/// Everything a request handler may need. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub services: Arc<domain::Services>,
    pub assets: Arc<Assets>,
    /// `POOLWATCH_METRICS_TOKEN`; None: `/metrics` answers loopback peers only.
    pub metrics_token: Option<Arc<str>>,
}
