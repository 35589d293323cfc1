//! Logging in on a fresh JSON-RPC session (`plugins/auth.py`). TrueNAS
//! throttles logins, so the client logs in once per socket and keeps it.

use serde::Deserialize;
use serde_json::json;

use crate::config::ConnectionConfig;
use crate::error::Error;
use crate::rpc::RpcSession;

#[derive(Deserialize)]
struct LoginExResponse {
    #[serde(default)]
    response_type: Option<String>,
}

/// `auth.login_ex` with `API_KEY_PLAIN` when the key owner is known (what
/// 25.04+ expects), else `auth.login_with_api_key`, which answers `false`
/// for a bad key rather than an error.
pub(crate) async fn login(
    session: &mut RpcSession,
    config: &ConnectionConfig,
) -> Result<(), Error> {
    match &config.username {
        Some(username) => {
            let params = json!([{
                "mechanism": "API_KEY_PLAIN",
                "username": username,
                "api_key": config.api_key.expose(),
            }]);
            let answer: LoginExResponse = session.call("auth.login_ex", params).await?;
            match answer.response_type.as_deref() {
                Some("SUCCESS") => Ok(()),
                Some(other) => Err(Error::Auth {
                    message: format!("auth.login_ex answered {other}"),
                }),
                None => Err(Error::malformed(
                    "auth.login_ex answer has no response_type",
                )),
            }
        }
        None => {
            let accepted: bool = session
                .call("auth.login_with_api_key", json!([config.api_key.expose()]))
                .await?;
            if accepted {
                Ok(())
            } else {
                Err(Error::Auth {
                    message: "the NAS rejected the API key".to_owned(),
                })
            }
        }
    }
}
