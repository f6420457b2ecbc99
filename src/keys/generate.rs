//! RSA key generation with the prime search spread over every core.
//!
//! Nearly all the time of a new key goes into finding its two primes, and how long a search
//! takes is luck. aws-lc's own `RSA_generate_key_ex` looks for p, then q, on one thread. Here
//! one search runs per core and the first two primes found, by whichever searches, make the
//! key: on 2 cores that took 0.73× the time of racing whole keys and keeping the first
//! (medians of 41 whole-process runs each: 28.0 ms against 38.3 ms).
//!
//! This adds no bias. `BN_generate_prime_ex` draws every candidate afresh with `BN_rand`
//! (`probable_prime` in aws-lc's `crypto/fipsmodule/bn/prime.c`) rather than walking up from
//! a starting point, so how long a search took says nothing about the prime it found, and the
//! first two primes of several independent searches are distributed as any two of them.
//!
//! Every step is aws-lc's, through its public API: the candidates (top two bits set, so each
//! prime is above 2^(k-1)·√2 as FIPS 186-4 B.3.3 asks, and n has exactly the bits asked
//! for), the trial division and the Miller-Rabin rounds (the count aws-lc's key generation
//! uses), the arithmetic, and `RSA_check_key` (inside `RSA_new_private_key`) on the result.
//! What depends on the secret primes uses aws-lc's constant-time operations: inverses modulo
//! an even number (`BN_mod_inverse` takes its constant-time path there) and `q^(p-2) mod p`
//! with `BN_mod_exp_mont_consttime`. d is e⁻¹ mod (p-1)(q-1), which `RSA_check_key` accepts
//! as other implementations write it; the CRT values, which signing uses, are the same either
//! way. aws-lc clears every number it frees.

use std::ffi::{c_int, c_void};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use aws_lc_sys as lc;
use zeroize::Zeroizing;

/// The public exponent, 65537, as everywhere.
const E: u64 = 65537;

/// A new RSA private key of `bits` bits, as PKCS#1 DER.
pub(super) fn pkcs1(bits: usize) -> Zeroizing<Vec<u8>> {
    let prime_bits = bits / 2;
    let e = Bn::word(E);
    let stop = Arc::new(AtomicBool::new(false));
    let (found, primes) = mpsc::channel();
    let searchers: Vec<_> = (0..std::thread::available_parallelism().map_or(1, |n| n.get()))
        .map(|_| {
            let (found, stop) = (found.clone(), Arc::clone(&stop));
            std::thread::spawn(move || search(prime_bits, &stop, &found))
        })
        .collect();
    drop(found);
    let next = || primes.recv().expect("the prime search failed: the system random source is broken");
    let mut first = next();
    let key = loop {
        let second = next();
        // FIPS 186-4 B.3.3 step 5.4: |p - q| > 2^(k-100). Closer primes (chance about 2^-99)
        // make n easy to factor; drop the newer one and wait for another.
        if !second.p.sub(&first.p).has_more_bits_than(prime_bits - 99) {
            continue;
        }
        // As aws-lc: p > q, which the CRT value q⁻¹ mod p below assumes.
        let (p, q) = if first.p.cmp(&second.p) > 0 { (first, second) } else { (second, first) };
        match Key::from_primes(&e, p, q, prime_bits) {
            Ok(key) => break key,
            // d too small (chance about 2^-1000): start over with the next prime.
            Err(p) => first = p,
        }
    };
    stop.store(true, Ordering::Relaxed);
    drop(primes);
    for searcher in searchers {
        let _ = searcher.join();
    }
    key.pkcs1()
}

/// A prime p with the private exponent's value modulo p - 1.
struct Prime {
    p: Bn,
    pm1: Bn,
    /// e⁻¹ mod (p - 1).
    dp: Bn,
}

/// Finds primes of `bits` bits and sends them until told to stop or nobody listens.
fn search(bits: usize, stop: &AtomicBool, found: &mpsc::Sender<Prime>) {
    let e = Bn::word(E);
    let ctx = Ctx::new();
    let callback = GenCallback::new(stop);
    while !stop.load(Ordering::Relaxed) {
        let p = Bn::new();
        // SAFETY: p and the callback are live; add and rem may be null (no congruence asked).
        let ok = unsafe { lc::BN_generate_prime_ex(p.0, bits as c_int, 0, ptr::null(), ptr::null(), callback.0) };
        if ok != 1 {
            // Stopped by the callback, or the random source failed: either way this search
            // ends; when every search has ended without enough primes, `pkcs1` panics.
            return;
        }
        let pm1 = p.minus_one();
        // FIPS 186-4 B.3.3 step 4.5: gcd(p - 1, e) = 1, which is the inverse existing.
        let Some(dp) = e.inverse_mod_even(&pm1, &ctx) else { continue };
        if found.send(Prime { p, pm1, dp }).is_err() {
            return;
        }
    }
}

