use leptos::prelude::*;

use crate::api::status::get_server_status;
use crate::components::{EmptyState, ErrorNotice, ServerStatusCard, StoreBanner};

/// The at-a-glance page: which NAS needs attention. Until NAS cards exist it
/// shows the server's own status, fetched through a server function.
#[component]
pub fn Overview() -> impl IntoView {
    let status = LocalResource::new(get_server_status);
    view! {
        <header class="page-header">
            <h1>"Overview"</h1>
            <p class="lede">"Every pool, disk and dataset of every TrueNAS box, at a glance."</p>
        </header>
        <Suspense fallback=|| {
            view! { <p class="muted" aria-busy="true">"Loading server status…"</p> }
        }>
            {move || {
                status
                    .get()
                    .map(|result| match result {
                        Ok(status) => {
                            view! {
                                <StoreBanner status=status.clone() />
                                <ServerStatusCard status=status />
                            }
                                .into_any()
                        }
                        Err(err) => {
                            view! {
                                <ErrorNotice
                                    title="Could not reach the poolwatch server:"
                                    message=err.to_string()
                                />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
        <EmptyState
            title="No NAS connected yet"
            detail="Add a TrueNAS connection and its pools, disks and datasets appear here."
            action_href="/connections"
            action_label="Add a connection"
        />
    }
}
