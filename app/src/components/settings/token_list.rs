use leptos::prelude::*;
use model::auth::TokenInfo;

use crate::api::ApiError;
use crate::api::auth::{list_tokens, revoke_token};
use crate::components::ErrorNotice;
use crate::format;

/// Every API token, revoked ones kept and marked. Revoking asks once more
/// (the browser's own dialog: accessible, and no code of ours), then takes
/// effect at once.
#[component]
pub fn TokenList(changed: RwSignal<u32>) -> impl IntoView {
    let tokens = LocalResource::new(move || {
        changed.track();
        list_tokens()
    });
    let error = RwSignal::new(None::<ApiError>);
    let revoke = move |id: String| {
        leptos::task::spawn_local(async move {
            match revoke_token(id).await {
                Ok(()) => {
                    error.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let rows = move || {
        let list = tokens.get()?.ok()?;
        Some(
            list.into_iter()
                .map(|token| row(token, revoke))
                .collect_view(),
        )
    };
    let failure = move || error.get().or_else(|| tokens.get()?.err());
    view! {
        {move || {
            failure().map(|e| view! { <ErrorNotice title="API tokens:" error=e /> })
        }}
        <div class="table-wrap">
            <table class="table" data-testid="token-table">
                <caption class="sr-only">"API tokens"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Token"</th>
                        <th scope="col">"Scope"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Last used"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Action"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn row(token: TokenInfo, revoke: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let revoked = token.revoked_at.is_some();
    let status = token.revoked_at.as_deref().map_or_else(
        || "active".to_owned(),
        |at| format!("revoked {}", format::timestamp(at)),
    );
    let last_used = token
        .last_used_at
        .as_deref()
        .map_or_else(|| "never".to_owned(), format::timestamp);
    let action = (!revoked).then(|| {
        let (id, name) = (token.id.clone(), token.name.clone());
        view! {
            <button
                class="button button-quiet"
                type="button"
                on:click=move |_| {
                    if crate::dom::confirm(&format!(
                        "Revoke the API token “{name}”? Scripts using it stop working at once."
                    )) {
                        revoke(id.clone());
                    }
                }
            >
                "Revoke"
            </button>
        }
    });
    view! {
        <tr data-testid="token-row" data-token=token.id class:is-revoked=revoked>
            <td>{token.name}</td>
            <td>
                <code>{token.prefix}"…"</code>
            </td>
            <td>{token.scope.as_str()}</td>
            <td>{format::timestamp(&token.created_at)}</td>
            <td>{last_used}</td>
            <td>{status}</td>
            <td>{action}</td>
        </tr>
    }
}
