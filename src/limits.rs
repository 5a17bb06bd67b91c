//! The bounds of a build: a time limit per document and a memory limit per build
//! (`[limits]` of `bilan.toml`). typst has no way to stop a compilation, so passing
//! a limit ends the process: a watchdog thread ([`watch`]) sees a document over its
//! time, or the allocator ([`Counting`]) a build over its memory, and calls the front
//! end's handler, which reports the limit, cleans up and exits. This module owns the
//! accounting and the watchdog; it must not write the disk or print (the handler does).
//!
//! The memory counted is the bytes the process holds allocated (what templates and
//! data cost), not its resident size: the allocator's own overhead comes on top.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How often the watchdog looks at the documents in progress and the memory flag.
const POLL: Duration = Duration::from_millis(20);

/// A thread's allocations are added to the process's count once they reach this many
/// bytes (either way): one shared atomic per allocation would slow typst's many
/// small ones on every core.
const FLUSH_BYTES: isize = 256 * 1024;

/// The limits of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest one document may take to compile and export.
    pub document_seconds: u64,
    /// The most memory the build may hold allocated, in MiB (1,048,576 bytes).
    pub memory_mb: u64,
}

impl Limits {
    /// The default time per document (see docs/config.md for how it was chosen).
    pub const DOCUMENT_SECONDS: u64 = 300;
    /// The default memory per build, in MiB (see docs/config.md).
    pub const MEMORY_MB: u64 = 8192;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            document_seconds: Limits::DOCUMENT_SECONDS,
            memory_mb: Limits::MEMORY_MB,
        }
    }
}

/// Which limit a build passed, and in which documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exceeded {
    /// `document` compiled for longer than `seconds`.
    Time { document: String, seconds: u64 },
    /// The build held more than `mb` MiB; `documents` were in progress (the one
    /// whose thread passed the limit alone when known; none before rendering).
    Memory { documents: Vec<String>, mb: u64 },
}

/// Bytes allocated through [`Counting`] and not yet freed (flushed counts only).
static ALLOCATED: AtomicIsize = AtomicIsize::new(0);
/// The memory limit in bytes; `usize::MAX` when no watchdog enforces one.
static MEMORY_LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Set by the allocator when the limit is passed.
static MEMORY_PASSED: AtomicBool = AtomicBool::new(false);
/// The document token of the thread that passed the memory limit (0: none).
static PASSED_BY: AtomicU64 = AtomicU64::new(0);
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);
/// The documents in progress: token, name, start.
static IN_PROGRESS: Mutex<Vec<(u64, String, Instant)>> = Mutex::new(Vec::new());

thread_local! {
    /// This thread's allocations not yet added to [`ALLOCATED`].
    static PENDING: Cell<isize> = const { Cell::new(0) };
    /// The document this thread is compiling (0: none).
    static DOCUMENT: Cell<u64> = const { Cell::new(0) };
    /// The watchdog's own thread: its allocations never wait, so that it can report.
    static EXEMPT: Cell<bool> = const { Cell::new(false) };
}

/// A global allocator counting the bytes held through `A`. Once the count passes the
/// memory limit, a thread asking for more waits, never served, for the watchdog to
/// end the process: an allocation failure would abort it instead.
pub struct Counting<A>(pub A);

impl<A> Counting<A> {
    fn count(&self, delta: isize) {
        // `try_with`: a thread being torn down has no locals left; it is counted
        // straight into the total.
        let flushed = PENDING
            .try_with(|pending| {
                let total = pending.get() + delta;
                if total.abs() < FLUSH_BYTES {
                    pending.set(total);
                    None
                } else {
                    pending.set(0);
                    Some(total)
                }
            })
            .unwrap_or(Some(delta));
        let Some(flushed) = flushed else {
            return;
        };
        let now = ALLOCATED.fetch_add(flushed, Ordering::Relaxed) + flushed;
        if flushed > 0 && now as usize > MEMORY_LIMIT.load(Ordering::Relaxed) && now > 0 {
            self.passed();
        }
    }

