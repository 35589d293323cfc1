use leptos::prelude::*;
use model::monitor::ResourceType;

use crate::components::StatusBadge;
use crate::components::storage::UsageBar;
use crate::storage_rows::{Row, pool_href};

/// The columns [`storage_row`] fills.
pub const STORAGE_COLUMNS: &[&str] = &["Name", "NAS", "Source", "Health", "Usage", "ZFS"];

/// One pool, dataset or disk: name (linked to its pool's detail), NAS,
/// source, health with its first reason, usage and ZFS labels. Rows from a
/// NAS whose data is not fresh are dimmed and say since when. A function
/// over a borrowed row with one fixed shape, so a page of 100 renders
/// without copying rows and the WASM holds one row type.
pub fn storage_row(row: &Row) -> impl IntoView + use<> {
    let pool_link = row
        .pool
        .as_deref()
        .map(|p| pool_href(&row.connection_id, p));
    let is_pool = row.kind == ResourceType::Pool;
    let (name_link, in_pool) = if is_pool {
        (pool_link, None)
    } else {
        (None, pool_link.zip(row.pool.clone()))
    };
    let size_label = match row.kind {
        ResourceType::Disk => "size",
        ResourceType::Pool => "usable",
        _ => "used",
    };
    let is_stale = row.stale.is_some();
    view! {
        <tr
            class:stale=is_stale
            data-testid="storage-row"
            data-name=row.name.clone()
            data-status=row.status.as_str()
        >
            <th scope="row" class="cell-name">
                <a href=name_link>{row.name.clone()}</a>
                {in_pool
                    .map(|(href, pool)| {
                        view! {
                            <span class="muted in-pool">"in " <a href=href>{pool}</a></span>
                        }
                    })}
                {row.stale.clone().map(|s| view! { <span class="stale-since">{s}</span> })}
            </th>
            <td>{row.connection_name.clone()}</td>
            <td>
                <span class="badge badge-source">"TrueNAS"</span>
            </td>
            <td>
                <StatusBadge status=row.status />
                <span class="reason">{row.reason.clone()}</span>
            </td>
            <td>
                <UsageBar label=size_label used=row.used />
                {is_pool.then(|| view! { <UsageBar label="raw" used=row.raw /> })}
            </td>
            <td class="labels">{row.labels.join(" · ")}</td>
        </tr>
    }
}
