use leptos::prelude::*;
use model::ServerStatus;

/// Problems with poolwatch itself that stop it from doing its job, shown
/// above everything else: an unreadable credential store (kept untouched,
/// changes refused), an unwritable data dir, or the integration switched off.
#[component]
pub fn StoreBanner(status: ServerStatus) -> impl IntoView {
    let ServerStatus {
        credentials,
        data_dir,
        truenas_enabled,
        ..
    } = status;
    let credentials = (!credentials.ok).then(|| {
        let problem = credentials.problem.unwrap_or_default();
        view! {
            <div class="notice notice-error" role="alert" data-testid="banner-credentials">
                <strong>"Saved connections cannot be read."</strong>
                <span>{problem}</span>
                <span>
                    "poolwatch keeps the file as it is and refuses changes until it is fixed: \
                     restore the matching .encryption.key, or move truenas.enc aside to start over."
                </span>
            </div>
        }
    });
    let data_dir = (!data_dir.writable).then(|| {
        view! {
            <div class="notice notice-error" role="alert" data-testid="banner-data-dir">
                <strong>"The data directory is not writable."</strong>
                <span>{data_dir.problem.unwrap_or_default()}</span>
            </div>
        }
    });
    let disabled = (!truenas_enabled).then(|| {
        view! {
            <div class="notice notice-warn" role="status" data-testid="banner-disabled">
                <strong>"TrueNAS monitoring is switched off."</strong>
                <span>"Nothing is polled. Start poolwatch with POOLWATCH_ENABLE_TRUENAS=true to turn it on."</span>
            </div>
        }
    });
    view! { {credentials} {data_dir} {disabled} }
}
