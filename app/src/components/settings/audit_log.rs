use leptos::prelude::*;
use model::auth::AuditEntry;

use crate::api::ApiError;
use crate::api::auth::audit_log;
use crate::components::ErrorNotice;
use crate::format;

/// The audit log, newest first. "Older" appends the page before the last
/// entry shown; any change made on this page starts again from the newest.
#[component]
pub fn AuditLog(changed: RwSignal<u32>) -> impl IntoView {
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let at_start = RwSignal::new(false);
    let busy = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    let load = move |before: Option<i64>| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match audit_log(before).await {
                Ok(page) => {
                    at_start.set(page.is_empty());
                    entries.update(|shown| {
                        if before.is_none() {
                            shown.clear();
                        }
                        shown.extend(page);
                    });
                }
                Err(err) => error.set(Some(err)),
            }
            busy.set(false);
        });
    };
    Effect::new(move || {
        changed.track();
        load(None);
    });
    let summary = move || {
        let count = entries.with(Vec::len);
        match (busy.get(), count, at_start.get()) {
            (true, 0, _) => "Loading the audit log…".to_owned(),
            (_, 0, _) => "The audit log is empty.".to_owned(),
            (_, n, true) => format!("{n} entries, newest first: the whole log."),
            (_, n, false) => format!("{n} entries, newest first."),
        }
    };
    let older = move |_| load(entries.with(|e| e.last().map(|e| e.id)));
    view! {
        <section class="card" aria-labelledby="audit-title">
            <h2 id="audit-title">"Audit log"</h2>
            <p class="muted" role="status" data-testid="audit-summary">
                {summary}
            </p>
            {move || error.get().map(|e| view! { <ErrorNotice title="Audit log:" error=e /> })}
            <div class="table-wrap">
                <table class="table" data-testid="audit-table">
                    <caption class="sr-only">"Audit log, newest first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Time"</th>
                            <th scope="col">"Actor"</th>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Target"</th>
                            <th scope="col">"Source IP"</th>
                            <th scope="col">"Outcome"</th>
                            <th scope="col">"Detail"</th>
                        </tr>
                    </thead>
                    <tbody>{move || entries.get().into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
            <button
                class="button button-quiet"
                type="button"
                on:click=older
                disabled=move || busy.get() || at_start.get() || entries.with(Vec::is_empty)
            >
                "Older"
            </button>
        </section>
    }
}

fn row(entry: AuditEntry) -> impl IntoView {
    view! {
        <tr data-testid="audit-row">
            <td class="nowrap">{format::timestamp(&entry.at)}</td>
            <td>{entry.actor}</td>
            <td>{entry.action}</td>
            <td>{entry.target}</td>
            <td>{entry.source_ip}</td>
            <td>{entry.outcome}</td>
            <td>{entry.detail}</td>
        </tr>
    }
}
