//! One module per command: gather the inputs, call the domain, show the result. No command
//! module uses another; what two commands share lives beside them (`ui`, `store`, `report`,
//! `connection`, `adapter_code`, `hosting`) or in the domain.

pub mod completions;
pub mod doctor;
pub mod env_push;
pub mod init;
pub mod keys;
pub mod rotation;
pub mod secret;
pub mod setup;

mod adapter_code;
mod connection;
mod hosting;
mod report;
mod store;
mod ui;

pub use ui::{Streams, Ui};
