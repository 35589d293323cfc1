use leptos::prelude::*;
use model::monitor::Resource;
use model::resources::SubjectKind;

use crate::components::table_head;
use crate::format;
use crate::storage_rows::{pool_href, stale_note};

/// TrueNAS alerts: level, NAS, the pool or disk concerned (linked to where
/// it is shown), when and what. Dismissed ones are marked as such.
#[component]
pub fn AlertTable(alerts: Vec<Resource>) -> impl IntoView {
    let rows = alerts
        .into_iter()
        .filter_map(|r| {
            let stale = stale_note(&r.source_status.truenas);
            let a = r.alert?;
            let level = a.level.unwrap_or_else(|| "unknown".to_owned());
            let badge = match level.as_str() {
                "CRITICAL" | "ALERT" | "EMERGENCY" | "ERROR" => "badge badge-critical",
                "WARNING" => "badge badge-warn",
                _ => "badge badge-unknown",
            };
            let (href, concerns) = match a.subject {
                Some(s) => match s.kind {
                    SubjectKind::Pool => (
                        Some(pool_href(&r.connection_id, &s.name)),
                        format!("pool {}", s.name),
                    ),
                    SubjectKind::Disk => (
                        Some(format!(
                            "/storage?tab=disks&conn={}&q={}",
                            r.connection_id, s.name
                        )),
                        format!("disk {}", s.name),
                    ),
                },
                None => (None, "the NAS".to_owned()),
            };
            let when = a
                .datetime
                .as_deref()
                .map_or("unknown".to_owned(), format::timestamp);
            let level_key = level.to_lowercase();
            let is_stale = stale.is_some();
            Some(view! {
                <tr
                    data-testid="alert-row"
                    data-level=level_key
                    class:stale=is_stale
                    class:is-dismissed=a.dismissed
                >
                    <td>
                        <span class=badge>{level}</span>
                        {a.dismissed.then_some(" dismissed")}
                    </td>
                    <td>{r.connection_name}</td>
                    <td>
                        <a href=href>{concerns}</a>
                    </td>
                    <td>
                        {when}
                        {stale.map(|s| view! { <span class="stale-since">{s}</span> })}
                    </td>
                    <td>{a.message}</td>
                </tr>
            })
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table alert-table" data-testid="alert-table">
                {table_head(&["Level", "NAS", "Concerns", "Time", "Message"])}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
