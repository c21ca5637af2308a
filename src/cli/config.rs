//! The configuration file: settings a user would otherwise repeat on every
//! command line (contact, politeness, cache, gazetteers, database), so cron
//! lines stay short.
//!
//! Where: `--config FILE`, else `newskg.toml` in the current folder, else
//! `$XDG_CONFIG_HOME/newskg/config.toml` (`~/.config/newskg/config.toml`);
//! the first that exists is read, `--no-config` reads none. What: TOML, one
//! key per long flag (`delay = 2`, `cache-dir = "/var/cache/newskg"`,
//! `gazetteer = ["our-companies.tsv"]`), at the top level for every command
//! that has the flag, or in a table named after one command (`[ingest]`,
//! `[watch]`), which wins over the top level. Relative paths are relative
//! to the file's folder. A flag on the command line wins over both: the
//! file's values become the flags' defaults (so `--help` shows them).
//!
//! Only settings are accepted ([`KEYS`]), not inputs or outputs; an
//! unknown key, or one no command has, is an error naming the file.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The keys a configuration file may set: long flags that are settings.
pub const KEYS: &[&str] = &[
    "contact",
    "user-agent",
    "delay",
    "host-concurrency",
    "concurrency",
    "timeout",
    "connect-timeout",
    "retries",
    "max-body",
    "cache-dir",
    "cache-ttl",
    "sites",
    "gazetteer",
    "entity-words",
    "relations",
    "structure",
    "user-dict",
    "db",
    "feeds",
    "busy-timeout",
    "db-retry",
    "jobs",
    "max-evidence",
    "progress",
    "every",
];

/// Keys whose values are paths, resolved against the file's folder.
const PATHS: &[&str] = &[
    "cache-dir",
    "sites",
    "gazetteer",
    "entity-words",
    "relations",
    "structure",
    "user-dict",
    "db",
    "feeds",
];

/// Where the configuration comes from for this command line: `--config
/// FILE` or `--no-config` among `args`, else the first default location
/// that exists. `None`: no file.
pub fn locate(args: &[OsString]) -> anyhow::Result<Option<PathBuf>> {
    let mut explicit = None;
    let mut it = args.iter().skip(1);
    while let Some(arg) = it.next() {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        if arg == "--no-config" {
            return Ok(None);
        }
        if arg == "--config" {
            explicit = it.next().map(PathBuf::from);
        } else if let Some(path) = arg.strip_prefix("--config=") {
            explicit = Some(PathBuf::from(path));
        }
    }
    if let Some(path) = explicit {
        if !path.is_file() {
            anyhow::bail!("--config {}: no such file", path.display());
        }
        return Ok(Some(path));
    }
    let local = PathBuf::from("newskg.toml");
    if local.is_file() {
        return Ok(Some(local));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    Ok(base
        .map(|b| b.join("newskg").join("config.toml"))
        .filter(|p| p.is_file()))
}

/// The settings of one file: per command (`None`: the top level), key and
/// values as flag arguments.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Settings {
    entries: Vec<(Option<String>, String, Vec<String>)>,
}

impl Settings {
    /// Reads and checks `path` against the commands of `cmd`.
    pub fn load(path: &Path, cmd: &clap::Command) -> anyhow::Result<Settings> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the configuration {}", path.display()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        Self::parse(&text, dir, cmd).with_context(|| format!("configuration {}", path.display()))
    }

    /// Parses a file's text; relative paths are taken from `dir`.
    pub fn parse(text: &str, dir: &Path, cmd: &clap::Command) -> anyhow::Result<Settings> {
        let table: toml::Table = toml::from_str(text)?;
        let mut settings = Settings::default();
        for (key, value) in &table {
            match value {
                toml::Value::Table(section) => {
                    if cmd.find_subcommand(key).is_none() {
                        anyhow::bail!("[{key}]: no such command");
                    }
                    for (k, v) in section {
                        settings.add(Some(key), k, v, dir, cmd)?;
                    }
                }
                v => settings.add(None, key, v, dir, cmd)?,
            }
        }
        Ok(settings)
    }

    fn add(
        &mut self,
        command: Option<&str>,
        key: &str,
        value: &toml::Value,
        dir: &Path,
        cmd: &clap::Command,
    ) -> anyhow::Result<()> {
        let key = key.replace('_', "-");
        let place = command.map_or(String::new(), |c| format!("[{c}] "));
        if !KEYS.contains(&key.as_str()) {
            anyhow::bail!(
                "{place}{key}: not a setting (the file holds settings such as {}; inputs and outputs go on the command line)",
                KEYS[..6].join(", ")
            );
        }
        let id = key.replace('-', "_");
        let commands: Vec<&clap::Command> = match command {
            Some(c) => cmd.find_subcommand(c).into_iter().collect(),
            None => cmd.get_subcommands().collect(),
        };
        if !commands.iter().any(|c| has_arg(c, &id)) {
            anyhow::bail!("{place}{key}: no command takes --{key}");
        }
        let scalar = |v: &toml::Value| -> anyhow::Result<String> {
            Ok(match v {
                toml::Value::String(s) => {
                    if PATHS.contains(&key.as_str()) {
                        resolve(dir, s)
                    } else {
                        s.clone()
                    }
                }
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::Float(x) => x.to_string(),
                other => anyhow::bail!("{place}{key}: expected a string or a number, not {other}"),
            })
        };
        let values = match value {
            toml::Value::Array(items) => items.iter().map(scalar).collect::<Result<_, _>>()?,
            v => vec![scalar(v)?],
        };
        self.entries.push((command.map(str::to_string), id, values));
        Ok(())
    }

    /// `cmd` with the settings as the defaults of the flags they name: the
    /// top level for every command that has the flag, then each command's
    /// own table.
    pub fn apply(&self, mut cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        for name in names {
            let entries: Vec<_> = self
                .entries
                .iter()
                .filter(|(c, _, _)| c.is_none())
                .chain(
                    self.entries
                        .iter()
                        .filter(|(c, _, _)| c.as_deref() == Some(&name)),
                )
                .cloned()
                .collect();
            cmd = cmd.mut_subcommand(&name, |mut sub| {
                for (_, id, values) in entries {
                    if !has_arg(&sub, &id) {
                        continue;
                    }
                    sub = sub.mut_arg(&id, |a| {
                        let takes_many = a.get_num_args().is_some_and(|n| n.max_values() > 1)
                            || matches!(a.get_action(), clap::ArgAction::Append);
                        // A setting from the file makes a required flag optional.
                        let a = a.required(false);
                        // clap keeps defaults as `&'static str` (without its
                        // `string` feature); a command line is parsed once
                        // per process, so the few values are leaked.
                        let values: Vec<&'static str> = values
                            .iter()
                            .map(|v| &*Box::leak(v.clone().into_boxed_str()))
                            .collect();
                        if takes_many {
                            a.default_values(values)
                        } else {
                            a.default_value(values.last().copied().unwrap_or_default())
                        }
                    });
                }
                sub
            });
        }
        cmd
    }
}

