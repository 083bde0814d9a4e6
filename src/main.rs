use clap::{Parser, Subcommand};
use kh::cmd;

/// Vietnamese education digital-transformation plans, checkable like code.
///
/// Exit status: 0 clean, 1 findings at error level, 2 could not run.
#[derive(Parser)]
#[command(name = "kh", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate every plan and every parent-to-child cascade
    Check(cmd::check::CheckArgs),
    /// What falls due in a month, quarter or window, and from whom
    Due(cmd::due::DueArgs),
    /// Two plans side by side, indicator by indicator
    Diff(cmd::diff::DiffArgs),
    /// Achieved values against targets, and roll-ups over child plans
    Status(cmd::status::StatusArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a),
        Command::Due(a) => cmd::due::run(a),
        Command::Diff(a) => cmd::diff::run(a),
        Command::Status(a) => cmd::status::run(a),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                std::process::exit(cmd::EXIT_OK);
            }
            eprintln!("kh: error: {e:#}");
            cmd::EXIT_CANNOT_RUN
        }
    };
    std::process::exit(code);
}
