use leptos::prelude::*;
use model::resources::{TopologyGroup, VdevNode};

use crate::components::{StatusBadge, table_head};

/// The pool's topology as an indented table: role groups, vdevs and their
/// devices, each with its ZFS state and read/write/checksum counters. A
/// counter TrueNAS did not report reads "—", not 0.
#[component]
pub fn VdevTree(groups: Vec<TopologyGroup>) -> impl IntoView {
    let mut lines = Vec::new();
    for group in groups {
        for vdev in group.vdevs {
            flatten(vdev, 0, group.role.as_str(), &mut lines);
        }
    }
    let rows = lines
        .into_iter()
        .map(|(depth, role, node)| {
            let n = |v: Option<u64>| v.map_or("—".to_owned(), |v| v.to_string());
            let name = node
                .disk
                .clone()
                .or(node.name.clone())
                .unwrap_or_else(|| "unnamed".to_owned());
            let kind = node.vdev_type.clone().unwrap_or_default().to_lowercase();
            let label = if depth == 0 && role != "data" {
                format!("{role}: {kind}")
            } else {
                kind
            };
            let errors = [node.read_errors, node.write_errors, node.checksum_errors]
                .iter()
                .any(|e| e.is_some_and(|e| e > 0));
            let device = name.clone();
            view! {
                <tr data-testid="vdev" data-device=device class:has-errors=errors>
                    <th scope="row" class=format!("depth-{}", depth.min(3))>
                        {name}
                        " "
                        <span class="muted">{label}</span>
                    </th>
                    <td>{node.state.clone().unwrap_or_else(|| "unknown".to_owned())}</td>
                    <td>
                        <StatusBadge status=node.status />
                    </td>
                    <td class="num">{n(node.read_errors)}</td>
                    <td class="num">{n(node.write_errors)}</td>
                    <td class="num">{n(node.checksum_errors)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table vdev-tree" data-testid="vdev-tree">
                <caption class="sr-only">"Devices of this pool"</caption>
                {table_head(&["Device", "State", "Health", "Read", "Write", "Checksum"])}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn flatten(node: VdevNode, depth: usize, role: &str, out: &mut Vec<(usize, String, VdevNode)>) {
    let mut node = node;
    let children = std::mem::take(&mut node.children);
    out.push((depth, role.to_owned(), node));
    for child in children {
        flatten(child, depth + 1, role, out);
    }
}
