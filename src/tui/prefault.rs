//! The screen buffers' memory, faulted in with one call rather than a page at a time.
//!
//! ratatui allocates two buffers of the terminal's size when it takes the terminal (two 233 KB blocks
//! at 120x40), and glibc gives blocks that large their own fresh mapping, which then faults on every
//! page as ratatui fills it: ~115 page faults, a tenth of the first frame on a virtual machine where
//! a fault is dear (docs/performance.md). Here, for that one allocation, glibc is asked to take the
//! blocks from the heap, and the heap's next pages are populated with one `madvise` beforehand. The
//! allocator's defaults are put back afterwards. Elsewhere than Linux with glibc, nothing is done.

/// Runs `f` (which allocates about `bytes` of heap) with those bytes already in memory.
pub fn with_heap_ready<T>(bytes: usize, f: impl FnOnce() -> T) -> T {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // glibc's defaults for both settings (mallopt(3)); its largest mmap threshold is 32 MiB.
        const DEFAULT: libc::c_int = 128 * 1024;
        // A screen too large for the heap's settings (over ~80,000 cells) is left to fault as before:
        // the block would be mapped on its own and its populated pages handed back unused.
        let Some(want) = libc::c_int::try_from(bytes).ok().filter(|b| *b <= 8 << 20) else { return f() };
        // SAFETY: mallopt takes glibc's own parameters (it locks the allocator); the block is malloc'd
        // here, advised only within its own whole pages, and freed; MADV_POPULATE_WRITE only faults
        // pages in (a kernel older than 5.14 refuses it, which costs nothing).
        unsafe {
            // Above the block's size with its header, so that it and what `f` allocates come from the heap.
            libc::mallopt(libc::M_MMAP_THRESHOLD, want.saturating_mul(2));
            libc::mallopt(libc::M_TRIM_THRESHOLD, want.saturating_mul(4));
            let block = libc::malloc(bytes);
            if !block.is_null() {
                let page = usize::try_from(libc::sysconf(libc::_SC_PAGESIZE)).unwrap_or(4096).max(1);
                let start = (block as usize).div_ceil(page) * page;
                let end = (block as usize + bytes) / page * page;
                if end > start {
                    libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_POPULATE_WRITE);
                }
                libc::free(block);
            }
            let out = f();
            libc::mallopt(libc::M_MMAP_THRESHOLD, DEFAULT);
            libc::mallopt(libc::M_TRIM_THRESHOLD, DEFAULT);
            out
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        let _ = bytes;
        f()
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    /// Pages of `v`'s allocation that are in memory (mincore), and all its pages.
    fn resident(v: &Vec<u8>) -> (usize, usize) {
        let page = 4096;
        let start = (v.as_ptr() as usize).div_ceil(page) * page;
        let end = (v.as_ptr() as usize + v.capacity()) / page * page;
        let n = (end - start) / page;
        let mut map = vec![0u8; n];
        // SAFETY: the range lies within `v`'s live allocation and `map` has one byte per page.
        let rc = unsafe { libc::mincore(start as *mut libc::c_void, end - start, map.as_mut_ptr()) };
        assert_eq!(rc, 0, "mincore: {}", std::io::Error::last_os_error());
        (map.iter().filter(|b| **b & 1 == 1).count(), n)
    }

    #[test]
    fn a_large_block_allocated_inside_is_in_memory_before_it_is_written() {
        const NAME: &str = "tui::prefault::tests::a_large_block_allocated_inside_is_in_memory_before_it_is_written";
        // In a process of its own: a thread of another test sharing this thread's arena could take
        // the prepared memory first.
        if std::env::var_os("SYSKIND_PREFAULT_ALONE").is_none() {
            let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
                .args(["--exact", NAME, "--test-threads=1"])
                .env("SYSKIND_PREFAULT_ALONE", "1")
                .output()
                .expect("the test binary runs");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && text.contains("1 passed"),
                "{text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            return;
        }
        let size = 600 << 10;
        // (Outside, glibc maps a block this large afresh and nothing is in memory until written; that
        // is not asserted, as other tests in this process move glibc's dynamic threshold.)
        let warm = with_heap_ready(size + (64 << 10), || Vec::<u8>::with_capacity(size));
        let (warm_in, warm_all) = resident(&warm);
        assert_eq!(warm_in, warm_all, "every page in memory before a byte is written");
    }
}
