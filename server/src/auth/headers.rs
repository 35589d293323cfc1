//! Security headers on every response. The content security policy lets the
//! WASM run (`'wasm-unsafe-eval'`) and allows exactly the inline scripts of
//! the embedded `index.html` (Trunk's loader), by their SHA-256, and nothing
//! else inline.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// The policy for the given page shells (`index.html`, `overview.html`): one
/// `'sha256-…'` source per inline `<script>` they contain.
pub fn content_security_policy<'a>(pages: impl IntoIterator<Item = &'a [u8]>) -> String {
    let hashes: String = pages
        .into_iter()
        .flat_map(inline_scripts)
        .map(|script| format!(" 'sha256-{}'", base64(&Sha256::digest(script.as_bytes()))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

fn inline_scripts(html: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(html);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_and_more = &after[open_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            found.push(body_and_more[..close].to_owned());
        }
        rest = &body_and_more[close..];
    }
    found
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: HeaderValue| {
        headers.entry(name).or_insert(value);
    };
    if let Ok(csp) = HeaderValue::from_str(&state.security.csp) {
        set(header::CONTENT_SECURITY_POLICY, csp);
    }
    set(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    set(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    set(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    set(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if state.security.tls {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = br#"<head><script type="module">import x from '/a.js';</script>
            <script src="/b.js"></script></head>"#;
        let csp = content_security_policy([html.as_slice()]);
        let expected = base64(&Sha256::digest(b"import x from '/a.js';"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    /// Both shells' loaders must run: `/` answers with the Overview entry.
    #[test]
    fn hashes_the_scripts_of_every_shell() {
        let index = b"<script type=\"module\">import a from '/app.js';</script>".as_slice();
        let overview = b"<script type=\"module\">import o from '/overview.js';</script>".as_slice();
        let csp = content_security_policy([index, overview]);
        for script in ["import a from '/app.js';", "import o from '/overview.js';"] {
            let hash = base64(&Sha256::digest(script.as_bytes()));
            assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
        }
        assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
    }
}
