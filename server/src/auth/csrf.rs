//! Cross-site request forgery: a cookie-authenticated change must come from
//! poolwatch's own pages. Browsers say where a request comes from in
//! `Sec-Fetch-Site` (all current ones) or `Origin` (all since 2020); a
//! request with neither is not from a browser, so it cannot carry a victim's
//! cookie and is let through. This is the rule Go's
//! `http.CrossOriginProtection` applies.

use axum::http::{HeaderMap, header};

pub fn check(headers: &HeaderMap) -> Result<(), &'static str> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site") {
        return match site {
            "same-origin" | "none" => Ok(()),
            _ => Err("the request came from another site (Sec-Fetch-Site)"),
        };
    }
    let Some(origin) = get(header::ORIGIN.as_str()) else {
        return Ok(());
    };
    let host = get(header::HOST.as_str()).ok_or("the request has an Origin but no Host")?;
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or("the request's Origin is not an http(s) origin")?;
    if origin_host.eq_ignore_ascii_case(host) {
        Ok(())
    } else {
        Err("the request's Origin is not this server")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().expect("header value"));
        }
        map
    }

    #[test]
    fn decisions() {
        assert!(check(&headers(&[])).is_ok());
        assert!(check(&headers(&[("sec-fetch-site", "same-origin")])).is_ok());
        assert!(check(&headers(&[("sec-fetch-site", "none")])).is_ok());
        assert!(check(&headers(&[("sec-fetch-site", "cross-site")])).is_err());
        assert!(check(&headers(&[("sec-fetch-site", "same-site")])).is_err());
        let same = [
            ("origin", "http://127.0.0.1:7655"),
            ("host", "127.0.0.1:7655"),
        ];
        assert!(check(&headers(&same)).is_ok());
        let other = [
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:7655"),
        ];
        assert!(check(&headers(&other)).is_err());
        assert!(check(&headers(&[("origin", "null"), ("host", "a")])).is_err());
        let mixed = [
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://127.0.0.1:7655"),
            ("host", "127.0.0.1:7655"),
        ];
        assert!(check(&headers(&mixed)).is_err());
    }
}
