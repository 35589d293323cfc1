//! Durable replace: write a temp file in the same directory, fsync it,
//! rename it over the target, fsync the directory. A crash at any point
//! leaves either the old or the new file, never a torn one.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

pub fn write(dir: &Path, name: &str, data: &[u8]) -> io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    fs::File::open(dir)?.sync_all()
}