/// Every part of a private key, before aws-lc checks and encodes it.
struct Key(*mut lc::RSA);

impl Key {
    /// The key from its primes, p > q. Gives p back when d comes out too small.
    fn from_primes(e: &Bn, p: Prime, q: Prime, prime_bits: usize) -> Result<Key, Prime> {
        let ctx = Ctx::new();
        let n = p.p.mul(&q.p, &ctx);
        let phi = p.pm1.mul(&q.pm1, &ctx);
        let d = e.inverse_mod_even(&phi, &ctx).expect("e is prime to (p-1)(q-1) when it is to each factor");
        // FIPS 186-4 B.3.1: d > 2^(nlen/2), or the key falls to Wiener-style attacks.
        if !d.has_more_bits_than(prime_bits) {
            return Err(p);
        }
        let iqmp = q.p.inverse_mod_prime(&p.p, &ctx);
        // SAFETY: every argument is a live BIGNUM; the function copies them and returns null
        // unless `RSA_check_key` accepts the key.
        let rsa = unsafe { lc::RSA_new_private_key(n.0, e.0, d.0, p.p.0, q.p.0, p.dp.0, q.dp.0, iqmp.0) };
        assert!(!rsa.is_null(), "aws-lc rejected a key built from two primes it found: {}", last_error());
        Ok(Key(rsa))
    }

    fn pkcs1(&self) -> Zeroizing<Vec<u8>> {
        let mut out: *mut u8 = ptr::null_mut();
        let mut len = 0usize;
        // SAFETY: on success aws-lc allocates `len` bytes at `out`, which we copy and free
        // (`OPENSSL_free` wipes them).
        unsafe {
            assert_eq!(lc::RSA_private_key_to_bytes(&mut out, &mut len, self.0), 1, "encoding a new key failed");
            let der = Zeroizing::new(std::slice::from_raw_parts(out, len).to_vec());
            lc::OPENSSL_free(out.cast::<c_void>());
            der
        }
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        // SAFETY: we own the key; `RSA_free` frees (and so wipes) its numbers.
        unsafe { lc::RSA_free(self.0) }
    }
}

/// An aws-lc BIGNUM we own. aws-lc wipes its digits when it frees them.
struct Bn(*mut lc::BIGNUM);

// SAFETY: a BIGNUM is plain heap memory with no tie to the thread that made it, and each is
// owned by one `Bn` at a time.
unsafe impl Send for Bn {}

impl Bn {
    fn new() -> Bn {
        // SAFETY: no preconditions; null only when out of memory.
        Bn(not_null(unsafe { lc::BN_new() }))
    }

    fn word(value: u64) -> Bn {
        let bn = Bn::new();
        // SAFETY: bn is live.
        assert_eq!(unsafe { lc::BN_set_u64(bn.0, value) }, 1, "out of memory");
        bn
    }

    fn minus_one(&self) -> Bn {
        // SAFETY: self is live; `BN_dup` returns a new number or null.
        let out = Bn(not_null(unsafe { lc::BN_dup(self.0) }));
        // SAFETY: out is live.
        assert_eq!(unsafe { lc::BN_sub_word(out.0, 1) }, 1, "a prime is above one");
        out
    }

    fn sub(&self, other: &Bn) -> Bn {
        let out = Bn::new();
        // SAFETY: all three are live.
        assert_eq!(unsafe { lc::BN_sub(out.0, self.0, other.0) }, 1, "out of memory");
        out
    }

    fn mul(&self, other: &Bn, ctx: &Ctx) -> Bn {
        let out = Bn::new();
        // SAFETY: all are live.
        assert_eq!(unsafe { lc::BN_mul(out.0, self.0, other.0, ctx.0) }, 1, "out of memory");
        out
    }

