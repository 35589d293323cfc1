//! Live updates: the server sends a `resources` event on `/api/v2/events`
//! whenever the registry changes; pages refetch what they show, so nothing
//! needs a reload.

/// Calls `refresh` on every registry change while the calling component is
/// mounted. The browser's EventSource reconnects by itself after a drop.
pub fn on_change(refresh: impl Fn() + 'static) {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;

        let Ok(source) = web_sys::EventSource::new("/api/v2/events") else {
            return;
        };
        let callback =
            Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| refresh());
        let _ =
            source.add_event_listener_with_callback("resources", callback.as_ref().unchecked_ref());
        let held = send_wrapper::SendWrapper::new((source, callback));
        leptos::prelude::on_cleanup(move || {
            let (source, callback) = held.take();
            source.close();
            drop(callback);
        });
    }
    #[cfg(not(feature = "csr"))]
    drop(refresh);
}
