//! Browser entry point of the Overview bundle (Trunk builds it from
//! `overview.html` with `--features csr`); `main.rs` is the full app's.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::OverviewApp);
}
