//! The private key leaves no copy of itself in freed memory: `keys generate --write` runs
//! in-process under an allocator that looks at every block before it is freed, and counts the
//! blocks that still hold the key (its PEM text, its base64 body or its DER). A freed block is
//! what a later allocation, a core dump or a heap-reading bug hands to someone else.
//!
//! The allocator interface is `unsafe` by definition; this test crate (not the tool, which
//! forbids `unsafe`) wraps the system allocator and only reads each block before freeing it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

struct Watching;

static WATCHING: AtomicBool = AtomicBool::new(false);
static LEFT: AtomicUsize = AtomicUsize::new(0);

/// What every RSA private key's PKCS#8 holds at the same place: its algorithm identifier, in
/// DER and in the base64 of a PEM (the DER starts at a fixed offset, so its base64 does too).
const DER_MARK: &[u8] =
    &[0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const BASE64_MARK: &[u8] = b"ANBgkqhkiG9w0BAQEFAAS";

fn holds(block: &[u8], mark: &[u8]) -> bool {
    block.windows(mark.len()).any(|w| w == mark)
}

unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if WATCHING.load(Ordering::Relaxed) {
            // SAFETY: the block is ours until System.dealloc below, `layout.size()` bytes long.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if holds(block, DER_MARK) || holds(block, BASE64_MARK) {
                LEFT.fetch_add(1, Ordering::Relaxed);
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Watching = Watching;

/// Runs the command line `args` in-process, counting the freed blocks that held the key.
fn freed_copies(args: &[&str]) -> usize {
    use clap::Parser;
    let cli = convex_authjs::cli::Cli::try_parse_from(args).unwrap();
    let config = convex_authjs::config::Config::from_cli(cli, convex_authjs::environment::Environment::of(&[]));
    LEFT.store(0, Ordering::Relaxed);
    WATCHING.store(true, Ordering::Relaxed);
    let ran = convex_authjs::run(config);
    WATCHING.store(false, Ordering::Relaxed);
    assert!(ran.is_ok(), "{args:?}: {ran:?}");
    LEFT.load(Ordering::Relaxed)
}

/// One test, so that nothing else allocates while it watches: the key is generated and
/// written (the env file edit, proved by parsing it again), then read back from the file as
/// every other command reads it (`keys jwks`: the file, Next.js's parser, the PEM).
#[test]
fn the_private_key_leaves_no_copy_of_itself_in_freed_memory() {
    let dir = tempfile::tempdir().unwrap();
    let env_file = dir.path().join(".env.local");
    std::fs::write(&env_file, "NEXT_PUBLIC_CONVEX_URL=https://happy-otter-123.convex.cloud\n").unwrap();
    let env_file = env_file.to_str().unwrap();
    // 4096 bits: the largest key, whose PEM once outgrew the buffer sized for it.
    let args = ["convex-authjs", "--quiet", "--env-file", env_file, "keys", "generate", "--write", "--bits", "4096"];
    let written = freed_copies(&args);
    let text = std::fs::read_to_string(env_file).unwrap();
    assert!(text.contains("CONVEX_AUTH_PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\\n"), "{text}");
    let read = freed_copies(&["convex-authjs", "--quiet", "--env-file", env_file, "keys", "jwks"]);
    assert_eq!((written, read), (0, 0), "freed blocks that still held the key: keys generate --write, keys jwks");
}