fn has_arg(cmd: &clap::Command, id: &str) -> bool {
    cmd.get_arguments().any(|a| a.get_id() == id)
}

/// A path from the file: `~/…` from the home folder, a relative one from
/// the file's folder; a URL (`db = "postgres://…"`) as it is.
fn resolve(dir: &Path, value: &str) -> String {
    if value.contains("://") {
        return value.to_string();
    }
    if let Some(rest) = value.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest).display().to_string();
    }
    let p = Path::new(value);
    if p.is_absolute() || dir.as_os_str().is_empty() {
        value.to_string()
    } else {
        dir.join(p).display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse_with(text: &str, args: &[&str]) -> anyhow::Result<super::super::Cli> {
        let cmd = super::super::Cli::command();
        let settings = Settings::parse(text, Path::new("/etc/newskg"), &cmd)?;
        let matches = settings.apply(cmd).try_get_matches_from(args)?;
        Ok(<super::super::Cli as clap::FromArgMatches>::from_arg_matches(&matches)?)
    }

    #[test]
    fn a_database_url_is_not_a_path() {
        let text = "db = \"postgres://newskg@db.internal/news\"\n";
        let cli = parse_with(text, &["newskg", "stats"]).unwrap();
        let super::super::Command::Stats(s) = cli.command else {
            panic!()
        };
        assert_eq!(s.db, "postgres://newskg@db.internal/news");
    }

    #[test]
    fn the_file_gives_defaults_and_flags_win() {
        let text = r#"
            contact = "mailto:desk@example.com"
            delay = 2.5
            gazetteer = ["ours.tsv", "/abs/theirs.tsv"]
            [ingest]
            db = "news.db"
            delay = 5
        "#;
        let cli = parse_with(text, &["newskg", "extract", "a.html", "-o", "g.json"]).unwrap();
        let super::super::Command::Extract(x) = cli.command else {
            panic!()
        };
        assert_eq!(x.source.contact.as_deref(), Some("mailto:desk@example.com"));
        assert_eq!(x.source.delay, 2.5);
        assert_eq!(
            x.gazetteer,
            [
                PathBuf::from("/etc/newskg/ours.tsv"),
                PathBuf::from("/abs/theirs.tsv")
            ]
        );
        let cli = parse_with(
            text,
            &["newskg", "ingest", "--delay", "9", "--feeds", "f.txt"],
        )
        .unwrap();
        let super::super::Command::Ingest(i) = cli.command else {
            panic!()
        };
        assert_eq!(i.store.db, "/etc/newskg/news.db");
        assert_eq!(i.source.delay, 9.0);
        let cli = parse_with(text, &["newskg", "ingest", "--feeds", "f.txt"]).unwrap();
        let super::super::Command::Ingest(i) = cli.command else {
            panic!()
        };
        assert_eq!(
            i.source.delay, 5.0,
            "the command's table wins over the top level"
        );
    }

    #[test]
    fn unknown_and_misplaced_keys_are_errors() {
        for (text, want) in [
            ("colour = true", "colour: not a setting"),
            ("output = \"g.json\"", "output: not a setting"),
            ("[extract]\nevery = \"15m\"", "no command takes --every"),
            ("[nosuch]\ndelay = 1", "no such command"),
            ("delay = [", "TOML"),
            ("delay = true", "expected a string or a number"),
        ] {
            let err = parse_with(text, &["newskg", "stats", "--db", "x"]).unwrap_err();
            let chain = format!("{err:#}");
            assert!(chain.contains(want) || want == "TOML", "{text}: {chain}");
        }
    }

    #[test]
    fn the_file_is_found_by_flag_or_place() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            locate(&args(&["newskg", "--no-config", "stats"])).unwrap(),
            None
        );
        let err = locate(&args(&["newskg", "--config", "/no/such.toml", "stats"])).unwrap_err();
        assert!(err.to_string().contains("/no/such.toml"), "{err}");
    }
}
