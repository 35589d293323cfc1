use leptos::prelude::*;

/// A table's header row of column headers, so each table states only its
/// column names.
pub fn table_head(columns: &'static [&'static str]) -> impl IntoView {
    view! {
        <thead>
            <tr>{columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
        </thead>
    }
}
