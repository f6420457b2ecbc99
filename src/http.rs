//! The one HTTP client every network call goes through, so the safety rules live in one place:
//! a timeout on every request, no redirect ever followed (a request may carry a key), response
//! bodies capped at 1 MiB, and plain `http://` only for this machine unless the user allows it.

use std::io::Read;
use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, RequestBuilder};
use reqwest::{Url, redirect};

use crate::secrets::Secret;

pub const MAX_BODY: u64 = 1 << 20;

/// Sent as `Convex-Client` on every request; Convex wants `<name>-<semver>` there.
const CLIENT: &str = concat!("convex-authjs-", env!("CARGO_PKG_VERSION"));

pub struct Http {
    /// Built on first use: a run that only talks to this machine never builds the proxied one.
    client: OnceLock<Client>,
    /// The same client without proxies, for this machine: a proxy must never see a request
    /// (and its key) that was meant to stay on loopback.
    direct: OnceLock<Client>,
    allow_insecure: bool,
    timeout: Duration,
    /// When set, no request outlives it, whatever its own timeout.
    deadline: Option<Instant>,
}

/// A response read to the end (within the cap). Redirects arrive here as 3xx, never followed.
#[derive(Debug)]
pub struct Response {
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Response {
    /// The media type without parameters: `application/json; charset=utf-8` → `application/json`.
    pub fn media_type(&self) -> Option<&str> {
        self.content_type.as_deref().map(|t| t.split(';').next().unwrap_or("").trim())
    }

    pub fn is_json(&self) -> bool {
        self.media_type().is_some_and(|t| t.ends_with("json"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("{url} is not an http(s) URL{}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
    BadUrl { url: String, reason: Option<String> },
    #[error("{url} uses plain http:// to another machine, which would send keys unencrypted")]
    Insecure { url: String },
    /// `https://user:password@host`: shown without them, never sent (the key goes in a header).
    #[error("{url} carries a user name or password in the URL, which is refused")]
    Credentials { url: String },
    #[error("no answer from {url} within {seconds} s")]
    Timeout { url: String, seconds: u64 },
    #[error("cannot reach {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the answer from {url} is larger than 1 MiB")]
    TooLarge { url: String },
}

impl Http {
    pub fn new(timeout: Duration, allow_insecure: bool) -> Http {
        Http { client: OnceLock::new(), direct: OnceLock::new(), allow_insecure, timeout, deadline: None }
    }

    fn client(&self, url: &Url) -> &Client {
        let direct = is_loopback(url);
        let slot = if direct { &self.direct } else { &self.client };
        slot.get_or_init(|| {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert("Convex-Client", reqwest::header::HeaderValue::from_static(CLIENT));
            // Proxies come from HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, as in the convex CLI.
            let builder = Client::builder()
                .default_headers(headers)
                .timeout(self.timeout)
                .connect_timeout(self.timeout)
                .redirect(redirect::Policy::none())
                .user_agent(concat!("convex-authjs/", env!("CARGO_PKG_VERSION")));
            let builder = if direct { builder.no_proxy() } else { builder };
            builder.build().expect("the HTTP client's settings are valid")
        })
    }

    /// The same client, with every request cut short at `deadline` (doctor's whole-run bound).
    pub fn until(mut self, deadline: Instant) -> Http {
        self.deadline = Some(deadline);
        self
    }

    /// The same client and its connections, for a part of the run bounded by `deadline`.
    pub fn bounded(&self, deadline: Instant) -> Http {
        Http {
            client: self.client.clone(),
            direct: self.direct.clone(),
            allow_insecure: self.allow_insecure,
            timeout: self.timeout,
            deadline: Some(deadline),
        }
    }

    pub fn get(&self, url: &str, authorization: Option<&Secret>) -> Result<Response, HttpError> {
        let url = self.check(url)?;
        self.send(&url, self.client(&url).get(url.clone()), authorization)
    }

    pub fn post_json(
        &self,
        url: &str,
        authorization: Option<&Secret>,
        body: &serde_json::Value,
    ) -> Result<Response, HttpError> {
        self.send_json(reqwest::Method::POST, url, authorization, body)
    }

    /// A JSON body with `PATCH` (a hosting provider's update of one value).
    pub fn patch_json(
        &self,
        url: &str,
        authorization: Option<&Secret>,
        body: &serde_json::Value,
    ) -> Result<Response, HttpError> {
        self.send_json(reqwest::Method::PATCH, url, authorization, body)
    }

    fn send_json(
        &self,
        method: reqwest::Method,
        url: &str,
        authorization: Option<&Secret>,
        body: &serde_json::Value,
    ) -> Result<Response, HttpError> {
        let url = self.check(url)?;
        let request = self
            .client(&url)
            .request(method, url.clone())
            .header("Content-Type", "application/json")
            .body(body.to_string());
        self.send(&url, request, authorization)
    }

    fn check(&self, url: &str) -> Result<Url, HttpError> {
        let parsed = Url::parse(url).map_err(|e| {
            // The url crate's words for its errors (reqwest does not export its error type).
            let reason = match e.to_string().as_str() {
                "invalid port number" => Some("its port is not a number from 1 to 65535".to_string()),
                "empty host" => Some("it has no host".to_string()),
                "relative URL without a base" => Some("it has no scheme: start it with https://".to_string()),
                _ => None,
            };
            HttpError::BadUrl { url: url.into(), reason }
        })?;
        refuse_credentials(&parsed)?;
        match parsed.scheme() {
            "https" => Ok(parsed),
            "http" if self.allow_insecure || is_loopback(&parsed) => Ok(parsed),
            "http" => Err(HttpError::Insecure { url: url.into() }),
            _ => Err(HttpError::BadUrl { url: url.into(), reason: None }),
        }
    }

    /// Sends and reads the whole answer within the timeout (and the deadline): the request runs
    /// on a thread of its own and is given up when the time is out, however slowly a server
    /// trickles its body. A thread given up on ends with the process.
    fn send(&self, url: &Url, request: RequestBuilder, authorization: Option<&Secret>) -> Result<Response, HttpError> {
        let shown = url.to_string();
        let request = match authorization {
            Some(value) => request.header("Authorization", value.expose()),
            None => request,
        };
        let seconds = self.timeout.as_secs();
        let limit = match self.deadline {
            Some(deadline) => deadline.saturating_duration_since(Instant::now()).min(self.timeout),
            None => self.timeout,
        };
        if limit.is_zero() {
            return Err(HttpError::Timeout { url: shown, seconds });
        }
        let (answer, answered) = std::sync::mpsc::channel();
        let url_for_thread = shown.clone();
        // reqwest's own timeout is a backstop, later than ours, so that ours is what ends it.
        let backstop = limit + Duration::from_secs(1);
        std::thread::spawn(move || {
            let _ = answer.send(Http::exchange(&url_for_thread, seconds, request.timeout(backstop)));
        });
        answered.recv_timeout(limit).unwrap_or(Err(HttpError::Timeout { url: shown, seconds }))
    }

    fn exchange(url: &str, seconds: u64, request: RequestBuilder) -> Result<Response, HttpError> {
        let shown = url.to_string();
        let response = request.send().map_err(|e| transport_error(&shown, seconds, &e))?;
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (status, content_type, location) = (response.status().as_u16(), header("content-type"), header("location"));
        let mut body = Vec::new();
        response.take(MAX_BODY + 1).read_to_end(&mut body).map_err(|e| {
            let reqwest_timeout =
                e.get_ref().and_then(|inner| inner.downcast_ref::<reqwest::Error>()).is_some_and(|r| r.is_timeout());
            let timed_out = reqwest_timeout || e.kind() == std::io::ErrorKind::TimedOut;
            if timed_out {
                HttpError::Timeout { url: shown.clone(), seconds }
            } else {
                HttpError::Unreachable { url: shown.clone(), reason: e.to_string() }
            }
        })?;
        if body.len() as u64 > MAX_BODY {
            return Err(HttpError::TooLarge { url: shown });
        }
        Ok(Response { url: shown, status, content_type, location, body })
    }
}

fn transport_error(url: &str, seconds: u64, e: &reqwest::Error) -> HttpError {
    if e.is_timeout() {
        return HttpError::Timeout { url: url.into(), seconds };
    }
    // reqwest's own text repeats the URL; the innermost cause says what went wrong.
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    HttpError::Unreachable { url: url.into(), reason: cause.to_string() }
}

/// A URL as we keep it: without a trailing `/`, so paths can be appended and URLs compared.
pub fn normalize(url: &str) -> String {
    url.trim_end_matches('/').to_string()
}

/// Scheme, host and port.
pub fn origin(url: &str) -> Option<String> {
    let parsed = Url::parse(url).ok()?;
    Some(format!("{}://{}:{}", parsed.scheme(), parsed.host_str()?, parsed.port_or_known_default()?))
}

/// Refuses a URL with a user name or password in it, naming it without them.
fn refuse_credentials(url: &Url) -> Result<(), HttpError> {
    if url.username().is_empty() && url.password().is_none() {
        return Ok(());
    }
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    Err(HttpError::Credentials { url: shown.to_string() })
}

/// [`refuse_credentials`] for a URL before it is shown anywhere; a URL that does not parse is
/// left for the request to name.
pub fn check_credentials(url: &str) -> Result<(), HttpError> {
    Url::parse(url).map_or(Ok(()), |parsed| refuse_credentials(&parsed))
}

fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some("localhost") => true,
        Some(host) => host.trim_matches(['[', ']']).parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_for_this_machine() {
        let http = Http::new(Duration::from_secs(1), false);
        for url in ["http://127.0.0.1:3210", "http://localhost:1/x", "http://[::1]:80/", "http://127.9.9.9/"] {
            assert!(http.check(url).is_ok(), "{url}");
        }
        for url in ["http://example.convex.cloud", "http://10.0.0.1:3210", "http://127.0.0.1.example.com/"] {
            assert_eq!(http.check(url), Err(HttpError::Insecure { url: url.into() }));
        }
        assert!(matches!(http.check("ftp://x"), Err(HttpError::BadUrl { .. })));
        let with_password = http.check("https://user:hunter22@x.convex.cloud/").unwrap_err().to_string();
        assert!(with_password.contains("https://x.convex.cloud/") && !with_password.contains("hunter22"));
        let port = http.check("http://127.0.0.1:70000").unwrap_err().to_string();
        assert!(port.contains("port is not a number from 1 to 65535"), "{port}");
        assert!(Http::new(Duration::from_secs(1), true).check("http://example.convex.cloud").is_ok());
    }

    #[test]
    fn urls_are_kept_without_a_trailing_slash_and_compared_by_origin() {
        assert_eq!(normalize("https://a.b//"), "https://a.b");
        assert_eq!(origin("https://a.b/x"), Some("https://a.b:443".into()));
        assert_ne!(origin("http://127.0.0.1:1/x"), origin("http://127.0.0.1:2/x"));
    }
}
