//! One connection to the server, reopened when it breaks.
//!
//! Takes a `postgres://` URL; gives out [`Conn::run`], which runs one
//! operation (a statement or a whole transaction) and, when the server goes
//! away (restart, failover, a dropped connection), reconnects with back-off
//! and runs it again from the start, for up to the retry window. A
//! transaction that did not commit is rolled back by the server, so a retry
//! never finds half of it. Errors name the server (`postgres://user@host:port/db`)
//! and the operation, never the password.
//!
//! The URL is libpq's, with what libpq users expect: the password may come
//! from `PGPASSWORD` or the password file (`PGPASSFILE`, `~/.pgpass`), the
//! user from `PGUSER` or the login name, the host from `PGHOST` or the
//! local socket folder. `sslmode` is libpq's: `disable`; `prefer` (the
//! default) and `require` encrypt without checking the certificate, unless
//! `sslrootcert=FILE` is given; `verify-ca` and `verify-full` check it
//! against `sslrootcert` (or the Mozilla roots), `verify-full` the host name
//! too. TLS is rustls (no OpenSSL).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use postgres::config::{Host, SslMode};
use postgres::{Client, GenericClient, Statement};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::store::StoreError;

/// How long an operation keeps retrying while the server is unreachable.
pub const DEFAULT_RETRY_FOR: Duration = Duration::from_secs(600);

/// The first wait before reconnecting; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
/// The longest wait between two reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// How to reach the server: parsed once, used for every (re)connection.
pub struct Settings {
    config: postgres::Config,
    tls: MakeRustlsConnect,
    describe: String,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("db", &self.describe)
            .finish_non_exhaustive()
    }
}

/// `url` with any password replaced by `***` (for messages about a URL
/// that could not even be parsed).
pub fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let mut out = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = match rest.find('/') {
                Some(i) => rest.split_at(i),
                None => (rest, ""),
            };
            let authority = match authority.rsplit_once('@') {
                Some((userinfo, hosts)) => match userinfo.split_once(':') {
                    Some((user, _)) => format!("{user}:***@{hosts}"),
                    None => format!("{userinfo}@{hosts}"),
                },
                None => authority.to_string(),
            };
            format!("{scheme}://{authority}{path}")
        }
        None => base.to_string(),
    };
    if let Some(q) = query {
        let pairs: Vec<String> = q
            .split('&')
            .map(|p| match p.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => p.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

/// Why a client error happened, in words: the server's message with its
/// SQLSTATE, detail and hint, or the connection problem.
pub fn reason(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut s = format!("{} ({})", db.message(), db.code().code());
        if let Some(d) = db.detail() {
            s.push_str(&format!("; {d}"));
        }
        if let Some(h) = db.hint() {
            s.push_str(&format!("; hint: {h}"));
        }
        return s;
    }
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        let text = inner.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = inner.source();
    }
    s
}

/// Whether the operation may succeed if run again: the connection broke or
/// could not be made, the server is shutting down or starting up, or the
/// transaction lost a race (serialization failure, deadlock, a concurrent
/// insert of the same key).
pub fn is_retryable(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        return code.starts_with("08") // connection exception
            || matches!(
                code,
                "57P01" // admin_shutdown
                    | "57P02" // crash_shutdown
                    | "57P03" // cannot_connect_now (starting up)
                    | "53300" // too_many_connections
                    | "40001" // serialization_failure
                    | "40P01" // deadlock_detected
                    | "23505" // unique_violation: a concurrent insert of the same key
            );
    }
    // No server message: the connection itself failed.
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if inner.downcast_ref::<std::io::Error>().is_some() {
            return true;
        }
        source = inner.source();
    }
    let text = e.to_string();
    text.starts_with("error connecting")
        || text.starts_with("error communicating")
        || text.starts_with("timeout")
}

/// Whether the error leaves the connection unusable (so it is dropped
/// rather than reused).
fn breaks_connection(e: &postgres::Error) -> bool {
    !matches!(e.as_db_error(), Some(db) if !db.code().code().starts_with("08")
        && !db.code().code().starts_with("57P"))
}

