//! The small subset of Convex's sync protocol that `npx convex env get` and `env list` use
//! (convex-facts.md §3; convex-js `src/browser/sync/protocol.ts`, `client.ts`,
//! `remote_query_set.ts`): a WebSocket on `/api/<version>/sync`, JSON text frames, `Connect`,
//! `Authenticate` with an admin key, `ModifyQuerySet` adding the system queries for the
//! environment variables, answered with one `Transition` from version 0 to 1.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::net::TcpStream;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use tungstenite::protocol::Role;
use tungstenite::{Message, WebSocket};

/// RFC 6455's accept value for a client's `Sec-WebSocket-Key`.
pub fn accept_key(key: &str) -> String {
    tungstenite::handshake::derive_accept_key(key.as_bytes())
}

/// A u64 as the protocol spells timestamps: base64 of its little-endian bytes.
fn ts(value: u64) -> String {
    STANDARD.encode(value.to_le_bytes())
}

fn send(socket: &mut WebSocket<TcpStream>, message: &Value) -> Option<()> {
    socket.send(Message::text(message.to_string())).ok()
}

/// Answers one connection: the environment variables from `env`, for the admin key `valid`.
/// `record` is told each query run, with the key it was run with.
pub fn serve(
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    vars: &dyn Fn() -> BTreeMap<String, String>,
    valid: &dyn Fn(&str) -> bool,
    record: &dyn Fn(&str, &str),
) {
    // The HTTP upgrade is done: the frames (tungstenite's) start with what was read past it.
    let mut socket = WebSocket::from_partially_read(writer, reader.buffer().to_vec(), Role::Server, None);
    let mut admin_key: Option<String> = None;
    // Pings are answered by tungstenite as it reads; a close or an error ends the connection.
    while let Ok(message) = socket.read() {
        let Message::Text(text) = message else { continue };
        let Ok(message) = serde_json::from_str::<Value>(&text) else { return };
        match message["type"].as_str() {
            Some("Authenticate") => admin_key = message["value"].as_str().map(str::to_string),
            Some("ModifyQuerySet") => {
                let key = admin_key.clone().unwrap_or_default();
                if !valid(&key) {
                    // What the backend says to a query it will not run for this identity.
                    let _ = send(
                        &mut socket,
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
                send(&mut socket, &transition);
            }
            _ => {}
        }
    }
}