    #[cold]
    fn passed(&self) {
        if EXEMPT.try_with(Cell::get).unwrap_or(false) {
            return;
        }
        let token = DOCUMENT.try_with(Cell::get).unwrap_or(0);
        let _ = PASSED_BY.compare_exchange(0, token, Ordering::Relaxed, Ordering::Relaxed);
        MEMORY_PASSED.store(true, Ordering::SeqCst);
        // The watchdog ends the process within a poll; sleeping allocates nothing.
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

// SAFETY: every call is passed on to `A` unchanged; only counting is added.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.count(layout.size() as isize);
        // SAFETY: the caller's contract is passed on.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        self.count(layout.size() as isize);
        // SAFETY: as above.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { self.0.dealloc(ptr, layout) };
        self.count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.count(new_size as isize - layout.size() as isize);
        // SAFETY: as above.
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

/// Marks the calling thread as compiling `document` until the guard is dropped, so
/// that the watchdog can time it and name it.
pub fn document(document: &str) -> DocumentGuard {
    let token = NEXT_TOKEN.fetch_add(1, Ordering::Relaxed);
    let entry = (token, document.to_string(), Instant::now());
    in_progress(|list| list.push(entry));
    // A thread waiting for a stolen task may start another document meanwhile: the
    // outer one is its document again when the inner one ends.
    let outer = DOCUMENT.with(|d| d.replace(token));
    DocumentGuard { token, outer }
}

/// A document in progress; see [`document`].
pub struct DocumentGuard {
    token: u64,
    outer: u64,
}

impl Drop for DocumentGuard {
    fn drop(&mut self) {
        DOCUMENT.with(|d| d.set(self.outer));
        in_progress(|list| list.retain(|(token, ..)| *token != self.token));
    }
}

/// Runs `f` on the list of documents in progress. Its allocations never wait for the
/// watchdog: a thread held there with the list locked would keep the watchdog from
/// reading it.
fn in_progress<R>(f: impl FnOnce(&mut Vec<(u64, String, Instant)>) -> R) -> R {
    let exempt = EXEMPT.with(|e| e.replace(true));
    let result = f(&mut IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner()));
    EXEMPT.with(|e| e.set(exempt));
    result
}

/// The time limit per document, in seconds, of the build being watched.
static DOCUMENT_SECONDS: AtomicU64 = AtomicU64::new(u64::MAX);
/// The memory limit in MiB, as configured (for the report).
static MEMORY_MB: AtomicU64 = AtomicU64::new(u64::MAX);
/// Whether the watchdog thread runs (it is started once per process).
static WATCHING: Mutex<bool> = Mutex::new(false);

/// Enforces `limits` from now on (a later call replaces them: `bilan watch` builds
/// again in the same process): when a document runs over its time or the build over
/// its memory, `on_exceeded` is called on the watchdog's thread, once; it must end
/// the process (the documents in progress cannot be stopped otherwise). Only the
/// process's global allocator, when it is a [`Counting`] one, counts memory.
pub fn watch(limits: Limits, on_exceeded: fn(Exceeded)) {
    DOCUMENT_SECONDS.store(limits.document_seconds, Ordering::SeqCst);
    MEMORY_MB.store(limits.memory_mb, Ordering::SeqCst);
    let mut watching = WATCHING.lock().unwrap_or_else(|e| e.into_inner());
    if !*watching {
        let spawned = std::thread::Builder::new()
            .name("bilan-limits".into())
            .spawn(move || {
                EXEMPT.with(|e| e.set(true));
                let exceeded = loop {
                    std::thread::sleep(POLL);
                    let seconds = Duration::from_secs(DOCUMENT_SECONDS.load(Ordering::SeqCst));
                    if let Some(exceeded) = check(seconds, MEMORY_MB.load(Ordering::SeqCst)) {
                        break exceeded;
                    }
                };
                // Past the limit from here on: the handler reports and cleans up.
                MEMORY_LIMIT.store(usize::MAX, Ordering::SeqCst);
                on_exceeded(exceeded);
            });
        // Without a watchdog nothing may wait for one: the memory limit stays off.
        *watching = spawned.is_ok();
    }
    if *watching {
        let bytes = limits.memory_mb.saturating_mul(1024 * 1024);
        MEMORY_LIMIT.store(
            usize::try_from(bytes).unwrap_or(usize::MAX),
            Ordering::SeqCst,
        );
    }
}

/// Stops counting memory against the limit (the outputs are complete: writing them
/// must not be interrupted half-way). The time limit concerns documents only.
pub fn release_memory() {
    MEMORY_LIMIT.store(usize::MAX, Ordering::SeqCst);
}

fn check(seconds: Duration, mb: u64) -> Option<Exceeded> {
    let in_progress = IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner());
    if MEMORY_PASSED.load(Ordering::SeqCst) {
        let by = PASSED_BY.load(Ordering::Relaxed);
        let mut documents: Vec<String> = in_progress
            .iter()
            .filter(|(token, ..)| *token == by)
            .map(|(_, name, _)| name.clone())
            .collect();
        if documents.is_empty() {
            documents = in_progress
                .iter()
                .map(|(_, name, _)| name.clone())
                .collect();
        }
        return Some(Exceeded::Memory { documents, mb });
    }
    in_progress
        .iter()
        .find(|(.., started)| started.elapsed() > seconds)
        .map(|(_, name, _)| Exceeded::Time {
            document: name.clone(),
            seconds: seconds.as_secs(),
        })
}

/// The bytes the process holds allocated through [`Counting`] (to within a few
/// hundred KiB per thread); 0 when the global allocator does not count.
pub fn allocated() -> usize {
    ALLOCATED.load(Ordering::Relaxed).max(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_in_progress_are_named_and_forgotten_when_done() {
        let outer = document("note.pdf");
        {
            let _inner = document("fiches/A.pdf");
            assert_eq!(DOCUMENT.with(Cell::get), _inner.token);
            let names: Vec<String> = IN_PROGRESS
                .lock()
                .unwrap()
                .iter()
                .map(|(_, n, _)| n.clone())
                .collect();
            assert!(names.contains(&"fiches/A.pdf".to_string()), "{names:?}");
        }
        assert_eq!(DOCUMENT.with(Cell::get), outer.token);
        // Nothing has run for an hour: no limit is passed.
        assert_eq!(check(Duration::from_secs(3600), 1), None);
        // Other tests may compile documents at the same time: any of them is over.
        assert!(matches!(
            check(Duration::ZERO, 1),
            Some(Exceeded::Time { seconds: 0, .. })
        ));
        drop(outer);
        assert!(
            !IN_PROGRESS
                .lock()
                .unwrap()
                .iter()
                .any(|(_, n, _)| n == "note.pdf")
        );
    }
}
