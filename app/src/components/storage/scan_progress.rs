use leptos::prelude::*;
use model::resources::ScanInfo;

use crate::storage_rows::scan_label;

/// A running scrub or resilver as a progress bar with what is left; a
/// finished one as its last result.
#[component]
pub fn ScanProgress(scan: Option<ScanInfo>) -> impl IntoView {
    let label = scan_label(scan.as_ref());
    let running = scan
        .filter(|s| s.state.as_deref() == Some("SCANNING"))
        .map(|s| {
            let bar = s.percentage.map(|p| {
                view! {
                    <progress max="100" value=format!("{p:.1}") aria-label=label.clone()>
                        {format!("{p:.1}%")}
                    </progress>
                }
            });
            view! { {bar} }
        });
    view! {
        <div class="scan" data-testid="scan">
            {running}
            <p>{label}</p>
        </div>
    }
}
