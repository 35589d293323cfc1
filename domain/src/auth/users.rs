//! The admin users: seeded from `POOLWATCH_ADMIN_*`, created once through
//! the setup token, or (with `--demo` and no other admin) a demo login.
//! `generation` goes up with every password change; a session made under an
//! older generation is no longer valid, which ends every session at once.

use std::net::IpAddr;
use std::time::Instant;

use model::auth::{PasswordChange, SetupInput};
use sqlx::Row;

use super::db::now;
use super::password::{self, random_secret};
use super::{Actor, AuthError, AuthService, Outcome, check_password, check_username};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub generation: i64,
}

/// The admin from the environment.
#[derive(Clone)]
pub struct AdminSeed {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for AdminSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminSeed")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// What start-up must tell the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bootstrap {
    Ready,
    /// No admin yet: print this one-time token for the setup page.
    SetupToken(String),
    /// `--demo` without an admin: a fresh password for the `demo` user.
    DemoLogin {
        username: String,
        password: String,
    },
}

const DEMO_USER: &str = "demo";
/// Throttle key of the setup page, shared by every caller.
const SETUP_KEY: &str = "\u{0}setup";

fn user(row: &sqlx::sqlite::SqliteRow) -> Result<User, sqlx::Error> {
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        generation: row.try_get("generation")?,
    })
}

impl AuthService {
    pub async fn bootstrap(
        &self,
        seed: Option<&AdminSeed>,
        demo: bool,
    ) -> Result<Bootstrap, AuthError> {
        let system = Actor {
            name: "system".to_owned(),
            ip: None,
        };
        if let Some(seed) = seed {
            let username = check_username(&seed.username)?;
            check_password("POOLWATCH_ADMIN_PASSWORD", &seed.password)?;
            match self.find(&username).await? {
                Some((found, hash)) => {
                    if !password::verify(seed.password.clone(), hash).await {
                        self.set_password(found.id, &seed.password).await?;
                        self.record(
                            &system,
                            "admin.password_from_env",
                            Some(&username),
                            Outcome::Success,
                            None,
                        )
                        .await;
                    }
                }
                None => {
                    self.insert(&username, &seed.password, "env").await?;
                    self.record(
                        &system,
                        "admin.create_from_env",
                        Some(&username),
                        Outcome::Success,
                        None,
                    )
                    .await;
                }
            }
            return Ok(Bootstrap::Ready);
        }
        let origins: Vec<String> = sqlx::query_scalar("SELECT origin FROM users")
            .fetch_all(&self.pool)
            .await?;
        if demo && origins.iter().all(|o| o == "demo") {
            let password = random_secret(20);
            match self.find(DEMO_USER).await? {
                Some((found, _)) => self.set_password(found.id, &password).await?,
                None => self.insert(DEMO_USER, &password, "demo").await?,
            }
            self.record(
                &system,
                "admin.demo_login",
                Some(DEMO_USER),
                Outcome::Success,
                None,
            )
            .await;
            return Ok(Bootstrap::DemoLogin {
                username: DEMO_USER.to_owned(),
                password,
            });
        }
        if origins.is_empty() {
            let token = random_secret(32);
            *self
                .setup_token
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(token.clone());
            return Ok(Bootstrap::SetupToken(token));
        }
        Ok(Bootstrap::Ready)
    }

