//! The `bilan` command: parses the command line, runs one command of [`cmd`], prints
//! its diagnostics and maps the outcome to an exit status.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// typst allocates many small, short-lived objects on every thread; mimalloc's
/// thread-local heaps make rendering faster and scale better with `--jobs` than the
/// system allocator (see docs/benchmarks.md). Counted, for a build's memory limit
/// (`[limits] memory_mb`).
#[global_allocator]
static ALLOCATOR: bilan::limits::Counting<mimalloc::MiMalloc> =
    bilan::limits::Counting(mimalloc::MiMalloc);

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`bilan stats | head`) is not a failure.
            if err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            cmd::print_error(&err);
            ExitCode::from(cmd::exit_status(&err))
        }
    }
}
