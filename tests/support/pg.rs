//! A throwaway PostgreSQL cluster for tests: `initdb` into a temporary
//! folder, `pg_ctl start` on 127.0.0.1 at a free port (and a Unix socket in
//! that folder), stopped and removed when dropped.
//!
//! The server binaries are found through `NEWSKG_PG_BIN`, then
//! `pg_config --bindir`, then Debian's `/usr/lib/postgresql/<newest>/bin`.
//! `initdb` and `postgres` refuse to run as root: as root (CI), the folder is
//! given to the `postgres` user and the binaries run through
//! `runuser -u postgres --`. Where no PostgreSQL is installed the test is
//! skipped with a message ([`require::skip`]), or fails under
//! `NEWSKG_REQUIRE_ALL`.
//!
//! The superuser is `postgres` with the password [`PASSWORD`]; connections
//! over TCP use SCRAM passwords (so tests see real authentication), those
//! over the socket are trusted.
#![allow(dead_code)] // each test file uses a different part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "require.rs"]
mod require;

/// The superuser's password.
pub const PASSWORD: &str = "s3cret-Pw!";

/// A running throwaway cluster.
#[derive(Debug)]
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    as_postgres: bool,
    /// The TCP port on 127.0.0.1.
    pub port: u16,
}

/// Where the server binaries are, if anywhere.
pub fn bin_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NEWSKG_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    if let Ok(o) = Command::new("pg_config").arg("--bindir").output()
        && o.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
        if dir.join("initdb").exists() {
            return Some(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

impl Cluster {
    /// Starts a cluster, or skips `test` (`None`) where PostgreSQL is not
    /// installed.
    pub fn start(test: &str) -> Option<Cluster> {
        let Some(bin) = bin_dir() else {
            require::skip(
                test,
                "PostgreSQL server binaries not found (install Debian's postgresql, or set NEWSKG_PG_BIN)",
            );
            return None;
        };
        let as_postgres = is_root();
        let dir = tempfile::Builder::new()
            .prefix("newskg-pg-")
            .tempdir()
            .expect("a temporary folder");
        let mut cluster = Cluster {
            dir,
            bin,
            as_postgres,
            port: 0,
        };
        std::fs::write(cluster.dir.path().join("pw"), PASSWORD).unwrap();
        if as_postgres {
            let o = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(cluster.dir.path())
                .output()
                .expect("chown");
            assert!(o.status.success(), "chown: {o:?}");
        }
        let data = cluster.data();
        let pw = cluster.dir.path().join("pw");
        let o = cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--pwfile",
                pw.to_str().unwrap(),
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        assert!(o.status.success(), "initdb failed: {}", text(&o));
        cluster.port = free_port();
        cluster.pg_ctl_start();
        Some(cluster)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The folder holding the data, the socket and the server log.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The server log.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        self.command(program)
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
    }

    fn pg_ctl_start(&self) {
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={} \
             -c fsync=off -c full_page_writes=off -c max_connections=60 \
             -c log_min_messages=warning",
            self.port,
            self.dir.path().display()
        );
        let data = self.data();
        let log = self.dir.path().join("server.log");
        let o = self.run(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-o",
                &opts,
            ],
        );
        assert!(
            o.status.success(),
            "pg_ctl start failed: {}\n{}",
            text(&o),
            self.log()
        );
    }

    /// Stops the server (`mode`: `fast` or `immediate`, a crash).
    pub fn stop(&self, mode: &str) {
        let data = self.data();
        let o = self.run(
            "pg_ctl",
            &["stop", "-w", "-m", mode, "-D", data.to_str().unwrap()],
        );
        assert!(o.status.success(), "pg_ctl stop failed: {}", text(&o));
    }

    /// Starts the server again after [`Cluster::stop`], on the same port.
    pub fn start_again(&self) {
        self.pg_ctl_start();
    }

    /// A `postgres://` URL for database `db` as the superuser, with the
    /// password in it.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgres://postgres:{}@127.0.0.1:{}/{db}",
            PASSWORD.replace('!', "%21"),
            self.port
        )
    }

    /// Runs SQL through `psql` over the socket (as the superuser) in `db`;
    /// its output, unaligned, tuples only.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let o = Command::new(self.bin.join("psql"))
            .args(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(self.dir.path())
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                db,
                "-c",
                sql,
            ])
            .output()
            .expect("psql");
        assert!(o.status.success(), "psql {sql:?}: {}", text(&o));
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// Turns TLS on with a certificate for 127.0.0.1 signed by a throwaway
    /// CA (made with the `openssl` command); gives the CA's certificate, or
    /// `None` (after [`require::skip`]) without `openssl`.
    pub fn enable_tls(&self, test: &str) -> Option<PathBuf> {
        let dir = self.dir.path().join("tls");
        std::fs::create_dir_all(&dir).unwrap();
        let openssl = |args: &[&str]| {
            Command::new("openssl")
                .args(args)
                .current_dir(&dir)
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false)
        };
        std::fs::write(
            dir.join("leaf.ext"),
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
             keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        let made = openssl(
            &[
                &["req", "-x509"],
                &ec[..],
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.crt",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=newskg test CA",
                ],
            ]
            .concat(),
        ) && openssl(
            &[
                &["req"],
                &ec[..],
                &[
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=127.0.0.1",
                ],
            ]
            .concat(),
        ) && openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
        ]);
        if !made {
            require::skip(
                test,
                "the openssl command is needed to make test certificates",
            );
            return None;
        }
        let key = dir.join("server.key");
        std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        if self.as_postgres {
            let o = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir)
                .output()
                .expect("chown");
            assert!(o.status.success(), "chown: {o:?}");
        }
        for (k, v) in [
            ("ssl_cert_file", dir.join("server.crt")),
            ("ssl_key_file", key),
        ] {
            self.psql(
                "postgres",
                &format!("ALTER SYSTEM SET {k} = '{}'", v.display()),
            );
        }
        self.psql("postgres", "ALTER SYSTEM SET ssl = on");
        self.psql("postgres", "SELECT pg_reload_conf()");
        Some(dir.join("ca.crt"))
    }

    /// Creates database `name` and gives its URL.
    pub fn create_db(&self, name: &str) -> String {
        self.psql("postgres", &format!("CREATE DATABASE \"{name}\""));
        self.url(name)
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args(["stop", "-m", "immediate", "-D"])
            .arg(&data)
            .current_dir(self.dir.path())
            .output();
    }
}