    pub async fn setup_required(&self) -> Result<bool, AuthError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?;
        Ok(count == 0)
    }

    pub async fn user(&self, id: i64) -> Result<Option<User>, AuthError> {
        let row = sqlx::query("SELECT id, username, generation FROM users WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(user).transpose()?)
    }

    pub async fn login(
        &self,
        username: &str,
        password: &str,
        ip: Option<IpAddr>,
    ) -> Result<User, AuthError> {
        let anonymous = Actor {
            name: "anonymous".to_owned(),
            ip,
        };
        let checked = self.throttle().check(username, ip, Instant::now());
        if let Err(retry_after) = checked {
            self.record(
                &anonymous,
                "login",
                None,
                Outcome::Denied,
                Some("locked out after repeated failures"),
            )
            .await;
            return Err(AuthError::LockedOut { retry_after });
        }
        let found = self.find(username.trim()).await?;
        let verified = match &found {
            Some((_, hash)) => password::verify(password.to_owned(), hash.clone()).await,
            None => {
                password::burn(password.to_owned()).await;
                false
            }
        };
        match found {
            Some((user, _)) if verified => {
                self.throttle().succeeded(username);
                let actor = Actor {
                    name: user.username.clone(),
                    ip,
                };
                self.record(
                    &actor,
                    "login",
                    Some(&user.username),
                    Outcome::Success,
                    None,
                )
                .await;
                Ok(user)
            }
            found => {
                self.throttle().failed(username, ip, Instant::now());
                // An unknown name is not written down: it may be a password typed in the wrong field.
                let (actor, detail) = match &found {
                    Some((user, _)) => (
                        Actor {
                            name: user.username.clone(),
                            ip,
                        },
                        "wrong password",
                    ),
                    None => (anonymous, "unknown user name"),
                };
                self.record(&actor, "login", None, Outcome::Failure, Some(detail))
                    .await;
                Err(AuthError::InvalidCredentials)
            }
        }
    }

    pub async fn setup(&self, input: &SetupInput, ip: Option<IpAddr>) -> Result<User, AuthError> {
        let anonymous = Actor {
            name: "anonymous".to_owned(),
            ip,
        };
        let checked = self.throttle().check(SETUP_KEY, ip, Instant::now());
        if let Err(retry_after) = checked {
            return Err(AuthError::LockedOut { retry_after });
        }
        if !self.setup_required().await? {
            return Err(AuthError::SetupDone);
        }
        let expected = self
            .setup_token
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let matches = expected
            .is_some_and(|t| super::same_secret(t.as_bytes(), input.setup_token.trim().as_bytes()));
        if !matches {
            self.throttle().failed(SETUP_KEY, ip, Instant::now());
            self.record(
                &anonymous,
                "setup",
                None,
                Outcome::Failure,
                Some("wrong setup token"),
            )
            .await;
            return Err(AuthError::Invalid {
                field: "setupToken",
                message: "this is not the setup token printed when poolwatch started".to_owned(),
            });
        }
        let username = check_username(&input.username)?;
        check_password("password", &input.password)?;
        self.insert(&username, &input.password, "setup").await?;
        *self
            .setup_token
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        let actor = Actor {
            name: username.clone(),
            ip,
        };
        self.record(&actor, "setup", Some(&username), Outcome::Success, None)
            .await;
        self.find(&username)
            .await?
            .map(|(user, _)| user)
            .ok_or(AuthError::InvalidCredentials)
    }

    /// Checks the current password, stores the new one and ends every
    /// session of this user (their generation no longer matches).
    pub async fn change_password(
        &self,
        actor: &Actor,
        user_id: i64,
        change: &PasswordChange,
    ) -> Result<User, AuthError> {
        let Some(current) = self.user(user_id).await? else {
            return Err(AuthError::InvalidCredentials);
        };
        let checked = self
            .throttle()
            .check(&current.username, actor.ip, Instant::now());
        if let Err(retry_after) = checked {
            return Err(AuthError::LockedOut { retry_after });
        }
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?;
        if !password::verify(change.current_password.clone(), hash).await {
            self.throttle()
                .failed(&current.username, actor.ip, Instant::now());
            self.record(
                actor,
                "password.change",
                Some(&current.username),
                Outcome::Failure,
                Some("wrong current password"),
            )
            .await;
            return Err(AuthError::Invalid {
                field: "currentPassword",
                message: "the current password is wrong".to_owned(),
            });
        }
        check_password("newPassword", &change.new_password)?;
        self.set_password(user_id, &change.new_password).await?;
        self.record(
            actor,
            "password.change",
            Some(&current.username),
            Outcome::Success,
            Some("all sessions ended"),
        )
        .await;
        self.user(user_id)
            .await?
            .ok_or(AuthError::InvalidCredentials)
    }

    async fn find(&self, username: &str) -> Result<Option<(User, String)>, AuthError> {
        let row = sqlx::query(
            "SELECT id, username, generation, password_hash FROM users WHERE username = ?",
        )
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok(Some((user(&row)?, row.try_get("password_hash")?))),
            None => Ok(None),
        }
    }

    async fn insert(&self, username: &str, password: &str, origin: &str) -> Result<(), AuthError> {
        let hash = password::hash(password.to_owned()).await?;
        let now = now();
        sqlx::query(
            "INSERT INTO users (username, password_hash, origin, created_at, password_changed_at) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(username)
        .bind(hash)
        .bind(origin)
        .bind(now)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn set_password(&self, id: i64, password: &str) -> Result<(), AuthError> {
        let hash = password::hash(password.to_owned()).await?;
        sqlx::query(
            "UPDATE users SET password_hash = ?, generation = generation + 1, \
             password_changed_at = ? WHERE id = ?",
        )
        .bind(hash)
        .bind(now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
