//! How output speaks to the user: the interface language and colour. Chosen
//! once per run from flags, kh.yaml and the environment.

use std::io::IsTerminal;

static CURRENT: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// `--lang`, else `lang:` in kh.yaml, else the LANG environment variable, else English.
    pub fn choose(flag: Option<Lang>, setting: Option<&str>) -> Lang {
        if let Some(l) = flag {
            return l;
        }
        let from = |s: &str| {
            let s = s.trim().to_lowercase();
            if s.starts_with("vi") {
                Some(Lang::Vi)
            } else if s.starts_with("en") {
                Some(Lang::En)
            } else {
                None
            }
        };
        setting
            .and_then(from)
            .or_else(|| std::env::var("LANG").ok().as_deref().and_then(from))
            .unwrap_or_default()
    }

    /// The interface language of this run, for the few sentences worded deep
    /// inside (errors that stop a command); English until `set` is called.
    pub fn current() -> Lang {
        CURRENT.get().copied().unwrap_or_default()
    }

    /// Fixes the interface language of this run (once, from main).
    pub fn set(self) {
        let _ = CURRENT.set(self);
    }

    /// Picks the text in this language.
    pub fn t<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour only on a terminal unless asked, and never when NO_COLOR is set
    /// (https://no-color.org), unless `always`.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// The choices every command renders with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ui {
    pub lang: Lang,
    pub color: bool,
    /// Results go to a file (`-o`): never coloured, never cut to a width, and
    /// the format follows the file's extension, never the terminal.
    pub to_file: bool,
}

impl Ui {
    pub fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub fn t<'a>(&self, en: &'a str, vi: &'a str) -> &'a str {
        self.lang.t(en, vi)
    }
}

/// Whether standard output is a terminal (the default format depends on it).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

impl Ui {
    /// Results are read by a person at a terminal (not piped, not `-o`).
    pub fn on_terminal(&self) -> bool {
        !self.to_file && stdout_is_terminal()
    }

    /// The width tables fit: the terminal's, or unlimited in a file.
    pub fn width(&self) -> usize {
        if self.to_file {
            usize::MAX / 4
        } else {
            crate::table::terminal_width()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_then_setting() {
        assert_eq!(Lang::choose(Some(Lang::En), Some("vi")), Lang::En);
        assert_eq!(Lang::choose(None, Some("vi")), Lang::Vi);
        assert_eq!(Lang::choose(None, Some("en_US")), Lang::En);
    }

    #[test]
    fn paint_only_with_colour() {
        let ui = Ui {
            lang: Lang::En,
            color: false,
            to_file: false,
        };
        assert_eq!(ui.paint("31", "x"), "x");
        let ui = Ui {
            lang: Lang::En,
            color: true,
            to_file: false,
        };
        assert_eq!(ui.paint("31", "x"), "\x1b[31mx\x1b[0m");
    }
}