impl Settings {
    /// Reads a `postgres://` URL (see the module documentation).
    pub fn parse(url: &str) -> Result<Settings, StoreError> {
        let config_err = |reason: String| StoreError::Config {
            db: redact(url),
            reason,
        };
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, q),
            None => (url, ""),
        };
        let mut sslmode = None;
        let mut rootcert = None;
        let mut rest: Vec<(String, String)> = Vec::new();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "sslmode" => sslmode = Some(v.into_owned()),
                "sslrootcert" => rootcert = Some(PathBuf::from(v.as_ref())),
                _ => rest.push((k.into_owned(), v.into_owned())),
            }
        }
        let mut rebuilt = base.to_string();
        if !rest.is_empty() {
            rebuilt.push('?');
            rebuilt.push_str(
                &url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&rest)
                    .finish(),
            );
        }
        let mut config: postgres::Config = rebuilt
            .parse()
            .map_err(|e: postgres::Error| config_err(format!("invalid connection URL: {e}")))?;
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .ok()
                .or_else(|| whoami::username().ok())
                .ok_or_else(|| config_err("no user name in the URL, PGUSER or the login".into()))?;
            config.user(&user);
        }
        if config.get_hosts().is_empty() {
            match std::env::var("PGHOST") {
                Ok(h) => {
                    for host in h.split(',') {
                        config.host(host);
                    }
                }
                Err(_) if std::path::Path::new("/var/run/postgresql").exists() => {
                    config.host_path("/var/run/postgresql");
                }
                Err(_) => {
                    config.host("localhost");
                }
            }
        }
        if config.get_password().is_none()
            && let Some(pw) = password_from_env(&config)
        {
            config.password(pw);
        }
        if config.get_application_name().is_none() {
            config.application_name("newskg");
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let verify = match sslmode.as_deref() {
            None | Some("prefer") => {
                config.ssl_mode(SslMode::Prefer);
                rootcert.is_some().then_some(false)
            }
            Some("disable") => {
                config.ssl_mode(SslMode::Disable);
                None
            }
            Some("require") => {
                config.ssl_mode(SslMode::Require);
                rootcert.is_some().then_some(false)
            }
            Some("verify-ca") => {
                config.ssl_mode(SslMode::Require);
                Some(false)
            }
            Some("verify-full") => {
                config.ssl_mode(SslMode::Require);
                Some(true)
            }
            Some(other) => {
                return Err(config_err(format!(
                    "sslmode={other}: expected disable, prefer, require, verify-ca or verify-full"
                )));
            }
        };
        let tls = tls_config(verify, rootcert.as_deref()).map_err(config_err)?;
        let describe = describe(&config);
        Ok(Settings {
            config,
            tls: MakeRustlsConnect::new(tls),
            describe,
        })
    }

    /// `postgres://user@host:port/db`, for messages.
    pub fn describe(&self) -> &str {
        &self.describe
    }

    fn connect(&self) -> Result<Client, postgres::Error> {
        self.config.connect(self.tls.clone())
    }
}

fn describe(config: &postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let port = config
                .get_ports()
                .get(i)
                .or(config.get_ports().first())
                .copied()
                .unwrap_or(5432);
            match h {
                Host::Tcp(name) => format!("{name}:{port}"),
                #[cfg(unix)]
                Host::Unix(path) => format!("[{}]:{port}", path.display()),
            }
        })
        .collect();
    format!(
        "postgres://{}@{}/{}",
        config.get_user().unwrap_or(""),
        hosts.join(","),
        config
            .get_dbname()
            .or(config.get_user())
            .unwrap_or_default()
    )
}

/// The password from `PGPASSWORD`, else the first matching line of the
/// password file (`host:port:database:user:password`, `*` matching anything).
fn password_from_env(config: &postgres::Config) -> Option<String> {
    if let Ok(pw) = std::env::var("PGPASSWORD") {
        return Some(pw);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(h) => h.clone(),
        #[cfg(unix)]
        Host::Unix(_) => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user()?;
    let db = config.get_dbname().unwrap_or(user);
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass(line);
            let [h, p, d, u, pw] = fields.as_slice() else {
                return None;
            };
            let ok = |pat: &str, v: &str| pat == "*" || pat == v;
            (ok(h, &host) && ok(p, &port) && ok(d, db) && ok(u, user)).then(|| pw.clone())
        })
}

/// The fields of a `.pgpass` line (`:` separated, `\:` and `\\` escaped).
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let c = match c {
            '\\' => match chars.next() {
                Some(n) => n,
                None => break,
            },
            ':' if fields.len() < 5 => {
                fields.push(String::new());
                continue;
            }
            c => c,
        };
        if let Some(f) = fields.last_mut() {
            f.push(c);
        }
    }
    fields
}

