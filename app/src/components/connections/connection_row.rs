use leptos::prelude::*;
use model::monitor::ConnectionView;

use crate::advice;
use crate::format;

/// What a row's buttons ask the page to do.
#[derive(Clone, Debug)]
pub enum RowAction {
    Edit(String),
    SetEnabled(String, bool),
    Remove(String, String),
}

/// One connection: where it points, how it is reached, and how its polling
/// goes (last success, failures in a row, the last error's class and what to
/// do about it), with edit, enable/disable and remove.
#[component]
pub fn ConnectionRow(view: ConnectionView, act: Callback<RowAction>) -> impl IntoView {
    let ConnectionView {
        connection: c,
        poll,
        transport,
    } = view;
    let scheme = if c.use_https { "https" } else { "http" };
    let address = format!("{scheme}://{}:{}", c.host, c.port);
    let via = transport.map(|t| {
        let mode = format::transport(t.mode.as_deref());
        let version = t.appliance_version.map(|v| format!(" · TrueNAS {v}"));
        format!("{mode} · TLS {}{}", t.tls, version.unwrap_or_default())
    });
    let (state, problem) = match poll {
        None if !c.enabled => ("Disabled: not polled".to_owned(), None),
        None => ("Waiting for the first poll".to_owned(), None),
        Some(p) => {
            let last = p.last_success_at.as_deref().map_or_else(
                || "never answered yet".to_owned(),
                |at| format!("last answer {}", format::timestamp(at)),
            );
            let state = format!("Every {} s · {last}", p.interval_seconds);
            let problem = (p.consecutive_failures > 0).then_some(p.last_error).flatten().map(|e| {
                let class = advice::label(&e.category);
                let failures = p.consecutive_failures;
                view! {
                    <div class="notice notice-error" data-testid="poll-error" data-category=e.category.clone()>
                        <strong>{format!("{failures} failed poll(s) in a row, {class}: ")}</strong>
                        <span>{e.message}</span>
                        <p class="muted">{advice::next_step(&e.category)}</p>
                    </div>
                }
            });
            (state, problem)
        }
    };
    let (id, name) = (c.id.clone(), c.name.clone());
    let enabled = c.enabled;
    let edit = {
        let id = id.clone();
        move |_| act.run(RowAction::Edit(id.clone()))
    };
    let toggle = {
        let id = id.clone();
        move |_| act.run(RowAction::SetEnabled(id.clone(), !enabled))
    };
    let title = c.name.clone();
    let remove = move |_| act.run(RowAction::Remove(id.clone(), name.clone()));
    view! {
        <article class="card connection" class:is-disabled=!enabled data-testid="connection" data-name=c.name>
            <header class="nas-card-head">
                <h2>{title}</h2>
                <span class="badge badge-source">"TrueNAS"</span>
                {c.demo.then(|| view! { <span class="badge badge-unknown">"demo"</span> })}
                {(!enabled).then(|| view! { <span class="badge badge-unknown">"disabled"</span> })}
            </header>
            <p class="muted">{address}</p>
            {via.map(|v| view! { <p class="muted">{v}</p> })}
            <p data-testid="poll-state">{state}</p>
            {problem}
            <div class="actions">
                <button class="button button-quiet" type="button" on:click=edit>"Edit"</button>
                <button class="button button-quiet" type="button" on:click=toggle>
                    {if enabled { "Disable" } else { "Enable" }}
                </button>
                <button class="button button-quiet" type="button" on:click=remove>"Remove"</button>
            </div>
        </article>
    }
}
