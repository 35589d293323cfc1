//! The middleware's JSON encoder writes datetimes as `{"$date": <ms since
//! epoch>}` on both transports (`truenas/api_client` `ejson.py`).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// Milliseconds since the Unix epoch, as TrueNAS sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ApiDate(pub i64);

impl ApiDate {
    pub fn unix_millis(self) -> i64 {
        self.0
    }

    /// Reads `{"$date": ms}` (or a bare number, which older code paths
    /// emit); anything else is not a date.
    pub fn from_value(value: &Value) -> Option<Self> {
        let number = match value {
            Value::Object(map) => map.get("$date")?,
            Value::Number(_) => value,
            _ => return None,
        };
        number
            .as_i64()
            .or_else(|| number.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
            .map(Self)
    }
}

/// For `#[serde(deserialize_with)]` on `Option<ApiDate>` fields: a missing,
/// null or unrecognised value is `None`.
pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ApiDate>, D::Error> {
    Ok(ApiDate::from_value(&Value::deserialize(d)?))
}

impl<'de> Deserialize<'de> for ApiDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Self::from_value(&value)
            .ok_or_else(|| serde::de::Error::custom("expected {\"$date\": milliseconds}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_middleware_form() {
        let date: ApiDate = serde_json::from_str(r#"{"$date": 1700000000123}"#).unwrap();
        assert_eq!(date.unix_millis(), 1_700_000_000_123);
        assert!(serde_json::from_str::<ApiDate>(r#"{"date": 1}"#).is_err());
        assert_eq!(ApiDate::from_value(&serde_json::json!("x")), None);
    }
}
