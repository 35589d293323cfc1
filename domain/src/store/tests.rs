use std::fs;
use std::os::unix::fs::PermissionsExt;

use proptest::prelude::*;

use super::*;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn first_open_creates_a_private_key_and_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let (store, loaded) = CredentialStore::open(dir.path()).unwrap();
    assert!(matches!(loaded, Loaded::Empty));
    assert!(store.problem().is_none());
    assert_eq!(mode(&dir.path().join(KEY_FILE)), 0o600);
    assert_eq!(fs::read(dir.path().join(KEY_FILE)).unwrap().len(), 32);
    assert!(!dir.path().join(STORE_FILE).exists());
}

#[test]
fn save_then_reopen_round_trips_with_a_fresh_nonce_each_write() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = CredentialStore::open(dir.path()).unwrap();
    store.save(b"{\"v\":1}").unwrap();
    let first = fs::read(dir.path().join(STORE_FILE)).unwrap();
    store.save(b"{\"v\":1}").unwrap();
    let second = fs::read(dir.path().join(STORE_FILE)).unwrap();
    assert_ne!(first, second, "same plaintext must not give the same file");
    assert!(
        !first.windows(7).any(|w| w == b"{\"v\":1}"),
        "plaintext visible on disk"
    );
    assert_eq!(mode(&dir.path().join(STORE_FILE)), 0o600);
    let (_, loaded) = CredentialStore::open(dir.path()).unwrap();
    match loaded {
        Loaded::Document(doc) => assert_eq!(doc, b"{\"v\":1}"),
        Loaded::Empty => panic!("document lost"),
    }
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn key_readable_by_others_refuses_to_start_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    CredentialStore::open(dir.path()).unwrap();
    let key = dir.path().join(KEY_FILE);
    fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    let err = CredentialStore::open(dir.path()).unwrap_err().to_string();
    assert!(err.contains("chmod 600"), "{err}");
    assert!(err.contains("644"), "{err}");
}

#[test]
fn malformed_key_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join(KEY_FILE);
    fs::write(&key, b"short").unwrap();
    fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).unwrap();
    let err = CredentialStore::open(dir.path()).unwrap_err().to_string();
    assert!(err.contains("5 bytes, expected 32"), "{err}");
    assert_eq!(
        fs::read(&key).unwrap(),
        b"short",
        "key file must be left alone"
    );
}

#[test]
fn corrupt_store_opens_unreadable_refuses_writes_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = CredentialStore::open(dir.path()).unwrap();
    store.save(b"secret document").unwrap();
    let path = dir.path().join(STORE_FILE);
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    fs::write(&path, &bytes).unwrap();

    let (store, loaded) = CredentialStore::open(dir.path()).unwrap();
    assert!(matches!(loaded, Loaded::Empty));
    let problem = store.problem().unwrap().to_owned();
    assert!(problem.contains("does not decrypt"), "{problem}");
    let err = store.save(b"new").unwrap_err();
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "the damaged file must be kept as it was"
    );
}

#[test]
fn missing_key_with_existing_store_is_unreadable_and_no_new_key_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = CredentialStore::open(dir.path()).unwrap();
    store.save(b"doc").unwrap();
    fs::remove_file(dir.path().join(KEY_FILE)).unwrap();
    let (store, _) = CredentialStore::open(dir.path()).unwrap();
    assert!(store.problem().unwrap().contains("is missing"));
    assert!(
        !dir.path().join(KEY_FILE).exists(),
        "must not create a key over existing data"
    );
}

#[test]
fn key_changed_or_vanished_since_start_refuses_the_write() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = CredentialStore::open(dir.path()).unwrap();
    store.save(b"v1").unwrap();
    let key = dir.path().join(KEY_FILE);
    let original = fs::read(&key).unwrap();

    fs::write(&key, [7u8; 32]).unwrap();
    let err = store.save(b"v2").unwrap_err();
    assert!(matches!(err, StoreError::KeyChanged { .. }), "{err}");

    fs::remove_file(&key).unwrap();
    let err = store.save(b"v2").unwrap_err();
    assert!(err.to_string().contains("changed or vanished"), "{err}");

    fs::write(&key, &original).unwrap();
    fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).unwrap();
    let (_, loaded) = CredentialStore::open(dir.path()).unwrap();
    assert!(
        matches!(loaded, Loaded::Document(d) if d == b"v1"),
        "refused writes must not land"
    );
}

#[test]
fn key_debug_is_redacted() {
    let key = Key::from_bytes([0xab; 32]);
    assert_eq!(format!("{key:?}"), "Key(********)");
}

proptest! {
    #[test]
    fn round_trip(plain in proptest::collection::vec(any::<u8>(), 0..2048), k in any::<[u8; 32]>()) {
        let key = Key::from_bytes(k);
        prop_assert_eq!(open(&key, &seal(&key, &plain).unwrap()).unwrap(), plain);
    }

    #[test]
    fn any_single_bit_flip_is_detected(
        plain in proptest::collection::vec(any::<u8>(), 0..256),
        index in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let key = Key::from_bytes([3; 32]);
        let mut sealed = seal(&key, &plain).unwrap();
        let i = index.index(sealed.len());
        sealed[i] ^= 1 << bit;
        prop_assert!(open(&key, &sealed).is_err());
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_never_decrypt(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let key = Key::from_bytes([9; 32]);
        prop_assert!(open(&key, &bytes).is_err());
    }

    #[test]
    fn another_key_cannot_open(plain in proptest::collection::vec(any::<u8>(), 0..64)) {
        let sealed = seal(&Key::from_bytes([1; 32]), &plain).unwrap();
        prop_assert_eq!(open(&Key::from_bytes([2; 32]), &sealed), Err(OpenError::Undecryptable));
    }
}
