//! Where the browser goes when it is not, or no longer, logged in.
//!
//! A session can end while a page is open (idle timeout, lifetime, password
//! changed elsewhere); every server function then answers `unauthorized`.
//! Errors are shown through [`crate::components::ErrorNotice`], which hands
//! them to [`redirect_if_expired`]; the top bar asks who is logged in when a
//! page opens, and the live event stream asks again when it drops. So one
//! rule covers every page: back to the login page, with the way back in
//! `?next=`. The navigation is a full page load,
//! so nothing of the ended session stays in memory.

use model::pages::{LOGIN_PATH, SETUP_PATH};

use crate::api::ApiError;

/// The code of an answer to a caller without a (valid) session.
pub const UNAUTHORIZED: &str = "unauthorized";

/// Sends the browser to the login page if `err` says the session is gone;
/// answers whether it did.
pub fn redirect_if_expired(err: &ApiError) -> bool {
    let expired = err.code == UNAUTHORIZED;
    if expired {
        go_to_login();
    }
    expired
}

/// Full navigation to the login page, remembering the current address.
/// Does nothing on the login and setup pages themselves, so they never loop.
pub fn go_to_login() {
    #[cfg(feature = "csr")]
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let path = location.pathname().unwrap_or_default();
        if !is_auth_page(&path) {
            let search = location.search().unwrap_or_default();
            let _ = location.assign(&login_url(&format!("{path}{search}")));
        }
    }
}

/// Full navigation to `url`: a fresh start of the app.
pub fn assign(url: &str) {
    #[cfg(feature = "csr")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
    #[cfg(not(feature = "csr"))]
    let _ = url;
}

/// The `next` parameter of the current address, made safe ([`safe_next`]).
pub fn next_from_location() -> String {
    #[cfg(feature = "csr")]
    let next = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("next"));
    #[cfg(not(feature = "csr"))]
    let next: Option<String> = None;
    safe_next(next.as_deref()).to_owned()
}

/// `/login?next=<path>`, or plain `/login` when there is nowhere worth returning to.
pub fn login_url(path_and_query: &str) -> String {
    match safe_next(Some(path_and_query)) {
        "/" => LOGIN_PATH.to_owned(),
        next => format!("{LOGIN_PATH}?next={}", crate::format::query_escape(next)),
    }
}

/// Where to go after logging in: `next` only if it is a path on this site,
/// never another origin (`//host`, `/\host`, `https:`) nor the login or setup
/// page again; otherwise the overview.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(next)
            if next.starts_with('/')
                && !next.starts_with("//")
                && !next.contains('\\')
                && !next.chars().any(char::is_control)
                && !is_auth_page(next.split(['?', '#']).next().unwrap_or_default()) =>
        {
            next
        }
        _ => "/",
    }
}

/// The login and setup pages (which need no session).
pub fn is_auth_page(path: &str) -> bool {
    let path = path.strip_suffix('/').unwrap_or(path);
    path == LOGIN_PATH || path == SETUP_PATH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/storage")), "/storage");
        assert_eq!(
            safe_next(Some("/storage?health=attention")),
            "/storage?health=attention"
        );
        assert_eq!(safe_next(Some("/")), "/");
        for hostile in [
            "//evil.example/x",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "storage",
            "",
            "/sto\nrage",
            "/login",
            "/login/",
            "/login?next=/storage",
            "/setup",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/loginx")), "/loginx");
    }

    #[test]
    fn login_url_encodes_the_way_back() {
        assert_eq!(login_url("/storage"), "/login?next=%2Fstorage");
        assert_eq!(
            login_url("/storage?health=attention&x=ä"),
            "/login?next=%2Fstorage%3Fhealth%3Dattention%26x%3D%C3%A4"
        );
        assert_eq!(login_url("/"), "/login");
        assert_eq!(login_url("/login?next=%2Fstorage"), "/login");
        assert_eq!(login_url("//evil.example"), "/login");
    }
}
