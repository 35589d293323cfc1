use std::sync::Arc;

use leptos::prelude::*;

use crate::components::storage::{STORAGE_COLUMNS, storage_rows};
use crate::components::table_head;
use crate::storage_rows::{Filter, Row, Selections};
use crate::url_query::UrlQuery;

/// Rows per page: enough to scan, few enough that a keystroke that changes
/// every visible row still renders within a frame. Style and layout of the
/// rows are most of that time and grow faster than the row count: in
/// Chromium here, 25 rows took about 5 ms and 50 rows 13–15 ms, so with 50
/// the keystrokes that replace the page took 16–30 ms
/// (`end2end/tests/storage-bench.spec.ts`).
const PAGE: usize = 25;

/// The filtered rows, one page at a time; the page number is in the URL too.
#[component]
pub fn StorageTable(rows: Arc<Vec<Row>>, filter: Memo<Filter>, url: UrlQuery) -> impl IntoView {
    let selections = StoredValue::new(Selections::default());
    let picked = {
        let rows = rows.clone();
        Memo::new(move |_| {
            filter.with(|f| {
                selections
                    .try_update_value(|s| s.select(&rows, f))
                    .unwrap_or_default()
            })
        })
    };
    let page = Memo::new(move |_| url.get("page").parse::<usize>().unwrap_or(1).max(1));
    let pages = move || picked.with(|p| p.len().div_ceil(PAGE)).max(1);
    let start = move || (page.get().min(pages()) - 1) * PAGE;
    let count = move || {
        let total = picked.with(Vec::len);
        let what = filter.with(|f| {
            f.kind.map_or("resources", |k| match k.as_str() {
                "pool" => "pools",
                "disk" => "disks",
                _ => "datasets",
            })
        });
        if total == 0 {
            format!("No {what} match these filters")
        } else {
            let first = start() + 1;
            let last = (start() + PAGE).min(total);
            format!("Showing {first}–{last} of {total} {what}")
        }
    };
    // The page's rows as a memo: a keystroke that leaves the visible rows
    // as they were (the first letters of a search, say) renders nothing.
    let visible = Memo::new(move |_| {
        let from = start();
        picked.with(|p| {
            p.iter()
                .skip(from)
                .take(PAGE)
                .copied()
                .collect::<Vec<u32>>()
        })
    });
    let body = move || visible.with(|v| storage_rows(v.iter().map(|&i| &rows[i as usize])));
    let q = move || filter.with(|f| f.q.clone());
    let pager = move |label: &'static str, to: usize, enabled: bool| {
        view! {
            <a
                class="button button-quiet"
                href=move || url.href("page", &to.to_string())
                aria-disabled=(!enabled).to_string()
                class:is-disabled=!enabled
            >
                {label}
            </a>
        }
    };
    view! {
        <p class="result-count" role="status" aria-live="polite" data-testid="result-count">
            {count}
        </p>
        <div class="table-wrap">
            <table class="table storage-table" data-testid="storage-table" data-q=q>
                {table_head(STORAGE_COLUMNS)}
                <tbody inner_html=body></tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Pages">
            {move || {
                let (page, pages) = (page.get().min(pages()), pages());
                view! {
                    {pager("Previous", page.saturating_sub(1).max(1), page > 1)}
                    <span class="muted">{format!("Page {page} of {pages}")}</span>
                    {pager("Next", (page + 1).min(pages), page < pages)}
                }
            }}
        </nav>
    }
}
