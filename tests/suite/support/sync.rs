//! The small subset of Convex's sync protocol that `npx convex env get` and `env list` use
//! (convex-facts.md §3; convex-js `src/browser/sync/protocol.ts`, `client.ts`,
//! `remote_query_set.ts`): a WebSocket on `/api/<version>/sync`, JSON text frames, `Connect`,
//! `Authenticate` with an admin key, `ModifyQuerySet` adding the system queries for the
//! environment variables, answered with one `Transition` from version 0 to 1.

use std::collections::BTreeMap;
use std::io::{BufReader, Read, Write};
use std::net::TcpStream;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

/// RFC 6455's accept value for a client's `Sec-WebSocket-Key`.
pub fn accept_key(key: &str) -> String {
    let digest = aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
        format!("{key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11").as_bytes(),
    );
    STANDARD.encode(digest.as_ref())
}

/// A u64 as the protocol spells timestamps: base64 of its little-endian bytes.
fn ts(value: u64) -> String {
    STANDARD.encode(value.to_le_bytes())
}

/// Reads one message frame: `Some(text)` for text, `None` when the client closed. Pings are
/// answered on the way.
fn read_message(reader: &mut BufReader<TcpStream>, writer: &mut TcpStream) -> Option<String> {
    loop {
        let mut head = [0u8; 2];
        reader.read_exact(&mut head).ok()?;
        let opcode = head[0] & 0x0f;
        let mut length = u64::from(head[1] & 0x7f);
        if length == 126 {
            let mut bytes = [0u8; 2];
            reader.read_exact(&mut bytes).ok()?;
            length = u64::from(u16::from_be_bytes(bytes));
        } else if length == 127 {
            let mut bytes = [0u8; 8];
            reader.read_exact(&mut bytes).ok()?;
            length = u64::from_be_bytes(bytes);
        }
        let mut mask = [0u8; 4];
        if head[1] & 0x80 != 0 {
            reader.read_exact(&mut mask).ok()?;
        }
        let mut payload = vec![0u8; usize::try_from(length).ok()?];
        reader.read_exact(&mut payload).ok()?;
        for (i, byte) in payload.iter_mut().enumerate() {
            *byte ^= mask[i % 4];
        }
        match opcode {
            0x1 => return String::from_utf8(payload).ok(),
            0x8 => {
                let _ = write_frame(writer, 0x8, &[]);
                return None;
            }
            0x9 => write_frame(writer, 0xA, &payload).ok()?,
            _ => {}
        }
    }
}

fn write_frame(writer: &mut TcpStream, opcode: u8, payload: &[u8]) -> std::io::Result<()> {
    let mut frame = vec![0x80 | opcode];
    match payload.len() {
        n if n < 126 => frame.push(n as u8),
        n if n <= usize::from(u16::MAX) => {
            frame.push(126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(payload);
    writer.write_all(&frame)?;
    writer.flush()
}

fn send(writer: &mut TcpStream, message: &Value) -> Option<()> {
    write_frame(writer, 0x1, message.to_string().as_bytes()).ok()
}

/// Answers one connection: the environment variables from `env`, for the admin key `valid`.
/// `record` is told each query run, with the key it was run with.
pub fn serve(
    mut reader: BufReader<TcpStream>,
    mut writer: TcpStream,
    vars: &dyn Fn() -> BTreeMap<String, String>,
    valid: &dyn Fn(&str) -> bool,
    record: &dyn Fn(&str, &str),
) {
    let mut admin_key: Option<String> = None;
    while let Some(text) = read_message(&mut reader, &mut writer) {
        let Ok(message) = serde_json::from_str::<Value>(&text) else { return };
        match message["type"].as_str() {
            Some("Authenticate") => admin_key = message["value"].as_str().map(str::to_string),
            Some("ModifyQuerySet") => {
                let key = admin_key.clone().unwrap_or_default();
                if !valid(&key) {
                    // What the backend says to a query it will not run for this identity.
                    let _ = send(
                        &mut writer,
                        &json!({ "type": "FatalError", "error": "BadAdminKey: The provided admin key was invalid for this instance" }),
                    );
                    return;
                }
                let vars = vars();
                let mut modifications = Vec::new();
                for add in message["modifications"].as_array().into_iter().flatten().filter(|m| m["type"] == "Add") {
                    let path = add["udfPath"].as_str().unwrap_or("");
                    record(path, &key);
                    let entry = |name: &str, value: &str| json!({ "_id": format!("fake{name}"), "_creationTime": 1.0, "name": name, "value": value });
                    let value = match path {
                        "_system/cli/queryEnvironmentVariables:get" => {
                            let name = add["args"][0]["name"].as_str().unwrap_or("");
                            vars.get(name).map_or(Value::Null, |v| entry(name, v))
                        }
                        "_system/cli/queryEnvironmentVariables" => {
                            Value::Array(vars.iter().map(|(n, v)| entry(n, v)).collect())
                        }
                        _ => Value::Null,
                    };
                    modifications.push(json!({
                        "type": "QueryUpdated", "queryId": add["queryId"], "value": value, "logLines": [], "journal": null
                    }));
                }
                let transition = json!({
                    "type": "Transition",
                    "startVersion": { "querySet": message["baseVersion"], "identity": 0, "ts": ts(0) },
                    "endVersion": { "querySet": message["newVersion"], "identity": 1, "ts": ts(1_000_000) },
                    "modifications": modifications,
                });
                send(&mut writer, &transition);
            }
            _ => {}
        }
    }
}
