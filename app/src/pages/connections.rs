use leptos::prelude::*;
use model::connections::{Connection, ConnectionInput};

use crate::api::ApiError;
use crate::api::connections::{delete_connection, list_connections, update_connection};
use crate::components::connections::{ConnectionRow, ConnectionWizard, RowAction};
use crate::components::{EmptyState, ErrorNotice};

#[derive(Clone, Debug)]
enum Mode {
    List,
    Add,
    Edit(Connection),
}

/// The NAS boxes poolwatch watches and how it reaches them: the setup
/// wizard, and per connection its polling state, edit, enable/disable and
/// remove (which stops its polling and drops its data at once).
#[component]
pub fn Connections() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        changed.track();
        list_connections()
    });
    crate::live::on_change(move || list.refetch());
    every_few_seconds(move || list.refetch());
    let mode = RwSignal::new(Mode::List);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let run = move |call: std::pin::Pin<Box<dyn Future<Output = Result<String, ApiError>>>>| {
        leptos::task::spawn_local(async move {
            match call.await {
                Ok(message) => {
                    error.set(None);
                    notice.set(Some(message));
                    changed.update(|n| *n += 1);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let act = Callback::new(move |action: RowAction| match action {
        RowAction::Edit(id) => {
            let found = list.get_untracked().and_then(Result::ok).and_then(|all| {
                all.into_iter()
                    .find(|v| v.connection.id == id)
                    .map(|v| v.connection)
            });
            if let Some(connection) = found {
                notice.set(None);
                mode.set(Mode::Edit(connection));
            }
        }
        RowAction::SetEnabled(id, enabled) => run(Box::pin(async move {
            let input = ConnectionInput {
                enabled: Some(enabled),
                ..ConnectionInput::default()
            };
            let c = update_connection(id, input).await?;
            Ok(format!(
                "{} {}.",
                c.name,
                if enabled {
                    "enabled"
                } else {
                    "disabled: polling stopped"
                }
            ))
        })),
        RowAction::Remove(id, name) => {
            let question = format!(
                "Remove the connection “{name}”? poolwatch stops polling it and forgets its \
                 pools, datasets and disks. The NAS itself is not touched."
            );
            if crate::dom::confirm(&question) {
                run(Box::pin(async move {
                    delete_connection(id).await?;
                    Ok(format!("{name} removed."))
                }));
            }
        }
    });
    let done = Callback::new(move |saved: Option<Connection>| {
        if let Some(saved) = saved {
            notice.set(Some(format!(
                "Saved {}. It is polled now; its pools appear on the Overview after the first poll.",
                saved.name
            )));
            changed.update(|n| *n += 1);
        }
        mode.set(Mode::List);
    });
    let body = move || {
        match mode.get() {
        Mode::Add => view! { <ConnectionWizard editing=None done=done /> }.into_any(),
        Mode::Edit(c) => view! { <ConnectionWizard editing=Some(c) done=done /> }.into_any(),
        Mode::List => view! {
            <button class="button" type="button" on:click=move |_| {
                notice.set(None);
                mode.set(Mode::Add);
            }>"Add connection"</button>
            {move || list.get().map(|result| match result {
                Ok(all) if all.is_empty() => view! {
                    <EmptyState
                        title="No connections yet"
                        detail="Add a TrueNAS box with its address and an API key; “Test connection” checks both before you save."
                    />
                }.into_any(),
                Ok(all) => {
                    let failing = all
                        .iter()
                        .filter(|v| v.poll.as_ref().is_some_and(|p| p.consecutive_failures > 0))
                        .count();
                    let summary = format!("{} connections, {failing} failing", all.len());
                    view! {
                        <p role="status" data-testid="connections-summary">{summary}</p>
                        {all
                            .into_iter()
                            .map(|v| view! { <ConnectionRow view=v act=act /> })
                            .collect_view()}
                    }
                    .into_any()
                }
                Err(err) => view! { <ErrorNotice title="Could not list the connections:" error=err /> }.into_any(),
            })}
        }
        .into_any(),
    }
    };
    view! {
        <header class="page-header">
            <h1>"Connections"</h1>
            <p class="lede">"The TrueNAS boxes poolwatch watches and how it reaches them."</p>
        </header>
        {move || error.get().map(|e| view! { <ErrorNotice title="That did not work:" error=e /> })}
        {move || notice.get().map(|m| view! { <p class="notice notice-ok" role="status">{m}</p> })}
        <div class="connections">{body}</div>
    }
}

/// Poll status changes on every poll, not only when the registry does.
fn every_few_seconds(refresh: impl Fn() + 'static) {
    #[cfg(feature = "csr")]
    {
        let refresh = send_wrapper::SendWrapper::new(refresh);
        if let Ok(handle) =
            set_interval_with_handle(move || (*refresh)(), std::time::Duration::from_secs(5))
        {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "csr"))]
    drop(refresh);
}
