use clap::Parser;

fn main() -> std::process::ExitCode {
    coregroup::cli::run(coregroup::cli::Cli::parse())
}
