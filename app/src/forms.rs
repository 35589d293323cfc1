//! The forms' inputs and their errors. A server function's `ApiError`
//! names the input it belongs to in `field`; client-side checks make the
//! same shape, so a form shows both alike (at the input, or above the form).

use leptos::prelude::*;
use model::auth::MIN_PASSWORD_LEN;

use crate::api::ApiError;

/// One input of a form. `id` is also the name the server uses in `field`.
#[derive(Debug)]
pub struct Input {
    pub id: &'static str,
    pub label: &'static str,
    /// `text`, `password`, … (ignored for a choice).
    pub kind: &'static str,
    pub autocomplete: &'static str,
    /// Shown under the input; empty for none.
    pub hint: &'static str,
    /// `(value, text)` of a choice; empty for a text input. The first is preselected.
    pub options: &'static [(&'static str, &'static str)],
    pub required: bool,
}

impl Input {
    pub const fn text(id: &'static str, label: &'static str, autocomplete: &'static str) -> Self {
        Self {
            id,
            label,
            kind: "text",
            autocomplete,
            hint: "",
            options: &[],
            required: true,
        }
    }

    pub const fn password(id: &'static str, label: &'static str, new: bool) -> Self {
        Self {
            id,
            label,
            kind: "password",
            autocomplete: if new {
                "new-password"
            } else {
                "current-password"
            },
            hint: if new { PASSWORD_HINT } else { "" },
            options: &[],
            required: true,
        }
    }

    pub const fn choice(
        id: &'static str,
        label: &'static str,
        options: &'static [(&'static str, &'static str)],
    ) -> Self {
        Self {
            options,
            ..Self::text(id, label, "off")
        }
    }

    pub const fn with_kind(self, kind: &'static str) -> Self {
        Self { kind, ..self }
    }

    pub const fn with_hint(self, hint: &'static str) -> Self {
        Self { hint, ..self }
    }

    pub const fn optional(self) -> Self {
        Self {
            required: false,
            ..self
        }
    }

    /// What the input holds at first and after a successful submit.
    pub fn initial(&self) -> String {
        self.options
            .first()
            .map(|(value, _)| (*value).to_owned())
            .unwrap_or_default()
    }
}

/// A form's values as an array, in the order of its inputs.
pub fn values<const N: usize>(values: Vec<String>) -> [String; N] {
    values
        .try_into()
        .unwrap_or_else(|_| std::array::from_fn(|_| String::new()))
}

/// The rule for a new password, as the user reads it.
pub const PASSWORD_HINT: &str = "At least 12 characters.";

/// The message of `error` if it belongs to the input named `field`.
pub fn error_at(error: RwSignal<Option<ApiError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .filter(|e| e.field.as_deref() == Some(field))
                .map(|e| e.error.clone())
        })
    })
}

/// A client-side check's complaint about `field`, shaped like the server's.
pub fn invalid(field: &str, message: &str) -> ApiError {
    ApiError {
        field: Some(field.to_owned()),
        ..ApiError::new("invalid", message)
    }
}

/// What is wrong with a new password before the server is asked: too short
/// (at `field`) or not the same as its confirmation (at `confirm_field`).
pub fn password_problem(
    password: &str,
    confirm: &str,
    field: &str,
    confirm_field: &str,
) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        Err(invalid(field, PASSWORD_HINT))
    } else if password != confirm {
        Err(invalid(confirm_field, "The passwords do not match."))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_are_checked_before_sending() {
        let field = |r: Result<(), ApiError>| r.err().and_then(|e| e.field);
        let short = "ä".repeat(MIN_PASSWORD_LEN - 1);
        let problem = password_problem(&short, &short, "newPassword", "confirm");
        assert_eq!(field(problem).as_deref(), Some("newPassword"));
        let long = "ä".repeat(MIN_PASSWORD_LEN);
        let problem = password_problem(&long, "other", "newPassword", "confirm");
        assert_eq!(field(problem).as_deref(), Some("confirm"));
        assert_eq!(
            password_problem(&long, &long, "password", "confirm"),
            Ok(())
        );
    }

    #[test]
    fn the_hint_states_the_real_minimum() {
        assert!(PASSWORD_HINT.contains(&format!(" {MIN_PASSWORD_LEN} ")));
    }
}
