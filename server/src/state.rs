use std::sync::Arc;

use crate::assets::Assets;
use crate::auth::Security;

/// Everything a request handler may need. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub services: Arc<domain::Services>,
    pub auth: Arc<domain::auth::AuthService>,
    pub assets: Arc<Assets>,
    /// `POOLWATCH_METRICS_TOKEN`: a bearer token good for `GET /metrics` only.
    pub metrics_token: Option<Arc<str>>,
    pub security: Arc<Security>,
}
