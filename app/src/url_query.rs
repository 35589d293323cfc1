//! Page filters kept in the URL query string, so a filtered view is a link
//! that survives a reload and back/forward.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::location::Url;
use leptos_router::params::ParamsMap;

type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

/// Read and write one page's query parameters.
#[derive(Clone, Copy)]
pub struct UrlQuery {
    query: Memo<ParamsMap>,
    path: Memo<String>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl UrlQuery {
    pub fn new() -> Self {
        let navigate = use_navigate();
        Self {
            query: use_query_map(),
            path: use_location().pathname,
            navigate: StoredValue::new_local(Box::new(move |to: &str, opts| navigate(to, opts))),
        }
    }

    /// The parameter's value, "" when absent (tracked).
    pub fn get(self, key: &str) -> String {
        self.query
            .with(|q| q.get_str(key).unwrap_or_default().to_owned())
    }

    /// The parameter's value now, without tracking.
    pub fn get_untracked(self, key: &str) -> String {
        self.query
            .with_untracked(|q| q.get_str(key).unwrap_or_default().to_owned())
    }

    /// This page's URL with one parameter changed (removed when empty) and
    /// the page number dropped, since a new filter starts at its first page.
    pub fn href(self, key: &'static str, value: &str) -> String {
        let mut query = self.query.get();
        query.remove("page");
        if value.is_empty() {
            query.remove(key);
        } else {
            query.replace(key, Url::escape(value));
        }
        format!("{}{}", self.path.get(), query.to_query_string())
    }

    /// Sets (or, when empty, removes) one parameter. Typing replaces the
    /// history entry so Back skips keystrokes; a choice in a menu pushes a
    /// new entry so Back undoes it.
    ///
    /// Setting a parameter to the value it has changes nothing: the page
    /// number stays. (The search writes `q` a moment after the last
    /// keystroke; by then the user may have turned the page.)
    pub fn set(self, key: &'static str, value: &str, replace: bool) {
        if self.get_untracked(key) == value {
            return;
        }
        let to = untrack(|| self.href(key, value));
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..NavigateOptions::default()
        };
        self.navigate.with_value(|navigate| navigate(&to, options));
    }
}

impl Default for UrlQuery {
    fn default() -> Self {
        Self::new()
    }
}
