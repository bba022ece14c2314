//! The command line, in two steps: [`args`] holds the flags as the user typed them (clap's
//! derive API), and [`commands`] resolves them into each stage's options and runs the stage
//! chain. `main` only parses, calls [`run`] and maps the outcome to an exit code.

pub mod args;
pub mod commands;

pub use args::Cli;
pub use commands::run;
