//! Live updates: the server sends a `resources` event on `/api/v2/events`
//! whenever the registry changes; pages refetch what they show, so nothing
//! needs a reload.

/// Calls `refresh` on every registry change while the calling component is
/// mounted. The browser's EventSource reconnects by itself after a drop; a
/// drop can also mean the session ended (the server closes the stream at its
/// end and refuses a new one), so each drop asks whether anyone is still
/// logged in and, if not, sends the browser to the login page.
pub fn on_change(refresh: impl Fn() + 'static) {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;

        let Ok(source) = web_sys::EventSource::new("/api/v2/events") else {
            return;
        };
        let on_resources =
            Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| refresh());
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_event: web_sys::Event| {
            leptos::task::spawn_local(check_session());
        });
        let _ = source
            .add_event_listener_with_callback("resources", on_resources.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        let held = send_wrapper::SendWrapper::new((source, on_resources, on_error));
        leptos::prelude::on_cleanup(move || {
            let (source, on_resources, on_error) = held.take();
            source.close();
            drop((on_resources, on_error));
        });
    }
    #[cfg(not(feature = "csr"))]
    drop(refresh);
}

/// Off to the login page if the session is gone; a server that cannot be
/// reached is left to the EventSource's own retries.
#[cfg(feature = "csr")]
async fn check_session() {
    match crate::api::auth::get_auth_status().await {
        Ok(status) if status.me.is_none() => crate::session::go_to_login(),
        Ok(_) => {}
        Err(err) => {
            crate::session::redirect_if_expired(&err);
        }
    }
}
