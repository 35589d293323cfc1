//! How the interface moves between pages, whichever entry it was loaded as.
//!
//! The browser gets one of two bundles (see `docs/architecture.md`, "First-load
//! weight"): the full app, which routes in the browser, or the Overview entry,
//! which has no router so that the first page anyone opens stays light. The
//! shell, its navigation and the keyboard shortcuts work through this context
//! and so serve both: in the full app it is the router's location and
//! navigation; in the Overview entry every move is a full page load into the
//! full app.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Navigation {
    /// The path of the page shown now, as the navigation marks it.
    pub current: Signal<String>,
    /// Goes to a path of this site.
    pub go: Callback<String>,
}

impl Navigation {
    /// The Overview entry's navigation: it shows `/` and leaves by loading
    /// the target page.
    pub fn full_page_loads() -> Self {
        Self {
            current: Signal::stored("/".to_owned()),
            go: Callback::new(|path: String| crate::session::assign(&path)),
        }
    }

    pub fn go(&self, path: &str) {
        self.go.run(path.to_owned());
    }
}

/// The navigation the entry point provided (both entries provide one before
/// the shell).
pub fn use_navigation() -> Navigation {
    expect_context::<Navigation>()
}
