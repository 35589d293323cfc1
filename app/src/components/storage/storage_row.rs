//! The storage table's rows, written as HTML text and set as the body's
//! `innerHTML`: a keystroke in the search box can replace every row of the
//! page, and one parse of the page's markup is cheaper than building its
//! 750-odd nodes one binding call at a time. Every value is escaped
//! (`crate::html`); links are plain anchors, which the router follows like
//! any other.

use model::monitor::ResourceType;

use crate::components::status_badge::badge;
use crate::components::storage::usage_bar::{bar_class, usage};
use crate::html::{attr, element, text};
use crate::storage_rows::{Row, pool_href};

/// The columns [`storage_row`] fills.
pub const STORAGE_COLUMNS: &[&str] = &["Name", "NAS", "Source", "Health", "Usage", "ZFS"];

/// The markup of `UsageBar`, as text.
fn usage_bar(out: &mut String, label: &str, used: Option<(u64, u64)>) {
    let (known, words) = usage(label, used);
    out.push_str(if known.is_some() {
        "<span class=\"usage\">"
    } else {
        "<span class=\"usage muted\">"
    });
    if let Some((used, total)) = known {
        let (class, pct) = bar_class(used, total);
        out.push_str("<span");
        attr(out, "class", &class);
        out.push_str(" role=\"meter\" aria-valuemin=\"0\" aria-valuemax=\"100\"");
        attr(out, "aria-valuenow", &pct.to_string());
        attr(out, "aria-label", &words);
        out.push_str("></span>");
    }
    element(out, "span", " class=\"usage-text\"", &words);
    out.push_str("</span>");
}

fn link(out: &mut String, href: Option<&str>, body: &str) {
    let mut attrs = String::new();
    if let Some(href) = href {
        attr(&mut attrs, "href", href);
    }
    element(out, "a", &attrs, body);
}

/// One pool, dataset or disk: name (linked to its pool's detail), NAS,
/// source, health with its first reason, usage and ZFS labels. Rows from a
/// NAS whose data is not fresh are dimmed and say since when.
pub fn storage_row(out: &mut String, row: &Row) {
    let pool_link = row
        .pool
        .as_deref()
        .map(|p| pool_href(&row.connection_id, p));
    let is_pool = row.kind == ResourceType::Pool;
    // A pool and its root dataset carry the pool's name: it links to the
    // pool itself, where "in <pool>" would only repeat it.
    let names_the_pool = is_pool || row.pool.as_deref() == Some(row.name.as_str());
    out.push_str("<tr");
    if row.stale.is_some() {
        out.push_str(" class=\"stale\"");
    }
    out.push_str(" data-testid=\"storage-row\"");
    attr(out, "data-name", &row.name);
    attr(out, "data-status", row.status.as_str());
    out.push_str("><th scope=\"row\" class=\"cell-name\">");
    link(
        out,
        pool_link.as_deref().filter(|_| names_the_pool),
        &row.name,
    );
    if let (false, Some(href), Some(pool)) = (names_the_pool, &pool_link, &row.pool) {
        out.push_str("<span class=\"muted in-pool\">in ");
        link(out, Some(href), pool);
        out.push_str("</span>");
    }
    if let Some(since) = &row.stale {
        element(out, "span", " class=\"stale-since\"", since);
    }
    out.push_str("</th>");
    element(out, "td", "", &row.connection_name);
    out.push_str("<td><span class=\"badge badge-source\">TrueNAS</span></td><td>");
    let (class, label) = badge(row.status);
    let mut attrs = String::new();
    attr(&mut attrs, "class", class);
    attr(&mut attrs, "data-status", row.status.as_str());
    element(out, "span", &attrs, label);
    if let Some(reason) = &row.reason {
        element(out, "span", " class=\"reason\"", reason);
    }
    out.push_str("</td><td>");
    let size_label = match row.kind {
        ResourceType::Disk => "size",
        ResourceType::Pool => "usable",
        _ => "used",
    };
    usage_bar(out, size_label, row.used);
    if is_pool {
        usage_bar(out, "raw", row.raw);
    }
    out.push_str("</td><td class=\"labels\">");
    text(out, &row.labels.join(" · "));
    out.push_str("</td></tr>");
}

/// The rows, as one `<tbody>`'s inner HTML.
pub fn storage_rows<'a>(rows: impl Iterator<Item = &'a Row>) -> String {
    let mut out = String::with_capacity(50 * 900);
    for row in rows {
        storage_row(&mut out, row);
    }
    out
}
