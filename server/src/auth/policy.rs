//! Which requests need whom. Default deny: a route or server function not
//! named here as public or read-only needs a caller allowed to write.

use axum::http::Method;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    Read,
    Write,
}

/// Server functions anyone may call: the login page needs them.
pub const PUBLIC_FNS: &[&str] = &["auth/status", "auth/login", "auth/logout", "auth/setup"];
/// Server functions that only read.
pub const READ_FNS: &[&str] = &[
    "server_status",
    "connections/list",
    "resources/list",
    "auth/tokens/list",
    "auth/audit",
];
/// Pages shown to anonymous visitors.
pub const PUBLIC_PAGES: &[&str] = &["/login", "/setup"];
/// REST auth endpoints anyone may call.
const PUBLIC_REST: &[(&str, &str)] = &[
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/logout"),
    ("POST", "/api/auth/setup"),
    ("GET", "/api/auth/status"),
];

pub fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// API callers get 401 JSON; a browser asking for a page is sent to login.
pub fn is_api(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path.starts_with(app::api::RPC_PREFIX)
        || path == "/metrics"
}

/// `is_static_file` tells whether the path names a file the front end ships
/// (anything with a dot in its last segment is a file or a 404, never a page).
pub fn classify(method: &Method, path: &str) -> Access {
    let trimmed = match path {
        "/" => "/",
        p => p.strip_suffix('/').unwrap_or(p),
    };
    if matches!(trimmed, "/healthz" | "/readyz") || PUBLIC_PAGES.contains(&trimmed) {
        return Access::Public;
    }
    if let Some(name) = path
        .strip_prefix(app::api::RPC_PREFIX)
        .and_then(|rest| rest.strip_prefix('/'))
    {
        return if PUBLIC_FNS.contains(&name) {
            Access::Public
        } else if READ_FNS.contains(&name) {
            Access::Read
        } else {
            Access::Write
        };
    }
    if PUBLIC_REST
        .iter()
        .any(|(m, p)| *m == method.as_str() && *p == trimmed)
    {
        return Access::Public;
    }
    let last_segment = trimmed.rsplit('/').next().unwrap_or("");
    if !is_api(trimmed) && last_segment.contains('.') && is_safe(method) {
        return Access::Public;
    }
    if is_safe(method) {
        Access::Read
    } else {
        Access::Write
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(classify(&get, "/healthz"), Access::Public);
        assert_eq!(classify(&get, "/login"), Access::Public);
        assert_eq!(classify(&get, "/app-123.wasm"), Access::Public);
        assert_eq!(classify(&get, "/"), Access::Read);
        assert_eq!(classify(&get, "/storage"), Access::Read);
        assert_eq!(classify(&get, "/index.html"), Access::Public);
        assert_eq!(classify(&get, "/api/v2/resources"), Access::Read);
        assert_eq!(classify(&get, "/api/v2/x.json"), Access::Read);
        assert_eq!(classify(&post, "/api/truenas/connections"), Access::Write);
        assert_eq!(
            classify(&Method::DELETE, "/api/truenas/connections/x"),
            Access::Write
        );
        assert_eq!(classify(&post, "/rpc/auth/login"), Access::Public);
        assert_eq!(classify(&post, "/rpc/resources/list"), Access::Read);
        assert_eq!(classify(&post, "/rpc/connections/add"), Access::Write);
        assert_eq!(classify(&post, "/rpc/unknown"), Access::Write);
        assert_eq!(classify(&post, "/api/auth/login"), Access::Public);
        assert_eq!(classify(&get, "/api/auth/login"), Access::Read);
        assert_eq!(classify(&post, "/healthz.x"), Access::Write);
    }
}
