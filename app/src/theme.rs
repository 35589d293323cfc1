//! Light, dark or as the system says. The choice is kept in the browser's
//! local storage and applied as `data-theme` on `<html>`, which the
//! stylesheet's variables follow; "system" removes the attribute so the
//! `prefers-color-scheme` query decides.

#[cfg(feature = "csr")]
const KEY: &str = "poolwatch-theme";

/// The choices, as stored and as the `<select>` offers them.
pub const CHOICES: [(&str, &str); 3] = [("system", "System"), ("light", "Light"), ("dark", "Dark")];

/// The stored choice, or "system" (also for anything unrecognised).
pub fn stored() -> String {
    #[cfg(feature = "csr")]
    {
        let value = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(KEY).ok().flatten());
        if let Some(value) = value.filter(|v| CHOICES.iter().any(|(c, _)| c == v)) {
            return value;
        }
    }
    "system".to_owned()
}

/// Applies `choice` to the page and remembers it.
pub fn choose(choice: &str) {
    apply(choice);
    #[cfg(feature = "csr")]
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(KEY, choice);
    }
}

/// Sets `data-theme` on `<html>` (or removes it for "system").
pub fn apply(choice: &str) {
    #[cfg(feature = "csr")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match choice {
            "light" | "dark" => root.set_attribute("data-theme", choice),
            _ => root.remove_attribute("data-theme"),
        };
    }
    #[cfg(not(feature = "csr"))]
    let _ = choice;
}
