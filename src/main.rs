//! The `trawl` binary: everything is in the library; see `trawl --help`.

// A document's records are built from many small strings and vectors that live as long as the
// document; mimalloc serves those from per-thread pages, which measured cheaper than the system
// allocator here (see the commit and the README's benchmark section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    trawl::cli::main()
}