    /// self⁻¹ mod `modulus`, or None when there is none. For an even modulus aws-lc takes its
    /// constant-time path (`bn_mod_inverse_consttime`), which is why only even ones come here.
    fn inverse_mod_even(&self, modulus: &Bn, ctx: &Ctx) -> Option<Bn> {
        // SAFETY: modulus is live.
        assert_eq!(unsafe { lc::BN_is_odd(modulus.0) }, 0, "the modulus is even");
        let out = Bn::new();
        // SAFETY: all are live; null means no inverse (or out of memory, which the error queue
        // tells apart, but either way there is no key from this prime).
        let inverse = unsafe { lc::BN_mod_inverse(out.0, self.0, modulus.0, ctx.0) };
        if inverse.is_null() {
            // SAFETY: clears this thread's error queue, which aws-lc left the reason in.
            unsafe { lc::ERR_clear_error() };
            return None;
        }
        Some(out)
    }

    /// self⁻¹ mod the prime p, as self^(p-2) mod p in constant time (Fermat).
    fn inverse_mod_prime(&self, p: &Bn, ctx: &Ctx) -> Bn {
        // SAFETY: p and ctx are live; null only when out of memory.
        let mont = not_null(unsafe { lc::BN_MONT_CTX_new_consttime(p.0, ctx.0) });
        let exponent = p.minus_one();
        // SAFETY: exponent is live.
        assert_eq!(unsafe { lc::BN_sub_word(exponent.0, 1) }, 1, "a prime is above two");
        let out = Bn::new();
        // SAFETY: all are live; self < p, as the base must be.
        let ok = unsafe { lc::BN_mod_exp_mont_consttime(out.0, self.0, exponent.0, p.0, ctx.0, mont) };
        // SAFETY: we made mont and nothing else holds it.
        unsafe { lc::BN_MONT_CTX_free(mont) };
        assert_eq!(ok, 1, "out of memory");
        out
    }

    /// Whether |self| ≥ 2^bits.
    fn has_more_bits_than(&self, bits: usize) -> bool {
        // SAFETY: self is live.
        unsafe { lc::BN_num_bits(self.0) as usize > bits }
    }

    fn cmp(&self, other: &Bn) -> c_int {
        // SAFETY: both are live.
        unsafe { lc::BN_cmp(self.0, other.0) }
    }
}

impl Drop for Bn {
    fn drop(&mut self) {
        // SAFETY: we own it; `BN_clear_free` wipes the digits (so does `BN_free` in aws-lc).
        unsafe { lc::BN_clear_free(self.0) }
    }
}

/// aws-lc's scratch space for arithmetic.
struct Ctx(*mut lc::BN_CTX);

impl Ctx {
    fn new() -> Ctx {
        // SAFETY: no preconditions; null only when out of memory.
        Ctx(not_null(unsafe { lc::BN_CTX_new() }))
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        // SAFETY: we own it.
        unsafe { lc::BN_CTX_free(self.0) }
    }
}

/// The callback aws-lc calls for each candidate and each primality round; answering 0 ends
/// the search, which is how the other searches stop once a key has its two primes.
struct GenCallback(*mut lc::BN_GENCB);

impl GenCallback {
    fn new(stop: &AtomicBool) -> GenCallback {
        // SAFETY: no preconditions; null only when out of memory.
        let callback = not_null(unsafe { lc::BN_GENCB_new() });
        // SAFETY: `stop` outlives the callback: both live for the whole of `search`.
        unsafe { lc::BN_GENCB_set(callback, Some(keep_going), ptr::from_ref(stop).cast_mut().cast()) };
        GenCallback(callback)
    }
}

impl Drop for GenCallback {
    fn drop(&mut self) {
        // SAFETY: we own it.
        unsafe { lc::BN_GENCB_free(self.0) }
    }
}

extern "C" fn keep_going(_event: c_int, _n: c_int, callback: *mut lc::BN_GENCB) -> c_int {
    // SAFETY: the argument is the `AtomicBool` that `GenCallback::new` was given, still live.
    let stop = unsafe { &*lc::BN_GENCB_get_arg(callback).cast::<AtomicBool>() };
    c_int::from(!stop.load(Ordering::Relaxed))
}

fn not_null<T>(pointer: *mut T) -> *mut T {
    assert!(!pointer.is_null(), "out of memory");
    pointer
}

fn last_error() -> String {
    // SAFETY: reads this thread's error queue.
    let code = unsafe { lc::ERR_get_error() };
    let mut text = [0u8; 256];
    // SAFETY: the buffer is as long as we say.
    unsafe { lc::ERR_error_string_n(code, text.as_mut_ptr().cast(), text.len()) };
    String::from_utf8_lossy(text.split(|&b| b == 0).next().unwrap_or_default()).into_owned()
}
