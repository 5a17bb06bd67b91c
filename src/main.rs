use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// typst allocates many small, short-lived objects on every thread; mimalloc's
/// thread-local heaps make rendering faster and scale better with `--jobs` than the
/// system allocator (see the README's benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = bilan::cli::Cli::parse();
    match bilan::run(cli) {
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
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::from(bilan::exit_status(&err))
        }
    }
}
