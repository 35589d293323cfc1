//! HTML as text, for the one place that renders many rows per keystroke
//! (the storage table; see `components::storage::storage_row`). Every piece
//! of data goes through [`text`], so a name or a reason from a NAS can
//! never become markup.

/// Appends `value` escaped for both element text and a quoted attribute.
pub fn text(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends ` name="value"`, escaped.
pub fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    text(out, value);
    out.push('"');
}

/// Appends `<tag attrs>` + escaped `body` + `</tag>`; `attrs` is markup
/// the caller wrote (built with [`attr`]).
pub fn element(out: &mut String, tag: &str, attrs: &str, body: &str) {
    out.push('<');
    out.push_str(tag);
    out.push_str(attrs);
    out.push('>');
    text(out, body);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_never_becomes_markup() {
        let mut out = String::new();
        element(&mut out, "td", "", "<script>alert('x')</script> & \"q\"");
        attr(&mut out, "data-name", "a\"><img src=x onerror=y>");
        assert_eq!(
            out,
            "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td> \
             data-name=\"a&quot;&gt;&lt;img src=x onerror=y&gt;\""
        );
    }
}
