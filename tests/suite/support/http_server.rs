//! A small HTTP/1.1 server for the fake deployment: a thread per connection, keep-alive, and
//! a handler that may decline to answer (a hung server). Written here rather than taken from a
//! crate so that idle keep-alive connections can never starve new ones of a worker thread.
//! A handler that panics answers 500 and fails the test when the server is dropped: a broken
//! fake must never pass for a client that copes with a dropped connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub struct Request {
    pub method: String,
    /// The path without its query string.
    pub path: String,
    /// The query string, without its `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What takes over a connection after a `101 Switching Protocols`.
pub type Upgrade = Box<dyn FnOnce(BufReader<TcpStream>, TcpStream) + Send>;

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub upgrade: Option<Upgrade>,
    /// Send the body one byte at a time, this far apart (a server that trickles).
    pub trickle: Option<Duration>,
}

impl Reply {
    pub fn new(status: u16, content_type: Option<&str>, body: impl Into<Vec<u8>>) -> Reply {
        let headers = content_type.map(|t| vec![("Content-Type".to_string(), t.to_string())]).unwrap_or_default();
        Reply { status, headers, body: body.into(), upgrade: None, trickle: None }
    }

    /// A `101` that hands the connection to `then` (a WebSocket).
    pub fn switching(accept: &str, then: Upgrade) -> Reply {
        let reply = Reply::new(101, None, Vec::new())
            .header("Upgrade", "websocket")
            .header("Connection", "Upgrade")
            .header("Sec-WebSocket-Accept", accept);
        Reply { upgrade: Some(then), ..reply }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// `None` from the handler means: never answer (the connection stays open, silent).
pub type Handler = Arc<dyn Fn(Request) -> Option<Reply> + Send + Sync>;

pub struct Server {
    pub url: String,
    stop: Arc<AtomicBool>,
    /// What each panicking handler said.
    panics: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        let panics = self.panics.lock().map(|p| p.clone()).unwrap_or_default();
        if !panics.is_empty() && !thread::panicking() {
            panic!("the test server's handler panicked: {}", panics.join("; "));
        }
    }
}

pub fn serve(handler: Handler) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let stop = Arc::new(AtomicBool::new(false));
    let panics = Arc::new(Mutex::new(Vec::new()));
    let (stopping, panicked) = (stop.clone(), panics.clone());
    thread::spawn(move || {
        for stream in listener.incoming() {
            if stopping.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let (handler, panicked) = (handler.clone(), panicked.clone());
            thread::spawn(move || connection(stream, &handler, &panicked));
        }
    });
    Server { url, stop, panics }
}

/// Runs the handler; a panic becomes a 500 and is kept for [`Server`]'s drop to report.
fn answer(handler: &Handler, request: Request, panics: &Mutex<Vec<String>>) -> Option<Reply> {
    let line = format!("{} {}", request.method, request.path);
    catch_unwind(AssertUnwindSafe(|| handler(request))).unwrap_or_else(|payload| {
        let said = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if let Ok(mut panics) = panics.lock() {
            panics.push(format!("{line}: {said}"));
        }
        Some(Reply::new(500, Some("text/plain"), "the test server's handler panicked"))
    })
}

fn connection(stream: TcpStream, handler: &Handler, panics: &Mutex<Vec<String>>) {
    let mut writer = match stream.try_clone() {
        Ok(w) => w,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let Some(mut reply) = answer(handler, request, panics) else {
            thread::sleep(Duration::from_secs(600));
            return;
        };
        let upgrade = reply.upgrade.take();
        if write_reply(&mut writer, reply).is_err() {
            return;
        }
        if let Some(then) = upgrade {
            return then(reader, writer);
        }
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (path, query) = (path.to_string(), query.to_string());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, path, query, headers, body: String::from_utf8_lossy(&body).into_owned() })
}

fn write_reply(writer: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} Fake\r\n", reply.status);
    if reply.status != 101 {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    writer.write_all(head.as_bytes())?;
    match reply.trickle {
        Some(pause) => {
            for byte in &reply.body {
                writer.write_all(&[*byte])?;
                writer.flush()?;
                thread::sleep(pause);
            }
        }
        None => writer.write_all(&reply.body)?,
    }
    writer.flush()
}
