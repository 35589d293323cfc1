use leptos::prelude::*;
use model::ServerStatus;

use crate::format;

/// The poolwatch process itself: version, uptime, data directory health.
#[component]
pub fn ServerStatusCard(status: ServerStatus) -> impl IntoView {
    let data_dir_ok = status.data_dir.writable;
    let data_dir_text = if data_dir_ok {
        "writable".to_owned()
    } else {
        status
            .data_dir
            .problem
            .clone()
            .unwrap_or_else(|| "not writable".to_owned())
    };
    view! {
        <section class="card server-status" aria-labelledby="server-status-title">
            <h2 id="server-status-title">"poolwatch server"</h2>
            <dl class="facts">
                <div>
                    <dt>"Version"</dt>
                    <dd data-testid="server-version">{status.version}</dd>
                </div>
                <div>
                    <dt>"Running since"</dt>
                    <dd data-testid="server-started">{format::timestamp(&status.started_at)}</dd>
                </div>
                <div>
                    <dt>"Uptime"</dt>
                    <dd data-testid="server-uptime">{format::duration(status.uptime_seconds)}</dd>
                </div>
                <div>
                    <dt>"Data directory"</dt>
                    <dd data-testid="server-data-dir">
                        <code>{status.data_dir.path}</code>
                        " "
                        <span
                            class="badge"
                            class:badge-ok=data_dir_ok
                            class:badge-critical=!data_dir_ok
                        >
                            {data_dir_text}
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>"Mode"</dt>
                    <dd data-testid="server-mode">
                        {if status.demo { "demo" } else { "normal" }}
                    </dd>
                </div>
            </dl>
        </section>
    }
}
