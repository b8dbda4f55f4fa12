//! The `trawl` binary: everything is in the library; see `trawl --help`.

fn main() -> std::process::ExitCode {
    trawl::cli::main()
}
