//! REST v2.0 (`restful.py`), used only for boxes without `/api/current`
//! (≤24.10). Deprecated in 25.04 and removed in 26, so it is never chosen
//! when JSON-RPC is available.

use serde::de::DeserializeOwned;

use crate::MAX_RESPONSE_BYTES;
use crate::config::ConnectionConfig;
use crate::error::Error;
use crate::secret::ApiKey;

/// One REST request: `GET` with a query, or `POST` without a body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RestCall<'a> {
    pub(crate) post: bool,
    pub(crate) path: &'a str,
    pub(crate) query: &'a [(&'a str, &'a str)],
}

impl<'a> RestCall<'a> {
    pub(crate) const fn get(path: &'a str) -> Self {
        Self {
            post: false,
            path,
            query: &[],
        }
    }
}

pub(crate) struct RestClient {
    http: reqwest::Client,
    base: String,
    key: ApiKey,
}

impl RestClient {
    pub(crate) fn new(
        config: &ConnectionConfig,
        tls: &rustls::ClientConfig,
    ) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .no_proxy()
            .use_preconfigured_tls(tls.clone())
            .build()
            .map_err(|e| Error::Config {
                message: format!(
                    "cannot build the HTTP client: {}",
                    crate::error::chain_text(&e)
                ),
            })?;
        Ok(Self {
            http,
            base: config.rest_base(),
            key: config.api_key.clone(),
        })
    }

    pub(crate) async fn call<T: DeserializeOwned>(&self, call: RestCall<'_>) -> Result<T, Error> {
        let bytes = self.fetch(call).await?;
        crate::decode::json(&bytes, call.path)
    }

    /// The raw body of a successful answer, at most [`MAX_RESPONSE_BYTES`].
    pub(crate) async fn fetch(&self, call: RestCall<'_>) -> Result<Vec<u8>, Error> {
        let url = format!("{}{}", self.base, call.path);
        let request = if call.post {
            self.http.post(&url)
        } else {
            self.http.get(&url).query(call.query)
        };
        let mut response = request
            .bearer_auth(self.key.expose())
            .send()
            .await
            .map_err(|e| map_reqwest(&e))?;
        let status = response.status();
        if response
            .content_length()
            .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
        {
            return Err(Error::malformed(format!(
                "{}: answer exceeds the size limit",
                call.path
            )));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| map_reqwest(&e))? {
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(Error::malformed(format!(
                    "{}: answer exceeds the size limit",
                    call.path
                )));
            }
            body.extend_from_slice(&chunk);
        }
        if status.is_success() {
            return Ok(body);
        }
        let text = error_text(&body);
        Err(match status.as_u16() {
            401 | 403 => Error::Auth {
                message: format!("HTTP {status}: {text}"),
            },
            code => Error::Api {
                code: Some(i64::from(code)),
                message: format!("{} answered HTTP {status}: {text}", call.path),
            },
        })
    }
}

/// The `message` of a JSON error body, or the start of a text body
/// (`401: Unauthorized`, `Invalid API key`).
fn error_text(body: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Message {
        message: Option<String>,
    }
    if let Ok(Message { message: Some(m) }) = serde_json::from_slice::<Message>(body)
        && !m.is_empty()
    {
        return m;
    }
    let text = String::from_utf8_lossy(body);
    let mut short: String = text.trim().chars().take(200).collect();
    if short.is_empty() {
        short = "(empty body)".to_owned();
    }
    short
}

fn map_reqwest(err: &reqwest::Error) -> Error {
    if err.is_timeout() {
        return Error::Timeout {
            after: std::time::Duration::ZERO,
            during: "waiting for the REST answer".to_owned(),
        };
    }
    Error::from_transport(err)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn error_bodies_become_short_messages() {
        assert_eq!(error_text(b"401: Unauthorized"), "401: Unauthorized");
        assert_eq!(
            error_text(br#"{"message": "[EFAULT] boom", "traceback": "..."}"#),
            "[EFAULT] boom"
        );
        assert_eq!(error_text(b""), "(empty body)");
        assert_eq!(error_text(&[b'x'; 1000]).len(), 200);
    }

    proptest! {
        #[test]
        fn arbitrary_error_bodies_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            prop_assert!(error_text(&bytes).chars().count() <= 200);
        }
    }
}
