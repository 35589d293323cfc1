//! The product's pages. One list, read by the navigation (browser) and by the
//! server, which answers a deep link to a listed page with the app shell and
//! status 200, and any other path with the app shell and status 404.
//! The login and setup pages are pages too, but outside the navigation and
//! open to anyone.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub path: &'static str,
    pub title: &'static str,
}

pub const PAGES: &[Page] = &[
    Page {
        path: "/",
        title: "Overview",
    },
    Page {
        path: "/storage",
        title: "Storage",
    },
    Page {
        path: "/alerts",
        title: "Alerts",
    },
    Page {
        path: "/connections",
        title: "Connections",
    },
    Page {
        path: "/settings",
        title: "Settings",
    },
];

/// Where an anonymous browser is sent; `?next=` says where it was going.
pub const LOGIN_PATH: &str = "/login";
/// First run without a configured admin: asks for the setup token printed at start.
pub const SETUP_PATH: &str = "/setup";

/// Pages anyone may open, not in the navigation.
pub const PUBLIC_PAGES: &[Page] = &[
    Page {
        path: LOGIN_PATH,
        title: "Log in",
    },
    Page {
        path: SETUP_PATH,
        title: "Set up poolwatch",
    },
];

/// Detail pages below a listed page, not in the navigation. A `:name`
/// segment matches one non-empty path segment (a connection id, a pool name).
pub const DETAIL_PAGES: &[Page] = &[Page {
    path: POOL_DETAIL_PATH,
    title: "Pool",
}];

/// One pool of one NAS: `/storage/pools/<connection id>/<pool name>`.
pub const POOL_DETAIL_PATH: &str = "/storage/pools/:connection/:pool";

fn matches_pattern(pattern: &str, path: &str) -> bool {
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w.starts_with(':') => {
                if g.is_empty() {
                    return false;
                }
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

fn trimmed(path: &str) -> &str {
    match path {
        "/" => "/",
        p => p.strip_suffix('/').unwrap_or(p),
    }
}

/// Whether `path` (without query) names one of [`PAGES`] or [`PUBLIC_PAGES`];
/// one trailing slash is tolerated.
pub fn is_page(path: &str) -> bool {
    let path = trimmed(path);
    PAGES
        .iter()
        .chain(PUBLIC_PAGES)
        .any(|page| page.path == path)
        || DETAIL_PAGES
            .iter()
            .any(|page| matches_pattern(page.path, path))
}

/// Whether `path` (without query) is one of [`PUBLIC_PAGES`], which need no login.
pub fn is_public_page(path: &str) -> bool {
    let path = trimmed(path);
    PUBLIC_PAGES.iter().any(|page| page.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_pages_and_trailing_slash() {
        assert!(is_page("/"));
        assert!(is_page("/storage"));
        assert!(is_page("/storage/"));
        assert!(!is_page("/storage//"));
        assert!(!is_page("/nope"));
        assert!(!is_page(""));
        assert!(!is_page("/storage/x"));
        assert!(is_page("/login"));
        assert!(is_page("/setup/"));
    }

    #[test]
    fn pool_detail_takes_one_segment_per_parameter() {
        assert!(is_page("/storage/pools/c-1/tank"));
        assert!(is_page("/storage/pools/c-1/tank/"));
        assert!(is_page("/storage/pools/c-1/boot-pool"));
        assert!(!is_page("/storage/pools/c-1"));
        assert!(!is_page("/storage/pools/c-1/"));
        assert!(!is_page("/storage/pools//tank"));
        assert!(!is_page("/storage/pools/c-1/tank/x"));
        assert!(!is_page("/storage/disks/c-1/tank"));
        assert!(!is_public_page("/storage/pools/c-1/tank"));
    }

    #[test]
    fn only_login_and_setup_are_public() {
        assert!(is_public_page("/login"));
        assert!(is_public_page("/login/"));
        assert!(is_public_page("/setup"));
        assert!(!is_public_page("/"));
        assert!(!is_public_page("/settings"));
        assert!(!is_public_page("/login/x"));
        assert!(!is_public_page("/loginx"));
        assert!(!is_public_page("//login"));
    }

    #[test]
    fn paths_are_unique_and_absolute() {
        let all: Vec<&Page> = PAGES.iter().chain(PUBLIC_PAGES).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(a.path.starts_with('/'), "{a:?}");
            assert!(
                all[i + 1..]
                    .iter()
                    .all(|b| b.path != a.path && b.title != a.title)
            );
        }
    }
}
