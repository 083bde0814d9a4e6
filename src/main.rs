use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use kh::cmd;
use kh::ui::{ColorChoice, Lang, Ui};

// kh builds millions of small strings on all cores; mimalloc's thread-local
// free lists cost less than glibc's arenas (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Write the results to this file instead of standard output (never replacing one without --force)
    #[arg(long, short = 'o', global = true)]
    output: Option<std::path::PathBuf>,
    /// Replace existing files (kh init, --output)
    #[arg(long, global = true)]
    force: bool,
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
    /// What a rule checks, why, and how to fix its findings
    Explain(cmd::explain::ExplainArgs),
    /// A draft plan from the Word, Excel, PDF or text of a document
    Import(cmd::import::ImportArgs),
    /// Create a new plans repository
    Init(cmd::init::InitArgs),
    /// Write a plan as officials issue it: a Word document with its targets and tasks tables
    Export(cmd::export::ExportArgs),
    /// Draft a child plan from its parents: every binding target adopted, marked for review
    New(cmd::new::NewArgs),
    /// Write an offline dashboard: a static site of every plan's progress
    Dashboard(cmd::dashboard::DashboardArgs),
    /// Print the JSON Schema of the plan format
    Schema(cmd::schema::SchemaArgs),
    /// Print shell completions
    Completions(cmd::completions::CompletionsArgs),
    /// Print the man page
    Man,
}

/// `--lang` as typed, read before clap so that help itself speaks the language.
fn lang_from_args() -> Option<Lang> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().enumerate().find_map(|(i, a)| {
        let v = a
            .strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())?;
        match v.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    })
}

/// The help summaries in Vietnamese.
fn vietnamese(cmd: clap::Command) -> clap::Command {
    let sub = [
        (
            "check",
            "Kiểm tra mọi kế hoạch và mọi quan hệ cấp trên - cấp dưới",
        ),
        (
            "due",
            "Những gì đến hạn trong tháng, quý hoặc khoảng thời gian, và ai chủ trì",
        ),
        ("diff", "Đặt hai kế hoạch cạnh nhau, theo từng chỉ số"),
        (
            "status",
            "Kết quả đạt được so với chỉ tiêu, và tổng hợp theo đơn vị cấp dưới",
        ),
        (
            "explain",
            "Một quy tắc kiểm tra gì, vì sao, và cách sửa các phát hiện của nó",
        ),
        (
            "import",
            "Lập bản nháp kế hoạch từ tệp Word, Excel, PDF hoặc văn bản của một kế hoạch",
        ),
        ("init", "Tạo một kho kế hoạch mới"),
        (
            "export",
            "Xuất kế hoạch như văn bản ban hành: tệp Word với bảng chỉ tiêu và bảng nhiệm vụ",
        ),
        (
            "new",
            "Lập dự thảo kế hoạch cấp dưới từ kế hoạch cấp trên, mọi chỉ tiêu cần rà soát",
        ),
        (
            "dashboard",
            "Tạo trang theo dõi ngoại tuyến: trang web tĩnh về tiến độ của mọi kế hoạch",
        ),
        ("schema", "In JSON Schema của định dạng kế hoạch"),
        ("completions", "In script tự hoàn thành lệnh cho shell"),
        ("man", "In trang hướng dẫn (man page)"),
    ];
    let mut cmd = cmd
        .about("Kế hoạch chuyển đổi số ngành Giáo dục, kiểm tra được như mã nguồn.")
        .long_about("Kế hoạch chuyển đổi số ngành Giáo dục, kiểm tra được như mã nguồn.\n\nMã thoát: 0 không có lỗi, 1 có lỗi, 2 không chạy được.")
        .mut_arg("lang", |a| a.help("Ngôn ngữ giao diện (mặc định: `lang:` trong kh.yaml, rồi LANG, rồi tiếng Anh)"))
        .mut_arg("color", |a| a.help("Màu: auto (trên terminal, trừ khi có NO_COLOR), always hoặc never"));
    for (name, about) in sub {
        if cmd.find_subcommand(name).is_some() {
            cmd = cmd.mut_subcommand(name, |c| c.about(about));
        }
    }
    cmd
}

fn main() {
    let early = Lang::choose(lang_from_args(), kh::repo::settings_lang().as_deref());
    let mut command = Cli::command();
    if early == Lang::Vi {
        command = vietnamese(command);
    }
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let ui = Ui {
        lang: Lang::choose(cli.lang, kh::repo::settings_lang().as_deref()),
        // A file named with -o is never coloured unless asked: it is not a terminal.
        color: match (cli.output.is_some(), cli.color) {
            (true, ColorChoice::Auto) => false,
            (_, c) => c.enabled(),
        },
        to_file: cli.output.is_some(),
    };
    ui.lang.set();
    if let Some(path) = cli.output.clone() {
        cmd::output_to(path, cli.force);
    }
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a, &ui),
        Command::Due(a) => cmd::due::run(a, &ui),
        Command::Diff(a) => cmd::diff::run(a, &ui),
        Command::Status(a) => cmd::status::run(a, &ui),
        Command::Explain(a) => cmd::explain::run(a, &ui),
        Command::Import(a) => cmd::import::run(a, &ui),
        Command::Init(a) => cmd::init::run(a, cli.force, &ui),
        Command::Export(a) => cmd::export::run(a, &ui),
        Command::New(a) => cmd::new::run(a, &ui),
        Command::Dashboard(a) => cmd::dashboard::run(a, &ui),
        Command::Schema(a) => cmd::schema::run(a),
        Command::Completions(a) => cmd::completions::completions(a.shell, Cli::command()),
        Command::Man => cmd::completions::man(Cli::command()),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            if let Some(io) = e.chain().find_map(|c| c.downcast_ref::<std::io::Error>())
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                std::process::exit(cmd::EXIT_OK);
            }
            // An error can quote a value from a file (kh.yaml): never raw.
            let message = format!("{e:#}");
            eprintln!(
                "kh: {}: {}",
                kh::messages::word(ui.lang, kh::messages::Word::Error),
                kh::text::escape_controls(&message)
            );
            cmd::EXIT_CANNOT_RUN
        }
    };
    std::process::exit(code);
}
