use leptos::prelude::*;

/// The keyboard shortcuts, as the help lists them.
const KEYS: &[(&str, &str)] = &[
    ("/", "Search (on the storage page; elsewhere, go there)"),
    ("g o", "Go to the overview"),
    ("g s", "Go to storage"),
    ("g a", "Go to alerts"),
    ("g c", "Go to connections"),
    ("?", "Show or hide this help"),
    ("Esc", "Close this help"),
];

/// Where `g` followed by `key` leads.
pub fn go_target(key: &str) -> Option<&'static str> {
    match key {
        "o" => Some("/"),
        "s" => Some("/storage"),
        "a" => Some("/alerts"),
        "c" => Some("/connections"),
        _ => None,
    }
}

/// Keyboard navigation for people who live on the keyboard: `/` search,
/// `g o|s|a|c` to a page, `?` this help. Keys typed into an input, or with
/// a modifier, are left alone.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let open = RwSignal::new(false);
    listen(open);
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if open.get() {
            #[cfg(feature = "csr")]
            if let Some(button) = close.get() {
                let _ = button.focus();
            }
        }
    });
    move || {
        open.get().then(|| {
            let rows = KEYS
                .iter()
                .map(|(key, what)| view! { <dt><kbd>{*key}</kbd></dt><dd>{*what}</dd> })
                .collect_view();
            view! {
                <div class="dialog-backdrop" on:click=move |_| open.set(false)>
                    <div
                        class="card dialog"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="shortcuts-title"
                        data-testid="shortcuts-help"
                        on:click=|ev| ev.stop_propagation()
                    >
                        <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                        <dl class="shortcut-list">{rows}</dl>
                        <button node_ref=close class="button" type="button" on:click=move |_| open.set(false)>
                            "Close"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

#[cfg(feature = "csr")]
fn listen(open: RwSignal<bool>) {
    use std::cell::Cell;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let navigation = crate::navigation::use_navigation();
    let pending_g = Cell::new(f64::NEG_INFINITY);
    let on_key =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
            if ev.ctrl_key()
                || ev.meta_key()
                || ev.alt_key()
                || ev.default_prevented()
                || typing(&ev)
            {
                return;
            }
            let key = ev.key();
            let now = ev.time_stamp();
            if now - pending_g.replace(f64::NEG_INFINITY) < 1500.0 {
                if let Some(path) = go_target(&key) {
                    ev.prevent_default();
                    open.set(false);
                    navigation.go(path);
                }
                return;
            }
            match key.as_str() {
                "g" => pending_g.set(now),
                "?" => open.update(|o| *o = !*o),
                "Escape" => open.set(false),
                "/" => {
                    ev.prevent_default();
                    match search_box() {
                        Some(input) => {
                            let _ = input.focus();
                        }
                        None => navigation.go("/storage"),
                    }
                }
                _ => {}
            }
        });
    let Some(window) = web_sys::window() else {
        return;
    };
    let _ = window.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let held = send_wrapper::SendWrapper::new((window, on_key));
    on_cleanup(move || {
        let (window, on_key) = held.take();
        let _ =
            window.remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    });
}

#[cfg(not(feature = "csr"))]
fn listen(open: RwSignal<bool>) {
    let _ = open;
}

#[cfg(feature = "csr")]
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.has_attribute("contenteditable")
        })
}

#[cfg(feature = "csr")]
fn search_box() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .query_selector("input[type=search]")
        .ok()??
        .dyn_into()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::go_target;

    #[test]
    fn g_keys_lead_to_the_four_pages() {
        assert_eq!(go_target("o"), Some("/"));
        assert_eq!(go_target("s"), Some("/storage"));
        assert_eq!(go_target("a"), Some("/alerts"));
        assert_eq!(go_target("c"), Some("/connections"));
        assert_eq!(go_target("x"), None);
    }
}
