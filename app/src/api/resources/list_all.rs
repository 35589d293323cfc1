use model::monitor::Resource;

use super::list_resources;
use crate::api::ApiError;

/// Every resource matching `filters`, read in pages of the server's largest
/// page size (5,000), so 10,000 datasets arrive in two calls and the page
/// filters them locally without asking the server again per keystroke.
pub async fn list_all(filters: &[(&str, &str)]) -> Result<Vec<Resource>, ApiError> {
    const PAGE: usize = 5_000;
    let mut all = Vec::new();
    loop {
        let mut query: Vec<(String, String)> = filters
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        query.push(("limit".to_owned(), PAGE.to_string()));
        query.push(("offset".to_owned(), all.len().to_string()));
        let page = list_resources(query).await?;
        let got = page.data.len();
        all.extend(page.data);
        if got == 0 || all.len() >= page.total {
            return Ok(all);
        }
    }
}
