//! The few browser calls the components share. Outside a browser (unit
//! tests, the server build) they do nothing and answer "no".

/// The browser's own confirmation dialog: accessible and no code of ours.
pub fn confirm(question: &str) -> bool {
    #[cfg(feature = "csr")]
    {
        web_sys::window().is_some_and(|w| w.confirm_with_message(question).unwrap_or(false))
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = question;
        false
    }
}
