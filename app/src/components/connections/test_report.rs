use leptos::prelude::*;
use model::connections::TestOutcome;

use crate::advice;
use crate::api::ApiError;
use crate::session;

/// What "Test connection" found: the NAS (version, hostname, transport) and
/// the certificate it presented, or the failure with its class and what to
/// do. A certificate that is not already the pinned one gets a "Pin this
/// certificate" button, which is how a self-signed NAS is added in one click.
#[component]
pub fn TestReport(
    outcome: Option<TestOutcome>,
    failure: Option<ApiError>,
    /// The fingerprint currently pinned, if the mode is "pin".
    pinned: Option<String>,
    pin: Callback<String>,
) -> impl IntoView {
    let seen = outcome
        .as_ref()
        .and_then(|o| o.fingerprint.clone())
        .or_else(|| failure.as_ref().and_then(|f| f.fingerprint.clone()));
    let pin_button = seen
        .clone()
        .filter(move |fp| pinned.as_deref() != Some(fp))
        .map(|fp| {
            view! {
                <button class="button" type="button" on:click=move |_| pin.run(fp.clone())>
                    "Pin this certificate"
                </button>
            }
        });
    let certificate = seen.map(|fp| {
        view! {
            <p>
                "Certificate (SHA-256): "
                <code class="fingerprint" data-testid="fingerprint">{fp}</code>
            </p>
        }
    });
    let body = match (outcome, failure) {
        (_, Some(err)) => {
            let expired = session::redirect_if_expired(&err);
            let class = advice::label(&err.code);
            let step = if expired {
                ""
            } else {
                advice::next_step(&err.code)
            };
            view! {
                <div class="notice notice-error" role="alert" data-testid="test-failure" data-code=err.code.clone()>
                    <strong>{format!("Test failed ({class}): ")}</strong>
                    <span>{err.error}</span>
                    <p class="muted">{step}</p>
                </div>
            }
            .into_any()
        }
        (Some(found), None) => {
            let what = [
                found.version.map(|v| format!("TrueNAS {v}")),
                found.hostname.map(|h| format!("on {h}")),
                Some(format!("over {}", found.transport)),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            view! {
                <div class="notice notice-ok" role="status" data-testid="test-success">
                    <strong>"Connected: "</strong>
                    <span>{what}</span>
                </div>
            }
            .into_any()
        }
        (None, None) => ().into_any(),
    };
    view! {
        <div class="test-report" aria-live="polite">
            {body}
            {certificate}
            {pin_button}
        </div>
    }
}
