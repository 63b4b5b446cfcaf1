//! TLS with rustls (ring): to upstreams (`https://` routes) and on listeners.
//!
//! Upstream certificates are verified against the system's roots, or only against the CAs in
//! `--upstream-ca FILE` (as `curl --cacert` and nginx's `proxy_ssl_trusted_certificate` do);
//! `--insecure-upstream` turns verification off and says so in the log. A listener serves TLS
//! with a PEM certificate chain and key (`--tls-cert`, `--tls-key`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, ServerConfig, SignatureScheme};

/// A TLS setting that cannot be used, naming the file and why.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TlsError(pub String);

/// How upstream certificates are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpstreamTls {
    /// Trust only the CA certificates in this PEM file instead of the system's roots.
    pub ca_file: Option<PathBuf>,
    /// Do not verify upstream certificates at all.
    pub insecure: bool,
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn certs(file: &Path, what: &str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let bad = |e: &dyn std::fmt::Display| TlsError(format!("{what} {}: {e}", file.display()));
    let certs = CertificateDer::pem_file_iter(file)
        .map_err(|e| bad(&e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(&e))?;
    if certs.is_empty() {
        return Err(bad(&"no PEM certificate in the file"));
    }
    Ok(certs)
}

/// The client configuration for upstream connections (ALPN is set by the connector).
pub fn client_config(tls: &UpstreamTls) -> Result<ClientConfig, TlsError> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError(format!("TLS setup: {e}")))?;
    if tls.insecure {
        let verifier = NoVerification(provider().signature_verification_algorithms);
        return Ok(builder.dangerous().with_custom_certificate_verifier(Arc::new(verifier)).with_no_client_auth());
    }
    let roots = match &tls.ca_file {
        Some(file) => roots_from(file, "--upstream-ca", RootCertStore::empty())?,
        None => system_roots("https upstreams will fail; give --upstream-ca"),
    };
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// The system's root certificates (a warning naming `otherwise` when there are none).
fn system_roots(otherwise: &str) -> RootCertStore {
    let mut roots = RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    for e in &found.errors {
        tracing::warn!(error = %e, "Could not load some system root certificates.");
    }
    let (added, _ignored) = roots.add_parsable_certificates(found.certs);
    if added == 0 {
        tracing::warn!("No system root certificates found: {otherwise}.");
    }
    roots
}

/// `roots` and the CA certificates of a PEM file (named by `flag` in errors).
fn roots_from(file: &Path, flag: &str, mut roots: RootCertStore) -> Result<RootCertStore, TlsError> {
    for cert in certs(file, flag)? {
        roots.add(cert).map_err(|e| TlsError(format!("{flag} {}: {e}", file.display())))?;
    }
    Ok(roots)
}

/// The client configuration for mockdrift's own requests ([`crate::client`]): the system's
/// roots, and also the CAs of `extra_ca` (named by `flag` in errors; a private CA of an
/// internal endpoint).
pub fn trusting(extra_ca: Option<&Path>, flag: &str) -> Result<ClientConfig, TlsError> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError(format!("TLS setup: {e}")))?;
    let roots = system_roots(&format!("only the CAs of {flag} are trusted"));
    let roots = match extra_ca {
        Some(file) => roots_from(file, flag, roots)?,
        None => roots,
    };
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// The connector for upstream and own requests: `http://` and `https://` with `tls`,
/// HTTP/1.1 or HTTP/2 by ALPN, giving up on a TCP connection after `connect_timeout`.
pub(crate) fn https_connector(
    tls: ClientConfig,
    connect_timeout: std::time::Duration,
) -> hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector> {
    let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
    http.set_connect_timeout(Some(connect_timeout));
    http.set_nodelay(true);
    http.enforce_http(false);
    hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .wrap_connector(http)
}

/// A client configuration that trusts nothing, for routes with no `https://` upstream (no
/// system roots are loaded for them).
pub fn no_upstream_tls() -> ClientConfig {
    ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(RootCertStore::empty())
        .with_no_client_auth()
}

/// The server configuration for a TLS listener, from PEM files; HTTP/2 or HTTP/1.1 over ALPN.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, TlsError> {
    let chain = certs(cert, "--tls-cert")?;
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| TlsError(format!("--tls-key {}: no usable PEM private key ({e})", key.display())))?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError(format!("TLS setup: {e}")))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| TlsError(format!("--tls-cert {} with --tls-key: {e}", cert.display())))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// `--insecure-upstream`: any certificate is accepted; handshake signatures are still checked
/// (so the connection is at least encrypted to whoever holds the key it presented).
#[derive(Debug)]
struct NoVerification(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for NoVerification {
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
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}
