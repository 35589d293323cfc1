use leptos::prelude::*;
use model::auth::CreatedToken;

/// A token just made, with its secret: the only time it leaves the server,
/// so it is put in the user's hands (selected, one click to copy) with a
/// plain warning that it cannot be shown again.
#[component]
pub fn TokenSecret(created: CreatedToken) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let copied = RwSignal::new("");
    Effect::new(move || {
        #[cfg(feature = "csr")]
        if let Some(input) = input.get() {
            let _ = input.focus();
            input.select();
        }
    });
    let copy = move |_| {
        #[cfg(feature = "csr")]
        copy_to_clipboard(input.get_untracked(), copied);
    };
    view! {
        <div class="notice notice-ok token-secret" data-testid="token-created">
            <p id="token-secret-note">
                <strong>{format!("Token “{}” created.", created.token.name)}</strong>
                " Copy it now: you won't see it again. poolwatch keeps only a hash of it."
            </p>
            <div class="secret-row">
                <label for="token-secret">"New API token"</label>
                <input
                    node_ref=input
                    id="token-secret"
                    class="secret"
                    readonly
                    value=created.secret
                    aria-describedby="token-secret-note"
                />
                <button class="button" type="button" on:click=copy>
                    "Copy"
                </button>
                <span role="status">{copied}</span>
            </div>
        </div>
    }
}

/// The clipboard API only exists in a secure context (HTTPS or localhost);
/// elsewhere the secret stays selected for Ctrl+C.
#[cfg(feature = "csr")]
fn copy_to_clipboard(input: Option<web_sys::HtmlInputElement>, copied: RwSignal<&'static str>) {
    const BY_HAND: &str = "Selected: press Ctrl+C to copy.";
    let Some(input) = input else {
        return;
    };
    input.select();
    let clipboard = web_sys::window()
        .map(|w| w.navigator().clipboard())
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else {
        copied.set(BY_HAND);
        return;
    };
    let written = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&input.value()));
    leptos::task::spawn_local(async move {
        copied.set(if written.await.is_ok() {
            "Copied."
        } else {
            BY_HAND
        });
    });
}
