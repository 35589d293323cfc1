//! The data directory holds everything poolwatch persists (encrypted
//! credentials, the key, state). It must exist, be private to the service
//! user and be writable; anything else is reported in words an operator can
//! act on.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use model::DataDirHealth;

#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error("data dir {path}: cannot create it: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("data dir {path} exists but is not a directory")]
    NotADirectory { path: PathBuf },
    #[error("data dir {path} is not writable: {source}")]
    NotWritable { path: PathBuf, source: io::Error },
}

/// A prepared, writable data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    path: PathBuf,
}

impl DataDir {
    /// Creates the directory (mode 0700) if missing and proves it is writable.
    ///
    /// An existing directory keeps its mode: tightening it behind the
    /// operator's back could break a shared setup, so a loose mode is only
    /// reported (see [`DataDir::is_private`]).
    pub fn prepare(path: impl Into<PathBuf>) -> Result<Self, DataDirError> {
        let path = path.into();
        match fs::metadata(&path) {
            Ok(meta) if !meta.is_dir() => return Err(DataDirError::NotADirectory { path }),
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(&path)
                    .map_err(|source| DataDirError::Create {
                        path: path.clone(),
                        source,
                    })?;
            }
            Err(source) => return Err(DataDirError::Create { path, source }),
        }
        let dir = Self { path };
        dir.probe_write()?;
        Ok(dir)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when neither group nor others can read, write or enter it.
    pub fn is_private(&self) -> bool {
        fs::metadata(&self.path)
            .map(|m| m.permissions().mode() & 0o077 == 0)
            .unwrap_or(false)
    }

    /// Writes and removes a scratch file: the only honest test of writability
    /// (permission bits lie on read-only mounts and for root).
    pub fn probe_write(&self) -> Result<(), DataDirError> {
        let fail = |source| DataDirError::NotWritable {
            path: self.path.clone(),
            source,
        };
        let mut probe = tempfile::Builder::new()
            .prefix(".write-probe-")
            .tempfile_in(&self.path)
            .map_err(fail)?;
        probe.write_all(b"ok").map_err(fail)?;
        probe.as_file().sync_all().map_err(fail)?;
        probe.close().map_err(fail)
    }

    pub fn health(&self) -> DataDirHealth {
        let problem = self.probe_write().err().map(|e| e.to_string());
        DataDirHealth {
            path: self.path.display().to_string(),
            writable: problem.is_none(),
            problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_missing_dir_private_and_writable() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a/b/data");
        let dir = DataDir::prepare(&path).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        assert!(dir.is_private());
        let health = dir.health();
        assert!(health.writable, "{health:?}");
        assert_eq!(health.problem, None);
        assert_eq!(fs::read_dir(&path).unwrap().count(), 0, "probe left a file");
    }

    #[test]
    fn existing_dir_keeps_its_mode_and_is_reported_loose() {
        let root = tempfile::tempdir().unwrap();
        fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let dir = DataDir::prepare(root.path()).unwrap();
        assert!(!dir.is_private());
        let mode = fs::metadata(root.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755);
    }

    #[test]
    fn a_file_in_the_way_is_a_clear_error() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("occupied");
        fs::write(&file, b"x").unwrap();
        let err = DataDir::prepare(&file).unwrap_err();
        assert!(matches!(err, DataDirError::NotADirectory { .. }), "{err}");
        let err = DataDir::prepare(file.join("below")).unwrap_err();
        assert!(matches!(err, DataDirError::Create { .. }), "{err}");
        assert!(err.to_string().contains("cannot create it"), "{err}");
    }

    #[test]
    fn health_reports_a_directory_that_vanished() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("data");
        let dir = DataDir::prepare(&path).unwrap();
        fs::remove_dir(&path).unwrap();
        let health = dir.health();
        assert!(!health.writable);
        assert!(health.problem.unwrap().contains("not writable"));
    }
}
