//! The product's pages. One list, read by the navigation (browser) and by the
//! server, which answers a deep link to a listed page with the app shell and
//! status 200, and any other path with the app shell and status 404.

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

/// Whether `path` (without query) names one of [`PAGES`]; one trailing slash is tolerated.
pub fn is_page(path: &str) -> bool {
    let trimmed = match path {
        "/" => "/",
        p => p.strip_suffix('/').unwrap_or(p),
    };
    PAGES.iter().any(|page| page.path == trimmed)
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
    }

    #[test]
    fn paths_are_unique_and_absolute() {
        for (i, a) in PAGES.iter().enumerate() {
            assert!(a.path.starts_with('/'), "{a:?}");
            assert!(
                PAGES[i + 1..]
                    .iter()
                    .all(|b| b.path != a.path && b.title != a.title)
            );
        }
    }
}
