//! Deserialisation helpers for the places where TrueNAS versions disagree on
//! a field's JSON type. A wrong type there becomes "unknown", not a failed
//! poll: one odd field must not hide a whole NAS.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string that some versions send as a number (`fragmentation`,
/// `createtxg`, `hddstandby`). Anything else becomes `None`. Read by the
/// same visitor as a borrowed property's `rawvalue`
/// ([`text_or_number`](super::property_ref::text_or_number)), then owned.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(super::property_ref::text_or_number(d)?.map(|text| text.0.into_owned()))
}

/// An unsigned integer that may arrive as a number, a float or a numeric
/// string; anything else becomes `None`.
pub(crate) fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A list that may be `null` or absent; both mean empty.
pub(crate) fn vec_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