/// The TLS client configuration: `None`, encrypt without checking the
/// certificate (libpq's `prefer`/`require`); `Some(false)`, check it
/// against the roots but not the host name (`verify-ca`); `Some(true)`,
/// check both (`verify-full`).
fn tls_config(
    verify: Option<bool>,
    rootcert: Option<&std::path::Path>,
) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup: {e}"))?;
    let Some(full) = verify else {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify(provider)))
            .with_no_client_auth());
    };
    let mut roots = rustls::RootCertStore::empty();
    match rootcert {
        Some(path) => {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
                .and_then(|it| it.collect::<Result<_, _>>())
                .map_err(|e| format!("sslrootcert={}: {e}", path.display()))?;
            for c in certs {
                roots
                    .add(c)
                    .map_err(|e| format!("sslrootcert={}: {e}", path.display()))?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .map_err(|e| format!("TLS setup: {e}"))?;
    if full {
        return Ok(builder.with_webpki_verifier(webpki).with_no_client_auth());
    }
    Ok(builder
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(VerifyCa(webpki)))
        .with_no_client_auth())
}

/// libpq's `prefer`/`require`: the connection is encrypted, the server not
/// authenticated (signatures are still checked).
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// libpq's `verify-ca`: the chain must lead to a trusted root; the name in
/// the certificate need not match the host.
#[derive(Debug)]
struct VerifyCa(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for VerifyCa {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// An open connection and the statements prepared on it.
pub struct Session {
    /// The client.
    pub client: Client,
    /// Statements prepared on it.
    pub stmts: Stmts,
}

/// Statements prepared on one connection, by their SQL.
#[derive(Default)]
pub struct Stmts(HashMap<&'static str, Statement>);

impl Stmts {
    /// `sql` prepared on `client`'s connection (once).
    pub fn get(
        &mut self,
        client: &mut impl GenericClient,
        sql: &'static str,
    ) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.0.get(sql) {
            return Ok(s.clone());
        }
        let s = client.prepare(sql)?;
        self.0.insert(sql, s.clone());
        Ok(s)
    }
}

impl Session {
    /// `sql` prepared on this connection (once).
    pub fn stmt(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        self.stmts.get(&mut self.client, sql)
    }
}

/// A connection that reopens itself (see the module documentation).
pub struct Conn {
    settings: Arc<Settings>,
    session: Option<Session>,
    retry_for: Duration,
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conn")
            .field("db", &self.settings.describe)
            .finish_non_exhaustive()
    }
}

impl Conn {
    /// A connection to the server `settings` describe, opened on first use.
    pub fn new(settings: Arc<Settings>, retry_for: Duration) -> Conn {
        Conn {
            settings,
            session: None,
            retry_for,
        }
    }

    /// The server and database, for messages.
    pub fn describe(&self) -> &str {
        self.settings.describe()
    }

    /// The settings (to open another connection to the same server).
    pub fn settings(&self) -> Arc<Settings> {
        self.settings.clone()
    }

    /// Runs `op` (named `what` in messages), reconnecting and running it
    /// again from the start while the server is unreachable, up to the
    /// retry window. `op` must be one statement or one transaction, so that
    /// running it again is safe.
    pub fn run<T>(
        &mut self,
        what: &'static str,
        mut op: impl FnMut(&mut Session) -> Result<T, postgres::Error>,
    ) -> Result<T, StoreError> {
        let started = Instant::now();
        let mut wait = FIRST_BACKOFF;
        loop {
            let result = match self.session.as_mut() {
                Some(s) if !s.client.is_closed() => op(s),
                _ => match self.settings.connect() {
                    Ok(client) => {
                        let s = self.session.insert(Session {
                            client,
                            stmts: Stmts::default(),
                        });
                        op(s)
                    }
                    Err(e) => Err(e),
                },
            };
            let e = match result {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            if breaks_connection(&e) {
                self.session = None;
            }
            if !is_retryable(&e) {
                return Err(StoreError::Pg {
                    db: self.settings.describe.clone(),
                    op: what,
                    source: e,
                });
            }
            let waited = started.elapsed();
            if waited >= self.retry_for {
                return Err(StoreError::Unavailable {
                    db: self.settings.describe.clone(),
                    op: what,
                    waited_secs: waited.as_secs(),
                    reason: reason(&e),
                });
            }
            tracing::warn!(
                "{}: {what}: {}; retrying in {:.1} s",
                self.settings.describe,
                reason(&e),
                wait.as_secs_f64()
            );
            std::thread::sleep(wait.min(self.retry_for.saturating_sub(waited)));
            wait = (wait * 2).min(MAX_BACKOFF);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://kg:hunter2@db.example:5432/news?sslmode=require"),
            "postgres://kg:***@db.example:5432/news?sslmode=require"
        );
        assert_eq!(
            redact("postgres://db.example/news?password=hunter2&sslmode=disable"),
            "postgres://db.example/news?password=***&sslmode=disable"
        );
        assert_eq!(redact("postgres://kg@h/db"), "postgres://kg@h/db");
        let s =
            Settings::parse("postgres://kg:hunter2@db.example:6432/news?sslmode=disable").unwrap();
        assert_eq!(s.describe(), "postgres://kg@db.example:6432/news");
        let e = Settings::parse("postgres://kg:hunter2@db.example/news?sslmode=sometimes")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("sslmode=sometimes") && !e.contains("hunter2"),
            "{e}"
        );
        let e = Settings::parse("postgres://kg:hunter2@db.example:notaport/news")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("hunter2"), "{e}");
    }

    #[test]
    fn pgpass_lines() {
        assert_eq!(
            split_pgpass(r"db.example:5432:*:kg:pa\:ss\\word"),
            vec!["db.example", "5432", "*", "kg", r"pa:ss\word"]
        );
    }
}
