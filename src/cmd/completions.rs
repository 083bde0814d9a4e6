//! `kh completions SHELL` and `kh man`: generated from the same clap definition
//! as the parser, so they always match.

use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    pub shell: Shell,
}

pub fn completions(shell: Shell, mut cmd: clap::Command) -> Result<i32> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kh", &mut out);
    super::emit(&String::from_utf8_lossy(&out))?;
    Ok(super::EXIT_OK)
}

pub fn man(cmd: clap::Command) -> Result<i32> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    super::emit(&String::from_utf8_lossy(&out))?;
    Ok(super::EXIT_OK)
}
