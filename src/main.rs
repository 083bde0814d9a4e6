use clap::{Parser, Subcommand};
use kh::cmd;
use kh::ui::{ColorChoice, Lang, Ui};

/// Vietnamese education digital-transformation plans, checkable like code.
///
/// Exit status: 0 clean, 1 findings at error level, 2 could not run.
#[derive(Parser)]
#[command(name = "kh", version, about)]
struct Cli {
    /// Interface language (default: `lang:` in kh.yaml, else LANG, else English)
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
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
    let ui = Ui {
        lang: Lang::choose(cli.lang, kh::repo::settings_lang().as_deref()),
        color: cli.color.enabled(),
    };
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a, &ui),
        Command::Due(a) => cmd::due::run(a, &ui),
        Command::Diff(a) => cmd::diff::run(a, &ui),
        Command::Status(a) => cmd::status::run(a, &ui),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                std::process::exit(cmd::EXIT_OK);
            }
            eprintln!("kh: {}: {e:#}", ui.t("error", "lỗi"));
            cmd::EXIT_CANNOT_RUN
        }
    };
    std::process::exit(code);
}
